"""Click commands of CONTRACT.md; each body parses options and calls a service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal import clock, kinds


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the schema (Alembic migrations) and load the reference catalogue."""
    from portal.db_setup import init_db
    from portal.extensions import db

    counts = init_db(db.session, current_app.extensions["migrate"].directory)
    click.echo(f"database ready (list types {counts['list_types']}, measures {counts['measures']})")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(kinds.values()), required=True)
@click.option("--source", "source_label", default=None, help="label of the batch, e.g. the department")
@click.option("--dry-run", is_flag=True, help="read and check every row, write the rejects file, save nothing")
@with_appcontext
def import_command(file: Path, kind: str, source_label: str | None, dry_run: bool) -> None:
    """Import a file of the data-standard format (CSV, XLSX or XLS); --dry-run only checks it."""
    from portal.extensions import db
    from portal.importers.run import ImportFileError, import_file

    if not file.exists():
        click.echo(f"错误：文件不存在：{file}", err=True)
        sys.exit(2)
    # Off a terminal the bar would only print its label, a second line before the one-line error (CONTRACT).
    bar = click.progressbar(length=1, label="导入", file=sys.stderr, show_pos=False, hidden=not sys.stderr.isatty())

    def set_size(size: int) -> None:
        bar.length = max(size, 1)

    try:
        with bar:
            result = import_file(
                db.session,
                file,
                kind,
                today=clock.today(),
                source_label=source_label,
                publish_minor_penalties=bool(current_app.config["PUBLISH_MINOR_PENALTIES"]),
                progress=bar.update,
                on_size=set_size,
                dry_run=dry_run,
            )
    except ImportFileError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    for warning in result.warnings:
        click.echo(warning, err=True)
    if dry_run:
        click.echo(f"试运行：未保存任何数据；被拒行见 {result.rejects_path}", err=True)
    click.echo(result.summary)


@click.command("import-template")
@click.option("--kind", type=click.Choice(kinds.values()), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def import_template_command(kind: str, out: Path) -> None:
    """Write the XLSX import template of a kind: the standard header and one example row (docs/import-guide.md)."""
    from portal.importers.templates import write_template

    write_template(out, kind, kinds.spec(kind).import_format)
    click.echo(f"template written: {out}")


@click.command("demo-data")
@click.option("--records", default=20000, show_default=True, type=click.IntRange(0, 5_000_000))
@click.option("--seed", default=2026, show_default=True, type=int)
@click.option("--as-of", "as_of", default=None, help="anchor date YYYY-MM-DD (default: today in China)")
@click.option("--if-empty", is_flag=True, help="do nothing when the database already holds records")
@with_appcontext
def demo_data_command(records: int, seed: int, as_of: str | None, if_empty: bool) -> None:
    """Generate realistic, deterministic demo data (same seed and as-of date, same data)."""
    from portal.demo.load import has_records, load_demo
    from portal.domain.dates import parse_date
    from portal.extensions import db

    if if_empty and has_records(db.session):
        click.echo("demo data: database already has records, nothing done")
        return
    anchor = parse_date(as_of) if as_of else clock.today()
    assert anchor is not None  # noqa: S101 - parse_date only returns None for blank input
    with click.progressbar(length=records, label="生成演示数据", file=sys.stderr) as bar:
        summary = load_demo(db.session, records=records, seed=seed, as_of=anchor, progress=bar.update)
    click.echo(summary)


@click.group("translate")
def translate_group() -> None:
    """Translation and localisation commands (pybabel)."""


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)  # noqa: S603


@translate_group.command("extract")
def translate_extract() -> None:
    """Extract messages into translations/messages.pot."""
    # Babel skips "_*" directories by default, which would hide templates/_macros/: skip only dot directories.
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--ignore-dirs", ".*", "-o", "translations/messages.pot", ".")


@translate_group.command("update")
def translate_update() -> None:
    """Extract, then update every language's catalogue."""
    translate_extract()
    _pybabel("update", "-i", "translations/messages.pot", "-d", "translations")


@translate_group.command("compile")
def translate_compile() -> None:
    """Compile catalogues into .mo files (build output, not committed)."""
    _pybabel("compile", "-d", "translations")


def register(app: Flask) -> None:
    from portal.accounts.cli import create_user_command
    from portal.follows.cli import follow_digest_command
    from portal.review.calendar_admin import cli as calendar_group
    from portal.search_cli import COMMANDS as SEARCH_COMMANDS
    from portal.submissions.cli import sweep_uploads_command
    from portal.supervision.cli import grade_command
    from portal.upstream.cli import export_upstream_command
    from portal.watch.cli import screen_watchlists_command

    for command in (init_db_command, import_command, import_template_command, demo_data_command, translate_group,
                    create_user_command, sweep_uploads_command, follow_digest_command, calendar_group,
                    export_upstream_command, grade_command, screen_watchlists_command, *SEARCH_COMMANDS):
        app.cli.add_command(command)
