"""`sweep-uploads`: finish or remove the .part files that a crash between saving and committing left behind."""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext


@click.command("sweep-uploads")
@click.option("--older-than", default=3600, show_default=True, type=click.IntRange(0), help="seconds")
@with_appcontext
def sweep_uploads_command(older_than: int) -> None:
    """Rename committed attachments' .part files to their final name; delete the others."""
    from portal import file_store
    from portal.extensions import db
    from portal.models import Attachment, BindingDocument, Interview

    # Every row that names a file in UPLOAD_DIR: submissions' attachments, enterprise binding proofs and interview
    # minutes (issue 17); a committed row's .part file is completed, never removed.
    known = db.session.scalars(sa.union(
        sa.select(Attachment.stored_name), sa.select(BindingDocument.stored_name),
        sa.select(Interview.minutes_stored_name),
    ))  # fmt: skip
    result = file_store.sweep(Path(current_app.config["UPLOAD_DIR"]), known, older_than=older_than)
    db.session.rollback()
    click.echo(f"completed={result.completed} removed={result.removed}")
