"""Metadata sidecars: a table beside the articles that says where each came from.

A sidecar is a CSV, TSV or JSON Lines file with a ``file`` column (a path relative to the
sidecar's folder, or a bare file name) or an ``id`` column (an article id), and any of ``url``,
``title``, ``date`` and ``outlet``; other columns are ignored. :meth:`Sidecar.apply` gives each
article the fields of its row. The row of an article's own id, or of the file that holds only that
article, wins over what the file says (a date found in the file, say); the row of a file of many
articles (a feed, JSON Lines, CSV) only fills in what its articles lack, so that each feed item
keeps its own link and date. A row's values are cleaned as :func:`kg.ingest.tidy_article` cleans
an article's, so that a row's id finds the article whatever Unicode form either is written in.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "INDEX.tsv").write_text("file\\turl\\tdate\\na1.txt\\thttps://news.example/1\\t2024-01-21\\n")
>>> from kg.ingest import Article
>>> sidecar = read_sidecar(folder / "INDEX.tsv")
>>> sidecar.apply(Article(id="a1", text="Iran met Hamas.", path=str(folder / "a1.txt"))).url
'https://news.example/1'
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from kg.ingest import (RECORD_SUFFIXES, FEED_SUFFIXES, Article, IngestError, clean_line, clean_name, csv_records,
                       normalise_date, safe_path)

log = logging.getLogger(__name__)

FIELDS = ("url", "title", "date", "outlet")
# How each field is cleaned: as kg.ingest.tidy_article cleans an article's (a date is checked below).
_CLEAN = {"url": clean_name, "title": clean_line, "date": str, "outlet": clean_line}
# Other names a spreadsheet gives the key columns.
_KEY_NAMES = {"file": "file", "path": "file", "filename": "file", "id": "id", "article_id": "id"}


class SidecarError(ValueError):
    """A sidecar that cannot be used at all (missing, unreadable, no key column)."""


@dataclass
class _Row:
    number: int
    key: str
    values: dict[str, str]
    used: bool = False


@dataclass
class Sidecar:
    """The rows of a metadata sidecar, by article id and by file (see the module's docstring)."""

    path: Path
    by_id: dict[str, _Row] = field(default_factory=dict)
    by_file: dict[Path, _Row] = field(default_factory=dict)
    by_name: dict[str, _Row | None] = field(default_factory=dict)  # None: a name two rows give
    problems: list[IngestError] = field(default_factory=list)

    def apply(self, article: Article) -> Article:
        """``article`` with the fields its sidecar rows give."""
        row = self.by_id.get(article.id)
        many = Path(article.path).suffix.lower() in RECORD_SUFFIXES + FEED_SUFFIXES
        if row is None and article.path:
            row = self.by_file.get(Path(article.path).resolve()) or self.by_name.get(Path(article.path).name)
            if row is not None and many:
                row.used = True
                return replace(article, **{name: value for name, value in row.values.items()
                                           if not getattr(article, name)})
        if row is None:
            return article
        row.used = True
        return replace(article, **row.values)

    def apply_all(self, articles: Iterable[Article]) -> Iterator[Article]:
        """:meth:`apply` to each of ``articles``."""
        for article in articles:
            yield self.apply(article)

    def unused(self) -> list[IngestError]:
        """A problem for each row that named no article :meth:`apply` was given.

        >>> Sidecar(Path("INDEX.tsv"), by_id={"a9": _Row(4, "a9", {})}).unused()[0].problem
        "names no article that was read ('a9')"
        """
        rows = {id(row): row for row in [*self.by_id.values(), *self.by_file.values()]}
        return [IngestError(self.path, f"names no article that was read ({row.key!r})", row.number, unit="row")
                for row in sorted(rows.values(), key=lambda row: row.number) if not row.used]


def read_sidecar(path: str | Path) -> Sidecar:
    """Read a metadata sidecar (CSV, TSV or JSON Lines, by its suffix).

    Raises :class:`SidecarError` when the file cannot be used at all; a row without a key, with
    a key an earlier row has or with a quote left open (see :func:`kg.ingest.csv_records`) is
    listed in ``problems`` and left out; a date that is not ``YYYY-MM-DD`` is logged and left out
    of its row.

    >>> read_sidecar("missing.tsv")
    Traceback (most recent call last):
    ...
    kg.sidecar.SidecarError: metadata file missing.tsv: no such file
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SidecarError(f"metadata file {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SidecarError(f"metadata file {path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    sidecar = Sidecar(path)
    for number, record in _records(path, text):
        if isinstance(record, IngestError):
            sidecar.problems.append(IngestError(path, record.problem, number, unit="row"))
            continue
        record = {_KEY_NAMES.get(str(name).strip().lower(), str(name).strip().lower()): value
                  for name, value in record.items()}
        key_column = "id" if _text(record.get("id")) else "file"
        key = _text(record.get(key_column))
        # written as kg.ingest writes articles' ids and paths ("\\" of a path written on Windows as "/")
        key = clean_name(key) if key_column == "id" else safe_path(key.replace("\\", "/"))
        if not key:
            sidecar.problems.append(IngestError(path, "row has no 'file' or 'id'", number, unit="row"))
            continue
        values = {name: _CLEAN[name](_text(record.get(name))) for name in FIELDS}
        values = {name: value for name, value in values.items() if value}
        if "date" in values:
            date = normalise_date(values["date"])
            if date is None:
                log.warning("%s, row %d: date %r is not YYYY-MM-DD; the row is used without it", path, number,
                            values["date"])
                del values["date"]
            else:
                values["date"] = date
        row = _Row(number, key, values)
        if key_column == "id":
            table, index = sidecar.by_id, key
        else:
            table, index = sidecar.by_file, (path.parent / key).resolve()
        if index in table:
            sidecar.problems.append(IngestError(path, f"{key_column} {key!r} is already in row "
                                                      f"{table[index].number}; this row is left out", number, unit="row"))
            continue
        table[index] = row
        if key_column == "file" and "/" not in key:  # a bare name also finds the file in a subfolder
            sidecar.by_name[key] = None if key in sidecar.by_name else row
    return sidecar


def _records(path: Path, text: str) -> Iterator[tuple[int, dict | IngestError]]:
    """(row number, record) pairs, a record of a CSV or TSV with a quote left open as the
    problem; the header is row 1 of a CSV or TSV, as a spreadsheet counts (a row is numbered by
    the line it starts on)."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise SidecarError(f"metadata file {path}, line {number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise SidecarError(f"metadata file {path}, line {number}: not a JSON object")
            yield number, record
        return
    if suffix not in (".csv", ".tsv", ".tab", ".txt"):
        raise SidecarError(f"metadata file {path}: expected a .csv, .tsv or .jsonl file")
    records = csv_records(path, text, delimiter="," if suffix == ".csv" else "\t")
    _, header = next(records, (1, []))
    if isinstance(header, IngestError):
        raise SidecarError(f"metadata file {path}: {header.problem}")
    if not {_KEY_NAMES.get(name.strip().lower()) for name in header} & {"file", "id"}:
        raise SidecarError(f"metadata file {path}: no 'file' or 'id' column "
                           f"(columns: {', '.join(header) or 'none'})")
    for number, fields in records:
        yield number, fields if isinstance(fields, IngestError) else dict(zip(header, fields))


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())
