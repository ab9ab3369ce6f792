"""Actor resolution: one canonical actor per real entity, with country, sector and code."""

from __future__ import annotations

import pytest

import kg
from kg.actors import ActorDictionary, resolve_actor
from kg.evaluate import actor_accuracy, read_cases
from helpers import ROOT

NGEC_CASES = ROOT / "tests" / "fixtures" / "actors_ngec.dev.jsonl"


def test_ngec_development_set_accuracy():
    """The targets are 95% (country) and 90% (sector), and kg reaches 95.4% and 91.6% with the
    Wikidata officeholders and legislators; the floors sit a case or two below."""
    scores = actor_accuracy(read_cases(NGEC_CASES))
    assert scores.country_cases > 100 and scores.sector_cases > 100
    assert scores.country >= 0.94, scores.misses
    assert scores.sector >= 0.90, scores.misses


@pytest.mark.parametrize("text, expected", [
    ("Iran", ("Iran", "IRN")), ("Hamas", ("Hamas", "PSE")), ("Russia", ("Russia", "RUS")),
    ("Israel", ("Israel", "ISR")), ("Ukraine", ("Ukraine", "UKR")), ("Turkey", ("Turkey", "TUR")),
    ("Fatah", ("Fatah", "PSE")), ("PLO", ("Palestine Liberation Organization", "PSE")),
    ("the UN", ("United Nations", "")), ("the West", ("the West", "")),
])
def test_seed_actors_resolve(text, expected):
    ref = resolve_actor(text, date="2024-01-21")
    assert (ref.name, ref.country) == expected


@pytest.mark.parametrize("text, country, sector, name", [
    ("Ali Bagheri Kani", "IRN", "GOV", "Iran"),
    ("Moussa Abu Marzouk", "PSE", "REB", "Hamas"),
    ("Dmitry Peskov", "RUS", "GOV", "Russia"),
    ("Erdogan", "TUR", "GOV", "Turkey"),
    ("Turkish President Recep Tayyip Erdogan", "TUR", "GOV", "Turkey"),
])
def test_seed_people_resolve_to_what_they_act_for(text, country, sector, name):
    ref = resolve_actor(text, date="2024-01-21")
    assert (ref.country, ref.sector, ref.name) == (country, sector, name)


def test_the_article_date_decides_a_persons_role():
    assert resolve_actor("Vladimir Putin", date="2009-01-01").code == "RUSGOV"
    assert resolve_actor("Angela Merkel", date="2017-04-01").code == "DEUGOV"
    assert resolve_actor("Angela Merkel", date="2022-01-10").sector == "ELI"   # a former official
    assert resolve_actor("Donald Trump", date="2019-04-01").sector == "GOV"
    assert resolve_actor("Donald Trump", date="2022-04-01").sector == "ELI"


@pytest.mark.parametrize("text, code", [
    ("Iran's foreign minister", "IRNGOV"), ("the Kremlin's spokesman", "RUSGOV"), ("Russian forces", "RUSMIL"),
    ("the Pentagon", "USAMIL"), ("Kyiv police", "UKRCOP"), ("Syrian rebels", "SYRREB"),
    ("the Israeli Foreign Ministry", "ISRGOV"),
])
def test_titles_and_agent_words_give_country_and_sector(text, code):
    assert resolve_actor(text).code == code


def test_one_node_per_entity_in_a_parsed_article(parse):
    doc = parse("Russia and the Kremlin spoke. Moscow is expected to offer Iran jets. Kremlin spokesman "
                "Dmitry Peskov said Russian forces will stay, and the Russian government agreed.", "2024-01-21")
    nodes = {m.text: m.ref.node.id for m in doc._.mentions.values() if m.ref}
    assert {nodes[name] for name in ("Russia", "Kremlin", "Moscow", "Dmitry Peskov", "Russian")} == {"russia"}


def test_places_are_not_actors(parse):
    doc = parse("Iran and Hamas held talks in Geneva. They met in Moscow near Grand Central Terminal.")
    refs = {m.text: m.ref for m in doc._.mentions.values()}
    assert refs.get("Geneva") is None and refs.get("Moscow") is None
    assert all(r is None or r.actor.kind != "other" for r in refs.values())


def test_buildings_and_regional_adjectives_are_not_actors(seed_graph, parse):
    # The small model takes "Grand Central Terminal" for an organisation.
    doc = parse("From New York City's Grand Central Terminal to Jakarta's US Embassy, crowds marched. "
                "Entities involved in Middle Eastern politics watch closely.")
    assert {m.text for m in doc._.mentions.values() if m.ref is not None} == {"Jakarta", "US"}
    assert seed_graph.unresolved().empty


