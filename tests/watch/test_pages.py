"""/watch pages: who may use them, department scope, and every form with missing, malformed, oversized, hostile and
duplicate input (DOMAIN §21)."""

from __future__ import annotations

import gc
import io
import re
from collections.abc import Iterator

import openpyxl
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import WatchEntry, WatchHit, WatchList
from portal.watch import routes
from tests.conftest import post_form
from tests.enterprise.helpers import make_account, signed_in
from tests.submissions.fixtures import EMAILS, OTHER_VERIFIER, staff_client
from tests.watch.conftest import (
    BLACKLISTED,
    CITY_DEPT,
    MARKET_DEPT,
    PENALISED,
    REDLISTED,
    make_list,
    page,
    run_job,
)


def english(client: FlaskClient) -> FlaskClient:
    client.set_cookie("locale", "en")
    return client


def _ids(site: Flask) -> dict[str, int]:
    watch = make_list(MARKET_DEPT, [BLACKLISTED, PENALISED])
    run_job(site)
    hit = db.session.scalar(sa.select(WatchHit.id).where(WatchHit.department_uscc == MARKET_DEPT))
    entry = db.session.scalar(sa.select(WatchEntry.id).where(WatchEntry.list_id == watch.id))
    return {"list": watch.id, "hit": int(hit or 0), "entry": int(entry or 0)}


READ = ["/watch/", "/watch/hits", "/watch/hits?state=overdue", "/watch/stats", "/watch/lists/{list}",
        "/watch/lists/new"]
WRITE = ["/watch/lists/new", "/watch/lists/{list}/add", "/watch/lists/{list}/pick",
         "/watch/lists/{list}/entries/{entry}/remove", "/watch/lists/{list}/delete",
         "/watch/hits/{hit}/feedback"]  # fmt: skip


def test_every_watch_view_names_its_roles() -> None:
    for _rule, endpoint, view, _methods in routes.URLS:
        assert getattr(view, "required_roles", None), endpoint


@pytest.mark.usefixtures("departments")
def test_every_watch_route_checks_the_role(site: Flask, staff: dict[Role, int]) -> None:
    ids = _ids(site)
    make_account("boss@example.com")
    calls = [("get", u.format(**ids)) for u in READ] + [("post", u.format(**ids)) for u in WRITE]
    nobody = {"anonymous": site.test_client()}
    refused = {"enterprise": signed_in(site, "boss@example.com"), "verifier": staff_client(site, OTHER_VERIFIER)}
    readers = {role: staff_client(site, role) for role in (Role.INTAKE, Role.REVIEWER, Role.ADMIN)}
    department = staff_client(site, EMAILS[Role.DEPARTMENT])
    site.config["WTF_CSRF_ENABLED"] = False  # roles only here: CSRF would answer 400 before the role check
    for method, url in calls:
        response = getattr(nobody["anonymous"], method)(url)
        assert response.status_code == 302, url
        assert "/accounts/login" in response.headers["Location"], url
        for who, client in refused.items():
            assert getattr(client, method)(url).status_code == 403, (who, method, url)
        for role, client in readers.items():  # the 信用办 reads everything, it does not act in a department's name
            expected = 403 if method == "post" or url.endswith("/new") else 200
            assert getattr(client, method)(url).status_code == expected, (role, method, url)
        if method == "get":
            assert department.get(url).status_code == 200, url


def test_a_department_sees_only_its_own_lists_and_hits(site: Flask, dept: FlaskClient, other_dept: FlaskClient) -> None:
    ids = _ids(site)
    theirs = make_list(CITY_DEPT, [REDLISTED], name="城管重点对象")
    assert "城管重点对象" not in page(dept, "/watch/")
    assert "重点食品企业" in page(dept, "/watch/")
    assert "重点食品企业" not in page(other_dept, "/watch/")
    assert other_dept.get(f"/watch/lists/{ids['list']}").status_code == 404
    assert dept.get(f"/watch/lists/{theirs.id}").status_code == 404
    assert BLACKLISTED in page(dept, "/watch/hits")
    assert BLACKLISTED not in page(other_dept, "/watch/hits")
    body = {"batch": REDLISTED}
    assert post_form(other_dept, "/watch/", body, f"/watch/lists/{ids['list']}/add").status_code == 404
    assert post_form(other_dept, "/watch/", {"feedback": "x"}, f"/watch/hits/{ids['hit']}/feedback").status_code == 404
    assert post_form(other_dept, "/watch/", {}, f"/watch/lists/{ids['list']}/delete").status_code == 404
    stats = page(other_dept, "/watch/stats")
    assert "株洲市市场监督管理局" not in stats
    assert MARKET_DEPT not in stats


