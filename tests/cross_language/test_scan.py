"""The CLI, Python and R scan the same papers into the same rows, cell for
cell: the findings, their places, the n used and where it came from, and
every verdict and reason."""

import csv
import io
import os
import subprocess
from pathlib import Path

import ferrox
import pytest

ROOT = Path(__file__).resolve().parents[2]
PAPERS = ROOT / "testdata" / "papers"
CLI = Path(os.environ.get("FERROX_CLI", ROOT / "target" / "release" / "ferrox"))


def rows(text):
    return [tuple(r.values()) for r in csv.DictReader(io.StringIO(text))]


def scanned_alike(tmp_path, path):
    """The CLI's CSV of `path`, after checking that Python and R give the same rows."""
    cli = subprocess.run(
        [CLI, "scan", path, "--format", "csv"], capture_output=True, text=True, check=True
    ).stdout
    python = ferrox.scan(path).to_csv(index=False, na_rep="", lineterminator="\n")
    out = tmp_path / "r.csv"
    subprocess.run(["Rscript", Path(__file__).with_name("scan.R"), path, out], check=True)
    r = out.read_text(encoding="utf-8")
    python_rows = rows(python.replace("True", "true").replace("False", "false"))
    r_rows = rows(r.replace("TRUE", "true").replace("FALSE", "false"))
    assert python_rows == rows(cli)
    assert r_rows == rows(cli)
    return cli


@pytest.mark.parametrize(
    ("path", "least"), [(PAPERS, 2000), (PAPERS.parent / "publisher" / "fonts.pdf", 3)]
)
def test_three_front_doors_scan_alike(tmp_path, path, least):
    assert len(rows(scanned_alike(tmp_path, path))) >= least


def test_three_front_doors_read_a_one_tailed_paper_alike(tmp_path):
    paper = tmp_path / "one-tailed.txt"
    paper.write_text(
        "All tests were one-tailed. Training helped, t(36) = 1.78, p = .04, "
        "and practice did not, t(36) = 0.78, p < .05.",
        encoding="utf-8",
    )
    verdicts = [
        row["verdict"] for row in csv.DictReader(io.StringIO(scanned_alike(tmp_path, paper)))
    ]
    assert verdicts == ["consistent (one-tailed)", "decision error"]


def test_three_front_doors_write_the_same_report(tmp_path):
    paper = ROOT / "examples" / "paper.pdf"
    title = f"ferrox scan of {paper}"
    cli = tmp_path / "cli.html"
    subprocess.run([CLI, "scan", paper, "--format", "html", "-o", cli], check=True)
    python = ferrox.scan_report(paper, title=title)
    r = tmp_path / "r.html"
    code = f'invisible(ferrox::scan_report("{paper}", "{r}", title = "{title}"))'
    subprocess.run(["Rscript", "-e", code], check=True)
    page = cli.read_text(encoding="utf-8")
    assert page.count('class="finding') >= 30
    assert python == page
    assert r.read_text(encoding="utf-8") == page
