//! `gen` and `check`: keep the output folder equal to what the spec produces.
//!
//! What to write, remove and leave alone is decided by [`codegen::output`]
//! (no I/O there); here the folder is read for it, and the plan is written
//! or, by `check`, reported as a diff.

use std::fs;
use std::path::Path;

use codegen::diagnostic::render_all;
use codegen::numbers::Lock;
use codegen::output::Plan;
use codegen::{Catalog, GeneratedFile};

use crate::{Failure, SpecArgs};

/// The workspace's own spec (`spec/`), loaded as [`load`] does.
pub fn seed_catalog() -> Result<Catalog, String> {
    load(&SpecArgs::workspace_default()).map_err(|_| "the spec has errors (shown above)".to_owned())
}

/// The catalog of a spec other than the one `gen` was given, without
/// printing anything: its diagnostics are the error. `display_root` names
/// the spec in them and in the `@generated` lines, as in `load_spec`.
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

/// Loads and validates the spec; prints its diagnostics to stderr.
pub fn load(args: &SpecArgs) -> Result<Catalog, Failure> {
    load_with_lock(args).map(|(catalog, _)| catalog)
}

/// [`load`], with the spec folder's number lock (see `crate::numbers`).
pub fn load_with_lock(args: &SpecArgs) -> Result<(Catalog, Option<Lock>), Failure> {
    let mut loaded = codegen::load_spec(&args.spec, &args.spec_display);
    crate::numbers::check_committed(&args.spec, &mut loaded);
    if !loaded.diagnostics.is_empty() {
        eprint!("{}", render_all(&loaded.diagnostics));
    }
    let lock = loaded.lock;
    loaded
        .catalog
        .map(|catalog| (catalog, lock))
        .ok_or(Failure::SpecErrors)
}

/// The plan of writing `files` into the folder `out`, as it is on disk.
fn plan(out: &Path, files: Vec<GeneratedFile>) -> Plan {
    codegen::output::plan(files, |path| fs::read(out.join(path)).ok())
}

/// `cargo xtask gen`: writes what changed, removes what is no longer produced.
pub fn generate(args: &SpecArgs) -> Result<(), Failure> {
    let (catalog, lock) = load_with_lock(args)?;
    if let Some(changes) = changes_since_committed(args, &catalog) {
        if changes.drops_codes_without_bump() {
            eprintln!(
                "error: this would remove {} code(s) that {} has: {}\n\
                 = hint: users may name these codes. Keep their rows and mark them deprecated (the \
                 `deprecated` column), or, for a breaking change, raise `version` in catalog.yaml \
                 from {} to at least {}; then run `cargo xtask gen` again.",
                changes.removed.len(),
                args.out_display,
                changes.removed.join(", "),
                changes.old_version,
                changes.minimum_version(),
            );
            return Err(Failure::SpecErrors);
        }
        println!("{}", changes.summary());
    }
    let files = codegen::output::files(&catalog);
    let total = files.len();
    let plan = plan(&args.out, files);
    apply(&args.out, &plan)
        .map_err(|e| Failure::Other(format!("writing {}: {e}", args.out_display)))?;
    if let Some(lock) = &lock {
        crate::numbers::write(lock).map_err(Failure::Other)?;
    }
    update_lockfiles(args, &plan)?;
    println!(
        "generated {} into {}: {total} files, {} written, {} removed, {} unchanged",
        if catalog.codes.len() == 1 {
            "1 code".to_owned()
        } else {
            format!("{} codes", catalog.codes.len())
        },
        args.out_display,
        plan.write.len(),
        plan.remove.len(),
        plan.unchanged,
    );
    Ok(())
}

/// The lockfiles that record the generated crate's version: the workspace's
/// and the consumer fixture's. When `gen` rewrites the crate's manifest in
/// the workspace's own output, their entry for it is updated (offline, that
/// entry only), so that the `--locked` builds of CI stay in step.
fn update_lockfiles(args: &SpecArgs, plan: &Plan) -> Result<(), Failure> {
    let manifest_changed = plan.write.iter().any(|f| f.path == "rust/Cargo.toml");
    if !manifest_changed || args.out != SpecArgs::workspace_default().out {
        return Ok(());
    }
    let root = crate::workspace_root();
    for manifest in ["Cargo.toml", "xtask/fixtures/consumer/Cargo.toml"] {
        let status =
            std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args([
                    "update",
                    "--offline",
                    "--workspace",
                    "--quiet",
                    "--manifest-path",
                    manifest,
                ])
                .current_dir(&root)
                .status()
                .map_err(|e| Failure::Other(format!("cannot run cargo update: {e}")))?;
        if !status.success() {
            return Err(Failure::Other(format!(
                "`cargo update --offline --workspace --manifest-path {manifest}` failed; run it, then commit the lockfile"
            )));
        }
    }
    println!(
        "updated the lockfiles' entry for the generated crate (Cargo.lock, xtask/fixtures/consumer/Cargo.lock): commit them too"
    );
    Ok(())
}

