//! CI: `ErrorCode` is `#[non_exhaustive]`, so that a new code is not a
//! breaking change. Outside the generated crate, a `match` that names every
//! code must still have a wildcard arm: without one it must not compile.
//!
//! For each catalog, the check writes a crate of its own into
//! `target/exhaustive-match/<catalog>/` (its own workspace, depending on the
//! catalog's generated crate by path) whose `match` names every variant,
//! builds it and expects rustc's E0004 with "`_` not covered", the error of
//! a non-exhaustive enum whose variants are all covered; then adds the
//! wildcard arm and expects it to build.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::process::Step;

pub fn steps() -> Vec<Step> {
    vec![Step {
        name: "a match on ErrorCode without a wildcard arm fails to compile (E0004)",
        run: check,
    }]
}

fn check(root: &Path) -> Result<(), String> {
    crate::workspace::for_each_catalog(|catalog| check_catalog(root, catalog))
}

fn check_catalog(root: &Path, catalog: &codegen::Catalog) -> Result<(), String> {
    let dir = root.join("target/exhaustive-match").join(&catalog.name);
    let krate = codegen::emit::rust::lib_name(catalog);
    // A JSON string is a TOML basic string.
    let path = serde_json::to_string(&crate::workspace::output_of(&catalog.name).join("rust"))
        .map_err(|e| format!("the workspace path: {e}"))?;
    let manifest = format!(
        "# Written by `cargo xtask ci`: a crate that matches on every code.\n\
         [package]\nname = \"exhaustive-match\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{} = {{ path = {path} }}\n\n[workspace]\n",
        catalog.meta.crate_name,
    );
    write(&dir.join("Cargo.toml"), &manifest)?;

    let mut arms = String::new();
    for (i, code) in catalog.codes.iter().enumerate() {
        let _ = writeln!(arms, "        ErrorCode::{} => {i},", code.rust_variant);
    }
    let lib = |wildcard: &str| {
        format!(
            "//! Names every code of the spec in one `match`.\n\
             #![allow(deprecated)]\n\n\
             use {krate}::ErrorCode;\n\n\
             pub fn number(code: ErrorCode) -> usize {{\n    match code {{\n{arms}{wildcard}    }}\n}}\n"
        )
    };

    write(&dir.join("src").join("lib.rs"), &lib(""))?;
    let (ok, output) = cargo_check(&dir)?;
    if ok {
        return Err(format!(
            "a match that names every code but has no wildcard arm compiled: is `ErrorCode` still \
             #[non_exhaustive]? ({})",
            dir.display()
        ));
    }
    if !output.contains("error[E0004]") || !output.contains("`_` not covered") {
        return Err(format!(
            "expected rustc's E0004 with \"`_` not covered\" (every code is named, only the \
             wildcard is missing), got:\n{output}"
        ));
    }
    println!("without a wildcard arm: error[E0004], `_` not covered, as expected");

    write(
        &dir.join("src").join("lib.rs"),
        &lib("        _ => usize::MAX,\n"),
    )?;
    let (ok, output) = cargo_check(&dir)?;
    if !ok {
        return Err(format!(
            "the same match with a wildcard arm does not compile:\n{output}"
        ));
    }
    println!("with a wildcard arm: it compiles");
    Ok(())
}

/// `cargo check` in `dir`: whether it succeeded, and its error output.
fn cargo_check(dir: &Path) -> Result<(bool, String), String> {
    println!("$ cargo check --offline --quiet (in {})", dir.display());
    let output = Command::new("cargo")
        .args(["check", "--offline", "--quiet", "--color", "never"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    ))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}
