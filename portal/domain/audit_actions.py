"""The audit log's action codes (AuditEntry.action), one enum, so the staff page shows a translated label for each
(portal.i18n.AUDIT_ACTION_LABELS) and a test can check that every code written somewhere has one."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # submissions: the review actions (portal.domain.states.Action) and what they do to records
    ACCEPT = "accept"
    REJECT = "reject"
    VERIFY = "verify"
    CLOSE = "close"
    REMIND = "remind"
    NOTE = "note"
    SUBMIT_OBJECTION = "submit_objection"
    SUBMIT_COMPLAINT = "submit_complaint"
    SUBMIT_REPAIR = "submit_repair"
    RECORD_PUBLISHED = "record_published"
    RECORD_NOT_PUBLIC = "record_not_public"
    RECORD_UNDER_OBJECTION = "record_under_objection"
    RECORD_WITHDRAWN = "record_withdrawn"
    RECORD_REPAIRED = "record_repaired"
    DOWNLOAD = "download"
    IMPORT = "import"
    # staff accounts
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    ACCOUNT_LOCKED = "account_locked"
    LOGIN_REFUSED_LOCKED = "login_refused_locked"
    LOGOUT = "logout"
    CREATE_USER = "create_user"
    ACTIVATE_USER = "activate_user"
    DEACTIVATE_USER = "deactivate_user"
    UNLOCK_USER = "unlock_user"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - an action name
    CHANGE_PASSWORD = "change_password"  # noqa: S105 - an action name
    CALENDAR_IMPORT = "calendar_import"
    # enterprise accounts and bindings
    ENTERPRISE_REGISTER = "enterprise_register"
    ENTERPRISE_CONFIRM = "enterprise_confirm"
    ENTERPRISE_PASSWORD_RESET = "enterprise_password_reset"  # noqa: S105 - an action name
    ENTERPRISE_LOGIN = "enterprise_login"
    ENTERPRISE_LOGIN_FAILED = "enterprise_login_failed"
    ENTERPRISE_ACCOUNT_LOCKED = "enterprise_account_locked"
    ENTERPRISE_LOGIN_REFUSED_LOCKED = "enterprise_login_refused_locked"
    ENTERPRISE_LOGOUT = "enterprise_logout"
    BINDING_CLAIM = "binding_claim"
    BINDING_APPROVE = "binding_approve"
    BINDING_REJECT = "binding_reject"
    BINDING_REVOKE = "binding_revoke"
    # 联合奖惩 and department API keys
    API_KEY_CREATE = "api_key_create"
    API_KEY_REVOKE = "api_key_revoke"
    API_DENIED = "api_denied"
    API_REJECTED = "api_rejected"
    API_CHANGES = "api_changes"
    CREDIT_CHECK = "credit_check"
    CHECK_FEEDBACK = "check_feedback"
    MEASURES_IMPORT = "measures_import"
    MEASURE_CREATE = "measure_create"
    MEASURE_EDIT = "measure_edit"
    MEASURE_RESTORE = "measure_restore"
    MEASURE_RETIRE = "measure_retire"
    LIST_TYPE_CREATE = "list_type_create"
    LIST_TYPE_EDIT = "list_type_edit"
    # pages, consultations, reports and certificates
    PAGE_CREATE = "page_create"
    PAGE_EDIT = "page_edit"
    PAGE_PUBLISH = "page_publish"
    PAGE_UNPUBLISH = "page_unpublish"
    CONSULTATION_REPLY = "consultation_reply"
    CONSULTATION_STATUS = "consultation_status"
    ISSUE_REPORT_PUBLIC = "issue_report_public"
    ISSUE_REPORT_FULL = "issue_report_full"
    REPORT_ACCESS_DENIED = "report_access_denied"
    ISSUE_SEARCH_CERTIFICATE = "issue_search_certificate"
