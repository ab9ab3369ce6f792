"""Ingest: read articles from text, Markdown, HTML, PDF, Word, RSS/Atom, JSON Lines and CSV files.

Every reader yields :class:`Article` objects. A file or record that cannot be read becomes an
:class:`IngestError` that names it and the problem; :func:`read_articles` hands those to a
callback and carries on with the rest of the batch. Whatever the files hold, an article's fields
are text every output can write, in one Unicode form (see :func:`tidy_article`).

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
import errno
import json
import logging
import os
import re
import stat
import unicodedata
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

# "date 2024-01-21" heading a text file: "date" followed by something shaped like a date (a
# misspelt one is warned about), not by a word ("Date palms were burned ...").
_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{1,2}-\d{1,2}\S*)[ \t]*(?:\n[ \t]*)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLE_MAX_CHARS = 300
# spaCy's own limit for one document (Language.max_length); longer texts need splitting.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True)
class Article:
    """One news article: its id, its text and what is known about it.

    Character offsets of events (``sentence_start``, ``sentence_end``) index into ``text``: the
    text as :func:`read_articles` gives it (normalised to NFC), not the file's bytes.
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
        self.path = safe_path(path)  # a message must print whatever bytes the file's name holds
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
    first error is raised. Each article is :func:`tidy_article`'s, its page furniture blanked
    (:func:`blank_boilerplate`).

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
                    continue
                article = tidy_article(item)
                if article.id in seen:
                    report(IngestError(path, f"article id {article.id!r} was already read from {seen[article.id]}; "
                                             f"skipped"))
                elif len(article.text) > MAX_ARTICLE_CHARS:
                    report(IngestError(path, f"article {article.id!r} is {len(article.text):,} characters long, "
                                             f"more than kg parses as one article ({MAX_ARTICLE_CHARS:,}); split it"))
                else:
                    article = replace(article, text=blank_boilerplate(article.text))
                    if not article.text.strip():
                        report(IngestError(path, f"article {article.id!r} holds no text but control characters "
                                                 f"or page furniture"))
                        continue
                    seen[article.id] = article.path
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

    A folder walk leaves out hidden files and folders, a folder's own README, LICENSE and
    CHANGELOG files, the files in ``skip`` (a metadata sidecar), kg's own outputs in the
    ``outputs`` folders (files named as in :data:`kg.options.OUTPUT_FILES`: a build's output
    folder inside its input) and those whose path inside the folder (or name) matches a glob of
    ``exclude`` ("drafts/*", "*.bak"). Every other thing it cannot read is a problem, given to
    ``on_error`` (without it, raised) with the reason: a file of another type, a folder it may
    not list, a broken or looping symbolic link, a symbolic link to a folder (not followed: it
    may loop or lead anywhere), a named pipe, socket or device (never opened: a pipe would block).

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
        if os.path.isdir(path):  # os.path, unlike Path, says False where it may not look
            entries = _walk(path)
            if entries and entries[0][0] == path:  # the folder itself cannot be listed
                report(IngestError(path, entries[0][1]))
                continue
            found = []
            for file, problem in entries:
                inside = file.relative_to(path)
                if any(part.startswith(".") for part in inside.parts) or NOT_ARTICLES.fullmatch(file.name) or any(
                        fnmatch(inside.as_posix(), glob) or fnmatch(file.name, glob) for glob in exclude):
                    continue
                if problem:
                    report(IngestError(file, problem))
                elif file.resolve() in skipped or _is_output(file, output_folders):
                    continue
                elif file.suffix.lower() in SUFFIXES:
                    found.append(file)
                else:
                    report(IngestError(file, f"unsupported type {file.suffix or '(none)'!r}"))
            if not found:
                report(IngestError(path, f"folder holds no articles (looked for {', '.join(SUFFIXES)})"))
            files += found
        elif os.path.isfile(path):
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                report(IngestError(path, f"unsupported type {path.suffix or '(none)'!r}; "
                                         f"expected one of {', '.join(SUFFIXES)}"))
        elif os.path.lexists(path):
            report(IngestError(path, _not_a_file(path) or "cannot be read"))
        else:
            report(IngestError(path, "no such file or folder"))
    return files


