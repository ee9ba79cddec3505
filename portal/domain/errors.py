"""DomainError and its subclasses: stable codes that the edges (HTML, API, CLI, importer) translate."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Root of every rule violation; `code` is stable, `params` feed the translated message."""

    code: str = "domain_error"

    def __init__(self, message: str = "", **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params: dict[str, Any] = params


class InvalidValue(DomainError):
    """A value that the rules do not accept (the importer rejects the row)."""

    code = "invalid_value"
