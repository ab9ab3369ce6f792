"""Node benchmark: unresolved actors, news organisations and duplicates among the graph's nodes.

    python benchmarks/nodes.py [CORPUS] [--build OUTDIR] [--max-unresolved 0.15] [--jobs N]
                               [--duplicates FILE] [--all-actors] [--candidates N]

CORPUS defaults to ../shared/eval/news (beside the repository); it is built with ``kg.build`` into a
temporary folder, or ``--build OUTDIR`` reads a build that ``kg build`` finished there instead.
The nodes are those of ``KnowledgeGraph.graph`` (the actors that take part in an event). Targets:

1. at most 15% of the nodes (``--max-unresolved``) are unresolved actors (ids ``x-...``, names the
   actor dictionary lacks); they are listed with their mentions;
2. no node is a news organisation: its sector is ``JRN`` (journalists and media; a state's media
   node, "Japan (media)", holds that state's journalists and counts as none), or its id or name
   is one of a news organisation of the actor dictionary (a ``JRN`` actor) or of an agency that
   kg/data/credits.yaml names ("Reuters", "Getty Images"), or (an unresolved node) its name ends in
   a media word ("newspaper"). Each is printed with the events that made it a node;
3. every group of names of ``--duplicates`` (default benchmarks/duplicates.yaml) comes to at most
   one node id: the ids the dictionary resolves the names to (``ActorDictionary.resolve`` on the
   group's date, the ``.node.id`` of the result) together with the graph's nodes whose normalised
   name or id (for an ``x-`` node, its slug) is one of the group's normalised names. The
   build's other actors so named (in actors.csv but in no event) are shown; ``--all-actors``
   counts them too.

A detector that fails nothing then prints candidate duplicates among all the build's actors
(actors.csv, not only nodes; pairs with at least one unresolved actor): one name's words a
whole-word suffix ("Dunford" of "Joseph Dunford") or subset of the other's, or an unresolved name
that the dictionary resolves, on its own, to another actor of the build ("Peskov" to Russia). The
``--candidates`` (default 40) pairs whose less mentioned actor has the most mentions are shown;
``*`` marks a graph node.

Prints a summary line per target with PASS/MISS and exits 1 if a target is missed. Nothing is
written into the repository: a build goes to a temporary folder only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
import pandas as pd

import kg
from kg.actors import UNRESOLVED_PREFIX, ActorDictionary, normalise
from kg.datafiles import parse_yaml, read_yaml

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "news"
DEFAULT_DUPLICATES = Path(__file__).resolve().parent / "duplicates.yaml"
DEFAULT_DATE = "2018-01-01"  # the middle of ../shared/eval/news (2015-01-07 .. 2022-06-30)
MEDIA = "JRN"  # kg's sector of journalists and media (kg/data/actors/README.md)
# Names in kg/data/credits.yaml's agencies that are no organisation: "(Pool)", "(Handout)".
NOT_AGENCIES = {"pool", "handout"}


# --- 1. unresolved nodes -------------------------------------------------------------------------

def is_unresolved(node_id: str) -> bool:
    """True for the id of an actor the dictionary lacks (``x-...``)."""
    return str(node_id).startswith(UNRESOLVED_PREFIX)


def unresolved_nodes(graph: nx.Graph) -> list[tuple[str, str, int]]:
    """(id, name, mentions) of the graph's unresolved nodes, most mentioned first."""
    rows = [(node, str(data.get("name", node)), int(data.get("mentions", 0)))
            for node, data in graph.nodes(data=True) if is_unresolved(node)]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def unresolved_share(graph: nx.Graph) -> float:
    """The share of the graph's nodes that are unresolved actors (0 for an empty graph)."""
    total = graph.number_of_nodes()
    return sum(1 for node in graph if is_unresolved(node)) / total if total else 0.0


# --- 2. news organisations -----------------------------------------------------------------------

