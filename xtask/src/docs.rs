//! CI steps for the reference pages (`generated/docs`, an mdBook source).
//! The pages of other specs (the hostile-text spec, the real tables) get the
//! same checks from `spec_checks`, through [`check_generated_book`].
//!
//! ```text
//! docs: markdownlint   markdownlint.rs  markdownlint-cli2, pinned in xtask/docs/package-lock.json,
//!                                       on every Markdown file of the repository
//! docs: link check     links.rs         every relative link resolves to a page and a heading
//!                                       (codegen::mdbook reads the pages as mdBook does)
//! docs: mdbook build   mdbook.rs        mdBook 0.5.4 (installed on first use) builds the site
//!                      site.rs          with no warning, and every link of the built HTML
//!                                       resolves to a file and an id (redirects included);
//!                      search.rs        every page of the sources is at its address, and
//!                                       the search index finds every code of every catalog
//! ```

mod links;
mod markdownlint;
mod mdbook;
mod search;
mod site;

/// The workflows' tests check that they pin the same mdBook.
#[cfg(test)]
pub use mdbook::MDBOOK_VERSION;

use std::fs;
use std::path::{Path, PathBuf};

use crate::process::Step;

/// Where the checks write: the built sites.
const WORK: &str = "target/docs-check";

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "docs: markdownlint",
            run: markdownlint::repository,
        },
        Step {
            name: "docs: link check",
            run: |root| links::check(&books(root)),
        },
        Step {
            name: "docs: mdbook build (no warning, every link and page address, every code searchable)",
            run: |root| {
                let sites = mdbook::build_and_check(root, &books(root))?;
                let site = sites.first().ok_or("no site was built")?;
                searchable(site)
            },
        },
    ]
}

/// Every docs check on one book folder (a generated `docs/`), for the
/// packages generated from other specs (see `spec_checks`).
pub fn check_generated_book(root: &Path, name: &str, book: &Path) -> Result<(), String> {
    markdownlint::book(root, book)?;
    let books = [(name.to_owned(), book.to_path_buf())];
    links::check(&books)?;
    mdbook::build_and_check(root, &books).map(drop)
}

/// The search box of the workspace's site finds every code of every
/// catalog, removed ones included (by their tombstones).
fn searchable(site: &Path) -> Result<(), String> {
    let catalogs = crate::workspace::catalogs()?;
    let codes: Vec<&str> = catalogs
        .iter()
        .flat_map(|catalog| {
            let live = catalog.codes.iter().map(|c| c.code.as_str());
            live.chain(catalog.removed.iter().map(|r| r.code.as_str()))
        })
        .collect();
    let missing = search::unsearchable(site, &codes)?;
    if missing.is_empty() {
        println!(
            "the site's search index finds each of the {} codes",
            codes.len()
        );
        Ok(())
    } else {
        Err(format!(
            "the site's search cannot find {} code(s): {}",
            missing.len(),
            missing.join(", ")
        ))
    }
}

/// The books to check: (name for messages, book folder).
fn books(root: &Path) -> Vec<(String, PathBuf)> {
    vec![("generated/docs".to_owned(), root.join("generated/docs"))]
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
