"""A curve rebuilt one unit at a time.

Claim: adding ReLU units one by one, each bending the line at its own knot,
rebuilds a smooth curve; with 12 units the sum is the piecewise-linear
interpolant through 13 points of the curve, exact at those points and within
0.2 of the curve everywhere between them.
Alt: six small panels, each with the target curve in grey and the sum of the
first k units in blue, for k = 1, 2, 3, 5, 8 and 12. With one unit the sum is
a straight line; each new unit adds a bend at its knot (orange dot), and by 12
units the blue polyline follows the grey curve closely across the interval.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

X_MIN, X_MAX = -1.5, 1.5
N_UNITS = 12
SHOWN = [1, 2, 3, 5, 8, 12]


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


knots = np.linspace(X_MIN, X_MAX, N_UNITS + 1)
intercept, _, bends = relu_kit.interpolant_units(target, knots)
# unit 0 sets the first slope at the left end; unit i > 0 bends it at knot i
first_slope = (target(knots[1]) - target(knots[0])) / (knots[1] - knots[0])
coefs = np.concatenate([[first_slope], bends])
unit_knots = knots[:-1]

x = np.linspace(X_MIN, X_MAX, 2001)


def partial_sum(k):
    return relu_kit.hinge_sum(x, unit_knots[:k], coefs[:k], intercept)


full = partial_sum(N_UNITS)
max_error = float(np.max(np.abs(full - target(x))))
at_knots = float(
    np.max(
        np.abs(relu_kit.hinge_sum(knots, unit_knots, coefs, intercept) - target(knots))
    )
)
RESULTS = {
    "n_units": N_UNITS,
    "max_error": max_error,
    "max_error_at_knots": at_knots,
    # zero up to rounding: the page states this bound, which holds everywhere
    "rounding_bound": 1e-14,
    "output_weights": [round(float(c), 3) for c in coefs],
}
print(
    f"{N_UNITS} units: largest error {max_error:.3f}; "
    f"at the knots below 1e-14: {at_knots < 1e-14}"
)
print("output weight of each unit:", RESULTS["output_weights"])

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(2, 3, figsize=(width, width * 0.58), sharex=True, sharey=True)
for ax, k in zip(axes.flat, SHOWN):
    ax.plot(x, target(x), color="0.55", lw=4, label="target")
    ax.plot(x, partial_sum(k), color="tab:blue", lw=2, label="sum of units")
    ax.plot(
        unit_knots[:k],
        relu_kit.hinge_sum(unit_knots[:k], unit_knots[:k], coefs[:k], intercept),
        "o",
        color="tab:orange",
        ms=5,
        label="knots",
    )
    ax.set_title(f"{k} unit{'s' if k > 1 else ''}")
    ax.set_ylim(-2.2, 2.2)
for ax in axes[1]:
    ax.set_xlabel("x")
for ax in axes[:, 0]:
    ax.set_ylabel("output")
axes[0, 0].legend(loc="lower left", fontsize="small")
fig.tight_layout()
