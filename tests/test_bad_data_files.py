"""Users' data files of the wrong shape (issue 17): ``--actors`` and ``--predicates`` YAML, ``kg eval``'s
gold and events files. Each gives one line on stderr that names the file, the entry or line and the
problem, and the usual exit code for bad data (2), never a traceback; good files still work."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from kg.actors import ActorDictionary
from kg.cli import EXIT_OK, EXIT_USAGE, main
from kg.events import PredicateDictionary

ARTICLE = "Zorblax Industries condemned Russia on Monday.\n"
GOLD = ('{"article": "a", "events": [{"source": {"country": "ISR"}, "target": {"country": "RUS"}, '
        '"codes": ["11"], "symmetric": false, "required": true, "evidence": "Israel condemned Russia"}]}\n')
EVENTS = ("article_id,source_name,source_country,target_name,target_country,event_code\n"
          "a,Israel,ISR,Russia,RUS,111\n")
# Nine levels of nine aliases: 387 million values once expanded (4.5 GB and 4 minutes before aliases were capped).
BOMB = "".join(f"{level}: &{level} [{', '.join(['*' + previous] * 9 if previous else ['lol'] * 9)}]\n"
               for previous, level in zip([""] + list("abcdefgh"), "abcdefghi")) + "groups: *i\n"


def refused(capsys, arguments: list[str], *fragments: str) -> None:
    """Run ``kg`` with bad data; check it exits 2 with one line on stderr holding every fragment:
    what a user reads, with nothing to scroll past."""
    code = main(arguments)
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def article(tmp_path):
    """A folder of one article, which names an actor only the good actor file below defines."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def build_with(article, tmp_path, option: str, text: str) -> tuple[list[str], str]:
    """The arguments of a build with a data file of ``text``, and the file's name."""
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return ["build", str(article), "-o", str(tmp_path / "out"), option, str(path)], str(path)


# --- 1. Actor files of the wrong types ------------------------------------------------------------

@pytest.mark.parametrize("text, line, problem", [
    ("- id: zorblax\n  name:\n  kind: other\n", 2, "entry 1 is malformed (name is empty)"),
    ("- id: zorblax\n  name: 1984\n", 2, "name is the number 1984, not text"),
    ("- id: zorblax\n  name: [Zorblax, Zorblax Industries]\n", 2, "name is a list, not text"),
    ("- id: x\n  name: X\n- id: zorblax\n  name: Zorblax\n  aliases: [Big Brother, 1984]\n", 5,
     "entry 2 is malformed (aliases item 2 is the number 1984, not text"),
    ("- id: zorblax\n  name: Zorblax\n  aliases: Zorblax Industries\n", 3,
     'aliases is text, not a list such as ["Zorblax Industries"]'),
    ("agents: [envoy, GOV]\n", 1, "agents is a list, not a mapping such as {envoy: GOV}"),
    ("agents:\n  envoy: [GOV]\n", 2, "agents: envoy is a list, not text"),
    ("groups: {representatives: yes}\n", 1, "groups is a mapping, not a list"),
    ("actors:\n  - country: 250\n    aliases: [Gaul]\n", 2, "country is the number 250, not text"),
    ("- person: Ada Quill\n  roles: {actor: russia}\n", 2, "roles is a mapping, not a list"),
    ("- person: Ada Quill\n  roles:\n    - {country: RUS, start: last year}\n", 3,
     "roles item 1: start 'last year' is not a date"),
    ("- id: russia\n  population: lots\n", 2, "population is text, not a whole number"),
    ("- id: russia\n  metonyms: [the Kremlin, 5]\n", 2, "metonyms item 2 is the number 5, not text"),
    ("- id: zorblax\n  name: Zorblax\n  kind: planet\n", 3, "kind 'planet' is not one of state, igo"),
    ("- name: Zorblax\n", 1, "entry 1 is malformed (it has a name but no id)"),
    ("- id: zorblax\n  name: [Zorblax\n", 3, "cannot read actor file"),
], ids=["empty name", "number name", "list name", "number alias", "text aliases", "agents list", "agent sector list",
        "groups mapping", "number country", "roles mapping", "bad date", "text population", "number metonym",
        "unknown kind", "no id", "not YAML"])
