"""Word lists of the demo data: the fictional 江临市, its departments, people's and organisations' names.

Everything here is invented: 439900 is no real division code, so generated ID numbers and USCCs cannot be
anybody's. Penalty, permit and list vocabulary live in penalty_*.py, permit.py, lists*.py and fill.py
(the words of their placeholders).
"""

from __future__ import annotations

CITY = "江临市"
CITY_CODE = "439900"
PROVINCE_ABBR = "湘"  # 43xxxx is 湖南; licence numbers and plates use its abbreviation
PLATE_PREFIX = "湘P"  # no real city uses 湘P

# key, official name prefix for organisations, division code, short form in 文号 (district offices), weight,
# roads, 乡镇/街道
DISTRICTS: tuple[tuple[str, str, str, str, int, tuple[str, ...], tuple[str, ...]], ...] = (
    ("临江区", "江临市临江区", "439902", "临", 22,
     ("滨江路", "解放路", "人民中路", "建设北路", "临江大道", "中山路"), ("滨江街道", "解放街道", "人民路街道")),
    ("东湖区", "江临市东湖区", "439903", "东", 20,
     ("东湖路", "湖滨大道", "新塘路", "东环路", "文化路"), ("东湖街道", "湖滨街道", "新塘街道")),
    ("西山区", "江临市西山区", "439904", "西", 15,
     ("西山大道", "枫林路", "石塔路", "西环路", "工业路"), ("西山街道", "枫林街道", "石塔街道")),
    ("高新区", "江临高新区", "439971", "高新", 10,
     ("高新大道", "科技路", "创新路", "火炬路", "孵化园路"), ("创新街道", "科技城街道")),
    ("江临县", "江临县", "439921", "江县", 12,
     ("建设路", "县前街", "白石街", "城南路"), ("城关镇", "白石镇", "青山镇", "石门乡", "龙潭镇")),
    ("临川县", "临川县", "439922", "川", 10,
     ("临川大道", "桃源路", "府前路", "河西街"), ("临川镇", "桃源镇", "云溪乡", "大坪镇")),
    ("江安市", "江安市", "439981", "安", 11,
     ("江安大道", "安平路", "清水街", "迎宾路"), ("江安街道", "安平镇", "清水镇", "长乐镇")),
)
VILLAGES = ("新田", "石桥", "枫树", "杨家", "刘家坪", "大塘", "长冲", "黄泥", "桂花", "荷叶", "松柏", "双井")

