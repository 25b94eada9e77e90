"""What each ReLU variant keeps, and what it gives up.

Claim: for a standard normal pre-activation, ReLU outputs exactly zero half of
the time and every variant (Leaky ReLU, PReLU, ELU, GELU, SiLU) never does;
ELU brings the mean output closest to zero; each variant needs its own
initialisation gain (He's 2 for ReLU, 2 / (1 + a^2) for a leaky slope a); and
GELU and SiLU, unlike Leaky ReLU and ELU, have a negative slope for negative
inputs past their dip.
Figures: none (a table of numbers; the family figure above draws the curves)
"""

import act_kit as ak
import numpy as np

SEED = 0
N_SAMPLES = 100_000
PRELU_INIT = 0.25  # the initial learned slope of He et al.'s PReLU

# Expectations under z ~ N(0, 1) by quadrature on a fine grid: deterministic,
# and accurate far beyond the three digits the page prints.
grid = np.linspace(-12.0, 12.0, 240_001)
weight = ak.normal_pdf(grid) * (grid[1] - grid[0])


def expect(values):
    return float(np.dot(values, weight))


variants = {
    "relu": ak.relu,
    "leaky_relu": ak.leaky_relu,
    "prelu": lambda z: ak.leaky_relu(z, PRELU_INIT),
    "elu": ak.elu,
    "gelu": ak.gelu,
    "silu": ak.silu,
}
slopes = {
    "relu": ak.relu_grad,
    "leaky_relu": ak.leaky_relu_grad,
    "prelu": lambda z: ak.leaky_relu_grad(z, PRELU_INIT),
    "elu": ak.elu_grad,
    "gelu": ak.gelu_grad,
    "silu": ak.silu_grad,
}

z = np.random.default_rng(SEED).normal(size=N_SAMPLES)
RESULTS = {
    "prelu_init": PRELU_INIT,
    "leaky_slope": ak.LEAKY_SLOPE,
    "n_samples": N_SAMPLES,
}
for name, f in variants.items():
    RESULTS[f"{name}_zero_share"] = float(np.mean(f(z) == 0))
    RESULTS[f"{name}_mean"] = expect(f(grid))
    # The weight-variance gain that keeps E[h^2] = E[z^2] from layer to layer
    # (He et al.'s argument): 1 / E[f(z)^2].
    RESULTS[f"{name}_gain"] = 1.0 / expect(f(grid) ** 2)
    RESULTS[f"{name}_slope_at_minus_3"] = float(slopes[name](np.array(-3.0)))

for name in variants:
    print(
        f"{name:10s} exact zeros {RESULTS[f'{name}_zero_share']:6.1%}  "
        f"mean {RESULTS[f'{name}_mean']:.3f}  gain {RESULTS[f'{name}_gain']:.2f}  "
        f"slope at -3 {RESULTS[f'{name}_slope_at_minus_3']:+.3f}"
    )
