"""The site on a real PostgreSQL primary + streaming replica (issue 21): it keeps answering when the primary
restarts, and after the primary is lost and the replica promoted it reaches the new primary by itself.

The app is given the libpq multi-host URL of both servers with target_session_attrs=read-write, so a new
connection lands on whichever server accepts writes; pool_pre_ping drops connections to a server that went away,
and portal.errors.handle_database_gone answers a read that lost its connection on a new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.db_setup import load_list_types
from portal.extensions import db
from tests.conftest import TODAY, _make_app, import_examples
from tests.pg_servers import PgCluster, PgServer, available, wait_for
from tests.submissions.fixtures import COMPLAINT, fill

pytestmark = pytest.mark.postgres
FOOD_USCC = "91430200MA4L0A1B7K"  # 株洲示例食品有限公司, its serious penalty is public on TODAY
FOOD_PENALTY = "株市监罚〔2026〕15号"
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[PgCluster, PgServer, PgServer]]:
    if (reason := available()) is not None:
        pytest.skip(reason)
    with PgCluster() as cluster:
        primary = cluster.primary()
        cluster.create_database(primary, "portal")
        replica = cluster.replica(primary)
        yield cluster, primary, replica


@pytest.fixture
def site(servers: tuple[PgCluster, PgServer, PgServer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    cluster, _primary, _replica = servers
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    app = _make_app(tmp_path, cluster.url("portal"))
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        db.session.commit()
        import_examples(tmp_path, TODAY)
    return app


def _profile(client: FlaskClient) -> list[str]:
    """The decision numbers on the subject's public profile (a GET through the whole app and the database)."""
    response = client.get(f"/api/v1/subjects/{FOOD_USCC}", headers=ZH)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return [p["decision_no"] for p in response.get_json()["penalties"]]


def _complain(client: FlaskClient, text: str) -> tuple[str, int]:
    """A complaint sent as a browser would; a write that lost its connection may get the one documented 503
    (Retry-After), and the person sends it again. Returns the tracking number and the 503s seen."""
    unavailable = 0
    while True:
        posted = fill(client, "/complaints/new", {**COMPLAINT, "description": text}, headers=ZH)
        if posted.response.status_code != 503:
            break
        assert int(posted.response.headers["Retry-After"]) > 0
        unavailable += 1
        assert unavailable <= 1, "a second 503 after the database came back"
    assert posted.response.status_code == 200, posted.html[:500]
    match = re.search(r'id="tracking-no">([^<]+)<', posted.html)
    assert match, posted.html[:500]
    return match.group(1), unavailable


def _replayed(replica: PgServer, sql: str, value: str) -> list[tuple]:
    """The rows the replica has replayed so far (none while even the table's creation is still on its way)."""
    try:
        return replica.query(sql, "portal", value)
    except psycopg.errors.UndefinedTable:
        return []


def _served_by(app: Flask) -> int:
    """The port of the server the app's pool connects to now."""
    with app.app_context():
        return int(db.session.scalar(sa.text("SELECT inet_server_port()")) or 0)


def test_the_site_survives_a_primary_restart_and_a_failover_to_the_replica(
    site: Flask, servers: tuple[PgCluster, PgServer, PgServer]
) -> None:
    _cluster, primary, replica = servers
    client = site.test_client()
    assert _profile(client) == [FOOD_PENALTY]
    replicated = "SELECT decision_no FROM penalties WHERE decision_no = %s"
    wait_for(lambda: _replayed(replica, replicated, FOOD_PENALTY) == [(FOOD_PENALTY,)], timeout=10)
    assert replica.in_recovery()

    # (a) the primary restarts under the app: the pool's connections are dead; reads and writes carry on
    primary.restart()
    assert _profile(client) == [FOOD_PENALTY]
    number, unavailable = _complain(client, "重启之后的投诉：该公司继续销售过期食品。")
    assert unavailable <= 1
    stored = "SELECT tracking_no, description FROM submissions WHERE tracking_no = %s"
    assert primary.query(stored, "portal", number) == [(number, "重启之后的投诉：该公司继续销售过期食品。")]
    assert _served_by(site) == primary.port

    # (b) the primary is lost; the replica is promoted; the same app object finds it through the multi-host URL
    wait_for(lambda: _replayed(replica, stored, number) != [], timeout=10)
    primary.stop()
    replica.promote()
    assert not replica.in_recovery()
    assert _profile(client) == [FOOD_PENALTY]
    after, unavailable = _complain(client, "切换之后的投诉：该公司继续销售过期食品。")
    assert unavailable <= 1
    assert replica.query(stored, "portal", after) == [(after, "切换之后的投诉：该公司继续销售过期食品。")]
    assert replica.query(stored, "portal", number) != []  # what the old primary had acknowledged is still there
    assert _served_by(site) == replica.port
    assert not primary.running()
    with site.app_context():
        db.session.remove()
        db.engine.dispose()
