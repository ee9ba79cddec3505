"""分级分类监管 (DOMAIN §20): grading rule set, treatments per grade, grade statistics, 双随机 draws."""

from portal.supervision.routes import bp

__all__ = ["bp"]
