"""A small lossless compressor whose model learns while it reads.

The pieces, in the order the pages show them:

- ``coder``: an arithmetic coder in exact integer arithmetic (Python ints).
- ``quantize``: ``Counts`` turns a model's float probabilities into integer
  counts, each at least 1, so that no symbol can ever be given an empty interval.
- ``driver``: ``compress`` / ``decompress``, shared by every model. A byte
  never seen before is sent as an escape followed by the byte itself.
- ``neural``: a one-layer softmax over hashed contexts, trained online with
  Adagrad (the neural compressor).
- ``counts``: an adaptive context-count model (Witten-Bell blending of
  orders 0-4), the non-neural baseline with the same coder.
- ``lzw``: the "table" baseline, LZW with variable-width codes.
- ``markov``: an order-1 Markov source whose entropy rate is computed
  exactly from its transition matrix.

numpy and the standard library only. Encoder and decoder run the very same
model code, step by step, on arrays of the same shapes and dtypes: that is
what makes their probabilities bit-identical (see ``decompress``).
"""

from __future__ import annotations

import bisect
import math
import zlib
from fractions import Fraction
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
        self.pos = 0
        self.low, self.high = 0, FULL - 1
        self.value = 0
        for _ in range(PRECISION):
            self.value = 2 * self.value + self._next_bit()

    def _next_bit(self):
        # Past the end the stream reads as zeros, which finish() allows for.
        bit = self.bits[self.pos] if self.pos < len(self.bits) else 0
        self.pos += 1
        return bit

    def target(self, total):
        """The count (0 <= t < total) that the coded point falls on."""
        width = self.high - self.low + 1
        return ((self.value - self.low + 1) * total - 1) // width

    def consume(self, start, stop, total):
        """Narrow exactly as the encoder did for the symbol [start, stop)."""
        low, high, value = self.low, self.high, self.value
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
            value = 2 * value + self._next_bit()
        self.low, self.high, self.value = low, high, value


# --8<-- [end:coder]

# --8<-- [start:quantize]
SCALE = 1 << 24  # resolution of the integer counts (well below MAX_TOTAL)


class Counts:
    """Integer cumulative counts made from a model's float weights.

    cum(j) = floor(R_j * SCALE / R_last) + j + 1, where R_j = w_0 + ... + w_j
    is a running sum (float32, added left to right; its rounding does not
    matter, only that both sides round alike). R never decreases, and the
    ramp j + 1 adds one
    count per outcome, so every outcome, however unlikely, keeps at least
    one count: none can be given an empty interval. Encoder and decoder both
    go through cum(), the same scalar arithmetic on the same floats.
    """

    __slots__ = ("running", "scale", "last", "total")

    def __init__(self, weights):
        self.running = np.add.accumulate(weights)
        self.last = len(weights) - 1
        self.scale = SCALE / self.running.item(self.last)
        self.total = self.cum(self.last)

    def cum(self, j):
        return int(self.running.item(j) * self.scale) + j + 1 if j >= 0 else 0

    def interval(self, j):
        """Outcome j owns the counts [cum(j - 1), cum(j)) of total."""
        running, scale = self.running, self.scale
        start = int(running.item(j - 1) * scale) + j if j else 0  # cum(j - 1)
        return start, int(running.item(j) * scale) + j + 1, self.total

    def find(self, target):
        """The outcome j with cum(j - 1) <= target < cum(j), by bisection."""
        return bisect.bisect_right(range(self.last + 1), target, key=self.cum)


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


def _read_varint(data):
    n = shift = 0
    for i, byte in enumerate(data):
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return n, i + 1
    raise ValueError("truncated length header")


def compress(data, model, trace=None, emitted=None):
    """Compress bytes with a fresh model; optionally record what each costs.

    The model predicts a distribution over len(seen) + 1 outcomes: outcome 0
    is the escape, outcome i is the i-th distinct byte in order of first
    appearance. If given, ``trace`` receives for every byte its ideal code
    length -log2 p in bits under the model's float probabilities (escape and
    raw byte included), and ``emitted`` the number of bits the coder has
    produced so far (pending bits counted), to compare the two.
    """
    encoder = ArithmeticEncoder()
    position = {}  # byte -> outcome index
    unseen = list(range(256))
    predict, learn, encode = model.predict, model.learn, encoder.encode
    for byte in data:
        counts = Counts(predict(len(position) + 1))
        outcome = position.get(byte, ESCAPE)
        encode(*counts.interval(outcome))
        if trace is not None:
            p = model.probability(outcome)
            trace.append(-math.log2(p))
        if outcome == ESCAPE:
            rank = unseen.index(byte)
            encoder.encode(rank, rank + 1, len(unseen))
            if trace is not None:
                trace[-1] += math.log2(len(unseen))
            unseen.pop(rank)
            position[byte] = len(position) + 1
        learn(outcome, byte)
        if emitted is not None:
            emitted.append(len(encoder.bits) + encoder.pending)
    return _varint(len(data)) + encoder.finish()


