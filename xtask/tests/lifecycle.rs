//! Code lifecycle through the real `xtask` binary: `gen` refuses to drop a
//! code without a breaking version bump, leaves the output untouched when it
//! refuses, proceeds with the bump, and a deprecated code compiles into a
//! crate that builds without warnings.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("xtask-lifecycle-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("spec")).expect("create scratch");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const HEADER: &str = "status_code,error_code,error_msg,description,handling_measure,deprecated\n";

fn write_spec(dir: &Path, version: &str, rows: &str) {
    let catalog = format!(
        "title: Lifecycle test codes\nversion: {version}\nrust_crate: lifecycle-codes\nnpm_package: lifecycle-codes\n"
    );
    fs::write(dir.join("spec/catalog.yaml"), catalog).expect("write catalog");
    fs::write(dir.join("spec/codes.csv"), format!("{HEADER}{rows}")).expect("write table");
}

fn xtask(dir: &Path, command: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([command, "--spec", "spec", "--out", "out"])
        .current_dir(dir)
        .output()
        .expect("run xtask")
}

/// Every file under `dir` with its bytes, sorted, to compare trees.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).expect("read")));
            }
        }
    }
    files.sort();
    files
}

const TWO_CODES: &str = "400,LC.0001,First.,First.,Fix it.,\n429,LC.0002,Second.,Second.,Wait.,\n";

#[test]
fn dropping_a_code_needs_a_breaking_version() {
    let scratch = Scratch::new("drop");
    let dir = &scratch.0;
    write_spec(dir, "0.1.0", TWO_CODES);
    assert!(xtask(dir, "gen").status.success());
    let before = snapshot(&dir.join("out"));

    write_spec(dir, "0.1.1", "400,LC.0001,First.,First.,Fix it.,\n");
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

    write_spec(dir, "0.2.0", "400,LC.0001,First.,First.,Fix it.,\n");
    let done = xtask(dir, "gen");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(stdout.contains("removed (1): LC.0002"), "{stdout}");
    let catalog = fs::read_to_string(dir.join("out/catalog.json")).expect("catalog.json");
    assert!(!catalog.contains("LC.0002"));
}

#[test]
fn gen_reports_added_and_changed_codes_with_the_bump_they_need() {
    let scratch = Scratch::new("summary");
    let dir = &scratch.0;
    write_spec(dir, "1.0.0", TWO_CODES);
    assert!(xtask(dir, "gen").status.success());
    write_spec(
        dir,
        "1.0.0",
        &format!(
            "{}400,LC.0003,Third.,Third.,Fix it.,\n",
            TWO_CODES.replace("Wait.", "Wait a minute.")
        ),
    );
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
    let scratch = Scratch::new("deprecated");
    let dir = &scratch.0;
    write_spec(
        dir,
        "0.1.0",
        &TWO_CODES.replace("Wait.,\n", "Wait.,no longer returned; use LC.0001\n"),
    );
    let out = xtask(dir, "gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib = fs::read_to_string(dir.join("out/rust/src/error_code.rs")).expect("error_code.rs");
    assert!(
        lib.contains("#[deprecated(note = \"no longer returned; use LC.0001\")]"),
        "{lib}"
    );
    assert_eq!(lib.matches("#[deprecated").count(), 1);

    let manifest = dir.join("out/rust/Cargo.toml");
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
