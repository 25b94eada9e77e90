"""Steps to a target loss, each activation with its own best learning rate.

Claim: the same 4-hidden-layer network on two-spiral data, trained by
full-batch gradient descent with momentum and the best learning rate from the
same grid for each activation, reaches the target loss in fewer steps with
ReLU (He initialisation) than with tanh, and with tanh than with sigmoid (both
Glorot initialisation), for every one of seven seeds.
Timeout: 300 (seven seeds and five learning rates, trained in float64 with
arithmetic that every machine computes alike, see portable.py)
Alt: training loss against step, both axes logarithmic, for ReLU, tanh and
sigmoid, each at its own best learning rate: for each activation a line for
the median loss over seven seeds and a shaded band from the lowest to the
highest, a dashed horizontal line at the target loss and a dotted vertical
line, labelled with its value, at each activation's median number of steps to
the target. The ReLU band crosses the target first, then tanh, and the
sigmoid band last, after a long flat stretch; the top of the sigmoid band stays
flat to the end, for the seeds that never reach the target.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np
import portable

N_SEEDS = 7  # each seed draws its own data set and its own initial weights
N_TUNING_SEEDS = 3  # the learning rate is chosen on the first three
N_POINTS = 128  # 64 per spiral arm
HIDDEN = [16, 16, 16, 16]
TARGET_LOSS = 0.1  # mean cross-entropy, in nats
LEARNING_RATES = [0.03, 0.1, 0.3, 1.0, 3.0]
MOMENTUM = 0.9
MAX_STEPS = 5000
INIT = {"relu": "he", "tanh": "glorot", "sigmoid": "glorot"}

# Bit-for-bit the same on every machine: float64, products summed in a fixed
# order (a BLAS library would pick its own order for its CPU), and exp, sin
# and cos written with + - * / alone (the C maths library's last bits depend
# on the CPU). The sigmoid's runs need it: a single differently rounded
# exponential changes the step at which some of them reach the target. All of
# it is in portable.py. (The loss's logaddexp is numpy's: it only decides
# when the target is reached, and is not fed back into training. The random
# draws are numpy's too: its normal generator calls the C library's exp and
# log1p for a few draws in a thousand; this snippet's come out the same under
# glibc's builds, which the emulated machine old-cpu checks, but another C
# library could move one.)
DTYPE = np.float64


def dot(a, b):
    """a @ b for stacks of matrices, summed term by term in a fixed order.

    portable.matmul adds the products one after the other, on any CPU;
    np.matmul would hand them to BLAS.
    """
    return portable.matmul(np.ascontiguousarray(a), np.ascontiguousarray(b))


FORWARD = {"relu": ak.relu, "tanh": portable.tanh, "sigmoid": portable.sigmoid}
# Each derivative written in terms of the unit's output h, which the forward
# pass has already computed.
GRAD_FROM_OUTPUT = {
    "relu": lambda h: (h > 0).astype(DTYPE),
    "tanh": lambda h: 1.0 - h * h,
    "sigmoid": lambda h: h * (1.0 - h),
}


def two_spirals(seed):
    rng = np.random.default_rng([seed, 0])
    t = 3.0 * np.pi * np.sqrt(rng.uniform(size=N_POINTS // 2))  # 1.5 turns
    arm = np.c_[t * portable.cos(t), t * portable.sin(t)] / (1.5 * np.pi)
    x = np.r_[arm, -arm] + rng.normal(0.0, 0.08, (N_POINTS, 2))
    y = np.r_[np.zeros(N_POINTS // 2), np.ones(N_POINTS // 2)]
    return x, y


def init_weights(seed, scheme):
    """He, N(0, 2/n_in), for ReLU; Glorot, U(+-sqrt(6/(n_in+n_out))), else."""
    rng = np.random.default_rng([seed, 1])
    sizes = [2, *HIDDEN, 1]
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if scheme == "he":
            weights.append(rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)))
        else:
            a = np.sqrt(6.0 / (n_in + n_out))
            weights.append(rng.uniform(-a, a, (n_in, n_out)))
    return weights


# --8<-- [start:train]
def train(name, runs, done=np.all):
    """Train one network per (learning rate, seed) pair in `runs`, all at once.

    Arrays carry a leading axis over the runs; each run has its own data and
    initial weights and is computed independently of the others. Training
    stops at MAX_STEPS or once `done(reached)` holds, `reached` marking the
    runs that have reached the target loss. Returns the step at which each
    run first reached the target (inf if not by then) and each run's loss
    curve.
    """
    data = [two_spirals(seed) for _, seed in runs]
    x = np.stack([d[0] for d in data])  # (runs, points, 2)
    y = np.stack([d[1] for d in data])  # (runs, points)
    per_run = [init_weights(seed, INIT[name]) for _, seed in runs]
    weights = [np.stack(ws) for ws in zip(*per_run)]  # (runs, n_in, n_out)
    biases = [np.zeros((len(runs), 1, w.shape[2]), DTYPE) for w in weights]
    lr = np.array([r for r, _ in runs], DTYPE)[:, None, None]
    velocity = [np.zeros_like(p) for p in weights + biases]
    reached = np.full(len(runs), np.inf)
    curves = []
    f, f_grad = FORWARD[name], GRAD_FROM_OUTPUT[name]
    for step in range(MAX_STEPS):
        hs = [x]
        for i, (w, b) in enumerate(zip(weights, biases)):
            z = dot(hs[-1], w) + b
            hs.append(f(z) if i < len(weights) - 1 else z)
        logit = hs[-1][..., 0]
        loss = np.mean(np.logaddexp(0.0, logit) - y * logit, axis=1)
        curves.append(loss)
        reached[(loss < TARGET_LOSS) & np.isinf(reached)] = step
        if done(np.isfinite(reached)):
            break
        # Backward pass, written out: d is dLoss/dz for the current layer.
        d = ((portable.sigmoid(logit) - y) / y.shape[1])[..., None]
        grads = []
        for i in range(len(weights) - 1, -1, -1):
            if i < len(weights) - 1:
                d = d * f_grad(hs[i + 1])
            grads.append((i, dot(hs[i].transpose(0, 2, 1), d), d.sum(axis=1)[:, None]))
            d = dot(d, weights[i].transpose(0, 2, 1))
        for i, g_w, g_b in grads:
            for params, g, k in ((weights, g_w, i), (biases, g_b, len(weights) + i)):
                velocity[k] = MOMENTUM * velocity[k] + g
                params[i] = params[i] - lr * velocity[k]
    return reached, np.array(curves)


# --8<-- [end:train]


def median_known(reached):
    """True once some rate has reached the target on most tuning seeds."""
    per_rate = reached.reshape(len(LEARNING_RATES), N_TUNING_SEEDS)
    return bool((per_rate.sum(axis=1) > N_TUNING_SEEDS // 2).any())


def steps_to_target(name):
    """Median steps over the tuning seeds for every rate; the best rate's runs."""
    # 1. The rate: stop as soon as one rate's median over the tuning seeds is
    #    known, since no rate still short of its median can beat it.
    runs = [(lr, s) for lr in LEARNING_RATES for s in range(N_TUNING_SEEDS)]
    reached, scan = train(name, runs, done=median_known)
    table = np.median(reached.reshape(len(LEARNING_RATES), N_TUNING_SEEDS), axis=1)
    k = int(np.argmin(table))
    # 2. Every seed at the chosen rate, until the slowest reaches the target.
    reached, curves = train(name, [(LEARNING_RATES[k], s) for s in range(N_SEEDS)])
    return LEARNING_RATES[k], table, len(scan) - 1, reached, curves


