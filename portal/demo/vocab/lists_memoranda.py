"""List specs, part 1: the lists of the national joint-sanction memoranda (catalogue rows 1–38)."""

from __future__ import annotations

from typing import Any

from portal.demo.vocab.list_spec import ORG_ONLY, PERSON_ONLY, list_spec

MEMORANDA_SPECS: dict[str, dict[str, Any]] = {
    "重大税收违法案件当事人": list_spec(
        "taxjc",
        (8, 1, 1),
        (
            "经检查，当事人{years}通过{evasion}方式少缴税款{money_big}万元，达到重大税收违法失信案件标准。",
            "经检查，当事人虚开增值税专用发票{n}份，涉及税额{money}万元。",
        ),
        "处",
        w=6,
    ),
    "安全生产领域联合惩戒对象": list_spec(
        "yjgl",
        (9, 0, 1),
        (
            "当事人{ymd}发生一起{accident}事故，造成{victims}，对事故发生负有主要责任。",
            "当事人未取得安全生产许可证擅自从事生产活动，经责令停产停业后仍继续生产。",
        ),
        "失信",
        (12, 36),
        w=2,
        tags="manuf chemical bmat mining energy construction logistics",
    ),
    "环境违法“黑名单”": list_spec(
        "sthj",
        ORG_ONLY,
        (
            "当事人通过{evade}方式逃避监管排放污染物，受到行政处罚。",
            "当事人超标排放污染物，经责令改正后拒不改正，被按日连续处罚。",
        ),
        "环信",
        w=2,
        tags="manuf chemical bmat mining energy food textile pharma",
    ),
    "食品药品安全严重失信者名单": list_spec(
        "scjg",
        (7, 3, 0),
        ("当事人{badfood}，被处以罚款并吊销许可证件，情节严重。",),
        "严失",
        w=2,
        tags="food catering pharma s_food s_catering s_pharma",
    ),
    "严重质量违法失信行为当事人": list_spec(
        "scjg", ORG_ONLY, ("当事人{badgood}，货值金额{money}万元，情节严重。",), "质失", tags="manuf bmat textile trade"
    ),
    "财政性资金管理使用领域相关失信责任主体": list_spec(
        "czj", (9, 0, 1), ("当事人在申报{fund}过程中提供虚假材料，骗取财政资金{money_small}万元。",), "信"
    ),
    "失信被执行人": list_spec(
        "court",
        (5, 2, 4),
        (
            "被执行人有履行能力而拒不履行生效法律文书确定的给付义务，涉案金额{money}万元。",
            "被执行人以隐匿、转移财产等方法规避执行。",
            "被执行人违反限制消费令。",
            "被执行人无正当理由拒不履行执行和解协议。",
        ),
        "执",
        (24, 24, 0, -1),
        w=12,
        remark="已采取限制消费措施",
    ),
    "统计上严重失信企业及其有关人员": list_spec(
        "tjj", ORG_ONLY, ("当事人在{year}年统计调查中提供不真实的统计资料，主营业务收入虚报{pct}%。",), "信"
    ),
    "严重违法超限超载运输失信当事人": list_spec(
        "jtys",
        (6, 0, 4),
        (
            "当事人所属车辆一年内违法超限运输{n_small}次以上。",
            "当事人车辆车货总质量超过限定标准{ton}吨，严重违法超限运输。",
        ),
        "超失",
        (12,),
        w=2,
        tags="logistics construction bmat mining",
    ),
    "农资领域严重失信联合惩戒对象": list_spec(
        "nyj",
        (5, 5, 0),
        ("当事人经营假劣{farminput}，货值金额{money_small}万元，被吊销许可证件。",),
        "失",
        tags="agri trade s_farm",
    ),
    "海关失信企业": list_spec(
        "customs",
        ORG_ONLY,
        ("当事人经海关认定为失信企业：{customsreason}。",),
        "信",
        (12,),
        tags="trade manuf tech textile",
    ),
    "涉电力领域“黑名单”": list_spec("fgw", ORG_ONLY, ("当事人{power}。",), "电失", tags="energy manuf"),
    "房地产领域相关失信责任主体": list_spec(
        "zjj", (9, 0, 1), ("当事人在{project}项目中{estate}，受到行政处罚。",), "失", tags="realestate construction"
    ),
    "保险领域违法失信相关责任主体": list_spec("jrj", (8, 0, 2), ("当事人{insurance}，受到监管部门行政处罚。",), "失"),
    "国内贸易流通领域严重违法失信主体": list_spec(
        "swj", (7, 3, 0), ("当事人{tradebad}，受到行政处罚。",), "失", tags="trade auto s_food s_store s_retail"
    ),
    "拖欠工资“黑名单”": list_spec(
        "rsj",
        (9, 0, 1),
        (
            "当事人拖欠{workers}名劳动者工资共计{money}万元，经责令限期支付后逾期仍不支付。",
            "当事人克扣、无故拖欠农民工工资，数额达到认定拒不支付劳动报酬罪的标准。",
        ),
        "欠薪",
        w=3,
        tags="construction labor manuf textile catering property",
    ),
    "严重危害正常医疗秩序责任人": list_spec(
        "wjw", PERSON_ONLY, ("当事人{ymd}在{hospital}{disorder}，受到治安管理处罚。",), "失"
    ),
    "公共资源交易领域严重失信主体": list_spec(
        "ggzy",
        ORG_ONLY,
        ("当事人在“{procurement}”项目招标投标活动中{bid}。",),
        "失",
        w=2,
        tags="construction trade tech property",
    ),
    "旅游领域严重失信相关责任主体": list_spec(
        "wlj", (7, 0, 3), ("当事人{tour}，受到行政处罚。",), "失", tags="tourism hotel"
    ),
    "对外经济合作领域严重失信主体": list_spec(
        "swj", ORG_ONLY, ("当事人{abroad}。",), "外失", tags="construction trade labor"
    ),
    "婚姻登记严重失信当事人": list_spec("mzj", PERSON_ONLY, ("当事人在办理婚姻登记时{marriage}。",), "婚失"),
    "家政服务领域相关失信责任主体": list_spec(
        "swj", (6, 0, 4), ("当事人{housekeeping}，经查证属实。",), "家政失", tags="property labor"
    ),
    "运输物流行业严重违法失信联合惩戒对象": list_spec(
        "jtys", (8, 0, 2), ("当事人{logistic}。",), "物失", tags="logistics"
    ),
    "石油天然气行业严重违法失信主体": list_spec(
        "fgw", ORG_ONLY, ("当事人{oil}。",), "油失", tags="chemical energy gas trade"
    ),
    "涉金融严重失信人": list_spec("pbc", (5, 0, 5), ("当事人{finance}，涉及金额{money}万元。",), "失"),
    "违法失信上市公司相关责任主体": list_spec("jrj", (7, 0, 3), ("当事人{listedco}。",), "上市失"),
    "失信企业": list_spec(
        "scjg",
        ORG_ONLY,
        ("当事人被列入经营异常名录届满3年仍未履行相关义务。", "当事人提交虚假材料取得公司登记，被撤销登记。"),
        "严违",
        w=3,
    ),
    "电子商务及分享经济领域炒信行为相关失信主体": list_spec(
        "swj",
        (6, 2, 2),
        ("当事人通过{fake_trade}方式在电商平台虚构交易{n}00笔，提升店铺信誉。",),
        "炒信",
        tags="trade tech s_retail s_food",
    ),
    "盐行业生产经营严重失信者": list_spec(
        "gxj", (6, 4, 0), ("当事人{salt}。",), "盐失", tags="food trade s_food s_store"
    ),
    "电子认证服务行业联合奖惩对象（守信）": list_spec(
        "gxj",
        ORG_ONLY,
        ("当事人严格遵守电子认证服务规范，{year}年度行业信用评价为AAA级。",),
        "电认",
        (24,),
        "shared",
        tags="tech",
    ),
    "电子认证服务行业联合奖惩对象（失信）": list_spec(
        "gxj", ORG_ONLY, ("当事人违规签发数字证书，受到行政处罚。",), "电失", tags="tech"
    ),
    "慈善捐赠领域联合奖惩对象（守信）": list_spec(
        "mzj",
        (5, 1, 4),
        ("当事人{year}年度向{charity}捐赠款物{money_small}万元，捐赠记录良好。",),
        "慈",
        (24,),
        "shared",
    ),
    "慈善捐赠领域联合奖惩对象（失信）": list_spec("mzj", (6, 0, 4), ("当事人{charitybad}。",), "慈失"),
    "科研领域相关失信责任主体": list_spec(
        "kjj", (3, 0, 7), ("当事人在{sciproject}项目申报中{science}。",), "失", tags="tech manuf pharma"
    ),
    "社会保险领域严重失信企业及其有关人员": list_spec(
        "rsj", (8, 0, 2), ("当事人以{socialsec}方式骗取社会保险基金{money_small}万元。",), "社保失"
    ),
    "政府采购领域严重违法失信主体": list_spec(
        "czj",
        ORG_ONLY,
        (
            "在“{procurement}”项目中，当事人提供虚假材料谋取中标，被处以罚款并禁止参加政府采购活动。",
            "在“{procurement}”项目中，当事人与其他供应商恶意串通，被处以罚款并禁止参加政府采购活动。",
        ),
        "采处",
        (12, 24, 36),
        w=2,
        remark="{y13}年内禁止参加政府采购活动",
        tags="construction trade tech property",
    ),
    "知识产权（专利）领域严重失信主体": list_spec("scjg", (7, 1, 2), ("当事人{ip}。",), "知失"),
    "会计领域违法失信相关责任主体": list_spec(
        "czj", (4, 0, 6), ("当事人{accounting}，受到财政部门行政处罚。",), "会失"
    ),
}
