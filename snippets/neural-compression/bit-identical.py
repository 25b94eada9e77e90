"""The decoder must compute the very same floats as the encoder.

Claim: a decoder that runs the same code as the encoder restores the text
exactly, while a decoder that computes the logits in float64 instead of
float32, or adds the same rows in the opposite order, decodes a wrong byte
within the first 100 bytes and gets almost every later byte wrong.
Alt: the share of bytes decoded wrongly so far against the number of bytes
decoded (log scale, 1 to 4,000), one line per decoder. The line for the
decoder that runs the encoder's code stays at zero; the lines for the
float64 decoder and for the reordered sum lie on top of each other, leave
zero after about twenty bytes and climb to nearly one."""

import matplotlib.pyplot as plt
import nncode
import numpy as np

N_BYTES = 4000

text = nncode.english_corpus()[:N_BYTES]


class Float64Logits(nncode.NeuralModel):
    """Identical, except that the logits are computed in float64."""

    def predict(self, n_outcomes):
        w = self.weights.take(self.ctx.rows, axis=0)[:, :n_outcomes]
        logits = self.gate.astype(np.float64) @ w.astype(np.float64)
        np.minimum(logits, nncode.LOGIT_CAP, out=logits)
        self.w, self.exp = w, np.exp(logits).astype(np.float32)
        return self.exp


class ReversedSum(nncode.NeuralModel):
    """Identical, except that the active rows are added in reverse order."""

    def predict(self, n_outcomes):
        w = self.weights.take(self.ctx.rows, axis=0)[:, :n_outcomes]
        logits = self.gate[::-1] @ w[::-1]
        np.minimum(logits, nncode.LOGIT_CAP, out=logits)
        self.w, self.exp = w, np.exp(logits)
        return self.exp


blob = nncode.compress(text, nncode.NeuralModel())
decoders = {
    "same code as the encoder": nncode.NeuralModel,
    "logits in float64": Float64Logits,
    "rows added in reverse order": ReversedSum,
}
wrong = {}
for label, model in decoders.items():
    decoded = nncode.decompress(blob, model())
    print(f"{label:28s} {decoded[:48]!r}")
    right = np.frombuffer(decoded, dtype=np.uint8) == np.frombuffer(
        text, dtype=np.uint8
    )
    wrong[label] = np.cumsum(~right)


def first_error(cumulative):
    hits = np.flatnonzero(cumulative)
    return int(hits[0]) if len(hits) else -1


# Run the encoder's model and the reordered one side by side on the true text
# and count the steps where their floats, or their integer counts, differ.
a, b = nncode.NeuralModel(), ReversedSum()
float_steps = count_steps = 0
position = {}
for byte in text:
    width = len(position) + 1
    pa, pb = a.predict(width), b.predict(width)
    float_steps += not np.array_equal(pa, pb)
    ca, cb = nncode.Counts(pa), nncode.Counts(pb)
    # cum(j) for every j at once: the same product and truncation as cum().
    count_steps += not np.array_equal(
        (ca.running * ca.scale).astype(np.int64),
        (cb.running * cb.scale).astype(np.int64),
    )
    outcome = position.get(byte, nncode.ESCAPE)
    if outcome == nncode.ESCAPE:
        position[byte] = len(position) + 1
    a.learn(outcome, byte)
    b.learn(outcome, byte)

RESULTS = {
    "n_bytes": N_BYTES,
    "same_wrong": int(wrong["same code as the encoder"][-1]),
    "float64_first_error": first_error(wrong["logits in float64"]),
    "float64_wrong_fraction": float(wrong["logits in float64"][-1] / N_BYTES),
    "reversed_first_error": first_error(wrong["rows added in reverse order"]),
    "reversed_float_steps_fraction": float_steps / N_BYTES,
    "reversed_count_steps": count_steps,
}
for key, value in RESULTS.items():
    print(f"{key}: {value}")

fig, ax = plt.subplots()
position = np.arange(1, N_BYTES + 1)
styles = [("-", 2.5), ("--", 2.5), (":", 3.5)]
for (label, cumulative), (style, width) in zip(wrong.items(), styles):
    ax.plot(position, cumulative / position, style, linewidth=width, label=label)
ax.set_xscale("log")
ax.set_xlabel("bytes decoded (log scale)")
ax.set_ylabel("share of the bytes so far decoded wrongly")
ax.set_title("One changed float and the decoder is lost")
ax.legend()
