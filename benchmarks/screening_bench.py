"""重点监管对象筛查 at scale: 50 department watch lists of 1,000 subjects each, screened by the daily job.

    .venv/bin/python benchmarks/screening_bench.py [--records 60000] [--lists 50] [--size 1000] [--db URL]

Demo data (penalties, permits, list entries) plus coercions on part of the subjects; each list mixes subjects of
the platform with codes it does not know. Times the first run (every hit is new, one e-mail per department) and a
second run the same day (nothing new). Target: ≤ 30 s for the first run. Runs on a throw-away SQLite database in a
temporary folder unless --db names another (it must be empty: tables are created). Never collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import clock, create_app  # noqa: E402
from portal.db_setup import load_list_types, load_measures  # noqa: E402
from portal.demo.load import load_demo  # noqa: E402
from portal.domain import uscc  # noqa: E402
from portal.domain.kinds import SubjectKind  # noqa: E402
from portal.domain.publicity import RecordStatus  # noqa: E402
from portal.domain.roles import Role  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Coercion, Subject, User, WatchEntry, WatchHit, WatchList  # noqa: E402
from portal.watch import mail, screen  # noqa: E402
from portal.work_calendar import work_calendar  # noqa: E402


def _department(n: int) -> str:
    return uscc.make_uscc("11430200" + uscc.make_org_code(f"{n + 500:08d}"))


def _unknown(n: int) -> str:
    return uscc.make_uscc("91439900" + uscc.make_org_code(f"{n:08d}"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=60000)
    parser.add_argument("--lists", type=int, default=50)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="screening-bench-"))
    url = args.db or f"sqlite:///{folder / 'portal.db'}"
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url, "SEARCH_DIR": str(folder / "search"),
                      "UPLOAD_DIR": str(folder / "uploads")})  # fmt: skip
    today = clock.today()
    rng = random.Random(2026)
    with app.app_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        load_demo(db.session, records=args.records, seed=2026, as_of=today)
        db.session.commit()
        known = list(db.session.scalars(
            sa.select(Subject.uscc).where(Subject.uscc.is_not(None), Subject.kind != SubjectKind.NATURAL_PERSON)
        ))  # fmt: skip
        ids = list(db.session.scalars(sa.select(Subject.id).where(Subject.uscc.is_not(None))))
        for n, subject_id in enumerate(rng.sample(ids, min(2000, len(ids)))):
            decided = today - timedelta(days=rng.randrange(1, 900))
            doc_no = f"株市监强〔2026〕{n}号"
            db.session.add(Coercion(
                subject_id=subject_id, status=RecordStatus.PUBLISHED, public_from=decided,
                source_name="株洲市市场监督管理局", source_uscc=_department(0), row_hash=f"{n:064d}", doc_no=doc_no,
                doc_key=doc_no, categories="扣押财物",
                reason="涉嫌违法", basis="《行政强制法》", content="扣押", decided_on=decided,
                lifted_on=decided + timedelta(days=60) if n % 2 else None, authority_name="株洲市市场监督管理局",
                authority_uscc=_department(0),
            ))  # fmt: skip
        now = clock.now()
        for n in range(args.lists):
            department = _department(n)
            # no password can match "!": these accounts only receive the e-mails
            db.session.add(User(email=f"dept{n}@example.gov.cn", password_hash="!", role=Role.DEPARTMENT,  # noqa: S106
                                department_uscc=department, session_nonce=f"{n:032x}"))  # fmt: skip
            watch = WatchList(department_uscc=department, department_name=f"部门{n}", name="重点监管对象",
                              created_by="bench", entries=args.size, created_at=now, updated_at=now)  # fmt: skip
            db.session.add(watch)
            db.session.flush()
            half = min(args.size * 7 // 10, len(known))
            codes = rng.sample(known, half) + [_unknown(n * args.size + i) for i in range(args.size - half)]
            db.session.execute(sa.insert(WatchEntry), [{"list_id": watch.id, "uscc": code, "added_by": "bench",
                                                        "added_at": now} for code in codes])  # fmt: skip
        db.session.commit()
        subjects = len(known)
        calendar = work_calendar(db.session)
        send = mail.hits_sender(app, app.extensions["notifier"])
        started = time.perf_counter()
        first = screen.run(db.session, day=today, now=clock.now(), calendar=calendar, send=send, feedback_workdays=10)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = screen.run(db.session, day=today, now=clock.now(), calendar=calendar, send=send, feedback_workdays=10)
        second_s = time.perf_counter() - started
        stored = db.session.scalar(sa.select(sa.func.count()).select_from(WatchHit))
    print(f"database={url.split(':')[0]} records={args.records} organisations={subjects} "
          f"lists={args.lists} x {args.size} subjects")  # fmt: skip
    print(f"first run:  {first_s:.1f} s  {first.line}  (hits stored: {stored})")
    print(f"second run: {second_s:.1f} s  {second.line}")
    print(f"target: first run <= 30 s -> {'met' if first_s <= 30 else 'MISSED'}")


if __name__ == "__main__":
    main()
