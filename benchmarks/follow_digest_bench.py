"""Follow alerts at scale: confirm N follows (snapshot each), change records, time the daily digest and the feed.

    .venv/bin/python benchmarks/follow_digest_bench.py [--records 20000] [--subscribers 2000] [--per 5]

Runs on a throw-away SQLite database in a temporary folder; prints the figures. Never collected by pytest.
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
from portal.extensions import db  # noqa: E402
from portal.follows import digest, feeds, mail, services  # noqa: E402
from portal.models import Penalty, Subject  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--per", type=int, default=5, help="follows per subscriber")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="follow-bench-"))
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
                      "SEARCH_DIR": str(folder / "search"), "UPLOAD_DIR": str(folder / "uploads")})  # fmt: skip
    today = clock.today()
    with app.app_context(), app.test_request_context():
        db.create_all()
        load_list_types(db.session)
        load_measures(db.session)
        load_demo(db.session, records=args.records, seed=2026, as_of=today)
        db.session.commit()
        rng = random.Random(7)
        subjects = list(db.session.scalars(sa.select(Subject).join(Penalty, Penalty.subject_id == Subject.id)))
        settings = services.Settings(str(app.config["SECRET_KEY"]), max_follows=args.per)
        started = time.perf_counter()
        tokens = []
        for n in range(args.subscribers):
            for subject in rng.sample(subjects, min(args.per, len(subjects))):
                made = services.subscribe(db.session, settings, email=f"s{n}@example.com", subject=subject,
                                          now=clock.now())  # fmt: skip
                tokens.append(made.confirm_token)
        subscribed = time.perf_counter() - started
        started = time.perf_counter()
        for token in tokens:
            if token:
                services.confirm(db.session, settings.secret_key, token, now=clock.now(), today=today)
        confirmed = time.perf_counter() - started
        for penalty in rng.sample(list(db.session.scalars(sa.select(Penalty))), 500):
            penalty.version += 1
        db.session.commit()
        notifier = app.extensions["notifier"]
        started = time.perf_counter()
        summary = digest.run(db.session, today=today + timedelta(days=1), now=clock.now(),
                             secret=settings.secret_key, send=mail.digest_sender(app, notifier))  # fmt: skip
        ran = time.perf_counter() - started
        started = time.perf_counter()
        for subject in subjects[:200]:
            feeds.subject_feed(db.session, subject, today)
        feed_ms = (time.perf_counter() - started) / 200 * 1000
    follows = len(tokens)
    print(f"records={args.records} subscribers={args.subscribers} follows={follows}")
    print(f"subscribe: {subscribed:.1f} s ({subscribed / follows * 1000:.2f} ms/follow)")
    print(f"confirm (with snapshot): {confirmed:.1f} s ({confirmed / follows * 1000:.2f} ms/follow)")
    print(f"digest: {ran:.1f} s for {summary.line}")
    print(f"feed: {feed_ms:.1f} ms per subject (mean of 200)")


if __name__ == "__main__":
    main()
