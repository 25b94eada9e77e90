"""The model: context predictions mixed by a small network that learns as it reads.

Bit by bit, for every lane at once (see container.py for the lanes):

1. **Context counters.** Eight contexts are active for the next bit: the
   bits of the current byte so far alone (order 0), with the last 1, 2, 3, 4
   and 6 bytes, with the letters of the word being read, and with those and
   the word before it. Each context
   and partial byte owns a slot of a hashed table holding a probability
   (16 bits) and a count; the probability moves towards each bit seen by
   1 / (count + 2), so a new context learns fast and an old one averages.
2. **Match model.** If the last 5 bytes occurred before, the byte that
   followed them then is a guess for the next byte; its bits are an input
   whose confidence is learned per match length.
3. **The mixing network.** Two logistic units: p = squash(sum_i w_i st_i),
   where st_i = stretch(p_i) are the inputs; one unit's weights w_i are
   chosen among 1,024 sets by the bits of the byte so far and the match
   length, the other's among 65,536 sets by those bits and the last byte.
   Their sums are averaged. After each bit each unit takes a gradient step
   on its log-loss: w_i += rate * st_i * (bit - p).
4. **Two refiners (SSE/APM).** p is adjusted by two small tables indexed by
   context and by p itself, learned as they go, and averaged with it.

Everything is integer arithmetic on int64/uint64 numpy arrays, with
tables built exactly (logistic.py). Sums of integers do not depend on the
order they are done in and nothing rounds, so encoder and decoder compute
the same numbers on every CPU, numpy build and BLAS library.
"""

from __future__ import annotations

import numpy as np

from .logistic import STRETCH, squash

