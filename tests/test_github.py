"""The GitHub set-up: workflows and issue forms are valid, and safe.

Validation uses check-jsonschema's vendored copies of the schemas (SchemaStore),
so it runs offline. The policy checks say what the schemas cannot: contributed
code runs with a read-only token and never under `pull_request_target`, and
only the deploy job (and the job that pushes built notebooks) may write.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from buildkit import ROOT
from site_src.markdown import report

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(
    p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)


def validate(schema: str, *paths) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def load(path) -> dict:
    # PyYAML reads a bare `on:` key as True; GitHub reads it as "on".
    data = yaml.safe_load(path.read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def test_there_are_workflows_and_forms():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml"}
    assert {p.name for p in FORMS} >= {"correction.yml", "new-question.yml"}
    assert (GITHUB / "pull_request_template.md").is_file()


@pytest.mark.parametrize(
    "schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"]
)
def test_workflows_match_schema(schema):
    validate(schema, *WORKFLOWS)


def test_issue_forms_match_schema():
    validate("vendor.github-issue-forms", *FORMS)
    validate("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_contributed_code_with_write_access(path):
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"], (
        f"{path.name}: pull_request_target runs with a write token; use pull_request"
    )
    assert workflow.get("permissions") == {"contents": "read"}, (
        f"{path.name}: the workflow-wide token must be read-only"
    )


def test_pull_requests_are_tested_and_previewed():
    workflow = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in workflow["on"]
    for name, job in workflow["jobs"].items():
        assert "permissions" not in job, f"ci.yml job {name} must not widen the token"
    assert "make test" in runs(workflow) and "make site" in runs(workflow)
    artifacts = [
        s
        for s in steps(workflow)
        if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert artifacts and artifacts[0]["with"]["path"].rstrip("/") == "site"


def test_main_is_published_with_the_official_pages_actions():
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(uses(workflow))
    assert "make test" in runs(workflow) and "make site" in runs(workflow)
    writers = {name for name, job in workflow["jobs"].items() if "permissions" in job}
    assert writers == {"deploy", "notebooks"}
    # The notebooks job may write only the repository's contents (a branch of
    # built notebooks for Colab), and runs no repository code: no checkout.
    notebooks = workflow["jobs"]["notebooks"]
    assert notebooks["permissions"] == {"contents": "write"}
    assert not any(
        step.get("uses", "").startswith("actions/checkout")
        for step in notebooks["steps"]
    )
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    # The job that can publish runs no repository code.
    assert all(
        "run" not in step and step["uses"].startswith("actions/")
        for step in deploy["steps"]
    )


def test_report_link_matches_the_correction_form():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / report.FORM).read_text())
    ids = {item.get("id") for item in form["body"]}
    assert report.PAGE_FIELD in ids, (
        f"{report.FORM} lost the `{report.PAGE_FIELD}` field the link fills in"
    )


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "pull_request_template.md").read_text()
    assert text.count("- [ ]") >= 5
    assert "make test" in text


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_builds_check_out_the_whole_history(path):
    """Answers are dated by their commits; a shallow clone cannot build."""
    workflow = load(path)
    checkouts = [
        s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts, f"{path.name} checks nothing out"
    for step in checkouts:
        assert step.get("with", {}).get("fetch-depth") == 0, (
            f"{path.name}: set fetch-depth: 0"
        )
        assert step["with"].get("persist-credentials") is False, (
            f"{path.name}: keep the token out of .git/config (persist-credentials: false)"
        )


# ---------------------------------------------------------------- kept current

PINNED = re.compile(
    r"^\s*(?:-\s*)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)"
    r"(?:\s+#\s*(?P<version>\S+))?\s*$"
)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_their_release_named(path):
    """A tag can be moved to other code; a commit cannot. The comment names
    the release, for readers and for Dependabot, which updates both."""
    lines = [line for line in path.read_text().splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        match = PINNED.match(line)
        assert match, f"{path.name}: cannot read {line.strip()!r}"
        assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), (
            f"{path.name}: {match['action']} is pinned to {match['ref']!r}, "
            "not to a full commit SHA"
        )
        assert match["version"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["version"]), (
            f"{path.name}: {match['action']}@{match['ref']} needs a '# vX.Y.Z' comment"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_node_is_a_supported_lts_line(path):
    """Node 20 left support in April 2026; 24 is in maintenance and 26 is the
    active LTS line (from October 2026)."""
    versions = [
        str(step["with"]["node-version"])
        for step in steps(load(path))
        if step.get("uses", "").startswith("actions/setup-node@")
    ]
    for version in versions:
        major = int(version.split(".")[0])
        assert major >= 24 and major % 2 == 0, f"{path.name}: Node {version}"


def test_dependabot_updates_the_actions_and_the_python_dependencies():
    config = GITHUB / "dependabot.yml"
    validate("vendor.dependabot", config)
    ecosystems = {
        update["package-ecosystem"]: update["directory"]
        for update in yaml.safe_load(config.read_text())["updates"]
    }
    assert ecosystems == {"github-actions": "/", "pip": "/"}
