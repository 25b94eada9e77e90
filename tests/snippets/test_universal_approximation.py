"""Claims of docs/universal-approximation.md, checked on the snippets' results."""

import math

PAGE = "universal-approximation"


def test_two_relus_rebuild_x_exactly(snippet):
    r = snippet(f"{PAGE}/negatives-come-back").results
    assert r["max_abs_error"] == 0.0
    assert r["n_points"] > 1000
    # the rebuilt line does go negative: nothing on the negative side was lost
    assert r["negative_output_min"] < -2.9


def test_hinge_ramp_hat_shapes(snippet):
    r = snippet(f"{PAGE}/hinge-ramp-hat").results
    assert r["hat_peak"] == 1.0
    assert r["hat_peak_at"] == 1.0
    assert r["hat_max_outside"] == 0.0
    assert r["ramp_top"] == 1.0


def test_rebuild_interpolates_the_curve(snippet):
    r = snippet(f"{PAGE}/rebuild-unit-by-unit").results
    assert r["n_units"] == 12
    # exact at the 13 points, up to rounding below the bound the page states
    assert r["max_error_at_knots"] < r["rounding_bound"] == 1e-14
    assert 0.05 < r["max_error"] < 0.2  # and close, not exact, between them
    assert len(r["output_weights"]) == r["n_units"]


def test_error_falls_as_n_to_the_minus_two(snippet):
    r = snippet(f"{PAGE}/error-vs-units").results
    assert -2.1 < r["slope"] < -1.9
    assert r["bound_holds"]
    assert r["error_at_1024"] < 1e-4 < r["error_at_16"]
    errors = r["errors"]
    # from 8 units on, each doubling cuts the error by close to 4
    ratios = [a / b for a, b in zip(errors[2:], errors[3:])]
    assert all(3.5 < q < 4.5 for q in ratios)
    assert r["ratios_from_8"] == ratios
    # ... but not before: the first doubling gains clearly less than 4
    assert 2 < r["ratio_2_to_4"] < 3.5
    # the bound is nearly tight from 8 units on (and never exceeded)
    assert 0.85 < r["bound_share_min"] <= r["bound_share_max"] <= 1
    # the hinge sum is the same polyline as np.interp
    assert r["hinge_vs_interp"] < 1e-12


def test_fit_vs_units_slider(snippet):
    res = snippet(f"{PAGE}/fit-vs-units")
    r = res.results
    assert r["error_2"] > 1 and r["error_16"] < 0.1
    players = [f for f in res.figures if f["kind"] == "frames"]
    assert len(players) == 1 and len(players[0]["files"]) == r["n_frames"] == 16
    assert (
        players[0]["labels"][0] == "1 unit" and players[0]["labels"][-1] == "16 units"
    )


def test_trained_network_places_its_own_kinks(snippet):
    r = snippet(f"{PAGE}/trained-kinks").results
    assert r["loss_end"] < r["loss_start"] / 100
    # better than the interpolant, which must pass through the knots ...
    assert r["max_error"] < r["even_max_error"]
    # ... but not better than the same even kinks with least-squares output
    # weights, neither in largest error nor in mean squared error on the data
    assert r["ls_max_error"] < r["max_error"]
    assert r["ls_mse"] < r["loss_end"]
    assert r["kinks_inside"] + r["kinks_outside"] == r["n_units"]
    assert 6 <= r["kinks_inside"] <= r["n_units"]
    # one more piece than interior kinks that change the slope, never more
    assert r["pieces"] <= r["kinks_inside"] + 1
    assert r["kinks_moved_median"] > 0.1
    gaps = [b - a for a, b in zip(r["kinks"], r["kinks"][1:])]
    assert max(gaps) > 3 * min(gaps)  # unevenly spaced


def test_training_animation(snippet):
    res = snippet(f"{PAGE}/training-animation")
    r = res.results
    assert r["loss_ratio"] > 100
    players = [f for f in res.figures if f["kind"] == "frames"]
    assert len(players) == 1
    assert len(players[0]["files"]) == r["n_frames"] == 20
    assert players[0]["labels"][0] == "step 0"
    # the animation and the static figure are the same run
    static = snippet(f"{PAGE}/trained-kinks").results
    assert math.isclose(r["loss_last"], static["loss_end"], rel_tol=1e-9)


def test_training_is_not_guaranteed(snippet):
    r = snippet(f"{PAGE}/seeds-matter").results
    errors = r["errors"]
    assert r["n_runs"] == len(errors) == 10
    assert math.isclose(r["median"], (sorted(errors)[4] + sorted(errors)[5]) / 2)
    assert r["best"] == min(errors) < r["even_error"]
    assert r["worst"] == max(errors) > 2 * r["even_error"]
    assert r["n_stalled"] == sum(e > 2 * r["even_error"] for e in errors) >= 2
    # ten times the steps: some stalled runs were slow, some are stuck
    assert r["long_steps"] == 10 * r["steps"]
    assert r["n_recovered"] + r["n_stuck"] == r["n_stalled"]
    assert r["n_recovered"] >= 1 and r["n_stuck"] >= 1
    assert r["recovered_best"] <= r["recovered_worst"] <= 2 * r["even_error"]
    assert 2 * r["even_error"] < r["stuck_best"] <= r["stuck_worst"]
    assert min(r["long_errors"]) == r["recovered_best"]
    assert max(r["long_errors"]) == r["stuck_worst"]
    # the stuck runs have not moved: still near their 3,000-step error
    assert r["stuck_best"] > 3 * r["even_error"]
    # the page says each stuck run is "about 0.56": one value at two decimals
    assert f"{r['stuck_best']:.2f}" == f"{r['stuck_worst']:.2f}"


