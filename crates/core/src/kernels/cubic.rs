//! All real roots of `a·y³ + b·y² + c·y + d = 0`, robustly.
//!
//! The coefficients are first scaled by powers of two (exact), both the
//! equation and the variable, so that coefficients from 1e-300 to 1e300
//! neither overflow nor underflow. A closed form then gives the roots of
//! well-separated cubics: the trigonometric form for three real roots (its
//! `acos` argument clamped), and for one real root the cube root taken
//! where nothing cancels, with `t = −q / (u² + v² + p/3)` when the two cube
//! roots have opposite signs. Each root is polished by Newton's method.
//!
//! Where the closed form is ill-conditioned — roots that nearly coincide,
//! or a polish that does not settle — the roots are found between the
//! critical points instead: the polynomial is evaluated there with
//! compensated (error-free) arithmetic, which decides how many real roots
//! there are even for a double root perturbed in the last bit, and each
//! root is found by bracketed Newton steps started from the local quadratic
//! approximation. A near-double root then comes out to about `√ε` relative
//! accuracy or better instead of NaN. Degenerate leading coefficients fall
//! back to the quadratic and linear cases; NaN or infinite input gives no
//! roots. Missing roots are NaN, never 0.
//!
//! ```
//! use ferrox::kernels::cubic::cubic_y_root;
//! let r = cubic_y_root(-0.375, 1.0);
//! assert_eq!(r.count, 3);
//! ```

use rayon::prelude::*;

use crate::error::Result;
use crate::input::{common_length, recycled};

/// The real roots of one equation, ascending, with multiplicity; the unused
/// places are NaN.
///
/// ```
/// let r = ferrox::kernels::cubic::cubic_roots(1.0, 0.0, 0.0, -8.0);
/// assert_eq!(r.count, 1);
/// assert!((r.values[0] - 2.0).abs() < 1e-15 && r.values[1].is_nan());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Roots {
    /// The roots, ascending, then NaN.
    pub values: [f64; 3],
    /// How many are real roots.
    pub count: usize,
}

impl Roots {
    const NONE: Roots = Roots {
        values: [f64::NAN; 3],
        count: 0,
    };

    fn of(found: &[f64]) -> Roots {
        let mut roots = Roots::NONE;
        found.iter().for_each(|&x| roots.push(x));
        roots
    }

    fn push(&mut self, x: f64) {
        if self.count < 3 {
            self.values[self.count] = x;
            self.count += 1;
        }
    }

    fn found(&self) -> &[f64] {
        &self.values[..self.count]
    }

    /// Ascending, NaN last; each root times `2^k`.
    fn finish(mut self, k: i32) -> Roots {
        if k != 0 {
            for x in &mut self.values[..self.count] {
                *x = ldexp(*x, k);
            }
        }
        let v = &mut self.values;
        for (i, j) in [(0, 1), (1, 2), (0, 1)] {
            if j < self.count && v[j] < v[i] {
                v.swap(i, j);
            }
        }
        self
    }
}

/// The real roots of `a·y³ + b·y² + c·y + d = 0`.
///
/// ```
/// use ferrox::kernels::cubic::cubic_roots;
/// // (y − 1)(y − 2)(y + 3) = y³ − 7y + 6
/// let r = cubic_roots(1.0, 0.0, -7.0, 6.0);
/// assert_eq!(r.count, 3);
/// for (root, exact) in r.values.iter().zip([-3.0, 1.0, 2.0]) {
///     assert!((root - exact).abs() <= 1e-15 * exact.abs());
/// }
/// // y² + 1 has no real root; 0·y³ makes it a quadratic.
/// assert_eq!(cubic_roots(0.0, 1.0, 0.0, 1.0).count, 0);
/// ```
pub fn cubic_roots(a: f64, b: f64, c: f64, d: f64) -> Roots {
    if moderate(a) && moderate(d) && [b, c].iter().all(|&x| x == 0.0 || moderate(x)) {
        // Nothing can overflow or underflow: no scaling needed.
        let s = a.signum();
        return solve(s * a, s * b, s * c, s * d).finish(0);
    }
    if ![a, b, c, d].iter().all(|x| x.is_finite()) {
        return Roots::NONE;
    }
    if a == 0.0 {
        return quadratic(b, c, d);
    }
    if d == 0.0 {
        let mut roots = quadratic(a, b, c);
        roots.push(0.0);
        return roots.finish(0);
    }
    let ([a, b, c, d], k) = balanced([a, b, c, d]);
    solve(a, b, c, d).finish(k)
}

