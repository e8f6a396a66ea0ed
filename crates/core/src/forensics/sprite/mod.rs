//! SPRITE: random samples behind a reported mean and SD, for when there are
//! too many to list.
//!
//! Two methods. [`Method::Uniform`] draws exactly uniformly from the CLOSURE
//! set (restrictions applied): it counts the samples, draws ranks below the
//! count and finds the sample at each rank from the counts, so it proves
//! when no sample exists and never returns one that is not consistent.
//! [`Method::Sprite`] is the classic heuristic (start from values with the
//! right sum, move pairs apart or together until the SD fits) for cases
//! too large to count: it may miss samples that exist and is not uniform.
//!
//! Randomness comes from [`Rng`]: the same seed gives the same samples in
//! every language and on any number of threads.
//!
//! ```
//! use ferrox::{closure::{ClosureInput, Restrictions}, sprite::{sprite, SpriteOptions}, Decimal};
//! let d = Decimal::parse;
//! let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 1, 7);
//! let drawn = sprite(&input, &Restrictions::default(), &SpriteOptions::default())?;
//! assert_eq!(drawn.samples.len(), 10);
//! assert_eq!(drawn.possible, Some(26428));
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rustc_hash::FxHashSet;

use crate::closure::{Closure, ClosureInput, Restrictions, Samples};
use crate::error::{Error, Result};
use crate::rng::Rng;

mod chain;
mod walk;

/// How samples are drawn.
///
/// [`Method::Uniform`] draws exactly where the samples can be counted and
/// by [`Method::Chain`] where they cannot; [`Sprite::method`] says which.
///
/// ```
/// use ferrox::sprite::Method;
/// assert_eq!("sprite".parse::<Method>()?, Method::Sprite);
/// assert!("random".parse::<Method>().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Method {
    /// Uniform over all consistent samples: exactly, through exact counts,
    /// where they can be had, else by the chain.
    #[default]
    Uniform,
    /// A Markov chain whose stationary distribution is exactly uniform:
    /// for cases too large to count.
    Chain,
    /// The SPRITE heuristic: random walks, for cases too large to count.
    Sprite,
}

impl Method {
    /// The method's name, as front doors take it.
    ///
    /// ```
    /// assert_eq!(ferrox::sprite::Method::Chain.name(), "chain");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Method::Uniform => "uniform",
            Method::Chain => "chain",
            Method::Sprite => "sprite",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name {
            "uniform" => Ok(Method::Uniform),
            "sprite" => Ok(Method::Sprite),
            "chain" => Ok(Method::Chain),
            _ => Err(Error::invalid(
                "method",
                format!(
                    "{} is not a method; use \"uniform\", \"chain\" or \"sprite\"",
                    crate::error::quoted(name)
                ),
            )),
        }
    }
}

/// How many samples, how, and from which seed.
///
/// ```
/// use ferrox::sprite::SpriteOptions;
/// let options = SpriteOptions { n_samples: 100, seed: 7, ..SpriteOptions::default() };
/// assert!(!options.replace);
/// ```
#[derive(Debug, Clone)]
pub struct SpriteOptions {
    /// How many samples to draw.
    pub n_samples: usize,
    /// The seed: the same seed gives the same samples everywhere.
    pub seed: u64,
    /// The method.
    pub method: Method,
    /// Draw with replacement (the same sample may come twice) instead of
    /// distinct samples.
    pub replace: bool,
    /// [`Method::Sprite`]: most moves in one random walk before it counts
    /// as a failure.
    pub max_iterations: u64,
    /// [`Method::Sprite`]: stop after this many failures or duplicates in a
    /// row.
    pub max_misses: u64,
    /// Most memory the samples may take.
    pub max_bytes: usize,
    /// Stops the work with [`Error::Interrupted`] soon after it is set.
    pub stop: Option<Arc<AtomicBool>>,
    /// Counts the samples drawn so far: as they come from the chain, whose
    /// draws can take seconds, at the end from the other methods. What a
    /// door's progress bar shows.
    pub drawn: Option<Arc<AtomicU64>>,
    /// The chain: proposals of each chain between draws, in place of the
    /// schedule chosen from the case's size (`docs/algorithms.md`), for
    /// measuring how fast it mixes.
    pub thin: Option<u64>,
    /// The chain: proposals of each chain before its first draw, in draws'
    /// worth (of `thin`), in place of the chosen burn-in.
    pub burn_in_draws: Option<u64>,
}

