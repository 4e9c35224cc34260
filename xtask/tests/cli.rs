//! `cargo xtask gen` and `check` as a user runs them: exit codes (0 success,
//! 1 drift, 2 spec errors, 3 usage), diagnostics on stderr, and an output
//! folder that an error leaves exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus(case: &str) -> PathBuf {
    workspace().join("codegen/tests/specs/broken").join(case)
}

fn huawei(table: &str) -> PathBuf {
    workspace().join("codegen/tests/data/huawei").join(table)
}

/// A fresh temporary folder for one test, removed when dropped.
fn temp_folder(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("xtask-cli-{test}-"))
        .tempdir()
        .expect("create a temp folder")
}

fn xtask(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run xtask")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `root` with its bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = fs::read(&path).expect("read a file");
                files.insert(
                    path.strip_prefix(root).expect("inside").to_path_buf(),
                    bytes,
                );
            }
        }
    }
    files
}

#[test]
fn a_broken_spec_exits_2_and_leaves_the_output_as_it_was() {
    let scratch = temp_folder("broken");
    let dir = scratch.path();
    let out = dir.join("out");
    // A previous, good generation, plus a file of the user's.
    let good = xtask(
        &[
            "gen",
            "--spec",
            arg(&huawei("iam-error-codes.csv")),
            "--out",
            arg(&out),
        ],
        dir,
    );
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    fs::write(out.join("notes.txt"), "mine\n").expect("write");
    let before = tree(&out);
    assert!(before.len() > 3, "{before:?}");

    for case in [
        "many-mistakes/table.csv",
        "name-collisions",
        "not-utf8/table.csv",
        "yaml-malformed/table.yaml",
        "catalog-problems",
    ] {
        for command in ["gen", "check"] {
            let run = xtask(
                &[command, "--spec", arg(&corpus(case)), "--out", arg(&out)],
                dir,
            );
            let err = stderr(&run);
            assert_eq!(run.status.code(), Some(2), "{command} {case}:\n{err}");
            assert!(err.contains(": error: "), "{err}");
            assert!(err.contains(" found in the spec"), "{err}");
            assert!(!err.contains("no catalog.yaml"), "{err}");
            assert_eq!(tree(&out), before, "{command} {case} changed the output");
        }
    }
    // The diagnostics are exactly what the corpus expects, on stderr only.
    let spec = corpus("field-bad-status/table.csv");
    let run = xtask(
        &["gen", "--spec", "table.csv", "--out", arg(&out)],
        spec.parent().expect("a folder"),
    );
    assert_eq!(run.status.code(), Some(2));
    let expected =
        fs::read_to_string(corpus("field-bad-status/expected.stderr")).expect("the snapshot");
    // Paths inside the workspace are shown from its root, wherever xtask runs.
    assert_eq!(
        stderr(&run),
        expected.replace(
            "tests/specs/broken/field-bad-status/table.csv",
            "codegen/tests/specs/broken/field-bad-status/table.csv"
        )
    );
    assert!(run.stdout.is_empty());
    assert_eq!(tree(&out), before);
}

#[test]
fn gen_then_check_exit_0_and_drift_exits_1() {
    let scratch = temp_folder("drift");
    let dir = scratch.path();
    let out = dir.join("out");
    let spec = huawei("apig-error-codes.csv");
    let first = xtask(&["gen", "--spec", arg(&spec), "--out", arg(&out)], dir);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let stdout = String::from_utf8_lossy(&first.stdout);
    let codes = codegen::load_spec(&spec, "spec")
        .catalog
        .expect("the API Gateway table is valid")
        .codes
        .len();
    assert!(
        stdout.starts_with(&format!("generated 1 catalog ({codes} codes) into ")),
        "{stdout}"
    );
    let generated = tree(&out);

    let again = xtask(&["gen", "--spec", arg(&spec), "--out", arg(&out)], dir);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(tree(&out), generated, "a second gen changes nothing");
    let check = xtask(&["check", "--spec", arg(&spec), "--out", arg(&out)], dir);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    let lib = out.join("apig-error-codes/rust/src/lib.rs");
    let mut text = fs::read_to_string(&lib).expect("read lib.rs");
    text.push_str("// edited by hand\n");
    fs::write(&lib, &text).expect("write");
    let drift = xtask(&["check", "--spec", arg(&spec), "--out", arg(&out)], dir);
    assert_eq!(drift.status.code(), Some(1));
    let err = stderr(&drift);
    assert!(
        err.contains("+// edited by hand") || err.contains("-// edited by hand"),
        "{err}"
    );
    assert!(err.ends_with("run `cargo xtask gen` and commit\n"), "{err}");
}

#[test]
fn bad_usage_exits_3() {
    let scratch = temp_folder("usage");
    let dir = scratch.path();
    for args in [
        vec!["gen", "--spec"],
        vec!["gen", "--spec", "does-not-exist"],
        vec!["gen", "--bogus", "x"],
        vec!["frobnicate"],
    ] {
        let run = xtask(&args, dir);
        assert_eq!(run.status.code(), Some(3), "{args:?}");
        assert!(
            stderr(&run).starts_with("error: "),
            "{args:?}: {}",
            stderr(&run)
        );
    }
}
