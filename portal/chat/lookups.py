"""What the chat may say about subjects, records and lists: read only through the public services and presenters,
so nothing that is not public today (轻微 penalties, removed or expired entries, unmasked IDs) can reach a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from portal import kinds
from portal.domain.kinds import RecordKind, SubjectKind
from portal.domain.publicity import Severity, repair_possible_from
from portal.domain.text import doc_no_key
from portal.models import ListType, Subject
from portal.public import catalogue, records
from portal.public.catalogue import ListTypeInfo, MeasureRow
from portal.public.presenters import ListEntryDetail, PenaltyDetail, PermitDetail, PublicRecord
from portal.public.records import Profile
from portal.visibility import public_on
from search.contract import Query, SearchBackend

MAX_CANDIDATES = 5
_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|分公司|公司|集团|合作社|餐饮店|饭店|商行|经营部|门市部"
    r"|店|厂|中心|医院|学校|事务所|协会)"
)
ORG_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()]{2,40}?" + _SUFFIX)
_NOISE = re.compile(
    r"请问|请|帮我|帮忙|麻烦|给我|我想|我要|想|查一下|查一哈|查查|查下|查询|查|搜索一下|搜索|搜下|搜|看看|看下|看一下|"
    r"了解一下|了解|一下|这家|这个|那家|企业名称是|公司名称是|名称是|名称|叫做|叫|是不是|有没有|有无|是否|"
    r"行政处罚|处罚|许可|失信|拿过|得过|获得|受过|啥|奖项|奖|代履行|划拨存款|划拨|存款|拆除|或者|信用承诺|承诺|违诺|荣誉|表彰|奖励|行政强制|强制|查封|扣押|评价|等级|评级|信用|记录|信息|情况|名单|黑名单|红名单|怎么样|如何|吗|呢|吧|的|了|被|过|公示|违法|"
    r"企业|公司|一家|单位|市场主体|主体|那几家|这几家|几家|那些|这些|全部|所有|都|\s|[，。！？?!,.:：、“”\"'（）()]"
)
# Colloquial and English names of catalogue lists, tried before the generic lists below.
LIST_ALIASES = (
    ("老赖", "失信被执行人"),
    ("judgment debtor", "失信被执行人"),
    ("tax violation", "重大税收违法案件当事人"),
    ("tax evasion", "重大税收违法案件当事人"),
    ("a-level taxpayer", "纳税信用A级纳税人"),
    ("grade a taxpayer", "纳税信用A级纳税人"),
    ("abnormal operation", "企业经营异常名录"),
    ("environmental", "环境违法“黑名单”"),
    ("work safety", "安全生产领域联合惩戒对象"),
    ("unpaid wages", "拖欠工资“黑名单”"),
    ("wage arrears", "拖欠工资“黑名单”"),
    ("government procurement", "政府采购领域严重违法失信主体"),
    ("customs", "海关失信企业"),
)
GENERIC_LISTS = (
    ("红名单", "诚信典型红名单（通用）"),
    ("守信", "诚信典型红名单（通用）"),
    ("重点关注", "重点关注对象名单（通用）"),
    ("黑名单", "严重失信主体名单（通用）"),
    ("严重失信", "严重失信主体名单（通用）"),
    ("失信", "严重失信主体名单（通用）"),
    ("惩戒", "严重失信主体名单（通用）"),
    ("激励", "诚信典型红名单（通用）"),
    ("异常名录", "企业经营异常名录"),
    ("blacklist", "严重失信主体名单（通用）"),
    ("serious dishonesty", "严重失信主体名单（通用）"),
    ("watch list", "重点关注对象名单（通用）"),
    ("red list", "诚信典型红名单（通用）"),
)


_LEAD = re.compile(
    r"^(?:请问|请|帮我|帮忙|麻烦|给我|我想|我要|想|要|瞅瞅|瞅一下|瞧瞧|瞧一下|查一下|查一哈|查查|查下|查询|查|搜索一下|搜索|搜下|搜|看看|看下|看一下|"
    r"了解一下|了解|一下|这家|那家|企业名称是|公司名称是|名称是)+"
)


def extract_name(message: str) -> str | None:
    """The organisation name a message mentions: 'xx有限公司' when spelled out, else what is left after noise words."""
    stripped = re.sub(
        r"^(请问|请|帮我|帮忙|麻烦)?(查一下|查一哈|查查|查下|查询|查|搜索一下|搜下|看看|看下|瞅瞅|瞅一下|瞧瞧)?",
        "",
        message,
    )
    found = ORG_RE.findall(stripped)
    if found:
        name = _LEAD.sub("", max(found, key=len))
        return name if len(_NOISE.sub("", name)) >= 2 else None
    rest = _NOISE.sub(" ", message).split()
    rest = [r for r in rest if len(r) >= 2]
    return max(rest, key=len) if rest else None


# Where words that introduce a name end ("我们准备跟|株洲…公司", "我想知道|…", "楼下那个|…店").
_CUT_AFTER = re.compile(r"跟|和|与|同|对|把|给|向|在|是|叫|那个|这个|那家|这家|知道|了解|关于|问问|问下|说说")
_SUFFIX_AT_END = re.compile(_SUFFIX + "$")
_POINTING = re.compile(r"那家|这家|那个|这个")
_BARE_COMPANY = re.compile(r"(?<!有限)(?<!有限责任)(?<!分)公司$")
MAX_NAME_CANDIDATES = 4


def name_candidates(message: str) -> list[str]:
    """The extracted name, then shorter readings of it with leading words cut off (tried when the first finds
    nothing): "我们准备跟株洲示例食品有限公司" → also "株洲示例食品有限公司"."""
    name = extract_name(message)
    if not name:
        return []
    out = [name]
    if ORG_RE.fullmatch(name):
        for cut in _CUT_AFTER.finditer(name):
            rest = name[cut.end() :]
            core = _SUFFIX_AT_END.sub("", rest)  # at least 4 characters before 有限公司/店…: no "居有限公司"
            if len(core) >= 4 and ORG_RE.fullmatch(rest) and rest not in out:
                out.append(rest)
    # "示例燃气公司" for 株洲示例燃气有限公司: a bare 公司 is how people shorten a name, so the name without it is
    # tried last (a full legal form such as 有限公司 is kept whole)
    bare = _POINTING.sub("", out[-1])  # "示例食品那家公司" → "示例食品公司"
    core = _BARE_COMPANY.sub("", bare)
    if core != bare and len(core) >= 4 and core not in out:
        out = out[: MAX_NAME_CANDIDATES - 1] + [core]
    return out[:MAX_NAME_CANDIDATES]


@dataclass(frozen=True, slots=True)
class Found:
    profile: Profile
    url: str


def _from_index(session: Session, today: date, backend: SearchBackend, name: str) -> list[Found] | None:
    """Subjects found by the search backend (fast at scale); None when the index cannot answer."""
    try:
        page = backend.search(Query(text=name, type="subject", per_page=MAX_CANDIDATES * 2), today=today)
    except Exception:  # noqa: BLE001 - a broken index must not break the chat; the SQL path answers instead
        return None
    if page.degraded:
        return None
    out = []
    for hit in page.hits:
        kind, _sep, public_id = hit.key.partition(":")
        profile = records.profile_by_public_id(session, today, public_id) if kind == "subject" else None
        if profile is not None and profile.subject.kind != SubjectKind.NATURAL_PERSON.value:
            out.append(Found(profile, subject_url(profile)))
    exact = [f for f in out if f.profile.subject.name == name]
    return (exact or out)[:MAX_CANDIDATES]  # [] = the index answered: no public subject has this name


def find_subjects(session: Session, today: date, name: str, backend: SearchBackend | None = None) -> list[Found]:
    """Organisations and businesses (never natural persons: no name oracle) with a public profile today.

    The search backend answers first; a name substring query on the database is the fallback.
    """
    if backend is not None:
        found = _from_index(session, today, backend, name)
        if found is not None:
            return found
    like = "%" + name.replace("\\", "").replace("%", "").replace("_", "") + "%"
    query = (
        sa.select(Subject.public_id)
        .where(Subject.name.like(like), Subject.kind != SubjectKind.NATURAL_PERSON)
        .order_by(sa.func.length(Subject.name), Subject.id)
        .limit(MAX_CANDIDATES * 4)
    )
    out = []
    for public_id in session.scalars(query):
        profile = records.profile_by_public_id(session, today, public_id)
        if profile is not None:
            out.append(Found(profile, subject_url(profile)))
        if len(out) >= MAX_CANDIDATES:
            break
    return out


def find_by_uscc(session: Session, today: date, uscc: str) -> Found | None:
    profile = records.profile_by_uscc(session, today, uscc)
    return Found(profile, subject_url(profile)) if profile else None


def subject_url(profile: Profile) -> str:
    s = profile.subject
    return (
        f"/subjects/{s.uscc}" if s.uscc and s.kind != SubjectKind.NATURAL_PERSON.value else f"/subjects/p/{s.public_id}"
    )


Detail = PenaltyDetail | PermitDetail | ListEntryDetail
_DETAILED = (RecordKind.PENALTY, RecordKind.PERMIT, RecordKind.LIST_ENTRY)


def _variants(doc_no: str) -> set[str]:
    """The 文号 as matched and with leading words cut off ("解释一下株市监罚〔2026〕15号"), in both bracket styles."""
    key = re.sub(r"\s+", "", doc_no)
    key = re.sub(r"[\[［(（【]", "〔", key, count=1)
    key = re.sub(r"[\]］)）】]", "〕", key, count=1)
    head, _, tail = key.partition("〔")
    out = set()
    for i in range(len(head)):
        out.update({head[i:] + "〔" + tail, head[i:] + "[" + tail.replace("〕", "]", 1)})
    return out


def find_record(session: Session, today: date, doc_no: str) -> Detail | PublicRecord | None:
    """The public record with this 文号, kinds in registry order: the detail of a penalty, permit or list entry (the
    chat explains those field by field), the public presentation of any other kind; None when none is public."""
    keys = sorted({doc_no_key(v) for v in _variants(doc_no)})
    for spec in kinds.specs():
        model = spec.model
        # Two indexed steps: by the normalised 文号 key, then the publicity filter on those ids (in one query
        # SQLite may prefer the status index and scan a million rows).
        candidates = session.scalars(sa.select(model.id).where(model.doc_key.in_(keys)).limit(50)).all()
        if not candidates:
            continue
        ids = session.scalars(
            sa.select(model.id).where(model.id.in_(candidates), public_on(model, today)).order_by(model.id).limit(1)
        ).all()
        if not ids:
            continue
        if spec.kind in _DETAILED:
            return records.detail(session, today, spec.kind, ids[0])  # type: ignore[no-any-return]
        row = session.execute(
            sa.select(model, Subject).join(Subject, Subject.id == model.subject_id).where(model.id == ids[0])
        ).first()
        return spec.present(*row) if row else None
    return None


def repair_from(detail: PenaltyDetail) -> date | None:
    try:
        severity = Severity(detail.severity)
    except ValueError:
        return None
    return repair_possible_from(detail.decided_on, severity)


def _compact(text: str) -> str:
    return re.sub(r"[“”\"（）()\s]", "", text)


def find_list_type(session: Session, message: str) -> ListTypeInfo | None:
    """The catalogue list named in the message (longest match, then bigram overlap), else a generic list."""
    text = _compact(message)
    types = session.scalars(sa.select(ListType).where(ListType.is_active.is_(True)).order_by(ListType.id)).all()
    best, best_score = None, 0.0
    for t in types:
        name = _compact(t.name)
        if name in text:
            score = 10.0 + len(name)
        else:
            grams = {name[i : i + 2] for i in range(len(name) - 1)}
            hits = sum(1 for g in grams if g in text)
            score = hits / max(len(grams), 1) if hits >= 3 else 0.0
        if score > best_score:
            best, best_score = t, score
    if best is None or best_score < 0.5:
        lowered = message.lower()
        pairs = LIST_ALIASES + GENERIC_LISTS
        wanted = next((name for word, name in pairs if word in text or word in lowered), None)
        best = next((t for t in types if t.name == wanted), None) if wanted else None
    return catalogue.list_type(session, best.id) if best is not None else None


def measures(session: Session, info: ListTypeInfo) -> list[MeasureRow]:
    own, generic = catalogue.measures_for(session, info)
    return own + generic
