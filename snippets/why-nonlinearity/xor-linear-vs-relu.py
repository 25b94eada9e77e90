"""XOR: the best line says 0.5 everywhere; two ReLUs get it exactly.

Claim: the least-squares affine model of XOR on its four points has weights
w = (0, 0) and bias b = 1/2, so it predicts 0.5 for every point, while a
network with two ReLU units (W = [[1, 1], [1, 1]], c = (0, -1),
w = (1, -2), from Goodfellow et al. 2016, section 6.1) outputs exactly 0, 1,
1, 0.
Alt: two square heat maps of the input plane from -0.5 to 1.5 on both axes,
with the four XOR points marked: circles at (0, 0) and (1, 1) for output 0,
triangles at (0, 1) and (1, 0) for output 1. Left, the best affine model is one
flat shade, 0.5 everywhere, so it cannot tell the points apart. Right, the
two-unit ReLU network is a ridge along the diagonal band between the lines
x1 + x2 = 0.5 and x1 + x2 = 1.5 (its 0.5 contours, drawn dashed), high on both
triangles and zero on both circles.
"""

import matplotlib.pyplot as plt
import numpy as np

# The four XOR inputs and their targets.
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = np.array([0.0, 1.0, 1.0, 0.0])
# The hand-set network from Goodfellow, Bengio & Courville (2016), section 6.1.
W_HIDDEN = np.array([[1.0, 1.0], [1.0, 1.0]])
C_HIDDEN = np.array([0.0, -1.0])
W_OUT = np.array([1.0, -2.0])
B_OUT = 0.0
GRID = 201  # points per side of the drawn plane
# The least-squares weights are zero up to rounding, which depends on the
# machine's linear algebra library: the page states a bound, not the noise.
ROUNDING_BOUND = 1e-15

# --8<-- [start:linear]
# Best affine model y ~ x @ w + b in the least-squares sense: add a column of
# ones for the bias and solve.
design = np.column_stack([X, np.ones(len(X))])
coef, *_ = np.linalg.lstsq(design, y, rcond=None)
w_lin, b_lin = coef[:2], coef[2]
pred_linear = design @ coef
# --8<-- [end:linear]


# --8<-- [start:relu]
def relu_net(x):
    """x has one input (x1, x2) per row; returns one output per row."""
    h = np.maximum(0.0, x @ W_HIDDEN + C_HIDDEN)
    return h @ W_OUT + B_OUT


pred_relu = relu_net(X)
# --8<-- [end:relu]

RESULTS = {
    "linear_w": [float(v) for v in w_lin],
    "linear_b": float(b_lin),
    "linear_max_abs_w": float(np.abs(w_lin).max()),
    "rounding_bound": ROUNDING_BOUND,
    "linear_predictions": [float(v) for v in pred_linear],
    "linear_max_dev_from_half": float(np.abs(pred_linear - 0.5).max()),
    "linear_mse": float(np.mean((pred_linear - y) ** 2)),
    "relu_predictions": [float(v) for v in pred_relu],
    "relu_exact": bool(np.array_equal(pred_relu, y)),
    "relu_mse": float(np.mean((pred_relu - y) ** 2)),
}
print("input    target  best affine  two ReLUs")
for xi, yi, pl, pr in zip(X, y, pred_linear, pred_relu):
    print(f"{xi[0]:.0f}, {xi[1]:.0f}    {yi:.0f}       {pl:.3f}        {pr:.0f}")
print(
    f"best affine model: w = {np.round(w_lin, 12) + 0.0}, b = {b_lin:.3f}, "
    f"mean squared error {RESULTS['linear_mse']:.3f}"
)
print(f"two-ReLU network: exact = {RESULTS['relu_exact']}")

g = np.linspace(-0.5, 1.5, GRID)
g1, g2 = np.meshgrid(g, g)
plane = np.column_stack([g1.ravel(), g2.ravel()])
surfaces = {
    # rounded to 12 decimals: its rounding noise would otherwise pick one of two
    # neighbouring colours, differently on different machines
    "best affine: 0.5 everywhere": np.round(plane @ w_lin + b_lin, 12).reshape(
        g1.shape
    ),
    "two ReLU units: exact": relu_net(plane).reshape(g1.shape),
}

fig, axes = plt.subplots(
    1, 2, figsize=(7.0, 3.4), layout="constrained", sharex=True, sharey=True
)
for ax, (name, z) in zip(axes, surfaces.items()):
    image = ax.imshow(
        z,
        origin="lower",
        extent=(-0.5, 1.5, -0.5, 1.5),
        cmap="cividis",
        vmin=-1.0,
        vmax=1.0,
    )
    # The affine surface is flat once rounded; a contour of rounding noise
    # would draw a boundary that is not there.
    if np.ptp(z) > 1e-9:
        ax.contour(
            g1, g2, z, levels=[0.5], colors="white", linestyles="--", linewidths=1.5
        )
    for target, marker, label in [(0, "o", "XOR = 0"), (1, "^", "XOR = 1")]:
        pts = X[y == target]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=140,
            marker=marker,
            facecolor="white",
            edgecolor="black",
            linewidth=1.5,
            label=label,
            zorder=3,
        )
    ax.set_title(name)
    ax.set_xlabel("$x_1$")
    ax.set_aspect("equal")
axes[0].set_ylabel("$x_2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
fig.colorbar(image, ax=axes, label="model output", shrink=0.9)
