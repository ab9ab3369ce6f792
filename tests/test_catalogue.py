"""The construction catalogue (tests/catalogue.yaml): sentences that show every named construction,
every phrase construction of kg.events.arguments and every assertion status, with the events each
must and must not give.

One test per sentence (ids like ``passive_agent-1``); a sentence marked ``xfail`` in the catalogue
is a known gap of the rules and runs as a strict xfail, so that a fix shows up as XPASS. The
meta-tests check that the catalogue covers everything kg names, and names nothing it does not.
"""

from __future__ import annotations

import inspect
import re
from importlib import resources
from pathlib import Path

import pytest

from kg.datafiles import read_yaml
from kg.events import arguments, assertion
from kg.events.constructions import Trigger

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue.yaml"
CONSTRUCTIONS_PATH = Path(str(resources.files("kg").joinpath("data/constructions.yaml")))
SECTIONS = ("constructions", "phrases", "assertion")
SENTENCE_KEYS = {"text", "date", "events", "not", "by", "trigger", "xfail"}
MIN_SENTENCES = 2

# The phrase constructions of kg.events.arguments, each with what implements it there: a renamed or
# removed one fails test_phrase_constructions_exist.
PHRASES = {
    "coordination": [(arguments.ArgumentReader, "read")],               # "the US and the UK"
    "listing": [(arguments, "LISTING_PREPOSITIONS"), (arguments, "_such_as")],  # "including", "like", "such as"
    "membership": [(arguments.ArgumentReader, "_members")],             # "representatives of Hamas"
    "relative_pronoun": [(arguments.ArgumentReader, "_antecedent")],    # "Hamas, which attacked ..."
    "event_participants": [(arguments.ArgumentReader, "participants")],  # "condemned Russia's invasion"
    "place_as_state": [(arguments.ArgumentReader, "place")],            # "arrived in Amman"
    "wide_target": [(arguments, "WIDE_TARGET_PREPOSITIONS")],           # "the decision of the EU"
    "local_actor": [(arguments.ArgumentReader, "_local_actor")],        # "demonstrators in Lagos"
    "unknown_name": [(arguments.ArgumentReader, "_may_act")],           # "Al-Ansi blamed France"
}

# The reasons the assertion step gives for not asserting an event (AssertionRules._not_asserted and
# _denied); test_reasons_are_those_of_the_assertion_step keeps this list in step with the code.
REASONS = ("negated", "negated_clause", "condition", "reason", "obligation", "content", "negated_content",
           "nested", "purpose", "light_verb", "deferred", "possibility", "unrealised")
STATUSES = tuple(assertion.KEPT) + REASONS

EVENT = re.compile(r"^(?P<source>.+?) (?P<code>\d{2,4}) (?P<target>.+)$")


def _catalogue() -> dict:
    data = read_yaml(CATALOGUE_PATH, "construction catalogue") or {}
    return data


CATALOGUE = _catalogue()
DEFAULT_DATE = str(CATALOGUE.get("date") or "") or None


def _construction_names() -> set[str]:
    return set((read_yaml(CONSTRUCTIONS_PATH, "construction file") or {}).get("constructions") or {})


def _sentences():
    """(section, entry, number, sentence) for every sentence of the catalogue."""
    for section in SECTIONS:
        for entry, sentences in (CATALOGUE.get(section) or {}).items():
            for number, sentence in enumerate(sentences or [], 1):
                yield section, entry, number, sentence


def _params():
    for section, entry, number, sentence in _sentences():
        marks = [pytest.mark.xfail(strict=True, reason=str(sentence["xfail"]))] if sentence.get("xfail") else []
        yield pytest.param(section, entry, sentence, id=f"{entry}-{number}", marks=marks)


def parse_event(text: str) -> tuple[str, str, str]:
    """``"Israel 11 Russia"`` -> ``("Israel", "11", "Russia")``: source name, code (its root or a
    longer prefix of the code), target name."""
    found = EVENT.match(text.strip())
    if found is None:
        raise ValueError(f"not an event (source, 2-4 digit code, target): {text!r}")
    return found["source"], found["code"], found["target"]


def _fits(event, wanted: tuple[str, str, str]) -> bool:
    source, code, target = wanted
    return event.source.actor.name == source and event.code.startswith(code) and event.target.actor.name == target


def _by_fits(event, by: str) -> bool:
    """``by`` is a whole ``source_rule>target_rule`` or one construction name on either side."""
    return event.construction == by or by in event.construction.split(">")


def _describe(events) -> str:
    return "\n".join(f"  {e.source.actor.name} {e.code} {e.target.actor.name}  [{e.construction}, {e.assertion}]"
                     for e in events) or "  (none)"


