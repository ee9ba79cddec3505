"""Runs the vendored axe-core (tests/browser/vendor/axe.min.js, npm package axe-core) in a page.

Only WCAG 2.0/2.1 level A and AA rules run: they are what the issue asks for (WCAG 2.1 AA). No rule is disabled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


def violations(page: Page) -> list[dict[str, Any]]:
    """The page's WCAG 2.1 A/AA violations as plain dicts (id, impact, help, nodes with target and summary)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through DevTools, not as a <script> tag: the site's CSP allows only its own static scripts.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(_RUN, WCAG_TAGS)
    return found


def describe(found: list[dict[str, Any]]) -> str:
    """One block per violation, readable in a pytest failure message."""
    lines = []
    for item in found:
        lines.append(f"- {item['id']} ({item['impact']}): {item['help']}")
        for node in item["nodes"][:8]:
            summary = " ".join(node["summary"].split())[:300]
            lines.append(f"    {node['target']}: {summary}")
        if len(item["nodes"]) > 8:
            lines.append(f"    … and {len(item['nodes']) - 8} more")
    return "\n".join(lines)
