"""Aliases and groups, and names that are not actors: the other names an actor goes by (acronyms
in other languages, old and new spellings, a state's rival authorities, a party named without its
country), and the names the entity recogniser finds that name no actor (weapons, exercises and
operations, summits, page furniture, photo credits). The data is in kg/data/actors/40-curated.yaml,
kg/data/actors/01-agents.yaml, kg/data/boilerplate.yaml and kg/data/credits.yaml. Every sentence
is invented."""

from __future__ import annotations

from importlib import resources

import pytest

from kg.actors import ActorDictionary, ActorLinker, resolve_actor
from kg.datafiles import parse_yaml
from kg.ingest import blank_boilerplate


def refs(doc) -> dict[str, str | None]:
    """Mention text -> its actor's node id (None for a mention that resolves to nothing)."""
    return {m.text: (m.ref.node.id if m.ref else None) for m in doc._.mentions.values()}


def codes(doc) -> dict[str, str | None]:
    """Mention text -> its actor's code."""
    return {m.text: (m.ref.code if m.ref else None) for m in doc._.mentions.values()}


def actors_named(doc) -> set[str]:
    """The texts of the mentions that resolve to an actor."""
    return {m.text for m in doc._.mentions.values() if m.ref is not None}


# --- 1. "IS" is the Islamic State, "is" is a verb ----------------------------------------------

def test_is_in_capitals_is_the_islamic_state():
    for name in ("IS", "ISIS", "ISIL", "Daesh", "IS group"):
        assert resolve_actor(name, "2016-01-01").actor.id == "islamic-state", name


@pytest.mark.parametrize("text", [
    "IS fighters stormed a checkpoint outside Deir ez-Zor on Monday.",
    "The village is quiet now, but IS claimed the ambush overnight.",
    "Kurdish commanders said IS had lost its last stronghold.",
])
def test_is_names_the_group_in_a_sentence(parse, text):
    assert refs(parse(text, "2017-06-01")).get("IS") == "islamic-state"


@pytest.mark.parametrize("text", [
    "The ceasefire is holding, and the border is open again.",
    "Is the truce over? The army is not sure, and it is waiting.",
    "What is clear is that the talks failed.",
])
def test_the_verb_is_names_no_one(parse, text):
    doc = parse(text, "2017-06-01")
    assert "islamic-state" not in refs(doc).values()
    assert not any(m.text.lower() == "is" for m in doc._.mentions.values())


# --- 2. One actor, several names -----------------------------------------------------------------

@pytest.mark.parametrize("names, node, code", [
    (["Syrian Democratic Forces", "SDF", "QSD", "Qasad"], "syrian-democratic-forces", "SYRREB"),
    (["Islamic Emirate", "the Islamic Emirate", "Islamic Emirate of Afghanistan", "Taliban"], "taliban", "AFGREB"),
    (["al-Qaeda", "al Qaeda", "Al Qaeda", "Al-Qaeda", "al-Qaida", "al Qaida", "Al-Qa'ida", "Al-Qa\u2019ida", "Qaeda",
      "Qaida", "al Qaeda Central"], "al-qaeda", None),
    (["Doctors Without Borders", "Medecins Sans Frontieres", "M\u00e9decins Sans Fronti\u00e8res", "MSF"],
     "doctors-without-borders", None),
])
def test_every_name_of_an_actor_gives_that_one_actor(names, node, code):
    found = {name: resolve_actor(name, "2019-03-01") for name in names}
    assert {name: ref.node.id for name, ref in found.items()} == {name: node for name in names}
    if code:
        assert {ref.code for ref in found.values()} == {code}


def test_the_two_names_of_msf_are_one_actor_in_a_parsed_text(parse):
    doc = parse("Doctors Without Borders said its hospital in Aden was shelled. M\u00e9decins Sans Fronti\u00e8res "
                "pulled out its staff, and MSF appealed for a truce.", "2018-04-01")
    found = refs(doc)
    assert found["Doctors Without Borders"] == found["M\u00e9decins Sans Fronti\u00e8res"] == found["MSF"] \
        == "doctors-without-borders", found


