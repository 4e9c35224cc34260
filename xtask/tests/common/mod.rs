//! Helpers shared by the tests that run the `xtask` binary on a spec
//! folder of their own (each test file includes this module).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `xtask <command> --spec spec --out out` in `dir`.
#[allow(dead_code)] // Not every test file that includes this module uses it.
pub fn xtask(dir: &Path, command: &str) -> Output {
    xtask_with(dir, &[command])
}

/// Every file under `dir` with its bytes, sorted, to compare trees.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
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

/// `xtask <args> --spec spec --out out` in `dir`.
#[allow(dead_code)] // Not every test file that includes this module uses it.
pub fn xtask_with(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .args(["--spec", "spec", "--out", "out"])
        .current_dir(dir)
        .output()
        .expect("run xtask")
}
