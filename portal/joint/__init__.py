"""联合奖惩 (issue 10): catalogue management, 信用核查, 执行反馈, statistics and department API keys under /joint."""

from portal.joint.routes import bp

__all__ = ["bp"]
