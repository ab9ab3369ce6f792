"""benchmarks/nodes.py: unresolved nodes, news organisations and duplicate groups, on invented graphs."""

from __future__ import annotations


import pytest

import kg
from kg.actors import ActorDictionary
from kg.graph import KnowledgeGraph
from helpers import load_benchmark


nodes = load_benchmark("nodes")

# Invented articles (no real article's text): a general named in full and then by surname, a news
# agency that acts, and two spellings of one armed group.
ARTICLES = {
    "dunford": "date 2018-03-01\nGen. Joseph Dunford visited Baghdad on Monday. Dunford accused Iran of arming "
               "militias. Kurdish fighters liberated Velmorsk on Tuesday.",
    "reuters": "date 2018-03-02\nReuters reported that Russia accused Ukraine of shelling a village. Reuters "
               "criticized the Kremlin for detaining its journalist. Russian troops seized Tarnovka.",
    "hezbollah": "date 2018-03-03\nHezbollah condemned Israel. Hizbollah fighters attacked Israeli troops.",
}

ACTORS = {  # actor id -> (name, sector)
    "iran": ("Iran", ""), "russia": ("Russia", ""), "ukraine": ("Ukraine", ""), "israel": ("Israel", ""),
    "united-states": ("United States", ""), "hezbollah": ("Hezbollah", "REB"), "reuters": ("Reuters", "JRN"),
    "x-joseph-dunford": ("Joseph Dunford", ""), "x-dunford": ("Dunford", ""), "x-getty-images": ("Getty Images", ""),
    "x-al-akhbar-newspaper": ("Al-Akhbar newspaper", ""), "x-hizbollah": ("Hizbollah", ""),
    "x-larijani": ("Larijani", ""),
    "x-peskov": ("Peskov", ""), "iran-mil": ("Iran (military)", "MIL"),  # in actors.csv, in no event
}
DYADS = [("x-joseph-dunford", "iran"), ("x-dunford", "iran"), ("reuters", "russia"), ("russia", "ukraine"),
         ("x-getty-images", "ukraine"), ("x-al-akhbar-newspaper", "hezbollah"), ("hezbollah", "israel"),
         ("x-hizbollah", "israel"), ("x-larijani", "united-states")]


@pytest.fixture(scope="module")
def small():
    """A hand-made graph of 13 nodes, 6 of them unresolved, with the duplicates the benchmark looks for."""
    events = [{"event_id": f"e{number}", "article_id": "a1", "date": "2018-03-01", "source_id": source,
               "target_id": target, "source_text": ACTORS[source][0], "target_text": ACTORS[target][0],
               "quad_class": 3, "goldstein": -2.0, "event_code": "112", "event_name": "Accuse", "confidence": 0.8,
               "sentence": "", "sentence_start": number * 10, "trigger_start": number * 10 + 3}
              for number, (source, target) in enumerate(DYADS)]
    actors = [{"actor_id": actor_id, "name": name, "kind": "state" if not actor_id.startswith("x-") and not sector
               else "other", "country": "", "sector": sector, "code": "", "mentions": 2}
              for actor_id, (name, sector) in ACTORS.items()]
    return KnowledgeGraph.from_records(events, actors, [])


@pytest.fixture(scope="module")
def dictionary():
    return ActorDictionary.default()


def test_unresolved_share_and_listing(small):
    graph = small.graph
    assert graph.number_of_nodes() == 13
    assert nodes.unresolved_share(graph) == pytest.approx(6 / 13)
    listed = nodes.unresolved_nodes(graph)
    assert [node for node, _, _ in listed] == sorted(n for n in ACTORS if n.startswith("x-") and n != "x-peskov")
    assert ("x-dunford", "Dunford", 2) in listed
    assert nodes.unresolved_share(KnowledgeGraph.from_records([], [], []).graph) == 0.0


def test_news_organisations(small, dictionary):
    organisations = nodes.NewsOrganisations.known(dictionary)
    assert {"reuters", "associated-press"} <= organisations.ids and {"ap", "getty images"} <= organisations.names
    assert "pool" not in organisations.names
    found = {node: why for node, _, why in nodes.news_nodes(small.graph, organisations, dictionary)}
    assert found == {"reuters": "sector JRN", "x-getty-images": "a news organisation's name",
                     "x-al-akhbar-newspaper": "a media word"}
    made = nodes.node_events(small.events, "reuters")
    assert list(zip(made["source_id"], made["target_id"])) == [("reuters", "russia")]


