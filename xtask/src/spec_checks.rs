//! CI steps of this part of the project (none yet).

use crate::ci::Step;

pub fn steps() -> Vec<Step> {
    Vec::new()
}
