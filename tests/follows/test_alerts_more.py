"""Follows and the further kinds (issue 16): a new 行政强制 or a 违诺 of a followed subject is 新增 news, in the
daily digest and the Atom feed; a commitment that becomes 违诺 is 新增 (marked 需关注), not a mere 变更; records
that are not public (政务共享, withdrawn) never reach followers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.follows import snapshots
from portal.models import Coercion, Commitment
from tests.conftest import TODAY, import_more_examples
from tests.follows.conftest import food, outbox, subscribe_and_confirm
from tests.public.helpers import FOOD_USCC

TOMORROW = TODAY + timedelta(days=1)
ATOM = "{http://www.w3.org/2005/Atom}"
BROKEN_CODE = "43020020260310000015"  # the food company's 部分履行 commitment (data-standard example)
KEPT_MATTER = "申请办理冷链运输备案"


@pytest.fixture
def more(site: Flask, tmp_path: Path) -> Flask:
    import_more_examples(tmp_path, TODAY)
    return site


def _copy(model: Any, example: Any, **changes: Any) -> Any:
    skip = {"id", "created_at", "updated_at"}
    values = {c.key: getattr(example, c.key) for c in sa.inspect(model).column_attrs if c.key not in skip}
    values.update(changes)
    row = model(**values)
    db.session.add(row)
    db.session.commit()
    return row


def _coercion(doc_no: str, **changes: Any) -> Coercion:
    example = db.session.scalars(sa.select(Coercion).where(Coercion.subject_id == food().id)).one()
    return _copy(Coercion, example, doc_no=doc_no, doc_key=doc_no, **changes)


def _commitment(matter: str, state: str, **changes: Any) -> Commitment:
    example = db.session.scalars(sa.select(Commitment).where(Commitment.doc_no == BROKEN_CODE)).one()
    values: dict[str, Any] = {"doc_no": None, "doc_key": f"K:test|{matter}", "matter": matter, "state": state,
                              "public_until": date(2029, 3, 9)}  # fmt: skip
    values.update(changes)
    return _copy(Commitment, example, **values)


def _digest(app: Flask, day: date) -> str:
    result = app.test_cli_runner().invoke(args=["follow-digest", "--date", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_a_new_coercion_is_news_in_the_digest(more: Flask, web: FlaskClient) -> None:
    subscribe_and_confirm(more, web, food().public_id, "reader@example.com")
    added = _coercion("株市监强〔2026〕21号", decided_on=TODAY, public_from=TODAY)
    assert _digest(more, TOMORROW) == "subscribers=1 sent=1 failed=0 changes=1"
    body = outbox(more)[-1].body
    newly = body.split("新增公示：")[1]
    assert "株市监强〔2026〕21号" in newly
    assert f"/coercions/{added.id}" in newly
    assert "需关注" not in newly  # a coercion is news by being new; nothing further to point out


def test_a_commitment_that_becomes_a_breach_is_news_not_a_change(more: Flask, web: FlaskClient) -> None:
    kept = _commitment(KEPT_MATTER, "履行中")
    follow = subscribe_and_confirm(more, web, food().public_id, "reader@example.com")
    assert snapshots.load(follow.snapshot)[f"commitment:{kept.id}"] == "1:published"
    assert snapshots.load(follow.snapshot)[f"commitment:{_broken().id}"].endswith("!")
    kept.state, kept.state_on, kept.unfulfilled, kept.version = "全部未履行", TODAY, "未完成备案", kept.version + 1
    db.session.commit()
    assert _digest(more, TOMORROW) == "subscribers=1 sent=1 failed=0 changes=1"
    body = outbox(more)[-1].body
    assert "新增公示：" in body
    assert "信息变更（更正或异议标注）：" not in body
    newly = body.split("新增公示：")[1]
    assert KEPT_MATTER in newly
    assert "[需关注]" in newly
    assert f"/commitments/{kept.id}" in newly
    assert "刘晓红" not in body  # 经办人 never leaves the server


def test_the_feed_names_breaches_and_new_coercions(more: Flask, web: FlaskClient) -> None:
    _coercion("株市监强〔2026〕21号", decided_on=TODAY, public_from=TODAY)
    response = web.get(f"/subjects/{FOOD_USCC}/feed.atom")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.data)  # noqa: S314 - our own output, parsed to check its shape
    titles = [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]
    assert any("株市监强〔2026〕21号" in t for t in titles)
    (broken,) = [t for t in titles if BROKEN_CODE in t]
    assert broken.endswith("（需关注）")
    assert not any("株市监强〔2026〕8号" in t and "需关注" in t for t in titles)


def test_records_that_are_not_public_never_reach_followers(more: Flask, web: FlaskClient) -> None:
    subscribe_and_confirm(more, web, food().public_id, "reader@example.com")
    _commitment("政务共享的承诺", "全部未履行", status=RecordStatus.NOT_PUBLIC, hold_reason="政务共享",
                state_on=TODAY)  # fmt: skip
    _coercion("株市监强〔2026〕22号", status=RecordStatus.WITHDRAWN)
    assert _digest(more, TOMORROW) == "subscribers=1 sent=0 failed=0 changes=0"
    xml = web.get(f"/subjects/{FOOD_USCC}/feed.atom").get_data(as_text=True)
    assert "政务共享的承诺" not in xml
    assert "株市监强〔2026〕22号" not in xml
    assert "刘晓红" not in xml


def _broken() -> Commitment:
    return db.session.scalars(sa.select(Commitment).where(Commitment.doc_no == BROKEN_CODE)).one()
