"""Credit report PDF: a subject with 500 records (penalties, permits, list entries) → issue + PDF time.

    python benchmarks/report_pdf_bench.py [--records 500] [--rounds 5]

Target (issue 8): the PDF of a 500-record report in ≤ 2 s. Prints issue time, PDF render times (first one includes
loading the font), pages and size; the figures go in the issue notes, never in tests.
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

from portal import create_app  # noqa: E402
from portal.domain.kinds import ListCategory, PermitState, SubjectKind  # noqa: E402
from portal.domain.publicity import RecordStatus, Severity  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import ListEntry, Penalty, Permit, Subject  # noqa: E402
from portal.reports import document, pdf, services  # noqa: E402

TODAY = date(2026, 11, 23)
USCC = "91430200MA4L0A1B7K"
DEPT = ("株洲市市场监督管理局", "11430200006123458Y")
LONG_FACTS = "当事人在经营场所销售超过保质期的预包装食品，且未建立进货查验记录制度，经责令改正后仍未整改，" * 2


def common(i: int, day: date) -> dict[str, object]:
    statuses = (RecordStatus.PUBLISHED, RecordStatus.UNDER_OBJECTION, RecordStatus.REPAIRED, RecordStatus.NOT_PUBLIC)
    status = statuses[i % 4]
    return {"status": status, "public_from": day, "public_until": day + timedelta(days=365), "source_name": DEPT[0],
            "source_uscc": DEPT[1], "row_hash": f"{i:064d}"}  # fmt: skip


def populate(count: int) -> Subject:
    subject = Subject(kind=SubjectKind.LEGAL, name="株洲示例食品有限公司", name_norm="株洲示例食品有限公司", uscc=USCC,
                      legal_rep="张三")  # fmt: skip
    db.session.add(subject)
    db.session.flush()
    for i in range(count):
        day = TODAY - timedelta(days=3 * i)
        kind = i % 5
        if kind < 3:
            db.session.add(Penalty(
                subject_id=subject.id, decision_no=f"株市监罚〔{day.year}〕{i + 1}号", decision_key=f"p{i}",
                violation_type="生产经营超过保质期的食品", facts=LONG_FACTS,
                basis="《中华人民共和国食品安全法》第一百二十四条",
                punishment_types="没收违法所得；罚款", content="没收违法所得0.82万元，罚款15万元。" + LONG_FACTS,
                fine_amount=Decimal("15"), decided_on=day, authority_name=DEPT[0], authority_uscc=DEPT[1],
                severity=Severity.GENERAL, **common(i, day)))  # fmt: skip
        elif kind == 3:
            db.session.add(Permit(
                subject_id=subject.id, doc_title="食品经营许可决定书", doc_no=f"株市监食许〔{day.year}〕{i}号",
                doc_key=f"q{i}", category="普通", content="预包装食品销售（含冷藏冷冻食品）；热食类食品制售",
                decided_on=day, valid_from=day, valid_until=day + timedelta(days=1825), authority_name=DEPT[0],
                authority_uscc=DEPT[1], state=PermitState.VALID, **common(i, day)))  # fmt: skip
        else:
            db.session.add(ListEntry(
                subject_id=subject.id, category=ListCategory.WATCHLIST, list_name="企业经营异常名录",
                list_key=f"l{i}", reason="未按规定期限公示年度报告", basis="《企业信息公示暂行条例》第八条",
                doc_no=f"株市监异列〔{day.year}〕{i}号", doc_key=f"d{i}", recognised_by=DEPT[0],
                recognised_by_uscc=DEPT[1], listed_on=day, **common(i, day)))  # fmt: skip
    db.session.commit()
    return subject


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                          "SEARCH_DIR": f"{tmp}/search", "UPLOAD_DIR": f"{tmp}/uploads"})  # fmt: skip
        with app.app_context(), app.test_request_context("/"):
            db.create_all()
            subject = populate(args.records)
            signer = services.Signer("bench-key")
            started = time.perf_counter()
            report = services._issue(db.session, subject=subject, version=services.ReportVersion.FULL, uscc=USCC,
                                     name=subject.name, account_id=None, signer=signer,
                                     now=datetime.now(UTC), today=TODAY)  # fmt: skip
            issued = time.perf_counter() - started
            doc = document.load(report, key=signer.key, verify_url=f"http://127.0.0.1:5000/verify?no={report.report_no}")
            times, cpu, body = [], [], b""
            for _round in range(args.rounds):
                started, started_cpu = time.perf_counter(), time.process_time()
                body = pdf.render(doc)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            pages = body.count(b"/Type /Page\n")
            print(f"records={report.record_count} issue_s={issued:.3f}")
            print(f"pdf_first_s={times[0]:.3f} (includes loading the font) pdf_median_s={statistics.median(times):.3f} "
                  f"pdf_max_s={max(times):.3f} pages={pages} size_kb={len(body) / 1024:.0f}")  # fmt: skip
            print(f"pdf_cpu_median_s={statistics.median(cpu):.3f} (CPU time of this process: wall time is inflated "
                  f"when other processes share the cores)")  # fmt: skip
            print("target pdf <= 2 s (median wall):", "met" if statistics.median(times) <= 2.0 else "NOT met")
            db.session.remove()


if __name__ == "__main__":
    main()