@pytest.mark.parametrize("text, name, node", [
    ("The QSD said its fighters had retaken the dam from the jihadists.", "QSD", "syrian-democratic-forces"),
    ("The Islamic Emirate said it would reopen the girls' schools.", "Islamic Emirate", "taliban"),
    ("Qaeda militants fled into the mountains after the raid.", "Qaeda", "al-qaeda"),
    ("Officials blamed al Qaida\u2019s branch in the Sahel for the attack.", "al Qaida", "al-qaeda"),
    # a longer name with the same spelling is the branch, not al-Qaeda itself
    ("al Qaeda in the Arabian Peninsula claimed the bombing in Mukalla.", "al Qaeda in the Arabian Peninsula", "aqap"),
    ("Al Qaida in the Islamic Maghreb kidnapped two engineers.", "Al Qaida in the Islamic Maghreb", "aqim"),
])
def test_other_names_resolve_in_a_sentence(parse, text, name, node):
    assert refs(parse(text, "2019-03-01")).get(name) == node


# --- 3. Libya's rival authorities --------------------------------------------------------------

@pytest.mark.parametrize("name, date, code", [
    ("Government of National Accord", "2016-06-01", "LBYGOV"),
    ("GNA", "2019-04-10", "LBYGOV"),
    ("Libyan National Army", "2019-04-10", "LBYMIL"),
    ("LNA", "2019-04-10", "LBYMIL"),
    ("Khalifa Haftar", "2019-04-10", "LBYMIL"),
    ("Haftar", "2020-01-15", "LBYMIL"),
    ("Haftar's forces", "2020-01-15", "LBYMIL"),
    ("Khalifa Haftar", "2011-06-01", "LBYREB"),       # a rebel commander against Gaddafi
    ("Abdul Hamid Dbeibah", "2023-05-01", "LBYGOV"),  # prime minister of the Government of National Unity
    ("Libya's Government of National Unity", "2022-05-01", "LBYGOV"),
])
def test_libyas_authorities_resolve_to_libya(name, date, code):
    ref = resolve_actor(name, date)
    assert (ref.country, ref.code) == ("LBY", code)


def test_a_government_of_national_unity_alone_tells_no_country():
    """Libya's (2021-), South Africa's (2024-) and others have borne the name: the name alone
    gives no state; the country named with it does."""
    assert resolve_actor("Government of National Unity", "2024-08-01").country == ""
    assert resolve_actor("South Africa's Government of National Unity", "2024-08-01").code == "ZAFGOV"


def test_libyan_rivals_in_a_sentence(parse):
    doc = parse("The LNA shelled Mitiga airport, and the Government of National Accord accused Haftar's forces "
                "of targeting civilians.", "2019-09-01")
    assert {k: v for k, v in codes(doc).items() if k != "Mitiga"} == {
        "LNA": "LBYMIL", "Government of National Accord": "LBYGOV", "Haftar": "LBYMIL"}


# --- 4. Coalitions -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date, node", [
    ("The US-led coalition struck a bridge near Raqqa.", "2016-02-01", "global-coalition-against-daesh"),
    ("The U.S.-led coalition struck a bridge near Raqqa.", "2016-02-01", "global-coalition-against-daesh"),
    ("The American-led coalition struck a bridge near Raqqa.", "2016-02-01", "global-coalition-against-daesh"),
    ("The US-led coalition struck a bridge near Kobani.", "2014-10-10", "global-coalition-against-daesh"),
    # before the coalition against the Islamic State was formed (2014-09-05), the US's own
    ("The US-led coalition handed over a base in Helmand.", "2014-08-20", "united-states-led-coalition"),
    ("The U.S.-led coalition entered Basra.", "2003-04-01", "united-states-led-coalition"),
    ("The Saudi-led coalition bombed the port of Hodeidah.", "2018-06-01", "saudi-led-coalition"),
    ("The Arab coalition denied bombing the port of Hodeidah.", "2018-06-01", "saudi-led-coalition"),
])
def test_the_coalition_an_actor_leads_on_the_date(parse, text, date, node):
    found = refs(parse(text, date))
    assert node in found.values(), found


def test_resolve_actor_agrees_with_the_pipeline_on_a_led_coalition():
    assert resolve_actor("the U.S.-led coalition", "2016-02-01").actor.id == "global-coalition-against-daesh"


# --- 5. Parties named without their country -------------------------------------------------------

