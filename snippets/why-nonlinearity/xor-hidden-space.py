"""What the ReLU layer does to the four XOR points.

Claim: after the affine part of the hidden layer (W = [[1, 1], [1, 1]],
c = (0, -1)) the four XOR points lie on one line, where the best affine fit of
XOR still has mean squared error 1/4; the ReLU folds one point off that line,
and on the folded points an affine read-out fits XOR exactly.
Alt: a plane with axes h1 and h2, the two hidden units. Hollow markers show the
four points before the ReLU, on the diagonal line h2 = h1 - 1: (0, -1),
(1, 0) twice, and (2, 1). An arrow shows the ReLU moving (0, -1) up to (0, 0).
Filled markers show the points after the ReLU: circles (XOR = 0) at (0, 0) and
(2, 1), a triangle (XOR = 1) at (1, 0). A dashed line h1 - 2 h2 = 0.5 has both
circles on one side and the triangle on the other.
"""

import matplotlib.pyplot as plt
import numpy as np

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([0.0, 1.0, 1.0, 0.0])
# The hidden layer and read-out of Goodfellow, Bengio & Courville (2016), section 6.1.
W_HIDDEN = np.array([[1.0, 1.0], [1.0, 1.0]])
C_HIDDEN = np.array([0.0, -1.0])
W_OUT = np.array([1.0, -2.0])

pre = X @ W_HIDDEN + C_HIDDEN  # before the ReLU
post = np.maximum(0.0, pre)  # after it


def best_affine_mse(features):
    """Mean squared error of the least-squares affine fit of XOR on features."""
    design = np.column_stack([features, np.ones(len(features))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(np.mean((design @ coef - y) ** 2))


# Points on one line: after removing their mean they span one dimension.
pre_rank = int(np.linalg.matrix_rank(pre - pre.mean(axis=0)))
post_rank = int(np.linalg.matrix_rank(post - post.mean(axis=0)))

RESULTS = {
    "pre_activations": pre.tolist(),
    "hidden": post.tolist(),
    "pre_rank": pre_rank,
    "post_rank": post_rank,
    "pre_best_mse": best_affine_mse(pre),
    "post_best_mse": best_affine_mse(post),
    # zero up to rounding: the page states this bound, which holds everywhere
    "rounding_bound": 1e-20,
    "readout": (post @ W_OUT).tolist(),
}
print("input   before ReLU   after ReLU   read-out h1 - 2 h2")
for xi, zi, hi, oi in zip(X, pre, post, post @ W_OUT):
    print(
        f"{xi[0]:.0f}, {xi[1]:.0f}    ({zi[0]:+.0f}, {zi[1]:+.0f})     "
        f"({hi[0]:.0f}, {hi[1]:.0f})       {oi:.0f}"
    )
print(f"dimension spanned before / after ReLU: {pre_rank} / {post_rank}")
print(
    f"best affine fit of XOR, mean squared error: before {RESULTS['pre_best_mse']:.3f}, "
    f"after below {RESULTS['rounding_bound']:.0e}: "
    f"{RESULTS['post_best_mse'] < RESULTS['rounding_bound']}"
)

fig, ax = plt.subplots(figsize=(6.0, 4.8), layout="constrained")
line = np.linspace(-0.6, 2.6, 2)
ax.plot(line, line - 1.0, color="#999999", lw=1, label="line of the points before ReLU")
# Output h1 - 2 h2 > 0.5 on the shaded side.
ax.fill_between(
    line,
    -1.5,
    (line - 0.5) / 2.0,
    color="#ffd54f",
    alpha=0.35,
    lw=0,
    label="read-out above 0.5",
)
ax.plot(
    line, (line - 0.5) / 2.0, color="black", ls="--", lw=1.5, label="$h_1 - 2h_2 = 0.5$"
)
ax.annotate(
    "",
    xy=post[0],
    xytext=pre[0],
    arrowprops={"arrowstyle": "->", "lw": 1.5, "color": "black"},
)
ax.text(0.08, -0.55, "ReLU folds\n(0, -1) to (0, 0)", fontsize="small")
for target, marker, label in [(0, "o", "XOR = 0"), (1, "^", "XOR = 1")]:
    rows = y == target
    ax.scatter(
        pre[rows, 0],
        pre[rows, 1],
        s=260,
        marker=marker,
        facecolor="none",
        edgecolor="#666666",
        linewidth=1.2,
        zorder=3,
    )
    ax.scatter(
        post[rows, 0],
        post[rows, 1],
        s=140,
        marker=marker,
        facecolor="black",
        edgecolor="black",
        label=f"{label}, after ReLU",
        zorder=4,
    )
ax.set_xlim(-0.6, 2.6)
ax.set_ylim(-1.5, 1.6)
ax.set_aspect("equal")
ax.set_xlabel("hidden unit $h_1$")
ax.set_ylabel("hidden unit $h_2$")
ax.set_title("Hidden space: hollow before ReLU, filled after")
ax.legend(loc="upper left", fontsize="small")
