//! Float products and inverses without `faer`: ndarray's `matrixmultiply`
//! (portable, one core) and Gauss–Jordan elimination with partial pivoting.
//! `matrix_power` uses them when the `faer` feature is off, as in the R
//! package, whose source tarball must stay small.
//!
//! ```
//! use ferrox::kernels::matrix_power::plain::{invert, multiply};
//! let mut out = [0.0; 4];
//! multiply(&[1.0, 2.0, 3.0, 4.0], &[1.0, 0.0, 0.0, 1.0], &mut out, 2);
//! assert_eq!(out, [1.0, 2.0, 3.0, 4.0]);
//! assert_eq!(invert(&[2.0, 0.0, 0.0, 4.0], 2)?, [0.5, 0.0, 0.0, 0.25]);
//! # Ok::<(), ferrox::Error>(())
//! ```

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2, LinalgScalar};
use num_traits::Float;

use crate::error::{Error, Result};

/// `out = a · b` for row-major `m × m` matrices.
///
/// # Panics
/// If a slice is shorter than `m · m`.
pub fn multiply<T: LinalgScalar>(a: &[T], b: &[T], out: &mut [T], m: usize) {
    let view = |x| ArrayView2::from_shape((m, m), x).expect("a slice of m * m elements");
    let mut out = ArrayViewMut2::from_shape((m, m), &mut out[..m * m]).expect("m * m elements");
    general_mat_mul(
        T::one(),
        &view(&a[..m * m]),
        &view(&b[..m * m]),
        T::zero(),
        &mut out,
    );
}

/// The inverse of a row-major `m × m` matrix. Singular, as LAPACK's `getrf`
/// behind NumPy says, when a pivot is exactly zero.
pub fn invert<T: Float>(a: &[T], m: usize) -> Result<Vec<T>> {
    let mut lhs = a[..m * m].to_vec();
    let mut inverse = vec![T::zero(); m * m];
    inverse
        .iter_mut()
        .step_by(m + 1)
        .for_each(|x| *x = T::one());
    for col in 0..m {
        let pivot = (col..m)
            .max_by(|&i, &j| {
                let (x, y) = (lhs[i * m + col].abs(), lhs[j * m + col].abs());
                x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(col);
        if lhs[pivot * m + col] == T::zero() {
            return Err(Error::Singular);
        }
        for x in [&mut lhs, &mut inverse] {
            for j in 0..m {
                x.swap(col * m + j, pivot * m + j);
            }
        }
        let scale = lhs[col * m + col].recip();
        for x in [&mut lhs, &mut inverse] {
            x[col * m..(col + 1) * m]
                .iter_mut()
                .for_each(|v| *v = *v * scale);
        }
        for row in (0..m).filter(|&r| r != col) {
            let factor = lhs[row * m + col];
            if factor == T::zero() {
                continue;
            }
            for x in [&mut lhs, &mut inverse] {
                for j in 0..m {
                    let above = x[col * m + j];
                    x[row * m + j] = x[row * m + j] - factor * above;
                }
            }
        }
    }
    Ok(inverse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_times_matrix_is_the_identity() {
        let a = [4.0, 7.0, 2.0, 3.0, 6.0, 1.0, 2.0, 5.0, 3.0];
        let inv = invert(&a, 3).expect("an invertible matrix");
        let mut product = [0.0; 9];
        multiply(&a, &inv, &mut product, 3);
        for (i, x) in product.iter().enumerate() {
            let one = if i % 4 == 0 { 1.0 } else { 0.0 };
            assert!((x - one).abs() < 1e-12, "{product:?}");
        }
    }

    #[test]
    fn a_zero_pivot_is_singular() {
        assert_eq!(invert(&[1.0, 2.0, 2.0, 4.0], 2), Err(Error::Singular));
        assert_eq!(invert(&[0.0f32], 1), Err(Error::Singular));
    }
}