def test_duplicate_groups(small, dictionary):
    graph = small.graph
    dunford = nodes.check_group(nodes.Group(("Joseph Dunford", "Dunford")), graph, dictionary)
    assert dunford.ids == {"x-joseph-dunford", "x-dunford"} and not dunford.passes
    hezbollah = nodes.check_group(nodes.Group(("Hezbollah", "Hizbollah")), graph, dictionary)
    assert hezbollah.nodes == {"hezbollah": {"Hezbollah"}, "x-hizbollah": {"Hizbollah"}}  # by name and by slug
    assert not hezbollah.passes
    # The dictionary's node for the full name and the graph's node for the surname are two.
    larijani = nodes.check_group(nodes.Group(("Ali Larijani", "Larijani"), "2017-06-01"), graph, dictionary)
    assert larijani.resolved == {"Ali Larijani": "iran", "Larijani": None}
    assert larijani.ids == {"iran", "x-larijani"} and not larijani.passes
    united = nodes.check_group(nodes.Group(("the United States", "US", "America")), graph, dictionary)
    assert united.ids == {"united-states"} and united.passes
    # An actor in no event counts only with all_actors.
    peskov = nodes.Group(("Dmitry Peskov", "Peskov"))
    assert nodes.check_group(peskov, graph, dictionary, small.actors).passes
    assert not nodes.check_group(peskov, graph, dictionary, small.actors, all_actors=True).passes


def test_candidate_duplicates(small, dictionary):
    pairs = {(c.kind, c.first, c.second) for c in nodes.candidate_duplicates(small.actors, dictionary)}
    assert ("suffix", "x-dunford", "x-joseph-dunford") in pairs
    assert ("same node", "x-peskov", "russia") in pairs  # "Peskov" is the Kremlin's spokesman
    assert ("same node", "x-hizbollah", "hezbollah") in pairs
    assert not any({"iran", "iran-mil"} == {first, second} for _, first, second in pairs)  # both the dictionary's


def test_shipped_groups(dictionary):
    groups = nodes.read_groups(nodes.DEFAULT_DUPLICATES)
    names = {name for group in groups for name in group.names}
    assert {"al-Qaida", "MSF", "Islamic Emirate", "IS", "Daesh", "QSD", "Hizbollah", "America", "Dunford",
            "Larijani", "Abdeslam", "Hua"} <= names
    for group in groups:  # the dictionary itself never splits a group
        resolved = {ref.node.id for ref in (dictionary.resolve(name, group.date) for name in group.names) if ref}
        assert len(resolved) <= 1, (group.names, resolved)


def test_benchmark_on_a_build(nlp, tmp_path, capsys):
    corpus, outdir = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    built = kg.build([corpus], nlp=nlp)
    kg.save(built, outdir, html=False)
    graph, dictionary = built.graph, ActorDictionary.default()
    assert nodes.unresolved_share(graph) == len(nodes.unresolved_nodes(graph)) / graph.number_of_nodes()
    news = nodes.news_nodes(graph, nodes.NewsOrganisations.known(dictionary), dictionary)
    assert [node for node, _, _ in news] == ["reuters"]  # "Reuters criticized the Kremlin": Reuters acts
    made = nodes.node_events(built.events, "reuters")
    assert set(made["source_text"]) == {"Reuters"}
    for names in (("Hezbollah", "Hizbollah"), ("Joseph Dunford", "Dunford")):
        check = nodes.check_group(nodes.Group(names), graph, dictionary, built.actors, all_actors=True)
        assert check.passes, (names, check.ids)

    assert nodes.main([str(corpus), "--build", str(outdir)]) == 1  # Reuters is a node
    shown = capsys.readouterr().out
    assert "reuters ('Reuters', sector JRN): 1 events" in shown
    assert "| news organisations as nodes | 1 | 0 | MISS |" in shown
    assert "| duplicate groups in one node | 11/11 | 11/11 | PASS |" in shown
