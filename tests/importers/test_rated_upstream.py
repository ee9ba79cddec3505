"""The upstream export row of a rating or an inspection (data-standard §16) is the standard's row: importing it
again changes nothing."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal import kinds
from portal.extensions import db
from portal.i18n import CATEGORY_LABELS, SEVERITY_LABELS, SUBJECT_KIND_LABELS, labels_in
from portal.importers.run import import_file
from portal.kind_outputs import UpstreamLabels
from portal.models import Subject
from tests.conftest import TODAY
from tests.importers.helpers import example_rows, write_csv

pytestmark = pytest.mark.usefixtures("app")


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


@pytest.mark.parametrize("kind", ["rating", "inspection"])
def test_the_upstream_rows_import_as_unchanged(tmp_path: Path, kind: str) -> None:
    spec = kinds.spec(kind)
    write_csv(tmp_path / "in.csv", kind, example_rows(kind))
    assert import_file(db.session, tmp_path / "in.csv", kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    zh = UpstreamLabels(labels_in("zh_Hans_CN", SUBJECT_KIND_LABELS), labels_in("zh_Hans_CN", SEVERITY_LABELS),
                        labels_in("zh_Hans_CN", CATEGORY_LABELS))  # fmt: skip
    query = sa.select(spec.model, Subject).join(Subject, Subject.id == spec.model.subject_id).order_by(spec.model.id)
    rows = [spec.upstream_row(record, subject, zh) for record, subject in db.session.execute(query)]
    assert all(len(row) == len(spec.import_format.columns) for row in rows)
    with (tmp_path / "upstream.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(spec.import_format.columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    again = import_file(db.session, tmp_path / "upstream.csv", kind, today=TODAY)
    assert again.summary == "imported=0 updated=0 rejected=0"
