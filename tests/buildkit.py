"""What several test modules share: the repository root and a strict build.

A plain module, not conftest.py: tests/browser/ has a conftest of its own,
and two modules named ``conftest`` cannot both be imported by name.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BUILD_ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1780000000"),
}


def mkdocs_build(
    project: Path,
    site_dir: Path,
    env: dict | None = None,
    generator: str | None = None,
) -> subprocess.CompletedProcess:
    """Run a strict build of the project's mkdocs.yml into ``site_dir``, with
    ProperDocs (or ``generator="mkdocs"``, for a comparison)."""
    from site_src.devtools.bench import GENERATOR
    from site_src.devtools.bench import mkdocs_build as build

    return build(
        project,
        site_dir,
        env or BUILD_ENV,
        timeout=1800,
        generator=generator or GENERATOR,
    )
