"""Search result certificate (issue 19): time to issue one certificate, as a visitor waits for it.

    python benchmarks/certificate_bench.py [--subjects 300] [--rounds 20]

CPU time is printed too: wall time is inflated when other processes share the cores.
Builds an indexed site (each subject with penalties and a permit), then issues certificates of a search that finds
more than a page of results (the certificate lists the first 50) and of one that finds nothing, through HTTP:
POST /search/certificate (search again, snapshot, sign, store) and GET the PDF. Prints medians of `rounds`
issues; target: ≤ 0.5 s median for issue + PDF. The figures go in the issue notes, never in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import clock, create_app  # noqa: E402
from portal.db_setup import load_list_types  # noqa: E402
from portal.domain.kinds import PermitState, SubjectKind  # noqa: E402
from portal.domain.publicity import RecordStatus, Severity  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.indexing.backend import get_backend  # noqa: E402
from portal.indexing.outbox import reindex  # noqa: E402
from portal.models import Penalty, Permit, Subject  # noqa: E402

DEPT = ("江临市市场监督管理局", "11430200006123458Y")
FACTS = "当事人在经营场所销售超过保质期的预包装食品，且未建立进货查验记录制度。"


def populate(subjects: int) -> None:
    today = clock.today()
    for i in range(subjects):
        name = f"江临示例{i:04d}食品有限公司"
        subject = Subject(kind=SubjectKind.LEGAL, name=name, name_norm=name, uscc=f"91430200MA{i:07d}X",
                          legal_rep="张三")  # fmt: skip
        db.session.add(subject)
        db.session.flush()
        for j in range(3):
            day = today - timedelta(days=10 + 7 * j + i % 30)
            common = {"status": RecordStatus.PUBLISHED, "public_from": day, "public_until": day + timedelta(days=365),
                      "source_name": DEPT[0], "source_uscc": DEPT[1], "row_hash": f"{i:032d}{j:032d}"}  # fmt: skip
            db.session.add(Penalty(
                subject_id=subject.id, decision_no=f"江市监罚〔{day.year}〕{i * 3 + j + 1}号", decision_key=f"p{i}-{j}",
                violation_type="生产经营超过保质期的食品", facts=FACTS, basis="《食品安全法》第一百二十四条",
                punishment_types="罚款", content="罚款1.5万元。", fine_amount=Decimal("1.5"), decided_on=day,
                authority_name=DEPT[0], authority_uscc=DEPT[1], severity=Severity.GENERAL, **common))  # fmt: skip
        day = today - timedelta(days=5)
        db.session.add(Permit(
            subject_id=subject.id, doc_title="食品经营许可决定书", doc_no=f"江市监食许〔{day.year}〕{i}号",
            doc_key=f"q{i}", category="普通", content="预包装食品销售", decided_on=day, valid_from=day,
            valid_until=day + timedelta(days=1825),
            authority_name=DEPT[0], authority_uscc=DEPT[1], state=PermitState.VALID, status=RecordStatus.PUBLISHED,
            public_from=day, public_until=day + timedelta(days=365), source_name=DEPT[0], source_uscc=DEPT[1],
            row_hash=f"permit{i:058d}"))  # fmt: skip
    db.session.commit()


def measure(client, query: str, rounds: int) -> tuple[list[float], list[float], list[float], int]:  # type: ignore[no-untyped-def]
    issue_s, pdf_s, cpu_s, size = [], [], [], 0
    for _round in range(rounds):
        started_cpu = time.process_time()
        started = time.perf_counter()
        response = client.post("/search/certificate", data={"q": query})
        issue_s.append(time.perf_counter() - started)
        assert response.status_code == 303, response.status_code
        started = time.perf_counter()
        pdf = client.get(response.headers["Location"] + ".pdf")
        pdf_s.append(time.perf_counter() - started)
        cpu_s.append(time.process_time() - started_cpu)
        assert pdf.status_code == 200
        size = len(pdf.data)
    return issue_s, pdf_s, cpu_s, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subjects", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="certificate-bench-") as tmp:
        app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db",
                          "SEARCH_DIR": f"{tmp}/search", "UPLOAD_DIR": f"{tmp}/uploads", "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False})  # fmt: skip
        with app.app_context():
            db.create_all()
            load_list_types(db.session)
            populate(args.subjects)
            documents = reindex(db.session, get_backend(app), clock.today())
            client = app.test_client()
            client.post("/search/certificate", data={"q": "江临示例"})  # warm-up: font, templates, index readers
            print(f"subjects={args.subjects} documents={documents} rounds={args.rounds}")
            for label, query in (("many results", "江临示例"), ("no result", "不存在的公司名称")):
                issue_s, pdf_s, cpu_s, size = measure(client, query, args.rounds)
                total = [a + b for a, b in zip(issue_s, pdf_s, strict=True)]
                print(f"{label}: issue_median_s={statistics.median(issue_s):.3f} "
                      f"pdf_median_s={statistics.median(pdf_s):.3f} total_median_s={statistics.median(total):.3f} "
                      f"total_max_s={max(total):.3f} cpu_median_s={statistics.median(cpu_s):.3f} "
                      f"pdf_kb={size / 1024:.0f}")  # fmt: skip
                met = "met" if statistics.median(total) <= 0.5 else "NOT met"
                print("  target issue + PDF <= 0.5 s (median):", met)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
