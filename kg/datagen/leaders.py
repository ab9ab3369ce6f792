"""Leaders after 2015: CIA World Factbook executives and Wikidata lists, merged with Phoenix people.

Sources (``actor_sources/``, see its README):

* ``factbook/factbook_executives.csv``: the "chief of state" and "head of government" texts of
  every Factbook snapshot 2015-2026. Each ``TITLE Given SURNAME (since D Month YYYY)`` in a text
  is one office holder (deputies included); a holder's tenure ends when a later snapshot of that
  country and role no longer lists them.
* ``wikidata_everypolitician/*.csv``: foreign ministers in office in December 2022, heads of
  state and government in office in 2021-22 (years only), and heads of international bodies.

:func:`people_roles` merges these with the Phoenix people into ``30-people.csv`` rows: the same
person in several sources becomes one name with every alias and role.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Callable

import pycountry

FACTBOOK = Path("factbook") / "factbook_executives.csv"
WIKIDATA = Path("wikidata_everypolitician")
FINAL_SNAPSHOT = "2026-05-17"   # last_seen of a text still shown by the final snapshot
YEAR_END = "07-01"   # a role known to end in some year ends mid-year (see wikidata_date)
SOURCE_RANK = {"wikidata": 0, "everypolitician": 0, "factbook": 1, "phoenix": 2}   # whose spelling names a person


# ---------------------------------------------------------------------------------------------
# Shared records and name helpers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """One row of ``25-organs.csv`` or ``30-people.csv``."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    actor: str
    sector: str
    title: str
    start: str
    end: str
    source: str
    ruler: str = ""   # "no": the name is looked up, not matched by the entity ruler (see the actors README)


@dataclass(frozen=True)
class Span:
    """One role of a person before names are merged: where, as what, and when."""

    country: str
    actor: str
    sector: str
    title: str
    start: str
    end: str
    source: str

    def overlaps(self, start: str, end: str) -> bool:
        """Whether the span shares a day with [start, end) (empty = open)."""
        return (not self.end or not start or start < self.end) and (not end or not self.start or self.start < end)


@dataclass
class Person:
    """A person as one source knows them: display name, other names, roles."""

    name: str
    aliases: list[str]
    spans: list[Span]
    source: str
    short_name: str = ""    # the "Given Surname" form, the preferred display name of a Factbook person
    qid: str = ""           # the Wikidata item, which tells namesakes apart

    @property
    def names(self) -> list[str]:
        """The display name and every alias."""
        return [self.name, *self.aliases]

    @property
    def countries(self) -> set[str]:
        """Countries of the person's roles."""
        return {span.country for span in self.spans if span.country}


def ascii_fold(text: str) -> str:
    """``text`` without diacritics, as ASCII ("António" -> "Antonio").

    >>> ascii_fold("Mevlüt Çavuşoğlu")
    'Mevlut Cavusoglu'
    """
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def normalise_name(name: str) -> str:
    """The key under which names match: lower-case ASCII, no punctuation, no leading "the".

    >>> normalise_name("The U.N."), normalise_name("Al-Qaeda"), normalise_name("  Hamas!")
    ('un', 'al qaeda', 'hamas')
    """
    text = ascii_fold(name).lower().replace(".", "").replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def name_tokens(name: str) -> list[str]:
    """A person's name as comparable tokens: folded, hyphens and dots dropped inside words.

    >>> name_tokens("Kasym-Zhomart Tokayev"), name_tokens("Joseph R. Biden Jr.")
    (['kasymzhomart', 'tokayev'], ['joseph', 'r', 'biden', 'jr'])
    """
    text = re.sub(r"[-'.’]", "", ascii_fold(name).lower())
    return re.sub(r"[^a-z0-9]+", " ", text).split()


# ---------------------------------------------------------------------------------------------
# Factbook texts
# ---------------------------------------------------------------------------------------------

# Capitalised words of the Factbook's office titles ("Prime Minister", "Crown Prince").
TITLE_WORDS = set("""
President Presidents Vice Vice-President Prime Minister Ministers Premier Premiers Deputy Deputies
First Second Third Fourth Executive Chancellor King Queen Crown Prince Princess Emir Amir Sultan
Emperor Governor Governor-General General Lieutenant Lieutenant-Governor Chairman Chairwoman
Chairperson Chair Chief Head Acting Interim Transitional Transition Supreme Leader Co-Prince Captain
Captains Regent Regents Grand Duke Duchess Heir Apparent Administrator Commissioner High Secretary
State Council Presidential Sovereign Member Members Caretaker Taoiseach Tanaiste Bailiff Lord Mann
Mayor Overall Permanent Senior Federal Presidency Commander Minister-President Pope Prefect Ruler
Assistant Prime-Minister Co-Chief Co-Chiefs CEO Officer Statesman Statesmen Commission
Committee Assembly Affairs Paramount Chieftain Elect Special Representative Interior Defense
Foreign Finance Economy Commerce Trade Justice Government Coprince Archbishop French Spanish
Designate
""".split())
TITLE_LOWER = {word.lower() for word in TITLE_WORDS}
TITLE_CONNECTORS = {"of", "the", "and", "for", "in", "to", "de", "del", "on", "or"}
HONORIFICS = {"Sir", "Dame", "Dr.", "Dr", "Lady", "Sheikh", "Shaykh", "Mr.", "Mrs.", "Ms.", "Hon.",
              "Rev.", "Father", "Prof.", "Field", "Marshal", "Air", "Vice-Marshal", "Maj.Gen.", "Admiral"}
PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "di", "del", "van", "von",
             "der", "den", "la", "le", "ould", "ag", "y", "e", "wa", "ben", "abu", "bou", "ter"}
PLURALS = {"Ministers": "Minister", "Premiers": "Premier", "Presidents": "President", "Captains": "Captain",
           "Regents": "Regent", "Chancellors": "Chancellor", "Co-Princes": "Co-Prince",
           "Chairpersons": "Chairperson", "Members": "Member", "Co-Chiefs": "Co-Chief"}
NOTE = re.compile(r"(?:^|;)\s*note\s*[-–:]", re.IGNORECASE)
TOKEN = re.compile(r"\([^()]*\)|\"[^\"]*\"|“[^”]*”|,|[^\s,()\"“”]+")
DATE_TEXT = re.compile(r"(?:since|assumes office on|assumed office on|took office on)\s+"
                       r"(?:(\d{1,2})\s+)?(?:([A-Z][a-z]+)\s+)?(\d{4})")
MONTHS = {month: number for number, month in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}


@dataclass(frozen=True)
class Holder:
    """One office holder parsed from a Factbook text."""

    name: str        # display name, "Vladimir Vladimirovich Putin"
    title: str       # "President"
    since: str       # ISO date or ''
    given: str = ""  # first given name, "Vladimir"
    surname: str = ""   # the upper-case part, as displayed: "Putin", "Muhammad bin Salman"
    nickname: str = ""  # a quoted nickname, "Mike"

    @property
    def aliases(self) -> list[str]:
        """The full name, "Given Surname", "Nickname Surname" and a surname of 4+ letters."""
        names = [self.name]
        if self.given and not self.given.endswith("."):
            names.append(f"{self.given} {self.surname}")
        if self.nickname:
            names.append(f"{self.nickname} {self.surname}")
        if len(re.sub(r"[^A-Za-z]", "", ascii_fold(self.surname))) >= 4:
            names.append(self.surname)
        return list(dict.fromkeys(names))

    @property
    def short_name(self) -> str:
        """The "Given Surname" form, or the full name when there is no given name before it."""
        return f"{self.given} {self.surname}" if self.given and not self.given.endswith(".") else self.name


def is_title_word(token: str) -> bool:
    """Whether a capitalised token belongs to an office title ("Minister", "Co-prince",
    "Minister-Designate", "President-elect")."""
    parts = token.lower().split("-")
    return token.lower() in TITLE_LOWER or all(part in TITLE_LOWER | {"designate", "elect", "in", "chief"}
                                                for part in parts)


def is_caps(token: str) -> bool:
    """Whether a token is a CIA upper-case surname word ("PUTIN", "WEVER-CROES", "al-KADHIMI").

    >>> is_caps("PUTIN"), is_caps("al-KADHIMI"), is_caps("J."), is_caps("CEO"), is_caps("II")
    (True, True, False, False, False)
    """
    core = token.rstrip(".,")
    if core[:3].lower() in {"al-", "el-"}:
        core = core[3:]
    letters = re.sub(r"[-'’]", "", core)
    return (len(letters) >= 2 and letters.isalpha() and letters.isupper() and not is_title_word(token)
            and not ROMAN_NUMERAL.fullmatch(letters))


ROMAN_NUMERAL = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
INITIALS = re.compile(r"[A-Z]\.(?:[A-Z]\.)*")


def is_name_word(token: str) -> bool:
    """Whether a token is a capitalised name word ("Nikol", "Kasym-Zhomart", "Élisabeth",
    "'Akilisi", "Jr."), one letter included (Korean syllables such as "O")."""
    first, *rest = token.lstrip("'’").rstrip(".").split("-")
    def capitalised(part: str) -> bool:
        tail = part[1:].replace("'", "").replace("’", "")
        return part[:1].isupper() and (not tail or tail.islower())
    return capitalised(first) and all(capitalised(part) or part.islower() for part in rest)


def display_word(token: str) -> str:
    """A name word as displayed: upper-case words title-cased, particles lower-case.

    >>> [display_word(w) for w in ["PUTIN", "BIN", "AL-KHASAWNEH", "al-KADHIMI", "Jinping", "II", "O'NEILL"]]
    ['Putin', 'bin', 'Al-Khasawneh', 'al-Kadhimi', 'Jinping', 'II', "O'Neill"]
    """
    if token[:3] in {"al-", "el-"} and is_caps(token):
        return token[:3] + display_word(token[3:])
    if ROMAN_NUMERAL.fullmatch(token) or not token.isupper():
        return token
    if token.lower() in PARTICLES:
        return token.lower()
    def part(text: str) -> str:
        head, apostrophe, tail = text.partition("'")
        if apostrophe and len(head) == 1 and tail:
            return head + "'" + tail.capitalize()
        return text.capitalize()
    return "-".join(part(piece) for piece in token.split("-"))


