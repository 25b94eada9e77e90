"""Stacked linear layers collapse into one.

Claim: an 8-layer network of affine layers with no activation between them
gives the same output as the single affine map x -> W x + b built from its
weights, for every one of 1000 random inputs, to within floating-point
rounding (below 1e-14, a few units in the last place).
Alt: left, the output of the deep affine network along a straight path through
input space is a straight line, and the dashed line of the single collapsed map
lies exactly on it. Right, for 1000 random inputs, the single map's output
plotted against the deep network's: every dot lies on the diagonal.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
# Input size, seven hidden widths, one output: the output is a number we can plot.
WIDTHS = [3, 16, 16, 16, 16, 16, 16, 16, 1]
N_INPUTS = 1000
N_PATH = 401  # points along the straight path drawn in the left panel
# Rounding differences depend on the order in which the machine's linear
# algebra library adds up products; they are stated as bounds, which hold on
# every machine, not as values.
ROUNDING_BOUND = 1e-14
ULP_BOUND = 16  # units in the last place of the largest output

rng = np.random.default_rng(SEED)
# Variance 1/fan-in keeps the outputs of order one however deep the stack is.
weights = [
    rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_out, n_in))
    for n_in, n_out in zip(WIDTHS[:-1], WIDTHS[1:])
]
biases = [rng.normal(0.0, 0.5, size=n_out) for n_out in WIDTHS[1:]]


def deep_net(x):
    """Apply the layers one after another; x has one input per row."""
    h = x
    for w_l, b_l in zip(weights, biases):
        h = h @ w_l.T + b_l
    return h


# --8<-- [start:collapse]
# Fold the layers into one map: after layer l the running map is
# x -> W x + b, and the next layer (W_l, b_l) turns it into
# x -> (W_l W) x + (W_l b + b_l).
W = np.eye(WIDTHS[0])
b = np.zeros(WIDTHS[0])
for w_l, b_l in zip(weights, biases):
    W = w_l @ W
    b = w_l @ b + b_l
# --8<-- [end:collapse]

x = rng.normal(size=(N_INPUTS, WIDTHS[0]))
y_deep = deep_net(x)[:, 0]
y_one = (x @ W.T + b)[:, 0]
diff = np.abs(y_deep - y_one)
max_abs_difference = float(diff.max())
max_rel_difference = float(max_abs_difference / np.abs(y_deep).max())

# A straight path through input space: an affine map sends it to a straight line.
t = np.linspace(-3.0, 3.0, N_PATH)
start, direction = rng.normal(size=WIDTHS[0]), rng.normal(size=WIDTHS[0])
path = start + t[:, None] * direction
path_linear = deep_net(path)[:, 0]
path_one = (path @ W.T + b)[:, 0]


def distance_from_best_line(y):
    """Largest gap between y(t) and its least-squares straight line in t."""
    coeffs = np.polyfit(t, y, 1)
    return float(np.abs(y - np.polyval(coeffs, t)).max())


RESULTS = {
    "n_layers": len(weights),
    "n_inputs": N_INPUTS,
    "rounding_bound": ROUNDING_BOUND,
    "ulp_bound": ULP_BOUND,
    "max_ulps": float(max_abs_difference / np.spacing(np.abs(y_deep).max())),
    "max_abs_difference": max_abs_difference,
    "max_rel_difference": max_rel_difference,
    "collapsed_shape": list(W.shape),
    "output_at_zero": float(deep_net(np.zeros((1, WIDTHS[0])))[0, 0]),
    "collapsed_bias": float(b[0]),
    "path_bend": distance_from_best_line(path_linear),
    "n_exact_zeros": int(np.sum(diff == 0.0)),
}
print(f"{len(weights)} affine layers fold into one map with W of shape {W.shape}")
print(
    f"largest |deep - single| over {N_INPUTS} inputs below {ROUNDING_BOUND:.0e}: "
    f"{max_abs_difference < ROUNDING_BOUND}"
)
print(
    f"at most {ULP_BOUND} units in the last place of the largest output: "
    f"{RESULTS['max_ulps'] <= ULP_BOUND}"
)
print(
    "equal to the last bit on some inputs, not on all: "
    f"{0 < RESULTS['n_exact_zeros'] < N_INPUTS}"
)
print(
    f"largest gap from a straight line along the path below {ROUNDING_BOUND:.0e}: "
    f"{RESULTS['path_bend'] < ROUNDING_BOUND}"
)

fig, (ax_path, ax_diff) = plt.subplots(1, 2, figsize=(7.0, 3.6), layout="constrained")
ax_path.plot(
    t,
    path_linear,
    color="#1f77b4",
    lw=5,
    alpha=0.5,
    label=f"{len(weights)} affine layers",
)
ax_path.plot(t, path_one, color="black", lw=1.5, ls="--", label="one affine map")
ax_path.set_xlabel("position t along a line in input space")
ax_path.set_ylabel("network output")
ax_path.set_title("Straight along any line")
ax_path.legend(loc="best", fontsize="small")

ax_diff.plot(y_deep, y_one, ".", color="#555555", ms=3)
lim = [y_deep.min(), y_deep.max()]
ax_diff.plot(lim, lim, color="black", lw=0.8, ls=":", label="diagonal")
ax_diff.set_xlabel(f"{len(weights)} affine layers")
ax_diff.set_ylabel("one affine map")
ax_diff.set_title(f"{N_INPUTS} random inputs")
ax_diff.set_aspect("equal")
ax_diff.legend(loc="upper left", fontsize="small")
