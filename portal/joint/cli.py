"""`flask joint import-measures FILE`: the measures import from the command line, like `flask import` (CONTRACT.md).

Prints one summary line `imported=N updated=N rejected=N`, writes rejected rows with line and reasons to
FILE.rejects.csv, exits 0 when the file was read and 2 with a one-line error when it cannot be read.
portal/joint/routes.py adds it to the blueprint's command group, which makes it `flask joint …`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from portal import clock
from portal.extensions import db
from portal.joint.measures_import import BadMeasuresFile, import_measures, rejects_csv


@click.command("import-measures")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_measures_command(path: Path) -> None:
    try:
        result = import_measures(db.session, path, actor="cli", now=clock.now())
    except BadMeasuresFile as exc:
        db.session.rollback()
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    rejects = path.with_name(path.name + ".rejects.csv")
    if result.rejects:
        rejects.write_text(rejects_csv(result), encoding="utf-8")
    click.echo(result.summary)
