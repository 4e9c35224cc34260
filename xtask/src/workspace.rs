//! The workspace: its root, its spec root and output folder, and how a path
//! the user gave is shown in messages.

use std::path::{Path, PathBuf};

/// The workspace root (the folder holding `xtask/`).
#[must_use]
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The workspace's spec root, where its catalogs are: `spec/`.
#[must_use]
pub fn spec_root() -> PathBuf {
    root().join("spec")
}

/// The error bodies that the Rust and the TypeScript readers of a shape
/// (`error_body.shape`, e.g. `google`) are tested on, and its JSON Schema:
/// `xtask/fixtures/error-bodies/<shape>.json`.
#[must_use]
pub fn error_bodies(shape: &str) -> PathBuf {
    root()
        .join("xtask/fixtures/error-bodies")
        .join(format!("{shape}.json"))
}

/// A catalog's folder in the workspace's output: `generated/<name>/`.
#[must_use]
pub fn output_of(catalog: &str) -> PathBuf {
    root().join("generated").join(catalog)
}

/// Every catalog of the workspace's `spec/`, loaded quietly: their
/// diagnostics are the error.
pub fn catalogs() -> Result<Vec<codegen::Catalog>, String> {
    let args = SpecArgs::workspace_default();
    catalogs_in(&args.spec, &args.spec_display)
}

/// Every catalog of the spec root `spec` (named `display` in messages),
/// loaded quietly: their diagnostics are the error.
pub fn catalogs_in(spec: &Path, display: &str) -> Result<Vec<codegen::Catalog>, String> {
    let repository = codegen::repository::load(spec, display, &[]);
    let diagnostics: Vec<codegen::Diagnostic> =
        repository.all_diagnostics().into_iter().cloned().collect();
    match repository.valid_catalogs() {
        Some(catalogs) => Ok(catalogs.into_iter().cloned().collect()),
        None => Err(format!(
            "{display}/ has errors:\n{}",
            codegen::diagnostic::render_all(&diagnostics)
        )),
    }
}

/// Runs `check` on every catalog of the workspace's `spec/`, stopping at the
/// first failure, which names the catalog.
///
/// # Errors
/// The spec's errors, or the first failed check.
pub fn for_each_catalog(
    mut check: impl FnMut(&codegen::Catalog) -> Result<(), String>,
) -> Result<(), String> {
    let catalogs = catalogs()?;
    if catalogs.is_empty() {
        println!("spec/ holds no catalog");
    }
    for catalog in &catalogs {
        println!("--- catalog `{}`", catalog.name);
        check(catalog).map_err(|e| format!("catalog `{}`: {e}", catalog.name))?;
    }
    Ok(())
}

/// Where the spec is read from and the output written to, and which of the
/// spec's catalogs a command is about.
#[derive(Debug, Clone)]
pub struct SpecArgs {
    /// A spec root (a folder of catalogs), one catalog's folder, or one table.
    pub spec: PathBuf,
    pub out: PathBuf,
    /// How the spec path is shown in messages and `@generated` lines.
    pub spec_display: String,
    /// How the output path is shown in messages.
    pub out_display: String,
    /// The catalogs to generate or check (`--catalog`); all when empty.
    pub catalogs: Vec<String>,
}

impl SpecArgs {
    /// The defaults: every catalog of `spec/`, into `generated/` of this workspace.
    #[must_use]
    pub fn workspace_default() -> Self {
        Self {
            spec: spec_root(),
            out: root().join("generated"),
            spec_display: "spec".into(),
            out_display: "generated".into(),
            catalogs: Vec::new(),
        }
    }

    /// Whether the output is the workspace's own `generated/`, whose crates
    /// are members of the workspace.
    #[must_use]
    pub fn is_workspace_output(&self) -> bool {
        self.out == Self::workspace_default().out
    }
}

/// A user-given path as shown in messages and `@generated` lines: relative
/// to the workspace root when it is inside it (so `spec`, `./spec` and an
/// absolute path to it all read `spec`), else as given; `/` separators, no
/// `./` in front, no trailing `/`.
#[must_use]
pub fn display_path(value: &str, path: &Path) -> String {
    let root = root().canonicalize().ok();
    let inside = path
        .canonicalize()
        .ok()
        .zip(root)
        .and_then(|(path, root)| path.strip_prefix(&root).ok().map(Path::to_path_buf));
    let shown = match inside {
        Some(relative) if !relative.as_os_str().is_empty() => {
            relative.to_string_lossy().into_owned()
        }
        _ => value.to_owned(),
    };
    let shown = shown.replace('\\', "/");
    let mut trimmed = shown.trim_end_matches('/');
    while let Some(rest) = trimmed.strip_prefix("./") {
        trimmed = rest;
    }
    if trimmed.is_empty() {
        shown.clone()
    } else {
        trimmed.to_owned()
    }
}

/// A path from the command line, relative to the current folder.
///
/// # Errors
/// When the current folder cannot be read.
pub fn from_current_dir(value: &str) -> Result<PathBuf, String> {
    std::env::current_dir()
        .map(|dir| dir.join(value))
        .map_err(|e| format!("cannot read the current folder: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_workspace_are_shown_relative_to_it() {
        let spec = root().join("spec");
        assert_eq!(display_path("spec", &spec), "spec");
        assert_eq!(display_path("./spec/", &spec), "spec");
        assert_eq!(display_path(&spec.to_string_lossy(), &spec), "spec");
        let table = root().join("codegen/tests/data/huawei/iam-error-codes.csv");
        assert_eq!(
            display_path("x", &table),
            "codegen/tests/data/huawei/iam-error-codes.csv"
        );
        let elsewhere = tempfile::tempdir().expect("a temp folder");
        let outside = elsewhere.path().join("no-such-spec.csv");
        assert_eq!(
            display_path("./no-such-spec.csv", &outside),
            "no-such-spec.csv"
        );
    }
}
