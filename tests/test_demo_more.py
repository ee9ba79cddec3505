"""Demo data of the further kinds (issue 16): 行政强制, 荣誉 and 信用承诺 rows, realistic, deterministic, importable."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from portal.demo.load import load_demo
from portal.demo.more_kinds import MORE_DEMO, generate_more_rows, more_plan, write_more_csv
from portal.domain.kinds import BROKEN_COMMITMENT_STATES, COMMITMENT_TYPES, RecordKind
from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.importers.run import import_file
from portal.models import Coercion, Commitment, Honour, Penalty, Permit
from tests.conftest import TODAY

AS_OF = date(2025, 6, 30)
SEED = 20250630


def rows(kind: str, count: int = 600) -> list[dict[str, str]]:
    return list(generate_more_rows(kind, count, seed=SEED, as_of=AS_OF, pool_records=10_000))


def test_same_seed_same_rows_and_another_seed_other_rows() -> None:
    for kind in MORE_DEMO:
        assert rows(kind, 50) == rows(kind, 50)
        assert rows(kind, 50) != list(generate_more_rows(kind, 50, seed=SEED + 1, as_of=AS_OF, pool_records=10_000))


def test_unknown_kind_and_negative_count_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        generate_more_rows("penalty", 5, seed=1, as_of=AS_OF)
    with pytest.raises(ValueError, match="negative"):
        generate_more_rows("honour", -1, seed=1, as_of=AS_OF)
    assert list(generate_more_rows("honour", 0, seed=1, as_of=AS_OF)) == []


def test_the_plan_takes_a_small_share_per_kind() -> None:
    assert more_plan(20_000) == [("coercion", 600), ("honour", 600), ("commitment", 1200)]
    assert more_plan(0) == [("coercion", 0), ("honour", 0), ("commitment", 0)]


def test_coercions_read_like_jianglin_departments_decisions() -> None:
    found = rows("coercion")
    authorities = Counter(r["实施机关"] for r in found)
    assert {"江临市生态环境局", "江临市交通运输局"} <= set(authorities)
    assert any("市场监督管理局" in name for name in authorities)
    assert any("税务局" in name for name in authorities)
    assert all(r["决定日期"] <= AS_OF.isoformat() for r in found)
    lifted = [r for r in found if r["解除日期"]]
    assert 0.2 < len(lifted) / len(found) < 0.8
    assert all(r["解除原因"] for r in lifted)
    assert all(r["解除日期"] >= r["决定日期"] for r in lifted)
    assert any(r["行政相对人类别"] == "自然人" for r in found)  # never public: shared between departments only
    assert len({r["行政强制决定书文号"] for r in found}) == len(found)


def test_honours_are_real_schemes_granted_by_documents_naming_many_subjects() -> None:
    found = rows("honour")
    names = Counter(r["荣誉名称"] for r in found)
    assert {"江临市守合同重信用企业", "纳税信用A级纳税人"} <= set(names)
    assert names.most_common(1)[0][1] > 30
    per_doc = Counter(r["授予文件号"] for r in found)
    assert max(per_doc.values()) > 5  # one 授予文件 names many subjects
    keys = [(r["荣誉名称"], r["授予文件号"], r["行政相对人名称"]) for r in found]
    assert len(set(keys)) == len(keys)
    assert any(r["撤销日期"] and r["撤销原因"] for r in found) or len(found) < 200


def test_commitments_cover_the_types_states_and_openness_of_the_standard() -> None:
    found = rows("commitment", 1200)
    types = Counter(r["承诺类型"] for r in found)
    assert {"审批替代型", "容缺受理型", "证明事项型", "行业自律型", "主动型"} <= set(types) <= set(COMMITMENT_TYPES)
    broken = [r for r in found if r["承诺履行状态"] in BROKEN_COMMITMENT_STATES]
    assert 0.02 < len(broken) / len(found) < 0.12
    assert all(r["未履行的承诺内容"] and r["履行状态认定日期"] for r in broken)
    assert {r["公开类型"] for r in found} == {"社会公开", "政务共享", "不公开"}
    codes = [r["承诺编码"] for r in found if r["承诺编码"]]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 20 and c.startswith("439900") for c in codes)


@pytest.mark.parametrize("kind", list(MORE_DEMO))
def test_every_row_passes_the_real_importer(app: Flask, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.csv"
    write_more_csv(path, kind, 400, seed=SEED, as_of=TODAY, pool_records=4_000)
    result = import_file(db.session, path, RecordKind(kind), today=TODAY, source_label="demo-data")
    assert result.rejected == 0, result.summary
    assert result.imported > 380


def test_load_demo_imports_the_further_kinds_with_public_and_hidden_rows(app: Flask) -> None:
    summary = load_demo(db.session, records=1_000, seed=7, as_of=TODAY)
    assert "coercion:" in summary
    assert "honour:" in summary
    assert "commitment:" in summary
    counts = {m: db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in (Coercion, Honour, Commitment)}
    assert counts[Coercion] == 30
    assert counts[Commitment] == 60
    assert 25 <= counts[Honour] <= 30
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) > 300
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Permit)) > 350
    hidden = db.session.scalar(
        sa.select(sa.func.count()).select_from(Commitment).where(Commitment.status == RecordStatus.NOT_PUBLIC)
    )
    assert 0 < hidden < counts[Commitment]
    # the commitments are of subjects that also have penalties or permits: one city, one subject pool
    shared = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Commitment.subject_id))).where(
            Commitment.subject_id.in_(sa.select(Penalty.subject_id).union(sa.select(Permit.subject_id)))
        )
    )
    assert shared > 10
