"""One input, one pattern, one affine map.

Claim: for every input, a ReLU network's output equals the single affine map
selected by that input's activation pattern (bit for bit when the weights and
inputs are exact binary fractions, to rounding otherwise); with two inputs
at most 37^2 = 1369 of the 65,536 patterns its 16 units allow can occur, a
dataset of 1000 points uses a few dozen of them, and with 16 inputs the same
kind of network puts 1000 points into hundreds of different patterns.
Alt: two panels over the same square of the input plane. Left: the plane
divided into convex polygons, each filled with its own colour, one per
activation pattern. Right: the network's output as a shaded map with the same
polygon edges drawn over it; inside each polygon the shading changes at a
constant rate, as a tilted plane would.
"""

from math import comb

import matplotlib.pyplot as plt
import numpy as np

SEED = 3
SIZES = [2, 8, 8, 1]  # input, two hidden layers, output
GRID = 2**-6  # inputs on a grid of binary fractions
WEIGHT_STEP = 2**-4  # weights rounded to multiples of 1/16
N_DATA = 1000
BOX = 2.0  # the input square is [-BOX, BOX]^2
FLOAT_BOUND = 1e-13  # what "equal up to rounding" means below
HIGH_DIM = 16  # the same two hidden layers with 16 inputs instead of 2

rng = np.random.default_rng(SEED)
layers = [
    (rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)), rng.normal(0, 0.5, n_out))
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:])
]
# Multiples of 1/16 times multiples of 1/64 are exact in floating point, and so
# are their short sums: every route to the output then rounds nothing.
exact_layers = [
    (np.round(W / WEIGHT_STEP) * WEIGHT_STEP, np.round(b / WEIGHT_STEP) * WEIGHT_STEP)
    for W, b in layers
]


# --8<-- [start:pattern]
def forward(x, layers):
    """The network's output, and the on/off pattern of its hidden units."""
    h, pattern = x, []
    for W, b in layers[:-1]:
        z = h @ W + b
        pattern.append(z > 0)
        h = np.where(z > 0, z, 0.0)
    W, b = layers[-1]
    return h @ W + b, np.concatenate(pattern, axis=-1)


def affine_map(pattern, layers):
    """The map x -> x A + c the network computes wherever `pattern` holds.

    A unit that is on passes its input unchanged and one that is off outputs
    0, so each hidden layer acts as W, b followed by a 0/1 diagonal matrix.
    """
    A, c, start = np.eye(SIZES[0]), np.zeros(SIZES[0]), 0
    for W, b in layers[:-1]:
        on = pattern[start : start + W.shape[1]]
        A, c = (A @ W) * on, (c @ W + b) * on
        start += W.shape[1]
    W, b = layers[-1]
    return A @ W, c @ W + b


# --8<-- [end:pattern]


def check(x, layers):
    """Largest |network(x) - affine map of x's pattern(x)| over all x."""
    y, patterns = forward(x, layers)
    worst = 0.0
    for p in np.unique(patterns, axis=0):
        rows = (patterns == p).all(axis=1)
        A, c = affine_map(p, layers)
        worst = max(worst, float(np.abs(x[rows] @ A + c - y[rows]).max()))
    return worst, patterns


x_data = np.round(rng.uniform(-BOX, BOX, (N_DATA, 2)) / GRID) * GRID
exact_diff, data_patterns = check(x_data, exact_layers)
float_diff, _ = check(x_data, layers)
n_units = sum(SIZES[1:-1])

axis = np.arange(-BOX, BOX + GRID, GRID)
grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
grid_diff, grid_patterns = check(grid, exact_layers)
y_grid, _ = forward(grid, exact_layers)


def max_regions(n_units, dim):
    """At most this many pieces: n hyperplanes in general position in R^dim."""
    return sum(comb(n_units, i) for i in range(min(n_units, dim) + 1))


