"""Build it yourself: a curve out of hinges.

Claim: a sum of 8 hinges c + sum_i a_i relu(x - t_i), knots t_i evenly spaced
and output weights a_i chosen to join the target's values at the knots (the
page's construction), stays within 0.35 of a smooth curve; least squares, for
the same knots, lowers the root-mean-square error; and no choice of knots and
weights brings a continuous sum closer than about half the jump to a step.
Alt: two panels. Top: the target curve sin 3x + cos(5x)/2 on [-1.5, 1.5] in
grey, and in blue the sum of 8 hinges whose knots (orange triangles near the
bottom) are evenly spaced; the blue polyline joins the curve's values at the
knots. Bottom: one stem per unit, at its knot, whose height is that unit's
output weight, the change of slope it adds there.
"""

import json

import matplotlib.pyplot as plt
import numpy as np

X_MIN, X_MAX = -1.5, 1.5
N_GRID = 601  # where the sum is fitted and its largest error measured
N_SAMPLES = 25  # where the page's explorable is checked against this script
N_START = 8
MAX_UNITS = 16
KNOT_STEP = 0.03  # one arrow-key press on a knot handle
BEND_STEP = 0.1  # one arrow-key press on a bend handle

# --8<-- [start:core]
TARGETS = {
    "smooth": lambda x: np.sin(3 * x) + 0.5 * np.cos(5 * x),
    "step": lambda x: np.where(x < 0, 0.0, 1.0),
    "abs": np.abs,
    "bump": lambda x: np.exp(-8 * x**2),
}


def relu(z):
    return np.maximum(z, 0.0)


def hinge_sum(x, knots, weights, bias):
    """bias + sum_i weights[i] * relu(x - knots[i]): one hidden layer, w_i = 1."""
    total = np.zeros_like(x)
    for t, a in zip(knots, weights):  # unit by unit, as the page's JavaScript adds
        total += a * relu(x - t)
    return bias + total


def even_knots(n):
    """n knots from the left end in steps of (X_MAX - X_MIN) / n."""
    h = (X_MAX - X_MIN) / n
    return [X_MIN + i * h for i in range(n)]


def join_the_dots(f, knots):
    """Output weights and bias whose sum passes through f at the knots and X_MAX.

    The first unit sets the first slope; every later one changes the slope at
    its knot by exactly what the next segment needs.
    """
    points = np.array([*knots, X_MAX])
    slopes = np.diff(f(points)) / np.diff(points)
    weights = np.diff(slopes, prepend=0.0)
    return weights.tolist(), float(f(points[0]))


def least_squares(f, knots, x):
    """Output weights and bias minimising the squared error at the points x.

    Householder QR of the columns [1, relu(x - t_1), relu(x - t_2), ...]: it
    never forms the normal equations, so rounding grows with the columns'
    condition number, not its square. The page's JavaScript takes the same
    steps.
    """
    a = np.column_stack([np.ones_like(x), relu(x[:, None] - np.array(knots))])
    b = f(x).astype(float)
    n = a.shape[1]
    diag = np.zeros(n)
    for k in range(n):
        # reflect column k onto (diag[k], 0, ..., 0) and apply the reflection
        # to the later columns and to b
        norm = np.sqrt(np.sum(a[k:, k] ** 2))
        diag[k] = -norm if a[k, k] > 0 else norm
        a[k, k] -= diag[k]
        v = a[k:, k]
        vv = np.sum(v * v)
        for j in range(k + 1, n):
            a[k:, j] -= 2 * np.sum(v * a[k:, j]) / vv * v
        b[k:] -= 2 * np.sum(v * b[k:]) / vv * v
    w = np.zeros(n)
    for k in reversed(range(n)):  # solve the triangular system R w = Q^T b
        w[k] = (b[k] - np.sum(a[k, k + 1 : n] * w[k + 1 :])) / diag[k]
    return w[1:].tolist(), float(w[0])


# --8<-- [end:core]

grid = np.linspace(X_MIN, X_MAX, N_GRID)
samples = np.linspace(X_MIN, X_MAX, N_SAMPLES)


def readout(name, state):
    """What the explorable shows for a state: its sum and its largest error."""
    f = TARGETS[state["target"]]
    args = state["knots"], state["weights"], state["bias"]
    error = np.abs(hinge_sum(grid, *args) - f(grid))
    return {
        "name": name,
        **json.loads(json.dumps(state)),  # a copy: later moves must not change it
        "sum_at_samples": hinge_sum(samples, *args).tolist(),
        "max_error": float(np.max(error)),
        "rms_error": float(np.sqrt(np.mean(error**2))),
    }


