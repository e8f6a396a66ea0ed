//! Strategies and helpers the property tests share.

use ferrox::{Decimal, Procedure, Rounding, reround};
use proptest::prelude::*;

/// Any of the twelve procedures, with a threshold it accepts.
pub fn any_rounding() -> impl Strategy<Value = Rounding> {
    (0..Procedure::ALL.len(), 1u8..=9, any::<bool>()).prop_map(|(i, t, symmetric)| {
        let procedure = Procedure::ALL[i];
        Rounding::new(procedure, t, symmetric)
            .or_else(|_| Rounding::new(procedure, 4, symmetric))
            .expect("threshold 4 suits every procedure")
    })
}

/// The reports `num / den` rounds to.
pub fn reports(num: i128, den: i128, digits: u32, rounding: &Rounding) -> Vec<Decimal> {
    reround(num, den, digits, rounding)
        .expect("small values round")
        .iter()
        .collect()
}
