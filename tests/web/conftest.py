"""The page in a real browser: Debian's Chromium driven by Playwright,
against `ferrox serve` started here on a free port.

FERROX_CLI names the binary; screenshots of every failing test land in
target/web-failures, and the views the guide shows in FERROX_SCREENSHOTS
(default target/screenshots; `make screenshots` copies them to docs/).
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("FERROX_CLI", str(ROOT / "target" / "release" / "ferrox"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FAILURES = ROOT / "target" / "web-failures"
SHOTS = Path(os.environ.get("FERROX_SCREENSHOTS", ROOT / "target" / "screenshots"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Server:
    """`ferrox serve` on a free port, stopped by Ctrl-C (SIGINT)."""

    def __init__(self, *args):
        self.process = subprocess.Popen(
            [CLI, "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        found = re.search(r"http://\S+/", line)
        if not found:
            self.process.kill()
            raise RuntimeError(f"ferrox serve did not start: {line}{self.process.stderr.read()}")
        self.url = found.group(0)

    def stop(self):
        """Ctrl-C; the server shuts down gracefully and exits 0."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=15)


@pytest.fixture(scope="session")
def server():
    # One worker, so that a test can show a cancelled job frees it; a 1 MB
    # upload limit, so that an oversized upload is quick to make.
    served = Server("--workers", "1", "--max-upload-mb", "1", "--job-seconds", "60")
    yield served
    assert served.stop() == 0, served.process.stderr.read()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: make test installs Debian's chromium")
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh, empty profile directory.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server, request):
    downloads = tempfile.mkdtemp()
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    outside = []
    opened.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None
        ),
    )
    opened.goto(server.url)
    yield opened
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        FAILURES.mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=str(FAILURES / f"{request.node.name}.png"), full_page=True)
    context.close()
    shutil.rmtree(downloads, ignore_errors=True)
    assert not outside, f"the page asked for something outside the server: {outside}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def shot(page, name):
    """Saves a view for the guide."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
