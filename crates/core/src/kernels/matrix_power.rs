//! `matrix_power`: NumPy's semantics, exact integers, faster.
//!
//! The power is built by NumPy's decomposition — repeated squaring that
//! never multiplies by the identity and never squares once more than it
//! needs — into three reused buffers. Floating-point products go to `faer`
//! (pure Rust, runtime-dispatched SIMD kernels up to AVX-512, as fast as
//! OpenBLAS here and nothing to link) with the `faer` feature, and to
//! ndarray's portable `matrixmultiply` without it ([`plain`]). Integer products are exact: a product
//! whose bound (`max|A| · max|B| · m`) fits the type runs a plain wrapping
//! kernel that the compiler vectorises, any other accumulates in `i128` and
//! checks the result, so overflow is an error unless NumPy's wrapping is
//! asked for.
//!
//! ```
//! use ndarray::array;
//! use ferrox::kernels::matrix_power::{matrix_power, PowerOptions};
//! let a = array![[2.0, 0.0], [0.0, 3.0]].into_dyn();
//! assert_eq!(matrix_power(a.view(), 3, &PowerOptions::default())?[[1, 1]], 27.0);
//! # Ok::<(), ferrox::Error>(())
//! ```

#[cfg(feature = "faer")]
use faer::linalg::matmul::matmul;
#[cfg(feature = "faer")]
use faer::linalg::solvers::DenseSolveCore;
#[cfg(feature = "faer")]
use faer::{Accum, Mat, MatMut, MatRef, Par};
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use ndarray::{ArrayD, ArrayViewD, IxDyn};
use rayon::prelude::*;

use crate::error::{Error, Result, quoted};

pub mod plain;

/// What integer overflow does.
///
/// ```
/// use ndarray::array;
/// use ferrox::kernels::matrix_power::{matrix_power, Overflow, PowerOptions};
/// let a = array![[1i64, 1], [1, 0]].into_dyn();
/// let wrap = PowerOptions { overflow: Overflow::Wrap, ..PowerOptions::default() };
/// assert!(matrix_power(a.view(), 100, &wrap).is_ok());
/// assert!(matrix_power(a.view(), 100, &PowerOptions::default()).is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Overflow {
    /// A typed error (the default): the exact result does not fit.
    #[default]
    Raise,
    /// Wrap around, as NumPy does silently.
    Wrap,
}

/// What NaN in a floating-point input does.
///
/// ```
/// use ndarray::array;
/// use ferrox::kernels::matrix_power::{matrix_power, NanPolicy, PowerOptions};
/// let a = array![[f64::NAN]].into_dyn();
/// let raise = PowerOptions { nan: NanPolicy::Raise, ..PowerOptions::default() };
/// assert!(matrix_power(a.view(), 2, &raise).is_err());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NanPolicy {
    /// NaN flows into the result, as in NumPy (the default).
    #[default]
    Propagate,
    /// A typed error naming the problem, for NaN in the input or in the
    /// result (where infinities meet zeros).
    Raise,
}

/// How to compute a power.
///
/// ```
/// use ferrox::kernels::matrix_power::PowerOptions;
/// let one_core = PowerOptions { parallel: false, ..PowerOptions::default() };
/// assert!(!one_core.parallel);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerOptions {
    /// Integer overflow: error or wrap.
    pub overflow: Overflow,
    /// NaN in floating-point input: propagate or error.
    pub nan: NanPolicy,
    /// Use every core (rayon's pool) or one.
    pub parallel: bool,
}

impl PowerOptions {
    /// The front doors' form: `overflow` is `"raise"` or `"wrap"`, `nan`
    /// is `"propagate"` or `"raise"`.
    ///
    /// ```
    /// use ferrox::kernels::matrix_power::{Overflow, PowerOptions};
    /// assert_eq!(PowerOptions::from_args("wrap", "propagate", true)?.overflow, Overflow::Wrap);
    /// assert!(PowerOptions::from_args("saturate", "propagate", true).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_args(overflow: &str, nan: &str, parallel: bool) -> Result<Self> {
        Ok(PowerOptions {
            overflow: match overflow {
                "raise" => Overflow::Raise,
                "wrap" => Overflow::Wrap,
                _ => {
                    return Err(Error::invalid(
                        "overflow",
                        format!("{} is not \"raise\" or \"wrap\"", quoted(overflow)),
                    ));
                }
            },
            nan: match nan {
                "propagate" => NanPolicy::Propagate,
                "raise" => NanPolicy::Raise,
                _ => {
                    return Err(Error::invalid(
                        "nan",
                        format!("{} is not \"propagate\" or \"raise\"", quoted(nan)),
                    ));
                }
            },
            parallel,
        })
    }
}

