"""The search page uses the API's fixtures: examples imported on TODAY and indexed; the re-check tests of an
approved repair use the submission workflow's fixtures (site, staff)."""

from tests.api.conftest import api, indexed  # noqa: F401 - re-exported fixtures
from tests.submissions.fixtures import _fast_hashes, site, staff  # noqa: F401 - re-exported fixtures
