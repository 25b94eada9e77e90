"""Learning as it reads: the mixing network is what learns whom to trust.

Claim: the compressor gets better the further it reads, and its learning
mixing network beats the same model with the network's weights frozen
at their starting values: on the site's English text and on 100,000
symbols of the Markov source, its running average ends lower.
Alt: two panels of running-average cost against the amount read, two lines
each: the model whose mixing network learns (thick) and the same model with
the network frozen (dashed). Left, English text, bits per byte against
kilobytes read; right, Markov source, bits per symbol against thousands of
symbols read, with a dashed horizontal line at the entropy rate. Both lines
fall in both panels, the thick one lower.
Timeout: 300 (four passes of the compiled coder: seconds)
"""

import matplotlib.pyplot as plt
import nncode
import numpy as np
from nncode.container import COST, MIXER_RATE

SEED = 0
MARKOV_SYMBOLS = 100_000
SKIP = 256  # the running average over the first handful of bytes is noise

rng = np.random.default_rng(SEED)
P, pi = nncode.markov_source(16, 0.5, rng)
entropy_rate = nncode.entropy_rate(P, pi)
inputs = {
    "english": nncode.english_corpus(),
    "markov": nncode.sample_markov(P, pi, MARKOV_SYMBOLS, rng),
}


DESIGNS = {
    "learning": ("mixing network learns", MIXER_RATE),
    "frozen": ("network frozen (fixed weights)", 0),
}

running = {}
RESULTS = {
    "text_bytes": len(inputs["english"]),
    "markov_symbols": MARKOV_SYMBOLS,
    "markov_entropy_rate": entropy_rate,
}
for name, data in inputs.items():
    bits_of = np.unpackbits(np.frombuffer(data, dtype=np.uint8)).reshape(-1, 8)
    for key, (label, rate) in DESIGNS.items():
        probs = np.zeros(8 * len(data), dtype=np.int64)
        streams = nncode.encode_parts(data, 1, mixer_rate=rate, probs=probs)
        bits = 8 * len(streams[0])
        # -log2 of the probability each bit was coded with, summed per byte
        q = np.where(bits_of == 1, probs.reshape(-1, 8), 4096 - probs.reshape(-1, 8))
        trace = COST[q].sum(axis=1)
        running[name, key] = np.cumsum(trace) / np.arange(1, len(data) + 1)
        RESULTS[f"{name}_{key}_bps"] = bits / len(data)
        RESULTS[f"{name}_{key}_first_kb_bps"] = float(np.mean(trace[:1024]))
        print(f"{name:8s} {label:32s} {bits / len(data):.3f} bits/symbol")
    RESULTS[f"{name}_frozen_over_learning"] = (
        RESULTS[f"{name}_frozen_bps"] / RESULTS[f"{name}_learning_bps"]
    )
RESULTS["markov_learning_over_entropy"] = RESULTS["markov_learning_bps"] / entropy_rate
RESULTS["markov_frozen_over_entropy"] = RESULTS["markov_frozen_bps"] / entropy_rate

fig, (left, right) = plt.subplots(1, 2, figsize=(8, 3.8))
styles = {"learning": ("-", 2.8, "#d9822b"), "frozen": ("--", 1.8, "#3b6fb6")}
for ax, name, scale in [(left, "english", 1024), (right, "markov", 1000)]:
    for key, (label, _) in DESIGNS.items():
        curve = running[name, key]
        n = np.unique(np.linspace(SKIP, len(curve), 300).astype(int))
        style, width, colour = styles[key]
        ax.plot(
            n / scale, curve[n - 1], style, color=colour, linewidth=width, label=label
        )
left.set_xlabel("kilobytes read")
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
