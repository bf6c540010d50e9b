"""Actors of events: canonical names, titles and affiliations, and who fills which role."""
from __future__ import annotations

import pytest

from service.core import extract
from service.entities import DocIndex
from tests.helpers import REF, actors, events, one


# ---- names ---------------------------------------------------------------------------------

def test_one_canonical_name_per_person(nlp):
    text = ("Secretary of State Antony J. Blinken arrived in Israel. Mr. Blinken met Netanyahu. "
            "Blinken later flew to Cairo.")
    result = extract(nlp, text, REF)
    blinken = [a for a in result["entities"]["actors"] if a["name"].endswith("Blinken")]
    assert len(blinken) == 1 and blinken[0]["name"] == "Antony J. Blinken"
    assert blinken[0]["title"] == "Secretary of State"
    assert len(blinken[0]["mentions"]) >= 3


def test_surname_tagged_as_place_is_still_the_person(nlp):
    text = "German Chancellor Olaf Scholz met Zelenskyy. Scholz said Germany would send more air defense."
    said = next(e for e in events(nlp, text) if e["trigger"]["text"] == "said")
    assert actors(said, "speaker") == {"Olaf Scholz"}


def test_title_noun_before_a_name_is_not_a_second_actor(nlp):
    ev = one(nlp, "Sudan's army chief Abdel Fattah al-Burhan arrived in Jeddah on Saturday.", "visit")
    assert actors(ev, "visitor") == {"Abdel Fattah al-Burhan"}


def test_leading_title_inside_a_person_entity_goes_to_title(nlp):
    ev = one(nlp, "Spokesperson Mao Ning urged Tokyo to respect regional stability.", "demand")
    agent = next(a for a in ev["actors"] if a["role"] == "agent")
    assert (agent["name"], agent["title"]) == ("Mao Ning", "Spokesperson")


def test_demonym_affiliation_and_country_codes(nlp):
    result = extract(nlp, "Israeli negotiators met Qatari mediators in Doha.", REF)
    ev = next(e for e in result["events"] if e["type"] == "meeting")
    assert {a["affiliation"] for a in ev["actors"]} == {"Israel", "Qatar"}
    assert result["entities"]["places"][0]["country_code"] == "QA"


@pytest.mark.parametrize("text, type_, role, state", [
    ("Cairo sharply criticised the Jewish state on Monday.", "accusation", "target", "Israel"),
    ("Tehran said the Islamic republic would never accept the demand.", "rejection", "agent", "Iran"),
    ("Seoul accused the Hermit Kingdom of firing a missile.", "accusation", "target", "North Korea"),
])
def test_a_fixed_description_of_a_state_is_that_state(nlp, text, type_, role, state):
    assert actors(one(nlp, text, type_), role) == {state}


def test_a_fixed_descriptions_words_keep_their_meaning_elsewhere(nlp):
    ev = one(nlp, "Jewish leaders criticised the Islamic Republic of Pakistan.", "accusation")
    assert "Iran" not in actors(ev) and "Israel" not in actors(ev)


def test_coordinated_modifiers_are_two_parties(nlp):
    ev = one(nlp, "Israeli and Hamas officials said disagreements remained.", "statement")
    assert actors(ev, "speaker") == {"Israeli officials", "Hamas officials"}


@pytest.mark.parametrize("text, addressee", [
    ('Abu Zuhri told AFP: "We reject it."', "AFP"),
    ("The spokesman told RIA that the strikes continued.", "RIA"),
])
def test_an_untagged_acronym_told_is_an_addressee(nlp, text, addressee):
    assert addressee in actors(one(nlp, text, "statement"), "addressee")


@pytest.mark.parametrize("text, word, expected", [
    ("HAVANA (AP) --  The boy's grandmother said she is willing to travel.", "HAVANA", []),   # a city
    ("The spokesman told RIA about it.", "RIA", [("RIA", "organization")]),
    ("Esselte AB, the Stockholm office supplies company, proposed to buy it.", "AB", []),   # a name's tail
])
def test_which_untagged_acronyms_are_bodies(nlp, text, word, expected):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    if tok.ent_type_:
        pytest.skip(f"NER tagged {word!r} itself")
    assert [(r.actor.name, r.actor.kind) for r in DocIndex(doc).actors_at(tok)] == expected


