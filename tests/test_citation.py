"""Cite: CITATION.cff, the history behind "Updates and corrections", the
"Cite this answer" block and the citation / link-preview meta tags.

The unit tests drive ``site_src.markdown.cite`` against throwaway git repositories;
``fork_site`` builds a small project whose ``site_url`` is not ours, to show
that every address comes from that one setting; the ``built_site`` tests
check every answer of the real site.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_src.markdown import cite

ROOT = Path(__file__).resolve().parents[1]

FORK_URL = "https://fork.example.org/relu-notes/"
EPOCH = 1795000000  # 2026-11-18 (UTC)


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
    )
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)


def git(repo: Path, *args: str, date: int | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{date} +0000"
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# ---------------------------------------------------------------- CITATION.cff


def check_cff(path: Path) -> subprocess.CompletedProcess:
    """Validate against the CFF 1.2.0 schema vendored in check-jsonschema (offline)."""
    exe = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(exe), "--builtin-schema", "vendor.citation-file-format", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_citation_cff_is_valid():
    proc = check_cff(ROOT / "CITATION.cff")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_cff_check_can_fail(tmp_path):
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    del data["authors"]
    data["cff-version"] = "1.2"
    broken = tmp_path / "CITATION.cff"
    broken.write_text(yaml.safe_dump(data))
    proc = check_cff(broken)
    assert proc.returncode != 0
    assert "authors" in proc.stdout + proc.stderr


def test_citation_cff_agrees_with_mkdocs_yml_and_pyproject():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    config = _mkdocs_config()
    assert data["title"] == config["site_name"]
    assert data["url"] == config["site_url"]
    assert data["repository-code"] == config["repo_url"]
    version = re.search(
        r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M
    ).group(1)
    assert str(data["version"]) == version


# ---------------------------------------------------------------- history


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "snippets" / "answer").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "docs" / "answer.md").write_text("# A\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "First version of the answer", date=1790000000)
    (repo / "snippets" / "answer" / "plot.py").write_text("x = 1\n")
    git(repo, "add", ".")
    git(
        repo,
        "commit",
        "-qm",
        "Add its figure",
        "-m",
        "Changelog: A figure shows the claim.",
        date=1791000000,
    )
    (repo / "docs" / "answer.md").write_text("# A\n\nTypo fixed.\n")
    git(repo, "commit", "-qam", "Fix a typo", "-m", "Changelog: skip", date=1792000000)
    (repo / "docs" / "other.md").write_text("# B\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Another page", date=1793000000)
    return repo


def paths(repo: Path) -> list[Path]:
    return [repo / "docs" / "answer.md", repo / "snippets" / "answer"]


def test_history_lists_changes_of_the_page_and_its_snippets(repo):
    h = cite.history(paths(repo), repo, EPOCH)
    assert [c.summary for c in h.changes] == [
        "A figure shows the claim.",
        "First version of the answer",
    ]
    assert h.first == "2026-09-21"  # 1790000000
    assert (
        h.last == "2026-10-14"
    )  # the skipped commit still dates the page (1792000000)
    assert not h.uncommitted
    assert all(len(c.commit) == 40 for c in h.changes)


def test_history_ignores_the_clock_and_the_build_epoch_for_committed_pages(repo):
    a = cite.history(paths(repo), repo, EPOCH)
    b = cite.history(paths(repo), repo, EPOCH + 10**7)
    assert a == b


def test_uncommitted_changes_are_dated_by_source_date_epoch(repo):
    (repo / "docs" / "answer.md").write_text("# A\n\nNew paragraph.\n")
    h = cite.history(paths(repo), repo, EPOCH)
    assert h.uncommitted
    assert h.last == "2026-11-18"
    assert h.changes[0].commit == "" and "not yet committed" in h.changes[0].summary


def test_a_new_page_without_history_uses_the_epoch(repo):
    (repo / "docs" / "new.md").write_text("# New\n")
    h = cite.history([repo / "docs" / "new.md"], repo, EPOCH)
    assert h.first == h.last == "2026-11-18"
    assert len(h.changes) == 1


def test_a_shallow_clone_is_refused_with_a_hint(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True
    )
    with pytest.raises(cite.HistoryError, match="fetch-depth: 0"):
        cite.history([clone / "docs" / "answer.md"], clone, EPOCH)


def test_outside_git_there_is_no_history_but_a_date(tmp_path):
    (tmp_path / "page.md").write_text("# P\n")
    h = cite.history([tmp_path / "page.md"], tmp_path, EPOCH)
    assert not h.tracked and h.last == "2026-11-18"
    assert "outside a git repository" in cite.updates_section(_citation(h))


# ---------------------------------------------------------------- formats


def _citation(history: cite.History, **kw) -> cite.Citation:
    args = dict(
        key="whyrelu-answer",
        title="Why 50% & more?",
        authors=["The Why ReLU? contributors"],
        site_name="Why ReLU?",
        url="https://x.example/answer/",
        question="Q9",
        description="Short answer.",
        history=history,
        repo_url="https://github.com/o/r",
    )
    args.update(kw)
    return cite.Citation(**args)


def test_bibtex_and_apa():
    h = cite.History(
        [cite.Change("2026-11-27", "Fix", "a" * 40)], "2026-11-01", "2026-11-27"
    )
    c = _citation(h)
    bib = c.bibtex()
    assert bib.startswith("@misc{whyrelu-answer,")
    assert "{{The Why ReLU? contributors}}" in bib  # a group author stays whole
    assert r"{{Why 50\% \& more?}}" in bib
    assert "month        = nov," in bib and "{2026}" in bib
    assert "url          = {https://x.example/answer/}" in bib
    assert c.apa() == (
        "The Why ReLU? contributors. (2026, November 27). Why 50% & more? Why ReLU? "
        "https://x.example/answer/"
    )
    people = _citation(h, authors=["Doe, Jane Ann", "Roe, R."]).apa()
    assert people.startswith("Doe, J. A., & Roe, R. (2026, November 27).")


def test_head_meta_tags():
    h = cite.History([], "2026-11-01", "2026-11-27")
    c = _citation(
        h,
        image="https://x.example/figures/a/b.svg",
        image_alt='say "hi"',
        image_type="image/svg+xml",
    )
    tags = dict(
        re.findall(
            r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', c.head_meta()
        )
    )
    assert tags["citation_title"] == "Why 50% &amp; more?"
    assert tags["citation_publication_date"] == "2026/11/01"
    assert tags["citation_online_date"] == "2026/11/27"
    assert tags["citation_public_url"] == "https://x.example/answer/"
    assert (
        tags["og:image"] == tags["twitter:image"] == "https://x.example/figures/a/b.svg"
    )
    assert tags["og:image:alt"] == "say &quot;hi&quot;"
    assert tags["twitter:card"] == "summary_large_image"
    plain = dict(
        re.findall(
            r'<meta (?:name|property)="([^"]+)" content="([^"]*)">',
            _citation(h).head_meta(),
        )
    )
    assert plain["twitter:card"] == "summary" and "og:image" not in plain


def test_long_histories_fold_the_older_changes():
    changes = [
        cite.Change(f"2026-01-{d:02d}", f"change {d}", f"{d:040d}")
        for d in range(28, 0, -1)
    ]
    text = cite.updates_section(
        _citation(cite.History(changes, "2026-01-01", "2026-01-28"))
    )
    assert text.count("\n- **") == cite.SHOWN_CHANGES
    assert f'??? note "{28 - cite.SHOWN_CHANGES} earlier changes"' in text
    assert "(https://github.com/o/r/commit/" in text


# ---------------------------------------------------------------- a fork builds with its own address


def _tree_config(project: Path, site_url: str) -> None:
    text = (ROOT / "mkdocs.yml").read_text().split("\nnav:")[0]
    text = text.replace("site_src/", f"{ROOT}/site_src/").replace(
        "  - site_src\n", f"  - {ROOT}/site_src\n"
    )
    text = re.sub(r"^site_url: .*$", f"site_url: {site_url}", text, flags=re.M)
    text = text.replace(
        "      redirect_maps: {}",
        "      redirect_maps:\n        old-answer.md: answer.md",
    )
    text += (
        "\nnav:\n  - Home: index.md\n  - Answer: answer.md\n  - Reading list: reading-list.md\n"
        "  - Glossary: glossary.md\n"
    )
    (project / "mkdocs.yml").write_text(text)


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    """A small project with site_url = FORK_URL, committed to git, built strictly."""
    project = tmp_path_factory.mktemp("fork") / "project"
    (project / "docs").mkdir(parents=True)
    (project / "snippets" / "answer").mkdir(parents=True)
    for name in ("references.bib", "reading-list.md", "glossary.md"):
        shutil.copy(ROOT / "docs" / name, project / "docs" / name)
    reading = (project / "docs" / "reading-list.md").read_text()
    (project / "docs" / "reading-list.md").write_text(
        re.sub(r"\]\([a-z-]+\.md\)", "](answer.md)", reading)
    )
    # The glossary's "Explained in:" links point at pages the fork lacks.
    glossary = (project / "docs" / "glossary.md").read_text()
    (project / "docs" / "glossary.md").write_text(
        re.sub(r"\]\([a-z-]+\.md#[a-z0-9-]+\)", "](answer.md)", glossary)
    )
    (project / "docs" / "index.md").write_text("# Home { #home }\n\nA fork.\n")
    (project / "docs" / "answer.md").write_text(
        "---\ntitle: Does the fork cite itself?\ndescription: Yes, from site_url.\nquestion: Q1\n"
        "claims: []\n---\n\n# Does the fork cite itself? { #answer }\n\n## Short answer { #short-answer }\n\n"
        "Every pre-activation passes through a ReLU [@cybenko1989], and a later ReLU is not linked.\n\n"
        "[[snippet answer/line]]\n\n## Sources { #sources }\n\n[[references]]\n"
    )
    (project / "snippets" / "answer" / "line.py").write_text(
        '"""A rising line.\n\nClaim: the line rises.\nAlt: one straight line from bottom left to top right.\n"""\n\n'
        "import matplotlib.pyplot as plt\n\nSEED = 0\nRESULTS = {}\nfig, ax = plt.subplots()\n"
        "ax.plot([0, 1], [0, 1])\nax.set_title('A line')\n"
    )
    _tree_config(project, FORK_URL)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "The fork's first answer", date=1790000000)
    site = project / "site"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": str(EPOCH),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--site-dir",
            str(site),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return site


def _text(page_html: str) -> str:
    """The page's text: tags removed (code is highlighted token by token), entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def _meta(page_html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, content in re.findall(
        r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page_html
    ):
        found.setdefault(name, []).append(html.unescape(content))
    return found