def _walk(folder: Path) -> list[tuple[Path, str | None]]:
    """Everything below ``folder`` but its folders, in name order, each with why it is not a file
    to read (``None`` for a regular file or a link to one), and each folder that cannot be listed
    with why. Hidden folders are not entered; nothing is opened.

    A stack of folders, not recursion, and ``os.scandir``, which says what each entry is without
    following links: a link that loops, a named pipe or a folder that may not be listed is
    reported instead of being passed over in silence (as ``Path.rglob`` does).
    """
    entries: list[tuple[Path, str | None]] = []
    folders = [folder]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as listing:
                children = list(listing)
        except OSError as error:
            entries.append((current, f"folder cannot be read ({error.strerror or error})"))
            continue
        for child in children:
            try:
                if child.is_dir(follow_symlinks=False):
                    if not child.name.startswith("."):
                        folders.append(Path(child.path))
                    continue
                regular = child.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            entries.append((Path(child.path), None if regular else _not_a_file(Path(child.path))))
    return sorted(entries, key=lambda entry: entry[0])


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` (which exists, perhaps as a link) is no file to read; ``None`` when it is a
    regular file or a symbolic link to one. It is looked at, never opened."""
    try:
        mode = os.stat(path).st_mode  # through any link
    except OSError as error:
        if os.path.islink(path) and error.errno == errno.ENOENT:
            return f"broken symbolic link (to {safe_path(os.readlink(path))}, which does not exist)"
        if error.errno == errno.ELOOP:
            return f"symbolic link that loops ({error.strerror})"
        return f"cannot be read ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"symbolic link to a folder, not followed (name {safe_path(os.path.realpath(path))} to read it)"
    kind = next((kind for test, kind in _SPECIAL_FILES if test(mode)), "an unknown kind")
    return f"not a regular file ({kind})"


_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe, FIFO"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


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
                with open(path, encoding="utf-8", errors="replace") as handle:
                    total += max(0, sum(1 for _ in csv_records(path, handle.read())) - 1)
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
        log.warning("%s: not UTF-8 (byte %d: %r); read as Windows-1252/Latin-1", safe_path(path), error.start,
                    data[error.start:error.start + 1])
        text = _decode_windows(data)
    # A stray NUL (a byte a text never holds, but a damaged export can) reads as a space, as other
    # control characters do: before parsing, so that a CSV or JSON reader never meets it.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
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
        # One NUL is a damaged text; a binary file is full of control bytes (compressed data is
        # about 11% of them, executables and databases far more).
        if len(head) - len(head.translate(None, _CONTROL_BYTES)) > _BINARY_SHARE * len(head):
            raise IngestError(path, "binary file, not text")
    return "utf-8"


def _decode_windows(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined: Latin-1 takes every byte
        return data.decode("latin-1")


# Bytes a text holds rarely if ever: the C0 controls but tab, line feed, vertical tab, form feed
# and carriage return, and DEL. A file whose first 8 KB hold a NUL and more than this share of
# them is binary.
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0e, 0x20)) + b"\x7f"
_BINARY_SHARE = 0.05
_BINARY_SIGNATURES = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                      b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive, such as .docx",
                      b"\xd0\xcf\x11\xe0": "an old Microsoft Office document", b"\x1f\x8b": "a gzip archive",
                      b"{\\rtf": "an RTF document"}
# Control characters (other than tab and line feed) and lone surrogates break XML, CSV and
# UTF-8 output; each becomes one space (or U+FFFD) so that offsets stay where they were.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


# In a name (a file's path, an id, a URL) such characters become backslash escapes instead, so
# that two names stay two and the user can tell what the name held.
_UNWRITABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    r"""``text`` without control characters or lone surrogates, each replaced in place.

    >>> clean_text("Iran\x00met\x0bHamas\ud800.")
    'Iran met Hamas\ufffd.'
    """
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def safe_path(path: str | Path) -> str:
    r"""``path`` as text any encoding can write: each byte of a file name that was not UTF-8 (which
    Python keeps as a lone surrogate, U+DC80..U+DCFF) as ``\xNN``, as
    ``os.fsencode(path).decode("utf-8", "backslashreplace")`` shows it; any other lone surrogate as
    ``\uNNNN``; a control character as ``\xNN``.

    UTF-8 cannot write a lone surrogate: one in a file name, an id or a URL would stop every
    output. An escape keeps two names apart and shows the user which byte it was.

    >>> safe_path(os.fsdecode(b"news/caf\xe9.txt")), safe_path("x\ud800\ty")
    ('news/caf\\xe9.txt', 'x\\ud800\\x09y')
    """
    return _UNWRITABLE.sub(_escape, os.fspath(path))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # Python's surrogateescape: the byte code - 0xDC00
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_name(name: str) -> str:
    r"""An id or URL as kg keeps it: in Unicode's composed form (NFC), escaped as :func:`safe_path`
    escapes a path.

    A name typed on one system and read from a file made on another ("Türkiye" composed or as
    "u" and a combining diaeresis) is one name.

    >>> clean_name("Tu\u0308rkiye-\ud800") == "T\u00fcrkiye-\\ud800"
    True
    """
    return safe_path(unicodedata.normalize("NFC", name))


def clean_line(text: str | None) -> str | None:
    r"""A title or outlet as kg keeps it: NFC, control characters as spaces, stripped; ``None`` when
    nothing is left.

    >>> clean_line(" Talks\x07 in Sochi "), clean_line("\x00")
    ('Talks  in Sochi', None)
    """
    return unicodedata.normalize("NFC", clean_text(text)).strip() or None if text else None


def tidy_article(article: Article) -> Article:
    r"""``article`` with every field as kg keeps it: its text and title in Unicode's composed form
    (NFC) without control characters (:func:`clean_text`), its id and URL by :func:`clean_name`,
    its path by :func:`safe_path`.

    spaCy and the actor dictionary match composed text: "Türkiye" written as "u" and a combining
    diaeresis (as macOS and some exports write it) is another word to them, and its events are
    lost. Normalising changes lengths, so it comes before anything counts offsets.

    >>> tidy_article(Article(id="a\ud800", text="Tu\u0308rkiye condemned Israel.\x00")).text
    'Türkiye condemned Israel. '
    """
    return replace(article, id=clean_name(article.id), text=unicodedata.normalize("NFC", clean_text(article.text)),
                   title=clean_line(article.title), url=clean_name(article.url) if article.url else None,
                   outlet=clean_line(article.outlet), path=safe_path(article.path))


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
        where = safe_path(path) if record is None else f"{safe_path(path)}, record {record}"
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
    return Article(id=path.stem, text=text, date=date, title=_leading_title(text), path=str(path))


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
    return Article(id=path.stem, text=document.text, date=document.date, title=document.title,
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
            yield Article(id=f"{path.stem}-{number}", text=document.text, date=document.date,
                          title=document.title, url=document.url, outlet=document.outlet, path=str(path))


def _record_article(path: Path, record: dict, number: int) -> Article | IngestError:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(path, "no text (the 'text' field is missing or empty)", number)
    raw_id = record.get("id")
    article_id = str(raw_id).strip() if raw_id not in (None, "") else f"{path.stem}-{number}"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    records = csv_records(path, text)
    _, header = next(records)  # there is one: the text is not blank
    if isinstance(header, IngestError):
        raise header
    columns = [c.strip().lower() for c in header]
    if "text" not in columns:
        raise IngestError(path, f"CSV has no 'text' column (columns: {', '.join(columns) or 'none'})")
    number = 0
    for number, (_, fields) in enumerate(records, start=1):
        if isinstance(fields, IngestError):
            yield IngestError(path, fields.problem, number)
        else:
            yield _record_article(path, dict(zip(columns, fields)), number)
    if not number:
        raise IngestError(path, "CSV holds a header but no rows")


def csv_records(path: str | Path, text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str] | IngestError]]:
    r"""(line, fields) for each record of the CSV ``text`` (the line it starts on, counting from 1),
    the header first; blank lines are skipped.

    A quote opened and not closed where its field ends swallows every later row into one field
    (up to the next stray quote, or the end of the file) as a lenient reader reads it. Such a
    record is an :class:`IngestError` naming the line its quote opens on, and reading goes on
    with the line after it, so the rows after it are still read. A record on one line whose
    quote closes before its field does (``"Quoted" remarks``) is read as lenient readers do.

    >>> for line, fields in csv_records("a.csv", 'id,text\n1,"open\n2,Iran met Hamas.\n'):
    ...     print(line, fields)
    1 ['id', 'text']
    2 a.csv: a quote opened on line 2 is not closed (the CSV reader stops at line 3: unexpected end of data); this record is left out and reading goes on at line 3
    3 ['2', 'Iran met Hamas.']
    """
    csv.field_size_limit(2**31 - 1)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    start = 0  # the index of the first line the current reader reads
    while start < len(lines):
        reader = csv.reader((lines[index] + "\n" for index in range(start, len(lines))), delimiter=delimiter,
                            strict=True)
        first = start  # the index of the line the next record starts on
        try:
            for fields in reader:
                if fields:
                    yield first + 1, fields
                first = start + reader.line_num
            return
        except csv.Error as error:
            last = start + reader.line_num  # the line (counting from 1) the reader stopped on
            if last == first + 1:
                fields = next(csv.reader([lines[first] + "\n"], delimiter=delimiter))
                if not any("\n" in field for field in fields):
                    yield first + 1, fields
                    start = last
                    continue
            yield first + 1, IngestError(path, f"a quote opened on line {first + 1} is not closed (the CSV reader "
                                               f"stops at line {last}: {error}); this record is left out and "
                                               f"reading goes on at line {first + 2}")
            start = first + 1
