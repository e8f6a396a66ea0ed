//! Every fuzz body of ferrox behind one libFuzzer target: the first byte
//! chooses the body, the rest is its input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((&which, input)) = data.split_first() {
        let targets = ferrox_fuzz::TARGETS;
        let (_, target) = targets[usize::from(which) % targets.len()];
        target(input);
    }
});
