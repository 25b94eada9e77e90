"""The browser tests' own arithmetic (site_check.py), checked without a browser."""

from __future__ import annotations

import numpy as np
import pytest
import site_check


def test_wcag_contrast_of_known_pairs():
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    assert site_check.contrast_ratio(white, black) == pytest.approx(21.0)
    assert site_check.contrast_ratio(black, white) == pytest.approx(21.0)
    grey = site_check.parse_css_colour("#777777")[0]  # the classic just-failing grey
    assert site_check.contrast_ratio(grey, white) == pytest.approx(4.48, abs=0.01)
    orange = site_check.parse_css_colour("rgb(255, 127, 14)")[0]  # matplotlib's C1
    assert site_check.contrast_ratio(orange, white) < site_check.WCAG_AA


def test_parse_css_colour_forms():
    assert site_check.parse_css_colour("#fff") == ((1.0, 1.0, 1.0), 1.0)
    rgb, alpha = site_check.parse_css_colour("rgba(0, 0, 0, 0.5)")
    assert rgb == (0.0, 0.0, 0.0) and alpha == 0.5
    assert site_check.parse_css_colour("rgb(0 0 255 / 50%)")[1] == 0.5
    with pytest.raises(ValueError):
        site_check.parse_css_colour("red")


def test_dark_filter_turns_white_to_near_black_and_keeps_grey_order():
    assert site_check.dark_filter((1.0, 1.0, 1.0)) == pytest.approx(
        (0.1, 0.1, 0.1), abs=1e-9
    )
    assert site_check.dark_filter((0.0, 0.0, 0.0)) == pytest.approx(
        (0.9, 0.9, 0.9), abs=1e-9
    )
    light, dark = site_check.dark_filter((0.8,) * 3), site_check.dark_filter((0.2,) * 3)
    assert light[0] < dark[0]  # lightness inverts
    red = site_check.dark_filter((0.8, 0.1, 0.1))
    assert red[0] > red[1] and red[0] > red[2]  # the hue survives


def test_over_and_dominant_colour():
    assert site_check.over((0.0, 0.0, 0.0), 0.5, (1.0, 1.0, 1.0)) == (0.5, 0.5, 0.5)
    pixels = np.full((10, 10, 3), 255, dtype=np.uint8)
    pixels[2:4, 2:8] = (0, 0, 0)  # "text" strokes on a white card
    assert site_check.dominant_colour(pixels) == (1.0, 1.0, 1.0)


def test_search_word_is_the_rarest_long_word_of_the_title():
    answers = [
        site_check.Answer("a", "Why do we need a nonlinearity at all?", "", "Q2", "a/"),
        site_check.Answer(
            "b", "Why did ReLU replace sigmoid and tanh?", "", "Q4", "b/"
        ),
        site_check.Answer("c", "Is ReLU still what networks use?", "", "Q7", "c/"),
    ]
    assert site_check.search_word(answers[0], answers) == "nonlinearity"
    assert site_check.search_word(answers[1], answers) in ("replace", "sigmoid")
    assert site_check.search_word(answers[2], answers) == "networks"


def test_page_weight_counts_own_files_not_shared_assets(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"x" * 100)
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "f.svg").write_bytes(b"y" * 50)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.css").write_bytes(b"z" * 1000)
    row = site_check.page_weight(
        tmp_path, "a/", ["figures/f.svg", "assets/theme.css", "figures/gone.svg"]
    )
    assert row["total_bytes"] == 150
    assert row["missing"] == ["figures/gone.svg"]
