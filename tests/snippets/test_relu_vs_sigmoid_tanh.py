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
    # sigmoid with its fair initialisation (Glorot x 4): thousands of times.
    assert 1e3 < r["sigmoid_glorot4_ratio"] < 1e5
    # and with plain Glorot weights, made for tanh: far worse again.
    assert r["sigmoid_glorot_ratio"] > 1e9
    assert r["sigmoid_glorot_ratio"] > 1e4 * r["sigmoid_glorot4_ratio"]
    assert r["relu_he_ratio"] < r["tanh_glorot_ratio"] < r["sigmoid_glorot4_ratio"]
    # tanh has the same flat tails as the sigmoid and loses far less: the
    # sigmoid's loss at initialisation comes from its slope of 1/4 at 0.
    assert r["sigmoid_glorot4_ratio"] > 100 * r["tanh_glorot_ratio"]


def test_vanishing_gradients_with_naive_initialisation(snippet):
    r = snippet("relu-vs-sigmoid-tanh/vanishing-gradients").results
    # With std 0.01 at width 128 the gradient vanishes for all three.
    for name in ("relu", "tanh", "sigmoid"):
        assert r[f"{name}_naive_ratio"] > 1e12, name


def test_training_speed_over_seeds(snippet):
    r = snippet("relu-vs-sigmoid-tanh/training-speed").results
    assert r["target_loss"] == 0.1
    assert r["n_seeds"] == 7
    for name in ("relu", "tanh", "sigmoid"):
        assert r[f"{name}_lr"] in (0.03, 0.1, 0.3, 1.0, 3.0)
        assert r[f"{name}_steps_min"] <= r[f"{name}_steps_median"]
        assert r[f"{name}_steps_max_reached"] <= r["max_steps"]
    # ReLU and tanh reach the target on every seed; the sigmoid on most
    # (its median is finite), and the page says how many it missed.
    assert r["relu_n_not_reached"] == 0 and r["tanh_n_not_reached"] == 0
    assert 0 <= r["sigmoid_n_not_reached"] < r["n_seeds"] // 2 + 1
    assert math.isfinite(r["sigmoid_steps_median"])
    # The claim, seed by seed: ReLU first, then tanh, then sigmoid.
    assert r["relu_first_every_seed"] and r["tanh_before_sigmoid_every_seed"]
    assert r["relu_steps_median"] < r["tanh_steps_median"] < r["sigmoid_steps_median"]
    assert 1 < r["tanh_over_relu_min"] <= r["tanh_over_relu_median"]
    assert r["tanh_over_relu_median"] <= r["tanh_over_relu_max_reached"]
    assert r["sigmoid_over_relu_median"] > 5 * r["tanh_over_relu_median"]
    assert r["sigmoid_over_relu_min"] > r["tanh_over_relu_max_reached"]


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


def test_cost_bookkeeping(snippet):
    # Measures time: no duration and no order of durations is asserted
    # (another machine can flip any of them); only how they are summarised.
    r = snippet("relu-vs-sigmoid-tanh/cost").results
    assert r["batch"] == 256 and r["width"] == 2048 and r["repeats"] >= 5
    names = ("relu", "sigmoid", "tanh", "gelu")
    for name in (*names, "matmul"):
        assert 0 < r[f"{name}_ns_min"] <= r[f"{name}_ns"] <= r[f"{name}_ns_max"], name
    for name in names:
        share = r[f"{name}_ns"] / (r["matmul_ns"] + r[f"{name}_ns"])
        assert math.isclose(r[f"{name}_share_of_layer"], share), name
    assert r["largest_activation_share"] == max(r[f"{n}_share_of_layer"] for n in names)
    assert math.isclose(r["relu_over_tanh"], r["relu_ns"] / r["tanh_ns"])


