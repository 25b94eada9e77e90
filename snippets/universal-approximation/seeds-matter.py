"""Existence is not learnability.

Claim: the same 12-unit network, data and optimiser, started from 10 different
random seeds, does not always find a good fit: after 3,000 steps some runs
have a largest error over twice that of the evenly spaced construction, which
a 12-unit network can always represent; given ten times as many steps, some
of these recover (they were slow) and some do not (they are stuck).
Alt: a bar chart of the largest error reached after 3,000 steps by each of 10
training runs that differ only in their random seed. A dashed line marks the
error of the evenly spaced 12-unit construction. The blue bars stop below or a
little above the line; the orange bars, up to several times taller, are the runs
over twice that error. A black dot on each orange bar marks the same run's error after 30,000
steps: some dots drop below the line, others stay at the top of their bars.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import relu_kit
import scalar_net

SEEDS = range(10)
X_MIN, X_MAX = -1.5, 1.5
N_UNITS = 12
N_DATA = 64
STEPS = 3000
LONG_STEPS = 30_000  # ten times as many, for the runs that stalled
LEARNING_RATE = 0.01
BIAS_STD = 0.5


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


x = np.linspace(X_MIN, X_MAX, N_DATA)
# the data with the standard library's sin and cos, the same on every machine
y = np.array([math.sin(3 * v) + 0.5 * math.cos(5 * v) for v in x])
x_fine = np.linspace(X_MIN, X_MAX, 3001)


def start(seed):
    rng = np.random.default_rng(seed)
    net = relu_kit.init_net([1, N_UNITS, 1], rng)
    net[0] = (net[0][0], rng.normal(0.0, BIAS_STD, N_UNITS))
    return scalar_net.from_relu_kit(net)


def largest_error(params):
    return float(np.max(np.abs(scalar_net.forward(params, x_fine)[0] - target(x_fine))))


knots = np.linspace(X_MIN, X_MAX, N_UNITS + 1)
even_error = float(
    np.max(np.abs(np.interp(x_fine, knots, target(knots)) - target(x_fine)))
)

# Every seed's run is trained on its own; train_runs only steps them together.
runs = scalar_net.train_runs([start(s) for s in SEEDS], x, y, STEPS, LEARNING_RATE)
errors = np.array([largest_error(params) for params, _ in runs])
stalled = errors > 2 * even_error
# the stalled runs again, from the same start, for ten times as many steps
# (training is deterministic, so their first 3,000 steps are the same)
again = [s for s, bad in zip(SEEDS, stalled) if bad]
long_runs = scalar_net.train_runs(
    [start(s) for s in again], x, y, LONG_STEPS, LEARNING_RATE
)
long_errors = {s: largest_error(params) for s, (params, _) in zip(again, long_runs)}
recovered = [s for s, e in long_errors.items() if e <= 2 * even_error]
stuck = [s for s, e in long_errors.items() if e > 2 * even_error]

RESULTS = {
    "errors": errors.tolist(),
    "even_error": even_error,
    "n_runs": len(errors),
    "steps": STEPS,
    "long_steps": LONG_STEPS,
    "median": float(np.median(errors)),
    "n_stalled": int(stalled.sum()),
    "n_beat_even": int(np.sum(errors < even_error)),
    "worst": float(errors.max()),
    "best": float(errors.min()),
    "long_errors": [long_errors[s] for s in sorted(long_errors)],
    "n_recovered": len(recovered),
    "n_stuck": len(stuck),
    "recovered_best": min((long_errors[s] for s in recovered), default=0.0),
    "recovered_worst": max((long_errors[s] for s in recovered), default=0.0),
    "stuck_best": min((long_errors[s] for s in stuck), default=0.0),
    "stuck_worst": max((long_errors[s] for s in stuck), default=0.0),
}
print(f"evenly spaced construction: {even_error:.3f}")
print(
    f"after {STEPS} steps, over {len(errors)} seeds: median {np.median(errors):.3f}, "
    f"from {errors.min():.3f} to {errors.max():.3f}"
)
for seed, e in zip(SEEDS, errors):
    line = f"seed {seed}: largest error {e:.3f}"
    if seed in long_errors:
        verdict = "slow" if seed in recovered else "stuck"
        line += (
            f"  (stalled; after {LONG_STEPS} steps {long_errors[seed]:.3f}: {verdict})"
        )
    print(line)

fig, ax = plt.subplots()
ax.bar(list(SEEDS), errors, color=np.where(stalled, "tab:orange", "tab:blue"))
ax.axhline(
    even_error,
    color="black",
    ls="--",
    lw=1.5,
    label="evenly spaced 12-unit construction",
)
ax.bar([0], [0], color="tab:orange", label=f"over twice that after {STEPS:,} steps")
ax.plot(
    sorted(long_errors),
    [long_errors[s] for s in sorted(long_errors)],
    "o",
    color="black",
    ms=7,
    label=f"the same run after {LONG_STEPS:,} steps",
)
ax.set_xticks(list(SEEDS))
ax.set_xlabel("random seed of the training run")
ax.set_ylabel("largest error after training")
ax.set_ylim(0, errors.max() * 1.45)
ax.set_title("Same network, same data: the seed decides")
ax.legend(loc="upper left", fontsize="small")