def decompress(blob, model):
    """Rebuild the bytes by running a fresh copy of the same model.

    The decoder sees the model's prediction before it knows the byte, exactly
    as the encoder did, and then teaches the model that byte. Any difference
    in the float probabilities, even in the last bit, could change an integer
    count and from then on every later byte would decode wrongly.
    """
    length, offset = _read_varint(blob)
    decoder = ArithmeticDecoder(blob[offset:])
    symbols = []  # outcome index -> byte
    unseen = list(range(256))
    out = bytearray()
    for _ in range(length):
        counts = Counts(model.predict(len(symbols) + 1))
        outcome = counts.find(decoder.target(counts.total))
        decoder.consume(*counts.interval(outcome))
        if outcome == ESCAPE:
            rank = decoder.target(len(unseen))
            decoder.consume(rank, rank + 1, len(unseen))
            byte = unseen.pop(rank)
            symbols.append(byte)
        else:
            byte = symbols[outcome - 1]
        out.append(byte)
        model.learn(outcome, byte)
    return bytes(out)


# --8<-- [end:driver]

# --8<-- [start:contexts]
SINGLE = [bytes((b,)) for b in range(256)]
MAX_WORD = 16  # letters of the current word kept as context


class Contexts:
    """The rows of the weight table that are active for the next byte.

    Features: a bias (row 0), the last k bytes for each order k, and the
    letters of the word being read. Each distinct context gets its own row
    the first time it is seen, so rows are numbered in order of first
    appearance, the same in the encoder and the decoder. Once the table is
    full, new contexts share rows chosen by a checksum (zlib.crc32, which,
    unlike Python's hash() of bytes, is the same in every process).
    """

    def __init__(self, orders, word, capacity):
        self.orders, self.word, self.capacity = orders, word, capacity
        self.recent = bytes(max(orders))  # zero bytes before the start
        self.letters = b""  # the word being read, in lower case
        self.index = {}  # context bytes -> row (keys of different orders differ in length)
        self.words = {}  # word -> row
        self.rows = self._rows()

    def _row(self, table, key):
        row = table.get(key)
        if row is None:
            used = len(self.index) + len(self.words) + 1
            if used < self.capacity:
                row = table[key] = used
            else:
                row = 1 + zlib.crc32(key) % (self.capacity - 1)
        return row

    def _rows(self):
        recent, index = self.recent, self.index
        rows = [0]  # the bias
        for k in self.orders:
            key = recent[-k:]
            row = index.get(key)
            rows.append(row if row is not None else self._row(index, key))
        if self.word:
            row = self.words.get(self.letters)
            rows.append(row if row is not None else self._row(self.words, self.letters))
        return rows

    def push(self, byte):
        self.recent = self.recent[1:] + SINGLE[byte]
        if 65 <= byte <= 90 or 97 <= byte <= 122:  # ASCII letters, any case
            self.letters = self.letters[1 - MAX_WORD :] + SINGLE[byte | 32]
        else:
            self.letters = b""
        self.rows = self._rows()


# --8<-- [end:contexts]

# --8<-- [start:neural]
LOGIT_CAP = 80.0  # exp(80) ~ 5.5e34 still fits a float32


