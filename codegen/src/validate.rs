//! Validate: turn raw rows into the model, reporting every problem at once.
//!
//! Each check adds a diagnostic and goes on, so that one run shows every
//! mistake in a table. The model is built only when there are no errors.
//!
//! ```text
//! validate/catalog  catalog.yaml: metadata and categories
//! validate/error_body catalog.yaml's `error_body`: the body's status, example and shape
//! validate/rows     the CSV header, and each row's fields on their own
//! validate/codes    rows grouped into codes, and what must hold across rows
//! validate/rules    the rules of single values: text, status, names, versions
//! validate/settings catalog.yaml's `import:` and `moved_pages:`
//! ```

mod catalog;
mod codes;
mod error_body;
mod rows;
mod rules;
mod settings;

use crate::Loaded;
use crate::diagnostic::Diagnostic;
use crate::fields::Field;
use crate::load::{Pos, RawSpec};
use crate::model::Catalog;

/// The columns a table must have.
pub const REQUIRED_COLUMNS: [&str; 5] = Field::names(Field::REQUIRED);
/// The editorial columns a table may have.
pub const OPTIONAL_COLUMNS: [&str; 3] = Field::names(Field::OPTIONAL);

/// The category of codes whose row names none.
pub const UNCLASSIFIED: &str = "unclassified";

/// Validates a loaded spec. The catalog is `Some` only if there are no errors;
/// warnings are returned either way.
#[must_use]
pub fn validate(raw: &RawSpec) -> Loaded {
    let mut v = Validator {
        raw,
        diagnostics: raw.diagnostics.clone(),
        errors: raw.diagnostics.iter().filter(|d| d.is_error()).count(),
        statuses: Statuses::EachRow,
    };
    let meta = v.metadata();
    let mut categories = v.categories();
    let rows = v.rows(&categories);
    let codes = v.codes(rows, &mut categories);
    // Read top to bottom: by file (in the order read), then by position.
    let file_rank = |d: &Diagnostic| {
        raw.files
            .iter()
            .position(|f| f.display == d.file)
            .map_or(0, |i| i + 1)
    };
    v.diagnostics
        .sort_by_key(|d| (file_rank(d), d.line, d.column));
    let has_errors = v.diagnostics.iter().any(Diagnostic::is_error);
    let catalog = match (meta, has_errors) {
        (Some(meta), false) => Some(Catalog {
            // Named by `crate::load_spec`, which knows the spec's path.
            name: String::new(),
            meta,
            categories,
            codes,
            // Filled from the number lock by `crate::numbers`.
            removed: Vec::new(),
        }),
        _ => None,
    };
    Loaded {
        catalog,
        diagnostics: v.diagnostics,
        lock: None,
    }
}

/// The state of one validation: the spec, and what was reported so far.
struct Validator<'a> {
    raw: &'a RawSpec,
    diagnostics: Vec<Diagnostic>,
    /// How many of `diagnostics` are errors, kept so that counting is O(1).
    errors: usize,
    /// Where the rows' statuses come from, as `catalog.yaml` says.
    statuses: Statuses,
}

/// Where a row's HTTP status comes from (`http_status:` and
/// `default_http_status:` in `catalog.yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Statuses {
    /// Every row gives its own: the `status_code` column is required.
    EachRow,
    /// Rows that give none have this one.
    Default(u16),
    /// The codes carry no status: no row may give one.
    None { line: usize },
}

impl Validator<'_> {
    /// Reports an error at `pos` in `file`, with a hint on what to write instead.
    fn error(
        &mut self,
        file: usize,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.raw.error_at(file, pos, message).with_hint(hint);
        self.errors += 1;
        self.diagnostics.push(d);
    }

    /// Reports a warning at `pos` in `file`, with a hint.
    fn warning(
        &mut self,
        file: usize,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.raw.warning_at(file, pos, message).with_hint(hint);
        self.diagnostics.push(d);
    }

    /// How many errors were reported so far (loading's included).
    fn error_count(&self) -> usize {
        self.errors
    }
}
