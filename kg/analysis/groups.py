"""Communities: groups of actors that deal more with each other than with the rest (Louvain).

>>> import networkx as nx
>>> g = nx.DiGraph([("a", "b", {"weight": 5}), ("b", "c", {"weight": 5}), ("c", "a", {"weight": 5}),
...                 ("d", "e", {"weight": 5}), ("e", "f", {"weight": 5}), ("f", "d", {"weight": 5}),
...                 ("c", "d", {"weight": 1})])
>>> communities(g)["community"].to_dict()
{'a': 0, 'b': 0, 'c': 0, 'd': 1, 'e': 1, 'f': 1}
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from kg.analysis._common import names, pair_table


def communities(graph: nx.DiGraph, *, seed: int = 0, resolution: float = 1.0) -> pd.DataFrame:
    """Louvain communities of the undirected graph weighted by events (both directions summed).

    Columns: ``name``, ``community`` (0 is the largest; ties go to the community with the
    smallest actor id) and ``community_size``; rows by community, then actor id. ``seed`` makes
    the result reproducible; a higher ``resolution`` gives smaller communities.
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph))
    pairs = pair_table(graph)
    undirected.add_weighted_edges_from(zip(pairs["actor_a"], pairs["actor_b"], pairs["weight"]))
    groups = nx.community.louvain_communities(undirected, weight="weight", resolution=resolution, seed=seed)
    groups = sorted((sorted(group) for group in groups), key=lambda members: (-len(members), members[0]))
    actor_names = names(graph)
    table = pd.DataFrame(
        [(actor, actor_names[actor], number, len(members))
         for number, members in enumerate(groups) for actor in members],
        columns=["actor_id", "name", "community", "community_size"])
    return table.set_index("actor_id")
