"""The compressor's model and coder in one loop, compiled by numba.

This is the model that ``compress`` uses (model 3 of the file format). It
reads the input once, front to back, one bit at a time, and for each bit:

1. **Context slots.** Eleven contexts are active: the bits of the current
   byte so far alone (order 0), with the last 1, 2, 3, 4, 5, 6 and 8 bytes,
   with the letters of the word being read, with those and the word before,
   and with the two bytes before the last (skipping the last one). Each
   kind of context has a table; a hash of the context and the bits of the
   byte so far picks a group of 16 slots in it (nothing checks which
   context owns a group, so two contexts may share one: slot_groups
   measures how often). A slot holds two probabilities that the next bit
   is 1 and a count n. The fast
   one moves 1/8 of the way towards each bit seen; the slow one moves
   1 / (n + 1.2), so it is close to the average of all the bits the slot
   has seen (the count stops at 1,023).
2. **Match model.** If the last 6 bytes occurred before (looked up by an
   unchecked hash), the byte that followed them then is a guess for the
   next byte; its bits are an input whose reliability is learned per
   match length.
3. **The mixing network, two layers.** The 2 x 11 + 2 stretched
   probabilities st_i = ln(p_i / (1 - p_i)) feed three logistic units, each
   with its own weights chosen among several sets: by the bits of the byte
   so far, by the last byte, and by how many of the order 1-8 contexts
   have been seen before, the match length and the bit's position. A second layer mixes the three units' outputs the
   same way, with weights chosen by the bits of the byte so far. Every unit
   takes a gradient step on its own log-loss after each bit:
   w_i += rate * st_i * (bit - p).
4. **Three refiners (SSE/APM).** The mixed p is corrected by tables indexed
   by p itself and a short context (the byte so far; with the last byte;
   with an 8-bit hash of the last two), learned as they go; the coded
   probability is q = (2p + 2 r1 + 8 r2 + 4 r3) / 16, rounded.
5. **The binary arithmetic coder** of coder.py, 32-bit, codes the bit.

Everything is integer arithmetic whose result is defined exactly, rounding
included (right shifts round down): the model's numbers are int64 and
never overflow; the hashes are uint64, whose additions and
multiplications wrap modulo 2^64 by definition (in int64, an overflow is
undefined behaviour to the compiler numba uses, LLVM). numba compiles it
to machine code, and no float occurs in the model or the coder, so the
encoder and the decoder compute the same bits on every CPU. The same
function encodes and decodes, so the two cannot drift apart.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .logistic import LIMIT, SQUASH, STRETCH

# --8<-- [start:mixer]
CONTEXTS = 11  # order 0, orders 1-6 and 8, word, two words, sparse
INPUTS = 2 * CONTEXTS + 3  # two per context, the match model (2), a bias
COUNT_LIMIT = 1023  # the slow probability never moves slower than 1 / 1025
FAST = 3  # the fast probability moves 1/8 of the way
MATCH_MIN = 6  # bytes of context that a match must share
MIXER_RATE = 32  # layer 1's learning rate (x 2^-16 per unit of st x error)
TOP_RATE = 8  # layer 2's
APM_RATE = 6  # the refiners move 1/64 of the way to each bit
# RATE[n] = 65536 / (n + 1.2): how far the slow probability moves when seen n times
RATE = np.array(
    [(5 << 16) // (5 * n + 6) for n in range(COUNT_LIMIT + 1)], dtype=np.int64
)
# odd multipliers for hashing, in uint64 (products wrap modulo 2^64)
ODD = np.array(
    [
        0x1E3779B97F4A7C15,
        0x42B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0x56E8FEB86659FD93,
        0x20761D6478BD642F,
        0x67037ED1A0B428DB,
        0x0EBC6AF09C88C6E3,
        0x589965CC75374CC3,
        0x1D8E4E27C47D124F,
        0x3C6EF372FE94F82B,
        0x2545F4914F6CDD1D,
        0x5851F42D4C957F2D,
    ],
    dtype=np.uint64,
)
# LOW[k]: the last k bytes of a uint64
LOW = np.array([(1 << (8 * k)) - 1 for k in range(8)], dtype=np.uint64)


def table_bits(length):
    """log2 of each context's table size: it grows with the input (both sides know it)."""
    return max(18, min(22, length.bit_length() + 4))