@pytest.mark.parametrize("text, type_, role, actor", [
    ("The UN announced that the talks would resume.", "statement", "speaker", "UN"),
    ("The UN-led talks resumed in Geneva.", "negotiation", "mediator", "UN"),
])
def test_an_acronym_tagged_as_a_body_stays_a_body_though_a_town_has_that_name(nlp, text, type_, role, actor):
    assert actors(one(nlp, text, type_), role) == {actor}


@pytest.mark.parametrize("text, type_, role, actor", [
    ("Observers said the vote had been fair.", "statement", "speaker", "Observers"),
    ("Critics of the bill accused the mayor of lying.", "accusation", "agent", "Critics"),
    ("The minister told MPs that the bill would pass.", "statement", "addressee", "MPs"),
    ("Lawyers said the ruling would be appealed.", "statement", "speaker", "Lawyers"),
    ("The senator met his Canadian counterpart in Ottawa.", "meeting", "participant", "his Canadian counterpart"),
    ("Organisers said the summit would open on Monday.", "statement", "speaker", "Organisers"),
    ("Prosecutors said the trial would resume.", "statement", "speaker", "Prosecutors"),
    ("The minister told the French media in Paris that the talks would resume.", "statement", "addressee",
     "French media"),
    ("According to the daily, the talks will resume.", "statement", "speaker", "daily"),
    ("The Venezuelan opposition said the vote had been rigged.", "statement", "speaker", "Venezuelan opposition"),
    ("Twelve countries signed the treaty on Monday.", "agreement", "agent", "Twelve countries"),
    ("The member states agreed to reform the court.", "agreement", "agent", "member states"),
    ("Rival factions rejected the offer.", "rejection", "agent", "Rival factions"),
    ("Chancellor Olaf Scholz arrived in Kyiv. The chancellor said the talks would resume.", "statement", "speaker",
     "Olaf Scholz"),
    ("The privacy commissioner said the rules were unlawful.", "statement", "speaker", "privacy commissioner"),
])
def test_common_nouns_for_people_are_actors(nlp, text, type_, role, actor):
    assert actor in actors(one(nlp, text, type_), role)


# ---- who does it: subjects inherited ---------------------------------------------------------

def test_accused_of_doing_gives_the_accused_as_agent(nlp):
    ev = one(nlp, "The RSF accused the army of shelling residential areas in Omdurman.", "attack")
    assert {a["text"] for a in ev["actors"] if a["role"] == "agent"} == {"army"}


@pytest.mark.parametrize("text", [
    "Israel faces the threat of direct attacks from Iran and Hezbollah.",      # coordinated
    "Progress may dissuade Iran and Hezbollah from carrying out their reprisals.",   # held back from acting
])
def test_attack_agents_in_coordination_and_held_back_from_acting(nlp, text):
    assert actors(one(nlp, text, "attack"), "agent") == {"Iran", "Hezbollah"}


def test_the_subject_of_an_endeavour_does_what_it_attempts(nlp):
    ev = one(nlp, "Antony Blinken continued his efforts to reach an agreement by traveling to Egypt on Tuesday.", "visit")
    assert actors(ev, "visitor") == {"Antony Blinken"}


def test_visit_noun_after_a_copula_takes_the_relative_subject(nlp):
    ev = one(nlp, "Fumio Kishida, who is on a two-day visit to India, met President Droupadi Murmu.", "visit")
    assert actors(ev, "visitor") == {"Fumio Kishida"}
    assert [(p["name"], p["role"]) for p in ev["places"]] == [("India", "destination")]


def test_a_past_verb_hung_on_a_gerund_takes_the_finite_verbs_subject(nlp):
    ev = one(nlp, "On Sunday, Netanyahu accused Hamas of obstructing progress and called for more pressure.", "demand")
    assert actors(ev, "agent") == {"Netanyahu"}


