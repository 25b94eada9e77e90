"""Steps to a target loss, each activation with its own best learning rate.

Claim: the same 4-hidden-layer network on the same two-spiral data, trained by
full-batch gradient descent with momentum and the best learning rate from the
same grid for each activation, reaches the target loss in fewer steps with
ReLU than with tanh, and with tanh than with sigmoid.
Alt: training loss against step, both axes logarithmic, for ReLU, tanh and
sigmoid, each at its own best learning rate, one thin line per random
initialisation, a dashed horizontal line at the target loss and a dotted
vertical line, labelled with its value, at each activation's median number of
steps to the target. The ReLU lines cross the target first, then tanh, and the
sigmoid lines last, after long flat stretches.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N_POINTS = 128  # 64 per spiral arm
HIDDEN = [16, 16, 16, 16]
TARGET_LOSS = 0.1  # mean cross-entropy, in nats
LEARNING_RATES = [0.03, 0.1, 0.3, 1.0, 3.0]
N_INITS = 3  # random initialisations per learning rate
MOMENTUM = 0.9
MAX_STEPS = 3000
DTYPE = np.float32  # single precision halves the time of tanh and exp
INIT = {"relu": "he", "tanh": "glorot", "sigmoid": "glorot"}


def two_spirals(rng, n):
    t = 3.0 * np.pi * np.sqrt(rng.uniform(size=n // 2))  # 1.5 turns
    arm = np.c_[t * np.cos(t), t * np.sin(t)] / (1.5 * np.pi)
    x = np.r_[arm, -arm] + rng.normal(0.0, 0.08, (n, 2))
    y = np.r_[np.zeros(n // 2), np.ones(n // 2)]
    return x, y


def init_stack(seed, scheme, n_copies):
    """Weights for one initialisation, repeated for every learning rate."""
    rng = np.random.default_rng([SEED, seed])
    sizes = [2, *HIDDEN, 1]
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if scheme == "he":
            w = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
        else:
            a = np.sqrt(6.0 / (n_in + n_out))
            w = rng.uniform(-a, a, (n_in, n_out))
        weights.append(np.repeat(w[None], n_copies, axis=0).astype(DTYPE))
    return weights


# Each derivative written in terms of the unit's output h, which the forward
# pass has already computed.
ACT_GRAD_FROM_OUTPUT = {
    "relu": lambda h: (h > 0).astype(DTYPE),
    "tanh": lambda h: 1.0 - h**2,
    "sigmoid": lambda h: h * (1.0 - h),
}


# --8<-- [start:train]
def train(name, x, y):
    """Train one network per (learning rate, initialisation) pair at once.

    Arrays carry a leading axis over the pairs, so every network sees exactly
    the same data and steps. Returns the step at which each first reached
    the target loss (inf if never) and each one's loss curve.
    """
    f, _ = ak.ACTIVATIONS[name]
    n_lr = len(LEARNING_RATES)
    per_init = [init_stack(s, INIT[name], n_lr) for s in range(N_INITS)]
    weights = [np.concatenate(ws) for ws in zip(*per_init)]  # (pairs, n_in, n_out)
    biases = [np.zeros((len(w), 1, w.shape[2]), DTYPE) for w in weights]
    lr = np.tile(LEARNING_RATES, N_INITS)[:, None, None].astype(DTYPE)
    velocity = [np.zeros_like(p) for p in weights + biases]
    reached = np.full(len(lr), np.inf)
    curves = []
    for step in range(MAX_STEPS):
        hs = [np.broadcast_to(x, (len(lr), *x.shape))]
        for i, (w, b) in enumerate(zip(weights, biases)):
            z = hs[-1] @ w + b
            hs.append(f(z) if i < len(weights) - 1 else z)
        logit = hs[-1][..., 0]
        loss = np.mean(np.logaddexp(0.0, logit) - y * logit, axis=1)
        curves.append(loss)
        reached[(loss < TARGET_LOSS) & np.isinf(reached)] = step
        steps = np.median(reached.reshape(N_INITS, n_lr), axis=0)
        if np.isfinite(steps).any():  # no other rate can still beat it
            break
        # Backward pass, written out: d is dLoss/dz for the current layer.
        d = ((ak.sigmoid(logit) - y) / len(y))[..., None]
        grads = []
        for i in range(len(weights) - 1, -1, -1):
            if i < len(weights) - 1:
                d = d * ACT_GRAD_FROM_OUTPUT[name](hs[i + 1])
            grads.append(
                (i, hs[i].transpose(0, 2, 1) @ d, d.sum(axis=1, keepdims=True))
            )
            d = d @ weights[i].transpose(0, 2, 1)
        for i, g_w, g_b in grads:
            for params, g, k in ((weights, g_w, i), (biases, g_b, len(weights) + i)):
                velocity[k] = MOMENTUM * velocity[k] + g
                params[i] = params[i] - lr * velocity[k]
    return reached, np.array(curves)


# --8<-- [end:train]


rng = np.random.default_rng(SEED)
x, y = (a.astype(DTYPE) for a in two_spirals(rng, N_POINTS))

best = {}
with np.errstate(over="ignore", invalid="ignore"):  # rates that diverge give inf
    for name in ("relu", "tanh", "sigmoid"):
        reached, curves = train(name, x, y)
        table = np.median(reached.reshape(N_INITS, -1), axis=0)
        k = int(np.argmin(table))
        best[name] = {
            "lr": LEARNING_RATES[k],
            "steps": float(table[k]),
            "curves": curves[:, k :: len(LEARNING_RATES)],
        }
        shown = ", ".join(
            f"{lr:g}: {'>' if np.isinf(s) else ''}"
            f"{len(curves) - 1 if np.isinf(s) else int(s)}"
            for lr, s in zip(LEARNING_RATES, table)
        )
        print(f"{name:8s} median steps to loss {TARGET_LOSS} by learning rate: {shown}")

RESULTS = {
    "target_loss": TARGET_LOSS,
    "relu_steps": best["relu"]["steps"],
    "tanh_steps": best["tanh"]["steps"],
    "sigmoid_steps": best["sigmoid"]["steps"],
    "relu_lr": best["relu"]["lr"],
    "tanh_lr": best["tanh"]["lr"],
    "sigmoid_lr": best["sigmoid"]["lr"],
    "tanh_over_relu": best["tanh"]["steps"] / best["relu"]["steps"],
    "sigmoid_over_relu": best["sigmoid"]["steps"] / best["relu"]["steps"],
}
print(
    f"tanh needs {RESULTS['tanh_over_relu']:.1f} times the steps of ReLU, "
    f"sigmoid {RESULTS['sigmoid_over_relu']:.1f} times"
)

fig, ax = plt.subplots(layout="constrained")
for name in ("relu", "tanh", "sigmoid"):
    b = best[name]
    steps = np.arange(1, len(b["curves"]) + 1)
    for j in range(N_INITS):
        ax.loglog(
            steps,
            b["curves"][:, j],
            color=ak.COLOURS[name],
            lw=1,
            label=f"{ak.LABELS[name]}, learning rate {b['lr']:g}" if j == 0 else None,
        )
    # Steps are counted from 0, the axis from 1.
    ax.axvline(b["steps"] + 1, color=ak.COLOURS[name], ls=":", lw=1.5)
    ax.annotate(
        f"{b['steps']:.0f}",
        (b["steps"] + 1, 2.2),
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
    xlim=(0.8, 2.5 * max(b["steps"] for b in best.values())),
    title="Median steps to the target (dotted), tuned rate each",
)
ax.legend(loc="lower left")
ax.grid(alpha=0.3, which="both")
