"""Demo rows of 信用评价结果 (纳税, 海关, 环保, 公共信用综合评价) and 检查结果 (双随机抽查 …), data-standard §11, §14.

Pure generators like the other demo kinds (deterministic in seed and as-of date); `write_rated` writes the import
files that portal/demo/load.py imports through the real importer. Ratings come in yearly series for one subject and
scheme, so that newer ratings supersede older ones as they do in real data.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from random import Random

from portal.demo.subjects import PER, Subject
from portal.demo.world import Dept, World
from portal.importers.formats_rated import INSPECTION_COLUMNS, RATING_COLUMNS

SHARE_RATINGS = 0.06  # of the demo's record count, on top of it
SHARE_INSPECTIONS = 0.10
_OFFSETS = {"rating": 4_000, "inspection": 5_000}

# scheme -> (department key, grades with weights for well-behaved / rule-breaking subjects, basis, month of rating)
_SCHEMES: dict[str, tuple[str, tuple[tuple[str, int, int], ...], str, int]] = {
    "纳税信用": ("tax", (("A", 30, 5), ("B", 50, 35), ("M", 15, 20), ("C", 4, 25), ("D", 1, 15)),
                 "《纳税信用管理办法》（国家税务总局公告2014年第40号）", 4),
    "海关信用": ("customs", (("高级认证企业", 12, 1), ("常规企业", 86, 80), ("失信企业", 2, 15),
                             ("严重失信企业", 0, 4)),
                 "《中华人民共和国海关注册登记和备案企业信用管理办法》", 0),
    "环保信用": ("sthj", (("绿", 25, 5), ("蓝", 55, 40), ("黄", 15, 30), ("红", 5, 20), ("黑", 0, 5)),
                 "《江临市企业环境信用评价办法（试行）》", 6),
    "公共信用综合评价": ("fgw", (("A", 35, 5), ("B", 55, 45), ("C", 9, 35), ("D", 1, 15)),
                         "《江临市公共信用综合评价办法》", 3),
}  # fmt: skip
_SCHEME_WEIGHTS = (("纳税信用", 45), ("公共信用综合评价", 25), ("环保信用", 18), ("海关信用", 12))
_SCORES = {"A": (90, 100), "B": (70, 90), "C": (40, 70), "D": (0, 40)}


def _weighted(rnd: Callable[[], float], pairs: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in pairs)
    r = rnd() * total
    for value, weight in pairs:
        r -= weight
        if r < 0:
            return value
    return pairs[-1][0]


def _rated_subject(world: World, rnd: Callable[[], float], scheme: str) -> Subject:
    """Organisations, and for tax also 个体工商户 with a USCC (ratings of natural persons are not imported)."""
    for _ in range(8):
        group = 1 if scheme == "纳税信用" and rnd() < 0.25 else 0
        subj = world.pick(rnd, group, 1 if rnd() < 0.3 else 0)
        if subj.group != PER and subj.cols[2]:
            return subj
    return world.pick(rnd, 0)


def rating_rows(world: World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    as_of = world.cal.as_of
    used: set[tuple[str, int, str]] = set()
    made = 0
    while made < count:
        scheme = _weighted(rnd, _SCHEME_WEIGHTS)
        key, grades, basis, month = _SCHEMES[scheme]
        subj = _rated_subject(world, rnd, scheme)
        dept = world.city[key]  # ratings are published by the city's department (纳税信用: 江临市税务局)
        pairs = tuple((g, bad if subj.bad else good) for g, good, bad in grades)
        for back in range(1 + int(rnd() * 3), 0, -1):  # a series of yearly ratings, oldest first
            if made >= count:
                break
            row = _rating(world, rnd, scheme, subj, dept, _weighted(rnd, pairs), basis, month, as_of.year - back)
            ident = (scheme, subj.uid, row["评价年度"] or row["评价日期"])
            if row["评价日期"] > as_of.isoformat() or ident in used:
                continue
            used.add(ident)
            made += 1
            yield row


def _rating(world: World, rnd: Callable[[], float], scheme: str, subj: Subject, dept: Dept, grade: str,
            basis: str, month: int, year: int) -> dict[str, str]:  # fmt: skip
    if month:  # an annual rating of `year`, published the next spring or summer
        day = date(year + 1, month, 5 + int(rnd() * 20))
        year_text = str(year)
    else:  # customs ratings change at any time
        day = world.cal.dates[world.cal.draw(rnd)]
        year_text = ""
    low_high = _SCORES.get(grade) if scheme in ("纳税信用", "公共信用综合评价") else None
    score = f"{low_high[0] + rnd() * (low_high[1] - low_high[0]):.1f}" if low_high else ""
    if scheme == "公共信用综合评价" and score:
        score = f"{float(score) * 10:.0f}"  # out of 1000
    cols = subj.cols
    openness = "政务共享" if scheme == "公共信用综合评价" and rnd() < 0.1 else "社会公开"
    return dict(zip(RATING_COLUMNS, (
        scheme, cols[0], cols[1], cols[2], grade.lower() if rnd() < 0.02 else grade, score, year_text,
        day.isoformat(), "", dept.name, dept.uscc, basis, openness, dept.name, dept.uscc, "", "",
    ), strict=True))  # fmt: skip


# 检查类别 -> the departments that run it; what each department inspects.
_INSPECTIONS = {
    "双随机抽查": ("scjg", "scjg", "scjg", "sthj", "yjgl", "wjw", "tax"),
    "重点检查": ("yjgl", "xf", "sthj"),
    "专项检查": ("scjg", "jtys", "zjj"),
    "日常检查": ("scjg", "wjw", "cgzf"),
}
_MATTERS = {
    "scjg": ("营业执照（登记证）规范使用情况", "年度报告公示信息", "食品经营许可情况及从业人员健康证明",
             "产品质量及标签标识", "价格公示及明码标价"),
    "sthj": ("排污许可证执行情况", "重点排污单位在线监测", "危险废物规范化管理"),
    "yjgl": ("安全生产责任制落实情况", "危险化学品储存安全"),
    "xf": ("消防设施器材配置及维护", "疏散通道和安全出口"),
    "wjw": ("公共场所卫生", "生活饮用水卫生", "医疗机构依法执业"),
    "tax": ("发票使用管理", "纳税申报情况"),
    "jtys": ("道路运输车辆动态监控", "客运企业安全管理"),
    "zjj": ("建筑施工扬尘治理", "施工现场安全生产"),
    "cgzf": ("门前三包责任落实", "户外广告设置"),
}  # fmt: skip
_TYPE_WEIGHTS = (("双随机抽查", 60), ("日常检查", 20), ("专项检查", 12), ("重点检查", 8))
_RESULTS = (("未发现问题", 80, 45), ("责令改正", 12, 30), ("行政指导", 6, 10), ("行政处罚", 1, 12),
            ("行政强制", 0, 2), ("其他", 1, 1))  # fmt: skip
_CONCLUSIONS = {
    "未发现问题": ("未发现问题。", ""),
    "责令改正": ("发现{m}存在问题，已当场责令改正。", "责令于15日内改正，复查合格。"),
    "行政指导": ("{m}基本符合要求，存在轻微瑕疵，已进行行政指导。", "发放行政指导书。"),
    "行政处罚": ("发现{m}存在违法行为，已立案调查。", "依法作出行政处罚决定。"),
    "行政强制": ("发现{m}存在重大隐患，依法采取行政强制措施。", "查封相关设施，整改后解除。"),
    "其他": ("{m}检查中，经营者不在场，已告知后续安排。", "另行安排检查。"),
}
_METHODS = ("实地检查", "实地检查", "实地检查", "书面检查", "网络监测", "检验检测")


def inspection_rows(world: World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    for _ in range(count):
        check_type = _weighted(rnd, _TYPE_WEIGHTS)
        keys = _INSPECTIONS[check_type]
        r = rnd()
        group = 0 if r < 0.7 else 1 if r < 0.96 else 2  # a few natural persons: government-only by rule
        subj = world.pick(rnd, group)
        key = keys[int(rnd() * len(keys))]
        dept = world.dept(key, subj, rnd)
        matter = _MATTERS[key][int(rnd() * len(_MATTERS[key]))]
        day = cal.draw(rnd)
        year = cal.dates[day].year
        result = _weighted(rnd, tuple((v, bad if subj.bad else good) for v, good, bad in _RESULTS))
        conclusion, follow_up = _CONCLUSIONS[result]
        task = f"{year}年{dept.name}“双随机、一公开”{matter}抽查" if check_type == "双随机抽查" else ""
        code = f"{[v for v, *_ in _RESULTS].index(result) + 1:02d}"
        yield dict(zip(INSPECTION_COLUMNS, (
            *subj.cols, world.doc_no(dept.abbr + "检", year, rnd), task, check_type, matter,
            _METHODS[int(rnd() * len(_METHODS))], cal.iso[day], code if rnd() < 0.05 else result,
            conclusion.format(m=matter), follow_up, dept.name, dept.uscc, dept.name, dept.uscc, "",
        ), strict=True))  # fmt: skip


def rated_counts(records: int) -> tuple[int, int]:
    """(ratings, inspections) of a demo of `records` rows."""
    return round(records * SHARE_RATINGS), round(records * SHARE_INSPECTIONS)


def write_kind_csv(path: Path, kind: str, count: int, *, seed: int, as_of: date, pool_size: int = 0) -> None:
    """Write `count` demo rows of rating|inspection as an import file; `pool_size`: the records the subject pool
    is sized for (the demo's total, so the companies are those of the other kinds)."""
    rows, columns = (rating_rows, RATING_COLUMNS) if kind == "rating" else (inspection_rows, INSPECTION_COLUMNS)
    world = World(seed, as_of, max(pool_size or count, 60))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(row.values() for row in rows(world, Random(seed + _OFFSETS[kind]), count))


def write_rated(folder: Path, records: int, *, seed: int, as_of: date) -> list[tuple[str, Path]]:
    """Write the rating and inspection import files of a demo of `records` rows; (kind, path) to import."""
    written = []
    for kind, count in zip(("rating", "inspection"), rated_counts(records), strict=True):
        path = folder / f"demo-{kind}.csv"
        write_kind_csv(path, kind, count, seed=seed, as_of=as_of, pool_size=records)
        written.append((kind, path))
    return written
