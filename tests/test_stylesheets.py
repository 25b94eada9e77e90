"""site_src.html.stylesheets: the site's own stylesheets bundled into one file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from site_src.html import stylesheets

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "site_src" / "assets"


def _site(tmp_path: Path, manifest: str, parts: dict[str, str]) -> Path:
    folder = tmp_path / "assets" / "whyrelu"
    folder.mkdir(parents=True)
    (folder / "whyrelu.css").write_text(manifest, encoding="utf-8")
    for name, css in parts.items():
        (folder / name).write_text(css, encoding="utf-8")
    return tmp_path


def test_imports_become_the_rules_in_order_without_comments(tmp_path):
    site = _site(
        tmp_path,
        '/* manifest */\n@import url("b.css");\n@import url("a.css");\n',
        {
            "a.css": "/* A */\n.a {\n  color: red;\n}\n",
            "b.css": '.b::before {\n  content: "[" attr(value) "]";\n}\n\n@media print {\n  .b { display: none; }\n}\n',
        },
    )
    out = stylesheets.bundle(site).read_text(encoding="utf-8")
    assert out == (
        "/* b.css */\n"
        '.b::before {\ncontent: "[" attr(value) "]";\n}\n@media print {\n.b { display: none; }\n}\n'
        "/* a.css */\n.a {\ncolor: red;\n}\n\n"
    )
    # a second run (a rebuild that did not copy the file again) changes nothing
    assert stylesheets.bundle(site).read_text(encoding="utf-8") == out


def test_a_missing_part_or_a_nested_import_stops_the_build(tmp_path):
    site = _site(tmp_path, '@import url("gone.css");\n', {})
    with pytest.raises(stylesheets.StylesheetError, match="gone.css"):
        stylesheets.bundle(site)
    site = _site(
        tmp_path / "2", '@import url("a.css");\n', {"a.css": '@import url("b.css");'}
    )
    with pytest.raises(stylesheets.StylesheetError, match="no @import"):
        stylesheets.bundle(site)


def test_a_comment_opener_inside_a_string_is_refused():
    with pytest.raises(stylesheets.StylesheetError):
        stylesheets.minify('.a::after { content: "/* not a comment */"; }')


def test_the_real_stylesheets_bundle_whole(tmp_path):
    """Every stylesheet in site_src/assets (but the explorables', which
    explorables.js loads where needed) is imported once, and the bundle keeps
    every rule's text."""
    folder = tmp_path / "assets" / "whyrelu"
    shutil.copytree(ASSETS, folder)
    manifest = (ASSETS / "whyrelu.css").read_text(encoding="utf-8")
    imported = re.findall(r'@import url\("([^"]+)"\)', manifest)
    on_disk = sorted(
        p.name
        for p in ASSETS.glob("*.css")
        if p.name not in ("whyrelu.css", "explorables.css")
    )
    assert sorted(imported) == on_disk and len(set(imported)) == len(imported)
    out = stylesheets.bundle(tmp_path).read_text(encoding="utf-8")
    assert "@import" not in out
    for name in imported:
        rules = stylesheets.minify((ASSETS / name).read_text(encoding="utf-8"))
        assert rules in out, name
    # and the site lists only the bundle
    config = yaml.load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert config["extra_css"] == ["assets/whyrelu/whyrelu.css"]
