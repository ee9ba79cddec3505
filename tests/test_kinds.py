"""The record-kind registry: every kind's spec agrees with the app (URLs, model attributes) and its public outputs
(listing page, API profile, CSV export) show a public record of the kind and hide it once it is not public."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal import kinds, urls
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.importers.run import import_file
from portal.kind_spec import KindSpec
from portal.kinds import KINDS
from portal.models import Subject
from portal.visibility import public_on
from tests.conftest import DATA, TODAY

SPECS = list(KINDS.values())
SHARED = ("day", "doc_no", "doc_key", "authority_name", "authority_uscc", "subject_id", "status", "public_until")


@pytest.fixture
def examples(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Flask:
    """The data-standard §9 example file of every kind imported, with the site's clock on TODAY."""
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    for spec in SPECS:
        kind = spec.kind.value
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", tmp_path / f"{kind}.csv"))
        assert import_file(db.session, path, kind, today=TODAY).summary == "imported=3 updated=0 rejected=0"
    return app


def _public_row(spec: KindSpec) -> tuple[Any, Subject]:
    model = spec.model
    query = (
        sa.select(model, Subject)
        .join(Subject, Subject.id == model.subject_id)
        .where(public_on(model, TODAY))
        .order_by(model.id)
    )
    found = db.session.execute(query).first()
    assert found is not None, f"the {spec.kind} examples have no public record"
    return found[0], found[1]


def _listing_paths(spec: KindSpec, record: Any) -> tuple[str, str]:
    """The kind's own listing and its CSV export; list entries are listed per category (views_lists.py)."""
    if spec.index_endpoint and spec.export_endpoint:
        return urls.path(spec.index_endpoint), urls.path(spec.export_endpoint, fmt="csv")
    category = record.category.value
    return (urls.path("public.list_category", category=category),
            urls.path("public.list_category_export", category=category, fmt="csv"))  # fmt: skip


def _api_path(subject: Subject) -> str:
    if subject.uscc and subject.kind.value != "natural_person":
        return f"/api/v1/subjects/{subject.uscc}"
    return f"/api/v1/subjects/p/{subject.public_id}"


def _shown(client: FlaskClient, spec: KindSpec, record: Any, subject: Subject) -> dict[str, bool]:
    """Where the record is shown: its listing page, its subject's API profile, the listing's CSV export."""
    detail = urls.path(spec.detail_endpoint, record_id=record.id)
    listing, export = _listing_paths(spec, record)
    page = client.get(listing)
    assert page.status_code == 200
    answer = client.get(_api_path(subject))
    api_ids = [r["id"] for r in answer.get_json().get(spec.api_name, [])] if answer.status_code == 200 else []
    exported = client.get(export)
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    links = [row[-1] for row in rows[1:]]  # the record page's absolute URL is every export row's last column
    return {
        "listing": f'href="{detail}"' in page.get_data(as_text=True),
        "api": record.id in api_ids,
        "export": any(link.endswith(detail) for link in links),
    }


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_the_detail_url_resolves_to_the_specs_endpoint(app: Flask, spec: KindSpec) -> None:
    adapter = app.url_map.bind("localhost")
    assert adapter.match(urls.path(spec.detail_endpoint, record_id=7)) == (spec.detail_endpoint, {"record_id": 7})
    assert adapter.match(spec.record_path(7)) == (spec.detail_endpoint, {"record_id": 7})
    if spec.index_endpoint:
        assert adapter.match(urls.path(spec.index_endpoint)) == (spec.index_endpoint, {})
    if spec.export_endpoint:
        assert adapter.match(urls.path(spec.export_endpoint, fmt="csv")) == (spec.export_endpoint, {"fmt": "csv"})


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_a_record_is_shown_while_public_and_hidden_once_it_is_not(
    examples: Flask, client: FlaskClient, spec: KindSpec
) -> None:
    record, subject = _public_row(spec)
    assert _shown(client, spec, record, subject) == {"listing": True, "api": True, "export": True}
    record.status = RecordStatus.WITHDRAWN
    db.session.commit()
    assert _shown(client, spec, record, subject) == {"listing": False, "api": False, "export": False}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_spec_lookups_round_trip(examples: Flask, spec: KindSpec) -> None:
    record, subject = _public_row(spec)
    assert kinds.spec_of(record) is spec
    assert kinds.spec(spec.kind.value) is spec
    assert kinds.find(spec.kind.value) is spec
    assert spec.present(record, subject).kind is spec.kind


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind.value)
def test_the_model_has_every_shared_attribute(examples: Flask, spec: KindSpec) -> None:
    missing = [name for name in SHARED if not hasattr(spec.model, name)]
    assert missing == []
    record, subject = _public_row(spec)
    assert record.day == spec.present(record, subject).decided_on
    assert all(getattr(record, name) for name in SHARED if name != "public_until")


def test_an_unknown_kind_is_found_nowhere() -> None:
    assert kinds.find("sanction") is None
    assert kinds.find(None) is None
    with pytest.raises(ValueError, match="sanction"):
        kinds.spec("sanction")
    assert kinds.values() == tuple(spec.kind.value for spec in SPECS)
