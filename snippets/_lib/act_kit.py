"""Activation functions, their derivatives and a colour set, shared by the
answers on ReLU versus sigmoid and tanh, the analogies and modern activations.

Plain numpy. Every function takes and returns arrays of the same shape.
"""

import math

import numpy as np

# Mid-luminance colours (Okabe-Ito, without its yellow): they stay readable on
# the white figure card and after the dark-mode inversion.
COLOURS = {
    "relu": "#0072B2",  # blue
    "sigmoid": "#D55E00",  # vermillion
    "tanh": "#009E73",  # green
    "gelu": "#CC79A7",  # purple
    "silu": "#E69F00",  # orange
    "elu": "#56B4E9",  # sky blue
    "leaky_relu": "#000000",
    "matmul": "#666666",
}

# Darker twins of the same hues for text: lines can be light, but words need
# a contrast of at least 4.5:1 on the white card and after the dark-mode
# inversion.
TEXT_COLOURS = {
    "relu": "#0072B2",
    "sigmoid": "#A84A00",
    "tanh": "#007A5A",
    "gelu": "#A2557F",
    "silu": "#8F6400",
    "elu": "#1F78AE",
    "leaky_relu": "#000000",
    "matmul": "#444444",
}

LABELS = {
    "relu": "ReLU",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "gelu": "GELU",
    "silu": "SiLU / Swish",
    "elu": "ELU",
    "leaky_relu": "Leaky ReLU",
}

LEAKY_SLOPE = 0.01


def relu(z):
    return np.maximum(z, 0.0)


def relu_grad(z):
    # The derivative at exactly 0 is a convention; 0 is the common one.
    return (z > 0).astype(float)


def leaky_relu(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, z, slope * z)


def leaky_relu_grad(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, 1.0, slope)


def sigmoid(z):
    # exp of a non-positive number never overflows; numpy's exp is also
    # faster than its tanh.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(z)


def tanh_grad(z):
    return 1.0 - np.tanh(z) ** 2


def elu(z, alpha=1.0):
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def elu_grad(z, alpha=1.0):
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


_erf = np.vectorize(math.erf, otypes=[float])


def normal_cdf(z):
    return 0.5 * (1.0 + _erf(np.asarray(z, dtype=float) / math.sqrt(2.0)))


def normal_pdf(z):
    return np.exp(-0.5 * np.asarray(z, dtype=float) ** 2) / math.sqrt(2.0 * math.pi)


def gelu(z):
    """The exact GELU, z times the standard normal CDF of z."""
    return z * normal_cdf(z)


def gelu_grad(z):
    return normal_cdf(z) + z * normal_pdf(z)


def gelu_tanh(z):
    """The tanh approximation of GELU (the form GPT-2's code uses)."""
    return 0.5 * z * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z**3)))


def silu(z):
    return z * sigmoid(z)


def silu_grad(z):
    s = sigmoid(z)
    return s + z * s * (1.0 - s)


ACTIVATIONS = {
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "elu": (elu, elu_grad),
    "gelu": (gelu, gelu_grad),
    "silu": (silu, silu_grad),
}
