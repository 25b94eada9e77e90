"""Does an unbounded ReLU stack blow up?

Claim: through 50 ReLU layers, He initialisation (weight variance 2/n) keeps
the activations' size near 1, a variance of 1/n shrinks it about 2 times
every 2 layers, 3/n makes it grow into the thousands, a fixed standard
deviation of 0.01 makes it vanish, and normalising each layer keeps it at 1
whatever the weights.
Alt: root-mean-square activation against layer, 1 to 50, on a logarithmic
axis. The He line stays near 1; the 3/n line climbs steadily to several
thousand; the 1/n line falls to about one in a hundred million; the std 0.01
line drops out of the plotted range within a few layers (an arrow gives its
value at layer 50, about 10^-55); the normalised line is flat at 1.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N_LAYERS = 50
WIDTH = 128
BATCH = 64
SCHEMES = {  # weight standard deviation for fan-in n
    "He: variance 2/n": lambda n: np.sqrt(2.0 / n),
    "variance 3/n": lambda n: np.sqrt(3.0 / n),
    "variance 1/n": lambda n: np.sqrt(1.0 / n),
    "std 0.01": lambda n: 0.01,
}
NORMALISED = "std 0.01, then normalised"

rng = np.random.default_rng(SEED)
x = rng.normal(size=(BATCH, WIDTH))


def rms(h):
    return float(np.sqrt(np.mean(h**2)))


curves = {}
for k, (label, std) in enumerate({**SCHEMES, NORMALISED: SCHEMES["std 0.01"]}.items()):
    layer_rng = np.random.default_rng([SEED, k])
    h, sizes = x, []
    for _ in range(N_LAYERS):
        h = ak.relu(h @ layer_rng.normal(0.0, std(WIDTH), (WIDTH, WIDTH)))
        if label == NORMALISED:
            # Rescale every example to unit root-mean-square, the heart of
            # batch normalisation or RMSNorm (without their learned scales).
            h = h / np.sqrt(np.mean(h**2, axis=1, keepdims=True))
        sizes.append(rms(h))
    curves[label] = sizes

RESULTS = {
    "n_layers": N_LAYERS,
    "rms_he": curves["He: variance 2/n"][-1],
    "rms_var3": curves["variance 3/n"][-1],
    "rms_var1": curves["variance 1/n"][-1],
    "rms_std001": curves["std 0.01"][-1],
    "rms_normalised": curves[NORMALISED][-1],
    "rms_input": rms(x),
}
for label, sizes in curves.items():
    print(f"{label:26s} RMS after layer {N_LAYERS}: {sizes[-1]:.3g}")

fig, ax = plt.subplots(layout="constrained")
colours = [ak.COLOURS[c] for c in ("relu", "sigmoid", "tanh", "gelu", "leaky_relu")]
styles = ["-", "-", "-", "-", "--"]
layers = np.arange(1, N_LAYERS + 1)
for (label, sizes), colour, ls in zip(curves.items(), colours, styles):
    ax.semilogy(layers, sizes, color=colour, ls=ls, lw=2, label=label)
# The std 0.01 line leaves the axis; say where it ends instead of squashing the rest.
ax.annotate(
    f"std 0.01 reaches {curves['std 0.01'][-1]:.0e}\nat layer {N_LAYERS}",
    (8.5, 1e-10),
    xytext=(14, 1e-9),
    va="center",
    color=ak.TEXT_COLOURS["gelu"],
    arrowprops=dict(arrowstyle="->", color=ak.COLOURS["gelu"]),
)
ax.set(
    xlabel="layer",
    ylabel="RMS of the activations",
    ylim=(1e-10, 1e10),
    title=f"{N_LAYERS} ReLU layers of width {WIDTH}, input RMS 1",
)
ax.legend(fontsize="small", ncols=2, loc="upper left")
ax.grid(alpha=0.3)
