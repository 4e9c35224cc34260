//! `gen` and `check`: keep the output folder equal to what the spec's
//! catalogs produce.
//!
//! What to write, remove and leave alone is decided by [`codegen::output`]
//! (no I/O there); here the spec and the output folder are read for it, and
//! the plan is written or, by `check`, reported as a diff. Every catalog is
//! read and validated before anything is written: a problem in one stops
//! them all, so the output moves from one consistent state to the next.

use std::fs;
use std::path::Path;

use codegen::changes::Changes;
use codegen::diagnostic::{Diagnostic, render_all};
use codegen::numbers::{CommittedCode, Lock};
use codegen::output::{Plan, Scope};
use codegen::repository::Source;
use codegen::{Catalog, GeneratedFile};
use serde_json::Value;

use crate::failure::Failure;
use crate::workspace::SpecArgs;

/// The catalogs of a spec, read, validated and numbered, ready to generate.
pub struct Loaded {
    /// In name order.
    pub catalogs: Vec<Catalog>,
    /// Where each catalog was read from (parallel to `catalogs`).
    pub sources: Vec<Source>,
    /// Each catalog's number lock, `None` for a lone table (parallel).
    pub locks: Vec<Option<Lock>>,
    /// Each catalog's `catalog.json` as committed, when something is
    /// committed under its crate's name (parallel).
    pub committed: Vec<Option<Value>>,
}

impl Loaded {
    fn scope(&self, args: &SpecArgs) -> Scope {
        if args.catalogs.is_empty() {
            Scope::All
        } else {
            Scope::Catalogs(self.catalogs.iter().map(|c| c.name.clone()).collect())
        }
    }

    fn refs(&self) -> Vec<&Catalog> {
        self.catalogs.iter().collect()
    }
}

/// The catalog of a spec other than the workspace's (a test spec, a real
/// table), without printing anything: its diagnostics are the error.
/// `display_root` names the spec in them and in the `@generated` lines, as
/// in `load_spec`.
pub fn catalog_of(spec: &Path, display_root: &str) -> Result<Catalog, String> {
    let loaded = codegen::load_spec(spec, display_root);
    loaded.catalog.ok_or_else(|| {
        format!(
            "{} has errors:\n{}",
            spec.display(),
            render_all(&loaded.diagnostics)
        )
    })
}

/// Loads and validates every catalog that `args` names; prints the
/// diagnostics of all of them to stderr. `with_history` reads each
/// catalog's committed output for what changed since (`gen` prints it);
/// without it, the committed output is read only when a removal must be
/// recorded.
pub fn load(args: &SpecArgs, with_history: bool) -> Result<Loaded, Failure> {
    let mut repository = codegen::repository::load(&args.spec, &args.spec_display, &args.catalogs);
    let mut committed = Vec::new();
    for (source, loaded) in repository.sources.iter().zip(&mut repository.catalogs) {
        crate::numbers::check_committed(&source.path, loaded);
        let wanted = with_history || codegen::numbers::has_unrecorded_removals(loaded);
        let catalog_json = loaded
            .catalog
            .as_ref()
            .filter(|_| wanted)
            .and_then(|catalog| committed_catalog(&args.out.join(&source.name), catalog));
        codegen::numbers::record_removals(loaded, |code| {
            committed_code(catalog_json.as_ref(), code)
        });
        committed.push(catalog_json);
    }
    let diagnostics: Vec<Diagnostic> = repository.all_diagnostics().into_iter().cloned().collect();
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(&diagnostics));
    }
    if repository.has_errors() {
        return Err(Failure::SpecErrors);
    }
    let mut loaded = Loaded {
        catalogs: Vec::new(),
        sources: repository.sources,
        locks: Vec::new(),
        committed,
    };
    for catalog in repository.catalogs {
        loaded.catalogs.extend(catalog.catalog);
        loaded.locks.push(catalog.lock);
    }
    Ok(loaded)
}

