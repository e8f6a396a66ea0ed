"""Writes the scan corpus: short papers with planted findings, in every
format ferrox reads, and the ground truth of every checkable number.

    python tools/corpus/papers.py            # text, HTML, JATS, then LibreOffice
                                             # for DOCX and one- and two-column PDF

Output, all committed so that tests need neither LibreOffice nor R:
testdata/papers/paper-NN.{txt,html,xml,docx}, paper-NN.pdf (one column),
paper-NN-2col.pdf (two columns, running header and page footer), and
examples/paper.pdf (paper 1 in two columns, scanned by `make demo`),
testdata/papers/encrypted.pdf (a paper behind an open password, for the
tests of unreadable files), and testdata/papers/truth.csv with one row per
finding:

    paper, kind, where, values, n, verdict

`values` is the finding's key as ferrox reports it (`t(28) = 2.20, p = .03`,
`M = 3.45, SD = 1.20`, `57.5%`, ...); `verdict` is the test's expected answer
(`consistent` or `inconsistent`), decided here independently of ferrox:
means and SDs come from real integer samples (consistent by construction) or
are moved until exact GRIM or GRIMMER arithmetic (fractions) rules them out;
p-values come from R's pt/pf/pchisq/pnorm at both ends of the statistic's
rounding interval, and planted errors are far outside that range.
"""

import csv
import random
import subprocess
import tempfile
from fractions import Fraction as Q
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parents[2] / "testdata" / "papers"
PAPERS = 12
SEED = 20261130


# ---- exact checks (independent of ferrox) ----------------------------------