@pytest.mark.parametrize("name, node, code", [
    ("GOP", "us-republican-party", "USAPTY"),
    ("the GOP", "us-republican-party", "USAPTY"),
    ("Republican Party", "us-republican-party", "USAPTY"),
    ("US Democratic Party", "us-democratic-party", "USAPTY"),
    ("Democratic National Committee", "us-democratic-party", "USAPTY"),
    ("Conservatives", "uk-conservative-party", "GBRPTY"),
    ("the Tories", "uk-conservative-party", "GBRPTY"),
    ("Conservative Party", "uk-conservative-party", "GBRPTY"),
    ("Liberal Democrats", "uk-liberal-democrats", "GBRPTY"),
    ("Lib Dems", "uk-liberal-democrats", "GBRPTY"),
    ("Britain's Labour Party", "uk-labour-party", "GBRPTY"),
    ("British Labour", "uk-labour-party", "GBRPTY"),
    ("Australian Labor Party", "australian-labor-party", "AUSPTY"),
    ("ALP", "australian-labor-party", "AUSPTY"),
    ("Israeli Labor Party", "israeli-labor-party", "ISRPTY"),
    ("Israel's Labour Party", "israeli-labor-party", "ISRPTY"),
    ("Irish Labour Party", "irish-labour-party", "IRLPTY"),
    ("New Zealand Labour Party", "new-zealand-labour-party", "NZLPTY"),
    ("NZ Labour", "new-zealand-labour-party", "NZLPTY"),
])
def test_a_party_resolves_with_its_country(name, node, code):
    ref = resolve_actor(name, "2019-06-01")
    assert (ref.node.id, ref.code, ref.kind) == (node, code, "party")


def _shared_names() -> dict[str, set[str]]:
    """Shared name -> the ids of the parties that 40-curated.yaml lists it under."""
    text = resources.files("kg").joinpath("data/actors/40-curated.yaml").read_text(encoding="utf-8")
    shared: dict[str, set[str]] = {}
    for entry in parse_yaml(text):
        for name in entry.get("shared_names") or []:
            shared.setdefault(name, set()).add(entry["id"])
    return shared


def test_a_name_several_parties_bear_is_listed_under_each():
    shared = _shared_names()
    assert shared["Labour"] == {"uk-labour-party", "irish-labour-party", "new-zealand-labour-party", "israeli-labor-party",
                                "australian-labor-party"}
    assert shared["Labor"] == {"australian-labor-party", "israeli-labor-party"}
    assert shared["Republicans"] == {"us-republican-party"} and shared["Democrats"] == {"us-democratic-party"}
    actors = ActorDictionary.default().actors
    countries = {actors[ident].country for ids in shared.values() for ident in ids}
    assert {"GBR", "IRL", "NZL", "ISR", "AUS", "USA"} <= countries


@pytest.mark.parametrize("name", ["Labour", "Labour Party", "Labor", "Labor Party", "Republicans", "Democrats"])
def test_a_name_several_parties_bear_picks_no_country_by_itself(name):
    """A shared name resolves to none of its parties by itself; the article's country picks one."""
    ref = resolve_actor(name, "2019-06-01")
    parties = {ident for ids in _shared_names().values() for ident in ids}
    assert ref is None or (ref.actor.id not in parties and ref.country == ""), ref


@pytest.mark.parametrize("name, country, node", [("Republicans", "United States", "us-republican-party"),
                                                  ("Democrats", "United States", "us-democratic-party"),
                                                  ("Labour", "Australia", "australian-labor-party")])
def test_a_shared_name_is_the_party_of_the_country_given(name, country, node):
    assert resolve_actor(name, "2019-06-01") is None   # France has Republicans, Italy Democrats
    assert resolve_actor(name, "2019-06-01", context=country).actor.id == node


@pytest.mark.parametrize("text, node", [
    ("New Zealand's prime minister said on Tuesday that Labour would back the bill.", "new-zealand-labour-party"),
    ("Theresa May faced a revolt in Britain as Labour accused her of betraying voters.", "uk-labour-party"),
    ("Labour accused the government of lying.", "x-labour"),   # no country named: no party in particular
])
def test_the_articles_country_picks_the_party_of_a_shared_name(parse, text, node):
    assert refs(parse(text, "2019-06-01"))["Labour"] == node


