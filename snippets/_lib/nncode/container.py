"""compress / decompress: lanes, the bit loop, and the file format.

The file format (version 1), all integers big-endian or as varints:

    magic        4 bytes  b"NNCz"
    version      1 byte   1
    model        1 byte   3 = the compiled model of mixer.py (the default),
                          1 = the numpy model of model.py
                          (2 = an earlier compiled model, no longer decoded)
    lanes        varint   how many parts the input was read in
    length       varint   the original length in bytes
    crc          4 bytes  CRC-32 (zlib.crc32) of the original bytes
    total        varint   the length of all the lanes' coded streams
    sizes        varints  each lane's length minus total // lanes, zigzag
    header crc   4 bytes  CRC-32 of every header byte before it
    streams      the lanes' coded streams, one after the other

decompress checks all of it and raises FormatError, naming what is wrong,
rather than return bytes that are not the original.

The model number names the exact bits a model computes. Any change to
what a model computes (a constant, a table size, a hash, the order of
its steps) takes a new model number, and the old number is refused with
a message that says so; a change to the header takes a new version. A
file decodes with a version of this package that knows its model. The
golden files in tests/data/nncode/, which the tests decode and re-make,
fail on any change to the bits: re-make them only together with a new
model number.
"""

from __future__ import annotations

import math
import zlib

import numpy as np

from .coder import Decoder, Encoder
from .mixer import MIXER_RATE, run, table_bits
from .model import MixingModel

# --8<-- [start:lanes]
LANES = 64  # at most this many parts of the input are read side by side
LANE_BYTES = 1024  # and each is at least this long (tiny inputs: one lane)