# Departments: key -> (name, 文号 abbreviation, USCC kind "11" 机关 / "12" 事业单位 / "13" 群团, division code).
# District offices of 市场监管, 税务 and 公安 are derived per district in portal/demo/world.py.
DEPARTMENTS: dict[str, tuple[str, str, str, str]] = {
    "scjg": ("江临市市场监督管理局", "江市监", "11", CITY_CODE),
    "sthj": ("江临市生态环境局", "江环", "11", CITY_CODE),
    "tax": ("国家税务总局江临市税务局", "江税", "11", CITY_CODE),
    "taxjc": ("国家税务总局江临市税务局稽查局", "江税稽", "11", CITY_CODE),
    "cgzf": ("江临市城市管理和综合执法局", "江城管", "11", CITY_CODE),
    "jtys": ("江临市交通运输局", "江交运", "11", CITY_CODE),
    "yjgl": ("江临市应急管理局", "江应急", "11", CITY_CODE),
    "zjj": ("江临市住房和城乡建设局", "江住建", "11", CITY_CODE),
    "wjw": ("江临市卫生健康委员会", "江卫", "11", CITY_CODE),
    "rsj": ("江临市人力资源和社会保障局", "江人社", "11", CITY_CODE),
    "zrzy": ("江临市自然资源和规划局", "江自然资", "11", CITY_CODE),
    "wlj": ("江临市文化旅游广电体育局", "江文旅", "11", CITY_CODE),
    "nyj": ("江临市农业农村局", "江农", "11", CITY_CODE),
    "swj": ("江临市商务局", "江商", "11", CITY_CODE),
    "czj": ("江临市财政局", "江财", "11", CITY_CODE),
    "gaj": ("江临市公安局", "江公", "11", CITY_CODE),
    "xf": ("江临市消防救援支队", "江消", "11", CITY_CODE),
    "ybj": ("江临市医疗保障局", "江医保", "11", CITY_CODE),
    "slj": ("江临市水利局", "江水", "11", CITY_CODE),
    "lyj": ("江临市林业局", "江林", "11", CITY_CODE),
    "jyj": ("江临市教育局", "江教", "11", CITY_CODE),
    "mzj": ("江临市民政局", "江民", "11", CITY_CODE),
    "fgw": ("江临市发展和改革委员会", "江发改", "11", CITY_CODE),
    "tjj": ("江临市统计局", "江统", "11", CITY_CODE),
    "kjj": ("江临市科学技术局", "江科", "11", CITY_CODE),
    "gxj": ("江临市工业和信息化局", "江工信", "11", CITY_CODE),
    "spj": ("江临市行政审批服务局", "江审批", "11", CITY_CODE),
    "yc": ("江临市烟草专卖局", "江烟", "11", CITY_CODE),
    "court": ("江临市中级人民法院", "湘99", "11", CITY_CODE),
    "customs": ("江临海关", "江关", "11", CITY_CODE),
    "pbc": ("中国人民银行江临市分行", "江银", "11", CITY_CODE),
    "jrj": ("国家金融监督管理总局江临监管分局", "江金管", "11", CITY_CODE),
    "ggzy": ("江临市公共资源交易中心", "江公资", "12", CITY_CODE),
    "wmb": ("江临市精神文明建设指导委员会办公室", "江文明办", "11", CITY_CODE),
    "tsw": ("共青团江临市委员会", "江团", "13", CITY_CODE),
    "zgh": ("江临市总工会", "江工", "13", CITY_CODE),
    "fl": ("江临市妇女联合会", "江妇", "13", CITY_CODE),
    "hsh": ("江临市红十字会", "江红", "13", CITY_CODE),
    "gsl": ("江临市工商业联合会", "江工商联", "13", CITY_CODE),
    "media": ("江临日报社", "江日报", "12", CITY_CODE),
}
# Name of the district office of 市场监管 / 税务 / 公安 for each district key above.
DISTRICT_OFFICES: dict[str, tuple[str, str, str]] = {
    "临江区": ("江临市临江区市场监督管理局", "国家税务总局江临市临江区税务局", "江临市公安局临江分局"),
    "东湖区": ("江临市东湖区市场监督管理局", "国家税务总局江临市东湖区税务局", "江临市公安局东湖分局"),
    "西山区": ("江临市西山区市场监督管理局", "国家税务总局江临市西山区税务局", "江临市公安局西山分局"),
    "高新区": ("江临市市场监督管理局高新技术产业开发区分局", "国家税务总局江临高新技术产业开发区税务局",
             "江临市公安局高新分局"),
    "江临县": ("江临县市场监督管理局", "国家税务总局江临县税务局", "江临县公安局"),
    "临川县": ("临川县市场监督管理局", "国家税务总局临川县税务局", "临川县公安局"),
    "江安市": ("江安市市场监督管理局", "国家税务总局江安市税务局", "江安市公安局"),
}

# Surnames with rough relative frequencies (per mille of the population, rounded).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72), ("李", 72), ("张", 69), ("刘", 54), ("陈", 46), ("杨", 32), ("黄", 24), ("赵", 23),
    ("吴", 21), ("周", 21), ("徐", 17), ("孙", 16), ("马", 15), ("朱", 14), ("胡", 14), ("郭", 13),
    ("何", 12), ("林", 12), ("罗", 11), ("高", 11), ("郑", 10), ("梁", 9), ("谢", 8), ("宋", 8),
    ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7), ("彭", 6), ("曾", 6), ("肖", 6),
    ("田", 6), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5), ("余", 5), ("杜", 5),
    ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4), ("姚", 4),
    ("卢", 4), ("姜", 3), ("崔", 3), ("钟", 3), ("谭", 4), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3),
    ("石", 3), ("廖", 3), ("贾", 3), ("夏", 3), ("韦", 3), ("付", 3), ("方", 3), ("白", 2), ("邹", 3),
    ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("段", 2), ("雷", 2),
    ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2), ("顾", 2), ("毛", 2), ("郝", 2),
    ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2), ("覃", 1), ("武", 2), ("戴", 2), ("莫", 1),
    ("孔", 1), ("向", 1), ("汤", 1), ("易", 1), ("颜", 1), ("欧阳", 1), ("司马", 1), ("诸葛", 1),
)
GIVEN_MALE = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "峰", "建", "国", "志", "文",
    "海", "东", "德", "红", "清", "永", "新", "春", "生", "成", "贵", "兵", "松", "荣", "亮", "晨", "博",
    "子", "轩", "睿", "泽", "宏", "坤", "阳", "振", "家", "昊", "天", "洪", "俊", "世", "良", "庆", "立",
)
GIVEN_FEMALE = (
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "莉", "红", "萍", "琳",
    "洁", "梅", "兰", "英", "秀", "华", "佳", "欣", "怡", "思", "雨", "晓", "颖", "倩", "琴", "云", "凤",
    "丹", "蓉", "璐", "瑶", "悦", "涵", "可", "馨", "月", "春", "桂", "珍", "玉", "小", "美", "淑", "彤",
)

