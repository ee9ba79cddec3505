"""Rules of the special credit report (专项信用报告, DOMAIN §22; 发改财金〔2025〕565号): areas, purposes, the period,
and what status a record has in the report. Pure: dates and names in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.domain.dates import add_months
from portal.domain.errors import DomainError
from portal.domain.text import nfkc

MAX_YEARS_BACK = 5  # the period starts at most 5 years before the day of issue (DOMAIN §22)
MAX_PURPOSE_NOTE = 200


class Area(StrEnum):
    """领域: the field of the deciding department. Admins map departments to areas; unmapped ones are guessed."""

    MARKET = "market"  # 市场监管
    TAX = "tax"  # 税务
    ENVIRONMENT = "environment"  # 生态环境
    HOUSING = "housing"  # 住房城乡建设
    EMERGENCY = "emergency"  # 应急管理
    LABOUR = "labour"  # 人力资源社会保障
    TRANSPORT = "transport"  # 交通运输
    NATURAL_RESOURCES = "natural_resources"  # 自然资源
    HEALTH = "health"  # 卫生健康
    AGRICULTURE = "agriculture"  # 农业农村
    CULTURE = "culture"  # 文化和旅游
    URBAN = "urban"  # 城市管理
    FIRE = "fire"  # 消防救援
    OTHER = "other"  # 其他


# Name fragments of departments, first match wins (more specific fragments first).
_NAME_HINTS: tuple[tuple[str, Area], ...] = (
    ("市场监督", Area.MARKET), ("市场监管", Area.MARKET), ("工商行政", Area.MARKET), ("药品监督", Area.MARKET),
    ("税务", Area.TAX),
    ("生态环境", Area.ENVIRONMENT), ("环境保护", Area.ENVIRONMENT),
    ("住房和城乡建设", Area.HOUSING), ("住房城乡建设", Area.HOUSING), ("住建", Area.HOUSING),
    ("应急管理", Area.EMERGENCY), ("安全生产监督", Area.EMERGENCY),
    ("人力资源和社会保障", Area.LABOUR), ("人力资源社会保障", Area.LABOUR), ("人社", Area.LABOUR),
    ("交通运输", Area.TRANSPORT),
    ("自然资源", Area.NATURAL_RESOURCES), ("国土资源", Area.NATURAL_RESOURCES),
    ("卫生健康", Area.HEALTH), ("卫生和计划生育", Area.HEALTH),
    ("农业农村", Area.AGRICULTURE),
    ("文化广电", Area.CULTURE), ("文化和旅游", Area.CULTURE), ("文化旅游", Area.CULTURE),
    ("城市管理", Area.URBAN), ("综合执法", Area.URBAN),
    ("消防救援", Area.FIRE),
)  # fmt: skip


class Purpose(StrEnum):
    """用途 of the report (DOMAIN §22)."""

    TENDER = "tender"  # 招投标
    PROCUREMENT = "procurement"  # 政府采购
    AWARD = "award"  # 评优评先
    FINANCING = "financing"  # 融资
    LISTING = "listing"  # 上市
    QUALIFICATION = "qualification"  # 资质认定
    OTHER = "other"  # 其他


class SpecialStatus(StrEnum):
    """A record's status in the report: 公示中, 已修复 (dated), 公示期满, or 未公示 (轻微 ones, never published)."""

    PUBLICISED = "publicised"
    REPAIRED = "repaired"
    EXPIRED = "expired"
    NOT_PUBLICISED = "not_publicised"


class PeriodError(DomainError):
    """The period is not a valid range within the last 5 years (reason: order | future | too_early)."""

    code = "special_period"


def guess_area(department_name: str | None) -> Area:
    """The area a department's name suggests; OTHER when nothing matches."""
    name = nfkc(department_name or "")
    for fragment, area in _NAME_HINTS:
        if fragment in name:
            return area
    return Area.OTHER


def area_of(uscc: str | None, name: str | None, configured: Mapping[str, Area]) -> Area:
    """The configured area of the department with this USCC, else the one its name suggests."""
    if uscc and uscc in configured:
        return configured[uscc]
    return guess_area(name)


def earliest_start(today: date) -> date:
    return add_months(today, -12 * MAX_YEARS_BACK)


def check_period(start: date, end: date, today: date) -> None:
    """Raises PeriodError unless earliest_start(today) <= start <= end <= today."""
    if start > end:
        raise PeriodError("报告期起始日期晚于截止日期", reason="order")
    if end > today:
        raise PeriodError("报告期截止日期不能晚于今天", reason="future")
    if start < earliest_start(today):
        raise PeriodError("报告期最多追溯五年", reason="too_early", earliest=earliest_start(today))


def areas_key(areas: Iterable[Area]) -> str:
    """The chosen areas as one canonical string (sorted, no repeats): the report's identity for the daily limit."""
    return ",".join(sorted({Area(a).value for a in areas}))


@dataclass(frozen=True, slots=True)
class StatusInput:
    """What decides a record's status: its stored status (as text), its window and the repair/removal day."""

    stored: str  # RecordStatus value: published | not_public | under_objection | withdrawn | repaired
    public_until: date | None
    repaired_on: date | None = None  # the day of 准予修复, or a list entry's 移出日期


def special_status(record: StatusInput, today: date) -> SpecialStatus | None:
    """None: the record is left out (撤销 — withdrawn as wrong, it is no record of a violation)."""
    if record.stored == "withdrawn":
        return None
    if record.stored == "repaired" or (record.repaired_on is not None and record.repaired_on <= today):
        return SpecialStatus.REPAIRED
    if record.stored == "not_public":
        return SpecialStatus.NOT_PUBLICISED
    if record.public_until is not None and today > record.public_until:
        return SpecialStatus.EXPIRED
    return SpecialStatus.PUBLICISED
