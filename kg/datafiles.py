"""Data files: the YAML that dictionaries are made of, read with errors that name the file."""

from __future__ import annotations

from pathlib import Path

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
