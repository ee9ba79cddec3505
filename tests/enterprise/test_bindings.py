"""Binding an account to a subject: claim with uploads, staff review (audited), contested claims, revocation."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from portal.domain.roles import Role
from portal.extensions import db
from portal.models import AuditEntry, BindingDocument, SubjectBinding
from portal.models.enterprise import BindingStatus
from tests.conftest import csrf_of, outbox, post_form
from tests.enterprise.helpers import FOOD, OTHER, OWNER, bind, make_account, signed_in
from tests.submissions.fixtures import EMAILS, EXE, JPEG, PDF, PNG, file, staff_client

CLAIM = {"uscc": FOOD, "claimed_name": "株洲示例食品有限公司", "applicant_name": "张经理",
         "applicant_phone": "13812345678"}  # fmt: skip


def claim(client: FlaskClient, licence: bytes = PNG, letter: bytes = PDF, **extra: object):  # type: ignore[no-untyped-def]
    data = {**CLAIM, "licence": file(licence, "营业执照.png"), "authorisation": file(letter, "../../授权书.pdf"),
            **extra}  # fmt: skip
    return post_form(client, "/enterprise/bindings/new", data, content_type="multipart/form-data")


def binding_of(email: str) -> SubjectBinding:
    db.session.expire_all()
    return db.session.scalars(sa.select(SubjectBinding).join(SubjectBinding.account)
                              .where(sa.text("enterprise_accounts.email = :e")).params(e=email)).one()  # fmt: skip


def decide(officer: FlaskClient, binding_id: int, action: str, reason: str = ""):  # type: ignore[no-untyped-def]
    token = csrf_of(officer, f"/review/bindings/{binding_id}")
    return officer.post(f"/review/bindings/{binding_id}/{action}", data={"csrf_token": token, "reason": reason})


def test_a_claim_with_both_documents_waits_for_staff_and_gives_no_access_yet(site: Flask, tmp_path: Path) -> None:
    make_account()
    company = signed_in(site)
    response = claim(company)
    assert response.status_code == 302
    binding = binding_of(OWNER)
    assert binding.status is BindingStatus.PENDING
    assert not binding.is_contested
    docs = db.session.scalars(sa.select(BindingDocument).where(BindingDocument.binding_id == binding.id)).all()
    assert sorted(d.kind for d in docs) == ["authorisation", "licence"]
    assert {d.original_name for d in docs} == {"营业执照.png", "授权书.pdf"}  # no directories kept
    assert all((tmp_path / "uploads" / d.stored_name).is_file() for d in docs)
    assert company.get(f"/enterprise/subjects/{binding.id}").status_code == 403
    home = company.get("/enterprise/").get_data(as_text=True)
    assert FOOD in home
    assert "待审核" in home  # zh_CN: the default locale


def test_a_non_image_upload_is_refused_with_a_message(site: Flask) -> None:
    make_account()
    company = signed_in(site)
    response = claim(company, licence=EXE)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "营业执照.png" in html  # the message names the file
    assert db.session.query(SubjectBinding).count() == 0


def test_a_missing_document_or_a_bad_code_is_refused(site: Flask) -> None:
    make_account()
    company = signed_in(site)
    missing = post_form(company, "/enterprise/bindings/new", {**CLAIM, "licence": file(JPEG, "a.jpg")},
                        content_type="multipart/form-data")  # fmt: skip
    assert missing.status_code == 400
    bad = claim(company, uscc="91430200MA4L0A1B7A")  # wrong check character
    assert bad.status_code == 400
    sqlish = claim(company, uscc="' OR 1=1 --")
    assert sqlish.status_code == 400
    assert db.session.query(SubjectBinding).count() == 0


def test_claiming_the_same_subject_twice_is_a_duplicate(site: Flask) -> None:
    make_account()
    company = signed_in(site)
    assert claim(company).status_code == 302
    again = claim(company)
    assert again.status_code == 409
    assert db.session.query(SubjectBinding).count() == 1


def test_a_claim_on_a_subject_bound_to_someone_else_needs_review_and_warns_the_owner(site: Flask, staff) -> None:  # type: ignore[no-untyped-def]
    owner = make_account(OWNER)
    bind(owner, FOOD)
    make_account(OTHER)
    intruder = signed_in(site, OTHER)
    assert claim(intruder).status_code == 302
    contested = binding_of(OTHER)
    assert contested.status is BindingStatus.PENDING
    assert contested.is_contested
    assert intruder.get(f"/enterprise/subjects/{contested.id}").status_code == 403
    assert intruder.post(f"/enterprise/subjects/{contested.id}/report",
                         data={"csrf_token": csrf_of(intruder, "/enterprise/")}).status_code == 403  # fmt: skip
    assert any(m.to == OWNER and FOOD in m.body for m in outbox(site))
    officer = staff_client(site, Role.INTAKE)
    page = officer.get(f"/review/bindings/{contested.id}").get_data(as_text=True)
    assert OWNER in page  # the reviewer sees who else holds the subject


def test_staff_approve_reject_and_revoke_are_audited(site: Flask, staff) -> None:  # type: ignore[no-untyped-def]
    make_account()
    company = signed_in(site)
    claim(company)
    binding = binding_of(OWNER)
    officer = staff_client(site, Role.INTAKE)
    queue = officer.get("/review/bindings").get_data(as_text=True)
    assert "株洲示例食品有限公司" in queue
    doc = db.session.scalars(sa.select(BindingDocument).where(BindingDocument.kind == "licence")).one()
    download = officer.get(f"/review/bindings/{binding.id}/documents/{doc.id}")
    assert download.status_code == 200
    assert download.data == PNG
    download.close()
    assert officer.get(f"/review/bindings/{binding.id}/documents/{doc.id + 100}").status_code == 404
    assert decide(officer, binding.id, "approve").status_code == 302
    assert binding_of(OWNER).status is BindingStatus.APPROVED
    assert company.get(f"/enterprise/subjects/{binding.id}").status_code == 200
    assert decide(officer, binding.id, "approve").status_code == 409  # not pending any more
    assert decide(officer, binding.id, "revoke", "").status_code == 409  # a reason is required
    assert decide(officer, binding.id, "revoke", "授权已撤回").status_code == 302
    assert binding_of(OWNER).status is BindingStatus.REVOKED
    assert company.get(f"/enterprise/subjects/{binding.id}").status_code == 403
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.target == f"binding:{binding.id}"))
    assert list(actions) == ["binding_claim", "binding_approve", "binding_revoke", "report_access_denied"]
    assert any(m.to == OWNER and FOOD in m.body for m in outbox(site))


def test_rejecting_needs_a_reason_and_verifiers_may_not_decide(site: Flask, staff) -> None:  # type: ignore[no-untyped-def]
    make_account()
    claim(signed_in(site))
    binding = binding_of(OWNER)
    verifier = staff_client(site, Role.VERIFIER)
    assert verifier.get("/review/bindings").status_code == 403
    officer = staff_client(site, Role.REVIEWER)
    assert decide(officer, binding.id, "reject", "   ").status_code == 409
    assert decide(officer, binding.id, "reject", "营业执照与名称不符").status_code == 302
    assert binding_of(OWNER).status is BindingStatus.REJECTED
    assert officer.get("/review/bindings?status=bogus").status_code == 400
    assert officer.get("/review/bindings/999999").status_code == 404
    assert EMAILS  # fixtures in use


def test_hostile_text_in_a_claim_is_shown_escaped_to_staff(site: Flask, staff) -> None:  # type: ignore[no-untyped-def]
    make_account()
    assert claim(signed_in(site), claimed_name='<script>alert("x")</script>').status_code == 302
    officer = staff_client(site, Role.ADMIN)
    html = officer.get(f"/review/bindings/{binding_of(OWNER).id}").get_data(as_text=True)
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;" in html
