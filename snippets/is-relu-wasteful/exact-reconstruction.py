"""The layer keeps what each unit drops.

Claim: an input with 64 numbers, negative ones included, is recovered exactly
(to rounding error) from the outputs of a random 256-unit ReLU layer, although
about half of those outputs are zero; with only 64 units, too few stay active
and the same recovery fails: the minimum-norm least-squares solution of the
equations the active units give is visibly wrong.
Colours: kept (the text calls the zero outputs white)
Alt: four panels. First, an 8-by-8 input pattern with positive (red) and
negative (blue) values. Second, the 256 outputs of the ReLU layer drawn as a
16-by-16 grid, about half of them exactly zero (white). Third, the input
recovered from those outputs, identical to the first panel. Fourth, the
minimum-norm least-squares recovery from a 64-unit layer, visibly wrong.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
SIDE = 8  # the input is a SIDE x SIDE pattern
WIDE = 256  # units in the layer that keeps the information
NARROW = 64  # units in the layer that does not
ERROR_BOUND = 1e-13  # what "to rounding error" means on the page, on any machine

rng = np.random.default_rng(SEED)
u, v = np.meshgrid(np.linspace(-1, 1, SIDE), np.linspace(-1, 1, SIDE))
image = np.sin(3 * u) * np.cos(2 * v) + 0.5 * u * v  # positive and negative
x = image.ravel()


def relu_layer(n_units):
    w = rng.normal(0.0, np.sqrt(2.0 / x.size), size=(n_units, x.size))
    b = rng.normal(0.0, 0.1, size=n_units)
    return w, b, np.maximum(w @ x + b, 0.0)


def recover(w, b, h):
    # every active unit gives one exact linear equation w_i . x = h_i - b_i;
    # lstsq returns the solution of least norm when they do not pin x down
    # (it ignores what the inactive units say: w_i . x <= -b_i)
    on = h > 0
    x_hat, *_ = np.linalg.lstsq(w[on], h[on] - b[on], rcond=None)
    return x_hat, int(on.sum()), int(np.linalg.matrix_rank(w[on]))


w, b, h = relu_layer(WIDE)
x_wide, on_wide, rank_wide = recover(w, b, h)
w_n, b_n, h_n = relu_layer(NARROW)
x_narrow, on_narrow, rank_narrow = recover(w_n, b_n, h_n)

RESULTS = {
    "n_inputs": x.size,
    "wide_units": WIDE,
    "wide_zero_fraction": float(np.mean(h == 0)),
    "wide_active": on_wide,
    "wide_rank": rank_wide,
    "wide_max_error": float(np.max(np.abs(x_wide - x))),
    "error_bound": ERROR_BOUND,
    "narrow_units": NARROW,
    "narrow_active": on_narrow,
    "narrow_rank": rank_narrow,
    "narrow_max_error": float(np.max(np.abs(x_narrow - x))),
    "input_min": float(x.min()),
}
print(
    f"{WIDE} units: {RESULTS['wide_zero_fraction']:.0%} of outputs are zero, "
    f"{on_wide} active (rank {rank_wide}); largest error "
    f"{'below' if RESULTS['wide_max_error'] < ERROR_BOUND else 'ABOVE'} {ERROR_BOUND:g}"
)
print(
    f"{NARROW} units: {on_narrow} active (rank {rank_narrow} < {x.size}); "
    f"largest error of the minimum-norm solution {RESULTS['narrow_max_error']:.2f}"
)

width = plt.rcParams["figure.figsize"][0]
fig, axes = plt.subplots(1, 4, figsize=(width, width * 0.32))
lim = np.abs(x).max()
panels = [
    (image, "input (64 numbers)", "RdBu_r", -lim, lim),
    (h.reshape(16, 16), f"{WIDE} ReLU outputs", "Greys", 0, h.max()),
    (x_wide.reshape(SIDE, SIDE), f"recovered from {WIDE}", "RdBu_r", -lim, lim),
    (x_narrow.reshape(SIDE, SIDE), f"min-norm from {NARROW}", "RdBu_r", -lim, lim),
]
for ax, (data, title, cmap, lo, hi) in zip(axes, panels):
    ax.imshow(data, cmap=cmap, vmin=lo, vmax=hi)
    ax.set_title(title, fontsize="small")
    ax.set_xticks([])
    ax.set_yticks([])
axes[1].set_xlabel(
    f"{RESULTS['wide_zero_fraction']:.0%} exactly zero", fontsize="small"
)
axes[2].set_xlabel(f"largest error < {ERROR_BOUND:.0e}", fontsize="small")
axes[3].set_xlabel(f"largest error {RESULTS['narrow_max_error']:.2f}", fontsize="small")
fig.tight_layout()
