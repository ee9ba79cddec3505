"""List-entry vocabulary of the demo data, per 名单名称 of portal/data/list-types.csv.

Each spec: recognising department key (None: any of GENERIC_DEPTS), subject weights (organisations,
个体工商户, natural persons), 列入事由 patterns, 认定文书号 word, validity months (0 = 长期, -1 = blank),
flags: "shared" (one document lists many subjects, e.g. an annual A-level list), "annual" (listed in a
fixed month), "female"; and optional sector tags that listed organisations should have. Unknown list
names (a catalogue edited later) fall back to CATEGORY_DEFAULTS.
"""

from __future__ import annotations

from typing import Any


def _spec(
    dept: str | None,
    weights: tuple[int, int, int],
    reasons: tuple[str, ...],
    doc: str,
    months: tuple[int, ...] = (36,),
    flags: str = "",
    w: int = 1,
    remark: str = "",
    tags: str = "",
) -> dict[str, Any]:
    return {
        "dept": dept,
        "weights": weights,
        "reasons": reasons,
        "doc": doc,
        "months": months,
        "flags": frozenset(flags.split()),
        "w": w,
        "remark": remark,
        "tags": frozenset(tags.split()),
    }


_ORG = (1, 0, 0)
_PERSON = (0, 0, 1)

