"""Fixtures of the submission workflow tests (shared module: tests/submissions/fixtures.py)."""

from tests.submissions.fixtures import _fast_hashes, client, site, staff  # noqa: F401
