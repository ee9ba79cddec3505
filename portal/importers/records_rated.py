"""Row rules of 信用评价结果 (data-standard §11) and 检查结果 (§14): RowReader -> ParsedRow."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from portal.domain import publicity_more, publicity_rated, text
from portal.domain.kinds import (
    INSPECTION_METHODS,
    INSPECTION_RESULTS,
    INSPECTION_TYPES,
    RATING_GRADES,
    RATING_OPENNESS,
    RATING_OTHER_SCHEME,
    RATING_SUBJECT_KINDS,
    RATING_YEAR_REQUIRED,
    SUBJECT_KIND_BY_ZH,
)
from portal.importers.cells import RowReader
from portal.importers.records import ParsedRow, _source
from portal.importers.subjects import SubjectData, read_record_subject

MAX_SCORE = Decimal(1000)
_SCORE = re.compile(r"^\d{1,4}(\.\d{1,2})?$")
_YEAR = re.compile(r"^\d{4}$")


def _allowed(values: tuple[str, ...] | list[str]) -> str:
    return "、".join(values)


def _rating_subject(r: RowReader) -> SubjectData | None:
    """评价对象: an organisation or 个体工商户 with its USCC; ratings of natural persons are not imported (§11)."""
    name = r.text("评价对象名称", required=True)
    kind_zh = r.text("主体类别", required=True)
    if kind_zh and kind_zh not in RATING_SUBJECT_KINDS:
        r.reasons.append(f"主体类别取值无效：{kind_zh}（允许：{_allowed(RATING_SUBJECT_KINDS)}）")
    code = r.uscc("统一社会信用代码", required=True)
    if not name or code is None or kind_zh not in RATING_SUBJECT_KINDS:
        return None
    return SubjectData(SUBJECT_KIND_BY_ZH[kind_zh], name, uscc=code)


def _score(r: RowReader) -> Decimal | None:
    raw = r.raw("评价分数")
    given = text.nfkc(r.text("评价分数"))
    if not given or text.is_placeholder(given):
        return None
    value: Decimal | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    elif _SCORE.match(given):
        value = Decimal(given)
    try:
        ok = value is not None and value.is_finite() and Decimal(0) <= value <= MAX_SCORE
    except InvalidOperation:
        ok = False
    if not ok or value is None:
        r.reasons.append(f"评价分数取值无效：{given}（允许：0至1000的数值）")
        return None
    return value.quantize(Decimal("0.01"))


def _year(r: RowReader, required: bool) -> int | None:
    raw = r.raw("评价年度")
    given = text.nfkc(r.text("评价年度", required=required)).removesuffix("年度").removesuffix("年")
    if isinstance(raw, float) and raw.is_integer():
        given = str(int(raw))
    if not given:
        return None
    if not _YEAR.match(given) or not 1949 <= int(given) <= r.today.year:
        r.reasons.append(f"评价年度取值无效：{r.text('评价年度')}（允许：四位年份，如{r.today.year - 1}）")
        return None
    return int(given)


def parse_rating(r: RowReader) -> ParsedRow | None:
    """data-standard §11; public by DOMAIN §19 (社会公开) until 有效期至 or superseded by a newer rating."""
    scheme = r.text("评价体系", required=True)
    grades = RATING_GRADES.get(scheme)
    if scheme and grades is None:
        r.reasons.append(f"评价体系取值无效：{scheme}（允许：{_allowed(list(RATING_GRADES))}）")
    subject = _rating_subject(r)
    grade = text.nfkc(r.text("评价等级", required=True)).upper()
    if grade and grades is not None and grade not in grades:
        r.reasons.append(f"评价等级取值无效：{grade}（允许：{_allowed(grades)}）")
    score = _score(r)
    year = _year(r, required=scheme in RATING_YEAR_REQUIRED)
    rated_on = r.past_date("评价日期")
    valid_until = r.date("有效期至", long_term=True)
    r.end_not_before(valid_until, rated_on, "有效期至", "评价日期")
    openness = r.text("公开类型", required=True)
    if openness and openness not in RATING_OPENNESS:
        r.reasons.append(f"公开类型取值无效：{openness}（允许：{_allowed(RATING_OPENNESS)}）")
    note = r.text("评价体系说明", required=scheme == RATING_OTHER_SCHEME) or None
    values: dict[str, object] = {
        "scheme": scheme,
        "scheme_note": note,
        "grade": grade,
        "score": score,
        "year": year,
        "authority_name": r.text("评价单位", required=True),
        "authority_uscc": r.uscc("评价单位统一社会信用代码", required=True),
        "basis": r.optional("评价依据"),
        "openness": openness,
        **_source(r),
    }
    if subject is None or rated_on is None or not r.ok:
        return None
    # Natural key (§11): 评价体系, 评价体系说明, the subject, and 评价年度 when given, else 评价日期.
    scheme_key = f"{scheme}|{text.name_key(note or '')}"[:300]
    doc_key = f"{scheme_key}|{year if year is not None else rated_on.isoformat()}"
    public_from, public_until = publicity_rated.rating_window(scheme, rated_on, valid_until)
    name = note if scheme == RATING_OTHER_SCHEME and note else scheme
    values.update(
        doc_no=f"{name} {year}年度" if year is not None else f"{name} {rated_on.isoformat()}",
        scheme_key=scheme_key,
        doc_key=doc_key,
        rated_on=rated_on,
        valid_until=valid_until,
        public_from=public_from,
        public_until=public_until,
    )
    row = ParsedRow(r.line_no, (doc_key, subject.ident), subject, values, rated_on)
    row.hold = publicity_rated.rating_hold(openness)
    return row


_RESULT_CODES = {f"{i:02d}": name for i, name in enumerate(INSPECTION_RESULTS, start=1)}


def _inspection_result(r: RowReader) -> str:
    given = r.text("检查结果类型", required=True)
    code = text.nfkc(given)
    value = _RESULT_CODES.get(code, code)
    if given and value not in INSPECTION_RESULTS:
        r.reasons.append(f"检查结果类型取值无效：{given}（允许：{_allowed(INSPECTION_RESULTS)}，或代码01至06）")
    return value


def parse_inspection(r: RowReader) -> ParsedRow | None:
    """data-standard §14; public by DOMAIN §19 (organisations and 个体工商户 only) until 检查日期 + 1 year."""
    subject = read_record_subject(r)
    doc_no = r.text("检查编号", required=True)
    check_type = r.text("检查类别", required=True)
    if check_type and check_type not in INSPECTION_TYPES:
        r.reasons.append(f"检查类别取值无效：{check_type}（允许：{_allowed(INSPECTION_TYPES)}）")
    method = r.optional("检查方式")
    inspected_on = r.past_date("检查日期")
    result = _inspection_result(r)
    values: dict[str, object] = {
        "doc_no": doc_no,
        "doc_key": text.doc_no_key(doc_no),
        "task_name": r.optional("检查任务名称"),
        "check_type": check_type,
        "matters": r.text("检查事项", required=True),
        "method": method,
        "result": result,
        "conclusion": r.text("检查结论", required=True),
        "follow_up": r.optional("后续处置"),
        "authority_name": r.text("检查机关", required=True),
        "authority_uscc": r.uscc("检查机关统一社会信用代码", required=True),
        **_source(r),
    }
    if subject is None or inspected_on is None or not r.ok:
        return None
    if method is not None and method not in INSPECTION_METHODS:
        r.warn(f"检查方式取值无效：{method}（允许：{_allowed(INSPECTION_METHODS)}），已按原值导入")
    public_from, public_until = publicity_rated.inspection_window(inspected_on)
    values.update(inspected_on=inspected_on, public_from=public_from, public_until=public_until)
    key = (str(values["authority_uscc"]), str(values["doc_key"]), subject.ident)
    row = ParsedRow(r.line_no, key, subject, values, inspected_on)
    row.hold = publicity_more.organisations_only_hold(subject.kind)
    return row
