//! CI steps for the reference pages (`generated/docs`, an mdBook source).
//!
//! Each step runs on two books: `generated/docs`, and the pages of the
//! hostile spec in `xtask/docs/hostile-spec` (text made to break Markdown),
//! generated into `target/docs-check/hostile/docs`.
//!
//! ```text
//! docs: markdownlint   markdownlint.rs  markdownlint-cli2, pinned in xtask/docs/package-lock.json
//! docs: link check     links.rs         every relative link resolves to a page and a heading
//!                                       (codegen::mdbook reads the pages as mdBook does)
//! docs: mdbook build   mdbook.rs        mdBook 0.5.4 (installed on first use) builds the site
//!                      site.rs          with no warning, and every link of the built HTML
//!                                       resolves to a file and an id
//! ```

mod links;
mod markdownlint;
mod mdbook;
mod site;

use std::fs;
use std::path::{Path, PathBuf};

use crate::process::Step;

/// The hostile spec, whose pages every docs check also runs on.
const HOSTILE_SPEC: &str = "xtask/docs/hostile-spec";
/// Where the checks write: the hostile book and the built sites.
const WORK: &str = "target/docs-check";

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "docs: markdownlint",
            run: |root| markdownlint::run(root, &books(root)?),
        },
        Step {
            name: "docs: link check",
            run: |root| links::check(&books(root)?),
        },
        Step {
            name: "docs: mdbook build",
            run: |root| mdbook::build_and_check(root, &books(root)?),
        },
    ]
}

/// Every docs check on one book folder (a generated `docs/`), for the
/// packages generated from other specs (see `spec_checks`).
pub fn check_generated_book(root: &Path, name: &str, book: &Path) -> Result<(), String> {
    let books = [(name.to_owned(), book.to_path_buf())];
    markdownlint::run(root, &books)?;
    links::check(&books)?;
    mdbook::build_and_check(root, &books)
}

/// The books to check: (name for messages, book folder).
fn books(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    Ok(vec![
        ("generated/docs".to_owned(), root.join("generated/docs")),
        ("hostile spec".to_owned(), hostile_book(root)?),
    ])
}

/// Generates the hostile spec's pages into `target/docs-check/hostile` and
/// returns the book folder. Warnings of that spec are expected (it spells a
/// prefix two ways on purpose) and not printed.
fn hostile_book(root: &Path) -> Result<PathBuf, String> {
    let loaded = codegen::load_spec(&root.join(HOSTILE_SPEC), HOSTILE_SPEC);
    let Some(catalog) = loaded.catalog else {
        eprint!("{}", codegen::diagnostic::render_all(&loaded.diagnostics));
        return Err(format!("{HOSTILE_SPEC} has errors"));
    };
    let out = root.join(WORK).join("hostile");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    for file in codegen::emit::docs::emit(&catalog) {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, &file.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(out.join("docs"))
}

/// A path relative to `root`, with `/`, for command lines and messages.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every file under `dir` whose extension is `extension`, sorted, recursively.
fn files_with_extension(
    dir: &Path,
    extension: &str,
    files: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_with_extension(&path, extension, files)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            files.push(path);
        }
    }
    Ok(())
}