def is_given(token: str) -> bool:
    """Whether a token before a surname is a given name ("Nikol", "R.", a nickname in quotes)."""
    if is_title_word(token) or token in HONORIFICS or token in {",", "And", "The"}:
        return False
    if token[0] in "\"“" or re.fullmatch(r"\([A-Z][A-Za-z.]*\)", token):
        return True
    return is_name_word(token) or bool(INITIALS.fullmatch(token))


def is_trailing(token: str) -> bool:
    """Whether a token after a surname still belongs to the name ("Jinping", "bin", "Jr.", "II",
    the one-letter syllables of Korean names)."""
    if is_title_word(token) or token in {",", "and", "of"} or token[0] in "(\"“":
        return False
    return (is_caps(token) or bool(ROMAN_NUMERAL.fullmatch(token)) or token.lower() in PARTICLES
            or token.lower().startswith(("al-", "el-")) or is_name_word(token))


def parse_since(text: str) -> str:
    """The ISO start date in a "(since D Month YYYY)" note; month or year precision gives the
    first day of the period.

    >>> parse_since("(since 7 May 2012)"), parse_since("(since November 2014)"), parse_since("(born 1985)")
    ('2012-05-07', '2014-11-01', '')
    """
    match = DATE_TEXT.search(text)
    if not match:
        return ""
    day, month, year = match.groups()
    if month and month not in MONTHS:
        return ""
    try:
        return datetime.date(int(year), MONTHS.get(month, 1), int(day or 1) if month else 1).isoformat()
    except ValueError:
        return ""


def clean_title(tokens: list[str]) -> str | None:
    """An office title from the words before a name: no parentheses, ranks or honorifics,
    plurals made singular; None when the words are prose, not a title.

    >>> clean_title(["President", "Maj.", "Gen.", "(ret.)"]), clean_title(["Deputy", "Prime", "Ministers"])
    ('President', 'Deputy Prime Minister')
    >>> clean_title(["represented", "by", "Governor", "General", "Sir"]), clean_title(["1940", "is", "the", "brother", "of"])
    ('Governor General', None)
    """
    words = [token for token in tokens if token[0] not in "(\"“," and token not in HONORIFICS
             and not (token.endswith(".") and token[0].isupper())]
    if "represented" in words:   # "Denmark represented by High Commissioner": the representative's title
        words = words[words.index("represented") + 2:]
    while words and words[0] in {"and", "The"}:
        words = words[1:]
    while words and words[-1] in {"and", "of", "the", "&"}:
        words = words[:-1]
    if any(word[0].isdigit() or (word[0].islower() and word not in TITLE_CONNECTORS and not is_title_word(word))
           for word in words):
        return None
    # "Deputy Prime Ministers A and B" names two holders; "Council of Ministers" stays plural
    title = " ".join(word if index and words[index - 1] == "of" else PLURALS.get(word, word)
                     for index, word in enumerate(words))
    return title[:1].upper() + title[1:]   # "president Aleksandr LUKASHENKO"


def split_segments(text: str) -> list[str]:
    """A Factbook text cut at semicolons outside parentheses, without its closing notes."""
    text = NOTE.split(text, 1)[0]
    segments, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth <= 0:
            segments.append("".join(current))
            current = []
        else:
            current.append(char)
    return [segment.strip() for segment in [*segments, "".join(current)] if segment.strip()]


def take_given(before: list[str]) -> list[str]:
    """Pop the given names (with inner particles, "Jawad bin Salim") off the end of ``before``.

    A single word after "of"/"the" stays in the title ("Queen of Australia ELIZABETH II").
    """
    given: list[str] = []
    while before and (is_given(before[-1]) or (before[-1] in PARTICLES and len(before) > 1
                                                 and is_given(before[-2]))):
        given.insert(0, before.pop())
    if given and before and before[-1] in {"of", "the"}:
        # the last name word (and any initials after it) is the holder's, the rest the title's
        kept = 1 + sum(1 for _ in itertools.takewhile(INITIALS.fullmatch, reversed(given)))
        kept = kept if len(given) > kept else 0
        before.extend(given[:len(given) - kept])
        given = given[len(given) - kept:]
    return given


def parse_segment(segment: str) -> list[Holder]:
    """The office holders of one segment ("Deputy Premiers A (since X), B and C (since Y)").

    A holder without a date of their own takes the next date in the segment (the CIA writes
    "A and B (since D)"); the title carries over to later names of the list. Names in prose
    ("... is the brother of Amir NAWAF", "CHUPPI ran unopposed") are no holders.
    """
    first_word = segment.split(maxsplit=1)[0]
    if not (segment[:1].isupper() or is_title_word(first_word) or first_word == "represented"):
        return []
    tokens = TOKEN.findall(segment)
    holders: list[dict] = []
    title, before = "", []
    index = 0
    while index < len(tokens):
        if not starts_surname(tokens[index]):
            before.append(tokens[index])
            index += 1
            continue
        given = take_given(before)
        own_title = clean_title(before)
        end = index + 1
        while end < len(tokens) and is_trailing(tokens[end]):
            end += 1
        name_part = tokens[index:end]
        notes = []
        while end < len(tokens) and tokens[end][0] == "(":
            notes.append(tokens[end])
            end += 1
        since = parse_since(" ".join(notes))
        if own_title is not None and (own_title or title or since):
            title = own_title or title
            holders.append(make_holder(given, name_part, title, since))
        before, index = [], end
    return fill_dates(holders)


