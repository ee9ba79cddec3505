"""The entry points: split a total into kinds, stream a kind's rows, write them as a CSV import file."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from random import Random

from portal.demo.headers import HEADERS
from portal.demo.lists import list_rows
from portal.demo.penalties import penalty_rows
from portal.demo.permits import permit_rows
from portal.demo.world import World

_KIND_OFFSETS = {"penalty": 1_000, "permit": 2_000, "list": 3_000}


@dataclass(frozen=True, slots=True)
class DemoPlan:
    penalties: int
    permits: int
    lists: int


def plan_for(records: int) -> DemoPlan:
    """Split a total into ~40 % penalties, ~45 % permits and ~15 % list entries (the parts sum to `records`)."""
    if records < 0:
        raise ValueError("records must not be negative")
    permits = round(records * 0.45)
    penalties = round(records * 0.40)
    return DemoPlan(penalties=penalties, permits=permits, lists=records - permits - penalties)


def generate_rows(kind: str, count: int, *, seed: int, as_of: date) -> Iterator[dict[str, str]]:
    """Yield `count` import rows of `kind` (penalty|permit|list) as header → cell text, streaming.

    Deterministic in (kind, count, seed, as_of); every event date is ≤ as_of; natural keys are unique
    within one call. Raises ValueError for an unknown kind or a negative count.
    """
    if kind not in HEADERS:
        raise ValueError(f"unknown kind {kind!r}: expected penalty, permit or list")
    if count < 0:
        raise ValueError("count must not be negative")
    return _generate(kind, count, seed, as_of)


def write_csv(path: str | os.PathLike[str], kind: str, count: int, *, seed: int, as_of: date,
              encoding: str = "utf-8-sig") -> None:
    """Write an import file of `count` rows (header first) with the csv module, streaming row by row."""
    rows = generate_rows(kind, count, seed=seed, as_of=as_of)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS[kind])
        writer.writerows(row.values() for row in rows)


def _generate(kind: str, count: int, seed: int, as_of: date) -> Iterator[dict[str, str]]:
    if count == 0:
        return
    rng = Random(seed + _KIND_OFFSETS[kind])
    world = World(seed, as_of, count)
    if kind == "penalty":
        yield from penalty_rows(world, rng, count)
    elif kind == "permit":
        yield from permit_rows(world, rng, count)
    else:
        yield from list_rows(world, rng, count)
