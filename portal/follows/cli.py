"""`flask --app wsgi follow-digest [--date YYYY-MM-DD]`: the daily digest e-mails of followed subjects."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from portal import clock


@click.command("follow-digest")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="the day to report on (default: today in China)")  # fmt: skip
@with_appcontext
def follow_digest_command(day: datetime | None) -> None:
    """Send one digest e-mail per subscriber listing the changes of the subjects they follow."""
    from portal.extensions import db
    from portal.follows import digest, mail
    from portal.notify import get_notifier

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    summary = digest.run(
        db.session,
        today=day.date() if day else clock.today(),
        now=clock.now(),
        secret=str(app.config["SECRET_KEY"]),
        send=mail.digest_sender(app, get_notifier()),
    )
    click.echo(summary.line)
