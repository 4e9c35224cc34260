//! Placeholder until the ts emitter lands: produces no files yet.

use super::GeneratedFile;
use crate::model::Catalog;

#[must_use]
pub fn emit(_catalog: &Catalog) -> Vec<GeneratedFile> {
    Vec::new()
}
