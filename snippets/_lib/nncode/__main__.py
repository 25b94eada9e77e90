"""python -m nncode: compress or decompress a file with the neural compressor.

    python -m nncode FILE            writes FILE.nnc
    python -m nncode -d FILE.nnc     writes FILE (or -o OUT)

Run from snippets/_lib (or with it on PYTHONPATH). Progress goes to stderr
on inputs of more than 64 KB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .container import FormatError, compress, decompress

SUFFIX = ".nnc"
QUIET_BELOW = 1 << 16  # no progress line for inputs shorter than this


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
                data, progress=_progress("decompressing", 4 * len(data))
            )
        except FormatError as error:
            print(f"\n{args.file}: {error}", file=sys.stderr)
            return 1
    else:
        out = args.output or Path(str(args.file) + SUFFIX)
        result = compress(data, progress=_progress("compressing", len(data)))
    if len(data) >= QUIET_BELOW:
        sys.stderr.write("\r")
    out.write_bytes(result)
    print(f"{args.file} ({len(data):,} bytes) -> {out} ({len(result):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
