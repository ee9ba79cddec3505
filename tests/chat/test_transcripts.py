"""ID numbers never reach a hand-off ticket, whatever way they are written (issue 15)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from portal.chat.cards import handoff_ticket
from portal.chat.types import Context
from portal.extensions import db
from portal.models import ChatHandoff
from tests.chat.conftest import Bot
from tests.conftest import TODAY

DIGITS = "110105199001011234"


@pytest.mark.parametrize(
    "written",
    ["1101 0519 9001 0112 34", "110105-19900101-1234", "１１０１０５１９９００１０１１２３４", "110105 19900101 123４"],
)
def test_an_id_number_in_any_form_is_not_kept_in_the_ticket_nor_the_session(bot: Bot, written: str) -> None:
    bot(f"我的身份证号是{written}，信用记录有错")
    answer = bot("转人工")
    assert answer["reply"]["type"] == "handoff"
    ticket = db.session.scalars(sa.select(ChatHandoff)).one()
    stored = ticket.transcript + ticket.question
    assert "信用记录有错" in ticket.transcript
    for part in (DIGITS, DIGITS[:6], DIGITS[-4:], written):
        assert part not in stored
        assert part not in json.dumps(bot.store.get(bot.sid), ensure_ascii=False)


def test_the_ticket_masks_ids_in_turns_stored_before_the_recogniser_knew_their_form(bot: Bot) -> None:
    # A conversation kept from before this release may hold a spaced ID: the ticket still masks it.
    state = {"turns": [{"user": "证件 1101 0519 9001 0112 34", "bot": "", "intent": "out_of_scope"}]}
    ctx = Context(db.session, TODAY, "sid-1", state)
    handoff_ticket(ctx, "号码 110105-19900101-1234 请回电", "asked")
    ticket = db.session.scalars(sa.select(ChatHandoff)).one()
    assert ticket.transcript == "证件 110105********1234\n号码 110105********1234 请回电"
    assert ticket.question == "号码 110105********1234 请回电"
