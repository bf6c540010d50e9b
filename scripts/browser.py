"""A real browser for the page tests and the README's screenshot: Debian's chromium driven by Playwright
(Playwright's own browser download cannot work on these machines), and the app served on loopback."""
from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless and quiet: no sandbox (root in CI), no GPU, and nothing that calls home on its own.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def have_chromium() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@contextlib.contextmanager
def chromium(viewport=(1400, 1000)):
    """A browser context with a fresh profile, closed (and the profile removed) on exit."""
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": viewport[0], "height": viewport[1]})
        try:
            yield context
        finally:
            context.close()


@contextlib.contextmanager
def serving(wsgi_app, port: int = 0):
    """A WSGI app on 127.0.0.1 in a thread; yields its base URL."""
    server = make_server("127.0.0.1", port, wsgi_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def wait_for_sample(page, timeout: float = 15.0) -> None:
    """Until the demo page's text box holds the sample article it fetched. Polled from here: Playwright's
    wait_for_function evaluates a string in the page, which the page's CSP (no unsafe-eval) refuses."""
    deadline = time.monotonic() + timeout
    while len(page.input_value("#evx-text")) < 500:
        if time.monotonic() > deadline:
            raise TimeoutError("the sample article did not arrive")
        time.sleep(0.05)
