"""At initialisation, far from the maximum.

Claim: at random (He) initialisation, the number of linear pieces of a
width-8 ReLU network along an interval grows roughly in proportion to its
number of units as depth increases, nowhere near the counting bound
(8 + 1)^depth for the same architecture; the 2-unit tent architecture, 256
pieces when set by hand at depth 8, has only a few at random initialisation.
Alt: a log-scale plot of linear pieces on [-3, 3] against depth from 1 to 6
for width-8 networks. A steep dashed line shows the upper bound 9^depth; the
measured mean over 30 random networks, with a shaded band from the 10th to the
90th percentile, grows slowly, from about 8 to under 40, and stays close to a
dotted reference line proportional to the number of units.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 0
WIDTH = 8
DEPTHS = range(1, 7)
N_NETS = 30
X_RANGE = 3.0
BIAS_STD = 0.5  # small random biases, as at a typical initialisation
TENT_DEPTH = 8

rng = np.random.default_rng(SEED)


def random_net(sizes):
    net = relu_kit.init_net(sizes, rng)
    return [
        (w, rng.normal(0.0, BIAS_STD, b.shape) if i < len(net) - 1 else b)
        for i, (w, b) in enumerate(net)
    ]


def crossing_fraction(net, lo, hi):
    """Share of (piece, unit) pairs in which a unit of layer 2 or later
    crosses its threshold inside a piece of its input.

    A piece is an interval on which every earlier unit keeps its on/off state,
    so the unit's pre-activation is affine there and crosses zero at most once.
    Depth multiplies the pieces only when this share is high: the hand-set
    zigzag has 1, the tent 1/2 (its first unit switches at the piece ends).
    """
    cuts = np.array([lo, hi], dtype=float)
    crossed = total = 0
    for i, (w, b) in enumerate(net[:-1]):
        a, c = relu_kit._affine_on(net, 0.5 * (cuts[:-1] + cuts[1:]), upto=i)
        za, zc = a @ w, c @ w + b
        with np.errstate(divide="ignore", invalid="ignore"):
            roots = -zc / za
        inside = (
            (np.abs(za) > 1e-12) & (roots > cuts[:-1, None]) & (roots < cuts[1:, None])
        )
        if i > 0:
            crossed += int(inside.sum())
            total += inside.size
        cuts = np.unique(np.concatenate([cuts, roots[inside]]))
    return crossed / total


pieces = {}
for depth in DEPTHS:
    pieces[depth] = [
        relu_kit.count_pieces_1d(
            random_net([1] + [WIDTH] * depth + [1]), -X_RANGE, X_RANGE
        )
        for _ in range(N_NETS)
    ]
means = np.array([np.mean(pieces[d]) for d in DEPTHS])
bound = np.array([(WIDTH + 1) ** d for d in DEPTHS])
units = np.array([WIDTH * d for d in DEPTHS])
per_unit = means / units

tent_random = [
    relu_kit.count_pieces_1d(random_net([1] + [2] * TENT_DEPTH + [1]), 0.0, 1.0)
    for _ in range(N_NETS)
]

# fresh networks, drawn after the ones above so that their counts do not change
crossing = [
    crossing_fraction(random_net([1] + [WIDTH] * DEPTHS[-1] + [1]), -X_RANGE, X_RANGE)
    for _ in range(N_NETS)
]

RESULTS = {
    "depths": list(DEPTHS),
    "mean_pieces": means.tolist(),
    "bound": bound.tolist(),
    "mean_pieces_deepest": float(means[-1]),
    "bound_deepest": int(bound[-1]),
    "units_deepest": int(units[-1]),
    "pieces_per_unit_min": float(per_unit.min()),
    "pieces_per_unit_max": float(per_unit.max()),
    "max_seen_deepest": int(max(pieces[DEPTHS[-1]])),
    "tent_random_mean": float(np.mean(tent_random)),
    "tent_random_max": int(max(tent_random)),
    "tent_designed": 2**TENT_DEPTH,
    "n_nets": N_NETS,
    # depth 6: how often a later unit switches inside a piece of its input
    "crossing_median": float(np.median(crossing)),
    "crossing_max": float(max(crossing)),
    "crossing_tent": crossing_fraction(relu_kit.tent_net(TENT_DEPTH), 0.0, 1.0),
}
for d, m, b in zip(DEPTHS, means, bound):
    print(
        f"depth {d} ({WIDTH * d:2d} units): mean {m:6.1f} pieces, "
        f"max {max(pieces[d]):3d}; upper bound {b:,}"
    )
print(
    f"tent architecture ({TENT_DEPTH} layers of 2) at random init: mean "
    f"{np.mean(tent_random):.1f}, max {max(tent_random)} pieces (designed: {2**TENT_DEPTH})"
)

print(
    f"depth {DEPTHS[-1]}: a later unit switches inside a piece of its input in "
    f"{np.median(crossing):.0%} of cases (median of {N_NETS} networks, at most "
    f"{max(crossing):.0%}); the tent: {RESULTS['crossing_tent']:.0%}"
)

fig, ax = plt.subplots()
depths = np.array(list(DEPTHS))
low = [np.percentile(pieces[d], 10) for d in DEPTHS]
high = [np.percentile(pieces[d], 90) for d in DEPTHS]
ax.fill_between(
    depths,
    low,
    high,
    color="tab:blue",
    alpha=0.2,
    lw=0,
    label="random init, 10th–90th percentile",
)
ax.plot(
    depths, means, "o-", color="tab:blue", lw=2, label=f"random init, mean of {N_NETS}"
)
ax.plot(
    depths,
    bound,
    "--",
    color="black",
    lw=1.5,
    label=f"upper bound $({WIDTH}+1)^{{\\mathrm{{depth}}}}$",
)
ax.plot(
    depths,
    units * per_unit.mean(),
    ":",
    color="tab:orange",
    lw=2,
    label="proportional to the number of units",
)
ax.set_yscale("log")
ax.set_xlabel(f"depth (hidden layers of {WIDTH} units)")
ax.set_ylabel(f"linear pieces on [-{X_RANGE:g}, {X_RANGE:g}]")
ax.set_title("What depth allows vs what a random network has")
ax.legend(loc="upper left", fontsize="small")