def starts_surname(token: str) -> bool:
    """Whether a token starts an upper-case surname: "PUTIN", or "XI" (a Roman numeral only after
    a name, "ELIZABETH II", where it is read as part of that name)."""
    return is_caps(token) or bool(ROMAN_NUMERAL.fullmatch(token))


def make_holder(given: list[str], name_part: list[str], title: str, since: str) -> dict:
    """Holder fields from the tokens of one name."""
    nickname = next((token.strip("\"“”()") for token in given if token[0] in "\"“("), "")
    given = [token for token in given if token[0] not in "\"“("]
    name_part = [name_part[0].capitalize() if not is_caps(name_part[0]) else name_part[0], *name_part[1:]]
    caps = name_part[:1]
    for token in name_part[1:]:
        if not (is_caps(token) or (token.isupper() and token.lower() in PARTICLES)):
            break
        caps.append(token)
    shown = [display_word(token.rstrip(",")) for token in given + name_part]
    return {"name": " ".join(shown), "title": title, "since": since, "given": given[0] if given else "",
            "surname": " ".join(display_word(token) for token in caps), "nickname": nickname}


def fill_dates(holders: list[dict]) -> list[Holder]:
    """Give holders without a date the next date of their segment."""
    following = ""
    for holder in reversed(holders):
        following = holder["since"] or following
        holder["since"] = following
    return [Holder(**holder) for holder in holders]


def parse_executive_text(text: str) -> list[Holder]:
    """Every office holder named in one Factbook "chief of state"/"head of government" text.

    >>> [(h.title, h.name, h.since) for h in parse_executive_text(
    ...     "Prime Minister Nikol PASHINYAN (since 8 May 2018); Deputy Prime Ministers Mher GRIGORYAN "
    ...     "and Tigran AVINYAN (since 16 January 2019); note - PASHINYAN resigned")]  # doctest: +NORMALIZE_WHITESPACE
    [('Prime Minister', 'Nikol Pashinyan', '2018-05-08'), ('Deputy Prime Minister', 'Mher Grigoryan', '2019-01-16'),
     ('Deputy Prime Minister', 'Tigran Avinyan', '2019-01-16')]
    """
    return [holder for segment in split_segments(text) for holder in parse_segment(segment)]


# ---------------------------------------------------------------------------------------------
# Factbook tenures
# ---------------------------------------------------------------------------------------------


@dataclass
class Tenure:
    """One person's continuous presence in the texts of one country and role."""

    holders: list[Holder]
    country: str
    first_seen: str
    end: str = ""
    principal: bool = False   # listed first in the latest text (the office the role is about)

    @property
    def start(self) -> str:
        """The earliest "since" date, else the first snapshot that lists the person."""
        return min((holder.since for holder in self.holders if holder.since), default=self.first_seen)

    @property
    def latest(self) -> Holder:
        """The holder as the latest snapshot writes them."""
        return self.holders[-1]


def same_holder(old: Holder, new: Holder) -> bool:
    """Whether two holders of consecutive texts are one person: the same name; the same surname
    and given names with the same initial ("Issac"/"Isaac HERZOG"); or a respelled name with the
    same start date ("Bola TINBU"/"Bola Ahmed Adekunle TINUBU"). "LI Keqiang" and his successor
    "LI Qiang" differ in all three."""
    if name_tokens(old.name) == name_tokens(new.name):
        return True
    if name_tokens(old.surname) == name_tokens(new.surname) and old.given and new.given:
        return ascii_fold(old.given)[:1].lower() == ascii_fold(new.given)[:1].lower()
    # surname-first names without given names ("KIM Yong Jin") compare whole
    part = "surname" if old.given and new.given else "name"
    similar = difflib.SequenceMatcher(None, " ".join(name_tokens(getattr(old, part))),
                                      " ".join(name_tokens(getattr(new, part))))
    return bool(old.since) and old.since == new.since and similar.ratio() >= 0.8


def tenures(rows: list[dict]) -> list[Tenure]:
    """Tenures of the texts of one country and role (rows in snapshot order).

    A tenure ends at the first row that no longer lists the person: on its successor's start
    date when someone new with the same title starts in between, else on that row's first
    snapshot date. A person still listed by the final snapshot keeps an open end.
    """
    done: list[Tenure] = []
    open_: list[Tenure] = []
    for row in rows:
        holders = parse_executive_text(row["text"])
        still: list[Tenure] = []
        fresh: list[Holder] = []
        for position, holder in enumerate(holders):
            match = next((t for t in open_ if t not in still and same_holder(t.latest, holder)), None)
            if match is None:
                fresh.append(holder)
                match = Tenure([holder], row["iso3"], row["first_seen"])
            else:
                match.holders.append(holder)
            match.principal = position == 0
            still.append(match)
        for tenure in open_:
            if tenure not in still:
                tenure.end = leaving_date(tenure, fresh, holders, row["first_seen"])
                done.append(tenure)
        open_ = still
    if rows and rows[-1]["last_seen"] != FINAL_SNAPSHOT:
        # the text stopped before the final snapshot: its people are last seen then
        for tenure in open_:
            tenure.end = rows[-1]["last_seen"]
    return done + open_


