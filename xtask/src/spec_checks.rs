//! CI steps for specs other than the workspace's: the hostile-text spec and
//! the sample catalog are generated into folders outside the workspace, and
//! their packages must build, test, lint and document cleanly on their own.
//!
//! The generated crates share one target folder, `target/spec-checks`, so a
//! second run rebuilds only what changed.

use std::path::Path;

use crate::process::{Step, run_command};
use crate::workspace::SpecArgs;

pub fn steps() -> Vec<Step> {
    vec![Step {
        name: "hostile-text spec: generate, test, lint, document",
        run: hostile_spec,
    }]
}

/// The spec whose every text tries to break out of the outputs.
const HOSTILE_SPEC: &str = "codegen/tests/specs/hostile";

/// HTML that the hostile spec's texts try to inject; its rendered
/// documentation must show each as text, never hold it as markup.
const INJECTED_HTML: [&str; 5] = [
    "<script>alert",
    "<img src=x",
    "<b>API</b>",
    "<i>soon</i>",
    "<b>request</b>",
];

fn hostile_spec(root: &Path) -> Result<(), String> {
    in_scratch_folder(|scratch| hostile_spec_in(root, scratch))
}

fn hostile_spec_in(root: &Path, scratch: &Path) -> Result<(), String> {
    let out = scratch.join("out");
    generate(&root.join(HOSTILE_SPEC), HOSTILE_SPEC, &out)?;
    check_packages(root, &out, "hostile")?;
    let docs = Path::new(&target_dir(root)).join("doc/hostile_error_codes");
    let pages = std::fs::read_dir(&docs).map_err(|e| format!("{}: {e}", docs.display()))?;
    let mut checked = 0;
    for page in pages {
        let path = page.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(found) = INJECTED_HTML.iter().find(|tag| html.contains(*tag)) {
            return Err(format!(
                "{} holds the spec's HTML `{found}`",
                path.display()
            ));
        }
        checked += 1;
    }
    if checked == 0 {
        return Err(format!("no documentation pages in {}", docs.display()));
    }
    println!("{checked} documentation pages hold none of the spec's HTML");
    Ok(())
}

/// Runs `check` in a new folder of its own under the system's temporary
/// folder, outside the workspace, so that the packages build as a user's
/// would (and `gen` finds no output of another run to compare with). The
/// folder is removed when the check passes, and kept when it fails, so that
/// the generated packages can be looked at.
pub(crate) fn in_scratch_folder(
    check: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let scratch = tempfile::Builder::new()
        .prefix("xtask-spec-checks-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    match check(scratch.path()) {
        Ok(()) => scratch
            .close()
            .map_err(|e| format!("cannot remove the temporary folder: {e}")),
        Err(message) => {
            let kept = scratch.keep();
            Err(format!(
                "{message}\n(the generated packages are kept in {})",
                kept.display()
            ))
        }
    }
}

/// `gen --spec <spec> --out <out>`, as a check: `spec_display` is how the
/// spec is named in gen's diagnostics and in the error.
pub(crate) fn generate(spec: &Path, spec_display: &str, out: &Path) -> Result<(), String> {
    let args = SpecArgs {
        spec: spec.to_path_buf(),
        out: out.to_path_buf(),
        spec_display: spec_display.to_owned(),
        out_display: out.display().to_string(),
        catalogs: Vec::new(),
    };
    crate::sync::generate(&args)
        .map_err(|failure| failure.describe(&format!("gen --spec {spec_display}")))
}

/// Every check of the output of a spec other than the workspace's, written
/// by `gen` into `out`, for its catalog `name` (`out/<name>/rust`,
/// `out/<name>/openapi`, the site `out/docs`): the one place that decides
/// what another spec's packages must pass.
pub fn check_packages(root: &Path, out: &Path, name: &str) -> Result<(), String> {
    check_catalog_packages(root, out, name)?;
    crate::docs::check_generated_book(root, name, &out.join("docs"))
}

/// The checks of one catalog's output in `out` (its crate and its `OpenAPI`
/// files), without the site.
pub fn check_catalog_packages(root: &Path, out: &Path, name: &str) -> Result<(), String> {
    let folder = out.join(name);
    check_rust_crate(root, &folder.join("rust"))?;
    check_rust_docs(root, &folder.join("rust"))?;
    crate::openapi::check_output(root, name, &folder)
}

/// The crate's tests (doc tests included) pass and clippy (pedantic, set by
/// the crate's own `[lints]`) finds nothing.
fn check_rust_crate(root: &Path, crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let manifest = manifest
        .to_str()
        .ok_or("the temporary folder is not UTF-8")?;
    let target = target_dir(root);
    let env = [("CARGO_TARGET_DIR", target.as_str())];
    run_command(
        crate_dir,
        "cargo",
        &[
            "clippy",
            "--quiet",
            "--manifest-path",
            manifest,
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &env,
    )?;
    run_command(
        crate_dir,
        "cargo",
        &["test", "--quiet", "--manifest-path", manifest],
        &env,
    )
}

/// The crate's documentation builds without a warning.
fn check_rust_docs(root: &Path, crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let manifest = manifest
        .to_str()
        .ok_or("the temporary folder is not UTF-8")?;
    let target = target_dir(root);
    run_command(
        crate_dir,
        "cargo",
        &["doc", "--quiet", "--no-deps", "--manifest-path", manifest],
        &[
            ("CARGO_TARGET_DIR", target.as_str()),
            ("RUSTDOCFLAGS", "-D warnings"),
        ],
    )
}

fn target_dir(root: &Path) -> String {
    root.join("target/spec-checks").display().to_string()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_scratch_folder_is_removed_after_a_pass_and_kept_after_a_failure() {
        let mut used = PathBuf::new();
        in_scratch_folder(|scratch| {
            used = scratch.to_path_buf();
            std::fs::write(scratch.join("file"), "x").map_err(|e| e.to_string())
        })
        .expect("a passing check");
        assert!(!used.as_os_str().is_empty() && !used.exists());

        let error = in_scratch_folder(|scratch| {
            used = scratch.to_path_buf();
            std::fs::write(scratch.join("file"), "x").map_err(|e| e.to_string())?;
            Err("the check failed".to_owned())
        })
        .expect_err("a failing check");
        assert!(used.join("file").is_file(), "kept to be looked at");
        assert!(error.starts_with("the check failed\n"), "{error}");
        assert!(error.contains(&used.display().to_string()), "{error}");
        std::fs::remove_dir_all(&used).expect("clean up");
    }
}
