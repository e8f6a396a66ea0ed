//! Hostile and huge inputs: each ends soon, with a verdict that is exact or
//! a typed error, never a hang, an abort or a wrong answer from overflow.

#![allow(clippy::unwrap_used)]

use ferrox::closure::{Closure, ClosureInput, Restrictions};
use ferrox::debit::{DebitCase, DebitOptions, debit};
use ferrox::error::{Error, ErrorKind};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, grimmer};
use ferrox::input::{MAX_N, SpriteArgs};
use ferrox::sprite::{Method, SpriteOptions, sprite};
use ferrox::{Decimal, Mode};

fn d(text: &str) -> Decimal {
    Decimal::parse(text).expect("a decimal")
}

fn scrutiny() -> GrimmerOptions {
    GrimmerOptions {
        mode: Mode::Scrutiny,
        ..GrimmerOptions::default()
    }
}

#[test]
fn scrutiny_grimmer_ends_on_huge_n() {
    // Sums of squares beyond 2^53: doubles cannot step through them.
    let case = GrimmerCase::new(d("3"), d("1.000000000000"), 1_000_000_000_000_000, 1).unwrap();
    let e = grimmer(&case, &scrutiny()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    // Twenty million sums of squares: bisected, and the verdict of the scan.
    let case = GrimmerCase::new(d("3"), d("1"), 10_000_000, 1).unwrap();
    assert!(grimmer(&case, &scrutiny()).unwrap().is_consistent());
    let case = GrimmerCase::new(d("3"), d("7"), 10_000_000, 1).unwrap();
    assert!(grimmer(&case, &scrutiny()).unwrap().is_consistent());
}

#[test]
fn huge_n_is_exact_or_too_large() {
    let opts = GrimmerOptions::default();
    for items in [1, 2047] {
        let case = GrimmerCase::new(d("3"), d("1"), MAX_N, items).unwrap();
        match grimmer(&case, &opts) {
            Ok(verdict) => assert!(verdict.is_consistent(), "items {items}: {verdict}"),
            Err(e) => assert_eq!(e.kind(), ErrorKind::TooLarge, "items {items}: {e}"),
        }
    }
    let case = DebitCase::new(d("0.5"), d("0.5"), MAX_N).unwrap();
    assert_eq!(
        debit(&case, &DebitOptions::default()).unwrap().consistency,
        Some(true)
    );
}

#[test]
fn one_limit_on_n_everywhere() {
    for n in [MAX_N + 1, u64::MAX] {
        let invalid = |e: Error| assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
        invalid(GrimmerCase::new(d("3"), d("1"), n, 1).unwrap_err());
        invalid(DebitCase::new(d("0.5"), d("0.5"), n).unwrap_err());
        invalid(Closure::new(&ClosureInput::new(d("3"), d("1"), n, 1, 5)).unwrap_err());
    }
    // A double at 2^53 may be a rounded 2^53 + 1: refused.
    assert!(ferrox::input::count(9_007_199_254_740_992.0, "n").is_err());
    assert!(ferrox::input::whole(9_007_199_254_740_992.0, "seed").is_err());
    let seed = SpriteArgs {
        seed: 9_007_199_254_740_992.0,
        ..SpriteArgs::default()
    };
    assert!(seed.options().is_err());
}

#[test]
fn counting_a_huge_n_fails_early() {
    let input = ClosureInput::new(d("5"), d("3"), 4_000_000_000, 0, 10);
    let start = std::time::Instant::now();
    let e = Closure::new(&input).and_then(|c| c.count()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}

/// A case too large to count is refused at once, as TooLarge, and uniform
/// SPRITE draws it by the chain instead of failing.
#[test]
fn too_large_to_count_is_refused_at_once_and_drawn_by_the_chain() {
    let input = ClosureInput::new(d("34.2"), d("8.1"), 150, 18, 80);
    let closure = Closure::new(&input).unwrap();
    let start = std::time::Instant::now();
    let counted = closure.count().unwrap_err();
    assert!(start.elapsed().as_secs() < 1, "took {:?}", start.elapsed());
    assert_eq!(counted.kind(), ErrorKind::TooLarge, "{counted}");
    let options = SpriteOptions {
        method: Method::Uniform,
        ..SpriteOptions::default()
    };
    let drawn = sprite(&input, &Restrictions::default(), &options).unwrap();
    assert_eq!((drawn.method, drawn.possible), (Method::Chain, None));
    assert_eq!(drawn.samples.len(), 10);
}

#[test]
fn memory_caps_are_numbers_of_mb() {
    for bad in [f64::NAN, -1.0] {
        let args = SpriteArgs {
            max_memory_mb: bad,
            ..SpriteArgs::default()
        };
        assert!(args.options().is_err());
    }
}

#[test]
fn messages_quote_long_input_briefly() {
    let long = format!("{}x", "1".repeat(10_000_000));
    let e = Decimal::parse(&long).unwrap_err();
    assert!(
        e.to_string().len() < 300,
        "{} characters",
        e.to_string().len()
    );
    let e = ferrox::Rounding::parse(&long, 5.0, false).unwrap_err();
    assert!(
        e.to_string().len() < 400,
        "{} characters",
        e.to_string().len()
    );
}

#[test]
fn exact_grimmer_never_scans_without_end() {
    let opts = GrimmerOptions::default();
    // Consistent at the first sum, however large n is.
    let case = GrimmerCase::new(d("3"), d("1"), 1_000_000_000_000, 1).unwrap();
    assert!(grimmer(&case, &opts).unwrap().is_consistent());
    // An SD no sample on a 1-2 scale can have: decided at once.
    let scaled = GrimmerOptions {
        scale: Some((1, 2)),
        ..opts
    };
    let case = GrimmerCase::new(d("2"), d("5"), 1_000_000_000_000, 1).unwrap();
    assert_eq!(
        grimmer(&case, &scaled).unwrap(),
        ferrox::grimmer::GrimmerVerdict::Test3
    );
    // An SD of many decimals for a huge n: decided, or too large, soon.
    let start = std::time::Instant::now();
    let case = GrimmerCase::new(d("3"), d("1.000000000000"), 1_000_000_000_000, 1).unwrap();
    if let Err(e) = grimmer(&case, &opts) {
        assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    }
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn a_memory_cap_is_one_kind_in_closure_and_sprite() {
    let input = ClosureInput::new(d("3.5"), d("1.2"), 50, 0, 7).with_errors(d("0.05"), d("0.005"));
    let listed = Closure::new(&input)
        .unwrap()
        .samples(None, 1024)
        .unwrap_err();
    let args = SpriteArgs {
        n_samples: 1e6,
        max_memory_mb: 1.0,
        seed: 1.0,
        ..SpriteArgs::default()
    };
    let drawn = sprite(&input, &Restrictions::default(), &args.options().unwrap()).unwrap_err();
    for e in [listed, drawn] {
        assert!(matches!(e, Error::OverMemoryCap { .. }), "{e}");
        assert_eq!(e.kind(), ErrorKind::TooLarge);
        assert!(e.to_string().contains("max_memory_mb"), "{e}");
    }
}

/// The chain refuses a sample so large that it could not mix in minutes,
/// at once, and stops soon after the stop flag is set otherwise.
#[test]
fn the_chain_is_bounded_and_interruptible() {
    let huge = ClosureInput::new(d("3.21"), d("1.43"), 50_000_000, 1, 7);
    let options = SpriteOptions {
        method: Method::Chain,
        ..SpriteOptions::default()
    };
    let start = std::time::Instant::now();
    let e = sprite(&huge, &Restrictions::default(), &options).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    let large = ClosureInput::new(d("3.21"), d("1.43"), 200_000, 1, 7);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
    let options = SpriteOptions {
        method: Method::Chain,
        n_samples: 1000,
        stop: Some(stop),
        ..SpriteOptions::default()
    };
    let start = std::time::Instant::now();
    let e = sprite(&large, &Restrictions::default(), &options).unwrap_err();
    assert_eq!(e, ferrox::Error::Interrupted);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}