# Each first-layer region is an affine copy of the input plane, which the
# second layer's units cut again by at most as many lines.
region_bound = 1
for width in SIZES[1:-1]:
    region_bound *= max_regions(width, SIZES[0])

# Higher-dimensional input: the same widths, float weights, Gaussian inputs.
hd_sizes = [HIGH_DIM, *SIZES[1:]]
hd_layers = [
    (rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out)), rng.normal(0, 0.5, n_out))
    for n_in, n_out in zip(hd_sizes[:-1], hd_sizes[1:])
]
x_hd = rng.normal(size=(N_DATA, HIGH_DIM))
_, hd_patterns = forward(x_hd, hd_layers)
h, hd_min_abs = x_hd, np.inf  # how far the nearest unit is from switching
for W, b in hd_layers[:-1]:
    z = h @ W + b
    hd_min_abs = min(hd_min_abs, float(np.abs(z).min()))
    h = np.where(z > 0, z, 0.0)

RESULTS = {
    "region_bound_2d": region_bound,
    "regions_first_layer_2d": max_regions(SIZES[1], SIZES[0]),
    "high_dim": HIGH_DIM,
    "n_hd_patterns": len(np.unique(hd_patterns, axis=0)),
    "hd_min_abs_preactivation": hd_min_abs,
    "float_bound": FLOAT_BOUND,
    "n_units": n_units,
    "n_possible_patterns": 2**n_units,
    "n_data": N_DATA,
    "n_data_patterns": len(np.unique(data_patterns, axis=0)),
    "n_grid_points": len(grid),
    "n_grid_patterns": len(np.unique(grid_patterns, axis=0)),
    "max_abs_difference_exact": max(exact_diff, grid_diff),
    "max_abs_difference_float": float_diff,
}
print(
    f"{N_DATA} data points use {RESULTS['n_data_patterns']} of "
    f"{2**n_units} possible patterns (at most {region_bound} with 2 inputs); "
    f"a {len(axis)}x{len(axis)} grid uses {RESULTS['n_grid_patterns']}"
)
print(
    f"with {HIGH_DIM} inputs, {N_DATA} Gaussian inputs use "
    f"{RESULTS['n_hd_patterns']} patterns"
)
print(
    f"network minus its affine maps: {RESULTS['max_abs_difference_exact']} "
    f"with exact binary weights, below {FLOAT_BOUND:.0e} with unrounded weights"
)
assert float_diff < FLOAT_BOUND

# Colour each pattern by a shuffled index: neighbouring regions rarely match.
_, region = np.unique(grid_patterns, axis=0, return_inverse=True)
region = rng.permutation(region.max() + 1)[region.ravel()].reshape(len(axis), len(axis))
extent = (-BOX, BOX, -BOX, BOX)
# A grid point lies on an edge where its pattern differs from a neighbour's.
edge = np.zeros(region.shape, bool)
edge[:, 1:] |= region[:, 1:] != region[:, :-1]
edge[1:, :] |= region[1:, :] != region[:-1, :]
edges = np.ma.masked_where(~edge, edge.astype(float))

fig, (ax_r, ax_y) = plt.subplots(
    1, 2, sharey=True, figsize=(6.4, 3.3), layout="constrained"
)
ax_r.imshow(
    region, origin="lower", extent=extent, cmap="tab20", interpolation="nearest"
)
im = ax_y.imshow(
    y_grid.reshape(len(axis), len(axis)), origin="lower", extent=extent, cmap="viridis"
)
for ax, colour in ((ax_r, "black"), (ax_y, "white")):
    ax.imshow(
        edges,
        origin="lower",
        extent=extent,
        interpolation="nearest",
        cmap=plt.matplotlib.colors.ListedColormap([colour]),
    )
    ax.set_xlabel("$x_1$")
ax_r.set(ylabel="$x_2$", title=f"{RESULTS['n_grid_patterns']} activation patterns")
ax_y.set(title="output: one plane per region")
fig.colorbar(im, ax=ax_y, shrink=0.8, label="network output")