def half_interval(text):
    """The closed interval a value rounded half up or half down comes from."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    half = Q(1, 2 * 10**decimals)
    return Q(text) - half, Q(text) + half


def grim_ok(mean, n):
    lo, hi = half_interval(mean)
    return any(lo <= Q(s, n) <= hi for s in range(int(lo * n) - 1, int(hi * n) + 2))


def grimmer_ok(mean, sd, n):
    lo, hi = half_interval(mean)
    slo, shi = half_interval(sd)
    for s in range(int(lo * n) - 1, int(hi * n) + 2):
        if not lo <= Q(s, n) <= hi:
            continue
        qlo = max(Q(0), slo) ** 2 * (n - 1) + Q(s * s, n)
        qhi = shi**2 * (n - 1) + Q(s * s, n)
        q = -(-qlo.numerator // qlo.denominator)
        if q % 2 != s % 2:
            q += 1
        if q <= qhi:
            return True
    return False


def percent_ok(percent, k, n):
    lo, hi = half_interval(percent)
    return lo <= Q(100 * k, n) <= hi


def r_upper(calls):
    """Two-tailed or upper-tail p-values from R, one per call string."""
    script = "cat(sprintf('%.17g', c(" + ", ".join(calls) + ")), sep = '\\n')"
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True)
    return [float(v) for v in out.stdout.split()]


# ---- planted findings --------------------------------------------------------


def sample_stats(rng, n, lo, hi):
    centre = rng.uniform(lo + 1, hi - 1)
    xs = [min(hi, max(lo, round(rng.gauss(centre, (hi - lo) / 4)))) for _ in range(n)]
    mean = Q(sum(xs), n)
    var = Q(sum(x * x for x in xs) * n - sum(xs) ** 2, n * (n - 1))
    return f"{float(mean):.2f}", f"{var**0.5:.2f}" if var else "0.00"


def fmt2(x):
    return f"{x:.2f}"


def bad_mean(mean, n):
    """The nearest mean above `mean` that no integer sum over n gives."""
    value = Q(mean)
    while True:
        value += Q(1, 100)
        if not grim_ok(fmt2(float(value)), n):
            return fmt2(float(value))


def bad_sd(mean, sd, n):
    value = Q(sd)
    for _ in range(400):
        value += Q(1, 100)
        if not grimmer_ok(mean, fmt2(float(value)), n):
            return fmt2(float(value))
    return None


class Paper:
    def __init__(self, number, rng):
        self.number = number
        self.rng = rng
        self.blocks = []  # ("h", text) | ("p", text) | ("table", caption, header, rows)
        self.truth = []
        self.pending = []  # (index into truth, R call of the true p, lo/hi ends)

    def fact(self, kind, where, values, n, verdict):
        self.truth.append([f"paper-{self.number:02d}", kind, where, values, n, verdict])


def apa_result(paper, planted_error):
    rng = paper.rng
    test = rng.choice(["t", "t", "F", "chi2", "r", "z"])
    df = rng.choice([18, 24, 28, 38, 46, 58, 78, 98, 118, 158])
    if test == "t":
        value = rng.uniform(0.3, 4.5)
        head, stat = f"t({df})", "t"
    elif test == "F":
        df1 = rng.choice([1, 2, 3])
        value = rng.uniform(0.5, 14)
        head, stat = f"F({df1}, {df})", "F"
    elif test == "chi2":
        df1 = rng.choice([1, 2, 4])
        value = rng.uniform(0.5, 16)
        head, stat = f"χ2({df1}, N = {df + 2})", "chi2"
    elif test == "r":
        value = rng.uniform(0.05, 0.6)
        head, stat = f"r({df})", "r"
    else:
        value = rng.uniform(0.3, 4.0)
        head, stat = "z", "z"
    text = f"{value:.2f}"
    if stat == "r":
        text = text[1:]
    lo, hi = (float(x) for x in half_interval(text))

    def call(v):
        if stat == "t":
            return f"2*pt({v!r}, {df}, lower.tail = FALSE)"
        if stat == "F":
            return f"pf({v!r}, {df1}, {df}, lower.tail = FALSE)"
        if stat == "chi2":
            return f"pchisq({v!r}, {df1}, lower.tail = FALSE)"
        if stat == "r":
            t = v * (df / (1 - v * v)) ** 0.5
            return f"2*pt({t!r}, {df}, lower.tail = FALSE)"
        return f"2*pnorm({v!r}, lower.tail = FALSE)"

    return {"head": head, "value": text, "calls": [call(hi), call(lo)], "error": planted_error}


def p_text(p_lo, p_hi, error, rng):
    """The reported p: APA's rounding of the true p, or a planted error far
    outside the range [p_lo, p_hi] the statistic allows."""
    if error:
        if p_hi < 0.01:
            return "p = .12"
        if p_lo > 0.2:
            return "p = .03"
        return "p < .001" if p_lo > 0.01 else "p = .48"
    if p_hi < 0.001:
        return "p < .001"
    three_lo, three_hi = f"{p_lo:.3f}", f"{p_hi:.3f}"
    if three_lo == three_hi and p_lo >= 0.001:
        return "p = " + three_lo[1:] if three_lo.startswith("0") else "p = " + three_lo
    two_lo, two_hi = f"{p_lo:.2f}", f"{p_hi:.2f}"
    if two_lo == two_hi and p_lo >= 0.01:
        return "p = " + two_lo[1:]
    threshold = next(t for t in (0.001, 0.01, 0.05, 1) if p_hi < t)
    return f"p < {str(threshold)[1:]}" if threshold < 1 else None


FILLER = [
    "Earlier studies reported mixed effects (Smith et al., 2019; Lee & Park, 2021, p. 12).",
    "Internal consistency was good (Cronbach's α = .87).",
    "The effect was small, d = 0.31, 95% CI [0.05, 0.57], in line with a 2018 "
    "meta-analysis of 45 studies.",
    "Theories of {m} predict that context shapes how people report their experience.",
    "Data were collected between March and June 2024 at two sites.",
    "Most of the variance in {m} lies between persons rather than within them.",
    "We expected the {g} group to score higher on {m} than the other group.",
    "Responses slower than 200 ms or faster than 3000 ms were removed.",
    "The sample size was planned for 80% power to detect an effect of f = 0.25.",
    "Missing data (2.5% of responses) were handled with multiple imputation.",
]

GROUPS = [("control", "intervention"), ("younger", "older"), ("online", "offline")]
MEASURES = ["anxiety", "self-efficacy", "well-being", "trust", "fatigue", "motivation"]


def write_paper(number, rng):
    paper = Paper(number, rng)
    a, b = rng.choice(GROUPS)
    n_a, n_b = rng.randint(18, 45), rng.randint(18, 45)
    total = n_a + n_b
    lo, hi = rng.choice([(1, 5), (1, 7), (0, 10)])
    errors = set(rng.sample(range(14), 5))
    slot = iter(range(100))

    def planted():
        return next(slot) in errors

    paper.blocks.append(("h", f"Study {number}: {MEASURES[number % 6].title()} and context"))
    paper.blocks.append(("h", "Introduction"))
    for _ in range(rng.randint(3, 10)):
        sentences = rng.sample(FILLER, 4)
        text = " ".join(x.format(m=rng.choice(MEASURES), g=rng.choice((a, b))) for x in sentences)
        paper.blocks.append(("p", text))
    paper.blocks.append(("h", "Method"))
    age_sd = f"{rng.uniform(6, 12):.1f}"
    age = f"{rng.uniform(24, 45):.1f}"
    age_text = rng.choice(
        [
            f"The mean age was {age} years (SD = {age_sd}).",
            f"Mean age was {age} years (SD {age_sd}).",
        ]
    )
    paper.blocks.append(
        (
            "p",
            f"A total of N = {total} adults took part, {n_a} in the {a} group and "
            f"{n_b} in the {b} group. {age_text} "
            f"Items were answered on a {hi - lo + 1}-point scale ranging from {lo} to {hi}.",
        )
    )
    paper.fact(
        "mean_sd",
        "text",
        f"M = {age}, SD = {age_sd}",
        total,
        "consistent" if grimmer_ok(age, age_sd, total) else "inconsistent",
    )
    k = rng.randint(5, total - 5)
    share = f"{100 * k / total:.1f}"
    if planted():
        share = f"{float(share) + 0.7:.1f}"
    verdict = "consistent" if percent_ok(share, k, total) else "inconsistent"
    if rng.random() < 0.5:
        paper.blocks.append(
            (
                "p",
                f"Of the participants, {k} of {total} ({share}%) were women; "
                "all gave informed consent and the study was preregistered.",
            )
        )
        paper.fact("percent", "text", f"{k} of {total} ({share}%)", total, verdict)
    else:
        paper.blocks.append(
            (
                "p",
                f"Women made up {share}% (n = {total}) of the sample; "
                "all gave informed consent and the study was preregistered.",
            )
        )
        grim = (
            "consistent"
            if any(percent_ok(share, j, total) for j in range(total + 1))
            else "inconsistent"
        )
        paper.fact("percent", "text", f"{share}%", total, grim)

    paper.blocks.append(("h", "Results"))
    sentences = []
    for measure in rng.sample(MEASURES, 3):
        n = rng.choice([n_a, n_b])
        group = a if n == n_a else b
        mean, sd = sample_stats(rng, n, lo, hi)
        kind = rng.random()
        if planted():
            mean = bad_mean(mean, n)
        elif kind < 0.35 and (moved := bad_sd(mean, sd, n)):
            sd = moved
        sentences.append(
            rng.choice(
                [
                    f"In the {group} group (n = {n}), {measure} was rated M = {mean}, SD = {sd}.",
                    f"Ratings of {measure} were moderate (M = {mean}, SD = {sd}, n = {n}).",
                ]
            )
        )
        verdict = "consistent" if grim_ok(mean, n) and grimmer_ok(mean, sd, n) else "inconsistent"
        paper.fact("mean_sd", "text", f"M = {mean}, SD = {sd}", n, verdict)
    results = [apa_result(paper, planted()) for _ in range(8)]
    verbs = ["differed", "was associated with the outcome", "predicted trust", "varied"]
    for i, result in enumerate(results):
        result["sentence"] = f"The effect of condition {rng.choice(verbs)}, {{}}."
        if i % 2:
            result["sentence"] = "As expected, " + result["sentence"][4:]
    paper.pending = results

    table_rows = []
    for measure in rng.sample(MEASURES, 4):
        cells = []
        for n in (n_a, n_b):
            mean, sd = sample_stats(rng, n, lo, hi)
            if planted():
                mean = bad_mean(mean, n)
            cells.append(f"{mean} ({sd})")
            verdict = (
                "consistent" if grim_ok(mean, n) and grimmer_ok(mean, sd, n) else "inconsistent"
            )
            paper.fact("mean_sd", "table", f"M = {mean}, SD = {sd}", n, verdict)
        table_rows.append([measure.capitalize()] + cells)
    paper.table = (
        f"Table 1. Means (SD) by group, {lo}–{hi} scale",
        ["Measure", f"{a.capitalize()} (n = {n_a})", f"{b.capitalize()} (n = {n_b})"],
        table_rows,
    )
    paper.sentences = sentences
    return paper


def settle(papers):
    calls = [c for paper in papers for r in paper.pending for c in r["calls"]]
    values = iter(r_upper(calls))
    for paper in papers:
        body = list(paper.sentences)
        for result in paper.pending:
            p_lo, p_hi = sorted([next(values), next(values)])
            p = p_text(p_lo, p_hi, result["error"], paper.rng)
            if p is None:
                continue
            apa = f"{result['head']} = {result['value']}, {p}"
            body.append(result["sentence"].format(apa))
            paper.fact("apa", "text", apa, "", "inconsistent" if result["error"] else "consistent")
        paper.blocks.append(("p", " ".join(body[:4])))
        paper.blocks.append(("table",) + paper.table)
        paper.blocks.append(("p", " ".join(body[4:])))
        paper.blocks.append(("h", "Discussion"))
        paper.blocks.append(
            (
                "p",
                "The pattern replicates earlier work. Limitations include the "
                "convenience sample and self-report measures; future studies should "
                "test the effects over a longer follow-up.",
            )
        )
        for _ in range(paper.rng.randint(6, 12)):
            picked = paper.rng.sample(FILLER, 4)
            paper.blocks.append(("p", " ".join(x.format(m="trust", g="first") for x in picked)))


# ---- renderings ------------------------------------------------------------


def to_text(paper):
    out = []
    for block in paper.blocks:
        if block[0] == "table":
            _, caption, header, rows = block
            out.append(caption)
            out[-1] += "\n" + "\n".join("\t".join(r) for r in [header] + rows)
        else:
            out.append(block[1])
    return "\n\n".join(out) + "\n"


def table_body(header, rows):
    """A table's header and rows as HTML and JATS both write them."""
    head = "".join(f"<th>{escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"


def html_table(caption, header, rows):
    return f"<table><caption>{escape(caption)}</caption>{table_body(header, rows)}</table>"


def to_html(paper):
    parts = []
    for block in paper.blocks:
        if block[0] == "h":
            parts.append(f"<h2>{escape(block[1])}</h2>")
        elif block[0] == "p":
            parts.append(f"<p>{escape(block[1])}</p>")
        else:
            parts.append(html_table(*block[1:]))
    title = escape(paper.blocks[0][1])
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:serif;max-width:40em}</style></head><body>\n"
        "<nav>Journal of Planted Errors · Home · Articles</nav>\n<article>\n"
        + "\n".join(parts)
        + "\n</article>\n<footer>© 2026 The authors</footer></body></html>\n"
    )


