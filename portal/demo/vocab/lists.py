"""List-entry vocabulary per 名单名称 of portal/data/list-types.csv (format: list_spec), and its defaults."""

from __future__ import annotations

from typing import Any

from portal.demo.vocab.list_spec import list_spec
from portal.demo.vocab.lists_general import GENERAL_SPECS
from portal.demo.vocab.lists_memoranda import MEMORANDA_SPECS

LIST_SPECS: dict[str, dict[str, Any]] = {**MEMORANDA_SPECS, **GENERAL_SPECS}
GENERIC_DEPTS = ("fgw", "scjg", "spj", "zjj", "jtys", "sthj", "rsj")
CATEGORY_DEFAULTS: dict[str, dict[str, Any]] = {
    "红名单": list_spec(None, (6, 2, 2), ("当事人近三年无不良信用记录，{goodwill}。",), "诚信", (24,), "shared"),
    "严重失信主体名单": list_spec(None, (6, 2, 2), ("当事人{generic_bad}，经依法认定为严重失信主体。",), "严失"),
    "重点关注名单": list_spec(None, (6, 3, 1), ("当事人{watch}，列入重点关注名单。",), "重关", (12,)),
}
# Catalogue 依据 values that are notes rather than a basis get a plausible document instead.
BASIS_OVERRIDES = {
    "检验检疫信用AA级企业": "《中华人民共和国海关注册登记和备案企业信用管理办法》",
    "公路水运工程建设领域守信典型企业": "《公路建设市场信用信息管理办法》",
    "出入境检验检疫严重失信企业及其有关人员": "《中华人民共和国海关注册登记和备案企业信用管理办法》",
    "安全生产诚信“黑名单”": "《安全生产严重失信主体名单管理办法》",
    "企业经营异常名录": "《企业信息公示暂行条例》第十七条，《企业经营异常名录管理暂行办法》",
}
REMOVAL_REASONS = {
    "红名单": ("出现失信行为，取消守信激励资格", "评价年度届满，重新评定", "发起单位核查后撤销认定"),
    "严重失信主体名单": ("已履行全部义务，经申请信用修复后移出", "已履行生效法律文书确定的义务", "认定依据被撤销"),
    "重点关注名单": ("已补报并公示年度报告，申请移出", "已依法办理住所变更登记，申请移出", "已完成整改并作出信用承诺"),
}
