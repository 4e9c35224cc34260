//! `cargo xtask ci`: every check, in order, stopping at the first failure.

use std::path::Path;
use std::time::Instant;

use crate::process::{Step, cargo, run_command};
use crate::workspace::{SpecArgs, for_each_catalog};

/// The steps, in order.
fn steps() -> Vec<Step> {
    let mut steps = vec![
        Step {
            name: "rustfmt",
            run: |root| cargo(root, &["fmt", "--all", "--check"]),
        },
        Step {
            name: "clippy",
            run: |root| {
                cargo(
                    root,
                    &[
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--locked",
                        "--",
                        "-D",
                        "warnings",
                    ],
                )
            },
        },
        Step {
            name: "test",
            run: |root| cargo(root, &["test", "--workspace", "--locked"]),
        },
        Step {
            name: "generated crates alone (clippy without features, docs with all)",
            run: generated_crates,
        },
        Step {
            name: "cargo package (each catalog's crate)",
            run: package,
        },
        Step {
            name: "consumer crate outside the workspace (against each catalog's crate)",
            run: crate::consumer::consumer,
        },
        Step {
            name: "sync check",
            run: |_| sync_check(),
        },
    ];
    steps.extend(crate::exhaustive_match::steps());
    steps.push(Step {
        name: "semver scenarios: stable discriminants (the fast half of `cargo xtask semver`)",
        run: crate::semver_suite::discriminants::run,
    });
    steps.extend(crate::ts::steps());
    steps.extend(crate::docs::steps());
    steps.extend(crate::openapi::steps());
    steps.extend(crate::workflows::steps());
    // Last: other specs' packages get the checks above, with their tools installed.
    steps.extend(crate::spec_checks::steps());
    steps.extend(crate::body_shapes::steps());
    steps.extend(crate::import_checks::steps());
    steps.extend(crate::bench::steps());
    steps
}

/// Runs every step (or those whose name contains a word of `only`); the
/// error names the step that failed.
pub fn run(root: &Path, only: &[String]) -> Result<(), String> {
    let mut all = steps();
    if !only.is_empty() {
        all.retain(|step| only.iter().any(|word| step.name.contains(word.as_str())));
        if all.is_empty() {
            return Err(format!("no step's name contains {}", only.join(" or ")));
        }
    }
    let started = Instant::now();
    for (i, step) in all.iter().enumerate() {
        println!("\n==> ci step {}/{}: {}", i + 1, all.len(), step.name);
        let step_started = Instant::now();
        if let Err(e) = (step.run)(root) {
            if std::env::var_os("GITHUB_ACTIONS").is_some() {
                // An annotation: the run's summary page names the step.
                println!("::error title=ci step failed::{}", step.name);
            }
            return Err(format!("ci step `{}` failed: {e}", step.name));
        }
        println!("<== {} passed in {:.1?}", step.name, step_started.elapsed());
    }
    println!(
        "\nci: all {} steps passed in {:.0?}",
        all.len(),
        started.elapsed()
    );
    Ok(())
}

/// Each catalog's crate on its own: without features (no dependencies),
/// clippy-clean; with all features, docs without warnings.
fn generated_crates(root: &Path) -> Result<(), String> {
    for_each_catalog(|catalog| {
        let name = &catalog.meta.crate_name;
        cargo(
            root,
            &[
                "clippy",
                "--locked",
                "--package",
                name,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )?;
        run_command(
            root,
            "cargo",
            &[
                "doc",
                "--no-deps",
                "--locked",
                "--all-features",
                "--package",
                name,
            ],
            &[("RUSTDOCFLAGS", "-D warnings")],
        )
    })
}

/// Each catalog's crate packages for crates.io (and the package builds).
fn package(root: &Path) -> Result<(), String> {
    for_each_catalog(|catalog| {
        cargo(
            root,
            &[
                "package",
                "--locked",
                "--allow-dirty",
                "--package",
                &catalog.meta.crate_name,
            ],
        )
    })
}

fn sync_check() -> Result<(), String> {
    crate::sync::check(&SpecArgs::workspace_default())
        .map_err(|_| "generated/ is not in sync with spec/".to_owned())
}
