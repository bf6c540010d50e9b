"""`make screenshot`: the README's picture of the demo page (docs/demo.png), taken in Debian's chromium.

The app runs in this process on a loopback port; the page extracts the second sample article and an event
is hovered, as a reader would."""
from __future__ import annotations

import sys
from pathlib import Path

from scripts.browser import CHROMIUM, chromium, have_chromium, serving, wait_for_sample
from service.app import create_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "demo.png"


def main() -> int:
    if not have_chromium():
        print(f"no chromium at {CHROMIUM}: `make chromium` installs it", file=sys.stderr)
        return 1
    with serving(create_app()) as url, chromium(viewport=(1280, 900)) as browser:
        page = browser.new_page()
        page.goto(url + "/")
        page.select_option("#evx-seed", index=2)
        wait_for_sample(page)
        with page.expect_response("**/v1/extract") as answer:
            page.click("#evx-submit")
        events = answer.value.json()["events"]
        meeting = next(e for e in events if e["type"] == "meeting" and e["places"] and e["dates"])
        trigger = page.locator(f'.evx-text [data-trigger~="{meeting["id"]}"]').first
        trigger.click()
        trigger.evaluate("node => node.scrollIntoView({block: 'center'})")
        OUT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
