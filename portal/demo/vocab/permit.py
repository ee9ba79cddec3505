"""Permit templates of the demo data: authority, decision document, 许可类别, certificate, contents, validity.

`dept` is a department key of common.DEPARTMENTS; "scjg" may be issued by the district office.
`number` names the certificate-number format built in portal/demo/certificates.py ("" = no certificate number).
`months` lists possible validities in months; 0 means 长期 (2099-12-31). `tags` as in penalty_template.
"""

from __future__ import annotations

from typing import Any


def _p(dept: str, title: str, doc: str, category: str, cert: str, number: str, contents: tuple[str, ...],
       months: tuple[int, ...], tags: str, w: int = 2) -> dict[str, Any]:
    return {"dept": dept, "title": title, "doc": doc, "category": category, "cert": cert, "number": number,
            "contents": contents, "months": months, "tags": tags.split(), "w": w}


_DECISION = "准予行政许可决定书"

PERMITS: tuple[dict[str, Any], ...] = (
    _p("scjg", "食品经营许可决定书", "食许", "普通", "食品经营许可证", "jy",
       ("预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售", "热食类食品制售；冷食类食品制售",
        "预包装食品（不含冷藏冷冻食品）销售", "热食类食品制售；自制饮品制售", "保健食品销售；特殊医学用途配方食品销售"),
       (60,), "food catering trade hotel s_food s_catering s_store INST", 10),
    _p("scjg", "食品生产许可决定书", "食生许", "普通", "食品生产许可证", "sc", ("食品类别：{fsc}",), (60,), "food", 3),
    _p("scjg", "药品经营许可决定书", "药许", "普通", "药品经营许可证", "drug",
       ("药品零售：中药饮片、中成药、化学药制剂、抗生素制剂、生化药品、生物制品（除疫苗）",
        "药品批发：中成药、化学药制剂、抗生素制剂"), (60,), "pharma s_pharma", 3),
    _p("scjg", "第三类医疗器械经营许可决定书", "械许", "普通", "医疗器械经营许可证", "device",
       ("第三类医疗器械：6815注射穿刺器械、6866医用高分子材料及制品", "第三类医疗器械：6840体外诊断试剂"),
       (60,), "medical pharma", 2),
    _p("scjg", "特种设备使用登记", "特登", "登记", "特种设备使用登记证", "equip",
       ("电梯使用登记：曳引驱动乘客电梯{n_small}台", "压力容器使用登记：储气罐{n_small}台",
        "场（厂）内专用机动车辆使用登记：叉车{n_small}台", "起重机械使用登记：桥式起重机{n_small}台"),
       (0,), "manuf chemical realestate property hotel logistics trade bmat INST", 4),
    _p("scjg", "个体工商户登记准予决定书", "登", "登记", "营业执照", "uscc", ("个体工商户设立登记：{biz}",),
       (0,), "IND", 5),
    _p("scjg", "准予设立登记通知书", "登", "登记", "营业执照", "uscc",
       ("有限责任公司设立登记，注册资本{capital}万元", "变更登记：经营范围", "变更登记：法定代表人",
        "变更登记：住所"), (0,), "ENT", 5),
    _p("scjg", "准予设立登记通知书", "登", "登记", "营业执照", "uscc",
       ("农民专业合作社设立登记，成员出资总额{capital}万元", "农民专业合作社变更登记：成员"), (0,), "COOP", 3),
    _p("sthj", "排污许可决定书", "排许", "普通", "排污许可证", "pw", ("许可排放污染物：{pollutants}",), (60,),
       "chemical manuf bmat food textile pharma energy water", 4),
    _p("zjj", "建筑工程施工许可决定书", "施许", "普通", "建筑工程施工许可证", "sg",
       ("{project}，建筑面积{area2}平方米，合同价格{money}万元",), (12, 24, 36), "construction realestate INST", 5),
    _p("zjj", "建筑业企业资质许可决定书", "资许", "认可", "建筑业企业资质证书", "zz", ("{qualification}",), (60,),
       "construction", 3),
    _p("zjj", "燃气经营许可决定书", "燃许", "特许", "燃气经营许可证", "gas",
       ("管道燃气经营（天然气）", "瓶装燃气经营（液化石油气）"), (36,), "gas", 1),
    _p("jtys", "道路运输经营许可决定书", "许", "普通", "道路运输经营许可证", "road",
       ("道路普通货物运输", "道路普通货物运输、货物专用运输（集装箱）", "道路危险货物运输（第3类）"),
       (48,), "logistics construction bmat mining", 4),
    _p("jtys", "道路旅客运输经营许可决定书", "客许", "特许", "道路运输经营许可证", "road",
       ("县内班车客运", "旅游客运", "市际包车客运"), (48,), "logistics tourism", 1),
    _p("jtys", "出租汽车驾驶员从业资格注册决定", "从许", "认可", "出租汽车驾驶员从业资格证", "zg",
       ("巡游出租汽车驾驶员从业资格", "网络预约出租汽车驾驶员从业资格"), (72,), "PER", 5),
    _p("jtys", "道路运输从业人员从业资格许可决定书", "从许", "认可", "道路运输从业资格证", "zg",
       ("经营性道路货物运输驾驶员", "经营性道路旅客运输驾驶员", "道路危险货物运输驾驶员"), (72,), "PER", 4),
    _p("yjgl", "危险化学品经营许可决定书", "危化经许", "普通", "危险化学品经营许可证", "whj",
       ("批发（无储存）：{chemlist}", "零售：汽油、柴油"), (36,), "chemical trade gas energy", 2),
    _p("yjgl", "烟花爆竹经营（零售）许可决定书", "烟零许", "普通", "烟花爆竹经营（零售）许可证", "yh",
       ("烟花爆竹零售（限C、D级产品）",), (12,), "s_store s_food", 2),
    _p("yjgl", "安全生产许可决定书", "安许", "普通", "安全生产许可证", "aq",
       ("{safety_scope}",), (36,), "chemical mining construction", 2),
    _p("wjw", "公共场所卫生许可决定书", "公许", "普通", "公共场所卫生许可证", "gcws",
       ("{venue_kind}",), (48,), "s_hair s_hotel hotel s_leisure", 4),
    _p("wjw", "医疗机构执业许可决定书", "医许", "普通", "医疗机构执业许可证", "yl", ("诊疗科目：{clinic}",),
       (60,), "s_clinic medical", 2),
    _p("slj", "取水许可决定书", "取许", "特许", "取水许可证", "qs",
       ("取水地点：{river}，年取水量{n}万立方米，用途：{wateruse}",), (60,), "water manuf agri food bmat COOP", 2),
    _p("zrzy", "采矿许可决定书", "采许", "特许", "采矿许可证", "ck",
       ("开采矿种：{mineral}，开采方式：露天开采，生产规模{n}万吨/年",), (36, 60), "mining", 1),
    _p("zrzy", "建设工程规划许可决定书", "建规许", "普通", "建设工程规划许可证", "gh",
       ("{project}，总建筑面积{area2}平方米",), (12, 24), "realestate construction INST", 2),
    _p("zrzy", "乡村建设规划许可决定书", "乡规许", "其他", "乡村建设规划许可证", "xc",
       ("村民住宅建设，占地面积{sarea}平方米，{floors}层",), (24,), "PER", 3),
    _p("nyj", "动物防疫条件审查决定书", "动防", "核准", "动物防疫条件合格证", "dfy",
       ("{biz}场，{farm_scale}",), (0,), "livestock", 4),
    _p("nyj", "农药经营许可决定书", "药许", "普通", "农药经营许可证", "ny", ("农药（不含限制使用农药）零售",),
       (60,), "s_farm agri trade", 2),
    _p("nyj", "渔业捕捞许可决定书", "捕许", "普通", "渔业捕捞许可证", "yb", ("内陆捕捞：{river}，作业方式：刺网",),
       (60,), "PER", 1),
    _p("lyj", "林木采伐许可决定书", "采许", "普通", "林木采伐许可证", "lm",
       ("采伐{tree}{n}株，蓄积{vol}立方米",), (12,), "PER agri COOP", 2),
    _p("cgzf", "城市建筑垃圾处置核准决定书", "渣核", "核准", "城市建筑垃圾处置核准证", "cg",
       ("建筑垃圾运输，核准车辆{n_small}台",), (12,), "logistics construction", 2),
    _p("cgzf", "临时占用城市道路许可决定书", "占道许", "其他", "", "",
       ("临时占用{road}人行道{sarea}平方米用于施工材料堆放",), (1, 2, 3), "construction water gas property", 2),
    _p("cgzf", "设置大型户外广告许可决定书", "广告许", "其他", "", "",
       ("在{road}设置户外广告牌{n_small}块，单块面积{sarea}平方米",), (12, 24, 36),
       "trade realestate media auto hotel", 2),
    _p("zjj", "城镇污水排入排水管网许可决定书", "排水许", "普通", "城镇污水排入排水管网许可证", "ps",
       ("排水量{n}0立方米/日，排放口{n_small}个",), (60,),
       "catering hotel manuf food chemical auto trade property s_catering s_auto s_hotel", 3),
    _p("xf", "公众聚集场所投入使用、营业前消防安全检查决定书", "许", "普通", "", "",
       ("营业场所投入使用、营业前消防安全检查合格，使用面积{area}平方米",), (0,),
       "hotel catering trade edu tourism s_catering s_hotel s_leisure s_netcafe s_food", 3),
    _p("fgw", "企业投资项目核准决定书", "核准", "核准", "", "",
       ("{envproject}项目核准，总投资{money}万元",), (24,), "manuf energy realestate bmat", 1),
    _p("mzj", "民办非企业单位成立登记决定书", "登", "登记", "民办非企业单位登记证书", "mz",
       ("民办非企业单位成立登记，业务范围：{biz}",), (60,), "SOC", 3),
    _p("rsj", "劳务派遣经营许可决定书", "劳派许", "普通", "劳务派遣经营许可证", "lp",
       ("劳务派遣经营",), (36,), "labor", 2),
    _p("rsj", "人力资源服务许可决定书", "服许", "普通", "人力资源服务许可证", "rl",
       ("职业介绍、人力资源供求信息的收集和发布",), (0,), "labor edu", 1),
    _p("wlj", "旅行社业务经营许可决定书", "许", "普通", "旅行社业务经营许可证", "lx",
       ("经营国内旅游业务和入境旅游业务",), (0,), "tourism", 1),
    _p("wlj", "网络文化经营许可决定书", "网文许", "普通", "网络文化经营许可证", "wl",
       ("互联网上网服务营业场所，计算机终端{n}0台",), (36,), "s_netcafe", 2),
    _p("yc", "烟草专卖零售许可决定书", "许", "普通", "烟草专卖零售许可证", "yc", ("卷烟、雪茄烟零售",),
       (60,), "s_store s_food trade", 4),
    _p("jyj", "教师资格认定决定书", "资", "认可", "教师资格证书", "js", ("{teacher}",), (0,), "PER", 2),
)
PERMITS_DECISION_TITLE = _DECISION  # some departments use the generic title instead of the specific one
# Reasons for 当前状态 2 (无效) other than an expired validity.
INVALID_REMARKS = ("经营者申请注销", "企业申请注销", "因企业注销登记依法注销", "经营场所变更，原许可注销")