@pytest.mark.parametrize("text, held_them", [
    ("Israel voiced cautious optimism after high-level talks with Egyptian mediators.", {"Israel"}),
    ("Israel voiced cautious optimism after the talks.", set()),   # no counterpart: no telling who held them
])
def test_who_acts_after_talks_with_someone_held_them(nlp, text, held_them):
    ev = one(nlp, text, "negotiation")
    if held_them:
        assert held_them <= actors(ev, "participant")
    else:
        assert actors(ev) == set()


@pytest.mark.parametrize("text, type_, role, expected", [
    ("The envoy said he was asking Turkey and Iran to meet in Geneva.", "meeting", "participant", {"Turkey", "Iran"}),
    ("Biden invited Netanyahu to visit Washington.", "visit", "visitor", {"Netanyahu"}),
    # "quoted X telling" is two acts (the newspaper's and X's): the one told is X's
    ("The newspaper quoted Mr Clarke telling activists that the bill would pass.", "statement/telling", "speaker",
     {"Clarke"}),
    ("The newspaper quoted the minister as saying that the talks would resume.", "statement/saying", "speaker",
     {"minister"}),
    # the subject of a verb of promising does what it promises
    ("Hamas promised Egypt to attend the talks.", "negotiation", "participant", {"Hamas"}),
])
def test_the_object_of_asking_does_what_it_is_asked_to(nlp, text, type_, role, expected):
    type_, _, trigger = type_.partition("/")
    found = [e for e in events(nlp, text) if e["type"] == type_ and (not trigger or e["trigger"]["text"] == trigger)]
    assert len(found) == 1, [(e["type"], e["trigger"]["text"]) for e in events(nlp, text)]
    assert actors(found[0], role) == expected


@pytest.mark.parametrize("text, type_, expected", [
    ("The envoy plans a meeting with Spain, the UK, Italy, Jordan and Egypt next week.", "meeting",
     {"Spain", "United Kingdom", "Italy", "Jordan", "Egypt"}),
    ("Blinken will open negotiations with Canada, the UK, Japan and Egypt on Monday.", "negotiation",
     {"Canada", "United Kingdom", "Japan", "Egypt"}),
    # the members of a group, set off by a dash
    ("Iran will hold talks with the three European powers -- Britain, France and Germany -- next week.", "meeting",
     {"United Kingdom", "France", "Germany"}),
])
def test_a_list_the_parser_read_as_an_apposition_is_still_a_list(nlp, text, type_, expected):
    assert expected <= actors(one(nlp, text, type_), "participant")


@pytest.mark.parametrize("text, type_, expected", [
    ("The Cairo talks ended without a deal on Friday.", "negotiation", set()),   # a capital: the place
    ("Washington's plan was rejected by Hamas.", "proposal", {"United States"}),   # a capital's possessive: the state
])
def test_a_city_before_an_event_noun_is_where_not_who(nlp, text, type_, expected):
    assert actors(one(nlp, text, type_)) == expected


@pytest.mark.parametrize("text, party", [
    ("Egypt will continue talks with Hamas in Cairo.", "Egypt"),
    ("The envoys opened negotiations with Hamas on Monday.", "envoys"),
])
def test_the_subject_of_an_aspect_of_talks_is_a_party(nlp, text, party):
    assert party in actors(one(nlp, text, "negotiation"), "participant")


@pytest.mark.parametrize("text, authors", [
    ("Under the proposal made last year by Egypt and Qatar, the talks would resume.", {"Egypt", "Qatar"}),
    ("The plan for a new committee was first advanced by the Russians in January.", {"Russia"}),
    # a possessor owns it; a nationality beside it then says what it is about
    ("Joe Biden flew to Cairo on Monday to promote his Egyptian plan.", {"Joe Biden"}),
])
def test_a_plan_made_or_advanced_by_someone_is_theirs(nlp, text, authors):
    assert actors(one(nlp, text, "proposal"), "agent") == authors


