"""Row rules of the further kinds of credit information (data-standard §10–§14): RowReader -> ParsedRow."""

from __future__ import annotations

import re

from portal.domain import publicity_more, text
from portal.domain.kinds import (
    BROKEN_COMMITMENT_STATES,
    COERCION_CATEGORIES,
    COERCION_NOT_COLLECTED,
    COMMITMENT_STATES,
    COMMITMENT_TYPES,
    HONOUR_LEVELS,
    OPENNESS,
    SUBJECT_KIND_BY_ZH,
    SubjectKind,
)
from portal.importers.cells import RowReader
from portal.importers.records import ParsedRow, _source
from portal.importers.subjects import SubjectData, read_id, read_record_subject

# 强制类别 values themselves contain 、 and commas, so only semicolons separate them (data-standard §12).
_SEMICOLONS = re.compile(r"[;；]")


def _coercion_categories(r: RowReader) -> list[str]:
    column = "强制类别"
    found: list[str] = []
    for part in _SEMICOLONS.split(r.text(column, required=True)):
        value = part.strip()
        if not value or value in found:
            continue
        found.append(value)
        if value == COERCION_NOT_COLLECTED:
            r.reasons.append("不予归集：限制人身自由")
        elif value not in COERCION_CATEGORIES:
            r.reasons.append(f"{column}取值无效：{value}（允许：{'、'.join(COERCION_CATEGORIES)}）")
    return found


def parse_coercion(r: RowReader) -> ParsedRow | None:
    """data-standard §12; public by DOMAIN §19 (organisations and 个体工商户 only)."""
    subject = read_record_subject(r)
    doc_no = r.text("行政强制决定书文号", required=True)
    categories = _coercion_categories(r)
    decided_on = r.past_date("决定日期")
    term_until = r.date("强制期限至")
    lifted_on = r.date("解除日期")
    r.end_not_before(term_until, decided_on, "强制期限至", "决定日期")
    r.end_not_before(lifted_on, decided_on, "解除日期", "决定日期")
    values: dict[str, object] = {
        "doc_no": doc_no,
        "doc_key": text.doc_no_key(doc_no),
        "categories": "；".join(categories),
        "reason": r.text("强制事由", required=True),
        "basis": r.text("强制依据", required=True),
        "content": r.text("强制内容", required=True),
        "property_info": r.optional("涉及财物"),
        "lift_reason": r.optional("解除原因"),
        "authority_name": r.text("实施机关", required=True),
        "authority_uscc": r.uscc("实施机关统一社会信用代码", required=True),
        **_source(r),
    }
    if subject is None or decided_on is None or not r.ok:
        return None
    if lifted_on is not None and not values["lift_reason"]:
        r.warn("已填写解除日期，但解除原因为空")
    public_from, public_until = publicity_more.coercion_window(decided_on, lifted_on)
    values.update(
        decided_on=decided_on,
        term_until=term_until,
        lifted_on=lifted_on,
        public_from=public_from,
        public_until=public_until,
    )
    key = (str(values["doc_key"]), subject.ident)
    row = ParsedRow(r.line_no, key, subject, values, decided_on)
    row.hold = publicity_more.organisations_only_hold(subject.kind)
    return row


def parse_honour(r: RowReader) -> ParsedRow | None:
    """data-standard §13; public by DOMAIN §19 until 有效期至 (or 授予日期 + 3 years), ended by 撤销日期."""
    subject = read_record_subject(r)
    name = r.text("荣誉名称", required=True)
    level = r.text("荣誉等级")
    if level and level not in HONOUR_LEVELS:
        r.reasons.append(f"荣誉等级取值无效：{level}（允许：{'、'.join(HONOUR_LEVELS)}）")
    doc_no = r.text("授予文件号", required=True)
    granted_on = r.past_date("授予日期")
    valid_until = r.date("有效期至", long_term=True)
    revoked_on = r.date("撤销日期")
    r.end_not_before(valid_until, granted_on, "有效期至", "授予日期")
    r.end_not_before(revoked_on, granted_on, "撤销日期", "授予日期")
    values: dict[str, object] = {
        "honour_name": name,
        "honour_key": text.name_key(name),
        "level": level or None,
        "content": r.text("荣誉内容", required=True),
        "doc_no": doc_no,
        "doc_key": text.doc_no_key(doc_no),
        "authority_name": r.text("授予单位", required=True),
        "authority_uscc": r.uscc("授予单位统一社会信用代码", required=True),
        "revoke_reason": r.optional("撤销原因"),
        **_source(r),
    }
    if subject is None or granted_on is None or not r.ok:
        return None
    if revoked_on is not None and not values["revoke_reason"]:
        r.warn("已填写撤销日期，但撤销原因为空")
    public_from, public_until = publicity_more.honour_window(granted_on, valid_until, revoked_on)
    values.update(
        granted_on=granted_on,
        valid_until=valid_until,
        revoked_on=revoked_on,
        public_from=public_from,
        public_until=public_until,
    )
    key = (str(values["honour_key"]), str(values["doc_key"]), subject.ident)
    return ParsedRow(r.line_no, key, subject, values, granted_on)


