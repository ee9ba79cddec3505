"""Markdown → safe HTML for page bodies: `markdown` renders, `nh3` (ammonia) keeps only an allow-list.

Staff write the Markdown, but an account can be stolen and text is pasted from elsewhere, so the output is
sanitised as if it came from anyone: no script/style, no event attributes, links only http(s), mailto or relative.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i",
    "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr", "sup", "sub", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "scope"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}  # relative URLs (no scheme) are always allowed by nh3
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


def _shift_headings(html: str) -> str:
    """The page title is the only <h1>: a Markdown "# x" becomes <h2>, like "## x", so the outline stays correct."""
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text: str) -> Markup:
    """Sanitised HTML of `text`; raw HTML in the Markdown is escaped by the renderer, then filtered again."""
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks are shown as text, never passed through
    md.inlinePatterns.deregister("html")
    html = _shift_headings(md.convert(text))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(clean)  # noqa: S704 - nh3 output with an allow-list is the safe HTML
