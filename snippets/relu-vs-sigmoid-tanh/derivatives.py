"""Three activations and their slopes.

Claim: the slope of the sigmoid never exceeds 0.25, the slope of tanh reaches
1 only at 0 and falls below 0.1 beyond |z| = 2, and the slope of ReLU is
exactly 1 wherever the unit is on.
Alt: two panels side by side. Left: sigmoid, tanh and ReLU over z from -5 to 5;
sigmoid and tanh flatten towards their bounds, ReLU is zero then a straight
line. Right: their derivatives; the sigmoid's is a low hump peaking at 0.25,
tanh's a taller hump peaking at 1 at z = 0, ReLU's a step from 0 to 1.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

Z_MAX = 5.0
N_POINTS = 2001  # odd, so that z = 0 lies on the grid
N_LAYERS = 10  # for the "ten sigmoid layers" bound

z = np.linspace(-Z_MAX, Z_MAX, N_POINTS)
slopes = {name: ak.ACTIVATIONS[name][1](z) for name in ("sigmoid", "tanh", "relu")}

sigmoid_max = float(slopes["sigmoid"].max())
tanh_max = float(slopes["tanh"].max())
tanh_argmax = float(z[slopes["tanh"].argmax()])
tanh_at_2 = float(ak.tanh_grad(np.array(2.0)))
on = z > 0
relu_on_min = float(slopes["relu"][on].min())
relu_on_max = float(slopes["relu"][on].max())

RESULTS = {
    "sigmoid_slope_max": sigmoid_max,
    "tanh_slope_max": tanh_max,
    "tanh_slope_argmax": tanh_argmax,
    "tanh_slope_at_2": tanh_at_2,
    "relu_slope_on_min": relu_on_min,
    "relu_slope_on_max": relu_on_max,
    "n_layers": N_LAYERS,
    "sigmoid_bound_n_layers": sigmoid_max**N_LAYERS,
}
print(f"largest sigmoid slope: {sigmoid_max:.4f}")
print(
    f"largest tanh slope: {tanh_max:.4f} at z = {tanh_argmax:g}; "
    f"at z = 2: {tanh_at_2:.4f}"
)
print(f"ReLU slope where the unit is on: min {relu_on_min:g}, max {relu_on_max:g}")
print(f"{N_LAYERS} sigmoid slopes multiplied: at most {sigmoid_max**N_LAYERS:.2e}")

fig, (ax_f, ax_d) = plt.subplots(1, 2, sharex=True, layout="constrained")
for name in ("sigmoid", "tanh", "relu"):
    f, _ = ak.ACTIVATIONS[name]
    style = dict(color=ak.COLOURS[name], label=ak.LABELS[name], lw=2)
    ax_f.plot(z, f(z), **style)
    # ReLU's slope jumps at 0: draw each side separately so no vertical line appears.
    if name == "relu":
        ax_d.plot(z[~on], slopes[name][~on], **style)
        ax_d.plot(z[on], slopes[name][on], color=style["color"], lw=2)
    else:
        ax_d.plot(z, slopes[name], **style)
ax_d.axhline(0.25, color="0.5", lw=0.8, ls=":")
ax_d.annotate(
    "0.25", (-Z_MAX, 0.25), xytext=(2, 3), textcoords="offset points", color="0.3"
)
ax_f.set(
    title="activation", xlabel="pre-activation $z$", ylabel="$f(z)$", ylim=(-1.2, 2.2)
)
ax_d.set(
    title="slope", xlabel="pre-activation $z$", ylabel="$f'(z)$", ylim=(-0.05, 1.1)
)
ax_f.legend(loc="upper left")
for ax in (ax_f, ax_d):
    ax.grid(alpha=0.3)
