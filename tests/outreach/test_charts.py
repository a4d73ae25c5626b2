import re
import xml.etree.ElementTree as ET

import pytest

from outreach.charts import Series, bar_chart, horizontal_bar_chart, line_chart, nice_ceiling, ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (22, 25), (180, 200), (260, 500), (1000, 1000)],
)
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected


def test_ticks_start_at_zero_and_reach_the_top():
    assert ticks(180) == [0, 50, 100, 150, 200]


def test_bar_chart_is_accessible_svg_with_title_and_desc():
    svg = bar_chart(
        title="Brosjyrer <ut>",
        description="Fordelt på stedstype",
        categories=["des 2025", "jan 2026"],
        series=[Series("Legekontor", [10, 0]), Series("NAV-kontor", [5, 7])],
        chart_id="c1",
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Brosjyrer <ut>"
    assert root.find(f"{SVG}desc").text == "Fordelt på stedstype"
    assert "style=" not in str(svg)
    bars = root.findall(f"{SVG}rect[{SVG}title]")
    # Three non-zero values, each a bar with its own tooltip; zero values draw nothing.
    assert sorted(bar.find(f"{SVG}title").text for bar in bars) == [
        "Legekontor, des 2025: 10",
        "NAV-kontor, des 2025: 5",
        "NAV-kontor, jan 2026: 7",
    ]
    # The legend names both series.
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Legekontor" in texts and "NAV-kontor" in texts


def test_stacked_bars_are_proportional():
    root = parse(
        bar_chart(
            title="t",
            description="d",
            categories=["a", "b"],
            series=[Series("x", [10, 5]), Series("y", [10, 0])],
        )
    )
    heights = {
        bar.find(f"{SVG}title").text: float(bar.get("height"))
        for bar in root.findall(f"{SVG}rect[{SVG}title]")
    }
    assert heights["x, a: 10"] == pytest.approx(heights["y, a: 10"])
    assert heights["x, a: 10"] == pytest.approx(2 * heights["x, b: 5"])


def test_line_chart_has_a_point_per_value_and_handles_all_zero():
    root = parse(
        line_chart(
            title="Nådd",
            description="d",
            categories=["a", "b", "c"],
            series=[Series("n", [0, 0, 0])],
        )
    )
    assert len(root.findall(f"{SVG}circle")) == 3
    assert root.find(f"{SVG}polyline") is not None


def test_horizontal_bar_chart_labels_each_category():
    root = parse(
        horizontal_bar_chart(
            title="Bydeler",
            description="d",
            categories=["Søndre Nordstrand", "Østensjø"],
            values=[30, 15],
        )
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Søndre Nordstrand" in texts and "30" in texts
    widths = [float(r.get("width")) for r in root.findall(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_text_is_escaped():
    svg = str(
        bar_chart(title="<script>", description="&", categories=["<b>"], series=[Series("s", [1])])
    )
    assert "<script>" not in svg
    assert not re.search(r"<b>", svg)
