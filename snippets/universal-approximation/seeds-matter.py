"""Existence is not learnability.

Claim: the same 12-unit network, data and optimiser, started from 10 different
random seeds, does not always find a good fit: some runs stall with a largest
error several times that of the evenly spaced construction, which a 12-unit
network can always represent.
Alt: a bar chart of the largest error reached by each of 10 training runs that
differ only in their random seed. A dashed line marks the error of the evenly
spaced 12-unit construction. Some bars stop below or near the line; others are
several times taller.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEEDS = range(10)
X_MIN, X_MAX = -1.5, 1.5
N_UNITS = 12
N_DATA = 64
STEPS = 3000
LEARNING_RATE = 0.01
BIAS_STD = 0.5


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


x = np.linspace(X_MIN, X_MAX, N_DATA)[:, None]
y = target(x)
x_fine = np.linspace(X_MIN, X_MAX, 3001)[:, None]
errors = []
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    net = relu_kit.init_net([1, N_UNITS, 1], rng)
    net[0] = (net[0][0], rng.normal(0.0, BIAS_STD, N_UNITS))
    net, _ = relu_kit.train(net, x, y, STEPS, LEARNING_RATE)
    fit = relu_kit.forward(net, x_fine)[0]
    errors.append(float(np.max(np.abs(fit - target(x_fine)))))
errors = np.array(errors)

knots = np.linspace(X_MIN, X_MAX, N_UNITS + 1)
even_error = float(
    np.max(np.abs(np.interp(x_fine[:, 0], knots, target(knots)) - target(x_fine[:, 0])))
)
stalled = errors > 2 * even_error
RESULTS = {
    "errors": errors.tolist(),
    "even_error": even_error,
    "n_runs": len(errors),
    "n_stalled": int(stalled.sum()),
    "n_beat_even": int(np.sum(errors < even_error)),
    "worst": float(errors.max()),
    "best": float(errors.min()),
}
print(f"evenly spaced construction: {even_error:.3f}")
for seed, e in zip(SEEDS, errors):
    print(
        f"seed {seed}: largest error {e:.3f}{'  (stalled)' if e > 2 * even_error else ''}"
    )

fig, ax = plt.subplots()
ax.bar(list(SEEDS), errors, color=np.where(stalled, "tab:orange", "tab:blue"))
ax.axhline(
    even_error,
    color="black",
    ls="--",
    lw=1.5,
    label="evenly spaced 12-unit construction",
)
ax.bar([0], [0], color="tab:orange", label="stalled: over twice that error")
ax.set_xticks(list(SEEDS))
ax.set_xlabel("random seed of the training run")
ax.set_ylabel("largest error after training")
ax.set_ylim(0, errors.max() * 1.3)
ax.set_title("Same network, same data: the seed decides")
ax.legend(loc="upper left")