PORTABLE_CHECK = """
import hashlib
import numpy as np
import portable
rng = np.random.default_rng(7)  # uniform draws only: they call no maths library
digest = hashlib.sha256()
for shape_a, shape_b in ((3, 128, 16), (3, 16, 16)), ((3, 16, 128), (3, 128, 1)), ((2, 5, 1), (2, 1, 3)):
    a = rng.uniform(-3, 3, size=shape_a)
    out = portable.matmul(a, rng.uniform(-3, 3, size=shape_b))
    digest.update(out.tobytes())
x = rng.uniform(-745, 709, 100_000)
t = rng.uniform(-20, 20, 100_000)
for out in portable.exp(x), portable.sigmoid(t), portable.tanh(t), portable.sin(t), portable.cos(t):
    digest.update(out.tobytes())
print(digest.hexdigest())
"""


def _portable():
    import sys
    from pathlib import Path

    lib = Path(__file__).parents[2] / "snippets" / "_lib"
    sys.path.insert(0, str(lib))
    try:
        import portable
    finally:
        sys.path.remove(str(lib))
    return portable, lib


def test_portable_matmul_adds_in_one_order():
    """training-speed's products (snippets/_lib/portable.py): each sum is the
    products added one after the other, each rounded on its own."""
    import numpy as np

    portable, _ = _portable()
    rng = np.random.default_rng(0)
    for runs, n, m, k in ((2, 128, 16, 16), (2, 16, 128, 1), (3, 7, 1, 5)):
        a, b = rng.normal(size=(runs, n, m)), rng.normal(size=(runs, m, k))
        expected = np.zeros((runs, n, k))
        for j in range(m):  # term by term, in order
            expected = expected + a[:, :, j : j + 1] * b[:, j : j + 1, :]
        assert np.array_equal(portable.matmul(a, b), expected)
        assert np.allclose(expected, a @ b)


def test_portable_maths_is_accurate():
    """exp within 2.5 ulps of the true value (numpy's long double as the
    reference), sin and cos too away from their zeros, the sigmoid and tanh
    their formulas; the edges of exp's range, and sin and cos's nan beyond
    theirs."""
    import numpy as np

    portable, _ = _portable()
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-708, 709.78, 200_000), rng.normal(0, 3, 100_000)])
    t = rng.uniform(0, 3 * np.pi, 100_000)
    t = t[np.abs(np.sin(2 * t)) > 1e-3]  # away from the zeros of sin and cos
    for ours, theirs, at in (
        (portable.exp, np.exp, x),
        (portable.sin, np.sin, t),
        (portable.cos, np.cos, t),
    ):
        true = theirs(at.astype(np.longdouble))
        ulps = np.abs(ours(at) - true) / np.spacing(np.abs(true.astype(float)))
        assert ulps.max() <= 2.5, (ours.__name__, float(ulps.max()))
    z = rng.normal(0, 10, 100_000)
    assert np.allclose(portable.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15, atol=0)
    assert np.allclose(portable.tanh(z), np.tanh(z), rtol=0, atol=1e-15)
    big = np.array([709.5, 709.78, 709.7827])  # up to the largest float
    assert np.allclose(portable.exp(big), np.exp(big), rtol=3e-16)
    assert list(portable.exp(np.array([709.8, -800.0]))) == [np.inf, 0.0]
    edges = portable.exp(np.array([0.0, np.nan, -745.0]))
    assert edges[0] == 1.0 and np.isnan(edges[1]) and 0 < edges[2] < 1e-323
    beyond = np.array([np.inf, -np.inf, np.nan, 2.0**20, -(2.0**21)])
    assert np.isnan(portable.sin(beyond)).all() and np.isnan(portable.cos(beyond)).all()


def test_portable_arithmetic_is_the_same_on_other_cpus(tmp_path):
    """The same bits when numba compiles for a generic x86-64 CPU (no AVX,
    no fused multiply-add) and when glibc's maths runs its SSE2 builds, as
    when compiled and run for this CPU."""
    import os
    import subprocess
    import sys

    _, lib = _portable()
    digests = set()
    for name, extra in (
        ("host", {}),
        ("generic", {"NUMBA_CPU_NAME": "generic"}),
        ("libm-sse2", {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA,-AVX"}),
    ):
        env = {
            **os.environ,
            **extra,
            "PYTHONPATH": str(lib),
            "NUMBA_CACHE_DIR": str(tmp_path / name),
        }
        proc = subprocess.run(
            [sys.executable, "-c", PORTABLE_CHECK],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        digests.add(proc.stdout.strip())
    assert len(digests) == 1, digests
