//! A spec root of several catalogs, as a user runs `gen` on it: each
//! catalog into its own folder with one site for all, a problem in one
//! catalog stopping them all, `--catalog` for one, a deleted catalog's
//! output removed, a renamed crate starting a history of its own.
//!
//! The catalogs are copies of the tests' sample catalog
//! (`codegen/tests/specs/sample`), each given a package name of its own.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_sample, snapshot, xtask_with};

/// A scratch folder whose `spec/` holds copies of the sample catalog named
/// `names`, each packaged as `<name>-codes`.
fn spec_root(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("xtask-catalogs-")
        .tempdir()
        .expect("a scratch folder");
    for name in names {
        copy_sample(&dir.path().join("spec"), name, &format!("{name}-codes"));
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = xtask_with(dir, args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_catalog_gets_its_folder_and_the_site_lists_them_all() {
    let scratch = spec_root(&["alpha", "beta"]);
    let dir = scratch.path();
    let (code, stdout, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("generated 2 catalogs (62 codes) into out"),
        "{stdout}"
    );
    for name in ["alpha", "beta"] {
        for file in [
            "catalog.json",
            "rust/Cargo.toml",
            "ts/package.json",
            "openapi/openapi.json",
        ] {
            assert!(
                dir.join("out").join(name).join(file).is_file(),
                "{name}/{file}"
            );
        }
        let manifest = fs::read_to_string(dir.join("out").join(name).join("rust/Cargo.toml"))
            .expect("the crate's manifest");
        assert!(
            manifest.contains(&format!("name = \"{name}-codes\"")),
            "{manifest}"
        );
    }
    let landing = fs::read_to_string(dir.join("out/docs/src/README.md")).expect("the landing page");
    assert!(landing.contains("(alpha/index.md) | 31 |"), "{landing}");
    assert!(landing.contains("(beta/index.md) | 31 |"), "{landing}");
    let codes = fs::read_to_string(dir.join("out/docs/src/codes.md")).expect("the codes page");
    assert!(
        codes.contains("[AIS.0014](alpha/ais.md#ais0014)"),
        "{codes}"
    );
    assert!(codes.contains("[AIS.0014](beta/ais.md#ais0014)"), "{codes}");
    let (code, _, stderr) = run(dir, &["check"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_broken_row_in_one_catalog_stops_them_all() {
    let scratch = spec_root(&["alpha", "beta"]);
    let dir = scratch.path();
    assert_eq!(run(dir, &["gen"]).0, Some(0));
    let before = snapshot(&dir.join("out"));
    // Both catalogs change, one of them with a bad status.
    for (name, status) in [("alpha", "401"), ("beta", "4O0")] {
        let table = dir.join("spec").join(name).join("error-codes.csv");
        let text = fs::read_to_string(&table).expect("the table");
        fs::write(
            &table,
            text.replacen("\n400,AIS.0014,", &format!("\n{status},AIS.0014,"), 1),
        )
        .expect("write");
    }
    let (code, _, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("spec/beta/error-codes.csv:3:1: error: `4O0` is not an HTTP status"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&dir.join("out")),
        before,
        "nothing is written for any catalog"
    );
    let (code, _, _) = run(dir, &["check"]);
    assert_eq!(code, Some(2));
}

#[test]
fn one_catalog_alone_leaves_the_others_as_they_are() {
    let scratch = spec_root(&["alpha", "beta"]);
    let dir = scratch.path();
    assert_eq!(run(dir, &["gen"]).0, Some(0));
    let beta_before = snapshot(&dir.join("out/beta"));
    for name in ["alpha", "beta"] {
        let table = dir.join("spec").join(name).join("error-codes.csv");
        let text = fs::read_to_string(&table).expect("the table");
        fs::write(
            &table,
            text.replace("The image is damaged.", "The image is corrupted."),
        )
        .expect("write");
    }
    let (code, stdout, stderr) = run(dir, &["gen", "--catalog", "alpha"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("generated 1 catalog (31 codes)"),
        "{stdout}"
    );
    let alpha = fs::read_to_string(dir.join("out/alpha/rust/src/table.rs")).expect("table.rs");
    assert!(alpha.contains("The image is corrupted."));
    assert_eq!(snapshot(&dir.join("out/beta")), beta_before);
    // check of alpha alone passes; of all, it finds beta stale.
    assert_eq!(run(dir, &["check", "--catalog", "alpha"]).0, Some(0));
    let (code, _, stderr) = run(dir, &["check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("out/beta/"), "{stderr}");
    assert!(!stderr.contains("out/alpha/"), "{stderr}");
    let (code, _, stderr) = run(dir, &["gen", "--catalog", "gamma"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("there is no catalog `gamma`"), "{stderr}");
    assert!(stderr.contains("its catalogs are: alpha, beta"), "{stderr}");
}

#[test]
fn a_deleted_catalogs_output_is_removed_and_named() {
    let scratch = spec_root(&["alpha", "beta"]);
    let dir = scratch.path();
    assert_eq!(run(dir, &["gen"]).0, Some(0));
    fs::remove_dir_all(dir.join("spec/beta")).expect("delete a catalog");
    let (code, stdout, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("removed the output of the catalog `beta`"),
        "{stdout}"
    );
    assert!(!dir.join("out/beta").exists());
    assert!(!dir.join("out/docs/src/beta").exists());
    let landing = fs::read_to_string(dir.join("out/docs/src/README.md")).expect("the landing page");
    assert!(!landing.contains("beta"), "{landing}");
    // With no catalog left, gen refuses: nothing would be left to build.
    fs::remove_dir_all(dir.join("spec/alpha")).expect("delete a catalog");
    let before = snapshot(&dir.join("out"));
    let (code, _, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("the spec root holds no catalog"),
        "{stderr}"
    );
    assert_eq!(snapshot(&dir.join("out")), before);
}

#[test]
fn a_renamed_crate_or_a_replaced_table_starts_a_history_of_its_own() {
    let scratch = spec_root(&["alpha"]);
    let dir = scratch.path();
    assert_eq!(run(dir, &["gen"]).0, Some(0));
    // A table replaced wholesale under the same crate name needs a breaking version…
    let folder = dir.join("spec/alpha");
    fs::write(
        folder.join("error-codes.csv"),
        "status_code,error_code,error_msg,description,handling_measure\n400,NEW.0001,m,d,h\n",
    )
    .expect("write");
    let (code, _, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("would remove 31 code(s)"), "{stderr}");
    // …and none, nor any advice, under a new name: nothing was released under it.
    let yaml = folder.join("catalog.yaml");
    let text = fs::read_to_string(&yaml).expect("catalog.yaml");
    fs::write(&yaml, text.replace("alpha-codes", "renamed-codes")).expect("write");
    let (code, stdout, stderr) = run(dir, &["gen"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains("version bump"), "{stdout}");
    assert!(!stdout.contains("changes since"), "{stdout}");
    let manifest = fs::read_to_string(dir.join("out/alpha/rust/Cargo.toml")).expect("manifest");
    assert!(manifest.contains("name = \"renamed-codes\""), "{manifest}");
}
