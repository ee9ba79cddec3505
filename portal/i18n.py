"""Locale selection (cookie, then Accept-Language, then zh_CN) and translated labels of domain codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, has_app_context, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.domain.interviews import CorrectionState, InterviewKind
from portal.domain.kinds import ListCategory, PermitState, RecordKind, SubjectKind
from portal.domain.paging import Badge
from portal.domain.publicity import PublicState, RecordStatus, Severity
from portal.domain.roles import Role
from portal.domain.screening import FeedbackState, HitSource
from portal.domain.states import SubmissionKind, SubmissionStatus

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


# Labels of the domain's enums, defined once and keyed by the enum (a StrEnum member and its value look up the same
# entry, so templates may index them with plain strings). tests/test_labels.py checks that every member has one.
SEVERITY_LABELS = {Severity.MINOR: _l("Minor"), Severity.GENERAL: _l("General"), Severity.SERIOUS: _l("Serious")}
CATEGORY_LABELS = {  # list categories (ListCategory)
    ListCategory.REDLIST: _l("Red list"),
    ListCategory.BLACKLIST: _l("Serious dishonesty list"),
    ListCategory.WATCHLIST: _l("Key attention list"),
}
# The status of a published record as pages, reports, exports and the chat show it. The last two are computed from
# the publicity window (portal.domain.publicity.public_state), never stored on the record; "not_yet_public" is how
# portal.reports.content.display_status (and so every stored report) names PublicState.NOT_YET.
RECORD_STATUS_LABELS = {
    RecordStatus.PUBLISHED: _l("Published"),
    RecordStatus.UNDER_OBJECTION: _l("Objection under review"),
    RecordStatus.NOT_PUBLIC: _l("Not public"),
    RecordStatus.WITHDRAWN: _l("Withdrawn"),
    RecordStatus.REPAIRED: _l("Repaired"),
    PublicState.EXPIRED: _l("Publicity period ended"),
    "not_yet_public": _l("Not yet public"),
}
SUBJECT_KIND_LABELS = {
    SubjectKind.LEGAL: _l("Legal person or other organisation"),
    SubjectKind.INDIVIDUAL_BUSINESS: _l("Individual business"),
    SubjectKind.NATURAL_PERSON: _l("Natural person"),
}
PERMIT_STATE_LABELS = {PermitState.VALID: _l("Valid"), PermitState.INVALID: _l("Invalid")}
# Submissions (异议, 投诉举报, 信用修复): their kind and where they stand (portal/domain/states.py).
SUBMISSION_KIND_LABELS = {
    SubmissionKind.OBJECTION: _l("Credit objection"),
    SubmissionKind.COMPLAINT: _l("Complaint or report"),
    SubmissionKind.REPAIR: _l("Credit repair application"),
}
SUBMISSION_STATUS_LABELS = {
    SubmissionStatus.SUBMITTED: _l("Submitted"),
    SubmissionStatus.ACCEPTED: _l("Accepted"),
    SubmissionStatus.REJECTED_INTAKE: _l("Not accepted"),
    SubmissionStatus.VERIFYING: _l("Under verification"),
    SubmissionStatus.CLOSED: _l("Closed"),
}
ROLE_LABELS = {
    Role.INTAKE: _l("Intake officer"),
    Role.VERIFIER: _l("Verifier"),
    Role.REVIEWER: _l("Reviewer"),
    Role.ADMIN: _l("Administrator"),
    Role.DEPARTMENT: _l("Department user"),
}
# Consultation tickets of the chat. Keyed by the values of portal.chat.tickets.TicketStatus (importing the chat
# package here would load its routes); tests/test_labels.py checks that they cover the enum.
TICKET_STATUS_LABELS = {
    "open": _l("Waiting"),
    "in_progress": _l("In progress"),
    "answered": _l("Answered"),
    "closed": _l("Ticket closed"),
}
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
    RecordKind.COERCION: _l("Administrative coercion"),
    RecordKind.HONOUR: _l("Honours and rewards"),
    RecordKind.COMMITMENT: _l("Credit commitments"),
    RecordKind.RATING: _l("Credit ratings"),
    RecordKind.INSPECTION: _l("Inspection results"),
}
RECORD_KIND_SINGULAR_LABELS = {
    RecordKind.PENALTY: _l("Administrative penalty"),
    RecordKind.PERMIT: _l("Administrative permit"),
    RecordKind.LIST_ENTRY: _l("Credit list entry"),
    RecordKind.COERCION: _l("Administrative coercion decision"),
    RecordKind.HONOUR: _l("Honour or reward"),
    RecordKind.COMMITMENT: _l("Credit commitment"),
    RecordKind.RATING: _l("Credit rating"),
    RecordKind.INSPECTION: _l("Inspection result"),
}
# 强制类别 (data-standard §12): stored in Chinese, shown in the interface language.
COERCION_CATEGORY_LABELS = {
    "查封场所、设施或者财物": _l("Sealing up of premises, facilities or property"),
    "扣押财物": _l("Seizure of property"),
    "冻结存款、汇款": _l("Freezing of deposits or remittances"),
    "其他行政强制措施": _l("Other coercive measure"),
    "加处罚款或者滞纳金": _l("Additional fine or late payment charge"),
    "划拨存款、汇款": _l("Transfer of deposits or remittances"),
    "拍卖或者依法处理查封、扣押的场所、设施或者财物": _l("Auction or disposal of sealed or seized property"),
    "排除妨碍、恢复原状": _l("Removal of obstruction or restoration"),
    "代履行": _l("Performance by substitute"),
    "其他强制执行方式": _l("Other means of enforcement"),
}
COERCION_STATE_LABELS = {"in_force": _l("In force"), "lifted": _l("Lifted")}
COMMITMENT_TYPE_LABELS = {  # 承诺类型 (data-standard §10)
    "审批替代型": _l("In place of approval"),
    "容缺受理型": _l("Acceptance with missing documents"),
    "证明事项型": _l("In place of a certificate"),
    "信用修复型": _l("For credit repair"),
    "行业自律型": _l("Industry self-discipline"),
    "主动型": _l("Voluntary"),
    "其他": _l("Other"),
}
COMMITMENT_STATE_LABELS = {  # 承诺履行状态
    "履行中": _l("Being fulfilled"),
    "全部履行": _l("Fully fulfilled"),
    "部分履行": _l("Partly fulfilled (breach)"),
    "全部未履行": _l("Not fulfilled (breach)"),
}
HONOUR_LEVEL_LABELS = {  # 荣誉等级 (data-standard §13)
    "国家级": _l("National"),
    "省级": _l("Provincial"),
    "市级": _l("Municipal"),
    "区县级": _l("District or county"),
    "其他": _l("Other"),
}

RATING_SCHEME_LABELS = {  # 评价体系 (data-standard §11)
    "纳税信用": _l("Tax credit"),
    "海关信用": _l("Customs credit"),
    "环保信用": _l("Environmental credit"),
    "公共信用综合评价": _l("Comprehensive public credit rating"),
    "其他行业信用评价": _l("Other sector rating"),
}
INSPECTION_TYPE_LABELS = {  # 检查类别 (data-standard §14)
    "双随机抽查": _l("Random inspection (double random)"),
    "重点检查": _l("Targeted inspection"),
    "专项检查": _l("Special inspection"),
    "日常检查": _l("Routine inspection"),
    "其他": _l("Other"),
}
INSPECTION_RESULT_LABELS = {  # 检查结果类型 (the 01–06 result codes)
    "未发现问题": _l("No problem found"),
    "责令改正": _l("Ordered to correct"),
    "行政指导": _l("Administrative guidance"),
    "行政处罚": _l("Administrative penalty"),
    "行政强制": _l("Administrative coercion"),
    "其他": _l("Other"),
}
# 重点监管对象筛查 and 约谈 (DOMAIN §21)
WATCH_SOURCE_LABELS = {
    HitSource.BLACKLIST: _l("Serious dishonesty list"),
    HitSource.WATCHLIST: _l("Key attention list"),
    HitSource.PENALTY: _l("Administrative penalty"),
    HitSource.COERCION: _l("Administrative coercion"),
}
FEEDBACK_STATE_LABELS = {
    FeedbackState.OPEN: _l("Feedback due"),
    FeedbackState.OVERDUE: _l("Feedback overdue"),
    FeedbackState.DONE: _l("Fed back"),
    FeedbackState.LATE: _l("Fed back late"),
}
INTERVIEW_KIND_LABELS = {InterviewKind.PROMPT: _l("Reminder interview"), InterviewKind.WARNING: _l("Warning interview")}
CORRECTION_STATE_LABELS = {
    CorrectionState.PENDING: _l("Correction pending"),
    CorrectionState.OVERDUE: _l("Correction overdue"),
    CorrectionState.CORRECTED: _l("Corrected"),
    CorrectionState.CORRECTED_LATE: _l("Corrected late"),
}


def labels_in(locale: str, labels: Mapping[Any, Any]) -> dict[str, str]:
    """A label dict rendered as plain text in `locale` (e.g. an export defined as Chinese, whatever the page
    language), keyed by the plain values. Outside an app context Flask-Babel would quietly answer in English."""
    if not has_app_context():
        raise RuntimeError("labels_in needs an application context")
    with force_locale(locale):
        return {str(key): str(value) for key, value in labels.items()}


BADGE_LABELS = {  # subject badges (portal.domain.paging.Badge): search cards and profiles
    Badge.INCENTIVE: _l("Trustworthiness incentive"),
    Badge.PUNISHMENT: _l("Dishonesty punishment"),
    Badge.WATCH: _l("Key attention"),
}
