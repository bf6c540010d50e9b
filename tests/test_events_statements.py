"""Statements: speakers, addressees, quotations and reported content."""
from __future__ import annotations

import pytest

from tests.helpers import actors, events, one, types_of


def test_statement_with_quote_speaker_after_and_addressee(nlp):
    text = "“There’s an offer out there that’s rational,” Mr. Biden told reporters."
    ev = one(nlp, text, "statement")
    assert ev["quote"]["text"] == "There’s an offer out there that’s rational,"
    assert text[ev["quote"]["start"]:ev["quote"]["end"]] == ev["quote"]["text"]
    assert {(a["name"], a["role"]) for a in ev["actors"]} >= {("Biden", "speaker"), ("reporters", "addressee")}


def test_indirect_speech_content(nlp):
    ev = one(nlp, "Osama Hamdan said that the group would only engage in talks on implementation.", "statement")
    assert ev["content"]["text"].startswith("the group would only engage")
    assert actors(ev, "speaker") == {"Osama Hamdan"}


def test_unpaired_quote_never_raises(nlp):
    ev = one(nlp, "“We are ready, the spokesman said of the plan.", "statement")
    assert ev["quote"] is None


def test_a_quote_is_not_given_to_the_next_sentence_speaker(nlp):
    text = ("\"We will not accept pressure,\" the spokeswoman told reporters. \"We are ready.\"\n"
            "Rubio said last month that sanctions would stay.")
    said = next(e for e in events(nlp, text) if e["trigger"]["text"] == "said")
    assert said["quote"] is None and said["content"]["text"].startswith("sanctions would stay")


@pytest.mark.parametrize("text, trigger", [
    ("The envoy maintained that the ceasefire was holding.", "maintained"),
    ("The minister promised that aid would arrive within a week.", "promised"),
    ("The Labour Party alleged that the vote had been rigged.", "alleged"),
    ("Two officials detailed the new troop numbers on Friday.", "detailed"),
    ("The president reminded reporters that the border was closed.", "reminded"),
    ("The ministry revealed that talks had resumed.", "revealed"),
    ("The prime minister reaffirmed that the troops would stay.", "reaffirmed"),
    ("President Kenyatta recalled that the road had taken ten years to build.", "recalled"),
    ("The general assured lawmakers that the mission was on track.", "assured"),
    ("The Greens will outline the costs of the scheme on Tuesday.", "outline"),
    ("The senator mentioned that the bill had stalled.", "mentioned"),
    ("The spokesman repeated the government's position on Monday.", "repeated"),
    ("The newspaper quoted the minister as saying that taxes would rise.", "quoted"),
    ("Aid agencies have forecast a famine by the summer.", "forecast"),
])
def test_more_speech_verbs_are_statements(nlp, text, trigger):
    assert trigger in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text, trigger", [
    ("The army will maintain control of the crossing.", "maintain"),        # keeping, not saying
    ("Spain recalled its ambassador on Monday.", "recalled"),               # bringing back
    ("The minister was quoted as saying that taxes would rise.", "quoted"),  # the saying is the statement
    ("Russia's repeated use of the veto angered France.", "repeated"),      # a participle modifier
    ("The union welcomed the decision to freeze fuel duty.", "welcomed"),   # welcoming a move is agreeing to it
])
def test_speech_verbs_in_another_sense_are_no_statements(nlp, text, trigger):
    assert trigger not in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text, triggers", [
    ("\"We are ready to talk,\" the minister said, adding that the border would reopen.", ["said", "adding"]),
    ("The envoy said he was told by the general that the offensive would wait.", ["said", "told"]),
    ("The minister said she often criticised the plan.", ["said she often criticised"]),   # the same act reported
])
def test_two_speech_verbs_are_two_statements_unless_one_reports_the_other(nlp, text, triggers):
    assert [e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"] == triggers


def test_an_added_statement_has_its_own_content(nlp):
    found = [e for e in events(nlp, "\"The talks failed,\" the minister said, adding that Egypt was ready.")
             if e["type"] == "statement"]
    assert [e["content"]["text"] for e in found if e["trigger"]["text"] == "adding"] == ["Egypt was ready"]


@pytest.mark.parametrize("text, trigger", [
    ("The president's speech to parliament lasted an hour.", "speech"),
    ("In a televised address, President Biden urged voters to stay calm.", "address"),
    ("The general gave damaging testimony to the committee.", "testimony"),
    ("Labour broke its promise on tuition fees.", "promise"),
    ("The Greens' election pledges were costed.", "pledges"),
    ("The envoy's warning came a day after the strikes.", "warning"),
    ("The minister's prediction of growth proved wrong.", "prediction"),
    ("Moscow has given assurances to the Kurds.", "assurances"),
    ("The IAEA's assessment was backed by the council.", "assessment"),
    ("The president rejected the general's arguments.", "arguments"),
    ("The delegates will endorse a statement urging an end to sanctions.", "statement"),
    ("Mr Smith will host a news conference every morning.", "news conference"),
])
def test_speech_nouns_with_a_source_or_content_are_statements(nlp, text, trigger):
    assert trigger in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text", [
    "Freedom of speech is protected.",                                  # no one's act
    "Macron said in his speech that taxes would fall.",                  # one act, the verb's
    "The minister told a news conference that the border would reopen.",
])
def test_speech_nouns_without_a_source_or_as_the_verbs_occasion_are_no_second_statement(nlp, text):
    assert len([e for e in events(nlp, text) if e["type"] == "statement"]) <= 1
    assert not [e for e in events(nlp, text) if e["type"] == "statement" and e["trigger"]["text"] in ("speech", "news conference")]


