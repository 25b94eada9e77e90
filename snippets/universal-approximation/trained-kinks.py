"""Where a trained network puts its kinks.

Claim: gradient descent moves the kinks of a 12-unit ReLU network to uneven
places of its own choosing, and the trained network ends with a smaller
largest error than the evenly spaced 12-unit construction.
Alt: two panels. Left: the target curve in grey, the trained network's output
in blue on top of it, and orange triangles on the x-axis at each unit's kink,
spaced unevenly, closer together where the curve bends sharply. Right: the path
of every kink during training, position across, training step up (log scale):
most kinks start near the middle, spread out over the first few hundred steps,
then settle. The two units whose kinks end outside the interval are drawn grey;
only one of them crosses the plotted range, briefly, right of the interval.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

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
x = np.linspace(X_MIN, X_MAX, N_DATA)[:, None]
y = target(x)
net0 = relu_kit.init_net([1, N_UNITS, 1], rng)
net0[0] = (net0[0][0], rng.normal(0.0, BIAS_STD, N_UNITS))

steps, kink_paths = [], []


def record(step, net, loss):
    w, b = net[0]
    steps.append(step)
    kink_paths.append(-b / w[0])


net, losses = relu_kit.train(
    net0, x, y, STEPS, LEARNING_RATE, every=RECORD_EVERY, on_snapshot=record
)
kink_paths = np.array(kink_paths)

x_fine = np.linspace(X_MIN, X_MAX, 3001)[:, None]
fit = relu_kit.forward(net, x_fine)[0][:, 0]
max_error = float(np.max(np.abs(fit - target(x_fine[:, 0]))))
knots = np.linspace(X_MIN, X_MAX, N_UNITS + 1)
even_error = float(
    np.max(np.abs(np.interp(x_fine[:, 0], knots, target(knots)) - target(x_fine[:, 0])))
)

w_in, b_in = net[0]
w_out = net[-1][0][:, 0]
kinks = -b_in / w_in[0]
inside = (kinks > X_MIN) & (kinks < X_MAX)
# a unit whose kink lies outside the data is linear (or zero) over all of it
outside_linear = int(np.sum(~inside))
pieces = relu_kit.count_pieces_1d(net, X_MIN, X_MAX)

RESULTS = {
    "seed": SEED,
    "n_units": N_UNITS,
    "steps": STEPS,
    "loss_start": float(losses[0]),
    "loss_end": float(losses[-1]),
    "max_error": max_error,
    "even_max_error": even_error,
    "kinks_inside": int(inside.sum()),
    "kinks_outside": outside_linear,
    "pieces": pieces,
    "kinks_moved_median": float(np.median(np.abs(kinks - kink_paths[0]))),
    "kinks": sorted(round(float(k), 3) for k in kinks[inside]),
}
print(f"loss {losses[0]:.3f} -> {losses[-1]:.5f} after {STEPS} Adam steps")
print(
    f"largest error {max_error:.3f} (evenly spaced 12-unit construction: {even_error:.3f})"
)
print(
    f"{inside.sum()} kinks inside [{X_MIN}, {X_MAX}], {outside_linear} outside; "
    f"{pieces} linear pieces"
)
print("kinks:", RESULTS["kinks"])

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(
    1, 2, figsize=(width, width * 0.45), gridspec_kw={"width_ratios": [1.4, 1]}
)
ax.plot(x_fine, target(x_fine), color="0.55", lw=5, label="target")
ax.plot(x_fine, fit, color="tab:blue", lw=2, label="trained network")
ax.plot(
    kinks[inside],
    np.full(inside.sum(), -2.05),
    "^",
    color="tab:orange",
    ms=8,
    label="unit kinks  -b/w",
)
ax.set_ylim(-2.2, 2.2)
ax.set_xlabel("x")
ax.set_ylabel("output")
ax.set_title(f"{N_UNITS} units after {STEPS} steps")
ax.legend(loc="upper right", fontsize="small")

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