def test_a_fork_cites_its_own_address(fork_site):
    page = (fork_site / "answer" / "index.html").read_text()
    meta = _meta(page)
    assert meta["citation_public_url"] == [FORK_URL + "answer/"]
    assert meta["og:url"] == [FORK_URL + "answer/"]
    # Link previews cannot show SVG: the runner's PNG twin of the figure.
    assert meta["og:image"] == [FORK_URL + "figures/answer/line.png"]
    assert (fork_site / "figures" / "answer" / "line.png").is_file()
    assert meta["og:image:alt"] == ["one straight line from bottom left to top right."]
    assert meta["citation_publication_date"] == ["2026/09/21"]
    assert f"url          = {{{FORK_URL}answer/}}" in _text(page)
    assert "whyrelu.github.io" not in page.split("<body")[1].split("wr-report")[0]


def test_answer_has_updates_and_cite_sections(fork_site):
    page = (fork_site / "answer" / "index.html").read_text()
    assert (
        '<h2 id="updates-and-corrections"' in page
        and '<h2 id="cite-this-answer"' in page
    )
    assert "2026-09-21</strong>: The fork" in page  # straight from the commit
    assert "Last changed on 21 September 2026." in page
    cite_block = page.split('<h2 id="cite-this-answer"')[1]
    assert (
        cite_block.count('<div class="highlight"') == 2
    )  # APA and BibTeX, each with a copy button
    assert "@misc{whyrelu-answer," in _text(cite_block)


