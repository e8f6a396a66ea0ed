//! The numeric kernels against naive references and known roots.

use ferrox::Error;
use ferrox::kernels::cubic::{cubic_roots, cubic_roots_columns, cubic_y_root};
use ferrox::kernels::matrix_power::{NanPolicy, Overflow, PowerOptions, matrix_power};
use ndarray::{Array2, ArrayD, IxDyn, array};
use proptest::prelude::*;

fn exact_product(x: &Array2<i128>, y: &Array2<i128>) -> Option<Array2<i128>> {
    let m = x.nrows();
    let mut out = Array2::<i128>::zeros((m, m));
    for i in 0..m {
        for j in 0..m {
            let s: i128 = (0..m).map(|k| x[[i, k]] * y[[k, j]]).sum();
            i64::try_from(s).ok()?;
            out[[i, j]] = s;
        }
    }
    Some(out)
}

/// NumPy's decomposition in exact i128 arithmetic: `None` once a product it
/// computes leaves i64 (the documented meaning of an overflow error).
fn naive_power(a: &Array2<i64>, e: u32) -> Option<Array2<i64>> {
    let m = a.nrows();
    let mut z = a.mapv(i128::from);
    let mut result: Option<Array2<i128>> = None;
    let mut e = e;
    if e == 0 {
        return Some(Array2::eye(m));
    }
    loop {
        if e & 1 == 1 {
            result = Some(match result {
                None => z.clone(),
                Some(r) => exact_product(&r, &z)?,
            });
        }
        e >>= 1;
        if e == 0 {
            break;
        }
        z = exact_product(&z, &z)?;
    }
    result.map(|r| r.mapv(|x| x as i64))
}

fn wrapping_power(a: &Array2<i64>, e: u32) -> Array2<i64> {
    let m = a.nrows();
    let mut result = Array2::<i64>::eye(m);
    for _ in 0..e {
        let mut next = Array2::<i64>::zeros((m, m));
        for i in 0..m {
            for j in 0..m {
                next[[i, j]] = (0..m).fold(0i64, |s, k| {
                    s.wrapping_add(result[[i, k]].wrapping_mul(a[[k, j]]))
                });
            }
        }
        result = next;
    }
    result
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Integer powers are exact: equal to repeated multiplication when that
    /// fits, an overflow error when it does not, and NumPy's wrapped values
    /// on request.
    #[test]
    fn integer_powers_are_exact(
        m in 1usize..7,
        values in prop::collection::vec(-40i64..40, 36),
        e in 0u32..14,
        parallel in any::<bool>(),
    ) {
        let a = Array2::from_shape_fn((m, m), |(i, j)| values[i * 6 + j]);
        let opts = PowerOptions { parallel, ..PowerOptions::default() };
        let got = matrix_power(a.clone().into_dyn().view(), i64::from(e), &opts);
        match naive_power(&a, e) {
            Some(expected) => prop_assert_eq!(got, Ok(expected.into_dyn())),
            None => prop_assert_eq!(got, Err(Error::IntegerOverflow { dtype: "int64" })),
        }
        let wrap = PowerOptions { overflow: Overflow::Wrap, ..opts };
        let wrapped = matrix_power(a.clone().into_dyn().view(), i64::from(e), &wrap);
        prop_assert_eq!(wrapped, Ok(wrapping_power(&a, e).into_dyn()));
    }

    /// Float powers agree with repeated multiplication, stacked and strided.
    #[test]
    fn float_powers_match_repeated_products(
        m in 1usize..6,
        values in prop::collection::vec(-1.0f64..1.0, 3 * 25),
        e in 0u32..9,
    ) {
        let stack = ArrayD::from_shape_fn(IxDyn(&[3, m, m]), |i| values[i[0] * 25 + i[1] * 5 + i[2]]);
        let transposed = stack.view().permuted_axes(IxDyn(&[0, 2, 1]));
        let got = matrix_power(transposed.view(), i64::from(e), &PowerOptions::default()).expect("a power");
        for s in 0..3 {
            let a = transposed.index_axis(ndarray::Axis(0), s).into_dimensionality::<ndarray::Ix2>().expect("2-D").to_owned();
            let mut expected = Array2::<f64>::eye(m);
            for _ in 0..e {
                expected = expected.dot(&a);
            }
            for (x, y) in got.index_axis(ndarray::Axis(0), s).iter().zip(expected.iter()) {
                prop_assert!((x - y).abs() <= 1e-12 * (1.0 + y.abs()), "{} vs {}", x, y);
            }
        }
    }

    /// Cubics built from three integer roots give them back.
    #[test]
    fn integer_roots_come_back(r in prop::collection::vec(-1000i64..1000, 3), scale in -5i32..5) {
        let (r1, r2, r3) = (r[0] as f64, r[1] as f64, r[2] as f64);
        let lead = 2f64.powi(scale * 7);
        // (y − r1)(y − r2)(y − r3), exact in doubles for these sizes
        let (b, c, d) = (-(r1 + r2 + r3), r1 * r2 + r1 * r3 + r2 * r3, -(r1 * r2 * r3));
        let roots = cubic_roots(lead, lead * b, lead * c, lead * d);
        let mut expected = [r1, r2, r3];
        expected.sort_by(f64::total_cmp);
        prop_assert_eq!(roots.count, 3);
        for (x, y) in roots.values.iter().zip(expected) {
            prop_assert!((x - y).abs() <= 1e-7 * y.abs().max(1.0), "{:?} vs {:?}", roots, expected);
        }
    }
}