/// The output folder's `catalog.json` as git's `HEAD` has it, when the
/// folder is in a repository that committed one: the comparison is then
/// with what was committed, not with a `gen` run since.
fn committed_catalog(out: &Path) -> Option<String> {
    crate::process::committed_file(out, codegen::emit::json::PATH)
}

/// What changed since the committed catalog (or, outside git, the catalog
/// in the output folder), if there is one.
fn changes_since_committed(
    args: &SpecArgs,
    catalog: &Catalog,
) -> Option<codegen::changes::Changes> {
    let old = committed_catalog(&args.out)
        .or_else(|| fs::read_to_string(args.out.join(codegen::emit::json::PATH)).ok())?;
    match codegen::changes::compare(&old, catalog) {
        Ok(changes) => Some(changes),
        Err(e) => {
            eprintln!(
                "warning: cannot compare with {}/{}: {e}",
                args.out_display,
                codegen::emit::json::PATH
            );
            None
        }
    }
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
    let (catalog, lock) = load_with_lock(args)?;
    let mut report = drift_report(
        &plan(&args.out, codegen::output::files(&catalog)),
        &args.out_display,
    );
    if let Some(stale) = lock.as_ref().and_then(crate::numbers::drift) {
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
        let loaded = codegen::load_spec(&args.spec, &args.spec_display);
        let catalog = loaded
            .catalog
            .unwrap_or_else(|| panic!("{}", render_all(&loaded.diagnostics)));
        let report = drift_report(
            &plan(&args.out, codegen::output::files(&catalog)),
            &args.out_display,
        );
        assert!(report.is_empty(), "{report}");
    }

    /// The plan against an output folder in memory: path → text.
    fn plan_against(files: Vec<GeneratedFile>, on_disk: &[(&str, &str)]) -> Plan {
        codegen::output::plan(files, |path| {
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
            GeneratedFile::new(MANIFEST, "one.txt\ntwo.txt\n"),
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

        let in_sync = [("one.txt", "1\n"), (MANIFEST, "one.txt\n")];
        let files = vec![
            GeneratedFile::new("one.txt", "1\n"),
            GeneratedFile::new(MANIFEST, "one.txt\n"),
        ];
        assert_eq!(drift_report(&plan_against(files, &in_sync), "out"), "");
    }

    #[test]
    fn gen_writes_changes_and_removes_what_it_no_longer_produces() {
        let scratch = tempfile::tempdir().expect("a temp folder");
        let out = scratch.path().join("out");
        let manifest = |paths: &[&str]| GeneratedFile::new(MANIFEST, paths.join("\n") + "\n");
        let first = vec![
            GeneratedFile::new("a/one.txt", "1\n"),
            GeneratedFile::new("two.txt", "2\n"),
            manifest(&["a/one.txt", "two.txt"]),
        ];
        apply(&out, &plan(&out, first.clone())).expect("first write");
        fs::write(out.join("keep.txt"), "not ours").expect("write");
        let again = plan(&out, first);
        assert!(again.is_clean());
        assert_eq!(again.unchanged, 3);

        let second = vec![
            GeneratedFile::new("two.txt", "2!\n"),
            manifest(&["two.txt"]),
        ];
        let p = plan(&out, second);
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
            GeneratedFile::new(MANIFEST, "a.txt\ngone.txt\n"),
        ];
        apply(&out, &plan(&out, first)).expect("first write");
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
            GeneratedFile::new(MANIFEST, "a.txt\nblocker/inside.txt\nnew/deep/b.txt\n"),
        ];
        let p = plan(&out, second);
        assert_eq!(p.remove, ["gone.txt"]);
        assert!(apply(&out, &p).is_err());
        assert_eq!(snapshot(&out), before);
    }
}
