"""A small ReLU network, rewritten as if-statements.

Claim: a ReLU network with one input and 3 + 2 hidden units is exactly a tree
of if-statements on its input with an affine formula at each leaf; the program
this snippet generates from its weights returns the network's output bit for
bit at every one of 385 test inputs, and needs far fewer leaves than the
2^5 = 32 on/off patterns its units allow.
Alt: top, a tree drawn downwards: each box asks whether one hidden unit is on,
written as a threshold on the input x; yes and no edges lead to further
questions; each leaf, lettered from A, holds a formula y = a x + b, and three
leaves hold the same constant. Bottom, the network's output over x from -3 to
3, a broken line whose pieces carry the letter and colour of the leaf that
computes them.
"""

import matplotlib.pyplot as plt
import numpy as np

SEED = 6
SIZES = [1, 3, 2, 1]
LO, HI = -3.0, 3.0  # the inputs the program is written for
STEP = 2**-4  # weights are multiples of 1/16: exact arithmetic
TEST_STEP = 2**-6  # test inputs are multiples of 1/64

rng = np.random.default_rng(SEED)
layers = [
    (
        np.round(rng.normal(0, 1.2, (n_in, n_out)) / STEP) * STEP,
        np.round(rng.normal(0, 1.0, n_out) / STEP) * STEP,
    )
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:])
]


def network(x):
    h = x[:, None]
    for W, b in layers[:-1]:
        h = np.maximum(h @ W + b, 0.0)
    W, b = layers[-1]
    return (h @ W + b)[:, 0]


# --8<-- [start:tree]
def grow(layer, unit, inputs, outputs, lo, hi):
    """The branch of the tree for inputs x in (lo, hi).

    `inputs` holds the current layer's inputs and `outputs` the outputs found
    so far, each an affine function of x stored as its pair (a, b).
    """
    W, b = layers[layer]
    if layer == len(layers) - 1:  # the output: a leaf
        a_out = sum(a * w for (a, _), w in zip(inputs, W[:, 0]))
        b_out = sum(c * w for (_, c), w in zip(inputs, W[:, 0])) + b[0]
        return {"leaf": (a_out, b_out), "lo": lo, "hi": hi}
    if unit == W.shape[1]:  # layer done: next layer
        return grow(layer + 1, 0, outputs, [], lo, hi)
    # This unit's pre-activation a x + c, given what the branch has decided.
    a = sum(ai * w for (ai, _), w in zip(inputs, W[:, unit]))
    c = sum(ci * w for (_, ci), w in zip(inputs, W[:, unit])) + b[unit]
    cut = -c / a if a != 0 else (HI if c > 0 else LO) - 1.0
    on = (max(lo, cut), hi) if a > 0 else (lo, min(hi, cut))
    off = (lo, min(hi, cut)) if a > 0 else (max(lo, cut), hi)
    if a == 0:
        on, off = ((lo, hi), (hi, hi)) if c > 0 else ((lo, lo), (lo, hi))
    branches = {}
    for name, (l, h), out in (("yes", on, (a, c)), ("no", off, (0.0, 0.0))):
        if l < h:  # inputs reach this branch
            branches[name] = grow(layer, unit + 1, inputs, outputs + [out], l, h)
    if len(branches) == 1:  # already decided: no test
        return next(iter(branches.values()))
    return {"test": (a, c), "unit": (layer + 1, unit + 1), **branches}


def affine(a, b):
    """'a * x + b' with both numbers written exactly."""
    return f"{float(a)!r} * x {'-' if b < 0 else '+'} {abs(float(b))!r}"


def as_python(node, depth=1):
    """The tree as the text of a Python function of x."""
    pad = "    " * depth
    if "leaf" in node:
        a, b = node["leaf"]
        return [f"{pad}return {affine(a, b)}"]
    a, c = node["test"]
    layer, unit = node["unit"]
    return (
        [f"{pad}if {affine(a, c)} > 0:  # unit {unit} of layer {layer} on?"]
        + as_python(node["yes"], depth + 1)
        + [f"{pad}else:"]
        + as_python(node["no"], depth + 1)
    )


# --8<-- [end:tree]


tree = grow(0, 0, [(1.0, 0.0)], [], LO, HI)
source = "\n".join(["def program(x):"] + as_python(tree))
print(source)
namespace = {}
exec(source, namespace)  # the generated text, run as code
x_test = np.arange(LO, HI + TEST_STEP / 2, TEST_STEP)
from_program = np.array([namespace["program"](float(x)) for x in x_test])
difference = float(np.abs(from_program - network(x_test)).max())


def leaves(node):
    return [node] if "leaf" in node else leaves(node["yes"]) + leaves(node["no"])


