"""Search result certificates (查询结果证明, issue 19, DOMAIN §24): issued from a results page, re-searched on the
server at that moment, drawn as HTML and PDF from the stored snapshot, and verified on /verify."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from portal.domain.publicity import RecordStatus
from portal.extensions import db, limiter
from portal.models import AuditEntry, Penalty, SearchCertificate
from portal.reports import signing
from tests.api.conftest import indexed  # noqa: F401 - re-exported fixture
from tests.conftest import FreshClient, csrf_of
from tests.submissions.fixtures import PERSON_ID, SERIOUS_NO

KEY = "test-secret-key"  # TestConfig.SECRET_KEY signs reports and certificates in tests
FOOD = "株洲示例食品有限公司"
NOTHING = "未查询到相关记录"


@pytest.fixture
def web(indexed: Flask) -> FlaskClient:  # noqa: F811 - the fixture imported above
    indexed.test_client_class = FreshClient
    limiter.reset()
    return indexed.test_client()


def issue(client: FlaskClient, **args: str) -> str:
    """Issue from the confirmation page the results page links to; the certificate number."""
    token = csrf_of(client, "/search/certificate?" + "&".join(f"{k}={v}" for k, v in args.items()))
    response = client.post("/search/certificate", data={"csrf_token": token, **args})
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    return response.headers["Location"].rsplit("/", 1)[-1]


def stored(number: str) -> SearchCertificate:
    db.session.expire_all()
    return db.session.scalars(sa.select(SearchCertificate).where(SearchCertificate.certificate_no == number)).one()


def pdf_text(client: FlaskClient, number: str, tmp_path: Path) -> str:
    response = client.get(f"/certificates/{number}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    path = tmp_path / f"{number}.pdf"
    path.write_bytes(response.data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:]), fonts  # every font embedded
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,  # noqa: S603, S607
                          check=True).stdout  # fmt: skip
    return "".join(text.split())  # pdftotext may put spaces between CJK glyphs


def verify(client: FlaskClient, number: str, code: str) -> tuple[int, str]:
    response = client.get("/verify", query_string={"no": number, "code": code})
    return response.status_code, response.get_data(as_text=True)


def test_the_results_page_offers_a_certificate_of_that_search(web: FlaskClient) -> None:
    html = web.get("/search", query_string={"q": "株洲示例", "type": "penalty"}).get_data(as_text=True)
    form = html.split('class="certificate-form"', 1)[1].split("</form>", 1)[0]
    assert 'action="/search/certificate"' in form
    assert 'name="q" value="株洲示例"' in form
    assert 'name="type" value="penalty"' in form
    assert "出具本次查询的结果证明（PDF）" in form  # zh_CN: the default locale


def test_a_search_with_results_is_certified_with_its_query_results_and_number(web: FlaskClient,
                                                                            tmp_path: Path) -> None:  # fmt: skip
    number = issue(web, q="株洲示例食品")
    assert signing.REPORT_NO_RE.match(number) is None
    assert re.fullmatch(r"CXZM-\d{8}-[2-9A-HJ-NP-Z]{8}", number)
    page = web.get(f"/certificates/{number}").get_data(as_text=True)
    assert number in page
    assert "株洲示例食品" in page
    assert FOOD in page
    assert SERIOUS_NO in page
    assert NOTHING not in page
    assert signing.format_code(signing.verification_code(KEY, number)) in page
    text = pdf_text(web, number, tmp_path)
    assert number in text
    assert "查询结果证明" in text
    assert "株洲示例食品" in text
    assert FOOD in text
    assert SERIOUS_NO in text
    certificate = stored(number)
    assert certificate.result_count == 3  # as the search page counts (tests/search_ui/test_search_page.py)
    audit = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "issue_search_certificate")).one()
    assert audit.actor == "public"
    assert audit.target == f"certificate:{certificate.id}"


def test_a_search_without_results_is_certified_as_finding_nothing(web: FlaskClient, tmp_path: Path) -> None:
    number = issue(web, q="不存在的公司名称")
    assert NOTHING in web.get(f"/certificates/{number}").get_data(as_text=True)
    text = pdf_text(web, number, tmp_path)
    assert NOTHING in text
    assert "不存在的公司名称" in text
    assert number in text
    assert stored(number).result_count == 0


def test_verify_shows_the_same_snapshot_and_one_answer_for_a_wrong_number_or_code(web: FlaskClient) -> None:
    number = issue(web, q="株洲示例", type="penalty")
    code = signing.verification_code(KEY, number)
    status, html = verify(web, number, signing.format_code(code).lower())
    assert status == 200
    assert "verify-genuine" in html
    for expected in (number, "株洲示例", "行政处罚", SERIOUS_NO, FOOD, stored(number).content_hash):
        assert expected in html
    wrong_code = verify(web, number, "ABCDEFGHJKLM")
    other = "CXZM-" + number[5:13] + "-" + ("ABCDEFGH" if not number.endswith("ABCDEFGH") else "HGFEDCBA")
    wrong_number = verify(web, other, code)

    def answer(page: tuple[int, str]) -> tuple[int, str]:
        return page[0], page[1].split('class="verify-result', 1)[1].split("</div>", 1)[0]

    assert answer(wrong_code) == answer(wrong_number)
    assert wrong_code[0] == 404
    assert "verify-unknown" in wrong_code[1]
    assert SERIOUS_NO not in wrong_code[1]


def test_verify_detects_a_changed_snapshot(web: FlaskClient) -> None:
    number = issue(web, q="株洲示例食品")
    certificate = stored(number)
    certificate.content = certificate.content.replace(SERIOUS_NO, "株市监罚〔2026〕99号")
    db.session.commit()
    status, html = verify(web, number, signing.verification_code(KEY, number))
    assert status == 200
    assert "verify-tampered" in html
    assert "株市监罚〔2026〕99号" not in html


def test_a_record_withdrawn_after_issue_stays_in_that_certificate_but_not_in_a_later_one(
    web: FlaskClient, tmp_path: Path
) -> None:
    before = issue(web, q=SERIOUS_NO)
    assert SERIOUS_NO in stored(before).content
    penalty = db.session.scalars(sa.select(Penalty).where(Penalty.decision_no == SERIOUS_NO)).one()
    penalty.status = RecordStatus.WITHDRAWN  # no outbox row: the index still holds it, the re-check must not
    db.session.commit()
    _status, html = verify(web, before, signing.verification_code(KEY, before))
    assert "verify-genuine" in html
    assert SERIOUS_NO in html.split("certificate-results", 1)[1]  # it certifies that moment
    after = issue(web, q=SERIOUS_NO)
    assert SERIOUS_NO not in stored(after).content.replace(f'"text":"{SERIOUS_NO}"', "")  # only the query itself
    assert stored(after).result_count == 0
    assert NOTHING in pdf_text(web, after, tmp_path)


def test_results_posted_by_the_client_are_ignored(web: FlaskClient) -> None:
    token = csrf_of(web, "/search/certificate?q=不存在的公司名称")
    forged = {"csrf_token": token, "q": "不存在的公司名称", "results": "伪造的清白记录", "total": "0",
              "title": "伪造的清白记录"}  # fmt: skip
    response = web.post("/search/certificate", data=forged)
    assert response.status_code == 303
    number = response.headers["Location"].rsplit("/", 1)[-1]
    assert "伪造" not in stored(number).content


def test_no_non_public_data_or_full_personal_data_is_stored(web: FlaskClient) -> None:
    for q in ("荷市监简罚", "株城管罚", PERSON_ID):
        content = stored(issue(web, q=q)).content
        assert "荷市监简罚〔2026〕7号" not in content  # the minor penalty is not public (DOMAIN §6)
        assert "王小明" not in content
        assert PERSON_ID not in content  # not even the query typed by the searcher
    person = stored(issue(web, q="株城管罚")).content
    assert "王**" in person  # the masked name the public page shows


def test_issuing_is_rate_limited_with_a_translated_429(web: FlaskClient, indexed: Flask) -> None:  # noqa: F811
    indexed.config["RATELIMIT_CERTIFICATE"] = "2 per minute"
    issue(web, q="株洲示例")
    issue(web, q="株洲示例")
    token = csrf_of(web, "/search/certificate?q=株洲示例")
    response = web.post("/search/certificate", data={"csrf_token": token, "q": "株洲示例"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "从您的地址出具的查询结果证明过多，请稍后再试。" in html
    assert "Traceback" not in html
    assert web.get("/search/certificate?q=株洲示例").status_code == 200  # reading the form is not limited
    english = web.post("/search/certificate", data={"csrf_token": token, "q": "株洲示例"},
                       headers={"Accept-Language": "en"})  # fmt: skip
    assert english.status_code == 429
    assert "Too many search result certificates have been issued from your address." in english.get_data(as_text=True)


def test_hostile_query_text_is_escaped_and_an_overlong_one_refused(web: FlaskClient, tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script><b>株洲</b>'
    number = issue(web, q=hostile)
    page = web.get(f"/certificates/{number}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert str(escape(hostile)) in page  # shown as the text typed
    assert "<script>alert" in pdf_text(web, number, tmp_path)  # printed as text, not interpreted
    long = "株" * 10_000
    assert web.get("/search/certificate", query_string={"q": long}).status_code == 414  # the site's URI limit
    assert web.get("/search/certificate", query_string={"q": "株" * 200}).status_code == 400
    token = csrf_of(web, "/search/certificate?q=株洲")
    refused = web.post("/search/certificate", data={"csrf_token": token, "q": long})
    assert refused.status_code == 400
    body = refused.get_data(as_text=True)
    assert "Traceback" not in body
    assert "查询内容超过 100 个字符。" in body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchCertificate)) == 1


def test_a_post_without_the_csrf_token_or_an_empty_query_issues_nothing(web: FlaskClient) -> None:
    assert web.post("/search/certificate", data={"q": "株洲"}).status_code == 400
    token = csrf_of(web, "/search/certificate?q=株洲")
    assert web.post("/search/certificate", data={"csrf_token": token, "q": "  "}).status_code == 400
    assert web.get("/certificates/CXZM-20261123-ABCDEFGH").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchCertificate)) == 0


def test_the_pdf_is_in_english_when_the_site_is_and_renders_to_png(web: FlaskClient, tmp_path: Path) -> None:
    number = issue(web, q="不存在的公司名称")
    english = FreshClient(web.application)
    english.set_cookie("locale", "en")
    text = pdf_text(english, number, tmp_path)
    assert "Searchresultcertificate" in text
    assert "Norelevantrecordswerefound." in text
    assert number in text
    pdf = tmp_path / f"{number}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True)  # noqa: S603, S607
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 1
    assert pages[0].stat().st_size > 5000
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "595.276 x 841.89" in size  # A4


def test_a_count_the_engine_capped_is_certified_as_a_lower_bound(
    web: FlaskClient, indexed: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """With the postgres backend a broad search stops counting at 10,000: the certificate says "10000+", not 10000."""
    import dataclasses

    backend = indexed.extensions["search"]
    real = backend.search
    monkeypatch.setattr(backend, "search", lambda query, *, today: dataclasses.replace(
        real(query, today=today), total=10_000, total_exact=False))  # fmt: skip
    number = issue(web, q="株洲示例食品")
    page = web.get(f"/certificates/{number}").get_data(as_text=True)
    assert "<dd>10000+</dd>" in page
    assert "10000+" in pdf_text(web, number, tmp_path)
    assert '"total_exact":false' in stored(number).content.replace(" ", "")
    monkeypatch.undo()
    plain = issue(web, q="株洲示例")
    assert "total_exact" not in stored(plain).content  # exact counts keep the earlier format: old ones verify
