"""Record pages: every public field, masked names, 公示截止期 and badges; the same 404 for hidden and unknown."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.publicity import RecordStatus
from portal.extensions import db
from portal.models import Penalty
from tests.public.helpers import (
    LEGAL_REP_ID,
    MINOR_PENALTY_NO,
    PERSON_ID,
    PERSON_NO,
    SERIOUS_NO,
    assert_no_id_numbers,
    entry_id,
    penalty_id,
    permit_id,
)

pytestmark = pytest.mark.usefixtures("examples")


def _page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_a_penalty_page_shows_every_public_field_of_the_standard(client: FlaskClient) -> None:
    html = _page(client, f"/penalties/{penalty_id(SERIOUS_NO)}")
    for text in (
        SERIOUS_NO, "株洲示例食品有限公司", "91430200MA4L0A1B7K", "张*", "生产经营超过保质期的食品",
        "货值金额0.82万元", "《中华人民共和国食品安全法》第一百二十四条第一款", "没收违法所得", "罚款", "吊销许可证件",
        "没收违法所得0.82万元，罚款15万元，吊销食品经营许可证", ">15<", ">0.82<", "食品经营许可证JY14302000012345",
        "2026-03-10", "株洲市市场监督管理局", "11430200006123458Y", "法人及非法人组织",
        # labels of the standard
        "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）",
        "处罚决定日期", "处罚机关", "数据来源单位", "失信严重程度", "法定代表人",
    ):
        assert text in html, text
    assert "公示截止期" in html
    assert "2029-03-10" in html
    assert '<span class="badge badge-published">公示中</span>' in html
    assert "严重" in html
    assert "张三" not in html
    assert_no_id_numbers(html)
    assert "身份证" not in html  # not even the kind of ID


def test_a_natural_person_is_masked_and_shows_no_organisation_fields(client: FlaskClient) -> None:
    html = _page(client, f"/penalties/{penalty_id(PERSON_NO)}")
    assert ">王**</a>" in html
    assert "王小明" not in html
    assert "小明" not in html
    assert "自然人" in html
    assert "<dt>统一社会信用代码</dt>" not in html
    assert "法定代表人" not in html
    assert "2027-05-05" in html  # 一般: D + 1 year
    assert_no_id_numbers(html)


def test_a_record_page_links_to_objection_and_repair(client: FlaskClient) -> None:
    pid = penalty_id(SERIOUS_NO)
    html = _page(client, f"/penalties/{pid}")
    assert f'href="/objections/new?record=penalty:{pid}"' in html
    assert f'href="/repairs/new?record=penalty:{pid}"' in html
    assert "对此记录提出异议" in html
    assert "申请信用修复" in html


def test_a_permit_page_shows_its_fields_state_and_long_term_validity(client: FlaskClient) -> None:
    html = _page(client, f"/permits/{permit_id('荷市监登〔2026〕311号')}")
    for text in ("个体工商户登记准予决定书", "荷市监登〔2026〕311号", "登记", "营业执照",
                 "个体工商户设立登记：餐饮服务", "2026-02-03", "长期", "株洲市荷塘区市场监督管理局", "有效",
                 "荷塘区示例餐饮店", "李*"):
        assert text in html, text
    assert "李四" not in html
    assert "2099-12-31" not in html
    assert "经营者" in html  # an individual business has an operator, not a legal representative
    assert 'href="/objections/new?record=permit:' in html
    assert "/repairs/new" not in html  # nothing to repair about a permit


def test_a_revoked_permit_shows_it_is_invalid(client: FlaskClient) -> None:
    html = _page(client, f"/permits/{permit_id('株市监食许〔2026〕102号')}")
    assert "许可状态：无效" in html
    assert "2026-03-10依株市监罚〔2026〕15号吊销" in html  # 备注


def test_a_list_entry_page_shows_the_recognition_and_links_to_its_measures(client: FlaskClient) -> None:
    html = _page(client, f"/lists/entries/{entry_id('政府采购领域严重违法失信主体')}")
    for text in ("严重失信主体名单", "政府采购领域严重违法失信主体", "株洲示例建设工程有限公司", "赵*",
                 "在政府采购活动中提供虚假材料谋取中标", "《中华人民共和国政府采购法》第七十七条",
                 "株财采处〔2026〕4号",
                 "株洲市财政局", "2026-02-20", "2029-02-19", "认定依据", "列入日期", "有效期至", "联合奖惩措施"):
        assert text in html, text
    assert "赵六" not in html
    assert "/repairs/new?record=list:" in html


def test_a_red_list_entry_offers_no_repair(client: FlaskClient) -> None:
    html = _page(client, f"/lists/entries/{entry_id('纳税信用A级纳税人')}")
    assert "红名单" in html
    assert "钱*" in html
    assert "/repairs/new" not in html


def test_the_minor_penalty_and_the_removed_entry_give_the_plain_404(client: FlaskClient) -> None:
    hidden = client.get(f"/penalties/{penalty_id(MINOR_PENALTY_NO)}")
    unknown = client.get("/penalties/999999")
    removed = client.get(f"/lists/entries/{entry_id('企业经营异常名录')}")
    assert hidden.status_code == unknown.status_code == removed.status_code == 404
    assert hidden.get_data() == unknown.get_data()  # nothing tells a hidden record from a missing one
    assert MINOR_PENALTY_NO not in hidden.get_data(as_text=True)
    assert "株洲示例商贸有限公司" not in removed.get_data(as_text=True)
    assert "页面不存在" in removed.get_data(as_text=True)


def test_withdrawn_and_repaired_records_disappear_and_objection_keeps_them_with_a_mark(
    client: FlaskClient, app: Flask
) -> None:
    pid = penalty_id(SERIOUS_NO)
    penalty = db.session.get(Penalty, pid)
    assert penalty is not None
    for status in (RecordStatus.WITHDRAWN, RecordStatus.REPAIRED, RecordStatus.NOT_PUBLIC):
        penalty.status = status
        db.session.commit()
        assert client.get(f"/penalties/{pid}").status_code == 404, status
        assert SERIOUS_NO not in client.get("/penalties").get_data(as_text=True)
    penalty.status = RecordStatus.UNDER_OBJECTION
    db.session.commit()
    html = _page(client, f"/penalties/{pid}")
    assert '<span class="badge badge-under_objection">异议处理中</span>' in html
    assert "已修复" not in html
    assert "已撤销" not in html


def test_a_penalty_after_its_publicity_end_is_gone(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    pid = penalty_id(PERSON_NO)
    monkeypatch.setattr("portal.clock.today", lambda: date(2027, 5, 5))
    shown = client.get(f"/penalties/{pid}")
    assert shown.status_code == 200  # the end day is included
    assert PERSON_NO in shown.get_data(as_text=True)
    monkeypatch.setattr("portal.clock.today", lambda: date(2027, 5, 6))
    gone = client.get(f"/penalties/{pid}")
    assert gone.status_code == 404
    assert "页面不存在" in gone.get_data(as_text=True)
    assert PERSON_NO not in gone.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/penalties/../../etc/passwd", "/penalties/..%2f..%2fetc%2fpasswd", "/penalties/-1", "/penalties/0",
        "/penalties/1.5", "/penalties/99999999999999999999999", "/permits/2147483648", "/lists/entries/%00",
        "/penalties/1%20OR%201=1", "/lists/type/abc", "/lists/nolist", "/subjects/..%2F..%2Fetc",
        f"/subjects/{PERSON_ID}", f"/subjects/p/{PERSON_ID}", "/subjects/p/<script>", "/guides/../../app.py",
    ],
)
def test_hostile_ids_and_paths_give_404_not_500(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, url
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert PERSON_ID not in body
    assert LEGAL_REP_ID not in body


def test_free_text_with_an_id_number_or_the_full_name_is_scrubbed(client: FlaskClient) -> None:
    penalty = db.session.scalar(sa.select(Penalty).where(Penalty.decision_no == PERSON_NO))
    assert penalty is not None
    penalty.facts = f"当事人王小明（身份证号{PERSON_ID}）在城区露天焚烧落叶。"
    penalty.remarks = f"另附证件{LEGAL_REP_ID[:17]}x"
    db.session.commit()
    html = _page(client, f"/penalties/{penalty.id}")
    assert "当事人王**（身份证号******************）" in html
    assert "王小明" not in html
    assert_no_id_numbers(html)
