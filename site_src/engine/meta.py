"""Read a snippet's docstring: its title, claim, alt texts and opt-outs.

The docstring is the snippet's contract with the page (see CONTRIBUTING.md,
"The snippet contract"). Fields are ``Name: text`` lines; text may wrap onto
the following lines until a blank line or the next field.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_src.engine.errors import SnippetError

DEFAULT_TIMEOUT_S = 120.0

_FIELD = re.compile(
    r"^(Claim|Alt(?: [\w-]+)?|Timeout|Figures|Measures|Colours):\s*(.*)$"
)
_KNOWN_FIELD_LIKE = re.compile(r"^([A-Z][A-Za-z]+(?: [\w-]+)?):\s")
_OPT_OUT = re.compile(r"^(\S+)\s*\((.+)\)\s*$", re.S)
# Opt-outs that take one value and a reason: (field, value, example reason,
# the Meta attribute that keeps the reason).
_FLAGS = [
    ("Figures", "none", "why there is no figure", "no_figures_reason"),
    ("Measures", "time", "what it times", "measures_time_reason"),
    ("Colours", "kept", "what the text says of them", "kept_colours_reason"),
]


@dataclass
class Meta:
    """What a snippet's docstring declares."""

    title: str
    claim: str
    alts: dict[str, str] = field(default_factory=dict)
    timeout_s: float = DEFAULT_TIMEOUT_S
    timeout_reason: str = ""
    no_figures_reason: str = ""
    measures_time_reason: str = ""
    kept_colours_reason: str = ""  # dark mode shows the figures as drawn

    def alt_for(self, key: str) -> str:
        """Alt text for figure ``key`` (``"2"`` or a frame group), else ``Alt:``."""
        return self.alts.get(key) or self.alts.get("", "")


def parse_source(path: Path, source: str) -> tuple[Meta, ast.Module]:
    """Parse ``source`` (the text of ``path``) and read its docstring.

    Raises SnippetError, naming the file and line, when the code does not
    parse or the docstring lacks what the contract asks for.
    """
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise SnippetError(
            path,
            exc.lineno,
            f"SyntaxError: {exc.msg}",
            f"fix the syntax (run it alone: python {_rel(path)})",
        ) from None
    doc = ast.get_docstring(tree, clean=True)
    if not doc:
        raise SnippetError(
            path,
            1,
            "the snippet has no docstring",
            'start it with """Title.\\n\\nClaim: ...\\nAlt: ...""" '
            "(CONTRIBUTING.md, the snippet contract)",
        )
    meta = _parse_doc(path, doc)
    _refuse_show(path, tree)
    return meta, tree


def _refuse_show(path: Path, tree: ast.Module) -> None:
    """``plt.show()`` is against the contract: the runner saves open figures."""
    pyplot = {"plt", "pyplot"}  # names bound to matplotlib.pyplot
    show = set()  # names bound to matplotlib.pyplot.show
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            pyplot |= {
                a.asname
                for a in node.names
                if a.name == "matplotlib.pyplot" and a.asname
            }
        elif isinstance(node, ast.ImportFrom) and node.module == "matplotlib":
            pyplot |= {a.asname or a.name for a in node.names if a.name == "pyplot"}
        elif isinstance(node, ast.ImportFrom) and node.module == "matplotlib.pyplot":
            show |= {a.asname or a.name for a in node.names if a.name == "show"}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = (
            isinstance(func, ast.Attribute)
            and func.attr == "show"
            and ast.unparse(func.value) in pyplot | {"matplotlib.pyplot"}
        ) or (isinstance(func, ast.Name) and func.id in show)
        if called:
            raise SnippetError(
                path,
                node.lineno,
                f"the snippet calls {ast.unparse(func)}(), which the contract forbids",
                "delete the call and leave the figure open: the runner saves every "
                "open figure (CONTRIBUTING.md, the snippet contract)",
            )


def _parse_doc(path: Path, doc: str) -> Meta:
    lines = doc.splitlines()
    title = lines[0].strip().rstrip(".")
    fields: dict[str, str] = {}
    current: str | None = None
    for line in lines[1:]:
        stripped = line.strip()
        match = _FIELD.match(stripped)
        if match:
            current = match.group(1)
            if current in fields:
                raise SnippetError(
                    path, 1, f"the docstring has two `{current}:` fields", "keep one"
                )
            fields[current] = match.group(2).strip()
        elif not stripped or _KNOWN_FIELD_LIKE.match(stripped):
            current = None
        elif current is not None:
            fields[current] = (fields[current] + " " + stripped).strip()

    for required, what in (
        ("Claim", "one sentence that could be proved wrong"),
        ("Alt", "the figure described for a reader who cannot see it"),
    ):
        if required == "Alt" and "Figures" in fields:
            continue
        if not fields.get(required):
            raise SnippetError(
                path,
                1,
                f"the docstring has no `{required}:` line",
                f"add `{required}: ...`, {what} (CONTRIBUTING.md, the snippet contract)",
            )

    meta = Meta(title=title, claim=fields["Claim"])
    for name, text in fields.items():
        if name.startswith("Alt"):
            meta.alts[name[3:].strip()] = text

    if "Timeout" in fields:
        value, reason = _opt_out(
            path, "Timeout", fields["Timeout"], "300 (why it needs longer)"
        )
        try:
            meta.timeout_s = float(value.rstrip("s"))
        except ValueError:
            raise SnippetError(
                path,
                1,
                f"`Timeout: {fields['Timeout']}` is not a number of seconds",
                "write `Timeout: 300 (why it needs longer)`",
            ) from None
        meta.timeout_reason = reason
    for name, allowed, example, attribute in _FLAGS:
        if name in fields:
            value, reason = _opt_out(path, name, fields[name], f"{allowed} ({example})")
            if value != allowed:
                raise SnippetError(
                    path,
                    1,
                    f"`{name}:` only takes `{allowed}`",
                    f"write `{name}: {allowed} (why)`",
                )
            setattr(meta, attribute, reason)
    return meta


def _opt_out(path: Path, name: str, text: str, example: str) -> tuple[str, str]:
    """An opt-out is a value and a reason in brackets: opt-outs say why."""
    match = _OPT_OUT.match(text)
    if not match:
        raise SnippetError(
            path,
            1,
            f"`{name}: {text}` gives no reason",
            f"write `{name}: {example}`: an opt-out says why",
        )
    return match.group(1), match.group(2).strip()


def _rel(path: Path) -> str:
    from site_src.engine.errors import rel

    return rel(path)
