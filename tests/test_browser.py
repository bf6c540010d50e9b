"""In a real browser (Debian's chromium through Playwright): the demo page, the CLI's HTML output, and the API
called with a key from a page on another origin. A screenshot of the page is kept as a test artifact.

Without chromium these are skipped with the reason; CI installs it and sets BROWSER_TESTS=required, so
there a missing browser fails them instead."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from scripts.browser import CHROMIUM, chromium, have_chromium, serving, wait_for_sample
from service.__main__ import main
from service.app import create_app
from service.config import Config
from tests.conftest import ROOT

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "build" / "test-artifacts"))
MEETING = "Blinken met Netanyahu in Jerusalem on Monday, the ministry said."


@pytest.fixture(scope="module")
def browser():
    if not have_chromium():
        message = (f"no chromium at {CHROMIUM}: `apt-get install chromium` (or set CHROMIUM) to run the browser "
                   "tests")
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(message + "; BROWSER_TESTS=required", pytrace=False)
        pytest.skip(message)
    with chromium() as context:
        yield context


@pytest.fixture()
def page(browser):
    page = browser.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    page.close()


@pytest.fixture(scope="module")
def site(app):
    with serving(app) as url:
        yield url


def _extract_on_the_page(page, text=None, seed_index=None):
    if seed_index is not None:
        page.select_option("#evx-seed", index=seed_index)
        wait_for_sample(page)
    else:
        page.fill("#evx-text", text)
    with page.expect_response("**/v1/extract") as answer:
        page.click("#evx-submit")
    result = answer.value.json()
    page.wait_for_selector(".evx-text")
    return result


def _check_marks(page, result):
    """Every event's trigger and arguments are marked with exactly their text, linked to the event."""
    for ev in result["events"]:
        trigger = page.eval_on_selector_all(f'.evx-text [data-trigger~="{ev["id"]}"]',
                                            "nodes => nodes.map(n => n.textContent).join('')")
        assert trigger == ev["trigger"]["text"], ev["id"]
        for kind, args in (("actor", ev["actors"]), ("place", ev["places"]), ("date", ev["dates"])):
            marked = page.eval_on_selector_all(f'.evx-text .evx-{kind}[data-args~="{ev["id"]}"]',
                                               "nodes => nodes.map(n => n.textContent).join('|')")
            for arg in args:
                assert arg["text"] in marked.replace("|", ""), (ev["id"], kind, arg["text"])
    labels = page.eval_on_selector_all(".evx-text .evx-label", "nodes => nodes.map(n => n.textContent)")
    assert sorted(labels) == sorted(ev["type"] for ev in result["events"])


def test_demo_page_marks_the_events_of_a_sample_article(page, site):
    page.goto(site + "/")
    result = _extract_on_the_page(page, seed_index=2)   # the second sample, with its publication date
    assert page.input_value("#evx-date") == "2024-08-20" and result["reference_date"]["source"] == "request"
    assert len(result["events"]) > 10
    _check_marks(page, result)
    # the shown text is the article, character for character
    assert page.inner_text(".evx-text").replace("\n", "").startswith("Buy Now")
    # hovering a trigger shows its event: arguments highlighted, a table and the event's JSON
    ev = next(e for e in result["events"] if e["actors"] and e["places"] and e["dates"])
    page.hover(f'.evx-text [data-trigger~="{ev["id"]}"]')
    shown = json.loads(page.inner_text(f'.evx-detail[data-event="{ev["id"]}"] pre'))
    assert shown == ev
    lit = page.eval_on_selector_all(".evx-text .evx-on", "nodes => nodes.map(n => n.textContent).join('')")
    for arg in ev["actors"] + ev["places"] + ev["dates"]:
        assert arg["text"] in lit
    # clicking an event in the list keeps it shown after the pointer leaves
    other = result["events"][-1]
    page.click(f'.evx-events li[data-events="{other["id"]}"]')
    page.mouse.move(0, 0)
    assert page.locator(f'.evx-detail[data-event="{other["id"]}"]').count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "demo-page.png"), full_page=True)
    assert page.problems == []   # no script error, no blocked asset or CSP violation


