//! The generator: spec → validated model → emitters → files.
//!
//! ```text
//! load      read catalog.yaml and the table files into raw rows, with positions
//! validate  check every row, report every problem at once, build the model
//! numbers   give each code its stable number, from the spec's codes.lock
//! model     the validated catalog that emitters read
//! emit      one module per output (Rust crate, TypeScript package, Markdown pages, JSON,
//!           OpenAPI)
//! ```
//!
//! [`repository`] finds the catalogs of a spec root (one folder each) and
//! loads them all, checking what must hold across them.
//!
//! [`import`] reads a documentation page's table into a spec table.
//!
//! [`changes`] compares a catalog with the one committed before, for the
//! summary that `cargo xtask gen` prints and its refusal to drop codes.
//! [`output`] plans the output folder as a whole: the manifest, what to
//! write and remove, the drift report of `cargo xtask check`. [`mdbook`]
//! reads the reference pages as mdBook does, for the link check of CI and
//! the tests of the pages.
//!
//! [`position`] (places in a text, and its line index) and [`fields`] (the
//! spec's column names) are shared by the loader, the importer and the rest.
//!
//! Emitters do no I/O: they return [`GeneratedFile`]s, and the caller (xtask)
//! writes them or compares them with what is on disk.

pub mod changes;
pub mod diagnostic;
pub mod emit;
pub mod fields;
pub mod import;
pub mod load;
pub mod mdbook;
pub mod model;
pub mod names;
pub mod numbers;
pub mod output;
pub mod position;
pub mod repository;
pub mod validate;

use std::path::Path;

pub use diagnostic::{Diagnostic, Severity};
pub use emit::GeneratedFile;
pub use model::Catalog;

/// The result of reading a spec: the model (if it has no errors) and every
/// diagnostic, warnings included.
#[derive(Debug)]
pub struct Loaded {
    pub catalog: Option<Catalog>,
    pub diagnostics: Vec<Diagnostic>,
    /// The number lock of a spec folder, with the numbers of new codes
    /// added, for `gen` to write (see [`numbers`]); `None` for a lone table.
    pub lock: Option<numbers::Lock>,
}

/// Reads and validates the spec at `spec` (a folder with `catalog.yaml`, or a
/// single CSV or YAML table). `display_root` is how paths are shown in
/// messages and `@generated` lines (e.g. `spec`).
#[must_use]
pub fn load_spec(spec: &Path, display_root: &str) -> Loaded {
    let raw = load::load(spec, display_root);
    let mut loaded = validate::validate(&raw);
    if let Some(catalog) = &mut loaded.catalog {
        catalog.name = repository::name_of(spec);
    }
    numbers::number(spec, display_root, &mut loaded);
    loaded
}

/// Runs every emitter over a validated catalog: the files of its output
/// folder (`<name>/rust/…`, `<name>/ts/…`, `<name>/openapi/…`,
/// `<name>/catalog.json`) and of its section of the site
/// (`docs/src/<name>/…`), paths relative to the output root, sorted.
///
/// The emitters run in two groups of about equal cost, one on a thread of
/// its own (measured on the 864-row `ModelArts` table, debug build: the
/// Rust crate and the `OpenAPI` document take about as long as the
/// TypeScript package, the pages and `catalog.json`).
#[must_use]
pub fn generate(catalog: &Catalog) -> Vec<GeneratedFile> {
    // The catalog's own folder in the output root.
    let in_folder = |mut files: Vec<GeneratedFile>| {
        for file in &mut files {
            file.path = format!("{}/{}", catalog.name, file.path);
        }
        files
    };
    let mut files = std::thread::scope(|scope| {
        let rust_and_openapi = scope.spawn(|| {
            let mut files = emit::rust::emit(catalog);
            files.extend(emit::openapi::emit(catalog));
            in_folder(files)
        });
        let mut files = emit::ts::emit(catalog);
        files.extend(emit::json::emit(catalog));
        let mut files = in_folder(files);
        files.extend(emit::docs::section(catalog));
        match rust_and_openapi.join() {
            Ok(more) => files.extend(more),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        files
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
