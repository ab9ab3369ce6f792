"""kg.datagen.petrarch: PETRARCH-2's verb dictionary to kg's predicate file, on invented snippets
and (where ../shared is there, which CI does not have) on the real CAMEO.2.0.txt."""

from __future__ import annotations

import doctest
import textwrap
from pathlib import Path

import pytest

import kg
from kg.datafiles import parse_yaml, read_yaml
from kg.datagen import petrarch

REAL_SOURCE = Path("/work/shared/event_sources/petrarch2/CAMEO.2.0.txt")
COMMITTED = Path(kg.__file__).parent / "data" / "predicates" / petrarch.OUTPUT

SNIPPET = textwrap.dedent("""\
    # CAMEO VERB PATTERN DICTIONARY (comment)
    ####### SYNONYM SETS #######
    &CURRENCY
    # a comment inside a set
    +MONEY
    +CASH_
    +HARD_CURRENCY
    +MONEY
    &AUXVERB1_
    +WAS
    &MILITARY
    +ARMED_FORCES
    +TROOPS

    ####### VERB PATTERNS #######
    ---  ACCELERATE   [---]  ---
    HURRY {HURRIES HURRYING HURRIED }
    RUSH
    EXPEDITE  [042]  # OY 14 Mar 2006
    - * (TO)                                   [042:043]     # RUSH
    - * AID                                    [070]         # RUSH
    - * {ARMS SHIPMENT}                        [072]         # EXPEDITE
    - * &CURRENCY                              [073]
    - * {&MILITARY AID}                        [0232]
    - * POLICE (TO BORDER)                     [153]
    - * (TO BORDER)                            [154]
    - &MILITARY *                              [154]
    - * OFF TALK                               [164]
    - * (ON ALERT)                             [152]
    - * DEAL                                   [---]
    - * AID                                    [071]         # a duplicate: the first wins
    - * (BEFORE COURT)                         [:173]
    - * (TO {BANNED PARTIES}) $                [1722]
    - WILL NOT * (TOWARDS +)                   [030]
    - SHARPLY *                                [111]
    - * SANCTIONS AGAINST                      [1312]
    - * (TO PRESS) (FOR OUSTER)                [1041]
    - * &WEATHER                               [---]
    - * COMPUTER                               [176]
    - * FIRST MOVE                             [100]
    - * (BY/WITH &CURRENCY)                    [193]
    - *                                        [042]

    ---  ASK   [---]  ---
    +ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
    ASK     [020]
    - * HELP                                   [020]

    ---  ALLEVIATE   [---]  ---
    ALLEVIATE

    ---  HOST   [043:042]  ---
    ENTERTAIN
    EXPEDITE  [043]
    RIP {RIPPING RIPS RIPPED};shan   7/11/93
    - * DELEGATION                             [043]
    - * AID                                    [073]

    ~ a (a b ATTACK) SAY = a b 015
    """)


@pytest.fixture(scope="module")
def snippet() -> petrarch.Dictionary:
    return petrarch.read_dictionary(SNIPPET)


@pytest.fixture(scope="module")
def verbs(snippet) -> dict[str, dict]:
    return petrarch.merged_verbs(snippet.blocks)


RUSH_PATTERNS = [
    {"prep": "to", "code": "042"},
    {"object": "aid", "code": "070"},
    {"object": "arms shipment", "code": "072"},
    {"object": "&currency", "code": "073"},
    {"object": "&military aid", "code": "0232"},
    {"object": "police", "prep": "to", "prep_object": "border", "code": "153"},
    {"prep": "to", "prep_object": "border", "code": "154"},
    {"subject": "&military", "code": "154"},
    {"particle": "off", "object": "talk", "code": "164"},
    {"prep": "on", "prep_object": "alert", "code": "152"},
    {"object": "deal", "code": None},
]


def test_synonym_sets_are_lower_case_without_underscores_or_repeats(snippet):
    assert snippet.synonyms == {"currency": ["money", "cash", "hard currency"], "auxverb1": ["was"],
                                "military": ["armed forces", "troops"]}


def test_the_verbs_of_a_block_share_its_patterns_in_source_order(verbs):
    assert verbs["rush"] == {"patterns": RUSH_PATTERNS}
    assert verbs["hurry"] == {"forms": ["hurries", "hurrying", "hurried"], "patterns": RUSH_PATTERNS}


