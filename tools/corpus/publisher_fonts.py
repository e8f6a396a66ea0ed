"""Writes testdata/publisher/fonts.pdf: three results set the way publishers'
PDFs set them, in fonts whose glyphs the text layer cannot map by itself.

    python tools/corpus/publisher_fonts.py

- A Linotype Pi font (as in journals of the American Psychological
  Association) draws `=`, `<` and the minus; its encoding names them
  `H11005`, `H11021` and `H11002`, with no map to Unicode.
- An Advent symbol font (as in Springer's journals) draws the quotation
  marks under the codes of `B` and `^`, with no map to Unicode.

The PDF is written byte by byte (no typesetter), so the file is the same on
every machine. The results, and what a scan must make of them:

    t(28) = -2.20, p < .05       consistent (p = .036)
    F(1, 40) = 2.10, p < .05     inconsistent, a decision error (p = .155)
    t(37) = 4.93, p < .001       consistent, in curly quotes
"""

from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "testdata" / "publisher" / "fonts.pdf"

# Codes of the Pi font: 1 is `=`, 2 is `<`, 3 is the minus.
PI = "/P 11 Tf <{}> Tj /T 11 Tf".format
LINES = [
    f"(The effect, t\\(28\\) ) Tj {PI('01')} ( ) Tj {PI('03')} (2.20, p ) Tj {PI('02')} "
    "( .05, was small.) Tj",
    f"(The interaction, F\\(1, 40\\) ) Tj {PI('01')} ( 2.10, p ) Tj {PI('02')} ( .05, was not.) Tj",
    "(Results are quoted as ) Tj /A 11 Tf (B) Tj /T 11 Tf (t\\(37\\) = 4.93, p < .001) Tj "
    "/A 11 Tf (^) Tj /T 11 Tf (.) Tj",
]


def content():
    lines = [f"BT /T 11 Tf 72 {700 - 40 * i} Td {line} ET" for i, line in enumerate(LINES)]
    return "\n".join(lines).encode("latin-1")


def objects():
    stream = content()
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /T 5 0 R /P 6 0 R /A 7 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+MathematicalPi-One "
        b"/FirstChar 1 /LastChar 3 /Widths [600 600 600] "
        b"/Encoding << /Type /Encoding /Differences [1 /H11005 /H11021 /H11002] >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /GHIJKL+AdvP4C4E74 "
        b"/FirstChar 66 /LastChar 94 /Widths [" + b" ".join([b"500"] * 29) + b"] "
        b"/Encoding /WinAnsiEncoding >>",
    ]


def pdf():
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects(), start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets) + 1,
        xref,
    )
    return bytes(out)


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(pdf())
    print(f"wrote {OUT.relative_to(OUT.parents[2])}")
