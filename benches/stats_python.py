"""The p check from Python on a million APA results, and statcheck's job on
20,000 t-test results in one text, ferrox against statcheck in the same run.

    python benches/stats_python.py [--rows N] [--text-results N] [--only ferrox|text|statcheck]

The results come from ``cargo run --release -p ferrox-benches --example
stats_corpus`` (seeded: all test types, most p-values honest, one in ten
misreported). Timed: ``ferrox.p_map`` on a DataFrame of the results' parts
as string columns (test, value, df1, df2, p) and on the APA strings
themselves; then ``ferrox.check_text`` (find and check) on one text of the
first ``--text-results`` t-test results joined by sentences, and statcheck
on the same text (``benches/stats_statcheck.R``; it says so when statcheck
is not installed). ``--only`` runs one side (``text``: ferrox on the text
alone, statcheck's job), for peak memory under ``/usr/bin/time -v``.
"""

import argparse
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
from timing import best_of

ROOT = Path(__file__).resolve().parents[1]


def corpus(rows):
    """The path of the seeded corpus of ``rows`` results, made if missing."""
    path = Path(tempfile.gettempdir()) / f"ferrox-apa-{rows}.txt"
    if not path.exists():
        subprocess.run(
            ["cargo", "run", "--quiet", "--release", "-p", "ferrox-benches"]
            + ["--example", "stats_corpus", "--", str(rows), str(path)],
            check=True,
            cwd=ROOT,
        )
    return path


def t_text(path, count):
    """The first ``count`` t results of the corpus joined into one text,
    read line by line so that the text jobs hold nothing else."""
    results = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("t(") and len(results) < count:
                results.append(line.rstrip("\n"))
    return " The next effect was as expected, ".join(results) + ".", len(results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--text-results", type=int, default=20_000)
    parser.add_argument("--only", choices=["ferrox", "text", "statcheck"])
    args = parser.parse_args()
    path = corpus(args.rows)
    text, found = t_text(path, args.text_results)
    times = {}
    if args.only in (None, "ferrox", "text"):
        import ferrox
    if args.only in (None, "ferrox"):
        lines = path.read_text(encoding="utf-8").splitlines()
        results = pd.DataFrame({"result": lines})
        times["strings"], parts = best_of(3, lambda: ferrox.p_map(results))
        columns = parts[["test", "value", "df1", "df2", "p"]].astype(str)
        columns[["df1", "df2"]] = parts[["df1", "df2"]]
        times["columns"], out = best_of(3, lambda: ferrox.p_map(columns))
        share = out["consistency"].mean()
        print(f"ferrox.p_map, {args.rows:,} rows of columns   {times['columns']:8.3f} s")
        print(f"ferrox.p_map, {args.rows:,} APA strings       {times['strings']:8.3f} s")
        print(f"  ({share:.1%} consistent)")
    if args.only in (None, "ferrox", "text"):
        times["text"], report = best_of(5, lambda: ferrox.check_text(text))
        print(f"ferrox.check_text, {found:,} t results    {times['text']:8.4f} s")
        assert len(report) == found, f"ferrox found {len(report)} of {found}"
    if args.only in (None, "statcheck"):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            run = subprocess.run(
                ["Rscript", str(ROOT / "benches" / "stats_statcheck.R"), f.name],
                check=False,
                capture_output=True,
                text=True,
            )
        if run.returncode == 3:
            print("statcheck: not installed, so not compared")
            return
        run.check_returncode()
        seconds, peer_found = run.stdout.split()
        times["statcheck"] = float(seconds)
        print(f"statcheck, {found:,} t results             {times['statcheck']:8.3f} s")
        print(f"  (statcheck found {int(peer_found):,})")
        if "text" in times:
            ratio = times["text"] / times["statcheck"]
            print(f"ratio ferrox / statcheck: {ratio:.5f} ({1 / ratio:,.0f}x faster)")


if __name__ == "__main__":
    main()
