"""Index generations of the file backends: build into a new directory, then swap a symlink atomically.

`<root>/current` is a symlink to `<root>/gen-<stamp>`; readers follow it and reopen when it changes. Outbox
draining lives in portal/indexing.py (it needs the database); this module only handles directories.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

CURRENT = "current"


class Generations:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def link(self) -> Path:
        return self.root / CURRENT

    def current(self) -> Path | None:
        """The live generation, or None when no index was ever built (or the link is dangling)."""
        try:
            target = os.readlink(self.link)
        except OSError:
            return None
        path = self.root / target
        return path if path.is_dir() else None

    def new(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"gen-{time.time_ns():020d}-{secrets.token_hex(3)}"
        path.mkdir()
        return path

    def swap(self, path: Path) -> None:
        """Make `path` the live generation atomically (rename of a symlink), then remove older generations.

        Processes still reading an old generation keep their open files (POSIX) until they follow the link.
        """
        tmp = self.root / f".{CURRENT}-{os.getpid()}-{secrets.token_hex(3)}"
        os.symlink(path.name, tmp)
        os.replace(tmp, self.link)
        for old in self.root.glob("gen-*"):
            if old.name < path.name:  # older stamps only: a rebuild running elsewhere keeps its directory
                shutil.rmtree(old, ignore_errors=True)

    def discard(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)
