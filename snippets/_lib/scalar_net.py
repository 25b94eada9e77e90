"""Full-batch Adam for a one-hidden-layer ReLU network with scalar input and
output, computed the same way on every machine.

relu_kit.train does the same job with matrix products, whose sums a BLAS
library may add up in a different order on another CPU; after thousands of
steps that last-bit difference grows into visibly different kinks. Here there
is no matrix product: only elementwise arithmetic (exactly rounded
everywhere) and numpy's own reductions along an axis, whose order does not
depend on the BLAS library; the results are bit-identical under every
emulated machine of ``python -m site_src.engine.machines``. The optimiser is the
same Adam as relu_kit's (beta1 0.9, beta2 0.999, eps 1e-8).

Parameters: w, b (input weight and bias of each unit), a (output weights),
c (output bias). The network is f(x) = c + sum_j a_j relu(w_j x + b_j), and
unit j's kink sits at x = -b_j / w_j.
"""

import numpy as np


def from_relu_kit(net):
    """(w, b, a, c) from a relu_kit network of sizes [1, n, 1]."""
    (w1, b1), (w2, b2) = net
    return (
        np.ascontiguousarray(w1[0], dtype=float),
        np.array(b1, dtype=float),
        np.ascontiguousarray(w2[:, 0], dtype=float),
        float(b2[0]),
    )


def _colsum(m):
    """Sum over the first axis, with numpy's reduction (no BLAS)."""
    return np.add.reduce(m, axis=0)


def forward(params, x):
    """Outputs for a 1-D array x, and the hidden pre-activations (len(x), n)."""
    w, b, a, c = params
    z = x[:, None] * w + b
    h = np.maximum(z, 0.0)
    out = np.add.reduce((h * a).T, axis=0) + c
    return out, z


def loss_and_grads(params, x, y):
    w, b, a, c = params
    out, z = forward(params, x)
    err = out - y
    loss = float(_colsum((err * err)[:, None])[0] / len(x))
    delta = 2.0 * err / len(x)
    h = np.maximum(z, 0.0)
    ga = _colsum(delta[:, None] * h)
    gc = float(_colsum(delta[:, None])[0])
    dz = (delta[:, None] * a) * (z > 0)
    gw = _colsum(dz * x[:, None])
    gb = _colsum(dz)
    return loss, (gw, gb, ga, gc)


def train(params, x, y, steps, lr, every=0, on_snapshot=None):
    """Adam for ``steps`` steps; returns the final parameters and the losses.

    With ``every`` > 0, ``on_snapshot(step, params, loss)`` is called before
    the first step and every ``every`` steps after it.
    """
    params = [np.array(p, dtype=float) for p in params]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    losses = []
    for step in range(steps + 1):
        loss, grads = loss_and_grads(tuple(params[:3]) + (float(params[3]),), x, y)
        losses.append(loss)
        if every and on_snapshot is not None and step % every == 0:
            on_snapshot(step, tuple(params[:3]) + (float(params[3]),), loss)
        if step == steps:
            break
        c1, c2 = 1 - 0.9 ** (step + 1), 1 - 0.999 ** (step + 1)
        for i, g in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] = params[i] - lr * (m[i] / c1) / (np.sqrt(v[i] / c2) + 1e-8)
    return tuple(params[:3]) + (float(params[3]),), np.array(losses)


def train_runs(starts, x, y, steps, lr):
    """``train`` for several networks at once, one per start in ``starts``.

    Every array carries a leading axis over the runs, and every run gets
    exactly the arithmetic ``train`` would give it alone: the same
    elementwise operations, and each sum taken along the same kind of axis,
    so in the same order (the gradients' sums over the data points one
    point after another; the loss's and ``gc``'s sums over the points, and
    the sums over the units, by numpy's pairwise sum). So each run's results
    are bit-identical to its own ``train``. Only the Python overhead of a step is shared, which is
    most of a step's cost for networks this small. Returns a list of
    (params, losses), one per start, as ``train`` returns them.
    """
    w, b, a = (np.array([s[i] for s in starts], dtype=float) for i in range(3))
    c = np.array([float(s[3]) for s in starts])
    params = [w, b, a, c]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    n = len(x)
    xs = x[None, :, None]
    losses = []
    for step in range(steps + 1):
        w, b, a, c = params
        z = xs * w[:, None, :] + b[:, None, :]  # (runs, points, units)
        h = np.maximum(z, 0.0)
        out = np.add.reduce(h * a[:, None, :], axis=2) + c[:, None]
        err = out - y
        losses.append(np.add.reduce(err * err, axis=1) / n)
        if step == steps:
            break
        delta = 2.0 * err / n
        ga = np.add.reduce(delta[:, :, None] * h, axis=1)
        gc = np.add.reduce(delta, axis=1)
        dz = (delta[:, :, None] * a[:, None, :]) * (z > 0)
        gw = np.add.reduce(dz * xs, axis=1)
        gb = np.add.reduce(dz, axis=1)
        c1, c2 = 1 - 0.9 ** (step + 1), 1 - 0.999 ** (step + 1)
        for i, g in enumerate((gw, gb, ga, gc)):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            params[i] = params[i] - lr * (m[i] / c1) / (np.sqrt(v[i] / c2) + 1e-8)
    losses = np.array(losses)  # (steps + 1, runs)
    w, b, a, c = params
    return [((w[r], b[r], a[r], float(c[r])), losses[:, r]) for r in range(len(starts))]
