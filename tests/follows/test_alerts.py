"""Follow alerts end to end: subscribe, confirm, a change, the daily digest lists it; privacy, expiry, idempotence."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Follow, Penalty
from tests.conftest import TODAY
from tests.follows.conftest import (
    UNSUBSCRIBE_ALL_LINK,
    UNSUBSCRIBE_LINK,
    add_penalty,
    food,
    outbox,
    serious_penalty,
    subscribe_and_confirm,
)
from tests.public.helpers import PERSON_ID, PERSON_NO, SERIOUS_NO, assert_no_id_numbers, subject

TOMORROW = TODAY + timedelta(days=1)
UPCOMING_NO = "株市监罚〔2026〕99号"
HIDDEN_NO = "株市监罚〔2026〕77号"


def digest(app: Flask, day: str) -> str:
    result = app.test_cli_runner().invoke(args=["follow-digest", "--date", day])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_a_new_and_a_corrected_record_reach_the_subscriber_in_one_digest(site: Flask, web: FlaskClient) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    company = food()
    upcoming = add_penalty(company, UPCOMING_NO, public_from=TOMORROW)  # public from tomorrow: 新增 then
    follow = subscribe_and_confirm(site, web, company.public_id, " Reader@Example.COM ")
    assert f"penalty:{upcoming.id}" not in follow.snapshot
    assert f"penalty:{serious_penalty().id}" in follow.snapshot

    serious_penalty().version += 1  # a correction re-imported by the source: 变更
    db.session.commit()
    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=1 failed=0 changes=2"

    mail = outbox(site)[-1]
    assert mail.to == "reader@example.com"
    assert "2 changes" in mail.subject
    newly, changed = mail.body.split("Newly public:")[1].split("Changed (new version or objection mark):")
    assert UPCOMING_NO in newly
    assert SERIOUS_NO not in newly
    assert SERIOUS_NO in changed
    assert f"/penalties/{upcoming.id}" in newly
    assert "株洲示例食品有限公司" in mail.body
    assert "张三" not in mail.body
    assert UNSUBSCRIBE_LINK.search(mail.body)
    assert UNSUBSCRIBE_ALL_LINK.search(mail.body)

    # The same day again: nothing new is sent, and the snapshot has moved on.
    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=0 failed=0 changes=0"
    assert len(outbox(site)) == 2  # the confirmation and one digest


def test_a_later_change_on_the_same_day_waits_for_the_next_digest(site: Flask, web: FlaskClient) -> None:
    company = food()
    subscribe_and_confirm(site, web, company.public_id, "daily@example.com")
    serious_penalty().version += 1
    db.session.commit()
    assert digest(site, TODAY.isoformat()).startswith("subscribers=1 sent=1")
    add_penalty(company, UPCOMING_NO, public_from=TODAY)
    assert digest(site, TODAY.isoformat()).startswith("subscribers=1 sent=0")
    assert digest(site, TOMORROW.isoformat()).startswith("subscribers=1 sent=1")
    assert UPCOMING_NO in outbox(site)[-1].body


def test_expiry_by_date_is_reported_without_any_write_and_without_naming_the_record(
    site: Flask, web: FlaskClient
) -> None:
    web.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    company = food()
    penalty = serious_penalty()
    penalty.public_until = TODAY  # last public day is today
    db.session.commit()
    subscribe_and_confirm(site, web, company.public_id, "expiry@example.com")
    stamp = db.session.scalar(sa.select(Penalty.updated_at).where(Penalty.id == penalty.id))

    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=1 failed=0 changes=1"
    body = outbox(site)[-1].body
    assert "1 administrative penalty is no longer publicly displayed." in body
    assert SERIOUS_NO not in body  # no longer public: counted, never described
    assert db.session.scalar(sa.select(Penalty.updated_at).where(Penalty.id == penalty.id)) == stamp


def test_non_public_records_never_appear_in_the_digest(site: Flask, web: FlaskClient) -> None:
    company = food()
    follow = subscribe_and_confirm(site, web, company.public_id, "privacy@example.com")
    add_penalty(company, HIDDEN_NO, public_from=TODAY, status=RecordStatus.NOT_PUBLIC)  # e.g. 轻微, never public
    withdrawn = serious_penalty()
    withdrawn.status = RecordStatus.WITHDRAWN  # upheld objection: leaves public view at once
    withdrawn.version += 1
    db.session.commit()
    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=1 failed=0 changes=1"
    body = outbox(site)[-1].body
    assert HIDDEN_NO not in body
    assert SERIOUS_NO not in body
    db.session.refresh(follow)
    assert follow.snapshot == "{" + f'"permit:{_food_permit_id()}":"1:published"' + "}"


def _food_permit_id() -> int:
    from portal.models import Permit

    return int(db.session.scalar(sa.select(Permit.id).where(Permit.subject_id == food().id)))


def test_a_person_is_named_masked_and_no_id_number_is_sent(site: Flask, web: FlaskClient) -> None:
    person = subject("王小明")
    follow = subscribe_and_confirm(site, web, person.public_id, "person@example.com")
    confirmation = outbox(site)[-1].body
    assert "王**" in confirmation
    assert "王小明" not in confirmation
    db.session.scalars(sa.select(Penalty).where(Penalty.subject_id == person.id)).one().version += 1
    db.session.commit()
    digest(site, TOMORROW.isoformat())
    body = outbox(site)[-1].body
    assert PERSON_NO in body
    assert "王**" in body
    assert "王小明" not in body
    assert_no_id_numbers(body)
    assert PERSON_ID not in follow.snapshot


def test_unconfirmed_follows_get_no_digest(site: Flask, web: FlaskClient) -> None:
    from tests.follows.conftest import follow_form

    assert follow_form(web, food().public_id, "pending@example.com").status_code == 303
    serious_penalty().version += 1
    db.session.commit()
    assert digest(site, TOMORROW.isoformat()) == "subscribers=0 sent=0 failed=0 changes=0"
    assert len(outbox(site)) == 1  # the confirmation only


def test_a_failed_delivery_is_retried_by_the_next_run(site: Flask, web: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    follow = subscribe_and_confirm(site, web, food().public_id, "retry@example.com")
    before = follow.snapshot
    serious_penalty().version += 1
    db.session.commit()
    notifier = site.extensions["notifier"]
    monkeypatch.setattr(notifier, "send_email", lambda to, subject, body: False)
    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=0 failed=1 changes=0"
    db.session.refresh(follow)
    assert follow.snapshot == before
    monkeypatch.undo()
    assert digest(site, TOMORROW.isoformat()) == "subscribers=1 sent=1 failed=0 changes=1"


def test_the_digest_command_refuses_a_malformed_date(site: Flask) -> None:
    result = site.test_cli_runner().invoke(args=["follow-digest", "--date", "2026-13-45"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Follow)) == 0


def test_the_whole_flow_works_on_both_databases(examples_any_db: Flask) -> None:
    """Services only (no HTTP): subscribe twice, confirm, expire one record by date, digest, unsubscribe."""
    from datetime import UTC, datetime

    from portal.follows import digest as follow_digest
    from portal.follows import services

    secret = "test-secret-key"  # noqa: S105 - the test config's key
    settings = services.Settings(secret)
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    company = food()
    serious_penalty().public_until = TODAY
    db.session.commit()
    first = services.subscribe(db.session, settings, email="both@example.com", subject=company, now=now)
    again = services.subscribe(db.session, settings, email="both@example.com", subject=company, now=now)
    assert first.confirm_token is not None
    assert again.confirm_token is None
    assert services.confirm(db.session, secret, first.confirm_token, now=now, today=TODAY).state == "done"
    sent: list[follow_digest.Digest] = []
    summary = follow_digest.run(
        db.session, today=TOMORROW, now=now, secret=secret, send=lambda d: bool(sent.append(d)) or True
    )
    assert summary.line == "subscribers=1 sent=1 failed=0 changes=1"
    assert sent[0].items[0].stopped == {"penalty": 1}
    assert sent[0].items[0].added == []
    token = sent[0].items[0].unsubscribe_token
    assert services.unsubscribe(db.session, secret, token, now=now).state == "done"
    assert services.unsubscribe(db.session, secret, token, now=now).state == "unchanged"
