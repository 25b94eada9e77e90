"""Claims of docs/is-relu-wasteful.md, checked on the snippets' results."""

PAGE = "is-relu-wasteful"


def test_zero_region_is_a_half_plane_and_layer_covers_the_plane(snippet):
    r = snippet(f"{PAGE}/learned-half-spaces").results
    # a half-plane through the centre of a centred square: half of it
    assert abs(r["single_zero_fraction"] - 0.5) < 0.01
    assert r["min_active"] >= 1  # no point is zero for every unit
    assert r["max_active"] < r["n_units"]  # and no point sees every unit on


def test_layer_output_determines_the_input(snippet):
    r = snippet(f"{PAGE}/exact-reconstruction").results
    assert 0.4 < r["wide_zero_fraction"] < 0.6
    assert r["input_min"] < -0.5  # negative inputs are recovered too
    assert r["wide_rank"] == r["n_inputs"]
    # the page states the error as a bound, not as digits of rounding noise
    assert r["error_bound"] <= 1e-12
    assert r["wide_max_error"] < r["error_bound"]
    # too few units: fewer equations than unknowns, and the recovery fails
    assert r["narrow_rank"] < r["n_inputs"]
    assert r["narrow_max_error"] > 0.1


def test_sparsity_of_a_trained_network(snippet):
    r = snippet(f"{PAGE}/sparsity-trained").results
    assert r["loss_end"] < r["loss_start"] / 100
    for k in (1, 2, 3):
        assert 0.35 < r[f"init_zeros_{k}"] < 0.65
        assert 0.35 < r[f"trained_zeros_{k}"] < 0.7
    assert 0.4 < r["skippable_fraction"] < 0.7
    assert r["distinct_patterns"] > 0.9 * r["n_inputs"]
    assert r["units_never_on"] < 0.1 * r["n_units"]


def test_noise_is_discarded_only_for_sparse_signals(snippet):
    r = snippet(f"{PAGE}/noise-claim").results
    assert r["sparse_best_ratio"] < 0.3
    assert 1.0 < r["best_threshold_in_noise_units"] < 2.5
    assert r["dense_best_ratio"] > 0.9  # at most a few percent better
    assert r["dense_ratio_at_sparse_best"] > 1.5
    assert r["zeros_between_spikes"] > 0.75
    # an active unit passes its noise unchanged
    assert abs(r["noise_std_on_spikes"] - r["noise_std"]) < 0.05


def test_dead_units_and_the_variants(snippet):
    r = snippet(f"{PAGE}/dead-units").results
    assert r["never_relu_0"] < 0.05  # healthy run
    # learning rate 10x: none dead at the start, many at the end
    assert r["init_relu_1"] == 0 and r["never_relu_1"] > 0.25
    # bias init -1: some units start dead and training kills more
    assert 0 < r["init_relu_2"] < r["never_relu_2"] and r["never_relu_2"] > 0.1
    for setup in (0, 1, 2):
        for act in ("relu", "leaky_relu", "elu", "gelu"):
            # bookkeeping: units back at the end were once dead
            assert 0 <= r[f"back_{act}_{setup}"] <= r[f"ever_{act}_{setup}"]
            assert r[f"back1_{act}_{setup}"] <= r[f"ever1_{act}_{setup}"]
            assert r[f"never_{act}_{setup}"] <= r[f"peak_{act}_{setup}"]
    # ReLU: no unit of the first layer, fed fixed data, ever comes back, and
    # with the large learning rate no unit at all does
    for setup in (0, 1, 2):
        assert r[f"back1_relu_{setup}"] == 0
    assert r["ever_relu_1"] > 10 and r["back_relu_1"] == 0
    # with biases at -1 a few second-layer ReLU units do come back
    assert r["back_relu_2"] > 0 and r["back_relu_2"] < r["ever_relu_2"] / 2
    # the variants keep a gradient: some of their dead units come back, but
    # in these short runs not most of them (Leaky ReLU's slope is 0.01)
    assert r["back_leaky_relu_1"] > 0 or r["back_leaky_relu_2"] > 0
    assert r["back_leaky_relu_1"] < r["ever_leaky_relu_1"] / 2
    assert r["back_leaky_relu_2"] < r["ever_leaky_relu_2"] / 2
    assert r["back_elu_1"] > 0 and r["back_elu_2"] > 0 and r["back_gelu_2"] > 0
    # a larger share comes back with the smooth variants than with Leaky ReLU
    assert r["revived_elu_1"] > r["revived_leaky_relu_1"]
    assert r["revived_elu_2"] > r["revived_leaky_relu_2"]
    assert r["revived_gelu_2"] > r["revived_leaky_relu_2"]
    # the variants end with fewer units negative everywhere than ReLU
    assert (
        r["never_elu_1"] < r["never_relu_1"] and r["never_gelu_1"] < r["never_relu_1"]
    )
    # the dead units do not show in the loss
    assert r["loss_relu_1"] < 0.01


def test_relu_and_dropout_masks_differ(snippet):
    r = snippet(f"{PAGE}/dropout-vs-relu-masks").results
    assert r["relu_repeat_agreement"] == 1.0
    assert 0.45 < r["dropout_repeat_agreement"] < 0.55
    assert r["relu_nudge_agreement"] > 0.95
    assert 0.45 < r["dropout_nudge_agreement"] < 0.55
    assert r["relu_onrate_spread"] > 3 * r["dropout_onrate_spread"]
    assert 0.4 < r["relu_on_fraction"] < 0.6 and 0.45 < r["dropout_on_fraction"] < 0.55
    assert r["dropout_train_scale"] == 2.0
