"""Fixtures of the enterprise tests (shared modules: tests/submissions/fixtures.py, tests/enterprise/helpers.py)."""

from tests.enterprise.helpers import _fast_enterprise_hashes  # noqa: F401
from tests.submissions.fixtures import _fast_hashes, client, site, staff  # noqa: F401
