"""requirements.lock is the lock of requirements.in, verifiable, for every
machine the project supports.

`make lock` writes it with `uv pip compile --universal --generate-hashes`
(Linux and macOS, Python 3.11.5 and newer) and records requirements.in's
sha256 in its first line; `make` installs it with `uv pip install
--require-hashes` (uv itself pinned by hash: site_src/devtools/uv-requirements.txt).
These tests fail when requirements.in was edited without `make lock`, when a
package is pinned without hashes, or when the code imports a package that is
not a top-level requirement (it would arrive only by chance, as another
package's dependency).
"""

from __future__ import annotations

import ast
import hashlib
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from buildkit import ROOT

IN = ROOT / "requirements.in"
LOCK = ROOT / "requirements.lock"
HEADER = re.compile(r"^# requirements\.in sha256: ([0-9a-f]{64})$")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?: ;(.*?))?\s*\\?$")


def top_level() -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in IN.read_text().splitlines())
    return [Requirement(line) for line in lines if line]


def lock_entries() -> list[tuple[str, str, str, list[str]]]:
    """(name, version, marker, hashes) for every pin of the lock."""
    entries = []
    for line in LOCK.read_text().splitlines():
        match = PIN.match(line)
        if match:
            name, version, marker = match.groups()
            entries.append((canonicalize_name(name), version, marker or "", []))
        elif line.strip().startswith("--hash=sha256:") and entries:
            entries[-1][3].append(line.strip().split(":")[1].rstrip(" \\"))
    return entries


def test_the_lock_records_the_hash_of_requirements_in():
    first = LOCK.read_text().splitlines()[0]
    match = HEADER.match(first)
    assert match, f"requirements.lock starts with {first!r}: regenerate it, `make lock`"
    assert match.group(1) == hashlib.sha256(IN.read_bytes()).hexdigest(), (
        "requirements.in changed since requirements.lock was made: run `make lock`"
    )


def test_every_top_level_requirement_is_pinned_and_fits_its_range():
    pins: dict[str, list[str]] = {}
    for name, version, _, _ in lock_entries():
        pins.setdefault(name, []).append(version)
    for req in top_level():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in requirements.in, not in the lock"
        for version in pins[name]:
            assert Version(version) in req.specifier, (
                f"the lock pins {req.name}=={version}, outside {req} of requirements.in"
            )


def test_every_pin_is_exact_hashed_and_for_linux_and_macos():
    entries = lock_entries()
    assert len(entries) > 50
    for name, version, marker, hashes in entries:
        assert hashes, f"{name}=={version} has no --hash in the lock"
        assert all(len(h) == 64 for h in hashes), name
        assert "win32" not in marker, f"{name}: the lock is for Linux and macOS"
    text = LOCK.read_text()
    assert "--index-url" not in text and "--find-links" not in text, (
        "the lock names no index: it installs from PyPI, or the index the installer is set to use"
    )


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for folder in ("site_src", "snippets", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names |= {alias.name.split(".")[0] for alias in node.names}
                elif (
                    isinstance(node, ast.ImportFrom) and node.module and not node.level
                ):
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names)


def test_every_imported_package_is_a_top_level_requirement():
    """A module that an installed distribution provides must come from a
    package named in requirements.in (local modules are provided by none, or
    by this project itself: `make` installs it editable for its plugin)."""
    provided = packages_distributions()
    wanted = {canonicalize_name(req.name) for req in top_level()}
    own = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["name"]
    wanted.add(canonicalize_name(own))
    missing = {}
    for module in sorted(_imported_modules()):
        dists = {canonicalize_name(d) for d in provided.get(module, [])}
        if dists and not dists & wanted:
            missing[module] = sorted(dists)
    assert not missing, (
        f"imported but not in requirements.in (add them, then `make lock`): {missing}"
    )


def test_uv_is_pinned_by_hash_at_the_makefiles_version():
    """The installer that installs the lock is itself installed by hash, and
    the Makefile's UV_VERSION is the version pinned."""
    makefile = (ROOT / "Makefile").read_text()
    version = re.search(r"^UV_VERSION := (\S+)$", makefile, re.M)
    assert version, "Makefile: no UV_VERSION"
    pin = ROOT / "site_src" / "devtools" / "uv-requirements.txt"
    pins, hashes = [], 0
    for line in pin.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins.append(match.groups()[:2])
        hashes += line.strip().startswith("--hash=sha256:")
    assert pins == [("uv", version.group(1))], (
        f"{pin.name} pins {pins}, the Makefile's UV_VERSION is {version.group(1)}: "
        "regenerate the pin as its header says"
    )
    assert hashes >= 2, f"{pin.name}: uv has no hashes"
