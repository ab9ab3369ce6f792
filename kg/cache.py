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
import zlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from functools import cache
from pathlib import Path
from typing import Callable, TypeVar

from kg.datafiles import collection_paused
from kg.tempfiles import atomic_path, remove_stale_temporaries

CACHE_ENV = "KG_CACHE_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
# What decides the records a build extracts: a change to any of these is a change of kg's extraction.
EXTRACTION_SOURCES = ("ingest.py", "nlp.py", "engines.py", "cameo.py", "datafiles.py", "actors", "events", "data")

KEEP_PER_KIND = 4  # entries of one kind kept: the default dictionary and a few users' variants
PACKED_BUCKETS = 2048  # a PackedDict's buckets: 100 names each in the actor dictionary's largest
PACKED_CHUNK = 64  # a PackedList's items per chunk
_MISSING = object()

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
    try:
        with atomic_path(path, mode=0o600) as temporary, open(temporary, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        return True
    except (OSError, pickle.PicklingError, RecursionError):
        return False  # a read-only home, a full disk, a value pickle cannot take: kg works without the cache


def _prune(kind: str, keep: Path) -> None:
    """Delete all but the :data:`KEEP_PER_KIND` entries of ``kind`` used last (``keep`` among them),
    and what killed runs left half-written. A process still reading a deleted entry reads on: the
    file goes when it closes it."""
    remove_stale_temporaries(keep.parent)
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


class PackedDict(MutableMapping):
    """A dict that pickles as :data:`PACKED_BUCKETS` pickled buckets and, once unpickled, unpickles a
    bucket only when one of its keys is first used. A cache entry of 200,000 names then loads as
    a few thousand byte strings, and a build that looks up a few hundred names opens a few hundred
    buckets: loading every entry took half of a one-article build's start. Iterating opens them
    all; the order is the buckets' order, then the order of insertion within a bucket.

    >>> names = pickle.loads(pickle.dumps(PackedDict({"iran": "IRN", "iraq": "IRQ"})))
    >>> names["iran"], names.get("syria"), len(names), sorted(names)
    ('IRN', None, 2, ['iran', 'iraq'])
    """

    def __init__(self, items: Mapping | Iterable = ()):
        self._items: dict = dict(items)
        self._unopened: dict[int, bytes] = {}  # bucket -> its pickled items, until one is used

    @staticmethod
    def _bucket(key: object) -> int:
        # Deterministic across processes, unlike hash() of a string.
        return zlib.crc32(repr(key).encode("utf-8", "backslashreplace")) % PACKED_BUCKETS

    def _open(self, key: object) -> None:
        if self._unopened:
            packed = self._unopened.pop(self._bucket(key), None)
            if packed is not None:
                self._items.update(pickle.loads(packed))

    def _open_all(self) -> None:
        if self._unopened:
            for bucket in sorted(self._unopened):
                self._items.update(pickle.loads(self._unopened[bucket]))
            self._unopened.clear()
            self._items = dict(sorted(self._items.items(), key=lambda item: self._bucket(item[0])))

    def __getitem__(self, key):
        try:
            return self._items[key]
        except KeyError:
            self._open(key)
            return self._items[key]

    def get(self, key, default=None):
        value = self._items.get(key, _MISSING)
        if value is _MISSING:
            self._open(key)
            value = self._items.get(key, default)
        return value

    def __contains__(self, key) -> bool:
        if key in self._items:
            return True
        self._open(key)
        return key in self._items

    def __setitem__(self, key, value) -> None:
        self._open(key)
        self._items[key] = value

    def __delitem__(self, key) -> None:
        self._open(key)
        del self._items[key]

    def __iter__(self) -> Iterator:
        self._open_all()
        return iter(self._items)

    def __len__(self) -> int:
        self._open_all()
        return len(self._items)

    def __repr__(self) -> str:
        self._open_all()
        return f"PackedDict({self._items!r})"

    def __reduce__(self):
        buckets: dict[int, dict] = {}
        for key, value in self._items.items():
            buckets.setdefault(self._bucket(key), {})[key] = value
        packed = {bucket: pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL) for bucket, items in buckets.items()}
        return _unpacked_dict, (packed | self._unopened,)


def _unpacked_dict(packed: dict[int, bytes]) -> PackedDict:
    value = PackedDict()
    value._unopened = dict(packed)
    return value


class PackedList(Sequence):
    """A list that pickles as chunks of :data:`PACKED_CHUNK` items and, once unpickled, unpickles a
    chunk when one of its items is first used (see :class:`PackedDict`). It takes ``append``.

    >>> holders = pickle.loads(pickle.dumps(PackedList(["Putin", "Erdogan", "Xi"])))
    >>> holders[1], len(holders), list(holders)
    ('Erdogan', 3, ['Putin', 'Erdogan', 'Xi'])
    """

    def __init__(self, items: Iterable = ()):
        self._items: list = list(items)
        self._unopened: dict[int, bytes] = {}  # chunk -> its pickled items; their places hold _MISSING

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        item = self._items[index]
        if item is _MISSING:
            chunk = (index % len(self._items)) // PACKED_CHUNK
            start = chunk * PACKED_CHUNK
            items = pickle.loads(self._unopened.pop(chunk))
            self._items[start:start + len(items)] = items
            item = self._items[index]
        return item

    def __len__(self) -> int:
        return len(self._items)

    def append(self, item) -> None:
        self._items.append(item)

    def __repr__(self) -> str:
        return f"PackedList({list(self)!r})"

    def __reduce__(self):
        chunks = {chunk: pickle.dumps(self[chunk * PACKED_CHUNK:(chunk + 1) * PACKED_CHUNK],
                                      protocol=pickle.HIGHEST_PROTOCOL)
                  for chunk in range((len(self._items) + PACKED_CHUNK - 1) // PACKED_CHUNK)}
        return _unpacked_list, (len(self._items), chunks)


def _unpacked_list(length: int, chunks: dict[int, bytes]) -> PackedList:
    value = PackedList()
    value._items = [_MISSING] * length
    value._unopened = dict(chunks)
    return value


def packed(value: dict | list) -> PackedDict | PackedList:
    """``value`` as a :class:`PackedDict` or :class:`PackedList` (itself if it is one already)."""
    if isinstance(value, (PackedDict, PackedList)):
        return value
    return PackedDict(value) if isinstance(value, dict) else PackedList(value)
