"""The document index and coreference: built once, before events, the same whatever the request asks for."""
from __future__ import annotations

import pytest

from service import coreference
from service.core import extract
from service.entities import DocIndex
from tests.helpers import REF, actors, events, one


def entity_actors(nlp, text, **kw):
    return {a["name"]: [m["text"] for m in a["mentions"]] for a in extract(nlp, text, REF, **kw)["entities"]["actors"]}


def speakers(nlp, text, trigger):
    """The speakers of the last statement on `trigger`."""
    ev = [e for e in extract(nlp, text, REF)["events"] if e["trigger"]["text"] == trigger and e["type"] == "statement"][-1]
    return [(a["text"], a["name"]) for a in ev["actors"] if a["role"] == "speaker"]


@pytest.mark.parametrize("types", [["meeting"], ["statement"], ["attack"]])
def test_entities_are_the_same_whatever_types_are_asked_for(nlp, types):
    text = ("A senior Hamas official rejected the offer. Antony Blinken met Benjamin Netanyahu in Cairo. "
            "The official said Israeli negotiators had left. Both sides blamed the mediators.")
    everything = extract(nlp, text, REF)
    some = extract(nlp, text, REF, types=types)
    assert some["entities"] == everything["entities"]
    assert "A senior Hamas official" in {a["name"] for a in some["entities"]["actors"]}


def test_the_index_answers_without_changing(nlp):
    doc = nlp("Hamas said it would attend. The group sent a delegation. Both sides met.")
    index = coreference.resolve(DocIndex(doc))
    before = [(a.id, a.name, list(a.mentions)) for a in index.actors]
    answers = [[(r.actor.id, r.start, r.end) for r in index.actors_at(t)] for t in reversed(doc)]
    assert [[(r.actor.id, r.start, r.end) for r in index.actors_at(t)] for t in reversed(doc)] == answers
    assert [(a.id, a.name, list(a.mentions)) for a in index.actors] == before


def test_a_description_beside_a_name_is_that_name(nlp):
    text = "Mahmoud Mardawi, a Hamas official, spoke on Monday. He said the talks had stalled."
    assert speakers(nlp, text, "said") == [("He", "Mahmoud Mardawi")]
    assert entity_actors(nlp, text)["Mahmoud Mardawi"] == ["Mahmoud Mardawi", "a Hamas official"]


def test_a_title_before_a_name_is_no_actor_of_its_own(nlp):
    assert list(entity_actors(nlp, "President Joe Biden met Benjamin Netanyahu.")) == ["Joe Biden", "Benjamin Netanyahu"]


def test_an_actor_noun_that_modifies_another_is_part_of_it(nlp):
    assert list(entity_actors(nlp, "A government spokesman said the talks would resume.")) == ["A government spokesman"]


def test_a_country_in_a_place_phrase_is_a_place_not_a_party(nlp):
    result = extract(nlp, "The war in Syria went on for years.", REF)
    assert [p["name"] for p in result["entities"]["places"]] == ["Syria"]
    assert result["entities"]["actors"] == []
    assert entity_actors(nlp, "Syria said it would attend.") == {"Syria": ["Syria"]}


def test_a_pronoun_prefers_the_last_sentence_with_a_subject(nlp):
    text = ("The Pentagon said the deployment had begun. Troops were flown from bases in Germany and from Italy. "
            "It added that more would follow.")
    assert speakers(nlp, text, "added") == [("It", "Pentagon")]


def test_a_pronoun_prefers_the_main_clause_subject(nlp):
    text = 'Antony Blinken said the president had approved the plan. "We are ready," he said.'
    assert speakers(nlp, text, "said") == [("he", "Antony Blinken")]


def test_it_is_never_a_plural_group(nlp):
    text = "The company reported a loss on Monday. Analysts had expected a profit. It said sales would recover."
    assert speakers(nlp, text, "said") == [("It", "company")]


# ---- descriptions and pronouns ------------------------------------------------------------------

