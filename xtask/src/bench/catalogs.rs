//! The repository as a whole: `gen` and `check` of every catalog of
//! `spec/` with nothing to change (what a maintainer runs after each edit,
//! and CI's sync check), and `gen` of a spec root of many catalogs: every
//! real documentation page at hand, each imported as a catalog of its own.
//!
//! Both run the xtask that `cargo xtask` runs (the dev build).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Where the real pages are: the shared data beside the repository when it
/// is there (all the pages of one documentation family), else the pages the
/// tests keep.
const PAGE_FOLDERS: [&str; 2] = ["../shared/data/pages", "codegen/tests/data/pages"];

/// Times `gen` and `check` of the workspace's catalogs (when `generated/` is
/// in sync, so that `gen` writes nothing), and `gen` of the pages imported
/// as catalogs; returns the report's section.
pub fn run(root: &Path, exe: &Path, work: &Path, runs: usize) -> Result<String, String> {
    let mut report = String::from("\n### Many catalogs\n\n");
    report += &time_workspace(root, exe, runs)?;
    report += &time_pages(root, exe, &work.join("pages"), runs)?;
    Ok(report)
}

/// `xtask ARGS` in `dir`: its time and output.
fn time(exe: &Path, dir: &Path, args: &[&str]) -> Result<(Duration, Output), String> {
    let started = Instant::now();
    let output = Command::new(exe)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    Ok((started.elapsed(), output))
}

/// The median time of `runs` runs of `xtask ARGS`, each of which must succeed.
fn median_of(exe: &Path, dir: &Path, args: &[&str], runs: usize) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let (elapsed, output) = time(exe, dir, args)?;
        if !output.status.success() {
            return Err(format!(
                "xtask {} failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        times.push(elapsed);
    }
    Ok(super::median(times))
}

fn time_workspace(root: &Path, exe: &Path, runs: usize) -> Result<String, String> {
    let catalogs = crate::workspace::catalogs()?;
    let codes: usize = catalogs.iter().map(|c| c.codes.len()).sum();
    let (_, first) = time(exe, root, &["check"])?;
    if !first.status.success() {
        return Ok(
            "`gen` and `check` of the workspace's catalogs: not timed, `generated/` is not in \
             sync with `spec/` (run `cargo xtask gen`).\n\n"
                .to_owned(),
        );
    }
    let check = median_of(exe, root, &["check"], runs)?;
    let generate = median_of(exe, root, &["gen"], runs)?;
    println!(
        "the workspace's {} catalogs: gen {}, check {}",
        catalogs.len(),
        super::seconds(generate),
        super::seconds(check)
    );
    Ok(format!(
        "`cargo xtask gen` and `cargo xtask check` of the workspace's {} catalogs ({} codes) \
         with nothing to change, the xtask already built, median of {runs} runs: `gen` {}, \
         `check` {} (the goal: at most 0.5 s each).\n\n",
        catalogs.len(),
        super::thousands(codes),
        super::seconds(generate),
        super::seconds(check),
    ))
}

/// The folder of real pages: the first of [`PAGE_FOLDERS`] that exists.
fn page_folder(root: &Path) -> Option<PathBuf> {
    PAGE_FOLDERS
        .iter()
        .map(|folder| root.join(folder))
        .find(|folder| folder.is_dir())
}

/// Imports each page of the page folder as a catalog of a spec root in
/// `work`, keeps the catalogs that `gen` takes on their own, and times
/// `gen` of all of them into an empty folder.
fn time_pages(root: &Path, exe: &Path, work: &Path, runs: usize) -> Result<String, String> {
    let Some(folder) = page_folder(root) else {
        return Ok("(No folder of real pages to import.)\n".to_owned());
    };
    if work.exists() {
        fs::remove_dir_all(work).map_err(|e| format!("removing {}: {e}", work.display()))?;
    }
    let spec = work.join("spec");
    let rejected = work.join("rejected");
    for dir in [&spec, &rejected] {
        fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let mut pages: Vec<PathBuf> = fs::read_dir(&folder)
        .map_err(|e| format!("reading {}: {e}", folder.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "rst" || e == "md" || e == "html")
        })
        .collect();
    pages.sort();
    let (mut imported, mut generated) = (0, 0);
    let mut refused = Vec::new();
    for page in &pages {
        let name =
            codegen::names::package_name(&page.file_stem().unwrap_or_default().to_string_lossy());
        let page_arg = page.to_string_lossy();
        let spec_arg = spec.to_string_lossy();
        let (_, output) = time(
            exe,
            work,
            &["import", &page_arg, "--catalog", &name, "--spec", &spec_arg],
        )?;
        if !output.status.success() {
            refused.push(format!("{name} (import)"));
            continue;
        }
        imported += 1;
        let one = spec.join(&name).to_string_lossy().into_owned();
        let out = work.join("one").to_string_lossy().into_owned();
        let (_, output) = time(exe, work, &["gen", "--spec", &one, "--out", &out])?;
        if output.status.success() {
            generated += 1;
        } else {
            refused.push(format!("{name} (gen)"));
            fs::rename(spec.join(&name), rejected.join(&name))
                .map_err(|e| format!("moving {name} aside: {e}"))?;
        }
    }
    let out = work.join("out").to_string_lossy().into_owned();
    let spec_arg = spec.to_string_lossy().into_owned();
    let mut times = Vec::new();
    let mut summary = String::new();
    for _ in 0..runs {
        let _ = fs::remove_dir_all(work.join("out"));
        let (elapsed, output) = time(exe, work, &["gen", "--spec", &spec_arg, "--out", &out])?;
        if !output.status.success() {
            return Err(format!(
                "gen of the imported pages failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        summary = String::from_utf8_lossy(&output.stdout).into_owned();
        times.push(elapsed);
    }
    let time = super::median(times);
    let line = summary
        .lines()
        .find(|l| l.starts_with("generated "))
        .unwrap_or("")
        .to_owned();
    println!("{generated} imported pages: gen {}", super::seconds(time));
    let mut text = format!(
        "The {} pages of `{}`, each imported with `cargo xtask import PAGE --catalog NAME` \
         into one spec root: {imported} imported, {generated} of them generate on their own \
         ({}). `gen` of those {generated} catalogs into an empty folder, median of {runs} \
         runs: {} ({line}).\n",
        pages.len(),
        folder
            .strip_prefix(root)
            .unwrap_or(&folder)
            .to_string_lossy(),
        if refused.is_empty() {
            "every one".to_owned()
        } else {
            format!("refused: {}", refused.join(", "))
        },
        super::seconds(time),
    );
    let _ = writeln!(text);
    Ok(text)
}