_COMMITMENT_CODE = re.compile(r"^\d{6}(\d{8})\d{6}$")


def _commitment_subject(r: RowReader) -> SubjectData | None:
    """承诺人 columns (data-standard §10): a USCC for organisations and 个体工商户, an ID for natural persons."""
    name = r.text("承诺人名称", required=True)
    kind_zh = r.text("承诺人类别", required=True)
    kind = SUBJECT_KIND_BY_ZH.get(kind_zh)
    if kind_zh and kind is None:
        r.reasons.append(f"承诺人类别取值无效：{kind_zh}（允许：{'、'.join(SUBJECT_KIND_BY_ZH)}）")
    if kind is SubjectKind.NATURAL_PERSON:
        person = read_id(r, "证件类型", "证件号码", required=True)
        if person is None or not name:
            return None
        return SubjectData(kind, name, id_type=person[0], id_number=person[1], alt_key=f"ID:{person[0]}:{person[1]}")
    code = r.uscc("统一社会信用代码", required=kind is not None)
    if kind is None or code is None or not name:
        return None
    return SubjectData(kind, name, uscc=code)


def parse_commitment(r: RowReader) -> ParsedRow | None:
    """data-standard §10; public by DOMAIN §19 (社会公开, not natural persons; a 违诺 for a year)."""
    subject = _commitment_subject(r)
    code = r.code("承诺编码")
    code_match = _COMMITMENT_CODE.match(code) if code else None
    if code and code_match is None:
        r.reasons.append(f"承诺编码取值无效：{code}（应为6位区划代码+8位承诺作出日期+6位流水号）")
    kind = r.text("承诺类型", required=True)
    if kind and kind not in COMMITMENT_TYPES:
        r.reasons.append(f"承诺类型取值无效：{kind}（允许：{'、'.join(COMMITMENT_TYPES)}）")
    matter = r.text("承诺事由", required=True)
    if len(matter) > 512:
        r.reasons.append("字段超长：承诺事由（最多512字）")
    made_on = r.past_date("承诺作出日期")
    valid_until = r.date("承诺有效期至", long_term=True)
    r.end_not_before(valid_until, made_on, "承诺有效期至", "承诺作出日期")
    state = r.text("承诺履行状态") or "履行中"
    if state not in COMMITMENT_STATES:
        r.reasons.append(f"承诺履行状态取值无效：{state}（允许：{'、'.join(COMMITMENT_STATES)}）")
    broken = state in BROKEN_COMMITMENT_STATES
    unfulfilled = r.text("未履行的承诺内容", required=broken) or None
    state_on = r.date("履行状态认定日期", required=state != "履行中")
    r.end_not_before(state_on, made_on, "履行状态认定日期", "承诺作出日期")
    openness = r.text("公开类型", required=True)
    if openness and openness not in OPENNESS:
        r.reasons.append(f"公开类型取值无效：{openness}（允许：{'、'.join(OPENNESS)}）")
    values: dict[str, object] = {
        "doc_no": code or None,
        "commit_type": kind,
        "matter": matter,
        "content": r.text("承诺内容", required=True),
        "liability": r.optional("违诺责任"),
        "state": state,
        "unfulfilled": unfulfilled,
        "accountability": r.optional("违诺责任追究内容"),
        "authority_name": r.text("承诺受理单位", required=True),
        "authority_uscc": r.uscc("承诺受理单位统一社会信用代码", required=True),
        "openness": openness,
        "handler": r.optional("经办人"),
        **_source(r),
    }
    if subject is None or made_on is None or not r.ok:
        return None
    if code_match is not None and code_match.group(1) != made_on.strftime("%Y%m%d"):
        r.warn("承诺编码中的日期与承诺作出日期不一致")
    # Natural key (§10): 承诺编码 when given, else 受理单位, 承诺人, 承诺作出日期 and 承诺事由 (NFKC).
    doc_key = f"C:{code}" if code else f"K:{values['authority_uscc']}|{made_on.isoformat()}|{text.name_key(matter)}"
    public_from, public_until = publicity_more.commitment_window(made_on, valid_until, state_on if broken else None)
    values.update(
        doc_key=doc_key[:256],
        made_on=made_on,
        valid_until=valid_until,
        state_on=state_on,
        public_from=public_from,
        public_until=public_until,
    )
    row = ParsedRow(r.line_no, (doc_key, subject.ident), subject, values, made_on)
    row.hold = publicity_more.commitment_hold(openness, subject.kind)
    return row
