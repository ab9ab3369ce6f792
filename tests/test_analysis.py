"""kg.analysis and `kg analyze`: measures checked against NetworkX and by hand, and the seeds' ranking."""

from __future__ import annotations

import itertools
import random
import shutil

import networkx as nx
import pandas as pd
import pytest

from kg import analysis
from kg.cli import main
from kg.graph import KnowledgeGraph


def knowledge(*events: tuple[str, str, str, int, str]) -> KnowledgeGraph:
    """A knowledge graph of (source, target, event code, QuadClass, date) events."""
    rows = [{"event_id": f"e{number}", "article_id": f"a{number}", "date": date, "source_id": source,
             "target_id": target, "event_code": code, "event_name": code, "quad_class": quad,
             "goldstein": 3.0 if quad <= 2 else -5.0, "confidence": 0.9, "sentence": "", "sentence_start": 0,
             "trigger_start": 0}
            for number, (source, target, code, quad, date) in enumerate(events)]
    return KnowledgeGraph.from_records(rows, [], [])


def random_graph(seed: int, nodes: int = 30, probability: float = 0.2) -> nx.DiGraph:
    """A random dyad graph with event counts and QuadClass counts."""
    rng = random.Random(seed)
    graph = nx.DiGraph()
    for source, target in nx.gnp_random_graph(nodes, probability, seed=seed, directed=True).edges:
        cooperation, conflict = rng.randint(0, 4), rng.randint(0, 4)
        graph.add_edge(f"n{source:02d}", f"n{target:02d}", weight=max(1, cooperation + conflict),
                       verbal_cooperation=cooperation, material_conflict=conflict,
                       goldstein_mean=rng.choice([-2.0, 2.0]))
    return graph


def test_seed_ranking_puts_russia_and_israel_in_the_top_three(seed_graph):
    ranked = analysis.centrality(seed_graph.graph)
    assert {"Russia", "Israel"} <= set(ranked["name"].head(3))
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
    ordering = list(zip(-ranked["degree"], -ranked["strength"], ranked.index))
    assert ordering == sorted(ordering)


def test_kg_analyze_prints_the_ranking_and_writes_three_tables(seed_output, tmp_path, capsys):
    outdir = shutil.copytree(seed_output, tmp_path / "build")
    assert main(["analyze", str(outdir), "--top", "3"]) == 0
    printed = capsys.readouterr().out
    table_lines = printed.split("\n")[2:5]
    assert any("Russia" in line for line in table_lines) and any("Israel" in line for line in table_lines)
    assert "Iran" not in "\n".join(table_lines)
    written = {name: (outdir / name).read_bytes() for name in ("centrality.csv", "communities.csv", "dyads.csv")}
    ranked = pd.read_csv(outdir / "centrality.csv", keep_default_na=False)
    assert ranked["name"].head(3).tolist() == [line.split()[1] for line in table_lines]
    assert {"pagerank", "pagerank_undirected"} <= set(ranked) and "pagerank_undirected" in printed.split("\n")[1]
    assert set(pd.read_csv(outdir / "dyads.csv")["source_name"]) >= {"Russia", "Israel"}
    assert not list(outdir.glob(".*.tmp"))
    assert main(["analyze", str(outdir)]) == 0
    assert {name: (outdir / name).read_bytes() for name in written} == written


def test_kg_analyze_without_a_build_exits_2(tmp_path, capsys):
    assert main(["analyze", str(tmp_path)]) == 2
    assert "run 'kg build' first" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_exact_measures_match_networkx():
    graph = random_graph(1)
    for source, target, data in graph.edges(data=True):
        data["distance"] = 1 / data["weight"]
    ranked = analysis.centrality(graph)
    expected_betweenness = nx.betweenness_centrality(graph, weight="distance")
    expected_closeness = nx.closeness_centrality(graph, distance="distance")
    for node in graph:
        assert ranked.loc[node, "betweenness"] == pytest.approx(expected_betweenness[node], abs=1e-6)
        assert ranked.loc[node, "closeness"] == pytest.approx(expected_closeness[node], abs=1e-6)
        assert ranked.loc[node, "strength"] == graph.degree(node, weight="weight")
    assert ranked.loc["n00", "pagerank"] == pytest.approx(nx.pagerank(graph, weight="weight")["n00"], abs=1e-6)


def test_sampled_measures_are_seeded_and_estimate_the_exact_ones():
    graph = random_graph(2, nodes=80, probability=0.1)
    exact = analysis.closeness(graph)
    sampled = analysis.closeness(graph, pivots=40, seed=3)
    assert sampled.equals(analysis.closeness(graph, pivots=40, seed=3))
    assert not sampled.equals(exact)
    assert sampled.corr(exact) > 0.8
    betweenness = analysis.betweenness(graph, pivots=40, seed=3)
    assert betweenness.equals(analysis.betweenness(graph, pivots=40, seed=3))
    assert betweenness.corr(analysis.betweenness(graph)) > 0.8


