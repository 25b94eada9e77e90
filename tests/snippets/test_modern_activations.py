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


def test_skipping_zeros_is_exact_to_the_stated_bound(snippet):
    r = snippet("modern-activations/sparsity").results
    assert r["relu_skip_max_rel_error"] < r["skip_bound"] <= 1e-12


def test_only_relu_has_exact_zeros(snippet):
    r = snippet("modern-activations/variants").results
    assert r["n_samples"] >= 10_000
    assert 0.49 < r["relu_zero_share"] < 0.51
    for name in ("leaky_relu", "prelu", "elu", "gelu", "silu"):
        assert r[f"{name}_zero_share"] == 0.0, name


def test_elu_brings_the_mean_closest_to_zero(snippet):
    r = snippet("modern-activations/variants").results
    # E[relu(z)] = 1/sqrt(2 pi) for z ~ N(0, 1).
    assert math.isclose(r["relu_mean"], 1 / math.sqrt(2 * math.pi), abs_tol=1e-6)
    means = {
        n: r[f"{n}_mean"]
        for n in ("relu", "leaky_relu", "prelu", "elu", "gelu", "silu")
    }
    assert min(means, key=means.get) == "elu"
    # Gaps of at least 0.04 between ELU and the next: no rounding can flip it.
    assert sorted(means.values())[1] - means["elu"] > 0.04


def test_initialisation_gains(snippet):
    r = snippet("modern-activations/variants").results
    # He et al.: 2 for ReLU, 2 / (1 + a^2) for a leaky slope a.
    assert math.isclose(r["relu_gain"], 2.0, rel_tol=1e-6)
    a = r["prelu_init"]
    assert math.isclose(r["prelu_gain"], 2 / (1 + a**2), rel_tol=1e-6)
    s = r["leaky_slope"]
    assert math.isclose(r["leaky_relu_gain"], 2 / (1 + s**2), rel_tol=1e-6)
    # The smooth ones need more than 2, ELU less.
    assert r["gelu_gain"] > 2.2 and r["silu_gain"] > 2.5 and r["elu_gain"] < 1.7


def test_negative_side_slopes(snippet):
    r = snippet("modern-activations/variants").results
    assert r["relu_slope_at_minus_3"] == 0.0
    assert r["leaky_relu_slope_at_minus_3"] == r["leaky_slope"]
    assert math.isclose(r["elu_slope_at_minus_3"], math.exp(-3), rel_tol=1e-12)
    # Past their dip GELU and SiLU decrease: a negative slope.
    assert -0.02 < r["gelu_slope_at_minus_3"] < 0
    assert -0.1 < r["silu_slope_at_minus_3"] < -0.05


def test_relu_output_cannot_learn_when_off(snippet):
    r = snippet("modern-activations/output-layer").results
    assert r["relu_grad_negative_z"] == 0.0
    assert 0.45 < r["relu_output_dead_share"] < 0.55
    # A negative target is out of reach by at least its size.
    assert r["relu_min_error_negative_target"] == -r["negative_target"] > 0


def test_sigmoid_wants_cross_entropy(snippet):
    r = snippet("modern-activations/output-layer").results
    # Confidently wrong: cross-entropy pushes with almost full force,
    # squared error with a hundredth of it.
    assert -1 < r["sigmoid_xent_grad_wrong"] < -0.99
    assert -0.01 < r["sigmoid_mse_grad_wrong"] < 0
    assert r["sigmoid_xent_grad_wrong"] < 100 * r["sigmoid_mse_grad_wrong"]


def test_normalisation_is_nonlinear(snippet):
    r = snippet("modern-activations/output-layer").results
    assert r["rms_scale_gap"] < 1e-12
    assert r["softmax_sum_gap"] < 1e-12
