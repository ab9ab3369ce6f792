"""Actors and events from real parses (the packaged spaCy model)."""

from __future__ import annotations

import pytest

from helpers import events_of


def test_seed_graph_has_the_required_events(seed_graph):
    events = {(r.source_name, r.event_root, r.target_name) for r in seed_graph.events.itertuples()}
    assert ("Iran", "04", "Hamas") in events
    assert ("Israel", "11", "Russia") in events
    for partner in ("Hamas", "Israel"):  # "offering mediation assistance between Hamas and Israel": 03 or 04
        assert {("Russia", "03", partner), ("Russia", "04", partner)} & events
    assert ("Hamas", "04", "Fatah") in events


def test_every_event_keeps_its_evidence(seed_graph):
    texts = {a.article_id: (a.path, a.characters) for a in seed_graph.articles.itertuples()}
    from kg.ingest import read_file
    for row in seed_graph.events.itertuples():
        (article,) = read_file(texts[row.article_id][0])
        assert article.text[row.sentence_start:row.sentence_end] == row.sentence
        assert row.sentence_start <= row.trigger_start < row.sentence_end
        assert row.sentence[row.trigger_start - row.sentence_start:].startswith(row.trigger)
        assert row.date == (article.date or "")


@pytest.mark.parametrize("text, expected", [
    ("Israel condemned Russia on Monday.", {("Israel", "11", "Russia")}),
    ("Russia was condemned by Israel.", {("Israel", "11", "Russia")}),
    ("Hamas and Fatah met in Moscow.", {("Hamas", "04", "Fatah")}),
    ("The United States and the United Kingdom sanctioned Russia.",
     {("United States", "16", "Russia"), ("United Kingdom", "16", "Russia")}),
    ("Turkish President Recep Tayyip Erdogan accused the West and urged Israel to halt the attacks.",
     {("Turkey", "11", "the West"), ("Turkey", "02", "Israel")}),
])
def test_sentence_events(parse, text, expected):
    assert events_of(parse(text, "2024-01-21")) == expected


@pytest.mark.parametrize("text", [
    "Israel did not condemn Russia.",
    "Iran and Hamas held talks in Geneva with no Israeli officials present, said Qatar, without naming them.",
])
def test_no_false_events(parse, text):
    events = events_of(parse(text))
    assert all(source != "Qatar" and target != "Israel" for source, _, target in events)
    if "not" in text:
        assert events == set()


def test_people_and_roles_resolve_to_their_state(parse):
    doc = parse("Dmitry Peskov, the Kremlin's spokesman, defended the invitation, and the Iranian envoy, "
                "Ali Bagheri Kani, met Hamas representative Moussa Abu Marzouk.", "2024-01-21")
    refs = {m.text: (m.ref.actor.name, m.ref.sector) for m in doc._.mentions.values() if m.ref}
    assert refs["Dmitry Peskov"] == ("Russia", "GOV")
    assert refs["the Kremlin"] == ("Russia", "GOV")
    assert refs["Ali Bagheri Kani"] == ("Iran", "GOV")
    assert refs["Moussa Abu Marzouk"] == ("Hamas", "REB")


def test_capital_used_as_a_place_is_no_actor(parse):
    doc = parse("Iran met Hamas in Moscow. Moscow is expected to offer Iran jets.")
    moscow = [m for m in doc._.mentions.values() if m.text == "Moscow"]
    assert [m.ref is None for m in moscow] == [True, False]
    assert ("Russia", "03", "Iran") in events_of(doc)