@dataclass(frozen=True)
class NewsOrganisations:
    """What names a news organisation: actor ids and normalised names."""

    ids: frozenset[str]
    names: frozenset[str]

    @classmethod
    def known(cls, dictionary: ActorDictionary) -> "NewsOrganisations":
        """The dictionary's ``JRN`` actors (with every name that refers to them) and the agencies
        of kg's credits file."""
        ids = {actor.id for actor in dictionary.actors.values() if actor.sector == MEDIA}
        names = {normalise(dictionary.actors[actor_id].name) for actor_id in ids}
        names |= {key for key, readings in dictionary.names.items()
                  if any(reading.actor_id in ids and not reading.place for reading in readings)}
        credits = parse_yaml(resources.files("kg").joinpath("data/credits.yaml").read_text(encoding="utf-8"))
        names |= {normalise(str(agency)) for agency in (credits or {}).get("agencies") or []}
        return cls(frozenset(ids), frozenset(name for name in names if name and name not in NOT_AGENCIES))

    def why(self, node_id: str, data: dict, dictionary: ActorDictionary | None = None) -> str:
        """Why a node is a news organisation ("" when it is none)."""
        name = normalise(str(data.get("name", "")))
        state = dictionary.state(str(data.get("country") or "")) if dictionary is not None else None
        if data.get("sector") == MEDIA and not (state is not None and node_id == f"{state.id}-{MEDIA.lower()}"):
            return f"sector {MEDIA}"  # a state's media node holds its journalists ("Japanese journalist Kenji Goto")
        if node_id in self.ids:
            return "a news organisation's id"
        if name in self.names or (is_unresolved(node_id) and slug_name(node_id) in self.names):
            return "a news organisation's name"
        if dictionary is not None and is_unresolved(node_id) and dictionary.resolve_sector(str(data.get("name", ""))) == MEDIA:
            return "a media word"
        return ""


def news_nodes(graph: nx.Graph, organisations: NewsOrganisations,
               dictionary: ActorDictionary | None = None) -> list[tuple[str, str, str]]:
    """(id, name, why) of the graph's nodes that are news organisations."""
    found = []
    for node, data in sorted(graph.nodes(data=True)):
        why = organisations.why(node, data, dictionary)
        if why:
            found.append((node, str(data.get("name", node)), why))
    return found


def node_events(events: pd.DataFrame, node_id: str) -> pd.DataFrame:
    """The events that have ``node_id`` as source or target (what made it a node)."""
    return events[(events["source_id"] == node_id) | (events["target_id"] == node_id)]


# --- 3. duplicates -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """Names of one real entity, resolved on ``date``."""

    names: tuple[str, ...]
    date: str = DEFAULT_DATE


@dataclass
class GroupCheck:
    """What one group's names came to."""

    group: Group
    resolved: dict[str, str | None] = field(default_factory=dict)  # name -> node id the dictionary gives
    nodes: dict[str, set[str]] = field(default_factory=dict)  # graph node id -> names of the group it bears
    actors: set[str] = field(default_factory=set)  # actors.csv ids so named (counted with all_actors)
    all_actors: bool = False

    @property
    def ids(self) -> set[str]:
        ids = set(self.nodes) | {node for node in self.resolved.values() if node}
        return ids | self.actors if self.all_actors else ids

    @property
    def passes(self) -> bool:
        return len(self.ids) <= 1


def read_groups(path: str | Path) -> list[Group]:
    """The groups of a duplicates file (see benchmarks/duplicates.yaml)."""
    data = read_yaml(path, "duplicates file")
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise ValueError(f"{path}: expected a mapping with 'groups', a list")
    default = str(data.get("date") or DEFAULT_DATE)
    groups = []
    for number, entry in enumerate(data["groups"], 1):
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or len(names) < 2:
            raise ValueError(f"{path}: group {number}: expected 'names', a list of two or more names")
        groups.append(Group(tuple(str(name) for name in names), str(entry.get("date") or default)))
    return groups


def slug_name(node_id: str) -> str:
    """The normalised name an id spells (``x-joseph-dunford`` -> ``joseph dunford``)."""
    text = node_id[len(UNRESOLVED_PREFIX):] if is_unresolved(node_id) else node_id
    return normalise(text.replace("-", " "))


def names_of(actor_id: str, name: str) -> set[str]:
    """The normalised names an actor is known by here: its name and its id's."""
    return {normalise(name), slug_name(actor_id)} - {""}


