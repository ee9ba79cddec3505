"""双随机 draws through the /supervision pages: grading on the draw day, reproducible seeded samples, line reports,
exports, no re-runs, and a department seeing only its own draws."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook

from portal.domain.grading import Grade
from portal.domain.sampling import parse_population
from portal.extensions import db
from portal.models import AuditEntry, DrawItem, InspectionDraw
from portal.supervision import draws
from tests.conftest import TODAY, post_form
from tests.factories import MARKET_DEPT
from tests.supervision.conftest import World, code


def new_draw(client: FlaskClient, **data: object) -> tuple[int, str]:
    body = {"task_name": "2026年第四季度食品经营双随机抽查", **data}
    response = post_form(client, "/supervision/draws/new", body, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    draw_id = int(re.search(r"/supervision/draws/(\d+)", response.headers["Location"]).group(1))  # type: ignore[union-attr]
    return draw_id, client.get(f"/supervision/draws/{draw_id}").get_data(as_text=True)


def refused(client: FlaskClient, **data: object) -> str:
    body = {"task_name": "任务", **data}
    response = post_form(client, "/supervision/draws/new", body, content_type="multipart/form-data")
    assert response.status_code == 400
    return response.get_data(as_text=True)


def test_a_draw_grades_the_population_on_the_draw_day_and_draws_per_grade(dept: FlaskClient, world: World) -> None:
    unknown = code(9_001)
    pasted = "\n".join([world.d, world.c, world.a, world.b, world.coerced, world.repaired, unknown])
    draw_id, html = new_draw(dept, population=pasted)
    row = db.session.get(InspectionDraw, draw_id)
    assert (row.department_uscc, row.day, row.population, row.unknown) == (MARKET_DEPT[0], TODAY, 7, 1)
    grades = dict(db.session.execute(sa.select(DrawItem.uscc, DrawItem.grade).where(DrawItem.draw_id == draw_id)).all())
    assert grades == {world.d: Grade.D, world.c: Grade.C, world.a: Grade.A, world.b: Grade.B,
                      world.coerced: Grade.C, world.repaired: Grade.B, unknown: Grade.B}  # fmt: skip
    # default ratios, rounded up: A 5 % of 1 → 1, B 20 % of 3 → 1, C 60 % of 2 → 2, D 100 % of 1 → 1
    assert row.sample == 5
    assert "Yes: the seed gives exactly this sample." in html
    assert row.seed in html
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.target == f"inspection_draw:{draw_id}"))
    assert audit is not None
    assert row.seed in (audit.reason or "")


def test_the_stored_sample_is_what_the_seed_gives_and_the_same_seed_gives_the_same_sample(
    dept: FlaskClient, world: World
) -> None:
    codes = [code(n) for n in range(1, 301)]
    draw_id, _html = new_draw(dept, population="\n".join(codes))
    row = db.session.get(InspectionDraw, draw_id)
    items = draws.items(db.session, row)
    assert draws.reproduce(row, items)
    assert row.sample == 60  # 300 unknown subjects, all B: 20 %
    again = draws.create_draw(db.session, MARKET_DEPT[0], "同一种子复核", parse_population(enumerate(reversed(codes))),
                              actor="t", actor_id=None, day=TODAY, now=row.created_at, seed=row.seed)  # fmt: skip
    first = {i.uscc for i in items if i.rank}
    assert {i.uscc for i in draws.items(db.session, again) if i.rank} == first


def test_a_draw_cannot_be_run_again_under_the_same_task(dept: FlaskClient, world: World) -> None:
    new_draw(dept, population=world.b)
    html = refused(dept, task_name="2026年第四季度食品经营双随机抽查", population=world.c)
    assert "A draw cannot be repeated: name a new task." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(InspectionDraw)) == 1


def test_invalid_lines_are_reported_line_by_line_and_duplicates_dropped(dept: FlaskClient, world: World) -> None:
    pasted = f"统一社会信用代码\n{world.b}\n\n91430200MA4L0A1B7X\n{world.b}\n<script>alert(1)</script>\n{world.c}"
    draw_id, html = new_draw(dept, population=pasted)
    assert db.session.get(InspectionDraw, draw_id).population == 2
    assert draws.problems(db.session.get(InspectionDraw, draw_id)) == [
        (4, "91430200MA4L0A1B7X", "invalid", None), (5, world.b, "duplicate", 2),
        (6, "<script>alert(1)</script>", "invalid", None)]  # fmt: skip
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"task_name": ""}, "This field is required."),
        ({"task_name": "任" * 201}, "Field cannot be longer than 200 characters."),
        ({}, "Paste the USCCs or upload a file (only one of them)."),
        ({"population": "x\ny\n"}, "The population has no valid USCC."),
        ({"population": "\n\n  \n"}, "Paste the USCCs or upload a file (only one of them)."),
        ({"population": "9" * 480_001}, "The pasted text is too long: upload a file instead."),
    ],
)
def test_bad_draw_input_is_refused_with_a_message(dept: FlaskClient, data: dict, message: str) -> None:
    body = {"population": "", **data}
    if "task_name" not in data:
        body["task_name"] = "任务"
    response = post_form(dept, "/supervision/draws/new", body, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(InspectionDraw)) == 0


def _upload(raw: bytes, name: str = "population.csv") -> dict:
    return {"upload": (io.BytesIO(raw), name), "population": ""}


def test_a_gb18030_csv_with_a_header_column_is_read(dept: FlaskClient, world: World) -> None:
    text = f"序号,统一社会信用代码,名称\n1,{world.d},甲\n2,{world.a},乙\n3,坏代码,丙\n"
    draw_id, html = new_draw(dept, **_upload(text.encode("gb18030")))
    row = db.session.get(InspectionDraw, draw_id)
    assert row.population == 2
    assert draws.problems(row) == [(4, "坏代码", "invalid", None)]


def test_an_xlsx_population_is_read(dept: FlaskClient, world: World) -> None:
    book = Workbook()
    sheet = book.active
    for value in (world.d, world.c, world.b):
        sheet.append([value])
    out = io.BytesIO()
    book.save(out)
    draw_id, _html = new_draw(dept, **_upload(out.getvalue(), "名单.xlsx"))
    assert db.session.get(InspectionDraw, draw_id).population == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"PK\x03\x04broken zip", "The population file cannot be read"),
        (b"\x00\x01\x02binary", "The population file cannot be read"),
        (b"", "The population file cannot be read"),
        (b"\xff\xfe\xfa" * 50, "The population file cannot be read"),
    ],
)
def test_bad_files_are_refused(dept: FlaskClient, raw: bytes, message: str) -> None:
    html = refused(dept, **_upload(raw))
    assert message in html


def test_a_file_over_the_limit_is_refused(dept: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is lowered for the test: the test client spools a real 2 MB body to a file it never closes.
    monkeypatch.setattr("portal.supervision.population.MAX_UPLOAD", 1000)
    monkeypatch.setattr("portal.supervision.views_draws.MAX_UPLOAD", 1000)
    html = refused(dept, **_upload(b"9" * 1010))
    assert "The file is larger than 2 MB." in html


def test_paste_and_upload_together_are_refused(dept: FlaskClient, world: World) -> None:
    html = refused(dept, upload=(io.BytesIO(world.b.encode()), "a.csv"), population=world.c)
    assert "Paste the USCCs or upload a file (only one of them)." in html


def test_exports_hold_the_sample_with_seed_and_defused_cells(dept: FlaskClient, world: World) -> None:
    draw_id, _html = new_draw(dept, task_name='=HYPERLINK("x")', population=f"{world.d}\n{world.a}")
    row = db.session.get(InspectionDraw, draw_id)
    response = dept.get(f"/supervision/draws/{draw_id}.csv")
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert lines[0][1] == '\'=HYPERLINK("x")'
    assert row.seed in lines[0]
    assert {line[2] for line in lines[2:]} == {world.d, world.a}
    response = dept.get(f"/supervision/draws/{draw_id}.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert {r[2] for r in sheet.iter_rows(min_row=3, values_only=True)} == {world.d, world.a}


def test_a_department_sees_only_its_own_draws(dept: FlaskClient, other_dept: FlaskClient, admin: FlaskClient,
                                              world: World) -> None:  # fmt: skip
    draw_id, _html = new_draw(dept, population=world.b)
    for suffix in ("", ".csv", ".xlsx"):
        assert other_dept.get(f"/supervision/draws/{draw_id}{suffix}").status_code == 404
        assert admin.get(f"/supervision/draws/{draw_id}{suffix}").status_code == 200
    assert "2026年第四季度" not in other_dept.get("/supervision/draws").get_data(as_text=True)
    assert "2026年第四季度" in dept.get("/supervision/draws").get_data(as_text=True)
    assert "2026年第四季度" in admin.get("/supervision/draws").get_data(as_text=True)
    # the same task name is free for another department
    other_id, _html = new_draw(other_dept, population=world.b)
    assert db.session.get(InspectionDraw, other_id).department_uscc != MARKET_DEPT[0]


def test_a_department_draws_with_its_own_ratios(dept: FlaskClient, world: World) -> None:
    form = {f"{g}_{f}": v for g in "abcd" for f, v in (("ratio", "100"), ("min", "0"), ("frequency", "as_needed"))}
    assert post_form(dept, "/supervision/treatments", form).status_code == 302
    draw_id, _html = new_draw(dept, population="\n".join(code(n) for n in range(1, 11)))
    assert db.session.get(InspectionDraw, draw_id).sample == 10


def test_an_admin_without_a_department_draws_for_the_credit_office(admin: FlaskClient, world: World) -> None:
    draw_id, html = new_draw(admin, population=f"{world.d}\n{world.b}")
    row = db.session.get(InspectionDraw, draw_id)
    assert row.department_uscc == ""
    assert "Credit office" in html
