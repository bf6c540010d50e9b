"""Modality of event mentions: asserted, negated, planned or hypothetical."""
from __future__ import annotations

import pytest

from tests.helpers import events, one


@pytest.mark.parametrize("text, type_, expected", [
    ("Blinken met Netanyahu on Monday.", "meeting", "asserted"),
    ("Hamas did not attend the talks in Doha.", "negotiation", "negated"),
    ("Blinken is set to meet Israeli leaders on Monday.", "meeting", "planned"),
    ("Blinken will visit Cairo next week.", "visit", "planned"),
    ("Hamas would only engage in talks if Israel withdrew.", "negotiation", "hypothetical"),
    ("Officials fear potential attacks by Iran.", "attack", "hypothetical"),
    ("According to the official, the mediators have not presented any progress.", "statement", "asserted"),
    ("Talks are set to take place in Doha this week.", "negotiation", "planned"),
    ("The talks will resume in Cairo.", "negotiation", "planned"),
    ("The talks resumed in Cairo.", "negotiation", "asserted"),
    # "would" in what a past verb of saying or promising reports is the future seen from then
    ("The minister said he would visit Cairo.", "visit", "planned"),
    ("She promised that a team would fly to Cairo.", "visit", "planned"),
    ("The minister said he would visit Cairo only if the talks resumed.", "visit", "hypothetical"),
    ("The minister thought he would visit Cairo.", "visit", "hypothetical"),
    ("Officials said their response to an attack would be devastating.", "attack", "hypothetical"),
    # a condition on a noun's happening at all; not one on what it does
    ("Officials expect a catastrophe if major attacks take place.", "attack", "hypothetical"),
    ("The envoys are determining whether talks can resume.", "negotiation", "hypothetical"),
    ("The reporter asked if the talks had reduced tension.", "negotiation", "asserted"),
    # an act a noun of possibility or proposal holds out
    ("The meeting opened the way to negotiations.", "negotiation", "hypothetical"),
    ("Officials said there was hope to resume the negotiations.", "negotiation", "hypothetical"),
    ("The minister said there was no reason to negotiate.", "negotiation", "hypothetical"),
    ("The envoys waited for an answer to a proposal to begin talks.", "negotiation", "hypothetical"),
    ("The congress is an attempt to bypass the talks in Geneva.", "negotiation", "asserted"),
    ("The envoy left Cairo to consult with the leadership.", "meeting", "planned"),   # a purpose
    ("The minister went on to say that the plan had failed.", "statement", "asserted"),   # "then said"
    # a clause on the noun puts it ahead; a purpose or a content does not
    ("Trade tops the agenda of the summit to be held in Lima.", "meeting", "planned"),
    ("Groups criticised the summit planned by Peru.", "meeting", "planned"),
    ("Ministers met to consider proposals aimed at streamlining trade.", "proposal", "asserted"),
    ("Officials waited for a response to a proposal to begin talks.", "proposal", "asserted"),
    # "be to": what is scheduled or meant, unless in a condition
    ("Leaders are to meet in Lima.", "meeting", "planned"),
    ("Our intention is to begin negotiations soon, the minister said.", "negotiation", "planned"),
    ("Their position was to demand a ceasefire.", "demand", "planned"),
    ("The envoy said the economy would suffer if the talks were to fail.", "negotiation", "asserted"),
    # what a negation reaches: the noun itself, "no longer", a phrase of a verb of taking part only
    ("Officials said no genuine negotiations are planned.", "negotiation", "negated"),
    ("It said it would no longer demand his removal.", "demand", "negated"),
    ("Officials said they did not send a representative to the talks.", "negotiation", "negated"),
    ("The envoy was not seeking to sideline Seoul from the talks.", "negotiation", "asserted"),
    ("Negotiations failed because of Russia's refusal to acknowledge the commitments.", "rejection", "asserted"),
    ("Iran said it was not afraid of an attack.", "attack", "hypothetical"),   # feared, not negated
    ("In doing so, the government risks endorsing the plan.", "agreement", "hypothetical"),
    # put forward, not yet agreed: may or may not take place; the proposal itself exists
    ("Officials discussed the proposed peace negotiations.", "negotiation", "hypothetical"),
    ("Under a proposed framework for a deal, roughly 40 hostages are to be freed.", "proposal", "asserted"),
    # readiness: an act one would do ("preparing to" is a plan)
    ("The minister said Britain was prepared to veto any bid.", "rejection", "hypothetical"),
    ("The group is willing to negotiate.", "negotiation", "hypothetical"),
    ("The ministers are preparing to meet again.", "meeting", "planned"),
    # a purpose: what one stays or goes to make happen lies ahead; what one goes to talk about need not
    ("The envoys stayed in Geneva to continue the negotiations.", "negotiation", "planned"),
    ("The envoys stayed in Geneva to discuss the negotiations.", "negotiation", "asserted"),
    ("The bloc is gearing up for tough negotiations on its budget.", "negotiation", "planned"),
    ("The bloc is gearing up after tough negotiations on its budget.", "negotiation", "asserted"),
    ("The bill is awaiting approval from the cabinet.", "agreement", "planned"),
    # likelihood with an infinitive expects the act; as a modifier it is only possible
    ("The ministry is likely to announce the figure.", "statement", "planned"),
    ("A likely attack worries officials.", "attack", "hypothetical"),
    # a time clause under a future main clause lies ahead too
    ("Once the leaders sign the deal, troops will withdraw.", "agreement", "planned"),
    ("As soon as the governments endorse the agreement, the country will avoid double taxation.", "agreement", "planned"),
    ("When the leaders signed the deal, troops withdrew.", "agreement", "asserted"),
    # what one is held back from did not happen
    ("The general restrained the president from his impulse of threatening to leave the alliance.", "threat", "negated"),
    ("Police kept the envoys from attending the talks.", "negotiation", "negated"),
    ("The envoys returned from the talks.", "negotiation", "asserted"),
    ("Officials hope the talks may dissuade the militia from carrying out attacks.", "attack", "hypothetical"),
    # a participle of scheduling puts what it hangs on ahead; one of agreeing tells it done
    ("Officials praised the measures agreed on during the meeting in Cairo.", "meeting", "asserted"),
    ("Groups urged the envoy not to attend the summit planned by Peru.", "meeting", "planned"),   # asked for
    # a passive infinitive on a noun is still to be done
    ("The declaration, to be signed by the leaders, is almost ready.", "agreement", "planned"),
    ("The declaration, which was signed by the leaders, is almost ready.", "agreement", "asserted"),
    # what a planned verb of taking part makes happen is planned; what a plan acts on otherwise is not
    ("The party is planning to hold daily news conferences.", "statement", "planned"),
    ("The ministers intend to attend the summit in Lima.", "meeting", "planned"),
    ("The ministers intend to criticise the summit in Lima.", "meeting", "asserted"),
    ("Their aim is to hold talks in Geneva.", "meeting", "planned"),
    ("Critics said the plan was to bypass the peace talks in Geneva.", "negotiation", "asserted"),
    # a preparation, a timetable or a date for something puts it ahead
    ("Troops are massing near the border in preparation for an assault.", "attack", "planned"),
    ("The envoy set out a timetable for talks on a new constitution.", "negotiation", "planned"),
    ("The envoy set the date for talks on a new constitution.", "negotiation", "planned"),
    ("The envoy set out a position for talks on a new constitution.", "negotiation", "asserted"),
    # "would" in what a report or an announcement tells is the future seen from then; in a fear, only possible
    ("There were reports that Moscow would block the resolution.", "rejection", "planned"),
    ("The announcement that the envoy would visit Cairo surprised Israel.", "visit", "planned"),
    ("Officials fear that Moscow would block the resolution.", "rejection", "hypothetical"),
    # "no plans to": what the plan would bring about is told as not happening
    ("There are no plans for the leader to hold a daily news conference.", "statement", "negated"),
    ("Officials said no decision to attack the town had been taken.", "attack", "negated"),
    ("Officials said a decision to attack the town had been taken.", "attack", "asserted"),
    # a statement or an offer one will issue or make is ahead; one issued exists
    ("The ministry will issue a statement on Monday.", "statement", "planned"),
    ("The ministry issued a statement on Monday.", "statement", "asserted"),
    ("The chairman would issue a statement if the talks failed.", "statement", "hypothetical"),
    ("The company said it would submit the offer to its board.", "proposal", "asserted"),
    ("The company said it would make an offer for the shares.", "proposal", "planned"),
    # a deal that is reached or signed under a condition is only possible
    ("Troops will withdraw if a deal is signed.", "agreement", "hypothetical"),
    ("Troops will withdraw unless an agreement is reached.", "agreement", "hypothetical"),
    # a date later in the reference day's month is ahead
    ("The opposition attends a conference in Sochi later this month.", "meeting", "planned"),
    ("The opposition attended a conference in Sochi earlier this month.", "meeting", "asserted"),
    # more of it to come is only possible, unless the clause says when or that it happened
    ("Officials warned of further attacks.", "attack", "hypothetical"),
    ("Further talks will be held next week.", "negotiation", "planned"),
    ("The first round has finished and further negotiations are ahead.", "negotiation", "planned"),
    ("Tough negotiations lie ahead.", "negotiation", "planned"),
    # "would" on a verb that neither makes a noun in its phrase happen nor is "be" leaves the noun as it is
    ("Why would we link food aid to talks that move so slowly?", "negotiation", "asserted"),
    ("He said the plan would represent a departure from the talks in Geneva.", "negotiation", "asserted"),
    ("The minister would gladly take part in the talks in Geneva.", "negotiation", "hypothetical"),
    ("Hamas did not take part in the talks in Cairo.", "negotiation", "negated"),
    ("The envoy said their response to an attack would be devastating.", "attack", "hypothetical"),
    # ruling out denies what it governs; not ruling it out leaves it possible
    ("The opposition ruled out attending the conference.", "meeting", "negated"),
    ("The opposition has not ruled out attending the conference.", "meeting", "hypothetical"),
    ("The minister did not exclude a meeting with Iran.", "meeting", "hypothetical"),
    # a participle on a noun tells a state already reached, whatever the clause around it says
    ("The envoy will attend a peace conference boycotted by the opposition.", "rejection", "asserted"),
    ("The envoy will attend a peace conference to be boycotted by the opposition.", "rejection", "planned"),
    ("The bank may not qualify because, under the proposed rules, its stock does not meet the criteria.", "proposal", "asserted"),
])
def test_modality(nlp, text, type_, expected):
    assert one(nlp, text, type_)["modality"] == expected


def test_coordinated_clause_has_its_own_modality(nlp):
    evs = events(nlp, "Turkey has offered to host talks, but Russia has failed to negotiate.")
    offered = next(e for e in evs if e["trigger"]["text"] == "offered")
    assert offered["modality"] == "asserted"
    assert next(e for e in evs if e["trigger"]["text"] == "negotiate")["modality"] == "negated"


def test_a_second_verb_shares_the_auxiliary_of_the_first(nlp):
    evs = events(nlp, "The declaration will call for an end to sanctions and urge the west to help.")
    assert next(e for e in evs if e["trigger"]["text"] == "urge")["modality"] == "planned"
    evs = events(nlp, "The minister will travel to Cairo, and he met the envoys there last year.")   # a subject of its own
    assert next(e for e in evs if e["trigger"]["text"] == "met")["modality"] == "asserted"