@njit(cache=True)
def _squash(d):
    if d > LIMIT:
        d = LIMIT
    if d < -LIMIT:
        d = -LIMIT
    return SQUASH[d + LIMIT]


@njit(cache=True)
def _byte_hashes(history, word, previous, hashes):
    """Each context's hash for the next byte, into hashes (uint64: it wraps)."""
    for k in range(7):
        hashes[k] = history & LOW[k]  # the last k bytes
    hashes[7] = history
    hashes[8] = word
    hashes[9] = word * ODD[9] + previous
    hashes[10] = (history >> np.uint64(8)) & LOW[2]
    for k in range(CONTEXTS):
        hashes[k] = (hashes[k] + np.uint64(k + 1)) * ODD[k]


@njit(cache=True)
def _nibble_hash(hashed, partial):
    """A context's hash together with the bits of the byte so far."""
    return (hashed + np.uint64(partial) * ODD[10]) * ODD[11]


@njit(cache=True)
def _group(h, bits):
    """Where a nibble's group of 16 slots starts in its context's table.

    The top bits of the hash pick it; nothing checks which context owns
    the group, so two contexts that land on the same group share its slots.
    """
    return np.int64(h >> np.uint64(64 - bits)) & ((1 << bits) - 1) & ~15


@njit(cache=True)
def _next_word(word, previous, byte):
    """The hashes of the word being read and the one before, after byte."""
    low = byte | 32  # lower case, for letters
    if 97 <= low <= 122:
        return (word + np.uint64(low)) * ODD[5], previous
    if word:
        return np.uint64(0), word
    return word, previous


@njit(cache=True)
def _refine(table, row, dot):
    """Interpolate a refiner's row at stretched value dot; return (p, nearer point)."""
    s = min(max(dot, -LIMIT), LIMIT) + 2048
    cell, frac = s >> 7, s & 127
    i = row * 33 + cell
    p = (table[i] * (128 - frac) + table[i + 1] * frac) >> 11
    return p, i + (frac >> 6)


