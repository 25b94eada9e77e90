"""An order-1 Markov source whose entropy rate is known exactly."""

from __future__ import annotations

import bisect
import math
from fractions import Fraction

import numpy as np


# --8<-- [start:markov]
def markov_source(n_states, concentration, rng):
    """A random order-1 Markov chain with rational transition probabilities.

    Returns the transition matrix as Fractions and its exact stationary
    distribution, solved by Gaussian elimination over the rationals.
    """
    weights = np.ceil(rng.gamma(concentration, size=(n_states, n_states)) * 1000)
    weights = weights.astype(np.int64) + 1
    P = [[Fraction(int(w), int(row.sum())) for w in row] for row in weights]
    # Solve pi (P - I) = 0 with sum(pi) = 1: replace one equation by the sum.
    A = [
        [P[j][i] - (1 if i == j else 0) for j in range(n_states)]
        for i in range(n_states)
    ]
    A[-1] = [Fraction(1)] * n_states
    b = [Fraction(0)] * (n_states - 1) + [Fraction(1)]
    for col in range(n_states):
        pivot = next(r for r in range(col, n_states) if A[r][col] != 0)
        A[col], A[pivot] = A[pivot], A[col]
        b[col], b[pivot] = b[pivot], b[col]
        for r in range(n_states):
            if r != col and A[r][col] != 0:
                f = A[r][col] / A[col][col]
                A[r] = [x - f * y for x, y in zip(A[r], A[col])]
                b[r] -= f * b[col]
    pi = [b[i] / A[i][i] for i in range(n_states)]
    return P, pi


def entropy_rate(P, pi):
    """H = sum_i pi_i sum_j -P_ij log2 P_ij, in bits per symbol."""
    return sum(
        float(pi[i]) * sum(-float(p) * math.log2(p) for p in row if p)
        for i, row in enumerate(P)
    )


def sample_markov(P, pi, n, rng, alphabet=b"abcdefghijklmnopqrstuvwxyz"):
    """n symbols of the chain, started from its stationary distribution."""
    cum = np.cumsum(np.array(P, dtype=np.float64), axis=1)
    cum[:, -1] = 1.0  # no rounding gap at the top of a row
    rows = cum.tolist()
    start = np.cumsum(np.array(pi, dtype=np.float64))
    state = min(int(np.searchsorted(start, rng.random())), len(P) - 1)
    out = bytearray()
    for u in rng.random(n).tolist():
        out.append(alphabet[state])
        state = bisect.bisect_right(rows[state], u)
    return bytes(out)


def markov_text(n_symbols, seed, n_states=16, concentration=0.5):
    """The benchmark source: n_symbols letters of a random 16-state chain.

    Returns the text and the chain's exact entropy rate in bits per symbol.
    """
    rng = np.random.default_rng(seed)
    P, pi = markov_source(n_states, concentration, rng)
    return sample_markov(P, pi, n_symbols, rng), entropy_rate(P, pi)


# --8<-- [end:markov]
