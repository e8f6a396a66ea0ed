"""The polynomial behind ferrox's cubic solver: cos(acos(x) / 3) as a
polynomial in t = 2·sqrt((1 + x) / 2) − 1, on −1 ≤ t ≤ 1.

    python tools/cos_third_acos.py      (needs mpmath)

Prints the Rust constant of `crates/core/src/kernels/cubic.rs`. The function
is analytic in t on a neighbourhood of [−1, 1] (its nearest singularity is at
t = −3), so Chebyshev interpolation converges geometrically: degree 17 is
within 2e-16 of it everywhere. The Chebyshev series is computed in 60-digit
arithmetic, turned into monomial coefficients (small, alternating: Horner or
Estrin in doubles loses nothing), and only then rounded to doubles.
"""

import mpmath as mp

mp.mp.dps = 60
DEGREE = 17
NODES = 60


def cosine(t):
    return mp.cos(2 * mp.acos((t + 1) / 2) / 3)


def sine_ratio(t):
    w = (t + 1) / 2
    if w == 1:
        return mp.mpf(2) / 3
    return mp.sin(2 * mp.acos(w) / 3) / mp.sqrt(1 - w * w)


def chebyshev(target):
    angles = [mp.pi * (k + mp.mpf(1) / 2) / NODES for k in range(NODES)]
    values = [target(mp.cos(a)) for a in angles]
    series = [
        2 * mp.fsum(v * mp.cos(j * a) for v, a in zip(values, angles, strict=True)) / NODES
        for j in range(DEGREE + 1)
    ]
    series[0] /= 2
    return series


def monomial(series):
    basis = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]
    while len(basis) < len(series):
        previous, before = basis[-1], basis[-2]
        following = [mp.mpf(0)] + [2 * x for x in previous]
        for i, x in enumerate(before):
            following[i] -= x
        basis.append(following)
    coefficients = [mp.mpf(0)] * len(series)
    for c, polynomial in zip(series, basis, strict=True):
        for i, x in enumerate(polynomial):
            coefficients[i] += c * x
    return [float(c) for c in coefficients]


def worst_error(coefficients, target, points=4000):
    worst = mp.mpf(0)
    for k in range(points + 1):
        t = mp.mpf(-1) + mp.mpf(2) * k / points
        value = mp.fsum(mp.mpf(c) * t**i for i, c in enumerate(coefficients))
        worst = max(worst, abs(value - target(t)))
    return worst


def main():
    for name, target in (("COSINE", cosine), ("SINE_RATIO", sine_ratio)):
        coefficients = monomial(chebyshev(target))
        print(f"/// Worst error {mp.nstr(worst_error(coefficients, target), 2)} on −1 ≤ t ≤ 1.")
        print(f"const {name}: [f64; {len(coefficients)}] = [")
        for c in coefficients:
            print(f"    {c!r},")
        print("];")


if __name__ == "__main__":
    main()