def test_a_news_conference_is_its_holders_statement(nlp):
    ev = one(nlp, "Senator Warren will hold a news conference on Monday.", "statement")
    assert ev["trigger"]["text"] == "news conference" and actors(ev, "speaker") == {"Warren"}



@pytest.mark.parametrize("text, trigger", [
    ("Egypt warned against expecting too much from the meeting.", "warned"),   # what one warns against
    ("The general argued for keeping the troops abroad.", "argued"),              # what one argues for
    ("Senator Warren has written to Biden about the rules.", "written"),        # whom one writes to
    ("Blair was responding to a question from Howard.", "responding"),          # the question one answers
])
def test_a_broad_speech_verb_with_what_it_is_about_is_a_statement(nlp, text, trigger):
    assert trigger in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


def test_responding_to_an_act_is_no_statement(nlp):
    assert not [e for e in events(nlp, "Israel responded to the attack with airstrikes.") if e["type"] == "statement"]


@pytest.mark.parametrize("text, kind", [
    ("Egypt warned Israel not to attack Rafah.", "demand"),                       # asks someone not to act
    ("Turkey has warned against an assault on the city.", "demand"),
    ("Egypt warned Hamas against rejecting the offer.", "demand"),
    ("Iran warned Israel of heavy consequences if its reactors were attacked.", "threat"),
    ("Iran warned that it would respond swiftly if its reactors were attacked.", "threat"),   # its own retaliation
    ("Iran warned that the crisis would get worse.", "statement"),                # informs
    ("Egypt warned the EU not to think that sanctions would be enough.", "statement"),   # a caution
])
def test_warned_is_a_demand_a_threat_or_a_statement(nlp, text, kind):
    assert [e["type"] for e in events(nlp, text) if e["trigger"]["text"] == "warned"] == [kind]


@pytest.mark.parametrize("text, threat", [
    ("The farmers said they would blockade the capital from Monday.", True),          # own coercive act
    ("The party said it will boycott the elections unless the president resigns.", True),
    ("Nigeria announced that it will withdraw its troops unless a ceasefire is signed.", True),   # on a condition
    ("Moscow said any group that stays away will suffer the consequences.", True),    # what the other side undergoes
    ("Egypt said the police would no longer tolerate the protests.", True),
    ("The rebels have sworn to fight until the city falls.", True),
    ("Nigeria announced that it will withdraw its troops next year.", False),         # a plan, no condition
    ("The farmers said the blockade had ended.", False),
    ("The president vowed to fight corruption.", False),                             # no one threatened
])
def test_an_announced_coercive_act_is_a_threat(nlp, text, threat):
    assert ("threat" in {e["type"] for e in events(nlp, text)}) == threat


@pytest.mark.parametrize("text, demand", [
    ("Russia said on Tuesday that Sudan must return the helicopter.", True),   # what another party must do
    ("Blinken told Netanyahu to allow more aid into Gaza.", True),
    ("Russia said that the helicopter must be returned.", False),              # no one named to do it
    ("Russia said that Sudan should be judged by its results.", False),        # an opinion, not an order
    ("Blinken told reporters that aid would flow.", False),
])
def test_a_statement_of_what_another_must_do_is_also_a_demand(nlp, text, demand):
    found = {e["type"] for e in events(nlp, text)}
    assert "statement" in found and ("demand" in found) == demand