@pytest.mark.parametrize("text, trigger, role, actor", [
    ("Hamas said Israel had broken the truce, accusing it of bad faith.", "accusing", "agent", "Hamas"),
    ("The minister said the rebels had used chemical weapons, describing the attack as a crime.",
     "describing", "speaker", "minister"),
])
def test_a_trailing_participle_inside_a_report_is_the_reporters_act(nlp, text, trigger, role, actor):
    ev = next(e for e in events(nlp, text) if e["trigger"]["text"] == trigger)
    assert actors(ev, role) == {actor}


# ---- to whom or against whom ----------------------------------------------------------------

@pytest.mark.parametrize("text, target", [
    ("Hamas demanded a full withdrawal of Israeli troops from Gaza.", "Israel"),
    ("Hamas has insisted on a complete withdrawal of Israeli forces.", "Israel"),
    ("Hamas has consistently called for an end to Israeli presence on the border.", "Israel"),
    ("Jordan urged pressure on Benjamin Netanyahu to reach an agreement.", "Benjamin Netanyahu"),
])
def test_a_demand_targets_the_party_it_is_made_of(nlp, text, target):
    ev = one(nlp, text, "demand")
    assert target in actors(ev, "target")


def test_a_demand_for_a_release_has_no_target_among_the_released(nlp):
    ev = one(nlp, "Hamas demanded the release of Palestinian prisoners.", "demand")
    assert actors(ev, "target") == set()


def test_resisting_a_request_targets_its_author(nlp):
    ev = one(nlp, "Hamas was particularly resistant to Israel's request for a military presence in Gaza.", "rejection")
    assert actors(ev, "agent") == {"Hamas"} and actors(ev, "target") == {"Israel"}


def test_what_a_participle_endorses_is_the_noun_it_describes(nlp):
    ev = one(nlp, "A proposal, laid out by Joe Biden in May and later endorsed by the UN Security Council, "
                  "aims to freeze fighting.", "agreement")
    assert actors(ev, "target") == {"Joe Biden"}


def test_targets_named_by_including(nlp):
    ev = one(nlp, "Tensions rose after the killings of militant leaders, including Hamas chief Ismail Haniyeh.", "attack")
    assert "Ismail Haniyeh" in actors(ev, "target")


@pytest.mark.parametrize("text", [
    "In a dispute with Russia, the Kazakh president, Kassym-Jomart Tokayev, spoke on Monday. He said the talks would resume.",
    "Kassym-Jomart Tokayev, the Kazakh president, spoke on Monday. He said the talks would resume.",
])
def test_a_name_beside_a_person_noun_is_a_person_whatever_the_tagger_said(nlp, text):
    said = next(e for e in events(nlp, text) if e["trigger"]["text"] == "said")
    assert [(a["name"], a["kind"]) for a in said["actors"]] == [("Kassym-Jomart Tokayev", "person")]


@pytest.mark.parametrize("text, name, code", [
    ("Benin rejected the demand.", "Benin", "BJ"),   # the tagger reads these as persons
    ("Togo and Malawi signed the deal.", "Malawi", "MW"),
])
def test_a_country_tagged_as_a_person_is_the_country(nlp, text, name, code):
    found = {a["name"]: a for a in extract(nlp, text, REF)["entities"]["actors"]}
    assert found[name]["kind"] == "country" and found[name]["country_code"] == code


@pytest.mark.parametrize("text, addressee", [
    ("The minister assured Hamas that the border would reopen.", {"Hamas"}),
    ("The envoy reminded Israel that the truce had expired.", {"Israel"}),
    ("Abu Zuhri told AFP that the group rejected it.", {"AFP"}),
])
def test_the_object_of_a_verb_of_telling_is_the_addressee(nlp, text, addressee):
    assert actors(one(nlp, text, "statement"), "addressee") == addressee


