"""Actor phrases of modern news: names with digits, hyphenated abbreviations, coalitions an actor
leads, datelines and credits, capitals as possessors, forms of address. Every sentence is invented."""

from __future__ import annotations

import pytest
import spacy

from kg.actors import ActorDictionary, ActorLinker, CreditMarker, CreditRules, resolve_actor
from kg.nlp import split_abbreviation_hyphens


def refs(doc) -> dict[str, object]:
    """Mention text -> its actor's node id (None for a mention that resolves to nothing)."""
    return {m.text: (m.ref.node.id if m.ref else None) for m in doc._.mentions.values()}


# --- 1. Names with digits ---------------------------------------------------------------------

@pytest.mark.parametrize("text, name, node", [
    ("The G-7 ministers condemned the coup.", "G-7", "g7"),
    ("G7 leaders urged restraint.", "G7", "g7"),
    ("The G-20 finance ministers met in March.", "G-20", "g20"),
    ("G20 members rejected the plan.", "G20", "g20"),
    ("The G-8 suspended its talks.", "G-8", "g8"),
    ("The P5+1 negotiators offered Tehran relief.", "P5+1", "p5-plus-1"),
    ("E3 diplomats warned Iran.", "E3", "e3"),
    ("The EU3 criticised the test.", "EU3", "e3"),
])
def test_blocs_named_with_digits_are_actors(parse, text, name, node):
    assert refs(parse(text, "2016-05-01")).get(name) == node


def test_a_letter_and_a_digit_name_an_actor_only_when_the_dictionary_knows_them():
    linker = ActorLinker(ActorDictionary.default())
    assert all(linker._may_name_an_actor(name) for name in ("G7", "G-20", "P5+1", "E3", "EU3", "Iran"))
    assert not any(linker._may_name_an_actor(name) for name in ("F-16", "B-52", "T-72", "7", "S-"))
    assert resolve_actor("G-7").kind == "bloc" and resolve_actor("G8").name == "G8"


# --- 2. Hyphens after abbreviations -------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("a U.S.-brokered truce", ["U.S.", "-", "brokered"]),
    ("the U.N.-backed government", ["U.N.", "-", "backed"]),
    ("U.S.-Cuba relations", ["U.S.", "-", "Cuba"]),
    ("the Iran-Iraq war", ["Iran", "-", "Iraq"]),      # spaCy's own rule, still there
])
def test_a_hyphen_after_an_abbreviation_splits(nlp, text, words):
    doc = nlp.make_doc(text)
    tokens = [t.text for t in doc]
    assert any(tokens[i:i + len(words)] == words for i in range(len(tokens)))
    assert doc.text == text and all(text[t.idx:t.idx + len(t)] == t.text for t in doc)


@pytest.mark.parametrize("text, word", [("the U.S.- and EU-funded study", "U.S.-"), ("a No.-2 ranking", "No.-2")])
def test_a_hyphen_before_no_letter_stays(nlp, text, word):
    doc = nlp.make_doc(text)
    assert doc.text == text and word in [t.text for t in doc]


def test_the_split_is_spacys_documented_infix_and_applied_once():
    nlp = split_abbreviation_hyphens(split_abbreviation_hyphens(spacy.blank("en")))
    assert [t.text for t in nlp("U.S.-led")] == ["U.S.", "-", "led"]
    assert nlp.tokenizer.infix_finditer.__self__.pattern.count(r"(?<=[") >= 1


def test_abbreviations_before_a_hyphen_resolve(parse):
    doc = parse("A U.S.-brokered truce collapsed, and U.N.-backed forces blamed Cuba for U.S.-Cuba tensions.",
                "2016-05-01")
    found = [(m.text, m.ref.node.id) for m in doc._.mentions.values() if m.ref]
    assert ("U.S.", "united-states") in found and ("U.N.", "united-nations") in found
    assert [n for t, n in found if t == "U.S."] == ["united-states", "united-states"]
    assert refs(parse("The Iran-Iraq war ended."))["Iraq"] == "iraq"


# --- 3. Coalitions an actor leads -------------------------------------------------------------