def test_described_actor_and_its_anaphor(nlp):
    text = "A senior Hamas official rejected the offer. The official said talks had stalled."
    evs = events(nlp, text)
    rej = next(e for e in evs if e["type"] == "rejection")
    stmt = next(e for e in evs if e["type"] == "statement")
    assert rej["actors"][0]["name"] == "A senior Hamas official" and rej["actors"][0]["kind"] == "person"
    assert rej["actors"][0]["affiliation"] == "Hamas"
    assert stmt["actors"][0]["name"] == "A senior Hamas official"


def test_pronoun_subject_resolves_to_person(nlp):
    evs = events(nlp, "President Joe Biden spoke on Monday. He said a deal was close.")
    said = next(e for e in evs if e["trigger"]["text"] == "said")
    assert said["actors"][0]["name"] == "Joe Biden" and said["actors"][0]["text"] == "He"


def test_pronoun_prefers_the_last_subject(nlp):
    text = ("President Volodymyr Zelenskyy met Chancellor Olaf Scholz in Berlin. "
            "Zelenskyy urged allies to hurry. \"We need Patriots now,\" he told reporters.")
    told = next(e for e in events(nlp, text) if e["trigger"]["text"] == "told")
    assert actors(told, "speaker") == {"Volodymyr Zelenskyy"}


def test_pronoun_subject_of_reported_clause_is_the_reporter(nlp):
    text = ("The council issued a statement on Monday. The RSF accused the army of shelling Omdurman "
            "and said it would not attend the talks.")
    talks = next(e for e in events(nlp, text) if e["type"] == "negotiation")
    assert actors(talks, "participant") == {"RSF"} and talks["modality"] == "negated"


# ---- "both sides" ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, speakers", [
    ("Israeli and Hamas officials met in Cairo on Monday. Both sides said the talks were constructive.",
     {"Israeli officials", "Hamas officials"}),
    ("Talks between Israel and Hamas resumed in Doha. The two sides said progress was slow.", {"Israel", "Hamas"}),
    ("Iran and Hezbollah have threatened Israel. These groups said they would respond.", {"Iran", "Hezbollah"}),
    # without two parties named together before, as written
    ("Egypt, Qatar and the United States mediated. Both sides said the talks were useful.", {"Both sides"}),
    # parties named in the same words are no anaphor
    ("Both U.S. and British officials said the court had no jurisdiction.", {"U.S. officials", "British officials"}),
])
def test_both_sides_are_the_parties_named_together_before(nlp, text, speakers):
    ev = one(nlp, text, "statement")
    assert actors(ev, "speaker") == speakers


def test_two_new_people_are_not_both_sides(nlp):
    ev = one(nlp, "Iran and Hezbollah threatened Israel. Two senior commanders were killed on Monday.", "attack")
    assert {"Iran", "Hezbollah"}.isdisjoint(actors(ev))


# ---- a pronoun and the clauses above it ----------------------------------------------------------

@pytest.mark.parametrize("text, trigger, role, actor", [
    ("Joe Biden spoke in Ohio. Chancellor Olaf Scholz caused a stir on Monday when he called for new elections.",
     "called for", "agent", "Olaf Scholz"),
    ("Joe Biden spoke in Ohio. When Chancellor Olaf Scholz arrived in Berlin, he began to negotiate with the unions.",
     "negotiate", "participant", "Olaf Scholz"),
    ("Hamas met the mediators. The World Bank compromised by saying it would no longer demand new audits.",
     "demand", "agent", "World Bank"),
    ("Hamas said Egypt is sincere when it insists that the talks will resume.", "insists", "speaker", "Egypt"),
])
def test_a_pronoun_is_the_subject_of_a_clause_above_its_own(nlp, text, trigger, role, actor):
    ev = next(e for e in events(nlp, text) if e["trigger"]["text"] == trigger)
    assert actor in actors(ev, role) and "Joe Biden" not in actors(ev) and "Hamas" not in actors(ev, role)


