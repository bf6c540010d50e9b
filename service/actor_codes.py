"""CAMEO actor codes: an actor's country, sector and code, from what the document index knows about it.

    name, kind, title, affiliation, mention texts, reference date
        --the actor's own name in the dictionaries-------> "Benjamin Netanyahu": ISRGOV from 1996-06-18 to 1999-07-06 ...
        --its affiliation---------------------------------> "a Hamas official": a member of Hamas, PSEREBHMS
        --the words of its title or description-----------> "Israeli officials": Israeli -> IL, officials -> GOV
        --here--------------------------------------------> Coding(country_code="IL", sector="GOV", code="ISRGOV")

The data are the PETRARCH-2 dictionaries converted once by scripts/build_actor_codes.py into data/codes/ (actors,
agent nouns, CAMEO country codes), our own additions and corrections to them (data/codes/*_ours.tsv), the parts of
a code (data/codes/cameo.json) and the gazetteer's countries and demonyms; `warm()` loads them at start. Each of the three fields is null when nothing in the text or the
dictionaries says it: a person the dictionaries do not know and the text gives no title or nationality gets none.
A term of office is read against the reference date; past the last date the dictionaries know (or with no
reference date) a dated entry gives the person's country only, and the sector must come from the text's title.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import gazetteer

FOLDER = Path(__file__).parent / "data" / "codes"
CAMEO: dict = json.loads((FOLDER / "cameo.json").read_text(encoding="utf-8"))
SECTORS: dict[str, str] = CAMEO["sectors"]
_MAX_AGENT_WORDS = 6
_MAX_PLACE_WORDS = 4
_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "we", "us", "our",
             "i", "me", "you", "who", "which", "that"}
_DATED = re.compile(r"^(\S+) ([<>]?)(\d{8})(?:-(\d{8}))?$")


@dataclass(frozen=True)
class Coding:
    country_code: str | None = None   # ISO 3166-1 alpha-2
    sector: str | None = None         # one of SECTORS
    code: str | None = None           # the CAMEO actor code: ISRGOV, PSEREBHMS, IGOUNO ...

    def as_json(self) -> dict:
        return {"country_code": self.country_code, "sector": self.sector, "code": self.code}


NOTHING = Coding()


@functools.lru_cache(maxsize=8192)   # the same names come back in every article: each description is coded
def normalize(name: str) -> str:
    """The form names are compared in: no accents, case, periods, apostrophes, hyphens or leading 'the'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[.'’`\"“”]", "", s)
    s = re.sub(r"[\s_\-–/]+", " ", s).strip(" ,;:")
    return s[4:] if s.startswith("the ") else s


# ---- the tables, loaded once ------------------------------------------------------------------------------

def _rows(name: str) -> Iterable[list[str]]:
    for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@functools.cache
def _tables() -> dict:
    to_iso = {cameo: iso for cameo, iso, _ in _rows("countries.tsv")}
    from_iso: dict[str, str] = {}
    for cameo, iso in to_iso.items():
        from_iso.setdefault(iso, cameo)
    names: dict[str, str] = {}
    for file in ("actors.tsv", "actors_ours.tsv"):   # ours second: corrections
        for codes, joined in _rows(file):
            for name in joined.split("|"):   # one string object shared by every name of the entry
                if codes == "-":
                    names.pop(name, None)
                else:
                    names[name] = codes
    header = (FOLDER / "actors.tsv").read_text(encoding="utf-8")[:2000]
    known = re.search(r"^# known until (\d{4}-\d\d-\d\d)$", header, re.M)
    agents: dict[str, str] = {}
    for file in ("agents.tsv", "agents_ours.tsv"):   # ours second: they add to and take from the dictionary's
        for code, joined in _rows(file):
            for phrase in joined.split("|"):
                agents[normalize(phrase)] = code
    return {"to_iso": to_iso, "from_iso": from_iso, "names": names, "agents": agents,
            "known_until": dt.date.fromisoformat(known.group(1)) if known else dt.date.min}


def warm() -> None:
    """Load the tables now (at start-up, before workers fork) rather than on the first request."""
    _tables()


def cameo_country(iso: str | None) -> str | None:
    return _tables()["from_iso"].get(iso) if iso else None


def known_until() -> dt.date:
    return _tables()["known_until"]


# ---- reading one code ---------------------------------------------------------------------------------------

def _blocks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def split(code: str) -> Coding:
    """What a CAMEO code says: 'ISRGOVLEG' -> IL, GOV; 'IGOUNO' -> no country, IGO; 'MED' -> sector only."""
    t = _tables()
    blocks = _blocks(code)
    first, rest = blocks[0], blocks[1:]
    sector = next((b for b in rest if b in SECTORS), None)
    if first in t["to_iso"]:
        return Coding(t["to_iso"][first], sector, code)
    if first in CAMEO["regions"] or first in CAMEO["historical"]:
        return Coding(None, sector, code)
    if first in CAMEO["international"]:
        return Coding(None, first if first in SECTORS else sector, code)
    if first in SECTORS:
        return Coding(None, first, None)   # an agent with no country: no code to give
    return NOTHING


def _fits(code: str, when: dt.date) -> str | None:
    m = _DATED.match(code)
    if m is None:
        return code
    name, op, a, b = m.groups()
    start = dt.date(int(a[:4]), int(a[4:6]), int(a[6:]))
    if op == "<":
        return name if when < start else None
    if op == ">":
        return name if when >= start else None
    end = dt.date(int(b[:4]), int(b[4:6]), int(b[6:]))
    return name if start <= when < end else None


@functools.lru_cache(maxsize=4096)
def resolve(codes: str, when: dt.date | None) -> Coding:
    """The coding a dictionary entry gives on a date: the first code whose dates fit, else its undated code.

    (PETRARCH takes the first code that fits in file order, so a name entered twice can have a default shadow a
    later term: 'President Bush' pools both Bushes.) An entry with dated codes is a person's career: when nothing
    fits the date, without a date, or past the dictionaries' last date, it says only the person's country (when
    all its codes name that one country and no international body), since what office the person held then the
    dictionaries cannot know.
    """
    entries = codes.split(";")
    dated = [c for c in entries if _DATED.match(c)]
    if not dated or when is not None and when <= known_until():
        hit = next((name for name in (_fits(c, when) for c in dated) if name), None) if dated else None
        if hit is None:
            hit = next((c for c in entries if not _DATED.match(c)), None)
        if hit is not None:
            return NOTHING if hit == "---" else split(hit)
    country = _country_of(codes)
    return Coding(country, None, cameo_country(country)) if country else NOTHING


def _country_of(codes: str) -> str | None:
    """The one country all of an entry's codes name (a Soviet-era code names none), or None; None too for a
    career that passed through an international body (a UN secretary-general acts for no country)."""
    parts = [split(c.split()[0]) for c in codes.split(";")]
    if any(p.code and p.code[:3] in CAMEO["international"] for p in parts):
        return None
    countries = {p.country_code for p in parts} - {None}
    return countries.pop() if len(countries) == 1 else None


def place_country(codes: str) -> str | None:
    """The country of a place's entry (a country, its adjectives, capital, cities, regions: no sector in any of its
    codes); None for the entries of persons and bodies."""
    if any(split(c.split()[0]).sector for c in codes.split(";")):
        return None
    return _country_of(codes)


def lookup(name: str) -> str | None:
    """The dictionary entry (its codes) of a name, or None."""
    return _tables()["names"].get(normalize(name))


# ---- what words say -----------------------------------------------------------------------------------------

_FORMER = {"former", "ex"}


def agent(words: str, leftward: bool = True, stated: bool = True) -> str | None:
    """The agent code of a title or description: the longest agent phrase that ends nearest its end (the head).

    'Israeli Defense Minister' -> GOVMIL. A neutral head (agents_ours.tsv marks 'spokesman' so: it speaks for
    someone else) leaves it to the words before: 'army spokesman' -> MIL; so does a head that is no agent word
    when `leftward` ('army chief'), which a body's proper name does not allow ('General Motors'), and a head that
    names a state's agent (@GOV: 'officials') unless the actor's country is `stated`. 'former' before the phrase
    makes an office holder one of the elite (ELI), as the dictionary's 'former president' is. None when no phrase
    has a sector ('senior aides').
    """
    span = agent_span(words, leftward, stated)
    return span[0] if span else None


def agent_span(words: str, leftward: bool = True, stated: bool = True) -> tuple[str, int, int] | None:
    """agent(), with the word positions of its phrase in normalize(words)."""
    agents = _tables()["agents"]
    toks = normalize(words).split()
    for end in range(len(toks), 0, -1):
        for start in range(max(0, end - _MAX_AGENT_WORDS), end):
            code = agents.get(" ".join(toks[start:end]))
            if code is None:
                continue
            if code.startswith("@"):
                code = code[1:] if stated else "-"
            if code == "-":
                break
            if not _sector_of(code):
                return None   # a phrase of no sector decides too ('religious leaders')
            if _FORMER & set(toks[max(0, start - 2):start]) and _sector_of(code) in ("GOV", "MIL", "LEG", "JUD"):
                code = "ELI"
            return code, start, end
        else:
            if not leftward:
                return None
    return None


def _sector_of(agent_code: str | None) -> str | None:
    return next((b for b in _blocks(agent_code) if b in SECTORS), None) if agent_code else None


def country_words(words: str) -> set[str]:
    """ISO codes of the countries a title or description names by a demonym, a country name or a capital
    ('Israeli', 'U.S.', 'Tehran'); capitalized words only, so 'male protesters' is not the Maldives."""
    toks = words.split()
    found: set[str] = set()
    i = 0
    while i < len(toks):
        for n in range(min(_MAX_PLACE_WORDS, len(toks) - i), 0, -1):
            span = " ".join(toks[i:i + n]).strip(",;:()\"“”")
            span = re.sub(r"[’']s$", "", span)
            if not span[:1].isupper():
                continue
            iso = _country_of_place(span)
            if iso:
                found.add(iso)
                i += n - 1
                break
        i += 1
    return found


def _country_of_place(name: str) -> str | None:
    iso = gazetteer.demonym(name)
    if iso:
        return iso
    hit = gazetteer.lookup(name)
    if hit is not None and hit.kind == "country":
        return hit.country_code
    codes = lookup(name)
    return place_country(codes) if codes else None


# ---- one actor -----------------------------------------------------------------------------------------------

def _named_body(name: str, when: dt.date | None) -> Coding:
    """A body the dictionaries know that a longer name contains: 'the radical Palestinian Islamic Jihad movement'.
    Only capitalized words (a proper name) and entries without dates (a body, not a person's career)."""
    toks = name.split()
    for n in range(len(toks) - 1, 0, -1):
        for i in range(len(toks) - n + 1):
            words = toks[i:i + n]
            if not words[0][:1].isupper():
                continue
            codes = lookup(re.sub(r"[’']s$", "", " ".join(words)))
            if codes and not any(_DATED.match(c) for c in codes.split(";")) and not place_country(codes):
                found = resolve(codes, when)
                if found.sector:
                    return found
    return NOTHING


def _own(name: str, kind: str, title: str | None, when: dt.date | None, head: str | None) -> Coding:
    """What the dictionaries say of the actor's own name."""
    codes = lookup(name)
    if codes is None and kind == "person" and head is None:
        # 'Antony J. Blinken' is entered as 'Antony Blinken', and many as the text titles them: 'President Bush'.
        plain = " ".join(w for w in name.split() if not re.fullmatch(r"\w\.", w))
        words = (title or "").split()
        tried = [plain] + [" ".join(words[i:] + [plain]) for i in range(len(words))]
        codes = next((c for c in map(lookup, tried) if c), None)
    if codes is None:
        return _named_body(name, when) if kind != "person" else NOTHING
    if kind == "person" and place_country(codes):
        return NOTHING   # a person called Jordan is no country
    return resolve(codes, when)


def _affiliation(name: str, when: dt.date | None) -> tuple[Coding, bool]:
    """What belonging to a named party says, and whether the party is known as a whole: a country (Israel), a
    place in one (Gaza), a body coded as an actor is (Hamas, the UN, 'the Israeli Foreign Ministry'); or, for a
    body known only by the country in its name ('Montenegro Municipality Association'), that country alone."""
    iso = _country_of_place(name)
    if iso:
        return Coding(iso, None, cameo_country(iso)), True
    codes = lookup(name)
    if codes and place_country(codes):
        return resolve(codes, when), True   # 'Gaza': PSEGZA
    hit = gazetteer.lookup(name)
    if codes is None and hit is not None and hit.country_code and hit.name.casefold() == name.casefold():
        return Coding(hit.country_code, None, cameo_country(hit.country_code)), True   # a city by its own name
    body = code_actor(name, "organization", when=when)
    return body, body.sector is not None


def code_actor(name: str, kind: str, title: str | None = None, affiliation: str | None = None,
               mentions: Iterable[str] = (), when: dt.date | None = None, head: str | None = None) -> Coding:
    """Country, sector and CAMEO code of one actor of the document index; NOTHING when the text does not say.

    `mentions` are the texts of its mentions (names, descriptions, pronouns); `when` is the reference date;
    `head` is the head noun when the actor is known by a description ('an Israeli army spokesman').
    """
    if kind == "country":
        iso = _country_of_place(name)
        return Coding(iso, None, cameo_country(iso)) if iso else NOTHING
    own = _own(name, kind, title, when, head)
    if own.code and own.code[:3] in CAMEO["international"]:
        return own   # the UN, Amnesty, a multinational: no country, whatever words their names carry
    member, whole = _affiliation(affiliation, when) if affiliation else (NOTHING, True)
    if affiliation and member == NOTHING:
        # One of a body nobody knows: its 'officials' need not be a government's.
        return own if own.sector else NOTHING
    if member.sector and own.country_code in (None, member.country_code):
        return member   # 'a Hamas official', 'UN peacekeepers': the body they belong to
    if not whole:   # one of a body known only by its country: that country, and no sector
        return Coding(member.country_code, None, member.code) if own.country_code in (None, member.country_code) \
            else NOTHING
    # The text's own words for the actor: a person's title, a body's or a group's name, then its descriptions.
    proper = kind == "organization" and head is None
    described = title if kind == "person" and head is None else name
    said = [m for m in mentions if _descriptive(m, name, described)]
    # A title can be an actor of its own in the dictionaries ('Kremlin spokesman' aside, 'White House chief of staff').
    titled = resolve(lookup(title), when) if kind == "person" and title and lookup(title) else NOTHING
    countries = {member.country_code} if member.country_code else country_words(described) if described else set()
    if titled.country_code:
        countries.add(titled.country_code)
    country = countries.pop() if len(countries) == 1 else None
    if own.country_code and country and own.country_code != country:
        own = NOTHING   # the text says otherwise: a namesake
    if country is None and not countries:
        country = own.country_code
        if country is None and own == NOTHING:
            elsewhere = set().union(*map(country_words, said))
            country = elsewhere.pop() if len(elsewhere) == 1 else None
    # A capitalized title before a name is an office ('President Bouteflika'); 'chief negotiator' may be anyone's.
    stated = country is not None or kind == "person" and head is None and bool(title) and title.split()[-1][:1].isupper()
    span = agent_span(described, leftward=not proper, stated=stated) if described else None
    if span and proper and not _only_places(normalize(described).split()[:span[1]]):
        span = None   # 'Syrian Democratic Forces' is a name, not Syria's forces; 'Israeli Foreign Ministry' is both
    agent_code = span[0] if span else next((a for a in (agent(m, stated=stated) for m in said) if a), None)
    if agent_code is None and titled.sector:
        agent_code = titled.sector
    # A person's title says what they are on this day; a body's entry is more exact than the words of its name.
    sector = (_sector_of(agent_code) or own.sector) if kind == "person" else (own.sector or _sector_of(agent_code))
    if own.code and (own.country_code, own.sector) == (country, sector):
        return own
    if country is None:
        return Coding(None, sector, None)
    if sector is None:
        return Coding(country, None, member.code or cameo_country(country))
    suffix = agent_code if _sector_of(agent_code) == sector else sector
    base = member.code if member.code and member.country_code == country else cameo_country(country)
    # 'Israeli officials': ISR + GOV; 'Gaza officials': PSEGZA + GOV; a territory CAMEO has no code for: none.
    return Coding(country, sector, base + suffix if base else None)


def _only_places(toks: list[str]) -> bool:
    """Whether normalized words are nothing but names of countries and their places ('russian', 'united states')."""
    i = 0
    while i < len(toks):
        n = next((n for n in range(min(_MAX_PLACE_WORDS, len(toks) - i), 0, -1)
                  if _country_of_place(" ".join(toks[i:i + n]))), 0)
        if not n:
            return False
        i += n
    return True


def _descriptive(mention: str, name: str, described: str | None) -> bool:
    """A mention that describes the actor in other words: not a pronoun, a part of its name or its title again."""
    norm = normalize(mention)
    if not norm or norm.split()[0] in _PRONOUNS:
        return False
    words, named = norm.split(), normalize(name).split()
    if all(w in named for w in words):
        return False
    return described is None or norm != normalize(described)


def for_actor(actor, text: str, when: dt.date | None) -> Coding:
    """code_actor for an actor of the document index (service.entities.Actor) in the article `text`."""
    return code_actor(actor.name, actor.kind, actor.title, actor.affiliation,
                      [text[s:e] for s, e in sorted(set(actor.mentions))], when, actor.head_lemma)
