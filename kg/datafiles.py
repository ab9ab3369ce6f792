"""Data files: the YAML that dictionaries are made of, read with errors that name the file."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from copy import deepcopy
from pathlib import Path
from typing import Iterable, Iterator

import yaml


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where built: 10x faster
    """YAML as its 1.2 version reads it: only ``true`` and ``false`` are booleans, so the words
    "on", "off", "yes" and "no" stay words (a predicate's targets are ``[on, against]``)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a dictionary is loaded: loading makes hundreds of
    thousands of long-lived objects and no cycles, and each collection would walk them all again
    (a second of the start-up).

    >>> with collection_paused():
    ...     gc.isenabled()
    False
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # else the collections after the load would walk them all anyway
        if collecting:
            gc.enable()


def parse_yaml(text: str):
    """Parse YAML text as kg's data files are read (YAML 1.2 booleans).

    >>> parse_yaml("targets: [on, against]")
    {'targets': ['on', 'against']}
    """
    return yaml.load(text, Loader=_Loader)


def read_yaml(path: str | Path, what: str):
    """Parse one YAML file; ``ValueError`` names the file and the problem.

    >>> read_yaml("missing.yaml", "actor file")
    Traceback (most recent call last):
    ...
    ValueError: missing.yaml: cannot read actor file ([Errno 2] No such file or directory: 'missing.yaml')
    """
    try:
        return parse_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: cannot read {what} ({error})") from None


class Extendable:
    """A dictionary made of data files, which users extend with files of their own."""

    def add_file(self, path: str | Path) -> None:
        raise NotImplementedError

    def check_references(self) -> None:
        """Fail when an entry names one that no file defines (nothing to check by default)."""

    def extended(self, paths: Iterable[str | Path]):
        """A copy with the entries of more files added, later entries winning (itself if none)."""
        paths = list(paths)
        if not paths:
            return self
        copy = deepcopy(self)
        for path in paths:
            copy.add_file(path)
        copy.check_references()
        return copy