def leaving_date(tenure: Tenure, fresh: list[Holder], holders: list[Holder], first_seen: str) -> str:
    """When a person no longer listed left: the start of their successor (someone new with the
    same title, or the new first-listed holder for a first-listed person: a king after a queen)
    if it falls after the person's start and by the row's first snapshot, else the row's first
    snapshot date (when the successor is unknown, or across the 2017-2020 gap in snapshots)."""
    successors = [holder for holder in fresh if holder.title == tenure.latest.title]
    if tenure.principal and holders and holders[0] in fresh:
        successors.append(holders[0])
    starts = [holder.since for holder in successors if holder.since and tenure.start < holder.since <= first_seen]
    return min(starts, default=first_seen)


def factbook_people(path: Path) -> list[Person]:
    """One :class:`Person` per Factbook tenure (merged with the others later)."""
    by_sequence: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso3"]:
                by_sequence[(row["iso3"], row["role"])].append(row)
    people = []
    for key in sorted(by_sequence):
        rows = sorted(by_sequence[key], key=lambda row: (row["first_seen"], row["last_seen"]))
        for tenure in tenures(rows):
            holder = tenure.latest
            aliases = [name for h in tenure.holders for name in h.aliases]
            span = Span(tenure.country, "", "GOV", holder.title, tenure.start, tenure.end, "factbook")
            people.append(Person(holder.name, [a for a in dict.fromkeys(aliases) if a != holder.name],
                                 [span], "factbook", holder.short_name))
    return people


# ---------------------------------------------------------------------------------------------
# Wikidata lists
# ---------------------------------------------------------------------------------------------

# Wikidata labels that pycountry does not resolve; None marks places that are no state.
COUNTRY_LABELS: dict[str, str | None] = {
    "United States of America": "USA", "People's Republic of China": "CHN", "Kingdom of the Netherlands": "NLD",
    "Kingdom of Denmark": "DNK", "Republic of Ireland": "IRL", "Republic of the Congo": "COG",
    "Democratic Republic of the Congo": "COD", "Ivory Coast": "CIV", "East Timor": "TLS", "The Gambia": "GMB",
    "The Bahamas": "BHS", "Bahamas": "BHS", "Cape Verde": "CPV", "Czech Republic": "CZE",
    "Federated States of Micronesia": "FSM", "Holy See": "VAT", "Vatican City": "VAT", "Kosovo": "XKX",
    "State of Palestine": "PSE", "Turkey": "TUR", "Russia": "RUS", "Laos": "LAO", "Brunei": "BRN",
    "North Korea": "PRK", "South Korea": "KOR", "Syria": "SYR", "Iran": "IRN", "Moldova": "MDA",
    "Tanzania": "TZA", "Vietnam": "VNM", "Bolivia": "BOL", "Venezuela": "VEN", "Taiwan": "TWN",
    "Bailiwick of Guernsey": "GGY", "Q1014": "LBR", "Eswatini": "SWZ", "São Tomé and Príncipe": "STP",
    "Cantabria": None, "Catalonia": None, "Scotland": None, "Quebec": None, "Kurdistan Region": None,
    "Donetsk People's Republic": None, "Luhansk People's Republic": None, "Republic of Abkhazia": None,
    "Republic of Artsakh": None, "Republika Srpska": None, "Sahrawi Arab Democratic Republic": None,
    "Somaliland": None, "South Ossetia": None, "Tibet": None, "Transnistria": None,
    "Turkish Republic of Northern Cyprus": None, "European Union": None,
}
# Positions of igo_officeholders and the organisation names they belong to, best first.
POSITION_ORGS = {
    "Secretary-General of the United Nations": ["United Nations"],
    "Deputy Secretary-General of the United Nations": ["United Nations"],
    "Under-Secretary-General of the United Nations": ["United Nations"],
    "President of the United Nations General Assembly": ["United Nations General Assembly", "United Nations"],
    "Judge of the International Court of Justice": ["International Court of Justice"],
    "President of the International Court of Justice": ["International Court of Justice"],
    "Vice President of the International Court of Justice": ["International Court of Justice"],
    "Director-General of the World Trade Organization": ["World Trade Organization"],
    "OSCE High Commissioner on National Minorities": ["Organization for Security and Co-operation in Europe",
                                                       "Organization for Security and Cooperation in Europe",
                                                       "OSCE"],
    "president of the Parliamentary Assembly of the Council of Europe": [
        "Parliamentary Assembly of the Council of Europe", "Council of Europe"],
    "Speaker of the Arab Parliament": ["Arab Parliament", "Arab League", "League of Arab States"],
}
# Foreign ministers of these bodies act for the organisation, not a state.
ORG_COUNTRY_LABELS = {"European Union": ["European Union"]}


