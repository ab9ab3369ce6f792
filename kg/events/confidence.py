"""Confidence: the measured precision of events found the same way.

An event's confidence is how often events found the same way were right on the modern-news dev
set (``../shared/gold/news_dev``, judged as the coded score of :func:`kg.evaluate.event_scores`
judges them). A way of finding an event is a set of features: whether both actors are known to
the dictionary (``resolved``), how many of the two are states (``states``), the assertion
(``asserted``, ``reported``, ``planned``), the source and target constructions (``source``,
``target``). ``benchmarks/calibrate.py`` counts the events and the right ones per ``level`` (a
tuple of features) into ``kg/data/confidence.yaml``. Each level refines the one before it: its
estimate is a Beta-binomial one shrunk towards the level above, ``strength`` events' worth
(``strength`` chosen by cross-validation), so that ways seldom seen borrow from the coarser ways
they belong to and ``--min-confidence 0.8`` keeps events of which about 80% were right there.
A way never seen (or a feature not given) keeps the estimate of the coarser level.

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
from typing import Iterable, Sequence

import yaml

from kg.datafiles import read_yaml

FEATURES = ("resolved", "states", "assertion", "source", "target")
UNKNOWN = "?"  # the value of a feature the caller did not give: no count has it
# An estimate is never quite 0 or 1: a handful of dev events proves neither.
FLOOR, CEILING = 0.01, 0.99


def features(construction: str, assertion: str, unresolved: bool,
             actor_kinds: Sequence[str] | None = None) -> dict[str, str]:
    """The features of how an event was found, as the table counts them.

    ``actor_kinds`` are the kinds of the source and target actors (``"state"``, ``"igo"``,
    ``"armed_group"``, ...); without them ``states`` is unknown.

    >>> features("subject>object", "asserted", False, ("state", "igo"))
    {'resolved': 'yes', 'states': '1', 'assertion': 'asserted', 'source': 'subject', 'target': 'object'}
    >>> features("reported_obligation", "reported", True)["states"], features("reported_obligation", "reported", True)["target"]
    ('?', 'reported_obligation')
    """
    source, _, target = construction.partition(">")
    states = UNKNOWN if actor_kinds is None else str(sum(kind == "state" for kind in actor_kinds))
    return {"resolved": "no" if unresolved else "yes", "states": states, "assertion": assertion,
            "source": source, "target": target or source}


def key(level: tuple[str, ...], values: dict[str, str]) -> str:
    """The table key of one level's features: ``"resolved=yes|assertion=asserted"``."""
    return "|".join(f"{name}={values[name]}" for name in level)


def check_levels(levels: Iterable[Iterable[str]], where: str = "confidence levels") -> tuple[tuple[str, ...], ...]:
    """The levels as tuples; ``ValueError`` naming ``where`` for a feature that does not exist.

    >>> check_levels([["resolved"], ["resolved", "colour"]], "my.yaml")
    Traceback (most recent call last):
    ...
    ValueError: my.yaml: unknown feature 'colour' (known: resolved, states, assertion, source, target)
    """
    levels = tuple(tuple(str(name) for name in level) for level in levels)
    unknown = {name for level in levels for name in level} - set(FEATURES)
    if unknown:
        raise ValueError(f"{where}: unknown feature {sorted(unknown)[0]!r} (known: {', '.join(FEATURES)})")
    return levels


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
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a confidence table is a mapping with prior, strength, levels and counts")
        levels = check_levels(data.get("levels") or (), str(path))
        try:
            counts = {str(k): (int(v[0]), int(v[1])) for k, v in (data.get("counts") or {}).items()}
            prior, strength = float(data.get("prior", 0.5)), float(data.get("strength", 4.0))
        except (TypeError, ValueError, IndexError, AttributeError) as error:
            raise ValueError(f"{path}: bad confidence table ({error})") from None
        if strength <= 0 or not 0 <= prior <= 1:
            raise ValueError(f"{path}: strength must be above 0 and prior within 0..1")
        return cls(prior, strength, levels, counts)

    def estimate(self, values: dict[str, str]) -> float:
        """The shrunk estimate for features ``values`` (unrounded)."""
        estimate = self.prior
        for level in self.levels:
            events, right = self.counts.get(key(level, values), (0, 0))
            estimate = (right + self.strength * estimate) / (events + self.strength)
        return estimate

    def of(self, construction: str, assertion: str, unresolved: bool,
           actor_kinds: Sequence[str] | None = None) -> float:
        """The confidence of an event found with ``construction`` and ``assertion`` between actors
        of ``actor_kinds`` (source, target), two decimals within 0.01..0.99."""
        value = self.estimate(features(construction, assertion, unresolved, actor_kinds))
        return min(max(round(value, 2), FLOOR), CEILING)

    def to_yaml(self) -> str:
        """The table as its data file holds it."""
        header = ("# Confidence of events by how they were found: [events, right events] on news_dev.\n"
                  "# Written by benchmarks/calibrate.py; see kg/events/confidence.py.\n")
        data = {"prior": round(self.prior, 4), "strength": float(self.strength), "levels": [list(lv) for lv in self.levels],
                "counts": {k: list(v) for k, v in sorted(self.counts.items())}}
        return header + yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=120)


def fit(found: Iterable[Sequence], levels: Iterable[Iterable[str]], strength: float = 4.0) -> ConfidenceTable:
    """Count ``(construction, assertion, unresolved, right[, actor_kinds])`` per level of features.

    >>> table = fit([("subject>object", "asserted", False, True)] * 3, (("resolved",),))
    >>> table.counts, table.prior
    ({'resolved=yes': (3, 3)}, 1.0)
    """
    levels = check_levels(levels)
    counts: dict[str, list[int]] = {}
    total = right_total = 0
    for construction, assertion, unresolved, right, *kinds in found:
        values = features(construction, assertion, unresolved, kinds[0] if kinds else None)
        total += 1
        right_total += bool(right)
        for level in levels:
            entry = counts.setdefault(key(level, values), [0, 0])
            entry[0] += 1
            entry[1] += bool(right)
    prior = right_total / total if total else 0.5
    return ConfidenceTable(prior, strength, levels, {k: (v[0], v[1]) for k, v in counts.items()})