@pytest.mark.parametrize("text, trigger, role, parties", [
    ("Germany and France said they would attend the talks.", "talks", "participant", {"Germany", "France"}),
    ("Both the mayor and the governor are under pressure, and they held a meeting on Monday.", "meeting",
     "participant", {"mayor", "governor"}),
    ("Emmanuel Macron and Olaf Scholz are due to meet in Berlin. The envoy said that if their "
     "discussions fail, the plan will collapse.", "discussions", "participant", {"Emmanuel Macron", "Olaf Scholz"}),
    ("Chile and Peru said they were reluctant to sign the accord. They complained that the tariffs "
     "would hurt exporters.", "complained", "agent", {"Chile", "Peru"}),
])
def test_they_are_the_parties_named_together_as_a_subject(nlp, text, trigger, role, parties):
    ev = next(e for e in events(nlp, text) if e["trigger"]["text"] == trigger)
    assert actors(ev, role) == parties


@pytest.mark.parametrize("text, type_, role, actor", [
    ('"I urge both sides to return to the table," the president said.', "demand", "agent", {"president"}),
    ('"I agree with the plan," Senator Jane Smith told reporters.', "agreement", "agent", {"Jane Smith"}),
    # "we" of a person is the side they speak for, of a body the body
    ('"We reject the proposal," a Hamas official said.', "rejection", "agent", {"Hamas"}),
    ('Hamas said in a statement: "We reject the proposal."', "rejection", "agent", {"Hamas"}),
    # a person whose side is not named, or a quotation attributed to no one, says nothing of "we" or "I"
    ('"We reject the proposal," said Jane Smith.', "rejection", "agent", set()),
    ("I reject the proposal, the columnist wrote in her blog.", "rejection", "agent", set()),
])
def test_a_first_person_in_a_quotation_is_its_speaker(nlp, text, type_, role, actor):
    assert actors(one(nlp, text, type_), role) == actor


def test_stacked_names_before_a_description_are_one_group(nlp):
    ev = one(nlp, "The summit is being boycotted by the main Iraqi Kurdish groups.", "rejection")
    assert actors(ev, "agent") == {"main Iraqi Kurdish groups"}
    ev = one(nlp, "Israeli and Hamas officials rejected the offer.", "rejection")
    assert actors(ev, "agent") == {"Israeli officials", "Hamas officials"}


@pytest.mark.parametrize("text, speaker", [
    ("Canada's envoy for Sudan, Jane Doe, said the talks had stalled.", {"Jane Doe"}),
    ("The head of the agency, Jane Doe, said the talks had stalled.", {"Jane Doe"}),
    # a name beside a person in the phrase is that person's, not the description's
    ("A spokesman for the prime minister, Benjamin Netanyahu, said the talks had stalled.", {"A spokesman"}),
])
def test_a_name_after_a_descriptions_phrase_is_the_described_person(nlp, text, speaker):
    assert actors(one(nlp, text, "statement"), "speaker") == speaker


def test_sides_named_before_a_title_are_the_holders_of_that_title(nlp):
    text = ("French President Emmanuel Macron and Egyptian President Abdel Fattah al-Sisi met in Paris. "
            "The envoy urged the French and Egyptian presidents to act.")
    ev = one(nlp, text, "demand")
    assert actors(ev, "target") == {"Emmanuel Macron", "Abdel Fattah al-Sisi"}


def test_a_person_named_by_age_is_the_person_the_text_is_about(nlp):
    text = 'Governor Maria Lopez toured the plant on Friday. "We need power," said the 58-year-old at the plant.'
    assert speakers(nlp, text, "said") == [("58-year-old", "Maria Lopez")]


# ---- whose a description is -------------------------------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("A spokesman for Chancellor Olaf Scholz said the talks would resume.", "A spokesman for Chancellor Olaf Scholz"),
    ("Authorities in Canada's northern territories said the talks would resume.",
     "Authorities in Canada's northern territories"),
    # a description that names its owner itself keeps a place phrase out
    ("Canada's envoys in Geneva said the talks would resume.", "Canada's envoys"),
    # a title of a body before a name is that person
    ("Secretary General of the United Nations Antonio Guterres said the talks would resume.", "Antonio Guterres"),
    ("Chairman of the African Union Commission Moussa Faki said the talks would resume.", "Moussa Faki"),
])
def test_a_description_takes_the_phrase_that_names_its_owner(nlp, text, speaker):
    ev = one(nlp, text, "statement")
    assert actors(ev, "speaker") == {speaker}