def _create(client: FlaskClient, **data: object) -> tuple[int, str]:
    response = post_form(english(client), "/watch/lists/new", data, content_type="multipart/form-data")
    return response.status_code, (page(client, response.headers["Location"]) if response.status_code == 302
                                  else response.get_data(as_text=True))  # fmt: skip


def test_a_list_from_pasted_codes_reports_invalid_duplicate_and_check_warnings(dept: FlaskClient) -> None:
    status, html = _create(dept, name="重点食品企业",
                           batch=f"{BLACKLISTED}\n{BLACKLISTED}\nnot-a-code\n91430200MA4L0A1B7A")  # fmt: skip
    assert status == 302
    assert "2 subjects added, 0 already on the list." in html
    assert "1 entries are not valid codes and were skipped (lines 3)." in html
    assert "1 codes were given more than once and added once." in html
    assert "1 codes have a wrong check character" in html
    assert BLACKLISTED in html


def _csv(text: str, encoding: str = "utf-8") -> tuple[io.BytesIO, str]:
    return io.BytesIO(text.encode(encoding)), "名单.csv"


def test_a_list_from_a_gb18030_csv_and_an_xlsx_file(dept: FlaskClient) -> None:
    text = f"企业名称,统一社会信用代码\n甲公司,{BLACKLISTED}\n乙公司,{PENALISED}\n"
    status, html = _create(dept, name="从文件导入", upload=_csv(text, "gb18030"))
    assert status == 302
    assert "2 subjects added" in html
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码"])
    sheet.append([REDLISTED])
    sheet.append([BLACKLISTED])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    status, html = _create(dept, name="表格导入", upload=(data, "list.xlsx"))
    assert status == 302
    assert "2 subjects added" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 101}, "Field cannot be longer than 100 characters."),
        ({"name": "名单", "batch": BLACKLISTED, "upload": (io.BytesIO(b"x"), "a.csv")}, "not both"),
        ({"name": "名单", "batch": "<script>alert(1)</script>"}, "No valid unified social credit code was given."),
        ({"name": "名单", "upload": (io.BytesIO(b"\x00\x01\x02binary"), "a.csv")}, "The file cannot be read"),
        ({"name": "名单", "upload": (io.BytesIO(b"PK\x03\x04broken"), "a.xlsx")}, "The file cannot be read"),
        ({"name": "名单", "upload": _csv("\n".join(["91430200MA4L0A1B7K"] * 5002))}, "more than 5000 rows"),
        ({"name": "名单", "batch": "x" * (128 * 1024 + 1)}, "Field cannot be longer than"),
    ],
)
def test_bad_new_list_input_is_refused_with_a_clear_message(dept: FlaskClient, data: dict[str, object],
                                                            message: str) -> None:  # fmt: skip
    status, html = _create(dept, **data)
    assert status == 400
    assert message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WatchList)) == 0  # nothing half-made


@pytest.fixture
def _big_bodies() -> Iterator[None]:
    """Werkzeug's test client spools bodies over 500 KB to a temporary file it never closes; collect it here."""
    yield
    gc.collect()


@pytest.mark.usefixtures("_big_bodies")
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # the test client's own spooled body, see _big_bodies
def test_a_file_over_1_mb_is_refused(dept: FlaskClient) -> None:
    status, html = _create(dept, name="名单", upload=(io.BytesIO(b"9" * (1024 * 1024 + 1)), "a.csv"))
    assert status == 400
    assert "The file is larger than 1 MB." in html


def test_a_duplicate_list_name_and_a_hostile_name(dept: FlaskClient) -> None:
    assert _create(dept, name="重点食品企业")[0] == 302
    status, html = _create(dept, name="重点食品企业")
    assert status == 400
    assert "Your department already has a watch list of this name." in html
    status, html = _create(dept, name="<img src=x onerror=alert(1)>")
    assert status == 302
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_too_many_subjects_are_refused_as_a_whole(dept: FlaskClient) -> None:
    from portal.domain import screening

    watch = make_list(MARKET_DEPT, [])
    watch.entries = screening.MAX_ENTRIES
    db.session.commit()
    response = post_form(english(dept), f"/watch/lists/{watch.id}", {"batch": BLACKLISTED},
                         f"/watch/lists/{watch.id}/add", follow_redirects=True)  # fmt: skip
    assert "A watch list holds at most 5000 subjects." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(WatchEntry)) == 0


