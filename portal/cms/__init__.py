"""Staff-edited pages: 政策法规 (policies), 工作动态 (news) and 办事指南 (guides)."""

from portal.cms.routes import bp

__all__ = ["bp"]
