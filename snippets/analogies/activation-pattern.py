"""One input, one pattern, one affine map.

Claim: for every input, a ReLU network's output equals the single affine map
selected by that input's activation pattern (bit for bit when the weights and
inputs are exact binary fractions, to rounding otherwise), and a dataset of
1000 points uses only a few dozen of the 65,536 patterns its 16 units allow.
Alt: two panels over the same square of the input plane. Left: the plane
divided into convex polygons, each filled with its own colour, one per
activation pattern. Right: the network's output as a shaded map with the same
polygon edges drawn over it; inside each polygon the shading changes at a
constant rate, as a tilted plane would.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 3
SIZES = [2, 8, 8, 1]  # input, two hidden layers, output
GRID = 2**-6  # inputs on a grid of binary fractions
WEIGHT_STEP = 2**-4  # weights rounded to multiples of 1/16
N_DATA = 1000
BOX = 2.0  # the input square is [-BOX, BOX]^2

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

RESULTS = {
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
    f"{2**n_units} possible patterns; a {len(axis)}x{len(axis)} grid uses "
    f"{RESULTS['n_grid_patterns']}"
)
print(
    f"network minus its affine maps: {RESULTS['max_abs_difference_exact']} "
    f"with exact binary weights, {float_diff:.1e} with unrounded weights"
)

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