impl Default for PowerOptions {
    fn default() -> Self {
        PowerOptions {
            overflow: Overflow::Raise,
            nan: NanPolicy::Propagate,
            parallel: true,
        }
    }
}

/// An element type `matrix_power` takes: `f32`, `f64`, `i32`, `i64`.
///
/// ```
/// use ferrox::kernels::matrix_power::Element;
/// assert_eq!(<i32 as Element>::NAME, "int32");
/// ```
pub trait Element: Copy + Send + Sync + PartialEq + num_traits::Zero + num_traits::One {
    /// The type's NumPy name, for messages.
    const NAME: &'static str;

    /// `out = a · b` for row-major `m × m` matrices.
    #[doc(hidden)]
    fn multiply(
        a: &[Self],
        b: &[Self],
        out: &mut [Self],
        m: usize,
        opts: &PowerOptions,
    ) -> Result<()>;

    /// The inverse of a row-major `m × m` matrix; only floats have one.
    #[doc(hidden)]
    fn invert(_: &[Self], _: usize) -> Result<Vec<Self>> {
        Err(Error::invalid(
            "exponent",
            format!(
                "a negative power of an integer matrix is not an integer matrix; \
                 convert {} to a floating-point type first",
                Self::NAME
            ),
        ))
    }

    /// Whether the value is NaN; only floats can be.
    #[doc(hidden)]
    fn is_nan(self) -> bool {
        false
    }
}

/// Raises each square matrix of `a` (shape `(…, M, M)`) to `exponent`, as
/// `numpy.linalg.matrix_power` does: 0 gives the identity, 1 a copy, and a
/// negative exponent inverts first (floats only; a singular matrix is an
/// error).
///
/// ```
/// use ndarray::array;
/// use ferrox::kernels::matrix_power::{matrix_power, PowerOptions};
/// let a = array![[1i64, 1], [1, 0]].into_dyn();
/// let fib = matrix_power(a.view(), 10, &PowerOptions::default())?;
/// assert_eq!(fib[[0, 1]], 55);
/// assert!(matrix_power(a.view(), 100, &PowerOptions::default()).is_err()); // F(100) > i64::MAX
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn matrix_power<T: Element>(
    a: ArrayViewD<'_, T>,
    exponent: i64,
    opts: &PowerOptions,
) -> Result<ArrayD<T>> {
    matrix_power_until(a, exponent, opts, &AtomicBool::new(false))
}