/// `2^-60 ≤ |x| < 2^61`: coefficients this size keep every intermediate of
/// the solvers (powers up to the sixth of ratios of them) in range.
fn moderate(x: f64) -> bool {
    let biased = (x.to_bits() >> 52) & 0x7ff;
    (1023 - 60..=1023 + 60).contains(&biased)
}

/// The roots of a cubic with `a > 0` and coefficients of moderate size.
fn solve(a: f64, b: f64, c: f64, d: f64) -> Roots {
    closed_form(a, b, c, d)
        .unwrap_or_else(|guesses| between_critical_points(a, b, c, d, guesses.found()))
}

/// The real roots of `x0·y³ + 1.5·y − y0 = 0` (McFACTS's orbital cubic).
///
/// ```
/// use ferrox::kernels::cubic::cubic_y_root;
/// // A circular orbit, e = 0: a double root at 1 and a root at −2.
/// let r = cubic_y_root(-0.5, 1.0);
/// assert_eq!((r.count, r.values), (3, [-2.0, 1.0, 1.0]));
/// ```
pub fn cubic_y_root(x0: f64, y0: f64) -> Roots {
    cubic_roots(x0, 0.0, 1.5, -y0)
}

/// [`cubic_roots`] over columns (each of length `n` or 1), on all cores:
/// the roots row by row (`3n` values, an `n × 3` row-major matrix) and the
/// counts.
///
/// ```
/// use ferrox::kernels::cubic::cubic_roots_columns;
/// let (roots, counts) = cubic_roots_columns(&[1.0], &[0.0], &[-7.0, -1.0], &[6.0, 0.0])?;
/// assert_eq!(counts, [3, 3]);
/// assert_eq!(roots[3..], [-1.0, 0.0, 1.0]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn cubic_roots_columns(
    a: &[f64],
    b: &[f64],
    c: &[f64],
    d: &[f64],
) -> Result<(Vec<f64>, Vec<u8>)> {
    let len = common_length(&[
        ("a", a.len()),
        ("b", b.len()),
        ("c", c.len()),
        ("d", d.len()),
    ])?;
    let mut roots = vec![f64::NAN; 3 * len];
    let mut counts = vec![0u8; len];
    roots
        .par_chunks_exact_mut(3)
        .zip(counts.par_iter_mut())
        .enumerate()
        .with_min_len(4096)
        .for_each(|(i, (values, count))| {
            let solved = cubic_roots(
                recycled(a, i),
                recycled(b, i),
                recycled(c, i),
                recycled(d, i),
            );
            values.copy_from_slice(&solved.values);
            *count = solved.count as u8;
        });
    Ok((roots, counts))
}

/// The real roots of `a·y² + b·y + c = 0` (linear if `a` is 0), balanced
/// like the cubic so that `b²` cannot overflow.
fn quadratic(a: f64, b: f64, c: f64) -> Roots {
    if a == 0.0 {
        return if b == 0.0 {
            Roots::NONE
        } else {
            Roots::of(&[-c / b])
        };
    }
    if c == 0.0 {
        return Roots::of(&[0.0, -b / a]).finish(0);
    }
    let ([a, b, c], k) = balanced([a, b, c]);
    quadratic_scaled(a, b, c).finish(k)
}

/// `a·x² + b·x + c` with `a ≠ 0`, coefficients of moderate size: the
/// discriminant is computed without error, and the root nearer zero from
/// the product of the roots, so nothing cancels.
fn quadratic_scaled(a: f64, b: f64, c: f64) -> Roots {
    let disc = difference_of_products(b, b, 4.0 * a, c);
    if disc < 0.0 {
        return Roots::NONE;
    }
    let q = -0.5 * (b + b.signum() * disc.sqrt());
    if q == 0.0 {
        return Roots::of(&[0.0, 0.0]);
    }
    Roots::of(&[q / a, c / q])
}

