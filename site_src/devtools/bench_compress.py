"""``make bench``'s figures for the neural compressor (snippets/_lib/nncode/).

``measure()`` returns, among others (all prefixed ``compress_``):

- ``compress_nn_over_ppmd_site``, ``compress_nn_over_ppmd_text2``: the
  neural compressor's output size over the best PPMd's (pyppmd, orders 2 to
  16) on the site's text (snippets/_data/site-text.md) and on the second
  text (snippets/_data/gpl-3.txt). Target: <= 0.97.
- ``compress_nn_over_xz``: over xz -9e on the site's text. Target: <= 0.85.
- ``compress_markov1_over_entropy``: bits per symbol on 100,000 symbols of
  the order-1 Markov source over its exact entropy rate. Target: <= 1.02.
- ``compress_encode_100kb_s``, ``compress_decode_100kb_s``: seconds to
  compress, and to decompress, the first 100,000 bytes of the site's text,
  each the median of five runs (all runs in ``..._all_s``); the round trip
  ``compress_roundtrip_100kb_s`` is the median of the five runs' encode +
  decode. Target: <= 5. These are
  measurements of the machine, which is shared: they vary.
- ``compress_portable``: whether a file compressed under every emulated
  machine (``MACHINES``) is byte-identical, and decodes exactly under each,
  for both models (3, compiled, and 1, numpy); for the compiled model
  the machines include numba compiling for a generic CPU and unoptimised.
- ``compress_first_compile_s``: seconds for the first compress() in a fresh
  process with an empty numba cache (what a fresh clone pays once), and
  ``compress_cached_start_s`` the same with the cache filled.
- ``compress_corruptions_silent``: how many damaged files (bit flips,
  truncations, a header from another file) decoded to wrong bytes without
  an error. Target: 0.

The work runs in child processes with one BLAS thread (but for the
emulated machines that set their own), as the snippet runner runs snippets.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

LIB = Path(__file__).resolve().parents[2] / "snippets" / "_lib"
ROUNDTRIP_BYTES = 100_000
ROUNDTRIP_REPEATS = 5
MARKOV_SYMBOLS = 100_000
MARKOV_SEED = 0  # the seed of the comparison snippet, so the figures agree

# The emulated machines. For the numpy model (1): other OpenBLAS kernels,
# numpy's SIMD cut to its baseline, other thread counts. For the compiled
# model (3), which calls neither BLAS nor numpy's vectorised functions,
# those change nothing; what could change its bits is the machine code
# numba generates, so it is also compiled for a generic x86-64 CPU (no
# AVX, no FMA) and without LLVM's optimisations. Each of those three ways
# of compiling starts from an empty numba cache (cross_machine).
MACHINES = {
    "default": {},
    "prescott": {"OPENBLAS_CORETYPE": "Prescott"},
    "haswell": {"OPENBLAS_CORETYPE": "Haswell"},
    "baseline-simd": {"NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL"},
    "2-threads": {"OPENBLAS_NUM_THREADS": "2"},
    "1-thread": {"OPENBLAS_NUM_THREADS": "1"},
    "generic-cpu": {"NUMBA_CPU_NAME": "generic"},
    "unoptimised": {"NUMBA_OPT": "0"},
}

# The child's answer: the digest of its file, then that of the tables the
# compiled model reads (mixer.py's module-level arrays, as this child computed
# them). numba bakes such globals into the code it caches, so a machine that
# loads another's code would not use its own tables; they are compared here.
_ROUND_TRIP = """
import hashlib, sys
import numpy as np
import nncode
from nncode import mixer
data = sys.stdin.buffer.read()
blob = nncode.compress(data, lanes={lanes}, model={model})
assert nncode.decompress(blob) == data
tables = hashlib.sha256()
for name in sorted(vars(mixer)):
    value = getattr(mixer, name)
    if isinstance(value, np.ndarray):
        tables.update(name.encode() + value.dtype.str.encode() + value.tobytes())
