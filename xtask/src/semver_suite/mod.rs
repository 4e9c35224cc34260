//! `cargo xtask semver [NAME...]`: the semver scenario suite (issue 15).
//!
//! For each scenario (an edit of the sample table, see [`scenarios`]) it
//! generates the edited spec with `gen`, as a maintainer would, and runs
//! cargo-semver-checks on the edited crate against the sample's crate. It
//! prints one Markdown table, `gen`'s advice against the checker's verdict,
//! also written to `target/semver/report.md` (and each check's output to
//! `target/semver/logs/`), and fails when any scenario disagrees or when
//! adding a code needs a breaking release.
//!
//! With `NAME`s, only the scenarios whose name contains one of them run.
//! Everything is generated in a temporary folder outside the workspace.
//! Too slow for every CI run (the checker builds rustdoc for two crates per
//! scenario); [`discriminants`], a step of `cargo xtask ci`, is its fast
//! half: the same scenarios, the enum's layout compared from the source.

pub(crate) mod checker;
pub mod discriminants;
pub mod prepare;
#[cfg(test)]
mod public_api;
mod report;
pub mod scenarios;
mod table;

use std::fs;
use std::path::Path;
use std::time::Instant;

use report::Line;
use scenarios::{SCENARIOS, Scenario};

/// Where the report and the logs go.
const REPORT_DIR: &str = "target/semver";

/// Runs the suite; the error says which scenarios failed.
pub fn run(root: &Path, names: &[String]) -> Result<(), String> {
    let selected: Vec<&Scenario> = SCENARIOS
        .iter()
        .filter(|s| names.is_empty() || names.iter().any(|n| s.name.contains(n.as_str())))
        .collect();
    if selected.is_empty() {
        let all: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
        return Err(format!(
            "no scenario's name contains {}; the scenarios are:\n  {}",
            names.join(" or "),
            all.join("\n  ")
        ));
    }
    let started = Instant::now();
    let tool = checker::install(root)?;
    let scratch = tempfile::Builder::new()
        .prefix("error-codes-semver-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    println!("working in {}", scratch.path().display());
    let baseline = prepare::baseline(
        &root.join(prepare::SAMPLE),
        &scratch.path().join("baseline"),
    )?;
    let old = baseline.version()?;
    let old = semver::Version::parse(&old)
        .map_err(|e| format!("the sample's version `{old}` is not semver: {e}"))?;
    let logs = root.join(REPORT_DIR).join("logs");
    let _ = fs::remove_dir_all(&logs);
    fs::create_dir_all(&logs).map_err(|e| format!("creating {}: {e}", logs.display()))?;

    let mut lines = Vec::new();
    for (i, scenario) in selected.iter().enumerate() {
        println!(
            "\n==> scenario {}/{}: {}",
            i + 1,
            selected.len(),
            scenario.name
        );
        let dir = scratch.path().join(format!("scenario-{i}"));
        let scenario_started = Instant::now();
        let edited = prepare::edit(&baseline, scenario, &dir)?;
        prepare::generate(&edited.specimen)?;
        let checked = checker::check(&tool, &baseline.crate_dir(), &edited.specimen.crate_dir());
        let log = logs.join(format!("{}.txt", slug(scenario.name)));
        let output = match &checked {
            Ok((_, output)) | Err(output) => output,
        };
        fs::write(&log, format!("{}\n\n{output}", scenario.name))
            .map_err(|e| format!("writing {}: {e}", log.display()))?;
        let verdict = checked.map(|(verdict, _)| verdict);
        match &verdict {
            Ok(v) => println!(
                "gen advises: {}; cargo-semver-checks requires: {} (failed: {}; warned: {})",
                edited.changes.required_bump(),
                v.required,
                v.failed.join(", "),
                v.warned.join(", "),
            ),
            Err(e) => eprintln!("error: {e}"),
        }
        lines.push(Line {
            scenario: scenario.name,
            adds_code: scenario.adds_code(),
            advice: edited.changes.required_bump(),
            verdict,
            seconds: scenario_started.elapsed().as_secs_f64(),
        });
        // The edited crate and its rustdoc build can be large: free the space now.
        let _ = fs::remove_dir_all(&dir);
    }

    let table = report::markdown(&old, &lines);
    let path = root.join(REPORT_DIR).join("report.md");
    fs::write(&path, &table).map_err(|e| format!("writing {}: {e}", path.display()))?;
    println!("\n{table}");
    println!(
        "wrote {} (and the checker's output of each scenario in {}) in {:.0?}",
        path.display(),
        logs.display(),
        started.elapsed()
    );
    let failing: Vec<&str> = lines
        .iter()
        .filter(|l| l.fails(&old))
        .map(|l| l.scenario)
        .collect();
    if failing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "gen's advice and cargo-semver-checks {VERSION} disagree, or adding a code \
             breaks users, in {} scenario(s):\n  {}",
            failing.len(),
            failing.join("\n  "),
            VERSION = checker::VERSION,
        ))
    }
}

/// A file name for a scenario: its name in lower case, words joined by `-`.
fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_names_are_distinct_words_of_the_scenario_names() {
        assert_eq!(
            slug("code removed (AIS.0505; version raised as gen demands)"),
            "code-removed-ais-0505-version-raised-as-gen-demands"
        );
        let slugs: std::collections::HashSet<String> =
            SCENARIOS.iter().map(|s| slug(s.name)).collect();
        assert_eq!(slugs.len(), SCENARIOS.len());
    }
}
