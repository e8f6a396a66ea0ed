"""ferrox.scan: papers in every format give the same findings and verdicts;
bad files give typed errors or error rows, never a crash."""

import io
import zipfile
from pathlib import Path

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest

PAPERS = Path(__file__).resolve().parents[2] / "testdata" / "papers"
PUBLISHER_FONTS = PAPERS.parent / "publisher" / "fonts.pdf"
SUFFIXES = (".txt", ".html", ".xml", ".docx", ".pdf", "-2col.pdf")


def findings(frame):
    columns = (frame["found"], frame["n"].astype(str), frame["test"], frame["verdict"])
    return sorted(zip(*columns, strict=True))


@pytest.mark.parametrize("paper", ["paper-01", "paper-07"])
def test_every_format_gives_the_same_findings(paper):
    frames = {s: ferrox.scan(PAPERS / f"{paper}{s}") for s in SUFFIXES}
    reference = findings(frames[".txt"])
    assert len(reference) > 20
    for suffix, frame in frames.items():
        assert findings(frame) == reference, suffix
    pdf = frames[".pdf"]
    assert pdf["page"].notna().all() and set(pdf["format"]) == {"PDF"}
    assert frames[".html"]["page"].isna().all()


def test_signs_and_quotes_in_publishers_symbol_fonts_are_read():
    frame = ferrox.scan(PUBLISHER_FONTS)
    assert frame["found"].tolist() == [
        "t(28) = \u22122.20, p < .05",
        "F(1, 40) = 2.10, p < .05",
        "t(37) = 4.93, p < .001",
    ]
    assert frame["verdict"].tolist() == ["consistent", "decision error", "consistent"]
    assert frame["snippet"].iloc[2] == "Results are quoted as \u201ct(37) = 4.93, p < .001\u201d."


def test_one_tailed_tests_count_where_the_paper_speaks_of_them():
    results = "Training helped, t(36) = 1.78, p < .05, and practice did not, t(36) = 0.78, p < .05."
    stated = ferrox.scan("All tests were one-tailed. " + results)
    assert stated["verdict"].tolist() == ["consistent (one-tailed)", "decision error"]
    unstated = ferrox.scan(results)
    assert unstated["verdict"].tolist() == ["decision error", "decision error"]
    assert unstated["reason"].iloc[0].endswith("consistent if the test was one-tailed")


def test_columns_are_typed_and_named_as_documented():
    frame = ferrox.scan(PAPERS / "paper-02.docx")
    assert list(frame.columns) == ferrox.SCAN_COLUMNS
    assert str(frame["n"].dtype) == "Int64" and str(frame["consistent"].dtype) == "boolean"
    table = frame[frame["table"].notna()]
    assert (table["n_source"] == "the column header").all()
    assert (table["confidence"] == "sure").all()
    polars = ferrox.scan(PAPERS / "paper-02.docx", frame="polars")
    assert isinstance(polars, pl.DataFrame) and polars.columns == ferrox.SCAN_COLUMNS
    assert polars["found"].to_list() == frame["found"].tolist()


def test_text_bytes_and_paths_are_all_accepted(tmp_path):
    text = (PAPERS / "paper-03.txt").read_text()
    from_text = ferrox.scan(text)
    from_bytes = ferrox.scan(text.encode())
    from_path = ferrox.scan(str(PAPERS / "paper-03.txt"))
    assert findings(from_text) == findings(from_bytes) == findings(from_path)
    assert from_path["file"].iloc[0].endswith("paper-03.txt")


def test_a_guessed_n_is_never_a_plain_failure():
    text = (
        "Overall N = 30 people took part. Later, the ratings were moderate "
        "(M = 3.48, SD = 1.20). Elsewhere, M = 3.48, SD = 1.20, n = 30."
    )
    frame = ferrox.scan(text)
    guessed, sure = frame.iloc[0], frame.iloc[1]
    assert (guessed["confidence"], guessed["verdict"]) == ("guessed", "inconsistent (guessed n)")
    assert guessed["n_source"].startswith("the total N")
    assert (sure["confidence"], sure["verdict"]) == ("sure", "inconsistent")
    assert (
        "3.48" in guessed["found"]
        and "M = 3.47 (sum 104) or 3.50 (sum 105)" == guessed["consistent_values"]
    )


def test_a_folder_scan_goes_on_past_a_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text("It differed, t(28) = 2.20, p = .03.")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "broken.pdf").write_bytes(b"%PDF-1.7 and nothing else")
    frame = ferrox.scan(tmp_path)
    assert len(frame) == 2
    assert frame["test"].tolist() == ["p-value", ""]
    assert frame["error"].iloc[1].startswith("cannot read this PDF")


def test_unreadable_documents_raise_typed_errors():
    with pytest.raises(ferrox.InvalidInputError, match="encrypted"):
        ferrox.scan((PAPERS / "hostile" / "encrypted.pdf").read_bytes())
    pdf = (PAPERS / "paper-01.pdf").read_bytes()
    with pytest.raises(ferrox.InvalidInputError, match="cannot read this PDF"):
        ferrox.scan(pdf[: len(pdf) // 2])
    with pytest.raises(ferrox.InvalidInputError, match="not PDF, HTML, DOCX"):
        ferrox.scan(bytes(range(256)) * 8)
    with pytest.raises(ferrox.InvalidInputError, match="does not exist"):
        ferrox.scan([PAPERS / "no-such-paper.pdf"])
    assert ferrox.scan(b"").empty


def test_a_zip_bomb_posing_as_docx_stops_at_the_limit():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    assert len(data.getvalue()) < 1 << 20
    with pytest.raises(ferrox.TooLargeError, match="unpacked text part"):
        ferrox.scan(data.getvalue())


def test_the_html_report_is_one_self_contained_page(tmp_path):
    page = ferrox.scan_report(PAPERS / "paper-01.html", title="Paper 1")
    assert page.startswith("<!DOCTYPE html>") and "<title>Paper 1</title>" in page
    assert "src=" not in page and "href=" not in page
    assert "decision error" in page and "<mark>" in page


def test_scan_returns_pandas_by_default():
    assert isinstance(ferrox.scan("t(28) = 2.20, p = .03"), pd.DataFrame)
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.scan("text", frame="arrow")
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.scan("text", frame=np.array([]))