def test_parties_in_a_sentence(parse):
    doc = parse("Labour accused the Tories of betraying farmers, while the Lib Dems sided with the Conservatives.",
                "2019-06-01")
    found = refs(doc)
    assert found["the Tories"] == found["the Conservatives"] == "uk-conservative-party"
    assert found["the Lib Dems"] == "uk-liberal-democrats"
    assert found["Labour"] == "uk-labour-party"   # beside the British parties
    us = refs(parse("The GOP blocked the bill, and Australian Labor Party leaders praised Israel's Labor Party.",
                    "2019-06-01"))
    assert us["GOP"] == "us-republican-party"
    assert us["Australian Labor Party"] == "australian-labor-party"
    assert us["Israel's Labor Party"] == "israeli-labor-party"


# --- 6. Weapons and equipment are no actors ------------------------------------------------------

@pytest.mark.parametrize("text, actors", [
    ("Ukraine received Javelins and NLAWs from Britain, and the Javelin proved decisive.", {"Ukraine", "Britain"}),
    ("Germany delivered a Patriot battery, and Patriot missiles shot down a Kinzhal over Kyiv.", {"Germany", "Kyiv"}),
    ("Ukraine said HIMARS strikes hit the depots, while Bayraktar TB2 drones destroyed a convoy.", {"Ukraine"}),
    ("Russia fired Kalibr and Iskander missiles at Ukraine; a Stinger downed a Russian helicopter.",
     {"Russia", "Ukraine", "Russian"}),
    ("Berlin approved Leopard 2 tanks for Ukraine.", {"Berlin", "Ukraine"}),
    ("The Netherlands will send F-16s to Ukraine, and Turkey bought the S-400 from Russia.",
     {"The Netherlands", "Ukraine", "Turkey", "Russia"}),
    ("Kyiv said Storm Shadow missiles and ATACMS hit the bridge, and Russia said a Shahed struck Ukraine.",
     {"Kyiv", "Russia", "Ukraine"}),
])
def test_weapon_names_give_no_actor(parse, text, actors):
    assert actors_named(parse(text, "2023-03-01")) == actors


@pytest.mark.parametrize("text", [
    "Russia tested the Vityaz Thunder Missile System on Tuesday.",    # an unknown name with a weapon's head noun
    "Poland bought Vityaz Thunder Tanks from Seoul.",
    "Iran unveiled the Kowsar Drone at a parade.",
])
def test_an_unknown_name_with_a_weapons_head_noun_is_no_actor(parse, text):
    doc = parse(text, "2023-03-01")
    assert not any(m.ref and m.ref.actor.id.startswith("x-") for m in doc._.mentions.values()), refs(doc)


def test_a_surname_that_a_weapon_bears_still_names_the_person():
    linker = ActorLinker(ActorDictionary.default())
    assert linker._may_name_an_actor("Abrams") and linker._may_name_an_actor("Elliott Abrams")
    assert not linker._may_name_an_actor("M1 Abrams")


@pytest.mark.xfail(strict=True, reason="a name the recogniser cuts from its head noun ('Abrams' of 'Abrams "
                                       "tanks') needs the linker to read not_actor_heads on the entity's head")
def test_a_weapon_named_before_its_head_noun_is_no_actor(parse):
    assert actors_named(parse("Washington pledged Abrams tanks to Kyiv.", "2023-03-01")) == {"Washington", "Kyiv"}


# --- 7. Exercises, operations, summits and treaties are no actors -------------------------------

@pytest.mark.parametrize("text, actors", [
    ("NATO warned Moscow as Russia held the Zapad exercises with Belarus.", {"NATO", "Moscow", "Russia", "Belarus"}),
    ("China held the Sea Lion Drills near Taiwan.", {"China", "Taiwan"}),
    ("Israel launched Operation Protective Edge, and Hamas fired rockets at Ashkelon.", {"Israel", "Hamas"}),
    ("Turkey began Operation Peace Spring against the YPG.", {"Turkey", "YPG"}),
    ("Seoul and Washington began Foal Eagle, angering Pyongyang.", {"Seoul", "Washington", "Pyongyang"}),
    ("Delegates signed the Granite Bay Treaty in Oslo.", set()),
    ("Ministers met at the Granite Bay Summit in Oslo.", set()),
])
def test_exercises_operations_and_summits_give_no_actor(parse, text, actors):
    assert actors_named(parse(text, "2019-10-10")) == actors


