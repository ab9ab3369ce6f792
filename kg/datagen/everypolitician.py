"""Officeholders and legislators 1990s-2022 from the EveryPolitician scrapers' Wikidata exports.

Source (``actor_sources/everypolitician_scrapers/``, CC0, see its README): ``officeholders.csv``
(ministers, deputy ministers, governors, service chiefs, judges, central bankers, ambassadors of
176 countries, each with dated roles) and ``legislators.csv`` (members of national and regional
legislatures). :func:`people` reads both into :class:`kg.datagen.leaders.Person` records that
:func:`kg.datagen.leaders.people_roles` merges with the other sources' people.

A role's sector comes from the source's ``role_class`` (:data:`SECTORS`); a legislator is the
legislature (``LEG``) of the country. Terms of one person in one country and sector that touch or
overlap are one role, under the title of the latest: a member re-elected five times is one row.

>>> SECTORS["minister"], SECTORS["military"], SECTORS["judiciary"]
('GOV', 'MIL', 'JUD')
"""

from __future__ import annotations

import re
import datetime
from collections import defaultdict
from pathlib import Path

from kg.datagen.leaders import Person, Span, ascii_fold, intervals, read_rows, wikidata_date

FOLDER = Path("everypolitician_scrapers")
SOURCE = "everypolitician"
# role_class (a keyword heuristic of the source, see its README) -> the sector the holder acts through
SECTORS = {
    "head": "GOV", "deputy_head": "GOV", "minister": "GOV", "deputy_minister": "GOV",
    "subnational_executive": "GOV", "diplomat": "GOV", "central_bank": "GOV", "other": "GOV",
    "legislature": "LEG", "judiciary": "JUD", "military": "MIL", "police": "COP", "intelligence": "SPY",
}
# Titles whose office is intelligence, whatever the source's class ("Director of the CIA" is "other").
INTELLIGENCE = re.compile(r"\b(?:CIA|intelligence|secret service|security service|FSB|SVR|MI5|MI6|Mossad)\b",
                          re.IGNORECASE)
# Titles of the source's class "other" that are no government office: a party's chair, a military chief.
PARTY = re.compile(r"\b(?:party|Kuomintang)\b", re.IGNORECASE)
MILITARY = re.compile(r"\b(?:chiefs? of (?:the )?(?:general |defence |defense )?staff|armed forces|army|navy|air force)\b",
                      re.IGNORECASE)
# Positions that are no office: a spouse acts for no one.
NOT_OFFICES = re.compile(r"\b(?:first lady|first gentleman|spouse)\b", re.IGNORECASE)
# Jurisdictions that are the source's breakaway entities: their officials are a proto-state's (PRE).
BREAKAWAY = re.compile(r"breakaway", re.IGNORECASE)
# Terms this close are one stretch in office: a parliament's dissolution before an election.
TERM_GAP = datetime.timedelta(days=92)


def latin(name: str) -> bool:
    """True for a name in Latin script (news in English never writes "Андрей Картаполов").

    >>> latin("Andreï Kartapolov"), latin("Андрей Картаполов")
    (True, False)
    """
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len([c for c in ascii_fold(name) if c.isalpha()]) >= 0.8 * len(letters)


def breakaway_countries(folder: Path) -> set[str]:
    """The source repositories (by name) whose jurisdiction is a breakaway entity."""
    return {row["source_repo"].rpartition("/")[2] for row in read_rows(folder / "sources.csv")
            if BREAKAWAY.search(row.get("note") or "")}


def people(sources: Path) -> list[Person]:
    """One :class:`Person` per Wikidata person of the officeholder and legislator lists."""
    folder = sources / FOLDER
    breakaway = breakaway_countries(folder)
    names: dict[str, list[str]] = {}
    spans: dict[str, list[Span]] = defaultdict(list)
    for file in ("officeholders.csv", "legislators.csv"):
        for row in read_rows(folder / file):
            if NOT_OFFICES.search(row["role"]) or not row["start"]:
                continue
            if file == "legislators.csv":
                sector = "LEG"
            else:
                sector = "PRE" if row["source_repo"] in breakaway else role_sector(row["role_class"], row["role"])
            person = row["person_qid"] or row["name"]
            known = names.setdefault(person, [])
            known += [alias for alias in map(clean_name, [row["name"], *row["aliases"].split("|")])
                      if len(alias.split()) > 1 and latin(alias) and alias not in known]
            spans[person].append(Span(row["iso3"], "", sector, row["role"], wikidata_date(row["start"]),
                                      wikidata_date(row["end"], end=True), SOURCE))
    return [Person(known[0], known[1:], joined_terms(spans[person]), SOURCE, qid=person)
            for person, known in sorted(names.items()) if known]


def role_sector(role_class: str, title: str) -> str:
    """The sector of a role: its class's (:data:`SECTORS`), unless the title of a government or
    "other" role names intelligence, or an "other" role a party or the military.

    >>> role_sector("minister", "Minister of Defence"), role_sector("other", "Director of the CIA")
    ('GOV', 'SPY')
    >>> role_sector("other", "Chair of the Chiefs of Staff"), role_sector("other", "Chairperson of the Kuomintang")
    ('MIL', 'PTY')
    """
    sector = SECTORS.get(role_class, "GOV")
    if sector == "GOV" and INTELLIGENCE.search(title):
        return "SPY"
    if role_class == "other" and PARTY.search(title):
        return "PTY"
    if role_class == "other" and MILITARY.search(title):
        return "MIL"
    return sector


def clean_name(name: str) -> str:
    """A name without the list numbers some source rows carry ("2:Evodie Nakoumbou").

    >>> clean_name("2:Evodie Nakoumbou"), clean_name(" Ann Linde ")
    ('Evodie Nakoumbou', 'Ann Linde')
    """
    return re.sub(r"^\d+\s*:\s*", "", name.strip())


def joined_terms(spans: list[Span]) -> list[Span]:
    """One span per continuous stretch in one country and sector, titled by its latest term.

    >>> a = Span("GBR", "", "LEG", "member of the 56th Parliament", "2015-05-07", "2017-05-03", SOURCE)
    >>> b = Span("GBR", "", "LEG", "member of the 57th Parliament", "2017-06-08", "2019-11-06", SOURCE)
    >>> [(s.title, s.start, s.end) for s in joined_terms([a, b])]
    [('member of the 57th Parliament', '2015-05-07', '2019-11-06')]
    """
    by_office: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for span in spans:
        if not span.end or span.end > span.start:
            by_office[(span.country, span.sector)].append(span)
    joined = []
    for (country, sector), same in sorted(by_office.items()):
        for start, end in intervals(same, TERM_GAP):
            inside = [s for s in same if s.start >= start and (not end or s.start < end)]
            title = max(inside, key=lambda s: (s.start, s.title)).title
            joined.append(Span(country, "", sector, title, start, end, SOURCE))
    return joined
