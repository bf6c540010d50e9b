"""Places of events: where it happens, or where a journey goes and comes from."""
from __future__ import annotations

import pytest

from service.core import extract
from tests.helpers import REF, actors, events, one


@pytest.mark.parametrize("text, places", [
    ("The French president arrived in Cairo on Sunday.", [("Cairo", "destination")]),
    ("The Hamas delegation left Cairo on Tuesday.", [("Cairo", "origin")]),
])
def test_visit_destination_and_origin(nlp, text, places):
    ev = one(nlp, text, "visit")
    assert [(p["name"], p["role"]) for p in ev["places"]] == places


def test_weapons_act_for_their_country_where_they_strike(nlp):
    ev = one(nlp, "Russian missiles struck a power plant in Kharkiv on Friday.", "attack")
    assert actors(ev, "agent") == {"Russia"}
    assert [(p["name"], p["country_code"]) for p in ev["places"]] == [("Kharkiv", "UA")]


def test_a_meeting_during_a_visit_takes_place_where_the_visit_went(nlp):
    ev = one(nlp, "During his ninth visit to Israel, Antony Blinken met with Benjamin Netanyahu on Monday.", "meeting")
    assert [(p["name"], p["role"]) for p in ev["places"]] == [("Israel", "location")]


@pytest.mark.parametrize("text, place, date", [
    ("The minister will visit Pakistan this week for talks with Pakistani leaders.", "Pakistan", "2024-W34"),
    ("The envoy flew to Cairo on Monday for talks with Hamas.", "Cairo", "2024-08-19"),
])
def test_talks_a_journey_is_made_for_happen_where_and_when_it_goes(nlp, text, place, date):
    ev = one(nlp, text, "meeting")
    assert ([(p["name"], p["role"]) for p in ev["places"]], [d["value"] for d in ev["dates"]]) == \
        ([(place, "location")], [date])


def test_a_place_the_journey_a_meeting_is_for_goes_to(nlp):
    ev = one(nlp, "The envoy visited Lima on Monday to meet the president.", "meeting")
    assert [(p["name"], p["role"]) for p in ev["places"]] == [("Lima", "location")]


@pytest.mark.parametrize("text, type_, place", [
    ("The rebels will attend a Turkish-hosted conference in Ankara next week.", "meeting", "Ankara"),
    ("Egypt said the Qatari-mediated talks in Doha would resume on Monday.", "negotiation", "Doha"),
])
def test_an_occasion_named_with_its_host_keeps_its_own_place_and_time(nlp, text, type_, place):
    ev = one(nlp, text, type_)
    assert [p["name"] for p in ev["places"]] == [place] and len(ev["dates"]) == 1


@pytest.mark.parametrize("text, type_, places", [
    # a known region before an occasion says what it is about ...
    ("The envoy said the stalled Middle East peace process must be revived.", "negotiation", []),
    ("The Darfur peace talks resumed on Monday.", "negotiation", []),
    # ... a town where it is held, and a region where strikes fall
    ("The Vienna talks resumed on Monday.", "negotiation", ["Vienna"]),
    ("The minister condemned the Gaza strikes.", "attack", ["Gaza"]),
])
def test_a_region_before_an_occasion_is_its_subject_not_its_venue(nlp, text, type_, places):
    assert [p["name"] for p in one(nlp, text, type_)["places"]] == places


@pytest.mark.parametrize("text, type_, place, date", [
    ("The plan bypasses the peace talks due to resume in Geneva next week.", "negotiation", "Geneva", "2024-W35"),
    ("A summit likely to open in Lima on Monday was postponed.", "meeting", "Lima", "2024-08-26"),
])
def test_an_adjective_with_an_infinitive_on_the_noun_says_where_and_when(nlp, text, type_, place, date):
    ev = one(nlp, text, type_)
    assert ([p["name"] for p in ev["places"]], [d["value"] for d in ev["dates"]]) == ([place], [date])


