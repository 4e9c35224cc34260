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
#[allow(dead_code)] // Not every test file that includes this module uses it.
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

/// A copy of the tests' sample catalog (`codegen/tests/specs/sample`, every
/// file, with its recorded page) in `<spec>/<name>`, its crate and npm
/// package named `package`.
#[allow(dead_code)] // Not every test file that includes this module uses it.
pub fn copy_sample(spec: &Path, name: &str, package: &str) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/specs/sample");
    let folder = spec.join(name);
    copy_folder(&sample, &folder);
    let yaml = folder.join("catalog.yaml");
    let text = fs::read_to_string(&yaml).expect("catalog.yaml");
    fs::write(&yaml, text.replace("sample-error-codes", package)).expect("write");
}

/// Copies every file of `from` into `to`, recursively.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a folder") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a file");
        }
    }
}