@pytest.mark.parametrize("text, trigger, statement", [
    ("Senator Warren called the change pragmatic.", "called", True),        # says something of it
    ("Egypt called a meeting of the league.", "called", False),
    ("Senator Warren asked why the government had agreed to the measure.", "asked", True),   # a question
    ("Senator Warren asked whether the talks would resume.", "asked", True),
    ("Egypt asked Israel to open the crossing.", "asked", False),            # a request
    ("When asked whether the talks would resume, Antony Blinken replied that they would.", "asked", False),
    ("The minister made clear that the border would stay closed.", "made clear", True),
    ("The general said he had made it clear that he would leave.", "made it clear", True),   # an earlier act of its own
])
def test_calling_asking_and_making_clear(nlp, text, trigger, statement):
    found = {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}
    assert (trigger in found) == statement


@pytest.mark.parametrize("text, trigger", [
    ("The bombings claimed 850 lives.", "claimed"),
    ("Fox accused Blair of telling lies about the plan.", "telling"),
    ("Britain added 3p per litre to fuel duty.", "added"),
    ("Britain added 2,000 troops to the force.", "added"),
    ("Spain declined to confirm that the meeting had taken place.", "confirm"),   # a refusal
    ('Fox responded by accusing Blair of "hiding away from the media".', "responded"),   # the accusing carries it
])
def test_speech_verbs_meaning_something_else_are_no_statements(nlp, text, trigger):
    assert trigger not in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text, threat", [
    ("Global warming threatened the development goals.", False),   # a danger
    ("Iran threatened Israel on Monday.", True),
    ("Villagers threatened to block the road unless the mine closed.", True),   # one who threatens to act
])
def test_a_threat_is_an_actors(nlp, text, threat):
    assert ("threat" in {e["type"] for e in events(nlp, text)}) == threat


def test_a_quotation_after_a_colon_belongs_to_its_verb_past_the_first_full_stop(nlp):
    text = 'Asked about the vote, Blair replied: "Well. I think we are a country that suffers." He left.'
    ev = one(nlp, text, "statement")
    assert ev["trigger"]["text"] == "replied" and ev["quote"]["text"] == "Well. I think we are a country that suffers."


# Other senses of statement nouns and verbs in business and general news (a precision audit on unseen articles).
@pytest.mark.parametrize("text, trigger", [
    ("The board declared a special dividend of ten cents.", "declared"),       # a payment
    ("Police said the suspect gave a false address.", "address"),              # where one lives
    ("Prices were taken from the Weekly Grain Report.", "Report"),             # a publication's title
    ("The union has expanded twice, adding Poland and Hungary in 2004.", "adding"),   # taking in members
    ("The priest said a prayer for the crew.", "said"),                       # a prayer recited
    ("Under the charter, according to its rules, the board meets twice a year.", "according to"),   # a rule
    ("Prices, as traders love to say, can only go up.", "say"),                # a saying
    ("The charter states that the chairman must be elected.", "states"),       # what a rule lays down
    ("By declaring their assets and paying the tax, people can avoid a fine.", "declaring"),   # a filing
])
def test_statement_words_naming_no_speech(nlp, text, trigger):
    assert trigger not in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


def test_a_speaker_quoting_what_was_argued_reports_a_statement(nlp):
    text = '"We have waited long enough," said the mayor. "The unions have always argued that the mines should stay open."'
    found = {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}
    assert found == {"said", "argued"}


@pytest.mark.parametrize("text, threat", [
    ("Iran warned Israel of heavy consequences if its reactors were attacked.", True),
    ("The militia warned of reprisals against the villagers.", True),
    ("Economists warned of a recession next year.", False),   # a danger foretold
    ("Forecasters warned of heavy rains on the coast.", False),
    ("The envoy said the rebels would pay a heavy price for the raid.", True),
    ("The company said it will pay $5 a share for the stock.", False),   # a price paid
    ("The coach said the team would suffer without its captain.", False),   # a loss borne
])
def test_what_one_is_warned_of_or_will_pay_is_a_threat_only_as_a_penalty(nlp, text, threat):
    assert ("threat" in types_of(nlp, text)) == threat


