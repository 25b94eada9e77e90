"""Training, frame by frame.

Claim: during training the network's kinks travel to where the target bends,
and the fit improves as they arrive; the loss falls by more than a factor of
100 between the first and the last frame.
Alt: an animation of 20 frames. Each shows the target curve in grey,
the network's current output in blue and its kinks as orange triangles along
the bottom. At step 0 the output is a nearly straight line and the kinks sit
near the middle; over the frames the kinks spread out and the blue line bends
until it lies on the grey curve.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import relu_kit
import scalar_net

# the same problem and seed as trained-kinks.py
SEED = 1
X_MIN, X_MAX = -1.5, 1.5
N_UNITS = 12
N_DATA = 64
STEPS = 3000
LEARNING_RATE = 0.01
BIAS_STD = 0.5
FRAME_STEPS = [
    0,
    5,
    10,
    20,
    35,
    50,
    75,
    100,
    150,
    200,
    300,
    400,
    550,
    700,
    900,
    1200,
    1600,
    2000,
    2500,
    3000,
]


def target(x):
    return np.sin(3 * x) + 0.5 * np.cos(5 * x)


rng = np.random.default_rng(SEED)
x = np.linspace(X_MIN, X_MAX, N_DATA)
y = np.array([math.sin(3 * v) + 0.5 * math.cos(5 * v) for v in x])
net0 = relu_kit.init_net([1, N_UNITS, 1], rng)
net0[0] = (net0[0][0], rng.normal(0.0, BIAS_STD, N_UNITS))

x_fine = np.linspace(X_MIN, X_MAX, 601)
frames = []


def record(step, params, loss):
    if step in FRAME_STEPS:
        w, b = params[0], params[1]
        frames.append((step, loss, scalar_net.forward(params, x_fine)[0], -b / w))


scalar_net.train(
    scalar_net.from_relu_kit(net0),
    x,
    y,
    STEPS,
    LEARNING_RATE,
    every=5,
    on_snapshot=record,
)

RESULTS = {
    "n_frames": len(frames),
    "loss_first": float(frames[0][1]),
    "loss_last": float(frames[-1][1]),
    "loss_ratio": float(frames[0][1] / frames[-1][1]),
}
print(f"{len(frames)} frames; loss {frames[0][1]:.3f} -> {frames[-1][1]:.5f}")

width = plt.rcParams["figure.figsize"][0]
for step, loss, fit, kinks in frames:
    fig, ax = plt.subplots(figsize=(width, width * 0.5))
    fig.set_label(f"frames:training:step {step}")
    ax.plot(x_fine, target(x_fine), color="0.6", lw=5, label="target")
    ax.plot(x_fine, fit, color="tab:blue", lw=2.5, label="network")
    inside = (kinks > X_MIN) & (kinks < X_MAX)
    ax.plot(
        kinks[inside],
        np.full(inside.sum(), -2.05),
        "^",
        color="tab:orange",
        ms=9,
        label="kinks",
    )
    ax.set_xlim(X_MIN - 0.05, X_MAX + 0.05)
    ax.set_ylim(-2.2, 2.2)
    ax.set_xlabel("x")
    ax.set_ylabel("output")
    ax.set_title(f"step {step}: mean squared error {loss:.4f}")
    ax.legend(loc="upper right")
    fig.tight_layout()
