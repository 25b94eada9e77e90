"""What the neural compressor costs in time, against the classics.

Claim: on the same 100,000 bytes of the site's text, the compiled neural
compressor is slower per byte than every classic tool, with each tool at
the settings of the size comparison, to compress and to decompress alike;
its numpy version (model 1, timed on the first 16 KB) far slower still;
and its first run in a fresh process, with an empty cache, spends seconds
compiling.
Figures: none (timings, quoted in the text)
Measures: time (the point is the speed; the numbers are those of the machine that built the page)
Timeout: 300 (the compiled coder runs 3 x 2 passes over 100 KB and compiles once afresh; the numpy one 2 passes over 16 KB)
"""

import bz2
import lzma
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import brotli
import nncode
import pyppmd
import zstandard

N_BYTES = 100_000
NUMPY_BYTES = 16_384  # the numpy version is slow: a shorter input
REPEATS = 3  # the median of several runs

text = nncode.english_corpus()[:N_BYTES]
nncode.decompress(nncode.compress(b"warm up"))  # compile, or load the cache


def seconds(work, argument, repeats=REPEATS):
    """Median seconds over repeats runs of work(argument), and its result."""
    times = []
    for _ in range(repeats):
        begin = time.perf_counter()
        result = work(argument)
        times.append(time.perf_counter() - begin)
    return statistics.median(times), result


nn_encode, blob = seconds(nncode.compress, text)
nn_decode, restored = seconds(nncode.decompress, blob)
assert restored == text
small = text[:NUMPY_BYTES]
np_encode, np_blob = seconds(lambda d: nncode.compress(d, model=1), small, 1)
np_decode, np_restored = seconds(nncode.decompress, np_blob, 1)
assert np_restored == small

# The settings of the size comparison (compare.py): zstd with long-distance
# matching, PPMd (variant I) at the order that does best on this input.
zstd_c = zstandard.ZstdCompressor(
    compression_params=zstandard.ZstdCompressionParameters.from_level(
        22, enable_ldm=True, window_log=27
    )
)
zstd_d = zstandard.ZstdDecompressor()
PPMD_MEMORY = 64 << 20
ppmd_sizes = {
    k: len(pyppmd.compress(text, max_order=k, mem_size=PPMD_MEMORY))
    for k in range(2, 17)
}
PPMD_ORDER = min(ppmd_sizes, key=lambda k: (ppmd_sizes[k], k))
TOOLS = {  # name: (compress, decompress)
    "zlib": (lambda d: zlib.compress(d, 9), zlib.decompress),
    "xz": (lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME), lzma.decompress),
    "bz2": (lambda d: bz2.compress(d, 9), bz2.decompress),
    "zstd": (zstd_c.compress, zstd_d.decompress),
    "brotli": (lambda d: brotli.compress(d, quality=11), brotli.decompress),
    "ppmd": (
        lambda d: pyppmd.compress(d, max_order=PPMD_ORDER, mem_size=PPMD_MEMORY),
        lambda b: pyppmd.decompress(b, max_order=PPMD_ORDER, mem_size=PPMD_MEMORY),
    ),
}


def us_per_byte(work, argument):
    """Median microseconds per byte of the input over REPEATS runs."""
    return seconds(work, argument)[0] / N_BYTES * 1e6


RESULTS = {
    "n_bytes": N_BYTES,
    "numpy_bytes": NUMPY_BYTES,
    "nn_encode_us_per_byte": nn_encode / N_BYTES * 1e6,
    "nn_decode_us_per_byte": nn_decode / N_BYTES * 1e6,
    "nn_encode_s": nn_encode,
    "nn_decode_s": nn_decode,
    "nn_roundtrip_s": nn_encode + nn_decode,
    "numpy_encode_us_per_byte": np_encode / NUMPY_BYTES * 1e6,
    "numpy_decode_us_per_byte": np_decode / NUMPY_BYTES * 1e6,
}
for name, (squeeze, unsqueeze) in TOOLS.items():
    packed = squeeze(text)
    assert unsqueeze(packed) == text
    RESULTS[f"{name}_encode_us_per_byte"] = us_per_byte(squeeze, text)
    RESULTS[f"{name}_decode_us_per_byte"] = us_per_byte(unsqueeze, packed)
RESULTS["numpy_over_compiled"] = (
    RESULTS["numpy_encode_us_per_byte"] / RESULTS["nn_encode_us_per_byte"]
)
RESULTS["ppmd_order"] = PPMD_ORDER
for way in ("encode", "decode"):
    times = [RESULTS[f"{name}_{way}_us_per_byte"] for name in TOOLS]
    RESULTS[f"slowest_classic_{way}_us_per_byte"] = max(times)
    RESULTS[f"fastest_classic_{way}_us_per_byte"] = min(times)
    RESULTS[f"nn_over_slowest_{way}"] = RESULTS[f"nn_{way}_us_per_byte"] / max(times)
    RESULTS[f"nn_over_fastest_{way}"] = RESULTS[f"nn_{way}_us_per_byte"] / min(times)


# %% The first run: a fresh process, an empty numba cache, so it compiles.
FIRST_RUN = "import nncode; nncode.compress(b'first')"
with tempfile.TemporaryDirectory() as cache:
    # Only what the child needs: a snippet reads nothing from the
    # environment it was started in.
    env = {
        "PYTHONPATH": str(Path(nncode.__file__).parents[1]),
        "NUMBA_CACHE_DIR": cache,
    }
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", FIRST_RUN], env=env, check=True)
    RESULTS["first_run_s"] = time.perf_counter() - begin
for key, value in RESULTS.items():
    print(f"{key}: {value:.3g}")
