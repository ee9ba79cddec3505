"""JSON log lines on stderr, with a redaction filter for ID and mobile numbers as a last resort."""

from __future__ import annotations

import json
import logging
import re
import sys

from flask import Flask

from portal.domain.masking import mask_id_numbers

# Also +86 / 86 prefixes and 138-1234-5678 / 138 1234 5678 spellings; masking too much is the safe side.
_MOBILE_RE = re.compile(r"(?<!\d)((?:\+?86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)")
_STANDARD = set(vars(logging.makeLogRecord({})))


def redact(text: str) -> str:
    """Masks ID numbers (also spaced, hyphenated or full-width: one recogniser with the chat) and mobile numbers
    (DOMAIN §6: never logged)."""
    return _MOBILE_RE.sub(r"\1****\2", mask_id_numbers(text))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


def configure(app: Flask) -> None:
    root = logging.getLogger("portal")
    if not any(getattr(h, "_portal", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler._portal = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if app.debug else logging.INFO)
