"""Data files: the YAML that dictionaries are made of, read with errors that name the file."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path
from typing import Iterable

import yaml


def read_yaml(path: str | Path, what: str):
    """Parse one YAML file; ``ValueError`` names the file and the problem.

    >>> read_yaml("missing.yaml", "actor file")
    Traceback (most recent call last):
    ...
    ValueError: missing.yaml: cannot read actor file ([Errno 2] No such file or directory: 'missing.yaml')
    """
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
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
