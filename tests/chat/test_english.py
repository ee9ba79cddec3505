"""English answers are English: no Chinese sentence in a reply given in English, for every question of the evaluation
sets asked on the English site. Names stay as they are written (a company, an authority, a list, a document number, a
quoted title or 承诺事由): they are what the user searches for on the site.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from portal.chat import sessions
from portal.chat.intents import DOC_NO_RE
from portal.chat.services import chat
from portal.extensions import db
from tests.chat.evaluation import load
from tests.conftest import TODAY

# What a name looks like: quoted (“…”, 《…》), a document number, or a run of Han characters ending in the word of an
# organisation or a document (…有限公司, …市场监督管理局, …名单).
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")
_ORG_END = (
    r"有限责任公司|有限公司|公司|集团|合作社|店|厂|局|委员会|委|厅|办公室|办|政府|中心|法院|海关|银行|协会|名单|名录|纳税人|主体|对象|企业"
    r"|决定书|决定|许可证|证书|通知书|批复|被执行人"
)
_MASKED = re.compile(r"[\u4e00-\u9fff]\*+")  # a masked natural person: 王**
_NAME = re.compile(r"[\u4e00-\u9fff（）()A-Za-z0-9·]*?[\u4e00-\u9fff](?:" + _ORG_END + r")")
_HAN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")
_SET_NAMES = ("data/eval_issue20.jsonl", "data/eval_kinds.jsonl")


def foreign_sentences(text: str) -> list[str]:
    """The runs of Chinese left in an English text once names are taken out."""
    rest = _QUOTED.sub(" ", text)
    rest = DOC_NO_RE.sub(" ", rest)
    rest = _NAME.sub(" ", _MASKED.sub(" ", rest))
    return [run for run in _HAN.findall(rest) if re.search(r"[\u4e00-\u9fff]", run)]


def test_the_scanner_takes_names_out_and_finds_sentences() -> None:
    named = "株洲示例食品有限公司: 株市监罚〔2026〕15号 by 株洲市市场监督管理局, listed on “纳税信用A级纳税人”."
    assert foreign_sentences(named) == []
    assert foreign_sentences("Yes. 可以申请信用修复。") == ["可以申请信用修复。"]
    assert foreign_sentences("Published until 2027-01-01 (公示至 2027-01-01).") == ["公示至"]


@pytest.mark.parametrize("set_name", _SET_NAMES)
def test_every_english_reply_to_the_evaluation_questions_is_english(all_kinds: Flask, set_name: str) -> None:
    store = sessions.store_for(all_kinds)
    mixed = []
    for item in load(set_name):
        sid = None
        for earlier in item.get("before", ()):
            sid = chat(db.session, store, TODAY, sid, earlier, locale="en")["session_id"]
        answer = chat(db.session, store, TODAY, sid, item["text"], locale="en")
        db.session.commit()
        texts = [answer["reply"]["text"]] + [s["title"] for s in answer["suggestions"]]
        left = [run for text in texts for run in foreign_sentences(text)]
        if left:
            mixed.append((item["text"], left, answer["reply"]["text"][:160]))
    assert not mixed, "\n".join(map(str, mixed))
