//! `docs: mdbook build`: mdBook 0.5.4, installed with `cargo install` on
//! first use, builds each book with no warning; then the built site's links
//! are checked ([`super::site`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{CargoTool, cargo_install};

/// The mdBook that builds the reference pages (the workflows pin the same).
pub const MDBOOK_VERSION: &str = "0.5.4";

/// Builds every book into `target/docs-check/site-N` and checks each site:
/// no warning, no broken link, every page of the sources published at its
/// address. One error lists every book's problems; else the built sites.
pub fn build_and_check(root: &Path, books: &[(String, PathBuf)]) -> Result<Vec<PathBuf>, String> {
    let mut sites = Vec::new();
    let mdbook = install(root)?;
    let mut problems = Vec::new();
    for (i, (name, book)) in books.iter().enumerate() {
        let site = root.join(super::WORK).join(format!("site-{i}"));
        println!(
            "$ {} build {} --dest-dir {}",
            super::relative(root, &mdbook),
            super::relative(root, book),
            super::relative(root, &site)
        );
        let output = Command::new(&mdbook)
            .arg("build")
            .arg(book)
            .arg("--dest-dir")
            .arg(&site)
            .env_remove("RUST_LOG")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", mdbook.display()))?;
        let log = String::from_utf8_lossy(&output.stderr);
        print!("{}{log}", String::from_utf8_lossy(&output.stdout));
        if !output.status.success() {
            return Err(format!(
                "mdbook build of {name} exited with {}",
                output.status
            ));
        }
        let warnings = warnings_in(&log);
        if !warnings.is_empty() {
            problems.push(format!(
                "{name}: mdbook warned:\n    {}",
                warnings.join("\n    ")
            ));
        }
        let report = super::site::check(&site);
        println!(
            "{name}: {} HTML files, {} links into the site checked",
            report.pages, report.relative_links
        );
        problems.extend(report.problems.iter().map(|p| format!("{name}: {p}")));
        let unpublished = super::search::pages_resolve(&book.join("src"), &site);
        if unpublished.is_empty() {
            println!("{name}: every page of src/ is published at its address");
        }
        problems.extend(unpublished.iter().map(|p| format!("{name}: {p}")));
        sites.push(site);
    }
    if problems.is_empty() {
        Ok(sites)
    } else {
        Err(problems.join("\n"))
    }
}

/// The warning and error lines of mdBook's log (` WARN unclosed HTML tag…`).
/// mdBook reports problems (unclosed HTML, unused footnotes, …) as warnings
/// and still succeeds; here a warning fails the build.
fn warnings_in(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| {
            line.split_whitespace()
                .take(3)
                .any(|word| word == "WARN" || word == "ERROR")
        })
        .collect()
}

/// The mdBook binary, installed into the tools cache unless the pinned
/// version is already there (two to three minutes of build on two cores).
fn install(root: &Path) -> Result<PathBuf, String> {
    cargo_install(
        root,
        &CargoTool {
            krate: "mdbook",
            version: MDBOOK_VERSION,
            version_args: &["--version"],
            version_line: format!("mdbook v{MDBOOK_VERSION}"),
            build_time: "two to three minutes on two cores",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdbook_warnings_are_found() {
        let log = " INFO Book building has started\n WARN unclosed HTML tag `<div>` found in `a.md`\n INFO HTML book written to `/x/WARN`\n2026-01-01T00:00:00Z ERROR failed\n";
        assert_eq!(
            warnings_in(log),
            [
                " WARN unclosed HTML tag `<div>` found in `a.md`",
                "2026-01-01T00:00:00Z ERROR failed"
            ]
        );
    }
}
