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
