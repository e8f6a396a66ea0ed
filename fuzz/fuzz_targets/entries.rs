//! Every fuzz body of ferrox behind one libFuzzer target: the first byte
//! chooses the body, the rest is its input.
//!
//! libfuzzer-sys installs a panic hook that aborts on every panic, even one
//! that ferrox catches (its PDF reader turns a panic of the text extractor
//! into an error). The first input puts the default hook back: a panic that
//! escapes a body still aborts (libfuzzer-sys checks for one after each
//! input), so only those count as crashes.
#![no_main]

static DEFAULT_HOOK: std::sync::Once = std::sync::Once::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    DEFAULT_HOOK.call_once(|| drop(std::panic::take_hook()));
    if let Some((&which, input)) = data.split_first() {
        let targets = ferrox_fuzz::TARGETS;
        let (_, target) = targets[usize::from(which) % targets.len()];
        target(input);
    }
});
