"""The build machinery is one installed plugin with a validated configuration.

mkdocs.yml lists ``whyrelu`` (site_src/plugin.py) last under ``plugins:``;
its settings come from there, environment variables override them for one
command, and no module of the build edits ``sys.path``.
"""

from __future__ import annotations

import ast
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from buildkit import ROOT
from site_src.plugin import WhyReluConfig, WhyReluPlugin, settings


def _config(**given) -> WhyReluConfig:
    config = WhyReluConfig()
    config.load_dict(given)
    errors, _ = config.validate()
    assert not errors, errors
    return config


def test_the_plugin_is_registered_for_mkdocs_and_properdocs():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = {e.name: e for e in entry_points(group=group)}
        assert "whyrelu" in found, f"no whyrelu entry point in {group}: make setup"
        assert found["whyrelu"].load() is WhyReluPlugin


def test_mkdocs_yml_lists_the_plugin_last_and_no_hooks():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert "hooks" not in config
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names[-1] == "whyrelu", "its events must follow the other plugins'"
    assert names.index("mkdocs-jupyter") < names.index("whyrelu")
    assert _config(**config["plugins"][-1]["whyrelu"]).execute is True


def test_settings_come_from_mkdocs_yml():
    chosen = settings(_config(execute=False, cache="elsewhere", workers=3), {})
    assert chosen == {
        "execute": False,
        "cache": "elsewhere",
        "workers": 3,
        "machine": None,
    }


def test_environment_variables_override_mkdocs_yml():
    environ = {
        "WHYRELU_EXECUTE": "0",
        "WHYRELU_CACHE": "/tmp/cache",
        "WHYRELU_WORKERS": "1",
        "WHYRELU_MACHINE": "old-cpu",
    }
    chosen = settings(_config(), environ)
    assert chosen == {
        "execute": False,
        "cache": "/tmp/cache",
        "workers": 1,
        "machine": "old-cpu",
    }
    assert settings(_config(execute=False), {"WHYRELU_EXECUTE": "1"})["execute"]


def test_a_wrong_setting_is_refused():
    config = WhyReluConfig()
    config.load_dict({"workers": "many"})
    errors, _ = config.validate()
    assert [name for name, _ in errors] == ["workers"]
    with pytest.raises(PluginError, match="WHYRELU_WORKERS=lots"):
        settings(_config(), {"WHYRELU_WORKERS": "lots"})
    with pytest.raises(PluginError, match="workers: 0"):
        settings(_config(workers=0), {})


def _edits_sys_path(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "path"
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            return True
    return False


def test_no_build_module_edits_sys_path():
    # The snippet worker puts a snippet's folder and snippets/_lib on its own
    # path, as running the snippet alone would: snippet runtime, not the build.
    # The compressor benchmark imports the snippets' codec the same way.
    runtime = {"site_src/engine/worker.py", "site_src/devtools/bench_compress.py"}
    found = [
        path.relative_to(ROOT).as_posix()
        for folder in ("site_src", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in runtime
        and "snippets" not in path.relative_to(ROOT).parts
        and path.name != "test_compressor.py"
        and _edits_sys_path(path)
    ]
    assert not found, f"these edit sys.path instead of importing site_src: {found}"
