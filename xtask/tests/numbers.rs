//! Stable code numbers through the real `xtask` binary, in a git repository
//! of its own: `gen` writes `spec/codes.lock`, a new code anywhere takes the
//! next number and moves no other, and a hand edit that changes or drops a
//! committed number is refused with the file and line, nothing written.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{snapshot, xtask};

const HEADER: &str = "status_code,error_code,error_msg,description,handling_measure\n";
const CATALOG: &str = "title: Number test codes\nversion: 0.1.0\nrust_crate: number-codes\nnpm_package: number-codes\n";

fn row(code: &str) -> String {
    format!("400,{code},Message of {code}.,Description.,Fix it.\n")
}

fn write_table(dir: &Path, codes: &[&str]) {
    let rows: String = codes.iter().map(|c| row(c)).collect();
    fs::write(dir.join("spec/codes.csv"), format!("{HEADER}{rows}")).expect("write table");
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

fn lock(dir: &Path) -> String {
    fs::read_to_string(dir.join("spec/codes.lock")).expect("codes.lock")
}

/// `gen` after the lock was replaced by `lock` (or removed, for `None`): it
/// must refuse with exit code 2 and write nothing, in `spec/` or `out/`.
/// Its standard error.
fn gen_refused(dir: &Path, lock: Option<&str>) -> String {
    let path = dir.join("spec/codes.lock");
    match lock {
        Some(text) => fs::write(&path, text).expect("edit the lock"),
        None => fs::remove_file(&path).expect("remove the lock"),
    }
    let before = (snapshot(&dir.join("spec")), snapshot(&dir.join("out")));
    let out = xtask(dir, "gen");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        (snapshot(&dir.join("spec")), snapshot(&dir.join("out"))) == before,
        "nothing is written: {stderr}"
    );
    stderr
}

/// A repository with three codes generated and committed.
fn committed_spec() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let dir = repo.path();
    fs::create_dir_all(dir.join("spec")).expect("mkdir");
    fs::write(dir.join("spec/catalog.yaml"), CATALOG).expect("write catalog");
    write_table(dir, &["LC.0001", "LC.0002", "LC.0003"]);
    git(dir, &["init", "--quiet"]);
    let out = xtask(dir, "gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("numbered 3 new code(s) in spec/codes.lock"),
        "{out:?}"
    );
    assert_eq!(
        lock(dir),
        "code,number,removed_in,note\nLC.0001,0\nLC.0002,1\nLC.0003,2\n"
    );
    git(dir, &["add", "."]);
    git(dir, &["commit", "--quiet", "-m", "three codes"]);
    repo
}

#[test]
fn a_code_added_in_the_middle_takes_the_next_number_and_moves_no_other() {
    let repo = committed_spec();
    let dir = repo.path();
    write_table(dir, &["LC.0001", "LC.0004", "LC.0002", "LC.0003"]);
    let out = xtask(dir, "check");
    assert_eq!(out.status.code(), Some(1), "the lock lacks LC.0004");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("spec/codes.lock is not up to date: it has no number for LC.0004"),
        "{out:?}"
    );
    let out = xtask(dir, "gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(LC.0004 = 3)"),
        "{out:?}"
    );
    assert_eq!(
        lock(dir),
        "code,number,removed_in,note\nLC.0001,0\nLC.0002,1\nLC.0003,2\nLC.0004,3\n"
    );
    // The variants, and `ALL`, in number order, each number its implicit
    // discriminant: the new code last.
    let enum_file = fs::read_to_string(dir.join("out/spec/rust/src/error_code.rs")).expect("read");
    let at = |text: &str| {
        enum_file
            .find(text)
            .unwrap_or_else(|| panic!("{text}\n{enum_file}"))
    };
    let declared = [
        "    Lc0001,\n",
        "    Lc0002,\n",
        "    Lc0003,\n",
        "    Lc0004,\n",
    ]
    .map(at);
    assert!(declared.is_sorted(), "{enum_file}");
    let listed = [
        "ErrorCode::Lc0001,",
        "ErrorCode::Lc0002,",
        "ErrorCode::Lc0003,",
        "ErrorCode::Lc0004,",
    ]
    .map(at);
    assert!(listed.is_sorted(), "{enum_file}");
    assert!(enum_file.contains("- Stable number: 3 (the discriminant)"));
    assert!(xtask(dir, "check").status.success());

    // A code that leaves the table keeps its line: its number is never
    // reused. It was in the output generated before, so its line records
    // the version that removed it (the reference pages keep its section).
    write_table(dir, &["LC.0001", "LC.0004", "LC.0003", "LC.0005"]);
    fs::write(
        dir.join("spec/catalog.yaml"),
        CATALOG.replace("0.1.0", "0.2.0"),
    )
    .expect("write catalog");
    let out = xtask(dir, "gen");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lock(dir),
        "code,number,removed_in,note\nLC.0001,0\nLC.0002,1,0.2.0,\nLC.0003,2\nLC.0004,3\nLC.0005,4\n"
    );
}

#[test]
fn a_changed_number_is_refused_at_its_line_and_nothing_is_written() {
    let repo = committed_spec();
    let dir = repo.path();
    let stderr = gen_refused(dir, Some("code,number\nLC.0001,0\nLC.0002,2\nLC.0003,1\n"));
    assert!(
        stderr.contains(
            "spec/codes.lock:3:1: error: `LC.0002` has the number 2 here, but 1 in the committed spec/codes.lock (git HEAD)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("restore the line `LC.0002,1`"), "{stderr}");
    assert!(
        stderr.contains("spec/codes.lock:4:1: error: `LC.0003`"),
        "{stderr}"
    );
}

#[test]
fn a_dropped_line_or_lock_is_refused() {
    let repo = committed_spec();
    let dir = repo.path();
    let stderr = gen_refused(dir, Some("code,number\nLC.0001,0\nLC.0003,2\n"));
    assert!(
        stderr.contains("the line of `LC.0002` (number 1) was removed"),
        "{stderr}"
    );

    let stderr = gen_refused(dir, None);
    assert!(
        stderr.contains("spec/codes.lock is missing, but git's HEAD has it with 3 codes"),
        "{stderr}"
    );
    assert!(!dir.join("spec/codes.lock").exists(), "nothing is written");
}

#[test]
fn a_malformed_lock_is_reported_at_each_bad_line() {
    let repo = committed_spec();
    let dir = repo.path();
    let stderr = gen_refused(
        dir,
        Some("code,number\nLC.0001,0\nLC.0002,one\nLC.0003,2\nLC.0003,3\n"),
    );
    assert!(
        stderr.contains("spec/codes.lock:3:1: error: `one` is not a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "spec/codes.lock:5:1: error: `LC.0003` is numbered twice: here and on line 4"
        ),
        "{stderr}"
    );
}
