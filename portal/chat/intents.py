"""Intent classification: regex rules for what has a shape (USCC, tracking number, 文号, greetings), then a linear
model (nlp.IntentModel, scikit-learn) trained once per process from portal/data/chat/train.jsonl; low confidence means
out_of_scope.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from portal.chat.nlp import IntentModel, normalise

DATA = Path(__file__).resolve().parent.parent / "data" / "chat"
INTENTS = (
    "subject_lookup",
    "record_explain",
    "repair_howto",
    "repair_eligibility",
    "objection_howto",
    "complaint_howto",
    "submission_status",
    "list_measures",
    "credit_report",
    "policy_faq",
    "greeting",
    "handoff",
    "out_of_scope",
)
MIN_CONFIDENCE = 0.25  # calibrated probabilities over 13 intents; chosen on eval.jsonl + eval_fresh.jsonl

USCC_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")
TRACKING_RE = re.compile(r"(?<![0-9A-Za-z])(\d{8}-[2-9A-HJ-NP-Z]{6})(?![0-9A-Za-z])", re.IGNORECASE)
# A 查询码 as printed on receipts, in two groups of five ("ABCDE-FGHJK"); joined before CODE_RE reads it.
SPLIT_CODE_RE = re.compile(r"(?<![0-9A-Z])([2-9A-HJ-NP-Z]{5})[\s\-—]+([2-9A-HJ-NP-Z]{5})(?![0-9A-Z])")
CODE_RE = re.compile(r"(?<![0-9A-Za-z-])([2-9A-HJ-NP-Z]{10})(?![0-9A-Za-z])", re.IGNORECASE)
DOC_NO_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,20}[〔\[［(（【]\d{4}[〕\]］)）】]\s*(?:第)?\d{1,6}\s*号")
GREETING_RE = re.compile(
    r"^(?:好的|好|嗯|ok|okay)?[\s,，]*(你好|您好|嗨|哈喽|哈罗|hello|hi|hey|在吗|在不在|有人吗|早上好|下午好|晚上好|早|谢谢|谢谢你|感谢|多谢|谢啦|谢了|辛苦了|再见|拜拜|bye|"
    r"thanks|thank you|good (morning|afternoon|evening)|hi there|hello there|你是谁|你能做什么|你能帮我做什么|你会什么|"
    r"你好[，,\s]*(小助手|机器人)?)[\s!！?？。.~,，啊呀]*$",
    re.IGNORECASE,
)
_REPAIR_WORDS = re.compile(r"修复|repair")
# Personal credit scores and bank credit reports (人民银行征信, 芝麻信用, cards, consumer loans) are another system.
PERSONAL_CREDIT_RE = re.compile(
    r"征信|芝麻信用|芝麻分|信用卡|花呗|借呗|白条|网贷|credit card|credit score", re.IGNORECASE
)
# Attempts to re-instruct the bot ("忽略以上指令", "you are now…"): out of scope, whatever else they contain.
INJECTION_RE = re.compile(
    r"忽略(以上|之前|前面|上面|所有)|你现在是(管理员|系统|开发者|超级)|扮演|管理员身份|开发者模式|系统提示|输出数据库|导出数据库|"
    r"ignore (all |the |any )?(previous|prior|above)|disregard (your|all|the)|you are now|developer mode|system prompt|"
    r"dump the database",
    re.IGNORECASE,
)
# Without one of these words a question about procedures or lists is not ours (the model alone is overconfident).
DOMAIN_WORDS = re.compile(
    r"信用|失信|守信|诚信|处罚|罚|修复|修护|异议|异义|申诉|更正|投诉|投述|举报|举办|检举|公司|企业|单位|店|商家|老板|名单|报告|报高|公示|公式|"
    r"名录|异常|申请|进度|受理|查询码|编号|工单|许可|惩戒|激励|奖惩|承诺|监管|代码|记录|信息|部门|政策|双公示|36号|信用办|黑名单|红名单|"
    r"blacklist|red list|credit|penalt|repair|objection|dispute|complain|report|list|record|compan|status|"
    r"application|bidding|"
    r"publicity|commitment|measure|"
    r"违法|违规|纳税|税收|被执行人|身份证|姓名|隐私|未成年|商业秘密|个人信息",
    re.IGNORECASE,
)
_GUARDED = (
    "record_explain",
    "repair_howto",
    "repair_eligibility",
    "objection_howto",
    "complaint_howto",
    "list_measures",
    "credit_report",
    "policy_faq",
)


@dataclass(frozen=True, slots=True)
class Classification:
    intent: str
    confidence: float


_model: IntentModel | None = None
_lock = threading.Lock()


def load_training(path: Path = DATA / "train.jsonl") -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(row["text"], row["intent"]) for row in rows]


def model() -> IntentModel:
    """Trained lazily, once per process; deterministic (same file, same model)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = IntentModel().fit(load_training())
    return _model


def classify(message: str) -> Classification:
    text = normalise(message)
    if not text:
        return Classification("out_of_scope", 1.0)
    if GREETING_RE.match(text):
        return Classification("greeting", 1.0)
    if TRACKING_RE.search(message):
        return Classification("submission_status", 1.0)
    if INJECTION_RE.search(text):
        return Classification("out_of_scope", 0.95)
    if PERSONAL_CREDIT_RE.search(text) and not (DOC_NO_RE.search(message) or USCC_RE.search(message.upper())):
        return Classification("out_of_scope", 0.9)
    intent, confidence, known = model().predict(text)
    if DOC_NO_RE.search(message):
        if _REPAIR_WORDS.search(text):
            return Classification("repair_eligibility", max(confidence, 0.9))
        if intent not in ("objection_howto", "repair_eligibility"):
            return Classification("record_explain", max(confidence if intent == "record_explain" else 0.0, 0.9))
    if USCC_RE.search(message.upper()) and intent not in ("repair_eligibility", "objection_howto"):
        return Classification("subject_lookup", 0.95)
    if intent in _GUARDED and not DOMAIN_WORDS.search(text):
        return Classification("out_of_scope", 0.6)
    if known == 0 or confidence < MIN_CONFIDENCE:
        return Classification("out_of_scope", round(1.0 - confidence, 3) if known else 1.0)
    return Classification(intent, round(confidence, 3))