def to_jats(paper):
    sections, current = [], None
    for block in paper.blocks[1:]:
        if block[0] == "h":
            current = [f"<title>{escape(block[1])}</title>"]
            sections.append(current)
        elif block[0] == "p":
            current.append(f"<p>{escape(block[1])}</p>")
        else:
            _, caption, header, rows = block
            current.append(
                '<table-wrap id="t1"><label>Table 1</label>'
                f"<caption><p>{escape(caption)}</p></caption>"
                f"<table>{table_body(header, rows)}</table></table-wrap>"
            )
    body = "".join("<sec>" + "".join(s) + "</sec>" for s in sections)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and '
        'Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">\n'
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">'
        f"<front><article-meta><title-group><article-title>{escape(paper.blocks[0][1])}</article-title>"
        "</title-group></article-meta></front>"
        f"<body>{body}</body><back><ref-list><ref><mixed-citation>Doe, J. (2020). A study. "
        "Journal, 1, 1–10.</mixed-citation></ref></ref-list></back></article>\n"
    )


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/>
  <style:text-properties fo:font-size="{size}pt" style:font-name="Liberation Serif"/>
 </style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm">
   <style:columns fo:column-count="{columns}" fo:column-gap="0.8cm"/>
  </style:page-layout-properties>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  {header}
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""


