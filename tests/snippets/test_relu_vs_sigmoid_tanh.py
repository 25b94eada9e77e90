"""The claims of docs/relu-vs-sigmoid-tanh.md, checked on the snippets' RESULTS."""

import math


def test_slopes(snippet):
    r = snippet("relu-vs-sigmoid-tanh/derivatives").results
    # sigma' = sigma (1 - sigma) peaks at z = 0 with 1/4.
    assert math.isclose(r["sigmoid_slope_max"], 0.25, rel_tol=1e-9)
    # tanh' = 1 - tanh^2 reaches 1 only at 0 and is small by |z| = 2.
    assert math.isclose(r["tanh_slope_max"], 1.0, rel_tol=1e-12)
    assert r["tanh_slope_argmax"] == 0.0
    assert 0.05 < r["tanh_slope_at_2"] < 0.1
    # ReLU's slope is exactly 1 wherever the unit is on.
    assert r["relu_slope_on_min"] == 1.0
    assert r["relu_slope_on_max"] == 1.0
    # Ten sigmoid factors: at most 0.25^10, about 9.5e-7.
    assert r["n_layers"] == 10
    assert math.isclose(r["sigmoid_bound_n_layers"], 0.25**10, rel_tol=1e-9)


def test_vanishing_gradients_with_recommended_initialisation(snippet):
    r = snippet("relu-vs-sigmoid-tanh/vanishing-gradients").results
    assert r["n_layers"] == 20
    # ReLU with He: the gradient keeps its size through 20 layers.
    assert 0.5 < r["relu_he_ratio"] < 2
    # tanh with Glorot: shrinks a few times, far less than sigmoid.
    assert 1.5 < r["tanh_glorot_ratio"] < 100
    # sigmoid with Glorot: more than a million times smaller at layer 1.
    assert r["sigmoid_glorot_ratio"] > 1e9
    assert r["relu_he_ratio"] < r["tanh_glorot_ratio"] < r["sigmoid_glorot_ratio"]


def test_vanishing_gradients_with_naive_initialisation(snippet):
    r = snippet("relu-vs-sigmoid-tanh/vanishing-gradients").results
    # With std 0.01 at width 128 the gradient vanishes for all three.
    for name in ("relu", "tanh", "sigmoid"):
        assert r[f"{name}_naive_ratio"] > 1e12, name


def test_training_speed_ordering(snippet):
    r = snippet("relu-vs-sigmoid-tanh/training-speed").results
    assert r["target_loss"] == 0.1
    # Every activation reached the target (finite steps) with a tuned rate.
    for name in ("relu", "tanh", "sigmoid"):
        assert math.isfinite(r[f"{name}_steps"]), name
        assert r[f"{name}_lr"] in (0.03, 0.1, 0.3, 1.0, 3.0)
    # The claim: ReLU first, then tanh, then sigmoid.
    assert r["relu_steps"] < r["tanh_steps"] < r["sigmoid_steps"]
    assert r["tanh_over_relu"] > 1.5
    assert r["sigmoid_over_relu"] > r["tanh_over_relu"]
    assert math.isclose(r["tanh_over_relu"], r["tanh_steps"] / r["relu_steps"])
    assert math.isclose(r["sigmoid_over_relu"], r["sigmoid_steps"] / r["relu_steps"])


def test_activation_scale_through_depth(snippet):
    r = snippet("relu-vs-sigmoid-tanh/activation-scale").results
    assert r["n_layers"] == 50
    assert 0.9 < r["rms_input"] < 1.1
    # He keeps the size near 1; 3/n grows it into the thousands.
    assert 0.3 < r["rms_he"] < 3
    assert r["rms_var3"] > 1e3
    # 1/n halves the variance per layer: about 2^-25 after 50 layers.
    assert 1e-10 < r["rms_var1"] < 1e-6
    # std 0.01 vanishes far faster; normalising each layer holds it at 1.
    assert r["rms_std001"] < 1e-30
    assert math.isclose(r["rms_normalised"], 1.0, rel_tol=1e-9)


def test_cost_orderings(snippet):
    # Measures time: only orderings are asserted, never a duration.
    r = snippet("relu-vs-sigmoid-tanh/cost").results
    assert r["fastest_activation"] == "relu"
    for name in ("sigmoid", "tanh", "gelu"):
        assert r["relu_ns"] < r[f"{name}_ns"], name
    # The layer's matrix multiply is slower than every activation.
    for name in ("relu", "sigmoid", "tanh", "gelu"):
        assert r["matmul_ns"] > r[f"{name}_ns"], name
    assert r["matmul_over_slowest_activation"] > 1
    assert r["matmul_over_relu"] > r["matmul_over_slowest_activation"]
    # Shares of a layer's time: the activation is the smaller part.
    assert 0 < r["relu_share_of_layer"] < r["tanh_share_of_layer"] < 0.5
