"""Zero on a learned half-plane.

Claim: a ReLU unit relu(w . x + b) is zero on a half-plane whose direction w
sets and whose position b moves; a layer of units with different w and b has
at least one unit active at every point of the plane shown.
Colours: kept (the text calls a unit's zero side white)
Alt: two panels over the square from -3 to 3. Left: one unit's output as a
colour map, zero (white) on one side of a straight line; dashed parallel lines
show where the boundary moves for biases -1.5, 0 and 1.5. Right: six units'
boundary lines in different directions; the colour counts how many of the six
units are active at each point: from one to four, and nowhere zero.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 3
N_UNITS = 6
GRID = 301
BIASES = [-1.5, 0.0, 1.5]

rng = np.random.default_rng(SEED)
g = np.linspace(-3, 3, GRID)
x1, x2 = np.meshgrid(g, g)
points = np.stack([x1.ravel(), x2.ravel()], axis=1)

w = np.array([1.0, 0.6])
b = 0.0
single = np.maximum(points @ w + b, 0.0).reshape(GRID, GRID)

# directions spread around the circle, so every point is seen by some unit
angles = np.arange(N_UNITS) * 2 * np.pi / N_UNITS + rng.uniform(-0.3, 0.3, N_UNITS)
W = np.stack([np.cos(angles), np.sin(angles)])
bias = rng.normal(0.0, 0.5, N_UNITS)
active = (points @ W + bias > 0).sum(axis=1).reshape(GRID, GRID)

RESULTS = {
    "single_zero_fraction": float(np.mean(single == 0)),
    "min_active": int(active.min()),
    "max_active": int(active.max()),
    "mean_active_fraction": float(active.mean() / N_UNITS),
    "n_units": N_UNITS,
}
print(RESULTS)

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, width * 0.48))
im = ax.imshow(single, origin="lower", extent=(-3, 3, -3, 3), cmap="Blues")
fig.colorbar(im, ax=ax, shrink=0.8, label="output")
for bb, style in zip(BIASES, [":", "--", "-."]):
    # boundary w . x + bb = 0, i.e. x2 = -(w1 x1 + bb) / w2
    ax.plot(
        g,
        -(w[0] * g + bb) / w[1],
        style,
        color="tab:orange",
        lw=2,
        label=f"b = {bb:+.1f}",
    )
ax.set_xlim(-3, 3)
ax.set_ylim(-3, 3)
ax.set_xlabel("input x1")
ax.set_ylabel("input x2")
ax.set_title("one unit: zero on a half-plane")
ax.legend(loc="lower left", fontsize="small", title="boundary", title_fontsize="small")

cmap = plt.get_cmap("viridis", N_UNITS + 1)
im2 = ax2.imshow(
    active,
    origin="lower",
    extent=(-3, 3, -3, 3),
    cmap=cmap,
    vmin=-0.5,
    vmax=N_UNITS + 0.5,
)
for k in range(N_UNITS):
    ax2.plot(g, -(W[0, k] * g + bias[k]) / W[1, k], color="white", lw=1.2)
ax2.set_xlim(-3, 3)
ax2.set_ylim(-3, 3)
ax2.set_xlabel("input x1")
ax2.set_title(f"{N_UNITS} units: how many are on")
fig.colorbar(im2, ax=ax2, shrink=0.8, ticks=range(N_UNITS + 1), label="units active")
fig.tight_layout()
