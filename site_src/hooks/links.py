"""MkDocs hook: broken links reported with their line and what to do.

Thin on purpose: ``site_src.html.linkhints`` rewrites MkDocs' link and anchor
warnings into ``docs/page.md:line: what happened — what to do``. The warning
keeps its level, so a strict build still fails on it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.structure import pages as _pages  # noqa: E402

from site_src.html import linkhints  # noqa: E402

# The generator logs link and anchor problems from this module's logger:
# "mkdocs.structure.pages" under MkDocs, "properdocs.structure.pages" under
# ProperDocs (whose command line points mkdocs.* imports at its own modules).
LOGGER = _pages.log.name


class _Hints(logging.Filter):
    docs_dir: Path | None = None
    shown_as = "docs"

    def filter(self, record: logging.LogRecord) -> bool:
        if self.docs_dir is not None and record.levelno >= logging.INFO:
            text = linkhints.rewrite(record.getMessage(), self.docs_dir, self.shown_as)
            if text:
                record.msg, record.args = text, ()
        return True


_hints = _Hints()


def on_config(config):
    docs = Path(config.docs_dir).resolve()
    project = Path(config.config_file_path).resolve().parent
    _hints.docs_dir = docs
    _hints.shown_as = os.path.relpath(docs, project).replace(os.sep, "/")
    logger = logging.getLogger(LOGGER)
    if _hints not in logger.filters:  # `mkdocs serve` calls this on every rebuild
        logger.addFilter(_hints)
    return config