def default_lanes(length):
    """How many lanes compress() uses for an input of this length."""
    return max(1, min(LANES, length // LANE_BYTES))


def lane_starts(length, lanes):
    """Where each lane's part starts (and, last, where the input ends).

    The input is cut into `lanes` consecutive parts of the same size, but
    the last, which may be shorter (or empty, for tiny inputs).
    """
    size = -(-length // lanes)  # ceil(length / lanes)
    return [min(length, lane * size) for lane in range(lanes + 1)]


def _grid(data, lanes):
    """The input as rows of one byte per lane, and how many lanes each row has."""
    bounds = lane_starts(len(data), lanes)
    sizes = [b - a for a, b in zip(bounds, bounds[1:])]
    rows = np.zeros((sizes[0], lanes), dtype=np.int64)
    for lane, (a, b) in enumerate(zip(bounds, bounds[1:])):
        rows[: b - a, lane] = np.frombuffer(data[a:b], dtype=np.uint8)
    active = [sum(size > t for size in sizes) for t in range(sizes[0])]
    return rows, active, bounds


# --8<-- [end:lanes]

# COST[q]: -log2(q / 4096) bits, for a bit coded with probability q / 4096.
COST = np.array([0.0] + [-math.log2(q / 4096) for q in range(1, 4097)])


# --8<-- [start:loop]
def encode_lanes(data, lanes, make_model=MixingModel, progress=None):
    """The coded streams of the lanes, one per lane.

    progress, if given, is called now and then with (bytes done, total).
    """
    rows, active, bounds = _grid(data, lanes)
    model = make_model(lanes, bounds[:-1], len(data))
    encoder = Encoder(lanes)
    for t, (byte, a) in enumerate(zip(rows, active)):
        if progress and t % 256 == 0:
            progress(t * lanes, len(data))
        byte = byte[:a]
        partial = np.ones(a, dtype=np.int64)
        for done in range(8):
            bit = (byte >> (7 - done)) & 1
            p = model.predict(partial, done)
            encoder.encode(bit, p)
            model.learn(bit)
            partial = 2 * partial + bit
        model.next_byte(byte)
    return encoder.finish()


def decode_lanes(streams, length, make_model=MixingModel, progress=None):
    """The original bytes, from the lanes' streams and the original length."""
    lanes = len(streams)
    bounds = lane_starts(length, lanes)
    sizes = [b - a for a, b in zip(bounds, bounds[1:])]
    model = make_model(lanes, bounds[:-1], length)
    decoder = Decoder(streams)
    rows = np.zeros((sizes[0], lanes), dtype=np.int64)
    for t in range(sizes[0]):
        if progress and t % 256 == 0:
            progress(t * lanes, length)
        a = sum(size > t for size in sizes)
        partial = np.ones(a, dtype=np.int64)
        for done in range(8):
            bit = decoder.decode(model.predict(partial, done))
            model.learn(bit)
            partial = 2 * partial + bit
        byte = partial - 256
        model.next_byte(byte)
        rows[t, :a] = byte
    return b"".join(
        rows[: b - a, lane].astype(np.uint8).tobytes()
        for lane, (a, b) in enumerate(zip(bounds, bounds[1:]))
    )


# --8<-- [end:loop]

# --8<-- [start:format]
MAGIC = b"NNCz"
VERSION = 1
COMPILED = 3  # the model number of mixer.py's compiled model (the default)
MODELS = (1, COMPILED)  # 1: model.py's numpy model
# Model numbers no longer decoded, and why.
RETIRED = {
    2: "model 2 was an earlier compiled model (its int64 hashes overflowed, "
    "which left their bits to the compiler); decode it with the version "
    "of nncode that wrote it"
}
NONE = np.zeros(0, dtype=np.int64)


def encode_parts(data, lanes, mixer_rate=MIXER_RATE, probs=None, progress=None):
    """The compiled model: each of the lanes' parts coded on its own, front to back.

    probs, if given (an int64 array of 8 * len(data)), receives the
    probability (x 4096) of a 1 that each bit was coded with; progress,
    if given, is called after each part with (bytes done, total).
    """
    bounds = lane_starts(len(data), lanes)
    streams = []
    for a, b in zip(bounds, bounds[1:]):
        part = np.frombuffer(data[a:b], dtype=np.uint8)
        where = NONE if probs is None else probs[8 * a : 8 * b]
        streams.append(
            run(part, b - a, False, table_bits(b - a), mixer_rate, where).tobytes()
        )
        if progress:
            progress(b, len(data))
    return streams


def decode_parts(streams, length, mixer_rate=MIXER_RATE, progress=None):
    """The compiled model's decoder: the same function, run on each part's stream."""
    bounds = lane_starts(length, len(streams))
    out = []
    for stream, a, b in zip(streams, bounds, bounds[1:]):
        coded = np.frombuffer(stream, dtype=np.uint8)
        out.append(run(coded, b - a, True, table_bits(b - a), mixer_rate, NONE))
        if progress:
            progress(b, length)
    return b"".join(part.tobytes() for part in out)


class FormatError(ValueError):
    """The bytes given to decompress are not an intact file of this format.

    ``reason`` is one of "magic", "version", "model", "truncated",
    "header", "trailing", "checksum".
    """

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def _varint(n):
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _zigzag(n):
    """0, -1, 1, -2, ... -> 0, 1, 2, 3, ...: small numbers of either sign."""
    return 2 * n if n >= 0 else -2 * n - 1


def _read_varint(blob, at):
    n = shift = 0
    while at < len(blob) and shift < 64:
        byte = blob[at]
        n |= (byte & 0x7F) << shift
        at, shift = at + 1, shift + 7
        if not byte & 0x80:
            return n, at
    raise FormatError("truncated", "truncated: the header ends inside a number")


def compress(data, lanes=None, model=COMPILED, progress=None):
    """data (bytes) -> a self-describing compressed file (bytes).

    The compiled model (3) reads the input as one part unless lanes says otherwise; model
    1 (numpy) as default_lanes(len(data)) parts side by side.
    """
    data = bytes(data)
    if model == COMPILED:
        streams = encode_parts(data, lanes or 1, progress=progress)
    else:
        lanes = lanes or default_lanes(len(data))
        streams = encode_lanes(data, lanes, progress=progress)
    return pack(data, streams, model)


def pack(data, streams, model=COMPILED):
    """The file: a header that describes data, then the lanes' streams."""
    lanes = len(streams)
    header = MAGIC + bytes([VERSION, model]) + _varint(lanes) + _varint(len(data))
    header += zlib.crc32(data).to_bytes(4, "big")
    total = sum(map(len, streams))
    header += _varint(total)  # then each lane's deviation from the mean
    header += b"".join(_varint(_zigzag(len(s) - total // lanes)) for s in streams)
    header += zlib.crc32(header).to_bytes(4, "big")
    return header + b"".join(streams)


def read_header(blob):
    """Check the header; return (model, lanes, length, crc, streams)."""
    blob = bytes(blob)
    if len(blob) < len(MAGIC) or blob[: len(MAGIC)] != MAGIC:
        if MAGIC.startswith(blob):
            raise FormatError("truncated", "truncated: the file ends inside its magic")
        raise FormatError("magic", "not an nncode file: it does not start with NNCz")
    if len(blob) < 6:
        raise FormatError("truncated", "truncated: the file ends inside its header")
    if blob[4] != VERSION:
        raise FormatError("version", f"unknown format version {blob[4]} (this is 1)")
    model = blob[5]
    lanes, at = _read_varint(blob, 6)
    length, at = _read_varint(blob, at)
    if at + 4 > len(blob):
        raise FormatError("truncated", "truncated: the file ends inside its header")
    crc = int.from_bytes(blob[at : at + 4], "big")
    at += 4
    total, at = _read_varint(blob, at)
    sizes = []
    for _ in range(min(lanes, len(blob))):
        z, at = _read_varint(blob, at)
        sizes.append(total // max(lanes, 1) + (z >> 1 if z % 2 == 0 else -(z + 1) // 2))
    if at + 4 > len(blob) or len(sizes) < lanes:
        raise FormatError("truncated", "truncated: the file ends inside its header")
    if zlib.crc32(blob[:at]) != int.from_bytes(blob[at : at + 4], "big"):
        raise FormatError("header", "damaged header: its CRC-32 does not match")
    at += 4
    if model in RETIRED:
        raise FormatError("model", RETIRED[model])
    if model not in MODELS:
        raise FormatError("model", f"unknown model {model}")
    if lanes < 1 or sum(sizes) != total or min(sizes) < 0:
        raise FormatError("header", "damaged header: inconsistent lane sizes")
    if at + sum(sizes) > len(blob):
        missing = at + sum(sizes) - len(blob)
        raise FormatError("truncated", f"truncated: {missing:,} bytes are missing")
    if at + sum(sizes) < len(blob):
        extra = len(blob) - at - sum(sizes)
        raise FormatError("trailing", f"{extra:,} unexpected bytes after the end")
    streams = []
    for size in sizes:
        streams.append(blob[at : at + size])
        at += size
    return model, lanes, length, crc, streams


def decompress(blob, progress=None):
    """The original bytes, or FormatError if blob is not an intact file."""
    model, lanes, length, crc, streams = read_header(blob)
    if model == COMPILED:
        data = decode_parts(streams, length, progress=progress)
    else:
        data = decode_lanes(streams, length, progress=progress)
    if zlib.crc32(data) != crc:
        raise FormatError(
            "checksum", "checksum mismatch: the decoded bytes are not the original"
        )
    return data


# --8<-- [end:format]
