//! What the R package gives up by building the kernels without `faer`: one
//! float64 product and one inverse per size, faer (the default build) beside
//! the portable path the R package uses, on one core.
//!
//!     cargo run --release -p ferrox-benches --example kernels_backends

use ferrox::kernels::matrix_power::{PowerOptions, matrix_power, plain};
use ferrox_benches::best;
use ndarray::{Array2, ArrayD};

fn main() -> ferrox::Result<()> {
    let one_core = PowerOptions {
        parallel: false,
        ..PowerOptions::default()
    };
    println!(
        "m, product faer µs, product portable µs, ratio, inverse faer µs, inverse portable µs, ratio"
    );
    for m in [4usize, 16, 64, 256, 512] {
        let a: ArrayD<f64> = Array2::from_shape_fn((m, m), |(i, j)| {
            ((i * 31 + j * 17) % 23) as f64 / 23.0 + if i == j { m as f64 } else { 0.0 }
        })
        .into_dyn();
        let flat = a.as_slice().expect("a standard-layout array");
        let repeat = if m < 100 { 2000 } else { 10 };
        let mut out = vec![0.0; m * m];
        let faer = best(repeat, || matrix_power(a.view(), 2, &one_core));
        let portable = best(repeat, || plain::multiply(flat, flat, &mut out, m));
        let faer_inv = best(repeat, || matrix_power(a.view(), -1, &one_core));
        let portable_inv = best(repeat, || plain::invert(flat, m));
        println!(
            "{m}, {:.1}, {:.1}, {:.2}, {:.1}, {:.1}, {:.2}",
            faer * 1e6,
            portable * 1e6,
            portable / faer,
            faer_inv * 1e6,
            portable_inv * 1e6,
            portable_inv / faer_inv
        );
    }
    Ok(())
}