@pytest.mark.parametrize("text, date, node", [
    ("The Saudi-led coalition shelled the harbour.", "2017-02-01", "saudi-led-coalition"),
    ("A Saudi Arabia-led coalition shelled the harbour.", "2017-02-01", "saudi-led-coalition"),
    ("The U.S.-led coalition bombed the bridge.", "2016-02-01", "global-coalition-against-daesh"),
    ("The US-led coalition bombed the bridge.", "2016-02-01", "global-coalition-against-daesh"),
    ("A U.S.-led international coalition bombed the bridge.", "2016-02-01", "global-coalition-against-daesh"),
    ("The international coalition against ISIS bombed the bridge.", "2016-02-01", "global-coalition-against-daesh"),
    ("The Global Coalition against Daesh met.", "2016-02-01", "global-coalition-against-daesh"),
    # outside the dates of the dictionary's coalitions, and for leaders it has none of: the leader's own
    ("The U.S.-led coalition bombed the bridge.", "2003-04-01", "united-states-led-coalition"),
    ("A French-led force retook the town.", "2013-02-01", "france-led-coalition"),
    ("Kenyan-led troops retook the town.", "2013-02-01", "kenya-led-coalition"),
    ("The coalition led by Nigeria retook the town.", "2013-02-01", "nigeria-led-coalition"),
    # what an organisation leads is the organisation's own
    ("A NATO-led mission patrolled the border.", "2008-02-01", "nato"),
])
def test_a_coalition_an_actor_leads_is_a_node_of_its_own(parse, text, date, node):
    doc = parse(text, date)
    coalitions = [m for m in doc._.mentions.values() if m.ref and m.ref.node.id == node]
    assert len(coalitions) == 1, refs(doc)
    assert coalitions[0].text.split()[-1] in ("coalition", "force", "troops", "mission", "Daesh", "ISIS")


def test_a_coalition_has_its_leaders_country_and_military_code():
    actors = ActorDictionary.default()
    ref = actors.coalition_led_by(actors.lookup("Saudi"), "2019-01-01")
    assert (ref.name, ref.kind, ref.country, ref.code) == ("Saudi-led coalition", "bloc", "SAU", "SAUMIL")
    mine = actors.coalition_led_by(actors.lookup("Kenya"), "2019-01-01")
    assert (mine.node.id, mine.name, mine.kind, mine.country, mine.code) == (
        "kenya-led-coalition", "Kenya-led coalition", "bloc", "KEN", "KENMIL")
    assert actors.coalition_led_by(actors.lookup("Hamas")) is None


@pytest.mark.parametrize("text, name, node", [
    ("The Kurdish-led Syrian Democratic Forces advanced.", "Syrian Democratic Forces", "syrian-democratic-forces"),
    ("A Hamas-led government took office.", "Hamas", "hamas"),
    ("U.S.-backed forces advanced.", "U.S.", "united-states"),
    ("Saudi-led talks resumed.", "Saudi", "saudi-arabia"),
])
def test_other_hyphenated_phrases_are_no_coalitions(parse, text, name, node):
    found = refs(parse(text, "2018-01-01"))
    assert found.get(name) == node and not any(n and n.endswith("coalition") for n in found.values()), found


def test_the_coalition_refers_back_to_the_coalition_named_before(parse):
    doc = parse("The Saudi-led coalition bombed the port. The coalition said the raids would go on.", "2018-01-01")
    coalition = next(t for t in doc if t.text == "coalition" and t.sent.start > 0)
    assert doc._.coref[coalition.i].actor.id == "saudi-led-coalition"
    alone = parse("The coalition said the raids would go on.", "2018-01-01")
    assert not alone._.coref and not alone._.mentions


def test_a_bloc_lives_nowhere(parse):
    found = refs(parse("The anti-ISIS coalition in Iraq struck, and Western countries in Africa protested.",
                       "2016-01-01"))
    assert found["anti-ISIS coalition"] == "global-coalition-against-daesh"
    assert found["Western countries"] == "the-west"


# --- 4. Datelines and credits -----------------------------------------------------------------

@pytest.mark.parametrize("text, credit, actors", [
    ("HARARE (Reuters) - Zimbabwe expelled a British diplomat.", "HARARE (Reuters) -", {"Zimbabwe", "British"}),
    ("CAIRO — Egypt closed the crossing.", "CAIRO —", {"Egypt"}),
    ("ANKARA, Turkey — Turkish troops shelled the town.", "ANKARA, Turkey —", {"Turkish"}),
    ("KYIV, Ukraine (AP) — Ukraine shelled the bridge.", "KYIV, Ukraine (AP) —", {"Ukraine"}),
    ("Nairobi (CNN) — Kenya recalled its envoy.", "Nairobi (CNN) —", {"Kenya"}),
    ("(AP) — Chile and Peru signed a pact.", "(AP) —", {"Chile", "Peru"}),
    ("Police cleared the square. REUTERS/John Doe", "REUTERS/John Doe", set()),
    ("Crowds marched. | John Doe/AFP/Getty Images Venezuela arrested dozens.", "| John Doe/AFP/Getty Images",
     {"Venezuela"}),
    ("(Photo by Jane Roe/AFP via Getty Images) Chile protested.", "(Photo by Jane Roe/AFP via Getty Images)",
     {"Chile"}),
])
def test_datelines_and_credits_name_no_actor(parse, text, credit, actors):
    doc = parse(text, "2019-01-01")
    assert [credit.text for credit in doc._.credits] == [credit]
    assert {m.text for m in doc._.mentions.values()} == actors
    assert doc.text == text  # marked, not removed
    after = doc._.credits[0].end
    assert after == len(doc) or doc[after].is_sent_start  # the sentence starts after it


