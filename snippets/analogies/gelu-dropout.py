"""GELU is the average of a random mask whose odds depend on the input.

Claim: multiplying an input z by a random 0/1 mask that keeps it with
probability Phi(z) (the standard normal distribution function) gives, on
average, GELU(z) = z Phi(z); the average of 20,000 such masks stays within
0.03 of GELU at every z tried. ReLU is the same product with a mask fixed by
the sign of z, and dropout's mask does not look at z at all, so its rescaled
average is z itself.
Alt: one panel over z from -3 to 3. A straight diagonal line for dropout's
average (the identity), ReLU's broken line (zero, then the diagonal), GELU's
smooth curve that dips slightly below zero near z = -0.75, and dots on top
of the GELU curve showing the average of 20,000 random masks at each z.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N_MASKS = 20_000
BOUND = 0.03  # what "within" means for the Monte Carlo average
DROP = 0.5  # dropout's drop probability, for comparison

rng = np.random.default_rng(SEED)
z = np.linspace(-3, 3, 25)
keep = ak.normal_cdf(z)  # the chance that the mask keeps z

# --8<-- [start:mask]
masks = rng.random((N_MASKS, z.size)) < keep  # keep z with probability Phi(z)
gelu_by_masks = (z * masks).mean(axis=0)  # average of z times a random 0/1
relu_mask = z > 0  # ReLU: the mask is the sign of z, no randomness
dropout_masks = rng.random((N_MASKS, z.size)) >= DROP  # ignores z entirely
dropout_avg = (z * dropout_masks / (1 - DROP)).mean(axis=0)  # rescaled
# --8<-- [end:mask]

gelu_gap = float(np.abs(gelu_by_masks - ak.gelu(z)).max())
dropout_gap = float(np.abs(dropout_avg - z).max())
assert gelu_gap < BOUND and dropout_gap < 2 * BOUND

RESULTS = {
    "n_masks": N_MASKS,
    "bound": BOUND,
    "gelu_gap": gelu_gap,
    "dropout_gap": dropout_gap,
    "keep_at_minus_1": float(ak.normal_cdf(np.array(-1.0))),
    "keep_at_plus_1": float(ak.normal_cdf(np.array(1.0))),
}
print(
    f"average of {N_MASKS} input-dependent masks: within {BOUND} of GELU "
    f"at each of {z.size} points"
)
print(
    f"keep probability Phi(z): {RESULTS['keep_at_minus_1']:.2f} at z = -1, "
    f"{RESULTS['keep_at_plus_1']:.2f} at z = 1; dropout keeps {1 - DROP:.0%} "
    "whatever z is"
)

fine = np.linspace(-3, 3, 601)
fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
ax.plot(fine, fine, color="0.5", ls=":", lw=2, label="dropout, averaged: $z$")
ax.plot(fine, ak.relu(fine), color=ak.COLOURS["relu"], lw=2, label="ReLU: mask = sign")
ax.plot(
    fine, ak.gelu(fine), color=ak.COLOURS["gelu"], lw=2, label=r"GELU: $z\,\Phi(z)$"
)
ax.plot(
    z,
    gelu_by_masks,
    "o",
    color=ak.COLOURS["gelu"],
    mfc="white",
    label=f"average of {N_MASKS:,} random masks",
)
ax.set(
    xlabel="input $z$",
    ylabel="output",
    title="Random masks whose odds depend on $z$ average to GELU",
    ylim=(-1.2, 3.1),
)
ax.axhline(0, color="0.6", lw=0.8)
ax.grid(alpha=0.3)
ax.legend(fontsize="small", loc="upper left")
