"""Every feature of the page, as a user clicks and types, with assertions on
what it shows and on the files it downloads; answers are compared with the
command line's (the same core) or with the scan corpus's ground truth."""

import base64
import csv
import io
import json
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import CLI, ROOT, shot

PAPER = ROOT / "examples" / "paper.pdf"
TRUTH = ROOT / "testdata" / "papers" / "truth.csv"


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def case_flags(mean, sd, n, low, high):
    """The command line's flags of a reported mean and SD on a scale."""
    return ["--mean", mean, "--sd", sd, "--n", n, "--min", low, "--max", high]


def tab(page, name):
    page.get_by_role("tab", name=name, exact=True).click()


def verdict(page, panel):
    return page.locator(f"#result-{panel} [role=status]").inner_text(timeout=10_000)


def test_grim_form_gives_both_verdicts(page):
    tab(page, "GRIM")
    page.get_by_label("Reported mean, as printed").fill("5.19")
    page.get_by_label("Sample size").first.fill("28")
    page.locator("#form-grim button[type=submit]").click()
    assert verdict(page, "grim").startswith("Inconsistent (GRIM)")
    page.get_by_label("Reported mean, as printed").fill("5.18")
    page.locator("#form-grim button[type=submit]").press("Enter")
    page.wait_for_function(
        "document.querySelector('#result-grim').innerText.startsWith('Consistent')"
    )


def test_grimmer_debit_and_p_forms(page):
    tab(page, "GRIMMER")
    form = page.locator("#form-grimmer")
    form.get_by_label("Reported mean").fill("5.23")
    form.get_by_label("Reported SD").fill("2.55")
    form.get_by_label("Sample size").fill("35")
    form.locator("button").click()
    assert "GRIMMER inconsistent (test 2)" in verdict(page, "grimmer")
    tab(page, "DEBIT")
    form = page.locator("#form-debit")
    form.get_by_label("Reported share (mean of 0/1 answers)").fill("0.5")
    form.get_by_label("Reported SD").fill("0.53")
    form.get_by_label("Sample size").fill("10")
    form.locator("button").click()
    assert verdict(page, "debit").startswith("Consistent (DEBIT)")
    tab(page, "p-value")
    page.get_by_label("Result as printed").fill("t(28) = 2.20, p = .01")
    page.locator("#form-p button").click()
    text = verdict(page, "p")
    assert text.startswith("Inconsistent") and "gives p from 0.0358 to 0.0366" in text
    shot(page, "web-p-value")


def test_bad_input_shows_the_servers_message(page):
    tab(page, "GRIM")
    page.get_by_label("Reported mean, as printed").fill("five")
    page.locator("#form-grim").get_by_label("Sample size").fill("28")
    page.locator("#form-grim button").click()
    alert = page.locator("#result-grim [role=alert]").inner_text()
    assert 'cannot read "five" as a reported number' in alert


def test_rounding_options_reach_the_check(page):
    page.get_by_text("Rounding options (shared by all checks)").click()
    page.get_by_label("Replay R scrutiny 0.6.1").check()
    page.get_by_label("How the authors rounded").select_option("up")
    tab(page, "GRIM")
    page.get_by_label("Reported mean, as printed").fill("5.19")
    page.locator("#form-grim").get_by_label("Sample size").fill("28")
    with page.expect_request("**/api/grim") as sent:
        page.locator("#form-grim button").click()
    assert json.loads(sent.value.post_data)["settings"] == {
        "rounding": "up",
        "threshold": 5,
        "symmetric": False,
        "compat": "scrutiny",
        "percent": False,
    }
    assert verdict(page, "grim").startswith("Inconsistent")


def test_tabs_work_from_the_keyboard(page):
    first = page.get_by_role("tab", name="Papers")
    first.focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="Table").get_attribute("aria-selected") == "true"
    assert page.locator("#panel-table").is_visible()
    page.keyboard.press("End")
    assert page.locator("#panel-sprite").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SUMMARY", "SELECT")


