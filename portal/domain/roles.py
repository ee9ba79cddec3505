"""Staff roles and what each may do in the back office (DOMAIN §3, §6, §8): a table, no Flask."""

from __future__ import annotations

from enum import StrEnum

from portal.domain.states import Action, SubmissionKind


class Role(StrEnum):
    INTAKE = "intake"  # 受理员 (信用办): accepts, rejects, forwards
    VERIFIER = "verifier"  # 核查员 (a department): verifies its own department's records only
    REVIEWER = "reviewer"  # 审核员: the final decision
    ADMIN = "admin"  # 管理员: everything
    DEPARTMENT = "department"  # 部门用户 (响应部门): 信用核查 and 执行反馈 for its own department only (issue 10)


# Roles of the submission back office; a department user works under /joint, not on submissions.
ALL_ROLES = frozenset(Role) - {Role.DEPARTMENT}
ACTION_ROLES: dict[Action, frozenset[Role]] = {
    Action.ACCEPT: frozenset({Role.INTAKE, Role.ADMIN}),
    Action.REJECT: frozenset({Role.INTAKE, Role.ADMIN}),
    Action.VERIFY: frozenset({Role.INTAKE, Role.VERIFIER, Role.ADMIN}),
    Action.CLOSE: frozenset({Role.REVIEWER, Role.ADMIN}),
    Action.REMIND: frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN}),
    Action.NOTE: ALL_ROLES,
}
# The reporter is kept confidential (seed 000 七(三), DOMAIN §6, §8): the 信用办 sees who wrote, departments do not.
IDENTITY_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})
EXPORT_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
AUDIT_ROLES = frozenset({Role.ADMIN})
# Consultation tickets of the chat (issue 9) are answered by the 信用办 desk; departments (verifiers) do not see
# them, as a transcript may hold whatever a citizen typed.
CONSULTATION_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})
# 政策法规/工作动态/办事指南 are the 信用办's publications: its reviewers and admins write and publish them;
# intake staff and departments' verifiers do not speak for the office (issue 6).
PAGE_EDITOR_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})


def may(role: Role, action: Action) -> bool:
    return role in ACTION_ROLES[action]


def may_see_identity(role: Role) -> bool:
    """Name, phone and e-mail of the person who submitted."""
    return role in IDENTITY_ROLES


def may_download(role: Role, kind: SubmissionKind) -> bool:
    """Attachments of a complaint can identify the reporter: only roles that may see the identity get them."""
    if kind is SubmissionKind.COMPLAINT:
        return may_see_identity(role)
    return True


def sees_only_own_department(role: Role) -> bool:
    return role in (Role.VERIFIER, Role.DEPARTMENT)


# 联合奖惩 (issue 10): who checks subjects and reports feedback, who manages the catalogue, keys and statistics.
JOINT_CHECK_ROLES = frozenset({Role.DEPARTMENT, Role.ADMIN})
JOINT_ADMIN_ROLES = frozenset({Role.ADMIN})
JOINT_STATS_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})
JOINT_ROLES = JOINT_CHECK_ROLES | JOINT_STATS_ROLES
# Enterprise account bindings (issue 8) are approved by the 信用办 side; departments do not bind.
BINDING_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})
ACCOUNT_ADMIN_ROLES = frozenset({Role.ADMIN})
# 分级分类监管 (issue 17, DOMAIN §20): grades are internal. The 信用办 edits the rule set and sees every
# department's statistics; a department sets its own ratios, draws its own inspections and sees only those.
GRADING_RULE_VIEW_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})
GRADING_RULE_EDIT_ROLES = frozenset({Role.ADMIN})
GRADE_STATS_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN, Role.DEPARTMENT})
DRAW_ROLES = frozenset({Role.DEPARTMENT, Role.ADMIN})
SUPERVISION_ROLES = GRADING_RULE_VIEW_ROLES | GRADE_STATS_ROLES | DRAW_ROLES
# 重点监管对象筛查 and 约谈 (issue 17, DOMAIN §21): a department keeps its own watch lists, answers its own hits and
# records the interviews it holds ("谁认定、谁约谈"); the 信用办 (intake, reviewers, admins) reads every department's
# for supervision and statistics but does not act in a department's name. Verifiers work on submissions only.
SUPERVISION_EDIT_ROLES = frozenset({Role.DEPARTMENT})
SUPERVISION_VIEW_ROLES = frozenset({Role.DEPARTMENT, Role.INTAKE, Role.REVIEWER, Role.ADMIN})
