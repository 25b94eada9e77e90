"""Nonlinear is not enough: polynomial activations hit a floor.

Claim: fitting a smooth bump, Runge's function moved to 0.3,
1 / (1 + 25 (x - 0.3)^2) on [-1, 1],
with one hidden layer of n random units and a least-squares output layer, the
activations z^2 and z^3 never beat the best polynomial of degree 2 and 3,
however many units there are, while the error of ReLU units falls far below
both floors: more than fifty times below the cubic's at 256 units, for each
of 8 draws of the random units.
Alt: a log-log plot of root-mean-square error against the number of hidden
units, 1 to 256. Two horizontal dotted lines mark the error of the best
quadratic and the best cubic. The z^2 and z^3 curves reach those lines at 2
and 3 units and then stay flat on them; the ReLU curve, with a shaded band
showing the spread over 8 draws of the random units, goes down and ends
hundreds of times below both lines.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0  # the draw of random units drawn as the curves
SEEDS = range(8)  # draws of random units for the ReLU spread
WIDTHS = [1, 2, 3, 4, 8, 16, 32, 64, 128, 256]
N_FIT = 601  # points the output layer is fitted on
N_CHECK = 6007  # a finer grid the error is measured on, between the fit points too

rng = np.random.default_rng(SEED)
x = np.linspace(-1.0, 1.0, N_FIT)
x_check = np.linspace(-1.0, 1.0, N_CHECK)


CENTRE = 0.3  # off centre, so that odd powers help too


def target(x):
    """Runge's bump, moved: smooth, but no polynomial of low degree fits it."""
    return 1.0 / (1.0 + 25.0 * (x - CENTRE) ** 2)


activations = {
    "ReLU": lambda z: np.maximum(z, 0.0),
    "$z^2$": lambda z: z**2,
    "$z^3$": lambda z: z**3,
}


# One pool of random hidden units, shared by every activation and width: unit i
# computes act(w_i x + b_i); slopes are +-1 and offsets uniform, so ReLU kinks
# fall uniformly in [-1, 1].
def draw_units(rng):
    return rng.choice([-1.0, 1.0], size=max(WIDTHS)), rng.uniform(
        -1.0, 1.0, max(WIDTHS)
    )


slopes, offsets = draw_units(rng)


def rms(residual):
    return float(np.sqrt(np.mean(residual**2)))


def features(act, n_units, x, units=None):
    w, b = units if units is not None else (slopes, offsets)
    hidden = act(np.outer(x, w[:n_units]) + b[:n_units])
    return np.column_stack([hidden, np.ones_like(x)])


def fit_error(act, n_units, units=None):
    """RMS error of the least-squares output layer on n_units random units."""
    coef, *_ = np.linalg.lstsq(features(act, n_units, x, units), target(x), rcond=None)
    return rms(features(act, n_units, x_check, units) @ coef - target(x_check))


curves = {
    name: [fit_error(act, n) for n in WIDTHS] for name, act in activations.items()
}
# the ReLU curve for other draws of the random units
relu = activations["ReLU"]
spread = np.array(
    [
        [fit_error(relu, n, draw_units(np.random.default_rng(s))) for n in WIDTHS]
        for s in SEEDS
    ]
)
floors = {
    degree: rms(np.polyval(np.polyfit(x, target(x), degree), x_check) - target(x_check))
    for degree in (2, 3)
}

RESULTS = {
    "widths": WIDTHS,
    "relu_rms": curves["ReLU"],
    "square_rms": curves["$z^2$"],
    "cube_rms": curves["$z^3$"],
    "best_quadratic_rms": floors[2],
    "best_cubic_rms": floors[3],
    "centre": CENTRE,
    "max_width": WIDTHS[-1],
    "relu_rms_at_max": curves["ReLU"][-1],
    "n_draws": len(SEEDS),
    # how far below the cubic floor ReLU gets at 256 units, over the draws
    # (rounded to two significant digits: the draw matters far more than that)
    "floor_over_relu_median": float(f"{np.median(floors[3] / spread[:, -1]):.2g}"),
    "floor_over_relu_min": float(f"{np.min(floors[3] / spread[:, -1]):.2g}"),
    "floor_over_relu_max": float(f"{np.max(floors[3] / spread[:, -1]):.2g}"),
    "relu_spread_at_max": [float(spread[:, -1].min()), float(spread[:, -1].max())],
}
print(f"best quadratic: rms {floors[2]:.4f}; best cubic: rms {floors[3]:.4f}")
print(
    f"cubic floor / ReLU error at {WIDTHS[-1]} units over {len(SEEDS)} draws: "
    f"median {RESULTS['floor_over_relu_median']:g}, from "
    f"{RESULTS['floor_over_relu_min']:g} to {RESULTS['floor_over_relu_max']:g}"
)
print("units   ReLU      z^2      z^3")
for i, n in enumerate(WIDTHS):
    print(
        f"{n:5d}   {curves['ReLU'][i]:.5f}   {curves['$z^2$'][i]:.5f}   "
        f"{curves['$z^3$'][i]:.5f}"
    )

fig, ax = plt.subplots(layout="constrained")
styles = {
    "ReLU": ("#1f77b4", "o", "-"),
    "$z^2$": ("#d62728", "s", "-"),
    "$z^3$": ("#7f7f7f", "^", "-"),
}
ax.fill_between(
    WIDTHS,
    spread.min(axis=0),
    spread.max(axis=0),
    color="#1f77b4",
    alpha=0.2,
    lw=0,
    label=f"ReLU, {len(SEEDS)} draws of units",
)
for name, errs in curves.items():
    color, marker, ls = styles[name]
    ax.plot(WIDTHS, errs, color=color, marker=marker, ls=ls, label=f"activation {name}")
ax.axhline(floors[2], color="#d62728", ls=":", lw=1.5, label="best quadratic")
ax.axhline(floors[3], color="#7f7f7f", ls=":", lw=1.5, label="best cubic")
ax.set_xscale("log", base=2)
ax.set_xticks([1, 4, 16, 64, 256], ["1", "4", "16", "64", "256"])
ax.set_yscale("log")
ax.set_xlabel("hidden units")
ax.set_ylabel(f"RMS error fitting 1 / (1 + 25 (x − {CENTRE})²)")
ax.set_title("Polynomial activations stall; ReLU keeps improving")
ax.legend(loc="lower left", fontsize="small")
