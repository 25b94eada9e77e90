"""A width-3 layer quadruples the pieces: the counting bound is reached.

Claim: a zigzag built from 3 ReLU units maps [0, 1] onto itself four times,
so composing it L times, in a network of L hidden layers of width 3, gives
exactly 4^L linear pieces on [0, 1] (4, 16, 64, 256, 1024 for L = 1 to 5):
the counting bound (width + 1)^L, met with equality.
Alt: two panels. Left: the three-unit zigzag composed 1, 2 and 3 times,
stacked vertically: saw-tooth curves on [0, 1] with 4, 16 and 64 straight
pieces of unequal widths, each running the full height. Right: the number of
pieces against depth on a logarithmic scale: the width-3 zigzag network's
exact counts (dots) sit on the dashed counting bound 4^depth, above the two-unit
tent's 2^depth.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit
from zigzag import CORNERS, zigzag, zigzag_net

DEPTHS = range(1, 6)
SHOWN = [1, 2, 3]

# The zigzag z(x) = 6 relu(x - 1/3) - 9 relu(2/3 - x) + 12 relu(5/6 - x) - 3
# (snippets/_lib/zigzag.py, shared with the explorable below) falls from 1 to
# 0 on [0, 1/3], rises to 1 on [1/3, 2/3], falls to 0 on [2/3, 5/6] and rises
# to 1 on [5/6, 1]: four pieces, each onto all of [0, 1], from three units.
# Its corners, and that each piece runs from 0 to 1:
corners = np.array(CORNERS)
corner_values = zigzag(corners[:, None])

pieces = [relu_kit.count_pieces_1d(zigzag_net(d), 0.0, 1.0) for d in DEPTHS]
bound = [(3 + 1) ** d for d in DEPTHS]
tent = [relu_kit.count_pieces_1d(relu_kit.tent_net(d), 0.0, 1.0) for d in DEPTHS]

x = np.linspace(0.0, 1.0, 4097)[:, None]
composed = zigzag_net(3)
direct = x[:, 0]
for _ in range(3):
    direct = zigzag(direct[:, None])
net_vs_direct = float(np.max(np.abs(relu_kit.forward(composed, x)[0][:, 0] - direct)))

RESULTS = {
    "depths": list(DEPTHS),
    "width": 3,
    "pieces": pieces,
    "bound": bound,
    "tent_pieces": tent,
    "bound_reached": pieces == bound,
    "pieces_deepest": pieces[-1],
    "units_deepest": 3 * DEPTHS[-1],
    "corner_values": [round(float(v), 12) for v in corner_values],
    "net_vs_direct": net_vs_direct,
}
for d, p, b, t in zip(DEPTHS, pieces, bound, tent):
    print(
        f"depth {d} ({3 * d:2d} units): {p:4d} pieces; bound (3+1)^{d} = {b:4d}; "
        f"tent of the same depth: {t}"
    )

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, width * 0.48))
for row, d in enumerate(SHOWN):
    y = relu_kit.forward(zigzag_net(d), x)[0][:, 0]
    lift = 1.25 * (len(SHOWN) - 1 - row)
    ax.plot(x[:, 0], y + lift, color="tab:blue", lw=1.4)
    ax.text(1.02, lift + 0.5, f"L = {d}\n{4**d} pieces", va="center", fontsize="small")
ax.set_yticks([])
ax.set_xlim(0, 1.3)
ax.set_xticks([0, 1 / 3, 2 / 3, 5 / 6, 1], ["0", "1/3", "2/3", "5/6", "1"])
ax.set_xlabel("x")
ax.set_title("3-unit zigzag composed L times")
ax.spines["left"].set_visible(False)

depths = list(DEPTHS)
ax2.semilogy(
    depths, bound, "--", color="black", lw=1.5, label="bound $(3+1)^{\\mathrm{depth}}$"
)
ax2.semilogy(
    depths, pieces, "o", color="tab:blue", ms=8, label="zigzag network, exact count"
)
ax2.semilogy(
    depths,
    tent,
    "s:",
    color="tab:orange",
    lw=1.5,
    label="2-unit tent, $2^{\\mathrm{depth}}$",
)
ax2.set_xticks(depths)
ax2.set_xlabel("depth (hidden layers)")
ax2.set_ylabel("linear pieces on [0, 1]")
ax2.set_title("width 3: the bound is met")
ax2.set_ylim(1, 3e4)
ax2.legend(loc="upper left", fontsize="small")
fig.tight_layout()
