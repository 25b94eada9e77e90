"""A small lossless compressor whose model learns while it reads.

The pieces, in the order the pages show them:

- ``coder``: an arithmetic coder in exact integer arithmetic (Python ints).
- ``quantize``: ``cumulative_counts`` turns a model's float probabilities
  into integer counts, each at least 1, so that no symbol can ever be given
  an empty interval.
- ``driver``: ``compress`` / ``decompress``, shared by every model. The
  input is read in lanes, consecutive parts side by side, one coder each.
  A byte never seen before is sent as an escape followed by the byte itself.
- ``contexts``: the context rows active for each lane's next byte.
- ``neural``: a one-layer softmax over hashed contexts, trained online with
  Adagrad (the neural compressor).
- ``mlp``: a deeper alternative with a ReLU hidden layer, for comparison.
- ``counts``: an adaptive context-count model (Witten-Bell blending of
  orders 0-4), the non-neural baseline with the same coder.
- ``lzw``: the "table" baseline, LZW with variable-width codes.
- ``markov``: an order-1 Markov source whose entropy rate is computed
  exactly from its transition matrix.

numpy and the standard library only. The encoder may compute many
predictions at once (it knows every byte); the decoder computes them step
by step. They agree bit for bit because the floats come from operations
whose results do not depend on the arrays' shapes (see
``NeuralModel._exp_logits``) and the counts from one shared function.
"""

from __future__ import annotations

import bisect
import math
from fractions import Fraction
from functools import partial
from pathlib import Path

import numpy as np

# --8<-- [start:coder]
PRECISION = 32  # bits in the coder's low/high registers
FULL = 1 << PRECISION
HALF = FULL >> 1
QUARTER = FULL >> 2
# After renormalising, high - low > QUARTER. A total of at most QUARTER counts
# therefore leaves every symbol with a count >= 1 a non-empty interval.
MAX_TOTAL = QUARTER


class ArithmeticEncoder:
    """Narrows an integer interval [low, high] symbol by symbol, emitting bits."""

    def __init__(self):
        self.low, self.high = 0, FULL - 1
        self.pending = 0  # bits owed after an underflow (interval straddles HALF)
        self.bits = []

    def encode(self, start, stop, total):
        """Code the symbol that owns counts [start, stop) out of total."""
        if not 0 <= start < stop <= total <= MAX_TOTAL:
            raise ValueError(f"bad interval {start}..{stop} of {total}")
        low, high, bits = self.low, self.high, self.bits
        width = high - low + 1
        high = low + width * stop // total - 1
        low = low + width * start // total
        while True:
            if high < HALF:  # both ends in the lower half: the next bit is 0
                bits.append(0)
                if self.pending:
                    bits.extend([1] * self.pending)
                    self.pending = 0
            elif low >= HALF:  # both ends in the upper half: the next bit is 1
                bits.append(1)
                if self.pending:
                    bits.extend([0] * self.pending)
                    self.pending = 0
                low -= HALF
                high -= HALF
            elif low >= QUARTER and high < HALF + QUARTER:
                # Straddling the middle: the next bit is not known yet.
                self.pending += 1
                low -= QUARTER
                high -= QUARTER
            else:
                break
            low = 2 * low
            high = 2 * high + 1
        self.low, self.high = low, high

    def finish(self):
        """Two more bits pick a point inside [low, high]; return the bytes."""
        bit = 0 if self.low < QUARTER else 1
        self.bits += [bit] + [1 - bit] * (self.pending + 1)
        return np.packbits(np.array(self.bits, dtype=np.uint8)).tobytes()


class ArithmeticDecoder:
    """Replays the encoder's narrowing, reading the bits it wrote."""

    def __init__(self, data):
        self.bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8)).tolist()
        self.bits += [0] * PRECISION  # the first read needs PRECISION bits
        self.pos = 0
        self.low, self.high = 0, FULL - 1
        self.value = 0
        for _ in range(PRECISION):
            self.value = 2 * self.value + self._next_bit()

    def _next_bit(self):
        self.pos += 1
        return self.bits[self.pos - 1]

    def target(self, total):
        """The count (0 <= t < total) that the coded point falls on."""
        width = self.high - self.low + 1
        return ((self.value - self.low + 1) * total - 1) // width

    def consume(self, start, stop, total):
        """Narrow exactly as the encoder did for the symbol [start, stop)."""
        low, high, value = self.low, self.high, self.value
        bits, pos = self.bits, self.pos
        if pos + 2 * PRECISION > len(bits):
            # Past the end the stream reads as zeros, which finish() allows
            # for; one symbol never doubles the interval 2 * PRECISION times.
            bits.extend([0] * (2 * PRECISION))
        width = high - low + 1
        high = low + width * stop // total - 1
        low = low + width * start // total
        while True:
            if high < HALF:
                pass
            elif low >= HALF:
                low -= HALF
                high -= HALF
                value -= HALF
            elif low >= QUARTER and high < HALF + QUARTER:
                low -= QUARTER
                high -= QUARTER
                value -= QUARTER
            else:
                break
            low = 2 * low
            high = 2 * high + 1
            value = 2 * value + bits[pos]
            pos += 1
        self.low, self.high, self.value, self.pos = low, high, value, pos