def test_a_dateline_after_a_headline_is_marked(parse):
    doc = parse("Chile Recalls Envoy\n\nSANTIAGO (Reuters) - Chile recalled its envoy to Peru.", "2019-01-01")
    assert [credit.label for credit in doc._.credits] == ["DATELINE"]
    assert sorted(m.text for m in doc._.mentions.values()) == ["Chile", "Chile", "Peru"]


@pytest.mark.parametrize("text, actor", [
    ("NATO — the alliance — warned Russia.", "NATO"),            # an actor, not where a story was filed
    ("Reuters reported that Iran had tested a missile.", "Reuters"),
    ("Chile said AFP had left the country.", "AFP"),
    ("They met. Chile (AP) said no.", "Chile"),                  # datelines open a line
])
def test_agencies_and_names_outside_datelines_stay_actors(parse, text, actor):
    doc = parse(text, "2019-01-01")
    assert doc._.credits == [] and actor in {m.text for m in doc._.mentions.values() if m.ref}


def test_credit_patterns_are_data(tmp_path):
    rules = tmp_path / "credits.yaml"
    rules.write_text("agencies: [Zeta News]\ndatelines: ['{place}\\s*\\(\\s*{agency}\\s*\\)']\ncredits: []\n",
                     encoding="utf-8")
    marker = CreditMarker(ActorDictionary.default(), CreditRules.read(rules))
    doc = marker(spacy.blank("en")("LIMA (Zeta News) Peru voted."))
    assert [credit.text for credit in doc._.credits] == ["LIMA (Zeta News)"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("credits: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml: pattern"):
        CreditRules.read(bad)


# --- 5. Capitals as possessors, "the Islamic Republic", forms of address ------------------------

def test_a_capital_owning_what_a_government_does_acts(parse):
    found = refs(parse("Tehran's missile tests alarmed Riyadh, and Moscow's outskirts were shelled.", "2019-01-01"))
    assert found["Tehran"] == "iran" and found["Riyadh"] == "saudi-arabia"
    assert found["Moscow"] is None  # a place that a capital owns


def test_the_islamic_republic_is_iran(parse):
    found = refs(parse("The Islamic Republic rejected the offer of the Islamic Republic of Pakistan.", "2019-01-01"))
    assert found == {"Islamic Republic": "iran", "Islamic Republic of Pakistan": "pakistan"}


def test_a_form_of_address_before_a_surname_changes_nothing(parse):
    doc = parse("Chilean President Gabriel Boric met Vladimir Putin. Later Mr. Putin thanked Mr. Boric, "
                "and Boric thanked Putin.", "2023-01-01")
    by_text: dict[str, set] = {}
    for mention in doc._.mentions.values():
        by_text.setdefault(mention.text, set()).add(mention.ref.node.id if mention.ref else None)
    assert by_text["Putin"] == {"russia"} and by_text["Boric"] == {"chile"}
    alone = parse("Mr. Okonkwo arrived, and Okonkwo spoke.", "2023-01-01")
    assert len({m.ref.node.id if m.ref else None for m in alone._.mentions.values()}) == 1


# --- A name written with "the" ------------------------------------------------------------------

def test_a_name_with_its_the_opens_a_sentence_and_loses_to_a_place_it_begins(parse):
    found = refs(parse("The West condemned the raid on the West Bank.", "2019-01-01"))
    assert found["The West"] == "the-west" and "the West Bank" in found and found["the West Bank"] != "the-west"
    assert "the West" not in found
    assert refs(parse("Troops entered West Darfur, and the West protested.", "2019-01-01"))["the West"] == "the-west"


# --- A people named with another state's adjective ------------------------------------------------

def test_a_people_with_another_states_adjective_are_that_states_civilians(nlp, parse):
    from kg.actors import mention_ref
    dictionary = nlp.get_pipe("kg_actor_linker").dictionary
    for text, state in (("Iraqi Kurds demonstrated in Kirkuk.", "iraq"), ("Bosnian Serbs demanded a truce.",
                                                                          "bosnia-and-herzegovina")):
        subject = next(t for t in parse(text, "2000-01-01") if t.dep_ == "nsubj")
        ref = mention_ref(subject, dictionary)
        assert (ref.actor.id, ref.sector) == (state, "CVL"), text
    kurds = next(t for t in parse("Kurds protested in Berlin.", "2000-01-01") if t.dep_ == "nsubj")
    assert mention_ref(kurds, dictionary).actor.id == "kurds"  # no other state named: the people itself
    serbs = next(t for t in parse("Serbs demanded a truce.", "2000-01-01") if t.dep_ == "nsubj")
    assert mention_ref(serbs, dictionary).actor.id == "serbia"
