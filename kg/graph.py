"""Graph: the knowledge graph as tables (pandas) and as networks (NetworkX).

:class:`KnowledgeGraph` holds three tables: ``events`` (one row per event, with evidence),
``actors`` (one row per actor mentioned) and ``articles``. From them it derives two graphs:

- :attr:`KnowledgeGraph.graph`: a ``DiGraph`` of dyads, one weighted edge per (source, target)
  with event counts per QuadClass, mean Goldstein value, first and last date and best evidence;
- :attr:`KnowledgeGraph.event_graph`: a ``MultiDiGraph`` with one edge per event.

Both carry the actors' attributes on their nodes and only scalar attributes, so they export to
GraphML as they are.

>>> import pandas as pd
>>> events = pd.DataFrame([{"source_id": "iran", "target_id": "hamas", "article_id": "a1", "date": "2024-01-21",
...     "quad_class": 1, "goldstein": 1.0, "event_code": "040", "event_name": "Consult", "confidence": 0.9,
...     "sentence": "Iran met Hamas.", "sentence_start": 0, "event_id": "e1"}])
>>> actors = pd.DataFrame([{"actor_id": "iran", "name": "Iran", "kind": "state", "country": "IRN", "sector": "",
...     "code": "IRN", "mentions": 1}, {"actor_id": "hamas", "name": "Hamas", "kind": "armed_group",
...     "country": "PSE", "sector": "REB", "code": "PSEREB", "mentions": 1}])
>>> g = dyad_graph(events, actors)
>>> g.edges["iran", "hamas"]["weight"], g.nodes["hamas"]["name"]
(1, 'Hamas')
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

import networkx as nx
import pandas as pd

from kg.actors import ACTOR_COLUMNS, UNRESOLVED_PREFIX, resolve_actor
from kg.cameo import QUAD_CLASSES
from kg.events import EVENT_COLUMNS
from kg.events.dates import event_dates, period

ARTICLE_COLUMNS = ["article_id", "date", "title", "url", "outlet", "path", "characters", "events"]
UNRESOLVED_COLUMNS = ["name", "mentions", "articles", "label", "example_article", "example_sentence"]
COUNT_COLUMNS = {"mentions", "characters", "events"}
QUAD_ATTRIBUTES = {number: name.replace(" ", "_") for number, name in QUAD_CLASSES.items()}


@dataclass
class KnowledgeGraph:
    """Events, actors and articles, with the graphs built from them.

    ``unresolved_names`` is the table of the names the dictionary lacks (``unresolved.csv``, see
    :func:`unresolved_table`), or None when it is not known (a graph made from tables alone, or
    loaded from a build that did not write it).
    """

    events: pd.DataFrame
    actors: pd.DataFrame
    articles: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    unresolved_names: pd.DataFrame | None = None

    @classmethod
    def from_records(cls, events: list[dict], actors: list[dict], articles: list[dict],
                     problems: list[str] | None = None,
                     unresolved: list[dict] | None = None) -> "KnowledgeGraph":
        """Build the tables from row dicts, in a stable order; ``unresolved`` are the records of
        :func:`kg.engines.merge_unresolved` (see :func:`unresolved_table`). A count missing from a
        record (an actor's ``mentions``, an article's ``characters`` or ``events``) is 0.

        >>> KnowledgeGraph.from_records([], [{"actor_id": "iran", "name": "Iran"}], []).actors["mentions"].tolist()
        [0]
        """
        events_table = pd.DataFrame(events, columns=EVENT_COLUMNS).sort_values(
            ["article_id", "sentence_start", "trigger_start", "source_id", "target_id", "event_code"],
            kind="stable", ignore_index=True)
        actors_table = pd.DataFrame(actors, columns=ACTOR_COLUMNS).sort_values(
            ["mentions", "actor_id"], ascending=[False, True], kind="stable", ignore_index=True)
        articles_table = pd.DataFrame(articles, columns=ARTICLE_COLUMNS).sort_values(
            "article_id", kind="stable", ignore_index=True)
        for table in (actors_table, articles_table):  # a record without a count counts nothing
            for column in COUNT_COLUMNS.intersection(table.columns):
                table[column] = table[column].fillna(0).astype(int)
        names = None if unresolved is None else unresolved_table(actors_table, unresolved)
        return cls(events_table, actors_table, articles_table, list(problems or []), names)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """Actors joined by aggregated, directed dyads (see :func:`dyad_graph`)."""
        return dyad_graph(self.events, self.actors)

    @cached_property
    def event_graph(self) -> nx.MultiDiGraph:
        """Actors joined by one edge per event (see :func:`event_graph`)."""
        return event_graph(self.events, self.actors)

    def subgraph(self, *, start: str | None = None, end: str | None = None,
                 quad_classes: Iterable[int] | None = None, min_weight: int = 1,
                 focus: str | None = None, hops: int = 1) -> "KnowledgeGraph":
        """The knowledge graph of the events that pass every filter given.

        ``start``/``end``: ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), inclusive, compared
        with :func:`event_dates`; an event dated only by year or month is kept when all of it lies
        in the range (1981 is in ``start="1981"``, not in ``start="1981-06"``); undated events are
        left out once either is given. ``quad_classes``: keep only these (1-4).
        ``min_weight``: keep only dyads with at least this many events. ``focus``: an actor id or
        name (case-insensitive): keep the actors within ``hops`` dyads of it, either direction.
        Actors keep their rows only while they take part in an event; articles are kept whole.

        >>> import pandas as pd
        >>> kg = KnowledgeGraph.from_records([
        ...     {"event_id": "e1", "article_id": "a", "date": "2022-03-01", "source_id": "rus", "target_id": "ukr",
        ...      "quad_class": 4, "sentence_start": 0, "trigger_start": 0, "event_code": "190"},
        ...     {"event_id": "e2", "article_id": "a", "date": "2023-01-05", "source_id": "tur", "target_id": "rus",
        ...      "quad_class": 1, "sentence_start": 9, "trigger_start": 9, "event_code": "040"}], [], [])
        >>> list(kg.subgraph(start="2023").events["event_id"]), list(kg.subgraph(quad_classes=[4]).events["event_id"])
        (['e2'], ['e1'])
        """
        events = self.events
        for name, value in (("start", start), ("end", end)):
            try:
                value and period(value)
            except ValueError:
                raise ValueError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None
        if start is not None or end is not None:
            dates = event_dates(events)
            # Compare days: "2022-03" ends on "2022-03-31", and an event of "1981" spans the year.
            spans = {value: period(value) if value else ("", "") for value in set(dates)}
            keep = dates != ""
            if start:
                keep &= dates.map(lambda value: spans[value][0]) >= period(start)[0]
            if end:
                keep &= dates.map(lambda value: spans[value][1]) <= period(end)[1]
            events = events[keep]
        if quad_classes is not None:
            events = events[events["quad_class"].astype(int).isin([int(q) for q in quad_classes])]
        if min_weight > 1:
            weights = events.groupby(["source_id", "target_id"])["event_id"].transform("size")
            events = events[weights >= min_weight]
        if focus is not None:
            events = _near(events, self.actor_id(focus), hops)
        involved = set(events["source_id"]) | set(events["target_id"])
        return KnowledgeGraph(events.reset_index(drop=True),
                              self.actors[self.actors["actor_id"].isin(involved)].reset_index(drop=True),
                              self.articles, list(self.problems), self.unresolved_names)

    def actor_id(self, actor: str) -> str:
        """The id of an actor of this graph given by id, name (case-insensitive) or any name kg's
        resolver knows ("US", "Putin", "the Kremlin": :func:`kg.resolve_actor`); ``ValueError``
        naming the closest names of the graph if there is none.

        >>> kg = KnowledgeGraph.from_records([], [{"actor_id": "russia", "name": "Russia"}], [])
        >>> kg.actor_id("RUSSIA"), kg.actor_id("Putin")
        ('russia', 'russia')
        >>> kg.actor_id("Rusia")
        Traceback (most recent call last):
        ...
        ValueError: no actor 'Rusia' in this graph; did you mean Russia?
        """
        ids = set(self.events["source_id"]) | set(self.events["target_id"]) | set(self.actors["actor_id"])
        if actor in ids:
            return actor
        named = self.actors[self.actors["name"].str.casefold() == actor.casefold()]
        if not named.empty:
            return str(named.iloc[0]["actor_id"])
        ref = resolve_actor(actor)  # the dictionary loads only for a name the graph lacks
        if ref is not None and ref.node.id in ids:
            return ref.node.id
        names = dict(zip(self.actors["name"].str.casefold(), self.actors["name"]))
        close = [names[name] for name in difflib.get_close_matches(actor.casefold(), names, n=5, cutoff=0.6)]
        hint = f"; did you mean {' or '.join(close)}?" if close else " (give an actor_id or name from actors.csv)"
        raise ValueError(f"no actor {actor!r} in this graph{hint}")

    def unresolved(self, top: int = 10) -> pd.DataFrame:
        """The most frequent named entities that matched no dictionary actor (their ids start with ``x-``)."""
        unknown = self.actors[self.actors["actor_id"].str.startswith(UNRESOLVED_PREFIX)]
        return unknown.head(top)[["name", "mentions"]].reset_index(drop=True)

    def unresolved_table(self) -> pd.DataFrame:
        """The names the dictionary lacks, one row per unresolved actor (``unresolved.csv``): the
        table the build made, or without one, what the actors table tells (names and mentions)."""
        if self.unresolved_names is not None:
            return self.unresolved_names
        return unresolved_table(self.actors, [])


def unresolved_table(actors: pd.DataFrame, records: list[dict]) -> pd.DataFrame:
    """One row per unresolved actor of ``actors`` (ids ``x-...``) and of ``records`` (those of
    :func:`kg.engines.merge_unresolved`): its name as ``actors`` gives it, its mentions, the
    articles that mention it, its most frequent entity label and the article and sentence of its
    first mention. Sorted by mentions (most first), then name.

    >>> actors = pd.DataFrame([{"actor_id": "x-acme", "name": "Acme", "mentions": 3},
    ...                        {"actor_id": "x-zeta", "name": "Zeta", "mentions": 0}])
    >>> unresolved_table(actors, [{"actor_id": "x-acme", "mentions": 3, "articles": 2, "label": "ORG",
    ...     "example_article": "a1", "example_sentence": "Acme spoke."}]).to_dict("records")[0]
    {'name': 'Acme', 'mentions': 3, 'articles': 2, 'label': 'ORG', 'example_article': 'a1', 'example_sentence': 'Acme spoke.'}
    """
    names = {row.actor_id: (row.name, int(row.mentions)) for row in actors.itertuples(index=False)
             if str(row.actor_id).startswith(UNRESOLVED_PREFIX)}
    rows = {}
    for record in records:
        name = names.get(record["actor_id"], (record.get("name") or record["actor_id"][len(UNRESOLVED_PREFIX):],))[0]
        rows[record["actor_id"]] = {"name": name, **{c: record[c] for c in UNRESOLVED_COLUMNS[1:]}}
    for actor_id, (name, mentions) in names.items():  # named only where no mention was recorded
        rows.setdefault(actor_id, {"name": name, "mentions": mentions, "articles": 0, "label": "",
                                   "example_article": "", "example_sentence": ""})
    table = pd.DataFrame(list(rows.values()), columns=UNRESOLVED_COLUMNS).astype({"mentions": int, "articles": int})
    return table.sort_values(["mentions", "name"], ascending=[False, True], kind="stable", ignore_index=True)


def _near(events: pd.DataFrame, centre: str, hops: int) -> pd.DataFrame:
    """The events among the actors within ``hops`` dyads of ``centre`` (edges in either direction)."""
    pairs = nx.Graph()
    pairs.add_node(centre)
    pairs.add_edges_from(zip(events["source_id"], events["target_id"]))
    near = set(nx.single_source_shortest_path_length(pairs, centre, cutoff=max(0, hops)))
    return events[events["source_id"].isin(near) & events["target_id"].isin(near)]


def _node_attributes(actors: pd.DataFrame) -> dict[str, dict]:
    return {
        row.actor_id: {"name": row.name, "kind": row.kind, "country": row.country, "sector": row.sector,
                       "code": row.code, "mentions": int(row.mentions)}
        for row in actors.itertuples(index=False)
    }


def _add_nodes(graph: nx.Graph, events: pd.DataFrame, actors: pd.DataFrame) -> None:
    attributes = _node_attributes(actors)
    for actor_id in sorted(set(events["source_id"]) | set(events["target_id"])):
        graph.add_node(actor_id, **attributes.get(actor_id, {"name": actor_id, "kind": "other", "country": "",
                                                             "sector": "", "code": "", "mentions": 0}))


def dyad_graph(events: pd.DataFrame, actors: pd.DataFrame) -> nx.DiGraph:
    """A directed graph of actors with one aggregated edge per (source, target) dyad.

    Edge attributes: ``weight`` (events), ``articles`` (distinct articles), one count per
    QuadClass (``verbal_cooperation`` ... ``material_conflict``), ``goldstein_mean``,
    ``first_date``/``last_date`` (the earliest and latest of :func:`event_dates`),
    ``top_code``/``top_code_name`` (the most frequent code) and the most confident ``evidence``
    sentence with its ``evidence_article``.
    """
    graph = nx.DiGraph()
    _add_nodes(graph, events, actors)
    if events.empty:
        return graph
    dyad = ["source_id", "target_id"]
    events = events.assign(quad_class=events["quad_class"].astype(int), goldstein=events["goldstein"].astype(float),
                           date=events["date"].astype(object).fillna("").astype(str), when=event_dates(events))
    groups = events.groupby(dyad, sort=True)
    table = pd.DataFrame({"weight": groups.size(), "articles": groups["article_id"].nunique(),
                          "goldstein_mean": groups["goldstein"].mean()})
    quads = events.groupby(dyad + ["quad_class"]).size().unstack(fill_value=0)
    for number, name in QUAD_ATTRIBUTES.items():
        table[name] = quads[number] if number in quads.columns else 0
    dated = events[events["when"] != ""].groupby(dyad)["when"]
    table["first_date"], table["last_date"] = dated.min(), dated.max()
    # The most frequent code, the lowest on a tie, and the name it was given.
    codes = events.groupby(dyad + ["event_code"]).agg(count=("event_id", "size"), name=("event_name", "first"))
    codes = codes.reset_index().sort_values(dyad + ["count", "event_code"], ascending=[True, True, False, True],
                                            kind="stable").drop_duplicates(dyad).set_index(dyad)
    table["top_code"], table["top_code_name"] = codes["event_code"], codes["name"]
    best = events.sort_values(dyad + ["confidence", "date", "article_id", "sentence_start"],
                              ascending=[True, True, False, True, True, True], kind="stable").drop_duplicates(dyad)
    best = best.set_index(dyad)
    table["evidence"], table["evidence_article"] = best["sentence"], best["article_id"]
    for (source, target), row in zip(table.index, table.itertuples(index=False)):
        graph.add_edge(
            source, target,
            edge_id=f"{source}->{target}",
            weight=int(row.weight),
            articles=int(row.articles),
            **{name: int(getattr(row, name)) for name in QUAD_ATTRIBUTES.values()},
            goldstein_mean=round(float(row.goldstein_mean), 3),
            first_date=row.first_date if isinstance(row.first_date, str) else "",
            last_date=row.last_date if isinstance(row.last_date, str) else "",
            top_code=str(row.top_code),
            top_code_name=str(row.top_code_name),
            evidence=str(row.evidence),
            evidence_article=str(row.evidence_article),
        )
    return graph


def event_graph(events: pd.DataFrame, actors: pd.DataFrame) -> nx.MultiDiGraph:
    """A directed multigraph of actors with one edge per event, keyed by ``event_id``.

    >>> import pandas as pd
    >>> event_graph(pd.DataFrame(columns=["source_id", "target_id", "event_id"]), pd.DataFrame(
    ...     columns=["actor_id", "name", "kind", "country", "sector", "code", "mentions"])).number_of_edges()
    0
    """
    graph = nx.MultiDiGraph()
    _add_nodes(graph, events, actors)
    columns = [c for c in events.columns if c not in ("source_id", "target_id", "event_id")]
    for row in events.to_dict("records"):
        graph.add_edge(row["source_id"], row["target_id"], key=row["event_id"], edge_id=row["event_id"],
                       **{c: _scalar(row[c]) for c in columns})
    return graph


def _scalar(value):
    """A plain Python value (GraphML and JSON reject numpy scalars)."""
    return value.item() if hasattr(value, "item") else value
