"""A binary arithmetic coder for many lanes at once, in exact integer arithmetic.

Each lane codes its own stream of bits. The state of a lane is an interval
[x1, x2] of 32-bit integers; a bit whose probability of being 1 is p/4096
takes the lower part [x1, xmid] if it is 1, the upper part (xmid, x2] if it
is 0. Whenever x1 and x2 agree on their leading byte, that byte is final: it
is written out and both ends shift left by 8 bits. All lanes are updated by
the same few numpy operations on unsigned 64-bit integers, which wrap and
round nowhere, so every machine computes the same bits.
"""

from __future__ import annotations

import math

import numpy as np

# --8<-- [start:coder]
PROB_BITS = 12  # probabilities are integers p in 1..4095, meaning p / 4096
MASK32 = np.uint64(0xFFFFFFFF)
# FILL[s]: the s low bytes that x2 takes in when it shifts s bytes (all ones).
FILL = np.array([(1 << (8 * s)) - 1 for s in range(5)], dtype=np.uint64)
SHIFT = np.arange(5, dtype=np.uint64) * np.uint64(8)


def _split(x1, x2, p):
    """xmid: the last value of the part that belongs to a 1 bit.

    (x2 - x1) * p < 2^44 is exact in 64 bits, and since p < 4096 the result
    lies in [x1, x2): both parts are non-empty.
    """
    return x1 + (((x2 - x1) * p.astype(np.uint64)) >> np.uint64(PROB_BITS))


def _settled(x1, x2):
    """How many leading bytes x1 and x2 share (0 to 4): those are final."""
    d = x1 ^ x2
    return (d < 1 << 24).astype(np.intp) + (d < 1 << 16) + (d < 1 << 8) + (d == 0)


class Encoder:
    """Codes one bit per lane and step; finish() returns one stream per lane."""

    def __init__(self, lanes):
        self.x1 = np.zeros(lanes, dtype=np.uint64)
        self.x2 = np.full(lanes, MASK32, dtype=np.uint64)
        self.lanes = lanes
        self.tops, self.shifts = [], []  # per step: x2 before the shift, bytes
        self.settled = 0  # bytes settled so far, all lanes together

    def encode(self, bit, p):
        """Code bit[i] (0 or 1) with probability p[i] / 4096 of a 1, lanes 0..a-1."""
        a = len(bit)
        x1, x2 = self.x1[:a], self.x2[:a]
        xmid = _split(x1, x2, p)
        one = bit.astype(bool)
        x2 = np.where(one, xmid, x2)
        x1 = np.where(one, x1, xmid + np.uint64(1))
        s = _settled(x1, x2)
        self.tops.append(x2)
        self.shifts.append(s)
        self.settled += int(s.sum())
        self.x1[:a] = (x1 << SHIFT[s]) & MASK32
        self.x2[:a] = ((x2 << SHIFT[s]) & MASK32) | FILL[s]

    def committed_bits(self):
        """Bits of output the coding so far accounts for, settled or not.

        8 per settled byte, plus for each lane the bits its interval has
        narrowed by: 32 - log2(x2 - x1 + 1).
        """
        widths = (self.x2 - self.x1 + np.uint64(1)).tolist()
        return 8 * self.settled + sum(32 - math.log2(w) for w in widths)

    def finish(self):
        """The bytes of every lane: settled bytes, then a short final value."""
        out = [bytearray() for _ in range(self.lanes)]
        for x2, s in zip(self.tops, self.shifts):
            for lane in np.flatnonzero(s).tolist():
                top = int(x2[lane])
                out[lane] += top.to_bytes(4, "big")[: int(s[lane])]
        for lane in range(self.lanes):
            # The fewest bytes b such that x1 <= b followed by zeros <= x2
            # (none if x1 is 0: the decoder reads zeros past the end).
            x1, x2 = int(self.x1[lane]), int(self.x2[lane])
            for k in range(5 if x1 else 0):
                unit = 1 << (32 - 8 * k)
                value = -(-x1 // unit) * unit
                if value <= x2:
                    out[lane] += value.to_bytes(4, "big")[:k]
                    break
        return [bytes(b) for b in out]


class Decoder:
    """Reads the lanes' streams back; past its end a stream reads as zeros."""

    def __init__(self, streams):
        lanes = len(streams)
        width = max((len(s) for s in streams), default=0) + 8
        raw = np.zeros((lanes, width), dtype=np.uint64)
        for lane, s in enumerate(streams):
            raw[lane, : len(s)] = np.frombuffer(s, dtype=np.uint8)
        # words[lane, i]: the 4 bytes from i on, as one big-endian integer.
        self.words = (
            (raw[:, :-3] << np.uint64(24))
            | (raw[:, 1:-2] << np.uint64(16))
            | (raw[:, 2:-1] << np.uint64(8))
            | raw[:, 3:]
        )
        self.last = self.words.shape[1] - 1  # an all-zero word
        self.x = self.words[:, 0].copy()
        self.at = np.full(lanes, 4, dtype=np.intp)
        self.x1 = np.zeros(lanes, dtype=np.uint64)
        self.x2 = np.full(lanes, MASK32, dtype=np.uint64)
        self.rows = np.arange(lanes)

    def decode(self, p):
        """The bits of lanes 0..len(p)-1, given each lane's probability of a 1."""
        a = len(p)
        x1, x2, x = self.x1[:a], self.x2[:a], self.x[:a]
        xmid = _split(x1, x2, p)
        one = x <= xmid
        x2 = np.where(one, xmid, x2)
        x1 = np.where(one, x1, xmid + np.uint64(1))
        s = _settled(x1, x2)
        at = self.at[:a]
        incoming = self.words[self.rows[:a], np.minimum(at, self.last)]
        self.x[:a] = ((x << SHIFT[s]) & MASK32) | (
            incoming >> (np.uint64(32) - SHIFT[s])
        )
        self.at[:a] = at + s
        self.x1[:a] = (x1 << SHIFT[s]) & MASK32
        self.x2[:a] = ((x2 << SHIFT[s]) & MASK32) | FILL[s]
        return one.astype(np.int64)


# --8<-- [end:coder]
