"""Fixtures of the special report and authorised check tests (shared modules of the enterprise tests)."""

from tests.enterprise.helpers import _fast_enterprise_hashes  # noqa: F401
from tests.submissions.fixtures import _fast_hashes, client, site, staff  # noqa: F401
