"""site_src.html.valid_html.fix: each correction, on the smallest page that needs it.

The whole built site is checked with the Nu HTML Checker in
tests/browser/test_nu_checker.py; these say what each correction does and
what it leaves alone.
"""

from __future__ import annotations

from site_src.html.valid_html import fix

HEAD = '<html><head><link rel="stylesheet" href="main.css">\n</head>'


def test_checkbox_toggles_lose_autocomplete_and_other_inputs_keep_it():
    page = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input autocomplete="off" type="checkbox" id="__search">'
        '<input type="text" name="query" autocomplete="off">'
    )
    assert fix(page) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="checkbox" id="__search">'
        '<input type="text" name="query" autocomplete="off">'
    )


def test_a_leftover_markdown_attribute_goes_but_text_that_shows_it_stays():
    page = (
        '<ol class="wr-bib" markdown="block"><li>x</li></ol>'
        '<p><code>&lt;ol markdown="block"&gt;</code></p>'
    )
    assert fix(page) == (
        '<ol class="wr-bib"><li>x</li></ol><p><code>&lt;ol markdown="block"&gt;</code></p>'
    )


def test_notebook_page_styles_move_to_the_head_in_order_and_css_is_cleaned():
    body = (
        '<body><label class="md-nav__title" for="__toc">x</label>'
        '<div class="jupyter-wrapper">'
        "<style>.a{color:red}</style>\n"
        '<style type="text/css">.b{transition-delay:0;color:blue;cursor:normal}'
        ".c{overflow:overlay;box-orient:horizontal;-webkit-box-orient:horizontal}"
        ".d ::-webkit-scrollbar-track:horizontal{border:0}"
        ".e{-webkit-transform:translateX(0),translateY(0);transform:translate(-50%,2px)}"
        "</style>"
        '<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-1"></clipboard-copy>'
        "</div><style>\n['pre { }\\ntd { }']\n</style></body></html>"
    )
    out = fix(HEAD + body)
    head, rest = out.split("</head>")
    assert "<style" not in rest
    assert head.index("main.css") < head.index(".a{") < head.index(".b{")
    assert ".b{color:blue;}" in head
    assert ".c{overflow:auto;-webkit-box-orient:horizontal}" in head
    assert "scrollbar" not in head and "['pre" not in out
    assert ".e{transform:translate(-50%,2px)}" in head
    assert '<clipboard-copy role="button" aria-label="Copy to Clipboard"' in rest
    assert '<label class="md-nav__title">x</label>' in rest


def test_a_page_that_is_not_a_notebook_keeps_its_styles_where_they_are():
    page = (
        HEAD
        + '<body><label for="__toc">x</label><style>.a{cursor:normal}</style></body>'
    )
    assert fix(page) == page
