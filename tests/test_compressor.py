"""The compressor of docs/neural-compression.md (snippets/_lib/nncode.py).

Round trips of every input we give it, for the neural model, the count model
and LZW; the coder's guarantees (no empty interval, exact integers); and the
Markov source's exact stationary distribution.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "snippets" / "_lib"))

import nncode

SMALL_INPUTS = {
    "empty": b"",
    "one byte": b"A",
    "one zero byte": b"\x00",
    "all 256 byte values": bytes(range(256)),
    "all 256 byte values, backwards, twice": bytes(range(255, -1, -1)) * 2,
    "one value repeated": b"\xff" * 3000,
    "random bytes": np.random.default_rng(1)
    .integers(0, 256, 3000, dtype=np.uint8)
    .tobytes(),
    "a short sentence": "Prediction is compression — ça marche.\n".encode(),
}


def english():
    return nncode.english_corpus()


def markov():
    return nncode.markov_text(100_000, seed=0)[0]


MODELS = {"neural": nncode.NeuralModel, "counts": nncode.CountModel}


@pytest.mark.parametrize("name", SMALL_INPUTS)
@pytest.mark.parametrize("model", MODELS)
def test_small_inputs_round_trip(model, name):
    data = SMALL_INPUTS[name]
    blob = nncode.compress(data, MODELS[model]())
    assert nncode.decompress(blob, MODELS[model]()) == data


@pytest.mark.parametrize("name", SMALL_INPUTS)
def test_lzw_small_inputs_round_trip(name):
    data = SMALL_INPUTS[name]
    assert nncode.lzw_decompress(nncode.lzw_compress(data)) == data


@pytest.mark.slow
@pytest.mark.parametrize("text", [english, markov], ids=["english", "markov"])
@pytest.mark.parametrize("model", MODELS)
def test_texts_round_trip(model, text):
    data = text()
    blob = nncode.compress(data, MODELS[model]())
    assert len(blob) < len(data) / 2
    assert nncode.decompress(blob, MODELS[model]()) == data


@pytest.mark.parametrize("text", [english, markov], ids=["english", "markov"])
def test_lzw_texts_round_trip(text):
    data = text()
    blob = nncode.lzw_compress(data)
    assert len(blob) < len(data)
    assert nncode.lzw_decompress(blob) == data


def test_lzw_codes_widen_from_9_bits():
    # 300 distinct two-byte strings force the table past 512 entries.
    data = bytes(b for i in range(300) for b in (i % 256, (i * 7) % 256)) * 3
    assert nncode.lzw_decompress(nncode.lzw_compress(data)) == data
    # The i-th code is at most 255 + i: 8 bits for the first, 9 up to 511, ...
    assert nncode._lzw_width(0) == 8 and nncode._lzw_width(1) == 9
    assert nncode._lzw_width(256) == 9 and nncode._lzw_width(257) == 10
    assert nncode._lzw_width(10**6) == nncode.LZW_MAX_BITS


def test_compression_is_deterministic():
    data = english()[:5000]
    assert nncode.compress(data, nncode.NeuralModel()) == nncode.compress(
        data, nncode.NeuralModel()
    )


@pytest.mark.parametrize(
    "weights",
    [
        [1.0],
        [1e30, 0.0, 0.0, 1e-30],
        [0.0] * 200 + [1.0],
        [1e-45] * 257,
        list(np.random.default_rng(2).random(257) ** 20),
    ],
    ids=["one outcome", "huge and tiny", "all but one zero", "all denormal", "skewed"],
)
def test_every_outcome_keeps_a_count(weights):
    counts = nncode.cumulative_counts(
        np.array([weights], dtype=np.float32), len(weights) - 1
    )
    row = counts[0].tolist()
    assert row[0] == 0 and row[-1] <= nncode.MAX_TOTAL
    assert all(stop > start for start, stop in zip(row, row[1:]))  # >= 1 count each


def test_counts_for_many_rows_match_one_row_at_a_time():
    # The encoder counts a batch of rows with one "last" per row; the
    # decoder counts a step's rows with one shared "last". Same integers.
    rng = np.random.default_rng(4)
    weights = np.exp(rng.normal(0, 4, (40, 90))).astype(np.float32)
    last = rng.integers(0, 90, 40)
    together = nncode.cumulative_counts(weights, last)
    for i, j in enumerate(last.tolist()):
        alone = nncode.cumulative_counts(weights[i : i + 1, : j + 1], j)
        assert (together[i, : j + 2] == alone[0]).all()


def test_encoder_shortcut_gives_the_decoders_intervals():
    # NeuralModel.intervals (the encoder's batches) against step_by_step
    # (what the decoder does), on text long enough to cross several
    # updates, a widening of the table and a partial last step.
    data = english()[:6000] + bytes(range(200, 256))
    model_a, model_b = nncode.NeuralModel(lanes=5), nncode.NeuralModel(lanes=5)
    sequence, steps = nncode.reading_order(data, model_a.lanes)
    outcomes, widths = nncode._outcomes(sequence, steps)
    fast = list(model_a.intervals(sequence, steps, outcomes, widths, want_bits=True))
    slow = list(nncode.step_by_step(model_b, sequence, steps, outcomes, widths, True))
    assert [f[:3] for f in fast] == [s[:3] for s in slow]
    assert np.allclose([f[3] for f in fast], [s[3] for s in slow])
    assert (model_a.weights == model_b.weights).all()


@pytest.mark.parametrize(
    "n_bytes, lanes, word", [(3000, 3, True), (2999, 4, False), (50, 7, True)]
)
def test_contexts_read_matches_push(n_bytes, lanes, word):
    # A small table, so that it fills up and later contexts are hashed.
    data = english()[:n_bytes]
    sequence, steps = nncode.reading_order(data, lanes)
    ahead = nncode.Contexts((1, 2, 3, 5), word, 1 << 10, lanes=lanes)
    rows = ahead.read(sequence, steps)
    stepwise = nncode.Contexts((1, 2, 3, 5), word, 1 << 10, lanes=lanes)
    expected, p = [], 0
    for active in steps:
        expected += stepwise.rows[:active]
        stepwise.push_all(sequence[p : p + active])
        p += active
    assert rows.tolist() == expected and ahead.rows == stepwise.rows
    assert ahead.history == stepwise.history and ahead.letters == stepwise.letters


@pytest.mark.parametrize("lanes", [1, 2, 3, 16, 40])
def test_any_number_of_lanes_round_trips(lanes):
    for data in (b"", b"x", b"abc" * 7, english()[:2000]):
        blob = nncode.compress(data, nncode.NeuralModel(lanes=lanes))
        assert nncode.decompress(blob, nncode.NeuralModel(lanes=lanes)) == data


def test_reading_order_visits_every_byte_once():
    data = bytes(range(256)) * 3 + b"tail"
    sequence, steps = nncode.reading_order(data, 7)
    assert sorted(sequence) == sorted(data) and sum(steps) == len(data)
    assert steps == sorted(steps, reverse=True)  # lanes only ever drop out


def test_coder_round_trips_raw_intervals():
    rng = np.random.default_rng(3)
    symbols = []
    encoder = nncode.ArithmeticEncoder()
    for _ in range(2000):
        total = int(rng.integers(1, nncode.MAX_TOTAL))
        start = int(rng.integers(0, total))
        stop = int(rng.integers(start + 1, total + 1))
        symbols.append((start, stop, total))
        encoder.encode(start, stop, total)
    decoder = nncode.ArithmeticDecoder(encoder.finish())
    for start, stop, total in symbols:
        assert start <= decoder.target(total) < stop
        decoder.consume(start, stop, total)


@pytest.mark.parametrize(
    "bad", [(5, 5, 10), (0, 11, 10), (-1, 2, 10), (0, 1, nncode.MAX_TOTAL + 1)]
)
def test_coder_refuses_an_empty_or_impossible_interval(bad):
    with pytest.raises(ValueError):
        nncode.ArithmeticEncoder().encode(*bad)


def test_markov_stationary_distribution_is_exact():
    P, pi = nncode.markov_source(16, 0.5, np.random.default_rng(0))
    assert sum(pi) == 1
    for j in range(16):
        assert sum(pi[i] * P[i][j] for i in range(16)) == pi[j]
    assert all(sum(row) == 1 and all(isinstance(p, Fraction) for p in row) for row in P)
    rate = nncode.entropy_rate(P, pi)
    assert 0 < rate < 4  # 16 symbols: at most 4 bits each


def test_markov_text_matches_the_snippets_construction():
    rng = np.random.default_rng(0)
    P, pi = nncode.markov_source(16, 0.5, rng)
    data = nncode.sample_markov(P, pi, 1000, rng)
    assert nncode.markov_text(1000, seed=0) == (data, nncode.entropy_rate(P, pi))


def test_english_corpus_is_the_committed_snapshot():
    data = english()
    assert len(data) >= 100_000
    assert data.startswith(b"# Contributing")
