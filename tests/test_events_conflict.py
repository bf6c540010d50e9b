"""Accusations, demands, threats and attacks: which words are one, and the double typing of accusations."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one


def test_accusation_with_target(nlp):
    ev = one(nlp, "Iran accused Israel of sabotage.", "accusation")
    assert actors(ev, "agent") == {"Iran"} and actors(ev, "target") == {"Israel"}


def test_criticised_then_saying_is_one_statement(nlp):
    evs = events(nlp, "China's foreign ministry criticised the pact, saying it was aimed at containing China.")
    assert sorted(e["type"] for e in evs if e["type"] in ("accusation", "statement")) == ["accusation", "statement"]
    assert next(e for e in evs if e["type"] == "statement")["trigger"]["text"] == "saying"


def test_demand_phrase(nlp):
    ev = one(nlp, "Hamas called for an end to the blockade.", "demand")
    assert ev["trigger"]["text"] == "called for" and actors(ev, "agent") == {"Hamas"}


def test_demands_put_forward_are_a_demand(nlp):
    ev = one(nlp, "Israel has introduced new demands for a military presence in Gaza.", "demand")
    assert actors(ev, "agent") == {"Israel"}


def test_threat_phrase_is_not_a_statement(nlp):
    found = [(e["type"], e["trigger"]["text"]) for e in events(nlp, "Hezbollah vowed to retaliate.")]
    assert found == [("threat", "vowed to retaliate")]


def test_attack_with_place(nlp):
    ev = one(nlp, "The assassination of the commander in Beirut shocked the region.", "attack")
    assert [p["name"] for p in ev["places"]] == ["Beirut"]


@pytest.mark.parametrize("text, demanded", [
    ("Egypt asked Hamas to release the hostages.", "asked"),
    ("The mayor asked for more money from the state.", "asked for"),
    ("Reporters asked whether the talks would resume.", None),          # a question
    ("Jordan called on Israel to lift the siege.", "called on"),
    ("The union is pushing hard for a new contract.", "pushing hard for"),
    ("The envoy pleaded with both sides to stop the fighting.", "pleaded"),
    ("The general ordered the troops to withdraw.", "ordered"),
    ("The general ordered new rifles for the troops.", None),           # bought, not demanded
    ("The minister had given clear instructions to the police.", "instructions"),
    ("The group lobbied the EU not to lift the sanctions.", "lobbied"),
    ("The government is encouraging firms to hire young people.", "encouraging"),
    ("The panel recommended tighter controls on exports.", "recommended"),
    ("Critics are pressuring the mayor to resign.", "pressuring"),
])
def test_demand_verbs_and_phrases(nlp, text, demanded):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "demand"]
    assert found == ([demanded] if demanded else [])


@pytest.mark.parametrize("text, accused", [
    ("Farmers complained that the subsidies were unfair.", "complained"),
    ("The senator blasted the agency as incompetent.", "blasted"),
    ("The court issued a sharp rebuke to the ministry.", "rebuke"),
    ("The decision caused an international backlash.", "backlash"),
    ("The rebels were held responsible for the theft.", "held responsible"),
    ("Egypt was critical of the new government.", "critical"),
    ("The talks reached a critical stage.", None),                      # a quality
])
def test_accusation_verbs_nouns_and_phrases(nlp, text, accused):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "accusation"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, type_", [
    ("The minister attacked the government's policy on Monday.", "accusation"),
    ("Lavrov attacked the observers on Monday, saying they were biased.", "accusation"),
    ("Rebels attacked the army base on Monday.", "attack"),
])
def test_an_attack_in_words_is_an_accusation(nlp, text, type_):
    found = [e["type"] for e in events(nlp, text) if e["type"] in ("accusation", "attack")]
    assert found == [type_]


@pytest.mark.parametrize("text, attacked", [
    ("The army began a heavy bombardment of the town.", "bombardment"),
    ("Troops launched an assault on the rebel enclave.", "assault"),
    ("Armed clashes broke out between the two factions.", "clashes"),
    ("Fierce fighting continued near the border.", "fighting"),
    ("Government forces retook the village on Sunday.", "retook"),
    ("Gunmen kidnapped two engineers near the port.", "kidnapped"),
    ("The prisoner was tortured in custody.", "tortured"),
    ("The militia carried out abductions of aid workers.", "abductions"),
    ("The rebels fired rockets at the town.", "fired"),
    ("The board fired the manager on Monday.", None),                  # dismissed
    ("The plan aims to freeze fighting for six weeks.", None),         # what a truce would stop
    ("Turkey has warned against an assault on the city.", None),       # not happened
])
def test_attack_words(nlp, text, attacked):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"]
    assert found == ([attacked] if attacked else [])


# Other senses of the attack words, common in newswire (a precision audit on unseen articles).
@pytest.mark.parametrize("text, attacks", [
    ("The old general died of a heart attack in his sleep.", None),               # an illness
    ("The opposition leader made a fierce verbal attack on the cabinet.", None),  # criticism
    ("The judges struck a blow for free speech with the ruling.", None),           # an idiom
    ("Lawmakers moved to strike down the curfew.", None),                          # annulling
    ("Nine passengers were killed in a bus crash near the border.", None),         # an accident
    ("Hundreds of villagers were killed by the floods last week.", None),          # a disaster
    ("Two pilots were killed when their jet collided with a hill.", None),         # an accident
    ("Exports fell during the dockers' strike.", None),                            # a stoppage of work
    ("Nurses at the hospital are on strike.", None),                               # a stoppage of work
    ("The bishop called the ban an attack on religious liberty.", None),           # a figure of speech
    ("Two pilots were killed when rebels shot down their jet.", ["killed", "shot"]),
    ("The drone strike hit a convoy near the border.", ["strike"]),
])
def test_other_senses_of_attack_words(nlp, text, attacks):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"]
    assert found == (attacks or [])


# Attacks named as a kind, a long campaign or one someone is told not to make: no particular attack.
@pytest.mark.parametrize("text, attacks", [
    ("The UN urged the army not to attack the refugee camps.", []),
    ("The rebels laid down their arms after years of raids and ambushes.", []),
    ("Experts said the two gangs used different forms of assault.", []),
    ("Aid workers in the valley are seldom victims of violent assault.", []),
    ("The army attacked the refugee camps on Friday.", ["attacked"]),
    ("The rebels laid down their arms after the raids and ambushes.", ["raids and ambushes"]),
])
def test_attacks_no_one_made(nlp, text, attacks):
    assert [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"] == attacks


@pytest.mark.parametrize("text, attacks", [
    ("Police and strikers clashed outside the mine on Sunday.", ["clashed"]),
    ("Militants clashed with soldiers near the border on Sunday.", ["clashed"]),
    ("The two party leaders clashed over the budget on Sunday.", []),      # an argument
])
def test_clashing_is_fighting_between_forces(nlp, text, attacks):
    assert [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"] == attacks


@pytest.mark.parametrize("text, attacks", [
    ("Saboteurs blew up the pipeline near the border.", ["blew up"]),
    ("The airliner was blown up over the sea.", ["blown up"]),
    ("Militants launched mortars at the airport on Friday.", ["launched"]),
    ("The rebels launched a newspaper in the capital.", []),          # another sense
    ("The space agency launched a rocket on Friday.", []),            # no target
    ("A roadside bomb exploded near the convoy on Friday.", ["exploded"]),
    ("Insurgents detonated two mines under the bridge.", ["detonated"]),
    ("A boiler exploded in the hotel kitchen on Friday.", []),          # an accident
])
def test_blowing_up_exploding_and_launching_weapons(nlp, text, attacks):
    assert [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"] == attacks


@pytest.mark.parametrize("text, type_", [
    ("The senator led a fierce attack on the mayor's housing policy.", "accusation"),   # criticism of a stance
    ("The mayor brushed aside the senator's attack.", "accusation"),   # answered in words
    ("The mayor rebutted the latest attack from the unions.", "accusation"),
    ("The rebels led a fierce attack on the army's barracks.", "attack"),
    ("The army repelled the latest attack from the rebels.", "attack"),
])
def test_an_attack_noun_in_words_is_an_accusation(nlp, text, type_):
    found = {e["type"] for e in events(nlp, text) if e["trigger"]["text"] == "attack"}
    assert found == {type_}


@pytest.mark.parametrize("text, is_attack", [
    ("The storm killed twelve fishermen on Sunday.", False),                     # a disaster
    ("The crew survived a wreck that killed two divers.", False),
    ("The gunmen killed twelve fishermen on Sunday.", True),
    ("A mine that killed two divers was laid by the rebels.", True),
])
def test_a_death_by_disaster_is_no_attack(nlp, text, is_attack):
    assert any(e["type"] == "attack" and e["trigger"]["text"] == "killed" for e in events(nlp, text)) == is_attack


@pytest.mark.parametrize("text, trigger", [
    ("The army pushed the rebels out of the valley.", "pushed"),           # forces driven out
    ("The rebel fighters were driven back from the river.", "driven"),
    ("The minister pushed the reform out of the committee.", None),        # no force
    ("The mediators pushed the rebels to accept the plan.", None),         # pressure, no expulsion
    ("The envoy drove back from the border on Monday.", None),
])
def test_forces_driven_out_or_back_is_an_attack(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, trigger", [
    ("Soldiers sexually abused detainees at the prison.", "abused"),
    ("The guards abused the prisoners for years.", "abused"),
    ("Guards beat the prisoners with batons.", "beat"),
    ("The protesters were beaten by police on Sunday.", "beaten"),
    ("Two men were beaten to death.", "beaten"),
    ("Soldiers raped women in the village.", "raped"),
    ("Two men assaulted a police officer on Monday.", "assaulted"),
    ("The minister abused his power.", None),
    ("He abused his position to enrich his family.", None),
    ("Drug abuse is rising.", None),
    ("The champions beat the visitors on Sunday.", None),
    ("The company beat expectations.", None),
])
def test_abusing_or_beating_people_is_an_attack(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, accused", [
    ("The army abused prisoners, the group charged on Monday.", True),   # the charge after the allegation
    ("He was charged on Thursday in three bombings.", True),
    ("Two men charged in the bombing were released.", True),
    ("Police charged the two men with murder.", True),
    ("Police charged him with murdering his wife.", True),   # the offence as a gerund
    ("The inspectors were charged with verifying the data.", False),   # a task
    ("The battery was charged overnight.", False),
    ("Fees charged by the banks rose.", False),
])
def test_charging_people_is_an_accusation(nlp, text, accused):
    found = [e for e in events(nlp, text) if e["type"] == "accusation"]
    assert len(found) == (1 if accused else 0)


@pytest.mark.parametrize("text, accused", [
    ("A report released on Tuesday alleged that the army helped to plan the killings.", True),
    ("The opposition alleged fraud in the election.", True),
    ("It is alleged that the minister took bribes.", True),
    ("The alleged plot was foiled on Monday.", False),
    ("Police arrested the alleged leader of the gang.", False),
])
def test_alleging_wrongdoing_is_an_accusation(nlp, text, accused):
    found = [e for e in events(nlp, text) if e["type"] == "accusation" and e["trigger"]["text"] == "alleged"]
    assert len(found) == (1 if accused else 0)


@pytest.mark.parametrize("text, trigger", [
    ("The doctor was gunned down in his home on Friday.", "gunned down"),
    ("Two men were stabbed outside the bar.", "stabbed"),
    ("The militants beheaded a hostage.", "beheaded"),
    ("The mayor was slain by gunmen.", "slain"),
    ("Police are investigating the slaying of a doctor.", "slaying"),
    ("He took a stab at the problem.", None),
])
def test_killing_words_of_newswire_are_attacks(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "attack"]
    assert found == ([trigger] if trigger else [])
