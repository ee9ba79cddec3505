"""Fixtures of the page (CMS) tests: the shared staff accounts and sign-in helpers of tests/submissions."""

from tests.submissions.fixtures import _fast_hashes, client, site, staff  # noqa: F401
