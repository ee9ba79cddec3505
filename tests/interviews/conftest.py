"""Fixtures of the interview tests: those of the watch-list tests, and the enterprise accounts' fast hashes."""

from tests.enterprise.helpers import _fast_enterprise_hashes  # noqa: F401
from tests.watch.conftest import _fast_hashes, admin, client, departments, dept, other_dept, site, staff  # noqa: F401
