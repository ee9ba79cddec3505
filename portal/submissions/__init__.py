"""异议 / 投诉举报 / 信用修复 forms, tracking number + 查询码, status page."""

from portal.submissions.routes import bp

__all__ = ["bp"]