def to_fodt(paper, columns):
    header = ""
    if columns == 2:
        header = (
            "<style:header><text:p>Journal of Planted Errors 12(3)</text:p></style:header>"
            "<style:footer><text:p>Page <text:page-number/></text:p></style:footer>"
        )
    parts = [
        FODT_HEAD.replace("{columns}", str(columns))
        .replace("{header}", header)
        .replace("{size}", "10" if columns == 2 else "11")
    ]
    for block in paper.blocks:
        if block[0] == "h":
            parts.append(f'<text:p text:style-name="Heading">{escape(block[1])}</text:p>')
        elif block[0] == "p":
            parts.append(f'<text:p text:style-name="Standard">{escape(block[1])}</text:p>')
        else:
            _, caption, header_row, rows = block
            parts.append(f'<text:p text:style-name="Standard">{escape(caption)}</text:p>')
            parts.append(
                '<table:table table:name="T1"><table:table-column '
                f'table:number-columns-repeated="{len(header_row)}"/>'
            )
            for row in [header_row] + rows:
                cells = "".join(
                    '<table:table-cell office:value-type="string">'
                    f"<text:p>{escape(c)}</text:p></table:table-cell>"
                    for c in row
                )
                parts.append(f"<table:table-row>{cells}</table:table-row>")
            parts.append("</table:table>")
    parts.append("</office:text></office:body></office:document>\n")
    return "".join(parts)


