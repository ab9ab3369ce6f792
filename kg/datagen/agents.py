"""Agents: turn PLOVER_agents.txt into ``00-agents.csv`` (phrase, sector, sector2, source).

The source syntax (``actor_sources/README.md``, section 2) is ``PHRASE {PLURAL} [CODE] # comment``:

* ``_`` joins words and a trailing ``_`` only marks a word end, so both become spaces. A blank
  between words means "other words may come in between"; kg matches phrases as consecutive words,
  so a blank is read as a plain word break as well.
* ``!SET!`` is a substitution set declared as ``!SET! = A, B, C``; each item is put in in turn.
  Sets already list singular and plural forms (``MAN, MEN``), so no plural is generated for them.
* ``{PLURAL}`` gives an irregular plural and ``{}`` means none. Otherwise the last word gets a
  regular plural, unless the last word is not the head noun (``minister of defence``), is an
  abbreviation or type number (``gen.``, ``f-16``), is already plural (``vandals``), or has no
  plural (``police``), or the phrase starts with an article (``the poor``).
* ``[~GOVMIL]`` appends sectors to the actor's code: sector GOV, sector2 MIL (a third block, as
  in ``~CVLOPPEDU``, is dropped: the table has two sector columns). ``[IGO~]`` prepends one.

Phrases come out lower case, one space between words; a phrase that is not ASCII (one mis-encoded
Spanish ministry name) is dropped. When a phrase occurs twice with different codes, its first
explicit entry wins over later entries and over generated plurals; phrases that differ only in
punctuation ("attorney-general") count as the same phrase, since kg looks them up so.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from kg.actors import normalise

SOURCE = "PLOVER_agents.txt"
COLUMNS = ["phrase", "sector", "sector2", "source"]

_SET_DECLARATION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_ENTRY = re.compile(r"^(?P<phrase>.+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]\s*$")
_SET_USE = re.compile(r"![A-Z]+!")
# Slips in the source: a global MINIST -> !MINIST! edit broke ADMINISTRATION and ADMINISTRATIVE,
# and two given plurals are wrong.
_SOURCE_REPAIRS = {
    "AD!MINIST!RAT": "ADMINISTRAT",
    "{MIDWIVE}": "{MIDWIVES}",
    "MEMBER_OF_THE_LEGISLATURE  {MEMBERS_OF_THE_SENATE}": "MEMBER_OF_THE_LEGISLATURE {MEMBERS_OF_THE_LEGISLATURE}",
}

# Plural forms that are not made by rule; a compound ending in one of these words (gunman,
# spokesperson, midwife) follows it.
IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "person": "people", "child": "children", "wife": "wives",
    "thief": "thieves", "mafioso": "mafiosi", "tornado": "tornadoes", "volcano": "volcanoes",
}
_NOT_MAN_COMPOUNDS = {"human", "german", "roman", "shaman"}  # end in -man, plural in -mans
NO_PLURAL = {"police", "personnel", "people", "staff", "media", "clergy"}
# When one of these words is in a phrase, the head noun is not its last word
# ("minister of defence"), so a plural of the last word would be wrong.
_HEAD_NOT_LAST = {"of", "for", "to", "in", "on", "at", "with", "against", "from", "de", "del"}
_ARTICLES = {"a", "an", "the"}  # "the poor", "the West": fixed expressions without a plural


@dataclass(frozen=True)
class Agent:
    """One agent phrase and the sectors it names."""

    phrase: str
    sector: str
    sector2: str = ""

    def row(self) -> list[str]:
        return [self.phrase, self.sector, self.sector2, SOURCE]


def plural_word(word: str) -> str | None:
    """The regular (or listed irregular) plural of a lower-case word, or ``None`` if it has none.

    >>> [plural_word(w) for w in ("soldier", "militia", "spy", "journalist", "boss", "gunman", "police")]
    ['soldiers', 'militias', 'spies', 'journalists', 'bosses', 'gunmen', None]
    """
    if word in NO_PLURAL or not word[-1:].isalpha():
        return None
    for singular, plural in IRREGULAR_PLURALS.items():
        if word.endswith(singular) and word not in _NOT_MAN_COMPOUNDS:
            return word[: len(word) - len(singular)] + plural
    if re.search(r"[^siu]s$", word):  # vandals, affairs: already plural
        return None
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|sh|ch|x|z)$", word):
        return word + "es"
    return word + "s"


def plural_phrase(phrase: str) -> str | None:
    """The plural of a phrase, made on its last word, or ``None``.

    >>> plural_phrase("foreign minister"), plural_phrase("minister of defence"), plural_phrase("the west")
    ('foreign ministers', None, None)
    """
    words = phrase.split(" ")
    if _HEAD_NOT_LAST & set(words) or words[0] in _ARTICLES:
        return None
    plural = plural_word(words[-1])
    return " ".join([*words[:-1], plural]) if plural else None


def phrase_text(raw: str) -> str:
    """A source phrase as kg writes it: lower case, ``_`` and blanks as single spaces.

    >>> phrase_text("SUPREME_PEOPLE _COURT"), phrase_text("VICE_FOREIGN_MINISTER_")
    ('supreme people court', 'vice foreign minister')
    """
    return " ".join(raw.replace("_", " ").split()).lower()


def parse_code(code: str) -> tuple[str, str]:
    """Sector and second sector of a PLOVER agent code.

    >>> parse_code("~GOVMIL"), parse_code("~MIL"), parse_code("IGO~"), parse_code("~CVLOPPEDU")
    (('GOV', 'MIL'), ('MIL', ''), ('IGO', ''), ('CVL', 'OPP'))
    """
    blocks = re.findall(r"[A-Z]{3}", code.replace("~", ""))
    return blocks[0], blocks[1] if len(blocks) > 1 else ""


def expand_sets(raw: str, sets: dict[str, list[str]]) -> list[str]:
    """Every phrase a raw phrase with substitution sets stands for, in the sets' order.

    >>> expand_sets("GOVERNMENT_SPOKES!PERSON!", {"!PERSON!": ["MAN", "MEN"]})
    ['GOVERNMENT_SPOKESMAN', 'GOVERNMENT_SPOKESMEN']
    """
    parts = _SET_USE.split(raw)
    choices = [sets[name] for name in _SET_USE.findall(raw)]
    return ["".join(p + c for p, c in zip(parts, (*combo, ""))) for combo in product(*choices)]


def parse_agents(lines: list[str]) -> tuple[list[Agent], list[str]]:
    """The agents of a PLOVER agent file, and notes on what was dropped or overridden.

    Explicit entries come first in file order, then generated plurals; the first reading of a
    phrase wins.
    """
    sets: dict[str, list[str]] = {}
    explicit: list[Agent] = []
    plurals: list[Agent] = []
    notes: list[str] = []
    for line in lines:
        line = _repaired(line.split("#", 1)[0].strip())
        declaration = _SET_DECLARATION.match(line)
        if declaration:
            sets[declaration[1]] = [item.strip() for item in declaration[2].split(",")]
            continue
        entry = _ENTRY.match(line)
        if not entry:
            if line:
                notes.append(f"unreadable line: {line}")
            continue
        sector, sector2 = parse_code(entry["code"])
        for raw in expand_sets(entry["phrase"], sets):
            phrase = phrase_text(raw)
            if not phrase.isascii():
                notes.append(f"not ASCII, dropped: {phrase}")
                continue
            explicit.append(Agent(phrase, sector, sector2))
            plural = _plural_of(entry["plural"], phrase, uses_set=bool(_SET_USE.search(entry["phrase"])))
            if plural:
                plurals.append(Agent(plural, sector, sector2))
    return _first_readings(explicit + plurals, notes), notes


def _repaired(line: str) -> str:
    for broken, fixed in _SOURCE_REPAIRS.items():
        line = line.replace(broken, fixed)
    return line


def _plural_of(given: str | None, phrase: str, uses_set: bool) -> str | None:
    if given is not None:
        return phrase_text(given) or None
    return None if uses_set else plural_phrase(phrase)


def _first_readings(agents: list[Agent], notes: list[str]) -> list[Agent]:
    """The agents, less those that code a phrase already read otherwise.

    Phrases are compared as kg looks them up, so "attorney-general" is "attorney general".
    """
    first: dict[str, Agent] = {}
    kept: dict[str, Agent] = {}
    for agent in agents:
        known = first.setdefault(normalise(agent.phrase), agent)
        if (known.sector, known.sector2) == (agent.sector, agent.sector2):
            kept.setdefault(agent.phrase, agent)
        else:
            notes.append(f"{agent.phrase}: kept {known.phrase} {known.sector}{known.sector2}, "
                         f"dropped {agent.sector}{agent.sector2}")
    return sorted(kept.values(), key=lambda a: a.phrase)


def write_agents(sources: Path, out_dir: Path) -> Path:
    """Write ``out_dir/00-agents.csv`` from ``sources/plover/PLOVER_agents.txt``; return its path."""
    lines = (sources / "plover" / SOURCE).read_text(encoding="utf-8").splitlines()
    agents, _ = parse_agents(lines)
    path = out_dir / "00-agents.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(agent.row() for agent in agents)
    return path
