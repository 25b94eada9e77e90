"""Arithmetic that gives the same bits on every machine: products, exp, sin, cos.

Two things make a float result differ from one computer to another. A BLAS
library adds the products of a matrix product in an order that suits the
CPU (blocks, vector lanes, fused multiply-adds). And the C maths library's
exp, sin and cos come in several builds, chosen for the CPU when a program
starts: glibc uses a build with fused multiply-adds where the CPU has them,
and the builds round the last bit of a few results in a thousand
differently. Each function here is written with +, -, * and / alone, each
rounded on its own as IEEE 754 prescribes, and with floor and ldexp, which
are exact, in an order fixed by the code, and compiled by numba without
fast-math: the compiler may then neither reorder the operations nor fuse a
product into the sum that follows. The compiled code may work on several
elements at once, but every element gets the same operations in the same
order, on any CPU.

They are not numpy's functions to the last bit, only the same everywhere.
exp is within about two units in the last place (ulps) of the true value.
sin and cos are too, but for |x| near a multiple of pi/2 other than 0, where
the value is close to zero: there the error is small in absolute terms (the
argument is reduced by pi/2 in two parts, to about 1e-26 per multiple of
pi/2) but large in ulps. They return nan for |x| >= 2^20 and for inf.
"""

import math

import numpy as np
from numba import njit, vectorize


@njit(cache=True)
def matmul(a, b):
    """a @ b for stacks of matrices, (runs, n, m) @ (runs, m, k): entry
    (i, c) of each is a[i, 0] b[0, c] + a[i, 1] b[1, c] + ..., added from
    the left."""
    runs, n, m = a.shape
    k = b.shape[2]
    out = np.zeros((runs, n, k))
    for r in range(runs):
        for i in range(n):
            for j in range(m):
                x = a[r, i, j]
                for c in range(k):
                    out[r, i, c] += x * b[r, j, c]
    return out


# ln 2 in two parts (fdlibm's): LN2_HI has its last 21 bits zero, so k * LN2_HI
# is exact for the whole numbers k that exp meets (|k| <= 1075).
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
# pi / 2 in two parts, likewise (fdlibm's: PIO2_HI is pi/2 to 33 bits, the
# last two of them zero, so k * PIO2_HI is exact for |k| < 2^22).
PIO2_HI = 1.57079632673412561417e00
PIO2_LO = 6.07710050650619224932e-11
# 2^k for k = -1021 .. 1023, exact: exp scales by a product with one of them.
POW2 = np.array([math.ldexp(1.0, k) for k in range(-1021, 1024)])
# 1 / n! for n = 0 .. 20
INV_FACTORIAL = np.array([1.0 / math.factorial(n) for n in range(21)])


@njit(cache=True)
def _series(u, first, last):
    """sum of u^m / n! for n = first + 2m = first, first + 2, ..., last
    (Horner's rule, from the last term)."""
    p = INV_FACTORIAL[last]
    for n in range(last - 2, first - 1, -2):
        p = p * u + INV_FACTORIAL[n]
    return p


@njit(cache=True)
def _exp(x):
    """e^x: x = k ln 2 + r with |r| <= ln 2 / 2, then e^r by its series
    (to r^13 / 13!: the next term is below 6e-18 of the sum)."""
    if x != x:
        return x
    if x > 709.782712893384:  # ln of the largest float
        return math.inf
    if x < -745.2:
        return 0.0
    k = math.floor(x * 1.4426950408889634 + 0.5)
    r = (x - k * LN2_HI) - k * LN2_LO
    even = _series(r * r, 0, 12)  # 1 + r^2/2! + r^4/4! + ...
    odd = _series(r * r, 1, 13) * r  # r + r^3/3! + ...
    if k < -1021:  # a result near or below the smallest normal number
        return math.ldexp(even + odd, int(k))
    if k > 1023:  # 2^1024 overflows: scale in two exact steps
        return ((even + odd) * 2.0) * POW2[2044]
    return (even + odd) * POW2[int(k) + 1021]  # exact, as ldexp


@vectorize(["float64(float64)"], cache=True)
def exp(x):
    """e^x."""
    return _exp(x)


@vectorize(["float64(float64)"], cache=True)
def sigmoid(z):
    """1 / (1 + e^-z), as e^-|z| (which cannot overflow) over 1 + e^-|z|."""
    e = _exp(-abs(z))
    return (1.0 if z >= 0 else e) / (1.0 + e)


@vectorize(["float64(float64)"], cache=True)
def tanh(z):
    """tanh z, as (1 - t) / (1 + t) with t = e^(-2|z|), and the sign of z
    (near 0 this is accurate to about 1e-16 in absolute terms only)."""
    t = _exp(-2.0 * abs(z))
    return math.copysign((1.0 - t) / (1.0 + t), z)


@njit(cache=True)
def _quadrant(x):
    """x = k pi/2 + r with |r| <= pi/4, for |x| < 2^20: (k mod 4, r)."""
    k = math.floor(x * 0.6366197723675814 + 0.5)
    r = (x - k * PIO2_HI) - k * PIO2_LO
    return int(k) % 4, r


@njit(cache=True)
def _sin_cos(x):
    """(sin x, cos x) for |x| < 2^20, (nan, nan) beyond: x = k pi/2 + r, the
    series at r (sin r = r - r^3/3! + ..., cos r = 1 - r^2/2! + ...), and
    the pair turned by k quarter turns."""
    if not abs(x) < 1048576.0:
        return math.nan, math.nan
    q, r = _quadrant(x)
    u = -(r * r)
    s, c = _series(u, 1, 19) * r, _series(u, 0, 20)
    return ((s, c), (c, -s), (-s, -c), (-c, s))[q]


@vectorize(["float64(float64)"], cache=True)
def sin(x):
    """sin x, for |x| < 2^20 (nan beyond)."""
    return _sin_cos(x)[0]


@vectorize(["float64(float64)"], cache=True)
def cos(x):
    """cos x, for |x| < 2^20 (nan beyond)."""
    return _sin_cos(x)[1]