/// A catalog's `catalog.json` as git's `HEAD` has it in its output folder
/// (or, outside git, as it is on disk), if it is the same crate's: a crate
/// renamed, or never committed, has no history to compare with.
fn committed_catalog(folder: &Path, catalog: &Catalog) -> Option<Value> {
    let text = crate::process::committed_file(folder, codegen::emit::json::PATH)
        .or_else(|| fs::read_to_string(folder.join(codegen::emit::json::PATH)).ok())?;
    let json: Value = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(e) => {
            eprintln!(
                "warning: cannot compare with {}/{}: {e}",
                folder.display(),
                codegen::emit::json::PATH
            );
            return None;
        }
    };
    let same_crate = json["rust_crate"].as_str() == Some(catalog.meta.crate_name.as_str());
    (same_crate && json["codes"].is_array()).then_some(json)
}

/// The code as the committed catalog has it, if it has it.
fn committed_code(committed: Option<&Value>, code: &str) -> Option<CommittedCode> {
    let codes = committed?["codes"].as_array()?;
    let entry = codes.iter().find(|c| c["code"].as_str() == Some(code))?;
    Some(CommittedCode {
        deprecated: entry["deprecated"].as_str().map(str::to_owned),
    })
}

/// The plan of writing `files` of `scope` into the folder `out`, as it is on disk.
fn plan(out: &Path, files: Vec<GeneratedFile>, scope: &Scope) -> Plan {
    codegen::output::plan(files, scope, |path| fs::read(out.join(path)).ok())
}

/// `cargo xtask gen`: writes what changed, removes what is no longer produced.
pub fn generate(args: &SpecArgs) -> Result<(), Failure> {
    let loaded = load(args, true)?;
    let changes: Vec<Option<Changes>> = loaded
        .catalogs
        .iter()
        .zip(&loaded.committed)
        .map(|(catalog, committed)| {
            Some(codegen::changes::compare_value(
                committed.as_ref()?,
                catalog,
            ))
        })
        .collect();
    let mut refused = false;
    for ((catalog, source), changes) in loaded.catalogs.iter().zip(&loaded.sources).zip(&changes) {
        let Some(changes) = changes else { continue };
        if changes.drops_codes_without_bump() {
            eprintln!(
                "error: this would remove {} code(s) that {}/{} has: {}\n\
                 = hint: users may name these codes. Keep their rows and mark them deprecated (the \
                 `deprecated` column), or, for a breaking change, raise `version` in {}/catalog.yaml \
                 from {} to at least {}; then run `cargo xtask gen` again.",
                changes.removed.len(),
                args.out_display,
                catalog.name,
                changes.removed.join(", "),
                source.display,
                changes.old_version,
                changes.minimum_version(),
            );
            refused = true;
        }
    }
    if refused {
        return Err(Failure::SpecErrors);
    }
    let named = loaded.catalogs.len() > 1;
    for (catalog, changes) in loaded.catalogs.iter().zip(&changes) {
        if let Some(changes) = changes {
            let summary = changes.summary();
            if named {
                println!("{}: {summary}", catalog.name);
            } else {
                println!("{summary}");
            }
        }
    }
    let scope = loaded.scope(args);
    let files = codegen::output::files(&loaded.refs(), &scope);
    let total = files.len() + 1;
    let plan = plan(&args.out, files, &scope);
    apply(&args.out, &plan)
        .map_err(|e| Failure::Other(format!("writing {}: {e}", args.out_display)))?;
    for lock in loaded.locks.iter().flatten() {
        crate::numbers::write(lock).map_err(Failure::Other)?;
    }
    for (name, count) in removed_catalogs(&plan, &loaded.catalogs) {
        println!(
            "removed the output of the catalog `{name}`, whose folder is gone from {}: {}/{name}/ and its section of the site ({count} files)",
            args.spec_display, args.out_display
        );
    }
    if args.is_workspace_output() {
        update_lockfile(&plan)?;
    }
    let codes: usize = loaded.catalogs.iter().map(|c| c.codes.len()).sum();
    println!(
        "generated {} ({}) into {}: {total} files, {} written, {} removed, {} unchanged",
        codegen::diagnostic::plural(loaded.catalogs.len(), "catalog"),
        codegen::diagnostic::plural(codes, "code"),
        args.out_display,
        plan.write.len(),
        plan.remove.len(),
        plan.unchanged,
    );
    if scope != Scope::All {
        println!(
            "the site's own pages (the landing page, the codes of every service) are written by `cargo xtask gen` without --catalog"
        );
    }
    Ok(())
}

