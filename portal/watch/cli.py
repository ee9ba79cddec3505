"""`flask --app wsgi screen-watchlists [--day YYYY-MM-DD]`: the daily 重点监管对象筛查 (DOMAIN §21).

Prints one line `lists=N subjects=N new_hits=N mailed=N unsent=N`. Running it twice on a day adds no hit and sends
no second e-mail; hits whose e-mail could not be sent are retried by the next run.
"""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import clock


@click.command("screen-watchlists")
@click.option("--day", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="the day to screen on (default: today in China)")  # fmt: skip
@with_appcontext
def screen_watchlists_command(day: datetime | None) -> None:
    """Screen every department's watch lists and e-mail the new hits to the department."""
    from portal.domain.screening import ScreeningRules
    from portal.extensions import db
    from portal.notify import get_notifier
    from portal.watch import mail, screen
    from portal.work_calendar import work_calendar

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    rules = ScreeningRules(
        penalty_years=int(app.config["WATCH_PENALTY_YEARS"]),
        coercion_grace_days=int(app.config["WATCH_COERCION_GRACE_DAYS"]),
    )
    summary = screen.run(
        db.session,
        day=day.date() if day else clock.today(),
        now=clock.now(),
        calendar=work_calendar(db.session),
        send=mail.hits_sender(app, get_notifier()),
        feedback_workdays=int(app.config["WATCH_FEEDBACK_WORKDAYS"]),
        rules=rules,
    )
    click.echo(summary.line)
