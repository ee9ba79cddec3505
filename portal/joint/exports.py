"""CSV download of a credit check: one row per hit (or per line without hits); public data only."""

from __future__ import annotations

import csv
import io

from portal.joint.results import CheckView, RowView
from portal.tabular import safe_cell

HEADER = [
    "行号",
    "查询内容",
    "结果",
    "说明",
    "主体名称",
    "统一社会信用代码",
    "公示行政处罚数",
    "公示行政许可数",
    "名单类别",
    "名单名称",
    "列入日期",
    "认定单位",
    "异议处理中（暂停惩戒）",
    "强制措施",
    "推荐措施",
    "执行反馈",
    "反馈理由",
    "失信惩戒参考信息",  # public 行政强制 and 违诺 (portal/joint/notes.py), on every row of the subject
    "守信激励信息",  # public honours
]
CATEGORY_ZH = {"redlist": "红名单", "blacklist": "严重失信主体名单", "watchlist": "重点关注名单"}
OUTCOME_ZH = {
    "found": "已找到",
    "not_found": "未找到",
    "invalid": "无效",
    "ambiguous": "名称不唯一",
    "duplicate": "重复",
}
FEEDBACK_ZH = {"applied": "已执行", "not_applicable": "不适用", "not_applied": "未执行"}


def _notes(row_view: RowView, role: str) -> str:
    return "；".join(f"{n.title}（{n.day.isoformat()}，{n.authority}）" for n in row_view.notes_for(role))


def check_csv(view: CheckView) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row_view in view.rows:
        row = row_view.row
        base = [
            row.line_no,
            row.query,
            OUTCOME_ZH.get(row.outcome, row.outcome),
            row.message or "",
            row.name or "",
            row.uscc or "",
            row.penalties,
            row.permits,
        ]
        notes = [_notes(row_view, "discipline"), _notes(row_view, "incentive")]
        if not row_view.hits:
            blanks = [""] * (len(HEADER) - len(base) - len(notes))
            writer.writerow([safe_cell(v) for v in (*base, *blanks, *notes)])
            continue
        for hit_view in row_view.hits:
            hit = hit_view.hit
            mandatory = "；".join(m.measure for m in hit_view.measures if m.mode == "mandatory")
            recommended = "；".join(m.measure for m in hit_view.measures if m.mode == "recommended")
            answer = hit_view.feedback
            cells = [
                *base,
                CATEGORY_ZH.get(hit.category, hit.category),
                hit.list_name,
                hit.listed_on.isoformat(),
                hit.recognised_by,
                "是" if hit.suspended else "否",
                mandatory,
                recommended,
                FEEDBACK_ZH.get(answer.outcome, answer.outcome) if answer else "",
                (answer.reason or "") if answer else "",
                *notes,
            ]
            writer.writerow([safe_cell(v) for v in cells])
    return "\ufeff" + out.getvalue()