def check_group(group: Group, graph: nx.Graph, dictionary: ActorDictionary,
                actors: pd.DataFrame | None = None, all_actors: bool = False) -> GroupCheck:
    """Resolve a group's names and find the graph's nodes (and the ``actors`` table's ids) that
    bear them; ``all_actors`` counts those ids too."""
    check = GroupCheck(group, all_actors=all_actors)
    wanted = {normalise(name): name for name in group.names}
    for name in group.names:
        ref = dictionary.resolve(name, group.date)
        check.resolved[name] = ref.node.id if ref is not None else None
    for node, data in graph.nodes(data=True):
        borne = names_of(node, str(data.get("name", node))) & set(wanted)
        if borne:
            check.nodes[node] = {wanted[key] for key in borne}
    if actors is not None:
        check.actors = {row.actor_id for row in actors.itertuples(index=False)
                        if names_of(row.actor_id, str(row.name)) & set(wanted)}
    return check


@dataclass(frozen=True)
class Candidate:
    """Two actors of a build that may be one."""

    kind: str  # "suffix", "subset" or "same node"
    first: str
    second: str
    mentions: tuple[int, int]  # of first and second


def candidate_duplicates(actors: pd.DataFrame, dictionary: ActorDictionary,
                         date: str = DEFAULT_DATE) -> list[Candidate]:
    """Pairs of actors, at least one unresolved, that may be one entity, the pairs whose less
    mentioned actor is mentioned most first:
    one's normalised name is a whole-word suffix or a word subset of the other's, or the
    unresolved one's name resolves (on ``date``) to the other (or both to the same node)."""
    rows = [(str(row.actor_id), normalise(str(row.name)), int(row.mentions)) for row in actors.itertuples(index=False)]
    mentions = {actor_id: count for actor_id, _, count in rows}
    with_word: dict[str, set[int]] = defaultdict(set)
    for index, (_, name, _) in enumerate(rows):
        for word in name.split():
            with_word[word].add(index)
    found: dict[tuple[str, str], Candidate] = {}

    def add(kind: str, first: str, second: str) -> None:
        key = tuple(sorted((first, second)))
        if first != second and key not in found:
            found[key] = Candidate(kind, first, second, (mentions.get(first, 0), mentions.get(second, 0)))

    for index, (actor_id, name, _) in enumerate(rows):
        words = set(name.split())
        if not words:
            continue
        for other in set.intersection(*(with_word[word] for word in words)) - {index}:
            other_id, other_name, _ = rows[other]
            if not (is_unresolved(actor_id) or is_unresolved(other_id)) or set(other_name.split()) == words:
                continue  # two dictionary actors are two by the dictionary's word; same words: one slug
            add("suffix" if other_name.endswith(" " + name) else "subset", actor_id, other_id)
    by_node: dict[str, list[str]] = defaultdict(list)
    for actor_id, _, _ in rows:
        if not is_unresolved(actor_id):
            by_node[actor_id].append(actor_id)  # a dictionary actor is its own node
    for row in actors.itertuples(index=False):
        if is_unresolved(row.actor_id):
            ref = dictionary.resolve(str(row.name), date)
            if ref is not None:
                by_node[ref.node.id].append(str(row.actor_id))
    for members in by_node.values():
        for other in members[1:]:
            add("same node", other, members[0])
    return sorted(found.values(), key=lambda c: (-min(c.mentions), -max(c.mentions), c.kind, c.first, c.second))


# --- the run -------------------------------------------------------------------------------------