def test_an_actor_file_of_the_wrong_types_is_refused_naming_the_line(article, tmp_path, capsys, text, line, problem):
    arguments, path = build_with(article, tmp_path, "--actors", text)
    refused(capsys, arguments, path, problem, f"line {line}")


@pytest.mark.parametrize("content, problem", [
    (None, "cannot read actor file (No such file or directory)"),
    ("id,name,kind\nzorblax,Zorblax,other\nacme\n".encode(), "line 3: 1 cell where the header has 3"),
    ("id,name,kind\nzorblax,Zorblax Industries, Inc.,other\n".encode(), "line 2: 4 cells where the header has 3"),
    ("id,name,kind\nzorblax,Zorbl\xe1x,other\n".encode("latin-1"), "cannot read actor file (not UTF-8 text)"),
], ids=["missing", "short row", "long row", "not UTF-8"])
def test_an_actor_table_that_cannot_be_read_is_refused_naming_it(article, tmp_path, capsys, content, problem):
    path = tmp_path / "mine.csv"
    if content is not None:
        path.write_bytes(content)
    refused(capsys, ["build", str(article), "-o", str(tmp_path / "out"), "--actors", str(path)], str(path), problem)


# --- 2. Predicate files of the wrong shapes -------------------------------------------------------

@pytest.mark.parametrize("text, line, problem", [
    ("verbs: [a]\n", 1, "verbs is a list, not a mapping"),
    ("nouns:\n  blockade: [191]\n", 2, "predicate 'blockade': it is a list, not a mapping"),
    ("verbs:\n  shell: {code: '194', targets: dobj}\n", 2,
     'predicate \'shell\': targets is text, not a list such as ["dobj"]'),
    ("verbs:\n  shell: {code: '194', symmetric: no}\n", 2, "predicate 'shell': symmetric is text, not true or false"),
    ("verbs:\n  shell:\n    code: '194'\n    forms: 5\n", 4, "predicate 'shell': forms is the number 5, not a list"),
    ("verbs:\n  rush:\n    patterns:\n      - {object: [aid], code: '070'}\n", 4,
     "predicate 'rush': patterns item 1: object is a list, not text"),
    ("verbs:\n  shell: {objects: [town]}\n", 2, "predicate 'shell': objects is a list, not a mapping"),
    ("synonyms: [weapon, gun]\n", 1, "synonyms is a list, not a mapping"),
    ("hedges: {mull: yes}\n", 1, "hedges is a mapping, not a list"),
    ("verbs:\n  shell: {code: '999'}\n", 2, "predicate 'shell': code is an unknown CAMEO event code '999'"),
    (BOMB.replace("groups", "hedges"), 9, "YAML aliases"),
], ids=["verbs list", "spec list", "text targets", "word flag", "number forms", "list object", "objects list",
        "synonyms list", "hedges mapping", "unknown code", "nested aliases"])
def test_a_predicate_file_of_the_wrong_shapes_is_refused_naming_the_line(article, tmp_path, capsys, text, line,
                                                                         problem):
    arguments, path = build_with(article, tmp_path, "--predicates", text)
    refused(capsys, arguments, path, problem, f"line {line}")


# --- 3. Nested YAML aliases (a predicate file's are refused above) --------------------------------

def test_an_actor_file_of_nested_aliases_fails_fast_and_small(article, tmp_path, capsys):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValueError, match="bomb.yaml: cannot read actor file") as raised:
        ActorDictionary().add_file(path)
    elapsed, (_, peak) = time.perf_counter() - started, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1 and peak < 20_000_000, (elapsed, peak)
    assert "aliases" in str(raised.value) and "1,000,000 values" in str(raised.value)
    arguments = ["build", str(article), "-o", str(tmp_path / "out"), "--actors", str(path)]
    refused(capsys, arguments, str(path), "YAML aliases", "at line")


