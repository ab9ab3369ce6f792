"""The CAMEO event ontology: code names, QuadClass and Goldstein values.

The table lives in ``kg/data/cameo_codes.csv`` (CAMEO codebook 1.1b3, Schrodt 2012; Goldstein
values as GDELT publishes them).

>>> event_type("111").name, event_type("111").quad_class, event_type("111").goldstein
('Criticize or denounce', 3, -2.0)
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True)
class EventType:
    """One CAMEO event code with its root, QuadClass (1-4) and Goldstein value (-10..+10)."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


@cache
def event_types() -> dict[str, EventType]:
    """All CAMEO event codes, by code.

    >>> len(event_types()) > 300
    True
    """
    with resources.files("kg").joinpath("data/cameo_codes.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: EventType(row["code"], row["name"], row["root"], int(row["quad_class"]),
                                   float(row["goldstein"]))
            for row in csv.DictReader(handle)
        }


def event_type(code: str) -> EventType:
    """The CAMEO event type of ``code``; ``ValueError`` names an unknown code.

    >>> event_type("045").name
    'Mediate'
    """
    try:
        return event_types()[code]
    except KeyError:
        raise ValueError(f"unknown CAMEO event code {code!r}") from None
