"""How sparse a trained ReLU network is.

Claim: in a 3-hidden-layer ReLU network about half the activations are exactly
zero, at initialisation and after training (between 40% and 65% in every
layer); those zeros are multiplications the next layer could skip, and each
unit is off for a different subset of inputs.
Alt: two panels. Left: grouped bars, one group per hidden layer, giving the
fraction of exactly-zero activations over the data at initialisation and after
training; all bars are between 0.4 and 0.65. Right: for every unit of the
trained network, the fraction of inputs on which it is zero, sorted; the curve
rises steadily from units that are almost always on to a few that are never
on.
"""

import matplotlib.pyplot as plt
import numpy as np
import relu_kit

SEED = 0
WIDTH = 64
DEPTH = 3
STEPS = 300
LEARNING_RATE = 0.003  # Adam

rng = np.random.default_rng(SEED)
x, y = relu_kit.teacher_data(rng)
net0 = relu_kit.init_net([x.shape[1]] + [WIDTH] * DEPTH + [1], rng)
net, losses = relu_kit.train(net0, x, y, STEPS, LEARNING_RATE)


def zero_fractions(network):
    return [float(np.mean(h == 0)) for h in relu_kit.hidden_outputs(network, x)]


init_zeros = zero_fractions(net0)
trained_zeros = zero_fractions(net)
hidden = relu_kit.hidden_outputs(net, x)
per_unit = np.concatenate([np.mean(h == 0, axis=0) for h in hidden])
# multiply-adds of layers 2..DEPTH+1 whose input is an exact zero
macs = [h.shape[1] * net[i + 1][0].shape[1] for i, h in enumerate(hidden)]
skippable = sum(z * m for z, m in zip(trained_zeros, macs)) / sum(macs)
patterns = relu_kit.activation_codes(net, x)

RESULTS = {
    "loss_start": float(losses[0]),
    "loss_end": float(losses[-1]),
    "init_zero_fractions": init_zeros,
    "trained_zero_fractions": trained_zeros,
    "trained_zero_mean": float(np.mean(trained_zeros)),
    "init_zero_mean": float(np.mean(init_zeros)),
    "skippable_fraction": float(skippable),
    "units_always_on": int(np.sum(per_unit == 0)),
    "units_never_on": int(np.sum(per_unit == 1)),
    "n_units": int(per_unit.size),
    "n_inputs": int(x.shape[0]),
    "distinct_patterns": int(patterns.max() + 1),
}
for k in range(DEPTH):
    RESULTS[f"init_zeros_{k + 1}"] = init_zeros[k]
    RESULTS[f"trained_zeros_{k + 1}"] = trained_zeros[k]
print(f"loss {losses[0]:.3f} -> {losses[-1]:.4f}")
for k, (a, b) in enumerate(zip(init_zeros, trained_zeros), start=1):
    print(f"layer {k}: zeros {a:.1%} at init, {b:.1%} after training")
print(f"skippable multiply-adds in the next layers: {skippable:.1%}")
print(
    f"{RESULTS['distinct_patterns']} different on/off patterns over {x.shape[0]} inputs"
)

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(1, 2, figsize=(width, width * 0.45))
layers = np.arange(1, DEPTH + 1)
ax.bar(layers - 0.2, init_zeros, 0.4, color="tab:gray", label="at initialisation")
ax.bar(layers + 0.2, trained_zeros, 0.4, color="tab:blue", label="after training")
ax.axhline(0.5, color="black", lw=0.8, ls=":")
ax.set_xticks(layers, [f"layer {k}" for k in layers])
ax.set_ylim(0, 1)
ax.set_ylabel("fraction of activations exactly 0")
ax.set_title("zeros per layer")
ax.legend(loc="upper right", fontsize="small")

ax2.plot(np.sort(per_unit), color="tab:blue", lw=2)
ax2.set_xlabel(f"unit (all {per_unit.size}, sorted)")
ax2.set_ylabel("fraction of inputs where it is 0")
ax2.set_ylim(-0.02, 1.02)
ax2.set_title("each unit is off for different inputs")
fig.tight_layout()
