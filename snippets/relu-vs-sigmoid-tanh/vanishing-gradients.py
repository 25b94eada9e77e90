"""Gradients through 20 layers at initialisation.

Claim: in a 20-layer network at initialisation, with the initialisation each
activation is meant to use, the gradient reaching the first layer is about as
large as the one reaching the last for ReLU (He), a few times smaller for tanh
(Glorot) and a thousand times smaller or more for sigmoid (Glorot with the
weights scaled by 4, to make up for its slope of 1/4 at zero); plain Glorot
weights leave the sigmoid far worse off, and with a naive small
initialisation (standard deviation 0.01) the gradient vanishes for all three.
Alt: two panels with a logarithmic vertical axis, the norm of the gradient
with respect to each layer's pre-activations against the layer number, 1 to
20. Left, recommended initialisations: ReLU stays roughly flat, tanh falls
gently towards the first layer, sigmoid with Glorot weights times 4 falls by
several orders of magnitude, and sigmoid with plain Glorot weights (dashed)
by many more. Right, naive initialisation: all three lines fall steeply.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N_LAYERS = 20
WIDTH = 128
BATCH = 128
NAIVE_STD = 0.01


def init_weights(rng, scheme):
    """One square weight matrix per layer, drawn by the named scheme."""
    if scheme in ("glorot", "glorot4"):  # U[-a, a], a = sqrt(6 / (n_in + n_out))
        a = np.sqrt(6.0 / (WIDTH + WIDTH)) * (4.0 if scheme == "glorot4" else 1.0)
        return [rng.uniform(-a, a, (WIDTH, WIDTH)) for _ in range(N_LAYERS)]
    if scheme == "he":  # N(0, 2 / n_in)
        std = np.sqrt(2.0 / WIDTH)
    else:  # the naive choice: the same small std at any width
        std = NAIVE_STD
    return [rng.normal(0.0, std, (WIDTH, WIDTH)) for _ in range(N_LAYERS)]


# --8<-- [start:backprop]
def layer_gradient_norms(name, weights, x, y, w_out):
    """Norm of dLoss/dz for every layer, by hand-written backpropagation."""
    f, f_grad = ak.ACTIVATIONS[name]
    hs, zs = [x], []
    for W in weights:  # forward: z = h W, h = f(z)
        zs.append(hs[-1] @ W)
        hs.append(f(zs[-1]))
    out = hs[-1] @ w_out  # a fixed linear read-out
    d_h = np.outer(out - y, w_out) / len(x)  # dLoss/dh for a mean squared error / 2
    norms = []
    for W, z in zip(weights[::-1], zs[::-1]):
        d_z = d_h * f_grad(z)  # through the activation
        norms.append(np.linalg.norm(d_z))  # the error signal reaching this layer
        d_h = d_z @ W.T  # on to the layer below
    return norms[::-1]  # layer 1 first


# --8<-- [end:backprop]


rng = np.random.default_rng(SEED)
x = rng.normal(size=(BATCH, WIDTH))
y = rng.normal(size=BATCH)
w_out = rng.normal(0.0, 1.0 / np.sqrt(WIDTH), WIDTH)

recommended = {"sigmoid": "glorot4", "tanh": "glorot", "relu": "he"}
INIT_LABELS = {
    "glorot": "Glorot",
    "glorot4": "Glorot x 4",
    "he": "He",
    "naive": "naive",
}
curves = {}
for name, scheme in recommended.items():
    for init in (scheme, "naive"):
        weights = init_weights(np.random.default_rng([SEED, len(curves)]), init)
        curves[name, init] = layer_gradient_norms(name, weights, x, y, w_out)
# The sigmoid also with tanh's weights, as if Glorot's scheme fitted it as is.
weights = init_weights(np.random.default_rng([SEED, len(curves)]), "glorot")
curves["sigmoid", "glorot"] = layer_gradient_norms("sigmoid", weights, x, y, w_out)

# How many times smaller the gradient at layer 1 is than at layer 20.
ratio = {key: float(norms[-1] / norms[0]) for key, norms in curves.items()}
RESULTS = {
    "n_layers": N_LAYERS,
    "relu_he_ratio": ratio["relu", "he"],
    "tanh_glorot_ratio": ratio["tanh", "glorot"],
    "sigmoid_glorot4_ratio": ratio["sigmoid", "glorot4"],
    "sigmoid_glorot_ratio": ratio["sigmoid", "glorot"],
    "relu_naive_ratio": ratio["relu", "naive"],
    "tanh_naive_ratio": ratio["tanh", "naive"],
    "sigmoid_naive_ratio": ratio["sigmoid", "naive"],
}
for (name, init), s in ratio.items():
    print(f"{name:8s} {init:10s} gradient at layer {N_LAYERS} / at layer 1: {s:.3g}")

fig, axes = plt.subplots(1, 2, layout="constrained")
layers = np.arange(1, N_LAYERS + 1)
for ax, kind in zip(axes, ("recommended", "naive")):
    for name, scheme in recommended.items():
        init = scheme if kind == "recommended" else "naive"
        label = f"{ak.LABELS[name]}, {INIT_LABELS[init]}"
        ax.semilogy(
            layers,
            curves[name, init],
            marker="o",
            ms=3,
            color=ak.COLOURS[name],
            label=label,
        )
    if kind == "recommended":
        ax.semilogy(
            layers,
            curves["sigmoid", "glorot"],
            ls="--",
            marker="o",
            ms=2,
            color=ak.COLOURS["sigmoid"],
            label="sigmoid, Glorot (not x 4)",
        )
    ax.set(xlabel="layer (1 = next to the input)", xticks=[1, 5, 10, 15, 20])
    ax.grid(alpha=0.3, which="major")
axes[0].set(
    title="recommended initialisation",
    ylabel=r"gradient norm $\|\partial L / \partial z_\ell\|$",
)
axes[1].set(title=f"naive: std {NAIVE_STD} everywhere")
for ax in axes:
    ax.legend(fontsize="small", loc="lower right")
