"""The search page uses the API's fixtures: examples imported on TODAY and indexed."""

from tests.api.conftest import api, indexed  # noqa: F401 - re-exported fixtures