impl Default for SpriteOptions {
    fn default() -> Self {
        SpriteOptions {
            n_samples: 10,
            seed: 0,
            method: Method::Uniform,
            replace: false,
            max_iterations: 100_000,
            max_misses: 100,
            max_bytes: 1 << 30,
            stop: None,
            drawn: None,
            thin: None,
            burn_in_draws: None,
        }
    }
}

/// The drawn samples and how drawing went.
///
/// ```
/// use ferrox::{closure::{ClosureInput, Restrictions}, sprite::{sprite, SpriteOptions}, Decimal};
/// let input = ClosureInput::new(Decimal::parse("2.0")?, Decimal::parse("0.5")?, 3, 1, 3);
/// let drawn = sprite(&input, &Restrictions::default(), &SpriteOptions::default())?;
/// assert_eq!((drawn.possible, drawn.samples.len()), (Some(0), 0));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Sprite {
    /// The samples as frequency vectors, in the order drawn (its count is
    /// the number drawn).
    pub samples: Samples,
    /// How the samples were drawn: [`Method::Uniform`] (exactly),
    /// [`Method::Chain`] or [`Method::Sprite`].
    pub method: Method,
    /// How many consistent samples exist, when known: after exact draws,
    /// and otherwise when none can.
    pub possible: Option<u128>,
    /// Random walks started ([`Method::Sprite`]).
    pub attempts: u64,
    /// Random walks that ended without a sample ([`Method::Sprite`]).
    pub failures: u64,
    /// Samples found again and dropped (unless drawing with replacement).
    pub duplicates: u64,
}

/// Draws samples consistent with a reported mean and SD, under
/// restrictions on how often values occur.
///
/// ```
/// use ferrox::{closure::{ClosureInput, Restrictions}, sprite::{sprite, Method, SpriteOptions}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 1, 7);
/// let restrictions = Restrictions::default().exactly(1.0, 0).range(1, 7);
/// let options = SpriteOptions { method: Method::Sprite, seed: 3, ..SpriteOptions::default() };
/// assert_eq!(sprite(&input, &restrictions, &options)?.possible, Some(0));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sprite(
    input: &ClosureInput,
    restrictions: &Restrictions,
    options: &SpriteOptions,
) -> Result<Sprite> {
    let mut closure = Closure::new(input)?.restrict(restrictions)?;
    if let Some(stop) = &options.stop {
        closure = closure.stop_when(stop.clone());
    }
    let width = closure.scale_values().len();
    // Each sample's frequencies, and the rank it is drawn by.
    let needed = (options.n_samples as u128).saturating_mul(width as u128 * 4 + 16);
    crate::memory::budget(
        needed,
        options.max_bytes,
        || format!("{} samples", options.n_samples),
        "draw fewer",
        "the samples drawn",
    )?;
    let drawn = match options.method {
        Method::Uniform => match uniform(&closure, options) {
            Err(Error::OutOfReach { .. } | Error::TooMuchWork { .. }) => {
                chained(&closure, options)?
            }
            drawn => drawn?,
        },
        Method::Chain => chained(&closure, options)?,
        Method::Sprite => walk::walks(&closure, options)?,
    };
    let found = (drawn.frequencies.len() / width) as u128;
    if let Some(counter) = &options.drawn {
        counter.store(found as u64, Ordering::Relaxed);
    }
    let samples = Samples::listed(closure.scale_values(), drawn.frequencies, input.n, found);
    Ok(Sprite {
        samples,
        method: drawn.method,
        possible: drawn.possible,
        attempts: drawn.attempts,
        failures: drawn.failures,
        duplicates: drawn.duplicates,
    })
}

/// What a method hands back.
struct Drawn {
    method: Method,
    frequencies: Vec<u32>,
    possible: Option<u128>,
    attempts: u64,
    failures: u64,
    duplicates: u64,
}

