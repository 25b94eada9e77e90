"""Matrix products whose sums are added in one fixed order on every machine.

A BLAS library adds the products of a matrix product in an order that suits
the CPU it runs on (blocks, vector lanes, fused multiply-adds), so the last
bits of the result can differ from one machine to another. ``matmul`` adds
them one after the other, ``out[i, k] = ((a[i, 0] b[0, k] + a[i, 1] b[1, k])
+ ...)``, each product and each sum rounded on its own. It is compiled by
numba without fast-math, which leaves the compiler no licence to reorder the
additions or to fuse a product into the sum that follows: the compiled code
may work on several outputs at once, but every output gets the same
operations in the same order, on any CPU.
"""

import numpy as np
from numba import njit


@njit(cache=True)
def matmul(a, b):
    """a @ b for stacks of matrices: (runs, n, m) @ (runs, m, k)."""
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
