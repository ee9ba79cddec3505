"""A small keep-alive HTTP/1.1 client for the cluster check (stdlib only): a cookie jar, forms read and posted as
a browser would (hidden fields, CSRF token, the CAPTCHA question), multipart uploads, the time of each answer."""

from __future__ import annotations

import http.client
import re
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

HOST = "127.0.0.1"  # PORTAL_PUBLIC_BASE_URL's host: the site answers no other Host
PDF = (  # a complete PDF (xref and startxref): the upload check parses it with pypdf (tests/submissions/fixtures.py)
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
    b"endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n"
    b"<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n"
)
_INPUT = re.compile(r"<input[^>]*>")
_QUESTION = re.compile(r'id="captcha_answer-hint">[^<]*?(\d+)[^<\d]+(\d+)')
_COOKIE = re.compile(r"^\s*([^=;\s]+)=([^;]*)")


@dataclass(frozen=True, slots=True)
class Answer:
    status: int  # 0: no answer at all (connection refused or reset)
    body: bytes
    headers: dict[str, str]
    ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def hidden_fields(html: str) -> dict[str, str]:
    found = {}
    for tag in _INPUT.findall(html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if 'type="hidden"' in tag and name:
            found[name.group(1)] = value.group(1) if value else ""
    return found


def captcha_answer(html: str) -> str:
    match = _QUESTION.search(html)
    return str(int(match.group(1)) + int(match.group(2))) if match else ""


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    """(body, content type) of a multipart/form-data form; files are (field, file name, data, mime)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, filename, data, mime in files:
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {mime}\r\n\r\n")  # fmt: skip
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One visitor on one keep-alive connection to `port`; a broken connection is opened again on the next
    request (that request itself is answered with status 0, as a browser would show an error)."""

    def __init__(self, port: int, forwarded_for: str | None = None, timeout: float = 30) -> None:
        self.port, self.forwarded_for, self.timeout = port, forwarded_for, timeout
        self.cookies: dict[str, str] = {}
        self.resent = 0  # requests sent again on a new connection (see request)
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes = b"", content_type: str | None = None,
                headers: dict[str, str] | None = None) -> Answer:  # fmt: skip
        sent = {"Host": HOST, "Accept-Language": "zh-CN", **(headers or {})}
        if self.forwarded_for:
            sent["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            sent["Content-Type"] = content_type
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self.conn is not None
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                self.conn.request(method, path, body=body or None, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (OSError, http.client.HTTPException) as error:
                self.close()
                closed = isinstance(error, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError))
                # a keep-alive connection the server closed meanwhile (nginx reloading, an idle time-out), before
                # any byte of an answer: browsers send the request again on a new connection, whatever its method
                # (nginx answers a node's failure with a 502, never by dropping the client's connection)
                if attempt == 2 or not reused or not closed:  # never after a time-out: it may have been acted on
                    return Answer(0, b"", {}, (time.perf_counter() - started) * 1000)
                self.resent += 1
        for value in response.headers.get_all("Set-Cookie") or []:
            if match := _COOKIE.match(value):
                self.cookies[match.group(1)] = match.group(2)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Answer(response.status, data, dict(response.headers.items()), (time.perf_counter() - started) * 1000)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_json(self, path: str, payload: str) -> Answer:
        return self.request("POST", path, payload.encode(), "application/json")

    def fill(self, path: str, data: dict[str, str], files: list[tuple[str, str, bytes, str]] | None = None,
             *, captcha: bool = True) -> tuple[Answer, Answer]:  # fmt: skip
        """GET the form, then POST its hidden fields, the CAPTCHA answer and `data`: (page, answer)."""
        page = self.get(path)
        if page.status != 200:
            return page, page
        html = page.text
        fields = {**hidden_fields(html), **data}
        if captcha:
            fields["captcha_answer"] = captcha_answer(html)
        body, kind = multipart(fields, files or [])
        return page, self.request("POST", path, body, kind)


def tracking_no(html: str) -> str | None:
    match = re.search(r'id="tracking-no">([^<]+)<', html)
    return match.group(1) if match else None


def urlencoded(fields: dict[str, str]) -> tuple[bytes, str]:
    return urlencode(fields).encode(), "application/x-www-form-urlencoded"
