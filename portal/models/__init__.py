"""SQLAlchemy models, one module per aggregate; imported here so metadata is complete."""

from portal.models.audit import AuditEntry
from portal.models.base import Base
from portal.models.calendar import CalendarDay, CalendarYear
from portal.models.catalogue import ListType, Measure
from portal.models.certificate import SearchCertificate
from portal.models.challenge import UsedChallenge
from portal.models.chat import ChatHandoff
from portal.models.cms import Page, PageRevision
from portal.models.coercion import Coercion
from portal.models.commitment import Commitment
from portal.models.enterprise import BindingDocument, EnterpriseAccount, SubjectBinding
from portal.models.follow import Follow, Subscriber
from portal.models.grading import DrawItem, GradeCount, GradeSnapshot, GradeTreatment, GradingRuleSet, InspectionDraw
from portal.models.grant import AccessGrant, AuthorisedCheck, Institution
from portal.models.history import HolidayOverride, ImportBatch, RecordHistory, RejectedRow, SearchOutbox
from portal.models.honour import Honour
from portal.models.inspection import Inspection
from portal.models.interview import Interview
from portal.models.joint import (
    ApiKey,
    CheckedSubject,
    CheckFeedback,
    CheckHit,
    CheckNote,
    CreditCheck,
    MeasureRevision,
)
from portal.models.listing import ListEntry
from portal.models.penalty import Penalty
from portal.models.permit import Permit
from portal.models.rating import Rating
from portal.models.report import CreditReport
from portal.models.search_node import SearchNode
from portal.models.special import DepartmentArea, SpecialReport
from portal.models.stored_file import StoredFile
from portal.models.subject import Department, Subject
from portal.models.submission import Attachment, Submission, SubmissionEvent
from portal.models.upstream import UpstreamExport
from portal.models.user import User
from portal.models.watch import WatchEntry, WatchHit, WatchList

__all__ = [
    "AccessGrant",
    "AuthorisedCheck",
    "DepartmentArea",
    "Institution",
    "SpecialReport",
    "Attachment",
    "ApiKey",
    "AuditEntry",
    "Base",
    "BindingDocument",
    "CalendarDay",
    "CalendarYear",
    "ChatHandoff",
    "CheckFeedback",
    "CheckHit",
    "CheckNote",
    "CheckedSubject",
    "Coercion",
    "Commitment",
    "CreditCheck",
    "CreditReport",
    "Department",
    "DrawItem",
    "EnterpriseAccount",
    "Follow",
    "GradeCount",
    "GradeSnapshot",
    "GradeTreatment",
    "GradingRuleSet",
    "HolidayOverride",
    "Honour",
    "ImportBatch",
    "Inspection",
    "InspectionDraw",
    "Interview",
    "ListEntry",
    "ListType",
    "Measure",
    "MeasureRevision",
    "Page",
    "PageRevision",
    "Penalty",
    "Permit",
    "Rating",
    "RecordHistory",
    "RejectedRow",
    "SearchCertificate",
    "SearchNode",
    "StoredFile",
    "SearchOutbox",
    "Subject",
    "SubjectBinding",
    "Subscriber",
    "Submission",
    "SubmissionEvent",
    "UpstreamExport",
    "UsedChallenge",
    "User",
    "WatchEntry",
    "WatchHit",
    "WatchList",
]
