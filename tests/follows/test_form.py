"""The follow form on the subject page: CSRF, e-mail validation, hostile input, duplicates, caps and rate limits."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.models import Follow, Subscriber
from tests.conftest import count
from tests.follows.conftest import csrf_of, follow_form, food, outbox, subscribe_and_confirm
from tests.public.helpers import FOOD_USCC, REMOVED_SUBJECT, subject


def test_the_subject_page_offers_the_follow_form_and_the_feed(web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = web.get(f"/subjects/{FOOD_USCC}").get_data(as_text=True)
    public_id = food().public_id
    assert f'action="/subjects/p/{public_id}/follow"' in html
    assert 'name="csrf_token"' in html
    assert '<label for="follow-email">E-mail address</label>' in html
    feed = f'href="/subjects/p/{public_id}/feed.atom"'
    assert f'<link rel="alternate" type="application/atom+xml" title="株洲示例食品有限公司" {feed}>' in html


def test_following_sends_one_confirmation_and_stores_the_normalised_address(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = follow_form(web, food().public_id, "  ＲＥＡＤＥＲ＠ｅｘａｍｐｌｅ．ｃｏｍ ")
    assert response.status_code == 303
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert "Check your e-mail" in page
    assert "株洲示例食品有限公司" in page
    assert [m.to for m in outbox(site)] == ["reader@example.com"]
    assert "/follows/confirm/" in outbox(site)[0].body
    follow = db.session.scalars(sa.select(Follow)).one()
    assert follow.confirmed_at is None
    assert follow.snapshot == "{}"


def test_a_forged_host_header_does_not_change_the_confirmation_link(site: Flask, web: FlaskClient) -> None:
    site.config["WTF_CSRF_ENABLED"] = False  # the session cookie is not sent to another host name
    url = f"/subjects/p/{food().public_id}/follow"
    response = web.post(url, data={"email": "host@example.com"}, headers={"Host": "evil.example"})
    assert response.status_code == 303
    assert "evil.example" not in outbox(site)[-1].body
    assert "http://127.0.0.1:5000/follows/confirm/" in outbox(site)[-1].body


def test_subscribing_twice_is_idempotent(site: Flask, web: FlaskClient) -> None:
    public_id = food().public_id
    assert follow_form(web, public_id, "twice@example.com").status_code == 303
    assert follow_form(web, public_id, "TWICE@example.com").status_code == 303  # double click, another case
    assert count(Follow) == 1
    assert count(Subscriber) == 1
    assert len(outbox(site)) == 1  # no second mail within ten minutes
    db.session.scalars(sa.select(Follow)).one().confirmed_at = None
    follow = subscribe_and_confirm(site, web, subject("王小明").public_id, "twice@example.com")
    assert follow_form(web, subject("王小明").public_id, "twice@example.com").status_code == 303
    assert len(outbox(site)) == 2  # an active follow: nothing to confirm again
    db.session.refresh(follow)
    assert follow.is_active
    assert count(Follow) == 2


BAD_ADDRESSES = [
    ("", "Enter your e-mail address."),
    ("   ", "Enter your e-mail address."),
    ("not-an-email", "Enter an e-mail address such as name@example.com."),
    ("a@b", "Enter an e-mail address such as name@example.com."),
    ("<script>alert(1)</script>@example.com", "Enter an e-mail address such as name@example.com."),
    ("victim@example.com\r\nBcc: all@example.com", "Enter an e-mail address such as name@example.com."),
    ("x@example.com, y@example.com", "Enter an e-mail address such as name@example.com."),
    ("' OR 1=1 --@example.com", "Enter an e-mail address such as name@example.com."),
    ("../../etc/passwd@example.com", "Enter an e-mail address such as name@example.com."),
    ("a" * 250 + "@example.com", "The e-mail address is too long."),
]


def test_bad_addresses_are_refused_with_a_message_and_nothing_is_stored(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    site.config["RATELIMIT_FOLLOW"] = "100 per minute"  # every POST counts, valid or not
    public_id = food().public_id
    for email, message in BAD_ADDRESSES:  # one app for all cases: the fixture costs more than the requests
        response = follow_form(web, public_id, email)
        assert response.status_code == 400, email
        html = response.get_data(as_text=True)
        assert message in html, email
        assert "<script>alert(1)</script>" not in html
    assert count(Follow) == 0
    assert count(Subscriber) == 0
    assert outbox(site) == []


def test_a_post_without_csrf_token_is_refused(site: Flask, web: FlaskClient) -> None:
    response = web.post(f"/subjects/p/{food().public_id}/follow", data={"email": "csrf@example.com"})
    assert response.status_code == 400
    assert count(Follow) == 0
    assert outbox(site) == []


def test_unknown_subjects_give_404(web: FlaskClient) -> None:
    for public_id in ("unknown-id-123", "../../etc/passwd", "%3Cscript%3E", "a" * 300):
        assert web.get(f"/subjects/p/{public_id}/follow").status_code == 404, public_id


def test_a_subject_without_public_record_cannot_be_followed(web: FlaskClient) -> None:
    public_id = subject(REMOVED_SUBJECT).public_id
    assert web.get(f"/subjects/p/{public_id}/follow").status_code == 404
    refused = web.post(f"/subjects/p/{public_id}/follow", data={"email": "x@example.com"})
    assert refused.status_code == 400  # CSRF is checked before the subject is looked up
    assert "x@example.com" not in refused.get_data(as_text=True)
    assert count(Follow) == 0


def test_an_address_follows_at_most_the_configured_number_of_subjects(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    site.config["FOLLOW_MAX_PER_ADDRESS"] = 1
    assert follow_form(web, food().public_id, "cap@example.com").status_code == 303
    response = follow_form(web, subject("王小明").public_id, "cap@example.com")
    assert response.status_code == 409
    assert "largest number of subjects allowed (1)" in response.get_data(as_text=True)
    assert count(Follow) == 1
    assert len(outbox(site)) == 1


def test_the_follow_form_is_rate_limited(site: Flask, web: FlaskClient) -> None:
    site.config["RATELIMIT_FOLLOW"] = "3 per minute"
    url = f"/subjects/p/{food().public_id}/follow"
    token = csrf_of(web, url)
    codes = [web.post(url, data={"email": f"r{i}@example.com", "csrf_token": token}).status_code for i in range(4)]
    assert codes == [303, 303, 303, 429]
    assert len(outbox(site)) == 3
