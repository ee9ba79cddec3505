"""List specs, part 2: red lists, general, watch and local lists (catalogue rows 39–71)."""

from __future__ import annotations

from typing import Any

from portal.demo.vocab.list_spec import ORG_ONLY, PERSON_ONLY, list_spec

GENERAL_SPECS: dict[str, dict[str, Any]] = {
    "海关高级认证企业": list_spec(
        "customs",
        ORG_ONLY,
        ("当事人经海关认证为高级认证企业（AEO），信用状况良好。",),
        "认",
        tags="trade manuf tech textile",
    ),
    "优秀志愿者": list_spec(
        "tsw",
        PERSON_ONLY,
        ("当事人累计参加志愿服务{hours2}小时，在{volunteer}志愿服务中表现突出。",),
        "表",
        (24, 36),
        "shared",
        w=2,
    ),
    "纳税信用A级纳税人": list_spec(
        "tax", (9, 1, 0), ("{prev_year}年度纳税信用评价为A级。",), "信", (12,), "shared annual", w=8
    ),
    "安全生产领域守信生产经营单位及其有关人员": list_spec(
        "yjgl",
        (9, 0, 1),
        ("当事人连续{n_small}年未发生生产安全事故，安全生产标准化达标{grade}级。",),
        "守信",
        (24,),
        "shared",
        tags="manuf chemical bmat mining energy construction logistics",
    ),
    "检验检疫信用AA级企业": list_spec(
        "customs",
        ORG_ONLY,
        ("当事人检验检疫信用等级评定为AA级。",),
        "检信",
        (24,),
        "shared",
        tags="trade manuf food textile",
    ),
    "公路水运工程建设领域守信典型企业": list_spec(
        "jtys",
        ORG_ONLY,
        ("当事人{prev_year}年度公路建设市场信用评价为AA级。",),
        "守信",
        (12,),
        "shared annual",
        tags="construction",
    ),
    "出入境检验检疫严重失信企业及其有关人员": list_spec(
        "customs", (8, 0, 2), ("当事人在进出口检验检疫中{ciq}。",), "检失", tags="trade manuf food textile"
    ),
    "严重失信主体名单（通用）": list_spec(
        None, (6, 2, 2), ("当事人{generic_bad}，经依法认定为严重失信主体。",), "严失"
    ),
    "诚信典型红名单（通用）": list_spec(
        None, (6, 2, 2), ("当事人近三年无不良信用记录，{goodwill}。",), "诚信", (24,), "shared", w=2
    ),
    "重点关注对象名单（通用）": list_spec(
        None, (6, 3, 1), ("当事人{watch}，尚未达到严重失信主体认定标准，列入重点关注对象名单。",), "重关", (12,), w=3
    ),
    "安全生产诚信“黑名单”": list_spec(
        "yjgl",
        ORG_ONLY,
        ("当事人未经许可擅自开展{unlicensed_work}生产经营活动，拒不执行停产停业整顿指令。",),
        "严失",
        tags="manuf chemical bmat mining energy",
    ),
    "企业经营异常名录": list_spec(
        "scjg",
        ORG_ONLY,
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
    "违反信用承诺的信用主体": list_spec(
        "spj", (6, 2, 2), ("当事人在办理{commit_service}时作出信用承诺，经核查未履行承诺事项。",), "承诺", (12,)
    ),
    "一般失信行为企业": list_spec(
        None, (8, 2, 0), ("当事人{year}年度{yiban}，认定为一般失信行为。",), "一般失信", (12,)
    ),
    "较重失信行为企业": list_spec(
        None, (8, 2, 0), ("当事人一年内发生{n_small}次一般失信行为，认定为较重失信行为。",), "较重失信", (24,)
    ),
    "严重失信行为企业": list_spec(
        None, (8, 2, 0), ("当事人一年内发生2次同类较重失信行为，认定为严重失信行为。",), "严重失信"
    ),
    "诚信道德模范": list_spec(
        "wmb", PERSON_ONLY, ("当事人{duty}，事迹突出，被评为江临市诚信道德模范。",), "表", (36,), "shared"
    ),
    "劳动模范": list_spec(
        "zgh",
        PERSON_ONLY,
        ("当事人在{job}岗位上勤奋工作、业绩突出，被授予江临市劳动模范称号。",),
        "表",
        (60,),
        "shared",
    ),
    "“三八”红旗手": list_spec(
        "fl", PERSON_ONLY, ("当事人在{job}岗位上建功立业，被评为江临市“三八”红旗手。",), "表", (60,), "shared female"
    ),
    "青年五四奖章获得者": list_spec(
        "tsw", PERSON_ONLY, ("当事人在{youthfield}领域作出突出贡献，获江临青年五四奖章。",), "奖", (60,), "shared"
    ),
    "红十字博爱大使": list_spec(
        "hsh", PERSON_ONLY, ("当事人长期参与红十字人道救助和无偿献血志愿服务。",), "表", (36,), "shared"
    ),
    "红十字博爱单位": list_spec(
        "hsh", (7, 1, 0), ("当事人积极支持红十字事业，累计捐赠款物{money_small}万元。",), "表", (36,), "shared"
    ),
    "行业协会商会推荐的诚信会员": list_spec(
        "gsl", (7, 3, 0), ("经{association}推荐，当事人诚信经营、行业自律表现良好。",), "诚", (24,), "shared"
    ),
    "新闻媒体挖掘的诚信主体": list_spec(
        "media", (5, 3, 2), ("当事人{news}，经《江临日报》报道，社会反响良好。",), "诚", (24,)
    ),
    "诚信示范企业": list_spec(
        "fgw", ORG_ONLY, ("当事人经评审被认定为{prev_year}年度江临市诚信示范企业。",), "诚", (24,), "shared annual"
    ),
    "守合同重信用企业": list_spec(
        "scjg", ORG_ONLY, ("当事人连续{n_small}年被公示为“守合同重信用”企业。",), "守", (24,), "shared annual"
    ),
    "价格诚信单位": list_spec(
        "scjg", (5, 5, 0), ("当事人明码标价规范，无价格违法行为，被评为价格诚信单位。",), "价诚", (24,), "shared"
    ),
    "质量认证或质量奖获得企业": list_spec(
        "scjg", ORG_ONLY, ("当事人获得{quality}。",), "质奖", (36,), "shared", tags="manuf food bmat tech textile"
    ),
    "出入境检验检疫信用管理A级企业": list_spec(
        "customs",
        ORG_ONLY,
        ("当事人出入境检验检疫信用管理等级评定为A级。",),
        "检信",
        (24,),
        "shared",
        tags="trade manuf food textile",
    ),
    "海关认证企业": list_spec(
        "customs", ORG_ONLY, ("当事人经海关认证为一般认证企业。",), "认", tags="trade manuf tech textile"
    ),
    "安全生产诚信示范企业": list_spec(
        "yjgl",
        ORG_ONLY,
        ("当事人安全生产标准化达标{grade}级，连续{n_small}年无生产安全事故。",),
        "示范",
        (24,),
        "shared",
        tags="manuf chemical bmat mining energy construction",
    ),
    "劳动保障诚信示范企业": list_spec(
        "rsj",
        ORG_ONLY,
        ("当事人依法签订劳动合同、按时足额支付工资和缴纳社会保险费，劳动保障守法诚信等级评价为A级。",),
        "诚",
        (24,),
        "shared annual",
    ),
    "依法统计信用企业": list_spec(
        "tjj", ORG_ONLY, ("当事人依法如实报送统计资料，连续{n_small}年统计信用良好。",), "信用", (24,), "shared"
    ),
}
