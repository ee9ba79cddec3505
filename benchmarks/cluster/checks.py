"""The cluster check's functional checks across nodes: a file imported through node B is searchable on node A, an
attachment sent to node A is downloaded by staff on node B, a rate limit is counted once for both nodes, and the
site's recovery when the database restarts or fails over to the replica."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from benchmarks.cluster.load import COMPLAINT
from benchmarks.cluster.nodes import ROOT, Node
from benchmarks.cluster.web import PDF, Browser, tracking_no
from portal.domain.uscc import make_org_code, make_uscc
from tests.pg_servers import PgServer

STAFF = ("cluster-admin@example.gov.cn", "cluster-check-Passw0rd-2026")


def searchable_on(node: Node, query: str, title: str) -> bool:
    browser = Browser(node.port, timeout=5)
    try:
        answer = browser.get(f"/api/v1/search?q={quote(query)}")
    finally:
        browser.close()
    if answer.status != 200:
        return False
    return any(title in (r.get("subject_name") or "") for r in json.loads(answer.body)["results"])


def import_on_b_search_on_a(a: Node, b: Node, folder: Path, rng: random.Random) -> tuple[float, str, str]:
    """Seconds from the end of `flask import` on node B until node A's search API finds the new record, the
    import's summary line and the new subject's USCC. The clock starts when the command has returned (its
    transaction committed a moment before: the figure is an upper bound)."""
    with (ROOT / "tests" / "data" / "standard-penalty.csv").open(encoding="utf-8") as fh:
        header, row = list(csv.reader(fh))[:2]
    serial = rng.randrange(10**6)
    name = f"集群检查{serial:06d}商贸有限公司"
    row[0], row[2] = name, make_uscc("91430200" + make_org_code(f"MA{serial:06d}"))
    row[13] = f"株市监罚〔2026〕{serial}号"
    row[22] = (date.today() - timedelta(days=3)).isoformat()
    path = folder / f"cluster-import-{serial}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, row])
    summary = b.flask("import", str(path), "--kind", "penalty").stdout.strip().splitlines()[-1]
    started = time.monotonic()
    deadline = started + 30
    while not searchable_on(a, name, name):
        if time.monotonic() > deadline:
            return float("inf"), summary, row[2]
        time.sleep(0.02)
    return time.monotonic() - started, summary, row[2]


@dataclass(frozen=True, slots=True)
class Transfer:
    tracking_no: str | None
    status: int  # of the download on node B
    same_bytes: bool


def attachment_a_to_b(a: Node, b: Node, database: PgServer) -> Transfer:
    """A complaint with a PDF sent to node A; an administrator signs in on node B and downloads the PDF."""
    public = Browser(a.port)
    _page, sent = public.fill("/complaints/new", {**COMPLAINT, "description": "集群检查：A 上传，B 下载。"},
                              [("attachments", "a-to-b.pdf", PDF, "application/pdf")])  # fmt: skip
    public.close()
    number = tracking_no(sent.text)
    if number is None:
        return Transfer(None, sent.status, False)
    sql = ("SELECT s.id, a.id FROM submissions s JOIN attachments a ON a.submission_id = s.id "
           "WHERE s.tracking_no = %s")  # fmt: skip
    [(submission_id, attachment_id)] = database.query(sql, "portal", number)
    b.flask("create-user", STAFF[0], "--role", "admin", "--password", STAFF[1], check=False)  # exists on a rerun
    staff = Browser(b.port)
    try:
        staff.fill("/accounts/login", {"email": STAFF[0], "password": STAFF[1]}, captcha=False)
        answer = staff.get(f"/review/{submission_id}/attachments/{attachment_id}")
    finally:
        staff.close()
    same = hashlib.sha256(answer.body).digest() == hashlib.sha256(PDF).digest()
    return Transfer(number, answer.status, answer.status == 200 and same)


def limit_counted_once(a: Node, b: Node, limit: int) -> list[int]:
    """Statuses of limit + 4 chat questions from one address, sent alternately to node A and node B directly."""
    browsers = [Browser(a.port), Browser(b.port)]
    statuses = []
    for i in range(limit + 4):
        answer = browsers[i % 2].post_json("/api/v1/chat", json.dumps({"message": "怎么申请信用修复"}))
        statuses.append(answer.status)
    for browser in browsers:
        browser.close()
    return statuses


@dataclass(frozen=True, slots=True)
class Recovery:
    event: str
    started: float  # monotonic: the database began going away
    back: float  # monotonic: the database (or the promoted replica) accepts writes again
    first_read: float  # seconds after `back` of the first read through the proxy that succeeded
    first_write: float  # seconds after `back` of the first complaint through the proxy that was accepted

    @property
    def outage(self) -> float:
        return self.back - self.started


def recovery(event: str, proxy_port: int, action: Callable[[], None], uscc: str, timeout: float = 60) -> Recovery:
    """Runs `action` (a restart, a failover), then probes through the proxy until a read and a write succeed."""
    started = time.monotonic()
    action()
    back = time.monotonic()
    probe = Browser(proxy_port, timeout=10)
    rng = random.Random(proxy_port)
    read = write = None
    try:
        while (read is None or write is None) and time.monotonic() - back < timeout:
            probe.forwarded_for = f"10.255.{rng.randrange(256)}.{rng.randrange(1, 255)}"  # not the submit limit
            if read is None and probe.get(f"/api/v1/subjects/{uscc}").status == 200:
                read = time.monotonic() - back
            if write is None:
                probe.cookies.clear()
                _page, sent = probe.fill("/complaints/new", COMPLAINT)
                if tracking_no(sent.text):
                    write = time.monotonic() - back
    finally:
        probe.close()
    inf = float("inf")
    return Recovery(event, started, back, inf if read is None else read, inf if write is None else write)
