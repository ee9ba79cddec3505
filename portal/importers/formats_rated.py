"""Column sets of 信用评价结果 (data-standard §11) and 检查结果 (§14)."""

from __future__ import annotations

from portal.importers.formats import SUBJECT_COLUMNS, SUBJECT_MANDATORY, Format

RATING_COLUMNS = (
    "评价体系",
    "评价对象名称",
    "主体类别",
    "统一社会信用代码",
    "评价等级",
    "评价分数",
    "评价年度",
    "评价日期",
    "有效期至",
    "评价单位",
    "评价单位统一社会信用代码",
    "评价依据",
    "公开类型",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "评价体系说明",
    "备注",
)
# R and C columns: 评价年度 and 评价体系说明 are required for some schemes, so a file must have them
RATING_MANDATORY = tuple(c for c in RATING_COLUMNS if c not in ("评价分数", "有效期至", "评价依据", "备注"))

RATING_FORMAT = Format("信用评价结果", RATING_COLUMNS, RATING_MANDATORY)

INSPECTION_COLUMNS = SUBJECT_COLUMNS + (
    "检查编号",
    "检查任务名称",
    "检查类别",
    "检查事项",
    "检查方式",
    "检查日期",
    "检查结果类型",
    "检查结论",
    "后续处置",
    "检查机关",
    "检查机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
)
INSPECTION_MANDATORY = SUBJECT_MANDATORY + (
    "检查编号",
    "检查类别",
    "检查事项",
    "检查日期",
    "检查结果类型",
    "检查结论",
    "检查机关",
    "检查机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
)

INSPECTION_FORMAT = Format("检查结果", INSPECTION_COLUMNS, INSPECTION_MANDATORY)
