"""重点监管对象筛查 (issue 17, DOMAIN §21): watch lists, the daily screening, hits and feedback, under /watch."""

from portal.watch.routes import bp

__all__ = ["bp"]
