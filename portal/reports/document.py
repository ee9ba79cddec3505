"""A stored report read back for display: the snapshot JSON with dates parsed and per-section counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from portal.clock import CHINA_TZ
from portal.models import CreditReport
from portal.reports import signing
from portal.reports.groups import chapters, group_of


@dataclass(frozen=True)
class Section:
    key: str
    records: list[dict[str, Any]]
    group: str = "other"  # its chapter (portal/reports/groups.py)

    @property
    def count(self) -> int:
        return len(self.records)

    def count_marked(self, mark: str) -> int:
        return sum(1 for r in self.records if mark in r["marks"])


@dataclass(frozen=True)
class Document:
    report_no: str
    version: str
    issued_at: datetime  # in China time
    valid_until: date
    data_as_of: datetime  # in China time
    subject: dict[str, Any]
    sections: list[Section]
    content_hash: str
    code: str  # verification code, formatted XXXX-XXXX-XXXX
    verify_url: str

    @property
    def total(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def chapters(self) -> list[tuple[str, list[Section]]]:
        """(chapter, its sections) in the standard's order; chapters without sections too (they say "none")."""
        by_key = {s.key: s for s in self.sections}
        return [(group, [by_key[k] for k in keys]) for group, keys in chapters([s.key for s in self.sections])]


def _china(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(CHINA_TZ)


def load(report: CreditReport, *, key: str, verify_url: str) -> Document:
    """`verify_url`: the absolute /verify address with number and code (the QR code points there)."""
    body = json.loads(report.content)
    return Document(
        report_no=report.report_no,
        version=body["version"],
        issued_at=_china(body["issued_at"]),
        valid_until=date.fromisoformat(body["valid_until"]),
        data_as_of=_china(body["data_as_of"]),
        subject=body["subject"],
        sections=[Section(s["key"], s["records"], s.get("group") or group_of(s["key"])) for s in body["sections"]],
        content_hash=report.content_hash,
        code=signing.format_code(signing.verification_code(key, report.report_no)),
        verify_url=verify_url,
    )
