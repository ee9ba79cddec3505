"""Confirmation and unsubscribe links: one click, no login, idempotent; forged, swapped or stale links do nothing."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.extensions import db
from portal.follows import services
from portal.models import Follow
from tests.conftest import TODAY
from tests.follows.conftest import (
    CONFIRM_LINK,
    UNSUBSCRIBE_ALL_LINK,
    UNSUBSCRIBE_LINK,
    follow_form,
    food,
    outbox,
    serious_penalty,
    subscribe_and_confirm,
)
from tests.public.helpers import subject

BASE = "http://127.0.0.1:5000"


def _digest_links(app: Flask) -> tuple[str, str]:
    serious_penalty().version += 1
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["follow-digest", "--date", (TODAY + timedelta(days=1)).isoformat()])
    assert "sent=1" in result.output
    body = outbox(app)[-1].body
    one, every = UNSUBSCRIBE_LINK.search(body), UNSUBSCRIBE_ALL_LINK.search(body)
    assert one
    assert every
    return one.group(0).removeprefix(BASE), every.group(0).removeprefix(BASE)


def test_unsubscribe_works_with_one_click_and_again_changes_nothing(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    follow = subscribe_and_confirm(site, web, food().public_id, "leave@example.com")
    link, _every = _digest_links(site)
    first = web.get(link)
    assert first.status_code == 200
    assert "You no longer follow this subject" in first.get_data(as_text=True)
    db.session.refresh(follow)
    stamp = follow.unsubscribed_at
    assert stamp is not None
    second = web.get(link)
    assert second.status_code == 200
    assert "You no longer follow this subject" in second.get_data(as_text=True)
    db.session.refresh(follow)
    assert follow.unsubscribed_at == stamp
    serious_penalty().version += 1
    db.session.commit()
    result = site.test_cli_runner().invoke(args=["follow-digest", "--date", (TODAY + timedelta(days=2)).isoformat()])
    assert result.output.strip() == "subscribers=0 sent=0 failed=0 changes=0"


def test_unsubscribe_all_ends_every_follow_of_the_address(site: Flask, web: FlaskClient) -> None:
    subscribe_and_confirm(site, web, food().public_id, "all@example.com")
    subscribe_and_confirm(site, web, subject("王小明").public_id, "all@example.com")
    _one, every = _digest_links(site)
    assert web.get(every).status_code == 200
    assert web.get(every).status_code == 200  # idempotent
    active = db.session.scalars(sa.select(Follow).where(Follow.unsubscribed_at.is_(None))).all()
    assert active == []


def test_a_forged_link_is_refused_and_the_follow_stays(site: Flask, web: FlaskClient) -> None:
    follow = subscribe_and_confirm(site, web, food().public_id, "forged@example.com")
    token = services.unsubscribe_token(str(site.config["SECRET_KEY"]), follow)
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
        "WzEsMV0.forged-signature",  # [1, 1] with a made-up signature
        "..%2F..%2Fetc%2Fpasswd",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "' OR 1=1 --",
        "x" * 5000,
    ]
    for bad in forged:  # one app for all cases: the fixture costs more than the requests
        for action in ("unsubscribe", "unsubscribe-all", "confirm"):
            response = web.get(f"/follows/{action}/{bad}")
            assert response.status_code == 404, (action, bad[:40])
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert web.get("/follows/unsubscribe/").status_code == 404
    db.session.refresh(follow)
    assert follow.is_active


def test_a_token_signed_for_another_purpose_or_key_is_refused(site: Flask, web: FlaskClient) -> None:
    follow = subscribe_and_confirm(site, web, food().public_id, "purpose@example.com")
    confirm_token = CONFIRM_LINK.search(outbox(site)[0].body).group(0).rsplit("/", 1)[1]  # type: ignore[union-attr]
    assert web.get(f"/follows/unsubscribe/{confirm_token}").status_code == 404
    other_key = services.unsubscribe_token("another-secret", follow)
    assert web.get(f"/follows/unsubscribe/{other_key}").status_code == 404
    assert web.get(f"/follows/unsubscribe-all/{other_key}").status_code == 404
    db.session.refresh(follow)
    assert follow.is_active


def test_an_old_unsubscribe_link_does_not_end_a_later_subscription(site: Flask, web: FlaskClient) -> None:
    follow = subscribe_and_confirm(site, web, food().public_id, "again@example.com")
    old = services.unsubscribe_token(str(site.config["SECRET_KEY"]), follow)
    assert web.get(f"/follows/unsubscribe/{old}").status_code == 200
    again = subscribe_and_confirm(site, web, food().public_id, "again@example.com")
    assert again.id == follow.id
    assert again.generation == 2
    assert web.get(f"/follows/unsubscribe/{old}").status_code == 200  # "already unsubscribed", nothing done
    db.session.refresh(again)
    assert again.is_active


def test_confirming_twice_is_harmless_and_a_stale_confirmation_is_refused(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert follow_form(web, food().public_id, "twice@example.com").status_code == 303
    link = CONFIRM_LINK.search(outbox(site)[-1].body).group(0).removeprefix(BASE)  # type: ignore[union-attr]
    assert "You now follow this subject" in web.get(link).get_data(as_text=True)
    follow = db.session.scalars(sa.select(Follow)).one()
    confirmed_at = follow.confirmed_at
    assert "You already follow this subject" in web.get(link).get_data(as_text=True)
    db.session.refresh(follow)
    assert follow.confirmed_at == confirmed_at
    # After unsubscribing, the old confirmation link cannot switch the alerts back on.
    web.get(f"/follows/unsubscribe/{services.unsubscribe_token(str(site.config['SECRET_KEY']), follow)}")
    assert web.get(link).status_code == 404
    db.session.refresh(follow)
    assert not follow.is_active


def test_an_expired_confirmation_link_is_refused(site: Flask, web: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert follow_form(web, food().public_id, "late@example.com").status_code == 303
    link = CONFIRM_LINK.search(outbox(site)[-1].body).group(0).removeprefix(BASE)  # type: ignore[union-attr]
    real_time = __import__("time").time
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: real_time() + 8 * 24 * 3600)
    assert web.get(link).status_code == 404
    assert db.session.scalars(sa.select(Follow)).one().confirmed_at is None


def test_links_do_not_carry_the_address(site: Flask, web: FlaskClient) -> None:
    import base64

    subscribe_and_confirm(site, web, food().public_id, "hidden.address@example.com")
    one, every = _digest_links(site)
    for link in (one, every, CONFIRM_LINK.search(outbox(site)[0].body).group(0)):  # type: ignore[union-attr]
        payload = link.rsplit("/", 1)[1].split(".", 1)[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert b"hidden" not in decoded
        assert b"example.com" not in decoded
