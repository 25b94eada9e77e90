"""Dead units, and what the ReLU variants change.

Claim: with a healthy set-up few ReLU units die, but a learning rate ten times
too large or biases started at -1 leave a large share of units zero on every
input, where their gradient is exactly zero; Leaky ReLU, ELU and GELU units
can end up just as negative, but they keep a gradient, so fewer or none are
cut off from learning.
Alt: two panels of grouped bars, one group per set-up (healthy, learning rate
10x, bias init -1) and one bar per activation (ReLU, Leaky ReLU, ELU, GELU).
Top: the share of hidden units whose input is negative for every data point;
ReLU and Leaky ReLU bars are tall for the two bad set-ups, ELU and GELU lower.
Bottom: the share of units whose gradient is below 0.001 on every data point;
only the ReLU bars are above zero. Every bar is labelled with its percentage.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 1
WIDTH = 32
STEPS = 300
GRAD_FLOOR = 1e-3  # below this on every input, a unit barely learns
SETUPS = {
    "healthy": {"lr": 0.01, "bias": 0.0},
    "learning rate 10x": {"lr": 0.1, "bias": 0.0},
    "bias init -1": {"lr": 0.01, "bias": -1.0},
}
ACTS = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU", "gelu": "GELU"}

x, y = relu_kit.teacher_data(np.random.default_rng(0))


def census(net, act):
    """Fractions of hidden units never positive, and without a usable gradient."""
    _, pre = relu_kit.forward(net, x, act)
    z = np.concatenate(pre, axis=1)
    grad = np.abs(relu_kit.ACTIVATIONS[act][1](z))
    return float(np.mean(np.all(z <= 0, axis=0))), float(
        np.mean(np.all(grad < GRAD_FLOOR, axis=0))
    )


never, starved, at_init, losses = {}, {}, {}, {}
for act in ACTS:
    for name, setup in SETUPS.items():
        # the same initial weights for every activation and set-up
        net0 = relu_kit.init_net(
            [x.shape[1], WIDTH, WIDTH, 1],
            np.random.default_rng(SEED),
            bias=setup["bias"],
        )
        net, loss = relu_kit.train(net0, x, y, STEPS, setup["lr"], act=act)
        never[act, name], starved[act, name] = census(net, act)
        at_init[act, name] = census(net0, act)[0]
        losses[act, name] = float(loss[-1])

RESULTS = {
    f"{kind}_{act}_{i}": table[act, name]
    for kind, table in (
        ("never", never),
        ("starved", starved),
        ("init", at_init),
        ("loss", losses),
    )
    for act in ACTS
    for i, name in enumerate(SETUPS)
}
RESULTS["n_units"] = 2 * WIDTH
print(f"{'':12s}" + "".join(f"{n:>20s}" for n in SETUPS))
for act, label in ACTS.items():
    row = "".join(f"{never[act, n]:>11.0%} /{starved[act, n]:>6.0%} " for n in SETUPS)
    print(f"{label:12s}{row}   (never positive / no gradient)")
for act, label in ACTS.items():
    print(
        f"{label:12s} final loss: " + ", ".join(f"{losses[act, n]:.4f}" for n in SETUPS)
    )

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(2, 1, figsize=(width, width * 0.62), sharex=True)
colours = ["tab:blue", "tab:orange", "tab:green", "tab:purple"]
groups = np.arange(len(SETUPS))
for ax, table, title in (
    (axes[0], never, "units whose input is negative on every data point"),
    (
        axes[1],
        starved,
        f"units whose gradient is below {GRAD_FLOOR:g} on every data point",
    ),
):
    for k, (act, label) in enumerate(ACTS.items()):
        values = [table[act, n] for n in SETUPS]
        bars = ax.bar(
            groups + (k - 1.5) * 0.2, values, 0.2, color=colours[k], label=label
        )
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in values], fontsize="x-small")
    ax.set_ylim(0, 0.65)
    ax.set_ylabel("share of units")
    ax.set_title(title, fontsize="medium")
axes[0].legend(ncol=4, loc="upper left", fontsize="small")
axes[1].set_xticks(groups, list(SETUPS))
fig.tight_layout()
