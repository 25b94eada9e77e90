"""One hidden layer: at most n + 1 pieces.

Claim: a one-hidden-layer ReLU network of width n with a scalar input is
piecewise linear with at most n + 1 pieces; on the interval [-2, 2], 200
random networks of each width from 1 to 16 never exceed that, and those whose
n kinks all fall inside the interval reach it.
Alt: number of linear pieces against width n from 1 to 16. Grey dots, sized
by how many of the random networks share that count, lie on or below a dashed
straight line through n + 1; the maximum over the random networks, in blue,
lies on the line at every width.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 0
WIDTHS = range(1, 17)
N_NETS = 200
X_RANGE = 2.0  # count on [-X_RANGE, X_RANGE]; kinks outside it do not count

rng = np.random.default_rng(SEED)
counts = {}
for n in WIDTHS:
    counts[n] = []
    for _ in range(N_NETS):
        net = relu_kit.init_net([1, n, 1], rng)
        # random biases put the n kinks at random places on the line
        net[0] = (net[0][0], rng.normal(0.0, 1.0, n))
        counts[n].append(relu_kit.count_pieces_1d(net, -X_RANGE, X_RANGE))

max_counts = [max(counts[n]) for n in WIDTHS]
RESULTS = {
    "widths": list(WIDTHS),
    "max_pieces": max_counts,
    "bound_holds": all(max(counts[n]) <= n + 1 for n in WIDTHS),
    "bound_reached": all(max(counts[n]) == n + 1 for n in WIDTHS),
    "mean_pieces_16": float(np.mean(counts[16])),
    "n_nets": N_NETS,
}
for n in WIDTHS:
    print(
        f"width {n:2d}: at most {n + 1:2d} pieces; random nets: "
        f"max {max(counts[n]):2d}, mean {np.mean(counts[n]):5.2f}"
    )

fig, ax = plt.subplots()
for n in WIDTHS:
    values, freq = np.unique(counts[n], return_counts=True)
    ax.scatter(
        np.full(values.size, n), values, s=8 + 40 * freq / N_NETS, color="0.6", zorder=2
    )
w = np.array(list(WIDTHS))
ax.plot(w, w + 1, color="black", lw=1.5, ls="--", label="bound  n + 1", zorder=1)
ax.plot(w, max_counts, "o", color="tab:blue", ms=6, label="most pieces seen", zorder=3)
ax.scatter([], [], s=20, color="0.6", label=f"{N_NETS} random nets per width")
ax.set_xlabel("width n (hidden units)")
ax.set_ylabel(f"linear pieces on [-{X_RANGE:g}, {X_RANGE:g}]")
ax.set_title("One hidden layer: pieces grow linearly with width")
ax.legend(loc="upper left")
