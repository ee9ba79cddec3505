"""`flask --app wsgi export-upstream --kind K [--since last|all|DATE] --out DIR` (data-standard §16)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from portal import clock, kinds


@click.command("export-upstream")
@click.option("--kind", type=click.Choice(kinds.values()), required=True)
@click.option("--since", default="last", show_default=True,
              help="last (where the previous export of the kind ended), all, or a date YYYY-MM-DD")  # fmt: skip
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@with_appcontext
def export_upstream_command(kind: str, since: str, out_dir: Path) -> None:
    """Write the records of KIND changed since the last export as the standard's CSV, plus the manifest line."""
    from portal.extensions import db
    from portal.upstream.export import SinceError, export_kind, parse_since

    try:
        start = parse_since(db.session, kind, since)
    except SinceError:
        click.echo(f"错误：--since 须为 last、all 或日期（YYYY-MM-DD）：{since[:40]}", err=True)
        sys.exit(2)
    try:
        result = export_kind(db.session, kinds.spec(kind), out_dir, start, now=clock.now(), actor="cli")
    except OSError as exc:
        db.session.rollback()
        click.echo(f"错误：无法写入导出目录：{exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"kind={result.kind} rows={result.rows} file={result.path.name} sha256={result.sha256}")