@pytest.mark.parametrize("text, trigger", [
    ("The state news agency reported that the border had reopened.", "reported"),
    ("The border has reopened, the Northern Herald reported on Friday.", "reported"),
    ("\"The road is open,\" said the governor, reporting that the floods had receded.", "reporting"),
])
def test_reporting_with_content_is_a_statement(nlp, text, trigger):
    assert trigger in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text", [
    "Two new cases were reported in the north.",                 # no one's words
    "The auditor reports to the board every month.",             # being accountable to
    "Northwind Airways reported a third-quarter net loss of $40 million.",   # accounts published
])
def test_reporting_without_content_is_no_statement(nlp, text):
    assert not [e for e in events(nlp, text) if e["type"] == "statement"]


@pytest.mark.parametrize("text, statement", [
    ("Iran warned that it would respond \"with full force\" if its ships were attacked.", False),   # an act to come
    ("Oman said the envoy would reply \"at the right time\".", False),
    ("Oman said the envoy had replied \"at once\" to the letter.", True),                          # a reply made
])
def test_a_response_announced_in_someone_elses_speech_is_no_statement(nlp, text, statement):
    found = {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}
    assert bool(found & {"respond", "reply", "replied"}) == statement


# Company accounts, book-keeping and anonymity requests in business and general news (a precision audit on
# unseen newswire): the verbs of speech used for no statement.
@pytest.mark.parametrize("text, trigger", [
    ("Northwind Airways posted a third-quarter net loss of $40 million.", "posted"),     # accounts published
    ("Northwind Airways expects to post a 20% gain in net income.", "post"),
    ("Northwind Airways announced sharply lower earnings for the quarter.", "announced"),
    ("Northwind Airways added a fuel surcharge to every ticket.", "added"),              # putting in
    ("Northwind Bank said it will write off $3 million.", "write"),                      # an accounting entry
    ('An official, who asked not to be named, said "the plan is dead."', "asked"),      # a request about oneself
    ("Northwind Airways filed its registration statement on Monday.", "statement"),      # a filing
])
def test_accounts_entries_and_anonymity_are_no_statements(nlp, text, trigger):
    assert not [e for e in events(nlp, text) if e["type"] == "statement" and trigger in e["trigger"]["text"].split()]


@pytest.mark.parametrize("text, trigger", [
    ("Northwind Airways announced that the strike had ended.", "announced"),
    ("Northwind Airways posted a message to its customers on Monday.", "posted"),
    ("The minister added that the surcharge was unfair.", "added"),
    ('"The surcharge is unfair," the minister added.', "added"),
    ("The minister wrote to the unions that the loans were bad.", "wrote"),
])
def test_the_same_verbs_saying_something_are_statements(nlp, text, trigger):
    assert trigger in {e["trigger"]["text"] for e in events(nlp, text) if e["type"] == "statement"}


@pytest.mark.parametrize("text, statement", [
    ("The minister denied the refugees an asylum hearing.", False),     # withholding
    ("The border police denied the reporters entry.", False),
    ("The minister denied that the refugees had been refused a hearing.", True),
    ("The ministry denied the reports of a refused hearing.", True),
])
def test_denying_someone_something_is_no_statement(nlp, text, statement):
    assert any(e["type"] == "statement" and e["trigger"]["text"] == "denied" for e in events(nlp, text)) == statement


@pytest.mark.parametrize("text, asked", [
    ("Asked how the airline hopes to grow its fleet, Ms. Reyes said it sees room in Asia.", False),
    ("When reporters asked how the airline would grow, Ms. Reyes said it saw room in Asia.", True),
    ("Ms. Reyes said the bank acted after one of her lawyers asked whether the fees could be seized.", True),
])
def test_asked_as_a_preamble_is_no_statement_of_its_own(nlp, text, asked):
    found = {e["trigger"]["text"].lower() for e in events(nlp, text) if e["type"] == "statement"}
    assert ("asked" in found) == asked and "said" in found


@pytest.mark.parametrize("text, threat", [
    ("The minister raised the tax despite threats of more protests.", True),    # a protest someone would stage
    ("The junta gave in under the threat of sanctions.", True),                  # a penalty someone would impose
    ("The threat of war loomed over the region.", False),                        # a danger
])
def test_a_threat_of_a_protest_or_a_penalty_is_someones(nlp, text, threat):
    assert ("threat" in types_of(nlp, text)) == threat