def iso3_of_label(label: str) -> str | None:
    """The ISO3 code of a Wikidata country label, or None.

    >>> iso3_of_label("United States of America"), iso3_of_label("Germany"), iso3_of_label("Scotland")
    ('USA', 'DEU', None)
    """
    if label in COUNTRY_LABELS:
        return COUNTRY_LABELS[label]
    try:
        return pycountry.countries.lookup(label).alpha_3
    except LookupError:
        pass
    try:
        return pycountry.countries.search_fuzzy(label)[0].alpha_3
    except LookupError:
        return None


def wikidata_date(value: str, end: bool = False) -> str:
    """An ISO date from a Wikidata value of day, month or year precision.

    Unknown parts start at the start of the period; an end known only to the year or month is
    put in its middle (``YYYY-07-01``, ``YYYY-MM-15``), since the true day may be anywhere in it.

    >>> wikidata_date("2017-01-01"), wikidata_date("1998-03"), wikidata_date("2022", end=True)
    ('2017-01-01', '1998-03-01', '2022-07-01')
    """
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-15" if end else f"{value}-01"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-{YEAR_END}" if end else f"{value}-01-01"
    return ""


def read_rows(path: Path) -> list[dict]:
    """The rows of one UTF-8 CSV file with a header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def wikidata_people(folder: Path, actor_for_name: Callable[[str], str], problems: list[str]) -> list[Person]:
    """People of the three Wikidata lists (one :class:`Person` per row)."""
    people = []
    for row in read_rows(folder / "foreign_ministers.wikidata.csv"):
        if not row["name"]:
            continue
        country, actor = iso3_of_label(row["countryLabel"]), ""
        if country is None:
            actor = next(filter(None, map(actor_for_name, ORG_COUNTRY_LABELS.get(row["countryLabel"], []))), "")
            if not actor:
                problems.append(f"wikidata foreign minister {row['name']}: no state for {row['countryLabel']!r}")
                continue
        span = Span(country or "", actor, "GOV" if country else "", row["positionLabel"],
                    wikidata_date(row["start"]), "", "wikidata")
        people.append(Person(row["name"], [], [span], "wikidata"))
    for row in read_rows(folder / "world_leaders_2021.wikidata.csv"):
        country = iso3_of_label(row["country"])
        if country is None:
            problems.append(f"wikidata leader {row['officeholderLabel']}: no state for {row['country']!r}")
            continue
        span = Span(country, "", "GOV", row["positionLabel"], wikidata_date(row["start_year"]),
                    wikidata_date(row["end_year"], end=True), "wikidata:years")
        people.append(Person(row["officeholderLabel"], [], [span], "wikidata"))
    for row in read_rows(folder / "igo_officeholders.wikidata.csv"):
        actor = next(filter(None, map(actor_for_name, POSITION_ORGS.get(row["position"], []))), "")
        if not actor:
            problems.append(f"wikidata igo officeholder {row['person']}: no organisation for {row['position']!r}")
            continue
        span = Span("", actor, "", row["position"], wikidata_date(row["start"]), wikidata_date(row["end"], end=True),
                    "wikidata")
        people.append(Person(row["person"], [], [span], "wikidata"))
    return people


def given_names(sources: Path) -> set[str]:
    """Upper-case first names of the Factbook and Wikidata people (a lexicon for telling
    people from bodies in the Phoenix files)."""
    names = set()
    for row in read_rows(sources / FACTBOOK):
        names |= {holder.given.upper() for holder in parse_executive_text(row["text"]) if len(holder.given) > 2}
    for file, column in [("foreign_ministers.wikidata.csv", "name"), ("world_leaders_2021.wikidata.csv",
                                                                      "officeholderLabel")]:
        names |= {ascii_fold(row[column]).split()[0].upper() for row in read_rows(sources / WIKIDATA / file)
                  if len(row[column].split()) > 1}
    return {name for name in names if name.isalpha()} - {"PRIME", "PRESIDENT", "KING", "QUEEN"}


# ---------------------------------------------------------------------------------------------
# Merging people
# ---------------------------------------------------------------------------------------------

NOT_NAME_WORDS = {word.lower() for word in TITLE_WORDS} | {"mr", "mrs", "dr", "sheikh", "general", "gen", "former"}
# English short forms of first names, so that "Joe Biden" meets "Joseph R. Biden".
NICKNAMES = {"joe": "joseph", "bill": "william", "mike": "michael", "bob": "robert", "jim": "james",
             "tony": "anthony", "dick": "richard", "tom": "thomas", "dave": "david", "steve": "stephen",
             "andy": "andrew", "nick": "nicholas", "alex": "alexander", "sam": "samuel", "ben": "benjamin",
             "chris": "christopher", "dan": "daniel", "ed": "edward", "fred": "frederick", "pat": "patrick"}
FIRST_NAME_SIMILARITY = 0.75   # "Aleksandr"/"Alexander", "Mohammed"/"Muhammad"
LAST_NAME_SIMILARITY = 0.85    # "al-Asad"/"al-Assad", "Hamdok"/"Hamdouk"
CONTINUOUS_GAP = datetime.timedelta(days=31)   # Factbook tenures this close count as one


def plain_names(person: Person) -> list[list[str]]:
    """Token lists of a person's names that are a bare name of 2+ words (no title words)."""
    found = []
    for name in person.names:
        tokens = name_tokens(name)
        if len(tokens) >= 2 and not set(tokens) & NOT_NAME_WORDS:
            found.append(tokens)
    return found