def test_offsets_are_code_points_in_the_page_too(page, site):
    page.goto(site + "/")
    text = "\U0001F600\U0001F30D Caf\u00e9 news: " + MEETING   # two characters outside the BMP come first
    result = _extract_on_the_page(page, text=text)
    assert result["events"] and result["events"][0]["trigger"]["text"] == "met"
    _check_marks(page, result)
    assert page.problems == []


def test_errors_are_shown_not_thrown(page, site):
    page.goto(site + "/")
    page.fill("#evx-text", " ")
    page.evaluate("document.getElementById('evx-text').required = false")
    page.click("#evx-submit")
    page.wait_for_selector("#evx-status.evx-error")
    assert "empty or whitespace" in page.inner_text("#evx-status")


def test_cli_html_output_is_the_same_view(page, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(MEETING)
    (tmp_path / "b.txt").write_text("Officials visited Cairo on Tuesday. </script><b>not markup</b>")
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "events.html"
    assert main(["extract", str(tmp_path), "--format", "html", "-o", str(out), "--published-at", "2024-08-20"]) == 1
    capsys.readouterr()
    page.goto(out.as_uri())
    page.wait_for_selector(".evx-doc")
    assert page.eval_on_selector_all(".evx-doc h2", "ns => ns.map(n => n.textContent)") == [
        str(tmp_path / n) for n in ("a.txt", "b.txt", "empty.txt")]
    docs = [json.loads(b) for b in page.eval_on_selector_all("script.evx-document", "ns => ns.map(n => n.textContent)")]
    first = page.locator(".evx-doc").nth(0)
    assert first.locator(".evx-label").all_inner_texts() == [e["type"] for e in docs[0]["result"]["events"]]
    assert "not markup" in page.locator(".evx-doc").nth(1).inner_text()   # text, never parsed as HTML
    assert page.locator(".evx-doc").nth(2).locator(".evx-error").inner_text().endswith("The file is empty.")
    assert page.problems == []


def test_a_page_on_another_origin_calls_the_api_with_a_key(page, nlp):
    """Two loopback ports are two origins: the preflight must pass without the key, the call carries it,
    and the script can read X-Request-ID."""
    api = {}
    html = ("<!doctype html><meta charset='utf-8'><script>"
            "window.call = async (key) => { const headers = {'Content-Type': 'application/json', 'X-Request-ID': 'cors-1'};"
            " if (key) headers.Authorization = 'Bearer ' + key;"
            " const r = await fetch(__API__ + '/v1/extract', {method: 'POST', headers,"
            "   body: JSON.stringify({text: 'Blinken met Netanyahu on Monday.'})});"
            " const body = await r.json();"
            " return {status: r.status, requestId: r.headers.get('X-Request-ID'), events: (body.events || []).length}; };"
            "</script>")

    def page_app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html")])
        return [html.replace("__API__", json.dumps(api["url"])).encode()]

    with serving(page_app) as origin:
        app = create_app(Config.from_env(API_KEYS="k1", CORS_ORIGINS=origin))
        with serving(app) as api_url:
            api["url"] = api_url
            page.goto(origin + "/")
            assert page.evaluate("call('k1')") == {"status": 200, "requestId": "cors-1", "events": 1}
            assert page.evaluate("call(null)")["status"] == 401   # no key: refused, and the page can tell why
            other = create_app(Config.from_env(API_KEYS="k1", CORS_ORIGINS="http://elsewhere.example"))
            with serving(other) as closed:
                api["url"] = closed
                page.goto(origin + "/")
                with pytest.raises(Exception, match="Failed to fetch"):
                    page.evaluate("call('k1')")
