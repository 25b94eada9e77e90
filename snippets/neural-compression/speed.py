"""What the neural compressor costs in time, against the classics.

Claim: on the same 16 KB of the site's text, the numpy neural compressor
takes far longer per byte than every classic tool, to compress and to
decompress alike.
Figures: none (timings, quoted in the text)
Measures: time (the point is the speed; the numbers are those of the machine that built the page)
Timeout: 300 (the neural coder runs twice on 16 KB; the classics are quick)
"""

import bz2
import lzma
import statistics
import time
import zlib

import brotli
import nncode
import pyppmd
import zstandard

N_BYTES = 16_384
REPEATS = 5  # the classic tools are fast: the median of several runs

text = nncode.english_corpus()[:N_BYTES]

start = time.perf_counter()
blob = nncode.compress(text)
encoded = time.perf_counter()
restored = nncode.decompress(blob)
decoded = time.perf_counter()
assert restored == text

zstd_c = zstandard.ZstdCompressor(level=22)
zstd_d = zstandard.ZstdDecompressor()
TOOLS = {  # name: (compress, decompress)
    "zlib": (lambda d: zlib.compress(d, 9), zlib.decompress),
    "xz": (lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME), lzma.decompress),
    "bz2": (lambda d: bz2.compress(d, 9), bz2.decompress),
    "zstd": (zstd_c.compress, zstd_d.decompress),
    "brotli": (lambda d: brotli.compress(d, quality=11), brotli.decompress),
    "ppmd": (
        lambda d: pyppmd.compress(d, max_order=6, mem_size=16 << 20),
        lambda b: pyppmd.decompress(b, max_order=6, mem_size=16 << 20),
    ),
}


def us_per_byte(work, argument):
    """Median microseconds per byte of the 16 KB input over REPEATS runs."""
    times = []
    for _ in range(REPEATS):
        begin = time.perf_counter()
        work(argument)
        times.append(time.perf_counter() - begin)
    return statistics.median(times) / N_BYTES * 1e6


RESULTS = {
    "n_bytes": N_BYTES,
    "nn_encode_us_per_byte": (encoded - start) / N_BYTES * 1e6,
    "nn_decode_us_per_byte": (decoded - encoded) / N_BYTES * 1e6,
}
for name, (squeeze, unsqueeze) in TOOLS.items():
    packed = squeeze(text)
    assert unsqueeze(packed) == text
    RESULTS[f"{name}_encode_us_per_byte"] = us_per_byte(squeeze, text)
    RESULTS[f"{name}_decode_us_per_byte"] = us_per_byte(unsqueeze, packed)
RESULTS["slowest_classic_encode_us_per_byte"] = max(
    RESULTS[f"{name}_encode_us_per_byte"] for name in TOOLS
)
for key, value in RESULTS.items():
    print(f"{key}: {value:.3g}")
