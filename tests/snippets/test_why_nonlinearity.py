"""The claims of docs/why-nonlinearity.md, checked on the snippets' RESULTS."""

import math


def test_deep_linear_collapse(snippet):
    r = snippet("why-nonlinearity/deep-linear-collapse").results
    assert r["n_layers"] >= 2
    assert r["n_inputs"] >= 100
    # Equal up to rounding: a few units in the last place of the largest output.
    # The page states the bounds, which hold on every machine.
    assert r["rounding_bound"] == 1e-14
    assert r["max_abs_difference"] < r["rounding_bound"]
    assert r["max_rel_difference"] < r["rounding_bound"]
    assert r["max_ulps"] <= r["ulp_bound"] == 16
    # The collapsed map is one matrix from the input size to the output size.
    assert r["collapsed_shape"] == [1, 3]
    # Affine, not linear: the output at x = 0 is the collapsed bias, and it is not 0.
    assert math.isclose(r["output_at_zero"], r["collapsed_bias"], rel_tol=1e-12)
    assert abs(r["collapsed_bias"]) > 0.1
    # Along a straight path the output is a straight line, again up to rounding.
    assert r["path_bend"] < r["rounding_bound"]
    # The page says the two agree to the last bit on some inputs, not on all.
    assert 0 < r["n_exact_zeros"] < r["n_inputs"]


def test_xor_best_affine_model_is_flat(snippet):
    r = snippet("why-nonlinearity/xor-linear-vs-relu").results
    assert r["linear_max_abs_w"] < r["rounding_bound"] == 1e-15
    assert all(abs(w) < 1e-12 for w in r["linear_w"])
    assert abs(r["linear_b"] - 0.5) < 1e-12
    assert r["linear_max_dev_from_half"] < 1e-12
    assert all(abs(p - 0.5) < 1e-12 for p in r["linear_predictions"])
    assert abs(r["linear_mse"] - 0.25) < 1e-12


def test_xor_two_relu_units_are_exact(snippet):
    r = snippet("why-nonlinearity/xor-linear-vs-relu").results
    assert r["relu_predictions"] == [0.0, 1.0, 1.0, 0.0]
    assert r["relu_exact"] is True
    assert r["relu_mse"] == 0.0


def test_xor_hidden_space(snippet):
    r = snippet("why-nonlinearity/xor-hidden-space").results
    assert r["pre_activations"] == [[0.0, -1.0], [1.0, 0.0], [1.0, 0.0], [2.0, 1.0]]
    assert r["hidden"] == [[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [2.0, 1.0]]
    # Before the ReLU the points lie on a line and no affine read-out helps.
    assert r["pre_rank"] == 1
    assert abs(r["pre_best_mse"] - 0.25) < 1e-12
    # After it they span the plane and an affine read-out is exact.
    assert r["post_rank"] == 2
    assert r["post_best_mse"] < r["rounding_bound"] == 1e-20
    assert r["readout"] == [0.0, 1.0, 1.0, 0.0]


def test_kink_and_bump_need_relu(snippet):
    r = snippet("why-nonlinearity/kink-bump-step").results
    # The best line is far off: about 1 for |x| on [-2, 2], 0.75 for the bump.
    assert 0.99 < r["kink_line_max"] < 1.01
    assert 0.74 < r["bump_line_max"] < 0.76
    # Two and three ReLU units are exact, up to rounding.
    assert r["kink_units"] == 2 and r["bump_units"] == 3
    assert r["kink_relu_max"] < 1e-12
    assert r["bump_relu_max"] < 1e-12


def test_step_is_approached_not_reached(snippet):
    r = snippet("why-nonlinearity/kink-bump-step").results
    assert r["step_units"] == 2
    assert 0.24 < r["step_line_rms"] < 0.26
    # Continuous functions stay 1/2 away from a jump somewhere, ReLU nets too ...
    assert r["step_relu_max"] >= 0.5 - 1e-12
    assert r["step_line_max"] > 0.45
    # ... but the ramp's RMS error is small and shrinks as the ramp steepens.
    assert r["step_relu_rms"] < 0.05
    assert r["step_relu_rms"] < r["step_line_rms"] / 5
    by_width = r["step_relu_rms_by_width"]
    assert r["ramp_widths"] == sorted(r["ramp_widths"], reverse=True)
    assert all(a > b for a, b in zip(by_width, by_width[1:]))
    assert r["steepest_ramp_width"] == min(r["ramp_widths"])
    assert r["steepest_ramp_rms"] == by_width[-1]


def test_polynomial_activations_hit_a_floor(snippet):
    r = snippet("why-nonlinearity/polynomial-activation").results
    widths = r["widths"]
    quad, cubic = r["best_quadratic_rms"], r["best_cubic_rms"]
    assert cubic < quad
    for n, sq, cu in zip(widths, r["square_rms"], r["cube_rms"]):
        # Never better than the best polynomial of the same degree ...
        assert sq >= quad * (1 - 1e-9)
        assert cu >= cubic * (1 - 1e-9)
        # ... and, with enough units to span those polynomials, exactly as good.
        # (two generic units plus the output bias span the quadratics, three
        # span the cubics; the page says "from two / three units on").
        if n >= 2:
            assert math.isclose(sq, quad, rel_tol=1e-6)
        if n >= 3:
            assert math.isclose(cu, cubic, rel_tol=1e-6)


def test_relu_goes_below_the_polynomial_floor(snippet):
    r = snippet("why-nonlinearity/polynomial-activation").results
    relu = r["relu_rms"]
    assert r["relu_rms_at_max"] == relu[-1]
    assert r["max_width"] == r["widths"][-1]
    assert relu[-1] < r["best_cubic_rms"] / 10
    assert relu[-1] < relu[0] / 100
    # over every draw of the random units, far below the cubic floor
    assert r["n_draws"] == 8
    lo, hi = r["relu_spread_at_max"]
    assert lo <= relu[-1] <= hi
    assert r["best_cubic_rms"] / hi > 50
    assert 50 < r["floor_over_relu_min"] <= r["floor_over_relu_median"]
    assert r["floor_over_relu_median"] <= r["floor_over_relu_max"]
    # the page's numbers are the rounded ratios of these errors
    assert math.isclose(
        r["floor_over_relu_min"], r["best_cubic_rms"] / hi, rel_tol=0.05
    )
    assert math.isclose(
        r["floor_over_relu_max"], r["best_cubic_rms"] / lo, rel_tol=0.05
    )


def test_output_nonlinearity_leaves_a_straight_boundary(snippet):
    r = snippet("why-nonlinearity/output-nonlinearity").results
    assert r["newton_converged"]
    n, inside = r["n_points"], r["n_inside"]
    # a straight cut does worse than calling every point "outside" here ...
    assert r["correct_sigmoid_only"] < n - inside
    # ... while a ReLU hidden layer under the same output nearly gets them all
    assert r["correct_relu_hidden"] > 0.97 * n
    # XOR: the cross-entropy's minimum is w = 0, b = 0 (probability 1/2) ...
    assert r["xor_theta_max_abs"] < r["xor_theta_bound"] == 1e-12
    # ... and no line classifies more than 3 of the 4 points
    assert r["xor_best_line_correct"] == 3
