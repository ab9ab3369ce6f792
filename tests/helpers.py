"""Small helpers shared by tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def events_of(doc) -> set[tuple[str, str, str]]:
    """(source name, CAMEO root, target name) of a parsed document's events."""
    return {(e.source.actor.name, e.code[:2], e.target.actor.name) for e in doc._.events}
