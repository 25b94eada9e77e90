"""ReLU's zeros are not dropout's zeros.

Claim: on the same inputs, a trained ReLU layer's on/off mask is the same
every time an input is shown, nearly the same for a slightly moved input, and
different from unit to unit, while a dropout mask with the same 50% rate
agrees with itself only half the time, ignores the input, and is switched off
at test time.
Alt: three panels. Left: the on/off mask of 32 second-layer ReLU units
(columns) over 256 inputs (rows) sorted by their first coordinate; it shows
vertical stripes, since some units are on for almost every input and others
for few, because each unit's state depends on the input. Middle: a
dropout mask of the same size and rate, pure salt-and-pepper noise. Right:
paired bars for ReLU and dropout on four statistics: agreement when the same
input is shown twice (ReLU 100%, dropout about 50%), agreement for a slightly
moved input (ReLU near 100%, dropout about 50%), the spread of the on-rate
across units (large for ReLU, near zero for dropout), and the share of units
left on at test time (ReLU unchanged, dropout all).
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 0
WIDTH = 32
STEPS = 300
LEARNING_RATE = 0.003
DROP = 0.5  # dropout rate, chosen to match ReLU's share of zeros
NUDGE = 0.05  # size of the input perturbation, in input std units
LAYER = 1  # the second hidden layer: its units have learned biases

rng = np.random.default_rng(SEED)
x, y = relu_kit.teacher_data(rng)
net0 = relu_kit.init_net([x.shape[1], WIDTH, WIDTH, 1], rng)
net, _ = relu_kit.train(net0, x, y, STEPS, LEARNING_RATE)


def relu_mask(inputs):
    return relu_kit.hidden_outputs(net, inputs)[LAYER] > 0


def dropout_mask(inputs):
    # drawn fresh on every forward pass, whatever the input
    return rng.random((inputs.shape[0], WIDTH)) >= DROP


order = np.argsort(x[:, 0])
m_relu, m_drop = relu_mask(x), dropout_mask(x)
nudged = x + NUDGE * rng.normal(size=x.shape)

repeat = (np.mean(relu_mask(x) == m_relu), np.mean(dropout_mask(x) == m_drop))
nudge = (np.mean(relu_mask(nudged) == m_relu), np.mean(dropout_mask(nudged) == m_drop))
spread = (np.std(m_relu.mean(axis=0)), np.std(m_drop.mean(axis=0)))
at_test = (np.mean(m_relu), 1.0)  # dropout is switched off at test time
stats = {
    "same input\ntwice": repeat,
    "input moved\nslightly": nudge,
    "spread of\nunit on-rates": spread,
    "units on at\ntest time": at_test,
}

RESULTS = {
    "relu_repeat_agreement": float(repeat[0]),
    "dropout_repeat_agreement": float(repeat[1]),
    "relu_nudge_agreement": float(nudge[0]),
    "dropout_nudge_agreement": float(nudge[1]),
    "relu_onrate_spread": float(spread[0]),
    "dropout_onrate_spread": float(spread[1]),
    "relu_on_fraction": float(np.mean(m_relu)),
    "dropout_on_fraction": float(np.mean(m_drop)),
    "dropout_train_scale": 1 / (1 - DROP),
}
for name, (r, d) in stats.items():
    label = name.replace("\n", " ")
    print(f"{label:26s} ReLU {r:6.1%}   dropout {d:6.1%}")

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(
    1, 3, figsize=(width, width * 0.5), gridspec_kw={"width_ratios": [1, 1, 1.6]}
)
for ax, mask, title in (
    (axes[0], m_relu, "ReLU\n(black = on)"),
    (axes[1], m_drop, "dropout\n(black = kept)"),
):
    ax.imshow(mask[order], aspect="auto", cmap="Greys", interpolation="nearest")
    ax.set_title(title)
    ax.set_xlabel("unit")
axes[0].set_ylabel("input (sorted by x1)")
axes[1].set_yticks([])

names = list(stats)
pos = np.arange(len(names))
ax = axes[2]
ax.barh(pos - 0.2, [stats[n][0] for n in names], 0.4, color="tab:blue", label="ReLU")
ax.barh(
    pos + 0.2, [stats[n][1] for n in names], 0.4, color="tab:orange", label="dropout"
)
ax.set_yticks(pos, names, fontsize="small")
ax.invert_yaxis()
ax.set_xlim(0, 1.5)  # room on the right for the legend
ax.set_xticks([0, 0.5, 1])
ax.set_xlabel("fraction")
ax.legend(loc="center right", fontsize="small")
ax.set_title("mask statistics")
ax.tick_params(axis="y", length=0)
fig.tight_layout()