# The scripted states: the reader's first moves, replayed by the browser test.
state = {"target": "smooth", "knots": even_knots(N_START)}
state["weights"], state["bias"] = join_the_dots(TARGETS["smooth"], state["knots"])
states = [readout("start", state)]
state["knots"][2] += KNOT_STEP  # knot 3, one press of the right arrow
states.append(readout("knot 3 right", state))
state["weights"][3] += BEND_STEP  # bend 4, one press of the up arrow
states.append(readout("bend 4 up", state))
state["weights"], state["bias"] = least_squares(TARGETS["smooth"], state["knots"], grid)
states.append(readout("fit", state))
state["knots"] = even_knots(N_START + 1)  # "add a unit", then "even knots"
state["weights"], state["bias"] = join_the_dots(TARGETS["smooth"], state["knots"])
states.append(readout("add unit, even knots", state))
for name in ("abs", "step", "bump"):
    state["target"] = name
    state["weights"], state["bias"] = least_squares(TARGETS[name], state["knots"], grid)
    states.append(readout(f"{name}, fit", state))

start = states[0]


def lstsq_difference(s):
    """Largest difference between our weights and numpy's least squares."""
    columns = np.column_stack(
        [np.ones_like(grid), relu(grid[:, None] - np.array(s["knots"]))]
    )
    numpy_w = np.linalg.lstsq(columns, TARGETS[s["target"]](grid), rcond=None)[0]
    return float(np.max(np.abs(numpy_w - [s["bias"], *s["weights"]])))


fitted = [s for s in states if s["name"].endswith("fit")]
even_fit = least_squares(TARGETS["smooth"], even_knots(N_START), grid)
even_fit = readout(
    "even knots, fit",
    {
        "target": "smooth",
        "knots": even_knots(N_START),
        "weights": even_fit[0],
        "bias": even_fit[1],
    },
)
RESULTS = {
    "n_start": N_START,
    "start_max_error": start["max_error"],
    "start_rms_error": start["rms_error"],
    "even_fit_max_error": even_fit["max_error"],
    "even_fit_rms_error": even_fit["rms_error"],
    "step_fit_max_error": states[-2]["max_error"],
    "step_fit_units": len(states[-2]["knots"]),
    # our QR and numpy's lstsq agree far below what the page's test asks of
    # the JavaScript (a bound, not the difference: that is rounding noise)
    "fits_match_numpy_lstsq": all(lstsq_difference(s) < 1e-11 for s in fitted),
    "n_fits_checked": len(fitted),
    # everything the explorable needs, written into the page by the build
    "explorable": {
        "x_min": X_MIN,
        "x_max": X_MAX,
        "n_grid": N_GRID,
        "n_samples": N_SAMPLES,
        "max_units": MAX_UNITS,
        "knot_step": KNOT_STEP,
        "bend_step": BEND_STEP,
        "start": {k: start[k] for k in ("target", "knots", "weights", "bias")},
        "states": states,
    },
}
print(f"{N_START} even knots, joining the dots: largest error {start['max_error']:.3f}")
print(f"same knots, least squares: largest error {even_fit['max_error']:.3f}")
for s in states:
    print(
        f"{s['name']:>22}: {len(s['knots'])} units, largest error {s['max_error']:.4f}, rms {s['rms_error']:.4f}"
    )
print("starting state:", json.dumps(RESULTS["explorable"]["start"])[:72], "...")

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(
    2, 1, figsize=(width, width * 0.75), sharex=True, height_ratios=[3, 1.2]
)
ax.plot(grid, TARGETS["smooth"](grid), color="0.55", lw=4, label="target")
ax.plot(
    grid,
    hinge_sum(grid, start["knots"], start["weights"], start["bias"]),
    color="tab:blue",
    lw=2,
    label=f"sum of {N_START} hinges",
)
ax.plot(
    start["knots"], np.full(N_START, -2.0), "^", color="tab:orange", ms=9, label="knots"
)
ax.set_ylim(-2.2, 2.2)
ax.set_ylabel("output")
ax.set_title("Even knots, weights that join the dots")
ax.legend(loc="upper right", fontsize="small")
ax2.axhline(0, color="0.3", lw=0.8)
ax2.vlines(start["knots"], 0, start["weights"], color="tab:orange", lw=2)
ax2.plot(start["knots"], start["weights"], "o", color="tab:orange", ms=6)
ax2.set_ylabel("bend")
ax2.set_xlabel("x")
fig.tight_layout()
