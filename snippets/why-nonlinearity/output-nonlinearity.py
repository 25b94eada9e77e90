"""A nonlinearity only at the output still draws a straight boundary.

Claim: a sigmoid applied to an affine map, p = sigmoid(w . x + b), is above
1/2 exactly where w . x + b > 0, so its decision boundary is a straight line,
whatever the weights: fitted by logistic regression to points inside and
outside a circle, it cannot enclose the disc, and on XOR its best fit (the
unique minimum of the cross-entropy) is w = 0, b = 0, probability 1/2 for
every point, while no line classifies more than 3 of the 4 points. The same
output on top of one hidden layer of ReLU units draws a closed boundary
around the disc.
Alt: two square panels of the plane from -1.5 to 1.5, with the same points:
orange dots inside a circle of radius 0.8, blue crosses outside it, and the
circle drawn thin. Left, sigmoid of an affine map: its shaded probability
changes along one direction only and its 1/2 contour is a single straight
line crossing the plane, with points of both classes on each side. Right,
the same sigmoid output on 64 ReLU units: its 1/2 contour is a closed
polygon close to the circle, with nearly every orange dot inside it.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N_POINTS = 400
RADIUS = 0.8
CENTRE = (0.5, 0.4)  # off centre, so the best straight boundary is not trivial
N_HIDDEN = 64
RIDGE = 1e-3  # a small penalty on the weights: the fit is unique and finite
BOX = 1.5


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # the same function, no overflow


def fit_logistic(features, labels, ridge=RIDGE, steps=50, start=None):
    """Penalised logistic regression by Newton's method (a convex problem).

    The bias (last column of ones) is not penalised. Returns the weights and
    the size of the last Newton step.
    """
    theta = np.zeros(features.shape[1]) if start is None else start.copy()
    penalty = np.full(features.shape[1], ridge)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = sigmoid(features @ theta)
        grad = features.T @ (p - labels) / len(labels) + penalty * theta
        weight = p * (1 - p) / len(labels)
        hess = features.T @ (features * weight[:, None]) + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        theta = theta - step
    return theta, float(np.max(np.abs(step)))


rng = np.random.default_rng(SEED)
x = rng.uniform(-BOX, BOX, size=(N_POINTS, 2))
y = (np.hypot(x[:, 0] - CENTRE[0], x[:, 1] - CENTRE[1]) < RADIUS).astype(float)


def affine_features(x):
    return np.column_stack([x, np.ones(len(x))])


# one hidden layer of random ReLU units: directions on the circle, offsets
# spread over the box, so their kinks cut the plane along many lines
angles = rng.uniform(0, 2 * np.pi, N_HIDDEN)
w_hidden = np.stack([np.cos(angles), np.sin(angles)])
b_hidden = rng.uniform(-BOX, BOX, N_HIDDEN)


def relu_features(x):
    h = np.maximum(x @ w_hidden + b_hidden, 0.0)
    return np.column_stack([h, np.ones(len(x))])


theta_lin, step_lin = fit_logistic(affine_features(x), y)
theta_relu, step_relu = fit_logistic(relu_features(x), y)
acc_lin = int(np.sum((affine_features(x) @ theta_lin > 0) == (y == 1)))
acc_relu = int(np.sum((relu_features(x) @ theta_relu > 0) == (y == 1)))

# XOR: cross-entropy of sigmoid(w . x + b) on the four points, no penalty
xor_x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
xor_y = np.array([0.0, 1.0, 1.0, 0.0])
theta_xor, _ = fit_logistic(
    affine_features(xor_x), xor_y, ridge=0.0, start=rng.normal(size=3)
)
# every line w . x + b = 0 (with either side called 1): the most XOR points
# any of them gets right, over a fine grid of directions and offsets
phi = np.linspace(0, 2 * np.pi, 721)[:, None]
offs = np.linspace(-2.0, 2.0, 801)[None, :]
correct = np.zeros(phi.shape[0] * offs.shape[1], dtype=int)
for (a, b), label in zip(xor_x, xor_y):
    score = (np.cos(phi) * a + np.sin(phi) * b + offs).ravel()
    correct += (score > 0) == (label == 1)
best_line = int(correct.max())

RESULTS = {
    "n_points": N_POINTS,
    "n_hidden": N_HIDDEN,
    "correct_sigmoid_only": acc_lin,
    "correct_relu_hidden": acc_relu,
    "n_inside": int(y.sum()),
    "newton_converged": max(step_lin, step_relu) < 1e-10,
    "xor_theta_max_abs": float(np.max(np.abs(theta_xor))),
    "xor_theta_bound": 1e-12,
    "xor_best_line_correct": best_line,
}
print(f"{N_POINTS} points, {int(y.sum())} of them inside the circle")
print(f"sigmoid of an affine map: {acc_lin} classified correctly")
print(f"the same output on {N_HIDDEN} ReLU units: {acc_relu}")
print(
    f"XOR: best sigmoid fit, from a random start, has |w|, |b| below "
    f"{RESULTS['xor_theta_bound']:.0e} "
    f"(p = 1/2 everywhere); the best line gets {best_line} of 4 right"
)

g = np.linspace(-BOX, BOX, 241)
g1, g2 = np.meshgrid(g, g)
plane = np.column_stack([g1.ravel(), g2.ravel()])
panels = [
    ("sigmoid only at the output", affine_features, theta_lin, acc_lin),
    (f"sigmoid on {N_HIDDEN} ReLU units", relu_features, theta_relu, acc_relu),
]
fig, axes = plt.subplots(
    1, 2, figsize=(7.0, 3.6), layout="constrained", sharex=True, sharey=True
)
t = np.linspace(0, 2 * np.pi, 200)
for ax, (title, feats, theta, acc) in zip(axes, panels):
    p = sigmoid(feats(plane) @ theta).reshape(g1.shape)
    ax.imshow(
        p,
        origin="lower",
        extent=(-BOX, BOX, -BOX, BOX),
        cmap="Greys",
        vmin=-0.3,
        vmax=1.3,
    )
    ax.contour(g1, g2, p, levels=[0.5], colors="black", linewidths=2)
    ax.plot(
        CENTRE[0] + RADIUS * np.cos(t),
        CENTRE[1] + RADIUS * np.sin(t),
        color="0.4",
        lw=0.8,
        ls=":",
    )
    inside = y == 1
    ax.scatter(*x[inside].T, s=10, color="tab:orange", label="inside the circle")
    ax.scatter(*x[~inside].T, s=12, marker="x", color="tab:blue", lw=1, label="outside")
    ax.set_title(f"{title}\n{acc} of {N_POINTS} correct", fontsize="medium")
    ax.set_xlabel("$x_1$")
    ax.set_aspect("equal")
axes[0].set_ylabel("$x_2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
