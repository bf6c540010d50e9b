"""The field's event codes (PLOVER categories, CAMEO codes) and the types of spec/EVENTS.md they map to.

Sources: the type table of ../shared/spec/EVENTS.md and the READMEs of ../shared/eval/external/ and
../shared/lexicons/. A code maps to the types an event of it may be reported as; an empty tuple means
the code has no type of ours.
"""
from __future__ import annotations

CONSULT = ("meeting", "visit", "negotiation")

PLOVER = {"AGREE": ("agreement",), "DEMAND": ("demand",), "REJECT": ("rejection",), "THREATEN": ("threat",),
          "DISAPPROVE": ("accusation",), "ASSAULT": ("attack",), "FIGHT": ("attack",), "CONSULT": CONSULT}

# PLOVER's AGREE also holds CAMEO 03, intents to cooperate ("offered to hand over", "will provide aid"), which
# EVENTS.md types as proposals. The mapping above stays the measure; this one is printed beside it, for information.
PLOVER_WITH_INTENT = {**PLOVER, "AGREE": ("agreement", "proposal")}

# CAMEO code prefixes; the longest prefix of a code decides. The roots carry the coarse mapping, the
# three-digit entries refine it where a root holds several of our types (04 consult) or none (041 phone).
CAMEO = {
    "01": ("statement",),
    "02": ("demand",),          # appeal (spec: demand = CAMEO 100 / 020)
    "03": ("proposal",),        # express intent to cooperate (036: to meet or negotiate)
    "04": CONSULT,
    "040": ("meeting",), "041": (), "042": ("visit",), "043": ("meeting",), "044": ("meeting",),
    "045": ("negotiation",), "046": ("negotiation",),
    "05": ("agreement",),       # diplomatic cooperation (057: sign a formal agreement)
    "08": ("agreement",),       # yield, accede
    "10": ("demand",),
    "11": ("accusation",),      # disapprove (111 criticize, 112 accuse)
    "12": ("rejection",),
    "13": ("threat",),
    "18": ("attack",), "19": ("attack",), "20": ("attack",),
}


def cameo_types(code: str) -> tuple[str, ...]:
    """Our types for a CAMEO code ("0421" -> visit, "112" -> accusation, "14" -> none)."""
    for n in range(len(code), 1, -1):
        if code[:n] in CAMEO:
            return CAMEO[code[:n]]
    return ()