#[test]
fn matrix_power_semantics() {
    let a = array![[2.0, 1.0], [1.0, 1.0]].into_dyn();
    let opts = PowerOptions::default();
    let identity = matrix_power(a.view(), 0, &opts).expect("a power");
    assert_eq!(identity, array![[1.0, 0.0], [0.0, 1.0]].into_dyn());
    let inverse_squared = matrix_power(a.view(), -2, &opts).expect("a power");
    let squared = matrix_power(a.view(), 2, &opts).expect("a power");
    let product = inverse_squared
        .into_dimensionality::<ndarray::Ix2>()
        .expect("2-D")
        .dot(&squared.into_dimensionality::<ndarray::Ix2>().expect("2-D"));
    assert!(
        (product - Array2::<f64>::eye(2))
            .iter()
            .all(|x| x.abs() < 1e-12)
    );
    let singular = array![[1.0, 2.0], [2.0, 4.0]].into_dyn();
    assert_eq!(
        matrix_power(singular.view(), -1, &opts),
        Err(Error::Singular)
    );
    let integers = array![[1i64, 2], [3, 4]].into_dyn();
    assert!(matrix_power(integers.view(), -1, &opts).is_err());
    let wide = ArrayD::<f64>::zeros(IxDyn(&[2, 3]));
    assert!(matrix_power(wide.view(), 2, &opts).is_err());
    let flat = ArrayD::<f64>::zeros(IxDyn(&[3]));
    assert!(matrix_power(flat.view(), 2, &opts).is_err());
    let nan = array![[f64::NAN, 0.0], [0.0, 1.0]].into_dyn();
    assert!(matrix_power(nan.view(), 2, &opts).expect("propagates")[[0, 0]].is_nan());
    let raise = PowerOptions {
        nan: NanPolicy::Raise,
        ..opts
    };
    assert!(matrix_power(nan.view(), 2, &raise).is_err());
    let empty = ArrayD::<i32>::zeros(IxDyn(&[0, 3, 3]));
    assert_eq!(
        matrix_power(empty.view(), 5, &opts).map(|r| r.shape().to_vec()),
        Ok(vec![0, 3, 3])
    );
    let big = array![[i32::MAX, 0], [0, 1]].into_dyn();
    assert_eq!(
        matrix_power(big.view(), 2, &opts),
        Err(Error::IntegerOverflow { dtype: "int32" })
    );
}