def test_talks_parsed_as_the_verbs_compound_still_take_its_place(nlp):
    evs = [e for e in events(nlp, "Blinken is set to meet Israeli leaders on Monday before truce talks resume in Cairo.")
           if e["type"] == "negotiation"]
    assert [[p["name"] for p in e["places"]] for e in evs] == [["Cairo"]]


def test_an_occasion_named_with_its_hosts_participle_keeps_the_nouns_place_and_date(nlp):
    ev = one(nlp, "The opposition will attend a Russian-hosted peace conference in Sochi next week.", "meeting")
    assert actors(ev, "host") == {"Russia"}
    assert [p["name"] for p in ev["places"]] == ["Sochi"]
    assert [d["text"] for d in ev["dates"]] == ["next week"]


def test_a_participle_of_striking_is_placed_where_what_it_describes_is(nlp):
    ev = one(nlp, "Police cordoned off the bombed embassy in Nairobi.", "attack")
    assert [p["name"] for p in ev["places"]] == ["Nairobi"]


def _index_places(nlp, text):
    return {p["name"]: p["kind"] for p in extract(nlp, text, REF)["entities"]["places"]}


@pytest.mark.parametrize("text, names", [
    # names NER took for persons, in a list of towns: known to the gazetteer or not
    ("The candidate tours Manchester, Leeds, Sheffield, Wessex and Torbay this week.", {"Manchester", "Torbay"}),
    ("The party leader will campaign in Bristol, Exeter and Torbay.", {"Exeter", "Torbay"}),
    # a town the gazetteer lacks, tagged a place by NER
    ("The offensive against Afrin continued.", {"Afrin"}),
])
def test_a_name_where_the_sentence_puts_a_place_is_a_place(nlp, text, names):
    assert names <= set(_index_places(nlp, text))


def test_a_body_named_like_a_city_elsewhere_stays_a_body(nlp):
    # "White House" is also an alternate name of Casablanca: NER's organization wins over a city's alias
    out = extract(nlp, "The White House said on Monday that the plan was dead.", REF)
    assert out["entities"]["places"] == []
    assert {a["name"] for e in out["events"] for a in e["actors"]} == {"White House"}


@pytest.mark.parametrize("text, type_, places", [
    # a place noun goes with the name beside it
    ("Delegates met in the Black Sea resort of Batumi on Monday.", "meeting", [("Batumi", "location")]),
    # what is struck is a town or a region, named with its place noun
    ("Troops shelled Homs province and the rebel enclave of Douma on Friday.", "attack",
     [("Homs", "location"), ("Douma", "location")]),
    # "the country" alone is the country just named
    ("The minister arrived in Nepal on Monday, his second trip to the country since May.", "visit",
     [("Nepal", "destination"), ("Nepal", "destination")]),
])
def test_a_place_noun_stands_for_the_place_it_names(nlp, text, type_, places):
    assert [(p["name"], p["role"]) for e in events(nlp, text) if e["type"] == type_ for p in e["places"]] == places


