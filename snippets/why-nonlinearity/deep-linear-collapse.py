"""Stacked linear layers collapse into one.

Claim: an 8-layer network of affine layers with no activation between them
gives the same output as the single affine map x -> W x + b built from its
weights, for every one of 1000 random inputs, to within floating-point
rounding.
Alt: left, the output of the deep affine network along a straight path through
input space is a straight line, and the dashed line of the single collapsed map
lies exactly on it. Right, a histogram of the differences between the deep
network and the single map over 1000 random inputs: every one is below 1e-14,
and some are exactly zero, shown as a separate bar at the left.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
# Input size, seven hidden widths, one output: the output is a number we can plot.
WIDTHS = [3, 16, 16, 16, 16, 16, 16, 16, 1]
N_INPUTS = 1000
N_PATH = 401  # points along the straight path drawn in the left panel

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
    "max_abs_difference": max_abs_difference,
    "max_rel_difference": max_rel_difference,
    "collapsed_shape": list(W.shape),
    "output_at_zero": float(deep_net(np.zeros((1, WIDTHS[0])))[0, 0]),
    "collapsed_bias": float(b[0]),
    "path_bend": distance_from_best_line(path_linear),
    "n_exact_zeros": int(np.sum(diff == 0.0)),
}
print(f"{len(weights)} affine layers fold into one map with W of shape {W.shape}")
print(f"largest |deep - single| over {N_INPUTS} inputs: {max_abs_difference:.1e}")
print(f"relative to the largest output: {max_rel_difference:.1e}")
print(f"inputs where the two agree to the last bit: {RESULTS['n_exact_zeros']}")
print(f"largest gap from a straight line along the path: {RESULTS['path_bend']:.1e}")

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

# Exact zeros cannot go on a log axis: they are drawn as their own bar at the left.
tiny = 1e-18
bins = np.logspace(-18, -12, 49)
ax_diff.hist(np.clip(diff, tiny, None), bins=bins, color="#555555")
ax_diff.set_xscale("log")
ticks = [1e-18, 1e-16, 1e-14, 1e-12]
ax_diff.set_xticks(ticks, ["0"] + [f"$10^{{{int(np.log10(v))}}}$" for v in ticks[1:]])
ax_diff.minorticks_off()
ax_diff.set_xlabel("|deep net - one map|, per input")
ax_diff.set_ylabel("number of inputs")
ax_diff.set_title("Differences: rounding only")