with np.errstate(over="ignore", invalid="ignore"):  # rates that diverge give inf
    best = {}
    for name in ("relu", "tanh", "sigmoid"):
        lr, table, scanned, reached, curves = steps_to_target(name)
        best[name] = {"lr": lr, "steps": reached, "curves": curves}
        shown = ", ".join(
            f"{r:g}: {'>' + str(scanned) if np.isinf(s) else f'{s:g}'}"
            for r, s in zip(LEARNING_RATES, table)
        )
        print(
            f"{name:8s} median steps, seeds 0-{N_TUNING_SEEDS - 1}, by learning rate: {shown}"
        )

RESULTS = {"target_loss": TARGET_LOSS, "n_seeds": N_SEEDS, "max_steps": MAX_STEPS}
for name, b in best.items():
    s = b["steps"]
    RESULTS |= {
        f"{name}_lr": b["lr"],
        # Seeds that never reach the target count as slower than every other
        # (inf), so the median stays meaningful while most of them reach it.
        f"{name}_steps_median": float(np.median(s)),
        f"{name}_steps_min": float(s.min()),
        f"{name}_steps_max_reached": float(s[np.isfinite(s)].max()),
        f"{name}_n_not_reached": int(np.isinf(s).sum()),
    }
for name in ("tanh", "sigmoid"):
    ratio = best[name]["steps"] / best["relu"]["steps"]  # seed by seed
    RESULTS |= {
        f"{name}_over_relu_median": float(np.median(ratio)),
        f"{name}_over_relu_min": float(ratio.min()),
        f"{name}_over_relu_max_reached": float(ratio[np.isfinite(ratio)].max()),
    }
