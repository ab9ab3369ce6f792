"""Analysis benchmark: every kg.analysis function on a synthetic graph of 5,000 actors and 200,000 events.

    python benchmarks/analysis.py [--actors N] [--events N] [--seed N]

The graph is drawn with a fixed seed: heavy-tailed activity (Pareto), 25 blocs that mostly
cooperate inside and fight across, every QuadClass, dates over three years. Prints the time of
each analysis (wall clock and CPU) and the total; exits 1 if the total wall-clock time is over the
30 s target.

Building the graphs from the events table is timed separately and not counted in the total.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Callable

import numpy as np
import pandas as pd

import kg.graph
from kg import analysis
from kg.cameo import event_types
from kg.events import EVENT_COLUMNS
from kg.graph import KnowledgeGraph

TARGET_SECONDS = 30.0
BLOCS = 25
INSIDE_BLOC = 0.6
QUAD_SHARES_INSIDE = [0.5, 0.2, 0.2, 0.1]
QUAD_SHARES_ACROSS = [0.2, 0.1, 0.35, 0.35]
FIRST_DAY, DAYS = np.datetime64("2022-01-01"), 3 * 365


def synthetic_graph(actors: int = 5000, events: int = 200_000, seed: int = 0) -> KnowledgeGraph:
    """A reproducible knowledge graph of ``actors`` actors and ``events`` dated events."""
    rng = np.random.default_rng(seed)
    activity = rng.pareto(1.2, actors) + 1.0
    bloc = rng.integers(0, BLOCS, actors)
    sources = rng.choice(actors, events, p=activity / activity.sum())
    targets = rng.choice(actors, events, p=activity / activity.sum())
    inside = rng.random(events) < INSIDE_BLOC
    for number in range(BLOCS):
        members = np.flatnonzero(bloc == number)
        rows = np.flatnonzero(inside & (bloc[sources] == number))
        targets[rows] = rng.choice(members, len(rows), p=activity[members] / activity[members].sum())
    loops = sources == targets
    targets[loops] = (targets[loops] + 1) % actors
    same_bloc = bloc[sources] == bloc[targets]
    quad = 1 + np.where(same_bloc, rng.choice(4, events, p=QUAD_SHARES_INSIDE),
                        rng.choice(4, events, p=QUAD_SHARES_ACROSS))
    codes = {q: [t for t in event_types().values() if t.quad_class == q and len(t.code) == 3] for q in range(1, 5)}
    picks = [codes[q][i % len(codes[q])] for q, i in zip(quad, rng.integers(0, 1000, events))]
    ids = np.array([f"actor{i:05d}" for i in range(actors)])
    table = pd.DataFrame({column: "" for column in EVENT_COLUMNS}, index=range(events))
    table = table.assign(
        event_id=[f"e{i:07d}" for i in range(events)],
        article_id=[f"article{i:06d}" for i in rng.integers(0, events // 5, events)],
        date=(FIRST_DAY + rng.integers(0, DAYS, events)).astype(str),
        source_id=ids[sources], target_id=ids[targets],
        event_code=[t.code for t in picks], event_root=[t.root for t in picks], event_name=[t.name for t in picks],
        quad_class=quad, goldstein=[t.goldstein for t in picks], confidence=0.9,
        trigger_start=0, sentence="Synthetic.", sentence_start=0, sentence_end=10)
    actor_table = pd.DataFrame({"actor_id": ids, "name": [f"Actor {i}" for i in range(actors)], "kind": "state",
                                "country": "", "sector": "", "code": "", "mentions": 1})
    return KnowledgeGraph(table, actor_table, pd.DataFrame(columns=kg.graph.ARTICLE_COLUMNS))


def timed(label: str, run: Callable[[], object], rows: list[tuple[str, float, float, str]]) -> object:
    """Run ``run``, appending its wall-clock and CPU seconds to ``rows``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = run()
    rows.append((label, time.perf_counter() - started, time.process_time() - cpu_started, f"{len(result)} rows"))
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    knowledge = synthetic_graph(args.actors, args.events, args.seed)
    graph = knowledge.graph
    print(f"synthetic graph: {graph.number_of_nodes()} actors, {len(knowledge.events)} events, "
          f"{graph.number_of_edges()} dyads (built in {time.perf_counter() - started:.1f} s, not counted)")
    months = sorted(knowledge.events["date"].str[:7].unique())
    middle = months[len(months) // 2]
    rows: list[tuple[str, float, float, str]] = []
    ranked = timed("centrality", lambda: analysis.centrality(graph), rows)
    timed("communities", lambda: analysis.communities(graph), rows)
    timed("dyads", lambda: analysis.dyads(graph), rows)
    timed("cooperation_conflict", lambda: analysis.cooperation_conflict(graph), rows)
    timed("alliances", lambda: analysis.alliances(graph), rows)
    timed("balance", lambda: analysis.balance(graph), rows)
    timed("brokers", lambda: analysis.brokers(knowledge, betweenness_scores=ranked["betweenness"]), rows)
    timed("ego_network", lambda: analysis.ego_network(graph, ranked.index[0]), rows)
    timed(f"between {middle}", lambda: analysis.between(knowledge, middle, middle).edges, rows)
    timed("per_month", lambda: analysis.per_month(knowledge), rows)
    timed("changes", lambda: analysis.changes(knowledge, (None, months[len(months) // 2 - 1]), (middle, None)), rows)
    total, cpu_total = sum(row[1] for row in rows), sum(row[2] for row in rows)
    width = max(len(row[0]) for row in rows)
    print(f"{'analysis':<{width}}  {'wall':>8}  {'cpu':>8}")
    for label, seconds, cpu_seconds, size in rows:
        print(f"{label:<{width}}  {seconds:6.2f} s  {cpu_seconds:6.2f} s  {size}")
    print(f"{'total':<{width}}  {total:6.2f} s  {cpu_total:6.2f} s  (target {TARGET_SECONDS:.0f} s wall; "
          f"eigenvector method: {ranked.attrs['eigenvector_method']})")
    return 0 if total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
