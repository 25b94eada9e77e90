"""Small, seeded numpy tools shared by the ReLU snippets.

A fully connected network with hand-written backpropagation, a few activation
functions with their derivatives, and exact bookkeeping of the linear pieces of
a ReLU network. Nothing here draws, reads files or uses the clock.

A network is a list of layers ``(W, b)`` with ``W`` of shape (fan_in, fan_out):
a row of inputs ``x`` maps to ``x @ W + b``. Every layer but the last is
followed by the activation; the last one is linear.
"""

import math

import numpy as np

# ---------------------------------------------------------------- activations
LEAKY_SLOPE = 0.01  # the slope common implementations use (Maas et al. 2013)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    return (z > 0).astype(z.dtype)


def _leaky(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _leaky_grad(z):
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def _elu(z):
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))


def _elu_grad(z):
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))


# numpy has no vectorised erf, so GELU uses its tanh form (as GPT-2 does);
# it differs from x * Phi(x) by less than 1e-3 everywhere.
def _gelu(z):
    inner = _SQRT_2_OVER_PI * (z + 0.044715 * z**3)
    return 0.5 * z * (1.0 + np.tanh(inner))


def _gelu_grad(z):
    inner = _SQRT_2_OVER_PI * (z + 0.044715 * z**3)
    t = np.tanh(inner)
    d_inner = _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * z**2)
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t**2) * d_inner


ACTIVATIONS = {
    "relu": (relu, _relu_grad),
    "leaky_relu": (_leaky, _leaky_grad),
    "elu": (_elu, _elu_grad),
    "gelu": (_gelu, _gelu_grad),
}


# ---------------------------------------------------------------- networks
def init_net(sizes, rng, bias=0.0, gain=2.0, out_gain=1.0):
    """He initialisation, Var(w) = gain / fan_in, for the layers that feed a
    ReLU; ``out_gain`` / fan_in for the linear output layer (no ReLU halves
    its input's variance there). Hidden biases are set to ``bias``, the
    output bias to 0."""
    net = []
    pairs = list(zip(sizes[:-1], sizes[1:]))
    for i, (fan_in, fan_out) in enumerate(pairs):
        last = i == len(pairs) - 1
        std = math.sqrt((out_gain if last else gain) / fan_in)
        w = rng.normal(0.0, std, size=(fan_in, fan_out))
        net.append((w, np.full(fan_out, 0.0 if last else float(bias))))
    return net


def forward(net, x, act="relu"):
    """Output and the pre-activations of every hidden layer."""
    f = ACTIVATIONS[act][0]
    pre = []
    h = x
    for w, b in net[:-1]:
        z = h @ w + b
        pre.append(z)
        h = f(z)
    w, b = net[-1]
    return h @ w + b, pre


def hidden_outputs(net, x, act="relu"):
    """The activations (after the nonlinearity) of every hidden layer."""
    f = ACTIVATIONS[act][0]
    return [f(z) for z in forward(net, x, act)[1]]


def mse_grads(net, x, y, act="relu"):
    """Mean squared error and its gradient for every (W, b), by backprop."""
    f, df = ACTIVATIONS[act]
    out, pre = forward(net, x, act)
    n = x.shape[0]
    loss = float(np.mean((out - y) ** 2))
    delta = 2.0 * (out - y) / (n * out.shape[1])
    inputs = [x] + [f(z) for z in pre]
    grads = [None] * len(net)
    for i in range(len(net) - 1, -1, -1):
        w, _ = net[i]
        grads[i] = (inputs[i].T @ delta, delta.sum(axis=0))
        if i > 0:
            delta = (delta @ w.T) * df(pre[i - 1])
    return loss, grads


def train(
    net, x, y, steps, lr, act="relu", optimizer="adam", every=0, on_snapshot=None
):
    """Full-batch training; returns the loss curve.

    ``optimizer`` is "adam" (beta1 0.9, beta2 0.999) or "sgd" (plain gradient
    descent). With ``every`` > 0, ``on_snapshot(step, net, loss)`` is called
    before the first step and every ``every`` steps after it.
    """
    net = [(w.copy(), b.copy()) for w, b in net]
    m = [(np.zeros_like(w), np.zeros_like(b)) for w, b in net]
    v = [(np.zeros_like(w), np.zeros_like(b)) for w, b in net]
    losses = []
    for step in range(steps + 1):
        loss, grads = mse_grads(net, x, y, act)
        losses.append(loss)
        if every and on_snapshot is not None and step % every == 0:
            on_snapshot(step, net, loss)
        if step == steps:
            break
        for i, ((w, b), (gw, gb)) in enumerate(zip(net, grads)):
            if optimizer == "sgd":
                net[i] = (w - lr * gw, b - lr * gb)
                continue
            mw, mb = m[i]
            vw, vb = v[i]
            mw, mb = 0.9 * mw + 0.1 * gw, 0.9 * mb + 0.1 * gb
            vw, vb = 0.999 * vw + 0.001 * gw**2, 0.999 * vb + 0.001 * gb**2
            m[i], v[i] = (mw, mb), (vw, vb)
            c1, c2 = 1 - 0.9 ** (step + 1), 1 - 0.999 ** (step + 1)
            net[i] = (
                w - lr * (mw / c1) / (np.sqrt(vw / c2) + 1e-8),
                b - lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8),
            )
    return net, np.array(losses)


