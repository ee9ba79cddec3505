"""The chat's sentences about each kind of record: one record inside a sentence, a record explained on its own, the
repair answers. portal/chat/kind_words.py says which kind uses which (the table keyed by RecordKind).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from markupsafe import escape

from portal import kinds
from portal.domain.kinds import BROKEN_COMMITMENT_STATES, RecordKind
from portal.i18n import (
    COERCION_CATEGORY_LABELS,
    COERCION_STATE_LABELS,
    COMMITMENT_STATE_LABELS,
    COMMITMENT_TYPE_LABELS,
    HONOUR_LEVEL_LABELS,
    PERMIT_STATE_LABELS,
    PUNISHMENT_TYPE_LABELS,
    SEVERITY_LABELS,
)
from portal.public.presenters import PublicRecord

Described = tuple[str, dict[str, Any]]  # (the sentence, the facts of the record's card)


def label(labels: Any, code: str | None) -> str:
    """The translated label of a code; the code itself when it has none (new data values show untranslated)."""
    found = labels.get(code) if code is not None else None
    return str(found) if found is not None else (code or "")


def join(items: Any) -> str:
    # TRANSLATORS: the separator between the items of a list in a sentence (Chinese: 、).
    return _(", ").join(items)


def until(record: Any) -> str:
    if record.public_until:
        return _("published until %(date)s", date=record.public_until.isoformat())
    return _("published without an end date")


def decision(r: PublicRecord) -> str:
    return _("%(doc_no)s (decided %(date)s, %(until)s)", doc_no=escape(r.title), date=r.decided_on.isoformat(),
             until=until(r))  # fmt: skip


def generic(r: PublicRecord) -> str:
    return _("“%(title)s” (%(date)s, %(until)s)", title=escape(r.title), date=r.decided_on.isoformat(), until=until(r))


def coercion(r: PublicRecord) -> str:
    return _(
        "%(doc_no)s (%(types)s, decided by %(authority)s on %(date)s, %(state)s, %(until)s)",
        doc_no=escape(r.title), types=join(label(COERCION_CATEGORY_LABELS, t) for t in r.tags),
        authority=escape(r.authority), date=r.decided_on.isoformat(), state=label(COERCION_STATE_LABELS, r.state),
        until=until(r),
    )  # fmt: skip


def honour(r: PublicRecord) -> str:
    valid = _("valid until %(date)s", date=r.valid_until.isoformat()) if r.valid_until else _("long-term")
    return _(
        "“%(name)s” (%(level)s, granted by %(authority)s on %(date)s, %(valid)s)",
        name=escape(r.summary), level=label(HONOUR_LEVEL_LABELS, r.category), authority=escape(r.authority),
        date=r.decided_on.isoformat(), valid=valid,
    )  # fmt: skip


def commitment(r: PublicRecord) -> str:
    return _(
        "“%(matter)s” (%(type)s, made on %(date)s to %(authority)s, %(state)s)",
        matter=escape(r.summary), type=label(COMMITMENT_TYPE_LABELS, r.category), date=r.decided_on.isoformat(),
        authority=escape(r.authority), state=label(COMMITMENT_STATE_LABELS, r.state),
    )  # fmt: skip


def rating(r: PublicRecord) -> str:
    """A rating: its scheme and grade (the rating kind presents the scheme as category, the grade as summary)."""
    return _("%(scheme)s: %(grade)s (%(date)s)", scheme=escape(r.category or r.title), grade=escape(r.summary),
             date=r.decided_on.isoformat())  # fmt: skip


def is_broken(record: PublicRecord) -> bool:
    """A 违诺: a commitment 部分履行 or 全部未履行 (DOMAIN §19)."""
    return record.kind == RecordKind.COMMITMENT and record.state in BROKEN_COMMITMENT_STATES


def commitments_note(records: Sequence[PublicRecord]) -> str:
    broken = sum(1 for r in records if is_broken(r))
    if not broken:
        return ""
    return _(
        " %(n)s of them broken: a broken commitment is dishonesty information, published for 1 year from the "
        "day the breach was established, and can be repaired after 3 months like a general-level penalty.",
        n=broken,
    )


def describe_penalty(doc_no: str, detail: Any, until: str) -> Described:
    types = join(label(PUNISHMENT_TYPE_LABELS, t) for t in detail.punishment_types)
    text = _(
        "%(doc_no)s is an administrative penalty (%(types)s) imposed by %(authority)s on %(name)s on %(date)s. "
        "Dishonesty severity: %(severity)s. Published until: %(until)s.",
        doc_no=escape(doc_no), types=escape(types), authority=escape(detail.authority_name),
        name=escape(detail.subject.name), date=detail.decided_on.isoformat(),
        severity=label(SEVERITY_LABELS, detail.severity), until=until,
    )  # fmt: skip
    return text, {"severity": detail.severity, "decided_on": detail.decided_on.isoformat(), "public_until": until}


def describe_permit(doc_no: str, detail: Any, until: str) -> Described:
    valid = str(PERMIT_STATE_LABELS["1" if detail.state == "1" else "2"])  # 1 = 有效, anything else = 无效
    until_valid = detail.valid_until.isoformat() if detail.valid_until else _("long-term")
    text = _(
        "%(doc_no)s is an administrative permit (%(title)s) granted by %(authority)s to %(name)s on %(date)s, "
        "valid until %(valid_until)s. Current state: %(state)s.",
        doc_no=escape(doc_no), title=escape(detail.doc_title), authority=escape(detail.authority_name),
        name=escape(detail.subject.name), date=detail.decided_on.isoformat(), valid_until=until_valid, state=valid,
    )  # fmt: skip
    data = {"decided_on": detail.decided_on.isoformat(), "public_until": until}
    return text, data | {"state": valid, "valid_until": until_valid}


def describe_list_entry(doc_no: str, detail: Any, until: str) -> Described:
    text = _(
        "%(doc_no)s is the entry of %(name)s on the list “%(list)s” (decided by %(authority)s). Published until: "
        "%(until)s.",
        doc_no=escape(doc_no), name=escape(detail.subject.name), list=escape(detail.list_name),
        authority=escape(detail.recognised_by), until=until,
    )  # fmt: skip
    return text, {"decided_on": detail.listed_on.isoformat() if detail.listed_on else None, "public_until": until}


def describe_record(item: Any) -> Any:
    """The explanation of a record of any other kind (a PublicRecord): its kind, subject and the kind's item."""

    def describe(doc_no: str, record: PublicRecord, until: str) -> Described:
        text = _("%(kind)s of %(name)s: %(item)s.", kind=kinds.spec(record.kind).label_one,
                 name=escape(record.subject.name), item=item(record))  # fmt: skip
        return text, {"decided_on": record.decided_on.isoformat(), "public_until": until}

    return describe


