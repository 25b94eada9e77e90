"""Bits per symbol: a table, the classics, counting, and a neural network.

Claim: on the first 48 KB of the site's own English text the neural
compressor's output is at most 0.95 times the size of xz's and smaller than
bz2's and than the context-count model's, and on 24,000 symbols of an
order-1 Markov source it comes within 5% of the source's exact entropy rate,
where every other compressor is more than 10% above it.
Alt: two panels of horizontal bars, one bar per compressor (LZW, zlib -9,
bz2 -9, xz -9e, adaptive context counts, neural network), length = bits per
symbol. Left, the Markov source: a dashed vertical line marks its entropy
rate, and the neural network's bar ends just to the right of it. Right, the
English text: the neural network's bar is the shortest.
Timeout: 300 (four passes of a pure-Python arithmetic coder and a learning
model; several seconds on an idle machine)
"""

import bz2
import lzma
import zlib

import matplotlib.pyplot as plt
import nncode
import numpy as np

SEED = 0
N_STATES = 16  # Markov source: 16 symbols, so at most 4 bits each
CONCENTRATION = 0.5  # how uneven each row of the transition matrix is
N_SYMBOLS = 24_000  # prefixes: `make bench` measures 100,000 symbols
TEXT_BYTES = 49_152  # and the whole text

rng = np.random.default_rng(SEED)
P, pi = nncode.markov_source(N_STATES, CONCENTRATION, rng)
entropy_rate = nncode.entropy_rate(P, pi)
marginal_entropy = -sum(float(p) * float(np.log2(float(p))) for p in pi)
datasets = {
    "markov": nncode.sample_markov(P, pi, N_SYMBOLS, rng),
    "english": nncode.english_corpus()[:TEXT_BYTES],
}

# %% Every compressor, as (key, label, function from bytes to compressed bytes).
networks = {}  # the trained networks, kept to read their gates
FEATURES = ["bias", "order1", "order2", "order3", "order5", "word"]


def neural(data):
    networks[data] = model = nncode.NeuralModel()
    return nncode.compress(data, model)


COMPRESSORS = [
    ("lzw", "LZW (a table)", nncode.lzw_compress),
    ("zlib", "zlib -9", lambda d: zlib.compress(d, 9)),
    ("bz2", "bz2 -9", lambda d: bz2.compress(d, 9)),
    ("xz", "xz -9e", lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME)),
    ("counts", "context counts", lambda d: nncode.compress(d, nncode.CountModel())),
    ("neural", "neural network", neural),
]

RESULTS = {
    "markov_symbols": N_SYMBOLS,
    "markov_states": N_STATES,
    "markov_entropy_rate": entropy_rate,
    "markov_marginal_entropy": marginal_entropy,
    "english_bytes": len(datasets["english"]),
}
for name, data in datasets.items():
    for key, label, squeeze in COMPRESSORS:
        size = len(squeeze(data))
        RESULTS[f"{name}_{key}_bytes"] = size
        RESULTS[f"{name}_{key}_bps"] = 8 * size / len(data)
        print(
            f"{name:8s} {label:16s} {size:7d} bytes {8 * size / len(data):.3f} bits/symbol"
        )

for name, data in datasets.items():
    # How much the trained network trusts each feature (bias, orders 1-5, word).
    gates = networks[data].gate
    for feature, gate in zip(FEATURES, gates):
        RESULTS[f"{name}_gate_{feature}"] = float(gate)
    print(f"{name} gates:", ", ".join(f"{f} {g:.3f}" for f, g in zip(FEATURES, gates)))

# The compressor's settings, for the text that describes them.
model = networks[datasets["english"]]
RESULTS["lanes"], RESULTS["batch"] = model.lanes, model.batch
RESULTS["features"] = len(model.gate)
RESULTS["w_max"], RESULTS["gate_max"] = model.w_max, nncode.GATE_MAX
RESULTS["logit_bound"] = nncode.LOGIT_BOUND
RESULTS["nn_over_xz"] = RESULTS["english_neural_bytes"] / RESULTS["english_xz_bytes"]
RESULTS["nn_over_bz2"] = RESULTS["english_neural_bytes"] / RESULTS["english_bz2_bytes"]
RESULTS["markov_nn_over_entropy"] = RESULTS["markov_neural_bps"] / entropy_rate
RESULTS["markov_counts_over_entropy"] = RESULTS["markov_counts_bps"] / entropy_rate
RESULTS["markov_best_other_over_entropy"] = (
    min(RESULTS[f"markov_{key}_bps"] for key, _, _ in COMPRESSORS[:-1]) / entropy_rate
)
RESULTS["markov_nn_excess"] = RESULTS["markov_nn_over_entropy"] - 1
RESULTS["markov_best_other_excess"] = RESULTS["markov_best_other_over_entropy"] - 1
print(f"entropy rate of the Markov source: {entropy_rate:.4f} bits/symbol")
print(f"neural / xz on English: {RESULTS['nn_over_xz']:.3f}")

# %% The chart.
fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharey=True)
labels = [label for _, label, _ in COMPRESSORS]
y = np.arange(len(COMPRESSORS))[::-1]
colours = ["#9e9e9e"] * 4 + ["#3b6fb6", "#d9822b"]
hatches = [""] * 4 + ["//", ""]
for ax, (name, title) in zip(
    axes, [("markov", "Markov source"), ("english", "English text")]
):
    values = [RESULTS[f"{name}_{key}_bps"] for key, _, _ in COMPRESSORS]
    bars = ax.barh(y, values, color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch, value in zip(bars, hatches, values):
        bar.set_hatch(hatch)
        ax.text(
            value + 0.05,
            bar.get_y() + bar.get_height() / 2,
            f"{value:.2f}",
            va="center",
        )
    ax.set_xlim(0, max(values) * 1.25)
    ax.set_xlabel("bits per symbol (lower is better)")
    ax.set_title(title)
axes[0].axvline(entropy_rate, color="black", linestyle="--", linewidth=1.2)
axes[0].text(entropy_rate, -0.9, " entropy rate", ha="left", va="center")
axes[0].set_ylim(-1.3, len(COMPRESSORS) - 0.5)
axes[0].set_yticks(y, labels)
fig.suptitle("Compressed size of each input, per symbol")
fig.tight_layout()