# ---------------------------------------------------------------- 1-D geometry
def hinge_sum(x, knots, coefs, intercept=0.0):
    """intercept + sum_i coefs[i] * relu(x - knots[i])."""
    x = np.asarray(x, dtype=float)
    return intercept + relu(x[..., None] - np.asarray(knots)) @ np.asarray(coefs)


def interpolant_units(f, knots):
    """Hinge coefficients of the piecewise-linear interpolant of f at knots.

    Returns (intercept, slope, coefs) such that on [knots[0], knots[-1]]
    intercept + slope * (x - knots[0]) + hinge_sum(x, knots[1:-1], coefs)
    passes through every (knot, f(knot)). The first slope needs one unit (or a
    pair, for negative x) and every interior knot one more.
    """
    knots = np.asarray(knots, dtype=float)
    values = f(knots)
    slopes = np.diff(values) / np.diff(knots)
    return values[0], slopes[0], np.diff(slopes)


def breakpoints_1d(net, lo, hi, tol=1e-12):
    """Exact breakpoints of a scalar-input ReLU network's output on [lo, hi].

    Follows the network layer by layer: inside an interval where every earlier
    unit keeps its on/off state, each pre-activation is affine in x, so it
    crosses zero at most once, at a point solved for exactly. Breakpoints at
    which the output's slope does not change are dropped, so the number of
    pieces is the number of maximal intervals on which the output is affine.
    Returns the sorted breakpoints, ``lo`` and ``hi`` included.
    """
    cuts = np.array([lo, hi], dtype=float)
    for i, (w, b) in enumerate(net[:-1]):
        a, c = _affine_on(net, 0.5 * (cuts[:-1] + cuts[1:]), upto=i)
        za, zc = a @ w, c @ w + b  # each unit's pre-activation, per interval
        new_cuts = []
        for k in range(len(cuts) - 1):
            with np.errstate(divide="ignore", invalid="ignore"):
                roots = -zc[k] / za[k]
            inside = (np.abs(za[k]) > tol) & (roots > cuts[k]) & (roots < cuts[k + 1])
            new_cuts.extend(roots[inside])
        cuts = np.unique(np.concatenate([cuts, new_cuts]))
    a, _ = _affine_on(net, 0.5 * (cuts[:-1] + cuts[1:]), upto=len(net) - 1)
    slope = (a @ net[-1][0])[:, 0]
    change = np.abs(np.diff(slope)) > tol * (1.0 + np.abs(slope[1:]))
    return np.concatenate([[cuts[0]], cuts[1:-1][change], [cuts[-1]]])


def _affine_on(net, points, upto):
    """Slope and offset, in x, of the activations after ``upto`` hidden layers."""
    x = np.asarray(points, dtype=float)[:, None]
    a = np.ones_like(x)
    c = np.zeros_like(x)
    h = x
    for w, b in net[:upto]:
        z = h @ w + b
        on = (z > 0).astype(float)
        a = (a @ w) * on
        c = (c @ w + b) * on
        h = relu(z)
    return a, c


def count_pieces_1d(net, lo, hi):
    return len(breakpoints_1d(net, lo, hi)) - 1


def tent_net(k):
    """k compositions of the tent map t(x) = 2 relu(x) - 4 relu(x - 1/2).

    Two ReLUs per layer; on [0, 1] the output is a sawtooth with 2**k pieces.
    """
    first = (np.array([[1.0, 1.0]]), np.array([0.0, -0.5]))
    combine = np.array([[2.0], [-4.0]])
    net = [first]
    for _ in range(k - 1):
        # the next layer reads the tent value 2 h1 - 4 h2 and splits it again
        net.append((combine @ np.array([[1.0, 1.0]]), np.array([0.0, -0.5])))
    net.append((combine, np.zeros(1)))
    return net


# ---------------------------------------------------------------- 2-D geometry
def activation_codes(net, x):
    """One integer label per input row: its pattern of on/off hidden units.

    Inputs with the same label lie in the same linear region: fixing the
    pattern fixes an affine map, and the set of inputs with one pattern is an
    intersection of half-spaces, hence convex and connected.
    """
    _, pre = forward(net, x, "relu")
    bits = np.concatenate([z > 0 for z in pre], axis=1)
    packed = np.packbits(bits, axis=1)
    _, labels = np.unique(packed, axis=0, return_inverse=True)
    return labels.reshape(-1)


# ---------------------------------------------------------------- toy data
def teacher_data(rng, n_points=256, n_inputs=4, teacher_width=16):
    """Gaussian inputs and a standardised target made by a random ReLU net.

    A regression problem that a small ReLU network can certainly solve, so
    that what the experiments measure is the training, not the task.
    """
    x = rng.normal(size=(n_points, n_inputs))
    teacher = init_net([n_inputs, teacher_width, 1], rng)
    y = forward(teacher, x)[0]
    return x, (y - y.mean()) / y.std()
