"""What an activation costs next to its layer's matrix multiply.

Claim: applying an activation to a layer's output costs a small fraction of
the layer's matrix multiply, which does 2048 multiply-adds for every number
the activation sees.
Alt: horizontal bars on a logarithmic axis, nanoseconds per output element
(median of the repeats, with a line from the fastest to the slowest repeat),
measured on the machine that built the page, for ReLU, sigmoid, tanh, GELU and
the layer's matrix multiply. The order of the activations depends on the
machine; the matrix multiply's bar is the longest.
Measures: time (how long each operation took on the machine that built the
page: the numbers change from machine to machine and from build to build, and
the tests assert none of them)
"""

import time

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
BATCH = 256
WIDTH = 2048
DTYPE = np.float32  # what networks are usually trained in
REPEATS = 9  # the median of the repeats, and their range
CALLS_PER_REPEAT = 3

rng = np.random.default_rng(SEED)
h = rng.normal(size=(BATCH, WIDTH)).astype(DTYPE)  # the layer's input
w = (rng.normal(size=(WIDTH, WIDTH)) / np.sqrt(WIDTH)).astype(DTYPE)
z = h @ w  # its pre-activations
C = DTYPE(np.sqrt(2.0 / np.pi))

# The plainest numpy form of each; GELU in its tanh approximation, since numpy
# has no vectorised erf.
OPERATIONS = {
    "relu": lambda: np.maximum(z, 0),
    "sigmoid": lambda: 1 / (1 + np.exp(-z)),
    "tanh": lambda: np.tanh(z),
    "gelu": lambda: 0.5 * z * (1 + np.tanh(C * (z + DTYPE(0.044715) * z * z * z))),
    "matmul": lambda: h @ w,
}


# Interleave the operations, so that a slow spell of a shared machine does
# not fall on one of them only.
with np.errstate(over="ignore"):  # exp(-z) may overflow to inf: sigmoid is then 0
    for op in OPERATIONS.values():
        op()  # warm up
    runs = {name: [] for name in OPERATIONS}
    for _ in range(REPEATS):
        for name, op in OPERATIONS.items():
            start = time.perf_counter()
            for _ in range(CALLS_PER_REPEAT):
                op()
            runs[name].append((time.perf_counter() - start) / CALLS_PER_REPEAT)
ns = {name: np.array(t) / z.size * 1e9 for name, t in runs.items()}  # per element
median = {name: float(np.median(t)) for name, t in ns.items()}

activations = ["relu", "sigmoid", "tanh", "gelu"]
RESULTS = {"batch": BATCH, "width": WIDTH, "repeats": REPEATS}
for name in OPERATIONS:
    RESULTS |= {
        f"{name}_ns": median[name],
        f"{name}_ns_min": float(ns[name].min()),
        f"{name}_ns_max": float(ns[name].max()),
    }
for name in activations:
    # The activation's share of a layer's time (the multiply, then the
    # activation), from the medians.
    RESULTS[f"{name}_share_of_layer"] = median[name] / (median["matmul"] + median[name])
RESULTS["largest_activation_share"] = max(
    RESULTS[f"{a}_share_of_layer"] for a in activations
)
RESULTS["relu_over_tanh"] = median["relu"] / median["tanh"]
for name in OPERATIONS:
    print(
        f"{name:8s} {median[name]:8.2f} ns per output element "
        f"(repeats from {ns[name].min():.2f} to {ns[name].max():.2f})"
    )
print(
    "share of the layer's time (multiply + activation): "
    + ", ".join(f"{a} {RESULTS[f'{a}_share_of_layer']:.1%}" for a in activations)
)

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
names = activations + ["matmul"]
labels = [ak.LABELS[n] for n in activations] + [f"matrix multiply\n({WIDTH} inputs)"]
values = [median[n] for n in names]
spread = [
    [median[n] - ns[n].min() for n in names],
    [ns[n].max() - median[n] for n in names],
]
bars = ax.barh(
    labels, values, xerr=spread, color=[ak.COLOURS[n] for n in names], ecolor="0.2"
)
for i, n in enumerate(names):  # each label just past its slowest repeat
    ax.text(ns[n].max() * 1.4, i, f"{median[n]:.3g} ns", va="center")
ax.set_xscale("log")
ax.invert_yaxis()
ax.set_xlim(min(values) / 4, max(ns[n].max() for n in names) * 10)
ax.set(
    xlabel="time per output element (ns, log scale)",
    title=f"numpy, float32, a {BATCH} x {WIDTH} layer output (median of {REPEATS})",
)
