"""The claims of docs/modern-activations.md, checked on the snippets' RESULTS."""

import math


def test_family_minima(snippet):
    r = snippet("modern-activations/family").results
    # GELU dips to about -0.17 near z = -0.75, SiLU to about -0.28 near -1.28.
    assert -0.175 < r["gelu_min"] < -0.165
    assert -0.8 < r["gelu_min_at"] < -0.7
    assert -0.285 < r["silu_min"] < -0.275
    assert -1.33 < r["silu_min_at"] < -1.23
    # ELU levels off at -1 without reaching it.
    assert -1 < r["elu_at_minus_8"] < -0.999


def test_family_slopes(snippet):
    r = snippet("modern-activations/family").results
    assert r["leaky_slope"] == 0.01
    # Smooth gates: slope 1/2 at 0, then an overshoot above 1.
    assert math.isclose(r["gelu_slope_at_0"], 0.5, abs_tol=1e-12)
    assert math.isclose(r["silu_slope_at_0"], 0.5, abs_tol=1e-12)
    assert 1.1 < r["gelu_slope_max"] < 1.15
    assert 1.05 < r["silu_slope_max"] < 1.12
    assert r["gelu_slope_max_at"] > 0
    assert r["silu_slope_max_at"] > 0


def test_gelu_tanh_approximation(snippet):
    r = snippet("modern-activations/family").results
    assert 0 < r["gelu_tanh_max_error"] < 1e-3


def test_relu_zeros_can_be_skipped(snippet):
    r = snippet("modern-activations/sparsity").results
    # About half exactly zero at initialisation, and skipping them is exact
    # up to rounding.
    assert 0.4 < r["relu_zero_share"] < 0.6
    assert r["relu_skip_max_rel_error"] < 1e-12


def test_gelu_has_no_exact_zeros(snippet):
    r = snippet("modern-activations/sparsity").results
    assert r["gelu_zero_share"] == 0.0
    # Dropping as many small GELU outputs changes the output by per cents.
    assert 0.01 < r["gelu_drop_rel_error"] < 0.2