sys.stdout.write(hashlib.sha256(blob).hexdigest() + " " + tables.hexdigest())
"""


def _env(extra):
    env = {**os.environ, "PYTHONPATH": str(LIB), "PYTHONHASHSEED": "0"}
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    for var in (
        "OPENBLAS_CORETYPE",
        "NPY_DISABLE_CPU_FEATURES",
        "NUMBA_CPU_NAME",
        "NUMBA_CPU_FEATURES",
        "NUMBA_OPT",
    ):
        env.pop(var, None)
    env.update(extra)
    return env


def cross_machine(data: bytes, lanes: int = 8, model: int = 3) -> dict:
    """Compress and decompress data under every emulated machine.

    Returns {machine: "sha256 of its file, sha256 of the compiled model's
    tables"}; each child has also checked that its own file decodes exactly,
    so equal digests mean every file decodes exactly under every machine,
    and every machine computed the same tables. Raises if a child fails.

    The numba cache starts empty for each way of compiling
    (:func:`_codegen`): the first machine of each compiles the model itself.
    Machines that differ only in what OpenBLAS and numpy read at run time
    (their kernel, SIMD and threads) then load that machine code instead of
    compiling the same code again. The machine code does not depend on
    those settings; the module's global arrays, which numba bakes into it,
    are those of the machine that compiled it, which is why each child also
    reports the tables it computed itself.
    """
    import tempfile

    digests = {}
    with tempfile.TemporaryDirectory() as caches:
        for name, extra in MACHINES.items():
            cache = Path(caches) / _codegen(extra)
            proc = subprocess.run(
                [sys.executable, "-c", _ROUND_TRIP.format(lanes=lanes, model=model)],
                input=data,
                env=_env({**extra, "NUMBA_CACHE_DIR": str(cache)}),
                capture_output=True,
                check=False,
            )
            if proc.returncode:
                raise RuntimeError(f"{name}: {proc.stderr.decode()[-2000:]}")
            digests[name] = proc.stdout.decode()
    return digests


def _codegen(extra: dict) -> str:
    """A folder name for how numba compiles under the machine ``extra``:
    its NUMBA_ settings, or "native" when it has none."""
    numba = sorted(f"{k}={v}" for k, v in extra.items() if k.startswith("NUMBA_"))
    return "-".join(numba) or "native"


CHILD = """
import bz2, json, lzma, statistics, time
import numpy as np
import pyppmd
import nncode

def best_ppmd(data):
    return min(len(pyppmd.compress(data, max_order=k, mem_size=256 << 20)) for k in range(2, 17))

site, text2 = nncode.english_corpus(), nncode.second_text()
nn = len(nncode.compress(site))
nn2 = len(nncode.compress(text2))
xz = len(lzma.compress(site, preset=9 | lzma.PRESET_EXTREME))
bz = len(bz2.compress(site, 9))
ppmd, ppmd2 = best_ppmd(site), best_ppmd(text2)

markov, rate = nncode.markov_text({markov_symbols}, seed={markov_seed})
markov_bits = 8 * len(nncode.compress(markov)) / len(markov)

sample = site[:{roundtrip_bytes}]
runs = []
for _ in range({repeats}):
    start = time.perf_counter()
    blob = nncode.compress(sample)
    middle = time.perf_counter()
    restored = nncode.decompress(blob)
    end = time.perf_counter()
    runs.append((middle - start, end - middle))
encode = statistics.median(a for a, _ in runs)
decode = statistics.median(b for _, b in runs)

# Damaged files: every case must raise FormatError or decode exactly.
rng = np.random.default_rng(0)
good = nncode.compress(site[:600], lanes=8)
other = nncode.compress(site[600:1200], lanes=8)
cases = []
for _ in range(100):
    bad = bytearray(good)
    for at in rng.integers(0, len(bad), rng.integers(1, 4)).tolist():
        bad[at] ^= 1 << int(rng.integers(0, 8))
    cases.append(bytes(bad))
cases += [good[:n] for n in range(0, len(good), 3)]
cases.append(other[:40] + good[40:])
cases.append(good[:40] + other[40:])
silent = 0
for bad in cases:
    try:
        silent += nncode.decompress(bad) != site[:600]
    except nncode.FormatError:
        pass

print(json.dumps({{
    "compress_nn_over_ppmd_site": nn / ppmd,
    "compress_nn_over_ppmd_text2": nn2 / ppmd2,
    "compress_nn_over_xz": nn / xz,
    "compress_nn_over_bz2": nn / bz,
    "compress_markov1_over_entropy": markov_bits / rate,
    "compress_encode_100kb_s": encode,
    "compress_decode_100kb_s": decode,
    "compress_roundtrip_100kb_s": statistics.median(a + b for a, b in runs),
    "compress_roundtrip_100kb_all_s": [[round(a, 2), round(b, 2)] for a, b in runs],
    "compress_roundtrip_exact": restored == sample,
    "compress_corruption_cases": len(cases),
    "compress_corruptions_silent": silent,
    "compress_english_bytes": len(site),
    "compress_english_nn_bpb": 8 * nn / len(site),
    "compress_english_ppmd_bpb": 8 * ppmd / len(site),
    "compress_english_xz_bpb": 8 * xz / len(site),
    "compress_text2_bytes": len(text2),
    "compress_text2_nn_bpb": 8 * nn2 / len(text2),
    "compress_text2_ppmd_bpb": 8 * ppmd2 / len(text2),
    "compress_markov1_nn_bps": markov_bits,
    "compress_markov1_entropy_rate": rate,
}}))
"""


_FIRST = """
import time
start = time.perf_counter()
import nncode
nncode.compress(b"first")
print(time.perf_counter() - start)
"""


def first_compile() -> dict:
    """Seconds to import and compress once, with an empty and a full cache."""
    import tempfile

    times = []
    with tempfile.TemporaryDirectory() as cache:
        for _ in range(2):
            proc = subprocess.run(
                [sys.executable, "-c", _FIRST],
                env=_env({"NUMBA_CACHE_DIR": cache}),
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(float(proc.stdout))
    return {"compress_first_compile_s": times[0], "compress_cached_start_s": times[1]}


def measure() -> dict:
    """Run the compression benchmark in child processes; return its figures."""
    code = CHILD.format(
        markov_symbols=MARKOV_SYMBOLS,
        markov_seed=MARKOV_SEED,
        roundtrip_bytes=ROUNDTRIP_BYTES,
        repeats=ROUNDTRIP_REPEATS,
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=_env({}),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError("the compression benchmark failed:\n" + proc.stderr[-4000:])
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    sys.path.insert(0, str(LIB))
    import nncode

    sample = nncode.english_corpus()[:8192]
    digests = cross_machine(sample, lanes=16)
    numpy_digests = cross_machine(sample[:2048], lanes=4, model=1)
    figures["compress_portable_machines"] = sorted(MACHINES)
    figures["compress_portable"] = (
        len(set(digests.values())) == 1 and len(set(numpy_digests.values())) == 1
    )
    figures.update(first_compile())
    figures["compress_portable_file_sha256"] = hashlib.sha256(
        nncode.compress(sample, lanes=16)
    ).hexdigest()
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1, sort_keys=True))
