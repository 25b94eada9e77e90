"""A model's log-loss is the size of the file it compresses to.

Claim: when an arithmetic coder is driven by a learning model, the
compressed file is as long as the model's summed log-loss, -log2 p of each
byte, to within 1%; at every point of the text the bits the coder has
accounted for are within a hundredth of a bit of that sum.
Alt: two panels sharing a horizontal axis, kilobytes of text read. Top: two
rising lines that lie on top of each other, the model's summed log-loss in
kilobits and the bits the arithmetic coder has accounted for so far. Bottom:
their difference in bits, a flat line on zero across the whole text, while
the totals grow to tens of thousands of bits.
"""

import math

import matplotlib.pyplot as plt
import nncode
import numpy as np
from nncode.coder import Encoder
from nncode.container import COST

N_BYTES = 8192  # the first 8 KB of the site's own text
BLOCK = 128  # bytes per point of the plots

text = nncode.english_corpus()[:N_BYTES]
# The compiled model codes the text in one part, so one coder writes the whole
# file, and reports the probability of a 1 it coded each bit with (x 4096).
probs = np.zeros(8 * N_BYTES, dtype=np.int64)
streams = nncode.encode_parts(text, 1, probs=probs)
blob = nncode.pack(text, streams)  # the file: header, then the stream
assert nncode.decompress(blob) == text  # lossless
header_bytes = len(blob) - len(streams[0])

bits = np.unpackbits(np.frombuffer(text, dtype=np.uint8))
# Each bit costs -log2 of the probability the model gave it, before learning it.
cost = COST[np.where(bits == 1, probs, 4096 - probs)].reshape(N_BYTES, 8)
trace = cost.sum(axis=1)  # bits per byte of text
# The same coder in Python, driven by the same probabilities, to read how many
# bits it has accounted for after each byte; it writes the very same stream.
coder, written = Encoder(1), []
for byte_bits, byte_probs in zip(bits.reshape(-1, 8), probs.reshape(-1, 8)):
    for bit, p in zip(byte_bits, byte_probs):
        coder.encode(bit[None], p[None])
    written.append(coder.committed_bits())
assert coder.finish() == streams

log_loss = np.cumsum(trace)  # the model's summed -log2 p, in bits
written = np.array(written)
predicted_bits = math.fsum(trace)
actual_bits = 8 * len(blob)  # the whole file: header and final bits too

RESULTS = {
    "n_bytes": N_BYTES,
    "predicted_bits": predicted_bits,
    "actual_bits": actual_bits,
    "header_bytes": header_bytes,
    "relative_gap": actual_bits / predicted_bits - 1,
    "bits_per_byte": actual_bits / N_BYTES,
    "largest_running_gap_bits": float(np.max(np.abs(written - log_loss))),
}
print(
    f"summed log-loss {predicted_bits:,.0f} bits; file {actual_bits:,} bits "
    f"({RESULTS['relative_gap']:+.3%})"
)

fig, (top, bottom) = plt.subplots(
    2, 1, sharex=True, figsize=(6.4, 5), height_ratios=[2, 1]
)
ends = np.arange(BLOCK, N_BYTES + 1, BLOCK)  # one point per block: a small SVG
top.plot(
    ends / 1024,
    log_loss[ends - 1] / 1000,
    color="#d9822b",
    linewidth=4,
    label="summed log-loss",
)
top.plot(
    ends / 1024,
    written[ends - 1] / 1000,
    color="black",
    linestyle="--",
    label="bits accounted for by the coder",
)
top.set_ylabel("kilobits")
top.set_title("Predicted bits and coded bits, as the text is read")
top.legend()
gap = (written - log_loss).reshape(-1, BLOCK)
block_kb = (np.arange(len(gap)) + 0.5) * BLOCK / 1024
bottom.fill_between(
    block_kb,
    gap.min(axis=1),
    gap.max(axis=1),
    color="#bbbbbb",
    label=f"range within each {BLOCK} bytes",
)
bottom.plot(block_kb, gap.mean(axis=1), color="black", label="mean")
bottom.axhline(0, color="#888888", linewidth=0.8)
bottom.set_ylim(-1, 1)
bottom.set_ylabel("coded - predicted\n(bits)")
bottom.legend(loc="lower right", fontsize="small", ncols=2)
bottom.set_xlabel("kilobytes of text read")
fig.tight_layout()
