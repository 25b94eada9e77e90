"""squash and stretch as integer tables, built by exact arithmetic.

The model works in the "stretched" domain st = ln(p / (1 - p)), the input of
a logistic unit, scaled by 256 and kept within +-2047; probabilities are
12-bit integers, p / 4096. Both tables are computed once with Python's
decimal module, whose exp is correctly rounded, so they are the same on
every machine; numpy's vectorised exp and log (which differ between CPUs
in the last bits) are never used.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np

# --8<-- [start:logistic]
LIMIT = 2047  # stretched values lie in -2047..2047 (about -8 to 8)


def _squash_exact(d):
    """round(4096 / (1 + e^(-d / 256))), with 40 correct digits on the way."""
    with localcontext() as ctx:
        ctx.prec = 40
        value = Decimal(4096) / (1 + (Decimal(-d) / 256).exp())
        return int(value.to_integral_value())


# SQUASH[d + LIMIT] = squash(d), the logistic function, kept within 1..4095.
SQUASH = np.array(
    [min(4095, max(1, _squash_exact(d))) for d in range(-LIMIT, LIMIT + 1)],
    dtype=np.int64,
)
# STRETCH[p] = the smallest d with squash(d) >= p: squash's inverse.
STRETCH = np.searchsorted(SQUASH, np.arange(4096), side="left") - LIMIT
STRETCH = np.minimum(STRETCH, LIMIT).astype(np.int64)


def squash(d):
    """The probability (1..4095, out of 4096) of stretched values d (arrays)."""
    return SQUASH[np.maximum(np.minimum(d, LIMIT), -LIMIT) + LIMIT]


# --8<-- [end:logistic]
