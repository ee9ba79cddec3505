"""The cluster check's figures: failures attributed to the event under way, latency through the proxy, recovery."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.cluster.load import Hit


def classify(hits: list[Hit], events: dict[str, tuple[float, float]]) -> dict[str, list[Hit]]:
    """Failed requests by the event whose window their own time (sent .. answered) overlaps."""
    out: dict[str, list[Hit]] = {}
    for hit in hits:
        if hit.ok:
            continue
        end = hit.at + hit.ms / 1000
        name = next((n for n, (lo, hi) in events.items() if hit.at <= hi and end >= lo), "outside any event")
        out.setdefault(name, []).append(hit)
    return out


def _kinds(failed: list[Hit]) -> str:
    counts = Counter(f"{h.method} {h.kind} -> {h.status or 'no answer'}" for h in failed)
    return ", ".join(f"{n}x {what}" for what, n in counts.most_common())


def print_figures(total: dict[str, float], failures: dict[str, list[Hit]], figures: dict[str, Any],
                  recoveries: list[Any], load: tuple[float, float, float]) -> None:  # fmt: skip
    rows = [
        ("requests through nginx", f"{total['requests']:.0f} ({total['submitted']:.0f} complaints accepted, "
                                   f"{total['limited']:.0f} answered 429)"),
        ("HTTP p50 / p95 / max", f"{total['p50']:.0f} / {total['p95']:.0f} / {total['max']:.0f} ms"),
        ("failed requests", f"{total['failed']:.0f}"),
    ]  # fmt: skip
    for name, failed in failures.items():
        rows.append((f"  during {name}" if name != "outside any event" else f"  {name}", f"{len(failed)}: "
                     + _kinds(failed)))  # fmt: skip
    for name, value in figures.items():
        rows.append((name, f"{value:.2f}" if isinstance(value, float) else str(value)))
    for rec in recoveries:
        rows.append((rec.event, f"database away {rec.outage:.2f} s; then first read +{rec.first_read:.2f} s, "
                                f"first accepted complaint +{rec.first_write:.2f} s"))  # fmt: skip
    rows.append(("load average (1/5/15 min)", " / ".join(f"{x:.2f}" for x in load)))
    width = max(len(r[0]) for r in rows)
    print()
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print()


def node_errors(logs: list[Path], limit: int = 8) -> list[str]:
    """The distinct errors the nodes logged (message and the exception's last line), to explain failures."""
    seen: Counter[str] = Counter()
    for path in logs:
        for line in path.read_text(errors="replace").splitlines() if path.exists() else []:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("level") in ("ERROR", "CRITICAL"):
                detail = str(entry.get("exc") or "").strip().splitlines()
                seen[f"{path.parent.name}: {entry.get('message')} | {detail[-1] if detail else ''}"[:300]] += 1
    return [f"{n}x {text}" for text, n in seen.most_common(limit)]
