//! The one random number generator of ferrox, so that a seed gives the same
//! samples in Rust, Python, R and the CLI, on every platform.
//!
//! It is ChaCha8 (portable and reproducible by design) seeded from a `u64`,
//! with numbered streams so that parallel work draws the same numbers
//! however it is scheduled. Bounded draws use rejection on masked bits: a
//! definition simple enough to stay fixed across versions.
//!
//! ```
//! use ferrox::rng::Rng;
//! let (mut a, mut b) = (Rng::new(7, 0), Rng::new(7, 0));
//! assert_eq!(a.below(1000), b.below(1000));
//! assert!(Rng::new(7, 1).below(1 << 100) < 1 << 100);
//! ```

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// A seeded random number generator on one stream.
///
/// ```
/// use ferrox::rng::Rng;
/// let mut rng = Rng::new(42, 0);
/// let draws: Vec<u128> = (0..5).map(|_| rng.below(6)).collect();
/// assert!(draws.iter().all(|&d| d < 6));
/// ```
#[derive(Debug, Clone)]
pub struct Rng(ChaCha8Rng);

impl Rng {
    /// The generator for `seed` on stream `stream`: streams of one seed are
    /// independent.
    ///
    /// ```
    /// use ferrox::rng::Rng;
    /// assert_ne!(Rng::new(1, 0).below(1 << 60), Rng::new(1, 1).below(1 << 60));
    /// ```
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Rng(rng)
    }

    /// A uniform integer in `0..bound` (`0` when `bound` is 0 or 1).
    ///
    /// ```
    /// use ferrox::rng::Rng;
    /// let mut rng = Rng::new(3, 0);
    /// assert_eq!(rng.below(1), 0);
    /// assert!(rng.below(u128::MAX) < u128::MAX);
    /// ```
    pub fn below(&mut self, bound: u128) -> u128 {
        if bound <= 1 {
            return 0;
        }
        if let Ok(last) = u64::try_from(bound - 1) {
            return u128::from(self.up_to(last));
        }
        let mask = u128::MAX >> (bound - 1).leading_zeros();
        loop {
            let draw = u128::from(self.0.next_u64()) << 64 | u128::from(self.0.next_u64());
            if draw & mask < bound {
                return draw & mask;
            }
        }
    }

    /// A uniform integer in `0..=last`: [`Rng::below`] for bounds that fit
    /// 64 bits, in 64-bit arithmetic (the same draws, one word each).
    fn up_to(&mut self, last: u64) -> u64 {
        let mask = u64::MAX >> last.leading_zeros();
        loop {
            let draw = self.0.next_u64() & mask;
            if draw <= last {
                return draw;
            }
        }
    }

    /// A uniform index in `0..len` (`0` when `len` is 0).
    ///
    /// ```
    /// use ferrox::rng::Rng;
    /// assert!(Rng::new(5, 0).index(3) < 3);
    /// ```
    pub fn index(&mut self, len: usize) -> usize {
        match len {
            0 | 1 => 0,
            _ => self.up_to(len as u64 - 1) as usize,
        }
    }
}

/// A seed from the clock, below 2^53 so that every language's doubles hold
/// it exactly: for draws that were given no seed (the door prints it, so
/// that they can be repeated).
///
/// ```
/// assert!(ferrox::rng::clock_seed() < 1 << 53);
/// ```
pub fn clock_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (nanos % (1 << 53)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: rejection on the bits of `bound − 1`, one word
    /// below 2⁶⁴ and two above. Seeded results must never change.
    fn defined(rng: &mut ChaCha8Rng, bound: u128) -> u128 {
        if bound <= 1 {
            return 0;
        }
        let bits = 128 - (bound - 1).leading_zeros();
        let mask = u128::MAX >> (128 - bits);
        loop {
            let draw = if bits <= 64 {
                u128::from(rng.next_u64())
            } else {
                u128::from(rng.next_u64()) << 64 | u128::from(rng.next_u64())
            };
            if draw & mask < bound {
                return draw & mask;
            }
        }
    }

    #[test]
    fn draws_follow_the_definition() {
        let bounds = [
            0,
            1,
            2,
            3,
            20,
            301,
            1 << 40,
            (1 << 64) - 1,
            1 << 64,
            (1 << 64) + 1,
            u128::MAX,
        ];
        let mut rng = Rng::new(9, 3);
        let mut reference = ChaCha8Rng::seed_from_u64(9);
        reference.set_stream(3);
        for round in 0..200 {
            for &bound in &bounds {
                assert_eq!(
                    rng.below(bound),
                    defined(&mut reference, bound),
                    "{round} {bound}"
                );
            }
            let len = round % 7;
            assert_eq!(rng.index(len) as u128, defined(&mut reference, len as u128));
        }
    }
}