RESULTS["relu_first_every_seed"] = bool(
    np.all(best["relu"]["steps"] < best["tanh"]["steps"])
)
RESULTS["tanh_before_sigmoid_every_seed"] = bool(
    np.all(best["tanh"]["steps"] < best["sigmoid"]["steps"])
)
for name, b in best.items():
    print(
        f"{name:8s} learning rate {b['lr']:g}, steps by seed: "
        + ", ".join(f">{MAX_STEPS}" if np.isinf(s) else f"{s:g}" for s in b["steps"])
    )
for name in ("tanh", "sigmoid"):
    print(
        f"{name} over ReLU, seed by seed: median {RESULTS[f'{name}_over_relu_median']:.1f}, "
        f"from {RESULTS[f'{name}_over_relu_min']:.1f} to "
        f"{RESULTS[f'{name}_over_relu_max_reached']:.1f}"
        + (
            f" on the seeds that reached the target ({RESULTS[f'{name}_n_not_reached']}"
            f" did not in {MAX_STEPS} steps)"
            if RESULTS[f"{name}_n_not_reached"]
            else ""
        )
    )

fig, ax = plt.subplots(layout="constrained")
for name in ("relu", "tanh", "sigmoid"):
    b = best[name]
    c = b["curves"]  # every seed's run goes on until the slowest is done
    steps = np.arange(1, len(c) + 1)
    ax.fill_between(
        steps, c.min(axis=1), c.max(axis=1), color=ak.COLOURS[name], alpha=0.25, lw=0
    )
    ax.loglog(
        steps,
        np.median(c, axis=1),
        color=ak.COLOURS[name],
        lw=1.5,
        label=f"{ak.LABELS[name]}, learning rate {b['lr']:g}",
    )
    med = RESULTS[f"{name}_steps_median"]
    # Steps are counted from 0, the axis from 1.
    ax.axvline(med + 1, color=ak.COLOURS[name], ls=":", lw=1.5)
    ax.annotate(
        f"{med:.0f}",
        (med + 1, 2.2),
        ha="center",
        color=ak.TEXT_COLOURS[name],
        fontweight="bold",
        bbox=dict(fc="white", ec="none", pad=1),
    )
ax.axhline(TARGET_LOSS, color="0.3", ls="--", lw=1)
ax.annotate(
    f"target loss {TARGET_LOSS:g}",
    (1, TARGET_LOSS),
    xytext=(2, -12),
    textcoords="offset points",
)
ax.set(
    xlabel="gradient step",
    ylabel="training loss (cross-entropy)",
    ylim=(0.02, 3.5),
    xlim=(0.8, 1.2 * max(len(b["curves"]) for b in best.values())),
    title=f"Median and range over {N_SEEDS} seeds, tuned rate each",
)
ax.legend(loc="lower left")
ax.grid(alpha=0.3, which="both")
