"""A small lossless compressor whose model is a network that learns as it reads.

Modules, in the order the pages show them:

- ``logistic``: squash and stretch as integer tables built exactly.
- ``coder``: a binary arithmetic coder, many lanes at once, integers only.
- ``model``: context counters, a match model and the mixing network.
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
    decompress,
    default_lanes,
    encode_lanes,
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
    "decompress",
    "default_lanes",
    "encode_lanes",
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
