"""Page chrome and shop widgets yield no event, actor or date, and change no offset."""
from __future__ import annotations

from service.core import extract
from tests.helpers import REF


def test_noise_yields_nothing_and_keeps_offsets(nlp):
    noise = ("Buy Now\nProduct 1 Title\n\nSample text. Lorem ipsum dolor sit amet.\n\nQuantity\n$20.00\n"
             "Also read\nLeave a Reply\nGet exclusive content with Gulf News WhatsApp channel\n"
             "Related Articles\nphoto-1723993484098\nImage Credit: AFP\n")
    assert extract(nlp, noise, REF)["events"] == []
    result = extract(nlp, noise + "Blinken met Netanyahu in Jerusalem.", REF)
    ev = result["events"][0]
    assert noise[0:0] + (noise + "Blinken met")[ev["trigger"]["start"]:ev["trigger"]["end"]] == "met"
    assert not any(a["name"] in ("AFP", "Lorem") for a in result["entities"]["actors"])
    assert not result["entities"]["dates"]
