"""Chat quality on an evaluation set: intent accuracy, answer facts, the per-intent confusion and every miss.

    python benchmarks/chat_eval.py                                # tests/chat/data/eval_issue20.jsonl
    python benchmarks/chat_eval.py --set eval_fresh.jsonl --indexed
    python benchmarks/chat_eval.py --set data/eval_kinds.jsonl --all-kinds      # the kinds of issue 16

Builds the same instance as the chat tests (a fresh SQLite database with the catalogue and the three data-standard
example files, the clock on tests.conftest.TODAY), optionally indexes it (tantivy, as the "search-index" tests do),
then asks every question in a fresh conversation. Not timed: quality only (benchmarks/chat_bench.py times replies).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="data/eval_issue20.jsonl", help="path under tests/chat/")
    parser.add_argument("--indexed", action="store_true", help="answer names from the search index")
    parser.add_argument("--all-kinds", action="store_true", help="also import the coercion, honour and commitment "
                        "examples (the set data/eval_kinds.jsonl needs them)")  # fmt: skip
    args = parser.parse_args()

    from portal import clock, create_app
    from portal.db_setup import load_list_types, load_measures
    from portal.extensions import db
    from portal.importers.run import import_file
    from tests.chat.conftest import Bot, import_more_examples
    from tests.chat.evaluation import evaluate, index_examples, load
    from tests.conftest import DATA, TODAY

    clock.today = lambda: TODAY  # the facts of the set hold on TODAY
    with tempfile.TemporaryDirectory(prefix="chat-eval-") as tmp:
        folder = Path(tmp)
        config = {
            "ENV_NAME": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'portal.db'}",
            "SEARCH_DIR": str(folder / "search"),
            "UPLOAD_DIR": str(folder / "uploads"),
        }
        app = create_app(config)
        app.instance_path = str(folder)
        with app.app_context():
            db.create_all()
            load_list_types(db.session)
            load_measures(db.session)
            for kind in ("penalty", "permit", "list"):
                path = Path(shutil.copy(DATA / f"standard-{kind}.csv", folder / f"{kind}.csv"))
                import_file(db.session, path, kind, today=TODAY)
            db.session.commit()
            if args.all_kinds:
                import_more_examples(folder, TODAY)
            if args.indexed:
                index_examples(app)
            result = evaluate(Bot(app), load(args.set))
            print(result.summary(args.set))
            db.session.remove()
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
