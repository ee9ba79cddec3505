"""Shared facts of the data-standard examples and helpers of the public-site tests."""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa

from portal.extensions import db
from portal.models import ListEntry, ListType, Penalty, Permit, Subject

PERSON_ID = "430202198503121235"  # 王小明, 自然人
LEGAL_REP_ID = "430202199001014565"  # 张三, 法定代表人 of 株洲示例食品有限公司
MINOR_PENALTY_NO = "荷市监简罚〔2026〕7号"  # 轻微: never public (DOMAIN §5.2)
REMOVED_SUBJECT = "株洲示例商贸有限公司"  # its only list entry was removed on 2026-09-01 (DOMAIN §5.5)
FOOD_USCC = "91430200MA4L0A1B7K"  # 株洲示例食品有限公司
SERIOUS_NO = "株市监罚〔2026〕15号"  # 严重, 2026-03-10, 株洲市市场监督管理局
PERSON_NO = "株城管罚〔2026〕3号"  # 一般, 2026-05-05, 王小明
MARKET_DEPT = "11430200006123458Y"  # 株洲市市场监督管理局
CITY_DEPT = "11430200006123490A"  # 株洲市城市管理和综合执法局


def flat(text: str) -> str:
    """Full-width digits folded and separators removed, to catch an ID number in any spelling."""
    return re.sub(r"[\s\-_.,*·/|<>\"'=:;]+", "", unicodedata.normalize("NFKC", text))


def assert_no_id_numbers(text: str) -> None:
    folded = flat(text)
    for number in (PERSON_ID, LEGAL_REP_ID):
        assert number not in folded
        assert number[6:14] not in folded  # not even the birth date part


def penalty_id(decision_no: str) -> int:
    return int(db.session.scalar(sa.select(Penalty.id).where(Penalty.decision_no == decision_no)))


def permit_id(doc_no: str) -> int:
    return int(db.session.scalar(sa.select(Permit.id).where(Permit.doc_no == doc_no)))


def entry_id(list_name: str) -> int:
    return int(db.session.scalar(sa.select(ListEntry.id).where(ListEntry.list_name == list_name)))


def list_type_id(name: str) -> int:
    return int(db.session.scalar(sa.select(ListType.id).where(ListType.name == name)))


def subject(name: str) -> Subject:
    found = db.session.scalar(sa.select(Subject).where(Subject.name == name))
    assert found is not None
    return found


def rows_of(html: str) -> list[str]:
    """The <tbody> rows of the first record table, as HTML snippets."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [r for r in body.split("<tr>")[1:]]
