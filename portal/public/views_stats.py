"""/statistics for media: records by month, department, 处罚类别 and list, and 双公示 timeliness per 数据来源单位.

The aggregates come from stats_queries (GROUP BY in SQL, public records only) and are cached per day, data
version and filter, so a request never recomputes them while nothing changed. Each table is built once here and
feeds the SVG chart, the HTML table and the CSV download alike, so the three always show the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import Response, abort, render_template, request
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from portal import clock
from portal.i18n import CATEGORY_LABELS, PUNISHMENT_TYPE_LABELS, RECORD_KIND_LABELS
from portal.public import charts
from portal.public.stats_cache import MIN_YEAR, cached_statistics, stats_cache  # shared with the staff dashboard
from portal.public.stats_queries import Statistics
from portal.tabular import csv_document

TABLES = ("kinds", "months", "departments", "categories", "lists", "timeliness")
CHART_ROWS = 15  # longer tables are charted by their top rows; the table below lists every row
_USCC = re.compile(r"^[0-9A-Z]{18}$")


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str | int | float]]  # label cells are str, numbers int (shares float, in per cent)
    chart: Markup


def _filters(today: date) -> tuple[int | None, str | None]:
    """?year=YYYY&department=<USCC>; anything malformed is a 400 (the form offers only valid values)."""
    raw_year, raw_source = request.args.get("year", ""), request.args.get("department", "")
    if raw_year and not (raw_year.isdigit() and MIN_YEAR <= int(raw_year) <= today.year):
        abort(400)
    if raw_source and not _USCC.match(raw_source):
        abort(400)
    return (int(raw_year) if raw_year else None), (raw_source or None)


def _share(value: float) -> float:
    return round(value, 1)


def build_tables(stats: Statistics) -> list[Table]:
    """The tables in page order; chart, HTML and CSV all come from these rows."""
    kinds = [_("Administrative penalties"), _("Administrative permits"), _("Credit list entries"), _("Total")]
    months = [[m, c.penalties, c.permits, c.lists, c.total] for m, c in stats.months.items()]
    departments = [[name, uscc, c.penalties, c.permits, c.lists, c.total]
                   for uscc, (name, c) in stats.departments.items()]  # fmt: skip
    categories = [[str(PUNISHMENT_TYPE_LABELS.get(code, code)), n] for code, n in stats.categories.items()]
    lists = [[str(CATEGORY_LABELS.get(cat, cat)), name, n] for cat, name, n in stats.lists]
    timely = [[t.name, t.uscc, t.records, t.on_time, _share(t.share)] for t in stats.timeliness.values()]
    by_kind = [[str(RECORD_KIND_LABELS.get(kind, kind)), n] for kind, n in stats.by_kind.items()]

    def bars(rows: list[list[str | int | float]], label: int, value: int, pct: bool = False,
             limit: int | None = CHART_ROWS) -> list[charts.Bar]:
        return [charts.Bar(str(r[label]), float(r[value]), f"{r[value]}%" if pct else format_decimal(r[value]))
                for r in rows[:limit]]  # fmt: skip

    span = _("%(start)s to %(end)s", start=stats.window.start.isoformat(), end=stats.window.end.isoformat())
    top = _("The chart shows the %(n)d largest; the table lists all.", n=CHART_ROWS)
    return [
        Table("kinds", _("Records by kind of information"), [_("Kind of information"), _("Records")], by_kind,
              charts.horizontal_bars("chart-kinds", _("Public records by kind of information"),
                                     _("Records dated %(span)s and public today.", span=span), bars(by_kind, 0, 1))),
        Table("months", _("Records by month"), [_("Month"), *kinds], months, charts.columns(
            "chart-months", _("Public records by month of decision"),
            _("Total public records per month, %(span)s.", span=span), bars(months, 0, 4, limit=None))),
        Table("departments", _("Records by data source department"),
              [_("Data source department"), _("Unified social credit code"), *kinds], departments,
              charts.horizontal_bars("chart-departments", _("Public records by data source department"),
                                     f"{span}. {top}", bars(departments, 0, 5))),
        Table("categories", _("Penalties by type of penalty"), [_("Type of penalty"), _("Penalty decisions")],
              categories, charts.horizontal_bars(
                  "chart-categories", _("Penalty decisions by type of penalty"),
                  _("A decision with several types of penalty counts once under each, %(span)s.", span=span),
                  bars(categories, 0, 1))),
        Table("lists", _("List entries by list"), [_("Category"), _("List name"), _("Entries")], lists,
              charts.horizontal_bars("chart-lists", _("Public list entries by list"), f"{span}. {top}",
                                     bars(lists, 1, 2))),
        Table("timeliness", _("Timeliness of double publicity"),
              [_("Data source department"), _("Unified social credit code"), _("Records"),
               _("Uploaded within 7 working days"), _("Share on time (%)")], timely,
              charts.horizontal_bars(
                  "chart-timeliness", _("Share of records uploaded within 7 working days of the decision"),
                  _("Per data source department, penalties and permits decided %(span)s.", span=span),
                  bars(timely, 0, 4, pct=True), maximum=100.0)),
    ]  # fmt: skip


def statistics():  # type: ignore[no-untyped-def]
    today = clock.today()
    year, source = _filters(today)
    key, stats = cached_statistics(today, year, source)
    everyone = stats if source is None else cached_statistics(today, year, None)[1]
    departments = [(uscc, name) for uscc, (name, _counts) in everyone.departments.items()]

    def tables_html() -> Markup:  # formatting hundreds of numbers costs more than the cached query: keep the HTML
        html = render_template("public/stats_tables.html", tables=build_tables(stats), year=year, source=source)
        return Markup(html)  # noqa: S704 - a rendered (autoescaped) template

    tables = stats_cache().get_or_compute((*key, "html", str(get_locale())), tables_html) if stats.total else None
    return render_template(
        "public/stats.html", stats=stats, tables_html=tables, departments=departments, year=year, source=source,
        years=list(range(today.year, max(MIN_YEAR, today.year - 5) - 1, -1)), today=today,
    )  # fmt: skip


def statistics_csv(table: str):  # type: ignore[no-untyped-def]
    today = clock.today()
    year, source = _filters(today)
    stats = cached_statistics(today, year, source)[1]
    found = next(t for t in build_tables(stats) if t.key == table)  # the URL converter allows only TABLES
    name = f"statistics-{table}-{year or 'last-24-months'}-{today.isoformat()}.csv"
    return Response(csv_document(found.headers, found.rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
