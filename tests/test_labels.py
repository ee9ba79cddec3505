"""Labels of the domain enums are defined once (portal/i18n.py): every member has one, translated into Chinese."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import pytest
from flask import Flask
from flask_babel import force_locale

from portal import audit_labels, i18n
from portal.chat.tickets import TicketStatus
from portal.domain.audit_actions import AuditAction
from portal.domain.kinds import ListCategory, PermitState, RecordKind, SubjectKind
from portal.domain.paging import Badge
from portal.domain.publicity import PublicState, RecordStatus, Severity
from portal.domain.roles import Role
from portal.domain.states import Action, Outcome, SubmissionKind, SubmissionStatus
from portal.submissions import labels as submission_labels

ENUM_LABELS: list[tuple[type[StrEnum], Mapping[Any, Any]]] = [
    (RecordStatus, i18n.RECORD_STATUS_LABELS),
    (SubmissionStatus, i18n.SUBMISSION_STATUS_LABELS),
    (SubmissionKind, i18n.SUBMISSION_KIND_LABELS),
    (Severity, i18n.SEVERITY_LABELS),
    (Role, i18n.ROLE_LABELS),
    (ListCategory, i18n.CATEGORY_LABELS),
    (SubjectKind, i18n.SUBJECT_KIND_LABELS),
    (PermitState, i18n.PERMIT_STATE_LABELS),
    (TicketStatus, i18n.TICKET_STATUS_LABELS),
    (RecordKind, i18n.RECORD_KIND_LABELS),
    (RecordKind, i18n.RECORD_KIND_SINGULAR_LABELS),
    (Outcome, submission_labels.OUTCOME_LABELS),
    (Action, submission_labels.ACTION_LABELS),
    (AuditAction, audit_labels.AUDIT_ACTION_LABELS),
    (Badge, i18n.BADGE_LABELS),
]


@pytest.mark.parametrize(("enum", "labels"), ENUM_LABELS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_member_has_a_label_in_english_and_chinese(app: Flask, enum: type[StrEnum], labels: Mapping) -> None:
    with app.app_context():
        for member in enum:
            assert member in labels, f"{enum.__name__}.{member.name} has no label"
            with force_locale("en"):
                english = str(labels[member])
            with force_locale("zh_CN"):
                chinese = str(labels[member])
            assert english.strip(), member
            assert chinese.strip(), member
            assert chinese != english, f"{enum.__name__}.{member.name} is not translated"
            assert labels[member.value] is labels[member]  # templates look labels up by the plain value


def test_computed_record_states_have_labels_too(app: Flask) -> None:
    with app.app_context(), force_locale("zh_CN"):
        assert str(i18n.RECORD_STATUS_LABELS[PublicState.EXPIRED]) == "公示期满"
        assert str(i18n.RECORD_STATUS_LABELS["not_yet_public"]) == "尚未公示"


def test_labels_in_renders_a_locale_whatever_the_current_one(app: Flask) -> None:
    with app.test_request_context("/", headers={"Cookie": "locale=en"}):
        assert str(i18n.SEVERITY_LABELS[Severity.SERIOUS]) == "Serious"
        assert i18n.labels_in("zh_CN", i18n.SEVERITY_LABELS) == {"minor": "轻微", "general": "一般", "serious": "严重"}
        assert str(i18n.SEVERITY_LABELS[Severity.SERIOUS]) == "Serious"  # the page's own language is back


def test_labels_in_refuses_to_guess_outside_an_app_context() -> None:
    with pytest.raises(RuntimeError):
        i18n.labels_in("zh_CN", i18n.SEVERITY_LABELS)