LIST_SPECS: dict[str, dict[str, Any]] = {
    "重大税收违法案件当事人": _spec(
        "taxjc",
        (8, 1, 1),
        (
            "经检查，当事人{years}通过{evasion}方式少缴税款{money_big}万元，达到重大税收违法失信案件标准。",
            "经检查，当事人虚开增值税专用发票{n}份，涉及税额{money}万元。",
        ),
        "处",
        w=6,
    ),
    "安全生产领域联合惩戒对象": _spec(
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
    "环境违法“黑名单”": _spec(
        "sthj",
        _ORG,
        (
            "当事人通过{evade}方式逃避监管排放污染物，受到行政处罚。",
            "当事人超标排放污染物，经责令改正后拒不改正，被按日连续处罚。",
        ),
        "环信",
        w=2,
        tags="manuf chemical bmat mining energy food textile pharma",
    ),
    "食品药品安全严重失信者名单": _spec(
        "scjg",
        (7, 3, 0),
        ("当事人{badfood}，被处以罚款并吊销许可证件，情节严重。",),
        "严失",
        w=2,
        tags="food catering pharma s_food s_catering s_pharma",
    ),
    "严重质量违法失信行为当事人": _spec(
        "scjg", _ORG, ("当事人{badgood}，货值金额{money}万元，情节严重。",), "质失", tags="manuf bmat textile trade"
    ),
    "财政性资金管理使用领域相关失信责任主体": _spec(
        "czj", (9, 0, 1), ("当事人在申报{fund}过程中提供虚假材料，骗取财政资金{money_small}万元。",), "信"
    ),
    "失信被执行人": _spec(
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
    "统计上严重失信企业及其有关人员": _spec(
        "tjj", _ORG, ("当事人在{year}年统计调查中提供不真实的统计资料，主营业务收入虚报{pct}%。",), "信"
    ),
    "严重违法超限超载运输失信当事人": _spec(
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
    "农资领域严重失信联合惩戒对象": _spec(
        "nyj",
        (5, 5, 0),
        ("当事人经营假劣{farminput}，货值金额{money_small}万元，被吊销许可证件。",),
        "失",
        tags="agri trade s_farm",
    ),
    "海关失信企业": _spec(
        "customs",
        _ORG,
        ("当事人经海关认定为失信企业：{customsreason}。",),
        "信",
        (12,),
        tags="trade manuf tech textile",
    ),
    "涉电力领域“黑名单”": _spec("fgw", _ORG, ("当事人{power}。",), "电失", tags="energy manuf"),
    "房地产领域相关失信责任主体": _spec(
        "zjj", (9, 0, 1), ("当事人在{project}项目中{estate}，受到行政处罚。",), "失", tags="realestate construction"
    ),
    "保险领域违法失信相关责任主体": _spec("jrj", (8, 0, 2), ("当事人{insurance}，受到监管部门行政处罚。",), "失"),
    "国内贸易流通领域严重违法失信主体": _spec(
        "swj", (7, 3, 0), ("当事人{tradebad}，受到行政处罚。",), "失", tags="trade auto s_food s_store s_retail"
    ),
    "拖欠工资“黑名单”": _spec(
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
    "严重危害正常医疗秩序责任人": _spec(
        "wjw", _PERSON, ("当事人{ymd}在{hospital}{disorder}，受到治安管理处罚。",), "失"
    ),
    "公共资源交易领域严重失信主体": _spec(
        "ggzy",
        _ORG,
        ("当事人在“{procurement}”项目招标投标活动中{bid}。",),
        "失",
        w=2,
        tags="construction trade tech property",
    ),
    "旅游领域严重失信相关责任主体": _spec(
        "wlj", (7, 0, 3), ("当事人{tour}，受到行政处罚。",), "失", tags="tourism hotel"
    ),
    "对外经济合作领域严重失信主体": _spec("swj", _ORG, ("当事人{abroad}。",), "外失", tags="construction trade labor"),
    "婚姻登记严重失信当事人": _spec("mzj", _PERSON, ("当事人在办理婚姻登记时{marriage}。",), "婚失"),
    "家政服务领域相关失信责任主体": _spec(
        "swj", (6, 0, 4), ("当事人{housekeeping}，经查证属实。",), "家政失", tags="property labor"
    ),
    "运输物流行业严重违法失信联合惩戒对象": _spec("jtys", (8, 0, 2), ("当事人{logistic}。",), "物失", tags="logistics"),
    "石油天然气行业严重违法失信主体": _spec("fgw", _ORG, ("当事人{oil}。",), "油失", tags="chemical energy gas trade"),
    "涉金融严重失信人": _spec("pbc", (5, 0, 5), ("当事人{finance}，涉及金额{money}万元。",), "失"),
    "违法失信上市公司相关责任主体": _spec("jrj", (7, 0, 3), ("当事人{listedco}。",), "上市失"),
    "失信企业": _spec(
        "scjg",
        _ORG,
        ("当事人被列入经营异常名录届满3年仍未履行相关义务。", "当事人提交虚假材料取得公司登记，被撤销登记。"),
        "严违",
        w=3,
    ),
    "电子商务及分享经济领域炒信行为相关失信主体": _spec(
        "swj",
        (6, 2, 2),
        ("当事人通过{fake_trade}方式在电商平台虚构交易{n}00笔，提升店铺信誉。",),
        "炒信",
        tags="trade tech s_retail s_food",
    ),
    "盐行业生产经营严重失信者": _spec("gxj", (6, 4, 0), ("当事人{salt}。",), "盐失", tags="food trade s_food s_store"),
    "电子认证服务行业联合奖惩对象（守信）": _spec(
        "gxj",
        _ORG,
        ("当事人严格遵守电子认证服务规范，{year}年度行业信用评价为AAA级。",),
        "电认",
        (24,),
        "shared",
        tags="tech",
    ),
    "电子认证服务行业联合奖惩对象（失信）": _spec(
        "gxj", _ORG, ("当事人违规签发数字证书，受到行政处罚。",), "电失", tags="tech"
    ),
    "慈善捐赠领域联合奖惩对象（守信）": _spec(
        "mzj",
        (5, 1, 4),
        ("当事人{year}年度向{charity}捐赠款物{money_small}万元，捐赠记录良好。",),
        "慈",
        (24,),
        "shared",
    ),
    "慈善捐赠领域联合奖惩对象（失信）": _spec("mzj", (6, 0, 4), ("当事人{charitybad}。",), "慈失"),
    "科研领域相关失信责任主体": _spec(
        "kjj", (3, 0, 7), ("当事人在{sciproject}项目申报中{science}。",), "失", tags="tech manuf pharma"
    ),
    "社会保险领域严重失信企业及其有关人员": _spec(
        "rsj", (8, 0, 2), ("当事人以{socialsec}方式骗取社会保险基金{money_small}万元。",), "社保失"
    ),
    "政府采购领域严重违法失信主体": _spec(
        "czj",
        _ORG,
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
    "知识产权（专利）领域严重失信主体": _spec("scjg", (7, 1, 2), ("当事人{ip}。",), "知失"),
    "会计领域违法失信相关责任主体": _spec("czj", (4, 0, 6), ("当事人{accounting}，受到财政部门行政处罚。",), "会失"),
    "海关高级认证企业": _spec(
        "customs",
        _ORG,
        ("当事人经海关认证为高级认证企业（AEO），信用状况良好。",),
        "认",
        tags="trade manuf tech textile",
    ),
    "优秀志愿者": _spec(
        "tsw",
        _PERSON,
        ("当事人累计参加志愿服务{hours2}小时，在{volunteer}志愿服务中表现突出。",),
        "表",
        (24, 36),
        "shared",
        w=2,
    ),
    "纳税信用A级纳税人": _spec(
        "tax", (9, 1, 0), ("{prev_year}年度纳税信用评价为A级。",), "信", (12,), "shared annual", w=8
    ),
    "安全生产领域守信生产经营单位及其有关人员": _spec(
        "yjgl",
        (9, 0, 1),
        ("当事人连续{n_small}年未发生生产安全事故，安全生产标准化达标{grade}级。",),
        "守信",
        (24,),
        "shared",
        tags="manuf chemical bmat mining energy construction logistics",
    ),
    "检验检疫信用AA级企业": _spec(
        "customs",
        _ORG,
        ("当事人检验检疫信用等级评定为AA级。",),
        "检信",
        (24,),
        "shared",
        tags="trade manuf food textile",
    ),
    "公路水运工程建设领域守信典型企业": _spec(
        "jtys",
        _ORG,
        ("当事人{prev_year}年度公路建设市场信用评价为AA级。",),
        "守信",
        (12,),
        "shared annual",
        tags="construction",
    ),
    "出入境检验检疫严重失信企业及其有关人员": _spec(
        "customs", (8, 0, 2), ("当事人在进出口检验检疫中{ciq}。",), "检失", tags="trade manuf food textile"
    ),
    "严重失信主体名单（通用）": _spec(None, (6, 2, 2), ("当事人{generic_bad}，经依法认定为严重失信主体。",), "严失"),
    "诚信典型红名单（通用）": _spec(
        None, (6, 2, 2), ("当事人近三年无不良信用记录，{goodwill}。",), "诚信", (24,), "shared", w=2
    ),
    "重点关注对象名单（通用）": _spec(
        None, (6, 3, 1), ("当事人{watch}，尚未达到严重失信主体认定标准，列入重点关注对象名单。",), "重关", (12,), w=3
    ),
    "安全生产诚信“黑名单”": _spec(
        "yjgl",
        _ORG,
        ("当事人未经许可擅自开展{unlicensed_work}生产经营活动，拒不执行停产停业整顿指令。",),
        "严失",
        tags="manuf chemical bmat mining energy",
    ),
    "企业经营异常名录": _spec(
        "scjg",
        _ORG,
        (
            "未依照《企业信息公示暂行条例》第八条规定的期限公示{prev_year}年度报告。",
            "通过登记的住所或者经营场所无法联系。",
            "未在市场监督管理部门责令的期限内公示有关企业信息。",
        ),
        "异列",
        (36, 36, 36, -1),
        "shared",
        w=12,
    ),
    "违反信用承诺的信用主体": _spec(
        "spj", (6, 2, 2), ("当事人在办理{commit_service}时作出信用承诺，经核查未履行承诺事项。",), "承诺", (12,)
    ),
    "一般失信行为企业（忻州）": _spec(
        None, (8, 2, 0), ("当事人{year}年度{yiban}，认定为一般失信行为。",), "一般失信", (12,)
    ),
    "较重失信行为企业（忻州）": _spec(
        None, (8, 2, 0), ("当事人一年内发生{n_small}次一般失信行为，认定为较重失信行为。",), "较重失信", (24,)
    ),
    "严重失信行为企业（忻州）": _spec(
        None, (8, 2, 0), ("当事人一年内发生2次同类较重失信行为，认定为严重失信行为。",), "严重失信"
    ),
    "诚信道德模范": _spec(
        "wmb", _PERSON, ("当事人{duty}，事迹突出，被评为江临市诚信道德模范。",), "表", (36,), "shared"
    ),
    "劳动模范": _spec(
        "zgh", _PERSON, ("当事人在{job}岗位上勤奋工作、业绩突出，被授予江临市劳动模范称号。",), "表", (60,), "shared"
    ),
    "“三八”红旗手": _spec(
        "fl", _PERSON, ("当事人在{job}岗位上建功立业，被评为江临市“三八”红旗手。",), "表", (60,), "shared female"
    ),
    "青年五四奖章获得者": _spec(
        "tsw", _PERSON, ("当事人在{youthfield}领域作出突出贡献，获江临青年五四奖章。",), "奖", (60,), "shared"
    ),
    "红十字博爱大使": _spec(
        "hsh", _PERSON, ("当事人长期参与红十字人道救助和无偿献血志愿服务。",), "表", (36,), "shared"
    ),
    "红十字博爱单位": _spec(
        "hsh", (7, 1, 0), ("当事人积极支持红十字事业，累计捐赠款物{money_small}万元。",), "表", (36,), "shared"
    ),
    "行业协会商会推荐的诚信会员": _spec(
        "gsl", (7, 3, 0), ("经{association}推荐，当事人诚信经营、行业自律表现良好。",), "诚", (24,), "shared"
    ),
    "新闻媒体挖掘的诚信主体": _spec(
        "media", (5, 3, 2), ("当事人{news}，经《江临日报》报道，社会反响良好。",), "诚", (24,)
    ),
    "诚信示范企业": _spec(
        "fgw", _ORG, ("当事人经评审被认定为{prev_year}年度江临市诚信示范企业。",), "诚", (24,), "shared annual"
    ),
    "守合同重信用企业": _spec(
        "scjg", _ORG, ("当事人连续{n_small}年被公示为“守合同重信用”企业。",), "守", (24,), "shared annual"
    ),
    "价格诚信单位": _spec(
        "scjg", (5, 5, 0), ("当事人明码标价规范，无价格违法行为，被评为价格诚信单位。",), "价诚", (24,), "shared"
    ),
    "质量认证或质量奖获得企业": _spec(
        "scjg", _ORG, ("当事人获得{quality}。",), "质奖", (36,), "shared", tags="manuf food bmat tech textile"
    ),
    "出入境检验检疫信用管理A级企业": _spec(
        "customs",
        _ORG,
        ("当事人出入境检验检疫信用管理等级评定为A级。",),
        "检信",
        (24,),
        "shared",
        tags="trade manuf food textile",
    ),
    "海关认证企业": _spec(
        "customs", _ORG, ("当事人经海关认证为一般认证企业。",), "认", tags="trade manuf tech textile"
    ),
    "安全生产诚信示范企业": _spec(
        "yjgl",
        _ORG,
        ("当事人安全生产标准化达标{grade}级，连续{n_small}年无生产安全事故。",),
        "示范",
        (24,),
        "shared",
        tags="manuf chemical bmat mining energy construction",
    ),
    "劳动保障诚信示范企业": _spec(
        "rsj",
        _ORG,
        ("当事人依法签订劳动合同、按时足额支付工资和缴纳社会保险费，劳动保障守法诚信等级评价为A级。",),
        "诚",
        (24,),
        "shared annual",
    ),
    "依法统计信用企业": _spec(
        "tjj", _ORG, ("当事人依法如实报送统计资料，连续{n_small}年统计信用良好。",), "信用", (24,), "shared"
    ),
}
GENERIC_DEPTS = ("fgw", "scjg", "spj", "zjj", "jtys", "sthj", "rsj")
CATEGORY_DEFAULTS: dict[str, dict[str, Any]] = {
    "红名单": _spec(None, (6, 2, 2), ("当事人近三年无不良信用记录，{goodwill}。",), "诚信", (24,), "shared"),
    "严重失信主体名单": _spec(None, (6, 2, 2), ("当事人{generic_bad}，经依法认定为严重失信主体。",), "严失"),
    "重点关注名单": _spec(None, (6, 3, 1), ("当事人{watch}，列入重点关注名单。",), "重关", (12,)),
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
