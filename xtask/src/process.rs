//! Running other programs: CI steps, commands and `npm ci`.
//!
//! Every step module (`ts`, `docs`, `openapi`, `workflows`, `spec_checks`,
//! `import_checks`, `exhaustive_match`, `bench`, the semver suite) builds its
//! steps from these; `ci` only lists them in order.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One CI step: a name for the log and what it runs.
pub struct Step {
    pub name: &'static str,
    pub run: fn(&Path) -> Result<(), String>,
}

/// Runs a command in `dir`, echoing it; fails if it exits non-zero.
pub fn run_command(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(), String> {
    println!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` exited with {status}",
            args.join(" ")
        ))
    }
}

/// Records which `package.json` + `package-lock.json` `node_modules` was installed from.
const NPM_STAMP: &str = "node_modules/.xtask-npm-ci-stamp";

/// `npm ci` in `dir`, unless its `node_modules` was installed from the same
/// `package.json` and `package-lock.json`.
pub fn npm_ci(dir: &Path) -> Result<(), String> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| format!("reading {}/{name}: {e}", dir.display()))
    };
    let wanted = format!("{}\n{}", read("package.json")?, read("package-lock.json")?);
    let stamp = dir.join(NPM_STAMP);
    if std::fs::read_to_string(&stamp).is_ok_and(|installed| installed == wanted) {
        println!(
            "{}/node_modules is up to date with its lockfile",
            dir.display()
        );
        return Ok(());
    }
    run_command(dir, "npm", &["ci", "--no-audit", "--no-fund"], &[])
        .map_err(|e| format!("{e} (the checks need Node 20 and npm)"))?;
    std::fs::write(&stamp, &wanted).map_err(|e| format!("writing {}: {e}", stamp.display()))
}

pub fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    run_command(root, "cargo", args, &[])
}

/// The user's cache folder for the tools that CI installs (mdBook, zizmor,
/// cargo-semver-checks):
/// `$XDG_CACHE_HOME` or `~/.cache`, then `error-codes-tools`, so that a fresh
/// clone reuses them; `target/tools` when there is no home folder.
pub fn tools_cache(root: &Path) -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .map_or_else(
            || root.join("target/tools"),
            |cache| cache.join("error-codes-tools"),
        )
}

/// The file at `path` (relative to `dir`) as git's `HEAD` has it, when
/// `dir` is in a repository that committed it; `None` otherwise.
pub fn committed_file(dir: &Path, path: &str) -> Option<String> {
    let output = Command::new("git")
        .args(["show", &format!("HEAD:./{path}")])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if output.status.success() {
        String::from_utf8(output.stdout).ok()
    } else {
        None
    }
}

/// A tool that `cargo install --locked` builds from crates.io at a pinned
/// version, into `<crate>-<version>` in the [`tools_cache`].
pub struct CargoTool<'a> {
    /// The crate, which is also the name of its binary.
    pub krate: &'a str,
    pub version: &'a str,
    /// The arguments that make the binary print its version…
    pub version_args: &'a [&'a str],
    /// …and the line it then prints.
    pub version_line: String,
    /// How long the build takes, for the message before it.
    pub build_time: &'a str,
}

/// The tool's binary, installed unless the pinned version is already in
/// the tools cache, so that a fresh clone on the same machine reuses it.
pub fn cargo_install(root: &Path, tool: &CargoTool) -> Result<PathBuf, String> {
    let install_root = tools_cache(root).join(format!("{}-{}", tool.krate, tool.version));
    let binary =
        install_root
            .join("bin")
            .join(format!("{}{}", tool.krate, std::env::consts::EXE_SUFFIX));
    let installed = Command::new(&binary)
        .args(tool.version_args)
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == tool.version_line);
    if installed {
        println!(
            "{} {} is installed in {}",
            tool.krate,
            tool.version,
            install_root.display()
        );
        return Ok(binary);
    }
    println!(
        "installing {} {} into {} ({})",
        tool.krate,
        tool.version,
        install_root.display(),
        tool.build_time
    );
    let started = std::time::Instant::now();
    run_command(
        root,
        "cargo",
        &[
            "install",
            tool.krate,
            "--version",
            tool.version,
            "--locked",
            "--root",
            &install_root.to_string_lossy(),
        ],
        &[],
    )
    .map_err(|e| {
        format!(
            "{e}: {} {} is installed from crates.io (this needs network access to crates.io \
             and a C compiler)",
            tool.krate, tool.version
        )
    })?;
    println!("installed {} in {:.0?}", tool.krate, started.elapsed());
    Ok(binary)
}