def test_a_verb_takes_its_own_code_else_the_blocks_and_none_for_the_null_code(verbs):
    assert "code" not in verbs["rush"]                   # ACCELERATE [---]: rush alone is no event
    assert verbs["entertain"]["code"] == "043"           # the block's [043:042]: its first code
    assert verbs["rip"] == {"forms": ["ripping", "rips", "ripped"], "code": "043",   # ";shan" is a comment
                            "patterns": [{"object": "delegation", "code": "043"}, {"object": "aid", "code": "073"}]}


def test_a_verb_with_neither_code_nor_pattern_is_left_out(verbs):
    assert "alleviate" not in verbs


def test_a_multi_word_verb_keeps_its_words_and_forms_in_order(verbs):
    assert verbs["ask for"] == {"forms": ["asked for", "asking for", "asks for"], "code": "020",
                                "patterns": [{"object": "help", "code": "020"}]}
    assert verbs["ask"] == {"patterns": [{"object": "help", "code": "020"}]}   # common: its own [020] is dropped


def test_a_common_verb_keeps_its_patterns_but_not_its_code():
    assert petrarch.common("help") and petrarch.common("join") and petrarch.common("expect")
    assert not petrarch.common("condemn") and not petrarch.common("disparage") and not petrarch.common("ask for")


def test_a_verb_in_two_blocks_merges_their_patterns_and_keeps_its_first_code(verbs):
    speed = verbs["expedite"]
    assert speed["code"] == "042"
    # HOST's "* AID [073]" repeats ACCELERATE's "* AID": the first listing's pattern stays
    assert speed["patterns"] == [*RUSH_PATTERNS, {"object": "delegation", "code": "043"}]


def test_dropped_patterns_are_counted_by_reason(snippet):
    counts = snippet.counts
    assert (counts["synonym sets"], counts["verb blocks"], counts["verb lines"], counts["verbs"]) == (3, 4, 9, 8)
    assert counts["patterns read"] == 26
    assert counts["patterns kept"] == 11 + 1 + 2
    assert {reason: counts[reason] for reason in (
        "duplicate", "empty first code", "marker", "pre-verb non-noun", "bare preposition",
        "several prepositional phrases", "undefined synonym set", "unknown code", "several objects",
        "disjunction", "empty")} == {
        "duplicate": 1, "empty first code": 1, "marker": 2, "pre-verb non-noun": 1, "bare preposition": 1,
        "several prepositional phrases": 1, "undefined synonym set": 1, "unknown code": 1, "several objects": 1,
        "disjunction": 1, "empty": 1}
    assert counts["transformations"] == 1


@pytest.mark.parametrize("line, entry", [
    ("- * {AIR_STRIKE}  [013]", {"object": "air strike", "code": "013"}),
    ("- * OUT (OF SUMMIT)  [164]", {"particle": "out", "prep": "of", "prep_object": "summit", "code": "164"}),
    ("- * MINISTER OUT  [161]", {"particle": "out", "object": "minister", "code": "161"}),
    ("- {AIR STRIKE} * DOWN  [195]", {"subject": "air strike", "particle": "down", "code": "195"}),
    ("- * (FOR {FINANCIAL AID})  [0231]", {"prep": "for", "prep_object": "financial aid", "code": "0231"}),
    ("- * (ASIDE ENMITY)  [050:050]", {"prep": "aside", "prep_object": "enmity", "code": "050"}),
    ("- SPY_ *  [090]", {"subject": "spy", "code": "090"}),
])
def test_parse_pattern(line, entry):
    assert petrarch.parse_pattern(line, {}).entry() == entry


@pytest.mark.parametrize("line, reason", [
    ("- * (IN ^)  [046]", "marker"),
    ("- % &AIRCRAFT *  [062:062]", "marker"),
    ("- * VENTURE (WITH VISIT)   VISIT)[042:043]", "unreadable"),
    ("- FIGHTER_&AIRCRAFT *  [195]", "unreadable"),
    ("- * DOWN (FROM)  [080!]", "unknown code"),
    ("- * (AT HEARING)  [:173]", "empty first code"),
    ("- MACHINE &WEAPON *  [193]", "several subjects"),
    ("- &REFUGEE (FROM CAMP) *  [073]", "pre-verb preposition"),
    ("- WILL *  [036:036]", "pre-verb non-noun"),
    ("- * (THE STAKES)  [012]", "not a preposition"),
    ("- * (TO A VOTE)  [014]", "several objects"),
    ("- * ON TRIP  [042:043]", "bare preposition"),
    ("- * (IN FAVOUR/FAVOR)  [053]", "disjunction"),
])
def test_parse_pattern_names_why_a_line_is_dropped(line, reason):
    with pytest.raises(petrarch.Dropped, match=f"^{reason}$"):
        petrarch.parse_pattern(line, {"weapon": [], "refugee": [], "aircraft": []})


