"""A classifier keeps a few bits of a picture and drops the rest.

Claim: a small ReLU network that tells four shapes apart in noisy 16x16
pictures is right on at least 90% of new pictures, yet its answer carries at
most log2(4) = 2 bits, while the pictures themselves still take over a
thousand bits each after lossless compression with xz.
Colours: kept (the pictures are grey shapes of different brightness)
Alt: left, a grid of noisy grey test pictures, four rows (disc, ring,
horizontal bar, vertical bar), each row showing its shape at different
places, sizes and brightnesses, with the network's answer under each. Right, horizontal bars
on a logarithmic scale: 2,048 bits for a raw picture, about 1,260 bits
after xz compression, and 2 bits for the class label.
"""

import lzma

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
SIDE = 16  # pictures are SIDE x SIDE grey pixels, 8 bits each
CLASSES = ["disc", "ring", "horizontal bar", "vertical bar"]
N_TRAIN, N_TEST = 800, 400
NOISE = 0.15  # standard deviation of the pixel noise, brightness in [0, 1]
HIDDEN = 32
STEPS = 150
LEARNING_RATE = 0.01

rng = np.random.default_rng(SEED)
yy, xx = np.mgrid[0:SIDE, 0:SIDE]


def picture(label):
    """One shape at a random place, size and brightness, plus noise."""
    cx, cy = rng.uniform(5, SIDE - 5, size=2)
    size = rng.uniform(3, 5)
    r = np.hypot(xx - cx, yy - cy)
    if label == 0:
        shape = r < size
    elif label == 1:
        shape = np.abs(r - size) < 0.8
    elif label == 2:
        shape = (np.abs(yy - cy) < 1.2) & (np.abs(xx - cx) < size + 1)
    else:
        shape = (np.abs(xx - cx) < 1.2) & (np.abs(yy - cy) < size + 1)
    image = rng.uniform(0.5, 1.0) * shape + rng.normal(0, NOISE, size=shape.shape)
    return np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)  # 8-bit pixels


labels = rng.integers(0, len(CLASSES), N_TRAIN + N_TEST)
pixels = np.array([picture(c) for c in labels])
x = pixels.reshape(len(labels), -1) / 255.0
x_train, x_test = x[:N_TRAIN], x[N_TRAIN:]
y_train, y_test = labels[:N_TRAIN], labels[N_TRAIN:]

# %% A one-hidden-layer ReLU network, trained by full-batch Adam.
params = {
    "W1": rng.normal(0, np.sqrt(2 / SIDE**2), (SIDE**2, HIDDEN)),
    "b1": np.zeros(HIDDEN),
    "W2": rng.normal(0, np.sqrt(2 / HIDDEN), (HIDDEN, len(CLASSES))),
    "b2": np.zeros(len(CLASSES)),
}
moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}


def forward(x):
    h = np.maximum(0, x @ params["W1"] + params["b1"])
    logits = h @ params["W2"] + params["b2"]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return h, p / p.sum(axis=1, keepdims=True)


onehot = np.eye(len(CLASSES))[y_train]
for step in range(1, STEPS + 1):
    h, p = forward(x_train)
    d_logits = (p - onehot) / N_TRAIN  # gradient of the mean cross-entropy
    d_h = (d_logits @ params["W2"].T) * (h > 0)
    grads = {
        "W2": h.T @ d_logits,
        "b2": d_logits.sum(0),
        "W1": x_train.T @ d_h,
        "b1": d_h.sum(0),
    }
    for k, g in grads.items():
        m, v = moments[k]
        m[:] = 0.9 * m + 0.1 * g
        v[:] = 0.999 * v + 0.001 * g * g
        m_hat, v_hat = m / (1 - 0.9**step), v / (1 - 0.999**step)
        params[k] -= LEARNING_RATE * m_hat / (np.sqrt(v_hat) + 1e-8)

predicted = forward(x_test)[1].argmax(axis=1)
accuracy = float(np.mean(predicted == y_test))

# %% Bits per picture: raw, losslessly compressed, and the label.
raw_bits = SIDE * SIDE * 8
test_pixels = pixels[N_TRAIN:]
xz_bits = (
    8
    * len(lzma.compress(test_pixels.tobytes(), preset=9 | lzma.PRESET_EXTREME))
    / N_TEST
)
label_bits = float(np.log2(len(CLASSES)))
share = np.bincount(predicted, minlength=len(CLASSES)) / N_TEST
answer_entropy = float(-sum(q * np.log2(q) for q in share if q > 0))

RESULTS = {
    "accuracy": accuracy,
    "raw_bits": raw_bits,
    "xz_bits": xz_bits,
    "label_bits": label_bits,
    "answer_entropy_bits": answer_entropy,
    "kept_fraction": label_bits / xz_bits,
    "n_test": N_TEST,
}
print(f"test accuracy {accuracy:.1%}")
print(
    f"bits per picture: raw {raw_bits}, xz {xz_bits:.0f}, label {label_bits:.0f} "
    f"(the answers' entropy: {answer_entropy:.2f})"
)

fig = plt.figure(figsize=(8, 4))
left, right = fig.subfigures(1, 2, width_ratios=[1, 1.15])
axes = left.subplots(len(CLASSES), 4)
for c, name in enumerate(CLASSES):
    examples = np.flatnonzero(y_test == c)[:4]
    for ax, i in zip(axes[c], examples):
        ax.imshow(test_pixels[i], cmap="gray", vmin=0, vmax=255)
        ax.set_xticks([])
        ax.set_yticks([])
        answer = CLASSES[predicted[i]]
        ax.set_xlabel(
            answer if answer == name else f"wrong: {answer}", fontsize="x-small"
        )
    axes[c, 0].set_ylabel(name.replace(" ", "\n"), fontsize="small")
left.suptitle("Test pictures and the network's answers", fontsize="medium")
bars = right.subplots()
names = ["raw picture\n(8-bit pixels)", "picture after\nxz -9e", "class label"]
values = [raw_bits, xz_bits, label_bits]
bars.barh([2, 1, 0], values, color=["#9e9e9e", "#3b6fb6", "#d9822b"], edgecolor="black")
for y, v in zip([2, 1, 0], values):
    bars.text(v * 1.2, y, f"{v:,.0f} bits", va="center")
bars.set_xscale("log")
bars.set_xlim(1, 1e5)
bars.set_yticks([2, 1, 0], names)
bars.set_xlabel("bits per picture (log scale)")
bars.set_title("What the answer keeps", fontsize="medium")
right.subplots_adjust(left=0.3, right=0.95, bottom=0.15, top=0.88)
