"""Penalty templates, part 3: 自然资源 … 林业, the remaining departments (format: penalty_template)."""

from __future__ import annotations

from typing import Any

from portal.demo.vocab.penalty_template import template

_W = ("警告",)
_FINE = ("罚款",)
_PUBLIC_SECURITY_LAW = "《中华人民共和国治安管理处罚法》"
_FIRE_LAW = "《中华人民共和国消防法》"
_MEDICAL_FUND = "《医疗保障基金使用监督管理条例》"

TEMPLATES: tuple[dict[str, Any], ...] = (
    # 自然资源和规划
    template("zrzy", "非法占用土地", "PER agri livestock COOP",
             "{ym}，当事人未经批准，擅自占用{village}{landtype}{area}平方米建设{building}。",
             "《中华人民共和国土地管理法》第四十四条、第七十七条第一款，《中华人民共和国土地管理法实施条例》"
             "第五十七条", (0.5, 20), ("罚款；其他",), ("没收非法财物；罚款",),
             other="责令退还非法占用的土地，限期拆除在非法占用的土地上新建的建筑物和其他设施",
             goods="没收在非法占用的土地上新建的建筑物和其他设施", w=3),
    template("zrzy", "未取得采矿许可证擅自采矿", "mining PER",
             "{ym}，当事人未取得采矿许可证，擅自在{village}开采{mineral}，经测量开采量约{qty}立方米，"
             "违法所得{gain}元。",
             "《中华人民共和国矿产资源法》第三条、第三十九条，《中华人民共和国矿产资源法实施细则》第四十二条"
             "第（一）项", (1, 30), ("没收违法所得；没收非法财物；罚款",), ("没收违法所得；没收非法财物；罚款",),
             goods="没收采出的矿产品", w=1),
    # 文化旅游广电体育
    template("wlj", "安排未取得导游证的人员提供导游服务", "tourism",
             "{ymd}，当事人组织的“{route}”旅游团由未取得导游证的人员提供导游服务，涉及游客{n}人。",
             "《中华人民共和国旅游法》第四十条、第九十六条第（二）项", (0.5, 5), ("没收违法所得；罚款", "罚款"),
             ("罚款；吊销许可证件",), licence="旅行社业务经营许可证", w=2),
    template("wlj", "互联网上网服务营业场所接纳未成年人", "s_netcafe",
             "{ymd}，执法人员检查发现，当事人经营的网吧接纳{n_small}名未成年人进入营业场所上网。",
             "《互联网上网服务营业场所管理条例》第二十一条、第三十一条第（二）项", (0.1, 1.5), ("警告；罚款",),
             ("警告；罚款；责令停产停业", "罚款；吊销许可证件"), light=_W, licence="网络文化经营许可证", w=3),
    # 农业农村
    template("nyj", "经营劣质农药", "s_farm agri COOP trade",
             "{ym}，经抽样检测，当事人销售的{farmchem}有效成分含量不符合产品质量标准，为劣质农药，"
             "货值金额{value}元，违法所得{gain}元。",
             "《农药管理条例》第四十五条、第五十六条第一款", (0.5, 5), ("没收违法所得；没收非法财物；罚款",),
             ("没收违法所得；没收非法财物；罚款；吊销许可证件",), licence="农药经营许可证",
             goods="没收违法经营的农药", w=2),
    template("nyj", "在禁渔期使用电鱼方法进行捕捞", "PER MINOR",
             "{ymd}，当事人在{river}禁渔期内使用电鱼工具进行捕捞，渔获物约{kg}公斤。",
             "《中华人民共和国渔业法》第三十条、第三十八条第一款", (0.05, 1), ("没收非法财物；罚款", "罚款"),
             ("没收非法财物；罚款；吊销许可证件",), licence="渔业捕捞许可证", goods="没收渔获物和电鱼工具", w=3),
    # 商务
    template("swj", "发行单用途商业预付卡未按规定备案", "catering hotel trade edu s_hair s_catering",
             "经查，当事人自{ym}起发行单用途商业预付卡，截至检查时发卡{n}张，未按规定向商务主管部门备案，"
             "经责令限期改正后逾期仍未改正。",
             "《单用途商业预付卡管理办法（试行）》第七条、第三十六条", (1, 3), _FINE, w=2),
    # 财政
    template("czj", "政府采购活动中提供虚假材料谋取中标", "construction trade tech property",
             "在“{procurement}”项目（采购编号JLCG-{year}-{n3}）政府采购活动中，当事人提供虚假的{fakedoc}"
             "谋取中标，中标金额{money}万元。",
             "《中华人民共和国政府采购法》第七十七条第一款第（一）项", ("x", "money", 0.005, 0.01),
             ("罚款；限制开展生产经营活动",), ("罚款；限制开展生产经营活动",),
             limit="{y13}年内禁止参加政府采购活动", w=2),
    template("czj", "未依法设置会计账簿", "ENT SOC",
             "经检查，当事人{year}年度未依法设置会计账簿，会计核算不规范。",
             "《中华人民共和国会计法》第三条、第四十条", (0.2, 5), ("罚款", "通报批评；罚款"),
             light=("通报批评", "警告", "警告；通报批评"), w=2),
    # 公安
    template("gaj", "殴打他人", "PER MINOR",
             "{ymd}，当事人在{place}因{dispute}与他人发生纠纷，殴打他人，致一人轻微伤。",
             f"{_PUBLIC_SECURITY_LAW}第四十三条第一款", (0.02, 0.05), ("行政拘留；罚款", "罚款"),
             ("行政拘留；罚款",), w=3),
    template("gaj", "参与赌博", "PER MINOR",
             "{ymd}，当事人在{place}以“{game}”方式参与赌博，赌资{value2}元。",
             f"{_PUBLIC_SECURITY_LAW}第七十条", (0.01, 0.3), ("罚款", "行政拘留；罚款", "没收非法财物；罚款"),
             light=_W, goods="没收赌资和赌具", w=4),
    template("gaj", "旅馆业工作人员不按规定登记住宿旅客信息", "s_hotel hotel",
             "{ymd}，民警检查发现，当事人经营的旅馆在接待{n_small}名旅客住宿时，未按规定登记旅客的姓名、"
             "有效身份证件种类和号码等信息。",
             f"{_PUBLIC_SECURITY_LAW}第五十六条第一款", (0.02, 0.05), _FINE, light=_W, w=2),
    # 消防救援
    template("xf", "消防设施、器材未保持完好有效", "ENT IND INST SOC",
             "{ymd}，消防救援机构检查发现，当事人位于{place}的经营场所{fireissue}。",
             f"{_FIRE_LAW}第十六条第一款第（二）项、第六十条第一款第（一）项", (0.5, 5), _FINE, light=_W, w=1),
    template("xf", "占用、堵塞、封闭疏散通道、安全出口", "ENT IND INST SOC",
             "{ymd}，消防救援机构检查发现，当事人位于{place}的经营场所{blocked}。",
             f"{_FIRE_LAW}第二十八条、第六十条第一款第（三）项", (0.5, 5), _FINE,
             ("罚款；责令停产停业",), light=_W, w=1),
    # 医疗保障
    template("ybj", "串换药品、医用耗材、诊疗项目和服务设施", "pharma medical s_pharma s_clinic",
             "经检查，当事人{period2}期间将{swapped}串换为医保目录内项目进行结算，造成医疗保障基金损失"
             "{money_small}万元。",
             f"{_MEDICAL_FUND}第十五条、第三十八条第（二）项", ("x", "money_small", 1.0, 2.0), _FINE,
             ("罚款；限制开展生产经营活动",), limit="暂停涉及医疗保障基金使用的医药服务{months}个月", w=3),
    template("ybj", "将本人医疗保障凭证交由他人冒名使用", "PER",
             "经查，当事人将本人医疗保障凭证交由他人冒名使用，{year}年期间在定点药店刷卡购药{n}次，"
             "造成医疗保障基金损失{money_tiny}万元。",
             f"{_MEDICAL_FUND}第十九条、第四十一条第一款", ("x", "money_tiny", 2.0, 5.0), ("罚款；其他",),
             other="暂停其医疗费用联网结算6个月", w=2),
    # 水利
    template("slj", "未经批准擅自取水", "manuf water agri livestock bmat food COOP",
             "经查，当事人自{ym}起未经批准擅自从{river}取水用于{wateruse}，累计取水约{qty}立方米。",
             "《中华人民共和国水法》第四十八条、第六十九条第（一）项", (2, 10), _FINE, w=2),
    # 林业
    template("lyj", "滥伐林木", "PER agri COOP",
             "{ym}，当事人未取得林木采伐许可证，在{village}擅自采伐{tree}{n}株，立木蓄积{vol}立方米。",
             "《中华人民共和国森林法》第五十六条、第七十六条第二款", (0.1, 5), ("罚款；其他",),
             other="责令在原地补种滥伐株数三倍的树木", w=3),
)
