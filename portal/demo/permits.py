"""Permit rows: permit templates fitted to subjects, issuers, certificate numbers and validity."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from random import Random
from typing import Any

from portal.demo.certificates import certificate_number
from portal.demo.headers import PERMIT_HEADER
from portal.demo.quirks import FULL_WIDTH, fmt_date, messy
from portal.demo.subjects import ENT, Subject, fitting_templates
from portal.demo.text_fill import FillContext, fill, placeholders
from portal.demo.vocab.permit import INVALID_REMARKS, PERMITS, PERMITS_DECISION_TITLE
from portal.demo.world import LONG_TERM, World


class _PermitTemplate:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.__dict__.update(spec)
        self.tags = frozenset(spec["tags"])
        self.fields = tuple(placeholders(text) for text in spec["contents"])


@cache
def _permit_templates() -> tuple[_PermitTemplate, ...]:
    return tuple(_PermitTemplate(spec) for spec in PERMITS)


_EQUIPMENT_CODES = (("电梯", "梯"), ("压力容器", "容"), ("叉车", "车"), ("起重", "起"))
# Departments whose permits the 行政审批服务局 issues in some cases (相对集中行政许可).
_DELEGATED = frozenset({"scjg", "zjj", "jtys", "wjw", "rsj", "nyj", "wlj", "sthj"})


def permit_rows(world: World, rng: Random, count: int) -> Iterator[dict[str, str]]:
    rnd = rng.random
    cal = world.cal
    as_of = cal.as_of
    templates = _permit_templates()
    cache: dict[tuple[str, str], tuple[Any, ...]] = {}
    ctx = FillContext(cal, rnd)
    header = PERMIT_HEADER
    for _ in range(count):
        g = rnd()
        subj = world.pick(rnd, 0 if g < 0.6 else 1 if g < 0.85 else 2)
        key = (subj.group, subj.tag)
        choices = cache.get(key)
        if choices is None:
            choices = cache[key] = fitting_templates(templates, subj) or fitting_templates(
                templates, Subject(0, ENT, "trade", "", 0, False, ()))
        tpl = choices[int(rnd() * len(choices))]
        day = cal.draw(rnd)
        d = cal.dates[day]
        ctx.day, ctx.subj, ctx.vals = day, subj, {}
        k = int(rnd() * len(tpl.contents))
        content = fill(tpl.contents[k], tpl.fields[k], ctx)
        # registrations are made where the business is registered: the district office
        dept = world.local["scjg", subj.dist] if tpl.category == "登记" and tpl.dept == "scjg" \
            else world.dept(tpl.dept, subj, rnd)
        issuer = world.city["spj"] if tpl.dept in _DELEGATED and dept.key != "scjg" and rnd() < 0.2 else dept
        if issuer is dept and dept.key == "scjg" and dept is world.city["scjg"] and rnd() < 0.15:
            issuer = world.city["spj"]
        doc = world.doc_no(issuer.abbr + tpl.doc, d.year, rnd)
        title = PERMITS_DECISION_TITLE if tpl.category != "登记" and rnd() < 0.1 else tpl.title
        kind = tpl.number
        if kind == "equip":
            kind += next((code for word, code in _EQUIPMENT_CODES if word in content), "梯")
        number = certificate_number(kind, subj, d, rnd) if kind else ""
        first = day if rnd() < 0.85 else min(cal.last, day + 1 + int(rnd() * 5))  # valid from
        start = cal.dates[first]
        months = tpl.months[int(rnd() * len(tpl.months))]
        style, wide = messy(rnd())
        if months == 0:
            end, end_text = None, "长期" if rnd() < 0.3 else LONG_TERM
        else:
            end, end_text = cal.until(first, months)
            if style:
                end_text = fmt_date(end, style)
        remark = ""
        if end is not None and end < as_of:
            state, remark = "2", "有效期届满未延续" if rnd() < 0.9 else "有效期届满，依法注销"
        elif rnd() < 0.06 and start < as_of:
            state = "2"
            off = start + timedelta(days=1 + int(rnd() * (as_of - start).days))
            remark = f"{off.isoformat()}{INVALID_REMARKS[int(rnd() * len(INVALID_REMARKS))]}"
        else:
            state = "1"
            if rnd() < 0.03:
                remark = "延续许可" if tpl.category != "登记" else "变更登记"
        source = world.city["scjg"] if issuer.key == "scjg" and issuer is not world.city["scjg"] and rnd() < 0.2 \
            else issuer
        cols = subj.cols
        yield dict(zip(header, (
            cols[0], cols[1], cols[2].translate(FULL_WIDTH) if wide else cols[2], *cols[3:],
            title, doc, tpl.category, tpl.cert, number, content,
            fmt_date(d, style) if style else cal.iso[day], fmt_date(start, style) if style else cal.iso[first],
            end_text,
            issuer.name, issuer.uscc, state, source.name, source.uscc, remark,
        ), strict=True))