@pytest.mark.parametrize("text, type_, role, expected", [
    # the one asked to act is the subject of the clause after a modal, with no 'that'
    ("The union demanded the company should raise wages.", "demand", "target", {"company"}),
    # the owner of what is struck, when the thing struck is the passive subject
    ("Peru warned that its ports would be attacked by Chile.", "attack", "target", {"Peru"}),
    # a participle that is itself the trigger: who puts the occasion on, and who attends it
    ("Chile attended the Peru-hosted summit on Monday.", "meeting", "host", {"Peru"}),
    ("Chile attended the Peru-hosted summit on Monday.", "meeting", "participant", {"Chile"}),
    # a deal signed, in a participle phrase, by the parties
    ("A pact signed by Chile and Peru took effect on Monday.", "agreement", "agent", {"Chile", "Peru"}),
])
def test_actors_of_constructions_around_the_trigger(nlp, text, type_, role, expected):
    assert actors(one(nlp, text, type_), role) == expected


@pytest.mark.parametrize("text, addressee", [
    ("In a phone call with Peru's president on Sunday, the Chilean leader said the talks went well.",
     {"Peru's president"}),
    ("In an interview on BBC Radio, the minister said the talks went well.", {"BBC Radio"}),
    ("In a speech to the Senate, the president said the talks went well.", {"Senate"}),
    ("In remarks to reporters, the minister said the talks went well.", {"reporters"}),
])
def test_the_other_party_of_a_call_a_speech_or_a_programme_interview_is_the_addressee(nlp, text, addressee):
    assert actors(one(nlp, text, "statement"), "addressee") == addressee


@pytest.mark.parametrize("text", [
    "Peru will begin an air bombardment on Monday.",
    "Peru mounted a new offensive against the rebels in May.",
    "Peru postponed the offensive against the rebels until May.",
])
def test_who_starts_or_holds_off_an_attack_is_its_agent(nlp, text):
    assert actors(one(nlp, text, "attack"), "agent") == {"Peru"}


@pytest.mark.parametrize("text", [
    "The former minister criticised the way Peru operates.",
    "Chile condemned how Peru handled the crisis.",
])
def test_whose_conduct_is_criticised_is_the_target(nlp, text):
    assert actors(one(nlp, text, "accusation"), "target") == {"Peru"}


def test_a_relative_struck_is_the_target_not_whose_relative(nlp):
    ev = one(nlp, "Peru's minister Juan Perez said a car bomb killed his mother and ten other people on Monday.",
             "attack")
    assert actors(ev, "target") == {"ten other people"}


@pytest.mark.parametrize("text, target", [
    ("The president called on his countrymen to vote in the referendum.", "his countrymen"),
    ("The league urged compatriots abroad to return home.", "compatriots"),
    ("The police urged motorists to avoid the motorway.", "motorists"),
])
def test_a_public_addressed_as_a_group_is_an_actor(nlp, text, target):
    assert target in actors(one(nlp, text, "demand"), "target")


@pytest.mark.parametrize("text, expected", [
    ("The automobile club urged drivers to check their tyres before the holiday.", "drivers"),
    ("The airline told passengers that the flights would resume on Monday.", "passengers"),
    ("The ministry called on farmers to report the outbreak.", "farmers"),
])
def test_a_public_named_by_what_it_does_is_an_actor(nlp, text, expected):
    ev = next(e for e in events(nlp, text) if e["type"] in ("demand", "statement"))
    assert expected in {a["text"] for a in ev["actors"]}


@pytest.mark.parametrize("text, target", [
    ("The council opposes the return of the exiled officers to the army.", "exiled officers"),
    ("Peru will not accept the president remaining in power.", "president"),
    ("Chile rejects Peru joining the bloc.", "Peru"),
])
def test_who_would_do_what_is_opposed_is_the_target(nlp, text, target):
    assert target in actors(one(nlp, text, "rejection"), "target")


@pytest.mark.parametrize("text, expected", [
    ("Talks last week between Chile and Peru led to an agreement on the border.", {"Chile", "Peru"}),
    ("Negotiations with Peru led to a deal in March.", {"Peru"}),
    ("The two ministers came to an agreement on fishing quotas.", {"two ministers"}),
])
def test_who_reached_the_agreement_talks_led_to(nlp, text, expected):
    assert expected <= actors(one(nlp, text, "agreement"), "agent")


