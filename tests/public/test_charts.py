"""The SVG chart generator: accessible, escaped, scaled."""

from __future__ import annotations

from portal.public import charts


def test_charts_are_images_with_a_title_and_description_and_escape_their_text() -> None:
    bars = [charts.Bar("<script>x</script>", 3, "3"), charts.Bar("江临市市场监督管理局高新技术产业开发区分局", 1, "1")]
    svg = str(charts.horizontal_bars("c1", "A & B", "desc <b>", bars))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">A &amp; B</title>' in svg
    assert '<desc id="c1-desc">desc &lt;b&gt;</desc>' in svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "…" in svg  # a long name is cut in the chart (the table has it in full)


def test_bar_lengths_follow_the_values_and_a_fixed_maximum() -> None:
    svg = str(charts.horizontal_bars("c", "t", "d", [charts.Bar("a", 50, "50%")], maximum=100))
    assert 'width="230.0"' in svg  # half of the 460px bar area
    empty = str(charts.columns("m", "t", "d", []))
    assert "<rect" not in empty
    assert "<title" in empty


def test_column_axis_ends_on_a_round_number() -> None:
    assert [charts._nice_max(v) for v in (0, 7, 10, 11, 199, 201, 450)] == [1.0, 10, 10, 20, 200, 400, 500]
