"""Claims of docs/depth-and-linear-regions.md, checked on the snippets' results."""

PAGE = "depth-and-linear-regions"


def test_one_layer_has_at_most_n_plus_one_pieces(snippet):
    r = snippet(f"{PAGE}/shallow-pieces").results
    assert r["bound_holds"]
    assert r["bound_reached"]
    assert r["max_pieces"] == [n + 1 for n in r["widths"]]
    # on a bounded interval a random net usually has fewer than the maximum
    assert r["mean_pieces_16"] < 17


def test_tent_composition_doubles_the_pieces(snippet):
    r = snippet(f"{PAGE}/sawtooth").results
    assert r["pieces"] == [2**k for k in r["depths"]]
    assert r["all_powers_of_two"]
    assert r["pieces_at_8"] == 256 and r["units_at_8"] == 16
    assert r["shallow_bound_at_8"] == 17
    # few parameters for many pieces: they cannot all be independent
    assert r["params_at_8"] < r["pieces_at_8"] / 4


def test_width_three_zigzag_reaches_the_bound(snippet):
    r = snippet(f"{PAGE}/zigzag-bound").results
    assert r["width"] == 3 and r["depths"] == [1, 2, 3, 4, 5]
    # exactly (3 + 1)^L pieces: the counting bound is met at every depth
    assert r["pieces"] == [4**d for d in r["depths"]] == r["bound"]
    assert r["bound_reached"] and r["pieces_deepest"] == 1024
    assert r["units_deepest"] == 15
    # each layer quadruples the pieces, twice as fast as the tent doubles them
    assert all(b == 4 * a for a, b in zip(r["pieces"], r["pieces"][1:]))
    assert r["tent_pieces"] == [2**d for d in r["depths"]]
    # the zigzag runs 1, 0, 1, 0, 1 at its corners: each piece covers [0, 1]
    assert r["corner_values"] == [1.0, 0.0, 1.0, 0.0, 1.0]
    # the network computes the zigzag composed with itself
    assert r["net_vs_direct"] < 1e-12


def test_regions_in_the_plane(snippet):
    r = snippet(f"{PAGE}/regions-2d").results
    assert r["n_units"] == 24
    assert r["regions_deep_tents"] == 64 * 64
    assert r["shallow_max_whole_plane"] == 301
    assert r["regions_shallow"] <= r["shallow_max_whole_plane"]
    assert r["regions_deep_tents"] > 10 * r["shallow_max_whole_plane"]
    # the random deep net is nowhere near its hand-set counterpart
    assert r["regions_deep_random"] < r["regions_deep_tents"] / 20
    # and, as the page says, it has fewer regions than the random shallow net
    assert r["regions_deep_random"] < r["regions_shallow"]


def test_random_init_is_far_from_the_maximum(snippet):
    r = snippet(f"{PAGE}/random-init-regions").results
    means, bound = r["mean_pieces"], r["bound"]
    assert all(m <= b for m, b in zip(means, bound))
    assert means == sorted(means)  # more layers, more pieces
    # roughly proportional to the number of units, not exponential in depth
    assert 0.5 < r["pieces_per_unit_min"] <= r["pieces_per_unit_max"] < 1.5
    assert r["mean_pieces_deepest"] < r["bound_deepest"] / 1000
    assert r["max_seen_deepest"] < 2 * r["units_deepest"]
    assert r["tent_random_mean"] < 4 and r["tent_random_max"] < r["tent_designed"] / 10
    # why: later units rarely switch inside a piece of their input, which is
    # what multiplying the pieces needs (the tent's second unit always does)
    assert r["crossing_tent"] == 0.5
    assert r["crossing_median"] <= r["crossing_max"] < 0.2


def test_fold_the_line_counts(snippet):
    r = snippet(f"{PAGE}/fold-the-line").results
    depths = range(1, r["max_depth"] + 1)
    assert r["tent_pieces"] == [2**k for k in depths]
    assert r["zigzag_pieces"] == [4**k for k in depths]  # (n + 1)^k for n = 3
    assert r["zigzag_units"] == [3 * k for k in depths]
    # one layer of the same units: at most one piece more, and reached
    assert r["shallow_pieces"] == [u + 1 for u in r["zigzag_units"]]
    assert r["zigzag_pieces_at_max"] == 4096 and r["zigzag_units_at_max"] == 18
    ref = r["explorable"]["reference"]
    for name, width in (("tent", 2), ("zigzag", 3)):
        for row in ref[name]:
            assert row["shallow_pieces"] == width * row["k"] + 1
            # every piece of a composed map sweeps [0, 1]: values stay inside
            assert all(-1e-9 <= v <= 1 + 1e-9 for v in row["values"])


def test_one_zigzag_on_the_page(snippet):
    """The explorable's zigzag is the one of the zigzag-bound section, whose
    formula the page prints: z(x) = 6 relu(x - 1/3) - 9 relu(2/3 - x)
    + 12 relu(5/6 - x) - 3."""
    fold = snippet(f"{PAGE}/fold-the-line").results["explorable"]
    bound = snippet(f"{PAGE}/zigzag-bound").results
    relu = lambda t: max(t, 0.0)  # noqa: E731
    n = fold["n_samples"]
    xs = [i / (n - 1) for i in range(n)]
    z = [
        6 * relu(x - 1 / 3) - 9 * relu(2 / 3 - x) + 12 * relu(5 / 6 - x) - 3 for x in xs
    ]
    once = fold["reference"]["zigzag"][0]
    assert once["k"] == 1
    assert max(abs(a - b) for a, b in zip(once["values"], z)) < 1e-12
    layer = fold["layers"]["zigzag"]
    assert layer["v"] == [6.0, -9.0, 12.0] and layer["c"] == -3.0
    assert layer["w"] == [1.0, -1.0, -1.0]
    # the same counts where both sections count
    depths = bound["depths"]
    assert [r["pieces"] for r in fold["reference"]["zigzag"][: len(depths)]] == bound[
        "pieces"
    ]