def test_every_control_has_a_label(page):
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
             .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label'))
             .map(c => c.id || c.name)"""
    )
    assert unlabelled == []


def test_phone_width_and_200_percent_zoom_do_not_overflow(browser, server):
    # 200% zoom on a 1280-pixel screen lays out as a 640-pixel one.
    for width in (375, 640):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(server.url)
        for name in ("Papers", "Table", "GRIMMER", "CLOSURE", "SPRITE"):
            page.get_by_role("tab", name=name, exact=True).click()
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {width}px overflows by {overflow}px"
        if width == 375:
            page.get_by_role("tab", name="GRIM", exact=True).click()
            shot(page, "web-phone")
        context.close()


def test_table_is_checked_with_the_columns_chosen(page):
    tab(page, "Table")
    page.get_by_label("Or paste the table, with its header row").fill(
        "Study\tMean\tSD\tN\nA\t5.19\t1.20\t28\nB\t5.18\t1.20\t28\nC\t3.5\t1.2\t20\n"
    )
    page.get_by_role("button", name="Read columns").click()
    # Columns are guessed from their names, and can be changed.
    assert page.locator("#column-x").input_value() == "Mean"
    assert page.locator("#column-sd").input_value() == "SD"
    assert page.locator("#column-n").input_value() == "N"
    page.get_by_role("button", name="Check every row").click()
    headline = page.locator("#table-headline").inner_text(timeout=10_000)
    rows = page.locator("#result-table tbody tr")
    assert rows.count() == 3
    assert page.locator("#result-table tr.inconsistent").count() == int(headline.split(" ")[0])
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table with verdicts (CSV)").click()
    table = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [r["Study"] for r in table] == ["A", "B", "C"]
    for row in table:
        mine = cli(
            "grimmer", "--x", row["Mean"], "--sd", row["SD"], "--n", row["N"], "--format", "csv"
        )
        assert row["consistency"] == list(csv.DictReader(io.StringIO(mine)))[0]["consistency"]
    shot(page, "web-table")


def planted():
    with TRUTH.open() as f:
        return sorted(
            r["values"]
            for r in csv.DictReader(f)
            if r["paper"] == "paper-01" and r["verdict"] == "inconsistent"
        )


def test_a_dropped_paper_shows_exactly_its_planted_errors(page):
    data = base64.b64encode(PAPER.read_bytes()).decode()
    transfer = page.evaluate_handle(
        """(b64) => {
             const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
             const dt = new DataTransfer();
             dt.items.add(new File([bytes], 'paper.pdf', {type: 'application/pdf'}));
             return dt;
           }""",
        data,
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    assert page.evaluate("document.getElementById('scan-files').files.length") == 1
    page.get_by_role("button", name="Check", exact=True).first.click()
    page.locator("#scan-headline").wait_for(timeout=30_000)
    page.select_option("#filter-status", "inconsistent")
    shown = page.locator("#findings article").all()
    found = sorted({a.get_attribute("data-found") for a in shown})
    assert found == planted()
    # The same findings as the command line's, one per test applied.
    rows = json.loads(cli("scan", str(PAPER), "--format", "json", "--problems"))
    assert len(shown) == len(rows)
    shot(page, "web-scan")
    for key, start in (("html", "<!DOCTYPE html>"), ("csv", "file,format,page"), ("json", "[")):
        with page.expect_download() as download:
            page.locator(f"a[href$='/download/{key}']").click()
        assert Path(download.value.path()).read_text().startswith(start)


def test_pasted_text_is_scanned(page):
    page.get_by_label("Or paste text").fill(
        "Participants (N = 40) did well, t(38) = 2.10, p = .01."
    )
    page.get_by_role("button", name="Check", exact=True).first.click()
    headline = page.locator("#scan-headline").inner_text(timeout=30_000)
    assert headline.startswith("1 findings in 1 file(s): 1 inconsistent")
    assert "pasted text" in page.locator("#findings").inner_text()


def test_an_oversized_upload_gets_the_limit_message(page, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"t(28) = 2.20, p = .03. " * 100_000)
    page.set_input_files("#scan-files", str(big))
    page.get_by_role("button", name="Check", exact=True).first.click()
    alert = page.locator("#result-scan [role=alert]").inner_text(timeout=30_000)
    assert "over this server's limit of 1 MB" in alert


def closure_form(page, mean, sd, n, low, high):
    tab(page, "CLOSURE")
    form = page.locator("#form-closure")
    for label, value in (
        ("Reported mean", mean),
        ("Reported SD", sd),
        ("Sample size", n),
        ("Lowest scale value", low),
        ("Highest scale value", high),
    ):
        form.get_by_label(label).fill(value)
    form.locator("button").click()


def test_closure_counts_lists_and_draws_the_horns_histogram(page):
    closure_form(page, "3.5", "1.2", "20", "1", "7")
    count = page.locator("#result-closure [data-count]").get_attribute("data-count", timeout=30_000)
    assert count == cli("closure", *case_flags("3.5", "1.2", "20", "1", "7"), "--count").strip()
    assert page.locator("#result-closure svg[role=img] rect.bar").count() == 20
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every sample (CSV)").click()
    lines = Path(download.value.path()).read_text().strip().splitlines()
    assert lines[0] == "1,2,3,4,5,6,7" and len(lines) == int(count) + 1
    shot(page, "web-closure")


def test_closure_with_too_many_samples_says_so_and_draws_them(page):
    closure_form(page, "5.5", "2.1", "40", "1", "10")
    result = page.locator("#result-closure")
    count = result.locator("[data-count]").get_attribute("data-count", timeout=30_000)
    assert count == cli("closure", *case_flags("5.5", "2.1", "40", "1", "10"), "--count").strip()
    assert "too many to list here" in result.inner_text()
    assert "over 2000 uniform draws" in result.locator("figcaption").inner_text()
    assert result.get_by_role("link", name="Download every sample (CSV)").count() == 0


def test_closure_beyond_counting_shows_the_estimated_count(page):
    closure_form(page, "34.2", "8.1", "150", "18", "80")
    status = page.locator("#result-closure [data-count]")
    status.wait_for(timeout=60_000)
    header = cli("closure", *case_flags("34.2", "8.1", "150", "18", "80")).splitlines()[0]
    estimate = header.split("too many samples to count, ")[1].split(";")[0]
    assert estimate.startswith("about ") and estimate in status.inner_text()


def test_a_cancelled_closure_frees_its_worker(page, server):
    closure_form(page, "50.5", "20.3", "1000", "0", "100")
    page.get_by_text("Working").wait_for(timeout=10_000)
    page.locator("#job-closure").get_by_role("button", name="Cancel").click()
    assert page.locator("#result-closure [role=status]").inner_text(timeout=15_000) == "Cancelled."
    # The server has one worker: the next job runs only if it was freed.
    closure_form(page, "3.5", "1.2", "20", "1", "7")
    assert (
        page.locator("#result-closure [data-count]").get_attribute("data-count", timeout=30_000)
        != ""
    )


def test_closing_the_tab_cancels_its_job(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    with page.expect_response("**/api/closure") as started:
        closure_form(page, "50.5", "20.3", "1000", "0", "100")
    job = started.value.json()["id"]
    page.get_by_text("Working").wait_for(timeout=10_000)
    page.close(run_before_unload=True)
    context.close()
    deadline = time.monotonic() + 30
    state = None
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{server.url}api/jobs/{job}") as answer:
            state = json.load(answer)["state"]
        if state == "cancelled":
            break
        time.sleep(0.2)
    assert state == "cancelled"


def test_sprite_draws_the_samples_of_its_seed(page):
    tab(page, "SPRITE")
    form = page.locator("#form-sprite")
    for label, value in (
        ("Reported mean", "3.5"),
        ("Reported SD", "1.2"),
        ("Sample size", "20"),
        ("Lowest scale value", "1"),
        ("Highest scale value", "7"),
        ("Samples to draw", "6"),
        ("Seed (the same seed gives the same samples)", "3"),
    ):
        form.get_by_label(label).fill(value)
    form.get_by_label("Values that occur exactly so often (value=count, comma-separated)").fill(
        "7=0"
    )
    form.get_by_label("Values that occur at least so often (value=count, comma-separated)").fill(
        "1=2"
    )
    with page.expect_response(
        lambda r: "/api/jobs/" in r.url and '"state":"done"' in r.text()
    ) as finished:
        form.locator("button").click()
    samples = finished.value.json()["result"]["samples"]
    assert page.locator("#result-sprite figure svg").count() == 6
    mine = cli(
        "sprite",
        *case_flags("3.5", "1.2", "20", "1", "7"),
        "--samples",
        "6",
        "--seed",
        "3",
        "--exact",
        "7=0",
        "--at-least",
        "1=2",
        "--format",
        "csv",
    )
    expected = [[int(float(c)) for c in row] for row in list(csv.reader(io.StringIO(mine)))[1:]]
    assert samples == expected
    shot(page, "web-sprite")
