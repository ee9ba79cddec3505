"""约谈 (issue 17, DOMAIN §21): 提示约谈 / 警示约谈 recorded by the recognising department, under /interviews."""

from portal.interviews.routes import bp

__all__ = ["bp"]