@pytest.mark.parametrize("text, target", [
    ("Peru complained that Chile had closed the border without warning.", {"Chile"}),
    ("Farmers complained that Chile's subsidies would hurt their exports.", {"Chile"}),
    ("Peru complained that it had not been consulted.", set()),
])
def test_whom_a_complaint_clause_is_about_is_the_target(nlp, text, target):
    assert actors(one(nlp, text, "accusation"), "target") == target


@pytest.mark.parametrize("text, type_, expected", [
    ("Chile and Peru signed a UN-brokered deal on Monday.", "agreement", {"Chile", "Peru"}),
    ("Chile honoured the Norway-mediated accord with Peru.", "agreement", {"Peru"}),
])
def test_a_broker_named_before_the_deal_is_none_of_its_parties(nlp, text, type_, expected):
    assert actors(one(nlp, text, type_), "agent") == expected


@pytest.mark.parametrize("text, role, expected", [
    ("Police are investigating the doctor's slaying.", "target", {"doctor"}),
    ("ETA's last killing was in May 1997.", "agent", {"ETA"}),   # a body's killing is its own
    ("Israel's killing of the commander angered Hezbollah.", "agent", {"Israel"}),
])
def test_whose_killing_it_is(nlp, text, role, expected):
    assert actors(one(nlp, text, "attack"), role) == expected


def test_who_is_charged_with_an_act_did_it(nlp):
    ev = one(nlp, "Prosecutors charged Smith with killing the doctor.", "attack")
    assert actors(ev, "agent") == {"Smith"}


def test_a_later_mention_of_an_occasion_does_not_take_parties_from_the_words_of_the_earlier_one(nlp):
    # the host and the attendee are named once, by the first mention's own words: the second names neither again
    text = ("The rebels have not ruled out attending a Russian-hosted conference in Sochi, but said messages about "
            "the conference were negative.")
    first, second = (e for e in events(nlp, text) if e["type"] == "meeting")
    assert actors(first) == {"Russia", "rebels"} and actors(second) == set()


@pytest.mark.parametrize("text, type_, agent", [
    ("The president unveiled a plan for early elections.", "proposal", "president"),
    ("The envoy outlined a proposal for a ceasefire.", "proposal", "envoy"),
    ("The envoy set out a proposal for a ceasefire.", "proposal", "envoy"),
])
def test_who_unveils_outlines_or_sets_out_an_act_performs_it(nlp, text, type_, agent):
    assert actors(one(nlp, text, type_), "agent") == {agent}


def test_the_name_of_an_occasion_is_no_party_to_it(nlp):
    ev = one(nlp, "Leaders prepared for the 4th Summit of the Americas, to be held in Lima in May.", "meeting")
    assert actors(ev, "participant") == {"Leaders"}


@pytest.mark.parametrize("text, type_, agent", [
    ("The rebels have an opportunity to reject the plan.", "rejection", {"rebels"}),
    ("The rebels made an attempt to attack the base.", "attack", {"rebels"}),
    ("The army launched a bid to attack the city.", "attack", {"army"}),
    # who turns down someone else's decision does not act on it
    ("Egypt rejected the decision to attack the city.", "attack", set()),
])
def test_who_has_a_chance_or_makes_an_attempt_to_act_would_act(nlp, text, type_, agent):
    assert actors(one(nlp, text, type_), "agent") == agent


def test_who_backs_someone_elses_statement_does_not_author_it(nlp):
    ev = one(nlp, "The minister's assessment was backed by his predecessor, John Smith.", "statement")
    assert actors(ev, "speaker") == {"minister"}


def test_a_subject_the_parser_hung_on_the_auxiliary_is_still_the_subject(nlp):
    ev = one(nlp, "Earlier Foreign Secretary John Smith said the UK was prepared to veto any bid to cut the rebate.",
             "rejection")
    assert actors(ev, "agent") == {"United Kingdom"}