@pytest.mark.parametrize("text, name, code", [
    # A one-word alias the sources give ("Paul", "Mohammad", "Rivera") must not cut a longer name short
    # and hand it to whoever else bears the word; the title then decides.
    ("U.S. negotiator Paul Nitze said so.", "Paul Nitze", "USA"),
    ("Pakistan President Mohammad Zia-Ul-Haq said so.", "Mohammad Zia-Ul-Haq", "PAKGOV"),
    ("Judge Alejandro Rivera said so.", "Alejandro Rivera", None),
    # Forms of address are no part of a name; a title makes a place-like name a person's.
    ("Sheikh Hamad bin Khalifa al-Thani said so.", "Hamad bin Khalifa al-Thani", "QATGOV"),
    ("Mr. Putin said so.", "Putin", "RUSGOV"),
    ("King Hassan of Morocco said so.", "Hassan", "MARGOV"),
    ("A member of the Syrian parliament, Mohammed Mamoun, said so.", "Mohammed Mamoun", "SYRLEG"),
])
def test_people_keep_their_whole_names(parse, text, name, code):
    mentions = {m.text: m.ref for m in parse(text, "2005-06-01")._.mentions.values()}
    assert name in mentions
    assert (mentions[name].code if mentions[name] and mentions[name].actor.kind != "other" else None) == code


def test_a_given_name_alone_names_no_one():
    assert resolve_actor("Mohammad") is None and resolve_actor("Kim") is None
    assert resolve_actor("Putin", date="2015-06-01").code == "RUSGOV"


def test_a_place_named_after_a_state_is_not_the_state(parse):
    doc = parse("Britain outlawed the largest extremist organization in Northern Ireland.")
    assert [m.text for m in doc._.mentions.values() if m.ref and m.ref.actor.country == "IRL"] == []


def test_a_states_rebels_are_a_node_of_their_own():
    rebels = resolve_actor("Syrian rebels")
    assert (rebels.node.id, rebels.name, rebels.kind, rebels.country) == (
        "syria-reb", "Syria (rebels)", "armed_group", "SYR")
    assert resolve_actor("the Syrian army").node.id == "syria"