@pytest.mark.parametrize("text, speaker", [
    ("The Working Group for Peace met on Monday. Hamas rejected the offer. The working group said the talks had failed.",
     "Working Group for Peace"),
    ("The Arab League Council met on Monday. Hamas rejected the offer. The council said the talks would resume.",
     "Arab League Council"),
])
def test_the_body_a_description_names_again_is_the_one_whose_name_says_so(nlp, text, speaker):
    assert [name for _, name in speakers(nlp, text, "said")] == [speaker]


def test_the_speaker_of_a_quotation_is_no_one_it_names(nlp):
    text = ('Antony Blinken spoke in Jerusalem on Monday. "Yahya Sinwar does not care about the hostages. '
            'Yahya Sinwar wants the war to go on," he said.')
    assert speakers(nlp, text, "said") == [("he", "Antony Blinken")]


@pytest.mark.parametrize("text, type_, role, actor", [
    ("One of the diplomats said the talks had stalled.", "statement", "speaker", "One of the diplomats"),
    ("Most of the delegates agreed to the plan on Friday.", "agreement", "agent", "Most of the delegates"),
    ("Twelve of the senators rejected the offer.", "rejection", "agent", "Twelve of the senators"),
    ("The agency said hundreds of thousands of residents were killed last year.", "attack", "target",
     "hundreds of thousands of residents"),
    ("Dozens of delegates rejected the offer.", "rejection", "agent", "Dozens of delegates"),
])
def test_a_part_of_a_group_is_an_actor_named_with_its_group(nlp, text, type_, role, actor):
    assert actors(one(nlp, text, type_), role) == {actor}


@pytest.mark.parametrize("text, target", [
    ("Peru criticised Chile, accusing it of lying about the border.", "Chile"),
    ("The senator criticised the ministry, accusing it of secrecy.", "ministry"),
])
def test_the_object_pronoun_of_a_participle_is_the_object_of_its_clause(nlp, text, target):
    accused = next(e for e in events(nlp, text) if e["type"] == "accusation" and e["trigger"]["text"] == "accusing")
    assert target in {a["name"] for a in accused["actors"] if a["role"] == "target"}


@pytest.mark.parametrize("text, type_, role, actor", [
    ("Earlier the foreign minister said the levy would rise.", "statement", "speaker", "foreign minister"),
    ("Only the ministers met in Cairo on Monday.", "meeting", "participant", "ministers"),
])
def test_an_adverb_before_a_descriptions_article_is_not_part_of_it(nlp, text, type_, role, actor):
    assert actors(one(nlp, text, type_), role) == {actor}


@pytest.mark.parametrize("text, type_, role, actor", [
    ("Ahmed Nasser rejected the talks. Mary Smith's warning came after she presented a plan for the vote.",
     "proposal", "agent", "Mary Smith"),
    ("Ahmed Nasser rejected the plan. The envoy's warning came after he presented a plan for the vote.",
     "proposal", "agent", "envoy"),
])
def test_a_pronoun_is_the_possessor_of_the_subject_above_its_clause(nlp, text, type_, role, actor):
    ev = [e for e in events(nlp, text) if e["type"] == type_][-1]
    assert actors(ev, role) == {actor}


@pytest.mark.parametrize("text, type_, role, actor", [
    ("The declaration will be signed by heads of state and government on Friday.", "agreement", "agent",
     "heads of state and government"),
    ("The party leader wanted to meet ordinary members of the public, his aide said.", "meeting", "participant",
     "ordinary members of the public"),
])
def test_of_and_a_bare_common_noun_after_a_plural_description_is_part_of_its_name(nlp, text, type_, role, actor):
    assert actor in actors(one(nlp, text, type_), role)


def test_a_name_after_a_title_introduced_by_as_is_the_described_person(nlp):
    ev = one(nlp, "The assessment was backed by his predecessor as party leader, John Smith.", "agreement")
    assert actors(ev, "agent") == {"John Smith"}


def test_her_as_an_object_is_never_its_own_clauses_subject(nlp):
    text = "Company president Mary Chen welcomed Joao Vieira on Friday. Vieira reminded her that costs had risen."
    ev = one(nlp, text, "statement")
    assert actors(ev, "speaker") == {"Joao Vieira"} and actors(ev, "addressee") == {"Mary Chen"}
