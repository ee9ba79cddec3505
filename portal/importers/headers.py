"""Finding a department file's header: title rows above it, spacing variants and older names (portal/importers/
aliases.py), trailing total/note rows, and a diagnosis of a header that does not match, naming what to change.

Kept apart from formats.py (the column sets) so that new formats and header tolerance change different files.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

from portal.importers.aliases import Alias, canonical, names_for
from portal.importers.formats import Format, HeaderError, HeaderMap
from portal.importers.readers import Cell, TableReader

HEADER_SEARCH_ROWS = 10  # title and unit lines above the header: a sheet title, "单位：万元", a date line
MIN_HEADER_NAMES = 3  # a row naming this many known columns is the header, not a title
SUGGEST_CUTOFF = 0.6
# A trailing row that is a total or a note rather than a record: few cells, the first one says so.
_NOTE_START = re.compile(
    r"^(合计|总计|小计|共计|累计|注[:：\d、.]|备注[:：]|说明[:：]|附注|填报|填表|制表|审核|负责人|联系人|联系电话)"
)
NOTE_MAX_CELLS = 3

Row = tuple[int, list[Cell]]


@dataclass
class Header:
    """The recognised header: its map, its cells as given (for the rejects file), warnings, and the data rows."""

    map: HeaderMap
    cells: list[str]
    line: int
    warnings: list[str]  # "第N行 警告：…", ready for the batch
    rows: Iterator[Row]
    trailing_warnings: list[str] = field(default_factory=list)  # filled once `rows` is exhausted


def recognise(fmt: Format, table: TableReader) -> Header:
    """Find the header within the first rows and match it (data-standard §1, issue 22). Raises HeaderError."""
    candidates: list[Row] = [(table.header_line, list(table.header))]
    for row in table.rows:
        candidates.append(row)
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    scored = [(_known_count(fmt, cells), index) for index, (_line, cells) in enumerate(candidates)]
    found = next((index for count, index in scored if count >= MIN_HEADER_NAMES), None)
    if found is None:  # diagnose the most header-like row: most known names, then most cells, then the first
        found = max(range(len(candidates)), key=lambda i: (scored[i][0], _filled(candidates[i][1]), -i))
    line, cells = candidates[found]
    names = ["" if c is None else str(c) for c in cells]
    hmap, implied = match(fmt, names)
    warnings = [f"第{line}行 警告：{w}" for w in hmap.warnings]
    if found:
        first = candidates[0][0]
        span = f"第{first}行" if first == line - 1 else f"第{first}至{line - 1}行"
        warnings.insert(0, f"第{first}行 警告：{span}为表头上方的标题，已跳过")
    rest: Iterator[Row] = chain(candidates[found + 1 :], table.rows)
    header = Header(hmap, names, line, warnings, iter(()))
    if implied:
        rest = _with_implied(rest, hmap, implied)
        # the rejects file shows the appended cells under their own names
        header.cells = names[: hmap.width - len(implied)] + [f"{column}（按表头推定）" for _s, column, _v in implied]
    header.rows = _skip_trailing_notes(rest, header.trailing_warnings)
    return header


def _known_count(fmt: Format, cells: list[Cell]) -> int:
    known = names_for(fmt)
    return sum(1 for c in cells if isinstance(c, str) and canonical(c) in known)


def _filled(cells: list[Cell]) -> int:
    return sum(1 for c in cells if c is not None and str(c).strip())


def match(fmt: Format, names: list[str]) -> tuple[HeaderMap, list[tuple[int, str, str]]]:
    """Header names -> HeaderMap, by exact name after normalisation or by a listed alias; plus implied columns as
    (source position, column, value). Duplicates and missing mandatory columns raise HeaderError."""
    known = names_for(fmt)
    while names and not canonical(names[-1]):  # trailing empty cells (spreadsheets) are not columns
        names = names[:-1]
    positions: dict[str, int] = {}
    given: dict[str, str] = {}
    aliased: list[Alias] = []
    unknown: list[str] = []
    for index, name in enumerate(names):
        key = canonical(name)
        if not key:
            continue
        if key not in known:
            unknown.append(name.strip())
            continue
        column, alias = known[key]
        if column in positions:
            both = "、".join(dict.fromkeys([given[column], name.strip()]))
            raise HeaderError(f"表头列重复：{column}" + (f"（{both}）" if alias or given[column] != column else ""))
        positions[column] = index
        given[column] = name.strip()
        if alias is not None:
            aliased.append(alias)
    implied = [
        (positions[a.column], a.implied[0], a.implied[1])
        for a in aliased
        if a.implied is not None and a.implied[0] not in positions
    ]
    for offset, (_source, column, _value) in enumerate(implied):
        positions[column] = len(names) + offset  # read from a cell appended to each row (_with_implied)
    missing = [c for c in fmt.mandatory if c not in positions]
    described = [describe_unknown(fmt, name) for name in unknown]
    if missing:
        if not any(c in positions for c in fmt.columns):
            message = f"表头无法识别：不是{fmt.name_zh}文件格式（见数据标准）"
        else:
            message = f"表头缺少必需列：{'、'.join(missing)}"
        if described:
            message += f"；未识别的列：{'、'.join(described[:10])}{'…' if len(described) > 10 else ''}"
        raise HeaderError(message + _other_kind_hint(fmt, names))
    warnings = []
    if aliased:
        pairs = "、".join(f"{a.name}→{a.column}" for a in aliased)
        warnings.append(f"按旧版或常见表头名称读取：{pairs}")
    for _source, column, value in implied:
        warnings.append(f"文件无“{column}”列：填写了证件号码的行按“{value}”读取")
    if unknown:
        warnings.append(f"未知列已忽略：{'、'.join(described[:10])}{'…' if len(described) > 10 else ''}")
    absent = [c for c in fmt.columns if c not in positions]
    if absent:
        warnings.append(f"缺少可选列，按空值处理：{'、'.join(absent)}")
    width = len(names) + len(implied)
    return HeaderMap(positions, width, tuple(warnings)), implied


def _other_kind_hint(fmt: Format, names: list[str]) -> str:
    """A header that is complete for another kind was most likely imported with the wrong --kind."""
    from portal import kinds  # at call time: the registry imports the importers

    given = {canonical(n) for n in names}
    for spec in kinds.specs():
        other = spec.import_format
        if other is fmt:
            continue
        known = names_for(other)
        columns = {known[k][0] for k in given if k in known}
        if all(c in columns for c in other.mandatory):
            return f"；看起来是{other.name_zh}文件：请用 --kind {spec.kind.value}"
    return ""


def describe_unknown(fmt: Format, name: str) -> str:
    """`name（是否为：X？）` with the closest known column, or the bare name; a suggestion, never a mapping."""
    known = names_for(fmt)
    close = difflib.get_close_matches(canonical(name), list(known), n=1, cutoff=SUGGEST_CUTOFF)
    return f"{name.strip()}（是否为：{known[close[0]][0]}？）" if close else name.strip()


def _with_implied(rows: Iterator[Row], hmap: HeaderMap, implied: list[tuple[int, str, str]]) -> Iterator[Row]:
    """Rows with one cell per implied column appended after the header's width: the value where the source cell is
    filled (证件类型 身份证 for a 居民身份证号), blank elsewhere. Cells beyond the header move after them."""
    width = hmap.width - len(implied)
    for line_no, cells in rows:
        head = cells[:width] + [None] * (width - len(cells))
        added = [value if _text(head[source]) else None for source, _column, value in implied]
        yield line_no, head + added + cells[width:]


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()


def _skip_trailing_notes(rows: Iterator[Row], warnings: list[str]) -> Iterator[Row]:
    """Total and note rows at the end of a file (合计, 注：…, 填报人) are skipped with a warning; the same rows followed
    by records are records, and meet the row rules."""
    held: list[Row] = []
    for row in rows:
        if _is_note(row[1]) or (held and not _filled(row[1])):
            held.append(row)
            continue
        if held:
            yield from held
            held = []
        yield row
    for line_no, cells in held:
        if _filled(cells):
            warnings.append(f"第{line_no}行 警告：表尾合计或说明行已跳过：{_first_text(cells)[:30]}")


def _first_text(cells: list[Cell]) -> str:
    return next((t for t in map(_text, cells) if t), "")


def _is_note(cells: list[Cell]) -> bool:
    first = _first_text(cells)
    if not first or not _NOTE_START.match(unicodedata.normalize("NFKC", first)):
        return False
    return _filled(cells) <= NOTE_MAX_CELLS