/// The closed form, polished; when it is ill-conditioned here, its guesses
/// as the error, to start the robust search from.
fn closed_form(a: f64, b: f64, c: f64, d: f64) -> std::result::Result<Roots, Roots> {
    // y = t − b/3a turns the equation into t³ + p·t + q = 0; products by
    // constants instead of divisions, since these are guesses to polish.
    let inv = 1.0 / a;
    let (c1, d1) = (c * inv, d * inv);
    let shift = -(b * inv) * THIRD;
    let third_p = c1 * THIRD - shift * shift;
    let half_q = (0.5 * d1 + 0.5 * shift * c1) - shift * shift * shift;
    let cube = third_p * third_p * third_p;
    let disc = half_q * half_q + cube;
    // Nearly a double root: the sign of disc is rounding noise.
    if disc.abs() <= 1e-6 * (half_q * half_q).max(cube.abs()) {
        return Err(Roots::NONE);
    }
    if disc > 0.0 {
        let big = -half_q - half_q.signum() * disc.sqrt();
        let u = big.cbrt();
        let t = if u == 0.0 {
            0.0
        } else {
            let v = -third_p / u;
            if third_p >= 0.0 {
                -2.0 * half_q / (u * u + v * v + third_p)
            } else {
                u + v
            }
        };
        return polished(a, b, c, d, [t + shift]);
    }
    // t = 2r·cos(φ − 2πk/3) with φ = acos(x)/3: one cosine, the others by
    // the angle difference formula (cos and sin of 2π/3 are −1/2 and √3/2).
    let r = (-third_p).sqrt();
    let (c0, s0) = third_of_acos((half_q / (third_p * r)).clamp(-1.0, 1.0));
    let half_root3 = 0.866_025_403_784_438_6;
    let t = [-0.5 * c0 - half_root3 * s0, -0.5 * c0 + half_root3 * s0, c0];
    polished(a, b, c, d, t.map(|t| 2.0 * r * t + shift))
}

/// The guesses, each polished by a Newton step; as the error when a step
/// did not settle.
fn polished<const N: usize>(
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    guesses: [f64; N],
) -> std::result::Result<Roots, Roots> {
    let steps = guesses.map(|z| polish(a, b, c, d, z));
    let roots = Roots::of(&steps.map(|(root, _)| root));
    if steps.iter().all(|&(_, settled)| settled) {
        Ok(roots)
    } else {
        Err(roots)
    }
}

/// `cos φ` and `sin φ` for `φ = acos(x) / 3`, `−1 ≤ x ≤ 1`, within 3e-15,
/// without calling `acos`, `cos` or `sin`: as functions of
/// `t = 2·cos(acos(x) / 2) − 1`, `cos φ` and `sin φ / sin(acos(x) / 2)` are
/// analytic on the whole interval, so one polynomial fits each
/// (`tools/cos_third_acos.py`). Both halves of the angle come from square
/// roots computed side by side, the polynomials by Estrin's scheme: few
/// operations wait on each other.
fn third_of_acos(x: f64) -> (f64, f64) {
    let half_cos = (0.5 + 0.5 * x).sqrt();
    let half_sin = (0.5 - 0.5 * x).sqrt();
    let t = 2.0 * half_cos - 1.0;
    (
        polynomial(&COSINE, t),
        half_sin * polynomial(&SINE_RATIO, t),
    )
}

fn polynomial(c: &[f64; 18], t: f64) -> f64 {
    let t2 = t * t;
    let t4 = t2 * t2;
    let t8 = t4 * t4;
    let pair = |i: usize| c[i] + c[i + 1] * t;
    let quad = |i: usize| pair(i) + pair(i + 2) * t2;
    let oct = |i: usize| quad(i) + quad(i + 4) * t4;
    oct(0) + (oct(8) + pair(16) * t8) * t8
}

/// `cos φ`; worst error 1.7e-16 on −1 ≤ t ≤ 1.
const COSINE: [f64; 18] = [
    0.7660444431189779,
    0.24740906632285342,
    -0.015509188436466538,
    0.0024663528150652356,
    -0.0005041246916553286,
    0.00011642545332376988,
    -2.8919930996008654e-05,
    7.541075528639302e-06,
    -2.035896969136149e-06,
    5.641644492145283e-07,
    -1.5946448920768576e-07,
    4.5826101529351644e-08,
    -1.3482454942697049e-08,
    3.982274037822892e-09,
    -1.0522633347918922e-09,
    3.092253983971399e-10,
    -1.6368329253261365e-10,
    5.1178745156550326e-11,
];
/// `sin φ / sin(acos(x) / 2)`; worst error 2.7e-15 on −1 ≤ t ≤ 1.
const SINE_RATIO: [f64; 18] = [
    0.7422271989685614,
    -0.09305513061892196,
    0.022197175335423407,
    -0.006049496293318266,
    0.00174638180367648,
    -0.0005205588587315932,
    0.00015836255248602432,
    -4.8860836035696947e-05,
    1.5232584194796627e-05,
    -4.7864307613467386e-06,
    1.5119283979251847e-06,
    -4.802854409732643e-07,
    1.557324452576266e-07,
    -5.005998732721661e-08,
    1.3635742192134711e-08,
    -4.2819852318392e-09,
    2.6846228658471554e-09,
    -8.937032024315637e-10,
];

