"""factory_boy factories that produce valid records by default (STYLE §Tests); a test that wants invalid data says so.

Every factory is bound to the app's scoped session (`db.session`) and commits, as a record made through the
importer or a form would be, so pages requested by the test client see it. Dates are relative to TODAY, the
fixed day of the tests: by default each record is public on TODAY.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import factory
import factory.random
from factory.alchemy import SQLAlchemyModelFactory
from werkzeug.security import generate_password_hash

from portal.domain import publicity, uscc
from portal.domain.kinds import ListCategory, PermitState, SubjectKind
from portal.domain.publicity import RecordStatus, Severity
from portal.domain.roles import Role
from portal.domain.states import SubmissionKind, SubmissionStatus
from portal.extensions import db
from portal.models import ListEntry, Penalty, Permit, Subject, Submission, User
from portal.models.enterprise import EnterpriseAccount
from tests.conftest import TODAY

FAST_HASH = "pbkdf2:sha256:1000"  # verification reads the method from the stored hash: same code path, cheap
PASSWORD = "correct horse battery"
MARKET_DEPT = ("11430200006123458Y", "株洲市市场监督管理局")
DECIDED = TODAY - timedelta(days=30)

factory.Faker._DEFAULT_LOCALE = "zh_CN"
factory.random.reseed_random("信用门户")  # the same data on every run


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731 - the session of the current app context
        sqlalchemy_session_persistence = "commit"


def _uscc(n: int) -> str:
    """A USCC with a correct GB 32100 check character: 91 (company) + 430200 (株洲) + a serial organisation code."""
    return uscc.make_uscc("91430200" + uscc.make_org_code(f"{n:08d}"))


class SubjectFactory(BaseFactory):
    class Meta:
        model = Subject

    kind = SubjectKind.LEGAL
    name = factory.Sequence(lambda n: f"株洲示例{n:04d}有限公司")
    name_norm = factory.LazyAttribute(lambda o: unicodedata.normalize("NFKC", o.name))
    uscc = factory.Sequence(_uscc)
    legal_rep = factory.Faker("name")


class _RecordFactory(BaseFactory):
    """The columns every published record shares (portal/models/record.py)."""

    class Meta:
        abstract = True

    subject = factory.SubFactory(SubjectFactory)
    subject_id = factory.SelfAttribute("subject.id")
    status = RecordStatus.PUBLISHED
    hold_reason = factory.LazyAttribute(lambda o: None if o.status is RecordStatus.PUBLISHED else "测试")
    source_name = MARKET_DEPT[1]
    source_uscc = MARKET_DEPT[0]
    row_hash = factory.Sequence(lambda n: f"{n:064d}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.pop("subject", None)  # the relationship is lazy="raise": set the key, not the object
        return super()._create(model_class, *args, **kwargs)


class PenaltyFactory(_RecordFactory):
    """A 一般 penalty decided 30 days before TODAY, public until the maximum of its severity (DOMAIN §5.3)."""

    class Meta:
        model = Penalty

    decision_no = factory.Sequence(lambda n: f"株市监罚〔2026〕{n}号")
    decision_key = factory.SelfAttribute("decision_no")
    violation_type = "生产经营超过保质期的食品"
    facts = "当事人销售超过保质期的预包装食品。"
    basis = "《中华人民共和国食品安全法》第一百二十四条第一款"
    punishment_types = "罚款"
    content = "罚款1万元"
    fine_amount = Decimal("1")
    decided_on = DECIDED
    authority_name = MARKET_DEPT[1]
    authority_uscc = MARKET_DEPT[0]
    severity = Severity.GENERAL
    public_from = factory.SelfAttribute("decided_on")
    public_until = factory.LazyAttribute(lambda o: publicity.max_public_until(o.decided_on, o.severity))


class PermitFactory(_RecordFactory):
    """A valid 普通 permit decided 30 days before TODAY (permits stay public while valid)."""

    class Meta:
        model = Permit

    doc_title = "食品经营许可决定书"
    doc_no = factory.Sequence(lambda n: f"株市监食许〔2026〕{n}号")
    doc_key = factory.SelfAttribute("doc_no")
    category = "普通"
    content = "预包装食品销售"
    decided_on = DECIDED
    valid_from = factory.SelfAttribute("decided_on")
    valid_until = date(2031, 1, 7)
    authority_name = MARKET_DEPT[1]
    authority_uscc = MARKET_DEPT[0]
    state = PermitState.VALID
    public_from = factory.SelfAttribute("decided_on")
    public_until = None


class ListEntryFactory(_RecordFactory):
    """An entry of 严重失信主体名单 listed 30 days before TODAY, inside its publicity (DOMAIN §5.5)."""

    class Meta:
        model = ListEntry

    category = ListCategory.BLACKLIST
    list_name = "政府采购领域严重违法失信主体"
    list_key = factory.SelfAttribute("list_name")
    reason = "在政府采购活动中提供虚假材料谋取中标"
    basis = "《中华人民共和国政府采购法》第七十七条"
    doc_no = factory.Sequence(lambda n: f"株财采处〔2026〕{n}号")
    doc_key = factory.SelfAttribute("doc_no")
    recognised_by = "株洲市财政局"
    recognised_by_uscc = "11430200006123474L"
    listed_on = DECIDED
    valid_until = factory.LazyAttribute(lambda o: o.listed_on + timedelta(days=3 * 365))
    removed_on = None
    public_from = factory.LazyAttribute(lambda o: publicity.list_entry_window(o.listed_on, o.valid_until, None)[0])
    public_until = factory.LazyAttribute(lambda o: publicity.list_entry_window(o.listed_on, o.valid_until, None)[1])


class UserFactory(BaseFactory):
    """A staff account with PASSWORD; verifiers and department users belong to the market regulator."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"staff{n}@example.gov.cn")
    password_hash = factory.LazyFunction(lambda: generate_password_hash(PASSWORD, FAST_HASH))
    role = Role.REVIEWER
    department_uscc = factory.LazyAttribute(
        lambda o: MARKET_DEPT[0] if o.role in (Role.VERIFIER, Role.DEPARTMENT) else None
    )
    session_nonce = factory.Sequence(lambda n: f"{n:032x}")


