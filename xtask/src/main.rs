//! The project's commands, run as `cargo xtask <command>` (`--help` on each
//! says what it takes):
//!
//! ```text
//! cargo xtask gen     [--spec PATH] [--out DIR] [--catalog NAME]...   generate the packages and the site
//! cargo xtask check   [--spec PATH] [--out DIR] [--catalog NAME]...   fail if the output is not what gen writes
//! cargo xtask ci                                 every check CI runs, in order
//! cargo xtask bench   [--quick]                  generation, compile-time, lookup and bundle benchmarks
//! cargo xtask semver  [--fast] [NAME...]         gen's semver advice against cargo-semver-checks
//! cargo xtask import  PAGE --catalog NAME ...    a documentation page's table → a new catalog
//! ```
//!
//! Exit codes: 0 success, 1 `check` found drift, 2 the spec has errors,
//! 3 anything else (bad usage, a file that cannot be written, a failed CI
//! step). Every module does one job; this file only reads the command line.

mod bench;
mod body_shapes;
mod ci;
mod consumer;
mod docs;
mod exhaustive_match;
mod failure;
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
mod workspace;

use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

use failure::Failure;
use workspace::SpecArgs;

fn main() -> ExitCode {
    let matches = match cli().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => {
            let _ = e.print();
            // Help is a success; any other mistake is bad usage (exit 3).
            return if e.use_stderr() {
                ExitCode::from(3)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(&matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn run(matches: &ArgMatches) -> Result<(), Failure> {
    let root = workspace::root();
    match matches.subcommand() {
        Some(("gen", args)) => sync::generate(&spec_args(args)?),
        Some(("check", args)) => sync::check(&spec_args(args)?),
        Some(("ci", args)) => {
            let only: Vec<String> = args
                .get_many::<String>("steps")
                .map(|names| names.cloned().collect())
                .unwrap_or_default();
            ci::run(&root, &only).map_err(Failure::Other)
        }
        Some(("bench", args)) => bench::run(&root, args.get_flag("quick")).map_err(Failure::Other),
        Some(("semver", args)) if args.get_flag("fast") => {
            semver_suite::discriminants::run(&root).map_err(Failure::Other)
        }
        Some(("semver", args)) => {
            let names: Vec<String> = args
                .get_many::<String>("names")
                .map(|names| names.cloned().collect())
                .unwrap_or_default();
            semver_suite::run(&root, &names).map_err(Failure::Other)
        }
        Some(("import", args)) => import::run(args),
        _ => Err(Failure::Usage("no command".into())),
    }
}

/// The command line: each command with its options and its help.
fn cli() -> Command {
    Command::new("xtask")
        .bin_name("cargo xtask")
        .about("The project's commands: generate the packages and the site from spec/, check them, run CI")
        .after_help(
            "Exit codes: 0 success, 1 `check` found drift, 2 the spec has errors, 3 anything else.",
        )
        .subcommand_required(true)
        .subcommand(
            Command::new("gen")
                .about("Generate every catalog's Rust crate, npm package and OpenAPI files, and the docs site")
                .long_about(
                    "Validates every catalog of the spec (every problem of every catalog is \
                     reported, and then nothing is written) and writes the outputs: only the \
                     files that changed; files it produced before and no longer produces (a \
                     deleted catalog's) are removed.",
                )
                .args(spec_options()),
        )
        .subcommand(
            Command::new("check")
                .about("Exit 1 with a diff if the output is not what `gen` would write")
                .args(spec_options()),
        )
        .subcommand(
            Command::new("ci")
                .about("Run every check that CI runs, in order, stopping at the first failure")
                .arg(
                    Arg::new("steps")
                        .value_name("WORD")
                        .num_args(0..)
                        .help("Only the steps whose name contains one of these words (e.g. `ci openapi`); CI runs them all"),
                ),
        )
        .subcommand(
            Command::new("bench")
                .about("Run the benchmarks and print one report (also target/bench/report.md)")
                .arg(
                    Arg::new("quick")
                        .long("quick")
                        .action(ArgAction::SetTrue)
                        .help("A smoke run: small sizes, few samples; it checks that the benchmarks run, not how fast"),
                ),
        )
        .subcommand(
            Command::new("semver")
                .about("Check gen's semver advice against cargo-semver-checks, one scenario per kind of edit")
                .arg(
                    Arg::new("fast")
                        .long("fast")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("names")
                        .help("Only the discriminants of each scenario's crate, without the checker (a step of `ci`)"),
                )
                .arg(
                    Arg::new("names")
                        .value_name("NAME")
                        .num_args(0..)
                        .help("Only the scenarios whose name contains one of these words"),
                ),
        )
        .subcommand(import::command())
}

/// `--spec`, `--out` and `--catalog`, for `gen` and `check`.
fn spec_options() -> [Arg; 3] {
    [
        Arg::new("spec")
            .long("spec")
            .value_name("PATH")
            .help("A spec root (a folder of catalogs), one catalog's folder, or one CSV/YAML table [default: spec]"),
        Arg::new("out")
            .long("out")
            .value_name("DIR")
            .help("The output folder [default: generated]"),
        Arg::new("catalog")
            .long("catalog")
            .value_name("NAME")
            .action(ArgAction::Append)
            .help("Only this catalog (its folder under the spec root); may be given more than once"),
    ]
}

/// The spec, output folder and catalogs of `gen` or `check`.
fn spec_args(args: &ArgMatches) -> Result<SpecArgs, Failure> {
    let mut parsed = SpecArgs::workspace_default();
    if let Some(value) = args.get_one::<String>("spec") {
        let path = workspace::from_current_dir(value).map_err(Failure::Other)?;
        if !path.exists() {
            return Err(Failure::Usage(format!("the spec `{value}` does not exist")));
        }
        parsed.spec_display = workspace::display_path(value, &path);
        parsed.spec = path;
    }
    if let Some(value) = args.get_one::<String>("out") {
        let path = workspace::from_current_dir(value).map_err(Failure::Other)?;
        parsed.out_display = workspace::display_path(value, &path);
        parsed.out = path;
    }
    parsed.catalogs = args
        .get_many::<String>("catalog")
        .map(|names| names.cloned().collect())
        .unwrap_or_default();
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        cli().debug_assert();
    }

    #[test]
    fn every_command_has_its_help() {
        let mut cli = cli();
        for command in cli.get_subcommands_mut() {
            let help = command.render_help().to_string();
            assert!(help.contains("Usage: "), "{help}");
            assert!(command.get_about().is_some(), "{}", command.get_name());
        }
    }
}
