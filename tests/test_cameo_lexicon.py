"""The CAMEO-dictionary converter reads verb blocks, own codes, multi-word verbs, patterns and synsets."""
from __future__ import annotations

from scripts.cameo_lexicon import derive, recommend, with_candidate

# A dictionary in PETRARCH's format, written for this test.
SAMPLE = """\
# header comment
&NEGOTIATION
+NEGOTIATION
+DIALOGUE

&WEAPON
+RIFLE

####### VERB PATTERNS #######

---  GATHER   [040]  ---
CONVENE
+SIT_DOWN_WITH {+SAT_DOWN_WITH +SITS_DOWN_WITH +SITTING_DOWN_WITH}
TELEPHONE [041]
- * (FOR TALKS)                                       [036]         # CONVENE

---  START   [---]  ---
LAUNCH
BEGIN {BEGINS BEGAN BEGUN BEGINNING}
STAGE
- * {PEACE TALKS}                                     [046]         # LAUNCH
- * &NEGOTIATION                                      [046]         # BEGIN
- * OFFENSIVE                                         [190]         # LAUNCH
- * OFFENSIVE                                         [190]         # STAGE
- * &WEAPON                                           [190]         # STAGE
- * PROTEST                                           [141]         # STAGE

---  ACCUSE   [112]  ---
ACCUSE
RE_+ACCUSE

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


def test_derive_reads_blocks_codes_phrases_and_event_nouns(tmp_path):
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE)
    found = {(c["lemma"], c["type"], c["family"]): c for c in derive(path) if c["from"] == "CAMEO.2.0"}
    assert found[("convene", "meeting", "verb")]["cameo"] == ["040"]
    assert ("telephone", "meeting", "verb") not in found            # 041: a call is no meeting in person
    assert found[("sit down with", "meeting", "phrase")]["pattern"][0] == {"LEMMA": "sit", "POS": "VERB"}
    assert ("launch", "negotiation", "verb") not in found            # a verb that codes nothing on its own
    assert found[("offensive", "attack", "noun")]["support"] == 2    # its patterns under two light verbs
    assert ("talks", "negotiation", "noun") not in found             # one light verb only
    assert ("negotiation", "negotiation", "noun") not in found
    assert ("rifle", "attack", "noun") not in found                  # a thing, not an act
    assert ("protest", "attack", "noun") not in found                # 14x: no type of ours
    assert found[("accuse", "accusation", "verb")]["cameo"] == ["112"]
    assert not any(c[0].startswith("re ") for c in found)            # prefixed verbs are left out


def test_a_candidate_is_added_once_and_judged_by_its_effect():
    base = {"meeting": {"verbs": ["meet"], "nouns": [], "phrases": []}}
    grown = with_candidate(base, {"lemma": "convene", "type": "meeting", "family": "verb"})
    assert grown["meeting"]["verbs"] == ["meet", "convene"] and base["meeting"]["verbs"] == ["meet"]
    assert with_candidate(base, {"lemma": "meet", "type": "meeting", "family": "verb"}) is None
    effect = {"dev_tp_all": 3, "dev_fp_all": 0, "sentence_hits": 0, "sentence_other_types": 0}
    assert recommend(effect, [])[0] == "keep"
    assert recommend({**effect, "dev_fp_all": 5}, [])[0] == "drop"
    assert recommend({**effect, "dev_tp_all": 0, "sentence_hits": 1}, ["negotiation"])[0] == "drop"
