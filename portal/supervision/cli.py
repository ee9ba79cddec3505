"""`flask grade --day YYYY-MM-DD`: grade every organisation and 个体工商户 and store the day's distribution."""

from __future__ import annotations

import sys
import time

import click
from flask.cli import with_appcontext

from portal import clock


@click.command("grade")
@click.option("--day", default=None, help="the day to grade as of, YYYY-MM-DD (default: today in China)")
@with_appcontext
def grade_command(day: str | None) -> None:
    """Grade every subject as of a day (rule set in force) and store the grade counts per department and area."""
    from portal.domain.dates import parse_date
    from portal.domain.errors import DomainError
    from portal.extensions import db
    from portal.supervision.stats import take_snapshot

    try:
        when = parse_date(day) if day else clock.today()
    except DomainError:
        when = None
    if when is None:
        click.echo(f"grade: not a date: {day!r} (use YYYY-MM-DD)", err=True)
        sys.exit(2)
    started = time.perf_counter()
    snapshot = take_snapshot(db.session, when, now=clock.now())
    click.echo(f"graded={snapshot.subjects} day={when.isoformat()} rules=v{snapshot.rule_set_version} "
               f"seconds={time.perf_counter() - started:.1f}")  # fmt: skip
