"""Column sets of the further kinds of credit information (data-standard §10–§14)."""

from __future__ import annotations

from portal.importers.formats import SUBJECT_COLUMNS, SUBJECT_MANDATORY, Format

COERCION_COLUMNS = SUBJECT_COLUMNS + (
    "行政强制决定书文号",
    "强制类别",
    "强制事由",
    "强制依据",
    "强制内容",
    "涉及财物",
    "决定日期",
    "强制期限至",
    "解除日期",
    "解除原因",
    "实施机关",
    "实施机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
)
COERCION_MANDATORY = SUBJECT_MANDATORY + (
    "行政强制决定书文号",
    "强制类别",
    "强制事由",
    "强制依据",
    "强制内容",
    "决定日期",
    "实施机关",
    "实施机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

COERCION_FORMAT = Format("行政强制", COERCION_COLUMNS, COERCION_MANDATORY)

HONOUR_COLUMNS = SUBJECT_COLUMNS + (
    "荣誉名称",
    "荣誉等级",
    "荣誉内容",
    "授予文件号",
    "授予单位",
    "授予单位统一社会信用代码",
    "授予日期",
    "有效期至",
    "撤销日期",
    "撤销原因",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
)
HONOUR_MANDATORY = SUBJECT_MANDATORY + (
    "荣誉名称",
    "荣誉内容",
    "授予文件号",
    "授予单位",
    "授予单位统一社会信用代码",
    "授予日期",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

HONOUR_FORMAT = Format("荣誉", HONOUR_COLUMNS, HONOUR_MANDATORY)

COMMITMENT_COLUMNS = (
    "承诺编码",
    "承诺人名称",
    "承诺人类别",
    "统一社会信用代码",
    "证件类型",
    "证件号码",
    "承诺类型",
    "承诺事由",
    "承诺内容",
    "违诺责任",
    "承诺作出日期",
    "承诺有效期至",
    "承诺履行状态",
    "未履行的承诺内容",
    "违诺责任追究内容",
    "履行状态认定日期",
    "承诺受理单位",
    "承诺受理单位统一社会信用代码",
    "公开类型",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "经办人",
    "备注",
)
COMMITMENT_MANDATORY = (
    "承诺人名称",
    "承诺人类别",
    "统一社会信用代码",
    "证件类型",
    "证件号码",
    "承诺类型",
    "承诺事由",
    "承诺内容",
    "承诺作出日期",
    "承诺受理单位",
    "承诺受理单位统一社会信用代码",
    "公开类型",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

COMMITMENT_FORMAT = Format("信用承诺", COMMITMENT_COLUMNS, COMMITMENT_MANDATORY)