#[test]
fn cubic_edge_cases() {
    // Circular orbit: a double root at 1.
    let r = cubic_y_root(-0.5, 1.0);
    assert_eq!((r.count, r.values), (3, [-2.0, 1.0, 1.0]));
    // Nearly circular: x0 one ulp from −1/2 splits the double root into two
    // real roots 1 ± √(2δ/3) with δ = x0 + 1/2.
    let x0 = -0.499_999_999_999_999_94;
    let r = cubic_y_root(x0, 1.0);
    assert_eq!(r.count, 3);
    let gap = (2.0 * (x0 + 0.5) / 3.0).sqrt();
    assert!(
        (r.values[1] - (1.0 - gap)).abs() < 1e-15 && (r.values[2] - (1.0 + gap)).abs() < 1e-15,
        "{r:?}"
    );
    // Tiny and huge leading coefficients.
    let r = cubic_y_root(1e-110, 1.0);
    assert_eq!(r.count, 1);
    assert!((r.values[0] - 2.0 / 3.0).abs() < 1e-15, "{r:?}");
    let r = cubic_y_root(-1e-110, 1.0);
    assert_eq!(r.count, 3);
    let big = (1.5e110f64).sqrt();
    assert!(
        (r.values[0] + big).abs() < 1e-12 * big && (r.values[2] - big).abs() < 1e-12 * big,
        "{r:?}"
    );
    let r = cubic_y_root(1e200, 1.0);
    assert_eq!(r.count, 1);
    assert!(
        (r.values[0] - 1e-200f64.cbrt()).abs() < 1e-12 * 1e-200f64.cbrt(),
        "{r:?}"
    );
    // y0 = 0: the root 0 exactly.
    let r = cubic_y_root(-1.5, 0.0);
    assert_eq!((r.count, r.values), (3, [-1.0, 0.0, 1.0]));
    // Degenerate leading coefficients, non-finite input, padding.
    assert_eq!(cubic_roots(0.0, 0.0, 2.0, -1.0).values[0], 0.5);
    assert_eq!(cubic_roots(0.0, 0.0, 0.0, 1.0).count, 0);
    let none = cubic_roots(f64::NAN, 1.0, 1.0, 1.0);
    assert!(none.count == 0 && none.values.iter().all(|v| v.is_nan()));
    assert!(cubic_roots(1.0, 0.0, 0.0, 1.0).values[1].is_nan());
    // Triple root.
    let r = cubic_roots(1.0, -3.0, 3.0, -1.0);
    assert_eq!(r.count, 3);
    assert!(r.values.iter().all(|v| (v - 1.0).abs() < 1e-5), "{r:?}");
    // Coefficients at both ends of the double range.
    let r = cubic_roots(1e300, -3e300, 2e300, 0.0);
    assert_eq!((r.count, r.values), (3, [0.0, 1.0, 2.0]));
    let r = cubic_roots(1e-300, 0.0, -1e-300, 0.0);
    assert_eq!((r.count, r.values), (3, [-1.0, 0.0, 1.0]));
    let columns = cubic_roots_columns(&[1.0, 2.0], &[0.0], &[-1.0], &[0.0, 0.0, 0.0]);
    assert!(columns.is_err());
}

#[test]
fn nan_raise_covers_nan_made_from_infinities() {
    let raise = PowerOptions {
        nan: NanPolicy::Raise,
        ..PowerOptions::default()
    };
    let a = array![[f64::INFINITY, 0.0], [0.0, 0.0]].into_dyn();
    assert!(matches!(
        matrix_power(a.view(), 2, &raise),
        Err(Error::InvalidArgument { name: "a", .. })
    ));
    assert!(matrix_power(a.view(), 1, &raise).is_ok());
    let propagated = matrix_power(a.view(), 2, &PowerOptions::default()).expect("a power");
    assert!(propagated.iter().any(|x| x.is_nan()));
}
