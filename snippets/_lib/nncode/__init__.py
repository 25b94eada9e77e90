"""A small lossless compressor whose model is a network that learns as it reads.

Modules, in the order the pages show them:

- ``logistic``: squash and stretch as integer tables built exactly.
- ``coder``: a binary arithmetic coder, many lanes at once, integers only.
- ``mixer``: the compressor's model and coder in one loop, integers only,
  compiled by numba (model 3 of the file format, the default).
- ``model``: the first, numpy version of the model, which reads many lanes
  at once (model 1; the pages use it to show why floats break decoding).
- ``container``: lanes, the bit loop, the file format (``compress``,
  ``decompress``, ``FormatError``).
- ``lzw``: the "table" baseline, LZW with variable-width codes.
- ``markov``: an order-1 Markov source with an exactly known entropy rate.
- ``corpus``: the texts the pages measure on.

``python -m nncode`` compresses and decompresses files from the shell.
"""

from .container import (
    LANES,
    FormatError,
    compress,
    decode_lanes,
    decode_parts,
    decompress,
    default_lanes,
    encode_lanes,
    encode_parts,
    lane_starts,
    pack,
    read_header,
)
from .corpus import english_corpus, second_text
from .lzw import lzw_compress, lzw_decompress
from .markov import entropy_rate, markov_source, markov_text, sample_markov
from .model import MixingModel

__all__ = [
    "LANES",
    "FormatError",
    "MixingModel",
    "compress",
    "decode_lanes",
    "decode_parts",
    "decompress",
    "default_lanes",
    "encode_lanes",
    "encode_parts",
    "english_corpus",
    "entropy_rate",
    "lane_starts",
    "lzw_compress",
    "lzw_decompress",
    "markov_source",
    "markov_text",
    "pack",
    "read_header",
    "sample_markov",
    "second_text",
]
