"""Markdown of staff pages is rendered, then sanitised: hostile HTML and URLs never come through."""

from __future__ import annotations

import pytest

from portal.cms.render import render_markdown


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        '<a href="#" onclick="alert(1)">x</a>',
        "<style>body{display:none}</style>",
        "<iframe src=https://evil.example></iframe>",
        "<svg onload=alert(1)>",
    ],
)
def test_raw_html_in_markdown_is_never_rendered_as_markup(hostile: str) -> None:
    html = str(render_markdown(f"text {hostile}\n\n{hostile}\n"))
    for tag in ("<script", "<img", "<style", "<iframe", "<svg", "<a href=\"#\" onclick"):
        assert tag not in html.lower()
    assert "&lt;" in html  # shown as text instead


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)"],
)
def test_links_with_dangerous_schemes_lose_their_href(url: str) -> None:
    html = str(render_markdown(f"[click]({url})"))
    assert "click" in html
    assert "href" not in html


def test_safe_markdown_keeps_headings_lists_tables_links_emphasis_and_code() -> None:
    html = str(render_markdown(
        "# 标题\n\n## 小节\n\n- 一\n- 二\n\n1. 甲\n\n| 列 | 值 |\n|---|---|\n| a | 1 |\n\n"
        "**粗体** *斜体* `代码` [外链](https://www.example.gov.cn/x) [本站](/guides) [邮件](mailto:a@b.cn)\n"
    ))  # fmt: skip
    assert "<h2>标题</h2>" in html
    assert "<h2>小节</h2>" in html
    assert "<h1" not in html
    assert "<ul>" in html
    assert "<ol>" in html
    assert "<table>" in html
    assert "<td>a</td>" in html
    assert "<strong>粗体</strong>" in html
    assert "<em>斜体</em>" in html
    assert "<code>代码</code>" in html
    assert 'href="https://www.example.gov.cn/x"' in html
    assert 'href="/guides"' in html
    assert 'href="mailto:a@b.cn"' in html
    assert html.count('rel="noopener noreferrer"') == 3