# Repair answers (the yes or no first; DOMAIN §9, §19).
def penalty_repairable(day: str) -> str:
    return _(
        "The minimum publicity period has passed (repair possible since %(date)s): if the penalty has been "
        "fulfilled and a public credit commitment made, you can apply for repair now.",
        date=day,
    )


def list_entry_repairable(day: str) -> str:
    return _(
        "A list entry is repaired (removed from the list) by the deciding authority under the rules of that "
        "list: please contact the deciding authority or submit an application."
    )


def minor_penalty_not_published() -> str:
    return _("Minor dishonesty is not published as a rule, so there is nothing to repair.")


def not_dishonesty() -> str:
    return _("This record is not dishonesty information, so there is nothing to repair.")


def permit_needs_no_repair() -> str:
    return _("No need. An administrative permit is not dishonesty information, so there is nothing to repair.")


def coercion_needs_no_repair() -> str:
    return _(
        "No need. Administrative coercion is not subject to credit repair: it leaves public view by itself 6 "
        "months after the measure is lifted (1 year after the decision while it is not lifted, 3 years at "
        "most). If the published decision is wrong, file an objection."
    )


def broken_commitment_repairable() -> str:
    return _(
        "Yes. A broken commitment is dishonesty information of the general level: 3 months after the breach "
        "was established, once it has been put right and a new credit commitment made, you can apply for "
        "credit repair. Until then it stays published, for 1 year from the day the breach was established."
    )
