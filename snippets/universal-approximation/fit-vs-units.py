"""More units, a closer fit.

Claim: the hinge construction with n units is the straight-line interpolant
through n + 1 evenly spaced points of the curve, and its largest error shrinks
from above 1 with 2 units to below 0.1 with 16.
Alt: a slider over 16 frames, one per number of units from 1 to 16. Each
frame shows the target curve in grey and the n-unit network in blue, a
polyline through n + 1 orange points on the curve, with its largest error in
the title. With few units the polyline cuts the corners of the curve; with 16
it is hard to tell apart from it.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

X_MIN, X_MAX = -1.5, 1.5
MAX_UNITS = 16


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


x = np.linspace(X_MIN, X_MAX, 1201)
errors = []
width = plt.rcParams["figure.figsize"][0]
for n in range(1, MAX_UNITS + 1):
    knots = np.linspace(X_MIN, X_MAX, n + 1)
    c0, s0, bends = relu_kit.interpolant_units(target, knots)
    fit = relu_kit.hinge_sum(x, knots[:-1], np.concatenate([[s0], bends]), c0)
    errors.append(float(np.max(np.abs(fit - target(x)))))

    fig, ax = plt.subplots(figsize=(width, width * 0.5))
    fig.set_label(f"frames:units:{n} unit{'s' if n > 1 else ''}")
    ax.plot(x, target(x), color="0.6", lw=5, label="target")
    ax.plot(x, fit, color="tab:blue", lw=2.5, label=f"{n}-unit network")
    ax.plot(knots, target(knots), "o", color="tab:orange", ms=6, label="knots")
    ax.set_xlim(X_MIN - 0.05, X_MAX + 0.05)
    ax.set_ylim(-2.2, 2.2)
    ax.set_xlabel("x")
    ax.set_ylabel("output")
    ax.set_title(f"{n} unit{'s' if n > 1 else ''}: largest error {errors[-1]:.3f}")
    ax.legend(loc="upper right")
    fig.tight_layout()

RESULTS = {
    "errors": errors,
    "error_2": errors[1],
    "error_16": errors[-1],
    "n_frames": MAX_UNITS,
}
for n, e in enumerate(errors, start=1):
    print(f"{n:2d} units: largest error {e:.3f}")