@pytest.mark.parametrize("text, type_, places", [
    # a participle framing the verb, and the verb coordinated with it
    ("Speaking in Lisbon, the minister later denied the report and insisted that the budget was sound.",
     "statement", [["Lisbon"], ["Lisbon"]]),
    # the clause an infinitive is the purpose of
    ("The envoy has been campaigning in Paris, Rome and Berlin to urge tougher sanctions on Iran.", "demand",
     [["Paris", "Rome", "Berlin"]]),
    ("The delegates will stay in Oslo to continue the negotiations.", "negotiation", [["Oslo"]]),
    # ... or a journey, whose destination it happens at
    ("The premier flew to Cairo on Sunday to meet the president.", "meeting", [["Cairo"]]),
    # the clauses on an event noun; the statement whose content they are stays unplaced
    ("Officials said the talks, due to resume in Doha next week, would focus on hostages.", "negotiation",
     [["Doha"]]),
    ("Officials said the talks, due to resume in Doha next week, would focus on hostages.", "statement", [[]]),
    ("The summit, to be held in Lima on May 4 and 5, will discuss trade.", "meeting", [["Lima"]]),
    ("The airstrikes launched in Gaza on Monday killed ten people.", "attack", [["Gaza"], []]),
    # a place phrase on what the place phrase names
    ("The two leaders met at the embassy in Lima on Friday.", "meeting", [["Lima"]]),
    # every place of a list visited
    ("He visits Manchester, Liverpool, Shrewsbury, Dorset and Torbay.", "visit",
     [["Manchester", "Liverpool", "Shrewsbury", "Dorset", "Torbay"]]),
])
def test_a_place_anywhere_in_the_events_clauses(nlp, text, type_, places):
    assert [[p["name"] for p in e["places"]] for e in events(nlp, text) if e["type"] == type_] == places


@pytest.mark.parametrize("text, type_, places", [
    # a place phrase on the party met or spoken to
    ("The envoy met Syria's leaders in Damascus on Friday.", "meeting", [["Damascus"]]),
    ("Officials held a meeting with Seoul's envoys in Geneva on Tuesday.", "meeting", [["Geneva"]]),
    ("The minister told reporters in Brussels that the deal was close.", "statement", [["Brussels"]]),
    # where the description of the subject puts it, also for a participle after the verb
    ("\"We will not give up,\" said Omar Haddad, an analyst in Beirut.", "statement", [["Beirut"]]),
    ("Haddad, who is in Paris, criticised the plan, saying it would fail.", "accusation", [["Paris"]]),
    ("Haddad, who is in Paris, criticised the plan, saying it would fail.", "proposal", [[]]),
    # not a place phrase right on the subject, nor where a country lies
    ("Authorities in the region said they would not attend.", "statement", [[]]),
    ("Brazil and Chile, both big exporters in South America, said they would not join.", "statement", [[]]),
    # a place on what a speech act is about is not where it is made
    ("The minister condemned the bombing in Kabul.", "accusation", [[]]),
])
def test_where_the_parties_are(nlp, text, type_, places):
    assert [[p["name"] for p in e["places"]] for e in events(nlp, text) if e["type"] == type_] == places


@pytest.mark.parametrize("text, type_, places", [
    # a town before the event noun is where it is, and no party to it; a country there is a party
    ("Russia is sponsoring the Sochi talks, while the Vienna talks ended on Friday.", "negotiation",
     [[("Sochi", "city")], [("Vienna", "city")]]),
    ("The Iran talks resumed on Monday.", "negotiation", [[]]),
    # a named occasion is held where its name says
    ("Leaders met at the Lima Summit of the Pacific Forum.", "meeting", [[("Lima", "city")], [("Lima", "city")]]),
    # buildings and sites by their name or owner, with the place they are in
    ("The two leaders met at Netanyahu's residence in Jerusalem late Saturday.", "meeting",
     [[("Netanyahu's residence", "facility"), ("Jerusalem", "city")]]),
    ("Israel launched an air strike on Syria's Al Kibar nuclear reactor in 2007.", "attack",
     [[("Syria's Al Kibar nuclear reactor", "facility")]]),
    ("The president recorded a video in the White House garden, announcing the withdrawal.", "statement",
     [[("White House garden", "facility")]]),
    # a body named where a place is expected is its site
    ("His visit to Huawei came a day after the deal was signed.", "visit", [[("Huawei", "facility")]]),
    ("Speaking at Harvard University, the minister said the plan would work.", "statement",
     [[("Harvard University", "facility")]]),
    # ... but not one named for an event
    ("She made her first speech at the Labour Party Conference in Brighton last October.", "statement",
     [[("Brighton", "city")]]),
    # ... nor where the speaker works
    ("\"It will fail,\" said Sami Nasser, a professor at Cairo University in Giza.", "statement",
     [[("Giza", "city")]]),
])
def test_named_places_facilities_and_sites(nlp, text, type_, places):
    assert [[(p["name"], p["kind"]) for p in e["places"]] for e in events(nlp, text) if e["type"] == type_] == places