class NeuralModel:
    """A wide softmax layer over context features, trained while it reads.

    Input: a multi-hot vector with one active entry per feature (a bias, the
    last 1..5 bytes, the word being read), each context owning one row of
    the weight matrix W. The active entry of feature k holds a learned gate
    a_k instead of 1, so the logits are sum_k a_k W[row_k] and the
    prediction is their softmax. The gates, one number per feature, let the
    model learn how far to trust each context length. After every `batch`
    bytes, W and the gates take one Adagrad step on the summed gradient of
    the log-loss; for a softmax that gradient starts from p - onehot(outcome).
    """

    def __init__(
        self,
        orders=(1, 2, 3, 4, 5),
        word=True,
        capacity=1 << 17,
        learning_rate=0.5,
        gate_rate=0.05,
        batch=32,
        sq_grad0=1.0,
    ):
        self.ctx = Contexts(orders, word, capacity)
        self.lr, self.gate_lr, self.batch = learning_rate, gate_rate, batch
        self.sq_grad0 = sq_grad0  # damps the first steps of a fresh row
        # np.zeros maps pages lazily: memory grows with the rows in use.
        self.weights = np.zeros((capacity, 257), dtype=np.float32)
        self.sq_grad = np.zeros((capacity, 257), dtype=np.float32)
        n_features = len(self.ctx.rows)
        self.gate = np.ones(n_features, dtype=np.float32)
        self.gate_sq = np.zeros(n_features, dtype=np.float32)
        self.seen = []  # (active rows, exp(logits), outcome) for each step

    def predict(self, n_outcomes):
        w = self.weights.take(self.ctx.rows, axis=0)[:, :n_outcomes]
        logits = self.gate @ w  # sum_k a_k W[row_k]
        # Capping the logits keeps exp finite in float32 whatever the weights
        # do; real logits stay far below the cap.
        np.minimum(logits, LOGIT_CAP, out=logits)
        self.exp = np.exp(logits)
        return self.exp

    def probability(self, outcome):
        return float(self.exp[outcome] / self.exp.sum(dtype=np.float64))

    def learn(self, outcome, byte):
        self.seen.append((self.ctx.rows, self.exp, outcome))
        if len(self.seen) == self.batch:
            self._adagrad_step()
        self.ctx.push(byte)

    def _adagrad_step(self):
        active, exps, outcomes = zip(*self.seen)
        active = np.array(active, dtype=np.intp)  # (steps, features)
        n, width = len(outcomes), len(exps[-1])
        if len(exps[0]) == width:
            grad = np.array(exps)
        else:  # the alphabet grew within the batch: new outcomes had p = 0
            grad = np.zeros((n, width), dtype=np.float32)
            for t, e in enumerate(exps):
                grad[t, : len(e)] = e
        # dLoss/dlogits = P - Y: probabilities minus the one-hot outcomes.
        grad /= grad.sum(axis=1, keepdims=True)
        for t, outcome in enumerate(outcomes):
            grad[t, outcome] -= 1.0
        # Gates: dLoss/da_k = sum over steps of W[row_k] . (p - y). The rows
        # have not changed since they were used: W moves only here.
        gate_g = np.einsum("tkj,tj->k", self.weights[active, :width], grad)
        # Weights: X^T (P - Y), where X[t, j] = a_k if the batch's j-th
        # distinct row was active at step t as feature k, else 0.
        rows, column = np.unique(active, return_inverse=True)
        x = np.zeros((n, len(rows)), dtype=np.float32)
        x[np.arange(n)[:, None], column.reshape(n, -1)] = self.gate
        g = x.T @ grad
        sq = self.sq_grad[rows, :width] + g * g
        self.sq_grad[rows, :width] = sq
        sq += self.sq_grad0
        self.weights[rows, :width] -= self.lr * g / np.sqrt(sq)
        self.gate_sq += gate_g * gate_g
        self.gate -= self.gate_lr * gate_g / np.sqrt(self.gate_sq + 1e-8)
        self.seen = []


# --8<-- [end:neural]


# --8<-- [start:mlp]
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
    ):
        rng = np.random.default_rng(seed)
        self.ctx = Contexts(orders, word, capacity)
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

    def predict(self, n_outcomes):
        p = self.params
        self.e = self.embed.take(self.ctx.rows, axis=0).sum(axis=0)
        self.h = np.maximum(self.e @ p["V"] + p["c"], 0)  # the ReLU layer
        logits = self.h @ p["U"][:, :n_outcomes] + p["b"][:n_outcomes]
        np.minimum(logits, LOGIT_CAP, out=logits)
        self.exp = np.exp(logits)
        return self.exp

    def probability(self, outcome):
        return float(self.exp[outcome] / self.exp.sum(dtype=np.float64))

    def learn(self, outcome, byte):
        self.seen.append((self.ctx.rows, self.e, self.h, self.exp, outcome))
        if len(self.seen) == self.batch:
            self._adagrad_step()
        self.ctx.push(byte)

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

    def __init__(self, orders=(1, 2, 3, 4), capacity=1 << 17):
        self.ctx = Contexts(orders, False, capacity)  # row 0 is order 0
        self.counts = np.zeros((capacity, 257), dtype=np.float64)
        self.seen = {}  # row -> (n, u), only for rows that have seen something

    def predict(self, n_outcomes):
        # Unroll the recursion into one weight per order, highest order first:
        # p = sum_k coef_k c_k + carry * uniform.
        coef, carry = [], 1.0
        for row in reversed(self.ctx.rows):
            n, u = self.seen.get(row, (0, 0))
            if n:
                coef.append(carry / (n + u))
                carry *= u / (n + u)
            else:
                coef.append(0.0)
        counts = self.counts.take(self.ctx.rows, axis=0)[:, :n_outcomes]
        self.prob = np.array(coef[::-1]) @ counts
        self.prob += carry / n_outcomes
        return self.prob

    def probability(self, outcome):
        return float(self.prob[outcome] / self.prob.sum())

    def learn(self, outcome, byte):
        counts = self.counts
        for row in self.ctx.rows:
            n, u = self.seen.get(row, (0, 0))
            c = counts[row, outcome]
            counts[row, outcome] = c + 1
            self.seen[row] = (n + 1, u + 1 if c == 0 else u)
        self.ctx.push(byte)


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