@pytest.mark.parametrize("section, entry, sentence", list(_params()))
def test_catalogue_sentence(parse, nlp, section, entry, sentence):
    date = sentence.get("date", DEFAULT_DATE)
    doc = parse(sentence["text"], None if date is None else str(date))
    events = list(doc._.events)
    found = f"{sentence['text']!r} gave:\n{_describe(events)}"
    status = entry if section == "assertion" and entry in assertion.KEPT else None
    for item in sentence.get("events") or []:
        wanted = parse_event(item)
        fitting = [e for e in events if _fits(e, wanted)]
        assert fitting, f"missing {item!r}; {found}"
        if status:
            assert any(e.assertion == status for e in fitting), f"{item!r} is not {status}; {found}"
    for item in sentence.get("not") or []:
        unwanted = parse_event(item)
        assert not [e for e in events if _fits(e, unwanted)], f"unwanted {item!r}; {found}"
    if sentence.get("by"):
        expected = [e for item in sentence.get("events") or [] for e in events if _fits(e, parse_event(item))]
        assert any(_by_fits(e, sentence["by"]) for e in expected), \
            f"no expected event found by {sentence['by']!r}; {found}"
    if sentence.get("trigger"):
        extractor = nlp.get_pipe("kg_event_extractor")
        words = [t for t in doc if t.text == sentence["trigger"]]
        assert words, f"no word {sentence['trigger']!r} in {sentence['text']!r}"
        match = extractor.predicates.match(words[0])
        assert match is not None, f"{sentence['trigger']!r} is no predicate in {sentence['text']!r}"
        assessed = extractor.assertion.assess(Trigger(words[0], match, words[0].sent)).status
        assert assessed == entry, f"{sentence['trigger']!r} is {assessed!r}, not {entry!r}; {found}"


# --- the catalogue itself -----------------------------------------------------------------------------

def test_catalogue_has_only_known_sections():
    assert set(CATALOGUE) <= set(SECTIONS) | {"date"}


@pytest.mark.parametrize("section, entry, number, sentence",
                         [pytest.param(*s, id=f"{s[1]}-{s[2]}") for s in _sentences()])
def test_catalogue_sentence_is_well_formed(section, entry, number, sentence):
    assert isinstance(sentence, dict) and sentence.get("text"), "a sentence needs its text"
    assert set(sentence) <= SENTENCE_KEYS, f"unknown keys {set(sentence) - SENTENCE_KEYS}"
    for item in [*(sentence.get("events") or []), *(sentence.get("not") or [])]:
        parse_event(item)
    assert sentence.get("events") or sentence.get("not"), "a sentence needs events or not"
    if sentence.get("by"):
        assert section == "constructions" and sentence.get("events"), "by is for a construction's expected events"
        names = _construction_names()
        unknown = set(str(sentence["by"]).split(">")) - {""} - names
        assert not unknown, f"by names an unknown construction: {sorted(unknown)}"
    if sentence.get("trigger"):
        assert section == "assertion", "trigger is for an assertion status"
    words = len(sentence["text"].split())
    assert words <= 30, f"keep catalogue sentences short ({words} words)"


def test_every_construction_has_sentences():
    entries = CATALOGUE.get("constructions") or {}
    thin = {name: len(entries.get(name) or []) for name in _construction_names()
            if len(entries.get(name) or []) < MIN_SENTENCES}
    assert not thin, f"constructions with fewer than {MIN_SENTENCES} sentences: {thin}"


def test_every_construction_entry_proves_its_construction():
    """At least one sentence of each construction has an event found by it (a known gap, xfail, counts:
    it is strict, so its fix shows)."""
    unproved = [name for name, sentences in (CATALOGUE.get("constructions") or {}).items()
                if not any(s.get("by") and name in str(s["by"]).split(">") for s in sentences or [])]
    assert not unproved, f"no sentence shows an event found by: {unproved}"


def test_every_catalogue_construction_is_known():
    unknown = set(CATALOGUE.get("constructions") or {}) - _construction_names()
    assert not unknown, f"catalogue entries of unknown constructions (renamed?): {sorted(unknown)}"


def test_every_phrase_construction_has_sentences():
    entries = CATALOGUE.get("phrases") or {}
    assert set(entries) <= set(PHRASES), f"unknown phrase constructions: {sorted(set(entries) - set(PHRASES))}"
    thin = {name: len(entries.get(name) or []) for name in PHRASES if len(entries.get(name) or []) < MIN_SENTENCES}
    assert not thin, f"phrase constructions with fewer than {MIN_SENTENCES} sentences: {thin}"


@pytest.mark.parametrize("name", PHRASES)
def test_phrase_constructions_exist(name):
    for owner, attribute in PHRASES[name]:
        assert hasattr(owner, attribute), f"kg.events.arguments has no {attribute} for the phrase construction {name}"


def test_every_assertion_status_has_sentences():
    entries = CATALOGUE.get("assertion") or {}
    assert set(entries) <= set(STATUSES), f"unknown assertion statuses: {sorted(set(entries) - set(STATUSES))}"
    thin = {name: len(entries.get(name) or []) for name in STATUSES if len(entries.get(name) or []) < MIN_SENTENCES}
    assert not thin, f"assertion statuses with fewer than {MIN_SENTENCES} sentences: {thin}"


def test_every_reason_entry_proves_its_reason():
    """At least one sentence of each reason checks a word's assessment."""
    entries = CATALOGUE.get("assertion") or {}
    unproved = [name for name in REASONS if not any(s.get("trigger") for s in entries.get(name) or [])]
    assert not unproved, f"no sentence checks a word's assessment for: {unproved}"


def test_reasons_are_those_of_the_assertion_step():
    rules = assertion.AssertionRules
    source = inspect.getsource(rules._not_asserted) + inspect.getsource(rules._denied)
    returned = set(re.findall(r'return "(\w+)"', source)) | (
        set(re.findall(r'(?:Assertion\(|else )"(\w+)"', inspect.getsource(rules.assess))) - set(assertion.KEPT))
    assert returned == set(REASONS), (
        f"reasons in kg.events.assertion not in REASONS: {sorted(returned - set(REASONS))}; "
        f"in REASONS but no longer returned: {sorted(set(REASONS) - returned)}")