/// [`matrix_power`], stopping with [`Error::Interrupted`] before the next
/// product once `stop` is set (front doors set it on Ctrl-C or Esc: a
/// large power takes one product per bit of the exponent).
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use ndarray::array;
/// use ferrox::{Error, kernels::matrix_power::{matrix_power_until, PowerOptions}};
/// let a = array![[0.5, 0.0], [0.0, 0.5]].into_dyn();
/// let stopped = AtomicBool::new(true);
/// assert_eq!(matrix_power_until(a.view(), 1 << 40, &PowerOptions::default(), &stopped), Err(Error::Interrupted));
/// ```
pub fn matrix_power_until<T: Element>(
    a: ArrayViewD<'_, T>,
    exponent: i64,
    opts: &PowerOptions,
    stop: &AtomicBool,
) -> Result<ArrayD<T>> {
    let shape = a.shape();
    let m = match shape {
        [.., rows, cols] if rows == cols => *rows,
        [.., rows, cols] => {
            return Err(Error::invalid(
                "a",
                format!(
                    "the last two dimensions must be equal (a square matrix), got {rows} × {cols}"
                ),
            ));
        }
        _ => {
            return Err(Error::invalid(
                "a",
                format!("it needs at least two dimensions, got {}", shape.len()),
            ));
        }
    };
    if opts.nan == NanPolicy::Raise && a.iter().any(|x| x.is_nan()) {
        return Err(Error::invalid("a", "it contains NaN (nan = \"raise\")"));
    }
    let mut out = ArrayD::<T>::zeros(IxDyn(shape));
    let size = m * m;
    if size == 0 || out.is_empty() {
        return Ok(out);
    }
    let stack = out.len() / size;
    let flat = out
        .as_slice_mut()
        .ok_or_else(|| Error::invalid("a", "the result is not contiguous"))?;
    // Any layout: strided views are copied to row-major order once.
    let standard = a.as_standard_layout();
    let input = standard
        .as_slice()
        .ok_or_else(|| Error::invalid("a", "its elements could not be read in order"))?;
    let one_matrix = |(i, slot): (usize, &mut [T])| {
        power_into(
            &input[i * size..(i + 1) * size],
            m,
            exponent,
            opts,
            stop,
            slot,
        )
    };
    // Small matrices: one per core. Large ones: each product on all cores.
    if opts.parallel && m < 64 && stack > 1 {
        flat.par_chunks_mut(size)
            .enumerate()
            .try_for_each(one_matrix)?;
    } else {
        flat.chunks_mut(size).enumerate().try_for_each(one_matrix)?;
    }
    // Infinities make NaN too (inf · 0): the policy covers the result.
    if opts.nan == NanPolicy::Raise && out.iter().any(|x| x.is_nan()) {
        return Err(Error::invalid(
            "a",
            "its power contains NaN, from infinite values or products beyond the type's range \
             (nan = \"raise\")",
        ));
    }
    Ok(out)
}

/// One matrix's power, written into `out`.
fn power_into<T: Element>(
    base: &[T],
    m: usize,
    exponent: i64,
    opts: &PowerOptions,
    stop: &AtomicBool,
    out: &mut [T],
) -> Result<()> {
    if exponent == 0 {
        out.fill(T::zero());
        out.iter_mut().step_by(m + 1).for_each(|x| *x = T::one());
        return Ok(());
    }
    let inverse;
    let base = if exponent < 0 {
        inverse = T::invert(base, m)?;
        &inverse
    } else {
        base
    };
    let mut e = exponent.unsigned_abs();
    // NumPy's short cut for a cube, (A·A)·A, which puts a NaN made from an
    // infinity in the same cell as NumPy does.
    if e == 3 {
        let mut square = vec![T::zero(); m * m];
        T::multiply(base, base, &mut square, m, opts)?;
        return T::multiply(&square, base, out, m, opts);
    }
    // NumPy's decomposition: z runs through base^(2^k), the result (kept in
    // `out`) gathers the z of each set bit, and z is squared only while bits
    // remain. The input is read in place; two buffers are reused.
    let mut z = Cow::Borrowed(base);
    let mut scratch = Vec::new();
    let mut started = false;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
        if e & 1 == 1 {
            if started {
                scratch.resize(m * m, T::zero());
                T::multiply(out, &z, &mut scratch, m, opts)?;
                out.copy_from_slice(&scratch);
            } else {
                out.copy_from_slice(&z);
                started = true;
            }
        }
        e >>= 1;
        if e == 0 {
            return Ok(());
        }
        let mut square = std::mem::take(&mut scratch);
        square.resize(m * m, T::zero());
        T::multiply(&z, &z, &mut square, m, opts)?;
        if let Cow::Owned(old) = std::mem::replace(&mut z, Cow::Owned(square)) {
            scratch = old;
        }
    }
}

/// Smaller float products are faster on one core: splitting them costs
/// more than it saves (measured on two cores: 192 × 192 slower, 256 × 256
/// a third faster).
#[cfg(feature = "faer")]
const PARALLEL_ORDER: usize = 256;

#[cfg(feature = "faer")]
fn par(opts: &PowerOptions, m: usize) -> Par {
    if opts.parallel && m >= PARALLEL_ORDER {
        Par::rayon(0)
    } else {
        Par::Seq
    }
}

