"""Credit reports: public and full versions, access control, HTML and PDF, and the public /verify page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import AuditEntry, CreditReport, Subject
from portal.reports import signing
from tests.conftest import csrf_of
from tests.enterprise.helpers import FOOD, SHOP, SHOP_MINOR_NO, bind, make_account, signed_in
from tests.submissions.fixtures import PERSON_ID, object_to

KEY = "test-secret-key"  # TestConfig.SECRET_KEY signs the reports in tests


def public_id(uscc: str) -> str:
    return str(db.session.scalar(sa.select(Subject.public_id).where(Subject.uscc == uscc)))


def issue_public(client: FlaskClient, uscc: str) -> str:
    page = client.get(f"/reports/new?subject={public_id(uscc)}")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True))
    assert token
    response = client.post("/reports/issue", data={"csrf_token": token.group(1), "subject": public_id(uscc)})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"].rsplit("/", 1)[-1]


def issue_full(client: FlaskClient, binding_id: int) -> str:
    token = csrf_of(client, "/enterprise/")
    response = client.post(f"/enterprise/subjects/{binding_id}/report", data={"csrf_token": token})
    assert response.status_code == 303, response.status_code
    return response.headers["Location"].rsplit("/", 1)[-1]


def stored(report_no: str) -> CreditReport:
    db.session.expire_all()
    return db.session.scalars(sa.select(CreditReport).where(CreditReport.report_no == report_no)).one()


def test_the_subject_page_links_to_the_public_report(site: Flask, client: FlaskClient) -> None:
    html = client.get(f"/subjects/{FOOD}").get_data(as_text=True)
    assert f"/reports/new?subject={public_id(FOOD)}" in html


def test_the_public_report_holds_only_public_records(site: Flask, client: FlaskClient) -> None:
    number = issue_public(client, SHOP)
    html = client.get(f"/reports/{number}").get_data(as_text=True)
    assert number in html
    assert "荷塘区示例餐饮店" in html
    assert "荷市监登〔2026〕311号" in html  # the public permit
    assert SHOP_MINOR_NO not in html  # the minor penalty is not public (DOMAIN §6)
    assert SHOP_MINOR_NO not in stored(number).content
    assert PERSON_ID not in stored(number).content


def test_the_full_report_lists_non_public_records_for_a_bound_account(site: Flask) -> None:
    account = make_account()
    binding = bind(account, SHOP, "荷塘区示例餐饮店")
    company = signed_in(site)
    dashboard = company.get(f"/enterprise/subjects/{binding.id}").get_data(as_text=True)
    assert SHOP_MINOR_NO in dashboard
    assert "不予公示" in dashboard  # zh_CN: the default locale
    number = issue_full(company, binding.id)
    html = company.get(f"/reports/{number}").get_data(as_text=True)
    assert SHOP_MINOR_NO in html
    assert stored(number).version.value == "full"


def test_another_subjects_full_report_is_forbidden_and_logged(site: Flask, client: FlaskClient) -> None:
    owner = make_account("owner@example.com")
    binding = bind(owner, SHOP, "荷塘区示例餐饮店")
    number = issue_full(signed_in(site, "owner@example.com"), binding.id)
    other = make_account("other@example.com")
    other_binding = bind(other, FOOD)
    stranger = signed_in(site, "other@example.com")
    assert stranger.get(f"/reports/{number}").status_code == 403
    assert stranger.get(f"/reports/{number}.pdf").status_code == 403
    assert client.get(f"/reports/{number}").status_code == 403  # anonymous
    token = csrf_of(stranger, "/enterprise/")
    assert stranger.post(f"/enterprise/subjects/{binding.id}/report", data={"csrf_token": token}).status_code == 403
    assert stranger.get(f"/enterprise/subjects/{other_binding.id}").status_code == 200  # its own subject is fine
    denied = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "report_access_denied")).all()
    assert len(denied) == 4
    assert {e.actor for e in denied} == {"other@example.com", "public"}


def test_records_under_objection_are_marked(site: Flask, client: FlaskClient) -> None:
    assert object_to(client).response.status_code == 200  # an open objection to the serious penalty
    number = issue_public(client, FOOD)
    html = client.get(f"/reports/{number}").get_data(as_text=True)
    assert 'class="marked"' in html
    marked = html.split('class="marked"', 1)[1].split("</tr>", 1)[0]
    assert 'class="badge badge-mark">异议办理中</span>' in marked  # zh_CN: the default locale


def verify(client: FlaskClient, number: str, code: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.get("/verify", query_string={"no": number, "code": code, **extra})


def test_verify_confirms_a_genuine_report(site: Flask, client: FlaskClient) -> None:
    number = issue_public(client, FOOD)
    code = signing.verification_code(KEY, number)
    response = verify(client, number, signing.format_code(code).lower())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "verify-genuine" in html
    assert "株洲示例食品有限公司" in html
    digest = stored(number).content_hash
    assert "verify-genuine" in verify(client, number, code, hash=digest).get_data(as_text=True)


@pytest.mark.parametrize("number", ["XYBG-20261123-ABCDEFGH", "XYBG-20261123-<script>", "../../etc/passwd", "' OR 1=1"])
def test_verify_says_unknown_for_a_forged_number(site: Flask, client: FlaskClient, number: str) -> None:
    response = verify(client, number, "ABCDEFGHJKLM")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "verify-unknown" in html
    assert "<script>" not in html


def test_verify_says_unknown_for_a_wrong_code(site: Flask, client: FlaskClient) -> None:
    number = issue_public(client, FOOD)
    assert "verify-unknown" in verify(client, number, "ABCDEFGHJKLM").get_data(as_text=True)


def test_verify_detects_a_changed_hash_or_changed_stored_content(site: Flask, client: FlaskClient) -> None:
    number = issue_public(client, FOOD)
    code = signing.verification_code(KEY, number)
    changed = "0" * 64
    assert "verify-tampered" in verify(client, number, code, hash=changed).get_data(as_text=True)
    assert verify(client, number, code, hash="not-a-hash").status_code == 400
    report = stored(number)
    report.content = report.content.replace("株洲示例食品有限公司", "株洲诚信食品有限公司")
    db.session.commit()
    assert "verify-tampered" in verify(client, number, code).get_data(as_text=True)
    report = stored(number)
    report.content_hash = signing.content_hash(report.content)  # the hash re-computed: the signature still fails
    db.session.commit()
    assert "verify-tampered" in verify(client, number, code).get_data(as_text=True)


def test_unknown_report_pages_and_subjects_are_404(site: Flask, client: FlaskClient) -> None:
    assert client.get("/reports/XYBG-20261123-ABCDEFGH").status_code == 404
    assert client.get("/reports/new?subject=nope").status_code == 404
    assert client.post("/reports/issue", data={"subject": "x"}).status_code == 400  # no CSRF token


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_pdf_embeds_the_font_renders_and_has_extractable_text(site: Flask, client: FlaskClient,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    account = make_account()
    binding = bind(account, FOOD)
    company = signed_in(site)
    number = issue_full(company, binding.id)
    response = company.get(f"/reports/{number}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf_path = tmp_path / f"{number}.pdf"
    pdf_path.write_bytes(response.data)
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    rows = fonts.splitlines()[2:]
    assert rows
    assert any("WenQuanYi" in row or "TrueType" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded (emb column)
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,  # noqa: S603, S607
                          check=True).stdout  # fmt: skip
    assert "株洲示例食品有限公司" in text
    assert number in text
    assert "株市监罚〔2026〕15号" in text
    assert "第1页共" in "".join(text.split())  # the footer; pdftotext may drop the thin spaces between CJK glyphs
    pages = tmp_path / "pages"
    pages.mkdir()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(pages / "page")], check=True)  # noqa: S603, S607
    pngs = sorted(pages.glob("page-*.png"))
    assert pngs
    assert all(p.stat().st_size > 5000 for p in pngs)


def test_the_public_report_of_a_natural_person_is_masked(site: Flask, client: FlaskClient) -> None:
    person = db.session.scalars(sa.select(Subject).where(Subject.name == "王小明")).one()
    page = client.get(f"/reports/new?subject={person.public_id}")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True))
    assert token
    response = client.post("/reports/issue", data={"csrf_token": token.group(1), "subject": person.public_id})
    number = response.headers["Location"].rsplit("/", 1)[-1]
    html = client.get(f"/reports/{number}").get_data(as_text=True)
    assert "王**" in html  # first character + one * per other character (DOMAIN §6)
    assert "王小明" not in html
    assert PERSON_ID not in html
    assert "王小明" not in stored(number).content