def test_eigenvector_falls_back_to_katz_where_power_iteration_fails():
    chain = nx.DiGraph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 1})])
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(chain, weight="weight")
    ranked = analysis.centrality(chain)
    assert ranked.attrs["eigenvector_method"] == "katz"
    assert ranked.loc["c", "eigenvector"] > ranked.loc["b", "eigenvector"] > ranked.loc["a", "eigenvector"]
    cycle = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    assert analysis.centrality(cycle).attrs["eigenvector_method"] == "eigenvector"


def test_communities_separate_two_blocs_and_are_reproducible():
    graph = nx.DiGraph()
    for bloc in ("a", "b"):
        graph.add_edges_from(((f"{bloc}{i}", f"{bloc}{j}", {"weight": 4})
                              for i, j in itertools.permutations(range(4), 2)))
    graph.add_edge("a0", "b0", weight=1)
    groups = analysis.communities(graph, seed=7)
    assert groups.loc["a3", "community"] != groups.loc["b3", "community"]
    assert groups.groupby("community")["name"].apply(lambda names: {n[0] for n in names}).map(len).eq(1).all()
    assert (groups["community_size"] == 4).all()
    assert groups.equals(analysis.communities(graph, seed=7))


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_balance_counts_the_signed_triangles(seed):
    graph = random_graph(seed)
    signed = analysis.signed_graph(graph)
    balanced = unbalanced = 0
    for a, b, c in itertools.combinations(sorted(signed), 3):
        if signed.has_edge(a, b) and signed.has_edge(b, c) and signed.has_edge(a, c):
            product = signed[a][b]["sign"] * signed[b][c]["sign"] * signed[a][c]["sign"]
            balanced, unbalanced = balanced + (product > 0), unbalanced + (product < 0)
    result = analysis.balance(graph)
    assert (result["balanced"], result["unbalanced"]) == (balanced, unbalanced)
    assert result["balanced_share"] == pytest.approx(balanced / (balanced + unbalanced), abs=1e-6)


def test_allies_and_adversaries_sum_both_directions():
    kg = knowledge(("rus", "irn", "040", 1, "2024-01-01"), ("irn", "rus", "070", 2, "2024-01-02"),
                   ("rus", "ukr", "190", 4, "2024-01-03"), ("ukr", "rus", "040", 1, "2024-01-04"),
                   ("ukr", "rus", "111", 3, "2024-01-05"), ("tur", "rus", "040", 1, "2024-01-06"),
                   ("tur", "rus", "111", 3, "2024-01-07"))
    pairs = analysis.alliances(kg.graph)
    relation = {(row.actor_a, row.actor_b): row.relation for row in pairs.itertuples()}
    # Turkey: one for, one against, and the Goldstein sum (3 - 5) leans hostile.
    assert relation == {("irn", "rus"): "ally", ("rus", "ukr"): "adversary", ("rus", "tur"): "adversary"}
    assert pairs.loc[pairs["actor_a"] == "irn", "events"].item() == 2
    assert set(analysis.alliances(kg.graph, actor="tur")["actor_b"]) == {"tur"}
    per_actor = analysis.cooperation_conflict(kg.graph)
    assert per_actor.loc["rus", ["cooperation_sent", "conflict_sent", "cooperation_received",
                                 "conflict_received"]].tolist() == [1, 1, 3, 2]
    assert per_actor.index[0] == "irn"


def test_brokers_combine_betweenness_and_mediation():
    kg = knowledge(("egy", "hamas", "045", 1, "2024-01-01"), ("egy", "isr", "045", 1, "2024-01-01"),
                   ("hamas", "qat", "040", 1, "2024-01-02"), ("qat", "usa", "040", 1, "2024-01-02"),
                   ("usa", "isr", "040", 1, "2024-01-03"))
    table = analysis.brokers(kg)
    assert table.loc["egy", "mediations"] == 2 and table.loc["egy", "mediated"] == "hamas, isr"
    assert table.loc["qat", "mediations"] == 0 and table.loc["qat", "betweenness"] > 0
    assert table["betweenness"].is_monotonic_decreasing


def test_ego_network_keeps_the_actors_within_radius():
    graph = nx.DiGraph([("a", "b", {"weight": 1}), ("c", "b", {"weight": 2}), ("c", "d", {"weight": 1})])
    nx.set_node_attributes(graph, {"b": "Bravo"}, "name")
    near = analysis.ego_network(graph, "bravo")
    assert set(zip(near["source_id"], near["target_id"])) == {("a", "b"), ("c", "b")}
    assert len(analysis.ego_network(graph, "b", radius=2)) == 3
    with pytest.raises(ValueError, match="no actor 'zulu'"):
        analysis.ego_network(graph, "zulu")


