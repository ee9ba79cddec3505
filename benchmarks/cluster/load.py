"""Bounded load of the cluster check: visitors (threads, one keep-alive connection each) searching, reading pages
and sending complaints with a PDF attached, through the proxy. Every answer is kept with its time, so failures can
be attributed to the event (node killed, database restarted) that was under way when they happened."""

from __future__ import annotations

import random
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote

from benchmarks.cluster.web import PDF, Browser, tracking_no

PAGES = ["/", "/penalties", "/permits", "/lists", "/statistics", "/coercions"]
COMPLAINT = {
    "about": "subject",
    "subject_name": "集群检查示例有限公司",
    "topic": "enterprise_dishonest",
    "description": "集群检查：该公司继续销售过期食品。",
    "contact_name": "李四",
    "contact_phone": "13900001111",
}


@dataclass(frozen=True, slots=True)
class Hit:
    at: float  # time.monotonic() when the request was sent
    kind: str  # api | search | page | form | submit
    method: str
    status: int  # 0: no answer (connection refused or reset)
    ms: float
    ok: bool


def _ok(kind: str, status: int, html: str) -> bool:
    """Answered as a visitor expects; 429 (a rate limit) is an answer, not a failure."""
    if status == 429:
        return True
    if kind == "submit":
        return status == 200 and tracking_no(html) is not None
    return status == 200


class Load:
    def __init__(self, port: int, clients: int, queries: list[str], seed: int, think: float = 0.0) -> None:
        self.port, self.clients, self.queries, self.seed, self.think = port, clients, queries, seed, think
        self.hits: list[Hit] = []
        self.receipts: list[str] = []  # tracking numbers of the complaints the site acknowledged
        self.resent = 0  # requests the visitors sent again on a new connection, as a browser does
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._until = 0.0

    def start(self, seconds: float = float("inf")) -> None:
        """Visitors until `seconds` have passed or stop() is called."""
        self._until = time.monotonic() + seconds
        for i in range(self.clients):
            thread = threading.Thread(target=self._visitor, args=(self.seed + i,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._until = 0.0

    def join(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _record(self, kind: str, method: str, answer_status: int, ms: float, at: float, html: str = "") -> None:
        hit = Hit(at, kind, method, answer_status, ms, _ok(kind, answer_status, html))
        with self._lock:
            self.hits.append(hit)

    def _visitor(self, seed: int) -> None:
        rng = random.Random(seed)
        browser = Browser(self.port)
        try:
            while time.monotonic() < self._until:
                if self.think:
                    time.sleep(rng.expovariate(1 / self.think))  # a person reads the page before the next click
                # every visit from its own address (as many visitors behind the proxy would be)
                browser.forwarded_for = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
                pick = rng.random()
                at = time.monotonic()
                if pick < 0.40:
                    answer = browser.get(f"/api/v1/search?q={quote(rng.choice(self.queries))}")
                    self._record("api", "GET", answer.status, answer.ms, at)
                elif pick < 0.60:
                    answer = browser.get(f"/search?q={quote(rng.choice(self.queries))}&page={rng.randint(1, 3)}")
                    self._record("search", "GET", answer.status, answer.ms, at)
                elif pick < 0.90:
                    answer = browser.get(rng.choice(PAGES))
                    self._record("page", "GET", answer.status, answer.ms, at)
                else:
                    browser.cookies.clear()  # a new visitor: a new session and CAPTCHA question
                    attachment = [("attachments", "evidence.pdf", PDF, "application/pdf")]
                    page, sent = browser.fill("/complaints/new", COMPLAINT, attachment)
                    self._record("form", "GET", page.status, page.ms, at)
                    if page.status == 200:
                        self._record("submit", "POST", sent.status, sent.ms, at + page.ms / 1000, sent.text)
                        if number := tracking_no(sent.text):
                            with self._lock:
                                self.receipts.append(number)
        finally:
            browser.close()
            with self._lock:
                self.resent += browser.resent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def summary(hits: list[Hit]) -> dict[str, float]:
    """requests, failures, p50/p95/max in ms, submissions accepted."""
    times = [h.ms for h in hits]
    return {
        "requests": len(hits),
        "failed": sum(not h.ok for h in hits),
        "limited": sum(h.status == 429 for h in hits),
        "submitted": sum(h.kind == "submit" and h.ok and h.status == 200 for h in hits),
        "p50": statistics.median(times) if times else 0.0,
        "p95": percentile(times, 0.95),
        "max": max(times, default=0.0),
    }
