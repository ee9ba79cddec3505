"""Special credit report (专项信用报告): a subject with 500 records over 5 years in every area → issue + PDF time.

    python benchmarks/special_report_bench.py [--records 500] [--rounds 5]

Target (issue 19): a special report over 5 years and all areas, for a subject with 500 records, in ≤ 2 s median
(issue: content, signature and storage; then the PDF). Each round issues a fresh report (the previous one is
deleted, since one per day would be answered from the table) and draws it. Figures go in the issue notes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from portal import create_app  # noqa: E402
from portal.domain.kinds import ListCategory, SubjectKind  # noqa: E402
from portal.domain.publicity import RecordStatus, Severity  # noqa: E402
from portal.domain.special import Area, Purpose, earliest_start  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Coercion, ListEntry, Penalty, RecordHistory, SpecialReport, Subject, SubjectBinding  # noqa: E402
from portal.models.enterprise import BindingStatus, EnterpriseAccount  # noqa: E402
from portal.reports import special, special_pdf  # noqa: E402
from portal.reports.services import Signer  # noqa: E402

TODAY = date(2026, 11, 23)
USCC = "91430200MA4L0A1B7K"
DEPTS = [
    ("株洲市市场监督管理局", "11430200006123458Y"),
    ("国家税务总局株洲市税务局", "11430200006123466P"),
    ("株洲市生态环境局", "11430200006123474J"),
    ("株洲市住房和城乡建设局", "11430200006123482D"),
    ("株洲市应急管理局", "11430200006123490A"),
    ("株洲市交通运输局", "11430200006123503X"),
    ("株洲市城市管理和综合执法局", "11430200006123511R"),
]
LONG = "当事人在经营场所销售超过保质期的预包装食品，且未建立进货查验记录制度，经责令改正后仍未整改，" * 2
STATUSES = (RecordStatus.PUBLISHED, RecordStatus.REPAIRED, RecordStatus.NOT_PUBLIC, RecordStatus.UNDER_OBJECTION)


def populate(count: int) -> tuple[EnterpriseAccount, SubjectBinding]:
    subject = Subject(kind=SubjectKind.LEGAL, name="株洲示例食品有限公司", name_norm="株洲示例食品有限公司", uscc=USCC)
    account = EnterpriseAccount(
        email="bench@example.com",
        password_hash="!",  # noqa: S106 - a placeholder hash: nobody signs in
        contact_name="张",
        session_nonce="n",
    )
    db.session.add_all([subject, account])
    db.session.flush()
    binding = SubjectBinding(
        account_id=account.id,
        uscc=USCC,
        claimed_name=subject.name,
        applicant_name="张",
        applicant_phone="13812345678",
        status=BindingStatus.APPROVED,
    )
    db.session.add(binding)
    span = (TODAY - earliest_start(TODAY)).days
    for i in range(count):
        day = TODAY - timedelta(days=(i * span) // count)
        name, dept = DEPTS[i % len(DEPTS)]
        common = {
            "subject_id": subject.id,
            "status": STATUSES[i % 4],
            "public_from": day,
            "public_until": day + timedelta(days=365),
            "source_name": name,
            "source_uscc": dept,
            "row_hash": f"{i:064d}",
            "authority_name": name,
            "authority_uscc": dept,
        }
        if i % 5 < 3:
            record = Penalty(
                decision_no=f"株罚〔{day.year}〕{i + 1}号",
                decision_key=f"p{i}",
                violation_type="超过保质期",
                facts=LONG,
                basis="《食品安全法》第一百二十四条",
                punishment_types="警告；罚款",
                content="罚款15万元。" + LONG,
                fine_amount=Decimal("15"),
                decided_on=day,
                severity=Severity.GENERAL,
                **common,
            )
        elif i % 5 == 3:
            record = Coercion(
                doc_no=f"株强〔{day.year}〕{i}号",
                doc_key=f"c{i}",
                categories="查封场所、设施或者财物",
                reason=LONG,
                basis="《行政强制法》第九条",
                content="查封仓库一处",
                decided_on=day,
                **common,
            )
        else:
            common.pop("authority_name"), common.pop("authority_uscc")
            record = ListEntry(
                category=ListCategory.BLACKLIST,
                list_name="失信被执行人",
                list_key=f"l{i}",
                reason=LONG,
                basis="最高法规定",
                doc_no=f"株认〔{day.year}〕{i}号",
                doc_key=f"d{i}",
                recognised_by=name,
                recognised_by_uscc=dept,
                listed_on=day,
                **common,
            )
        db.session.add(record)
        if common["status"] is RecordStatus.REPAIRED:
            db.session.flush()
            kind = {Penalty: "penalty", Coercion: "coercion", ListEntry: "list"}[type(record)]
            db.session.add(
                RecordHistory(
                    record_kind=kind,
                    record_id=record.id,
                    version=1,
                    data="{}",
                    from_status="published",
                    to_status="repaired",
                    changed_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
                )
            )
    db.session.commit()
    return account, binding


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="special-bench-") as tmp:
        app = create_app(
            {
                "ENV_NAME": "test",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                "SEARCH_DIR": f"{tmp}/search",
                "UPLOAD_DIR": f"{tmp}/uploads",
            }
        )
        with app.app_context(), app.test_request_context("/"):
            db.create_all()
            account, binding = populate(args.records)
            signer = Signer("bench-key")
            application = special.Application(binding.id, earliest_start(TODAY), TODAY, tuple(Area), Purpose.TENDER)
            issue_s, pdf_s, total_s, cpu_s, body, count = [], [], [], [], b"", 0
            for _round in range(args.rounds):
                db.session.execute(sa.delete(SpecialReport))
                db.session.commit()
                started, started_cpu = time.perf_counter(), time.process_time()
                report, _fresh = special.issue(
                    db.session, account, application, signer=signer, now=datetime.now(UTC), today=TODAY
                )
                issued = time.perf_counter()
                doc = special.load(report, key=signer.key, verify_url=f"http://127.0.0.1/verify?no={report.report_no}")
                body = special_pdf.render(doc)
                done = time.perf_counter()
                issue_s.append(issued - started)
                pdf_s.append(done - issued)
                total_s.append(done - started)
                cpu_s.append(time.process_time() - started_cpu)
                count = report.record_count
            pages = body.count(b"/Type /Page\n")
            median = statistics.median(total_s)
            print(f"records={count} areas={len(Area)} rounds={args.rounds}")
            print(
                f"issue_median_s={statistics.median(issue_s):.3f} pdf_median_s={statistics.median(pdf_s):.3f} "
                f"pdf_first_s={pdf_s[0]:.3f} (includes loading the font)"
            )
            print(
                f"total_median_s={median:.3f} total_max_s={max(total_s):.3f} "
                f"cpu_median_s={statistics.median(cpu_s):.3f} pages={pages} size_kb={len(body) / 1024:.0f}"
            )
            print("target issue + pdf <= 2 s (median wall):", "met" if median <= 2.0 else "NOT met")
            db.session.remove()


if __name__ == "__main__":
    main()
