"""Subject columns of the 双公示 (data-standard §3) and list (§6) formats -> SubjectData with its identifier."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.domain import idnumber, text, uscc
from portal.domain.kinds import SUBJECT_KIND_BY_ZH, SubjectKind
from portal.importers.cells import RowReader

CODE_COLUMNS = (
    ("行政相对人代码_2(工商注册号)", "reg_no"),
    ("行政相对人代码_3(组织机构代码)", "org_code"),
    ("行政相对人代码_4(税务登记号)", "tax_no"),
    ("行政相对人代码_5(事业单位证书号)", "institution_no"),
    ("行政相对人代码_6(社会组织登记证号)", "social_org_no"),
)
_KINDS_ALLOWED = "、".join(SUBJECT_KIND_BY_ZH)


@dataclass
class SubjectData:
    kind: SubjectKind
    name: str
    uscc: str | None = None
    codes: dict[str, str] = field(default_factory=dict)  # reg_no, org_code, … -> value
    alt_key: str | None = None  # "C<n>:<value>" or "ID:<type>:<number>"
    id_type: str | None = None
    id_number: str | None = None
    legal_rep: str | None = None
    legal_rep_id_type: str | None = None
    legal_rep_id_number: str | None = None

    @property
    def ident(self) -> str:
        """The subject identifier of data-standard §3, used in natural keys within a file."""
        return f"USCC:{self.uscc}" if self.uscc else str(self.alt_key)

    def values(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "name": self.name,
            "uscc": self.uscc,
            "alt_key": self.alt_key,
            **self.codes,
            "id_type": self.id_type,
            "id_number": self.id_number,
            "legal_rep": self.legal_rep,
            "legal_rep_id_type": self.legal_rep_id_type,
            "legal_rep_id_number": self.legal_rep_id_number,
        }


def _kind(r: RowReader, column: str) -> SubjectKind | None:
    value = r.text(column, required=True)
    if value and value not in SUBJECT_KIND_BY_ZH:
        r.reasons.append(f"{column}取值无效：{value}（允许：{_KINDS_ALLOWED}）")
        return None
    return SUBJECT_KIND_BY_ZH.get(value)


def read_id(r: RowReader, type_col: str, number_col: str, *, required: bool) -> tuple[str, str] | None:
    """证件类型 + 证件号码 (§2). Problems reject when required, warn otherwise. Never echoes the number."""
    problems: list[str] = []
    raw_type = r.text(type_col)
    number = r.code(number_col)
    if not raw_type and not number:
        if required:
            r.reasons.append(f"缺少必填字段：{type_col}、{number_col}")
        return None
    id_type, synonym = idnumber.canonical_id_type(raw_type) if raw_type else (None, False)
    if id_type is None:
        problems.append(f"{type_col}取值无效：{raw_type}（允许：{'、'.join(idnumber.ID_TYPES)}）")
    elif synonym:
        r.warn(f"{type_col}“{raw_type}”已按“{id_type}”处理")
    if not number:
        problems.append(f"缺少必填字段：{number_col}")
    elif "*" in number:  # a published (masked) copy was sent instead of the source data: no rule can check it
        problems.append(f"证件号码已脱敏，无法校验：{number_col}")
    elif id_type in idnumber.CHECKED_ID_TYPES:
        problem = idnumber.id_problem(number, r.today)
        if problem:
            problems.append(f"证件号码无效（{problem}）：{number_col}")
    elif id_type is not None and not idnumber.other_id_ok(number):
        problems.append(f"证件号码无效（格式）：{number_col}")
    if problems:
        (r.reasons if required else r.warnings).extend(problems)
        return None
    return str(id_type), number


def _old_code_warnings(r: RowReader, codes: dict[str, str]) -> None:
    reg, org, tax = codes.get("reg_no"), codes.get("org_code"), codes.get("tax_no")
    if reg and not re.fullmatch(r"\d{13}|\d{15}", reg):
        r.warn("行政相对人代码_2(工商注册号)格式不符（应为13或15位数字）")
    if org and not uscc.is_valid_org_code(org):
        r.warn("行政相对人代码_3(组织机构代码)格式或校验位不符")
    if tax and len(tax) not in (15, 18, 20):
        r.warn("行政相对人代码_4(税务登记号)长度不符（应为15、18或20位）")


def read_record_subject(r: RowReader) -> SubjectData | None:
    """The 13 subject columns of penalty and permit files (data-standard §3)."""
    name = r.text("行政相对人名称", required=True)
    kind = _kind(r, "行政相对人类别")
    code1 = r.uscc("行政相对人代码_1(统一社会信用代码)")
    codes = {attr: r.code(col) for col, attr in CODE_COLUMNS if r.code(col)}
    rep = r.optional("法定代表人")
    rep_id = read_id(r, "法定代表人证件类型", "法定代表人证件号码", required=False)
    if kind is None or not name:
        return None
    data = SubjectData(kind, name, legal_rep=rep)
    if rep_id:
        data.legal_rep_id_type, data.legal_rep_id_number = rep_id
    first_code = next(((f"C{i}", v) for i, (_c, a) in enumerate(CODE_COLUMNS, 2) if (v := codes.get(a))), None)
    if kind is SubjectKind.NATURAL_PERSON:
        if code1 or codes:
            r.warn("自然人的行政相对人代码已忽略")
        person = read_id(r, "证件类型", "证件号码", required=True)
        if person is None:
            return None
        data.id_type, data.id_number = person
        data.alt_key = f"ID:{person[0]}:{person[1]}"
        return data
    data.uscc, data.codes = code1, codes
    _old_code_warnings(r, codes)
    if first_code:
        data.alt_key = f"{first_code[0]}:{first_code[1]}"
    if kind is SubjectKind.LEGAL:
        if not code1 and not codes:
            r.reasons.append("法人及非法人组织须至少填写一个行政相对人代码")
            return None
        if not code1:
            r.warn("未填写统一社会信用代码，已按其他代码识别主体")
        if not rep:
            r.warn("法人及非法人组织未填写法定代表人")
        return data
    # 个体工商户: USCC, another code, or the operator's ID.
    operator = read_id(r, "证件类型", "证件号码", required=not (code1 or codes))
    if operator:
        data.id_type, data.id_number = operator
        data.alt_key = data.alt_key or f"ID:{operator[0]}:{operator[1]}"
    if not (code1 or codes or operator):
        if r.ok:
            r.reasons.append("个体工商户须填写统一社会信用代码、其他代码或经营者证件")
        return None
    return data


def read_list_subject(r: RowReader) -> SubjectData | None:
    """Subject columns of a list file (data-standard §6)."""
    name = r.text("主体名称", required=True)
    kind = _kind(r, "主体类别")
    code = r.uscc("统一社会信用代码")
    rep = r.optional("法定代表人")
    if kind is None or not name:
        return None
    data = SubjectData(kind, name, legal_rep=rep)
    if kind is SubjectKind.NATURAL_PERSON:
        if code:
            r.warn("自然人的统一社会信用代码已忽略")
        person = read_id(r, "证件类型", "证件号码", required=True)
        if person is None:
            return None
        data.id_type, data.id_number = person
        data.alt_key = f"ID:{person[0]}:{person[1]}"
        return data
    data.uscc = code
    if kind is SubjectKind.LEGAL:
        rep_id = read_id(r, "证件类型", "证件号码", required=False)
        if rep_id:
            data.legal_rep_id_type, data.legal_rep_id_number = rep_id
        if not code:
            if r.ok:
                r.reasons.append("法人及非法人组织须填写统一社会信用代码")
            return None
        return data
    operator = read_id(r, "证件类型", "证件号码", required=not code)
    if operator:
        data.id_type, data.id_number = operator
        data.alt_key = f"ID:{operator[0]}:{operator[1]}"
    if not (code or operator):
        return None
    return data


def name_norm(name: str) -> str:
    return text.nfkc(name)
