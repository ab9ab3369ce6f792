"""Start-up cache: the compiled state of kg's pipeline, kept on disk between runs.

Reading the actor dictionary (its CSV and YAML files: 190,000 names), the predicate tables and
tokenising the actor ruler's 38,000 names takes seconds, every run. :func:`cached` keeps each
result in a cache folder under a hash of everything it is made of: kg's extraction code and
data (:func:`extraction_digest`), the content of the users' files and, for the ruler, the tokenizer's rules.
Editing any of them makes a new key, so a stale entry is never read; the next run builds it
again. An entry is written to a temporary file and renamed into place, so two processes that
build it at once both finish with a whole file, and a damaged entry is built again.

The folder is ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``. A folder that
cannot be written leaves kg working, only slower to start. Of each kind, the
:data:`KEEP_PER_KIND` entries used last are kept and older ones deleted, so editing an actor
file again and again does not fill the disk. Entries are Python pickles: the folder is the
user's own, as a pip or spaCy cache is; delete it at any time.

>>> import os, tempfile
>>> before, os.environ[CACHE_ENV] = os.environ.get(CACHE_ENV), tempfile.mkdtemp()
>>> cached("example", ["v1"], lambda: {"Iran": "IRN"})
{'Iran': 'IRN'}
>>> cached("example", ["v1"], lambda: "built again")  # read from the folder: not built again
{'Iran': 'IRN'}
>>> _ = os.environ.pop(CACHE_ENV) if before is None else os.environ.update({CACHE_ENV: before})
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Callable, TypeVar

from kg.datafiles import collection_paused

CACHE_ENV = "KG_CACHE_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
# What decides the records a build extracts: a change to any of these is a change of kg's extraction.
EXTRACTION_SOURCES = ("ingest.py", "nlp.py", "engines.py", "cameo.py", "datafiles.py", "actors", "events", "data")

KEEP_PER_KIND = 4  # entries of one kind kept: the default dictionary and a few users' variants

T = TypeVar("T")


def cache_dir() -> Path:
    """The cache folder: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def cached(kind: str, key: object, build: Callable[[], T]) -> T:
    """``build()``, or what it gave before for the same ``kind`` and ``key`` (any JSON value).

    The entry is ``<cache_dir>/<kind>-<sha256 of kind and key>.pickle``. An entry that cannot be
    read is built again; one that cannot be written is left out.
    """
    # The Python version too: pickles and unicodedata's tables (name normalisation) change with it.
    parts = [kind, key, sys.version_info[:2], pickle.HIGHEST_PROTOCOL]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:32]
    path = cache_dir() / f"{kind}-{digest}.pickle"
    try:
        with open(path, "rb") as handle, collection_paused():  # a load of many long-lived objects
            value = pickle.load(handle)
        os.utime(path)  # used now: pruning keeps the entries used last
        return value
    except Exception:  # noqa: BLE001 - none yet, or a truncated, damaged or foreign file: build it
        pass
    value = build()
    if _write(path, value):
        _prune(kind, keep=path)
    return value


def _write(path: Path, value: object) -> bool:
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        return True
    except (OSError, pickle.PicklingError, RecursionError):
        return False  # a read-only home, a full disk, a value pickle cannot take: kg works without the cache
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(kind: str, keep: Path) -> None:
    """Delete all but the :data:`KEEP_PER_KIND` entries of ``kind`` used last (``keep`` among them).
    A process still reading a deleted entry reads on: the file goes when it closes it."""
    try:
        entries = sorted(keep.parent.glob(f"{kind}-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for path in [path for path in entries if path != keep][KEEP_PER_KIND - 1:]:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned first


@cache
def extraction_digest() -> str:
    """A hash of kg's extraction code and data (:data:`EXTRACTION_SOURCES`): it changes with any
    edit or upgrade of them, without a version bump, and not with edits to the graph, the page
    or the writers, which work on the records.

    >>> len(extraction_digest())
    64
    """
    digest = hashlib.sha256()
    sources = [path for name in EXTRACTION_SOURCES for path in
               ([PACKAGE_DIR / name] if name.endswith(".py") else (PACKAGE_DIR / name).rglob("*"))]
    for path in sorted(sources):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()
