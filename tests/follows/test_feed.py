"""The Atom feed of a subject: valid Atom, public records only, masked names, a correction shows as a new entry."""

from __future__ import annotations

from xml.etree import ElementTree

from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from tests.conftest import TODAY
from tests.follows.conftest import add_penalty, food, serious_penalty
from tests.public.helpers import (
    FOOD_USCC,
    MINOR_PENALTY_NO,
    PERSON_NO,
    REMOVED_SUBJECT,
    SERIOUS_NO,
    assert_no_id_numbers,
    subject,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client: FlaskClient, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "application/atom+xml"
    return ElementTree.fromstring(response.data)  # noqa: S314 - our own output, parsed to check its shape


def test_the_feed_of_a_company_lists_its_public_records(web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    root = _feed(web, f"/subjects/{FOOD_USCC}/feed.atom")
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Credit records of 株洲示例食品有限公司"
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert len(titles) == 2
    assert f"Administrative penalty: {SERIOUS_NO}" in titles
    links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert f"http://localhost/penalties/{serious_penalty().id}" in links
    assert "张三" not in web.get(f"/subjects/{FOOD_USCC}/feed.atom").get_data(as_text=True)
    assert _feed(web, f"/subjects/p/{food().public_id}/feed.atom").findtext(f"{ATOM}id") == root.findtext(f"{ATOM}id")


def test_non_public_records_never_appear_in_the_feed(web: FlaskClient) -> None:
    company = food()
    add_penalty(company, "株市监罚〔2026〕77号", public_from=TODAY, status=RecordStatus.NOT_PUBLIC)
    add_penalty(company, "株市监罚〔2026〕78号", public_from=TODAY.replace(year=2027))  # not yet public
    text = web.get(f"/subjects/{FOOD_USCC}/feed.atom").get_data(as_text=True)
    assert "77号" not in text
    assert "78号" not in text
    assert MINOR_PENALTY_NO not in text
    penalty = serious_penalty()
    penalty.status = RecordStatus.REPAIRED
    db.session.commit()
    text = web.get(f"/subjects/{FOOD_USCC}/feed.atom").get_data(as_text=True)
    assert SERIOUS_NO not in text


def test_a_correction_gives_the_entry_a_new_id(web: FlaskClient) -> None:
    def penalty_entry_id() -> str:
        root = _feed(web, f"/subjects/{FOOD_USCC}/feed.atom")
        ids = [e.findtext(f"{ATOM}id") or "" for e in root.iter(f"{ATOM}entry")]
        return next(i for i in ids if ":penalty/" in i)

    before = penalty_entry_id()
    serious_penalty().version += 1
    db.session.commit()
    after = penalty_entry_id()
    assert before.endswith("/v1")
    assert after.endswith("/v2")


def test_a_persons_feed_is_masked_and_holds_no_id_number(web: FlaskClient) -> None:
    text = web.get(f"/subjects/p/{subject('王小明').public_id}/feed.atom").get_data(as_text=True)
    assert PERSON_NO in text
    assert "王**" in text
    assert "王小明" not in text
    assert_no_id_numbers(text)


UNKNOWN_FEEDS = [
    "/subjects/91430200MA4L0A1B7X/feed.atom",  # well-formed USCC nobody has
    "/subjects/not-a-uscc/feed.atom",
    "/subjects/p/unknown-id-123/feed.atom",
    "/subjects/p/%3Cscript%3E/feed.atom",
    "/subjects/p/..%2F..%2Fetc%2Fpasswd/feed.atom",
    "/subjects/p/' OR 1=1 --/feed.atom",
]


def test_unknown_subjects_have_no_feed(web: FlaskClient) -> None:
    for url in UNKNOWN_FEEDS:
        response = web.get(url)
        assert response.status_code == 404, url
        assert "<script>" not in response.get_data(as_text=True)


def test_a_subject_without_public_records_has_no_feed(web: FlaskClient) -> None:
    response = web.get(f"/subjects/p/{subject(REMOVED_SUBJECT).public_id}/feed.atom")
    assert response.status_code == 404
    assert "<feed" not in response.get_data(as_text=True)
    assert REMOVED_SUBJECT not in response.get_data(as_text=True)
