//! CI steps of this part of the project (none yet).

use crate::ci::Step;

pub fn steps() -> Vec<Step> {
    Vec::new()
}

/// `cargo xtask bench`.
pub fn run(_root: &std::path::Path, _args: &[String]) -> Result<(), String> {
    Err("the benchmarks are not written yet".into())
}
