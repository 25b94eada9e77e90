"""Linear regions in the plane: shallow and deep.

Claim: with the same 24 ReLU units, a deep network built from tents (6 layers
of 4) cuts the square into 4096 linear regions, while one hidden layer of 24
units can make at most 301 in the whole plane; a deep random network of the
same shape makes far fewer than its construction.
Alt: three square panels, each the square from -1 to 1 coloured so that every
linear region of a network has its own colour. Left: one hidden layer of 24
random units, over a hundred straight-edged cells cut by 24 lines. Middle: six
random layers of four units, a few dozen cells with bent boundaries. Right:
six layers of four units set up as tents, a regular 64-by-64 checkerboard of
tiny squares. Each title gives the number of regions counted.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 0
N_UNITS = 24
GRID = 512  # grid points per side used to find the regions
BIAS_STD = 0.5  # random biases, so the cuts do not all meet at 0


def tent_plane(k):
    """k tent layers acting on each coordinate separately: 4 units a layer."""
    # first layer maps [-1, 1] to [0, 1] and splits at 1/2: relu(u), relu(u - 1/2)
    w1 = np.array([[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    b = np.array([0.5, 0.0, 0.5, 0.0])
    b_next = np.array([0.0, -0.5, 0.0, -0.5])
    fold = np.array([[2.0, 2.0], [-4.0, -4.0]])  # tent value 2h1 - 4h2, split again
    w_next = np.block([[fold, np.zeros((2, 2))], [np.zeros((2, 2)), fold]])
    net = [(w1, b)] + [(w_next, b_next)] * (k - 1)
    net.append((np.array([[2.0], [-4.0], [2.0], [-4.0]]), np.zeros(1)))
    return net


def random_net(sizes, rng):
    net = relu_kit.init_net(sizes, rng)
    return [
        (w, rng.normal(0.0, BIAS_STD, b.shape) if i < len(net) - 1 else b)
        for i, (w, b) in enumerate(net)
    ]


rng = np.random.default_rng(SEED)
nets = {
    "shallow": random_net([2, N_UNITS, 1], rng),
    "deep random": random_net([2] + [4] * 6 + [1], rng),
    "deep tents": tent_plane(6),
}
# cell centres, so no grid point sits exactly on a tent boundary
g = (np.arange(GRID) + 0.5) / GRID * 2 - 1
x1, x2 = np.meshgrid(g, g)
points = np.stack([x1.ravel(), x2.ravel()], axis=1)

labels, counts = {}, {}
for name, net in nets.items():
    codes = relu_kit.activation_codes(net, points)
    counts[name] = int(codes.max() + 1)
    labels[name] = codes.reshape(GRID, GRID)
    assert sum(w.shape[1] for w, _ in net[:-1]) == N_UNITS

shallow_max = 1 + N_UNITS + N_UNITS * (N_UNITS - 1) // 2  # 24 lines in general position
RESULTS = {
    "n_units": N_UNITS,
    "regions_shallow": counts["shallow"],
    "regions_deep_random": counts["deep random"],
    "regions_deep_tents": counts["deep tents"],
    "shallow_max_whole_plane": shallow_max,
    "grid": GRID,
}
for name, c in counts.items():
    print(f"{name:12s}: {c:5d} regions in the square (grid {GRID} x {GRID})")
print(f"one layer of {N_UNITS} units: at most {shallow_max} regions in the whole plane")

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(1, 3, figsize=(width, width * 0.4))
titles = {
    "shallow": f"1 layer × {N_UNITS}",
    "deep random": "6 layers × 4, random",
    "deep tents": "6 layers × 4, tents",
}
colour_rng = np.random.default_rng(1)  # only shuffles colours between regions
for ax, name in zip(axes, nets):
    palette = colour_rng.random((counts[name], 3)) * 0.75 + 0.2
    ax.imshow(
        palette[labels[name]],
        origin="lower",
        extent=(-1, 1, -1, 1),
        interpolation="nearest",
    )
    ax.set_title(f"{titles[name]}\n{counts[name]} regions", fontsize="medium")
    ax.set_xticks([-1, 0, 1])
    ax.set_yticks([-1, 0, 1])
    ax.set_xlabel("x1")
axes[0].set_ylabel("x2")
fig.tight_layout()
