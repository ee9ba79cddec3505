"""References to earlier turns ("它", "这家公司", "这条处罚", "那个名单") read from the conversation state.

The handlers remember what they answered about (state "subject", "record", "list"); before classification a message
that points back at one of them, without naming anything itself, gets the name written in its place, so the
classifier and the handlers see "株洲示例燃气有限公司的红名单是什么" instead of "它的红名单是什么".
"""

from __future__ import annotations

import re
from typing import Any

from portal.chat.intents import DOC_NO_RE, USCC_RE

RECORD_REF = re.compile(
    r"(这条|那条|该条|这个|那个|该|此)(处罚|罚款|罚单|记录|许可|名单记录)|这条|那条|this (penalty|record)",
    re.IGNORECASE,
)
SUBJECT_REF = re.compile(
    r"(?:^那么?)?(?:(这家|那家|该|这个|那个|此)(公司|企业|单位|店|商户|主体)|他们家|他家|它们|它)"
    r"|this company|that company|\bit\b",
    re.IGNORECASE,
)
LIST_REF = re.compile(r"(这个|那个|该|此|这|那)(名单|名录)|this list|that list", re.IGNORECASE)
_ORG = re.compile(r"有限公司|有限责任公司|集团|合作社|店|厂")


def resolve(message: str, state: dict[str, Any]) -> str:
    """The message with one back-reference replaced by what it refers to (unchanged when it names its own)."""
    if DOC_NO_RE.search(message) or USCC_RE.search(message.upper()):
        return message
    record, subject, listed = state.get("record"), state.get("subject"), state.get("list")
    if record and RECORD_REF.search(message):
        return RECORD_REF.sub(record, message, count=1)
    if listed and LIST_REF.search(message):
        return LIST_REF.sub(listed, message, count=1)
    if subject and SUBJECT_REF.search(message) and not _ORG.search(SUBJECT_REF.sub("", message)):
        return SUBJECT_REF.sub(subject, message, count=1)
    return message


def remember(state: dict[str, Any], *, subject: str | None = None, record: str | None = None,
             listed: str | None = None) -> None:  # fmt: skip
    """What the last answer was about; a new subject forgets the record of the previous one."""
    if subject is not None:
        if state.get("subject") != subject:
            state["record"] = None
        state["subject"] = subject
    if record is not None:
        state["record"] = record
    if listed is not None:
        state["list"] = listed
