"""The one row pipeline of staff entry and push (data-standard §15): the importer's rules, reasons and versions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from portal import kinds
from portal.entry.rows import Correction, Submitter, apply_items
from portal.extensions import db
from portal.models import AuditEntry, ImportBatch, Penalty, RecordHistory
from tests.conftest import TODAY
from tests.entry.helpers import MARKET, OTHER_DEPARTMENT, example, kinds_with_examples, penalty

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
STAFF = Submitter("clerk@example.gov.cn", None, None, "entry")
DEPARTMENT = Submitter("apikey:jlk_abc", None, MARKET, "api")


def _apply(items: list[object], submitter: Submitter = DEPARTMENT, kind: str = "penalty", **kw: object):  # type: ignore[no-untyped-def]
    return apply_items(db.session, kinds.spec(kind), items, submitter=submitter, today=TODAY, now=NOW,
                       publish_minor_penalties=False, **kw)  # fmt: skip


@pytest.mark.parametrize("kind", kinds_with_examples())
def test_an_example_row_is_imported_then_unchanged_for_every_kind_with_an_example(app: Flask, kind: str) -> None:
    row = example(kind)
    own = Submitter("apikey:jlk_abc", None, row["数据来源单位统一社会信用代码"], "api")
    first = _apply([row], own, kind=kind)
    assert [i.status for i in first.items] == ["imported"], first.items[0].reasons
    assert first.items[0].record_id is not None
    again = _apply([example(kind)], own, kind=kind)
    assert [i.status for i in again.items] == ["unchanged"]
    assert again.items[0].record_id == first.items[0].record_id


def test_a_changed_row_is_a_new_version_with_history(app: Flask) -> None:
    first = _apply([penalty()])
    changed = _apply([penalty(备注="更正了备注")])
    assert changed.items[0].status == "updated"
    record = db.session.get(Penalty, first.items[0].record_id)
    assert record.version == 2
    assert record.remarks == "更正了备注"
    history = db.session.scalars(sa.select(RecordHistory)).all()
    assert [h.actor for h in history] == ["apikey:jlk_abc"]


def test_reasons_are_the_importers_reasons(app: Flask) -> None:
    out = _apply([penalty(行政相对人名称="", 处罚决定日期="2026-02-30", **{"罚款金额(万元)": "-1"})])
    reasons = out.items[0].reasons
    assert "缺少必填字段：行政相对人名称" in reasons
    assert "日期无效：处罚决定日期=2026-02-30" in reasons
    assert "金额无效：罚款金额(万元)=-1" in reasons
    assert out.items[0].status == "rejected"


def test_wrong_types_unknown_keys_and_non_objects(app: Flask) -> None:
    out = _apply([penalty(行政相对人名称=["x"], 备注=True), "not an object", {}, penalty(**{"奇怪\x00列": "1"})])
    assert out.items[0].reasons == ["字段类型无效：行政相对人名称（须为文本、数字或null）",
                                    "字段类型无效：备注（须为文本、数字或null）"]  # fmt: skip
    assert out.items[1].reasons == ["数据项须为JSON对象"]
    assert out.items[2].reasons == ["数据项为空"]
    assert out.items[3].status == "imported"
    assert out.items[3].warnings[0] == "未知字段已忽略：奇怪?列"


def test_numbers_are_read_as_their_decimal_text(app: Flask) -> None:
    out = _apply([penalty(**{"罚款金额(万元)": 15, "没收违法所得、没收非法财物的金额(万元)": 0.82})])
    assert out.items[0].status == "imported"
    record = db.session.get(Penalty, out.items[0].record_id)
    assert str(record.fine_amount.normalize()) == "15"
    assert str(record.confiscated_amount.normalize()) == "0.82"


def test_a_department_pushes_only_its_own_records(app: Flask) -> None:
    out = _apply([penalty(数据来源单位统一社会信用代码=OTHER_DEPARTMENT)])
    assert out.items[0].reasons == ["数据来源单位统一社会信用代码与所属部门不一致：只能报送本部门的数据"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 0
    assert _apply([penalty(数据来源单位统一社会信用代码=OTHER_DEPARTMENT)], STAFF).items[0].status == "imported"


def test_the_same_key_twice_in_one_call_is_rejected_like_a_file_duplicate(app: Flask) -> None:
    out = _apply([penalty(), penalty(备注="x")])
    assert [i.status for i in out.items] == ["imported", "rejected"]
    assert out.items[1].reasons == ["请求内重复：与第0项自然键相同"]


def test_a_push_is_audited_with_its_batch_and_a_refused_form_leaves_nothing(app: Flask) -> None:
    out = _apply([penalty(), penalty(行政相对人名称="")])
    audit = db.session.scalars(sa.select(AuditEntry)).one()
    assert audit.action == "api_push"
    assert audit.target == f"penalty:batch:{out.batch_id}"
    assert audit.reason.startswith("imported=1 updated=0 rejected=1 unchanged=0")
    batch = db.session.get(ImportBatch, out.batch_id)
    assert (batch.imported, batch.rejected) == (1, 1)
    refused = _apply([penalty(行政相对人名称="")], STAFF)
    assert refused.batch_id is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportBatch)) == 1


def test_a_correction_keeps_its_key_and_records_the_reason(app: Flask) -> None:
    rid = _apply([penalty()]).items[0].record_id
    moved = _apply([penalty(行政处罚决定书文号="株市监罚〔2026〕99号")], STAFF, correction=Correction(rid, "笔误"))
    assert moved.items[0].status == "rejected"
    assert "更正不得改变自然键" in moved.items[0].reasons[0]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Penalty)) == 1
    fixed = _apply([penalty(违法事实="更正后的违法事实")], STAFF, correction=Correction(rid, "笔误"))
    assert fixed.items[0].status == "updated"
    history = db.session.scalars(sa.select(RecordHistory)).one()
    assert (history.actor, history.reason) == ("clerk@example.gov.cn", "更正：笔误")