def test_pick_a_subject_from_the_search_and_remove_it(dept: FlaskClient) -> None:
    watch = make_list(MARKET_DEPT, [])
    html = page(english(dept), f"/watch/lists/{watch.id}?q=株洲示例食品")
    assert PENALISED in html
    assert "No organisation matches." in page(dept, f"/watch/lists/{watch.id}?q=王小明")  # no natural persons
    added = post_form(dept, f"/watch/lists/{watch.id}", {"uscc": PENALISED}, f"/watch/lists/{watch.id}/pick",
                      follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "1 subjects added, 0 already on the list." in added
    again = post_form(dept, f"/watch/lists/{watch.id}", {"uscc": PENALISED}, f"/watch/lists/{watch.id}/pick",
                      follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "0 subjects added, 1 already on the list." in again
    hostile = post_form(dept, f"/watch/lists/{watch.id}", {"uscc": "'; DROP TABLE x;--"},
                        f"/watch/lists/{watch.id}/pick", follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "Field cannot be longer than 18 characters." in hostile or "No valid unified social" in hostile
    entry_id = db.session.scalar(sa.select(WatchEntry.id).where(WatchEntry.list_id == watch.id))
    removed = post_form(dept, f"/watch/lists/{watch.id}", {}, f"/watch/lists/{watch.id}/entries/{entry_id}/remove",
                        follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "The subject was removed from the watch list." in removed
    assert post_form(dept, f"/watch/lists/{watch.id}", {}, f"/watch/lists/{watch.id}/entries/999/remove"
                     ).status_code == 404  # fmt: skip


def test_deleting_a_list_keeps_its_hits(site: Flask, dept: FlaskClient) -> None:
    ids = _ids(site)
    done = post_form(english(dept), f"/watch/lists/{ids['list']}", {}, f"/watch/lists/{ids['list']}/delete",
                     follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "The watch list was deleted. Hits already found are kept." in done
    assert BLACKLISTED in page(dept, "/watch/hits")


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "This field is required."), ("   ", "This field is required."),
     ("x" * 2001, "Field cannot be longer than 2000 characters.")],  # fmt: skip
)
def test_bad_feedback_is_refused(site: Flask, dept: FlaskClient, text: str, message: str) -> None:
    ids = _ids(site)
    html = post_form(english(dept), "/watch/hits", {"feedback": text}, f"/watch/hits/{ids['hit']}/feedback",
                     follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert message in html
    assert db.session.get(WatchHit, ids["hit"]).feedback is None  # type: ignore[union-attr]


def test_feedback_is_recorded_escaped_and_counted(site: Flask, dept: FlaskClient, admin: FlaskClient) -> None:
    ids = _ids(site)
    text = "已责令整改 <script>alert(1)</script>"
    html = post_form(english(dept), "/watch/hits", {"feedback": text}, f"/watch/hits/{ids['hit']}/feedback",
                     follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "The feedback was recorded." in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    stats = page(english(admin), "/watch/stats")
    row = re.search(r"<tr><th scope=\"row\">[^<]*</th>(.*?)</tr>", stats)
    assert row is not None
    assert re.findall(r"<td>(\d+)</td>", row.group(1))[:2] == [str(_hit_count(MARKET_DEPT)), "1"]
    assert "(1/1)" not in page(dept, "/watch/hits?state=answered")
    assert "已责令整改" in page(dept, "/watch/hits?state=answered")
    assert "已责令整改" not in page(dept, "/watch/hits?state=open")


def _hit_count(department: str) -> int:
    return int(db.session.scalar(sa.select(sa.func.count()).select_from(WatchHit)
                                 .where(WatchHit.department_uscc == department)) or 0)  # fmt: skip


def test_the_pages_are_in_chinese_by_default(dept: FlaskClient) -> None:
    assert "重点监管" in page(dept, "/watch/") or "监管名单" in page(dept, "/watch/")


def test_adding_nothing_says_so(dept: FlaskClient) -> None:
    watch = make_list(MARKET_DEPT, [])
    html = post_form(english(dept), f"/watch/lists/{watch.id}", {"batch": ""}, f"/watch/lists/{watch.id}/add",
                     content_type="multipart/form-data", follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "No valid unified social credit code was given." in html


def test_the_hits_page_names_the_department_and_links_the_subjects_interviews(site: Flask, admin: FlaskClient) -> None:
    _ids(site)
    html = page(english(admin), "/watch/hits")
    assert "株洲市市场监督管理局" in html
    assert f'href="/interviews/?uscc={BLACKLISTED}"' in html