def test_unknown_names_are_kept_as_unresolved_actors(nlp, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Zorblax Industries condemned Russia, and Zorblax Industries criticized Iran.", encoding="utf-8")
    graph = kg.build([article], nlp=nlp)
    unresolved = graph.unresolved()
    assert list(unresolved["name"]) == ["Zorblax Industries"] and list(unresolved["mentions"]) == [2]
    assert graph.actors.set_index("name").loc["Zorblax Industries", "kind"] == "other"


def test_users_extend_the_dictionary_with_their_own_file(tmp_path, capsys, copy_seeds):
    extra = tmp_path / "mine.yaml"
    extra.write_text("""
- id: zorblax
  name: Zorblax Industries
  kind: other
  country: USA
  sector: BUS
  code: USABUS
  aliases: [Zorblax]
- person: Ada Quill
  roles:
    - {actor: zorblax, title: chief executive, start: 2020-01-01}
""", encoding="utf-8")
    dictionary = ActorDictionary.default().extended([extra])
    assert resolve_actor("Zorblax", dictionary=dictionary).code == "USABUS"
    assert resolve_actor("Ada Quill", date="2024-01-01", dictionary=dictionary).name == "Zorblax Industries"
    assert resolve_actor("Zorblax") is None   # the packaged dictionary is unchanged
    article = copy_seeds / "extra.txt"
    article.write_text("Zorblax condemned Russia on Monday.", encoding="utf-8")
    from kg.cli import main
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out"), "--actors", str(extra)]) == 0
    events = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8")
    assert "zorblax,Zorblax Industries,other,USA,BUS,USABUS" in events


def test_a_bad_actor_file_is_named_in_the_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  name: X\n  kind: planet\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml: entry 1 is malformed \(kind 'planet' is not one of"):
        ActorDictionary.default().extended([bad])


# --- Officeholders and legislators (the Wikidata lists) ----------------------------------------

STATES = ROOT / "kg" / "data" / "actors" / "10-states.yaml"
ROLE_HEADER = "name,aliases,kind,country,actor,sector,title,start,end,source,ruler\n"


def officials(tmp_path, rows: str) -> ActorDictionary:
    path = tmp_path / "officials.csv"
    path.write_text(ROLE_HEADER + rows, encoding="utf-8")
    return ActorDictionary.from_files([STATES, path])


def test_looked_up_names_resolve_but_are_no_ruler_patterns(tmp_path):
    actors = officials(tmp_path, "Corwin Halvorsen,,person,NOR,,GOV,Minister of Fisheries,2019-01-01,,wikidata,no\n"
                                 "Ottilie Brandvold,,person,NOR,,GOV,Minister of Health,2019-01-01,,wikidata,\n")
    assert actors.lookup("Corwin Halvorsen", "2020-01-01").code == "NORGOV"
    patterns = {p["pattern"] for p in actors.ruler_patterns()}
    assert "Ottilie Brandvold" in patterns and "Corwin Halvorsen" not in patterns


def test_an_office_outranks_a_seat_in_parliament(tmp_path):
    actors = officials(tmp_path, "Corwin Halvorsen,,person,NOR,,LEG,member of the Storting,2013-10-01,,wikidata,no\n"
                                 "Corwin Halvorsen,,person,NOR,,GOV,Minister of Fisheries,2019-01-01,2021-10-14,wikidata,no\n")
    assert actors.lookup("Corwin Halvorsen", "2017-01-01").sector == "LEG"
    assert actors.lookup("Corwin Halvorsen", "2020-01-01").sector == "GOV"   # the later seat term does not hide it
    assert actors.lookup("Corwin Halvorsen", "2022-01-01").sector == "LEG"


def test_namesakes_in_two_states(tmp_path):
    actors = officials(tmp_path, "Amara Castell,,person,DNK,,LEG,member of the Folketing,2016-01-01,,wikidata,no\n"
                                 "Amara Castell,,person,NOR,,GOV,Minister of Tourism,2018-01-01,,wikidata,no\n"
                                 "Amara Castell,,person,SWE,,GOV,Minister of Trade,2020-01-01,,wikidata,no\n")
    assert actors.lookup("Amara Castell", "2017-01-01").country == "DNK"
    assert actors.lookup("Amara Castell", "2019-01-01").country == "NOR"   # a minister before a member
    assert actors.lookup("Amara Castell", "2021-01-01") is None   # two ministers, neither state dominant


def test_a_respelled_first_name_finds_the_one_person(tmp_path):
    actors = officials(tmp_path, "Evelyn Marakwet,,person,KEN,,GOV,Cabinet Secretary,2019-01-01,,wikidata,no\n"
                                 "Mohammed Aden Farah,,person,SOM,,GOV,Minister of Ports,2019-01-01,,wikidata,no\n")
    assert actors.lookup("Evelyne Marakwet", "2020-01-01").code == "KENGOV"
    assert actors.lookup("Mohamed Aden Farah", "2020-01-01").code == "SOMGOV"
    assert actors.lookup("Everett Marakwet", "2020-01-01") is None   # another first name, another person


@pytest.mark.parametrize("text, date, code", [
    ("Dominic Raab", "2018-08-01", "GBRGOV"),       # Brexit Secretary
    ("Dominic Raab", "2022-03-01", "GBRGOV"),       # Deputy Prime Minister
    ("David Davis", "2017-01-01", "GBRGOV"),        # not a town in Panama
    ("Xi", "2019-06-29", "CHNGOV"),                 # Chinese names that begin with the family name do not make "Xi" a given name
    ("Valery Gerasimov", "2020-01-01", "RUSMIL"),   # a service chief
    ("Kathleen Hicks", "2022-01-01", "USAGOV"),     # a deputy minister
])
def test_officeholders_of_the_wikidata_lists(text, date, code):
    assert resolve_actor(text, date=date).code == code


# --- Context before surnames, places, the press ------------------------------------------------

def refs_of(doc) -> dict:
    return {m.text: m.ref for m in doc._.mentions.values()}


def test_a_bare_surname_is_a_person_of_a_state_the_article_names(parse):
    about_us = refs_of(parse("The United States and Russia traded accusations on Monday. Obama, who left office "
                             "last year, said Washington must respond.", "2018-03-01"))
    assert (about_us["Obama"].code, about_us["Obama"].person) == ("USAELI", "Barack Obama")
    about_guinea = refs_of(parse("Equatorial Guinea's parliament met on Tuesday. Obama said the budget would "
                                 "pass.", "2018-03-01"))
    assert about_guinea["Obama"].country == "GNQ"
    # a surname the dictionary knows only in full: the one such person of the article's state
    british = refs_of(parse("Britain will send more troops to Estonia, Minister Ellwood told the House of "
                            "Commons.", "2018-01-10"))
    assert (british["Ellwood"].code, british["Ellwood"].person) == ("GBRGOV", "Tobias Ellwood")


def test_a_person_the_dictionary_lacks_is_one_node_in_full_and_by_surname(parse):
    doc = parse("Chinese Foreign Ministry spokeswoman Liu Chunxiao criticised Washington. Liu said the US "
                "should stop interfering.", "2016-01-10")
    refs = refs_of(doc)
    assert (refs["Liu"].code, refs["Liu"].person) == ("CHNGOV", "Liu Chunxiao")
    unknown = refs_of(parse("Torvald Quennesund, a Norwegian diplomat, met the Afghan envoy. Later, Quennesund "
                            "said the talks went well.", "2016-01-10"))
    assert unknown["Quennesund"] == unknown["Torvald Quennesund"]


@pytest.mark.parametrize("text, place", [
    ("Kurdish fighters liberated the city of Zorbakh on Friday.", "Zorbakh"),
    ("He was due to visit the towns of Zorbakh and Irpin.", "Zorbakh"),
    ("The fighters took the village of Gulat and Zorbakh in the east.", "Zorbakh"),
    ("The ministry said it had seized an airport at Zorbakh.", "Zorbakh"),
    ("Russian forces pounded Zorbakh, a town east of Kharkiv.", "Zorbakh"),
])
def test_an_unknown_name_written_as_a_place_is_no_actor(parse, text, place):
    doc = parse(text, "2022-03-01")
    assert refs_of(doc).get(place) is None
    assert not any(e.target.node.id.startswith("x-") or e.source.node.id.startswith("x-") for e in doc._.events)


def test_a_city_is_the_place_of_what_happens_to_it(parse):
    shelled = parse("Russian forces shelled Mykolaiv on Tuesday.", "2022-03-01")
    assert refs_of(shelled).get("Mykolaiv") is None   # no node of its own: the attack is on its state's people
    assert [(e.source.node.id, e.target.node.id) for e in shelled._.events] == [("russia", "ukraine-cvl")]
    capital = parse("The European Union imposed sanctions on Moscow.", "2022-03-01")
    assert refs_of(capital)["Moscow"].code == "RUSGOV"   # a capital names its government


def test_the_press_acts_only_as_the_subject_of_its_own_verb(parse):
    relayed = parse("To strike the U.S., it would need a range of 4,800 miles, Reuters reported.", "2017-07-05")
    assert not any("reuters" in (e.source.node.id, e.target.node.id) for e in relayed._.events)
    asked = parse("Asked by CBS News's Jeff Glor what he considers his biggest foe, Trump cited the EU.", "2018-07-15")
    assert not any(e.source.node.sector == "JRN" for e in asked._.events)
    acting = parse("Al Jazeera accused Saudi Arabia of harassing its journalists.", "2019-03-01")
    assert [(e.source.node.id, e.target.node.id) for e in acting._.events] == [("al-jazeera", "saudi-arabia")]


@pytest.mark.parametrize("text, name, wrong", [
    ("Ahmed Ali, a shopkeeper in Kabul, said the Taliban had threatened him.", "Ahmed Ali", "PAK"),
    ("Jon Stewart criticised Congress on Tuesday.", "Jon Stewart", "GBR"),   # no respelled John Stewart
    ("In Paris, the Republicans accused Macron of weakening France.", "Republicans", "USA"),
])
def test_a_common_name_is_no_stranger_from_the_long_lists(parse, text, name, wrong):
    """Only the leaders lists name people news names without their state: a name only the long
    officeholder and legislator lists know, a respelling of a common surname or a shared party
    name is not that person or party in an article about another state."""
    ref = refs_of(parse(text, "2019-06-01"))[name]
    assert ref is None or ref.country != wrong


def test_titles_and_the_press_act_as_their_people(parse):
    trong = refs_of(parse("General Secretary Nguyen Phu Trong met Chinese leaders in Beijing.", "2019-06-01"))
    assert trong["Secretary Nguyen Phu Trong"].code == "VNMGOV"   # a party's general secretary, not the military
    chief = parse("Al Jazeera's bureau chief accused Israeli forces of beating him.", "2019-06-01")
    assert [(e.source.node.id, e.target.node.id) for e in chief._.events] == [("al-jazeera", "israel")]
    assert refs_of(parse("Police questioned executives at Yunda Logistics.", "2019-06-01"))["Yunda Logistics"] is not None


def test_a_name_in_another_script_is_read_without_error(parse):
    doc = parse("ال ال", "2019-06-01")   # a name whose lookup key is empty
    assert all(m.ref is None or m.ref.actor.id.startswith("x-") for m in doc._.mentions.values())