macro_rules! float_element {
    ($t:ty, $name:literal) => {
        impl Element for $t {
            const NAME: &'static str = $name;

            #[cfg(feature = "faer")]
            fn multiply(
                a: &[Self],
                b: &[Self],
                out: &mut [Self],
                m: usize,
                opts: &PowerOptions,
            ) -> Result<()> {
                let (a, b) = (
                    MatRef::from_row_major_slice(a, m, m),
                    MatRef::from_row_major_slice(b, m, m),
                );
                let out = MatMut::from_row_major_slice_mut(out, m, m);
                matmul(out, Accum::Replace, a, b, 1.0, par(opts, m));
                Ok(())
            }

            #[cfg(not(feature = "faer"))]
            fn multiply(
                a: &[Self],
                b: &[Self],
                out: &mut [Self],
                m: usize,
                _: &PowerOptions,
            ) -> Result<()> {
                plain::multiply(a, b, out, m);
                Ok(())
            }

            #[cfg(feature = "faer")]
            fn invert(a: &[Self], m: usize) -> Result<Vec<Self>> {
                let lu = MatRef::from_row_major_slice(a, m, m).partial_piv_lu();
                // LAPACK's getrf, behind NumPy, calls a matrix singular when
                // a pivot is exactly zero; so does ferrox.
                let u = lu.U();
                if (0..m).any(|i| u[(i, i)] == 0.0) {
                    return Err(Error::Singular);
                }
                let inverse: Mat<Self> = lu.inverse();
                Ok((0..m)
                    .flat_map(|i| (0..m).map(move |j| (i, j)))
                    .map(|(i, j)| inverse[(i, j)])
                    .collect())
            }

            #[cfg(not(feature = "faer"))]
            fn invert(a: &[Self], m: usize) -> Result<Vec<Self>> {
                plain::invert(a, m)
            }

            fn is_nan(self) -> bool {
                self.is_nan()
            }
        }
    };
}

float_element!(f32, "float32");
float_element!(f64, "float64");

/// Runs an integer kernel with the widest SIMD this CPU has (the `faer`
/// feature brings `pulp`'s runtime dispatch), or as compiled.
#[inline(always)]
fn vectorised(kernel: impl FnOnce()) {
    #[cfg(feature = "faer")]
    pulp::Arch::new().dispatch(kernel);
    #[cfg(not(feature = "faer"))]
    kernel();
}

/// Rows per parallel task of the integer kernels.
const ROWS_PER_TASK: usize = 16;

macro_rules! int_element {
    ($t:ty, $name:literal) => {
        impl Element for $t {
            const NAME: &'static str = $name;

            fn multiply(
                a: &[Self],
                b: &[Self],
                out: &mut [Self],
                m: usize,
                opts: &PowerOptions,
            ) -> Result<()> {
                let largest = |x: &[Self]| x.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0);
                let bound = u128::from(largest(a)) * u128::from(largest(b)) * m as u128;
                let min_len = if opts.parallel && m >= 64 {
                    ROWS_PER_TASK
                } else {
                    usize::MAX
                };
                let rows = out.par_chunks_mut(m).with_min_len(min_len).enumerate();
                if opts.overflow == Overflow::Wrap || bound <= <$t>::MAX as u128 {
                    // Exact whenever the bound fits, and NumPy's answer
                    // otherwise.
                    rows.for_each(|(i, row)| {
                        vectorised(|| {
                            row.fill(0);
                            for (k, &aik) in a[i * m..(i + 1) * m].iter().enumerate() {
                                for (o, &bkj) in row.iter_mut().zip(&b[k * m..(k + 1) * m]) {
                                    *o = o.wrapping_add(aik.wrapping_mul(bkj));
                                }
                            }
                        })
                    });
                    return Ok(());
                }
                let checked = bound > i128::MAX as u128;
                rows.try_for_each(|(i, row)| {
                    let mut acc = vec![0i128; m];
                    for (k, &aik) in a[i * m..(i + 1) * m].iter().enumerate() {
                        let aik = i128::from(aik);
                        for (s, &bkj) in acc.iter_mut().zip(&b[k * m..(k + 1) * m]) {
                            let product = aik * i128::from(bkj);
                            *s = if checked {
                                s.checked_add(product)
                                    .ok_or(Error::IntegerOverflow { dtype: Self::NAME })?
                            } else {
                                *s + product
                            };
                        }
                    }
                    for (o, s) in row.iter_mut().zip(acc) {
                        *o = <$t>::try_from(s)
                            .map_err(|_| Error::IntegerOverflow { dtype: Self::NAME })?;
                    }
                    Ok(())
                })
            }
        }
    };
}

int_element!(i32, "int32");
int_element!(i64, "int64");
