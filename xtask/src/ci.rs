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

/// The consumer crate's sources, and where copies of it are built.
const CONSUMER: &str = "xtask/fixtures/consumer";

/// A crate outside the workspace that depends on each catalog's crate by
/// path (`xtask/fixtures/consumer`, a copy per catalog) is formatted,
/// clippy-clean, passes its tests, finds in the crate what the catalog's
/// `catalog.json` says of every code, writes each code's documented body,
/// and parses every body of its shape's fixture as the fixture expects.
fn consumer(root: &Path) -> Result<(), String> {
    run_command(
        root,
        "rustfmt",
        &[
            "--check",
            "--edition",
            "2024",
            &format!("{CONSUMER}/src/main.rs"),
        ],
        &[],
    )?;
    let target = root.join("target/consumer");
    for_each_catalog(|catalog| {
        let output = crate::workspace::output_of(&catalog.name);
        consumer_of(root, &target, &output, catalog)
    })
}

/// A copy of the consumer in `target/<name>`, depending on the crate of the
/// catalog's output folder `output`, is clippy-clean, passes its tests, and
/// runs ([`run_consumer`]). The copies share `target/target`.
pub fn consumer_of(
    root: &Path,
    target: &Path,
    output: &Path,
    catalog: &codegen::Catalog,
) -> Result<(), String> {
    let dir = target.join(&catalog.name);
    let manifest = consumer_copy(root, &dir, &catalog.meta.crate_name, &output.join("rust"))?;
    let shared_target = target.join("target");
    let shared_target = shared_target
        .to_str()
        .ok_or("the target path is not UTF-8")?;
    let env = [("CARGO_TARGET_DIR", shared_target)];
    let manifest = manifest.to_str().ok_or("the target path is not UTF-8")?;
    // The copy's lockfile gains the catalog's crate, nothing else.
    run_command(
        root,
        "cargo",
        &[
            "update",
            "--offline",
            "--workspace",
            "--quiet",
            "--manifest-path",
            manifest,
        ],
        &env,
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
    run_consumer(root, manifest, output, catalog, &env)
}

/// Runs a copy of the consumer (its manifest) on the output folder of a
/// catalog (`generated/<name>/` or another spec's): its `catalog.json` and
/// the fixture of its shape's error bodies.
pub fn run_consumer(
    root: &Path,
    manifest: &str,
    output: &Path,
    catalog: &codegen::Catalog,
    env: &[(&str, &str)],
) -> Result<(), String> {
    let catalog_json = output.join(codegen::emit::json::PATH);
    let fixture = crate::workspace::error_bodies(catalog.meta.error_body.shape.name());
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
            catalog_json
                .to_str()
                .ok_or("the output path is not UTF-8")?,
            fixture.to_str().ok_or("the fixture's path is not UTF-8")?,
        ],
        env,
    )
}

/// A copy of the consumer in `dir` that depends on the crate `name` at
/// `crate_dir`; its manifest.
fn consumer_copy(
    root: &Path,
    dir: &Path,
    name: &str,
    crate_dir: &Path,
) -> Result<std::path::PathBuf, String> {
    let source = root.join(CONSUMER);
    let read = |file: &str| {
        std::fs::read_to_string(source.join(file))
            .map_err(|e| format!("reading {CONSUMER}/{file}: {e}"))
    };
    let write = |file: &str, text: &str| {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("creating {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
    };
    // A JSON string is a TOML basic string.
    let path = serde_json::to_string(crate_dir).map_err(|e| format!("the crate's path: {e}"))?;
    let manifest = read("Cargo.toml")?.replacen(
        "[dependencies]\n",
        &format!(
            "[dependencies]\nerror-codes = {{ package = \"{name}\", path = {path}, features = [\"serde\"] }}\n"
        ),
        1,
    );
    write("Cargo.toml", &manifest)?;
    write("Cargo.lock", &read("Cargo.lock")?)?;
    write("src/main.rs", &read("src/main.rs")?)?;
    Ok(dir.join("Cargo.toml"))
}

fn sync_check() -> Result<(), String> {
    crate::sync::check(&SpecArgs::workspace_default())
        .map_err(|_| "generated/ is not in sync with spec/".to_owned())
}
