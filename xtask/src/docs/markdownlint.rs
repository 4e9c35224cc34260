//! `docs: markdownlint`: markdownlint-cli2, pinned in `xtask/docs/`.

use std::path::{Path, PathBuf};

use crate::process::{npm_ci, run_command};

/// The tools folder: `package.json` and its lockfile.
const TOOLS: &str = "xtask/docs";
const CONFIG: &str = "xtask/docs/.markdownlint-cli2.jsonc";

/// Lints every Markdown file of the books.
pub fn run(root: &Path, books: &[(String, PathBuf)]) -> Result<(), String> {
    npm_ci(&root.join(TOOLS))?;
    let globs: Vec<String> = books
        .iter()
        .map(|(_, book)| format!("{}/**/*.md", super::relative(root, book)))
        .collect();
    let program = root.join(TOOLS).join("node_modules/.bin/markdownlint-cli2");
    let mut args = vec!["--config", CONFIG];
    args.extend(globs.iter().map(String::as_str));
    run_command(root, &program.to_string_lossy(), &args, &[])
}