const THIRD: f64 = 1.0 / 3.0;

/// One Newton step; whether the guess was already good to 1e-8 (so that
/// the step, converging quadratically, leaves an error of order 1e-16 for a
/// simple root) comes with the result.
fn polish(a: f64, b: f64, c: f64, d: f64, z: f64) -> (f64, bool) {
    let (f, df) = value_and_slope(a, b, c, d, z);
    if f == 0.0 {
        return (z, true);
    }
    if df == 0.0 || !df.is_finite() {
        return (z, false);
    }
    let delta = f / df;
    let next = z - delta;
    (next, delta.abs() <= 1e-8 * next.abs())
}

fn value_and_slope(a: f64, b: f64, c: f64, d: f64, z: f64) -> (f64, f64) {
    (((a * z + b) * z + c) * z + d, slope(a, b, c, z))
}

/// The derivative `3a·z² + 2b·z + c`.
fn slope(a: f64, b: f64, c: f64, z: f64) -> f64 {
    (3.0 * a * z + 2.0 * b) * z + c
}

/// The robust way, for `a > 0`: the critical points split the line into
/// monotonic pieces; compensated values at them say which pieces hold a
/// root; each root is found by bracketed Newton steps, started from the
/// closed form's guess in that piece where there is one.
fn between_critical_points(a: f64, b: f64, c: f64, d: f64, guesses: &[f64]) -> Roots {
    let within = |lo: f64, hi: f64, fallback: f64| {
        guesses
            .iter()
            .copied()
            .find(|g| *g > lo && *g < hi)
            .unwrap_or(fallback)
    };
    let f = |z: f64| compensated(a, b, c, d, z);
    let critical = quadratic_scaled(3.0 * a, 2.0 * b, c);
    let [z1, z2] = match critical.found() {
        [x, y] if x != y => [x.min(*y), x.max(*y)],
        // Monotonic: one root, bracketed from the inflection point.
        _ => {
            let centre = -b / (3.0 * a);
            let fc = f(centre);
            if fc == 0.0 {
                return Roots::of(&[centre; 3]);
            }
            let (lo, hi) = if fc < 0.0 {
                (centre, expand(&f, centre, 1.0))
            } else {
                (expand(&f, centre, -1.0), centre)
            };
            return Roots::of(&[bracketed(a, b, c, d, lo, hi, within(lo, hi, centre))]);
        }
    };
    let (f1, f2) = (f(z1), f(z2));
    // a > 0: a local maximum at z1, a local minimum at z2.
    let curvature = |z: f64| 6.0 * a * z + 2.0 * b;
    let near =
        |zc: f64, fc: f64, side: f64| zc + side * (2.0 * fc.abs() / curvature(zc).abs()).sqrt();
    let mut roots = Roots::NONE;
    if f1 >= 0.0 {
        if f1 == 0.0 {
            roots.push(z1);
            roots.push(z1);
        } else {
            let lo = expand(&f, z1, -1.0);
            let guess = within(lo, z1, near(z1, f1, -1.0));
            roots.push(bracketed(a, b, c, d, lo, z1, guess));
        }
    }
    if f1 > 0.0 && f2 < 0.0 {
        let guess = if f1.abs() < f2.abs() {
            near(z1, f1, 1.0)
        } else {
            near(z2, f2, -1.0)
        };
        roots.push(bracketed(a, b, c, d, z1, z2, within(z1, z2, guess)));
    }
    if f2 <= 0.0 {
        if f2 == 0.0 {
            roots.push(z2);
            roots.push(z2);
        } else {
            let hi = expand(&f, z2, 1.0);
            let guess = within(z2, hi, near(z2, f2, 1.0));
            roots.push(bracketed(a, b, c, d, z2, hi, guess));
        }
    }
    roots
}

/// A point beyond `from` in direction `side` where `f` has the opposite
/// sign of `f(from)` (the cubic's leading term wins eventually).
fn expand(f: &impl Fn(f64) -> f64, from: f64, side: f64) -> f64 {
    let start = f(from).signum();
    let mut step = from.abs().max(1.0);
    loop {
        let z = from + side * step;
        if f(z).signum() != start || !z.is_finite() {
            return z;
        }
        step *= 2.0;
    }
}