# 字号 (trade names) are built from these two columns; well-known brands are left out.
BRAND_FIRST = "华金鑫恒宏瑞丰盛兴福泰嘉盈汇宝德荣凯新永和正信中东天海博润安广源通达昌佳祥旺裕隆锦辉美诚湘江临鼎腾"
BRAND_SECOND = "源达盛鑫丰泰宇昌隆兴发华通利祥瑞辉恒成业信和安康邦泽晟宏远捷诚正峰瀚亿嘉创联合力品沃悦禾"
BRAND_EXCLUDED = frozenset({
    "海信", "中兴", "中信", "中华", "华泰", "中通", "恒安", "汇源", "广发", "兴业", "中联", "安信", "海通",
    "德邦", "海康", "恒瑞", "新华", "华联", "中泰", "永和", "安利", "华润", "鑫鑫", "通通", "华华",
})

# Company 行业 words: (word, sector tag, weight). Tags link subjects to fitting violations and permits.
INDUSTRIES: tuple[tuple[str, str, int], ...] = (
    ("食品", "food", 5), ("食品科技", "food", 1), ("粮油", "food", 1), ("餐饮管理", "catering", 4),
    ("建筑工程", "construction", 6), ("建设工程", "construction", 3), ("装饰工程", "construction", 2),
    ("园林绿化", "construction", 1), ("市政工程", "construction", 1), ("物流", "logistics", 5),
    ("运输", "logistics", 3), ("冷链物流", "logistics", 1), ("化工", "chemical", 3), ("石油化工", "chemical", 1),
    ("医药", "pharma", 2), ("大药房", "pharma", 2), ("医疗器械", "medical", 1), ("环保科技", "env", 2),
    ("再生资源回收", "env", 1), ("房地产开发", "realestate", 3), ("商贸", "trade", 8), ("贸易", "trade", 3),
    ("五金机电", "trade", 1), ("机械制造", "manuf", 4), ("包装材料", "manuf", 1), ("塑料制品", "manuf", 1),
    ("生物科技", "manuf", 1), ("电子科技", "tech", 3), ("网络科技", "tech", 3), ("信息技术", "tech", 2),
    ("水务", "water", 1), ("燃气", "gas", 1), ("建材", "bmat", 3), ("新型建材", "bmat", 1),
    ("混凝土", "bmat", 1), ("纺织", "textile", 2), ("服饰", "textile", 1), ("汽车销售", "auto", 2),
    ("汽车服务", "auto", 1), ("劳务派遣", "labor", 1), ("劳务", "labor", 2), ("人力资源", "labor", 1),
    ("保安服务", "labor", 1), ("物业管理", "property", 3), ("家政服务", "property", 1), ("教育咨询", "edu", 2),
    ("文化传媒", "media", 2), ("旅游", "tourism", 1), ("国际旅行社", "tourism", 1), ("酒店管理", "hotel", 2),
    ("农业开发", "agri", 2), ("生态农业", "agri", 1), ("农产品", "agri", 1), ("电力工程", "energy", 1),
    ("新能源", "energy", 1), ("矿业", "mining", 1), ("砂石", "mining", 1), ("医院", "medical", 1),
)
# 组织形式 endings of company names and their weights.
COMPANY_FORMS = (("有限公司", 10), ("有限责任公司", 3), ("股份有限公司", 1))

