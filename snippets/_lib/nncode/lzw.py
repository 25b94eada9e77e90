"""The "table" baseline: LZW with variable-width codes."""

from __future__ import annotations

from .container import _read_varint, _varint

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
    length, offset = _read_varint(blob, 0)
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
