//! Code lifecycle through the real `xtask` binary: `gen` refuses to drop a
//! code without a breaking version bump, leaves the output untouched when it
//! refuses, proceeds with the bump, and a deprecated code compiles into a
//! crate that builds without warnings.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{snapshot, xtask};

/// A test's folder, with an empty `spec/`; removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(&format!("xtask-lifecycle-{name}-"))
        .tempdir()
        .expect("create scratch");
    fs::create_dir(dir.path().join("spec")).expect("create scratch/spec");
    dir
}

/// A row of the table: the columns of [`HEADER`].
type Row<'a> = [&'a str; 6];

const HEADER: Row = [
    "status_code",
    "error_code",
    "error_msg",
    "description",
    "handling_measure",
    "deprecated",
];

fn write_spec(dir: &Path, version: &str, rows: &[Row]) {
    let catalog = format!(
        "title: Lifecycle test codes\nversion: {version}\nrust_crate: lifecycle-codes\nnpm_package: lifecycle-codes\n"
    );
    fs::write(dir.join("spec/catalog.yaml"), catalog).expect("write catalog");
    let mut table = csv::Writer::from_path(dir.join("spec/codes.csv")).expect("create the table");
    for row in std::iter::once(&HEADER).chain(rows) {
        table.write_record(row).expect("write a row");
    }
    table.flush().expect("write the table");
}

const FIRST: Row = ["400", "LC.0001", "First.", "First.", "Fix it.", ""];
const SECOND: Row = ["429", "LC.0002", "Second.", "Second.", "Wait.", ""];

#[test]
fn dropping_a_code_needs_a_breaking_version() {
    let scratch = scratch("drop");
    let dir = scratch.path();
    write_spec(dir, "0.1.0", &[FIRST, SECOND]);
    assert!(xtask(dir, "gen").status.success());
    let before = snapshot(&dir.join("out"));

    write_spec(dir, "0.1.1", &[FIRST]);
    let refused = xtask(dir, "gen");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("would remove 1 code(s)"), "{stderr}");
    assert!(stderr.contains("LC.0002"), "{stderr}");
    assert!(stderr.contains("deprecated"), "{stderr}");
    assert!(stderr.contains("at least 0.2.0"), "{stderr}");
    assert_eq!(
        snapshot(&dir.join("out")),
        before,
        "a refused gen writes nothing"
    );

    write_spec(dir, "0.2.0", &[FIRST]);
    let done = xtask(dir, "gen");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(stdout.contains("removed (1): LC.0002"), "{stdout}");
    let catalog = fs::read_to_string(dir.join("out/spec/catalog.json")).expect("catalog.json");
    assert!(!catalog.contains("\"code\": \"LC.0002\""), "{catalog}");
}

/// The catalog's page of `LC` codes in the site (the catalog is the folder
/// `spec`, so its section is `spec/`).
fn lc_page(dir: &Path) -> String {
    fs::read_to_string(dir.join("out/docs/src/spec/lc.md")).expect("the LC page")
}

#[test]
fn a_removed_code_keeps_its_section_as_a_tombstone() {
    let scratch = scratch("tombstone");
    let dir = scratch.path();
    let mut deprecated = SECOND;
    deprecated[5] = "no longer returned; use LC.0001";
    write_spec(dir, "0.1.0", &[FIRST, deprecated]);
    assert!(xtask(dir, "gen").status.success());
    assert!(!lc_page(dir).contains("Removed in version"));

    write_spec(dir, "0.2.0", &[FIRST]);
    let done = xtask(dir, "gen");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    // The lock records the removal, with the note that says what replaces it.
    let lock = fs::read_to_string(dir.join("spec/codes.lock")).expect("the lock");
    assert!(
        lock.contains("LC.0002,1,0.2.0,no longer returned; use LC.0001\n"),
        "{lock}"
    );
    let page = lc_page(dir);
    assert!(page.contains("\n## LC.0002\n"), "{page}");
    assert!(page.contains("Removed in version 0.2.0"), "{page}");
    assert!(page.contains("no longer returned; use LC.0001"), "{page}");
    let overview = fs::read_to_string(dir.join("out/docs/src/spec/index.md")).expect("overview");
    assert!(
        overview.contains("[LC.0002](lc.md#lc0002): removed in 0.2.0"),
        "{overview}"
    );
    // gen is stable from there: a second run changes nothing.
    let before = snapshot(dir);
    assert!(xtask(dir, "gen").status.success());
    assert_eq!(snapshot(dir), before);
    // The code coming back is a code like any other.
    write_spec(dir, "0.2.0", &[FIRST, SECOND]);
    assert!(xtask(dir, "gen").status.success());
    let lock = fs::read_to_string(dir.join("spec/codes.lock")).expect("the lock");
    assert!(lock.contains("LC.0002,1\n"), "{lock}");
    assert!(!lc_page(dir).contains("Removed in version"));
}

#[test]
fn gen_reports_added_and_changed_codes_with_the_bump_they_need() {
    let scratch = scratch("summary");
    let dir = scratch.path();
    write_spec(dir, "1.0.0", &[FIRST, SECOND]);
    assert!(xtask(dir, "gen").status.success());
    let mut changed = SECOND;
    changed[4] = "Wait a minute.";
    let third = ["400", "LC.0003", "Third.", "Third.", "Fix it.", ""];
    write_spec(dir, "1.0.0", &[FIRST, changed, third]);
    let out = xtask(dir, "gen");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("added (1): LC.0003"), "{stdout}");
    assert!(stdout.contains("changed (1): LC.0002 (texts)"), "{stdout}");
    assert!(
        stdout.contains("smallest version bump under semver: minor"),
        "{stdout}"
    );
    assert!(stdout.contains("at least 1.1.0"), "{stdout}");
}

#[test]
fn a_deprecated_code_is_marked_and_its_crate_builds_without_warnings() {
    let scratch = scratch("deprecated");
    let dir = scratch.path();
    let mut deprecated = SECOND;
    deprecated[5] = "no longer returned; use LC.0001";
    write_spec(dir, "0.1.0", &[FIRST, deprecated]);
    let out = xtask(dir, "gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib =
        fs::read_to_string(dir.join("out/spec/rust/src/error_code.rs")).expect("error_code.rs");
    assert!(
        lib.contains("#[deprecated(note = \"no longer returned; use LC.0001\")]"),
        "{lib}"
    );
    assert_eq!(lib.matches("#[deprecated").count(), 1);

    let manifest = dir.join("out/spec/rust/Cargo.toml");
    let build = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--all-features", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "-D", "warnings"])
        // A target folder that outlives the test: serde is built once, not per run.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/lifecycle-test"),
        )
        .output()
        .expect("run cargo");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}