def may_share_name(a: Person, b: Person) -> bool:
    """Whether two people with the same full name are one: two Wikidata items never are, Phoenix
    homonyms of different countries are kept apart, other sources name people unambiguously enough."""
    if a.qid and b.qid and a.qid != b.qid:
        return False
    return (bool(a.countries & b.countries) or not a.countries or not b.countries
            or "phoenix" not in (a.source, b.source))


class UnionFind:
    """Groups of indices joined pairwise."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """The representative of ``item``'s group."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` in one group (the smaller index represents it)."""
        a, b = self.find(a), self.find(b)
        self.parent[max(a, b)] = min(a, b)


def group_people(people: list[Person]) -> list[list[Person]]:
    """Groups of the same person across sources: same full name, spaces and hyphens aside ("Ban
    Ki Moon" / "Ban Ki-moon", see :func:`may_share_name`), or same first and last name in a
    shared country, or a respelled first name ("Kasymzhomart" / "Kassym-Jomart") with the same
    last name in a shared country."""
    groups = UnionFind(len(people))
    full: dict[str, set[int]] = defaultdict(set)
    by_last: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    by_first: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for index, person in enumerate(people):
        for tokens in plain_names(person):
            full["".join(tokens)].add(index)
            first = NICKNAMES.get(tokens[0], tokens[0])
            for country in person.countries:
                by_last[(tokens[-1], country)][first].add(index)
                by_first[(first, country)][tokens[-1]].add(index)
    for indices in full.values():
        members = sorted(indices)
        for position, i in enumerate(members):
            for j in members[:position]:
                if may_share_name(people[i], people[j]):
                    groups.join(i, j)
    # same last name and a respelled first name, or same first name and a respelled last name
    for buckets, threshold in ((by_last, FIRST_NAME_SIMILARITY), (by_first, LAST_NAME_SIMILARITY)):
        for variants in buckets.values():
            join_similar(groups, variants, threshold, lambda i, j: not (people[i].qid and people[j].qid))
    members: dict[int, list[Person]] = defaultdict(list)
    for index, person in enumerate(people):
        members[groups.find(index)].append(person)
    return list(members.values())


def join_similar(groups: UnionFind, variants: dict[str, set[int]], threshold: float,
                 may_join: Callable[[int, int], bool]) -> None:
    """Join the people of one bucket whose varying name token is the same or spelled alike
    (same initial, similarity at least ``threshold``: "Aleksandr"/"Alexander"), where ``may_join``
    allows (two Wikidata items are two people, however alike their names)."""
    spellings = sorted(variants)
    for position, spelling in enumerate(spellings):
        anchor = min(variants[spelling])
        for index in variants[spelling]:
            if may_join(anchor, index):
                groups.join(anchor, index)
        for other in spellings[position + 1:]:
            if other[0] == spelling[0] and difflib.SequenceMatcher(None, spelling, other).ratio() >= threshold:
                if may_join(anchor, min(variants[other])):
                    groups.join(anchor, min(variants[other]))


def canonical_name(group: list[Person]) -> str:
    """The name a group goes by: Wikidata's label, else the Factbook's "Given Surname", else the
    Phoenix primary phrase; the most recent role breaks ties."""
    def key(person: Person) -> tuple:
        latest = max((span.start for span in person.spans), default="")
        recency = -datetime.date.fromisoformat(latest).toordinal() if latest else 0
        return (SOURCE_RANK[person.source], recency, person.name)
    best = min(group, key=key)
    return best.short_name or best.name


def intervals(spans: list[Span], gap: datetime.timedelta = CONTINUOUS_GAP) -> list[tuple[str, str]]:
    """Spans as continuous (start, end) intervals: overlapping ones, and ones less than ``gap``
    apart, joined."""
    joined: list[list[str]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end or "9999")):
        if joined and joined[-1][1] and span.start and (
                datetime.date.fromisoformat(span.start) - datetime.date.fromisoformat(joined[-1][1]) > gap):
            joined.append([span.start, span.end])
        elif joined:
            joined[-1][1] = "" if not (joined[-1][1] and span.end) else max(joined[-1][1], span.end)
        else:
            joined.append([span.start, span.end])
    return [(start, end) for start, end in joined]


