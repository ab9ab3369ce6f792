"""Small helpers shared by tests."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def events_of(doc) -> set[tuple[str, str, str]]:
    """(source name, CAMEO root, target name) of a parsed document's events."""
    return {(e.source.actor.name, e.code[:2], e.target.actor.name) for e in doc._.events}


def load_benchmark(name: str):
    """A script of ``benchmarks/`` as a module (``load_benchmark("nodes")``), for its functions."""
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
