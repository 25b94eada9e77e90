"""One stylesheet of ours per page instead of seven.

``mkdocs.yml`` lists one stylesheet, ``assets/whyrelu/whyrelu.css``, whose
source (``site_src/assets/whyrelu.css``) only imports the others in order.
Every stylesheet in a page's head holds up its first paint, and each is a
round trip on a phone's network, so ``bundle`` replaces the imports in the
built site with the files' rules: comments and indentation dropped, nothing
else changed (no rule is rewritten, reordered or merged).
"""

from __future__ import annotations

import re
from pathlib import Path

BUNDLE = Path("assets") / "whyrelu" / "whyrelu.css"

_IMPORT = re.compile(r'@import\s+url\("([^"]+)"\)\s*;')
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class StylesheetError(Exception):
    """A stylesheet the bundle cannot be made from; the message says why."""


def minify(css: str) -> str:
    """``css`` without comments, indentation and blank lines."""
    if re.search(r"[\"'][^\"'\n]*/\*", css):
        # a "/*" inside a string would be taken for a comment
        raise StylesheetError('a quoted "/*" in a stylesheet: write it as "\\2f*"')
    css = _COMMENT.sub("", css)
    lines = (line.strip() for line in css.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def bundle(site_dir: Path) -> Path | None:
    """Inline the imports of ``site_dir/assets/whyrelu/whyrelu.css`` (a no-op
    when there is none, or when it holds no import any more)."""
    path = site_dir / BUNDLE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    parts = []
    for name in _IMPORT.findall(text):
        part = path.parent / name
        if not part.is_file():
            raise StylesheetError(
                f"site_src/assets/whyrelu.css imports {name}, which is not in "
                "site_src/assets/: add it or remove the line"
            )
        body = part.read_text(encoding="utf-8")
        if "@import" in body:
            raise StylesheetError(f"site_src/assets/{name}: no @import inside a part")
        parts.append(f"/* {name} */\n" + minify(body))
    if not parts:
        return path
    rest = minify(_IMPORT.sub("", text))
    path.write_text("".join(parts) + rest, encoding="utf-8")
    return path
