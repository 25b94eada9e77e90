"""What the neural compressor costs in time.

Claim: per byte of the site's text, the pure-Python neural compressor takes
more than ten times as long as xz -9e and more than a hundred times as long
as zlib -9, and decoding takes longer than encoding, which can work out
a whole batch of predictions at once.
Figures: none (four timings, quoted in the text)
Measures: time (the point is the speed; the numbers change from run to run)
"""

import lzma
import time
import zlib

import nncode

N_BYTES = 4096  # the network's speed per byte hardly depends on the length
REPEATS = 3  # the classic tools are fast: time them several times

corpus = nncode.english_corpus()
text = corpus[:N_BYTES]

start = time.perf_counter()
blob = nncode.compress(text, nncode.NeuralModel())
encoded = time.perf_counter()
restored = nncode.decompress(blob, nncode.NeuralModel())
decoded = time.perf_counter()
assert restored == text


def us_per_byte(squeeze):
    """Microseconds per byte of the whole text (xz's set-up is large)."""
    begin = time.perf_counter()
    for _ in range(REPEATS):
        squeeze(corpus)
    return (time.perf_counter() - begin) / REPEATS / len(corpus) * 1e6


RESULTS = {
    "n_bytes": N_BYTES,
    "nn_encode_us_per_byte": (encoded - start) / N_BYTES * 1e6,
    "nn_decode_us_per_byte": (decoded - encoded) / N_BYTES * 1e6,
    "xz_us_per_byte": us_per_byte(
        lambda d: lzma.compress(d, preset=9 | lzma.PRESET_EXTREME)
    ),
    "zlib_us_per_byte": us_per_byte(lambda d: zlib.compress(d, 9)),
}
RESULTS["slowdown_vs_xz"] = RESULTS["nn_encode_us_per_byte"] / RESULTS["xz_us_per_byte"]
RESULTS["slowdown_vs_zlib"] = (
    RESULTS["nn_encode_us_per_byte"] / RESULTS["zlib_us_per_byte"]
)
RESULTS["decode_over_encode"] = (decoded - encoded) / (encoded - start)
for key, value in RESULTS.items():
    print(f"{key}: {value:.3g}")
