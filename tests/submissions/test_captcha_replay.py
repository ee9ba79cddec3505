"""A solved arithmetic question is spent on the server: replaying it with the old session cookie is refused."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.models import Submission, UsedChallenge
from portal.submissions import captcha, codes
from tests.submissions.fixtures import COMPLAINT, captcha_answer, hidden_fields, site  # noqa: F401

SECRET = "s3cret"


def test_a_solved_answer_replayed_with_the_old_cookie_is_refused(site: Flask) -> None:  # noqa: F811
    client = site.test_client()
    html = client.get("/complaints/new").get_data(as_text=True)
    cookie = client.get_cookie("session")
    assert cookie is not None
    body = {**hidden_fields(html), "captcha_answer": captcha_answer(html), **COMPLAINT}
    first = client.post("/complaints/new", data=body)
    assert first.status_code == 200
    assert 'id="tracking-no"' in first.get_data(as_text=True)
    for _replay in range(2):  # the probe's replay: the old cookie, the same nonce and answer, a fresh form token
        client.set_cookie("session", cookie.value)
        again = client.post("/complaints/new", data=body | {"form_token": codes.new_form_token()})
        page = again.get_data(as_text=True)
        assert again.status_code == 400
        assert "此题已作答过一次" in page
        assert 'id="tracking-no"' not in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 1


def test_verify_spends_a_question_once_and_forgets_spent_marks_after_its_lifetime(app: Flask) -> None:
    store: dict[str, object] = {}
    asked = captcha.new_challenge(store, SECRET, now=1000.0)
    answer = str(asked.a + asked.b)
    replay = dict(store)  # the session cookie as it was before the answer
    assert captcha.verify(store, db.session, SECRET, asked.nonce, answer, now=1001.0) is None
    assert captcha.verify(replay, db.session, SECRET, asked.nonce, answer, now=1002.0) == "used"
    assert captcha.verify(store, db.session, SECRET, asked.nonce, answer, now=1003.0) == "wrong"  # forgotten
    later = captcha.new_challenge(store, SECRET, now=1000.0 + captcha.MAX_AGE + 10)
    assert captcha.verify(store, db.session, SECRET, later.nonce, str(later.a + later.b),
                          now=1000.0 + captcha.MAX_AGE + 11) is None  # fmt: skip
    assert db.session.scalars(sa.select(UsedChallenge.nonce)).all() == [later.nonce]  # the old mark was swept
