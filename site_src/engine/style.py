"""The site's one figure style, the rcParams every snippet's figures are drawn with.

A module of its own, with no imports, so that the build (which passes the
style to the notebooks) does not import matplotlib to read it: only the
snippets' worker draws.
"""

# The site's one figure style: sized for the page column, fixed ids and no
# dates in the SVG so that two runs give the same bytes.
STYLE = {
    "figure.figsize": (7.0, 3.9),
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "svg.hashsalt": "why-relu",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "path.simplify": True,
}
