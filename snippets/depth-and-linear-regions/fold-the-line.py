"""Fold the line: depth multiplies pieces, width adds them.

Claim: on [0, 1], the two-unit tent composed k times has 2^k linear pieces
and the three-unit zigzag of the section above (snippets/_lib/zigzag.py)
composed k times has 4^k (4096 for k = 6, from 18 units), which is
(n + 1)^k for n = 3 units per layer, the most k layers of n units can make
on a line; one hidden layer with as many units has at most one piece more
than it has units, and the network drawn beside it reaches exactly that.
Alt: two panels side by side for k = 3. Left: the three-unit zigzag composed
three times, a sawtooth on [0, 1] with 64 straight pieces, each rising or
falling over the whole range from 0 to 1. Right: a one-hidden-layer network
with the same 9 units, flat at first and then zigzagging 9 times: 10 pieces.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit
from zigzag import zigzag_net

DEPTHS = range(1, 7)  # the explorable's slider
SHOWN = 3
N_SAMPLES = 33  # where the page's explorable is checked against this script


# --8<-- [start:core]
def shallow_net(n):
    """One hidden layer of n units with n + 1 pieces on [0, 1], the most it can have.

    Knots at j / (n + 1): flat up to the first, then slopes +-(n + 1), so
    every later piece rises or falls by 1.
    """
    knots = np.arange(1, n + 1) / (n + 1)
    signs = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    out = np.where(np.arange(n) == 0, 1.0, 2.0) * signs * (n + 1)
    return [(np.ones((1, n)), -knots), (out[:, None], np.zeros(1))]


def forward(net, x):
    """The network's output, h W + b layer by layer, summing over inputs in order."""
    h = [x]
    for index, (w, b) in enumerate(net):
        out = []
        for j in range(w.shape[1]):
            total = np.zeros_like(x)
            for i, h_i in enumerate(h):
                total = total + h_i * w[i, j]
            out.append(total + b[j])
        h = out if index == len(net) - 1 else [relu_kit.relu(z) for z in out]
    return h[0]


# --8<-- [end:core]

NETS = {"tent": (relu_kit.tent_net, 2), "zigzag": (zigzag_net, 3)}
samples = np.linspace(0.0, 1.0, N_SAMPLES)


def values(net):
    return forward(net, samples).tolist()


def layer(make):
    """One layer of a construction, as the explorable rebuilds it: the first
    layer (w, b) and the read-out (v, c); hidden layer i > 1 is (v w, c w + b)."""
    (w, b), (v, c) = make(1)
    return {
        "w": w[0].tolist(),
        "b": b.tolist(),
        "v": v[:, 0].tolist(),
        "c": float(c[0]),
    }


reference = {}
for name, (make, width) in NETS.items():
    reference[name] = [
        {
            "k": k,
            "units": width * k,
            "pieces": relu_kit.count_pieces_1d(make(k), 0.0, 1.0),
            "values": values(make(k)),
            "shallow_pieces": relu_kit.count_pieces_1d(
                shallow_net(width * k), 0.0, 1.0
            ),
            "shallow_values": values(shallow_net(width * k)),
        }
        for k in DEPTHS
    ]

tent, zigzag = reference["tent"], reference["zigzag"]
RESULTS = {
    "tent_pieces": [r["pieces"] for r in tent],
    "zigzag_pieces": [r["pieces"] for r in zigzag],
    "zigzag_units": [r["units"] for r in zigzag],
    "shallow_pieces": [r["shallow_pieces"] for r in zigzag],
    "max_depth": DEPTHS[-1],
    "shown_depth": SHOWN,
    "zigzag_pieces_at_max": zigzag[-1]["pieces"],
    "zigzag_units_at_max": zigzag[-1]["units"],
    # everything the explorable needs, written into the page by the build
    "explorable": {
        "depths": list(DEPTHS),
        "n_samples": N_SAMPLES,
        "start": {"net": "zigzag", "k": SHOWN},
        "layers": {name: layer(make) for name, (make, _) in NETS.items()},
        "reference": reference,
    },
}
for t, z in zip(tent, zigzag):
    print(
        f"k = {z['k']}: tent {t['pieces']:4d} pieces ({t['units']:2d} units), "
        f"zigzag {z['pieces']:4d} pieces ({z['units']:2d} units), "
        f"one layer of {z['units']:2d} units: {z['shallow_pieces']} pieces"
    )

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, width * 0.42), sharey=True)
x = np.linspace(0.0, 1.0, 4097)
deep = zigzag[SHOWN - 1]
ax.plot(x, forward(zigzag_net(SHOWN), x), color="tab:blue")
ax.set_title(f"{SHOWN} zigzag layers, {deep['units']} units: {deep['pieces']} pieces")
ax.set_xlabel("x")
ax.set_ylabel("output")
ax2.plot(x, forward(shallow_net(deep["units"]), x), color="tab:orange", ls="--")
ax2.set_title(f"one layer, {deep['units']} units: {deep['shallow_pieces']} pieces")
ax2.set_xlabel("x")
fig.tight_layout()
