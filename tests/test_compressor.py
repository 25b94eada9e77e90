"""The compressor of docs/neural-compression.md (snippets/_lib/nncode/).

Round trips of every input we give it, the coder's and the tables'
guarantees, the file format's checks against damage, the same bits on every
emulated machine, the command line, and the Markov source's exact
stationary distribution.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "snippets" / "_lib"
sys.path.insert(0, str(LIB))

import nncode  # noqa: E402
from nncode import coder, logistic  # noqa: E402

from site_src.devtools.bench_compress import MACHINES, cross_machine  # noqa: E402

SMALL_INPUTS = {
    "empty": b"",
    "one byte": b"A",
    "one zero byte": b"\x00",
    "all 256 byte values": bytes(range(256)),
    "all 256 byte values, backwards, twice": bytes(range(255, -1, -1)) * 2,
    "one value repeated": b"\xff" * 3000,
    "random bytes": np.random.default_rng(1)
    .integers(0, 256, 3000, dtype=np.uint8)
    .tobytes(),
    "a short sentence": "Prediction is compression — ça marche.\n".encode(),
}


def english():
    return nncode.english_corpus()


@pytest.mark.parametrize("name", SMALL_INPUTS)
def test_small_inputs_round_trip(name):
    data = SMALL_INPUTS[name]
    assert nncode.decompress(nncode.compress(data)) == data


@pytest.mark.parametrize("lanes", [1, 2, 3, 16, 40])
def test_any_number_of_lanes_round_trips(lanes):
    for data in (b"", b"x", b"abc" * 7, english()[:600]):
        blob = nncode.compress(data, lanes=lanes)
        assert nncode.read_header(blob)[1] == lanes
        assert nncode.decompress(blob) == data


@pytest.mark.parametrize("lanes", [None, 1, 3, 16])
def test_the_numpy_model_round_trips_too(lanes):
    for data in (b"", b"x", english()[:700]):
        blob = nncode.compress(data, lanes=lanes, model=1)
        assert nncode.read_header(blob)[0] == 1
        assert nncode.decompress(blob) == data


def test_frozen_network_round_trips_and_costs_match_the_file():
    from nncode import container

    data = english()[:5000]
    for rate in (0, container.MIXER_RATE):
        probs = np.zeros(8 * len(data), dtype=np.int64)
        streams = nncode.encode_parts(data, 1, mixer_rate=rate, probs=probs)
        assert nncode.decode_parts(streams, len(data), mixer_rate=rate) == data
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
        q = np.where(bits == 1, probs, 4096 - probs)
        assert (probs >= 1).all() and (probs <= 4095).all()
        ideal = -np.log2(q / 4096).sum()
        # (the last byte is cut short: the file may be a few bits under)
        assert ideal - 8 <= 8 * len(streams[0]) <= ideal + 40


def test_the_compiled_model_has_no_floating_point():
    # Compile afresh (a cached function cannot be inspected) and look for
    # any floating-point instruction or type in the machine-independent IR.
    out = _inspect_compiled(
        """
found = []
for f in (mixer.run, mixer._squash, mixer._refine):
    for ir in f.inspect_llvm().values():
        assert len(ir) > 1000
        found += re.findall(r"= (f(?:add|sub|mul|div|rem|neg|cmp|pext|ptrunc|pto[su]i)|[su]itofp) ", ir)
        found += re.findall(r"\\b(double|float|half)\\b", ir)
print(sorted(set(found)))
"""
    )
    assert out == "[]"


def test_the_hashes_wrap_in_uint64():
    # The hashes overflow on purpose. In int64, numba marks additions and
    # multiplications "nsw" (no signed wrap): an overflow is then undefined
    # behaviour that LLVM may exploit, and the bits depend on the
    # optimiser. Every hash operation must therefore be uint64, which
    # numba emits as plain wrapping add and mul. Check (1) the types numba
    # inferred for every multiplication by a hash constant and for the
    # hash state, and (2) that in the IR no multiplication by a hash
    # constant carries nsw, and some without it are there.
    out = _inspect_compiled(
        """
