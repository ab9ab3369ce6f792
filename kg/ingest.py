"""Ingest: read articles from text, Markdown, HTML, PDF, Word, RSS/Atom, JSON Lines and CSV files.

Every reader yields :class:`Article` objects. A file or record that cannot be read becomes an
:class:`IngestError` that names it and the problem; :func:`read_articles` hands those to a
callback and carries on with the rest of the batch.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a1.txt").write_text("date 2024-01-21 Iran met Hamas in Moscow.")
>>> [(a.id, a.date, a.text) for a in read_articles([folder])]
[('a1', '2024-01-21', 'Iran met Hamas in Moscow.')]
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import re
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.datafiles import parse_yaml
from kg.documents import Document, DocumentError, docx_document, feed_documents, html_document, is_feed, pdf_document
from kg.options import OUTPUT_FILES

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = (".pdf", ".docx")
# Files of many articles each: one per record, one per feed item.
RECORD_SUFFIXES = (".jsonl", ".csv")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCUMENT_SUFFIXES + RECORD_SUFFIXES + FEED_SUFFIXES
# Files a folder of articles holds about itself, which a folder walk skips ("README.md", "LICENSE").
NOT_ARTICLES = re.compile(r"(?:readme|licen[cs]e|changelog|copying|notice)(?:\.[^.]*)?", re.IGNORECASE)

_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\n[ \t]*)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLE_MAX_CHARS = 300
# spaCy's own limit for one document (Language.max_length); longer texts need splitting.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Article:
    """One news article: its id, its text and what is known about it.

    Character offsets of events (``sentence_start``, ``sentence_end``) index into ``text``.
    """

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    path: str = ""
    outlet: str | None = None


class IngestError(Exception):
    """A file, or one record of a file, that could not be read."""

    def __init__(self, path: str | Path, problem: str, record: int | None = None, unit: str = "record"):
        self.path = str(path)
        self.problem = problem
        self.record = record
        self.unit = unit  # what ``record`` counts: a file's records, or a table's rows
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.record is None else f"{self.path}, {self.unit} {self.record}"
        return f"{where}: {self.problem}"


ErrorHandler = Callable[[IngestError], None]


def _raise(error: IngestError) -> None:
    raise error


def read_articles(paths: Iterable[str | Path], on_error: ErrorHandler | None = None,
                  exclude: Iterable[str] = (), skip: Iterable[str | Path] = ()) -> Iterator[Article]:
    """Yield the articles in files and folders (folders are searched recursively, in name order).

    A folder walk skips what :func:`find_files` skips. ``on_error`` receives each
    :class:`IngestError` (unreadable or unsupported file, bad record, duplicate id); without it the
    first error is raised.

    >>> list(read_articles(["no/such/file.txt"], on_error=print))
    no/such/file.txt: no such file or folder
    []
    """
    report = on_error or _raise
    seen: dict[str, str] = {}
    for path in find_files(paths, report, exclude, skip):
        try:
            for item in _read_file(path):
                if isinstance(item, IngestError):
                    report(item)
                elif item.id in seen:
                    report(IngestError(path, f"article id {item.id!r} was already read from {seen[item.id]}; skipped"))
                elif len(item.text) > MAX_ARTICLE_CHARS:
                    report(IngestError(path, f"article {item.id!r} is {len(item.text):,} characters long, more than "
                                             f"kg parses as one article ({MAX_ARTICLE_CHARS:,}); split it"))
                else:
                    article = replace(item, text=clean_text(item.text),
                                      title=item.title and clean_text(item.title).strip() or None)
                    if not article.text.strip():
                        report(IngestError(path, f"article {item.id!r} holds no text but control characters "
                                                 f"or page furniture"))
                        continue
                    seen[item.id] = str(path)
                    yield article
        except IngestError as error:
            report(error)


def read_file(path: str | Path) -> list[Article]:
    """Read every article of one file, raising :class:`IngestError` on the first problem.

    >>> read_file("missing.txt")
    Traceback (most recent call last):
    ...
    kg.ingest.IngestError: missing.txt: no such file or folder
    """
    return list(read_articles([path]))


def _is_output(file: Path, output_folders: set[Path]) -> bool:
    return bool(output_folders) and file.resolve().parent in output_folders and any(
        fnmatch(file.name, name) for name in OUTPUT_FILES)


def find_files(paths: Iterable[str | Path], on_error: ErrorHandler | None = None, exclude: Iterable[str] = (),
               skip: Iterable[str | Path] = (), outputs: Iterable[str | Path] = ()) -> list[Path]:
    """The article files among ``paths``: each file named, and the files of each folder (searched
    recursively, in name order).

    A folder walk leaves out hidden files, a folder's own README, LICENSE and CHANGELOG files, the
    files in ``skip`` (a metadata sidecar), kg's own outputs in the ``outputs`` folders (files
    named as in :data:`kg.options.OUTPUT_FILES`: a build's output folder inside its input) and
    those whose path inside the folder (or name) matches a glob of ``exclude`` ("drafts/*",
    "*.bak"); it names each file of another type as a problem, given to ``on_error`` (without
    it, raised).

    >>> find_files(["chart.xlsx"], on_error=print)
    chart.xlsx: no such file or folder
    []
    """
    report = on_error or _raise
    exclude = tuple(exclude)
    skipped = {Path(path).resolve() for path in skip}
    output_folders = {Path(folder).resolve() for folder in outputs}
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                inside = file.relative_to(path)
                if any(part.startswith(".") for part in inside.parts) or NOT_ARTICLES.fullmatch(file.name) or any(
                        fnmatch(inside.as_posix(), glob) or fnmatch(file.name, glob) for glob in exclude) \
                        or file.resolve() in skipped or _is_output(file, output_folders):
                    continue
                if file.suffix.lower() in SUFFIXES:
                    found.append(file)
                else:
                    report(IngestError(file, f"unsupported type {file.suffix or '(none)'!r}"))
            if not found:
                report(IngestError(path, f"folder holds no articles (looked for {', '.join(SUFFIXES)})"))
            files += found
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                report(IngestError(path, f"unsupported type {path.suffix or '(none)'!r}; "
                                         f"expected one of {', '.join(SUFFIXES)}"))
        elif path.exists():
            report(IngestError(path, "not a regular file or folder"))
        else:
            report(IngestError(path, "no such file or folder"))
    return files


def count_articles(files: Iterable[Path]) -> int:
    """About how many articles ``files`` hold, for a progress bar's total, without parsing them:
    one per document, one per non-blank line of JSON Lines, one per CSV row, one per feed item.

    >>> count_articles([])
    0
    """
    total = 0
    for path in files:
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                with open(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix == ".csv":
                with open(path, newline="", encoding="utf-8", errors="replace") as handle:
                    total += max(0, sum(1 for _ in csv.reader(handle)) - 1)
            elif suffix in FEED_SUFFIXES:
                total += len(re.findall(rb"<(?:item|entry)\b", path.read_bytes()))
            else:
                total += 1
        except (OSError, csv.Error):
            total += 1  # reading it for real will tell what is wrong
    return total


def _read_file(path: Path) -> Iterator[Article | IngestError]:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        yield from _feed_articles(path)
        return
    if suffix == ".pdf":
        yield _pdf_article(path)
        return
    if suffix == ".docx":
        yield _docx_article(path)
        return
    text = _decode(path)
    if suffix in TEXT_SUFFIXES:
        yield _text_article(path, text)
    elif suffix in HTML_SUFFIXES:
        yield _html_article(path, text)
    elif suffix == ".jsonl":
        yield from _jsonl_articles(path, text)
    else:
        yield from _csv_articles(path, text)


def _unreadable(path: Path, error: OSError) -> IngestError:
    return IngestError(path, f"cannot be read ({error.strerror or error})")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from None


def _decode(path: Path) -> str:
    data = _read_bytes(path)
    encoding = _encoding(path, data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            raise IngestError(path, f"not valid {encoding.upper()} text (byte {error.start})") from None
        # Old files and Windows exports are often Windows-1252 (a superset of Latin-1's printable
        # characters); reading them so beats refusing them.
        log.warning("%s: not UTF-8 (byte %d: %r); read as Windows-1252/Latin-1", path, error.start,
                    data[error.start:error.start + 1])
        text = _decode_windows(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(path, "empty file" if not text else "file holds only white space")
    return text


def _encoding(path: Path, data: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return encoding
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise IngestError(path, f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: ASCII letters leave every other byte zero.
        if head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) > 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
            return "utf-16-be"
        raise IngestError(path, "binary file, not text")
    return "utf-8"


def _decode_windows(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: Latin-1 takes every byte
        return data.decode("latin-1")


_BINARY_SIGNATURES = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                      b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive, such as .docx",
                      b"\xd0\xcf\x11\xe0": "an old Microsoft Office document", b"\x1f\x8b": "a gzip archive",
                      b"{\\rtf": "an RTF document"}
# Control characters (other than tab and line feed) and lone surrogates break XML, CSV and
# UTF-8 output; each becomes one space (or U+FFFD) so that offsets stay where they were.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    r"""``text`` without control characters or lone surrogates, each replaced in place.

    >>> clean_text("Iran\x00met\x0bHamas\ud800.")
    'Iran met Hamas\ufffd.'
    """
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def normalise_date(value: object) -> str | None:
    """Return the ``YYYY-MM-DD`` date at the start of ``value``, or ``None`` when there is none.

    >>> normalise_date("2022-03-01T10:00:00Z"), normalise_date("yesterday")
    ('2022-03-01', None)
    """
    if value is None:
        return None
    match = _ISO_DATE.match(str(value).strip())
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group()).isoformat()
    except ValueError:
        return None


def _checked_date(path: Path, value: object, record: int | None = None) -> str | None:
    date = normalise_date(value)
    if date is None and value not in (None, ""):
        where = path if record is None else f"{path}, record {record}"
        log.warning("%s: date %r is not YYYY-MM-DD; the article is kept without a date", where, value)
    return date


def _text_article(path: Path, text: str) -> Article:
    date = None
    header = _DATE_HEADER.match(text)
    if header:
        date = _checked_date(path, header.group(1))
        text = text[header.end():]
    if not text.strip():
        raise IngestError(path, "no text after the date line")
    return Article(id=path.stem, text=blank_boilerplate(text), date=date, title=_leading_title(text),
                   path=str(path))


def _leading_title(text: str) -> str | None:
    """A first line standing alone above a blank line, as news files put their headline."""
    first, sep, rest = text.lstrip().partition("\n")
    if sep and rest.startswith("\n") and 0 < len(first) <= _TITLE_MAX_CHARS:
        return first.strip()
    return None


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern, re.Pattern, int, float]:
    rules = parse_yaml(resources.files("kg").joinpath("data/boilerplate.yaml").read_text(encoding="utf-8"))
    lines = re.compile("|".join(f"(?:{pattern})" for pattern in rules["lines"]), re.IGNORECASE)
    glued = re.compile(r"(?<=[.!?\"\u201d])(?:%s)\s*$" % "|".join(rules["glued"]), re.IGNORECASE)
    return lines, glued, rules["headings"]["max_words"], rules["headings"]["min_capitalised_share"]


def blank_boilerplate(text: str) -> str:
    r"""``text`` with its page furniture (``kg/data/boilerplate.yaml``) replaced by spaces.

    Links to other stories, advertising labels, sharing widgets and section headings are not
    article content. Blanking rather than deleting keeps every character offset in place.

    >>> blank_boilerplate("Iran met Hamas.\n\nRead Also: Russia Hosts Talks\n\nThe Way Ahead\n\nIt ended.Read More")
    'Iran met Hamas.\n\n                             \n\n             \n\nIt ended.         '
    """
    pattern, glued, max_words, capitalised_share = _boilerplate()
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    blank = [not line.strip() for line in lines] + [True]
    alone = [(number == 0 or blank[number - 1]) and blank[number + 1] for number in range(len(lines))]
    for number, line in enumerate(lines):
        line = glued.sub(lambda match: " " * len(match.group()), line)
        stripped = line.strip()
        if stripped and (pattern.fullmatch(stripped) or (
                number != first and alone[number] and _heading(stripped, max_words, capitalised_share))):
            line = " " * len(line)
        lines[number] = line
    return "\n".join(lines)


def _heading(line: str, max_words: int, capitalised_share: float) -> bool:
    words = line.split()
    if len(words) > max_words or line[-1] in ".,;:\"\u201d'\u2019)" or not line[0].isupper():
        return False
    content = [w for w in words if len(w.strip("'\u2019\"(")) > 3]
    capitalised = sum(1 for w in content if w.strip("'\u2019\"(")[:1].isupper())
    return not content or capitalised >= capitalised_share * len(content)


def _html_article(path: Path, markup: str) -> Article:
    try:
        document = html_document(markup)
    except DocumentError as error:
        raise IngestError(path, str(error)) from None
    return Article(id=path.stem, text=blank_boilerplate(document.text), date=document.date, title=document.title,
                   url=document.url, path=str(path))


def _pdf_article(path: Path) -> Article:
    return _document_article(path, pdf_document)


def _docx_article(path: Path) -> Article:
    return _document_article(path, docx_document)


def _document_article(path: Path, read: Callable[[Path], Document]) -> Article:
    """A PDF or Word document's article: its text read as a text file's (a date line, a headline)."""
    try:
        document = read(path)
    except DocumentError as error:
        raise IngestError(path, str(error)) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    article = _text_article(path, document.text)
    return replace(article, title=document.title or article.title)


def _feed_articles(path: Path) -> Iterator[Article | IngestError]:
    data = _read_bytes(path)
    if path.suffix.lower() == ".xml" and not is_feed(data):
        raise IngestError(path, "unsupported type '.xml': not an RSS or Atom feed")
    try:
        documents = feed_documents(data)
    except DocumentError as error:
        raise IngestError(path, str(error)) from None
    for number, document in enumerate(documents, start=1):
        if isinstance(document, DocumentError):
            yield IngestError(path, str(document), number)
        else:
            yield Article(id=f"{path.stem}-{number}", text=blank_boilerplate(document.text), date=document.date,
                          title=document.title, url=document.url, outlet=document.outlet, path=str(path))


def _record_article(path: Path, record: dict, number: int) -> Article | IngestError:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(path, "no text (the 'text' field is missing or empty)", number)
    raw_id = record.get("id")
    article_id = str(raw_id).strip() if raw_id not in (None, "") else f"{path.stem}-{number}"
    text = blank_boilerplate(text.replace("\r\n", "\n").replace("\r", "\n"))
    return Article(id=article_id, text=text, date=_checked_date(path, record.get("date"), number),
                   title=_optional(record.get("title")), url=_optional(record.get("url")),
                   outlet=_optional(record.get("outlet")), path=str(path))


def _optional(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _jsonl_articles(path: Path, text: str) -> Iterator[Article | IngestError]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(path, f"line {number} is not valid JSON ({error.msg})", number)
            continue
        if not isinstance(record, dict):
            yield IngestError(path, f"line {number} is not a JSON object", number)
            continue
        yield _record_article(path, record, number)


def _csv_articles(path: Path, text: str) -> Iterator[Article | IngestError]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "text" not in columns:
        raise IngestError(path, f"CSV has no 'text' column (columns: {', '.join(columns) or 'none'})")
    reader.fieldnames = columns
    try:
        for number, row in enumerate(reader, start=1):
            yield _record_article(path, row, number)
    except csv.Error as error:
        yield IngestError(path, f"CSV is malformed near line {reader.line_num} ({error})")