/// The catalogs whose output the plan removes, with the number of files:
/// those whose `catalog.json` the plan removes.
fn removed_catalogs(plan: &Plan, catalogs: &[Catalog]) -> Vec<(String, usize)> {
    let gone: Vec<&str> = plan
        .remove
        .iter()
        .filter_map(|path| path.strip_suffix(&format!("/{}", codegen::emit::json::PATH)))
        .filter(|folder| !folder.contains('/'))
        .collect();
    let mut removed: Vec<(String, usize)> = Vec::new();
    for path in &plan.remove {
        let folder = path
            .strip_prefix("docs/src/")
            .unwrap_or(path)
            .split_once('/')
            .map(|(folder, _)| folder);
        let Some(folder) = folder else { continue };
        if !gone.contains(&folder) || catalogs.iter().any(|c| c.name == folder) {
            continue;
        }
        match removed.iter_mut().find(|(name, _)| name == folder) {
            Some((_, count)) => *count += 1,
            None => removed.push((folder.to_owned(), 1)),
        }
    }
    removed
}

/// The workspace's `Cargo.lock` records the generated crates, members of
/// the workspace: when `gen` writes or removes a crate's manifest, their
/// entries are brought up to date (offline, the workspace's own entries
/// only), so that the `--locked` builds of CI stay in step.
fn update_lockfile(plan: &Plan) -> Result<(), Failure> {
    let is_manifest = |path: &str| path.ends_with("/rust/Cargo.toml");
    let manifest_changed = plan.write.iter().any(|f| is_manifest(&f.path))
        || plan.remove.iter().any(|path| is_manifest(path));
    if !manifest_changed {
        return Ok(());
    }
    let root = crate::workspace::root();
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["update", "--offline", "--workspace", "--quiet"])
            .current_dir(&root)
            .status()
            .map_err(|e| Failure::Other(format!("cannot run cargo update: {e}")))?;
    if !status.success() {
        return Err(Failure::Other(
            "`cargo update --offline --workspace` failed; run it, then commit Cargo.lock".into(),
        ));
    }
    println!("updated Cargo.lock's entries for the generated crates: commit it too");
    Ok(())
}

/// Writes all of the plan or none of it. The new contents are first written
/// to a staging folder inside `out`; then each file that is replaced or
/// removed is moved aside into the staging folder, and each new file moved
/// into place. If any step fails, the completed steps are undone in reverse
/// order, so that `out` is left as it was.
fn apply(out: &Path, plan: &Plan) -> std::io::Result<()> {
    if plan.is_clean() {
        return Ok(());
    }
    let mut undo: Vec<Undo> = Vec::new();
    create_folders(out, &mut undo)?;
    let staging = out.join(".staging");
    let result = move_into_place(out, &staging, plan, &mut undo);
    if result.is_err() {
        for step in undo.into_iter().rev() {
            step.run();
        }
    }
    let _ = fs::remove_dir_all(&staging);
    result?;
    for path in &plan.remove {
        // Remove folders that the removal left empty, up to `out`.
        let mut dir = out.join(path).parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == out || fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    Ok(())
}

fn move_into_place(
    out: &Path,
    staging: &Path,
    plan: &Plan,
    undo: &mut Vec<Undo>,
) -> std::io::Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    let (new, old) = (staging.join("new"), staging.join("old"));
    fs::create_dir_all(&new)?;
    fs::create_dir_all(&old)?;
    for (i, file) in plan.write.iter().enumerate() {
        fs::write(new.join(i.to_string()), &file.contents)?;
    }
    for (i, file) in plan.write.iter().enumerate() {
        let target = out.join(&file.path);
        if let Some(parent) = target.parent() {
            create_folders(parent, undo)?;
        }
        if target.exists() {
            let aside = old.join(format!("write-{i}"));
            fs::rename(&target, &aside)?;
            undo.push(Undo::MoveBack(aside, target.clone()));
        }
        fs::rename(new.join(i.to_string()), &target)?;
        undo.push(Undo::Delete(target));
    }
    for (i, path) in plan.remove.iter().enumerate() {
        let target = out.join(path);
        let aside = old.join(format!("remove-{i}"));
        fs::rename(&target, &aside)?;
        undo.push(Undo::MoveBack(aside, target));
    }
    Ok(())
}

