"""The ReLU family and its slopes.

Claim: Leaky ReLU, ELU, GELU and SiLU all match ReLU for large positive
inputs and differ near zero and below it: Leaky ReLU keeps a slope of 0.01,
ELU levels off at -1, and GELU and SiLU are smooth, dip below zero (to about
-0.17 and -0.28) and have slopes that rise above 1 (to about 1.13 and 1.10);
the tanh approximation of GELU stays within 0.001 of the exact one.
Alt: two panels. Left: ReLU, Leaky ReLU, ELU, GELU and SiLU over z from -4 to
3; all rise along the diagonal for positive z; below zero ReLU is flat at 0,
Leaky ReLU slightly negative, ELU curves down towards -1, GELU and SiLU dip
and return towards 0. Right: their slopes; ReLU and Leaky ReLU are steps at 0, ELU's
slope rises smoothly from near 0 to 1 at z = 0 and stays there, GELU's and
SiLU's are S-shaped curves that overshoot 1 before settling to it.
"""

import act_kit as ak
import matplotlib.pyplot as plt
import numpy as np

NAMES = ["relu", "leaky_relu", "elu", "gelu", "silu"]
Z_LO, Z_HI = -4.0, 3.0

z = np.linspace(Z_LO, Z_HI, 7001)  # steps of 0.001, with 0 on the grid
wide = np.linspace(-8.0, 8.0, 160001)  # for minima and maxima


def argmin(f):
    values = f(wide)
    k = int(values.argmin())
    return float(wide[k]), float(values[k])


def argmax(f):
    values = f(wide)
    k = int(values.argmax())
    return float(wide[k]), float(values[k])


gelu_min_at, gelu_min = argmin(ak.gelu)
silu_min_at, silu_min = argmin(ak.silu)
gelu_slope_max_at, gelu_slope_max = argmax(ak.gelu_grad)
silu_slope_max_at, silu_slope_max = argmax(ak.silu_grad)
RESULTS = {
    "leaky_slope": ak.LEAKY_SLOPE,
    "elu_at_minus_8": float(ak.elu(np.array(-8.0))),
    "gelu_min": gelu_min,
    "gelu_min_at": gelu_min_at,
    "silu_min": silu_min,
    "silu_min_at": silu_min_at,
    "gelu_slope_max": gelu_slope_max,
    "gelu_slope_max_at": gelu_slope_max_at,
    "silu_slope_max": silu_slope_max,
    "silu_slope_max_at": silu_slope_max_at,
    "gelu_slope_at_0": float(ak.gelu_grad(np.array(0.0))),
    "silu_slope_at_0": float(ak.silu_grad(np.array(0.0))),
    "gelu_tanh_max_error": float(np.abs(ak.gelu(wide) - ak.gelu_tanh(wide)).max()),
}
print(
    f"GELU dips to {gelu_min:.4f} at z = {gelu_min_at:.3f}; "
    f"SiLU to {silu_min:.4f} at z = {silu_min_at:.3f}"
)
print(
    f"largest slope: GELU {gelu_slope_max:.4f} at z = {gelu_slope_max_at:.3f}, "
    f"SiLU {silu_slope_max:.4f} at z = {silu_slope_max_at:.3f}"
)
print(
    f"tanh-approximated GELU differs from the exact one by at most "
    f"{RESULTS['gelu_tanh_max_error']:.1e}"
)

fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(6.4, 3.6), layout="constrained")
styles = {"relu": "-", "leaky_relu": "--", "elu": "-", "gelu": "-", "silu": "-."}
for name in NAMES:
    f, f_grad = ak.ACTIVATIONS[name]
    style = dict(color=ak.COLOURS[name], ls=styles[name], lw=2)
    ax_f.plot(z, f(z), label=ak.LABELS[name], **style)
    slope = f_grad(z)
    # Break the line at a jump so that no vertical segment is drawn.
    jumps = np.abs(np.diff(slope)) > 0.1
    slope[1:][jumps] = np.nan
    ax_d.plot(z, slope, **style)
ax_f.set(title="activation", xlabel="$z$", ylabel="$f(z)$", ylim=(-1.2, 3))
ax_d.set(title="slope", xlabel="$z$", ylabel="$f'(z)$", ylim=(-0.2, 1.25))
ax_d.axhline(1, color="0.6", lw=0.8, ls=":")
ax_f.legend(fontsize="small", loc="upper left")
for ax in (ax_f, ax_d):
    ax.grid(alpha=0.3)
