"""Confidence: the measured precision of events found the same way.

An event's confidence is how often events found the same way were right on the modern-news dev
set (``../shared/gold/news_dev``): the same source and target constructions, the same assertion,
both actors known to the dictionary or not. ``benchmarks/calibrate.py`` counts them into
``kg/data/confidence.yaml``. Ways seldom seen borrow from the coarser ways they belong to, in the
order of ``levels`` (a Beta-binomial estimate shrunk towards the level above, ``strength`` events'
worth), so that ``--min-confidence 0.8`` keeps events of which about 80% were right there.

>>> table = ConfidenceTable(prior=0.5, strength=4, levels=(("resolved",),),
...                         counts={"resolved=yes": (16, 12)})
>>> table.of("subject>object", "asserted", unresolved=False)
0.7
>>> table.of("subject>object", "asserted", unresolved=True)
0.5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from kg.datafiles import read_yaml

FEATURES = ("resolved", "assertion", "source", "target")


def features(construction: str, assertion: str, unresolved: bool) -> dict[str, str]:
    """The features of how an event was found, as the table counts them."""
    source, _, target = construction.partition(">")
    return {"resolved": "no" if unresolved else "yes", "assertion": assertion, "source": source,
            "target": target or source}


def key(level: tuple[str, ...], values: dict[str, str]) -> str:
    """The table key of one level's features: ``"resolved=yes|assertion=asserted"``."""
    return "|".join(f"{name}={values[name]}" for name in level)


@dataclass
class ConfidenceTable:
    """Counts of events and of right events per way of finding them, and how to read them."""

    prior: float = 0.5
    strength: float = 4.0
    levels: tuple[tuple[str, ...], ...] = ()
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def default(cls) -> "ConfidenceTable":
        """The table shipped with kg (``kg/data/confidence.yaml``)."""
        return cls.from_file(Path(str(resources.files("kg").joinpath("data/confidence.yaml"))))

    @classmethod
    def from_file(cls, path: str | Path) -> "ConfidenceTable":
        data = read_yaml(path, "confidence table") or {}
        levels = tuple(tuple(level) for level in data.get("levels") or ())
        unknown = {name for level in levels for name in level} - set(FEATURES)
        if unknown:
            raise ValueError(f"{path}: unknown feature {sorted(unknown)[0]!r} (known: {', '.join(FEATURES)})")
        counts = {str(k): (int(v[0]), int(v[1])) for k, v in (data.get("counts") or {}).items()}
        return cls(float(data.get("prior", 0.5)), float(data.get("strength", 4.0)), levels, counts)

    def of(self, construction: str, assertion: str, unresolved: bool) -> float:
        """The confidence of an event found with ``construction`` and ``assertion`` (two decimals)."""
        values = features(construction, assertion, unresolved)
        estimate = self.prior
        for level in self.levels:
            events, right = self.counts.get(key(level, values), (0, 0))
            estimate = (right + self.strength * estimate) / (events + self.strength)
        return round(estimate, 2)

    def to_yaml(self) -> str:
        """The table as its data file holds it."""
        header = ("# Confidence of events by how they were found: [events, right events] on news_dev.\n"
                  "# Written by benchmarks/calibrate.py; see kg/events/confidence.py.\n")
        data = {"prior": round(self.prior, 4), "strength": self.strength, "levels": [list(lv) for lv in self.levels],
                "counts": {k: list(v) for k, v in sorted(self.counts.items())}}
        return header + yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=120)


def fit(found: Iterable[tuple[str, str, bool, bool]], levels: tuple[tuple[str, ...], ...],
        strength: float = 4.0) -> ConfidenceTable:
    """Count ``(construction, assertion, unresolved, right)`` per level of features.

    >>> table = fit([("subject>object", "asserted", False, True)] * 3, (("resolved",),))
    >>> table.counts, table.prior
    ({'resolved=yes': (3, 3)}, 1.0)
    """
    counts: dict[str, list[int]] = {}
    total = right_total = 0
    for construction, assertion, unresolved, right in found:
        values = features(construction, assertion, unresolved)
        total += 1
        right_total += right
        for level in levels:
            entry = counts.setdefault(key(level, values), [0, 0])
            entry[0] += 1
            entry[1] += right
    prior = right_total / total if total else 0.5
    return ConfidenceTable(prior, strength, levels, {k: (v[0], v[1]) for k, v in counts.items()})
