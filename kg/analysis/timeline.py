"""Time: the graph of a period, events per month, and what changed between two periods.

Periods are ``(start, end)`` pairs of ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
inclusive; either may be ``None``), read as :meth:`kg.KnowledgeGraph.subgraph` reads them.
Events are dated by :func:`kg.events.dates.event_dates` (the date the sentence gives the event, else the
article's). Undated events belong to no month and no period; an event dated only by its year
belongs to no month.

>>> kg = _example()
>>> changes(kg, (None, "2022"), ("2023", None))[["source_id", "target_id", "change"]].values.tolist()
[['tur', 'rus', 'appeared'], ['rus', 'ukr', 'disappeared']]
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.analysis._common import FLOAT_DIGITS, QUAD_WEIGHTS, score, sign
from kg.events.dates import event_dates
from kg.graph import QUAD_ATTRIBUTES, KnowledgeGraph

Period = tuple[str | None, str | None]
CHANGES = ["appeared", "disappeared", "changed sign", "stronger", "weaker"]


def _example() -> KnowledgeGraph:
    """Two events a year apart, for the examples."""
    return KnowledgeGraph.from_records([
        {"event_id": "e1", "date": "2022-03-01", "source_id": "rus", "target_id": "ukr", "quad_class": 4,
         "event_code": "190", "goldstein": -10.0, "article_id": "a", "sentence_start": 0, "confidence": 0.9},
        {"event_id": "e2", "date": "2023-01-05", "source_id": "tur", "target_id": "rus", "quad_class": 1,
         "event_code": "040", "goldstein": 1.0, "article_id": "b", "sentence_start": 0, "confidence": 0.9}], [], [])


def between(kg: KnowledgeGraph, start: str | None = None, end: str | None = None) -> nx.DiGraph:
    """The dyad graph (as :attr:`kg.KnowledgeGraph.graph`) of the events from ``start`` to ``end``.

    >>> sorted(between(_example(), "2023-01", "2023-12").edges)
    [('tur', 'rus')]
    """
    return kg.subgraph(start=start, end=end).graph


def per_month(kg: KnowledgeGraph, actor: str | None = None) -> pd.DataFrame:
    """Events per month, by QuadClass, from the first dated month to the last (empty months too).

    Index ``month`` (``YYYY-MM``); columns the four QuadClasses, ``events`` and
    ``goldstein_mean`` (0 in a month without events). ``actor`` (id or name) counts only the
    events it takes part in, as source or target.

    >>> per_month(_example()).loc[["2022-03", "2022-04"], ["material_conflict", "events"]].values.tolist()
    [[1, 1], [0, 0]]
    """
    events = kg.events.assign(when=event_dates(kg.events))
    events = events[events["when"].str.len() >= len("YYYY-MM")]
    if actor is not None:
        actor_id = kg.actor_id(actor)
        events = events[(events["source_id"] == actor_id) | (events["target_id"] == actor_id)]
    months = events["when"].str[:7]
    counts = pd.crosstab(months, events["quad_class"].astype(int)).reindex(columns=list(QUAD_ATTRIBUTES), fill_value=0)
    counts.columns = list(QUAD_ATTRIBUTES.values())
    if not counts.empty:
        span = pd.period_range(counts.index.min(), counts.index.max(), freq="M").strftime("%Y-%m")
        counts = counts.reindex(span, fill_value=0)
    counts["events"] = counts.sum(axis=1)
    goldstein = events.groupby(months)["goldstein"].mean()
    counts["goldstein_mean"] = goldstein.reindex(counts.index).fillna(0.0).round(FLOAT_DIGITS)
    counts.index.name = "month"
    counts.columns.name = None
    return counts


def _dyad_totals(kg: KnowledgeGraph, period: Period) -> pd.DataFrame:
    events = kg.subgraph(start=period[0], end=period[1]).events
    events = events[event_dates(events) != ""]
    quad = events["quad_class"].astype(int)
    totals = events.assign(goldstein=events["goldstein"].astype(float),
                           **{column: quad.eq(number).astype(int) for number, column in QUAD_ATTRIBUTES.items()})
    totals = totals.groupby(["source_id", "target_id"]).agg(
        events=("event_id", "size"), goldstein=("goldstein", "sum"),
        **{column: (column, "sum") for column in QUAD_ATTRIBUTES.values()})
    totals["sign"] = sign(score(totals, QUAD_WEIGHTS), totals["goldstein"])
    return totals[["events", "sign"]]


def changes(kg: KnowledgeGraph, period_a: Period, period_b: Period) -> pd.DataFrame:
    """The dyads that changed from ``period_a`` to ``period_b``.

    Columns: ``source_id``, ``source_name``, ``target_id``, ``target_name``, ``events_a``,
    ``events_b``, ``sign_a``, ``sign_b`` (weighted by QuadClass, see :mod:`kg.analysis.relations`) and ``change``:
    ``appeared``, ``disappeared``, ``changed sign`` (from friendly to hostile or back),
    ``stronger`` or ``weaker`` (more or fewer events). Unchanged dyads are left out. Rows by
    change, then by the size of the change in events, then by ids.
    """
    before, after = _dyad_totals(kg, period_a), _dyad_totals(kg, period_b)
    table = pd.merge(before, after, how="outer", left_index=True, right_index=True, suffixes=("_a", "_b"))
    table = table.fillna(0).astype(int).reset_index()
    flipped = (table["sign_a"] * table["sign_b"]) < 0
    table["change"] = None
    table.loc[table["events_b"] < table["events_a"], "change"] = "weaker"
    table.loc[table["events_b"] > table["events_a"], "change"] = "stronger"
    table.loc[flipped, "change"] = "changed sign"
    table.loc[table["events_b"] == 0, "change"] = "disappeared"
    table.loc[table["events_a"] == 0, "change"] = "appeared"
    table = table[table["change"].notna()]
    actor_names = dict(zip(kg.actors["actor_id"], kg.actors["name"]))
    table = table.assign(source_name=table["source_id"].map(lambda a: actor_names.get(a, a)),
                         target_name=table["target_id"].map(lambda a: actor_names.get(a, a)),
                         order=table["change"].map(CHANGES.index),
                         size=(table["events_b"] - table["events_a"]).abs())
    table = table.sort_values(["order", "size", "source_id", "target_id"], ascending=[True, False, True, True],
                              kind="stable")
    return table[["source_id", "source_name", "target_id", "target_name", "events_a", "events_b", "sign_a", "sign_b",
                  "change"]].reset_index(drop=True)
