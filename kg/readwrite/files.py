"""Files written whole or not at all: every writer of kg goes through
:func:`kg.tempfiles.atomic_path`.

A file is written to a temporary file beside its destination and then renamed over it, so a
crash or a kill never leaves a partial or corrupt output file; the temporary a killed run left
is deleted at the next write of that file.

>>> import tempfile
>>> from pathlib import Path
>>> path = write_text(Path(tempfile.mkdtemp()) / "note.txt", "Iran met Hamas.\\n")
>>> path.read_text(encoding="utf-8")
'Iran met Hamas.\\n'
"""

from __future__ import annotations

from pathlib import Path

from kg.tempfiles import atomic_path


def write_text(path: str | Path, text: str) -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
