"""Claims of docs/neural-compression.md, checked on the snippets' results.

No test here asserts a time or an ordering of times: the speed snippet
measures the machine that builds the page.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = "neural-compression"
MATCHERS = ("lzw", "zlib", "bz2", "xz", "zstd", "brotli")


def test_neural_beats_the_string_matchers_on_both_texts(snippet):
    r = snippet(f"{PAGE}/compare").results
    for text in ("english", "gpl"):
        for tool in MATCHERS:
            assert r[f"{text}_neural_bytes"] < r[f"{text}_{tool}_bytes"], (text, tool)
        assert 2 <= r[f"{text}_ppmd_order"] <= 16
        # PPMd is the yardstick the page compares against, not beaten here
        assert 0.9 < r[f"{text}_nn_over_ppmd"] < 1.1
    assert r["nn_over_xz"] < 0.95 and r["nn_over_bz2"] < 1
    # LZW, the table, is the weakest on the English text.
    assert r["english_lzw_bps"] == max(r[f"english_{k}_bps"] for k in MATCHERS)


def test_context_models_near_the_entropy_rate_and_matchers_far(snippet):
    r = snippet(f"{PAGE}/compare").results
    H = r["markov_entropy_rate"]
    assert H < r["markov_marginal_entropy"] <= 4
    for key in ("neural", "ppmd"):
        assert r[f"markov_{key}_bps"] > H  # nothing beats the entropy rate
        assert 0 < r[f"markov_{key}_excess"] < 0.08
    assert r["markov_best_matcher_excess"] > 0.10
    best = min(r[f"markov_{k}_bps"] for k in MATCHERS)
    assert abs(r["markov_best_matcher_excess"] - (best / H - 1)) < 1e-12


def test_the_learning_network_beats_the_frozen_one(snippet):
    r = snippet(f"{PAGE}/learning-curve").results
    for name in ("english", "markov"):
        assert r[f"{name}_learning_bps"] < r[f"{name}_frozen_bps"]
        for design in ("learning", "frozen"):
            # better after reading than over the first kilobyte
            assert r[f"{name}_{design}_bps"] < r[f"{name}_{design}_first_kb_bps"]
    for name in ("english", "markov"):
        assert r[f"{name}_frozen_over_learning"] > 1.02  # a clear gap, not noise
    assert r["markov_learning_over_entropy"] > 1


def test_a_differently_rounded_sum_derails_the_decoder(snippet):
    r = snippet(f"{PAGE}/bit-identical").results
    assert r["same_wrong"] == 0 and r["same_first_error"] == -1
    assert r["integer_reversed_wrong"] == 0  # integer sums ignore the order
    assert r["reversed_sum_differs_steps"] >= 1
    for key in ("reversed", "float32"):
        first = r[f"{key}_first_error"]
        assert 0 <= first < r["n_bytes"]
        # once astray, (nearly) every later byte is wrong
        assert r[f"{key}_wrong"] >= 0.8 * (r["n_bytes"] - first)


def test_speed_snippet_reports_every_tool_both_ways(snippet):
    r = snippet(f"{PAGE}/speed").results
    assert r["n_bytes"] == 16_384
    for tool in ("nn", "zlib", "xz", "bz2", "zstd", "brotli", "ppmd"):
        assert (
            r[f"{tool}_encode_us_per_byte"] > 0 and r[f"{tool}_decode_us_per_byte"] > 0
        )


def test_the_page_quotes_the_codes_settings():
    # The prose states the model's constants in words; if the code changes,
    # so must the page.
    sys.path.insert(0, str(ROOT / "snippets" / "_lib"))
    from nncode import coder, container, model

    page = " ".join((ROOT / "docs" / f"{PAGE}.md").read_text().split())
    assert model.COUNT_LIMIT == 127 and "1/129" in page
    assert model.ORDERS == (1, 2, 3, 4, 6) and "1, 2, 3, 4 and 6" in page
    assert model.MATCH_MIN == 5 and "last 5 bytes" in page
    assert coder.PROB_BITS == 12 and "12 of them at most" in page
    assert container.LANE_BYTES == 1024 and "one per 1,024 bytes" in page
    sets = model.MixingModel(1, [0], 10).weights.shape[0]
    assert sets == 1024 + 65536 and "1,024 sets" in page and "65,536 sets" in page
