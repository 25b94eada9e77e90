"""Claims of docs/neural-compression.md, checked on the snippets' results."""

from pathlib import Path

PAGE = "neural-compression"


def test_neural_beats_the_classics_and_nears_the_entropy_rate(snippet):
    r = snippet(f"{PAGE}/compare").results
    # The targets: at most 0.95 of xz, below bz2, within 5% of H.
    assert r["nn_over_xz"] <= 0.95
    assert r["nn_over_bz2"] < 1
    assert r["english_neural_bytes"] < r["english_counts_bytes"]
    assert r["markov_nn_over_entropy"] <= 1.05
    assert abs(r["markov_nn_excess"] - (r["markov_nn_over_entropy"] - 1)) < 1e-12
    # Nothing beats the entropy rate, and every other tool is far above it.
    assert r["markov_neural_bps"] > r["markov_entropy_rate"]
    assert r["markov_best_other_over_entropy"] > 1.10
    assert r["markov_entropy_rate"] < r["markov_marginal_entropy"] <= 4
    # LZW, the table, is the weakest on the English text.
    english = [r[f"english_{k}_bps"] for k in ("zlib", "bz2", "xz", "counts", "neural")]
    assert r["english_lzw_bps"] > max(english)


def test_gates_learn_the_markov_memory(snippet):
    r = snippet(f"{PAGE}/compare").results
    # The one-byte context is trusted, the longer ones are switched off.
    for order in (2, 3):
        assert abs(r[f"markov_gate_order{order}"]) < 0.1 * r["markov_gate_order1"]
    # Five-letter contexts are nearly always new: their rows, and so their
    # gate's gradient, stay small; the gate still falls well below one.
    assert r["markov_gate_order5"] < 0.5 * r["markov_gate_order1"]
    assert r["markov_gate_order1"] > 0.9
    # On English every context kind keeps a gate near or above one.
    for feature in ("bias", "order1", "order2", "order3", "order5", "word"):
        assert r[f"english_gate_{feature}"] > 0.8
    assert r["markov_gate_word"] == 1.0  # word rows are always new: no gradient


def test_learning_curves_and_the_choice_of_design(snippet):
    r = snippet(f"{PAGE}/learning-curve").results
    for name in ("english", "markov"):
        assert r[f"{name}_wide_bps"] < r[f"{name}_nogates_bps"]
        assert r[f"{name}_wide_bps"] < r[f"{name}_mlp_bps"]
        for design in ("wide", "nogates", "mlp"):
            # better after reading than over the first kilobyte
            assert r[f"{name}_{design}_bps"] < r[f"{name}_{design}_first_kb_bps"]
    assert r["wide_beats_xz_on_every_prefix"] is True
    assert all(a < b for a, b in zip(r["wide_prefix_bpb"], r["xz_prefix_bpb"]))
    assert r["english_wide_bps"] < r["xz_bps"]
    assert r["markov_wide_over_entropy"] < 1.05


def test_decoder_must_compute_the_same_floats(snippet):
    r = snippet(f"{PAGE}/bit-identical").results
    assert r["same_wrong"] == 0
    assert 0 <= r["float64_first_error"] < 200
    assert 0 <= r["reversed_first_error"] < 200
    assert r["float64_wrong_fraction"] > 0.9
    assert 0 <= r["blas_first_error"] < 200 and r["blas_wrong_fraction"] > 0.9
    assert r["reversed_float_steps_fraction"] > 0.5
    assert 0 < r["reversed_count_steps"] <= r["n_bytes"]


def test_speed_is_the_price(snippet):
    r = snippet(f"{PAGE}/speed").results
    # orderings only, never times
    assert r["slowdown_vs_xz"] > 10
    assert r["slowdown_vs_zlib"] > 100
    assert 1 < r["decode_over_encode"] < 5  # the encoder batches, the decoder cannot


def test_maths_section_quotes_the_codes_bounds(snippet):
    # The maths section works the bound out by hand (gates within 3, logits
    # within 72, e^72 inside float32); if the code's bounds change, so must it.
    r = snippet(f"{PAGE}/compare").results
    page = (Path(__file__).resolve().parents[2] / "docs" / f"{PAGE}.md").read_text()
    assert r["gate_max"] == 3 and r["logit_bound"] == 72
    assert r"|a_k| \le 3" in page and r"|W| \le 72 / (3K)" in page
    assert r["w_max"] * r["gate_max"] * r["features"] == r["logit_bound"]