/// Enough for bisection alone to exhaust the doubles between any two ends.
const MAX_STEPS: usize = 2200;

/// The root in `[lo, hi]` (where the cubic is monotonic and changes sign):
/// Newton steps from `guess`, replaced by bisection whenever they would
/// leave the bracket.
fn bracketed(a: f64, b: f64, c: f64, d: f64, mut lo: f64, mut hi: f64, guess: f64) -> f64 {
    let rising = compensated(a, b, c, d, hi) > compensated(a, b, c, d, lo);
    let mut z = if guess > lo && guess < hi {
        guess
    } else {
        0.5 * (lo + hi)
    };
    for _ in 0..MAX_STEPS {
        let value = compensated(a, b, c, d, z);
        if value == 0.0 {
            return z;
        }
        if (value > 0.0) == rising {
            hi = z;
        } else {
            lo = z;
        }
        let df = slope(a, b, c, z);
        let newton = z - value / df;
        let next = if newton > lo && newton < hi && df != 0.0 {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if next == z || hi - lo <= 4.0 * f64::EPSILON * z.abs() {
            return next;
        }
        z = next;
    }
    z
}

/// `((a·z + b)·z + c)·z + d` in compensated arithmetic: as accurate as if
/// computed in twice the precision, so its sign is right even where the
/// terms nearly cancel.
fn compensated(a: f64, b: f64, c: f64, d: f64, z: f64) -> f64 {
    let mut s = a;
    let mut err = 0.0;
    for coef in [b, c, d] {
        let (p, pe) = two_prod(s, z);
        let (t, te) = two_sum(p, coef);
        s = t;
        err = err * z + (pe + te);
    }
    s + err
}

/// `a·b − c·d` without cancellation error (Kahan's algorithm, exact
/// products by Dekker's splitting so that no FMA is needed).
fn difference_of_products(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let (ab, ab_err) = two_prod(a, b);
    let (cd, cd_err) = two_prod(c, d);
    (ab - cd) + (ab_err - cd_err)
}

fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

fn split(a: f64) -> (f64, f64) {
    const FACTOR: f64 = 134_217_729.0; // 2^27 + 1
    let c = FACTOR * a;
    let high = c - (c - a);
    (high, a - high)
}

/// The equation in `z = y / 2^k`, with `2^k` near the geometric mean of the
/// roots' sizes, divided by the power of two nearest its largest
/// coefficient, and made to lead with a positive coefficient: all exact.
/// The first and last coefficients must not be zero.
fn balanced<const N: usize>(coefs: [f64; N]) -> ([f64; N], i32) {
    let degree = N as i32 - 1;
    let k = (exponent(coefs[N - 1]) - exponent(coefs[0])).div_euclid(degree);
    let exp = |i: usize| (degree - i as i32) * k;
    let top = (0..N)
        .filter(|&i| coefs[i] != 0.0)
        .map(|i| exponent(coefs[i]) + exp(i))
        .max()
        .unwrap_or(0);
    let sign = coefs[0].signum();
    (
        std::array::from_fn(|i| sign * ldexp(coefs[i], exp(i) - top)),
        k,
    )
}

/// `⌊log₂|x|⌋` for a finite non-zero `x`, read from its bits.
fn exponent(x: f64) -> i32 {
    let biased = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if biased == 0 {
        // Subnormal: scale into the normal range first.
        exponent(x * pow2(64)) - 64
    } else {
        biased - 1023
    }
}

/// `2^e` for `e` in the normal range of doubles.
fn pow2(e: i32) -> f64 {
    f64::from_bits(((e.clamp(-1022, 1023) + 1023) as u64) << 52)
}

/// `x · 2^e`, exact unless the result leaves the range of doubles.
fn ldexp(x: f64, e: i32) -> f64 {
    let mut x = x;
    let mut e = e;
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
    }
    x * pow2(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn third_of_acos_matches_the_library_functions() {
        for i in 0..=20_000 {
            let x = -1.0 + f64::from(i) / 10_000.0;
            let (cos, sin) = third_of_acos(x);
            let phi = x.acos() / 3.0;
            assert!((cos - phi.cos()).abs() <= 4e-16, "cos at {x}");
            assert!((sin - phi.sin()).abs() <= 4e-15, "sin at {x}");
        }
    }
}
