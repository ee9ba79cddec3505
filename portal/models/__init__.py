"""SQLAlchemy models, one module per aggregate; imported here so metadata is complete."""

from portal.models.audit import AuditEntry
from portal.models.base import Base
from portal.models.catalogue import ListType, Measure
from portal.models.chat import ChatHandoff
from portal.models.history import HolidayOverride, ImportBatch, RecordHistory, RejectedRow, SearchOutbox
from portal.models.listing import ListEntry
from portal.models.penalty import Penalty
from portal.models.permit import Permit
from portal.models.subject import Department, Subject
from portal.models.submission import Attachment, Submission, SubmissionEvent
from portal.models.user import User

__all__ = [
    "Attachment",
    "AuditEntry",
    "Base",
    "ChatHandoff",
    "Department",
    "HolidayOverride",
    "ImportBatch",
    "ListEntry",
    "ListType",
    "Measure",
    "Penalty",
    "Permit",
    "RecordHistory",
    "RejectedRow",
    "SearchOutbox",
    "Subject",
    "Submission",
    "SubmissionEvent",
    "User",
]
