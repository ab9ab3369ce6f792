"""Temporary files beside the files kg writes, and the sweeping of those a killed run left.

kg writes every output and cache entry to a temporary file in the same folder and renames it
into place (:func:`atomic_path`). A run killed
between the two (SIGKILL, a power cut) leaves its temporary behind. Each is named after its
destination, the machine and the process that made it (``.events.csv.laptop-4242.k3j2h1.tmp``),
so the next write to the same destination deletes those this machine's gone processes left, and
never one still being written, nor one of another machine sharing the folder (a network home).

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> stale = folder / f".events.csv.{HOST}-999999999.abc123.tmp"  # no process has that id
>>> _ = stale.write_text("half a table")
>>> made = temporary_beside(folder / "events.csv")
>>> stale.exists(), made.name.startswith(f".events.csv.{HOST}-{os.getpid()}.")
(False, True)
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import socket
import tempfile
from pathlib import Path
from typing import Iterator

HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<host>[A-Za-z0-9-]+)-(?P<pid>\d+)\.[^.]+\.tmp")


@contextlib.contextmanager
def atomic_path(path: str | Path, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success give it ``mode`` and rename it to
    ``path``, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)  # and the temporaries a killed run left for it are swept
    try:
        yield temporary
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def temporary_beside(path: Path) -> Path:
    """Make an empty temporary file in ``path``'s folder (which must exist) for ``path``, after
    deleting the temporaries for ``path`` that processes no longer running left there."""
    remove_stale_temporaries(path.parent, path.name)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{HOST}-{os.getpid()}.", suffix=".tmp",
                                         dir=path.parent)
    os.close(handle)
    return Path(temporary)


def remove_stale_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Delete the temporaries in ``folder`` (for the file ``name`` only, if given) whose process
    on this machine is gone; return what was deleted."""
    removed = []
    try:
        candidates = list(folder.glob(f".{glob.escape(name)}.*.tmp" if name else ".*.tmp"))
    except OSError:
        return removed
    for path in sorted(candidates):
        match = _TEMPORARY.fullmatch(path.name)
        if (match and (name is None or match["name"] == name) and match["host"] == HOST
                and not _running(int(match["pid"]))):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass  # gone already, or not ours to delete
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a number we cannot ask about: leave its file alone
    return True