def test_an_unknown_group_is_still_an_actor(parse):
    """The control: a name whose last word names no event is an actor the dictionary lacks."""
    assert refs(parse("Rebels attacked the Granite Bay Brigade in Oslo.", "2019-10-10"))[
        "the Granite Bay Brigade"] == "x-granite-bay-brigade"


def test_an_unknown_operation_is_no_actor(parse):
    assert actors_named(parse("Israel launched Operation Northern Lance against Hezbollah.", "2024-01-10")) == {
        "Israel", "Hezbollah"}


# --- 8. Page furniture is blanked before parsing -------------------------------------------------

FURNITURE = ["Replay More Videos", "MUST WATCH", "Sign up to First Edition, our free daily newsletter", "Read more",
             "Related", "Related Stories", "Advertisement", "Most Read", "Now Playing", "Watch: Smoke over the harbour",
             "Skip Advertisement", "Story continues below advertisement", "Up next"]
PROSE = ["Analysis: Iran warns of retaliation after the strike", "The group's newsletter called for attacks on the embassy.",
         "At the daily briefing, the spokesman said aid would flow free of charge.",
         "Related talks in Geneva failed on Monday.", "Replay footage showed the missile hitting the tower.",
         "Latest figures show 40 people died."]


@pytest.mark.parametrize("line", FURNITURE)
def test_a_furniture_line_is_blanked(line):
    text = f"Iran shelled the camp.\n{line}\nThe United States condemned Iran."
    blanked = blank_boilerplate(text)
    assert blanked.split("\n")[1].strip() == "" and len(blanked) == len(text)


@pytest.mark.parametrize("line", PROSE)
def test_a_line_of_the_article_is_kept(line):
    text = f"Iran shelled the camp.\n{line}\nThe United States condemned Iran."
    assert blank_boilerplate(text) == text


def test_page_furniture_gives_no_mention(parse):
    text = blank_boilerplate("Iran shelled the camp on Monday.\n" + "\n".join(FURNITURE) +
                             "\nThe United States condemned Iran.")
    assert not any(line in text for line in FURNITURE)
    doc = parse(text, "2023-05-01")
    assert {m.text for m in doc._.mentions.values()} == {"Iran", "United States"}


def test_furniture_glued_to_a_paragraph_is_blanked():
    assert blank_boilerplate("Iran shelled the camp.Replay More Videos") == "Iran shelled the camp." + " " * 18


# --- 9. Photo credits and bylines give no actor ---------------------------------------------------

@pytest.mark.parametrize("text, credit, actors", [
    ("Soldiers patrol the border. REUTERS/Stringer\nRussia shelled the town.", "REUTERS/Stringer", {"Russia"}),
    ("A protester in Tehran (AFP via Getty Images)\nIran arrested dozens.", "(AFP via Getty Images)", {"Iran"}),
    ("Rescuers search the rubble in Kharkiv. AFP via Getty Images\nRussia denied the attack.",
     "AFP via Getty Images", {"Russia"}),
    ("Smoke rises over the port.\nEPA\nIsrael struck the city.", "EPA", {"Israel"}),
    ("Smoke rises over the port. EPA\nIsrael struck the city.", "EPA", {"Israel"}),
    ("Israel struck the city. (AP Photo/Jane Roe)", "AP Photo/Jane Roe", {"Israel"}),
    ("Iran shelled the port. (AP Photo)\nIraq protested.", "(AP Photo)", {"Iran", "Iraq"}),
    ("Turkey shelled the border town, officials said.\nReuters", "Reuters", {"Turkey"}),
])
def test_a_credit_names_no_actor(parse, text, credit, actors):
    doc = parse(text, "2023-05-01")
    assert credit in [c.text for c in doc._.credits]
    assert actors_named(doc) == actors


def test_an_agency_in_the_text_is_still_an_actor(parse):
    """The EPA of the text is the US Environmental Protection Agency; Reuters quoted is the agency."""
    found = codes(parse("The EPA said it would appeal, Reuters reported.", "2023-05-01"))
    assert found["EPA"] == "USAGOV" and found["Reuters"] == "GBRJRN"
