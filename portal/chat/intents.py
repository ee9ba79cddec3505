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
    r"违诺|容缺|强制|查封|扣押|冻结|代履行|荣誉|表彰|称号|奖|评价|评级|纳税等级|"
    r"blacklist|red list|credit|penalt|repair|objection|dispute|complain|report|list|record|compan|status|"
    r"application|bidding|"
    r"publicity|commitment|measure|pledge|promise|coerc|seiz|honou?r|award|rating|grade|acceptance|documents|"
    r"违法|违规|纳税|税收|被执行人|身份证|姓名|隐私|未成年|商业秘密|个人信息|数据|措施|网站|自然人|名字|老赖|虚假",
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


# "X 是什么 / A 和 B 有什么区别" about a list asks for a definition, not for the list's measures.
DEFINITION_RE = re.compile(
    r"是什么|什么意思|指的是|指什么|是啥|干嘛的|什么叫|什么是|区别|不同|不一样|一回事|叫什么"
    r"|what is|what does|difference|mean",
    re.IGNORECASE,
)
MEASURE_RE = re.compile(
    r"措施|限制|后果|好处|影响|便利|会怎样|会怎么|能不能|受限|不能|还能|能否|享受|包括|measure|benefit|happen|restrict|incentive",
    re.IGNORECASE,
)
# A named organisation asked about ("…有限公司的红名单是什么"): a lookup of that subject, not a definition.
NAMED_ORG_RE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}?(?:有限责任公司|有限公司|集团|合作社|食品店|餐饮店|商行|经营部|门市部)"
)
_NOT_LOOKUP = re.compile(r"修复|异议|投诉|举报|报告|怎么办|如何申请|怎么申请|移出|退出")


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


# "不是要异议，我想问修复…", "不用转人工，问下…": the declined topic is no question; the rest of the message is.
NEGATED_LEAD = re.compile(
    r"^(?:我)?(?:不是|不想|不用|不要|不需要|并不是|没想)[^，,。；;！!]{1,12}[，,。；;！!]\s*(?=\S)"
)
_YES_NO_REPAIR = re.compile(
    r"(需要|要不要|用不用|还用|是否需要).{0,6}修复|(还能|能不能|能|可以|可不可以)(申请)?修复?了?(吗|不|没|么)|是否.{0,6}修复"
)
_LIST_NAMED = re.compile(r"名单|名录|失信|守信|老赖|惩戒|激励|\blist|blacklist", re.IGNORECASE)
# Politeness around a question ("您好，我司想申请…谢谢") is no greeting; alone, or with "我想咨询一下", it is.
POLITE_LEAD = re.compile(r"^(?:你好|您好|嗨|hi|hello|hey)[呀啊鸭，,！!。~～\s]*", re.IGNORECASE)
POLITE_TAIL = re.compile(r"[，,。！!\s]*(?:谢谢|多谢|感谢)[你您啦了！!。~～\s]*$")
JUST_ASKING = re.compile(
    r"^(?:我|我们)?(?:想|要)?(?:咨询|问|请教|打听)(?:一下|下)?(?:问题|事情|个事)?[。.!！?？~～\s]*$"
)
_HOW_REPAIR = re.compile(r"^how (do|can|to)|怎么申请|如何申请|怎么办理|如何办理|流程|步骤|材料", re.IGNORECASE)


def _question_type(intent: str, text: str) -> str:
    """The form of the question corrects the topic the model saw: "X 是什么" about a list is a definition, "会有什么
    后果" a question of measures, "需要修复吗" one of eligibility, "how do I apply" one of procedure."""
    if intent == "list_measures" and DEFINITION_RE.search(text) and not MEASURE_RE.search(text):
        return "policy_faq"
    if (
        intent == "policy_faq"
        and MEASURE_RE.search(text)
        and _LIST_NAMED.search(text)
        and not DEFINITION_RE.search(text)
    ):
        return "list_measures"
    if intent == "repair_howto" and _YES_NO_REPAIR.search(text) and not _HOW_REPAIR.search(text):
        return "repair_eligibility"
    if intent == "repair_eligibility" and _HOW_REPAIR.search(text) and not _YES_NO_REPAIR.search(text):
        return "repair_howto"
    return intent


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
    core = POLITE_TAIL.sub("", POLITE_LEAD.sub("", text))
    if core != text and (not core or JUST_ASKING.match(core)):
        return Classification("greeting", 0.9)
    intent, confidence, known = model().predict(NEGATED_LEAD.sub("", core or text))
    if DOC_NO_RE.search(message):
        if _REPAIR_WORDS.search(text):
            return Classification("repair_eligibility", max(confidence, 0.9))
        if intent not in ("objection_howto", "repair_eligibility"):
            return Classification("record_explain", max(confidence if intent == "record_explain" else 0.0, 0.9))
    if USCC_RE.search(message.upper()) and intent not in ("repair_eligibility", "objection_howto"):
        return Classification("subject_lookup", 0.95)
    intent = _question_type(intent, text)
    if (
        intent not in ("subject_lookup", "submission_status", "greeting", "handoff")
        and NAMED_ORG_RE.search(message)
        and not DOC_NO_RE.search(message)
        and not _NOT_LOOKUP.search(text)
        and not (intent == "list_measures" and MEASURE_RE.search(text))
    ):
        return Classification("subject_lookup", max(confidence, 0.8))
    if intent in _GUARDED and not DOMAIN_WORDS.search(text):
        return Classification("out_of_scope", 0.6)
    if known == 0 or confidence < MIN_CONFIDENCE:
        return Classification("out_of_scope", round(1.0 - confidence, 3) if known else 1.0)
    return Classification(intent, round(confidence, 3))