def n_tests(node):
    return 0 if "leaf" in node else 1 + n_tests(node["yes"]) + n_tests(node["no"])


n_units = sum(SIZES[1:-1])
RESULTS = {
    "n_units": n_units,
    "n_possible_patterns": 2**n_units,
    "n_leaves": len(leaves(tree)),
    "n_distinct_leaf_formulas": len({leaf["leaf"] for leaf in leaves(tree)}),
    "n_tests": n_tests(tree),
    "n_test_inputs": len(x_test),
    "max_abs_difference": difference,
}
print(
    f"{RESULTS['n_tests']} tests, {RESULTS['n_leaves']} leaves; "
    f"largest |program - network| over {len(x_test)} inputs: {difference}"
)

# %% Draw the tree: leaves spread evenly, each test above its two branches.
fig, (ax_t, ax_f) = plt.subplots(
    2, 1, figsize=(6.4, 6.4), height_ratios=[3, 1.3], layout="constrained"
)
colours = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#882255",
    "#117733",
    "#999933",
]
# Text in the same hues, dark enough to read (4.5:1) on white and inverted.
text_colours = [
    "#0072B2",
    "#A84A00",
    "#007A5A",
    "#A2557F",
    "#8F6400",
    "#1F78AE",
    "#000000",
    "#882255",
    "#117733",
    "#6B6B22",
]
leaf_list = leaves(tree)
LEAF_NAMES = "ABCDEFGHIJKLMNOP"
position = {}


def place(node, depth):
    if "leaf" in node:
        position[id(node)] = (leaf_list.index(node), -depth)
    else:
        xs = [place(node[k], depth + 1)[0] for k in ("yes", "no")]
        position[id(node)] = (sum(xs) / 2, -depth)
    return position[id(node)]


def draw(node):
    x0, y0 = position[id(node)]
    if "leaf" in node:
        a, b = node["leaf"]
        colour = colours[leaf_list.index(node) % len(colours)]
        name = LEAF_NAMES[leaf_list.index(node)]
        formula = (
            f"{name}: y =\n{b:.3g}" if a == 0 else f"{name}: y =\n{a:.3g}x\n{b:+.3g}"
        )
        ax_t.text(
            x0,
            y0,
            formula,
            ha="center",
            va="top",
            fontsize="small",
            color=text_colours[leaf_list.index(node) % len(text_colours)],
            bbox=dict(fc="white", ec=colour, boxstyle="round,pad=0.3"),
        )
        return
    a, c = node["test"]
    layer, unit = node["unit"]
    ask = f"x {'>' if a > 0 else '<'} {-c / a:.2f}?"
    for k in ("yes", "no"):
        x1, y1 = position[id(node[k])]
        ax_t.plot([x0, x1], [y0, y1], color="0.5", lw=1, zorder=0)
        ax_t.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            k,
            fontsize="x-small",
            ha="center",
            va="center",
            color="0.3",
            bbox=dict(fc="white", ec="none", pad=0.5),
        )
        draw(node[k])
    ax_t.text(
        x0,
        y0,
        f"unit {layer}.{unit} on:\n{ask}",
        ha="center",
        va="center",
        fontsize="small",
        bbox=dict(fc="white", ec="black", boxstyle="round,pad=0.3"),
    )


place(tree, 0)
draw(tree)
depth = -min(y for _, y in position.values())
ax_t.set(xlim=(-0.6, len(leaf_list) - 0.4), ylim=(-depth - 1.1, 0.5))
ax_t.axis("off")
ax_t.set_title(
    f"The network as a program: {RESULTS['n_tests']} tests, "
    f"{RESULTS['n_leaves']} leaves"
)

# Name each piece after its leaf, so the match does not rest on colour alone.
by_position = sorted(range(len(leaf_list)), key=lambda i: leaf_list[i]["lo"])
for rank, i in enumerate(by_position):
    leaf = leaf_list[i]
    xs = np.linspace(leaf["lo"], leaf["hi"], 50)
    a, b = leaf["leaf"]
    colour = colours[i % len(colours)]
    ax_f.plot(xs, a * xs + b, color=colour, lw=2.5)
    middle = (leaf["lo"] + leaf["hi"]) / 2
    ax_f.annotate(
        LEAF_NAMES[i],
        (middle, a * middle + b),
        color=text_colours[i % len(text_colours)],
        xytext=(0, 8 + 10 * (rank % 2)),
        textcoords="offset points",
        ha="center",
        fontweight="bold",
    )
ax_f.set(xlabel="input x", ylabel="output y", xlim=(LO, HI))
ax_f.grid(alpha=0.3)
