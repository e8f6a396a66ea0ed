//! The kernels in Rust alone, for comparing versions of ferrox's own code.
//!
//!     cargo run --release -p ferrox-benches --example kernels_timing
//!
//! With `RAYON_NUM_THREADS=1` the parallel figures use one core too.

use ferrox::kernels::cubic::{cubic_roots_columns, cubic_y_root};
use ferrox::kernels::matrix_power::{PowerOptions, matrix_power};
use ferrox_benches::best;
use ndarray::{Array2, ArrayD};

fn main() -> ferrox::Result<()> {
    let mut seed = 1u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    // Integer products must not slow down after float products (faer's
    // assembly kernels, left out of the build, made later SSE code run
    // several times slower on that core).
    let ints: ArrayD<i64> =
        Array2::from_shape_fn((256, 256), |(i, j)| ((i * 7 + j * 3) % 5) as i64 - 2).into_dyn();
    let floats: ArrayD<f64> = Array2::from_shape_fn((256, 256), |(i, j)| (i + j) as f64).into_dyn();
    let one_core = PowerOptions {
        parallel: false,
        ..PowerOptions::default()
    };
    let before = best(3, || matrix_power(ints.view(), 3, &one_core));
    matrix_power(floats.view(), 2, &one_core)?;
    let after = best(3, || matrix_power(ints.view(), 3, &one_core));
    println!(
        "int64 256x256 ^3 on one core: {:.1} µs before a float64 product, {:.1} µs after",
        before * 1e6,
        after * 1e6
    );
    for parallel in [false, true] {
        let opts = PowerOptions {
            parallel,
            ..PowerOptions::default()
        };
        for m in [4usize, 8, 16, 32, 48, 64, 256] {
            let a: ArrayD<f64> = Array2::from_shape_fn((m, m), |_| next() - 0.5).into_dyn();
            let t = best(if m < 100 { 2000 } else { 20 }, || {
                matrix_power(a.view(), 10, &opts)
            });
            println!("float64 {m}x{m} ^10 parallel={parallel}: {:.1} µs", t * 1e6);
        }
        let t = best(10, || matrix_power(ints.view(), 3, &opts));
        println!("int64 256x256 ^3 parallel={parallel}: {:.1} µs", t * 1e6);
    }
    // Each equation waits for the last one's root: the latency of one call.
    let calls = 1_000_000;
    let t = best(5, || {
        let mut y0 = 1.0;
        for _ in 0..calls {
            let roots = cubic_y_root(-0.375, y0);
            y0 = 1.0 + roots.values[0] * 1e-300;
        }
        y0
    });
    println!(
        "cubic_y_root one call after another: {:.1} ns each",
        t * 1e9 / calls as f64
    );
    let n = 1_000_000;
    let x0: Vec<f64> = (0..n).map(|_| -0.01 - 0.49 * next()).collect();
    let y0: Vec<f64> = (0..n).map(|_| -(0.5 + 1.5 * next())).collect();
    let t = best(5, || cubic_roots_columns(&x0, &[0.0], &[1.5], &y0));
    println!(
        "cubic roots of 1,000,000 equations: {:.1} ns each",
        t * 1e9 / n as f64
    );
    Ok(())
}