class EnterpriseAccountFactory(BaseFactory):
    """A confirmed enterprise account with PASSWORD (bind it to a subject with a SubjectBinding)."""

    class Meta:
        model = EnterpriseAccount

    email = factory.Sequence(lambda n: f"company{n}@example.com")
    password_hash = factory.LazyFunction(lambda: generate_password_hash(PASSWORD, FAST_HASH))
    contact_name = factory.Faker("name")
    confirmed_at = datetime(2026, 11, 1, tzinfo=UTC)
    session_nonce = factory.Sequence(lambda n: f"{n:016x}")


class SubmissionFactory(BaseFactory):
    """An objection to a penalty, as the form stores it on TODAY (the 查询码 hash is of "ABCDE-FGHJK")."""

    class Meta:
        model = Submission

    class Params:
        penalty = factory.SubFactory(PenaltyFactory)

    tracking_no = factory.Sequence(lambda n: f"{TODAY:%Y%m%d}-{n:06d}")
    code_hash = factory.LazyFunction(lambda: generate_password_hash("ABCDE-FGHJK", FAST_HASH))
    idempotency_key = factory.Sequence(lambda n: f"{n:064x}")
    kind = SubmissionKind.OBJECTION
    status = SubmissionStatus.SUBMITTED
    record_kind = "penalty"
    record_id = factory.SelfAttribute("penalty.id")
    record_title = factory.SelfAttribute("penalty.decision_no")
    department_uscc = factory.SelfAttribute("penalty.authority_uscc")
    department_name = factory.SelfAttribute("penalty.authority_name")
    grounds = "wrong_info"
    description = "处罚决定书文号有误。"
    contact_name = factory.Faker("name")
    contact_phone = "13812345678"
    submitted_on = TODAY
    due_on = TODAY + timedelta(days=21)