# 个体工商户 shop kinds: (word, tag, weight).
SHOPS: tuple[tuple[str, str, int], ...] = (
    ("便利店", "s_food", 6), ("副食店", "s_food", 4), ("超市", "s_food", 3), ("水果店", "s_food", 2),
    ("餐饮店", "s_catering", 5), ("小吃店", "s_catering", 4), ("面馆", "s_catering", 3),
    ("米粉店", "s_catering", 3), ("烧烤店", "s_catering", 2), ("早餐店", "s_catering", 2),
    ("茶楼", "s_catering", 1), ("五金店", "s_hardware", 2), ("建材店", "s_hardware", 2), ("理发店", "s_hair", 3),
    ("美发店", "s_hair", 2), ("美容店", "s_hair", 1), ("汽车修理店", "s_auto", 2), ("服装店", "s_retail", 3),
    ("手机店", "s_retail", 1), ("烟酒店", "s_store", 2), ("药店", "s_pharma", 1), ("农资店", "s_farm", 1),
    ("旅馆", "s_hotel", 1), ("网吧", "s_netcafe", 1), ("诊所", "s_clinic", 1), ("棋牌室", "s_leisure", 1),
    ("干洗店", "s_service", 1),
)

# 经营范围 of a shop kind (contents of its 个体工商户 registration).
SHOP_SCOPES = {
    "s_food": "食品销售、日用百货零售", "s_catering": "餐饮服务", "s_hardware": "五金产品、建筑材料零售",
    "s_hair": "理发及美容服务", "s_auto": "机动车维修", "s_retail": "服装鞋帽、电子产品零售",
    "s_store": "烟酒、日用百货零售", "s_pharma": "药品零售", "s_farm": "农药、化肥、种子零售", "s_hotel": "住宿服务",
    "s_netcafe": "互联网上网服务", "s_clinic": "诊所服务", "s_leisure": "棋牌室服务", "s_service": "洗染服务",
}

# 事业单位 names ({dp} district prefix, {town} 乡镇/街道, {n} a number): (pattern, tag).
INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("{dp}人民医院", "medical"), ("{dp}中医医院", "medical"), ("{dp}妇幼保健院", "medical"),
    ("{dp}{town}卫生院", "medical"), ("{dp}疾病预防控制中心", "medical"), ("{dp}第{n}中学", "school"),
    ("{dp}{town}中心小学", "school"), ("{dp}{town}中学", "school"), ("{dp}职业中专学校", "school"),
    ("{dp}{town}农业综合服务站", "agri"), ("{dp}水利工程管理所", "water"), ("{dp}第{n}幼儿园", "school"),
)
# 社会组织 names: (pattern, USCC kind, tag, 业务范围); {brand} a 字号, {ind} an industry word.
SOCIAL_ORGS: tuple[tuple[str, str, str, str], ...] = (
    ("江临市{ind}行业协会", "51", "ORG", "行业自律、信息交流与咨询服务"),
    ("江临市{brand}职业培训学校", "52", "edu", "职业技能培训"), ("{dp}{brand}幼儿园", "52", "school", "学前教育"),
    ("江临市{brand}养老服务中心", "52", "property", "养老服务"),
    ("江临市{brand}社会工作服务中心", "52", "ORG", "社区社会工作服务"),
    ("江临市{brand}公益基金会", "53", "ORG", "公益慈善资助"), ("{dp}{brand}民办学校", "52", "school", "文化教育"),
)
# 农民专业合作社: product -> the scale of its farm (animal husbandry needs a 动物防疫条件合格证).
COOP_PRODUCTS: dict[str, str] = {
    "水稻种植": "", "油茶种植": "", "蔬菜种植": "", "柑橘种植": "", "茶叶种植": "", "中药材种植": "", "葡萄种植": "",
    "食用菌种植": "", "农机": "", "生猪养殖": "设计存栏{n}00头", "肉牛养殖": "设计存栏{n}0头",
    "蛋鸡养殖": "设计存栏{n}000羽", "水产养殖": "养殖水面{n}0亩", "黑山羊养殖": "设计存栏{n}0只",
    "中蜂养殖": "蜂群{n}0箱",
}
# Contents that depend on the subject's sector tag (公共场所 kind, 安全生产许可 scope).
VENUES = {"s_hair": "美容店、理发店", "s_hotel": "宾馆、旅店", "hotel": "宾馆、酒店", "s_leisure": "棋牌室（含茶座）"}
SAFETY_SCOPES = {"construction": "建筑施工", "mining": "非煤矿山开采（建筑用石料）", "chemical": "危险化学品生产"}
