"""Two ReLUs lose nothing.

Claim: relu(x) - relu(-x) equals x for every x, so a layer of two ReLU units
followed by output weights +1 and -1 passes negative inputs through exactly.
Alt: three lines over x from -3 to 3. relu(x) is zero on the left and rises on
the right; relu(-x) is its mirror image; their difference, drawn dashed, is the
straight line y = x through the origin, negative on the left.
"""

import matplotlib.pyplot as plt
import numpy as np

X_MAX = 3.0
N_POINTS = 10_001

x = np.linspace(-X_MAX, X_MAX, N_POINTS)
pos = np.maximum(x, 0.0)  # unit 1: weight +1
neg = np.maximum(-x, 0.0)  # unit 2: weight -1, so it fires on the negative side
back = pos - neg  # next layer: weights +1 and -1, both allowed

max_error = float(np.max(np.abs(back - x)))
RESULTS = {
    "max_abs_error": max_error,
    "n_points": N_POINTS,
    "negative_output_min": float(back.min()),
}
print(f"largest |relu(x) - relu(-x) - x| over {N_POINTS} points: {max_error}")

fig, ax = plt.subplots()
ax.plot(x, pos, color="tab:blue", lw=2.5, label="unit 1: relu(x)")
ax.plot(x, neg, color="tab:orange", lw=2.5, label="unit 2: relu(-x)")
ax.plot(x, back, color="black", lw=2, ls="--", label="next layer: relu(x) - relu(-x)")
ax.axhline(0, color="0.6", lw=0.8)
ax.axvline(0, color="0.6", lw=0.8)
ax.set_xlabel("input x")
ax.set_ylabel("value")
ax.set_title("Each unit zeroes one side; together they keep all of x")
ax.legend(loc="upper center")