@njit(cache=True)
def run(src, length, decode, bits, mixer_rate, probs):
    """Encode src (length bytes), or decode the coded stream src.

    Returns the coded bytes (encoding) or the decoded bytes (decoding).
    bits: table_bits(length); mixer_rate: the mixing network's learning rate
    (0 freezes both layers); probs: if not empty, receives the probability (x 4096)
    given to each coded bit being 1, 8 per byte.
    """
    slots = np.zeros(CONTEXTS << bits, dtype=np.int64)  # fast | slow << 16 | n << 32
    hashes = np.zeros(CONTEXTS, dtype=np.uint64)  # each context, for this byte
    base = np.zeros(CONTEXTS, dtype=np.int64)  # each context's 16 slots, this nibble
    at = np.zeros(CONTEXTS, dtype=np.int64)  # the slot of each context, this bit
    st = np.zeros(INPUTS, dtype=np.int64)
    weights = np.full((3, 256, INPUTS), 1 << 14, dtype=np.int64)
    chosen = np.zeros(3, dtype=np.int64)
    dots = np.zeros(3, dtype=np.int64)
    top = np.full((256, 3), 65536 // 3, dtype=np.int64)  # layer 2's weights
    line = np.empty(33, dtype=np.int64)
    for k in range(33):
        line[k] = _squash((k - 16) * 128) * 16
    apm = np.empty((3, 65536 * 33), dtype=np.int32)
    for r in range(3):
        for k in range(65536):
            apm[r, k * 33 : k * 33 + 33] = line
    touched = np.zeros(3, dtype=np.int64)
    match_p = np.full(64, 1 << 15, dtype=np.int64)
    match_n = np.zeros(64, dtype=np.int64)
    last_seen = np.zeros(1 << 18, dtype=np.int64)  # position + 1 after 6 bytes
    text = np.zeros(length + 1, dtype=np.uint8)
    out = np.zeros(length * 13 + 64 if not decode else length + 1, dtype=np.uint8)
    written = 0
    read = 0
    x1, x2, x = 0, 0xFFFFFFFF, 0
    if decode:
        for _ in range(4):
            x = (x << 8) | (src[read] if read < len(src) else 0)
            read += 1
    history = np.uint64(0)  # the last 8 bytes
    word = previous = np.uint64(0)  # hashes of the word being read and the one before
    follow, match_len = 0, 0  # where the match model points (+1), how long
    for pos in range(length):
        # The contexts' hashes for this byte.
        _byte_hashes(history, word, previous, hashes)
        guess = int(text[follow - 1]) + 256 if follow > 0 else 0
        partial = 1  # 1 followed by the bits of the byte so far
        for done in range(8):
            if done == 0 or done == 4:  # a new nibble: 16 slots per context
                for k in range(CONTEXTS):
                    h = _nibble_hash(hashes[k], partial)
                    base[k] = (k << bits) + _group(h, bits)
            j = done & 3  # bits of this nibble so far
            nib = (1 << j) | (partial & ((1 << j) - 1))
            seen = 0
            for k in range(CONTEXTS):
                at[k] = base[k] + nib
                v = slots[at[k]]
                n = v >> 32
                if n == 0:
                    st[2 * k] = st[2 * k + 1] = 0
                else:
                    seen += 1 if 0 < k < 8 else 0
                    st[2 * k] = STRETCH[(v & 0xFFFF) >> 4]
                    st[2 * k + 1] = STRETCH[((v >> 16) & 0xFFFF) >> 4]
            # The match model: its guess for this bit, if it agrees so far.
            on = guess > 0 and (guess >> (8 - done)) == partial
            expect = (guess >> (7 - done)) & 1
            mslot = 2 * min(match_len, 31) + expect if on else 0
            if on:
                s = STRETCH[match_p[mslot] >> 4]
                st[2 * CONTEXTS] = s
                st[2 * CONTEXTS + 1] = (2 * expect - 1) * min(match_len, 32) * 32
            else:
                st[2 * CONTEXTS] = st[2 * CONTEXTS + 1] = 0
            st[INPUTS - 1] = 256
            # Layer 1: three units, each with weights chosen by its context.
            c1 = np.int64(history & LOW[1])
            chosen[0] = partial
            chosen[1] = c1
            chosen[2] = (seen * 4 + min(match_len, 3) if on else seen * 4) * 8 + done
            for u in range(3):
                total = 0
                for i in range(INPUTS):
                    total += weights[u, chosen[u], i] * st[i]
                dots[u] = min(max(total >> 16, -LIMIT), LIMIT)
            # Layer 2: mixes the three units' outputs.
            total = 0
            for u in range(3):
                total += top[partial, u] * dots[u]
            dot = total >> 16
            p = _squash(dot)
            # The refiners.
            r1, touched[0] = _refine(apm[0], partial, dot)
            r2, touched[1] = _refine(apm[1], partial | c1 << 8, dot)
            h2 = np.int64((history & LOW[2]) * ODD[3] >> np.uint64(48)) & 0xFF00
            r3, touched[2] = _refine(apm[2], (partial | h2) & 0xFFFF, dot)
            q = (2 * p + 2 * r1 + 8 * r2 + 4 * r3 + 8) >> 4
            q = min(max(q, 1), 4095)
            # Code the bit.
            xmid = x1 + ((x2 - x1) * q >> 12)
            if decode:
                bit = 1 if x <= xmid else 0
            else:
                bit = (src[pos] >> (7 - done)) & 1
            if bit:
                x2 = xmid
            else:
                x1 = xmid + 1
            while (x1 ^ x2) & 0xFF000000 == 0:
                if decode:
                    x = ((x << 8) & 0xFFFFFFFF) | (src[read] if read < len(src) else 0)
                    read += 1
                else:
                    out[written] = x2 >> 24
                    written += 1
                x1 = (x1 << 8) & 0xFFFFFFFF
                x2 = ((x2 << 8) & 0xFFFFFFFF) | 255
            if len(probs):
                probs[8 * pos + done] = q
            # Learn: every part moves towards the bit.
            err = (bit << 12) - p
            for u in range(3 if mixer_rate else 0):  # a rate of 0 freezes both layers
                top[partial, u] += (dots[u] * err * TOP_RATE) >> 16
                e = (bit << 12) - _squash(dots[u])
                for i in range(INPUTS):
                    weights[u, chosen[u], i] += (st[i] * e * mixer_rate) >> 16
            for r in range(3):
                apm[r, touched[r]] += ((bit << 16) - apm[r, touched[r]]) >> APM_RATE
            for k in range(CONTEXTS):
                v = slots[at[k]]
                n = v >> 32
                fast = v & 0xFFFF if n else 32768
                slow = (v >> 16) & 0xFFFF if n else 32768
                fast += ((bit << 16) - fast) >> FAST
                slow += ((bit << 16) - slow) * RATE[n] >> 16
                fast = min(max(fast, 32), 65503)
                slow = min(max(slow, 32), 65503)
                slots[at[k]] = fast | slow << 16 | min(n + 1, COUNT_LIMIT) << 32
            if on:
                m = match_n[mslot]
                match_p[mslot] += ((bit << 16) - match_p[mslot]) * RATE[m] >> 16
                match_p[mslot] = min(max(match_p[mslot], 32), 65503)
                match_n[mslot] = min(m + 1, COUNT_LIMIT)
            partial = 2 * partial + bit
        byte = partial - 256
        text[pos] = byte
        if decode:
            out[pos] = byte
        history = (history << np.uint64(8)) | np.uint64(byte)
        word, previous = _next_word(word, previous, byte)
        # The match model: go on if the guess was right, else look the
        # last MATCH_MIN bytes up.
        if follow > 0 and guess == byte + 256:
            follow += 1
            match_len += 1
        else:
            follow = match_len = 0
        key = np.int64((history & LOW[6]) * ODD[0] >> np.uint64(46)) & ((1 << 18) - 1)
        if follow == 0 and last_seen[key] > 0 and pos + 1 >= MATCH_MIN:
            follow, match_len = last_seen[key], 1
        if pos + 1 >= MATCH_MIN:
            last_seen[key] = pos + 2
    if decode:
        return out[:length]
    # The fewest bytes b such that x1 <= b followed by zeros <= x2.
    if x1:
        for k in range(1, 5):
            unit = 1 << (32 - 8 * k)
            value = -(-x1 // unit) * unit
            if value <= x2:
                for j in range(k):
                    out[written] = (value >> (24 - 8 * j)) & 255
                    written += 1
                break
    return out[:written]


# --8<-- [end:mixer]


@njit(cache=True)
def slot_groups(src, bits):
    """Which group of slots each context uses, nibble by nibble, and for what.

    Returns (keys, groups), both of shape (2 * len(src), CONTEXTS): for each
    nibble of src and each context, the full 64-bit hash of the context
    with the bits of the byte so far (which tells contexts apart) and the
    group of 16 slots it reads, by the formulas run uses.
    """
    length = len(src)
    keys = np.zeros((2 * length, CONTEXTS), dtype=np.uint64)
    groups = np.zeros((2 * length, CONTEXTS), dtype=np.int64)
    hashes = np.zeros(CONTEXTS, dtype=np.uint64)
    history = np.uint64(0)
    word = previous = np.uint64(0)
    for pos in range(length):
        _byte_hashes(history, word, previous, hashes)
        byte = int(src[pos])
        for half in range(2):
            partial = 1 if half == 0 else 16 + (byte >> 4)
            for k in range(CONTEXTS):
                h = _nibble_hash(hashes[k], partial)
                keys[2 * pos + half, k] = h
                groups[2 * pos + half, k] = _group(h, bits)
        history = (history << np.uint64(8)) | np.uint64(byte)
        word, previous = _next_word(word, previous, byte)
    return keys, groups