def test_units_for_a_given_accuracy(snippet):
    r = snippet(f"{PAGE}/units-for-accuracy").results
    assert r["accuracies"] == [0.1, 0.01, 0.001]
    for i in range(3):
        # the bound's count is enough, and the real count is close to it
        for name in ("sin", "exp"):
            needed, bound = r[f"{name}_needed_{i}"], r[f"{name}_bound_{i}"]
            assert needed <= bound <= needed + 2
        # n units pass and n - 1 fail by a margin far above rounding
        for name in ("sin", "exp", "circle", "circle_graded"):
            assert r[f"{name}_margin_{i}"] > 1 + 1e-9
    # a tenfold accuracy costs about sqrt(10) times the units for smooth targets
    for name in ("sin", "exp", "circle_graded"):
        for i in range(2):
            assert 2.5 < r[f"{name}_growth_{i}"] < 4
    # and about 100 times for the half circle with evenly spaced knots
    for i in range(2):
        assert 80 < r[f"circle_growth_{i}"] < 120
    # crowding the knots at the ends needs far fewer units
    assert r["circle_graded_needed_2"] * 1000 < r["circle_needed_2"]


def test_build_it_yourself_construction(snippet):
    r = snippet(f"{PAGE}/build-it-yourself").results
    ex = r["explorable"]
    start = ex["states"][0]
    assert r["n_start"] == len(start["knots"]) == 8
    # even knots, from the left end, in equal steps
    gaps = [b - a for a, b in zip(start["knots"], start["knots"][1:])]
    assert max(gaps) - min(gaps) < 1e-12
    assert start["knots"][0] == ex["x_min"]
    # joining the dots: exact at the knots, within 0.35 between them
    assert 0.2 < r["start_max_error"] < 0.35
    # least squares for the same knots has the smaller mean-square error
    assert r["even_fit_rms_error"] < 0.6 * r["start_rms_error"]
    # a continuous sum misses a unit jump by about half of it on the grid
    assert 0.45 < r["step_fit_max_error"] <= 0.5
    assert r["step_fit_units"] == r["n_start"] + 1
    # the snippet's own QR (which the page's JavaScript repeats) is numpy's
    # least squares, on every fitted state
    assert r["fits_match_numpy_lstsq"] and r["n_fits_checked"] == 4


def test_build_it_yourself_scripted_states(snippet):
    ex = snippet(f"{PAGE}/build-it-yourself").results["explorable"]
    names = [s["name"] for s in ex["states"]]
    assert names[:4] == ["start", "knot 3 right", "bend 4 up", "fit"]
    start, moved, bent, fitted = ex["states"][:4]
    assert moved["knots"][2] == start["knots"][2] + ex["knot_step"]
    assert bent["weights"][3] == moved["weights"][3] + ex["bend_step"]
    # the fit changes the weights, never the knots, and it lowers the
    # mean-square error below that of every hand-made state before it
    assert fitted["knots"] == bent["knots"]
    assert fitted["rms_error"] < min(s["rms_error"] for s in (start, moved, bent))
    for s in ex["states"]:
        assert len(s["sum_at_samples"]) == ex["n_samples"]
        assert len(s["weights"]) == len(s["knots"]) <= ex["max_units"]


def test_training_runs_together_gives_each_run_its_own_bits(monkeypatch):
    """scalar_net.train_runs (seeds-matter steps its ten runs together) gives
    every run exactly the parameters and losses scalar_net.train gives it
    alone: the page's errors are those of separate runs."""
    from pathlib import Path

    import numpy as np

    monkeypatch.syspath_prepend(str(Path(__file__).parents[2] / "snippets" / "_lib"))
    import scalar_net

    x = np.linspace(-1.5, 1.5, 64)
    y = np.sin(3 * x) + 0.5 * np.cos(5 * x)
    starts = []
    for seed in range(10):  # as many runs as seeds-matter trains together
        rng = np.random.default_rng(seed)
        w, b, a = rng.normal(size=(3, 12))
        starts.append((w, b, a, float(rng.normal())))
    alone = [scalar_net.train(s, x, y, 400, 0.01) for s in starts]
    for together in (
        scalar_net.train_runs(starts, x, y, 400, 0.01),
        [scalar_net.train_runs([s], x, y, 400, 0.01)[0] for s in starts],
    ):
        for (params, losses), (params_1, losses_1) in zip(together, alone):
            assert all(np.array_equal(p, q) for p, q in zip(params[:3], params_1[:3]))
            assert params[3] == params_1[3] and isinstance(params[3], float)
            assert np.array_equal(losses, losses_1)
    assert not np.array_equal(alone[0][1], alone[1][1])  # the runs differ
