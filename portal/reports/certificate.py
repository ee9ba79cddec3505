"""Search result certificates (查询结果证明, DOMAIN §24): issue (re-run the search, snapshot, sign, store), read back
for HTML/PDF, and verification.

The client sends only the query (text, type, filters); the search runs again here, through the same service and
visibility re-check as the public page, at the moment of issue. The snapshot keeps the hits' public, masked fields
(what the page showed) and never result data posted by the client, so a certificate cannot vouch for anything the
public could not see at that moment. Like a credit report it is issued once and never re-queried.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal.clock import CHINA_TZ
from portal.domain.errors import DomainError
from portal.domain.masking import mask_id_numbers
from portal.models import AuditEntry, SearchCertificate
from portal.reports import signing
from portal.reports.services import Signer, data_as_of
from portal.search_ui import groups
from portal.search_ui import services as search
from search.contract import MAX_PER_PAGE, Query, SearchBackend

log = logging.getLogger(__name__)
PREFIX = "CXZM"  # 查询证明
CERTIFICATE_NO_RE = re.compile(r"^CXZM-\d{8}-[2-9A-HJ-NP-Z]{8}$")
DEFAULT_MAX_RESULTS = 50
_TRIES = 10
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


class SearchUnavailableForCertificate(DomainError):
    """The index is being rebuilt and the degraded search may miss records: no certificate of an incomplete search."""

    code = "certificate_search_degraded"


def is_certificate_no(value: str | None) -> bool:
    return bool(CERTIFICATE_NO_RE.match(signing.normalize_report_no(value)))


def _shown_query(text: str) -> str:
    """The query as printed and stored: ID and mobile numbers typed into it are masked (they never leave the
    server, and anyone holding the number and code can read the certificate); control characters dropped."""
    text = _CONTROL.sub("", text)
    return _MOBILE.sub(r"\1****\2", mask_id_numbers(text))


def _unused_number(session: Session, today: date) -> str:
    for _attempt in range(_TRIES):
        number = signing.new_report_no(today, PREFIX)
        found = session.scalar(sa.select(SearchCertificate.id).where(SearchCertificate.certificate_no == number))
        if found is None:
            return number
    raise RuntimeError("no free certificate number")


def issue(session: Session, backend: SearchBackend, query: Query, *, signer: Signer, now: datetime, today: date,
          max_results: int = DEFAULT_MAX_RESULTS) -> SearchCertificate:  # fmt: skip
    """Run `query` as the public search would now (first page, up to `max_results` hits) and store the signed
    snapshot. Raises SearchUnavailableForCertificate while only the degraded search answers.
    """
    wanted = dataclasses.replace(query, page=1, per_page=max(1, min(max_results, MAX_PER_PAGE)), exclude=frozenset())
    page = search.search(session, backend, wanted, today=today)  # no cache: what is public at this very moment
    if page.degraded:
        raise SearchUnavailableForCertificate("搜索索引正在重建，暂不能出具查询结果证明")
    number = _unused_number(session, today)
    as_of = data_as_of(session, now)
    results = [
        {"type": h.type, "title": h.title, "subject_name": h.subject_name, "uscc": h.uscc,
         "date": h.date.isoformat() if h.date else None, "url": h.url}
        for h in page.hits
    ]  # fmt: skip
    body: dict[str, Any] = {
        "certificate_no": number,
        "document": "search_certificate",
        "issued_at": now.isoformat(),  # the search ran at this moment
        "data_as_of": as_of.isoformat(),
        "query": {"text": _shown_query(query.text), "type": query.type, "filters": dict(sorted(query.filters.items()))},
        "total": page.total,
        "relaxed": page.relaxed,
        # only when the search stopped counting at its cap, so certificates issued before it verify unchanged
        **({"total_exact": False} if not page.total_exact else {}),
        "results": results,
    }
    if groups.is_grouped(query):  # the page showed subject cards: certify the first page of them as well
        body["subjects"] = _subject_cards(session, backend, wanted, today)
    canonical = signing.canonical_json(body)
    digest = signing.content_hash(canonical)
    certificate = SearchCertificate(
        certificate_no=number, issued_at=now, data_as_of=as_of, result_count=page.total, content=canonical,
        content_hash=digest, signature=signing.sign(signer.key, number, digest),
    )  # fmt: skip
    session.add(certificate)
    session.flush()
    session.add(AuditEntry(actor="public", action="issue_search_certificate", target=f"certificate:{certificate.id}",
                           at=now))  # fmt: skip
    session.commit()
    # The search text is personal data in logs (STYLE: log its length only).
    log.info("search certificate issued: id=%s results=%d query_chars=%d", certificate.id, page.total, len(query.text))
    return certificate


def _subject_cards(session: Session, backend: SearchBackend, query: Query, today: date) -> list[dict[str, Any]]:
    """The subject cards of the results page's first page, as the public saw them (public counts, badges and the
    records shown under each card)."""
    found = groups.grouped(session, backend, dataclasses.replace(query, page=1), today=today)
    return [
        {
            "name": c.subject.name,
            "uscc": c.subject.uscc if c.subject.kind != "natural_person" else None,
            "counts": {key: n for key, n in c.counts.items() if n},
            "badges": [b.value for b in c.badges],
            "records": [{"type": h.type, "title": h.title, "date": h.date.isoformat() if h.date else None}
                        for h in c.hits],
        }
        for c in found.cards
    ]  # fmt: skip


def find(session: Session, number: str) -> SearchCertificate | None:
    normalized = signing.normalize_report_no(number)
    if not CERTIFICATE_NO_RE.match(normalized):
        return None
    return session.scalar(sa.select(SearchCertificate).where(SearchCertificate.certificate_no == normalized))


@dataclass(frozen=True)
class CertificateDocument:
    """A stored certificate read back for display. `report_no` and `version` let the report's page furniture
    (portal/reports/page.py) draw it."""

    report_no: str
    issued_at: datetime  # in China time
    data_as_of: datetime  # in China time
    query_text: str
    query_type: str
    filters: dict[str, str]
    total: int
    relaxed: bool
    results: list[dict[str, Any]]
    content_hash: str
    code: str  # formatted XXXX-XXXX-XXXX
    verify_url: str
    version: str = "certificate"
    subjects: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # the page's subject cards, if grouped
    total_exact: bool = True  # False: the search stopped counting at its cap, `total` is a lower bound

    @property
    def total_text(self) -> str:
        """The number of results as shown: 10000+ for a lower bound."""
        return f"{self.total}+" if not self.total_exact else str(self.total)


def _china(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(CHINA_TZ)


def load(certificate: SearchCertificate, *, key: str, verify_url: str) -> CertificateDocument:
    body = json.loads(certificate.content)
    return document_of(body, content_hash=certificate.content_hash, key=key, verify_url=verify_url)


def document_of(body: dict[str, Any], *, content_hash: str, key: str, verify_url: str) -> CertificateDocument:
    number = body["certificate_no"]
    return CertificateDocument(
        report_no=number, issued_at=_china(body["issued_at"]), data_as_of=_china(body["data_as_of"]),
        query_text=body["query"]["text"], query_type=body["query"]["type"], filters=body["query"]["filters"],
        total=body["total"], relaxed=body["relaxed"], results=body["results"], content_hash=content_hash,
        code=signing.format_code(signing.verification_code(key, number)), verify_url=verify_url,
        subjects=body.get("subjects", []), total_exact=body.get("total_exact", True),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Verification:
    state: str  # genuine | tampered | unknown
    certificate: SearchCertificate | None = None
    document: CertificateDocument | None = None


def verify(session: Session, number: str, code: str, *, key: str, claimed_hash: str | None = None) -> Verification:
    """The credit report's rules (portal/reports/services.verify): unknown number and wrong code give one answer;
    a changed content, hash or signature is "tampered"."""
    certificate = find(session, number)
    if certificate is None or not signing.code_matches(key, certificate.certificate_no, code):
        return Verification("unknown")
    intact = (
        signing.is_signed(key, certificate.certificate_no, certificate.content_hash, certificate.signature)
        and signing.content_hash(certificate.content) == certificate.content_hash
    )
    if claimed_hash is not None and claimed_hash.strip().lower() != certificate.content_hash:
        intact = False
    if not intact:
        log.warning("certificate verification failed the integrity check: id=%s", certificate.id)
        return Verification("tampered", certificate)
    return Verification("genuine", certificate, load(certificate, key=key, verify_url=""))