def test_the_file_reads_back_as_the_entries_with_words_kept_as_strings(tmp_path, snippet, verbs):
    path, counts = petrarch.write_predicates(_source(tmp_path), tmp_path / "predicates")
    assert path == tmp_path / "predicates" / petrarch.OUTPUT
    assert counts["verbs written"] == len(verbs) == 7
    text = path.read_text(encoding="utf-8")
    assert "Copyright (c) 2015 Open Event Data Alliance" in text and petrarch.SOURCE_COMMIT in text
    assert "      - {particle: \"off\", object: talk, code: \"164\"}" in text   # compact, YAML 1.1-proof
    assert "patterns: &hurry" in text and "patterns: *hurry" in text       # one list for the block's verbs
    data = read_yaml(path, "predicate file")
    assert data == {"generated_from": f"{petrarch.SOURCE_REPO}@{petrarch.SOURCE_COMMIT}",
                    "synonyms": snippet.synonyms, "verbs": verbs}
    assert data["verbs"]["rush"]["patterns"][8]["particle"] == "off"
    assert list(data["verbs"]) == sorted(data["verbs"])
    assert [p.name for p in path.parent.iterdir()] == [petrarch.OUTPUT]   # no temporary file left


def test_writing_twice_gives_the_same_bytes(tmp_path):
    first, _ = petrarch.write_predicates(_source(tmp_path), tmp_path / "a")
    second, _ = petrarch.write_predicates(_source(tmp_path), tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("value", ["on", "off", "no", "yes", "null", "true", "070", "&food", "f/a-18", "50-caliber",
                                   "pa'anga", "ask for", "re-examine"])
def test_scalars_read_back_as_the_same_string(value):
    assert parse_yaml(f"key: {petrarch.scalar(value)}")["key"] == value


def test_main_writes_the_predicate_file_from_the_event_sources_beside_the_actor_sources(tmp_path, monkeypatch):
    pytest.importorskip("pycountry")   # kg.datagen.__main__ imports the actor converters
    from kg.datagen import __main__ as datagen_main

    actors_written = []
    monkeypatch.setattr(datagen_main.agents, "write_agents",
                        lambda sources, out: actors_written.append(out) or out / "a")
    monkeypatch.setattr(datagen_main.places, "write_states", lambda out: out / "s")
    monkeypatch.setattr(datagen_main.places, "write_places", lambda out: out / "p")
    monkeypatch.setattr(datagen_main.phoenix, "write_all", lambda sources, out: [])
    (tmp_path / "actor_sources").mkdir()
    events = tmp_path / "event_sources" / "petrarch2" / petrarch.SOURCE
    events.parent.mkdir(parents=True)
    events.write_text(SNIPPET, encoding="utf-8")
    datagen_main.main([str(tmp_path / "actor_sources"), str(tmp_path / "actors"),
                       "--predicates-outdir", str(tmp_path / "predicates")])
    assert read_yaml(tmp_path / "predicates" / petrarch.OUTPUT, "predicate file")["verbs"]["ask for"]["code"] == "020"

    actors_written.clear()
    with pytest.raises(SystemExit) as exit_info:
        datagen_main.main([str(tmp_path / "actor_sources"), str(tmp_path / "actors"),
                           "--events", str(tmp_path / "none.txt")])
    assert exit_info.value.code == 2 and actors_written == []   # nothing regenerated


def test_doctests():
    assert doctest.testmod(petrarch).failed == 0


@pytest.mark.skipif(not REAL_SOURCE.is_file(), reason="needs ../shared/event_sources (not in CI)")
def test_the_real_dictionary_and_the_committed_file(tmp_path):
    path, counts = petrarch.write_predicates(REAL_SOURCE, tmp_path)
    assert (counts["synonym sets"], counts["verb blocks"], counts["patterns read"]) == (40, 397, 4668)
    assert counts["marker"] == 100 and counts["transformations"] == 8
    assert 3900 <= counts["patterns kept"] <= 4300 and 1600 <= counts["verbs written"] <= 1800
    verbs = read_yaml(path, "predicate file")["verbs"]
    assert verbs["condemn"]["code"].startswith("11") and verbs["confer"]["code"].startswith("04")
    assert {"object": "aid", "code": "070"} in verbs["rush"]["patterns"]
    assert COMMITTED.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
        "kg/data/predicates/10-petrarch.yaml is not what the converter writes: run python -m kg.datagen")


def _source(tmp_path: Path) -> Path:
    source = tmp_path / petrarch.SOURCE
    source.write_text(SNIPPET, encoding="utf-8")
    return source
