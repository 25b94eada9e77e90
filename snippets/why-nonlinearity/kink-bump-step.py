"""A kink, a bump and a threshold: what a straight line cannot draw.

Claim: on [-2, 2] the best straight line misses |x| by up to 1 and a unit
bump by up to 0.75, and has a root-mean-square error of 0.25 against a step;
two or three ReLU units draw |x| and the bump exactly, and a two-unit ramp of
width 0.1 cuts the step's root-mean-square error to under 0.05, shrinking
further as the ramp is made steeper.
Alt: three panels side by side over x from -2 to 2. In each, the target is a
thick grey curve, the best straight line is dashed and the ReLU network is a
thin solid line. Left, the V shape |x|: the best line is flat at 1; the ReLU
line lies on the V. Middle, a triangular bump of height 1 on [-1, 1]: the best
line is flat at 0.25; the ReLU line lies on the bump. Right, a step from 0 to
1 at x = 0: the best line is a gentle slope through it; the ReLU line is a
steep ramp from 0 to 1 between -0.05 and 0.05.
"""

import matplotlib.pyplot as plt
import numpy as np

N_POINTS = 801  # an odd count puts a grid point exactly at x = 0
RAMP_WIDTH = 0.1  # how wide the ReLU step's ramp is; steeper means bigger weights
RAMP_WIDTHS = [0.4, 0.1, 0.025]  # to show the step's error shrinking

x = np.linspace(-2.0, 2.0, N_POINTS)


def relu(z):
    return np.maximum(z, 0.0)


# --8<-- [start:relu-units]
def relu_abs(x):
    return relu(x) + relu(-x)  # two units


def relu_bump(x):
    return relu(x + 1) - 2 * relu(x) + relu(x - 1)  # three units


def relu_step(x, width=RAMP_WIDTH):
    # Two units: a ramp from 0 to 1 over [-width/2, width/2].
    return relu(x / width + 0.5) - relu(x / width - 0.5)


# --8<-- [end:relu-units]


targets = {
    "kink": ("a kink: |x|", np.abs(x), relu_abs(x), 2),
    "bump": ("a bump", np.maximum(0.0, 1.0 - np.abs(x)), relu_bump(x), 3),
    "step": ("a threshold: step at 0", (x >= 0).astype(float), relu_step(x), 2),
}


def best_line(y):
    """Least-squares straight line a x + b through the samples of y."""
    slope, intercept = np.polyfit(x, y, 1)
    return slope * x + intercept


def errors(approx, y):
    gap = np.abs(approx - y)
    return float(gap.max()), float(np.sqrt(np.mean(gap**2)))


RESULTS = {}
fits = {}
for key, (_, y, y_relu, n_units) in targets.items():
    y_line = best_line(y)
    fits[key] = y_line
    RESULTS[f"{key}_line_max"], RESULTS[f"{key}_line_rms"] = errors(y_line, y)
    RESULTS[f"{key}_relu_max"], RESULTS[f"{key}_relu_rms"] = errors(y_relu, y)
    RESULTS[f"{key}_units"] = n_units
step = targets["step"][1]
RESULTS["ramp_width"] = RAMP_WIDTH
RESULTS["ramp_widths"] = RAMP_WIDTHS
RESULTS["step_relu_rms_by_width"] = [
    errors(relu_step(x, width), step)[1] for width in RAMP_WIDTHS
]
RESULTS["steepest_ramp_width"] = RAMP_WIDTHS[-1]
RESULTS["steepest_ramp_rms"] = RESULTS["step_relu_rms_by_width"][-1]

print("target  units  line max/rms      ReLU max/rms")
for key in targets:
    print(
        f"{key:6}  {RESULTS[key + '_units']}      "
        f"{RESULTS[key + '_line_max']:.3f} / {RESULTS[key + '_line_rms']:.3f}     "
        f"{RESULTS[key + '_relu_max']:.2g} / {RESULTS[key + '_relu_rms']:.2g}"
    )
for width, rms in zip(RAMP_WIDTHS, RESULTS["step_relu_rms_by_width"]):
    print(f"step with ramp width {width}: ReLU rms error {rms:.3f}")

fig, axes = plt.subplots(1, 3, figsize=(7.0, 3.2), layout="constrained", sharey=True)
for ax, (key, (title, y, y_relu, n_units)) in zip(axes, targets.items()):
    ax.plot(x, y, color="#aaaaaa", lw=6, label="target")
    ax.plot(x, fits[key], color="black", ls="--", lw=1.5, label="best straight line")
    ax.plot(x, y_relu, color="#1f77b4", lw=1.5, label="ReLU units")
    ax.set_title(f"{title}\n({n_units} ReLU units)")
    ax.set_xlabel("x")
    ax.set_ylim(-0.4, 2.2)
axes[0].set_ylabel("output")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
