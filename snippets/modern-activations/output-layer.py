"""Why the output layer is not a ReLU.

Claim: with the loss each output is paired with (squared error for an
identity output, cross-entropy for a sigmoid), the gradient with respect to
the output's pre-activation z is the error itself and never vanishes while
the prediction is wrong; a ReLU output gives a zero gradient whenever z < 0,
whatever the target, and cannot go below 0, so a negative target leaves an
error of at least its size. A sigmoid trained with squared error instead of
cross-entropy loses almost all of its gradient when confidently wrong.
Normalisation is nonlinear too: RMS normalisation of 2x equals that of x.
Alt: one panel, the gradient of the loss with respect to the output's
pre-activation z, for a target of 1, over z from -6 to 4. The identity
output with squared error is a straight line through zero at z = 1; the
sigmoid with cross-entropy is a smooth curve from -1 up to 0, strong
wherever the prediction is wrong; the sigmoid with squared error is nearly
flat at 0 for very negative z; the ReLU output is exactly 0 for all z below
0 and a line above.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
TARGET = 1.0
NEGATIVE_TARGET = -0.5
Z_WRONG = -5.0  # a confidently wrong pre-activation for a target of 1

z = np.linspace(-6, 4, 1001)
# --8<-- [start:grads]
grad_identity_mse = z - TARGET  # d/dz of (z - y)^2 / 2
grad_sigmoid_xent = ak.sigmoid(z) - TARGET  # d/dz of cross-entropy(sigmoid(z), y)
s = ak.sigmoid(z)
grad_sigmoid_mse = (s - TARGET) * s * (1 - s)  # squared error through a sigmoid
grad_relu_mse = (ak.relu(z) - TARGET) * (z > 0)  # zero for z < 0, whatever y
# --8<-- [end:grads]

# A random last layer on random features: how often is a ReLU output switched
# off, and so deaf to its target?
rng = np.random.default_rng(SEED)
features = ak.relu(rng.normal(size=(10_000, 64)))
w = rng.normal(0, np.sqrt(2 / 64), 64)
z_out = features @ w - np.mean(features @ w)  # a centred output, as after training
relu_output_dead_share = float(np.mean(z_out < 0))


def rms_norm(x):
    return x / np.sqrt(np.mean(x**2))


x = rng.normal(size=64)
rms_scale_gap = float(np.abs(rms_norm(2 * x) - rms_norm(x)).max())
logits = rng.normal(size=10)
p = np.exp(logits - logits.max())
p /= p.sum()

s_wrong = float(ak.sigmoid(np.array(Z_WRONG)))
RESULTS = {
    "target": TARGET,
    "z_wrong": Z_WRONG,
    "sigmoid_xent_grad_wrong": s_wrong - TARGET,
    "sigmoid_mse_grad_wrong": (s_wrong - TARGET) * s_wrong * (1 - s_wrong),
    "relu_grad_negative_z": float(grad_relu_mse[z < 0].max()),
    "relu_output_dead_share": relu_output_dead_share,
    "negative_target": NEGATIVE_TARGET,
    "relu_min_error_negative_target": float(np.abs(ak.relu(z) - NEGATIVE_TARGET).min()),
    "rms_scale_gap": rms_scale_gap,
    "softmax_sum_gap": abs(float(p.sum()) - 1.0),
}
print(
    f"target 1, z = {Z_WRONG:g}: gradient {RESULTS['sigmoid_xent_grad_wrong']:.3f} "
    f"with cross-entropy, {RESULTS['sigmoid_mse_grad_wrong']:.4f} with squared error"
)
print(
    f"a centred ReLU output is off, with zero gradient, for "
    f"{relu_output_dead_share:.0%} of the inputs"
)
print(
    f"closest a ReLU output gets to a target of {NEGATIVE_TARGET:g}: "
    f"{RESULTS['relu_min_error_negative_target']:.2f}"
)
assert rms_scale_gap < 1e-12 and RESULTS["softmax_sum_gap"] < 1e-12

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
ax.plot(z, grad_identity_mse, color="0.35", lw=2, label="identity, squared error")
ax.plot(
    z,
    grad_sigmoid_xent,
    color=ak.COLOURS["sigmoid"],
    lw=2,
    label="sigmoid, cross-entropy",
)
ax.plot(
    z,
    grad_sigmoid_mse,
    color=ak.COLOURS["sigmoid"],
    lw=2,
    ls="--",
    label="sigmoid, squared error",
)
ax.plot(z, grad_relu_mse, color=ak.COLOURS["relu"], lw=2.5, ls=":", label="ReLU output")
ax.axhline(0, color="0.6", lw=0.8)
ax.axvline(0, color="0.6", lw=0.8)
ax.set(
    xlabel="output pre-activation $z$",
    ylabel=r"$\partial\,\mathrm{loss} / \partial z$",
    title="Gradient at the output, target 1",
    ylim=(-1.6, 3.2),
)
ax.grid(alpha=0.3)
ax.legend(fontsize="small", loc="upper left")
