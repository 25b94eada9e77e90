"""Bits per symbol: a table, the classics, PPMd, and a mixing network.

Claim: on the site's own English text and on the GNU GPL the neural
compressor's output is smaller than every classic tool's, PPMd at its best
order included; on 100,000 symbols of an order-1 Markov source it comes
within 2% of the source's exact entropy rate, closer than PPMd, while the
dictionary and block-sorting tools stay more than 10% above it, and a plain adaptive
order-1 counter, the right model for that source, beats them all.
Alt: three panels of horizontal bars, one bar per compressor (LZW, deflate as
in gzip, bz2 -9, xz -9e, zstd -22, brotli 11, PPMd at its best order, the
neural network), length = bits per symbol. Left, the Markov source: a
dashed vertical line marks its entropy rate, and the PPMd and neural bars
end just to the right of it. Middle and right, the site's English text and
the text of the GNU GPL: the neural bar is the shortest, PPMd's next.
Timeout: 300 (the compiled compressor takes seconds; PPMd runs 15 orders)
"""

import bz2
import lzma
import math
import zlib

import brotli
import matplotlib.pyplot as plt
import nncode
import numpy as np
import pyppmd
import zstandard

SEED = 0
N_STATES = 16  # Markov source: 16 symbols, so at most 4 bits each
CONCENTRATION = 0.5  # how uneven each row of the transition matrix is
N_SYMBOLS = 100_000  # the same input as `make bench`'s
PPMD_ORDERS = range(2, 17)

rng = np.random.default_rng(SEED)
P, pi = nncode.markov_source(N_STATES, CONCENTRATION, rng)
entropy_rate = nncode.entropy_rate(P, pi)
marginal_entropy = -sum(float(p) * float(np.log2(float(p))) for p in pi)
datasets = {
    "markov": nncode.sample_markov(P, pi, N_SYMBOLS, rng),
    "english": nncode.english_corpus(),
    "gpl": nncode.second_text(),
}


# %% Every compressor, as (key, label, function from bytes to compressed bytes).
def ppmd(data):
    """PPMd (variant I, pyppmd's default) at the order that does best on this input."""
    sizes = {
        k: len(pyppmd.compress(data, max_order=k, mem_size=64 << 20))
        for k in PPMD_ORDERS
    }
    best = min(sizes, key=lambda k: (sizes[k], k))
    ppmd_order[data] = best
    return b"\0" * sizes[best]


ppmd_order = {}


def order1_counter_bits(data):
    """Bits an adaptive order-1 counter would spend (ideal code, no coder).

    It is told which byte values occur (a little header, not counted) and
    predicts each byte from counts of what followed the previous byte:
    (n(prev, b) + 1/2) / (n(prev) + A/2) over the A values that occur.
    """
    A = len(set(data))
    counts, totals, bits = {}, {}, []
    previous = None
    for b in data:
        n, total = counts.get((previous, b), 0), totals.get(previous, 0)
        bits.append(math.log2((2 * total + A) / (2 * n + 1)))
        counts[previous, b], totals[previous] = n + 1, total + 1
        previous = b
    return math.fsum(bits)


zstd = zstandard.ZstdCompressor(
    compression_params=zstandard.ZstdCompressionParameters.from_level(
        22, enable_ldm=True, window_log=27
    )
)
COMPRESSORS = [
    ("lzw", "LZW (a table)", nncode.lzw_compress),
    ("zlib", "deflate, zlib -9", lambda d: zlib.compress(d, 9)),
    ("bz2", "bz2 -9", lambda d: bz2.compress(d, 9)),
    ("xz", "xz -9e", lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME)),
    ("zstd", "zstd -22 --long", zstd.compress),
    ("brotli", "brotli -q 11", lambda d: brotli.compress(d, quality=11)),
    ("ppmd", "PPMd, best order", ppmd),
    ("neural", "neural network", nncode.compress),
]

RESULTS = {
    "markov_symbols": N_SYMBOLS,
    "markov_states": N_STATES,
    "markov_entropy_rate": entropy_rate,
    "markov_marginal_entropy": marginal_entropy,
    "english_bytes": len(datasets["english"]),
    "gpl_bytes": len(datasets["gpl"]),
}
for name, data in datasets.items():
    for key, label, squeeze in COMPRESSORS:
        size = len(squeeze(data))
        RESULTS[f"{name}_{key}_bytes"] = size
        RESULTS[f"{name}_{key}_bps"] = 8 * size / len(data)
        print(
            f"{name:8s} {label:18s} {size:7d} bytes {8 * size / len(data):.3f} bits/symbol"
        )
    RESULTS[f"{name}_ppmd_order"] = ppmd_order[data]
    RESULTS[f"{name}_order1_bps"] = order1_counter_bits(data) / len(data)
    others = [key for key, _, _ in COMPRESSORS if key not in ("neural", "ppmd")]
    RESULTS[f"{name}_best_matcher"] = min(
        others, key=lambda k: RESULTS[f"{name}_{k}_bps"]
    )
    RESULTS[f"{name}_nn_over_ppmd"] = (
        RESULTS[f"{name}_neural_bytes"] / RESULTS[f"{name}_ppmd_bytes"]
    )

RESULTS["nn_over_xz"] = RESULTS["english_neural_bytes"] / RESULTS["english_xz_bytes"]
RESULTS["nn_over_bz2"] = RESULTS["english_neural_bytes"] / RESULTS["english_bz2_bytes"]
for key in ("neural", "ppmd", "order1"):
    RESULTS[f"markov_{key}_excess"] = RESULTS[f"markov_{key}_bps"] / entropy_rate - 1
RESULTS["markov_best_matcher_excess"] = (
    RESULTS[f"markov_{RESULTS['markov_best_matcher']}_bps"] / entropy_rate - 1
)
print(f"entropy rate of the Markov source: {entropy_rate:.4f} bits/symbol")
for name in datasets:
    print(
        f"{name}: neural / PPMd (order {ppmd_order[datasets[name]]}) = "
        f"{RESULTS[f'{name}_nn_over_ppmd']:.3f}"
    )

# %% The chart.
fig, axes = plt.subplots(1, 3, figsize=(10, 4), sharey=True)
labels = [label for _, label, _ in COMPRESSORS]
y = np.arange(len(COMPRESSORS))[::-1]
colours = ["#9e9e9e"] * 6 + ["#3b6fb6", "#d9822b"]
hatches = [""] * 6 + ["//", ""]
panels = [
    ("markov", "Markov source"),
    ("english", "site text"),
    ("gpl", "GNU GPL text"),
]
for ax, (name, title) in zip(axes, panels):
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
    ax.set_xlim(0, max(values) * 1.3)
    ax.set_xlabel("bits per symbol (lower is better)")
    ax.set_title(title)
axes[0].axvline(entropy_rate, color="black", linestyle="--", linewidth=1.2)
axes[0].text(entropy_rate, -0.9, " entropy rate", ha="left", va="center")
axes[0].set_ylim(-1.3, len(COMPRESSORS) - 0.5)
axes[0].set_yticks(y, labels)
fig.suptitle("Compressed size of each input, per symbol")
fig.tight_layout()
