//! cargo-semver-checks, the checker that Rust maintainers run before a
//! release: installed at a pinned version into the user's tools cache (as
//! mdBook is, see `crate::process::cargo_install`), and run on a baseline
//! crate and an edited one.
//!
//! Its verdict is the bump it requires with `--release-type patch` (which
//! runs every lint, whatever the versions say): exit status 0 is "no semver
//! update required"; 100 is a failed check, with the line "semver requires
//! new major/minor version" naming the level.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned version.
pub const VERSION: &str = "0.51.0";

/// Exit status of cargo-semver-checks when deny-level lints fail.
const LINTS_FAILED: i32 = 100;

/// The bump that cargo-semver-checks requires, in semver's terms (for a
/// 0.y.z crate, cargo reads "major" as y and "minor" as z).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Required {
    /// "no semver update required": any release will do.
    Nothing,
    Minor,
    Major,
}

impl std::fmt::Display for Required {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Required::Nothing => "none",
            Required::Minor => "minor",
            Required::Major => "major",
        })
    }
}

/// What cargo-semver-checks said about one edited crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub required: Required,
    /// The deny-level lints that failed (they set `required`).
    pub failed: Vec<String>,
    /// The warn-level lints that fired (they only suggest a bump).
    pub warned: Vec<String>,
}

/// The cargo-semver-checks binary, installed into the tools cache unless
/// the pinned version is already there (about 14 minutes of build on two
/// cores).
pub fn install(root: &Path) -> Result<PathBuf, String> {
    crate::process::cargo_install(
        root,
        &crate::process::CargoTool {
            krate: "cargo-semver-checks",
            version: VERSION,
            version_args: &["semver-checks", "--version"],
            version_line: format!("cargo-semver-checks {VERSION}"),
            build_time: "about 14 minutes on two cores",
        },
    )
}

/// Runs `cargo semver-checks check-release` on the crate in `current`
/// against the one in `baseline`; returns the verdict and the tool's output.
pub fn check(tool: &Path, baseline: &Path, current: &Path) -> Result<(Verdict, String), String> {
    let manifest = current.join("Cargo.toml");
    let args = [
        "semver-checks",
        "check-release",
        "--baseline-root",
        &baseline.to_string_lossy(),
        "--manifest-path",
        &manifest.to_string_lossy(),
        "--release-type",
        "patch",
        "--color",
        "never",
    ];
    println!("$ cargo {}", args.join(" "));
    // Each crate builds its rustdoc in its own `target` folder: the tool
    // names its build folders by crate name and version, which the baseline
    // and the edited crate share.
    let output = Command::new(tool)
        .args(args)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", tool.display()))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let verdict = verdict(output.status.code(), &text)?;
    Ok((verdict, text))
}

/// Reads the verdict from the exit status and the output (stdout and stderr).
fn verdict(status: Option<i32>, output: &str) -> Result<Verdict, String> {
    let lints = |kind: &str| -> Vec<String> {
        output
            .lines()
            .filter_map(|line| line.strip_prefix(&format!("--- {kind} ")))
            .filter_map(|rest| rest.split(':').next())
            .map(str::to_owned)
            .collect()
    };
    let (failed, warned) = (lints("failure"), lints("warning"));
    let summary = output
        .lines()
        .find_map(|line| line.trim().strip_prefix("Summary semver requires new "));
    let required = match (status, summary) {
        (Some(0), None) if output.contains("no semver update required") => Required::Nothing,
        (Some(LINTS_FAILED), Some(rest)) if rest.starts_with("major version") => Required::Major,
        (Some(LINTS_FAILED), Some(rest)) if rest.starts_with("minor version") => Required::Minor,
        _ => {
            let status = status.map_or("a signal".to_owned(), |code| code.to_string());
            return Err(format!(
                "cargo-semver-checks exited with {status} without a verdict:\n{output}"
            ));
        }
    };
    if required != Required::Nothing && failed.is_empty() {
        return Err(format!(
            "cargo-semver-checks requires a bump but named no failed lint:\n{output}"
        ));
    }
    Ok(Verdict {
        required,
        failed,
        warned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of cargo-semver-checks 0.51.0's output (its
    /// `check_release.rs`), shortened.
    const BREAKING: &str = "     Checking sample-error-codes v0.1.0 -> v0.1.0 (assume patch change)
     Checked [   0.050s] 196 checks: 194 pass, 1 fail, 1 warn, 0 skip

--- failure enum_repr_variant_discriminant_changed: variant of an enum with explicit repr changed discriminant ---

Description:
A variant of an enum with explicit repr changed its discriminant value.
Failed in:
  variant ErrorCode::Apig0201 11 -> 12 in /tmp/x/lib.rs:120

--- warning partial_ord_enum_variants_reordered: enum variants reordered in #[derive(PartialOrd)] enum ---

     Summary semver requires new major version: 1 major and 0 minor checks failed
     Warning produced 1 major and 0 minor level warnings
";

    #[test]
    fn a_failed_check_gives_its_level_and_lints() {
        let verdict = verdict(Some(100), BREAKING).expect("a verdict");
        assert_eq!(verdict.required, Required::Major);
        assert_eq!(verdict.failed, ["enum_repr_variant_discriminant_changed"]);
        assert_eq!(verdict.warned, ["partial_ord_enum_variants_reordered"]);
        let minor = BREAKING.replace(
            "new major version: 1 major and 0 minor",
            "new minor version: 0 major and 1 minor",
        );
        assert_eq!(verdict_of(&minor), Required::Minor);
    }

    fn verdict_of(output: &str) -> Required {
        verdict(Some(100), output).expect("a verdict").required
    }

    #[test]
    fn a_passed_check_requires_nothing() {
        let passed = "     Checked [   0.050s] 196 checks: 196 pass, 0 skip\n     Summary no semver update required\n";
        let verdict = verdict(Some(0), passed).expect("a verdict");
        assert_eq!(verdict.required, Required::Nothing);
        assert!(verdict.failed.is_empty() && verdict.warned.is_empty());
    }

    #[test]
    fn anything_else_is_an_error_with_the_output() {
        let error =
            verdict(Some(101), "error: failed to build rustdoc for crate").expect_err("no verdict");
        assert!(
            error.contains("exited with 101") && error.contains("failed to build rustdoc"),
            "{error}"
        );
        assert!(
            verdict(Some(0), BREAKING).is_err(),
            "a summary of failure with status 0"
        );
        assert!(
            verdict(Some(100), "Summary semver requires new major version").is_err(),
            "no lint named"
        );
        assert!(verdict(None, "").is_err());
    }
}