/// Uniform ranks below the count, distinct unless drawing with replacement,
/// and the samples at them.
fn uniform(closure: &Closure, options: &SpriteOptions) -> Result<Drawn> {
    let mut rng = Rng::new(options.seed, 0);
    let draws = closure.draw(|count| {
        if options.replace {
            let mut ranks = crate::memory::reserved(options.n_samples, "the ranks drawn")?;
            ranks.extend((0..options.n_samples).map(|_| rng.below(count)));
            Ok(ranks)
        } else {
            distinct_ranks(&mut rng, count, options.n_samples)
        }
    })?;
    Ok(Drawn {
        method: Method::Uniform,
        frequencies: draws.frequencies,
        possible: Some(draws.count),
        attempts: 0,
        failures: 0,
        duplicates: 0,
    })
}

/// Draws from the chain, distinct unless drawing with replacement: stops
/// after `max_misses` draws in a row found again. Proves there is no sample
/// when the search finds none.
fn chained(closure: &Closure, options: &SpriteOptions) -> Result<Drawn> {
    let mut drawn = Drawn {
        method: Method::Chain,
        frequencies: Vec::new(),
        possible: None,
        attempts: 0,
        failures: 0,
        duplicates: 0,
    };
    let Some(starts) = chain_starts(closure)? else {
        drawn.possible = Some(0);
        return Ok(drawn);
    };
    let mut seen = FxHashSet::default();
    let (mut found, mut misses) = (0, 0);
    let schedule = chain::Schedule::for_closure(closure, options.thin, options.burn_in_draws);
    if options.n_samples > 0 {
        chain::draws(closure, &starts, options.seed, schedule, |row| {
            if !options.replace && !seen.insert(row.clone()) {
                drawn.duplicates += 1;
                misses += 1;
            } else {
                drawn.frequencies.extend_from_slice(&row);
                found += 1;
                misses = 0;
                if let Some(counter) = &options.drawn {
                    counter.store(found as u64, Ordering::Relaxed);
                }
            }
            found < options.n_samples && misses < options.max_misses
        })?;
    }
    Ok(drawn)
}

/// Where the chains start: the first sample the search finds and the two
/// horns extremes; `None` when there is no sample. An error where the chain
/// is not known to reach every sample ([`chain::Space::wide`]).
fn chain_starts(closure: &Closure) -> Result<Option<Vec<Vec<u32>>>> {
    chain::affordable(closure)?;
    let Some(first) = closure.find()? else {
        return Ok(None);
    };
    if !chain::Space::new(closure).is_some_and(|space| space.wide()) {
        return Err(Error::Unsupported(
            "the chain is not known to reach every sample when the SD's interval is this \
             narrow, and the samples cannot be counted for exact draws; report the SD with fewer \
             decimals or use method = \"sprite\""
                .into(),
        ));
    }
    let mut starts = vec![first];
    for greatest in [false, true] {
        starts.extend(closure.horns_extreme(greatest)?.map(|(_, row)| row));
    }
    Ok(Some(starts))
}

/// `rounds` draws from each of the chains (with replacement, seed 0), in
/// chain order within each round: what summaries estimate from where the
/// samples cannot be counted. Empty when there is no sample.
pub(crate) fn chain_rounds(closure: &Closure, rounds: usize) -> Result<Vec<Vec<u32>>> {
    let Some(starts) = chain_starts(closure)? else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::with_capacity(rounds * chain::CHAINS);
    let schedule = chain::Schedule::for_closure(closure, None, None);
    chain::draws(closure, &starts, 0, schedule, |row| {
        rows.push(row);
        rows.len() < rounds * chain::CHAINS
    })?;
    Ok(rows)
}

/// The number of chains [`chain_rounds`] interleaves.
pub(crate) const CHAINS: usize = chain::CHAINS;

/// `min(wanted, count)` distinct ranks below `count`, uniformly, in random
/// order: Floyd's algorithm, then a shuffle.
fn distinct_ranks(rng: &mut Rng, count: u128, wanted: usize) -> Result<Vec<u128>> {
    let m = count.min(wanted as u128);
    let mut seen = FxHashSet::default();
    let mut ranks = crate::memory::reserved(m as usize, "the ranks drawn")?;
    for j in count - m..count {
        let t = rng.below(j + 1);
        let pick = if seen.contains(&t) { j } else { t };
        seen.insert(pick);
        ranks.push(pick);
    }
    for i in (1..ranks.len()).rev() {
        ranks.swap(i, rng.index(i + 1));
    }
    Ok(ranks)
}
