"""Counting the model's own size: minimum description length.

Claim: for context models of the site's English text, a longer context makes
the data itself cost fewer bits but the table of counts, which a decoder
would also need, cost more; the total of the two is smallest at a short
context, and at the longest contexts the table costs more than the data
did with no context at all.
Alt: bits per byte of text, on a logarithmic scale, against context length
0 to 6. A falling line for the data given the fitted table, a steeply rising
line for the table itself, and a U-shaped line for their sum with its lowest
point at a short context. A fourth, dashed line shows a model that
learns as it reads and sends no table; it rises far more gently and stays
well below the sum at long contexts.
"""

import math
from collections import Counter, defaultdict

import matplotlib.pyplot as plt
import nncode
import numpy as np

ORDERS = range(7)  # context lengths, in bytes
N_BYTES = 49_152  # the first 48 KB of the site's text, as on the next page

text = nncode.english_corpus()[:N_BYTES]
n = len(text)


def elias_gamma_bits(count):
    """Bits of the Elias gamma code of a positive integer."""
    return 2 * int(math.log2(count)) + 1


data_bits, table_bits, online_bits = [], [], []
for k in ORDERS:
    pairs = Counter(text[i - k : i + 1] for i in range(k, n))  # context + next byte
    context_total = Counter()
    for pair, c in pairs.items():
        context_total[pair[:-1]] += c
    # Two-part code, part 2: each byte costs -log2 of its fitted probability.
    data = sum(
        -c * math.log2(c / context_total[pair[:-1]]) for pair, c in pairs.items()
    )
    data_bits.append(8 * k + data)  # the first k bytes are sent raw
    # Part 1: the table. Per context: its k bytes, how many distinct next
    # bytes it has, then each next byte and its count.
    table = 32  # the number of contexts
    by_context = defaultdict(list)
    for pair, c in pairs.items():
        by_context[pair[:-1]].append(c)
    for counts in by_context.values():
        table += 8 * k + 8 + sum(8 + elias_gamma_bits(c) for c in counts)
    table_bits.append(table)
    # A model that learns as it reads (add-1/2 counts) sends no table.
    seen, totals, bits = Counter(), Counter(), 8 * k
    for i in range(k, n):
        context, pair = text[i - k : i], text[i - k : i + 1]
        bits -= math.log2((seen[pair] + 0.5) / (totals[context] + 128))
        seen[pair] += 1
        totals[context] += 1
    online_bits.append(bits)

data_bpb = np.array(data_bits) / n
table_bpb = np.array(table_bits) / n
total_bpb = data_bpb + table_bpb
online_bpb = np.array(online_bits) / n
best = int(np.argmin(total_bpb))

RESULTS = {
    "n_bytes": n,
    "data_bpb": data_bpb.round(4).tolist(),
    "table_bpb": table_bpb.round(4).tolist(),
    "total_bpb": total_bpb.round(4).tolist(),
    "online_bpb": online_bpb.round(4).tolist(),
    "best_order": best,
    "best_total_bpb": float(total_bpb[best]),
    "longest_order": ORDERS[-1],
    "longest_data_bpb": float(data_bpb[-1]),
    "longest_table_bpb": float(table_bpb[-1]),
    "order0_data_bpb": float(data_bpb[0]),
    "best_online_order": int(np.argmin(online_bpb)),
    "best_online_bpb": float(online_bpb.min()),
}
for k in ORDERS:
    print(
        f"order {k}: data {data_bpb[k]:.3f} + table {table_bpb[k]:.3f} = "
        f"{total_bpb[k]:.3f} bits/byte; learning as it reads {online_bpb[k]:.3f}"
    )

fig, ax = plt.subplots()
ax.plot(ORDERS, data_bpb, "o-", color="#3b6fb6", label="data, given the table")
ax.plot(ORDERS, table_bpb, "s-", color="#888888", label="the table of counts")
ax.plot(ORDERS, total_bpb, "D-", color="black", linewidth=2.5, label="data + table")
ax.plot(
    ORDERS, online_bpb, "^--", color="#d9822b", label="learning as it reads (no table)"
)
ax.annotate(
    "smallest total",
    (best, total_bpb[best]),
    xytext=(best + 0.5, 1.5),
    arrowprops=dict(arrowstyle="->"),
)
ax.set_yscale("log")
ax.set_xlabel("context length (bytes)")
ax.set_ylabel("bits per byte of text (log scale)")
ax.set_title("A longer context: cheaper data, a costlier table")
ax.legend(fontsize="small")
