"""One hinge, a ramp, a hat.

Claim: one ReLU is a hinge, two make a ramp that levels off at 1, and three,
relu(x) - 2 relu(x - 1) + relu(x - 2), make a hat that is exactly zero outside
[0, 2] and peaks at 1.
Alt: three panels over x from -1 to 3. Left: a single hinge, flat at zero and
then rising with slope 1 from x = 0. Middle: two hinges subtracted, a ramp from
0 at x = 0 up to 1 at x = 1, flat after. Right: three hinges, a triangle from
0 at x = 0 to 1 at x = 1 and back to 0 at x = 2, flat zero elsewhere. Each
panel marks the units' knots with dots.
"""

import matplotlib.pyplot as plt
import numpy as np

N_POINTS = 4001

x = np.linspace(-1.0, 3.0, N_POINTS)


def relu(z):
    return np.maximum(z, 0.0)


hinge = relu(x)
ramp = relu(x) - relu(x - 1)
hat = relu(x) - 2 * relu(x - 1) + relu(x - 2)

outside = (x <= 0) | (x >= 2)
RESULTS = {
    "hat_peak": float(hat.max()),
    "hat_peak_at": float(x[np.argmax(hat)]),
    "hat_max_outside": float(np.abs(hat[outside]).max()),
    "ramp_top": float(ramp.max()),
}
print(RESULTS)

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(1, 3, figsize=(width, width * 0.36), sharey=True)
panels = [
    (hinge, [0], "1 unit: hinge", "relu(x)"),
    (ramp, [0, 1], "2 units: ramp", "relu(x) - relu(x-1)"),
    (hat, [0, 1, 2], "3 units: hat", "relu(x) - 2relu(x-1) + relu(x-2)"),
]
for ax, (y, knots, title, formula) in zip(axes, panels):
    ax.plot(x, y, color="tab:blue", lw=2.5)
    ax.plot(knots, np.interp(knots, x, y), "o", color="tab:orange", ms=7, label="knots")
    ax.set_title(title)
    ax.set_xlabel(formula, fontsize="small")
    ax.set_ylim(-0.2, 2.1)
    ax.axhline(0, color="0.6", lw=0.8)
axes[0].set_ylabel("output")
axes[0].legend(loc="upper left")
fig.tight_layout()
