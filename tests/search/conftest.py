"""The `backend` fixture: every search backend, each starting from an empty, freshly built index."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from search.contract import Document, SearchBackend
from search.factory import open_backend

PG_TABLE = "search_contract_test"


def _drop_pg_tables(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        names = conn.execute(
            sa.text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE :p"),
            {"p": f"{PG_TABLE}%"},
        ).scalars()
        for name in list(names):
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}"'))


@pytest.fixture(params=["tantivy", "whoosh", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    if request.param == "postgres":
        engine = sa.create_engine(request.getfixturevalue("pg_url"))
        _drop_pg_tables(engine)
        instance = open_backend("postgres", engine=engine, table=PG_TABLE)
    else:
        engine = None
        instance = open_backend(request.param, directory=tmp_path / "search")
    with instance.rebuild():
        pass  # an empty index, built the way reindex builds one
    yield instance
    instance.close()
    if engine is not None:
        _drop_pg_tables(engine)
        engine.dispose()


def make_doc(key: str, **fields: Any) -> Document:
    """A valid public document; tests override what they look at."""
    kind, _sep, ident = key.partition(":")
    values: dict[str, Any] = {
        "key": key,
        "type": kind,
        "id": ident,
        "title": f"标题{ident}",
        "subject_name": "示例科技有限公司",
        "uscc": None,
        "body": "",
        "date": date(2026, 3, 10),
        "url": f"/{kind}/{ident}",
        "public_until": None,
    }
    values.update(fields)
    return Document(**values)


# -- the data-standard examples, imported and indexed (integration tests) -----------------------------------
EXAMPLE_KEYS = {
    "minor_penalty": "荷市监简罚〔2026〕7号",  # 轻微: never public
    "removed_entry_subject": "株洲示例商贸有限公司",  # its only record left the 重点关注名单 on 2026-09-01
    "person_full_name": "王小明",
    "person_id_number": "430202198503121235",
    "rep_id_number": "430202199001014565",
}


def import_examples(folder: Path, today: date) -> None:
    """The three data-standard §9 example files, imported through the real importer on `today`."""
    import shutil

    from portal.extensions import db
    from portal.importers.run import import_file
    from tests.conftest import DATA

    for kind in ("penalty", "permit", "list"):
        path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
        result = import_file(db.session, path, kind, today=today)
        assert result.summary == "imported=3 updated=0 rejected=0"