from numba.core import ir as nir
bad, hashing = [], 0
functions = (mixer.run, mixer._byte_hashes, mixer._nibble_hash, mixer._next_word, mixer._group)
nncode.mixer.slot_groups(b"abc", 18)
for f in functions:
    for overload in f.overloads.values():
        annotation = overload.type_annotation
        loaded, odd_vars = {}, set()
        for block in annotation.blocks.values():
            for stmt in block.body:
                if not isinstance(stmt, nir.Assign):
                    continue
                value = stmt.value
                if isinstance(value, nir.Global) and value.name in ("ODD", "LOW"):
                    loaded[stmt.target.name] = value.name
                elif isinstance(value, nir.Expr) and value.op in ("getitem", "static_getitem"):
                    if value.value.name in loaded:
                        odd_vars.add(stmt.target.name)
        for block in annotation.blocks.values():
            for stmt in block.body:
                if isinstance(stmt, nir.Assign) and isinstance(stmt.value, nir.Expr):
                    e = stmt.value
                    if e.op in ("binop", "inplace_binop") and {e.lhs.name, e.rhs.name} & odd_vars:
                        hashing += 1
                        if str(annotation.calltypes[e].return_type) != "uint64":
                            bad.append((f.__name__, e.fn.__name__, str(annotation.calltypes[e])))
(sig, overload), = mixer.run.overloads.items()
typemap = overload.type_annotation.typemap
for name in ("history", "word", "previous", "h"):
    types = {str(t) for v, t in typemap.items() if v.split(".")[0] == name}
    if types != {"uint64"}:
        bad.append((name, sorted(types)))
