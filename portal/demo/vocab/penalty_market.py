"""Penalty templates, part 1: 市场监督管理, 生态环境, 城市管理 (format: penalty_template)."""

from __future__ import annotations

from typing import Any

from portal.demo.vocab.penalty_template import template

_W = ("警告",)
_FINE = ("罚款",)
_FOOD_LAW = "《中华人民共和国食品安全法》"
_AIR_LAW = "《中华人民共和国大气污染防治法》"

TEMPLATES: tuple[dict[str, Any], ...] = (
    # 市场监督管理
    template("scjg", "经营超过保质期的食品", "food catering trade s_food s_catering s_store",
       "{ymd}，执法人员对当事人位于{place}的经营场所进行检查，发现其货架上摆放销售的{food}已超过保质期，"
       "共{qty}件，货值金额{value}元，违法所得{gain}元。",
       f"{_FOOD_LAW}第三十四条第（十）项、第一百二十四条第一款第（五）项", (0.5, 10),
       ("没收违法所得；罚款", "没收违法所得；没收非法财物；罚款", "罚款"),
       ("没收违法所得；没收非法财物；罚款；吊销许可证件",), licence="食品经营许可证",
       goods="没收超过保质期的食品", w=6),
    template("scjg", "未按规定查验并记录食品进货信息", "food catering trade school s_food s_catering s_store",
       "{ymd}，执法人员检查发现，当事人采购{food}等食品时未查验供货者的许可证和产品合格证明文件，"
       "未建立食品进货查验记录，涉及食品{n}批次。",
       f"{_FOOD_LAW}第五十三条第一款、第一百二十六条第一款第（三）项", (0.5, 5), ("罚款", "警告；罚款"),
       ("罚款；责令停产停业",), light=_W, w=5),
    template("scjg", "安排未取得健康证明的人员从事接触直接入口食品的工作", "catering food school s_catering hotel",
       "{ymd}，执法人员检查当事人位于{place}的经营场所，发现其{n_small}名从事接触直接入口食品工作的"
       "从业人员未取得有效健康证明。",
       f"{_FOOD_LAW}第四十五条第一款、第一百二十六条第一款第（六）项", (0.5, 5), ("罚款", "警告；罚款"),
       light=_W, w=5),
    template("scjg", "经营农药残留超过食品安全标准限量的食用农产品", "food trade catering s_food",
       "{ym}，经抽样检验，当事人销售的{produce}中{pesticide}残留量不符合食品安全国家标准，检验结论为不合格，"
       "涉案产品{qty}公斤，货值金额{value}元，违法所得{gain}元。",
       f"{_FOOD_LAW}第三十四条第（二）项、第一百二十四条第一款第（一）项", (5, 10), ("没收违法所得；罚款",),
       ("没收违法所得；罚款；吊销许可证件",), licence="食品经营许可证", w=3),
    template("scjg", "未取得食品经营许可从事食品经营活动", "PER s_food s_catering",
       "{ymd}，执法人员在{place}检查时发现，当事人未取得食品经营许可证，擅自从事{foodbiz}经营活动，"
       "经营时间约{days}天，违法所得{gain}元。",
       f"{_FOOD_LAW}第三十五条第一款、第一百二十二条第一款", (0.5, 10),
       ("没收违法所得；罚款", "没收违法所得；没收非法财物；罚款"), ("没收违法所得；没收非法财物；罚款",),
       goods="没收违法经营的食品和用于违法经营的工具、设备", w=3),
    template("scjg", "对商品作虚假或者引人误解的商业宣传", "trade tech food pharma medical auto edu manuf realestate",
       "{ym}，当事人在其经营场所及网络店铺宣传其销售的{adclaim}，经查，当事人无法提供相关证明材料，"
       "上述宣传内容与实际情况不符，欺骗、误导消费者。",
       "《中华人民共和国反不正当竞争法》第八条第一款、第二十条第一款", (2, 100), _FINE,
       ("罚款；吊销许可证件",), licence="营业执照", w=3),
    template("scjg", "发布含有“国家级”“最高级”“最佳”等用语的广告", "trade tech realestate food edu media hotel",
       "{ym}，当事人在{medium}发布的广告中使用“{adword}”等用语，广告费用{value}元。",
       "《中华人民共和国广告法》第九条第（三）项、第五十七条第（一）项", (1, 20), _FINE, light=_W, w=3),
    template("scjg", "不按规定明码标价", "trade hotel auto s_food s_catering s_hair s_retail s_store s_service",
       "{ymd}，执法人员检查发现，当事人位于{place}的经营场所内{n}种商品（服务）未按规定明码标价。",
       "《中华人民共和国价格法》第十三条、第四十二条，《明码标价和禁止价格欺诈规定》第二十一条",
       (0.05, 0.5), ("罚款", "警告；罚款"), light=_W, w=5),
    template("scjg", "销售不合格产品", "trade bmat manuf s_hardware s_retail auto textile",
       "{ym}，经监督抽查，当事人销售的{good}经检验{item}项目不合格，涉案产品{qty}件，货值金额{value}元，"
       "违法所得{gain}元。",
       "《中华人民共和国产品质量法》第三十九条、第五十条", (0.5, 30),
       ("没收违法所得；没收非法财物；罚款", "没收违法所得；罚款"), ("没收违法所得；没收非法财物；罚款；吊销许可证件",),
       licence="营业执照", goods="没收不合格产品", w=3),
    template("scjg", "使用未经定期检验的特种设备", "manuf chemical realestate property hotel trade logistics bmat",
       "{ymd}，执法人员检查发现，当事人使用的{n_small}台{equip}已超过定期检验有效期，未申报定期检验继续使用。",
       "《中华人民共和国特种设备安全法》第四十条第三款、第八十四条第（一）项", (3, 30), _FINE,
       ("罚款；责令停产停业",), w=3),
    template("scjg", "使用未经检定的计量器具", "s_food s_catering trade IND",
       "{ymd}，执法人员检查发现，当事人在{place}经营中使用的{n_small}台电子计价秤未按规定申请强制检定。",
       "《中华人民共和国计量法》第九条，《中华人民共和国计量法实施细则》第四十三条", (0.02, 0.1),
       ("罚款", "没收非法财物；罚款"), light=_W, goods="没收未经检定的计量器具", w=3),
    template("scjg", "从事无照经营", "PER",
       "{ymd}，执法人员在{place}检查发现，当事人未依法取得营业执照，擅自从事{biz2}经营活动，"
       "违法所得{gain}元。",
       "《无证无照经营查处办法》第二条、第十三条", (0.05, 1), ("没收违法所得；罚款", "罚款"), light=_W, w=3),
    template("scjg", "销售劣药", "pharma s_pharma",
       "{ym}，经抽样检验，当事人销售的{drug}（批号{batch}）{drugitem}项不符合规定，为劣药，"
       "涉案药品货值金额{value}元，违法所得{gain}元。",
       "《中华人民共和国药品管理法》第九十八条第三款、第一百一十七条第一款", (10, 50),
       ("没收违法所得；没收非法财物；罚款",),
       ("没收违法所得；没收非法财物；罚款；责令停产停业", "没收违法所得；没收非法财物；罚款；吊销许可证件"),
       licence="药品经营许可证", goods="没收劣药", w=2),
    template("scjg", "未按规定建立并执行医疗器械进货查验记录制度", "pharma medical s_pharma s_clinic",
       "{ymd}，执法人员检查发现，当事人购进的{n}批次{device}未查验供货者资质和产品合格证明文件，"
       "未建立进货查验记录。",
       "《医疗器械监督管理条例》第四十五条、第八十九条第（三）项", (1, 10), ("罚款", "警告；罚款"),
       light=_W, w=2),
    # 生态环境
    template("sthj", "超标排放大气污染物", "chemical manuf bmat energy mining",
       "{ymd}，执法人员对当事人位于{place}的厂区进行现场检查，经监测，其{outlet}排放的{air}浓度超过"
       "《{airstd}》规定的排放限值{pct}%。",
       f"{_AIR_LAW}第十八条、第九十九条第（二）项", (10, 100), _FINE,
       ("罚款；责令停产停业", "罚款；责令关闭"), w=3),
    template("sthj", "超标排放水污染物", "chemical manuf food textile water pharma",
       "{ymd}，经采样监测，当事人废水总排口外排废水中{water}浓度为{conc}mg/L，超过《{waterstd}》规定的排放限值。",
       "《中华人民共和国水污染防治法》第十条、第八十三条第（二）项", (10, 100), _FINE,
       ("罚款；责令停产停业",), w=3),
    template("sthj", "未依法取得排污许可证排放污染物", "chemical manuf bmat food textile",
       "{ymd}，执法人员检查发现，当事人{line}生产线已投入生产，属于实行排污许可管理的排污单位，"
       "但未依法取得排污许可证即排放污染物。",
       "《排污许可管理条例》第二条、第三十三条第（一）项", (20, 100), _FINE,
       ("罚款；责令停产停业", "罚款；责令关闭"), w=2),
    template("sthj", "危险废物贮存不符合规定", "chemical manuf auto s_auto",
       "{ymd}，执法人员检查发现，当事人将生产过程中产生的{hw}约{ton}吨露天堆放，未设置危险废物识别标志，"
       "未采取防扬散、防流失、防渗漏措施。",
       "《中华人民共和国固体废物污染环境防治法》第七十七条、第一百一十二条第一款第（一）项",
       (10, 100), _FINE, ("罚款；责令停产停业",), w=2),
    template("sthj", "建设项目环境影响评价文件未经批准擅自开工建设", "manuf chemical bmat realestate food",
       "{ym}，当事人{envproject}项目总投资{money}万元，未依法报批建设项目环境影响评价文件，擅自开工建设。",
       "《中华人民共和国环境影响评价法》第二十五条、第三十一条第一款", ("x", "money", 0.01, 0.05), _FINE,
       ("罚款；其他",), other="责令停止建设，恢复原状", w=2),
    template("sthj", "未按照规定开展自行监测", "chemical manuf bmat food textile water",
       "{ym}，执法人员检查发现，当事人未按照排污许可证规定开展{year}年度废气、废水自行监测，"
       "未保存原始监测记录。",
       "《排污许可管理条例》第十九条、第三十六条第（六）项", (2, 20), _FINE, light=_W, w=2),
    # 城市管理和综合执法
    template("cgzf", "未取得建设工程规划许可证进行建设", "PER ENT COOP agri",
       "{ym}，当事人未取得建设工程规划许可证，在{place}擅自搭建{struct}，建筑面积约{area}平方米。",
       "《中华人民共和国城乡规划法》第四十条、第六十四条", (0.5, 20), ("罚款；其他", "其他"),
       ("罚款；其他",), other="责令限期拆除违法建筑物", w=2),
    template("cgzf", "擅自占用城市道路摆摊设点", "PER MINOR s_food s_catering s_retail",
       "{ymd}，执法队员巡查发现，当事人在{place}人行道擅自摆摊设点经营{stall}，占用城市道路约{stall_area}平方米，"
       "经劝导后仍未改正。",
       "《城市道路管理条例》第二十七条第（三）项、第四十二条", (0.01, 0.2), _FINE, light=_W, w=5),
    template("cgzf", "露天焚烧产生烟尘污染的物质", "PER MINOR IND",
       "{ymd}，执法队员巡查发现，当事人在{place}露天焚烧{burn}，产生烟尘污染。",
       f"{_AIR_LAW}第七十七条、第一百一十九条第二款", (0.05, 0.2), _FINE, light=_W, w=3),
    template("cgzf", "运输渣土车辆未采取密闭措施造成沿途撒漏", "logistics construction bmat",
       "{ymd}，当事人所属车牌号为{plate}的渣土运输车辆在{road}路段行驶时未采取密闭措施，造成渣土沿途撒漏，"
       "污染路面约{sarea}平方米。",
       f"{_AIR_LAW}第七十条第一款、第一百一十六条", (0.2, 2), _FINE, w=3),
    template("cgzf", "擅自设置大型户外广告", "trade realestate media auto hotel s_retail",
       "{ym}，当事人未经批准，在{road}擅自设置大型户外广告牌一块，面积约{sarea}平方米，影响市容。",
       "《城市市容和环境卫生管理条例》第十一条、第三十六条第（二）项", (0.1, 1), ("罚款；其他", "罚款"),
       light=_W, other="责令限期拆除", w=2),
    template("cgzf", "餐饮服务单位未安装油烟净化设施", "catering s_catering hotel",
       "{ymd}，执法队员检查发现，当事人位于{place}的餐饮经营场所未安装油烟净化设施，油烟直接排放，"
       "周边居民多次投诉。",
       f"{_AIR_LAW}第八十一条第一款、第一百一十八条第一款", (0.5, 5), _FINE, light=_W, w=4),
)