/// Creates `dir` and its missing ancestors, remembering each for undoing.
fn create_folders(dir: &Path, undo: &mut Vec<Undo>) -> std::io::Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    for d in missing.into_iter().rev() {
        fs::create_dir(d)?;
        undo.push(Undo::RemoveFolder(d.to_path_buf()));
    }
    Ok(())
}

/// One completed step of [`apply`], and how to take it back.
enum Undo {
    /// A new file was moved into place: delete it.
    Delete(std::path::PathBuf),
    /// A file was moved aside (from the second path to the first): move it back.
    MoveBack(std::path::PathBuf, std::path::PathBuf),
    /// A folder was created: remove it (it is empty once later steps are undone).
    RemoveFolder(std::path::PathBuf),
}

impl Undo {
    /// Best effort: undoing runs after a failure, and reports nothing more.
    fn run(self) {
        let _ = match self {
            Undo::Delete(path) => fs::remove_file(path),
            Undo::MoveBack(aside, target) => fs::rename(aside, target),
            Undo::RemoveFolder(dir) => fs::remove_dir(dir),
        };
    }
}

/// `cargo xtask check`: generates in memory and prints a diff per file that differs.
pub fn check(args: &SpecArgs) -> Result<(), Failure> {
    let loaded = load(args, false)?;
    let scope = loaded.scope(args);
    let files = codegen::output::files(&loaded.refs(), &scope);
    let mut report = drift_report(&plan(&args.out, files, &scope), &args.out_display);
    let stale: String = loaded
        .locks
        .iter()
        .flatten()
        .filter_map(crate::numbers::drift)
        .collect();
    if !stale.is_empty() {
        report = stale
            + if report.is_empty() {
                "run `cargo xtask gen` and commit\n"
            } else {
                &report
            };
    }
    if report.is_empty() {
        println!(
            "{} is up to date with {}",
            args.out_display, args.spec_display
        );
        Ok(())
    } else {
        eprint!("{report}");
        Err(Failure::Drift)
    }
}