# --8<-- [start:model]
U64 = np.uint64
ORDERS = (1, 2, 3, 4, 6)  # bytes of context, besides order 0 and the word
TABLE_BITS = 20  # at most a million slots per context kind (fewer for short inputs)
COUNT_LIMIT = 127  # a probability never moves slower than 1 / 129
# RATE[n] = 65536 / (n + 2): how far a slot moves after being seen n times.
RATE = np.array([(1 << 16) // (n + 2) for n in range(COUNT_LIMIT + 1)], dtype=np.int64)
MATCH_MIN = 5  # bytes of context that a match must share
MATCH_BITS = 18  # slots of the match model's table of positions
MIXER_RATE = 256  # learning rate of the mixing networks (x 2^-16)
APM_RATE = 5  # the refiners move 1/32 of the way to each bit
ODD = [  # odd 64-bit multipliers, for hashing
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xA0761D6478BD642F,
    0xE7037ED1A0B428DB,
    0x8EBC6AF09C88C6E3,
    0x589965CC75374CC3,
]


def average_add(table, hits, index, delta):
    """table[i] += the mean of the deltas aimed at slot i (floored).

    Lanes that hit the same slot in the same step share one update, their
    mean, so that 64 lanes do not move a slot 64 times as far as one lane.
    Integer sums do not depend on their order: the result is exact.
    """
    np.add.at(hits, index, 1)
    np.add.at(table, index, delta // hits[index])
    hits[index] = 0


class MixingModel:
    """Predicts each bit of every lane; learns from the bits once they are known."""

    def __init__(self, lanes, starts, length, mixer_rate=MIXER_RATE, refine=True):
        self.lanes = lanes
        # The table's size follows the input's length, which both sides know.
        self.table_bits = bits = max(10, min(TABLE_BITS, length.bit_length() + 4))
        self.kinds = 3 + len(ORDERS)  # order 0, ORDERS, the word, two words
        self.inputs = self.kinds + 2  # + the match model + a bias
        self.count = np.zeros(self.kinds << bits, dtype=np.int32)
        self.offset = (np.arange(self.kinds, dtype=U64) << U64(bits))[:, None]
        self.keep = np.array([0] + [(1 << (8 * k)) - 1 for k in ORDERS], dtype=U64)[
            :, None
        ]
        self.odd = np.array((ODD + ODD[:1])[: self.kinds], dtype=U64)[:, None]
        # Everything that learns by average_add lives in one array, each
        # table a slice of it, so that one call updates them all.
        sets = 1024 + 256 * 256  # weight sets of the two mixing networks
        sizes = [sets * self.inputs, self.kinds << bits, 64, 256 * 33, 65536 * 33]
        self.store = np.empty(sum(sizes), dtype=np.int64)
        self.hits = np.zeros(len(self.store), dtype=np.int32)  # average_add's
        edges = np.cumsum([0] + sizes).tolist()
        (self.weights, self.prob, self.match_prob, self.apm1, self.apm2) = [
            self.store[a:b] for a, b in zip(edges, edges[1:])
        ]
        self.start = dict(zip(["weights", "prob", "match", "apm1", "apm2"], edges))
        # The mixing networks: one weight per input, in 1,024 + 65,536 sets.
        self.weights.shape = (sets, self.inputs)
        self.weights[:] = 1 << 14
        self.prob[:] = 1 << 15  # every counter starts at one half
        self.mixer_rate = mixer_rate
        self.column = np.arange(self.inputs)[:, None]
        self.history = np.zeros(lanes, dtype=U64)  # last 8 bytes of each lane
        self.word = np.zeros(lanes, dtype=U64)  # hash of the word being read
        self.previous = np.zeros(lanes, dtype=U64)  # ... and of the one before
        # Match model: everything read so far, at its place in the input.
        self.text = np.zeros(length + 1, dtype=np.int64)
        self.known = np.zeros(length + 1, dtype=bool)
        self.at = np.array(starts, dtype=np.int64)  # next position, per lane
        self.last_seen = np.zeros(1 << MATCH_BITS, dtype=np.int64)  # pos + 1
        self.follow = np.zeros(lanes, dtype=np.int64)  # predicted pos + 1, or 0
        self.match_len = np.zeros(lanes, dtype=np.int64)
        self.guess = np.zeros(lanes, dtype=np.int64)  # 256 + guessed byte, or 0
        self.match_prob[:] = 1 << 15
        self.match_count = np.zeros(64, dtype=np.int64)
        # Refiners: 33 points along the stretched axis per context, each
        # starting at squash of its own position (16 bits).
        line = squash(np.arange(-2048, 2049, 128)) * 16
        self.refine = refine
        self.apm1[:] = np.tile(line, 256)  # context: bits of the byte so far
        self.apm2[:] = np.tile(line, 1 << 16)  # ... and the byte before
        self._contexts()

    def _contexts(self):
        """Each context kind's hash for the next byte, shape (kinds, lanes)."""
        pair = self.word + self.previous * U64(ODD[2])
        h = np.concatenate(
            [self.history[None, :] & self.keep, self.word[None, :], pair[None, :]]
        )
        self.base = (h + U64(1)) * self.odd

    def mix(self, w, st):
        """The network's sum, sum_i w_i st_i / 2^16, in exact integers."""
        return (w * st.T).sum(axis=1) >> 16

    def predict(self, partial, done):
        """P(next bit = 1) x 4096 for lanes 0..a-1, a = len(partial).

        partial: 1 followed by the bits of the byte read so far; done: how
        many bits that is (0-7), the same for every lane.
        """
        a = len(partial)
        x = (self.base[:, :a] + partial.astype(U64) * U64(ODD[6])) * U64(ODD[7])
        slot = ((x >> U64(64 - self.table_bits)) + self.offset).astype(np.int64)
        p16 = self.prob[slot]
        st = np.empty((self.inputs, a), dtype=np.int64)
        st[: self.kinds] = STRETCH[p16 >> 4]
        # The match model's input: its guess for this bit, if the guessed
        # byte agrees with the bits read so far.
        guess = self.guess[:a]
        on = (guess >> (8 - done)) == partial
        length = np.where(on, np.minimum(self.match_len[:a], 31), 0)
        mslot = 2 * length + ((guess >> (7 - done)) & 1)
        st[self.kinds] = np.where(on, STRETCH[self.match_prob[mslot] >> 4], 0)
        st[-1] = 256
        # Two networks over the same inputs: one's weights are chosen by the
        # bits so far and the match length, the other's by the bits so far
        # and the last byte. Their sums are averaged.
        last = (self.history[:a] & U64(255)).astype(np.int64)
        chosen = np.stack(
            [partial + (np.minimum(length, 3) << 8), 1024 + (last << 8) + partial]
        )
        dots = np.stack([self.mix(self.weights[c], st) for c in chosen])
        dot = (dots[0] + dots[1]) >> 1
        p = squash(dot)
        self.state = (
            slot,
            p16,
            st,
            chosen,
            squash(dots),  # each unit learns from its own prediction
            mslot[on],
            on,
        )
        if not self.refine:
            return p
        s = np.maximum(np.minimum(dot, 2047), -2047) + 2048
        cell, frac = s >> 7, s & 127
        i1 = partial * 33 + cell
        i2 = (partial | (last << 8)) * 33 + cell
        r1 = (self.apm1[i1] * (128 - frac) + self.apm1[i1 + 1] * frac) >> 11
        r2 = (self.apm2[i2] * (128 - frac) + self.apm2[i2 + 1] * frac) >> 11
        near = frac >> 6  # the nearer of the two points learns
        self.apm_state = (i1 + near, i2 + near)
        mixed = (p + r1 + 2 * r2 + 2) >> 2
        return np.maximum(np.minimum(mixed, 4095), 1)

    def learn(self, bit):
        """Update every part with the true bits of lanes 0..len(bit)-1."""
        slot, p16, st, chosen, p, mslot, on = self.state
        at, index, delta = self.start, [], []
        # The networks: one gradient step on -log p(bit), w += rate st (bit - p).
        for c, q in zip(chosen, p):
            index.append(c * self.inputs + self.column)
            delta.append((st * ((bit << 12) - q) * self.mixer_rate) >> 16)
        # The counters: each slot moves 1 / (n + 2) of the way to the bit.
        n = self.count[slot]
        index.append(slot + at["prob"])
        delta.append((((bit << 16) - p16) * RATE[n]) >> 16)
        self.count[slot] = np.minimum(n + 1, COUNT_LIMIT)
        if len(mslot):
            m = self.match_count[mslot]
            index.append(mslot + at["match"])
            delta.append((((bit[on] << 16) - self.match_prob[mslot]) * RATE[m]) >> 16)
            self.match_count[mslot] = np.minimum(m + 1, COUNT_LIMIT)
        if self.refine:
            i1, i2 = self.apm_state
            index += [i1 + at["apm1"], i2 + at["apm2"]]
            delta.append(((bit << 16) - self.apm1[i1]) >> APM_RATE)
            delta.append(((bit << 16) - self.apm2[i2]) >> APM_RATE)
        # One update for all: the tables are disjoint slices of one array.
        index = np.concatenate([i.ravel() for i in index])
        average_add(
            self.store, self.hits, index, np.concatenate([d.ravel() for d in delta])
        )
        self.prob[slot] = np.maximum(np.minimum(self.prob[slot], 65503), 32)
        if len(mslot):
            self.match_prob[mslot] = np.maximum(
                np.minimum(self.match_prob[mslot], 65503), 32
            )

    def next_byte(self, byte):
        """Move lanes 0..len(byte)-1 on by one byte (known to both sides now)."""
        a = len(byte)
        b = byte.astype(U64)
        self.history[:a] = (self.history[:a] << U64(8)) | b
        low = b | U64(32)  # lower case, for letters
        letter = (low >= U64(97)) & (low <= U64(122))
        ended = ~letter & (self.word[:a] != U64(0))
        self.previous[:a] = np.where(ended, self.word[:a], self.previous[:a])
        self.word[:a] = np.where(letter, (self.word[:a] + low) * U64(ODD[5]), U64(0))
        self._contexts()
        at = self.at[:a]
        self.text[at] = byte
        self.known[at] = True
        # A match goes on if its guess was right, else it ends.
        hit = (self.guess[:a] == byte + 256) & (self.follow[:a] > 0)
        follow = np.where(hit, self.follow[:a] + 1, 0)
        length = np.where(hit, self.match_len[:a] + 1, 0)
        recent = self.history[:a] & U64((1 << (8 * MATCH_MIN)) - 1)
        key = ((recent * U64(ODD[0])) >> U64(64 - MATCH_BITS)).astype(np.int64)
        found = (length == 0) & (self.last_seen[key] > 0)
        follow = np.where(found, self.last_seen[key], follow)
        length = np.where(found, 1, length)
        np.maximum.at(self.last_seen, key, at + 2)  # the latest, whatever the order
        self.at[:a] = at + 1
        where = np.maximum(follow - 1, 0)
        ready = (follow > 0) & self.known[where]
        self.guess[:a] = np.where(ready, self.text[where] + 256, 0)
        self.follow[:a] = np.where(ready, follow, 0)
        self.match_len[:a] = np.where(ready, length, 0)


# --8<-- [end:model]
