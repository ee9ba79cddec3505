"""Column sets of the 双公示 and list file formats (data-standard §3–§6) and header recognition."""

from __future__ import annotations

from dataclasses import dataclass

SUBJECT_COLUMNS = (
    "行政相对人名称",
    "行政相对人类别",
    "行政相对人代码_1(统一社会信用代码)",
    "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)",
    "行政相对人代码_4(税务登记号)",
    "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)",
    "法定代表人",
    "法定代表人证件类型",
    "法定代表人证件号码",
    "证件类型",
    "证件号码",
)
SUBJECT_MANDATORY = (
    "行政相对人名称",
    "行政相对人类别",
    "行政相对人代码_1(统一社会信用代码)",
    "证件类型",
    "证件号码",
)

PENALTY_COLUMNS = SUBJECT_COLUMNS + (
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额(万元)",
    "没收违法所得、没收非法财物的金额(万元)",
    "暂扣或吊销证照名称及编号",
    "处罚决定日期",
    "处罚有效期",
    "公示截止期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "失信严重程度",
    "备注",
)
PENALTY_MANDATORY = SUBJECT_MANDATORY + (
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "处罚决定日期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

PERMIT_COLUMNS = SUBJECT_COLUMNS + (
    "行政许可决定文书名称",
    "行政许可决定文书号",
    "许可类别",
    "许可证书名称",
    "许可编号",
    "许可内容",
    "许可决定日期",
    "有效期自",
    "有效期至",
    "许可机关",
    "许可机关统一社会信用代码",
    "当前状态",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
)
PERMIT_MANDATORY = SUBJECT_MANDATORY + (
    "行政许可决定文书名称",
    "行政许可决定文书号",
    "许可类别",
    "许可内容",
    "许可决定日期",
    "有效期自",
    "有效期至",
    "许可机关",
    "许可机关统一社会信用代码",
    "当前状态",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

LIST_COLUMNS = (
    "名单类别",
    "名单名称",
    "主体名称",
    "主体类别",
    "统一社会信用代码",
    "法定代表人",
    "证件类型",
    "证件号码",
    "列入事由",
    "认定依据",
    "认定文书号",
    "认定单位",
    "认定单位统一社会信用代码",
    "列入日期",
    "有效期至",
    "移出日期",
    "移出原因",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
)
LIST_MANDATORY = tuple(c for c in LIST_COLUMNS if c not in ("法定代表人", "有效期至", "移出日期", "备注"))

# Long-text columns may hold up to 10,000 chars; every other column up to 256 (data-standard §2).
LONG_TEXT = frozenset({"违法事实", "处罚依据", "处罚内容", "许可内容", "列入事由", "认定依据", "移出原因", "备注",
                       # data-standard §10–§14 (portal/importers/formats_more.py)
                       "强制事由", "强制依据", "强制内容", "涉及财物", "解除原因", "荣誉内容", "撤销原因",
                       "承诺事由", "承诺内容", "违诺责任", "未履行的承诺内容", "违诺责任追究内容",
                       "检查事项", "检查结论", "后续处置"})  # fmt: skip
SHORT_LIMIT = 256
LONG_LIMIT = 10_000


@dataclass(frozen=True)
class Format:
    name_zh: str  # the kind's name in the data standard, for messages ("不是行政处罚文件格式")
    columns: tuple[str, ...]
    mandatory: tuple[str, ...]


# Each kind's spec in portal/kinds.py names its format.
PENALTY_FORMAT = Format("行政处罚", PENALTY_COLUMNS, PENALTY_MANDATORY)
PERMIT_FORMAT = Format("行政许可", PERMIT_COLUMNS, PERMIT_MANDATORY)
LIST_FORMAT = Format("名单", LIST_COLUMNS, LIST_MANDATORY)



class HeaderError(Exception):
    """The header is not a known format: exit 2, nothing imported."""


@dataclass(frozen=True)
class HeaderMap:
    """Which input position feeds which standard column, plus header-level warnings."""

    positions: dict[str, int]
    width: int
    warnings: tuple[str, ...]
