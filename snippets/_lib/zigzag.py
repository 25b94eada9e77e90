"""The three-unit zigzag of the depth page, the one construction its sections share.

    z(x) = 6 relu(x - 1/3) - 9 relu(2/3 - x) + 12 relu(5/6 - x) - 3

falls from 1 to 0 on [0, 1/3], rises to 1 on [1/3, 2/3], falls to 0 on
[2/3, 5/6] and rises to 1 on [5/6, 1]: four pieces, each onto all of [0, 1],
from three units. The first piece's slope comes from the two units that face
left, so no fourth unit is needed for it. Composed L times, in L hidden
layers of width 3, it has (3 + 1)^L pieces on [0, 1], the most L layers of
3 units can make on a line (the bound is exact for a scalar input: Serra,
Tjandraatmadja and Ramalingam 2018).

A network is a list of layers (W, b), as in relu_kit: x @ W + b, a ReLU
after every layer but the last.
"""

import numpy as np

DIRECTIONS = np.array([[1.0, -1.0, -1.0]])  # the units read +x, -x, -x
THRESHOLDS = np.array([-1 / 3, 2 / 3, 5 / 6])  # their biases
READ_OUT = np.array([[6.0], [-9.0], [12.0]])  # z = h @ READ_OUT + OFFSET
OFFSET = -3.0
CORNERS = (0.0, 1 / 3, 2 / 3, 5 / 6, 1.0)


def zigzag(x):
    """z at the rows of x (shape (m, 1)), one value per row."""
    return (np.maximum(x @ DIRECTIONS + THRESHOLDS, 0.0) @ READ_OUT)[:, 0] + OFFSET


def zigzag_net(depth):
    """``depth`` hidden layers of 3 units; the output is z composed depth times."""
    net = [(DIRECTIONS.copy(), THRESHOLDS.copy())]
    for _ in range(depth - 1):
        # the next layer reads z = h @ READ_OUT + OFFSET and splits it again
        net.append((READ_OUT @ DIRECTIONS, OFFSET * DIRECTIONS[0] + THRESHOLDS))
    net.append((READ_OUT.copy(), np.array([OFFSET])))
    return net
