"""How many units for a given accuracy: worked examples.

Claim: for sin x on [0, 2 pi] and e^x on [0, 1], the fewest evenly spaced
ReLU units (the "connect the dots" construction) that keep the largest error
at most 0.1, 0.01 and 0.001 are at most what the bound h^2 max|f''| / 8
predicts, and close to it, and ten times the accuracy costs about
sqrt(10) = 3.2 times the units; for the half circle sqrt(1 - x^2) on
[-1, 1], whose slope is unbounded at the ends, evenly spaced units need about
100 times as many for each tenfold accuracy, while knots crowded towards the
ends bring the cost back to about 3.2 times.
Alt: a log-log plot of the largest error against the number of units, for
four constructions: sin x and e^x with evenly spaced knots (up to 4,096
units), two parallel straight lines of slope -2; the half circle with evenly
spaced knots (up to 262,144 units), a much flatter line of slope -1/2; and the
half circle with knots crowded towards the ends (up to 4,096 units), a line of
slope -2 again. Dotted horizontal lines mark the accuracies 0.1, 0.01 and
0.001.
"""

import functools
import math

import matplotlib.pyplot as plt
import numpy as np

ACCURACIES = [0.1, 0.01, 0.001]
GOLDEN = (math.sqrt(5) - 1) / 2

TARGETS = {
    # name: (function, interval, max |f''| on it, or None if unbounded)
    "sin": (np.sin, (0.0, 2 * math.pi), 1.0),
    "exp": (np.exp, (0.0, 1.0), math.e),
    "circle": (lambda x: np.sqrt(np.maximum(1.0 - x * x, 0.0)), (-1.0, 1.0), None),
}


def even_knots(lo, hi, n):
    return np.linspace(lo, hi, n + 1)


def graded_knots(lo, hi, n):
    """Knots crowded towards both ends: evenly spaced u in [-1, 1], mapped to
    sign(u) (1 - (1 - |u|)^4), so the gap next to an end shrinks like n^-4."""
    u = np.linspace(-1.0, 1.0, n + 1)
    t = np.sign(u) * (1.0 - (1.0 - np.abs(u)) ** 4)
    return lo + (hi - lo) * (t + 1.0) / 2


def largest_error(f, knots):
    """Largest |f - p| for the interpolant p at ``knots``, segment by segment.

    On each segment the error is zero at both ends and, for these targets,
    has a single extreme inside (f'' keeps its sign on the segment, or is so
    small there that the segment cannot hold the largest error); a golden-
    section search finds it on every segment at once.
    """
    knots = np.unique(knots)  # crowded knots can round onto each other
    a, b = knots[:-1], knots[1:]
    fa, fb = f(a), f(b)
    slope = (fb - fa) / (b - a)

    def err(x):
        return np.abs(f(x) - (fa + slope * (x - a)))

    lo, hi = a.copy(), b.copy()
    for _ in range(80):
        m1 = hi - GOLDEN * (hi - lo)
        m2 = lo + GOLDEN * (hi - lo)
        left = err(m1) > err(m2)
        hi = np.where(left, m2, hi)
        lo = np.where(left, lo, m1)
    return float(np.max(err(0.5 * (lo + hi))))


@functools.cache
def error_with(f, interval, knots, n):
    """largest_error with n units, each case worked out once: the search and
    the plot ask for many of the same ones."""
    return largest_error(f, knots(*interval, n))


def fewest_units(f, interval, eps, knots=even_knots):
    """Fewest n with error <= eps, found by doubling then halving the gap;
    returns n and the errors with n and n - 1 units (the second above eps)."""
    n = 1
    while error_with(f, interval, knots, n) > eps:
        n *= 2
    low = n // 2  # fails (or 0)
    while n - low > 1:
        mid = (low + n) // 2
        if error_with(f, interval, knots, mid) > eps:
            low = mid
        else:
            n = mid
    before = error_with(f, interval, knots, n - 1) if n > 1 else math.inf
    return n, error_with(f, interval, knots, n), before


RESULTS = {"accuracies": ACCURACIES}
rows = []
for name, (f, interval, max_f2) in TARGETS.items():
    for i, eps in enumerate(ACCURACIES):
        n, err_n, err_before = fewest_units(f, interval, eps)
        RESULTS[f"{name}_needed_{i}"] = n
        # how clearly n passes and n - 1 fails (both must hold on every machine)
        RESULTS[f"{name}_margin_{i}"] = min(eps / err_n, err_before / eps)
        if max_f2 is not None:
            width = interval[1] - interval[0]
            RESULTS[f"{name}_bound_{i}"] = math.ceil(
                width * math.sqrt(max_f2 / (8 * eps))
            )
        rows.append((name, eps, n, RESULTS.get(f"{name}_bound_{i}")))
    if name == "circle":
        for i, eps in enumerate(ACCURACIES):
            n, err_n, err_before = fewest_units(f, interval, eps, graded_knots)
            RESULTS[f"circle_graded_needed_{i}"] = n
            RESULTS[f"circle_graded_margin_{i}"] = min(eps / err_n, err_before / eps)
# how many times the units grow for each tenfold accuracy
for name in list(TARGETS) + ["circle_graded"]:
    for i in range(len(ACCURACIES) - 1):
        RESULTS[f"{name}_growth_{i}"] = (
            RESULTS[f"{name}_needed_{i + 1}"] / RESULTS[f"{name}_needed_{i}"]
        )

print("target       accuracy   units needed   units by the bound")
for name, eps, n, bound in rows:
    print(f"{name:12s} {eps:<10g} {n:<14,d} {bound if bound is not None else '-'}")
print(
    "half circle, knots crowded towards the ends: "
    + ", ".join(
        f"{RESULTS[f'circle_graded_needed_{i}']} units for {eps:g}"
        for i, eps in enumerate(ACCURACIES)
    )
)

counts = 2 ** np.arange(0, 19)
fig, ax = plt.subplots()
curves = [
    ("sin x on [0, 2π], even knots", "sin", even_knots, "tab:blue", "o-"),
    ("eˣ on [0, 1], even knots", "exp", even_knots, "tab:green", "s-"),
    ("half circle √(1 − x²), even knots", "circle", even_knots, "tab:orange", "^-"),
    (
        "half circle, knots crowded at the ends",
        "circle",
        graded_knots,
        "tab:red",
        "v--",
    ),
]
for label, name, knots, colour, style in curves:
    f, interval, _ = TARGETS[name]
    longest = 2**18 if (name, knots) == ("circle", even_knots) else 2**12
    shown = counts[counts <= longest]
    errs = [error_with(f, interval, knots, int(n)) for n in shown]
    ax.loglog(shown, errs, style, color=colour, lw=1.8, ms=4, label=label)
for eps in ACCURACIES:
    ax.axhline(eps, color="0.5", ls=":", lw=1)
ax.set_xlabel("number of ReLU units n")
ax.set_ylabel("largest |error| on the interval")
ax.set_title("Units needed for a given accuracy")
ax.legend(loc="lower left", fontsize="small")