ENCRYPTED = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def convert(fodt_text, target, destination):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (destination.stem + ".fodt")
        source.write_text(fodt_text, encoding="utf-8")
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        produced = source.with_suffix("." + target.split(":")[0])
        assert produced.exists(), f"LibreOffice wrote no {produced.name}"
        destination.write_bytes(produced.read_bytes())


def main():
    (OUT / "hostile").mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    papers = [write_paper(i + 1, rng) for i in range(PAPERS)]
    settle(papers)
    for paper in papers:
        stem = OUT / f"paper-{paper.number:02d}"
        stem.with_suffix(".txt").write_text(to_text(paper), encoding="utf-8")
        stem.with_suffix(".html").write_text(to_html(paper), encoding="utf-8")
        stem.with_suffix(".xml").write_text(to_jats(paper), encoding="utf-8")
        convert(to_fodt(paper, 1), "docx", stem.with_suffix(".docx"))
        convert(to_fodt(paper, 1), "pdf", stem.with_suffix(".pdf"))
        convert(to_fodt(paper, 2), "pdf", OUT / f"paper-{paper.number:02d}-2col.pdf")
    convert(to_fodt(papers[0], 1), ENCRYPTED, OUT / "hostile" / "encrypted.pdf")
    convert(to_fodt(papers[0], 2), "pdf", OUT.parents[1] / "examples" / "paper.pdf")
    with open(OUT / "truth.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["paper", "kind", "where", "values", "n", "verdict"])
        for paper in papers:
            writer.writerows(paper.truth)


if __name__ == "__main__":
    main()
