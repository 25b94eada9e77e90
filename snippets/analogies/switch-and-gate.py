"""A ReLU is a switch its own signal controls; a GLU has a separate gate.

Claim: a ReLU's gain is 1 when its pre-activation is positive and 0
otherwise; other inputs and the bias take part only by adding to that
pre-activation, so they can switch a positive signal off but pass a negative
one only shifted. A GLU unit, value times sigmoid(gate), multiplies instead:
a second input sets a gain between 0 and 1 whatever the value, so it can
block a positive signal or pass a negative one unchanged in sign.
Alt: two panels. Left: a ReLU's output against its input, zero for negative
inputs and a 45-degree line for positive ones. Right: a GLU unit's output
against its value input, one straight line through the origin for each of
five gate inputs from -4 to 4; the slope grows from nearly 0 (gate closed) to
nearly 1 (gate open), like the characteristic curves of a transistor.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

GATES = [-4.0, -1.0, 0.0, 1.0, 4.0]
SIGNAL = 2.0  # a signal of this size, blocked and passed below
OTHER = 3.0  # another input of the same unit (weight 1), added to the signal

v = np.linspace(-3, 3, 301)


def glu(value, gate):
    return value * ak.sigmoid(gate)


def swiglu(value, gate):
    return value * ak.silu(gate)


RESULTS = {
    "signal": SIGNAL,
    "relu_of_positive": float(ak.relu(np.array(SIGNAL))),
    "relu_of_negative": float(ak.relu(np.array(-SIGNAL))),
    "other": OTHER,
    # relu(signal + other): another input, added, can switch the signal off...
    "relu_blocked_by_other": float(ak.relu(np.array(SIGNAL - OTHER))),
    # ...and can let a negative signal's unit turn on, but shifted by it.
    "relu_negative_plus_other": float(ak.relu(np.array(-SIGNAL + OTHER))),
    "glu_blocks_positive": float(glu(SIGNAL, -6.0)),
    "glu_passes_negative": float(glu(-SIGNAL, 6.0)),
    "glu_gain_min": float(ak.sigmoid(np.array(min(GATES)))),
    "glu_gain_max": float(ak.sigmoid(np.array(max(GATES)))),
    "swiglu_gain_at_4": float(ak.silu(np.array(4.0))),
    "swiglu_gain_min": float(ak.silu(np.linspace(-10, 10, 200001)).min()),
}
print(
    f"ReLU: {SIGNAL:g} -> {RESULTS['relu_of_positive']:g}, "
    f"{-SIGNAL:g} -> {RESULTS['relu_of_negative']:g}: the signal picks the branch"
)
print(f"GLU, gate -6: {SIGNAL:g} -> {RESULTS['glu_blocks_positive']:.4f} (blocked)")
print(f"GLU, gate +6: {-SIGNAL:g} -> {RESULTS['glu_passes_negative']:.4f} (passed)")
print(
    f"SwiGLU's gain silu(gate) is not confined to (0, 1): it reaches "
    f"{RESULTS['swiglu_gain_at_4']:.2f} at gate 4 and dips to "
    f"{RESULTS['swiglu_gain_min']:.3f}"
)

fig, (ax_r, ax_g) = plt.subplots(
    1, 2, sharey=True, figsize=(6.4, 3.4), layout="constrained"
)
ax_r.plot(v, ak.relu(v), color=ak.COLOURS["relu"], lw=2.5)
ax_r.set(title="ReLU: one input", xlabel="input = signal = control", ylabel="output")
shades = ["#000000", "#56B4E9", "#009E73", "#E69F00", "#D55E00"]
for gate, colour in zip(GATES, shades):
    ax_g.plot(
        v,
        glu(v, gate),
        color=colour,
        lw=2,
        label=f"gate {gate:+g}: gain {ak.sigmoid(np.array(gate)):.2f}",
    )
ax_g.set(title=r"GLU: value $\times\ \sigma$(gate)", xlabel="value input")
ax_g.legend(fontsize="small", loc="upper left")
for ax in (ax_r, ax_g):
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.grid(alpha=0.3)
