"""Files written whole or not at all: every writer of kg goes through :func:`atomic_path`.

A file is written to a temporary file beside its destination and then renamed over it, so a
crash or a kill never leaves a partial or corrupt output file; the temporary a killed run left
is deleted at the next write of that file (:mod:`kg.tempfiles`).

>>> import tempfile
>>> from pathlib import Path
>>> path = write_text(Path(tempfile.mkdtemp()) / "note.txt", "Iran met Hamas.\\n")
>>> path.read_text(encoding="utf-8")
'Iran met Hamas.\\n'
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

from kg.tempfiles import temporary_beside


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)  # and the temporaries a killed run left for it are swept
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: str | Path, text: str) -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