def test_per_month_fills_empty_months_and_leaves_out_undated_events():
    kg = knowledge(("rus", "ukr", "190", 4, "2022-02-24"), ("rus", "ukr", "190", 4, "2022-02-25"),
                   ("tur", "rus", "040", 1, "2022-05-01"), ("tur", "ukr", "040", 1, ""))
    months = analysis.per_month(kg)
    assert months.index.tolist() == ["2022-02", "2022-03", "2022-04", "2022-05"]
    assert months["events"].tolist() == [2, 0, 0, 1]
    assert months.loc["2022-02", "material_conflict"] == 2 and months.loc["2022-02", "goldstein_mean"] == -5.0
    assert analysis.per_month(kg, actor="tur")["events"].tolist() == [1]


def test_changes_between_two_periods():
    kg = knowledge(("rus", "ukr", "190", 4, "2022-01-10"), ("tur", "rus", "040", 1, "2022-01-11"),
                   ("irn", "rus", "040", 1, "2022-01-12"), ("usa", "gbr", "040", 1, "2022-01-13"),
                   ("rus", "ukr", "190", 4, "2023-01-10"), ("rus", "ukr", "190", 4, "2023-01-11"),
                   ("tur", "rus", "111", 3, "2023-01-12"), ("chn", "rus", "040", 1, "2023-01-13"),
                   ("usa", "gbr", "040", 1, "2023-01-14"), ("chn", "usa", "111", 3, ""))
    table = analysis.changes(kg, ("2022", "2022"), ("2023", "2023"))
    assert dict(zip(zip(table["source_id"], table["target_id"]), table["change"])) == {
        ("chn", "rus"): "appeared", ("irn", "rus"): "disappeared", ("tur", "rus"): "changed sign",
        ("rus", "ukr"): "stronger"}
    assert table["change"].tolist() == ["appeared", "disappeared", "changed sign", "stronger"]
    assert sorted(analysis.between(kg, "2023-01-12", "2023-01-13").edges) == [("chn", "rus"), ("tur", "rus")]


def test_empty_graph_gives_empty_tables(tmp_path):
    tables = analysis.analysis_tables(KnowledgeGraph.from_records([], [], []))
    assert all(table.empty for table in tables.values())
    written = analysis.write_analysis(tables, tmp_path)
    assert pd.read_csv(written["centrality.csv"]).columns[:3].tolist() == ["actor_id", "rank", "name"]


def relations(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(row.actor_a, row.actor_b): row.relation for row in table.itertuples()}


def test_years_of_talks_with_threats_and_one_attack_are_not_an_alliance():
    # The US and North Korea in the news corpus: as many talks as threats, and a show of force.
    kg = knowledge(*[("united-states", "north-korea", "036", 1, f"2017-0{month}-01") for month in range(1, 6)],
                   *[("north-korea", "united-states", "130", 3, f"2017-0{month}-02") for month in range(1, 4)],
                   ("north-korea", "united-states", "150", 4, "2017-09-03"))
    row = analysis.alliances(kg).iloc[0]
    assert (row.cooperation, row.conflict) == (5, 4)  # more cooperation than conflict, event by event
    assert (row.score, row.relation) == (-1.0, "adversary")
    # Counting every event alike, as alliances() did, calls them allies.
    assert analysis.alliances(kg, weights={1: 1, 2: 1, 3: 1, 4: 1})["relation"].tolist() == ["ally"]
    # Two talks and an attack are adversaries.
    assert relations(analysis.alliances(knowledge(("a", "b", "040", 1, ""), ("b", "a", "040", 1, ""),
                                                  ("a", "b", "190", 4, "")))) == {("a", "b"): "adversary"}


def test_material_cooperation_outweighs_verbal_conflict():
    kg = knowledge(("usa", "ukr", "070", 2, "2022-03-01"), ("ukr", "usa", "111", 3, "2022-03-02"),
                   ("usa", "ukr", "112", 3, "2022-03-03"),
                   ("rus", "blr", "040", 1, "2022-03-01"), ("rus", "blr", "040", 1, "2022-03-02"),
                   ("blr", "rus", "163", 4, "2022-03-03"))
    pairs = analysis.alliances(kg)
    assert relations(pairs) == {("ukr", "usa"): "ally", ("blr", "rus"): "adversary"}
    ukraine = pairs.set_index("actor_a").loc["ukr"]
    assert ukraine[["material_cooperation", "verbal_conflict", "score"]].tolist() == [1, 2, 1.0]
    assert pairs["relation"].tolist() == ["ally", "adversary"]  # allies first
    # signed_graph and balance read the same sign as alliances.
    signed = analysis.signed_graph(kg.graph)
    assert (signed.edges["ukr", "usa"]["sign"], signed.edges["blr", "rus"]["sign"]) == (1, -1)


