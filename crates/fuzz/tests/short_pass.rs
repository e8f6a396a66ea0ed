//! A short pass of every fuzz target on seeded random bytes, run by
//! `make test` on the stable toolchain; `make fuzz` runs them for longer,
//! coverage-guided, under libFuzzer. A panic here names the target and
//! the input that caused it.

use std::time::{Duration, Instant};

/// Time per target: the pass stays short however fast a target is.
const BUDGET: Duration = Duration::from_millis(1500);
/// Most inputs per target.
const RUNS: usize = 20_000;

/// xorshift64*: enough to make varied bytes reproducibly.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Inputs of every length up to 256 bytes, some of them text.
    fn input(&mut self) -> Vec<u8> {
        let len = (self.next() % 257) as usize;
        let text = self.next() % 3 == 0;
        (0..len)
            .map(|_| {
                let b = self.next() as u8;
                if text {
                    b"0123456789.-( )NAe,"[usize::from(b) % 19]
                } else {
                    b
                }
            })
            .collect()
    }
}

#[test]
fn every_target_survives_a_short_pass() {
    for (name, target) in ferrox_fuzz::TARGETS {
        let mut bytes = Bytes(0x9e37_79b9_7f4a_7c15 ^ name.len() as u64);
        let start = Instant::now();
        let mut runs = 0;
        while runs < RUNS && start.elapsed() < BUDGET {
            let input = bytes.input();
            let outcome = std::panic::catch_unwind(|| target(&input));
            assert!(outcome.is_ok(), "target {name} panicked on {input:?}");
            runs += 1;
        }
        eprintln!("{name}: {runs} inputs");
        assert!(runs > 0, "target {name} ran no input");
    }
}