def test_a_town_naming_where_talks_are_is_no_party_to_them(nlp):
    assert not {a["name"] for e in events(nlp, "The Vienna talks and the Sochi talks ended on Friday.")
                for a in e["actors"]}


@pytest.mark.parametrize("text", ["The UN said the talks would resume.", "Talks with the UN resumed, the UN said."])
def test_an_acronym_is_a_body_not_a_town_of_that_name(nlp, text):
    out = extract(nlp, text, REF)
    assert out["entities"]["places"] == []
    assert "UN" in {a["name"] for e in out["events"] if e["type"] == "statement" for a in e["actors"]}


DATELINED = ("BEIJING, Nov. 3 (Xinhua) -- Chinese and African leaders met on Friday. Officials said the envoys had "
             "met in secret. The premier will visit Kenya next week.")


def test_a_dateline_places_what_the_article_reports_from_there(nlp):
    evs = events(nlp, DATELINED)
    assert [(e["trigger"]["text"], [p["name"] for p in e["places"]]) for e in evs] == [
        ("met", ["Beijing"]),
        ("said", ["Beijing"]),
        ("met", []),           # reported: maybe elsewhere
        ("visit", ["Kenya"]),  # a journey goes where it says
    ]
    assert [d["text"] for d in evs[0]["dates"]] == ["Friday"]   # the dateline's date is the day it was filed
    assert not {a["name"] for e in evs for a in e["actors"]} & {"Beijing", "China"}


@pytest.mark.parametrize("text, type_, places", [
    ("CAIRO (AP) -- An airstrike killed ten people on Monday, the army said.", "attack", [["Cairo"]]),
    ("LONDON — The minister criticised the plan.", "accusation", [["London"]]),
    ("Beijing, Nov. 3 (Xinhua) -- The two sides signed a trade deal.", "agreement", [["Beijing"]]),
    ("CAIRO, May 4 (Xinhua) --\n\nThe two sides signed a trade deal.", "agreement", [["Cairo"]]),   # the text below it
    ("ROME _ The minister criticised the plan.", "accusation", [["Rome"]]),   # the wire's underscore dash
    # not the act of a subject placed elsewhere or of another country
    ("HAVANA (AP) -- Exiles in Miami criticised the ruling.", "accusation", [[]]),
    ("WARSAW (AP) -- Germany criticised the ruling.", "accusation", [[]]),
    ("WARSAW (AP) -- Poland criticised the ruling.", "accusation", [["Warsaw"]]),
    # not what the text dates before the days it reports, though what it dates then too is
    ("CAIRO (AP) -- The two sides signed a trade deal in 2019, the minister said.", "agreement", [[]]),
    ("CAIRO (AP) -- A rally on Saturday marked the strike of 1952 and denounced the plan.", "accusation",
     [["Cairo"]]),
    # no dateline: a heading in capitals, an ordinary first line; what comes before a dateline
    ("BREAKING NEWS -- The minister criticised the plan.", "accusation", [[]]),
    ("US officials met on Friday. The talks ended in Rome - the envoys left.", "meeting", [[]]),
    ("Leaders met on Friday.\nROME - The talks ended.", "meeting", [[]]),
    ("Leaders met on Friday.\nROME - The talks ended.", "negotiation", [["Rome"]]),
])
def test_a_dateline_and_lines_that_are_none(nlp, text, type_, places):
    assert [[p["name"] for p in e["places"]] for e in events(nlp, text) if e["type"] == type_] == places


def test_a_dateline_city_is_no_party(nlp):
    assert actors(one(nlp, "LONDON — The minister criticised the plan.", "accusation")) == {"minister"}
