"""What an activation costs next to its layer's matrix multiply.

Claim: in numpy, ReLU takes less time per element than sigmoid, tanh or GELU,
and the matrix multiply of a layer of the same size takes longer than any of
the four activations applied to its output.
Alt: horizontal bars on a logarithmic axis, nanoseconds per output element,
measured when the page was built: ReLU the shortest bar, then the three
activations that need an exponential or tanh, and the layer's matrix multiply
the longest bar by a wide margin.
Measures: time (the page reports how long each operation took on the machine
that built it, so the numbers change from build to build; tests check only
which is faster)
"""

import time

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
BATCH = 256
WIDTH = 2048
DTYPE = np.float32  # what networks are usually trained in
REPEATS = 5  # keep the fastest: the least disturbed by other work
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


def fastest_call(op):
    best = np.inf
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(CALLS_PER_REPEAT):
            op()
        best = min(best, (time.perf_counter() - start) / CALLS_PER_REPEAT)
    return best


with np.errstate(over="ignore"):  # exp(-z) may overflow to inf: sigmoid is then 0
    seconds = {name: fastest_call(op) for name, op in OPERATIONS.items()}
ns_per_element = {name: s / z.size * 1e9 for name, s in seconds.items()}

activations = ["relu", "sigmoid", "tanh", "gelu"]
RESULTS = {
    "batch": BATCH,
    "width": WIDTH,
    **{f"{name}_ns": float(ns) for name, ns in ns_per_element.items()},
    "fastest_activation": min(activations, key=ns_per_element.get),
    "matmul_over_relu": float(seconds["matmul"] / seconds["relu"]),
    # The activation's share of a layer's time: matmul, then activation.
    "relu_share_of_layer": float(
        seconds["relu"] / (seconds["matmul"] + seconds["relu"])
    ),
    "tanh_share_of_layer": float(
        seconds["tanh"] / (seconds["matmul"] + seconds["tanh"])
    ),
    "matmul_over_slowest_activation": float(
        seconds["matmul"] / max(seconds[a] for a in activations)
    ),
}
for name, ns in ns_per_element.items():
    print(f"{name:8s} {ns:8.2f} ns per output element")
print(
    f"the matrix multiply takes {RESULTS['matmul_over_relu']:.0f} times as long as ReLU"
)

fig, ax = plt.subplots(figsize=(6.4, 3.2), layout="constrained")
names = activations + ["matmul"]
labels = [ak.LABELS[n] for n in activations] + [f"matrix multiply\n({WIDTH} inputs)"]
bars = ax.barh(
    labels, [ns_per_element[n] for n in names], color=[ak.COLOURS[n] for n in names]
)
ax.bar_label(bars, labels=[f"{ns_per_element[n]:.3g} ns" for n in names], padding=3)
ax.set_xscale("log")
ax.invert_yaxis()
ax.set_xlim(0.1, max(ns_per_element.values()) * 8)
ax.set(
    xlabel="time per output element (ns, log scale)",
    title=f"numpy, float32, a {BATCH} x {WIDTH} layer output",
)
