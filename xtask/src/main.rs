//! The project's commands, run as `cargo xtask <command>`.
//!
//! ```text
//! cargo xtask gen   [--spec PATH] [--out DIR]   generate the packages from the spec
//! cargo xtask check [--spec PATH] [--out DIR]   fail if the output is not what gen would write
//! cargo xtask ci                                every check CI runs, in order
//! cargo xtask bench [--quick]                   generation, compile-time and lookup benchmarks
//! cargo xtask semver [NAME...]                  gen's semver advice against cargo-semver-checks, per scenario
//! cargo xtask semver --fast                      the scenarios' discriminants only (a step of `ci`)
//! cargo xtask import PAGE [options]             a documentation page's table → a spec table
//! ```
//!
//! Exit codes: 0 success, 1 `check` found drift, 2 the spec has errors,
//! 3 anything else (bad usage, a file that cannot be written, a failed CI step).

mod bench;
mod ci;
mod docs;
mod exhaustive_match;
mod import;
mod import_checks;
mod numbers;
mod openapi;
mod process;
mod semver_suite;
mod spec_checks;
mod sync;
mod ts;
mod workflows;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code: `check` found output that differs from what `gen` would write.
const EXIT_DRIFT: u8 = 1;
/// Exit code: the spec has errors.
const EXIT_SPEC_ERRORS: u8 = 2;
/// Exit code: bad usage, I/O failure or a failed CI step.
const EXIT_FAILURE: u8 = 3;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  gen     generate the Rust crate, npm package, docs and OpenAPI components from the spec
  check   exit 1 with a diff if the output is not what `gen` would write
  ci      run every check that CI runs, stopping at the first failure
  bench   run the benchmarks and print one table (--quick: a smoke run)
  semver  run the semver scenario suite: gen's advice against cargo-semver-checks
          (NAME...: only the scenarios whose name contains one of them;
          --fast: only the discriminants of each scenario's crate, without the checker)
  import  read a documentation page's error-code table into a spec table

import PAGE [--table N] [--out FILE] [--format csv|yaml] [--column 'Header=field']...
       PAGE [--check [--spec PATH]]
  PAGE            .rst, .md, .html, or .txt (the text copied from a rendered page)
  --table N       the table to read, when the page has several (1 = the first)
  --out FILE      write the table there, whole or not at all [default: standard output]
  --format F      csv or yaml [default: from --out's extension, else csv]
  --column H=F    the page's column H holds the spec field F (e.g. 'Error Type=error_code')
  --check         compare the page with the spec: exit 1 with a diff if they differ

options (gen, check):
  --spec PATH   a spec folder (catalog.yaml and tables) or one CSV/YAML table [default: spec]
  --out DIR     the output folder [default: generated]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(EXIT_FAILURE);
    };
    let result = match command.as_str() {
        "gen" | "check" => match SpecArgs::parse(rest) {
            Ok(spec_args) if command == "gen" => sync::generate(&spec_args),
            Ok(spec_args) => sync::check(&spec_args),
            Err(message) => Err(Failure::Usage(message)),
        },
        "ci" if rest.is_empty() => ci::run(&workspace_root()).map_err(Failure::Other),
        "bench" => bench::run(&workspace_root(), rest).map_err(Failure::Other),
        "semver" if rest == ["--fast"] => {
            semver_suite::discriminants::run(&workspace_root()).map_err(Failure::Other)
        }
        "semver" => semver_suite::run(&workspace_root(), rest).map_err(Failure::Other),
        "import" => import::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(Failure::Usage(format!(
            "unknown command `{}`",
            args.join(" ")
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let code = match &failure {
                Failure::Drift => EXIT_DRIFT,
                Failure::SpecErrors => EXIT_SPEC_ERRORS,
                Failure::Usage(message) => {
                    eprintln!("error: {message}\n\n{USAGE}");
                    EXIT_FAILURE
                }
                Failure::Other(message) => {
                    eprintln!("error: {message}");
                    EXIT_FAILURE
                }
            };
            ExitCode::from(code)
        }
    }
}

/// Why a command failed; each has its exit code.
#[derive(Debug)]
pub enum Failure {
    /// `check` found differences (already printed).
    Drift,
    /// The spec has errors (already printed).
    SpecErrors,
    Usage(String),
    Other(String),
}

/// Where the spec is read from and the output written to.
#[derive(Debug, Clone)]
pub struct SpecArgs {
    pub spec: PathBuf,
    pub out: PathBuf,
    /// How the spec path is shown in messages and `@generated` lines.
    pub spec_display: String,
    /// How the output path is shown in messages.
    pub out_display: String,
}

impl SpecArgs {
    /// The defaults: `spec/` and `generated/` of this workspace.
    #[must_use]
    pub fn workspace_default() -> Self {
        let root = workspace_root();
        Self {
            spec: root.join("spec"),
            out: root.join("generated"),
            spec_display: "spec".into(),
            out_display: "generated".into(),
        }
    }

    fn parse(args: &[String]) -> Result<Self, String> {
        let mut parsed = Self::workspace_default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| format!("`{flag}` needs a value"))?;
            let path = std::env::current_dir()
                .map(|dir| dir.join(value))
                .map_err(|e| format!("cannot read the current folder: {e}"))?;
            match flag.as_str() {
                "--spec" => {
                    if !path.exists() {
                        return Err(format!("the spec `{value}` does not exist"));
                    }
                    parsed.spec_display = display_path(value, &path);
                    parsed.spec = path;
                }
                "--out" => {
                    parsed.out_display = display_path(value, &path);
                    parsed.out = path;
                }
                _ => return Err(format!("unknown option `{flag}`")),
            }
        }
        Ok(parsed)
    }
}

/// A user-given path as shown in messages and `@generated` lines: relative
/// to the workspace root when it is inside it (so `spec`, `./spec` and an
/// absolute path to it all read `spec`), else as given; `/` separators, no
/// `./` in front, no trailing `/`.
fn display_path(value: &str, path: &Path) -> String {
    let root = workspace_root().canonicalize().ok();
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

/// The workspace root (the folder holding `xtask/`).
#[must_use]
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_workspace_are_shown_relative_to_it() {
        let root = workspace_root();
        let spec = root.join("spec");
        assert_eq!(display_path("spec", &spec), "spec");
        assert_eq!(display_path("./spec/", &spec), "spec");
        assert_eq!(display_path(&spec.to_string_lossy(), &spec), "spec");
        let table = root.join("codegen/tests/data/huawei/iam-error-codes.csv");
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
