//! `cargo xtask ci`: every check, in order, stopping at the first failure.

use std::path::Path;
use std::time::Instant;

use crate::SpecArgs;
use crate::process::{Step, cargo, run_command};

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
            name: "generated crate alone",
            run: generated_crate,
        },
        Step {
            name: "cargo package",
            run: package,
        },
        Step {
            name: "consumer fixture",
            run: consumer,
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
    steps.extend(crate::import_checks::steps());
    steps.extend(crate::bench::steps());
    steps
}

/// Runs every step; the error names the step that failed.
pub fn run(root: &Path) -> Result<(), String> {
    let all = steps();
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

/// The spec's Rust crate name (the generated crate's package).
fn crate_name() -> Result<String, String> {
    crate::sync::seed_catalog().map(|catalog| catalog.meta.crate_name)
}

/// The generated crate on its own: without features (no dependencies),
/// clippy-clean; with all features, docs without warnings.
fn generated_crate(root: &Path) -> Result<(), String> {
    let name = crate_name()?;
    cargo(
        root,
        &[
            "clippy",
            "--locked",
            "--package",
            &name,
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
            &name,
        ],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )
}

/// The generated crate packages for crates.io (and the package builds).
fn package(root: &Path) -> Result<(), String> {
    cargo(
        root,
        &[
            "package",
            "--locked",
            "--allow-dirty",
            "--package",
            &crate_name()?,
        ],
    )
}

/// A crate outside the workspace that depends on the generated one by path
/// is formatted, clippy-clean, passes its tests, and parses every fixture
/// body as the fixture expects.
fn consumer(root: &Path) -> Result<(), String> {
    let manifest = "xtask/fixtures/consumer/Cargo.toml";
    let target = root.join("target/consumer");
    let target = target.to_str().ok_or("the target path is not UTF-8")?;
    let env = [("CARGO_TARGET_DIR", target)];
    run_command(
        root,
        "rustfmt",
        &[
            "--check",
            "--edition",
            "2024",
            "xtask/fixtures/consumer/src/main.rs",
        ],
        &[],
    )?;
    run_command(
        root,
        "cargo",
        &[
            "clippy",
            "--locked",
            "--all-targets",
            "--manifest-path",
            manifest,
            "--",
            "-D",
            "warnings",
        ],
        &env,
    )?;
    run_command(
        root,
        "cargo",
        &["test", "--locked", "--manifest-path", manifest],
        &env,
    )?;
    run_command(
        root,
        "cargo",
        &[
            "run",
            "--quiet",
            "--locked",
            "--manifest-path",
            manifest,
            "--",
            "xtask/fixtures/error-bodies.json",
        ],
        &env,
    )
}

fn sync_check() -> Result<(), String> {
    crate::sync::check(&SpecArgs::workspace_default())
        .map_err(|_| "generated/ is not in sync with spec/".to_owned())
}
