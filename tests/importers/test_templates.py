"""Import templates: the standard header and one example row that imports as it stands (issue 22)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient, FlaskCliRunner
from openpyxl import load_workbook

from portal import kinds
from portal.domain.roles import Role
from portal.extensions import db
from portal.importers.run import import_file
from tests.conftest import TODAY, AuthActions

pytestmark = pytest.mark.usefixtures("app")


@pytest.mark.parametrize("kind", ["penalty", "permit", "list", "rating", "inspection"])
def test_the_template_has_the_header_and_an_example_row_that_imports(
    runner: FlaskCliRunner, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / f"{kind}-template.xlsx"
    result = runner.invoke(args=["import-template", "--kind", kind, "--out", str(out)])
    assert result.exit_code == 0, result.output
    fmt = kinds.spec(kind).import_format
    book = load_workbook(out, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == list(fmt.columns)
    assert len(rows) == 2
    notes = {row[0]: row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True) if row}
    assert {c for c, required in notes.items() if required == "是"} == set(fmt.mandatory)
    book.close()
    imported = import_file(db.session, out, kind, today=TODAY)
    assert imported.summary == "imported=1 updated=0 rejected=0"


def test_staff_download_the_templates_from_the_exports_page(auth: AuthActions) -> None:
    staff = auth.staff(Role.REVIEWER)
    page = staff.get("/review/exports").get_data(as_text=True)
    assert "/review/import-templates/permit.xlsx" in page
    response = staff.get("/review/import-templates/permit.xlsx")
    assert response.status_code == 200
    assert "import-template-permit.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert list(header) == list(kinds.spec("permit").import_format.columns)
    book.close()


def test_the_templates_are_for_staff_only(client: FlaskClient) -> None:
    response = client.get("/review/import-templates/permit.xlsx")
    assert response.status_code in (302, 401, 403)
    assert not response.data.startswith(b"PK")
