"""The special report and grant services on SQLite and PostgreSQL: content, the daily unique report (also when
two requests race), grant codes and their resolution."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.domain.special import Area, Purpose
from portal.extensions import db
from portal.grants import institutions, services
from portal.models import AuthorisedCheck, SpecialReport
from portal.reports import special
from portal.reports.services import Signer
from tests.conftest import TODAY, import_examples
from tests.enterprise.helpers import FOOD, SHOP, bind, make_account
from tests.special.grant_helpers import bank_uscc

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
SIGNER = Signer("k")


@pytest.fixture
def data(app_any_db: Flask, tmp_path: Path) -> Flask:
    import_examples(tmp_path, TODAY)
    return app_any_db


def test_a_special_report_per_day_even_when_two_requests_race(data: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    account = make_account()
    binding = bind(account, FOOD)
    application = special.Application(binding.id, date(2022, 1, 1), TODAY, (Area.MARKET, Area.TAX), Purpose.TENDER)
    first, fresh = special.issue(db.session, account, application, signer=SIGNER, now=NOW, today=TODAY)
    assert fresh
    assert first.record_count == 1
    real = special._existing
    calls = []

    def blind_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return None if len(calls) == 1 else real(*args, **kwargs)  # the other request has not committed yet

    monkeypatch.setattr(special, "_existing", blind_once)
    again, fresh = special.issue(db.session, account, application, signer=SIGNER, now=NOW, today=TODAY)
    assert not fresh
    assert again.report_no == first.report_no
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SpecialReport)) == 1


def test_grants_resolve_only_for_their_subject_institution_and_period(data: Flask) -> None:
    account = make_account()
    bind(account, SHOP, "荷塘区示例餐饮店")
    binding = bind(account, FOOD)
    found = services.bound_subject(db.session, account.id, binding.id)
    assert found is not None
    _binding, subject = found
    bank = institutions.register(db.session, institutions.NewInstitution(bank_uscc(), "银行", "bank", "王"),
                                 actor="a", actor_id=None, now=NOW)  # fmt: skip
    key, _token = institutions.issue_key(db.session, bank.id, actor="a", actor_id=None, now=NOW)
    new = services.NewGrant(bank.id, "贷款", TODAY, date(2027, 1, 31))
    grant, code = services.create(db.session, account, subject, new, key=SIGNER.key, now=NOW, today=TODAY)
    assert code not in grant.code_hash
    ok = services.resolve(db.session, key, FOOD, code, output="json", key=SIGNER.key, now=NOW, today=TODAY)
    assert ok.grant is not None
    other = services.resolve(db.session, key, SHOP, code, output="json", key=SIGNER.key, now=NOW, today=TODAY)
    assert other.grant is None
    late = services.resolve(db.session, key, FOOD, code, output="json", key=SIGNER.key, now=NOW,
                            today=date(2027, 2, 1))  # fmt: skip
    assert late.grant is None
    assert sorted(db.session.scalars(sa.select(AuthorisedCheck.outcome))) == ["expired", "granted"]
    rows = services.grants_of(db.session, subject, TODAY)
    assert [(r.state, r.checks, r.institution.name) for r in rows] == [("active", 1, "银行")]
    assert sorted(c.outcome for c, _i in services.checks_of(db.session, subject)) == ["expired", "granted"]
    assert special.of_subject(db.session, FOOD) == []
    with pytest.raises(services.GrantError):
        services.create(db.session, account, subject, new, key=SIGNER.key, now=NOW, today=TODAY)