def close_phoenix_roles(spans: list[Span]) -> list[Span]:
    """End open Phoenix roles (government roles, or roles in an organisation) when a newer
    source shows the person leaving that office.

    The day-precise roles of the Factbook and Wikidata for the same state's government or the
    same organisation, joined into continuous intervals, are looked up for the first interval
    still running at the Phoenix start: a Phoenix role open since 2005 ends with a Factbook
    tenure that ends in 2021. Undated default roles stay as they are.
    """
    closed = []
    for span in spans:
        if span.source == "phoenix" and span.start and not span.end and (span.sector == "GOV" or span.actor):
            newer = [s for s in spans if s.source in ("factbook", "wikidata", "everypolitician") and s.country == span.country
                     and s.actor == span.actor and (s.actor or s.sector == "GOV")]
            running = [(start, end) for start, end in intervals(newer) if not end or end > span.start]
            if running and running[0][1]:
                span = replace(span, end=running[0][1])
        closed.append(span)
    return closed


def drop_year_roles(spans: list[Span]) -> list[Span]:
    """Drop year-precision Wikidata roles that a Factbook role of the same country overlaps:
    the Factbook has the days."""
    factbook = [s for s in spans if s.source == "factbook"]
    return [span for span in spans if span.source != "wikidata:years" or not any(
        f.country == span.country and f.overlaps(span.start, span.end) for f in factbook)]


def deduplicate(spans: list[Span]) -> list[Span]:
    """One span per (country, actor, sector, start, end): the best title, every source."""
    by_key: dict[tuple, list[Span]] = defaultdict(list)
    for span in spans:
        if span.start and span.end and span.end <= span.start:
            continue
        by_key[(span.country, span.actor, span.sector, span.start, span.end)].append(span)
    merged = []
    for key, same in by_key.items():
        ranked = sorted(same, key=lambda s: (SOURCE_RANK[s.source.split(":")[0]] if s.title else 9, s.title))
        sources = "|".join(sorted({s.source.split(":")[0] for s in same}))
        merged.append(Span(*key[:3], ranked[0].title, *key[3:], sources))
    return merged


def aliases_of(group: list[Person], name: str) -> tuple[str, ...]:
    """Every name of a group but its canonical one, with ASCII spellings of accented names."""
    names = {alias for person in group for alias in person.names}
    names |= {ascii_fold(alias) for alias in names if ascii_fold(alias).strip()}
    return tuple(sorted(names - {name, ""}, key=lambda alias: (alias.lower(), alias)))


def people_roles(sources: Path, phoenix_people: list[Person], actor_for_name: Callable[[str], str],
                 problems: list[str], officials: list[Person] = ()) -> list[Role]:
    """Every ``30-people.csv`` row: Phoenix, Factbook and Wikidata people and ``officials`` (people
    whose names are looked up, never ruler patterns) merged, sorted by name and start."""
    people = phoenix_people + factbook_people(sources / FACTBOOK) + wikidata_people(
        sources / WIKIDATA, actor_for_name, problems)
    looked_up = {id(person) for person in officials}
    people += officials
    roles = set()
    for group in group_people(people):
        name = canonical_name(group)
        listed = [p for p in group if id(p) not in looked_up]
        aliases = aliases_of(listed, name)
        # Names only the long lists give are looked up, not matched: one row of them beside the others.
        extra = tuple(sorted({normalise_name(a): a for a in aliases_of(group, name)
                              if normalise_name(a) not in {normalise_name(b) for b in (name, *aliases)}}.values()))
        spans = deduplicate(drop_year_roles(close_phoenix_roles([s for p in group for s in p.spans])))
        # Only names the smaller lists know are ruler patterns: 78,000 officials more would slow start-up.
        ruler = "" if listed else "no"
        kept = home_state_only(spans)
        roles |= {Role(name, aliases if listed else extra, "person", s.country, s.actor, s.sector, s.title, s.start,
                       s.end, s.source, ruler) for s in kept}
        if listed and extra and kept:
            first = min(kept, key=lambda s: (s.start, s.end, s.country, s.actor, s.sector, s.title))
            roles.add(Role(name, extra, "person", first.country, first.actor, first.sector, first.title, first.start,
                           first.end, first.source, "no"))
    return sorted(roles, key=role_sort_key)


def home_state_only(spans: list[Span]) -> list[Span]:
    """Drop the copies of a head of state's office in the dependencies and realms they also head.

    The Factbook lists the US president as chief of state of Guam and Puerto Rico, the French one
    as co-prince of Andorra, the British monarch in every realm: roles with the same dates in
    several states keep only the most populous state, the one news means.
    """
    by_term: dict[tuple[str, str], list[Span]] = {}
    for span in spans:
        if span.country and span.start:
            by_term.setdefault((span.start, span.end), []).append(span)
    dropped = set()
    for same_term in by_term.values():
        countries = {span.country for span in same_term}
        if len(countries) > 1:
            home = max(sorted(countries), key=population)
            dropped |= {id(span) for span in same_term if span.country != home}
    return [span for span in spans if id(span) not in dropped]


@cache
def population(iso3: str) -> int:
    """A country's population (countryinfo), 0 when unknown."""
    from countryinfo import CountryInfo
    try:
        return int(CountryInfo(iso3).population() or 0)
    except (KeyError, ValueError, TypeError):
        return 0


def role_sort_key(role: Role) -> tuple:
    """Rows sort by name, then start (open starts first), then every other column."""
    return (role.name.lower(), role.name, role.start, role.end, role.country, role.actor, role.sector,
            role.title, role.source, role.aliases)
