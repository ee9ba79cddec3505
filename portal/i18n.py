"""Locale selection (cookie, then Accept-Language, then zh_CN) and translated labels of domain codes."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from portal.domain.kinds import RecordKind

LOCALE_COOKIE = "locale"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in languages:
        return str(chosen)
    best = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    if best == "en":
        return "en"
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


SEVERITY_LABELS = {"minor": _l("Minor"), "general": _l("General"), "serious": _l("Serious")}
CATEGORY_LABELS = {
    "redlist": _l("Red list"),
    "blacklist": _l("Serious dishonesty list"),
    "watchlist": _l("Key attention list"),
}
STATUS_LABELS = {
    "published": _l("Published"),
    "under_objection": _l("Objection under review"),
    "not_public": _l("Not public"),
    "withdrawn": _l("Withdrawn"),
    "repaired": _l("Repaired"),
}
STATUS_LABELS["expired"] = _l("Expired")  # computed, never stored; listed so every status has a badge text
SUBJECT_KIND_LABELS = {
    "legal": _l("Legal person or other organisation"),
    "individual_business": _l("Individual business"),
    "natural_person": _l("Natural person"),
}
PERMIT_STATE_LABELS = {"1": _l("Valid"), "2": _l("Invalid")}
# 处罚类别 (行政处罚法 Art. 9) and 许可类别: data values stay Chinese in the data, the interface shows these.
PUNISHMENT_TYPE_LABELS = {
    "警告": _l("Warning"),
    "通报批评": _l("Circulated criticism"),
    "罚款": _l("Fine"),
    "没收违法所得": _l("Confiscation of illegal gains"),
    "没收非法财物": _l("Confiscation of illegal property"),
    "暂扣许可证件": _l("Suspension of permit"),
    "降低资质等级": _l("Lowering of qualification grade"),
    "吊销许可证件": _l("Revocation of permit"),
    "限制开展生产经营活动": _l("Restriction of production and business activities"),
    "责令停产停业": _l("Order to suspend production or business"),
    "责令关闭": _l("Order to close"),
    "限制从业": _l("Restriction of practice"),
    "行政拘留": _l("Administrative detention"),
    "其他": _l("Other"),
}
PERMIT_CATEGORY_LABELS = {
    "普通": _l("Ordinary"),
    "特许": _l("Franchise"),
    "认可": _l("Recognition"),
    "核准": _l("Approval"),
    "登记": _l("Registration"),
    "其他": _l("Other"),
}
CODE_LABELS = {
    "reg_no": _l("Business registration number"),
    "org_code": _l("Organisation code"),
    "tax_no": _l("Tax registration number"),
    "institution_no": _l("Public institution certificate number"),
    "social_org_no": _l("Social organisation registration number"),
}
# Record kinds (portal/kinds.py): the heading of each kind's section, and the name of one record.
RECORD_KIND_LABELS = {
    RecordKind.PENALTY: _l("Administrative penalties"),
    RecordKind.PERMIT: _l("Administrative permits"),
    RecordKind.LIST_ENTRY: _l("Credit list entries"),
}
RECORD_KIND_SINGULAR_LABELS = {
    RecordKind.PENALTY: _l("Administrative penalty"),
    RecordKind.PERMIT: _l("Administrative permit"),
    RecordKind.LIST_ENTRY: _l("Credit list entry"),
}