/// The differences between the output folder and what `gen` would write,
/// as unified diffs, ending with the command to run; empty when in sync.
/// `out_display` is how the folder is named in the report.
///
/// (It is here, in the command line, because only `check` reports drift:
/// codegen has no diff of its own to show.)
fn drift_report(plan: &Plan, out_display: &str) -> String {
    if plan.is_clean() {
        return String::new();
    }
    let mut report = String::new();
    for file in &plan.write {
        let shown = format!("{out_display}/{}", file.path);
        match plan.changed.iter().find(|(path, _)| *path == file.path) {
            Some((_, on_disk)) => {
                let on_disk = on_disk.replace("\r\n", "\n");
                let diff = similar::TextDiff::from_lines(&on_disk, &file.contents);
                report += &format!("{shown} was not up to date:\n");
                report += &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{shown} (on disk)"),
                        &format!("{shown} (generated)"),
                    )
                    .to_string();
            }
            None => report += &format!("{shown} is missing\n"),
        }
    }
    for path in &plan.remove {
        report += &format!("{out_display}/{path} is no longer generated\n");
    }
    report += "run `cargo xtask gen` and commit\n";
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::output::MANIFEST;

    /// `cargo test` catches drift too: the committed output must be what the spec produces.
    #[test]
    fn generated_output_is_in_sync_with_the_spec() {
        let args = SpecArgs::workspace_default();
        let catalogs = crate::workspace::catalogs().unwrap_or_else(|e| panic!("{e}"));
        let catalogs: Vec<&Catalog> = catalogs.iter().collect();
        let report = drift_report(
            &plan(
                &args.out,
                codegen::output::files(&catalogs, &Scope::All),
                &Scope::All,
            ),
            &args.out_display,
        );
        assert!(report.is_empty(), "{report}");
    }

    /// The plan against an output folder in memory: path → text.
    fn plan_against(files: Vec<GeneratedFile>, on_disk: &[(&str, &str)]) -> Plan {
        codegen::output::plan(files, &Scope::All, |path| {
            on_disk
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, text)| text.as_bytes().to_vec())
        })
    }

    #[test]
    fn the_drift_report_diffs_changed_files_and_names_missing_and_stale_ones() {
        let on_disk = [
            (MANIFEST, "two.txt\nold.txt\n"),
            ("two.txt", "2\n"),
            ("old.txt", "x"),
        ];
        let files = vec![
            GeneratedFile::new("one.txt", "1\n"),
            GeneratedFile::new("two.txt", "2!\n"),
        ];
        let report = drift_report(&plan_against(files, &on_disk), "out");
        assert!(report.contains("out/one.txt is missing\n"), "{report}");
        assert!(
            report.contains("out/two.txt was not up to date:\n"),
            "{report}"
        );
        assert!(
            report.contains("--- out/two.txt (on disk)\n+++ out/two.txt (generated)\n"),
            "{report}"
        );
        assert!(report.contains("-2\n+2!\n"), "{report}");
        assert!(
            report.contains("out/old.txt is no longer generated\n"),
            "{report}"
        );
        assert!(
            report.ends_with("run `cargo xtask gen` and commit\n"),
            "{report}"
        );

        let files = vec![GeneratedFile::new("one.txt", "1\n")];
        let manifest = plan_against(files.clone(), &[]).write[0].contents.clone();
        let in_sync = [("one.txt", "1\n"), (MANIFEST, manifest.as_str())];
        assert_eq!(drift_report(&plan_against(files, &in_sync), "out"), "");
    }

    #[test]
    fn gen_writes_changes_and_removes_what_it_no_longer_produces() {
        let scratch = tempfile::tempdir().expect("a temp folder");
        let out = scratch.path().join("out");
        let first = vec![
            GeneratedFile::new("a/one.txt", "1\n"),
            GeneratedFile::new("two.txt", "2\n"),
        ];
        apply(&out, &plan(&out, first.clone(), &Scope::All)).expect("first write");
        fs::write(out.join("keep.txt"), "not ours").expect("write");
        let again = plan(&out, first, &Scope::All);
        assert!(again.is_clean());
        assert_eq!(again.unchanged, 3);

        let second = vec![GeneratedFile::new("two.txt", "2!\n")];
        let p = plan(&out, second, &Scope::All);
        assert_eq!(p.remove, ["a/one.txt"]);
        assert_eq!(p.write.len(), 2);
        let report = drift_report(&p, "out");
        assert!(report.contains("-2\n+2!"), "{report}");
        assert!(
            report.contains("out/a/one.txt is no longer generated"),
            "{report}"
        );
        assert!(report.ends_with("run `cargo xtask gen` and commit\n"));
        apply(&out, &p).expect("second write");
        assert!(!out.join("a").exists(), "the emptied folder is removed");
        assert_eq!(
            fs::read_to_string(out.join("two.txt")).expect("read"),
            "2!\n"
        );
        assert_eq!(
            fs::read_to_string(out.join("keep.txt")).expect("read"),
            "not ours"
        );
        assert!(!out.join(".staging").exists());
    }

    /// A file that cannot be put in place (its folder is a file) undoes
    /// everything: the output folder is as it was, without a staging folder.
    #[test]
    fn a_failed_write_leaves_the_output_as_it_was() {
        let scratch = tempfile::tempdir().expect("a temp folder");
        let out = scratch.path().join("out");
        let first = vec![
            GeneratedFile::new("a.txt", "old a\n"),
            GeneratedFile::new("gone.txt", "old gone\n"),
        ];
        apply(&out, &plan(&out, first, &Scope::All)).expect("first write");
        fs::write(out.join("blocker"), "a file where a folder is needed").expect("write");
        let snapshot = |dir: &Path| -> Vec<(String, String)> {
            let mut files: Vec<(String, String)> = fs::read_dir(dir)
                .expect("read")
                .map(|e| {
                    let path = e.expect("entry").path();
                    let name = path
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned();
                    (
                        name,
                        fs::read_to_string(&path).unwrap_or_else(|_| "<folder>".into()),
                    )
                })
                .collect();
            files.sort();
            files
        };
        let before = snapshot(&out);
        let second = vec![
            GeneratedFile::new("a.txt", "new a\n"),
            GeneratedFile::new("blocker/inside.txt", "cannot be written\n"),
            GeneratedFile::new("new/deep/b.txt", "new b\n"),
        ];
        let p = plan(&out, second, &Scope::All);
        assert_eq!(p.remove, ["gone.txt"]);
        assert!(apply(&out, &p).is_err());
        assert_eq!(snapshot(&out), before);
    }
}
