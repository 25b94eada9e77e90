"""python -m nncode: compress or decompress a file with the neural compressor.

    python -m nncode FILE            writes FILE.nnc
    python -m nncode -d FILE.nnc     writes FILE (or -o OUT)

Run from snippets/_lib (or with it on PYTHONPATH). An input is read in
parts of 8 MB, each coded on its own (one part for most files); progress,
after each part, goes to stderr on inputs of more than 8 MB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .container import FormatError, compress, decompress

SUFFIX = ".nnc"
PART_BYTES = 1 << 23  # inputs are coded in parts of at most 8 MB
QUIET_BELOW = PART_BYTES + 1  # no progress line for a single part


def _progress(label, total):
    if total < QUIET_BELOW:
        return None
    start = time.monotonic()

    def show(done, length):
        share = done / max(length, 1)
        sys.stderr.write(f"\r{label} {share:6.1%} ({time.monotonic() - start:.0f} s)")
        sys.stderr.flush()

    return show


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m nncode", description=__doc__.split("\n")[0]
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("-d", "--decompress", action="store_true")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    data = args.file.read_bytes()
    if args.decompress:
        out = args.output or (
            args.file.with_suffix("")
            if args.file.suffix == SUFFIX
            else Path(str(args.file) + ".out")
        )
        try:
            result = decompress(
                data, progress=_progress("decompressing", 2 * len(data))
            )
        except FormatError as error:
            print(f"\n{args.file}: {error}", file=sys.stderr)
            return 1
    else:
        out = args.output or Path(str(args.file) + SUFFIX)
        parts = -(-len(data) // PART_BYTES) or 1
        result = compress(
            data, lanes=parts, progress=_progress("compressing", len(data))
        )
    if len(data) >= QUIET_BELOW:
        sys.stderr.write("\r")
    out.write_bytes(result)
    print(f"{args.file} ({len(data):,} bytes) -> {out} ({len(result):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
