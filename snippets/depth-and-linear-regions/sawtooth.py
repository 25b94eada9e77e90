"""Composing a tent doubles the pieces.

Claim: the two-unit tent t(x) = 2 relu(x) - 4 relu(x - 1/2), composed k times,
has exactly 2^k linear pieces on [0, 1] (256 for k = 8) with only 2k units,
whereas one hidden layer of 2k units has at most 2k + 1.
Alt: two panels. Left: the tent composed 1, 2, 3 and 4 times, stacked
vertically: zig-zags on [0, 1] with 2, 4, 8 and 16 straight pieces. Right: the
number of pieces against the number of units on a logarithmic scale: the
composed tents double with every two units added, from 2 at 2 units to 256 at
16 units, while the one-layer bound 2k + 1 grows to only 17.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

DEPTHS = range(1, 9)
SHOWN = [1, 2, 3, 4]

pieces = [relu_kit.count_pieces_1d(relu_kit.tent_net(k), 0.0, 1.0) for k in DEPTHS]
units = [2 * k for k in DEPTHS]
shallow_bound = [u + 1 for u in units]

RESULTS = {
    "depths": list(DEPTHS),
    "pieces": pieces,
    "all_powers_of_two": all(p == 2**k for p, k in zip(pieces, DEPTHS)),
    "pieces_at_8": pieces[-1],
    "units_at_8": units[-1],
    "shallow_bound_at_8": shallow_bound[-1],
    # weights and biases of the 8-tent network: far fewer than 2 x 256 numbers
    # (corner positions and heights) that a general 256-piece function needs
    "params_at_8": sum(w.size + b.size for w, b in relu_kit.tent_net(DEPTHS[-1])),
}
for k, p in zip(DEPTHS, pieces):
    print(
        f"{k} tents ({2 * k:2d} units): {p:3d} pieces; one layer of {2 * k} units: at most {2 * k + 1}"
    )

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, width * 0.48))
x = np.linspace(0, 1, 2049)[:, None]
for row, k in enumerate(SHOWN):
    y = relu_kit.forward(relu_kit.tent_net(k), x)[0][:, 0]
    ax.plot(x[:, 0], y + 1.25 * (len(SHOWN) - 1 - row), color="tab:blue", lw=1.8)
    ax.text(
        1.02,
        1.25 * (len(SHOWN) - 1 - row) + 0.5,
        f"k = {k}\n{2**k} pieces",
        va="center",
        fontsize="small",
    )
ax.set_yticks([])
ax.set_xlim(0, 1.3)
ax.set_xticks([0, 0.5, 1])
ax.set_xlabel("x")
ax.set_title("tent composed k times")
ax.spines["left"].set_visible(False)

ax2.semilogy(
    units, pieces, "o-", color="tab:blue", lw=2, label="deep: k tents (2 units each)"
)
ax2.semilogy(
    units,
    shallow_bound,
    "s--",
    color="tab:orange",
    lw=2,
    label="one layer, same units: max",
)
ax2.set_xlabel("number of ReLU units")
ax2.set_ylabel("linear pieces on [0, 1]")
ax2.set_title("depth multiplies, width adds")
ax2.legend(loc="upper left", fontsize="small")
fig.tight_layout()
