"""The SVG bar charts: drawn on the server, named for screen readers, no inline styles."""

import re

from django.utils import translation

from insights.charts import Series, bar_chart
from tests.support.html import inline_code_problems


def _bar_widths(svg: str) -> list[float]:
    return [
        float(width)
        for width in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)" height="15"', svg)
    ]


def test_it_draws_one_bar_per_value_scaled_to_the_largest():
    svg = bar_chart(
        title="Leads per stage",
        categories=["introduced", "meeting held"],
        series=[Series(label="Partnership", values=[4, 2]), Series("Settlement", [1, 0])],
    )

    widths = _bar_widths(svg)
    assert len(widths) == 4
    # Per category, one bar per series: 4 and 1, then 2 and 0.
    assert widths[0] == 2 * widths[2] == 4 * widths[1]
    assert widths[3] == 0
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 ' in svg
    assert 'role="img" aria-label="Leads per stage"' in svg
    assert inline_code_problems(svg) == []


def test_labels_are_escaped_and_long_ones_shortened_with_the_full_name_kept():
    name = "<script>alert(1)</script> " + "Very long event title " * 5

    svg = bar_chart(title="Events", categories=[name], series=[Series("Registered", [3])])

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "…</text>" in svg
    assert f"<title>{name.replace('<', '&lt;').replace('>', '&gt;')}</title>" in svg


def test_numbers_are_written_the_german_way_in_german():
    with translation.override("de"):
        svg = bar_chart(title="Dauer", categories=["a"], series=[Series("Tage", [1234.5])])

    assert ">1.234,5</text>" in svg


def test_a_legend_names_the_series_when_there_are_several():
    two = bar_chart(
        title="t", categories=["a"], series=[Series("Partnership", [1]), Series("Settlement", [2])]
    )
    one = bar_chart(title="t", categories=["a"], series=[Series("Leads", [1])])

    assert ">Partnership</text>" in two and ">Settlement</text>" in two
    assert ">Leads</text>" not in one
