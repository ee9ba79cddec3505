"""The staff timeliness dashboard (/review/timeliness): the public statistics' numbers with the 迟报率, per role."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import Penalty
from tests.conftest import TODAY, AuthActions, import_examples
from tests.entry.helpers import MARKET, OTHER_DEPARTMENT

URL = "/review/timeliness"
HETANG = "1143020200712345X3"


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    # The serious penalty (decided 2026-03-10, a Tuesday) reached the platform the next day: on time.
    db.session.execute(sa.update(Penalty).where(Penalty.decision_no == "株市监罚〔2026〕15号")
                       .values(created_at=datetime(2026, 3, 11, 2, tzinfo=UTC)))  # fmt: skip
    db.session.commit()
    return app


def _rows(html: str) -> list[str]:
    return [row for row in html.split("<tr>")[2:]]


def test_the_office_sees_every_department_with_its_late_report_rate(examples: Flask, auth: AuthActions) -> None:
    html = auth.staff(Role.INTAKE).get(URL).get_data(as_text=True)
    rows = _rows(html)
    market = next(r for r in rows if MARKET in r)
    # Market: the penalty on time, its permit (decided 2026-01-08, imported today) late: 1 of 2 late, 50.0 %.
    assert "<td>2</td><td>1</td>\n    <td>1</td><td>50.0</td>" in market
    city = next(r for r in rows if OTHER_DEPARTMENT in r)
    assert "<td>100.0</td>" in city
    assert rows.index(city) < rows.index(market)  # the latest reporters first
    assert HETANG in html


def test_a_department_user_sees_its_own_department_only(examples: Flask, auth: AuthActions) -> None:
    html = auth.department(MARKET).get(URL).get_data(as_text=True)
    assert MARKET in html
    assert OTHER_DEPARTMENT not in html
    assert HETANG not in html
    other = auth.department(OTHER_DEPARTMENT).get(URL).get_data(as_text=True)
    assert MARKET not in other
    assert OTHER_DEPARTMENT in other


@pytest.mark.parametrize("year", ["1999", "20266", "abcd", "2099", "２０２６"])
def test_a_malformed_year_is_a_bad_request(examples: Flask, auth: AuthActions, year: str) -> None:
    assert auth.admin().get(f"{URL}?year={year}").status_code == 400


def test_a_year_narrows_the_window(examples: Flask, auth: AuthActions) -> None:
    html = auth.admin().get(f"{URL}?year=2025").get_data(as_text=True)
    assert MARKET not in html
    assert "2025-01-01" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("citizen", 302),
        ("reviewer", 200),
        ("verifier", 200),
        ("intake", 200),
        ("admin", 200),
        ("market", 200),
        ("city", 200),
        ("enterprise", 403),
    ],
)
def test_roles(examples: Flask, auth: AuthActions, who: str, status: int) -> None:
    client = {
        "citizen": auth.citizen, "reviewer": auth.reviewer, "admin": auth.admin,
        "verifier": lambda: auth.staff(Role.VERIFIER, department_uscc=MARKET),
        "intake": lambda: auth.staff(Role.INTAKE), "market": lambda: auth.department(MARKET),
        "city": lambda: auth.department(OTHER_DEPARTMENT), "enterprise": auth.enterprise,
    }[who]()  # fmt: skip
    assert client.get(URL).status_code == status
    if who == "verifier":
        assert OTHER_DEPARTMENT not in client.get(URL).get_data(as_text=True)


def test_the_menu_links_the_new_pages_by_role(examples: Flask, auth: AuthActions) -> None:
    admin = auth.admin().get(URL).get_data(as_text=True)
    assert all(url in admin for url in ("/review/entry", "/review/upstream", URL))
    department = auth.department(MARKET).get(URL).get_data(as_text=True)
    assert "/review/entry" in department
    assert "/review/upstream" not in department
    assert date(2026, 1, 1).year == 2026
