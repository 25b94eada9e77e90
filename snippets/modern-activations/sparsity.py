"""Exact zeros are work a ReLU layer can skip.

Claim: in a randomly initialised MLP block about half of the ReLU outputs are
exactly zero, and skipping their rows of the second weight matrix gives the
same output to rounding; GELU outputs are never exactly zero, and dropping the
same number of its smallest outputs changes the block's output by a few
per cent.
Alt: two panels. Left: histograms of the hidden outputs of the same block
with ReLU and with GELU; ReLU has one tall bar at exactly zero holding about
half of the values and a low spread of positive values, GELU piles many
small values just below and above zero but none exactly at it. Right: bars
for the share of the second layer's multiply-adds needed, 100 per cent for
dense, about half for ReLU skipping its zeros with no change to the output,
and the error left when GELU's smallest values are dropped instead.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
D_MODEL = 64
D_HIDDEN = 256  # the usual 4 x d_model
BATCH = 256
SKIP_BOUND = 1e-12  # "the same to rounding": the page states this bound

rng = np.random.default_rng(SEED)
x = rng.normal(size=(BATCH, D_MODEL))
w_in = rng.normal(0, np.sqrt(2 / D_MODEL), (D_MODEL, D_HIDDEN))
w_out = rng.normal(0, np.sqrt(1 / D_HIDDEN), (D_HIDDEN, D_MODEL))
z = x @ w_in


# --8<-- [start:skip]
def skip_zeros(h):
    """Second layer computed example by example from the nonzero rows only."""
    out = np.empty((len(h), D_MODEL))
    for i, row in enumerate(h):
        on = np.flatnonzero(row)
        out[i] = row[on] @ w_out[on]  # rows of zeros cost nothing
    return out


# --8<-- [end:skip]


h_relu = ak.relu(z)
h_gelu = ak.gelu(z)
dense_relu = h_relu @ w_out
dense_gelu = h_gelu @ w_out
relu_zero_share = float(np.mean(h_relu == 0))
skip_error = float(
    np.abs(skip_zeros(h_relu) - dense_relu).max() / np.abs(dense_relu).max()
)

# GELU: drop, per example, as many of the smallest |outputs| as ReLU had zeros.
n_drop = (h_relu == 0).sum(axis=1)
rank = np.argsort(np.argsort(np.abs(h_gelu), axis=1), axis=1)
h_gelu_pruned = np.where(rank < n_drop[:, None], 0.0, h_gelu)
gelu_drop_error = float(
    np.linalg.norm(h_gelu_pruned @ w_out - dense_gelu) / np.linalg.norm(dense_gelu)
)

RESULTS = {
    "relu_zero_share": relu_zero_share,
    "gelu_zero_share": float(np.mean(h_gelu == 0)),
    "relu_skip_max_rel_error": skip_error,
    "skip_bound": SKIP_BOUND,
    "gelu_drop_rel_error": gelu_drop_error,
    "d_model": D_MODEL,
    "d_hidden": D_HIDDEN,
}
print(
    f"ReLU outputs exactly 0: {relu_zero_share:.1%}; "
    f"GELU: {RESULTS['gelu_zero_share']:.1%}"
)
assert skip_error < SKIP_BOUND
print(
    f"skipping ReLU's zero rows changes the output by less than {SKIP_BOUND:.0e} "
    "(relative)"
)
print(
    f"dropping as many of GELU's smallest outputs: {gelu_drop_error:.1%} relative error"
)

fig, (ax_h, ax_b) = plt.subplots(
    1, 2, figsize=(6.4, 3.4), layout="constrained", width_ratios=[1.3, 1]
)
bins = np.linspace(-0.5, 3, 71)
weight = 1 / h_relu.size
ax_h.hist(
    h_gelu.ravel(),
    bins=bins,
    weights=np.full(h_gelu.size, weight),
    histtype="step",
    lw=2,
    color=ak.COLOURS["gelu"],
    label="GELU",
)
positive = h_relu[h_relu > 0]
ax_h.hist(
    positive,
    bins=bins,
    weights=np.full(positive.size, weight),
    histtype="step",
    lw=2,
    color=ak.COLOURS["relu"],
    label="ReLU, above 0",
)
ax_h.bar(
    0, relu_zero_share, width=0.04, color=ak.COLOURS["relu"], label="ReLU, exactly 0"
)
ax_h.annotate(
    f"{relu_zero_share:.0%} exactly 0",
    (0.03, relu_zero_share),
    xytext=(0.6, relu_zero_share * 0.9),
    color=ak.COLOURS["relu"],
    arrowprops=dict(arrowstyle="->", color=ak.COLOURS["relu"]),
)
ax_h.set(
    title="hidden outputs",
    xlabel="value",
    ylabel="share of outputs",
    ylim=(0, relu_zero_share * 1.15),
)
ax_h.legend(loc="center right", fontsize="small")
shares = [1.0, 1 - relu_zero_share, 1 - relu_zero_share]
labels = ["dense", "ReLU:\nskip 0s", "GELU:\ndrop small"]
bars = ax_b.bar(labels, shares, color=["0.5", ak.COLOURS["relu"], ak.COLOURS["gelu"]])
ax_b.bar_label(
    bars,
    labels=["exact", "same to\nrounding", f"error\n{gelu_drop_error:.1%}"],
    padding=2,
    fontsize="small",
)
ax_b.set(title="second-layer work", ylabel="share of multiply-adds", ylim=(0, 1.3))
ax_b.tick_params(axis="x", labelsize="small")