# --8<-- [end:coder]

# --8<-- [start:quantize]
SCALE = 1 << 24  # resolution of the integer counts (well below MAX_TOTAL)
RAMP = np.arange(258)  # the "+ j + 1" of cum(j), for every j at once


def cumulative_counts(weights, last):
    """Integer cumulative counts from float weights, one row per prediction.

    cum(j) = floor(R_j * SCALE / R_last) + j + 1, where R_j = w_0 + ... + w_j
    is a running sum along the row (float64, added left to right) and
    ``last`` is the row's last outcome (an int, or one per row). R never
    decreases, and the ramp j + 1 adds one count per outcome, so every
    outcome, however unlikely, keeps at least one count: none can be given
    an empty interval. Returns C with C[:, 0] = 0 and C[:, j + 1] = cum(j):
    outcome j owns the counts [C[j], C[j + 1]) of C[last + 1]. Encoder and
    decoder both come here, so they get the same integers.
    """
    rows, width = weights.shape
    running = np.zeros((rows, width + 1))  # R_{-1} = 0, then R_0 .. R_last
    np.add.accumulate(weights, axis=1, dtype=np.float64, out=running[:, 1:])
    if isinstance(last, int):
        scale = SCALE / running[:, last + 1 : last + 2]
    else:
        scale = SCALE / running[np.arange(rows), last + 1][:, None]
    return (running * scale).astype(np.int64) + RAMP[: width + 1]


# --8<-- [end:quantize]

# --8<-- [start:driver]
ESCAPE = 0  # outcome 0 means "a byte not seen before follows"


def _varint(n):
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _read_varint(data, offset=0):
    n = shift = 0
    for i in range(offset, len(data)):
        n |= (data[i] & 0x7F) << shift
        shift += 7
        if not data[i] & 0x80:
            return n, i + 1
    raise ValueError("truncated length header")


