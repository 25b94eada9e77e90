"""The home page's list of answers is made from the answer pages."""

from __future__ import annotations

from site_src import answers


def test_lists_pages_with_a_question_in_nav_order(tmp_path):
    (tmp_path / "b.md").write_text(
        "---\ntitle: Bee?\ndescription: Because.\nquestion: Q2\n---\n# B\n"
    )
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ay?\ndescription: >-\n  Since\n  always.\nquestion: Q1\n---\n# A\n"
    )
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\n[[answers]]\n")
    out = answers.expand("x\n[[answers]]\n", tmp_path, ["index.md", "b.md", "a.md"])
    assert out.index("[Bee?](b.md)") < out.index("[Ay?](a.md)")
    assert ":   Since always." in out and "Home" not in out


def test_home_page_lists_every_answer(built_site):
    html = (built_site / "index.html").read_text()
    from buildkit import ROOT

    for page in sorted((ROOT / "docs").glob("*.md")):
        if "question" in answers.front_matter(page):
            assert f'href="{page.stem}/"' in html, (
                f"the home page does not link {page.name}"
            )
