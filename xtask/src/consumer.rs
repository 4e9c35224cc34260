//! The consumer crate outside the workspace (`xtask/fixtures/consumer`),
//! built against a catalog's crate: a copy per catalog, whose `Cargo.toml`
//! gets the dependency renamed `error-codes`, so that its source names no
//! catalog.

use std::path::Path;

use crate::process::run_command;
use crate::workspace::for_each_catalog;

/// The consumer crate's sources, and where copies of it are built.
const CONSUMER: &str = "xtask/fixtures/consumer";

/// A crate outside the workspace that depends on each catalog's crate by
/// path (`xtask/fixtures/consumer`, a copy per catalog) is formatted,
/// clippy-clean, finds in the crate what the catalog's `catalog.json` says
/// of every code, writes each code's documented body, and parses every body
/// of its shape's fixture as the fixture expects.
pub fn consumer(root: &Path) -> Result<(), String> {
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
/// catalog's output folder `output`, is clippy-clean and runs
/// ([`run_consumer`]). The copies share `target/target`.
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
    run_consumer(root, manifest, output, catalog, &env)
}

/// Runs a copy of the consumer (its manifest) on the output folder of a
/// catalog (`generated/<name>/` or another spec's): its `catalog.json` and
/// the fixture of its shape's error bodies.
fn run_consumer(
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
