"""Actor codes (country_code, sector, code) on sentences written for these tests, and the data they come from."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from service import actor_codes, core
from service.actor_codes import NOTHING, Coding, code_actor

from .conftest import ROOT

D2024 = dt.date(2024, 5, 6)


def actors(nlp, text: str, when: dt.date | None = D2024) -> dict[str, dict]:
    out = core.extract(nlp, text, when)
    return {a["name"]: a for a in out["entities"]["actors"]}


def coded(a: dict) -> tuple:
    return a["country_code"], a["sector"], a["code"]


# ---- the pure function ------------------------------------------------------------------------------------

def test_a_country_is_its_iso_code_and_its_cameo_code():
    assert code_actor("Israel", "country") == Coding("IL", None, "ISR")
    assert code_actor("United States", "country") == Coding("US", None, "USA")
    assert code_actor("Palestinian territories", "country") == Coding("PS", None, "PSE")


def test_a_territory_the_dictionaries_do_not_code_keeps_its_country_and_no_code():
    assert actor_codes.cameo_country("GL") is None
    assert code_actor("Greenland officials", "group", affiliation="Greenland", head="official") == \
        Coding("GL", "GOV", None)


def test_a_demonym_group_is_that_countrys_sector():
    assert code_actor("Israeli officials", "group", affiliation="Israel", head="official") == Coding("IL", "GOV", "ISRGOV")
    assert code_actor("Egyptian troops", "group", affiliation="Egypt", head="troops") == Coding("EG", "MIL", "EGYMIL")
    assert code_actor("Qatari negotiators", "group", affiliation="Qatar", head="negotiator") == Coding("QA", "GOV", "QATGOV")


def test_an_office_holder_is_coded_by_the_reference_date():
    # The dictionary: ISRELI until 1996-06-18, ISRGOV to 1999-07-06, ISRGOV again from 2009-04-01, ISRELI otherwise.
    assert code_actor("Benjamin Netanyahu", "person", when=dt.date(1997, 5, 1)) == Coding("IL", "GOV", "ISRGOV")
    assert code_actor("Benjamin Netanyahu", "person", when=dt.date(2005, 5, 1)) == Coding("IL", "ELI", "ISRELI")
    assert code_actor("Netanyahu", "person", when=dt.date(2012, 5, 1)) == Coding("IL", "GOV", "ISRGOV")


def test_past_the_dictionarys_last_date_a_term_needs_the_texts_title():
    later = actor_codes.known_until() + dt.timedelta(days=3000)
    assert code_actor("Benjamin Netanyahu", "person", when=later) == Coding("IL", None, "ISR")
    assert code_actor("Benjamin Netanyahu", "person", title="Prime Minister", when=later) == Coding("IL", "GOV", "ISRGOV")
    assert code_actor("Barack Obama", "person", when=later) == Coding("US", None, "USA")
    assert code_actor("Barack Obama", "person", when=None) == Coding("US", None, "USA")


def test_a_career_through_an_international_body_says_no_country_once_the_dictionary_is_silent():
    assert code_actor("Ban Ki-moon", "person", when=dt.date(2005, 1, 1)) == Coding("KR", "GOV", "KORGOVBUS")
    assert code_actor("Ban Ki-moon", "person", when=dt.date(2010, 1, 1)) == Coding(None, "IGO", "IGOUNO")
    assert code_actor("Ban Ki-moon", "person", when=dt.date(2024, 1, 1)) == NOTHING


def test_the_text_overrules_a_namesake_in_the_dictionary():
    # The dictionary's Netanyahu is Israeli; a Canadian of that name in the text is not coded from it.
    assert code_actor("Benjamin Netanyahu", "person", title="Canadian senator", affiliation="Canada",
                      when=dt.date(1997, 5, 1)) == Coding("CA", "LEG", "CANLEG")


def test_international_bodies_have_no_country():
    assert code_actor("United Nations", "organization") == Coding(None, "IGO", "IGOUNO")
    assert code_actor("UN", "organization") == Coding(None, "IGO", "IGOUNO")
    assert code_actor("UN peacekeepers", "group", affiliation="UN", head="peacekeeper") == Coding(None, "IGO", "IGOUNO")
    assert code_actor("Amnesty International", "organization").country_code is None


def test_an_armed_group_and_its_members():
    hamas = code_actor("Hamas", "organization")
    assert hamas == Coding("PS", "REB", "PSEREBHMS")
    assert code_actor("Hezbollah", "organization") == Coding("LB", "REB", "LBNREB")
    # 'Hamas political bureau member' is a Hamas member, whatever else the name says
    assert code_actor("Karim Zorbani", "person", title="Hamas political bureau member", affiliation="Hamas") == hamas
    assert code_actor("a senior Hamas official", "person", affiliation="Hamas", head="official") == hamas


def test_an_agent_without_a_country_has_a_sector_only():
    assert code_actor("Rebels", "group", head="rebel") == Coding(None, "REB", None)
    assert code_actor("soldiers", "group", head="soldier") == Coding(None, "MIL", None)
    assert code_actor("the foreign ministry", "organization") == Coding(None, "GOV", None)


def test_unknown_names_get_nothing():
    assert code_actor("Zorblax Quimby", "person") == NOTHING
    assert code_actor("Quimby Holdings", "organization") == NOTHING
    assert code_actor("senior aides", "group", head="aide") == NOTHING


def test_one_of_an_unknown_body_is_not_a_government():
    assert code_actor("Quimby Holdings officials", "group", affiliation="Quimby Holdings", head="official") == NOTHING


def test_officials_are_a_governments_only_when_their_country_is_said():
    assert code_actor("officials", "group", head="official") == NOTHING
    assert code_actor("company officials", "group", head="official") == Coding(None, "BUS", None)
    assert code_actor("the conference president", "person", head="president") == NOTHING
    assert code_actor("Abdelaziz Quimby", "person", title="President") == Coding(None, "GOV", None)


def test_a_spokesman_speaks_for_what_the_words_before_name():
    assert code_actor("an Israeli army spokesman", "person", affiliation="Israel", head="spokesman") == \
        Coding("IL", "MIL", "ISRMIL")
    assert code_actor("a spokesman", "person", head="spokesman") == NOTHING


def test_former_office_holders_are_elite():
    assert code_actor("a former British defence minister", "person", affiliation="United Kingdom",
                      head="minister").sector == "ELI"


def test_a_bodys_proper_name_is_not_read_as_a_description():
    assert code_actor("Israeli Foreign Ministry", "organization") == Coding("IL", "GOV", "ISRGOV")
    assert code_actor("Lebanese Democratic Forces", "organization") == Coding("LB", None, "LBN")
    assert code_actor("General Quimby Motors", "organization") == NOTHING


def test_a_name_of_several_groups_says_no_country():
    assert code_actor("Islamic Jihad", "organization") == NOTHING
    assert code_actor("Palestinian Islamic Jihad", "organization") == Coding("PS", "REB", "PSEREB")


def test_a_given_name_shared_across_countries_is_no_person():
    # 'Abdullah' alone is kings of two countries and ministers of more
    assert actor_codes.lookup("abdullah") is None
    assert code_actor("Abdullah", "person") == NOTHING


def test_a_person_called_like_a_country_is_not_that_country():
    assert code_actor("Jordan", "person") == NOTHING


# ---- through the service ----------------------------------------------------------------------------------

def test_every_actor_in_events_and_entities_carries_the_three_fields(nlp):
    out = core.extract(nlp, "Israeli officials met a Quimby delegation in Cairo on Monday, the UN said.", D2024)
    found = [a for e in out["events"] for a in e["actors"]] + out["entities"]["actors"]
    assert found
    for a in found:
        assert {"country_code", "sector", "code"} <= set(a), a


def test_sentences_through_the_service(nlp):
    got = actors(nlp, "Israeli officials met Egyptian mediators in Cairo on Monday. The United Nations welcomed "
                      "the talks, while Hamas rejected them. Rebels attacked a convoy near Aleppo. "
                      "Zorblax Quimby said nothing.")
    assert coded(got["Israeli officials"]) == ("IL", "GOV", "ISRGOV")
    assert coded(got["United Nations"]) == (None, "IGO", "IGOUNO")
    assert coded(got["Hamas"]) == ("PS", "REB", "PSEREBHMS")
    assert coded(got["Rebels"]) == (None, "REB", None)
    assert coded(got["Zorblax Quimby"]) == (None, None, None)


def test_the_same_name_on_two_dates_through_the_service(nlp):
    text = "Netanyahu said on Monday that the talks would go on."
    assert coded(actors(nlp, text, dt.date(1997, 5, 5))["Netanyahu"]) == ("IL", "GOV", "ISRGOV")
    assert coded(actors(nlp, text, dt.date(2005, 5, 9))["Netanyahu"]) == ("IL", "ELI", "ISRELI")


def test_event_types_list_the_sectors(client):
    body = client.get("/v1/event-types").get_json()
    assert [s["code"] for s in body["actor_sectors"]] == list(actor_codes.SECTORS)
    assert {"GOV", "MIL", "REB", "OPP", "PTY", "BUS", "MED", "NGO", "IGO", "CVL", "JUD", "LEG"} <= \
        {s["code"] for s in body["actor_sectors"]}


# ---- the data -----------------------------------------------------------------------------------------------

def test_every_stored_code_reads_as_a_coding():
    tables = actor_codes._tables()
    for codes in set(tables["names"].values()):
        for c in codes.split(";"):
            code = c.split()[0]
            assert re.fullmatch(r"(?:[A-Z]{3}|---)+", code), c
            got = actor_codes.split(code) if code != "---" else NOTHING
            assert got.sector is None or got.sector in actor_codes.SECTORS
    assert set(tables["to_iso"].values()) <= {c for c in tables["to_iso"].values() if re.fullmatch("[A-Z]{2}", c)}


def test_the_licence_stays_beside_the_derived_files():
    assert "MIT License" in (actor_codes.FOLDER / "LICENSE").read_text()


SHARED_DICTIONARIES = ROOT.parent / "shared" / "lexicons" / "petrarch2"


@pytest.mark.skipif(not SHARED_DICTIONARIES.is_dir(), reason=f"no PETRARCH-2 dictionaries at {SHARED_DICTIONARIES}")
def test_the_converter_rebuilds_the_committed_files():
    spec = importlib.util.spec_from_file_location("build_actor_codes", ROOT / "scripts" / "build_actor_codes.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    result = build.build(SHARED_DICTIONARIES)
    committed = {}
    for line in (actor_codes.FOLDER / "actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            codes, names = line.split("\t")
            committed[codes] = sorted(names.split("|"))
    assert committed == {codes: sorted(names) for codes, names in result["actors"].items()}
    assert json.dumps(sorted(result["countries"])) == json.dumps(sorted(
        tuple(line.split("\t")) for line in (actor_codes.FOLDER / "countries.tsv").read_text().splitlines()
        if not line.startswith("#")))


# ---- any input --------------------------------------------------------------------------------------------

# Random text, and names the dictionaries hold (in title case, as a text writes them) on random dates.
_KNOWN = sorted(actor_codes._tables()["names"])[::40]
_words = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzAEIOUHIS .'’-_()[]|;\téüØ")), max_size=40) \
    | st.sampled_from(_KNOWN).map(str.title)


@settings(max_examples=300, deadline=None)
@given(name=_words, kind=st.sampled_from(("person", "organization", "country", "group")),
       title=st.none() | _words, affiliation=st.none() | _words, mentions=st.lists(_words, max_size=4),
       when=st.none() | st.dates(), head=st.none() | _words)
def test_any_actor_gets_a_valid_coding_or_none(name, kind, title, affiliation, mentions, when, head):
    got = code_actor(name, kind, title, affiliation, mentions, when, head)
    assert got.country_code is None or re.fullmatch("[A-Z]{2}", got.country_code)
    assert got.sector is None or got.sector in actor_codes.SECTORS
    assert got.code is None or re.fullmatch("(?:[A-Z]{3})+", got.code)
