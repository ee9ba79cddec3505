"""A list entry's 认定文书号 is part of its public record: the subject API carries it and search finds it by it."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import TODAY, import_examples

DOC = "株财采处〔2026〕4号"


def _search(client: FlaskClient, **params: str) -> dict:
    return client.get("/api/v1/search", query_string=params).get_json()


def test_the_subject_api_carries_the_recognition_document_number(api: FlaskClient) -> None:
    [entry] = api.get("/api/v1/subjects/91430203MA4M8N2P8B").get_json()["lists"]
    assert (entry["category"], entry["doc_no"]) == ("blacklist", DOC)


@pytest.mark.parametrize("query", [DOC, "株财采处(2026)4号", "株财采处〔2026〕4号 "])
def test_the_recognition_document_number_finds_its_list_entry(api: FlaskClient, query: str) -> None:
    body = _search(api, q=query)
    assert body["results"][0]["type"] == "blacklist"
    assert body["results"][0]["title"] == "政府采购领域严重违法失信主体"
    assert _search(api, q=DOC, type="blacklist")["total"] == 1


def test_the_degraded_search_finds_it_too(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("portal.clock.today", lambda: TODAY)
    import_examples(tmp_path, TODAY)
    body = _search(app.test_client(), q=DOC)
    assert body["degraded"] is True
    assert [r["type"] for r in body["results"]] == ["blacklist"]
