//! ci.yml's `msrv` and `os` jobs test every generated crate, whatever
//! catalogs `spec/` holds: their scripts run over the workspace's catalogs
//! with a fake `cargo test` and `rustup`, and over a scratch repository's.

use super::{Scratch, catalogs, env_of, job, real_program, run_in, strings, workflow};
use crate::workspace::root as workspace_root;

/// A fake `cargo` that hands `cargo metadata` to the real one and only logs
/// any other call, and a fake `rustup` that only logs.
fn fake_cargo_and_rustup(scratch: &Scratch) {
    let cargo = real_program("cargo");
    scratch.fake(
        "cargo",
        &format!("if [ \"$1\" = metadata ]; then exec '{cargo}' \"$@\"; fi"),
    );
    scratch.fake("rustup", "");
}

fn msrv_script() -> String {
    run_in(&workflow("ci.yml"), "msrv", "cargo \"+$msrv\" test").to_owned()
}

#[test]
fn msrv_job_tests_every_generated_crate_on_its_own_rust_version() {
    let scratch = Scratch::new();
    fake_cargo_and_rustup(&scratch);
    let ran = scratch.run_in(&workspace_root(), &msrv_script(), &[]);
    assert!(ran.ok, "{}", ran.out);

    let calls = scratch.calls();
    let tests: Vec<&String> = calls.iter().filter(|c| c.contains(" test ")).collect();
    let catalogs = catalogs();
    assert_eq!(tests.len(), 2 * catalogs.len(), "{calls:#?}");
    for catalog in &catalogs {
        let msrv = &catalog.meta.package.rust_version;
        let copy = scratch.tmp.join("crates").join(&catalog.name);
        let manifest = std::fs::read_to_string(copy.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"{}\"", catalog.meta.crate_name)),
            "{} holds another crate:\n{manifest}",
            copy.display()
        );
        assert!(
            copy.join("Cargo.lock").is_file(),
            "the workspace's lockfile"
        );
        let install = format!("rustup toolchain install {msrv} --profile minimal");
        assert!(calls.contains(&install), "{install}\n{calls:#?}");
        let test = format!(
            "cargo +{msrv} test --manifest-path {}/Cargo.toml --features ",
            copy.display()
        );
        for features in ["", "serde"] {
            let call = format!("{test}{features}");
            assert!(calls.contains(&call), "{call}\n{calls:#?}");
        }
    }
}

#[test]
fn msrv_job_names_a_crate_without_rust_version_and_still_tests_the_others() {
    let scratch = Scratch::new();
    fake_cargo_and_rustup(&scratch);
    let script = msrv_script();

    let ran = scratch.run(&script, &[]);
    assert!(!ran.ok, "no crate at all passes:\n{}", ran.out);
    assert!(
        ran.out.contains("no crate under generated/*/rust"),
        "{}",
        ran.out
    );

    scratch.write("Cargo.lock", "version = 4\n");
    scratch.write_crate("alpha", "0.1.0", Some("1.80"));
    scratch.write_crate("beta", "0.1.0", None);
    scratch.write_crate("gamma", "0.1.0", Some("1.85"));
    let ran = scratch.run(&script, &[]);
    assert!(!ran.ok, "{}", ran.out);
    assert!(
        ran.out.contains(
            "::error file=generated/beta/rust/Cargo.toml::the crate of beta declares no rust-version"
        ),
        "{}",
        ran.out
    );
    let tests: Vec<String> = scratch
        .calls()
        .into_iter()
        .filter(|c| c.contains(" test "))
        .collect();
    let crates = scratch.tmp.join("crates");
    let expected: Vec<String> = [("alpha", "1.80"), ("gamma", "1.85")]
        .iter()
        .flat_map(|(name, msrv)| {
            let manifest = crates.join(name).join("Cargo.toml");
            ["", "serde"].map(|features| {
                format!(
                    "cargo +{msrv} test --manifest-path {} --features {features}",
                    manifest.display()
                )
            })
        })
        .collect();
    assert_eq!(tests, expected);
}

#[test]
fn os_job_tests_every_generated_crate_on_windows_and_macos() {
    let ci = workflow("ci.yml");
    let os = job(&ci, "os");
    let matrix = os
        .as_mapping_get("strategy")
        .and_then(|s| s.as_mapping_get("matrix"))
        .expect("the os job has a matrix");
    assert_eq!(
        strings(matrix.as_mapping_get("os")),
        ["windows-latest", "macos-latest"]
    );
    assert_eq!(strings(matrix.as_mapping_get("features")), ["", "serde"]);

    let step = super::step_running(&ci, "os", "cargo test");
    assert_eq!(env_of(step, "FEATURES"), Some("${{ matrix.features }}"));
    let script = super::text(step, "run").unwrap();
    let scratch = Scratch::new();
    scratch.fake("cargo", "");
    for features in ["", "serde"] {
        let ran = scratch.run_in(&workspace_root(), script, &[("FEATURES", features)]);
        assert!(ran.ok, "{}", ran.out);
        let mut expected: Vec<String> = catalogs()
            .iter()
            .map(|c| {
                format!(
                    "cargo test --locked --manifest-path generated/{}/rust/Cargo.toml --features {features}",
                    c.name
                )
            })
            .collect();
        expected.sort();
        let mut calls = scratch.calls();
        calls.sort();
        assert_eq!(calls, expected);
    }
}
