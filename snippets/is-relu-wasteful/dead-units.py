"""Dead units, and what the ReLU variants change.

Claim: with a healthy set-up few ReLU units die, but a learning rate ten times
too large or biases started at -1 leave a large share of units negative on
every input; with biases at -1 training kills more units than start dead. A
ReLU unit that is negative on every input gets exactly zero gradient, and in
these runs ReLU units hardly ever come back; Leaky ReLU, ELU and GELU units can
end up just as negative, but they keep a small gradient there, and a share of
them comes back.
Alt: two panels of grouped bars, one group per set-up (healthy, learning rate
10x, bias init -1) and one bar per activation (ReLU, Leaky ReLU, ELU, GELU).
Top: the share of hidden units whose input is negative for every data point
at the end of training; ReLU and Leaky ReLU bars are tall for the two bad
set-ups, ELU and GELU lower. Bottom: of the units that were negative on every
data point at some check during training, the share that is positive on some
data point again at the end; the ReLU bars are at or near zero. Every bar is
labelled with its percentage.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 1
WIDTH = 32
STEPS = 300
CHECK_EVERY = 10  # steps between two censuses of the units during training
SETUPS = {
    "healthy": {"lr": 0.01, "bias": 0.0},
    "learning rate 10x": {"lr": 0.1, "bias": 0.0},
    "bias init -1": {"lr": 0.01, "bias": -1.0},
}
ACTS = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU", "gelu": "GELU"}

x, y = relu_kit.teacher_data(np.random.default_rng(0))


def negative_everywhere(net, act):
    """For every hidden unit: is its input <= 0 on every data point?"""
    _, pre = relu_kit.forward(net, x, act)
    return np.all(np.concatenate(pre, axis=1) <= 0, axis=0)


never, at_init, peak, ever, back, revived, losses = {}, {}, {}, {}, {}, {}, {}
ever1, back1 = {}, {}  # the same counts for the first hidden layer alone
for act in ACTS:
    for name, setup in SETUPS.items():
        # the same initial weights for every activation and set-up
        net0 = relu_kit.init_net(
            [x.shape[1], WIDTH, WIDTH, 1],
            np.random.default_rng(SEED),
            bias=setup["bias"],
        )
        checks = []  # one census every CHECK_EVERY steps, from step 0 to the end
        net, loss = relu_kit.train(
            net0,
            x,
            y,
            STEPS,
            setup["lr"],
            act=act,
            every=CHECK_EVERY,
            on_snapshot=lambda step, net, loss: checks.append(
                negative_everywhere(net, act)
            ),
        )
        end = negative_everywhere(net, act)
        was_dead = np.any(checks, axis=0)  # negative everywhere at some check
        never[act, name] = float(end.mean())
        at_init[act, name] = float(checks[0].mean())
        peak[act, name] = float(max(c.mean() for c in checks))
        ever[act, name] = int(was_dead.sum())
        back[act, name] = int((was_dead & ~end).sum())
        ever1[act, name] = int(was_dead[:WIDTH].sum())
        back1[act, name] = int((was_dead & ~end)[:WIDTH].sum())
        # of the units once negative everywhere, the share alive at the end
        revived[act, name] = back[act, name] / max(ever[act, name], 1)
        losses[act, name] = float(loss[-1])

RESULTS = {
    f"{kind}_{act}_{i}": table[act, name]
    for kind, table in (
        ("never", never),
        ("init", at_init),
        ("peak", peak),
        ("ever", ever),
        ("back", back),
        ("ever1", ever1),
        ("back1", back1),
        ("revived", revived),
        ("loss", losses),
    )
    for act in ACTS
    for i, name in enumerate(SETUPS)
}
RESULTS["n_units"] = 2 * WIDTH
RESULTS["check_every"] = CHECK_EVERY
RESULTS["steps"] = STEPS
print(f"{'':12s}" + "".join(f"{n:>24s}" for n in SETUPS))
for act, label in ACTS.items():
    row = "".join(
        f"{at_init[act, n]:>8.0%} {never[act, n]:>5.0%} {back[act, n]:>4d} of {ever[act, n]:<3d}"
        for n in SETUPS
    )
    print(f"{label:12s}{row}")
print("(negative on every input at the start / at the end; of the units")
print(" negative everywhere at some check, how many are positive again at the end)")
for act, label in ACTS.items():
    print(
        f"{label:12s} final loss: " + ", ".join(f"{losses[act, n]:.4f}" for n in SETUPS)
    )

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(2, 1, figsize=(width, width * 0.62), sharex=True)
colours = ["tab:blue", "tab:orange", "tab:green", "tab:purple"]
groups = np.arange(len(SETUPS))
for ax, table, title, top in (
    (axes[0], never, "units negative on every data point after training", 0.65),
    (
        axes[1],
        revived,
        "of the units once negative everywhere: back at the end (count/all)",
        1.15,
    ),
):
    for k, (act, label) in enumerate(ACTS.items()):
        values = [table[act, n] for n in SETUPS]
        bars = ax.bar(
            groups + (k - 1.5) * 0.2, values, 0.2, color=colours[k], label=label
        )
        if table is revived:  # small counts: show them, not just a share
            labels = [
                f"{back[act, n]}/{ever[act, n]}" if ever[act, n] else "-"
                for n in SETUPS
            ]
        else:
            labels = [f"{v:.0%}" for v in values]
        ax.bar_label(bars, labels=labels, fontsize="x-small")
    ax.set_ylim(0, top)
    ax.set_ylabel("share of units")
    ax.set_title(title, fontsize="medium")
axes[0].legend(ncol=4, loc="upper left", fontsize="small")
axes[1].set_xticks(groups, list(SETUPS))
fig.tight_layout()
