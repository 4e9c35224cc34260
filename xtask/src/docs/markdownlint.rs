//! `docs: markdownlint`: markdownlint-cli2, pinned in `xtask/docs/`, with the
//! repository's configuration (`.markdownlint-cli2.jsonc` at the root, where
//! editors find it too). It runs from the root, whose configuration applies
//! to every file it lints, inside the repository or not.

use std::path::Path;

use crate::process::{npm_ci, run_command};

/// The tools folder: `package.json` and its lockfile.
const TOOLS: &str = "xtask/docs";

/// Every Markdown file of the repository: the generated pages and the
/// hand-written READMEs (what git ignores is skipped, by the configuration).
pub fn repository(root: &Path) -> Result<(), String> {
    run(root, "**/*.md")
}

/// The pages of a book generated elsewhere (from another spec).
pub fn book(root: &Path, book: &Path) -> Result<(), String> {
    run(root, &format!("{}/**/*.md", super::relative(root, book)))
}

fn run(root: &Path, glob: &str) -> Result<(), String> {
    npm_ci(&root.join(TOOLS))?;
    let program = root.join(TOOLS).join("node_modules/.bin/markdownlint-cli2");
    run_command(root, &program.to_string_lossy(), &[glob], &[])
}