# --- 4. kg eval's gold and events files -----------------------------------------------------------

@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(GOLD, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, problem", [
    ("missing.csv", "cannot read events file (No such file or directory)"),
    ("folder", "cannot read events file (Is a directory)"),
    ("actors.csv", "not an events table: it lacks the columns article_id, source_name, source_country, "
                   "target_name, target_country, event_code"),
    ("latin1.csv", "cannot read events file (not UTF-8 text)"),
], ids=["missing", "folder", "actors table", "not UTF-8"])
def test_an_events_file_that_cannot_be_scored_is_refused_naming_it(gold, tmp_path, capsys, name, problem):
    events = tmp_path / name
    if name == "folder":
        events.mkdir()
    elif name == "actors.csv":
        events.write_text("actor_id,name,kind,country,sector,code,mentions\nrussia,Russia,state,RUS,,RUS,3\n",
                          encoding="utf-8")
    elif name == "latin1.csv":
        events.write_bytes(EVENTS.replace("Russia", "Russie \xe9").encode("latin-1"))
    refused(capsys, ["eval", str(gold), "--events", str(events)], f"{events}: {problem}")


@pytest.mark.parametrize("lines, line, problem", [
    (GOLD + "{not json\n", 2, "not JSON"),
    (GOLD + "\n" + '["a", []]\n', 3, "the case is a list, not a JSON object"),
    ('{"events": []}\n', 1, "the case has no article"),
    ('{"article": 12, "events": []}\n', 1, "article is the number 12, not text"),
    (GOLD.replace('"codes": ["11"]', '"codes": "11"'), 1, "events item 1: codes is text, not a list"),
    (GOLD.replace('"required": true', '"required": "yes"'), 1, "events item 1: required is text, not true or false"),
], ids=["not JSON", "not an object", "no article", "number article", "text codes", "text required"])
def test_a_gold_file_of_the_wrong_shape_is_refused_naming_the_line(tmp_path, capsys, lines, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text(lines, encoding="utf-8")
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    refused(capsys, ["eval", str(path), "--events", str(events)], f"{path}, line {line}: {problem}")


# --- Good files still work ------------------------------------------------------------------------

def test_good_gold_and_events_files_are_scored(gold, tmp_path, capsys):
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    assert main(["eval", str(gold), "--events", str(events)]) == EXIT_OK
    assert "coded  P=1.000 R=1.000 F1=1.000" in capsys.readouterr().out


def test_good_actor_and_predicate_files_still_extend_the_dictionaries(article, tmp_path, capsys):
    actors = tmp_path / "actors.yaml"
    actors.write_text("""
agents: {envoy: GOV}
groups: [representatives]
actors:
  - id: zorblax
    name: Zorblax Industries
    kind: other
    country: USA
    sector: BUS
    code: USABUS
    aliases: [Zorblax, "1984"]
    led_by: {country: USA, start: 2015}
  - person: Ada Quill
    roles:
      - {actor: zorblax, title: chief executive, start: 2020-01-01, end: ""}
""", encoding="utf-8")
    predicates = tmp_path / "predicates.yaml"
    predicates.write_text("""
verbs:
  condemn: {code: 111, targets: [dobj], symmetric: false, extend: true}
  rush: {patterns: [{object: aid, code: "070"}]}
hedges: [mull]
""", encoding="utf-8")
    dictionary = ActorDictionary.default().extended([actors])
    assert dictionary.lookup("1984").actor.id == "zorblax" and dictionary.agent_sector("envoy") == "GOV"
    assert PredicateDictionary.default().extended([predicates]).verbs["condemn"].code == "111"
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--no-html", "--actors", str(actors),
                 "--predicates", str(predicates)]) == EXIT_OK
    assert "zorblax,Zorblax Industries,other,USA,BUS,USABUS" in (tmp_path / "out" / "events.csv").read_text(
        encoding="utf-8")