odd = {str(int(v)) for v in mixer.ODD}
ir = "\\n".join(ir for f in functions for ir in f.inspect_llvm().values())
muls = [line for line in ir.splitlines() if re.search(r"= mul ", line) and set(re.findall(r"\\b\\d{15,}\\b", line)) & odd]
nsw = [line for line in muls if "nsw" in line]
print(hashing, len(muls), len(nsw), bad)
"""
    )
    hashing, muls, nsw, bad = out.split(" ", 3)
    assert bad == "[]", bad
    assert int(hashing) >= 10  # every use of ODD and LOW was found
    assert int(muls) >= 4 and int(nsw) == 0


def _inspect_compiled(body):
    """Run body after a fresh compile of the model; return what it prints."""
    import tempfile

    code = "import re, sys\nimport nncode\nfrom nncode import mixer\nnncode.compress(b'abc')\n"
    with tempfile.TemporaryDirectory() as cache:
        env = {
            "PYTHONPATH": str(LIB),
            "PATH": "/usr/bin:/bin",
            "NUMBA_CACHE_DIR": cache,
        }
        out = subprocess.run(
            [sys.executable, "-c", code + body],
            env=env,
            capture_output=True,
            text=True,
        )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


GOLDEN = ROOT / "tests" / "data" / "nncode"


@pytest.mark.parametrize(
    "name, make",
    [
        ("gpl-3-head.model3.nnc", lambda: (nncode.second_text()[:6000], {})),
        ("bytes.model3.nnc", lambda: (bytes(range(256)) * 3, {"lanes": 2})),
        ("gpl-3-head.model1.nnc", lambda: (nncode.second_text()[:1500], {"model": 1})),
    ],
)
def test_golden_files_decode_and_are_rewritten_exactly(name, make):
    # Committed files (tests/data/nncode/README.md): decoding them checks
    # that files from another machine or an older commit still decode;
    # re-making them checks that no model's bits changed without a new
    # model number.
    golden = (GOLDEN / name).read_bytes()
    data, options = make()
    assert nncode.read_header(golden)[0] == int(name.split(".model")[1][0])
    assert nncode.decompress(golden) == data
    assert nncode.compress(data, **options) == golden, (
        f"{name}: the model's bits changed; give it a new model number "
        "(see tests/data/nncode/README.md)"
    )


def test_a_retired_model_is_refused_by_name():
    data = english()[:300]
    streams = nncode.encode_parts(data, 1)
    with pytest.raises(nncode.FormatError, match="earlier compiled model") as caught:
        nncode.decompress(nncode.pack(data, streams, model=2))
    assert caught.value.reason == "model"


def test_random_bytes_cost_little_more_than_themselves():
    data = SMALL_INPUTS["random bytes"]
    assert len(nncode.compress(data)) < 1.05 * len(data) + 64


def test_texts_round_trip():
    for data in (nncode.second_text(), nncode.markov_text(20_000, 0)[0]):
        blob = nncode.compress(data)
        assert len(blob) < len(data) / 2
        assert nncode.decompress(blob) == data


def test_compression_is_deterministic():
    data = english()[:3000]
    assert nncode.compress(data, lanes=4) == nncode.compress(data, lanes=4)


# ---------------------------------------------------------------- the coder


def test_coder_round_trips_random_bits_in_every_lane():
    rng = np.random.default_rng(3)
    lanes, steps = 5, 3000
    probs = rng.integers(1, 4096, (steps, lanes))
    # bits drawn from their own probability, and some against it
    bits = (rng.integers(0, 4096, (steps, lanes)) < probs).astype(np.int64)
    bits[::17] ^= 1
    encoder = coder.Encoder(lanes)
    for t in range(steps):
        active = lanes if t < steps - 100 else 3  # the last lanes stop early
        encoder.encode(bits[t, :active], probs[t, :active])
    decoder = coder.Decoder(encoder.finish())
    for t in range(steps):
        active = lanes if t < steps - 100 else 3
        assert (decoder.decode(probs[t, :active]) == bits[t, :active]).all()


def test_coder_costs_what_the_probabilities_say():
    # 20,000 bits each given probability 1/2: about 20,000 bits of output.
    encoder = coder.Encoder(1)
    rng = np.random.default_rng(4)
    for bit in rng.integers(0, 2, 20_000).tolist():
        encoder.encode(np.array([bit]), np.array([2048]))
    size = 8 * len(encoder.finish()[0])
    assert 20_000 <= size <= 20_000 + 40


def test_squash_and_stretch_are_exact_and_inverse():
    assert logistic.squash(np.array([0]))[0] == 2048
    assert (np.diff(logistic.SQUASH) >= 0).all()
    assert logistic.SQUASH[0] == 1 and logistic.SQUASH[-1] == 4095
    # squash(d) = 4096 / (1 + e^(-d/256)) rounded: check against exact
    # bounds from e's rational enclosures at a few points.
    for d, lo, hi in [
        (256, 2.718281828, 2.718281829),
        (-512, 7.389056098, 7.389056099),
    ]:
        value = logistic.squash(np.array([d]))[0]
        e = Fraction(lo) if d > 0 else Fraction(1) / Fraction(hi)
        assert abs(value - 4096 / (1 + 1 / e)) <= 0.5 + 1e-6
    # stretch inverts squash to within the table's resolution
    p = np.arange(1, 4096)
    assert np.abs(logistic.squash(logistic.STRETCH[p]) - p).max() <= 4


# ---------------------------------------------------------------- the format


def test_the_header_records_what_a_decoder_needs():
    data = english()[:2000]
    blob = nncode.compress(data, lanes=3)
    model, lanes, length, crc, streams = nncode.read_header(blob)
    assert blob[:4] == b"NNCz" and blob[4] == 1
    assert (model, lanes, length) == (3, 3, 2000) and len(streams) == 3
    import zlib

    assert crc == zlib.crc32(data)


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda b: b"PK\x03\x04" + b[4:], "magic"),
        (lambda b: b"", "truncated"),
        (lambda b: b[:2], "truncated"),
        (lambda b: b[:4] + b"\x07" + b[5:], "version"),
        (lambda b: b[:-1], "truncated"),
        (lambda b: b + b"\x00", "trailing"),
        (lambda b: b[:8] + bytes([b[8] ^ 1]) + b[9:], "header"),
    ],
    ids=[
        "zip magic",
        "empty",
        "cut in magic",
        "version 7",
        "cut at end",
        "extra byte",
        "header bit",
    ],
)
def test_each_kind_of_damage_is_named(damage, reason):
    blob = nncode.compress(english()[:1000], lanes=2)
    with pytest.raises(nncode.FormatError) as caught:
        nncode.decompress(damage(blob))
    assert caught.value.reason == reason


def test_a_wrong_stream_is_a_checksum_mismatch():
    blob = bytearray(nncode.compress(english()[:1000], lanes=2))
    blob[-3] ^= 0x10  # inside the last lane's stream, past the header
    with pytest.raises(nncode.FormatError, match="checksum mismatch") as caught:
        nncode.decompress(bytes(blob))
    assert caught.value.reason == "checksum"


def test_no_damaged_file_decodes_silently():
    data = english()[:800]
    good = nncode.compress(data, lanes=4)
    other = nncode.compress(english()[800:1600], lanes=4)
    rng = np.random.default_rng(0)
    cases = []
    for _ in range(60):  # one to three random bit flips anywhere
        bad = bytearray(good)
        for at in rng.integers(0, len(bad), rng.integers(1, 4)).tolist():
            bad[at] ^= 1 << int(rng.integers(0, 8))
        cases.append(bytes(bad))
    cases += [good[:n] for n in range(0, len(good), 3)]  # cut every 3 bytes
    cases += [other[:30] + good[30:], good[:30] + other[30:]]  # mixed headers
    outcomes = {"error": 0, "exact": 0}
    for bad in cases:
        try:
            assert nncode.decompress(bad) == data, "a damaged file decoded silently"
            outcomes["exact"] += 1
        except nncode.FormatError:
            outcomes["error"] += 1
    assert outcomes["error"] >= len(cases) - 5


# ------------------------------------------------------- the same everywhere


@pytest.mark.parametrize("model", [3, 1])
def test_same_file_on_every_emulated_machine(model):
    data = english()[:1200] + nncode.second_text()[:600]
    digests = cross_machine(data, lanes=5, model=model)
    assert set(digests) == set(MACHINES)
    assert len(set(digests.values())) == 1, digests


def test_command_line_round_trip(tmp_path):
    original = tmp_path / "notes.txt"
    original.write_bytes(english()[:3000])
    env = {"PYTHONPATH": str(LIB), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "nncode"]
    out = subprocess.run(run + [str(original)], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    packed = tmp_path / "notes.txt.nnc"
    assert packed.stat().st_size < 3000 / 2
    restored = tmp_path / "back.txt"
    out = subprocess.run(
        run + ["-d", str(packed), "-o", str(restored)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and restored.read_bytes() == original.read_bytes()
    out = subprocess.run(
        run + ["-d", str(original)], env=env, capture_output=True, text=True
    )
    assert out.returncode == 1 and "not an nncode file" in out.stderr


# ---------------------------------------------------------------- the rest


@pytest.mark.parametrize("name", SMALL_INPUTS)
def test_lzw_small_inputs_round_trip(name):
    data = SMALL_INPUTS[name]
    assert nncode.lzw_decompress(nncode.lzw_compress(data)) == data


def test_lzw_text_round_trips():
    data = english()
    blob = nncode.lzw_compress(data)
    assert len(blob) < len(data)
    assert nncode.lzw_decompress(blob) == data


def test_lzw_codes_widen_from_8_bits():
    from nncode import lzw

    data = bytes(b for i in range(300) for b in (i % 256, (i * 7) % 256)) * 3
    assert nncode.lzw_decompress(nncode.lzw_compress(data)) == data
    # The i-th code is at most 255 + i: 8 bits for the first, 9 up to 511, ...
    assert lzw._lzw_width(0) == 8 and lzw._lzw_width(1) == 9
    assert lzw._lzw_width(256) == 9 and lzw._lzw_width(257) == 10
    assert lzw._lzw_width(10**6) == lzw.LZW_MAX_BITS


def test_markov_stationary_distribution_is_exact():
    P, pi = nncode.markov_source(16, 0.5, np.random.default_rng(0))
    assert sum(pi) == 1
    for j in range(16):
        assert sum(pi[i] * P[i][j] for i in range(16)) == pi[j]
    assert all(sum(row) == 1 and all(isinstance(p, Fraction) for p in row) for row in P)
    assert 0 < nncode.entropy_rate(P, pi) < 4  # 16 symbols: at most 4 bits each


def test_markov_text_matches_the_snippets_construction():
    rng = np.random.default_rng(0)
    P, pi = nncode.markov_source(16, 0.5, rng)
    data = nncode.sample_markov(P, pi, 1000, rng)
    assert nncode.markov_text(1000, seed=0) == (data, nncode.entropy_rate(P, pi))


def test_the_texts_are_the_committed_ones():
    assert len(english()) >= 100_000 and english().startswith(b"# Contributing")
    text2 = nncode.second_text()
    assert len(text2) == 35_149 and b"GNU GENERAL PUBLIC LICENSE" in text2[:100]
    readme = (ROOT / "snippets" / "_data" / "gpl-3.README.md").read_text()
    assert "verbatim" in readme


def test_the_pages_try_it_yourself_commands_work(tmp_path):
    # Run the console block of docs/neural-compression.md#try-it as written,
    # from the project's root, with its /tmp/ files moved to a fresh folder.
    page = (ROOT / "docs" / "neural-compression.md").read_text()
    block = page.split("### Try it yourself", 1)[1].split("```console", 1)[1]
    commands = [
        line[2:].replace("/tmp/", f"{tmp_path}/")
        for line in block.split("```", 1)[0].splitlines()
        if line.startswith("$ ")
    ]
    assert any("-m nncode -d" in c for c in commands)
    out = subprocess.run(
        ["bash", "-ec", "\n".join(commands)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("identical")