def load_or_build(corpus: Path, build: Path | None, jobs: int) -> kg.KnowledgeGraph:
    """The knowledge graph of a finished build (``build``), else of ``corpus`` built now in memory."""
    if build is not None:
        print(f"build: {build}")
        return kg.load(build)
    graph = kg.build([corpus], jobs=jobs)
    print(f"corpus: {corpus}, {len(graph.articles)} articles (keep a build to look at with kg build, then --build)")
    return graph


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--build", type=Path, help="read this finished build instead of building CORPUS")
    parser.add_argument("--max-unresolved", type=float, default=0.15,
                        help="largest share of nodes that may be unresolved (default 0.15)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the build (default 2)")
    parser.add_argument("--duplicates", type=Path, default=DEFAULT_DUPLICATES, help="groups of names of one entity")
    parser.add_argument("--all-actors", action="store_true",
                        help="count the actors of actors.csv in the duplicate groups, not only nodes")
    parser.add_argument("--candidates", type=int, default=40, help="candidate duplicates to show (0: all)")
    args = parser.parse_args(argv)
    groups = read_groups(args.duplicates)
    knowledge = load_or_build(args.corpus, args.build, args.jobs)
    graph, events, actors = knowledge.graph, knowledge.events, knowledge.actors
    dictionary = ActorDictionary.default()
    print(f"graph: {type(graph).__name__}, {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; "
          f"{len(events)} events; {len(actors)} actors in actors.csv")

    unresolved, share = unresolved_nodes(graph), unresolved_share(graph)
    print(f"\n1. unresolved nodes: {len(unresolved)} of {graph.number_of_nodes()} ({share:.1%}; "
          f"target <= {args.max_unresolved:.0%})")
    for node, name, mentions in unresolved:
        print(f"   {node:40s} {name!r}: {mentions} mentions")

    organisations = NewsOrganisations.known(dictionary)
    news = news_nodes(graph, organisations, dictionary)
    print(f"\n2. news organisations among the nodes: {len(news)} (target 0; {len(organisations.ids)} in the "
          f"dictionary, {len(organisations.names)} names)")
    for node, name, why in news:
        made = node_events(events, node)
        print(f"   {node} ({name!r}, {why}): {len(made)} events")
        for event in made.itertuples(index=False):
            print(f"      {event.article_id}@{event.sentence_start}: {event.source_text!r} ({event.source_id}) -> "
                  f"{event.target_text!r} ({event.target_id}), code {event.event_code}")

    counted = "node or actor id" if args.all_actors else "node id"
    print(f"\n3. duplicate groups ({args.duplicates.name}): each at most one {counted}")
    checks = [check_group(group, graph, dictionary, actors, args.all_actors) for group in groups]
    for check in checks:
        resolved = ", ".join(f"{name} -> {node or '-'}" for name, node in check.resolved.items())
        nodes = ", ".join(f"{node} ({'/'.join(sorted(names))})" for node, names in sorted(check.nodes.items()))
        extra = sorted(check.actors - check.ids)
        print(f"   {'PASS' if check.passes else 'MISS'} {' / '.join(check.group.names)} [{check.group.date}]: "
              f"{len(check.ids)} ids {sorted(check.ids)}")
        print(f"        dictionary: {resolved}")
        print(f"        graph nodes: {nodes or 'none'}" + (f"; other actors so named: {', '.join(extra)}" if extra else ""))

    candidates = candidate_duplicates(actors, dictionary)
    shown = candidates if args.candidates <= 0 else candidates[:args.candidates]
    print(f"\n   candidate duplicates among the actors (not a target): {len(candidates)}, "
          f"{len(shown)} most mentioned shown (* a graph node)")
    names = dict(zip(actors["actor_id"], actors["name"]))
    for candidate in shown:
        first, second = (f"{'*' if a in graph else ''}{a} ({names.get(a, '')!r})" for a in (candidate.first, candidate.second))
        print(f"   {candidate.kind:9s} {first} ~ {second}: {candidate.mentions[0]} and {candidate.mentions[1]} mentions")

    passed_groups = sum(check.passes for check in checks)
    rows = [("unresolved nodes", f"{share:.1%}", f"<= {args.max_unresolved:.0%}", share <= args.max_unresolved),
            ("news organisations as nodes", str(len(news)), "0", not news),
            ("duplicate groups in one node", f"{passed_groups}/{len(checks)}", f"{len(checks)}/{len(checks)}",
             passed_groups == len(checks))]
    print("\n| target | value | wanted | result |\n|---|---|---|---|")
    for name, value, wanted, passes in rows:
        print(f"| {name} | {value} | {wanted} | {'PASS' if passes else 'MISS'} |")
    return 0 if all(passes for *_, passes in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
