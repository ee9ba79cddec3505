"""Certificate numbers of permits, and of licences named in penalties."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from portal.demo.subjects import Subject
from portal.demo.vocab.common import CITY_CODE, DISTRICTS, PROVINCE_ABBR
from portal.domain.dates import add_months


def _seq(rnd: Callable[[], float], digits: int) -> str:
    return f"{int(rnd() * 10**digits):0{digits}d}"


def certificate_number(kind: str, subj: Subject, d: date, rnd: Callable[[], float]) -> str:
    division = DISTRICTS[subj.dist][2]
    y = d.year
    if kind == "jy":
        return f"JY{1 + int(rnd() * 2)}{division}{_seq(rnd, 6)}{int(rnd() * 10)}"
    if kind == "sc":
        return f"SC{(101, 106, 110, 111, 103)[int(rnd() * 5)]}{division}{_seq(rnd, 5)}"
    if kind == "drug":
        return f"{PROVINCE_ABBR}{('AA', 'CB', 'DA', 'DB')[int(rnd() * 4)]}{division[2:]}{_seq(rnd, 4)}"
    if kind == "device":
        return f"{PROVINCE_ABBR}江药监械经营许{y}{_seq(rnd, 4)}号"
    if kind.startswith("equip"):  # equip梯 / equip容 …: the register's code of the equipment kind
        return f"{kind[5:] or '梯'}11{PROVINCE_ABBR}P{_seq(rnd, 5)}({y % 100:02d})"
    if kind == "uscc":
        return subj.cols[2] or subj.cols[3]
    if kind == "pw":
        base = subj.cols[2] or f"{division}{_seq(rnd, 12)}"
        return f"{base}00{1 + int(rnd() * 3)}{('P', 'Q', 'U', 'V', 'W', 'X')[int(rnd() * 6)]}"
    if kind == "sg":
        return f"{division}{d:%Y%m%d}{_seq(rnd, 2)}01"
    if kind == "zz":
        return f"D3{division}{_seq(rnd, 3)}"
    if kind == "road":
        return f"{PROVINCE_ABBR}交运管许可江字{division}{_seq(rnd, 6)}号"
    if kind == "zg":
        return f"ZG{CITY_CODE}{y}{_seq(rnd, 6)}"
    if kind in ("whj", "yh", "aq"):
        safety = {"construction": "JZ安许证字", "mining": "FM安许证字"}.get(subj.tag, "WH安许证字")
        word = {"whj": "危化经字", "yh": "YH经许证字", "aq": safety}[kind]
        return f"（{PROVINCE_ABBR}江）{word}〔{y}〕{_seq(rnd, 6)}"
    if kind == "gcws":
        return f"{PROVINCE_ABBR}卫公证字〔{y}〕第{division}{_seq(rnd, 6)}号"
    if kind == "ck":
        return f"C{division}{y}{_seq(rnd, 11)}"
    if kind in ("gh", "xc"):
        return f"{'建字' if kind == 'gh' else '乡字'}第{division}{y}{_seq(rnd, 5)}号"
    if kind == "yc":
        return f"{division}{_seq(rnd, 6)}"
    if kind == "lx":
        return f"L-HUN-{_seq(rnd, 5)}"
    return f"{division}{y}{_seq(rnd, 6)}"


_LICENCE_NUMBERS = {"食品经营许可证": "jy", "药品经营许可证": "drug", "营业执照": "uscc", "旅行社业务经营许可证": "lx",
                    "建筑业企业资质证书": "zz", "安全生产许可证": "aq"}


def licence_number(licence: str, subj: Subject, d: date, rnd: Callable[[], float]) -> str:
    kind = _LICENCE_NUMBERS.get(licence, "")
    if kind == "uscc" and not (subj.cols[2] or subj.cols[3]):
        kind = ""
    return certificate_number(kind, subj, add_months(d, -24), rnd)
