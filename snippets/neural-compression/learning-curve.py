"""Learning as it reads: one wide layer learns fastest.

Claim: every design compresses better the further it reads, and the wide
softmax layer with gates learns fastest: after the first 24 KB of the
English text and the first 12,000 symbols of the Markov source its running
average is lower than that of the same layer without gates and than that of
a deeper network with a ReLU hidden layer, and below xz's on every prefix of
the text.
Alt: two panels of running-average cost against the amount read, three
lines each: the wide layer with gates (thick), the same layer without gates
(dashed) and the network with a ReLU hidden layer (dotted). Left, English
text, bits per byte against kilobytes read on a logarithmic axis, with
square markers for xz on prefixes of the text; all lines fall, the thick one
lowest, and the squares lie above it. Right, Markov source, bits per symbol
against thousands of symbols read, with a dashed horizontal line at the
entropy rate; the thick line comes closest to it.
Timeout: 300 (six passes of a pure-Python arithmetic coder and a learning
model; several seconds on an idle machine)
"""

import lzma

import matplotlib.pyplot as plt
import nncode
import numpy as np

SEED = 0
N_STATES = 16
CONCENTRATION = 0.5
TEXT_BYTES = 24_576  # a prefix: the whole text is measured by `make bench`
MARKOV_SYMBOLS = 12_000
SKIP = 256  # the running average over the first handful of bytes is noise

rng = np.random.default_rng(SEED)
P, pi = nncode.markov_source(N_STATES, CONCENTRATION, rng)
entropy_rate = nncode.entropy_rate(P, pi)
inputs = {
    "english": nncode.english_corpus()[:TEXT_BYTES],
    "markov": nncode.sample_markov(P, pi, MARKOV_SYMBOLS, rng),
}
# One lane each (the compressor itself reads 16 side by side), so that
# "the first n bytes read" is the prefix text[:n] that xz is measured on.
DESIGNS = {
    "wide": ("one wide layer, with gates", lambda: nncode.NeuralModel(lanes=1)),
    "nogates": (
        "one wide layer, no gates",
        lambda: nncode.NeuralModel(gate_rate=0.0, lanes=1),
    ),
    "mlp": ("embeddings + ReLU hidden layer", nncode.MLPModel),
}

running = {}
RESULTS = {
    "text_bytes": TEXT_BYTES,
    "markov_symbols": MARKOV_SYMBOLS,
    "markov_entropy_rate": entropy_rate,
}
for name, data in inputs.items():
    for key, (label, make) in DESIGNS.items():
        trace = []
        size = len(nncode.compress(data, make(), trace=trace))
        running[name, key] = np.cumsum(trace) / np.arange(1, len(data) + 1)
        RESULTS[f"{name}_{key}_bps"] = 8 * size / len(data)
        RESULTS[f"{name}_{key}_first_kb_bps"] = float(np.mean(trace[:1024]))
        print(f"{name:8s} {label:32s} {8 * size / len(data):.3f} bits/symbol")

text = inputs["english"]
prefixes = [2**k for k in range(11, 20) if 2**k <= TEXT_BYTES]
xz_bpb = [
    8 * len(lzma.compress(text[:n], preset=9 | lzma.PRESET_EXTREME)) / n
    for n in prefixes
]
wide_bpb = [float(running["english", "wide"][n - 1]) for n in prefixes]
RESULTS["prefix_bytes"] = prefixes
RESULTS["xz_prefix_bpb"] = xz_bpb
RESULTS["wide_prefix_bpb"] = wide_bpb
RESULTS["wide_beats_xz_on_every_prefix"] = all(a < b for a, b in zip(wide_bpb, xz_bpb))
RESULTS["xz_bps"] = xz_bpb[-1]
for name in inputs:
    RESULTS[f"{name}_mlp_over_wide"] = (
        RESULTS[f"{name}_mlp_bps"] / RESULTS[f"{name}_wide_bps"]
    )
RESULTS["markov_wide_over_entropy"] = RESULTS["markov_wide_bps"] / entropy_rate
RESULTS["markov_nogates_over_entropy"] = RESULTS["markov_nogates_bps"] / entropy_rate
RESULTS["markov_mlp_over_entropy"] = RESULTS["markov_mlp_bps"] / entropy_rate

fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.8))
styles = {"wide": ("-", 2.8), "nogates": ("--", 1.6), "mlp": (":", 2.2)}
colours = {"wide": "#d9822b", "nogates": "#3b6fb6", "mlp": "#444444"}
for ax, name, scale in [(left, "english", 1024), (right, "markov", 1000)]:
    for key, (label, _) in DESIGNS.items():
        curve = running[name, key]
        # 400 points per line are plenty and keep the SVG small.
        spacing = np.geomspace if name == "english" else np.linspace  # as the axis
        n = np.unique(spacing(SKIP, len(curve), 400).astype(int))
        style, width = styles[key]
        ax.plot(
            n / scale,
            curve[n - 1],
            style,
            color=colours[key],
            linewidth=width,
            label=label,
        )
left.plot(
    np.array(prefixes) / 1024,
    xz_bpb,
    "s",
    color="#777777",
    label="xz -9e on the prefix",
)
left.set_xscale("log", base=2)
ticks = [0.25, 1, 4, 16]
left.set_xticks(ticks, [f"{t:g}" for t in ticks])
left.set_xlabel("kilobytes read (log scale)")
left.set_ylabel("bits per byte, running average")
left.set_title("English text")
left.legend(fontsize="x-small")
right.axhline(
    entropy_rate, color="black", linestyle="-.", linewidth=1, label="entropy rate"
)
right.set_xlabel("thousands of symbols read")
right.set_ylabel("bits per symbol, running average")
right.set_title("Markov source")
right.legend(fontsize="x-small")
fig.tight_layout()
