"""SPRITE from Python: ferrox against pysprite on the same cases, in one script.

    python benches/sprite_python.py [--only ferrox|pysprite]   (after `make bench-python`)

Draws 1,000 samples of (3.5, 1.20, 50, 1-7) and of (5.5, 2.10, 200, 1-10)
with ``ferrox.sprite`` (exact uniform draws of distinct samples, and the
random-walk heuristic) and with ``pysprite.Sprite.find_possible_distributions``
under each of its initialisations ("maxvar", its default, "random" and
"minvar"), and prints the times and the ratios ferrox / pysprite against
its default and against its fastest. pysprite rounds the SD to two
decimals, so both get SDs with two.
``--only`` runs one side, for measuring peak memory under ``/usr/bin/time -v``.
"""

import argparse
import warnings

from timing import best_of

CASES = [("3.5", "1.20", 50, 1, 7), ("5.5", "2.10", 200, 1, 10)]
SAMPLES = 1000


def run_ferrox(case, method):
    import ferrox

    seconds, drawn = best_of(
        10, lambda: ferrox.sprite(*case, n_samples=SAMPLES, seed=1, method=method)
    )
    print(
        f"ferrox {method:<7} {case}: {drawn.count} samples in {seconds * 1e3:.1f} ms (best of 10)"
    )
    return seconds


def run_pysprite(case, init):
    from pysprite import Sprite

    mean, sd, n, lo, hi = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sprite = Sprite(n, float(mean), float(sd), 1, 2, lo, hi)
        seconds, (result, found, k) = best_of(
            1,
            lambda: sprite.find_possible_distributions(
                n_dists=SAMPLES, init_method=init, max_iter=10**8
            ),
        )
    print(f"pysprite {init:<6} {case}: {k} samples ({result}) in {seconds:.2f} s")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["ferrox", "pysprite"])
    only = parser.parse_args().only
    for case in CASES:
        ours = {m: run_ferrox(case, m) for m in ("uniform", "sprite")} if only != "pysprite" else {}
        if only == "ferrox":
            continue
        theirs = {init: run_pysprite(case, init) for init in ("maxvar", "random", "minvar")}
        fastest = min(theirs, key=theirs.get)
        for method, seconds in ours.items():
            for label, peer in (("default maxvar", "maxvar"), (f"fastest {fastest}", fastest)):
                ratio = seconds / theirs[peer]
                print(
                    f"  ferrox {method} / pysprite {label}: {ratio:.5f} ({1 / ratio:.0f}x faster)"
                )


if __name__ == "__main__":
    main()
