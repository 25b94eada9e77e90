"""Where a trained network puts its kinks.

Claim: gradient descent moves the kinks of a 12-unit ReLU network to uneven
places of its own choosing; the trained network ends with a smaller largest
error than the evenly spaced 12-unit interpolant, which must pass through the
knots, but not smaller than 12 evenly spaced units whose output weights are
fitted by least squares to the same data.
Alt: two panels. Left: the target curve in grey, the trained network's output
in blue on top of it, a thin dashed black line for 12 evenly spaced units
with least-squares output weights (also on the curve), and orange triangles
on the x-axis at each trained unit's kink, spaced unevenly. Right: the path
of every kink during training, position across, training step up (log scale):
most kinks start near the middle, spread out over the first few hundred steps,
then settle. The two units whose kinks end outside the interval are drawn grey;
only one of them crosses the plotted range, briefly, right of the interval.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import relu_kit
import scalar_net

SEED = 1
X_MIN, X_MAX = -1.5, 1.5
N_UNITS = 12
N_DATA = 64
STEPS = 3000
LEARNING_RATE = 0.01  # Adam
BIAS_STD = 0.5  # small random biases: most kinks start near x = 0
RECORD_EVERY = 5


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


rng = np.random.default_rng(SEED)
x = np.linspace(X_MIN, X_MAX, N_DATA)
# the data with the standard library's sin and cos, the same on every machine
y = np.array([math.sin(3 * v) + 0.5 * math.cos(5 * v) for v in x])
net0 = relu_kit.init_net([1, N_UNITS, 1], rng)
net0[0] = (net0[0][0], rng.normal(0.0, BIAS_STD, N_UNITS))
params0 = scalar_net.from_relu_kit(net0)

steps, kink_paths = [], []


def record(step, params, loss):
    w, b = params[0], params[1]
    steps.append(step)
    kink_paths.append(-b / w)


params, losses = scalar_net.train(
    params0, x, y, STEPS, LEARNING_RATE, every=RECORD_EVERY, on_snapshot=record
)
kink_paths = np.array(kink_paths)

x_fine = np.linspace(X_MIN, X_MAX, 3001)
fit = scalar_net.forward(params, x_fine)[0]
max_error = float(np.max(np.abs(fit - target(x_fine))))

# Two ways to use 12 units with evenly spaced kinks at t_0 ... t_11:
# the interpolant (it must pass through f at the 13 knots) ...
knots = np.linspace(X_MIN, X_MAX, N_UNITS + 1)
even_error = float(
    np.max(np.abs(np.interp(x_fine, knots, target(knots)) - target(x_fine)))
)
# ... and the same 12 units with output weights and bias fitted by least
# squares to the same 64 points the network is trained on.
basis = np.column_stack([np.ones_like(x), relu_kit.relu(x[:, None] - knots[:-1])])
coef = np.linalg.lstsq(basis, y, rcond=None)[0]
ls_fit = coef[0] + relu_kit.relu(x_fine[:, None] - knots[:-1]) @ coef[1:]
ls_max_error = float(np.max(np.abs(ls_fit - target(x_fine))))
ls_mse = float(np.mean((basis @ coef - y) ** 2))

w_in, b_in = params[0], params[1]
kinks = -b_in / w_in
inside = (kinks > X_MIN) & (kinks < X_MAX)
# a unit whose kink lies outside the data is linear (or zero) over all of it
outside_linear = int(np.sum(~inside))
net = [
    (w_in[None, :], b_in),
    (params[2][:, None], np.array([params[3]])),
]
pieces = relu_kit.count_pieces_1d(net, X_MIN, X_MAX)

RESULTS = {
    "seed": SEED,
    "n_units": N_UNITS,
    "steps": STEPS,
    "loss_start": float(losses[0]),
    "loss_end": float(losses[-1]),
    "max_error": max_error,
    "even_max_error": even_error,
    "ls_max_error": ls_max_error,
    "ls_mse": ls_mse,
    "kinks_inside": int(inside.sum()),
    "kinks_outside": outside_linear,
    "pieces": pieces,
    "kinks_moved_median": float(np.median(np.abs(kinks - kink_paths[0]))),
    "kinks": sorted(round(float(k), 3) for k in kinks[inside]),
}
print(f"loss {losses[0]:.3f} -> {losses[-1]:.5f} after {STEPS} Adam steps")
print(
    f"largest error {max_error:.3f}; 12 evenly spaced units: {even_error:.3f} as the "
    f"interpolant, {ls_max_error:.3f} with least-squares output weights"
)
print(
    f"mean squared error on the data: trained {losses[-1]:.5f}, least squares {ls_mse:.5f}"
)
print(
    f"{inside.sum()} kinks inside [{X_MIN}, {X_MAX}], {outside_linear} outside; "
    f"{pieces} linear pieces"
)

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(
    1, 2, figsize=(width, width * 0.45), gridspec_kw={"width_ratios": [1.4, 1]}
)
ax.plot(x_fine, target(x_fine), color="0.55", lw=5, label="target")
ax.plot(x_fine, fit, color="tab:blue", lw=2, label="trained network")
ax.plot(x_fine, ls_fit, "--", color="black", lw=1.2, label="even kinks, least squares")
ax.plot(
    kinks[inside],
    np.full(inside.sum(), -2.05),
    "^",
    color="tab:orange",
    ms=8,
    label="unit kinks  -b/w",
)
ax.set_ylim(-2.2, 3.4)
ax.set_xlabel("x")
ax.set_ylabel("output")
ax.set_title(f"{N_UNITS} units after {STEPS} steps")
ax.legend(loc="upper center", fontsize="x-small", ncols=2)

# a kink far outside the plot (w near 0) is left out rather than drawn as a jump
shown = np.where(np.abs(kink_paths) < 3 * X_MAX, kink_paths, np.nan)
for path, keep in zip(shown.T, inside):
    ax2.plot(path, np.array(steps) + 1, color="tab:orange" if keep else "0.6", lw=1.5)
ax2.set_yscale("log")
ax2.set_xlim(X_MIN - 0.5, X_MAX + 0.5)
ax2.axvspan(X_MIN, X_MAX, color="tab:blue", alpha=0.07, lw=0)
ax2.set_xlabel("kink position")
ax2.set_ylabel("training step + 1")
ax2.set_title("kinks during training")
fig.tight_layout()
