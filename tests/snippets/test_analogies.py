"""The claims of docs/analogies.md, checked on the snippets' RESULTS."""

import math
import re


def test_pattern_map_equals_network(snippet):
    r = snippet("analogies/activation-pattern").results
    # Exact binary fractions: the affine map of the pattern is the network,
    # to the last bit; with unrounded weights, to rounding.
    assert r["max_abs_difference_exact"] == 0.0
    # The page states the unrounded difference as a bound, not as digits.
    assert r["max_abs_difference_float"] < r["float_bound"] <= 1e-12


def test_dataset_uses_few_patterns(snippet):
    r = snippet("analogies/activation-pattern").results
    assert r["n_units"] == 16
    assert r["n_possible_patterns"] == 2**16
    assert r["n_data"] == 1000
    # "A few dozen" of 65,536.
    assert 10 <= r["n_data_patterns"] <= 100
    assert r["n_data_patterns"] <= r["n_grid_patterns"] + 10
    assert r["n_grid_patterns"] < r["n_possible_patterns"] / 100


def test_two_dimensional_input_bounds_the_patterns(snippet):
    r = snippet("analogies/activation-pattern").results
    # 8 lines cut the plane into at most 1 + 8 + 28 = 37 pieces; the second
    # layer's 8 lines cut each again: 37^2 = 1369 regions at most.
    assert r["regions_first_layer_2d"] == 1 + 8 + math.comb(8, 2) == 37
    assert r["region_bound_2d"] == 37**2 == 1369
    # What the page says: the square holds far fewer, the data visit fewer still.
    assert r["n_data_patterns"] <= r["n_grid_patterns"] < r["region_bound_2d"] / 10


def test_inputs_spread_over_patterns_in_higher_dimensions(snippet):
    r = snippet("analogies/activation-pattern").results
    assert r["high_dim"] == 16
    # Hundreds of patterns for 1000 inputs, against a few dozen with 2 inputs.
    assert r["n_hd_patterns"] > 5 * r["n_data_patterns"]
    assert 200 < r["n_hd_patterns"] <= r["n_data"]
    # No unit is within rounding of switching: the count is the same anywhere.
    assert r["hd_min_abs_preactivation"] > 1e-9


def test_generated_program_is_the_network(snippet):
    result = snippet("analogies/branch-tree")
    r = result.results
    assert r["max_abs_difference"] == 0.0
    assert r["n_test_inputs"] > 300
    # A binary tree: one more leaf than tests.
    assert r["n_leaves"] == r["n_tests"] + 1
    assert r["n_units"] == 5
    assert r["n_possible_patterns"] == 32
    assert r["n_leaves"] < r["n_possible_patterns"] / 2
    # The same formula appears in more than one leaf.
    assert r["n_distinct_leaf_formulas"] < r["n_leaves"]
    # The printed program has as many `if`s and `return`s as tests and leaves.
    assert result.stdout.startswith("def program(x):")
    assert len(re.findall(r"^\s*if ", result.stdout, re.M)) == r["n_tests"]
    assert len(re.findall(r"^\s*return ", result.stdout, re.M)) == r["n_leaves"]


def test_relu_switch_has_no_separate_gate(snippet):
    r = snippet("analogies/switch-and-gate").results
    assert r["relu_of_positive"] == r["signal"]
    assert r["relu_of_negative"] == 0.0


def test_other_inputs_add_to_the_relu_sum(snippet):
    r = snippet("analogies/switch-and-gate").results
    s, o = r["signal"], r["other"]
    # Another input can switch a positive signal off...
    assert o > s and r["relu_blocked_by_other"] == 0.0
    # ...but a negative signal comes out shifted by it, not passed as itself.
    assert r["relu_negative_plus_other"] == o - s > 0


def test_gelu_is_the_average_of_input_dependent_masks(snippet):
    r = snippet("analogies/gelu-dropout").results
    assert r["n_masks"] >= 10_000
    assert r["gelu_gap"] < r["bound"] <= 0.05
    # The mask's odds depend on the input: Phi(-1) and Phi(1).
    assert math.isclose(r["keep_at_minus_1"], 0.1587, abs_tol=1e-4)
    assert math.isclose(r["keep_at_minus_1"] + r["keep_at_plus_1"], 1.0)


def test_glu_gate_blocks_and_passes(snippet):
    r = snippet("analogies/switch-and-gate").results
    s = r["signal"]
    # A closed gate blocks a positive signal; an open one passes a negative one.
    assert 0 < r["glu_blocks_positive"] < 0.01 * s
    assert math.isclose(r["glu_passes_negative"], -s, rel_tol=0.01)
    assert 0 < r["glu_gain_min"] < 0.05
    assert 0.95 < r["glu_gain_max"] < 1


def test_swiglu_gain_is_not_a_fraction(snippet):
    r = snippet("analogies/switch-and-gate").results
    assert r["swiglu_gain_at_4"] > 1
    assert -0.3 < r["swiglu_gain_min"] < -0.27
