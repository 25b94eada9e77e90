"""Error falls as the square of the number of units.

Claim: for a smooth target, the largest error of the hinge construction with n
units falls like 1/n^2: on log-log axes the measured slope is close to -2, and
every error stays below the textbook bound h^2 max|f''| / 8.
Alt: a log-log plot of largest error against number of units, from 2 to 1024.
From 8 units on, the measured points fall on a straight line parallel to a
dashed reference line of slope -2, just under a dotted line showing the error
bound.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

X_MIN, X_MAX = -1.5, 1.5
UNIT_COUNTS = 2 ** np.arange(1, 11)
N_EVAL = 200_001


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


# f'' = -9 sin 3x - 12.5 cos 5x, so |f''| <= 9 + 12.5
MAX_F2 = 21.5


x = np.linspace(X_MIN, X_MAX, N_EVAL)
errors = []
for n in UNIT_COUNTS:
    knots = np.linspace(X_MIN, X_MAX, n + 1)
    # np.interp draws the same polyline as the n-unit hinge sum
    errors.append(float(np.max(np.abs(np.interp(x, knots, target(knots)) - target(x)))))
errors = np.array(errors)

h = (X_MAX - X_MIN) / UNIT_COUNTS
bound = h**2 * MAX_F2 / 8
slope = float(np.polyfit(np.log(UNIT_COUNTS[2:]), np.log(errors[2:]), 1)[0])

# the hinge sum and np.interp agree: check at 64 units
knots = np.linspace(X_MIN, X_MAX, 65)
c0, s0, bends = relu_kit.interpolant_units(target, knots)
hinges = relu_kit.hinge_sum(x, knots[:-1], np.concatenate([[s0], bends]), c0)
agree = float(np.max(np.abs(hinges - np.interp(x, knots, target(knots)))))

# how close the errors come to the bound, and the first doubling (2 -> 4 units),
# before the rate sets in
tight = errors[2:] / bound[2:]
RESULTS = {
    "slope": slope,
    "ratio_2_to_4": float(errors[0] / errors[1]),
    "ratios_from_8": (errors[2:-1] / errors[3:]).tolist(),
    "bound_share_min": float(tight.min()),
    "bound_share_max": float(tight.max()),
    "units": UNIT_COUNTS.tolist(),
    "errors": errors.tolist(),
    "bound_holds": bool(np.all(errors <= bound)),
    "error_at_16": float(errors[UNIT_COUNTS.tolist().index(16)]),
    "error_at_1024": float(errors[-1]),
    "hinge_vs_interp": agree,
}
print(f"fitted slope (n >= 8): {slope:.3f}")
for n, e, b in zip(UNIT_COUNTS, errors, bound):
    print(f"{n:5d} units: error {e:.2e}  bound {b:.2e}")

fig, ax = plt.subplots()
ax.loglog(
    UNIT_COUNTS,
    errors,
    "o-",
    color="tab:blue",
    lw=2,
    ms=6,
    label="measured largest error",
)
ax.loglog(
    UNIT_COUNTS, bound, ":", color="tab:orange", lw=2, label="bound  h² max|f''| / 8"
)
# drawn a factor 5 lower so it does not hide the measured line
ref = errors[2] / 5 * (UNIT_COUNTS / UNIT_COUNTS[2]) ** -2.0
ax.loglog(UNIT_COUNTS, ref, "--", color="0.4", lw=1.5, label="reference slope -2")
ax.set_xlabel("number of ReLU units n")
ax.set_ylabel("largest |error| on the interval")
ax.set_title(f"Doubling the units quarters the error (slope {slope:.2f})")
ax.legend()
