"""The decoder must compute the very same floats as the encoder.

Claim: a decoder that runs the same code as the encoder restores the text
exactly, while a decoder that computes the logits in float64 instead of
float32, adds the same rows in the opposite order, or adds them with a
BLAS matrix product instead of an elementwise sum, decodes a wrong byte
within the first 200 bytes and gets almost every later byte wrong.
Alt: the share of bytes decoded wrongly so far against the number of bytes
decoded (log scale, 1 to 4,000), one line per decoder. The line for the
decoder that runs the encoder's code stays at zero; the lines for the
float64 decoder, the reordered sum and the matrix product leave zero
within the first two hundred bytes and climb to nearly one."""

import matplotlib.pyplot as plt
import nncode
import numpy as np

N_BYTES = 4000
LANES = 1  # one lane, so that "byte k" is the k-th byte of the text

text = nncode.english_corpus()[:N_BYTES]


class Float64Logits(nncode.NeuralModel):
    """Identical, except that the logits are computed in float64."""

    def _exp_logits(self, rows, n_outcomes):
        w = self.weights.take(rows, axis=0).astype(np.float64)
        w *= self.gate.astype(np.float64)[:, None]
        logits = np.add.reduce(w, axis=-2)[..., :n_outcomes]
        return np.exp(logits).astype(np.float32)


class ReversedSum(nncode.NeuralModel):
    """Identical, except that the active rows are added in reverse order."""

    def _exp_logits(self, rows, n_outcomes):
        w = self.weights.take(rows, axis=0)
        w *= self.gate[:, None]
        logits = np.add.reduce(w[..., ::-1, :], axis=-2)[..., :n_outcomes]
        return np.exp(logits)


class MatrixProduct(nncode.NeuralModel):
    """Identical maths: the gated rows are summed by BLAS (gate @ W)."""

    def _exp_logits(self, rows, n_outcomes):
        w = self.weights.take(rows, axis=0)[..., :n_outcomes]
        return np.exp(self.gate @ w)


blob = nncode.compress(text, nncode.NeuralModel(lanes=LANES))
decoders = {
    "same code as the encoder": nncode.NeuralModel,
    "logits in float64": Float64Logits,
    "rows added in reverse order": ReversedSum,
    "one BLAS matrix product": MatrixProduct,
}
wrong = {}
for label, model in decoders.items():
    decoded = nncode.decompress(blob, model(lanes=LANES))
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
a, b = nncode.NeuralModel(lanes=1), ReversedSum(lanes=1)
sequence, steps = nncode.reading_order(text, 1)
outcomes, widths = nncode._outcomes(sequence, steps)
float_steps = count_steps = 0
for byte, outcome, width in zip(text, outcomes, widths):
    pa, pb = a.predict(width, 1), b.predict(width, 1)
    float_steps += not np.array_equal(pa, pb)
    count_steps += not np.array_equal(
        nncode.cumulative_counts(pa, width - 1),
        nncode.cumulative_counts(pb, width - 1),
    )
    a.learn([outcome], [byte])
    b.learn([outcome], [byte])

RESULTS = {
    "n_bytes": N_BYTES,
    "same_wrong": int(wrong["same code as the encoder"][-1]),
    "float64_first_error": first_error(wrong["logits in float64"]),
    "float64_wrong_fraction": float(wrong["logits in float64"][-1] / N_BYTES),
    "reversed_first_error": first_error(wrong["rows added in reverse order"]),
    "blas_first_error": first_error(wrong["one BLAS matrix product"]),
    "blas_wrong_fraction": float(wrong["one BLAS matrix product"][-1] / N_BYTES),
    "reversed_float_steps_fraction": float_steps / N_BYTES,
    "reversed_count_steps": count_steps,
}
for key, value in RESULTS.items():
    print(f"{key}: {value}")

fig, ax = plt.subplots()
position = np.arange(1, N_BYTES + 1)
styles = [("-", 2.5), ("--", 2.5), (":", 3.5), ("-.", 2.0)]
for (label, cumulative), (style, width) in zip(wrong.items(), styles):
    ax.plot(position, cumulative / position, style, linewidth=width, label=label)
ax.set_xscale("log")
ax.set_xlabel("bytes decoded (log scale)")
ax.set_ylabel("share of the bytes so far decoded wrongly")
ax.set_title("One changed float and the decoder is lost")
ax.legend()