def test_alliances_over_a_period_differ_by_year():
    # Allies in 2018, adversaries in 2019; undated events count only when no period is given.
    kg = knowledge(("usa", "tur", "057", 1, "2018-02-01"), ("tur", "usa", "061", 2, "2018-06-30"),
                   ("usa", "tur", "163", 4, "2019-01-15"), ("tur", "usa", "111", 3, "2019-07-01"),
                   ("tur", "usa", "040", 1, "2019-07-02"), ("usa", "tur", "190", 4, ""),
                   ("irn", "usa", "111", 3, "2019-12-31"))
    assert relations(analysis.alliances(kg, "2018", "2018")) == {("tur", "usa"): "ally"}
    assert relations(analysis.alliances(kg, "2019-01", "2019-12")) == {("tur", "usa"): "adversary",
                                                                      ("irn", "usa"): "adversary"}
    # Inclusive bounds, as subgraph() reads them: "2018-06" ends on 30 June.
    assert analysis.alliances(kg, end="2018-06")["events"].tolist() == [2]
    assert analysis.alliances(kg, start="2018-07", end="2019-01-15")["events"].tolist() == [1]
    period = analysis.alliances(kg, "2019", None)
    assert period.equals(analysis.alliances(kg.subgraph(start="2019").graph))
    assert analysis.alliances(kg)["events"].sum() == 7

    by_year = analysis.alliances_by_year(kg)
    assert by_year.columns[0] == "year" and by_year.columns[1:].tolist() == period.columns.tolist()
    assert list(zip(by_year["year"], by_year["actor_a"], by_year["relation"])) == [
        ("2018", "tur", "ally"), ("2019", "tur", "adversary"), ("2019", "irn", "adversary")]
    assert by_year[by_year["year"] == "2019"].drop(columns="year").reset_index(drop=True).equals(
        analysis.alliances(kg, "2019", "2019"))
    assert analysis.alliances_by_year(kg, actor="tur")["year"].tolist() == ["2018", "2019"]
    assert analysis.alliances_by_year(KnowledgeGraph.from_records([], [], [])).columns[0] == "year"


def test_alliances_take_the_resolvers_names_and_check_their_arguments():
    kg = knowledge(("united-states", "north-korea", "040", 1, "2018-06-12"),
                   ("united-states", "russia", "111", 3, "2018-06-12"),
                   ("russia", "north-korea", "040", 1, "2019-04-25"))
    assert analysis.alliances(kg, actor="US")["actor_b"].tolist() == ["united-states", "united-states"]
    assert analysis.alliances(kg, "2019", actor="US").empty  # no US pair that year
    with pytest.raises(TypeError, match="needs the KnowledgeGraph"):
        analysis.alliances(kg.graph, "2018")
    with pytest.raises(ValueError, match="start must be a date"):
        analysis.alliances(kg, "2018-13")
    with pytest.raises(ValueError, match="QuadClass"):
        analysis.alliances(kg, weights={1: 1, 2: 3, 3: 1})
    with pytest.raises(ValueError, match="QuadClass"):
        analysis.alliances(kg, weights={1: 1, 2: -3, 3: 1, 4: 3})


def test_pagerank_undirected_is_the_pages_pagerank_and_differs_from_the_directed_one():
    # The US acts on four actors and nothing acts on it.
    graph = nx.DiGraph([("usa", target, {"weight": weight}) for target, weight in
                        (("irn", 3), ("prk", 1), ("cub", 1), ("ven", 1))])
    graph.add_edge("irn", "prk", weight=1)
    graph.add_edge("prk", "irn", weight=1)
    undirected = analysis.pagerank_undirected(graph)
    both_ways = nx.Graph()
    both_ways.add_weighted_edges_from([("usa", "irn", 3), ("usa", "prk", 1), ("usa", "cub", 1), ("usa", "ven", 1),
                                       ("irn", "prk", 2)])
    assert undirected == {node: round(rank, 4) for node, rank in nx.pagerank(both_ways).items()}
    assert max(undirected, key=undirected.get) == "usa"
    table = analysis.centrality(graph)
    assert table["pagerank_undirected"].to_dict() == undirected
    assert table["pagerank"].idxmin() == "usa"  # directed: acting on others gives no rank
    assert table["pagerank"].to_dict() == pytest.approx(nx.pagerank(graph, weight="weight"), abs=1e-6)
    kg = knowledge(("usa", "irn", "111", 3, ""), ("irn", "usa", "111", 3, ""))
    assert analysis.pagerank_undirected(kg) == analysis.pagerank_undirected(kg.graph) == {"irn": 0.5, "usa": 0.5}
    assert analysis.pagerank_undirected(nx.DiGraph()) == {}
