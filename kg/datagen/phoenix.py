"""Phoenix/PETRARCH actor dictionaries -> ``20-organisations.csv``, ``25-organs.csv``, ``30-people.csv``.

The three Phoenix actor files (openeventdata/petrarch2, MIT) are read the way the petrarch2
reader reads them (see ``actor_sources/README.md``):

* a line whose first non-blank character is neither ``+`` nor ``[`` starts a record; ``[CODE]``
  groups on it are its codes (the International file puts dated codes there too);
* ``+PHRASE`` lines add synonyms, ``[CODE restriction]`` lines add codes to the last record;
* everything from the first ``#`` on is a comment, and so are ``<!-- ... -->`` on one line.

Each record is then sorted into one of four kinds:

* a **place** (a bare country code such as ``[RUS]``, or a dependency such as ``[USAGUM]``):
  skipped, places come from another generator;
* a **person** (see :func:`person_phrase`): one ``30-people.csv`` row per code;
* an **organisation** (International and MilNonState records, and armed groups of the Countries
  file such as ISIS): one ``20-organisations.csv`` row;
* an **organ** of a state (the other Countries records, "Pentagon", "Shin Bet"): one
  ``25-organs.csv`` row per code.

People are then merged with the Factbook and Wikidata leader lists by :mod:`kg.datagen.leaders`,
and the hand-written ``40-curated.yaml`` (if present) takes precedence over generated
organisations.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pycountry
import yaml

from kg.datafiles import parse_yaml
from kg.datagen import everypolitician, leaders
from kg.datagen.leaders import Role, ascii_fold, normalise_name

PHOENIX_FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
}
ORG_COLUMNS = ["id", "name", "kind", "country", "sector", "code", "aliases", "source"]
ROLE_COLUMNS = ["name", "aliases", "kind", "country", "actor", "sector", "title", "start", "end", "source", "ruler"]
CURATED_FILE = "40-curated.yaml"
STATES_FILE = "10-states.yaml"

# ---------------------------------------------------------------------------------------------
# Reading records
# ---------------------------------------------------------------------------------------------

CODE_SHAPE = re.compile(r"[A-Z]{3}(?:[A-Z0-9]{3})*")
BRACKETS = re.compile(r"\[([^\]]*)\]")
XML_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Code:
    """One actor code, valid from ``start`` (inclusive) to ``end`` (exclusive); empty = open."""

    code: str
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        """Whether the code carries a date restriction."""
        return bool(self.start or self.end)


@dataclass
class Record:
    """One actor record: its phrases (the primary one first) and codes, in file order."""

    phrases: list[str]
    codes: list[Code] = field(default_factory=list)
    line: int = 0


def strip_comment(line: str) -> str:
    """The part of a dictionary line that petrarch2 reads.

    >>> strip_comment("ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT_# kkl mod ")
    'ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT_'
    >>> strip_comment("<!-- old --> NATO_")
    ' NATO_'
    """
    if line.lstrip().startswith("<!") and "-->" not in line:
        return ""
    return XML_COMMENT.sub("", line).split("#", 1)[0]


def parse_date(text: str) -> str:
    """A Phoenix date (``YYYYMMDD`` or ``YYMMDD``, YY 00-30 meaning 20YY) as an ISO date.

    >>> parse_date("080507"), parse_date("300101"), parse_date("310101"), parse_date("19941022")
    ('2008-05-07', '2030-01-01', '1931-01-01', '1994-10-22')
    """
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"malformed date {text!r}")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        text = f"{year}{text[2:]}"
    return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def parse_code(body: str) -> Code:
    """The inside of one ``[...]`` group: a code and an optional restriction.

    ``>D`` starts on D, ``<D`` ends before D, ``A-B`` holds from A to before B (petrarch2).

    >>> parse_code("RUSGOV >080508")
    Code(code='RUSGOV', start='2008-05-08', end='')
    >>> parse_code("USAGOV 010120-050120")
    Code(code='USAGOV', start='2001-01-20', end='2005-01-20')
    """
    code, _, restriction = body.strip().partition(" ")
    restriction = restriction.strip()
    if not CODE_SHAPE.fullmatch(code):
        raise ValueError(f"not an actor code: {code!r}")
    if not restriction:
        return Code(code)
    if restriction[0] == ">":
        return Code(code, start=parse_date(restriction[1:]))
    if restriction[0] == "<":
        return Code(code, end=parse_date(restriction[1:]))
    first, dash, last = restriction.partition("-")
    if not dash:
        raise ValueError(f"malformed restriction {restriction!r}")
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise ValueError(f"restriction ends before it starts: {restriction!r}")
    return Code(code, start, end)


def read_records(text: str, problems: list[str] | None = None) -> list[Record]:
    """The records of one actor dictionary; unreadable codes are noted in ``problems``.

    >>> records = read_records("PUTIN_ # x\\n+VLADIMIR_PUTIN\\n\\t[RUSGOV >080508]\\n\\t[RUSELI]\\n")
    >>> records[0].phrases, [c.code for c in records[0].codes]
    (['PUTIN_', 'VLADIMIR_PUTIN'], ['RUSGOV', 'RUSELI'])
    """
    problems = [] if problems is None else problems
    records: list[Record] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line[0] in "[+" and not records:
            problems.append(f"line {number}: {line!r} before any record")
            continue
        if line[0] == "+":
            # "+TAIOAN_ +TAWIAN_" puts two synonyms on one line
            records[-1].phrases += [part.strip() for part in re.split(r"\s\+", line[1:]) if part.strip()]
            continue
        if line[0] != "[":
            records.append(Record([line.split("[", 1)[0].strip()], line=number))
        for body in BRACKETS.findall(line):
            try:
                records[-1].codes.append(parse_code(body))
            except ValueError as error:
                problems.append(f"line {number}: {error}")
    return records


# Corrections of Phoenix codes: (primary phrase, code) -> code. The FSB is Russia's security
# service; Phoenix codes it as police and its editor's comment asks "Or SPY?".
CODE_FIXES = {("FEDERAL_SECURITY_SERVICE_", "RUSCOP"): "RUSSPY"}


def fix_codes(record: Record) -> Record:
    """``record`` with the corrections of :data:`CODE_FIXES`."""
    record.codes = [replace(code, code=CODE_FIXES.get((record.phrases[0], code.code), code.code))
                    for code in record.codes]
    return record


def read_dictionary(path: Path, problems: list[str]) -> list[Record]:
    """Read one Phoenix file; a few bytes in the Countries file are not UTF-8 (they are dropped
    with the phrases that hold them, see :func:`clean_phrase`)."""
    found: list[str] = []
    records = read_records(path.read_text(encoding="utf-8", errors="replace"), found)
    problems += [f"{path.name} {problem}" for problem in found]
    return [fix_codes(record) for record in records]


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# Lower-case inside a name (never as its first word); people's names only lower their particles
# ("Hwang In Sung" keeps its "In").
PARTICLES = {"de", "del", "della", "des", "du", "da", "di", "do", "dos", "das", "van", "von", "der", "den",
             "la", "le", "bin", "bint", "ibn", "y"}
LOWER_WORDS = PARTICLES | {"of", "the", "and", "for", "in", "on", "to", "at", "by", "a", "an"}


def clean_phrase(phrase: str) -> str:
    """A phrase as words: ``_`` read as a blank, parenthesised notes dropped; '' when it holds
    undecodable bytes.

    >>> clean_phrase("OSMAN_OLCAY\\t_TURKEY_"), clean_phrase("ADEN_ISLAMIC_ARMY_(AAIA)_"), clean_phrase("ULAAN_(ACTING")
    ('OSMAN OLCAY TURKEY', 'ADEN ISLAMIC ARMY', 'ULAAN')
    """
    if "\ufffd" in phrase:
        return ""
    text = re.sub(r"\([^)]*\)|\(.*$", " ", phrase.replace("_", " "))
    return " ".join(text.split()).strip(" ,;:)(")


def bracketed_acronym(phrase: str) -> str:
    """The acronym a phrase gives in parentheses, if it abbreviates the phrase ("ISLAMIC_ARMY_OF_
    ADEN_(IAA)_" -> "IAA"; "(COLOMBIA)" is no acronym).

    >>> bracketed_acronym("ISLAMIC_ARMY_OF_ADEN_(IAA)_"), bracketed_acronym("PEOPLE'S_ARMY_(COLOMBIA)_")
    ('IAA', '')
    """
    match = re.search(r"\(([A-Z.]+)\)", phrase.replace("_", " "))
    if not match:
        return ""
    acronym = match.group(1).replace(".", "")
    return match.group(1) if acronym in initials(clean_phrase(phrase).upper().split()) else ""


def initials(words: list[str]) -> set[str]:
    """The acronyms a phrase could have: its initials with and without its function words.

    >>> sorted(initials(["FEDERAL", "BUREAU", "OF", "INVESTIGATION"]))
    ['FBI', 'FBOI']
    """
    letters = [w[0] for w in words if w[:1].isalpha()]
    content = [w[0] for w in words if w[:1].isalpha() and w.lower() not in LOWER_WORDS]
    return {"".join(letters), "".join(content)} - {""}


def acronyms_of(records: list[Record]) -> set[str]:
    """Words that are acronyms: a one-word phrase that abbreviates a longer phrase somewhere in
    the dictionaries ("CIA", "NATO", "UN"; not "RED", which is never a phrase of its own)."""
    abbreviations: set[str] = set()
    singles: set[str] = set()
    for record in records:
        for phrase in record.phrases:
            words = clean_phrase(phrase).upper().split()
            if len(words) > 1:
                abbreviations |= initials(words)
            elif words:
                singles.add(words[0].replace(".", ""))
    return abbreviations & singles


def is_acronym(word: str, acronyms: set[str]) -> bool:
    """Whether an upper-case word is an acronym: dotted ("U.N."), a known acronym of another
    phrase, or a short word without vowels ("FSB")."""
    letters = word.replace(".", "")
    if not letters.isalpha() or word.lower() in LOWER_WORDS or word.lower() in {"al", "el", "abu"}:
        return False
    return ("." in word.rstrip(".") or (2 <= len(letters) <= 6 and letters in acronyms)
            or (2 <= len(letters) <= 5 and not re.search("[AEIOUY]", letters)))


def title_word(word: str) -> str:
    """Title-case one word: each hyphen part capitalised, "O'" and "D'" kept as prefixes.

    >>> title_word("AL-QAEDA"), title_word("O'KENNEDY"), title_word("PEOPLE'S"), title_word("KI-MOON")
    ('Al-Qaeda', "O'Kennedy", "People's", 'Ki-Moon')
    """
    def part(text: str) -> str:
        head, apostrophe, tail = text.partition("'")
        if apostrophe and len(head) == 1 and tail:
            return head.upper() + "'" + tail.capitalize()
        return text.capitalize()
    return "-".join(part(piece) for piece in word.split("-"))


def display_name(phrase: str, acronyms: set[str] = frozenset(), person: bool = False) -> str:
    """The display form of a Phoenix phrase.

    People get every word title-cased ("VLADIMIR_PUTIN_" -> "Vladimir Putin"); organisations
    keep acronyms upper case (see :func:`is_acronym`; :func:`record_names` adds the one-word
    names of international organisations, "UNHCR").

    >>> display_name("VLADIMIR_PUTIN_", person=True)
    'Vladimir Putin'
    >>> display_name("US_INTELLIGENCE_COMMUNITY_", {"US"}), display_name("FSB_"), display_name("AL-QAEDA")
    ('US Intelligence Community', 'FSB', 'Al-Qaeda')
    >>> display_name("BANK_FOR_INTERNATIONAL_SETTLEMENTS_")
    'Bank for International Settlements'
    """
    words = clean_phrase(phrase).split()
    shown = []
    for index, word in enumerate(words):
        upper = word.upper()
        if leaders.ROMAN_NUMERAL.fullmatch(upper) and index and len(upper) > 1:
            shown.append(upper)
        elif index and upper.lower() in (PARTICLES if person else LOWER_WORDS):
            shown.append(upper.lower())
        elif "." in upper.rstrip(".") or (not person and is_acronym(upper, acronyms)):
            shown.append(upper)
        else:
            shown.append(title_word(upper))
    return " ".join(shown)


def without_article(name: str) -> str:
    """``name`` without a leading "The" ("The United Nations" -> "United Nations")."""
    return name[4:] if name.lower().startswith("the ") and len(name) > 4 else name


def slug(text: str) -> str:
    """An id: lower-case ASCII, runs of other characters as ``-``.

    >>> slug("People's Liberation Army"), slug("Al-Qaeda (AQ)")
    ('people-s-liberation-army', 'al-qaeda-aq')
    """
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------

# CAMEO country blocks that are not (current) ISO 3166 alpha-3 codes, and their ISO3 successor.
CAMEO_COUNTRIES = {
    "KSV": "XKX", "KOS": "XKX",      # Kosovo
    "SUN": "RUS", "USR": "RUS",      # USSR
    "YUG": "SRB", "FRY": "SRB", "SCG": "SRB",   # Yugoslavia, FR Yugoslavia, Serbia and Montenegro
    "CSK": "CZE",                    # Czechoslovakia
    "DDR": "DEU",                    # East Germany
    "TMP": "TLS",                    # East Timor (old code)
    "SRP": "BIH",                    # Republika Srpska
    "KRJ": "HRV",                    # Republic of Serbian Krajina
    "FRN": "FRA",                    # typo in the Wallis and Futuna record
    "ANG": "AGO",                    # typo in the UNITA record
}
# Federations whose second block may name the member republic ("USRARM", "YUGKSV").
FEDERATIONS = {"SUN", "USR", "YUG", "FRY", "SCG", "CSK"}
# First blocks that name no country: organisation types, CAMEO regions, religions and others.
NON_COUNTRY = {"IGO", "NGO", "MNC", "IMG", "ELI", "INT", "UIS", "KKL",   # KKL: an editor's placeholder
               "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN",
               "EUR", "LAM", "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA",
               "WAF", "WEU", "WST", "ARB", "GOS",
               "BAH", "BUD", "CHR", "HIN", "JEW", "MOS", "MED"}   # not MUS: first, it is Mauritius
RELIGIONS = {"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "HIN", "HSD",
             "ITH", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "MUS", "NEW", "ORT", "PRO", "SHF",
             "SHI", "SIK", "SUF", "SUN", "TAO", "UDX", "ZRO"}
# kg's sectors (README.md). In Phoenix codes MED is media (PLOVER's JRN) and religions are REL;
# kg's MED (medical) has no Phoenix block.
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "ELI", "PTY", "REB", "OPP", "PRM", "PRE", "CVL",
           "CRM", "BUS", "JRN", "HLH", "EDU", "REL", "LAB", "AGR", "NGO", "IGO", "REF", "SOC", "UAF", "UNK"}
SECTOR_ALIASES = {"MED": "JRN"} | {religion: "REL" for religion in RELIGIONS}
ARMED_SECTORS = {"REB", "PRM", "UAF"}
ISO3 = {country.alpha_3 for country in pycountry.countries} | {"XKX"}


def country_of(block: str) -> str:
    """The ISO3 code of a CAMEO country block, or '' ("SUN" -> "RUS", "IGO" -> '')."""
    if block in NON_COUNTRY:
        return ""
    return CAMEO_COUNTRIES.get(block, block if block in ISO3 else "")


def sector_of(block: str) -> str:
    """The kg sector of a CAMEO sector block, or '' when the block is no sector."""
    block = SECTOR_ALIASES.get(block, block)
    return block if block in SECTORS else ""


@dataclass(frozen=True)
class CodeParts:
    """What a CAMEO code says: ``prefix`` (IGO, NGO, MNC, IMG, a region, or '' for a country),
    ``country`` (ISO3 or ''), ``sector`` (or '') and whether a block could not be read."""

    prefix: str
    country: str
    sector: str
    unknown: str = ""


def split_code(code: str) -> CodeParts:
    """Split a CAMEO code into its parts.

    >>> split_code("RUSGOV"), split_code("USRARM").country, split_code("IGOUNOIAE").prefix
    (CodeParts(prefix='', country='RUS', sector='GOV', unknown=''), 'ARM', 'IGO')
    >>> split_code("MNCUSAMED"), split_code("KNTGOV").unknown
    (CodeParts(prefix='MNC', country='USA', sector='JRN', unknown=''), 'KNT')
    """
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    first = blocks[0]
    if first in NON_COUNTRY:
        rest = blocks[1:]
        # "IMGMUSISI": after an organisation type, MUS is Muslim, not Mauritius
        country = country_of(rest[0]) if rest and rest[0] not in RELIGIONS else ""
        if country:
            rest = rest[1:]
        sector = next((sector_of(block) for block in rest if sector_of(block)), "")
        return CodeParts(first, country, sector)
    country = country_of(first)
    if not country:
        return CodeParts("", "", "", unknown=first)
    rest = blocks[1:]
    if first in FEDERATIONS and rest and country_of(rest[0]):
        country, rest = country_of(rest[0]), rest[1:]
    return CodeParts("", country, sector_of(rest[0]) if rest else "")


# ---------------------------------------------------------------------------------------------
# Classifying records
# ---------------------------------------------------------------------------------------------

# Words that name a body (an organ or organisation), never a person.
ORGAN_WORDS = set("""
MINISTRY MINISTRIES DEPARTMENT DEPARTMENTS AGENCY AGENCIES SERVICE SERVICES ARMY ARMIES FORCE FORCES
POLICE COURT COURTS COUNCIL PARLIAMENT PARTY BANK COMMITTEE COMMISSION OFFICE GUARD GUARDS COMMAND
NAVY ASSEMBLY CONGRESS SENATE CABINET GOVERNMENT ADMINISTRATION BUREAU AUTHORITY DIRECTORATE
INTELLIGENCE SECURITY MILITARY CORPS BRIGADE BRIGADES BATTALION BATTALIONS REGIMENT DIVISION UNIT
MILITIA MILITIAS FRONT MOVEMENT ORGANIZATION ORGANISATION ORGANIZATIONS UNION LEAGUE ASSOCIATION
FEDERATION FOUNDATION INSTITUTE UNIVERSITY COLLEGE SCHOOL CENTER CENTRE GROUP GROUPS NETWORK ALLIANCE
COALITION TRIBUNAL FUND PROGRAM PROGRAMME MISSION EMBASSY PALACE HOUSE KREMLIN PENTAGON DUMA KNESSET
PRESIDENCY REPUBLIC STATE STATES KINGDOM EMIRATE JUNTA REGIME COMPANY CORPORATION CORP INC LTD LLC
PLC GMBH HOLDINGS INDUSTRIES ENTERPRISES BROTHERHOOD MUJAHIDEEN TALIBAN REBELS INSURGENTS CELL
CELLS COMMANDOS FIGHTERS TIGERS NATIONS COMMUNITY SOCIETY TRUST INTERNATIONAL NATIONAL FEDERAL
ROYAL PEOPLES PEOPLE'S ISLAMIC LIBERATION REVOLUTIONARY RESISTANCE SOLIDARITY ACTION COMMANDO
SECRETARIAT DELEGATION CONTINGENT PEACEKEEPERS PEACEKEEPER TROOPS BODIES STAFF HEADQUARTERS
VOLUNTEERS BOARD GUERILLA GUERRILLA GUERRILLAS JAISH LASHKAR HARKAT JAMAAT JEMAAH TEHRIK HIZB
""".split())
# Words that name an office; a record named by an office alone acts for the body it belongs to.
OFFICE_WORDS = set("""
PRESIDENT VICE-PRESIDENT MINISTER PREMIER CHANCELLOR SECRETARY SECRETARY-GENERAL CHAIRMAN
CHAIRWOMAN SPOKESMAN SPOKESWOMAN SPOKESPERSON AMBASSADOR ENVOY DIRECTOR CHIEF OFFICIAL OFFICIALS
REPRESENTATIVE KING QUEEN PRINCE EMIR SULTAN GOVERNOR LEADER LEADERS COMMANDER HEAD DEPUTY
ATTORNEY MAYOR SPEAKER PRIME RESIDENT
""".split())
FUNCTION_WORDS = {"THE", "OF", "AND", "FOR", "IN", "ON", "TO", "AT"}
# Words that may stand before a family name in a synonym ("PRESIDENT_BUSH", "MR_ASSAD").
ADDRESS_WORDS = OFFICE_WORDS | {"MR", "MRS", "MS", "DR", "VICE", "AMERICAN", "US", "U.S", "GOV", "SEN", "SENATOR"}
# Articles that start names of people and groups alike ("AL_QA'IDA", "AL_GORE"): no given names.
ARTICLES = {"AL", "EL", "AS", "AD", "UL", "AN", "AR", "ASH", "AZ", "LE", "LA"}
GIVEN_NAME_MIN_COUNT = 3   # a Phoenix first word must start this many person phrases


def name_words(phrase: str) -> list[str]:
    """The upper-case words of a phrase, hyphenated parts split ("SECRETARY-GENERAL" gives both)."""
    words = clean_phrase(phrase).upper().split()
    return words + [part for word in words if "-" in word for part in word.split("-")]


def is_person_name(phrase: str, dated: bool, elite: bool, given_names: set[str] | None) -> bool:
    """Whether a phrase names a person (the person/organ heuristic).

    A person's name has 2-5 words (one for an elite, "SIDDARAMAIAH"), none of them an organ or
    office word ("MINISTRY", "ARMY", "PRESIDENT") or a function word ("OF", "THE"), no digits,
    and either a date-restricted code (Phoenix dates people's roles, not bodies), an elite code,
    or (unless ``given_names`` is None) initials or "bin" inside the name or a first word that
    is a known given name.

    >>> is_person_name("VLADIMIR_PUTIN_", True, False, set())
    True
    >>> is_person_name("FEDERAL_SECURITY_SERVICE_", False, False, set())
    False
    >>> is_person_name("GILLIAN_MELLSOP_", False, False, {"GILLIAN"})
    True
    >>> is_person_name("THE_ISLAMIC_STATE", True, False, set()), is_person_name("R.K._PACHAURI_", False, False, set())
    (False, True)
    """
    words = clean_phrase(phrase).upper().split()
    if not words or any(ch.isdigit() for ch in phrase) or "," in phrase:
        return False
    if set(name_words(phrase)) & (ORGAN_WORDS | OFFICE_WORDS | FUNCTION_WORDS):
        return False
    if len(words) == 1:
        return elite
    # initials ("R.K. PACHAURI", "NABILA A. MZALI") and "bin" ("OSAMA BIN LADEN") mark people
    marked = (len(words[0].rstrip(".")) == 1 or bool(re.fullmatch(r"(?:[A-Z]\.)+", words[0]))
              or any(re.fullmatch(r"[A-Z]\.", word) or word in {"BIN", "IBN"} for word in words[1:-1]))
    loose = given_names is not None and (marked or words[0] in given_names)
    return len(words) <= 5 and (dated or elite or loose)


def person_phrase(record: Record, given_names: set[str] | None) -> str | None:
    """The phrase that names the person of a record, or None when the record is no person.

    Phoenix dates the roles of people, rarely those of bodies: a record with a dated code is a
    person unless its primary phrase has an organ word ("SUDAN_PEOPLE'S_LIBERATION_MOVEMENT"),
    whatever its length or title ("SECRETARY-GENERAL_BAN_KI-MOON", long Arabic names), and is
    named by its first synonym that passes :func:`is_person_name` ("BAN_KI-MOON"), else by its
    primary phrase. An undated record is a person when its primary phrase passes.
    """
    dated = any(code.dated for code in record.codes)
    elite = bool(record.codes) and all(split_code(code.code).sector == "ELI" for code in record.codes)
    if any(split_code(code.code).prefix not in {"", "IGO", "IMG"} for code in record.codes):
        given_names = None   # firms, NGOs and media are often named after people ("J.P. Morgan")
    primary = record.phrases[0]
    if is_person_name(primary, dated, elite, given_names):
        return primary
    if not dated or set(name_words(primary)) & ORGAN_WORDS:
        return None
    # a dated record is a person; a plain synonym names them better than a title or a long name
    return next((phrase for phrase in record.phrases[1:]
                 if is_person_name(phrase, dated, elite, given_names)), primary)


def is_office(record: Record) -> bool:
    """Whether a record names an office ("UN_SECRETARY_GENERAL"), not a body ("OFFICE_OF_THE_
    PRESIDENT")."""
    words = set(name_words(record.phrases[0]))
    return bool(words & OFFICE_WORDS) and not words & ORGAN_WORDS


def defining_code(record: Record) -> Code | None:
    """The code that says what a body is: its undated code, else its only dated code."""
    undated = [code for code in record.codes if not code.dated]
    if undated:
        return undated[-1]
    distinct = {code.code for code in record.codes}
    return record.codes[-1] if len(distinct) == 1 else None


def is_place(code: str) -> bool:
    """Whether a Countries code names a place: a country with no sector ("RUS", "USAGUM")."""
    parts = split_code(code)
    return not parts.prefix and bool(parts.country) and not parts.sector


def given_names_of(records: list[Record]) -> Counter:
    """First words of the phrases of Countries records that look like people (dated codes,
    2-4 plain words), counted."""
    counts: Counter = Counter()
    for record in records:
        if not any(code.dated for code in record.codes):
            continue
        for phrase in record.phrases:
            words = clean_phrase(phrase).upper().split()
            if 2 <= len(words) <= 4 and not set(name_words(phrase)) & (ORGAN_WORDS | OFFICE_WORDS | FUNCTION_WORDS):
                counts[words[0]] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------


@dataclass
class Organisation:
    """One row of ``20-organisations.csv`` in the making."""

    name: str
    kind: str
    country: str
    sector: str
    code: str
    aliases: list[str]
    source: str
    id: str = ""


def organisation_kind(parts: CodeParts, file: str) -> tuple[str, str]:
    """(kind, sector) of an organisation from its code and file.

    >>> organisation_kind(split_code("IGOWSTNAT"), "international"), organisation_kind(split_code("NGAREB"), "milnonstate")
    (('igo', 'IGO'), ('armed_group', 'REB'))
    """
    if parts.prefix == "IGO":
        return "igo", "IGO"
    if parts.prefix == "NGO":
        return "other", "NGO"
    if parts.prefix == "MNC":
        return "other", "BUS"
    if parts.prefix == "IMG" or file == "milnonstate" or parts.sector in ARMED_SECTORS:
        return "armed_group", parts.sector if parts.sector in ARMED_SECTORS | {"OPP", "CRM"} else "REB"
    if parts.prefix in RELIGIONS:
        return "other", "REL"
    if parts.prefix == "MED":
        return "other", "JRN"
    return ("party" if parts.sector == "PTY" else "other"), parts.sector


def record_names(record: Record, acronyms: set[str], person: bool = False) -> list[str]:
    """Display names of a record's phrases, primary first, without repeats (case-insensitive).

    One-word names of up to 7 letters of international organisations are acronyms ("UNHCR",
    "CEMAC"); the longer ones are words ("Interpol").
    """
    if any(code.code.startswith("IGO") for code in record.codes):
        acronyms = acronyms | {word for word in (clean_phrase(p).upper().replace(".", "") for p in record.phrases)
                               if word.isalpha() and len(word) <= 7}
    names: dict[str, str] = {}
    for phrase in record.phrases:
        for shown in (display_name(phrase, acronyms, person), "" if person else bracketed_acronym(phrase)):
            if shown:
                names.setdefault(shown.lower(), shown)
    return list(names.values())


def make_organisation(record: Record, file: str, acronyms: set[str]) -> Organisation | None:
    """The organisation a body record defines, or None when its code names no organisation."""
    code = defining_code(record)
    names = record_names(record, acronyms)
    if code is None or not names:
        return None
    parts = split_code(code.code)
    if parts.unknown:
        return None
    kind, sector = organisation_kind(parts, file)
    name = without_article(names[0])
    aliases = [alias for alias in names if without_article(alias).lower() != name.lower()]
    country = parts.country if kind != "igo" else ""
    return Organisation(name, kind, country, sector, code.code, aliases, f"phoenix:{file}")


def merge_same_bodies(organisations: list[Organisation]) -> list[Organisation]:
    """Fold organisations with the same code into the first one when they are one body: an
    exact repeat, an acronym ("IAEA" into "International Atomic Energy Agency"), or, for
    international organisations and groups, a name inside the other ("Islamic State" in
    "Islamic State of Iraq and the Levant") or a respelling ("Labor"/"Labour").

    >>> un = Organisation("United Nations", "igo", "", "IGO", "IGOUNO", [], "")
    >>> [o.name for o in merge_same_bodies([un, Organisation("UN", "igo", "", "IGO", "IGOUNO", [], "")])], un.aliases
    (['United Nations'], ['UN'])
    """
    by_key: dict[tuple[str, str], Organisation] = {}   # (code, normalised name or acronym) -> kept one
    by_code: dict[str, list[Organisation]] = {}
    kept: list[Organisation] = []
    for organisation in organisations:
        single = organisation.name.replace(".", "").split()
        keys = [(organisation.code, normalise_name(organisation.name))]
        if len(single) == 1:
            keys.append((organisation.code, "acronym:" + single[0].upper()))
        target = next((by_key[key] for key in keys if key in by_key), None)
        if target is None and organisation.code[:3] in {"IGO", "IMG"}:
            target = next((other for other in by_code.get(organisation.code, []) if same_body(organisation, other)), None)
        if target is None:
            kept.append(organisation)
            by_code.setdefault(organisation.code, []).append(organisation)
            target = organisation
        else:
            known = {name.lower() for name in [target.name, *target.aliases]}
            target.aliases += [name for name in [organisation.name, *organisation.aliases] if name.lower() not in known]
        for name in [organisation.name, *organisation.aliases]:
            by_key.setdefault((organisation.code, normalise_name(name)), target)
            if " " in name:
                for acronym in initials(name.upper().split()):
                    by_key.setdefault((organisation.code, "acronym:" + acronym), target)
    return kept


def same_body(a: Organisation, b: Organisation) -> bool:
    """Whether two names of the same code name one body: one (of 2+ words) inside the other,
    or nearly the same spelling."""
    short, long = sorted((f" {normalise_name(a.name)} ", f" {normalise_name(b.name)} "), key=len)
    return (short.count(" ") > 2 and short in long) or difflib.SequenceMatcher(None, short, long).ratio() >= 0.9


def assign_ids(organisations: list[Organisation], taken: set[str]) -> None:
    """Give each organisation a unique slug id, in list order: a repeated slug gets the
    organisation's country, then a number."""
    for organisation in organisations:
        base = slug(organisation.name) or "organisation"
        country = [f"{base}-{organisation.country.lower()}"] if organisation.country else []
        numbered = (f"{base}-{number}" for number in itertools.count(2))
        organisation.id = next(c for c in itertools.chain([base], country, numbered) if c not in taken)
        taken.add(organisation.id)


# ---------------------------------------------------------------------------------------------
# Curated actors
# ---------------------------------------------------------------------------------------------


@dataclass
class Curated:
    """The actor entries of ``40-curated.yaml`` that generated data must give way to."""

    codes: dict[str, str] = field(default_factory=dict)   # code -> curated id
    names: dict[str, str] = field(default_factory=dict)   # normalised name -> curated id
    ids: set[str] = field(default_factory=set)   # the ids of the actors the curated file defines
    skipped: dict[str, list[str]] = field(default_factory=dict)   # curated id -> skipped names

    def match(self, organisation: Organisation) -> str | None:
        """The curated id that replaces a generated organisation, if any."""
        if organisation.code in self.codes:
            return self.codes[organisation.code]
        return next((self.names[key] for key in map(normalise_name, [organisation.name, *organisation.aliases])
                     if key in self.names), None)


def read_curated(out_dir: Path) -> Curated:
    """The curated actor entries, read now (the file may be written while datagen runs)."""
    curated = Curated()
    path = out_dir / CURATED_FILE
    try:
        entries = parse_yaml(path.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        return curated
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"warning: {path}: unreadable, curated data ignored ({error})", file=sys.stderr)
        return curated
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        ident = str(entry["id"])
        if entry.get("name"):   # an entry with no name adds to an actor defined elsewhere: its id is taken there
            curated.ids.add(ident)
        for code in entry.get("codes") or []:
            curated.codes.setdefault(str(code), ident)
        for name in [entry.get("name"), *(entry.get("aliases") or [])]:
            if isinstance(name, str) and normalise_name(name):
                curated.names.setdefault(normalise_name(name), ident)
    return curated


def _states(out_dir: Path) -> list[dict]:
    try:
        states = parse_yaml((out_dir / STATES_FILE).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return []
    return [entry for entry in states if isinstance(entry, dict)]


def reserved_ids(out_dir: Path) -> set[str]:
    """Ids generated organisations must not take: the states' ids."""
    return {str(entry["id"]) for entry in _states(out_dir) if entry.get("id")}


def with_known_states(roles: list[Role], out_dir: Path, report: list[str]) -> list[Role]:
    """The roles of organisations or of states in the states file (which leaves out territories
    without people, such as the French Southern Lands)."""
    countries = {str(entry["country"]) for entry in _states(out_dir) if entry.get("country")}
    if not countries:
        return roles
    kept = [role for role in roles if role.actor or role.country in countries]
    report += [f"no state {role.country}: skipped {role.name} ({role.title})" for role in roles
               if not (role.actor or role.country in countries)]
    return kept


# ---------------------------------------------------------------------------------------------
# Building the three tables
# ---------------------------------------------------------------------------------------------


SEVERAL_PEOPLE = re.compile(r",[_ ]*THEN[_ ]")   # "LAMBERTO_DINI,_THEN_ROMANO_PRODI_"


@dataclass
class Dictionaries:
    """Everything read from the Phoenix files, sorted by kind."""

    organisations: list[Organisation]
    organs: list[tuple[Record, list[str]]]
    people: list[tuple[Record, str, str]]   # record, person phrase, file
    acronyms: set[str]


def classify(records_by_file: dict[str, list[Record]], given_names: set[str],
             problems: list[str]) -> Dictionaries:
    """Sort the records of the three files into organisations, organs and people."""
    acronyms = set().union(*(acronyms_of(records) for records in records_by_file.values()))
    organisations, organs, people = [], [], []
    for file, records in records_by_file.items():
        for record in records:
            if not record.codes:
                continue
            if all(is_place(code.code) for code in record.codes):
                continue   # a country, region or city: places come from another file
            if SEVERAL_PEOPLE.search(record.phrases[0]):
                problems.append(f"{file} line {record.line}: skipped {record.phrases[0]!r} (several people)")
                continue
            phrase = person_phrase(record, given_names)
            if phrase is not None:
                people.append((record, phrase, file))
                continue
            code = defining_code(record)
            parts = split_code(code.code) if code else None
            if file == "countries" and (parts is None or not parts.prefix and parts.sector not in ARMED_SECTORS):
                organs.append((record, record_names(record, acronyms)))
                continue
            if is_office(record):
                continue   # an office of a body: its names join the body (see office_aliases)
            organisation = make_organisation(record, file, acronyms)
            if organisation is None:
                problems.append(f"{file} line {record.line}: no organisation code for {record.phrases[0]!r}")
            else:
                organisations.append(organisation)
    return Dictionaries(merge_same_bodies(organisations), organs, people, acronyms)


def office_aliases(records_by_file: dict[str, list[Record]], organisations: list[Organisation],
                   acronyms: set[str]) -> None:
    """Add the names of office records ("UN Secretary General") to the principal organisation of
    their code: in CAMEO they code as that organisation."""
    principal = principal_organisations(organisations)
    for file in ("international", "milnonstate"):
        for record in records_by_file.get(file, []):
            code = defining_code(record) if record.codes else None
            if code is None or not is_office(record) or any(c.dated for c in record.codes):
                continue
            target = principal.get(code.code)
            if target is not None:
                known = {name.lower() for name in [target.name, *target.aliases]}
                target.aliases += [name for name in record_names(record, acronyms) if name.lower() not in known]


def principal_organisations(organisations: list[Organisation]) -> dict[str, Organisation]:
    """For each code, the organisation with the most names that carries it, the first in file
    order among equals: "IGOUNO" is the United Nations, "IMGMUSALQ" al-Qaeda."""
    principal: dict[str, Organisation] = {}
    for organisation in organisations:
        best = principal.get(organisation.code)
        if best is None or len(organisation.aliases) > len(best.aliases):
            principal[organisation.code] = organisation
    return principal


def apply_curated(organisations: list[Organisation], curated: Curated) -> list[Organisation]:
    """The generated organisations that no curated entry describes (by code or name). A
    described one takes the curated entry's id, so that its code and names lead there."""
    kept = []
    for organisation in organisations:
        ident = curated.match(organisation)
        if ident is None:
            kept.append(organisation)
        else:
            organisation.id = ident
            curated.skipped.setdefault(ident, []).append(f"{organisation.name} [{organisation.code}]")
    return kept


@dataclass
class ActorIndex:
    """Resolves codes and organisation names to actor ids; curated entries win."""

    by_code: dict[str, str]      # code -> id of its principal organisation or curated entry
    curated_codes: dict[str, str]
    by_name: dict[str, str]      # normalised name -> id

    def actor_for_code(self, code: str) -> str:
        """The id of the organisation a code belongs to: the code's own, else the closest by
        prefix ("IGOUNOKIDXYZ" -> "IGOUNOKID"), never shorter than two blocks; '' if none."""
        while len(code) >= 6:
            if code in self.by_code:
                return self.by_code[code]
            code = code[:-3]
        return ""

    def actor_for_name(self, name: str) -> str:
        """The id of the organisation with this (normalised) name or alias, or ''."""
        return self.by_name.get(normalise_name(name), "")

    def role(self, code: str) -> tuple[str, str, str] | None:
        """(country, actor, sector) of a role's code, or None when the code names neither a
        country nor a known organisation. A code listed by a curated entry maps to that entry."""
        parts = split_code(code)
        if parts.unknown:
            return None
        if parts.prefix:
            actor = self.curated_codes.get(code) or self.actor_for_code(code)
            return ("", actor, "") if actor else None
        return parts.country, self.curated_codes.get(code, ""), parts.sector


def actor_index(organisations: list[Organisation], curated: Curated) -> ActorIndex:
    """Index all generated organisations (those a curated entry replaced carry its id) and the
    curated entries' codes and names."""
    by_code = {code: organisation.id for code, organisation in principal_organisations(organisations).items()}
    by_name: dict[str, str] = {}
    for organisation in organisations:
        for name in [organisation.name, *organisation.aliases]:
            by_name.setdefault(normalise_name(name), organisation.id)
    return ActorIndex(by_code | curated.codes, curated.codes, by_name | curated.names)


def organ_rows(organs: list[tuple[Record, list[str]]], index: ActorIndex) -> list[Role]:
    """One ``25-organs.csv`` row per (non-place) code of each organ record."""
    rows = []
    for record, names in organs:
        if not names:
            continue
        name = without_article(names[0])
        aliases = tuple(alias for alias in names if alias != name)
        for code in record.codes:
            if is_place(code.code):
                continue
            role = index.role(code.code)
            if role is None or not (role[1] or role[2]):
                continue
            country, actor, sector = role
            rows.append(Role(name, aliases, "organ", country, actor, sector, "", code.start, code.end, "phoenix"))
    return rows


def phoenix_people(people: list[tuple[Record, str, str]], index: ActorIndex, acronyms: set[str],
                   problems: list[str]) -> list[leaders.Person]:
    """The people of the Phoenix files, one :class:`leaders.Person` per record."""
    persons = []
    for record, phrase, file in people:
        name = display_name(phrase, person=True)
        # synonyms naming a body ("+SYRIA'S_GOVERNMENT" of Bashar al-Assad) are no names of the person
        aliases = [alias for alias in record_names(record, acronyms, person=True)
                   if alias != name and not set(name_words(alias)) & ORGAN_WORDS]
        aliases += [short for short in family_names(aliases) if short not in aliases]
        roles = []
        for code in record.codes:
            role = index.role(code.code)
            if role is None:
                if code.code not in {"ELI", "---"}:
                    problems.append(f"{file} line {record.line}: no actor for {code.code} of {name!r}")
                continue
            country, actor, sector = role
            roles.append(leaders.Span(country, actor, sector, "", code.start, code.end, "phoenix"))
        if roles:
            persons.append(leaders.Person(name, aliases, roles, "phoenix"))
    return persons


def family_names(aliases: list[str]) -> list[str]:
    """The family names that synonyms give after a title: "President Bush" and "Governor Bush" give
    "Bush", so that "Bush said" and "the Bush administration" find the person.

    >>> family_names(["President Bush", "Governor Bush", "George W. Bush", "Mr Assad", "President Of Iran"])
    ['Bush', 'Assad']
    """
    found = []
    for alias in aliases:
        *title, last = alias.split()
        if title and all(word.upper().rstrip(".") in ADDRESS_WORDS for word in title) and (
                len(last) > 2 and last[0].isupper() and last.upper() not in ADDRESS_WORDS | FUNCTION_WORDS | ORGAN_WORDS
                and last not in found):
            found.append(last)
    return found


def merge_organ_rows(rows: list[Role]) -> list[Role]:
    """One row per organ role: records with the same name ("DEPARTMENT_OF_STATE" and
    "DEPARTMENT_OF_STATE_") and role share their aliases."""
    aliases: dict[Role, set[str]] = {}
    for row in rows:
        aliases.setdefault(replace(row, aliases=()), set()).update(row.aliases)
    return [replace(row, aliases=tuple(sorted(names, key=lambda a: (a.lower(), a)))) for row, names in aliases.items()]


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    """Write one CSV file with a header, ``\\n`` line ends and no comments."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def organisation_row(organisation: Organisation) -> list[str]:
    """A ``20-organisations.csv`` row."""
    return [organisation.id, organisation.name, organisation.kind, organisation.country, organisation.sector,
            organisation.code, "|".join(organisation.aliases), organisation.source]


def role_row(role: Role) -> list[str]:
    """A ``25-organs.csv`` / ``30-people.csv`` row."""
    return [role.name, "|".join(role.aliases), role.kind, role.country, role.actor, role.sector, role.title,
            role.start, role.end, role.source, role.ruler]


def write_all(sources: Path, out_dir: Path, report: list[str] | None = None) -> list[Path]:
    """Write ``20-organisations.csv``, ``25-organs.csv`` and ``30-people.csv`` into ``out_dir``.

    ``sources`` is the ``actor_sources`` folder. What was dropped or skipped is appended to
    ``report`` (a list of lines) when one is given.
    """
    report = [] if report is None else report
    problems: list[str] = []
    records_by_file = {file: read_dictionary(sources / "phoenix" / name, problems)
                       for file, name in PHOENIX_FILES.items()}
    given_names = {name for name, count in given_names_of(records_by_file["countries"]).items()
                   if count >= GIVEN_NAME_MIN_COUNT}
    given_names = (given_names | leaders.given_names(sources)) - ARTICLES
    found = classify(records_by_file, given_names, problems)
    office_aliases(records_by_file, found.organisations, found.acronyms)

    curated = read_curated(out_dir)
    organisations = apply_curated(found.organisations, curated)
    assign_ids(organisations, curated.ids | reserved_ids(out_dir))
    index = actor_index(found.organisations, curated)

    organs = sorted(merge_organ_rows(organ_rows(found.organs, index)), key=leaders.role_sort_key)
    people = leaders.people_roles(sources, phoenix_people(found.people, index, found.acronyms, problems),
                                  index.actor_for_name, problems, everypolitician.people(sources))
    organs, people = (with_known_states(roles, out_dir, problems) for roles in (organs, people))
    skipped = [f"curated {ident}: skipped {', '.join(names)}" for ident, names in sorted(curated.skipped.items())]
    report += problems + skipped
    print(f"kg.datagen.phoenix: {len(problems)} unreadable or unmapped entries skipped; "
          f"{sum(map(len, curated.skipped.values()))} organisations left to {CURATED_FILE}", file=sys.stderr)
    return [
        write_csv(out_dir / "20-organisations.csv", ORG_COLUMNS,
                  [organisation_row(o) for o in sorted(organisations, key=lambda o: o.id)]),
        write_csv(out_dir / "25-organs.csv", ROLE_COLUMNS, [role_row(role) for role in organs]),
        write_csv(out_dir / "30-people.csv", ROLE_COLUMNS, [role_row(role) for role in people]),
    ]
