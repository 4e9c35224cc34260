//! `cargo xtask ci`: every check, in order, stopping at the first failure.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::SpecArgs;

/// One CI step: a name for the log and what it runs.
pub struct Step {
    pub name: &'static str,
    pub run: fn(&Path) -> Result<(), String>,
}

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
            name: "rustdoc",
            run: rustdoc,
        },
        Step {
            name: "sync check",
            run: |_| sync_check(),
        },
    ];
    steps.extend(crate::spec_checks::steps());
    steps.extend(crate::ts::steps());
    steps.extend(crate::docs::steps());
    steps.extend(crate::bench::steps());
    steps
}

/// Runs every step; the error names the step that failed.
pub fn run(root: &Path) -> Result<(), String> {
    let all = steps();
    let started = Instant::now();
    for (i, step) in all.iter().enumerate() {
        println!("\n==> ci step {}/{}: {}", i + 1, all.len(), step.name);
        (step.run)(root).map_err(|e| format!("ci step `{}` failed: {e}", step.name))?;
    }
    println!(
        "\nci: all {} steps passed in {:.0?}",
        all.len(),
        started.elapsed()
    );
    Ok(())
}

/// Runs a command in `dir`, echoing it; fails if it exits non-zero.
pub fn run_command(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(), String> {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` exited with {status}",
            args.join(" ")
        ))
    }
}

pub fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    run_command(root, "cargo", args, &[])
}

/// The generated crate's docs build without warnings.
fn rustdoc(root: &Path) -> Result<(), String> {
    let catalog = crate::sync::load(&SpecArgs::workspace_default())
        .map_err(|_| "the spec has errors".to_owned())?;
    run_command(
        root,
        "cargo",
        &[
            "doc",
            "--no-deps",
            "--locked",
            "--package",
            &catalog.meta.crate_name,
        ],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )
}

fn sync_check() -> Result<(), String> {
    crate::sync::check(&SpecArgs::workspace_default())
        .map_err(|_| "generated/ is not in sync with spec/".to_owned())
}
