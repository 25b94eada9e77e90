"""How often two contexts share a group of slots in the compressor's tables.

Claim: the compressor's context slots are found by hashing, with no check
of which context owns them, so on the site's text two or more contexts of
the same kind land in the same group of 16 slots, and learn together, for
a share of the contexts that grows with their length: below 2% for the
order-2 context, over 30% for the order-6 and order-8 contexts.
Figures: none (a table of shares, printed and quoted on the page)
"""

import nncode
import numpy as np
from nncode import mixer

NAMES = [
    "order 0",
    "order 1",
    "order 2",
    "order 3",
    "order 4",
    "order 5",
    "order 6",
    "order 8",
    "word",
    "two words",
    "sparse (2 bytes, skipping 1)",
]

text = nncode.english_corpus()
bits = mixer.table_bits(len(text))
keys, groups = mixer.slot_groups(np.frombuffer(text, dtype=np.uint8), bits)

RESULTS = {"text_bytes": len(text), "table_bits": bits, "groups": (1 << bits) // 16}
print(f"{len(text):,} bytes, {1 << bits:,} slots per context in groups of 16")
print(f"{'context':30s} {'keys seen':>14s} {'sharing a group':>16s}")
for k, name in enumerate(NAMES):
    # one key per (context, bits of the byte so far): the full 64-bit hash
    distinct, first = np.unique(keys[:, k], return_index=True)
    where = groups[first, k]
    _, inverse, counts = np.unique(where, return_inverse=True, return_counts=True)
    shared = float(np.mean(counts[inverse] > 1))
    RESULTS[f"shared_{k}"] = shared
    RESULTS[f"contexts_{k}"] = len(distinct)
    print(f"{name:30s} {len(distinct):14,d} {shared:16.1%}")