def test_builds_are_byte_identical(fork_site, tmp_path):
    project = fork_site.parent
    again = tmp_path / "again"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": str(EPOCH),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--site-dir",
            str(again),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("answer/index.html", "reading-list/index.html", "glossary/index.html"):
        assert (fork_site / name).read_bytes() == (again / name).read_bytes(), name


# ---------------------------------------------------------------- the real site


def answer_pages(site: Path) -> list[Path]:
    return [
        p
        for p in sorted(site.rglob("index.html"))
        if '<meta name="citation_title"' in p.read_text(encoding="utf-8")
    ]


@pytest.mark.slow
def test_every_answer_carries_its_citation(built_site):
    config = _mkdocs_config()
    site_url = config["site_url"]
    pages = answer_pages(built_site)
    assert pages, "no answer page has citation meta tags"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        address = site_url + page.parent.relative_to(built_site).as_posix() + "/"
        meta = _meta(text)
        where = page.relative_to(built_site)
        for name in (
            "citation_title",
            "citation_author",
            "citation_publication_date",
            "citation_online_date",
            "og:title",
            "og:description",
            "twitter:card",
        ):
            assert meta.get(name), f"{where}: no {name}"
        assert meta["citation_public_url"] == [address], where
        assert (
            '<h2 id="cite-this-answer"' in text
            and '<h2 id="updates-and-corrections"' in text
        ), where
        assert f"url          = {{{address}}}" in _text(text), where
        for image in meta.get("og:image", []):
            assert image.startswith(site_url + "figures/"), where
            assert (built_site / image[len(site_url) :]).is_file(), (
                f"{where}: {image} is not published"
            )


def test_a_moved_page_keeps_its_address_through_a_redirect(fork_site):
    from site_src.outputs import anchors

    assert (fork_site / "old-answer" / "index.html").is_file()
    assert anchors.check(fork_site, ["old-answer/", "old-answer/#short-answer"]) == []
    assert anchors.check(fork_site, ["old-answer/#gone"])  # the target must keep the id


def test_the_reading_list_says_which_answer_cites_a_source(fork_site):
    page = (fork_site / "reading-list" / "index.html").read_text()
    entry = page.split('<li id="ref-cybenko1989"')[1].split("</li>")[0]
    assert 'Cited in: <a href="../answer/">Does the fork cite itself?</a>.' in entry
    answer = (fork_site / "answer" / "index.html").read_text()
    assert 'href="../reading-list/#ref-cybenko1989"' in answer
