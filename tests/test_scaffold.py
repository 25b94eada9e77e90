"""`make new-answer`'s checks and its edit of the nav, without building.

tests/test_contributor.py runs the command end to end; this covers the edge
cases of the nav edit and the name checks directly.
"""

from __future__ import annotations

import pytest
import yaml

from site_src.devtools import scaffold
from site_src.devtools.scaffold import ScaffoldError

CONFIG = """site_name: Test
nav:
  - Home: index.md
  - Answers:
      - First answer?: first.md
      # - Planned answer?: planned.md
  - Contributing: contributing.md
"""


def answers(text: str) -> list:
    nav = yaml.safe_load(text)["nav"]
    return next(
        item["Answers"] for item in nav if isinstance(item, dict) and "Answers" in item
    )


def test_entry_goes_at_the_end_of_answers():
    text = scaffold.add_to_nav(CONFIG, "Second answer?", "second")
    assert answers(text) == [
        {"First answer?": "first.md"},
        {"Second answer?": "second.md"},
    ]
    assert text.index("second.md") < text.index("Contributing")
    assert "      - Second answer?: second.md\n" in text


def test_entry_in_an_empty_answers_section():
    text = scaffold.add_to_nav(
        "nav:\n  - Home: index.md\n  - Answers:\n", "Only?", "only"
    )
    assert answers(text) == [{"Only?": "only.md"}]


@pytest.mark.parametrize(
    "title",
    [
        'Isn\'t it: "wasteful"?',
        "Sigmoid #1 or tanh?",
        "- a dash first",
        "Is ReLU {fast}?",
    ],
)
def test_titles_that_need_quoting_survive_yaml(title):
    assert {title: "x.md"} in answers(scaffold.add_to_nav(CONFIG, title, "x"))


def test_no_answers_section_is_an_error():
    with pytest.raises(ScaffoldError, match="no `- Answers:` section"):
        scaffold.add_to_nav("nav:\n  - Home: index.md\n", "A?", "a")


@pytest.mark.parametrize(
    ("slug", "says"),
    [
        ("Leaky", "not a valid page name"),
        ("leaky--relu", "not a valid page name"),
        ("-leaky", "not a valid page name"),
        ("1relu", "not a valid page name"),
        ("a" * 61, "not a valid page name"),
        ("figures", "a name the site uses for itself"),
    ],
)
def test_bad_slugs(slug, says):
    with pytest.raises(ScaffoldError, match=says):
        scaffold.check_names(slug, "A title?", "short-answer", "new")


def test_bad_claim_and_question():
    with pytest.raises(ScaffoldError, match="CLAIM 'Short Answer'"):
        scaffold.check_names("ok", "A?", "Short Answer", "new")
    with pytest.raises(ScaffoldError, match="QUESTION 'q4'"):
        scaffold.check_names("ok", "A?", "short-answer", "q4")


def test_taken_finds_every_kind_of_use(tmp_path):
    (tmp_path / "snippets" / "first").mkdir(parents=True)
    reasons = scaffold.taken(tmp_path, "first", CONFIG)
    assert "snippets/first exists" in reasons
    assert any("mkdocs.yml:5 already lists first.md" in r for r in reasons)
    assert any(
        "commented out" in r for r in scaffold.taken(tmp_path, "planned", CONFIG)
    )
    # A slug inside a longer one is not taken.
    assert scaffold.taken(tmp_path, "irst", CONFIG) == []


def test_templates_fill_every_placeholder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    plan = scaffold.plan(tmp_path, "new-one", "New one?", "short-answer", "Q3")
    page = plan.files[tmp_path / "docs" / "new-one.md"]
    assert page.startswith('---\ntitle: "New one?"\n')
    assert "question: Q3\n" in page
    assert "[[snippet new-one/short-answer]]" in page
    test = plan.files[tmp_path / "tests" / "snippets" / "test_new_one.py"]
    assert 'snippet("new-one/short-answer")' in test
    assert "def test_short_answer(snippet):" in test


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    plan = scaffold.plan(tmp_path, "new-one", "New one?", "short-answer", "new")
    (tmp_path / "mkdocs.yml").write_text(CONFIG + "# edited meanwhile\n")
    with pytest.raises(ScaffoldError, match="changed while scaffolding"):
        scaffold.write(plan)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]


def test_the_preview_address_is_under_the_path_of_site_url(tmp_path):
    # `make serve` serves the site under site_url's path (/whyrelu/ here).
    from site_src.devtools.scaffold import preview_url

    assert preview_url(scaffold.ROOT, "gelu") == "http://127.0.0.1:8000/whyrelu/gelu/"
    (tmp_path / "mkdocs.yml").write_text("site_url: https://example.org/\n")
    assert preview_url(tmp_path, "gelu") == "http://127.0.0.1:8000/gelu/"
    contributing = (scaffold.ROOT / "CONTRIBUTING.md").read_text()
    assert "<http://127.0.0.1:8000/whyrelu/leaky-relu/>" in contributing
