"""Proposals, agreements and rejections: which words are one, and the double typing of 'dismissed .. as'."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one, types_of


def test_proposal_with_author(nlp):
    ev = one(nlp, "The U.S. plan did not address the main disagreements.", "proposal")
    assert actors(ev, "agent") == {"United States"}


def test_agreement_targets_the_author_of_the_proposal(nlp):
    ev = one(nlp, "Netanyahu agreed to a new U.S. proposal.", "agreement")
    assert actors(ev, "agent") == {"Netanyahu"} and actors(ev, "target") == {"United States"}


@pytest.mark.parametrize("text, also_statement", [
    ("Hamas dismissed the progress as mere illusions.", True),
    ("Hamas has dismissed the recent progress reported in the talks with Israel as mere illusions.", True),  # 'as' in the object
    ("Hamas rejected the offer.", False),
])
def test_dismissed_as_is_also_a_statement(nlp, text, also_statement):
    found = types_of(nlp, text)
    assert "rejection" in found and ("statement" in found) == also_statement


def test_several_events_in_one_sentence(nlp):
    types = [e["type"] for e in events(nlp, "Hamas rejected the framework, stating that it aligned with Israel's conditions.")]
    assert "rejection" in types and "statement" in types


def test_a_compound_trigger_is_headed_by_its_last_noun(nlp):
    ev = one(nlp, "A framework proposal, laid out by Joe Biden in late May, aims to freeze fighting.", "proposal")
    assert [d["value"] for d in ev["dates"]] == ["2024-05"] and actors(ev, "agent") == {"Joe Biden"}


@pytest.mark.parametrize("text, agreed", [
    ("A proposal outlined by Joe Biden and supported by Egypt was tabled.", "supported"),
    ("Talks supported by Egypt resumed.", None),   # backing a process is mediating it
])
def test_a_proposal_supported_is_agreed_but_talks_supported_are_mediated(nlp, text, agreed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"]
    assert found == ([agreed] if agreed else [])


@pytest.mark.parametrize("text, is_proposal", [
    ("Hamas accused Israel of rejecting proposals.", False),   # a kind of thing
    ("Hamas requested changes to the proposals presented to it.", True),
])
def test_bare_plural_proposals_are_no_particular_proposal(nlp, text, is_proposal):
    found = [e for e in events(nlp, text) if e["type"] == "proposal"]
    assert len(found) == (1 if is_proposal else 0)


@pytest.mark.parametrize("text, agreed", [
    ("The two governments signed a trade agreement on Monday.", "signed a trade agreement"),
    ("Bangladesh has struck agreements with five countries.", "struck agreements"),
    ("A compromise was reached after midnight.", "compromise was reached"),
    ("The agreements that were signed with Qatar await a vote.", "agreements that were signed"),
    ("The accord with Norway took effect in May.", "accord"),
    ("Mediators tried to reach a deal on Monday.", None),              # a goal
    ("Mediators are hoping to strike a deal next week.", None),
    ("Both sides are under pressure to reach an agreement.", None),
    ("There can be no deal without a ceasefire.", None),               # no particular deal
    ("The ministers began talks on a peace treaty with Israel.", None),   # what the talks are about
    ("Any agreement reached will need a vote in parliament.", None),
])
def test_an_agreement_noun_is_an_agreement_only_when_concluded_or_named(nlp, text, agreed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"]
    assert found == ([agreed] if agreed else [])


def test_striking_a_deal_is_no_attack(nlp):
    assert "attack" not in types_of(nlp, "Bangladesh struck a deal with Qatar on Monday.")


@pytest.mark.parametrize("text, rejected", [
    ("The council voted not to attend the conference.", "voted"),
    ("The council voted to attend the conference.", None),
    ("The conference was boycotted by the main parties.", "boycotted"),
    ("The minister did not rule out new taxes.", "rule out"),
    ("The company said it would not accept any change to its board.", "would not accept"),
    ("The minister denied the possibility of a tariff increase.", "denied"),
    ("The minister denied the allegations on Monday.", None),          # a denial of a claim is a statement
    ("Russia blocked the renewal of the resolution.", "blocked"),
    ("Protesters blocked the roads into the capital.", None),
    ("Russia's repeated use of the veto angered the council.", "veto"),
    ("Britain will keep its veto over border controls.", None),        # a right, not its use
    ("France may object to the plan.", "object"),
])
def test_rejection_verbs_nouns_and_phrases(nlp, text, rejected):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "rejection"]
    assert found == ([rejected] if rejected else [])


def test_acceptance_negated_is_a_rejection_not_an_agreement(nlp):
    assert "agreement" not in types_of(nlp, "The company said it would not accept any change to its board.")


@pytest.mark.parametrize("text, rejected", [
    ("Brazil said it was reluctant to join the pact.", "reluctant"),     # an adjective with its infinitive
    ("The reluctant members left early.", None),                        # a quality
    ("The party announced its boycott decision on Friday.", "boycott"),   # the decision names the act
])
def test_rejection_adjectives_and_decisions(nlp, text, rejected):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "rejection"]
    assert found == ([rejected] if rejected else [])


@pytest.mark.parametrize("text, proposed", [
    ("Georgia is offering a tax amnesty to exporters.", "offering"),    # any thing offered
    ("The minister has offered state help to the firm.", "offered"),
    ("Syria offered to hand over the suspects.", "offered"),
    ("Egypt offered condolences to Israel.", None),                     # a courtesy
    ("The visit offers a chance to review relations.", None),          # a thing affords it
    ("Mediators tried to offer Hamas a truce.", None),                 # a goal
    ("The group lobbied Brussels not to offer aid.", None),            # what is asked for
    ("The new constitution is based on a Russian draft.", "draft"),
    ("Turkey opposed the invitation to the Kurdish groups.", "invitation"),
    ("The ministers agreed a package of measures to boost growth.", "package"),
])
def test_offers_drafts_and_invitations_are_proposals(nlp, text, proposed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "proposal"]
    assert found == ([proposed] if proposed else [])


@pytest.mark.parametrize("text, agreed", [
    ("Parliament backed the reform on Monday.", "backed"),
    ("The assessment was backed by his predecessor.", "backed"),
    ("The US-backed forces took the town.", None),                     # a side in a war
    ("The union welcomed the decision on Monday.", "welcomed"),
    ("The town welcomed the refugees on Monday.", None),                # hospitality
    ("The president sided with the Turkish leader.", "sided with"),
    ("The president complied with the demands.", "complied"),
    ("The cabinet voted to release the funds.", "voted"),
    ("The council voted not to attend the conference.", None),          # a rejection
    ("The declaration, to be signed by the leaders, is ready.", "signed"),
])
def test_agreement_verbs(nlp, text, agreed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"]
    assert found == ([agreed] if agreed else [])


@pytest.mark.parametrize("text, agreed", [
    ("The president tends to side with foreign leaders.", None),        # what usually happens
    ("The president appeared to side with Netanyahu.", None),           # how it looked
    ("The president decided to side with Netanyahu.", "side with"),
])
def test_habitual_and_seeming_are_no_particular_event(nlp, text, agreed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"]
    assert found == ([agreed] if agreed else [])


@pytest.mark.parametrize("text, proposed", [
    ("There are no plans for the minister to attend.", None),            # no intention
    ("Moscow's plan was to bypass the talks.", None),                    # an intention
    ("Putin met the leaders to push his plan for Syria.", "plan"),       # one's own plan, put forward
    ("Israel is seeking a plan for Gaza.", None),                        # a goal
])
def test_plans_that_are_intentions_or_goals(nlp, text, proposed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "proposal"]
    assert found == ([proposed] if proposed else [])


def test_accepting_a_fact_is_no_agreement(nlp):
    assert "agreement" not in types_of(nlp, "The US accepts that Iran would gain from it.")


@pytest.mark.parametrize("text, demand", [
    ("The bishop on Sunday called for sanctions against the regime.", True),
    ("The union called on Monday on the owners to reopen the mill.", True),
    ("The president called on the king at his palace on Monday.", False),   # a visit
])
def test_a_day_after_called_on_is_no_one_called_on(nlp, text, demand):
    assert ("demand" in types_of(nlp, text)) == demand


@pytest.mark.parametrize("text, rejected", [
    ("The minister declined an invitation to the summit.", "declined"),
    ("The minister declined to comment on the talks.", "declined"),
    ("The invitation was declined by Iran.", "declined"),
    ("Profits declined 8% to $85 million in the third quarter.", None),     # a fall, not a refusal
    ("The unemployment rate declined to 3.8 percent last month.", None),
    ("Prices have declined sharply since May.", None),
])
def test_declining_is_a_refusal_only_of_something(nlp, text, rejected):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "rejection"]
    assert found == ([rejected] if rejected else [])


@pytest.mark.parametrize("text, accused", [
    ("The tribunal indicted the former prime minister for war crimes.", "indicted"),
    ("The company sued the government for damages.", "sued"),
    ("The firm filed a lawsuit against the ministry on Monday.", "lawsuit"),
    ("Police charged the two men with murder.", "charged"),
    ("Rights groups charged that the army had abused prisoners.", "charged"),
    ("The agency found Iran in non-compliance with the treaty.", "found Iran in non-compliance"),
    ("The court found the general guilty of fraud.", "found the general guilty"),
    ("The bank charged a fee of two percent.", None),                  # a price
    ("A commission charged with drafting the constitution met on Monday.", None),   # a task
    ("The council charged the inspectors with verifying the destruction.", None),
    ("Exhausted, the rebels sued for peace.", None),                   # asked for an end to war
    ("Inspectors found the reactor in good condition.", None),
    ("The accused men appeared in court on Monday.", None),            # a status
    ("Police arrested an indicted suspect on Monday.", None),
    ("The men accused of the bombing appeared in court on Monday.", "accused"),
])
def test_formal_charges_lawsuits_and_findings_of_fault_are_accusations(nlp, text, accused):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "accusation"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, rejected", [
    ("The minister said that lifting the embargo is out of the question.", "out of the question"),
    ("The newspaper violated a ban imposed by the general.", "violated"),
    ("The protesters defied a curfew on Monday.", "defied"),
    ("The company flouted the court's ruling.", "flouted"),
    ("The team defied the odds on Monday.", None),                     # no rule defied
    ("Both sides breached the ceasefire.", None),                      # fighting, not a rule rejected
    ("The police violated the rights of the prisoners.", None),
    ("The firm kept its board, and in practice this rules out state participation.", None),   # a fact excludes it
    ("The two parties hold diametrically opposed views on the war.", None),   # how views stand
    ("The minister said Britain would still be able to veto the plan.", None),   # a power kept
    ("The minister said Britain was able to block the bill.", "block"),
])
def test_ruling_out_and_defying_a_rule_are_rejections(nlp, text, rejected):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "rejection"]
    assert found == ([rejected] if rejected else [])


@pytest.mark.parametrize("text, demanded", [
    ("The UN appealed for calm on Monday.", "appealed"),
    ("The agency launched a new appeal for food aid.", "appeal"),
    ("The general appealed the verdict on Monday.", None),             # a court's business
    ("A federal appeals court reinstated the convictions.", None),
    ("The lawyers appealed to the Supreme Court on Monday.", None),
    ("The envoy pleaded with the presidents to find a solution.", "pleaded"),
    ("She has pleaded innocent to the charges.", None),                # a plea in court
    ("The cruise line has three ships on order from Hyundai.", None),  # bought, not commanded
    ("The embassy staff left the country on orders from Washington.", "orders"),
    ("Protesters marched against the parades of the Orange Order.", None),   # a name
    ("The mayor called on residents living near the river to leave.", "called on"),   # the infinitive on the residents
    ("The newspaper called Thursday on Arabs to unite.", "called Thursday on"),
    ("The plan calls for cooperation in the energy industries.", None),     # what the plan provides
    ("A treaty calling for border demarcation was signed in May.", None),
    ("The statement calls for an immediate ceasefire.", "calls for"),
    ("The proposals also called for fresh elections.", "called for"),
    ("An official, who asked not to be named, said the talks had failed.", None),   # a source's anonymity
    ("The spokesman, who requested anonymity, confirmed the visit.", None),
    ("The source asked for anonymity.", None),
    ("The official asked the reporters not to publish the list.", "asked"),
    ("Japan's demand for steel has slowed sharply.", None),            # the market quantity
    ("Japan's demand for an apology angered Seoul.", "demand"),
])
def test_demand_senses_and_provisions(nlp, text, demanded):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "demand"]
    assert found == ([demanded] if demanded else [])


@pytest.mark.parametrize("text, accused", [
    ("The army blamed the rebels for the killings.", "blamed"),
    ("Officials blamed the bombing on militants.", "blamed"),
    ("The rebels stayed away, blaming the army's offensive on the town.", "blaming"),   # the army's act
    ("The company blamed the weather for the losses.", None),         # a cause, no one accused
    ("The firm blamed the decline on weak sales.", None),
])
def test_blaming_accuses_someone_not_a_cause(nlp, text, accused):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "accusation"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, threatened", [
    ("Iran's threat to close the strait angered its neighbours.", "threat"),
    ("The rebels issued a threat against the government.", "threat"),
    ("Threats by the militia forced families to flee.", "Threats"),
    ("The threat of war loomed over the region.", None),              # a danger
    ("The group posed a threat to the stability of the region.", None),
    ("The security threat has grown.", None),
])
def test_a_threat_noun_is_an_act_only_with_whose_or_what(nlp, text, threatened):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "threat"]
    assert found == ([threatened] if threatened else [])


@pytest.mark.parametrize("text, type_, trigger", [
    ("South Africa deplored the bomb blasts on Friday.", "accusation", "deplored"),
    ("Residents decried the attack on the clinic.", "accusation", "decried"),
    ("Russian officials assailed Ukraine for holding naval exercises.", "accusation", "assailed"),
    ("The father lashed out at his relatives on Sunday.", "accusation", "lashed out at"),
    ("The generals fear the army might lash out in some way.", "accusation", None),   # force, not words
    ("The minister turned down the offer in the spring.", "rejection", "turned down"),
    ("The economy turned down sharply in the spring.", "rejection", None),             # a fall
    ("Arab states have spurned the plan so far.", "rejection", "spurned"),
    ("The government exhorted citizens to keep rallying.", "demand", "exhorted"),
])
def test_cameo_verbs_seen_in_newswire(nlp, text, type_, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == type_]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, threatened", [
    ("The president vowed to hunt down those responsible for the bombings.", "vowed to hunt down"),
    ("The army vowed to crush the rebellion.", "vowed to crush"),
    ("The president vowed to hunt for a new economic model.", None),    # a search
])
def test_vowing_to_hunt_down_or_crush_is_a_threat(nlp, text, threatened):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "threat"]
    assert found == ([threatened] if threatened else [])


@pytest.mark.parametrize("text, accused", [
    ("Critics slammed the decision on Monday.", "slammed"),
    ("The senator blasted the plan on Monday.", "blasted"),
    ("The car slammed into a tree on Monday.", None),                  # an impact
    ("Explosives blasted a hole in the wall.", None),
])
def test_slamming_and_blasting_in_words_not_in_force(nlp, text, accused):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "accusation"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, type_, trigger", [
    ("The president encouraged the parties to resume talks.", "demand", "encouraged"),
    ("Lower interest rates encouraged companies to borrow more.", "demand", None),     # a cause
    ("The ministers countered the offer on Monday.", "rejection", "countered"),
    ("The ministers adopted measures to counter terrorism.", "rejection", None),       # a goal against a danger
])
def test_causes_and_goals_are_no_demand_or_rejection(nlp, text, type_, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == type_]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, type_, trigger", [
    ("The miners refused to negotiate with the owners.", "negotiation", None),   # the refusal is the event
    ("The council declined to sign the new lease.", "agreement", None),
    ("The miners agreed to negotiate with the owners.", "negotiation", "negotiate"),
    ("The council lacks the authority to sign the lease.", "agreement", None),    # what it could do
    ("The port has the cranes to attack any backlog.", "attack", None),
    ("The council made a decision to sign the lease.", "agreement", "sign"),      # a decision is taken
])
def test_what_is_refused_or_only_possible_is_no_event(nlp, text, type_, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == type_]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, trigger", [
    ("Norway circulated a draft resolution at the council.", "draft"),     # the text put forward
    ("The voters rejected the draft constitution on Sunday.", "draft"),
    ("The draft horse pulled the cart.", None),                            # another sense
    ("The proposal committee met on Monday.", None),                       # a modifier, no proposal
])
def test_a_draft_text_is_a_proposal(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "proposal"]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, trigger", [
    ("The navy drew up evacuation plans for the island.", None),          # its own operation
    ("The minister cancelled her vacation plans on Friday.", None),
    ("The bank approved a new business plan on Friday.", None),
    ("The mediators drew up peace plans for the island.", "plans"),       # put forward to others
])
def test_a_plan_of_ones_own_operations_is_no_proposal(nlp, text, trigger):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "proposal"]
    assert found == ([trigger] if trigger else [])


@pytest.mark.parametrize("text, agreed", [
    ("The refugees will return home as part of a UN-brokered deal.", "deal"),
    ("The prisoners were freed under an accord mediated by Norway.", "accord"),
    ("The accord negotiated in secret gave the rebels an amnesty.", "accord"),
    ("Mediators are working on a US-brokered deal.", None),   # what is worked on is not yet concluded
    ("Mediators expect a deal on the hostages.", None),
])
def test_an_agreement_brokered_or_negotiated_was_concluded(nlp, text, agreed):
    found = [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "agreement"]
    assert found == ([agreed] if agreed else [])


@pytest.mark.parametrize("text, agreed", [
    ("The leader said he welcomed the US keeping troops in the country.", True),   # what a country does
    ("The minister welcomed Egypt hosting the talks.", True),
    ("The town welcomed the refugees arriving from the north.", False),   # people: hospitality
])
def test_welcoming_what_a_country_does_is_an_agreement(nlp, text, agreed):
    found = [e for e in events(nlp, text) if e["type"] == "agreement" and e["trigger"]["text"] == "welcomed"]
    assert len(found) == (1 if agreed else 0)