def lane_bounds(n_bytes, lanes):
    """Where each lane's part of the input starts and ends.

    The input is cut into `lanes` consecutive parts, all of the same size
    but the last, which may be shorter (or empty, for a tiny input).
    """
    size = -(-n_bytes // lanes)  # ceil(n_bytes / lanes)
    return [min(n_bytes, lane * size) for lane in range(lanes + 1)]


def lane_steps(bounds):
    """How many lanes are still reading at each step."""
    sizes = [b - a for a, b in zip(bounds, bounds[1:])]
    return [sum(size > t for size in sizes) for t in range(sizes[0])]


def reading_order(data, lanes):
    """The bytes in the order the model reads them: step by step, lane by lane.

    At step t the model reads byte t of every part that is that long; the
    longer parts come first, so the lanes still reading are always lanes
    0 .. active - 1. Returns the bytes in that order and the number of
    active lanes at each step.
    """
    bounds = lane_bounds(len(data), lanes)
    parts = [data[a:b] for a, b in zip(bounds, bounds[1:])]
    steps = lane_steps(bounds)
    sequence = bytes(
        part[t] for t, active in enumerate(steps) for part in parts[:active]
    )
    return sequence, steps


def _outcomes(sequence, steps):
    """For every byte read: its outcome, and how many outcomes there were.

    Outcome 0 is the escape; outcome i is the i-th distinct byte, in the
    order they first appear. All lanes of a step choose among the bytes
    known before that step (so widths[p] is the same across a step); a
    byte new to a step is an escape in every lane that reads it.
    """
    position, outcomes, widths, p = {}, [], [], 0
    for active in steps:
        width = len(position) + 1
        step = sequence[p : p + active]
        for byte in step:
            outcomes.append(position.get(byte, ESCAPE))
            widths.append(width)
        for byte in step:
            if byte not in position:
                position[byte] = len(position) + 1
        p += active
    return outcomes, widths


def step_by_step(model, sequence, steps, outcomes, widths, want_bits=False):
    """Predict, count and learn one step at a time; yield each byte's interval.

    Yields (start, stop, total, bits) per byte read, where bits is -log2 p
    of its outcome under the model's float probabilities (None unless
    want_bits). The decoder has no choice but to go this way.
    """
    p = 0
    for active in steps:
        n, picked = widths[p], outcomes[p : p + active]
        weights = model.predict(n, active)
        for lane, outcome in enumerate(picked):
            # One row of cumulative_counts, worked out only where needed:
            # the same float64 products and truncations, so the same integers.
            running = np.add.accumulate(weights[lane], dtype=np.float64)
            scale = SCALE / running.item(n - 1)
            start = int(running.item(outcome - 1) * scale) + outcome if outcome else 0
            stop = int(running.item(outcome) * scale) + outcome + 1
            total = int(running.item(n - 1) * scale) + n
            p_outcome = weights.item(lane, outcome) / running.item(n - 1)
            bits = -math.log2(p_outcome) if want_bits else None
            yield start, stop, total, bits
        model.learn(picked, sequence[p : p + active])
        p += active


def compress(data, model, trace=None, emitted=None):
    """Compress bytes with a fresh model; optionally record what each costs.

    The model reads model.lanes parts of the input side by side (see
    reading_order), and each lane has its own arithmetic coder, so the
    decoder can decode one byte of every lane per step. If given,
    ``trace`` receives for every byte, in reading order, its ideal code
    length -log2 p in bits (escape and raw byte included), and ``emitted``
    the number of bits the coders have produced so far (pending bits
    counted), to compare the two.

    A model may offer ``intervals``, a faster way to the same numbers as
    step_by_step: the encoder knows every byte in advance (see
    NeuralModel.intervals).
    """
    sequence, steps = reading_order(data, model.lanes)
    outcomes, widths = _outcomes(sequence, steps)
    intervals = getattr(model, "intervals", None) or partial(step_by_step, model)
    coded = intervals(sequence, steps, outcomes, widths, want_bits=trace is not None)
    encoders = [ArithmeticEncoder() for _ in range(model.lanes)]
    unseen = list(range(256))  # bytes not seen before this step
    p = 0
    for active in steps:
        for lane in range(active):
            byte, outcome = sequence[p], outcomes[p]
            start, stop, total, cost = next(coded)
            encoder = encoders[lane]
            encoder.encode(start, stop, total)
            if outcome == ESCAPE:
                rank = unseen.index(byte)
                encoder.encode(rank, rank + 1, len(unseen))
                if cost is not None:
                    cost += math.log2(len(unseen))
            if trace is not None:
                trace.append(cost)
            if emitted is not None:
                emitted.append(sum(len(e.bits) + e.pending for e in encoders))
            p += 1
        for byte in set(sequence[p - active : p]).intersection(unseen):
            unseen.remove(byte)
    streams = [encoder.finish() for encoder in encoders]
    header = _varint(len(data)) + b"".join(_varint(len(s)) for s in streams[:-1])
    return header + b"".join(streams)


def decompress(blob, model):
    """Rebuild the bytes by running a fresh copy of the same model.

    The decoder sees the model's predictions for a step before it knows the
    bytes, exactly as the encoder did, and then teaches the model those
    bytes. Any difference in the float probabilities, even in the last bit,
    could change an integer count and from then on every later byte would
    decode wrongly.
    """
    length, offset = _read_varint(blob)
    sizes = []
    for _ in range(model.lanes - 1):
        size, offset = _read_varint(blob, offset)
        sizes.append(size)
    decoders = []
    for size in sizes + [len(blob)]:
        decoders.append(ArithmeticDecoder(blob[offset : offset + size]))
        offset += size
    bounds = lane_bounds(length, model.lanes)
    parts = [bytearray() for _ in range(model.lanes)]
    symbols = []  # outcome i -> byte, for i >= 1
    unseen = list(range(256))  # bytes not seen before this step
    for active in lane_steps(bounds):
        n = len(symbols) + 1
        counts = cumulative_counts(model.predict(n, active), n - 1)
        totals = counts[:, -1].tolist()
        targets = [decoders[lane].target(total) for lane, total in enumerate(totals)]
        # Outcome j owns [counts[j], counts[j + 1]), and counts[0] = 0: the
        # outcome holding the target is one less than how many counts <= it.
        picked = (counts <= np.array(targets)[:, None]).sum(axis=1) - 1
        lanes = np.arange(active)
        starts = counts[lanes, picked].tolist()
        stops = counts[lanes, picked + 1].tolist()
        picked = picked.tolist()
        read = []
        for lane, outcome in enumerate(picked):
            decoder = decoders[lane]
            decoder.consume(starts[lane], stops[lane], totals[lane])
            if outcome == ESCAPE:
                rank = decoder.target(len(unseen))
                decoder.consume(rank, rank + 1, len(unseen))
                byte = unseen[rank]
            else:
                byte = symbols[outcome - 1]
            parts[lane].append(byte)
            read.append(byte)
        for byte in read:
            if byte in unseen:
                unseen.remove(byte)
                symbols.append(byte)
        model.learn(picked, read)
    return b"".join(parts)


# --8<-- [end:driver]

# --8<-- [start:contexts]
MAX_WORD = 16  # letters of the current word kept as context
WORD_MASK = (1 << 8 * MAX_WORD) - 1
WORD_BASE = 1 << 48  # word keys go above every context key in read()
SPREAD = 0x9E3779B97F4A7C15  # odd multiplier that scatters keys over the rows


class Contexts:
    """The rows of the weight table that are active for each lane's next byte.

    Features: a bias (row 0), the last k bytes for each order k, and the
    letters of the word being read. A context is kept as a Python int: the
    last k bytes read as a base-256 number, with a 1 in front of them so
    that contexts of different orders never share a key. Each distinct
    context gets its own row the first time any lane meets it, so rows are
    numbered in order of first appearance, the same in the encoder and the
    decoder, and all lanes share them. Once the table is full, new contexts
    share rows picked by a fixed multiplicative hash of their key (integer
    arithmetic: the same in every process, unlike Python's hash() of bytes).
    """

    def __init__(self, orders, word, capacity, lanes=1):
        self.orders, self.word, self.capacity = orders, word, capacity
        # key of order k = (last k bytes) | (a 1 just above them)
        self.keys = [((1 << 8 * k) - 1, 1 << 8 * k) for k in orders]
        self.keep = (1 << 8 * max(orders)) - 1  # the longest context
        self.index = {}  # context key -> row
        self.words = {}  # word key -> row
        # Each lane: the bytes it has read, as one int (zeros before the
        # start), and the word it is reading, lower case, as an int.
        self.history, self.letters = [0] * lanes, [0] * lanes
        self.rows = [self._rows(0, 0)] * lanes

    def _row(self, table, key):
        used = len(self.index) + len(self.words) + 1
        if used < self.capacity:
            table[key] = used
            return used
        return 1 + (key * SPREAD >> 64) % (self.capacity - 1)

    def rows_in_use(self):
        """Rows 0 .. rows_in_use() - 1 may hold something; the rest are unused."""
        return min(self.capacity, len(self.index) + len(self.words) + 1)

    def _rows(self, history, letters):
        index, row_for = self.index, self._row
        rows = [0]  # the bias
        for mask, mark in self.keys:
            key = history & mask | mark
            rows.append(index.get(key) or row_for(index, key))
        if self.word:
            rows.append(self.words.get(letters) or row_for(self.words, letters))
        return rows

    def push(self, lane, byte):
        """Lane `lane` has read `byte`: move on to the rows for its next byte."""
        history = (self.history[lane] << 8 | byte) & self.keep
        letters = self.letters[lane]
        if 65 <= byte <= 90 or 97 <= byte <= 122:  # ASCII letters, any case
            letters = (letters << 8 | byte | 32) & WORD_MASK
        else:
            letters = 0
        self.history[lane], self.letters[lane] = history, letters
        self.rows[lane] = self._rows(history, letters)

    def push_all(self, read):
        """Lanes 0, 1, ... have read these bytes, one each."""
        for lane, byte in enumerate(read):
            self.push(lane, byte)

    def read(self, sequence, steps):
        """The rows active before each byte of `sequence`: an int array.

        One row of the result per byte, in reading order (see
        reading_order): the rows push() would give byte after byte, found
        with array operations instead (the encoder's shortcut; the decoder
        cannot use it, as it learns each byte only by decoding it). Rows are
        allocated in the same order as push() would: contexts in the order
        they first appear. Leaves the state as after the last byte.
        """
        n_bytes, width = len(sequence), len(self.rows[0])
        if not n_bytes:
            return np.zeros((0, width), dtype=np.intp)
        lanes, n_steps, longest = len(self.history), len(steps), max(self.orders)
        # Each byte's step and lane, and where each step starts.
        starts = np.cumsum([0] + steps[:-1])
        step_of = np.repeat(np.arange(n_steps), steps)
        lane_of = np.arange(n_bytes) - starts[step_of]
        sizes = np.bincount(lane_of, minlength=lanes).tolist()  # bytes per lane
        # grid[l, longest + t]: what lane l read at step t, after the last
        # `longest` bytes it had read before.
        grid = np.zeros((lanes, longest + n_steps), dtype=np.int64)
        for lane, history in enumerate(self.history):
            grid[lane, :longest] = list(history.to_bytes(longest, "big"))
        grid[lane_of, longest + step_of] = np.frombuffer(sequence, dtype=np.uint8)
        # Keys after each byte: order k = the last k bytes, a 1 above them.
        keys, value = [], np.zeros((lanes, n_steps), dtype=np.int64)
        for i in range(longest):
            value |= grid[:, longest - i : longest - i + n_steps] << (8 * i)
            if i + 1 in self.orders:
                keys.append(value[lane_of, step_of] | 1 << 8 * (i + 1))
        # The word being read, lane after lane (the letters are kept even
        # when the word is not a feature, as push() keeps them).
        ids, word_id = {}, np.zeros((lanes, n_steps), dtype=np.int64)
        for lane in range(lanes):
            letters, column = self.letters[lane], []
            for byte in grid[lane, longest : longest + sizes[lane]].tolist():
                if 65 <= byte <= 90 or 97 <= byte <= 122:
                    letters = (letters << 8 | byte | 32) & WORD_MASK
                else:
                    letters = 0
                column.append(ids.setdefault(letters, len(ids)))
            self.letters[lane] = letters
            word_id[lane, : len(column)] = column
        words = list(ids)  # the word key of each id
        if self.word:
            keys.append(word_id[lane_of, step_of] + WORD_BASE)
        # Rows after each byte, allocated in order of first appearance.
        flat = np.stack(keys, axis=1).ravel()
        distinct, first, where = np.unique(flat, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        found = []
        index, row_for = self.index, self._row
        for key in distinct[order].tolist():
            if key >= WORD_BASE:
                word = words[key - WORD_BASE]
                found.append(self.words.get(word) or row_for(self.words, word))
            else:
                found.append(index.get(key) or row_for(index, key))
        row_of = np.empty(len(distinct), dtype=np.intp)
        row_of[order] = found
        after = np.zeros((n_bytes, width), dtype=np.intp)  # column 0: the bias
        after[:, 1:] = row_of[where].reshape(n_bytes, -1)
        # Rows before each byte: the lane's rows after its previous byte.
        out = np.empty_like(after)
        out[: steps[0]] = self.rows[: steps[0]]
        later = step_of > 0
        out[later] = after[starts[step_of[later] - 1] + lane_of[later]]
        for lane in range(min(lanes, steps[0])):
            size = sizes[lane]
            last = starts[size - 1] + lane
            self.rows[lane] = after[last].tolist()
            tail = grid[lane, size : longest + size].tolist()
            self.history[lane] = int.from_bytes(bytes(tail), "big")
        return out


# --8<-- [end:contexts]

# --8<-- [start:neural]
# Gates stay within +-GATE_MAX and weights within +-LOGIT_BOUND / (F *
# GATE_MAX) for F features, so every logit lies within +-LOGIT_BOUND, and
# exp(+-72) neither overflows nor underflows in float32, not even summed
# over 257 outcomes. (With the default six features: weights within +-4.)
LOGIT_BOUND = 72.0
GATE_MAX = 3.0
WIDTHS = tuple(range(16, 257, 16)) + (257,)  # row widths the table steps through


class NeuralModel:
    """A wide softmax layer over context features, trained while it reads.

    Input: a multi-hot vector with one active entry per feature (a bias, the
    last 1, 2, 3 and 5 bytes, the word being read), each context owning one
    row of the weight matrix W. The active entry of feature k holds a
    learned gate a_k instead of 1, so the logits are sum_k a_k W[row_k] and
    the prediction is their softmax. The gates, one number per feature, let
    the model learn how far to trust each context length. After every
    `batch` bytes (counted at the end of a step), W and the gates take one
    Adagrad step on the summed gradient of the log-loss; for a softmax that
    gradient starts from p - onehot(outcome).
    """

    def __init__(
        self,
        orders=(1, 2, 3, 5),
        word=True,
        capacity=1 << 17,
        learning_rate=0.5,
        gate_rate=0.1,
        batch=128,
        sq_grad0=1.0,
        lanes=16,
    ):
        self.lanes = lanes
        self.ctx = Contexts(orders, word, capacity, lanes)
        self.lr, self.gate_lr, self.batch = learning_rate, gate_rate, batch
        self.sq_grad0 = sq_grad0  # damps the first steps of a fresh row
        # One row per context, one column per outcome. The table widens as
        # the alphabet grows (see _fit): narrow rows keep the reads and
        # writes of W small. np.zeros maps pages lazily, so memory grows
        # with the rows in use.
        self.width = WIDTHS[0]
        self.weights = np.zeros((capacity, self.width), dtype=np.float32)
        self.sq_grad = np.zeros((capacity, self.width), dtype=np.float32)
        n_features = len(self.ctx.rows[0])
        self.gate = np.ones(n_features, dtype=np.float32)
        self.gate_sq = np.zeros(n_features, dtype=np.float32)
        self.w_max = LOGIT_BOUND / (n_features * GATE_MAX)
        self.seen = ([], [], [])  # active rows, exp(logits), outcomes

    def _fit(self, n_outcomes):
        """Make the table at least n_outcomes wide (copying the rows in use)."""
        width = next(w for w in WIDTHS if w >= n_outcomes)
        used = self.ctx.rows_in_use()
        for name in ("weights", "sq_grad"):
            old = getattr(self, name)
            new = np.zeros((len(old), width), dtype=np.float32)
            new[:used, : self.width] = old[:used]
            setattr(self, name, new)
        self.width = width

    def _exp_logits(self, rows, n_outcomes):
        """exp(sum_k a_k W[row_k]) over the first n_outcomes columns.

        ``rows`` holds the active rows of any number of predictions, one
        row of `rows` per prediction. The gated rows are added by an
        elementwise product and a sum over the feature axis, which numpy
        does one feature after another for every column, whatever the shape:
        a prediction gets the very same floats alone or in a batch, and
        whatever the table's width. (A matrix product would not promise
        that: BLAS may add in another order for other sizes or strides.)
        """
        w = self.weights.take(rows, axis=0)  # a copy: safe to scale in place
        np.multiply(w, self.gate[:, None], out=w)
        logits = np.add.reduce(w, axis=-2)[..., :n_outcomes]
        return np.exp(logits, out=logits)

    def predict(self, n_outcomes, active):
        """exp(logits) for the next byte of lanes 0 .. active - 1: (active, n)."""
        if n_outcomes > self.width:
            self._fit(n_outcomes)
        self.exp = self._exp_logits(self.ctx.rows[:active], n_outcomes)
        return self.exp

    def learn(self, outcomes, read):
        """Lanes 0 .. len(read) - 1 read these bytes, with these outcomes."""
        rows, exps, seen = self.seen
        rows += self.ctx.rows[: len(read)]
        exps.append(self.exp)
        seen += outcomes
        self.ctx.push_all(read)
        if len(seen) >= self.batch:
            width = exps[-1].shape[1]
            if exps[0].shape[1] == width:
                e = np.concatenate(exps)
            else:  # the alphabet grew within the batch: new outcomes had p = 0
                e = np.zeros((len(seen), width), dtype=np.float32)
                p = 0
                for x in exps:
                    e[p : p + len(x), : x.shape[1]] = x
                    p += len(x)
            self.seen = ([], [], [])
            self._adagrad_step(np.array(rows, dtype=np.intp), e, seen)

    def intervals(self, sequence, steps, outcomes, widths, want_bits=False):
        """The encoder's shortcut: the same numbers as step_by_step, faster.

        W changes only between batches, and the encoder knows every byte, so
        it works out the rows, exp(logits) and integer counts of all the
        steps up to the next update in a handful of array operations. The
        decoder calls predict() once per step; the two give identical
        counts (see _exp_logits).
        """
        active_rows = self.ctx.read(sequence, steps)
        begin = end = 0
        for number, active in enumerate(steps):
            end += active
            if end - begin < self.batch and number < len(steps) - 1:
                continue  # the model learns only when a batch is full
            rows = np.array(active_rows[begin:end], dtype=np.intp)
            out = np.array(outcomes[begin:end])
            last = np.array(widths[begin:end]) - 1  # each byte's last outcome
            n = int(last[-1]) + 1
            if n > self.width:
                self._fit(n)
            e = self._exp_logits(rows, n)
            e[RAMP[:n] > last[:, None]] = 0.0  # outcomes not yet seen then
            counts = cumulative_counts(e, last)
            picks = np.arange(len(out))
            start, stop = counts[picks, out], counts[picks, out + 1]
            total = counts[picks, last + 1]
            if want_bits:
                p = e[picks, out] / e.sum(axis=1, dtype=np.float64)
                bits = (-np.log2(p)).tolist()
            else:
                bits = [None] * len(out)
            yield from zip(start.tolist(), stop.tolist(), total.tolist(), bits)
            if end - begin >= self.batch:
                self._adagrad_step(rows, e, out)
            begin = end

    def _adagrad_step(self, rows, e, outcomes):
        """One Adagrad step on a batch: rows (steps, features), e = exp(logits)."""
        T, n = e.shape
        steps = np.arange(T)
        # dLoss/dlogits = P - Y: probabilities minus the one-hot outcomes,
        # padded with zeros to whole rows of the table (no gradient there).
        grad = np.zeros((T, self.width), dtype=np.float32)
        np.divide(e, e.sum(axis=1, keepdims=True), out=grad[:, :n])
        grad[steps, outcomes] -= 1.0
        # Gates: dLoss/da_k = sum over steps of W[row_k] . (p - y). The rows
        # have not changed since they were used: W moves only here.
        gate_g = np.einsum("tkj,tj->k", self.weights.take(rows, axis=0), grad)
        # The batch's distinct rows, and where each (step, feature) is among them.
        flat = rows.ravel()
        order = flat.argsort(kind="stable")
        ordered = flat[order]
        new = np.empty(len(flat), dtype=bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
        distinct = ordered[new]
        column = np.empty(len(flat), dtype=np.intp)
        column[order] = np.cumsum(new) - 1
        # Weights: each distinct row gets the sum of a_k (p_t - y_t) over the
        # (step t, feature k) pairs where it was active. A row active once
        # takes its one share as it is; the rows active more than once (the
        # bias, short contexts) add theirs up by X^T (P - Y), X[t, j] = a_k
        # if their j-th row was active at step t as feature k, else 0.
        share, at = np.tile(self.gate, T), steps.repeat(rows.shape[1])
        count = np.bincount(column)
        once = count[column] == 1
        g = np.empty((len(distinct), self.width), dtype=np.float32)
        g[column[once]] = share[once, None] * grad[at[once]]
        many = count > 1
        slot = np.cumsum(many) - 1  # the place of each repeated row in X
        x = np.zeros((T, int(slot[-1]) + 1), dtype=np.float32)
        np.add.at(x, (at[~once], slot[column[~once]]), share[~once])
        g[many] = x.T @ grad
        # Adagrad, per weight: a step of lr / sqrt(sq_grad0 + sum of g^2 so far).
        w = self.weights.take(distinct, axis=0)
        sq = self.sq_grad.take(distinct, axis=0)
        sq += g * g
        w -= self.lr * g / np.sqrt(sq + self.sq_grad0)
        np.clip(w, -self.w_max, self.w_max, out=w)
        self.weights[distinct] = w
        self.sq_grad[distinct] = sq
        self.gate_sq += gate_g * gate_g
        self.gate -= self.gate_lr * gate_g / np.sqrt(self.gate_sq + 1e-8)
        np.clip(self.gate, -GATE_MAX, GATE_MAX, out=self.gate)


# --8<-- [end:neural]


# --8<-- [start:mlp]
LOGIT_CAP = 80.0  # exp(80) ~ 5.5e34 still fits a float32


class MLPModel:
    """A deeper alternative: context embeddings, a ReLU hidden layer, softmax.

    Each active context owns an embedding of `dim` numbers instead of a row
    of one weight per outcome; their sum goes through a hidden layer of ReLU
    units and then a softmax layer shared by all contexts. Far fewer weights
    per context, so a context has to share what it learns, and every
    prediction depends on weights that all the others are also moving.
    Trained the same way: Adagrad, one step per `batch` bytes.
    """

    def __init__(
        self,
        orders=(1, 2, 3, 4, 5),
        word=True,
        capacity=1 << 17,
        dim=32,
        hidden=64,
        learning_rate=0.06,
        batch=32,
        seed=0,
        lanes=1,
    ):
        rng = np.random.default_rng(seed)
        self.lanes = lanes
        self.ctx = Contexts(orders, word, capacity, lanes)
        self.lr, self.batch = learning_rate, batch
        # Small random embeddings and output weights: with zeros, no
        # gradient would ever reach the hidden layer.
        self.embed = rng.normal(0, 0.1, (capacity, dim)).astype(np.float32)
        self.params = {  # He initialisation for the ReLU layer
            "V": rng.normal(0, np.sqrt(2 / dim), (dim, hidden)).astype(np.float32),
            "c": np.zeros(hidden, dtype=np.float32),
            "U": rng.normal(0, 0.01, (hidden, 257)).astype(np.float32),
            "b": np.zeros(257, dtype=np.float32),
        }
        self.sq = {k: np.full_like(v, 1e-8) for k, v in self.params.items()}
        self.embed_sq = np.zeros_like(self.embed)
        self.seen = []

    def predict(self, n_outcomes, active):
        p = self.params
        self.e = self.embed.take(self.ctx.rows[:active], axis=0).sum(axis=1)
        self.h = np.maximum(self.e @ p["V"] + p["c"], 0)  # the ReLU layer
        logits = self.h @ p["U"][:, :n_outcomes] + p["b"][:n_outcomes]
        np.minimum(logits, LOGIT_CAP, out=logits)
        self.exp = np.exp(logits)
        return self.exp

    def learn(self, outcomes, read):
        for lane, (outcome, byte) in enumerate(zip(outcomes, read)):
            rows, e, h, x = (
                self.ctx.rows[lane],
                self.e[lane],
                self.h[lane],
                self.exp[lane],
            )
            self.seen.append((rows, e, h, x, outcome))
            self.ctx.push(lane, byte)
        if len(self.seen) >= self.batch:
            self._adagrad_step()

    def _adagrad_step(self):
        rows, e, h, exp, outcomes = zip(*self.seen)
        n, width = len(outcomes), len(exp[-1])
        d_logits = np.zeros((n, width), dtype=np.float32)
        for t, x in enumerate(exp):
            d_logits[t, : len(x)] = x / x.sum()
            d_logits[t, outcomes[t]] -= 1.0
        e, h, p = np.array(e), np.array(h), self.params
        d_pre = (d_logits @ p["U"][:, :width].T) * (h > 0)  # back through ReLU
        d_e = d_pre @ p["V"].T
        grads = {
            "U": h.T @ d_logits,
            "b": d_logits.sum(axis=0),
            "V": e.T @ d_pre,
            "c": d_pre.sum(axis=0),
        }
        for k, g in grads.items():
            target = p[k][..., :width] if k in "Ub" else p[k]
            sq = self.sq[k][..., :width] if k in "Ub" else self.sq[k]
            sq += g * g
            target -= self.lr * g / np.sqrt(sq)
        # Embeddings: each distinct row gets the sum of d_e over its steps.
        unique, column = np.unique(rows, return_inverse=True)
        x = np.zeros((n, len(unique)), dtype=np.float32)
        x[np.arange(n)[:, None], column.reshape(n, -1)] = 1.0
        g = x.T @ d_e
        sq = self.embed_sq[unique] + g * g
        self.embed_sq[unique] = sq
        self.embed[unique] -= self.lr * g / np.sqrt(sq + 1e-8)
        self.seen = []


# --8<-- [end:mlp]


# --8<-- [start:counts]
class CountModel:
    """Adaptive context counts blended from order 0 up (Witten-Bell).

    p_k(x) = (c_k(x) + u_k p_{k-1}(x)) / (n_k + u_k), where context k has seen
    n_k bytes, u_k of them distinct, c_k(x) of them equal to x; order -1 is
    uniform. No gradient, no learning rate: counting is the whole model.
    """

    def __init__(self, orders=(1, 2, 3, 4), capacity=1 << 17, lanes=1):
        self.lanes = lanes
        self.ctx = Contexts(orders, False, capacity, lanes)  # row 0 is order 0
        self.counts = np.zeros((capacity, 257), dtype=np.float64)
        self.seen = {}  # row -> (n, u), only for rows that have seen something

    def _blend(self, rows, n_outcomes):
        # Unroll the recursion into one weight per order, highest order first:
        # p = sum_k coef_k c_k + carry * uniform.
        coef, carry = [], 1.0
        for row in reversed(rows):
            n, u = self.seen.get(row, (0, 0))
            if n:
                coef.append(carry / (n + u))
                carry *= u / (n + u)
            else:
                coef.append(0.0)
        counts = self.counts.take(rows, axis=0)[:, :n_outcomes]
        return np.array(coef[::-1]) @ counts + carry / n_outcomes

    def predict(self, n_outcomes, active):
        return np.array(
            [self._blend(rows, n_outcomes) for rows in self.ctx.rows[:active]]
        )

    def learn(self, outcomes, read):
        counts = self.counts
        for lane, (outcome, byte) in enumerate(zip(outcomes, read)):
            for row in self.ctx.rows[lane]:
                n, u = self.seen.get(row, (0, 0))
                c = counts[row, outcome]
                counts[row, outcome] = c + 1
                self.seen[row] = (n + 1, u + 1 if c == 0 else u)
            self.ctx.push(lane, byte)


# --8<-- [end:counts]

# --8<-- [start:lzw]
LZW_MAX_BITS = 16  # the table stops growing at 2**16 entries


def _lzw_width(i):
    # The i-th code (from 0) is at most 255 + i: both sides know its width.
    return min(LZW_MAX_BITS, max(8, (255 + i).bit_length()))


def lzw_compress(data):
    """LZW: emit the code of the longest known string, learn it plus one byte."""
    table = {bytes([b]): b for b in range(256)}
    codes, current = [], b""
    for byte in data:
        longer = current + bytes([byte])
        if longer in table:
            current = longer
            continue
        codes.append(table[current])
        if len(table) < 1 << LZW_MAX_BITS:
            table[longer] = len(table)
        current = bytes([byte])
    if current:
        codes.append(table[current])
    bits = "".join(format(c, f"0{_lzw_width(i)}b") for i, c in enumerate(codes))
    bits += "0" * (-len(bits) % 8)
    body = int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""
    return _varint(len(data)) + body


def lzw_decompress(blob):
    length, offset = _read_varint(blob)
    body = blob[offset:]
    bits = format(int.from_bytes(body, "big"), f"0{8 * len(body)}b") if body else ""
    table = [bytes([b]) for b in range(256)]
    out, previous, pos, i = bytearray(), b"", 0, 0
    while len(out) < length:
        width = _lzw_width(i)
        code = int(bits[pos : pos + width], 2)
        pos, i = pos + width, i + 1
        if code < len(table):
            entry = table[code]
        elif code == len(table) and previous:
            entry = previous + previous[:1]  # the string being defined right now
        else:
            raise ValueError(f"bad LZW code {code}")
        if previous and len(table) < 1 << LZW_MAX_BITS:
            table.append(previous + entry[:1])
        out += entry
        previous = entry
    return bytes(out)


# --8<-- [end:lzw]


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


# --8<-- [start:corpus]
def english_corpus():
    """The site's own Markdown, snapshotted by snippets/_data/make_corpus.py."""
    return (
        Path(__file__).resolve().parent.parent / "_data" / "site-text.md"
    ).read_bytes()


# --8<-- [end:corpus]
