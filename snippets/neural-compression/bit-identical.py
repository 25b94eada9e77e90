"""The decoder must compute the very same numbers as the encoder.

Claim: with the network's sum done in half-precision floats (float16), a
decoder that runs the encoder's code restores the text exactly, while one
that adds the same products in the opposite order, or in float32, decodes a
wrong byte early and almost every byte after it wrongly; with the sum done
in integers, as the real compressor does, the order does not matter and
the reversed decoder restores the text too.
Alt: the share of bytes decoded wrongly so far against the number of bytes
decoded (log scale), one line per decoder. The lines for the decoder that
runs the encoder's float16 code and for the integer decoder that adds in
reverse stay at zero; the lines for the float16 decoder that adds in
reverse and for the float32 decoder leave zero early and climb towards one.
Timeout: 900 (six passes of a bit-by-bit coder over 600 bytes in one lane)
"""

import matplotlib.pyplot as plt
import nncode
import numpy as np

N_BYTES = 600
LANES = 1  # one lane, so that "byte k" is the k-th byte of the text

text = nncode.english_corpus()[:N_BYTES]


# --8<-- [start:variants]
def float_sum(w, st, dtype, order):
    """sum_i w_i st_i / 2^16 in floats of dtype, the products added in order."""
    scaled = (w * 2.0**-16).astype(dtype)  # the weights, rounded to dtype
    products = scaled * st.T.astype(dtype)  # each product rounded
    total = np.zeros(len(w), dtype=dtype)
    for column in products.T[order]:  # one elementwise, rounded add per input
        total += column
    return np.floor(total).astype(np.int64)


FORWARD, BACKWARD = slice(None), slice(None, None, -1)


class HalfSum(nncode.MixingModel):
    """The network's sum in float16, products added left to right."""

    def mix(self, w, st):
        return float_sum(w, st, np.float16, FORWARD)


class HalfReversed(nncode.MixingModel):
    """The same sum, right to left."""

    def mix(self, w, st):
        return float_sum(w, st, np.float16, BACKWARD)


class SingleSum(nncode.MixingModel):
    """The same sum, left to right, in float32."""

    def mix(self, w, st):
        return float_sum(w, st, np.float32, FORWARD)


class IntegerReversed(nncode.MixingModel):
    """The real model's integer sum, right to left."""

    def mix(self, w, st):
        total = np.zeros(len(w), dtype=np.int64)
        for column in (w * st.T).T[BACKWARD]:
            total += column
        return total >> 16


# --8<-- [end:variants]

# The float16 encoder, and how often the reversed order gives another sum.
steps = {"all": 0, "differ": 0}


class Counting(nncode.MixingModel):
    def mix(self, w, st):
        forward = float_sum(w, st, np.float16, FORWARD)
        steps["all"] += len(w)
        backward = float_sum(w, st, np.float16, BACKWARD)
        steps["differ"] += int((forward != backward).sum())
        return forward


float_streams = nncode.encode_lanes(text, LANES, Counting)
int_streams = nncode.encode_lanes(text, LANES)
decoders = {
    "float16, same code as the encoder": (float_streams, HalfSum),
    "float16, added in reverse order": (float_streams, HalfReversed),
    "float32 instead of float16": (float_streams, SingleSum),
    "integers, added in reverse order": (int_streams, IntegerReversed),
}
wrong = {}
for label, (streams, model) in decoders.items():
    decoded = nncode.decode_lanes(streams, N_BYTES, model)
    print(f"{label:34s} {decoded[:40]!r}")
    right = np.frombuffer(decoded, dtype=np.uint8) == np.frombuffer(
        text, dtype=np.uint8
    )
    wrong[label] = np.cumsum(~right)


def first_error(cumulative):
    hits = np.flatnonzero(cumulative)
    return int(hits[0]) if len(hits) else -1


keys = {
    "float16, same code as the encoder": "same",
    "float16, added in reverse order": "reversed",
    "float32 instead of float16": "float32",
    "integers, added in reverse order": "integer_reversed",
}
RESULTS = {"n_bytes": N_BYTES, "bit_steps": steps["all"]}
for label, key in keys.items():
    RESULTS[f"{key}_wrong"] = int(wrong[label][-1])
    RESULTS[f"{key}_first_error"] = first_error(wrong[label])
    RESULTS[f"{key}_wrong_fraction"] = float(wrong[label][-1] / N_BYTES)
RESULTS["reversed_sum_differs_steps"] = steps["differ"]
RESULTS["reversed_sum_differs_fraction"] = steps["differ"] / steps["all"]
for key, value in RESULTS.items():
    print(f"{key}: {value}")

fig, ax = plt.subplots()
position = np.arange(1, N_BYTES + 1)
styles = [("-", 2.5), (":", 3.5), ("--", 2.5), ("-.", 2.0)]
for (label, cumulative), (style, width) in zip(wrong.items(), styles):
    ax.plot(position, cumulative / position, style, linewidth=width, label=label)
ax.set_xscale("log")
ax.set_xlabel("bytes decoded (log scale)")
ax.set_ylabel("share of the bytes so far decoded wrongly")
ax.set_title("One differently rounded sum and the decoder is lost")
ax.legend()
