"""Per-kind row rules (data-standard §4–§6): a RowReader -> ParsedRow with its natural key and values."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from portal.domain import idnumber, publicity, text
from portal.domain.errors import InvalidValue
from portal.domain.kinds import (
    LIST_CATEGORY_BY_ZH,
    OLD_LIST_CATEGORIES,
    PERMIT_CATEGORIES,
    PermitState,
    SubjectKind,
)
from portal.importers.cells import RowReader
from portal.importers.subjects import SubjectData, read_list_subject, read_record_subject


@dataclass
class ParsedRow:
    line_no: int
    key: tuple[str, ...]  # natural key within the file: (doc key[, list key], subject ident)
    subject: SubjectData
    values: dict[str, object]  # model column -> value
    fact_date: date  # decision / listing date: used for the minor rule (DOMAIN §6)
    warnings: list[str] = field(default_factory=list)
    cells: list[object] = field(default_factory=list)  # as read, for the rejects file
    hold: str | None = None  # a kind's own rule keeping the record from the public (政务共享, DOMAIN §19)

    @cached_property
    def row_hash(self) -> str:
        payload = json.dumps([self.values, self.subject.values()], sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


def _source(r: RowReader) -> dict[str, object]:
    return {
        "source_name": r.text("数据来源单位", required=True),
        "source_uscc": r.uscc("数据来源单位统一社会信用代码", required=True),
        "remarks": r.optional("备注"),
    }


def _punishment_types(r: RowReader) -> list[str]:
    column = "处罚类别"
    types = publicity.split_punishment_types(r.text(column, required=True))
    for value in publicity.unknown_punishment_types(types):
        hint = publicity.OLD_PUNISHMENT_TERMS.get(value)
        allowed = "、".join(publicity.PUNISHMENT_TYPES)
        suffix = f"；如适用：请改为“{hint}”" if hint else ""
        r.reasons.append(f"{column}取值无效：{value}（允许：{allowed}{suffix}）")
    return types


def _severity(r: RowReader) -> publicity.Severity | None:
    value = r.text("失信严重程度")
    try:
        return publicity.parse_severity(value)
    except InvalidValue:
        r.reasons.append(f"失信严重程度取值无效：{value}（允许：轻微、一般、严重）")
        return None


def parse_penalty(r: RowReader) -> ParsedRow | None:
    subject = read_record_subject(r)
    decision_no = r.text("行政处罚决定书文号", required=True)
    types = _punishment_types(r)
    fine = r.amount("罚款金额(万元)")
    confiscated = r.amount("没收违法所得、没收非法财物的金额(万元)")
    licence = r.optional("暂扣或吊销证照名称及编号")
    decided_on = r.past_date("处罚决定日期")
    effective_until = r.date("处罚有效期")
    given_end = r.date("公示截止期")
    r.end_not_before(effective_until, decided_on, "处罚有效期", "处罚决定日期")
    r.end_not_before(given_end, decided_on, "公示截止期", "处罚决定日期")
    given_severity = _severity(r)
    values: dict[str, object] = {
        "decision_no": decision_no,
        "decision_key": text.doc_no_key(decision_no),
        "violation_type": r.text("违法行为类型", required=True),
        "facts": r.text("违法事实", required=True),
        "basis": r.text("处罚依据", required=True),
        "content": r.text("处罚内容", required=True),
        "authority_name": r.text("处罚机关", required=True),
        "authority_uscc": r.uscc("处罚机关统一社会信用代码", required=True),
        **_source(r),
    }
    if subject is None or decided_on is None or not r.ok:
        return None
    if "罚款" in types and fine is None:
        r.warn("处罚类别含罚款，但罚款金额为空")
    if any(t in ("没收违法所得", "没收非法财物") for t in types) and confiscated is None:
        r.warn("处罚类别含没收，但没收金额为空")
    if any(t in ("暂扣许可证件", "吊销许可证件") for t in types) and not licence:
        r.warn("处罚类别含暂扣或吊销，但证照名称及编号为空")
    severity = publicity.derive_severity(types, given_severity)
    window = publicity.penalty_public_until(decided_on, severity.severity, given_end)
    r.warnings.extend(severity.warnings + window.warnings)
    values.update(
        punishment_types="；".join(types),
        fine_amount=fine,
        confiscated_amount=confiscated,
        licence_info=licence,
        decided_on=decided_on,
        effective_until=effective_until,
        given_public_until=given_end,
        severity=severity.severity,
        public_from=decided_on,
        public_until=window.public_until,
    )
    key = (str(values["decision_key"]), subject.ident)
    return ParsedRow(r.line_no, key, subject, values, decided_on)


def parse_permit(r: RowReader) -> ParsedRow | None:
    subject = read_record_subject(r)
    doc_no = r.text("行政许可决定文书号", required=True)
    category = r.text("许可类别", required=True)
    if category and category not in PERMIT_CATEGORIES:
        r.reasons.append(f"许可类别取值无效：{category}（允许：{'、'.join(PERMIT_CATEGORIES)}）")
    decided_on = r.past_date("许可决定日期")
    valid_from = r.date("有效期自", required=True)
    valid_until = r.date("有效期至", required=True, long_term=True)
    r.end_not_before(valid_until, valid_from, "有效期至", "有效期自")
    state = r.text("当前状态", required=True)
    if state and state not in (PermitState.VALID, PermitState.INVALID):
        r.reasons.append(f"当前状态取值无效：{state}（允许：1（有效）、2（无效））")
    values: dict[str, object] = {
        "doc_title": r.text("行政许可决定文书名称", required=True),
        "doc_no": doc_no,
        "doc_key": text.doc_no_key(doc_no),
        "category": category,
        "certificate_name": r.optional("许可证书名称"),
        "certificate_no": r.optional("许可编号"),
        "content": r.text("许可内容", required=True),
        "authority_name": r.text("许可机关", required=True),
        "authority_uscc": r.uscc("许可机关统一社会信用代码", required=True),
        **_source(r),
    }
    if subject is None or decided_on is None or valid_from is None or valid_until is None or not r.ok:
        return None
    if valid_from < decided_on:
        r.warn("有效期自早于许可决定日期")
    if state == PermitState.VALID and valid_until < r.today:
        r.warn("当前状态为有效，但有效期至已过")
    # DOMAIN §17 default: a permit is shown while the record exists; 当前状态 2 is shown as 无效.
    values.update(
        decided_on=decided_on,
        valid_from=valid_from,
        valid_until=valid_until,
        state=PermitState(state),
        public_from=decided_on,
        public_until=None,
    )
    key = (str(values["doc_key"]), subject.ident)
    return ParsedRow(r.line_no, key, subject, values, decided_on)


def parse_list_entry(r: RowReader) -> ParsedRow | None:
    category_zh = r.text("名单类别", required=True)
    category = LIST_CATEGORY_BY_ZH.get(category_zh)
    if category_zh and category is None:
        hint = OLD_LIST_CATEGORIES.get(category_zh)
        suffix = f"；如适用：请改为“{hint}”" if hint else ""
        r.reasons.append(f"名单类别取值无效：{category_zh}（允许：{'、'.join(LIST_CATEGORY_BY_ZH)}{suffix}）")
    list_name = r.text("名单名称", required=True)
    subject = read_list_subject(r)
    doc_no = r.text("认定文书号", required=True)
    listed_on = r.past_date("列入日期")
    valid_until = r.date("有效期至", long_term=True)
    removed_on = r.date("移出日期")
    r.end_not_before(valid_until, listed_on, "有效期至", "列入日期")
    r.end_not_before(removed_on, listed_on, "移出日期", "列入日期")
    values: dict[str, object] = {
        "category": category,
        "list_name": list_name,
        "list_key": text.name_key(list_name),
        "reason": r.text("列入事由", required=True),
        "basis": r.text("认定依据", required=True),
        "doc_no": doc_no,
        "doc_key": text.doc_no_key(doc_no),
        "recognised_by": r.text("认定单位", required=True),
        "recognised_by_uscc": r.uscc("认定单位统一社会信用代码", required=True),
        "removal_reason": r.optional("移出原因"),
        **_source(r),
    }
    if subject is None or listed_on is None or category is None or not r.ok:
        return None
    if valid_until is None:
        r.warn("有效期至为空：名单长期有效，直至移出")
    if removed_on is not None and not values["removal_reason"]:
        r.warn("已填写移出日期，但移出原因为空")
    public_from, public_until = publicity.list_entry_window(listed_on, valid_until, removed_on)
    values.update(
        listed_on=listed_on,
        valid_until=valid_until,
        removed_on=removed_on,
        public_from=public_from,
        public_until=public_until,
    )
    key = (str(values["list_key"]), str(values["doc_key"]), subject.ident)
    return ParsedRow(r.line_no, key, subject, values, listed_on)


def automatic_hold(row: ParsedRow, *, publish_minor_penalties: bool) -> str | None:
    """Why a record may not be public by rule (DOMAIN §6), or None. Staff holds are kept elsewhere."""
    if row.hold:
        return row.hold
    subject = row.subject
    person = subject.kind is SubjectKind.NATURAL_PERSON
    checkable = subject.id_type in idnumber.CHECKED_ID_TYPES
    severity = row.values.get("severity")
    return publicity.automatic_hold_reason(
        adulthood_unproven=person and not checkable,
        subject_is_minor=person and checkable and idnumber.is_minor_on(subject.id_number or "", row.fact_date),
        severity=publicity.Severity(severity) if severity else None,
        publish_minor_penalties=publish_minor_penalties,
    )
