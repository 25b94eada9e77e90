"""The runner's cache key follows a snippet's local package, module by module."""

from __future__ import annotations

from pathlib import Path

from site_src.engine import runner


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "snippets"
    (root / "_lib" / "kit").mkdir(parents=True)
    (root / "_lib" / "kit" / "__init__.py").write_text("from .inner import VALUE\n")
    (root / "_lib" / "kit" / "inner.py").write_text("VALUE = 1\n")
    (root / "page").mkdir()
    snippet = root / "page" / "claim.py"
    snippet.write_text(
        '"""A value.\n\nClaim: the value is one.\nFigures: none (a number only)\n"""\n\n'
        'import kit\n\nRESULTS = {"v": kit.VALUE}\n'
    )
    return snippet


def test_editing_a_module_inside_a_package_changes_the_key(tmp_path):
    snippet = _tree(tmp_path)
    root = snippet.parents[1]
    before = runner.load(snippet, root).key
    assert runner.load(snippet, root).key == before  # stable while nothing changes
    (root / "_lib" / "kit" / "inner.py").write_text("VALUE = 2\n")
    after = runner.load(snippet, root).key
    assert after != before
    (root / "_lib" / "kit" / "new_module.py").write_text("OTHER = 3\n")
    assert runner.load(snippet, root).key not in (before, after)


def test_the_real_compression_snippets_follow_nncode():
    found = runner._local_imports(
        __import__("ast").parse("import nncode"), [runner.SNIPPETS / "_lib"]
    )
    names = {path.name for path in found}
    assert {"__init__.py", "model.py", "coder.py", "container.py"} <= names
