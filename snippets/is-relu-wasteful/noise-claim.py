"""Does ReLU discard noise?

Claim: a pair of ReLUs with a learned threshold t, relu(x - t) - relu(-x - t),
removes most of the noise from a sparse signal (spikes in noise), but for a
dense signal no threshold helps by more than a few percent, and larger ones
make the error worse than passing the input through unchanged.
Alt: two panels. Left: 120 samples of a sparse signal, a few spikes on a flat
zero line, with the noisy input around it in grey and the thresholded output
in blue, which is flat zero between the spikes. Right: the error after
thresholding, relative to doing nothing, against the threshold t in units of
the noise level: for the sparse signal it drops to a minimum well below 1 near
t = 1.5; for the dense signal it dips only slightly below 1 and then climbs
far above it.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
N = 20_000
NOISE = 0.3  # standard deviation of the added noise
SPIKE_RATE = 0.05  # sparse signal: 5% of entries are spikes
THRESHOLDS = np.linspace(0.0, 4.0, 41) * NOISE

rng = np.random.default_rng(SEED)
spikes = rng.random(N) < SPIKE_RATE
sparse = np.where(spikes, rng.choice([-1, 1], N) * rng.uniform(1, 3, N), 0.0)
dense = rng.normal(0.0, 1.0, N)
noise = rng.normal(0.0, NOISE, N)


def shrink(x, t):
    # two ReLUs: the positive side above t and the negative side below -t
    return np.maximum(x - t, 0.0) - np.maximum(-x - t, 0.0)


def relative_error(signal):
    noisy = signal + noise
    base = np.mean((noisy - signal) ** 2)
    return np.array(
        [np.mean((shrink(noisy, t) - signal) ** 2) / base for t in THRESHOLDS]
    )


rel_sparse = relative_error(sparse)
rel_dense = relative_error(dense)
best = int(np.argmin(rel_sparse))
t_best = float(THRESHOLDS[best])

# on the spikes themselves the noise is not removed: a unit that is on passes it
noisy = sparse + noise
out = shrink(noisy, t_best)
on_spike_noise = float(
    np.std((out - sparse)[spikes] + t_best * np.sign(sparse[spikes]))
)

RESULTS = {
    "best_threshold_in_noise_units": t_best / NOISE,
    "sparse_best_ratio": float(rel_sparse[best]),
    "dense_best_ratio": float(rel_dense.min()),
    "dense_ratio_at_sparse_best": float(rel_dense[best]),
    "zeros_between_spikes": float(np.mean(out[~spikes] == 0)),
    "noise_std_on_spikes": on_spike_noise,
    "noise_std": NOISE,
}
print(
    f"sparse signal: best threshold {t_best / NOISE:.1f} sigma leaves "
    f"{rel_sparse[best]:.0%} of the error"
)
print(
    f"dense signal: best threshold leaves {rel_dense.min():.0%}; the sparse "
    f"signal's best threshold gives {rel_dense[best]:.0%}"
)
print(
    f"between spikes {RESULTS['zeros_between_spikes']:.1%} of outputs are exactly 0; "
    f"on spikes the noise passes (std {on_spike_noise:.2f} vs {NOISE})"
)

width = plt.rcParams["figure.figsize"][0]
fig, (ax, ax2) = plt.subplots(
    1, 2, figsize=(width, width * 0.45), gridspec_kw={"width_ratios": [1.3, 1]}
)
window = slice(0, 120)
idx = np.arange(N)[window]
ax.plot(idx, noisy[window], color="0.65", lw=1, label="signal + noise")
ax.plot(idx, sparse[window], color="black", lw=1.2, ls="--", label="clean signal")
ax.plot(
    idx,
    out[window],
    color="tab:blue",
    lw=1.8,
    label=f"thresholded, t = {t_best / NOISE:.1f}σ",
)
ax.set_xlabel("sample")
ax.set_ylabel("value")
ax.set_title("sparse signal: the noise floor is cut")
ax.legend(loc="lower left", fontsize="x-small")

ax2.plot(THRESHOLDS / NOISE, rel_sparse, color="tab:blue", lw=2, label="sparse signal")
ax2.plot(
    THRESHOLDS / NOISE,
    rel_dense,
    color="tab:orange",
    lw=2,
    ls="--",
    label="dense signal",
)
ax2.axhline(1.0, color="black", lw=0.8, ls=":")
ax2.set_xlabel("threshold t (in noise std σ)")
ax2.set_ylabel("error / error of doing nothing")
ax2.set_ylim(0, 2.5)
ax2.set_title("helps only for sparse signals")
ax2.legend(loc="upper left", fontsize="small")
fig.tight_layout()
