"""today()/now() in Asia/Shanghai: the only place the application reads the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CHINA_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in China: publicity rules and import checks use this day (data-standard §2)."""
    return datetime.now(CHINA_TZ).date()
