//! The output folder as a whole: every file that `gen` writes (its manifest
//! included), and the plan of what to write, remove and leave alone given
//! what the folder holds (which `check` reports as drift).
//!
//! The folder keeps a manifest, `MANIFEST.txt`, listing the files that `gen`
//! wrote, so that a later `gen` removes the ones it no longer produces and
//! never touches anything else.
//!
//! No I/O here: the caller reads the folder for [`plan`], writes the plan or
//! reports it (`xtask/src/sync.rs`).

use std::collections::BTreeSet;
use std::path::{Component, Path};

use crate::{Catalog, GeneratedFile};

/// The manifest's name in the output folder.
pub const MANIFEST: &str = "MANIFEST.txt";

/// Every file of the output, the manifest included, sorted by path.
#[must_use]
pub fn files(catalog: &Catalog) -> Vec<GeneratedFile> {
    let mut files = crate::generate(catalog);
    let mut manifest = format!("# {}\n", crate::emit::generated_notice(catalog));
    manifest.push_str("# The files that `cargo xtask gen` writes in this folder; it removes those it stops producing.\n");
    for file in &files {
        manifest.push_str(&file.path);
        manifest.push('\n');
    }
    // `generate` sorted the files; the manifest goes in its place.
    let at = files.partition_point(|f| f.path.as_str() < MANIFEST);
    files.insert(at, GeneratedFile::new(MANIFEST, manifest));
    files
}

/// What `gen` would write, compared with what is in the output folder.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to create or overwrite.
    pub write: Vec<GeneratedFile>,
    /// The files of `write` that exist with other contents: (path, what is on disk).
    pub changed: Vec<(String, String)>,
    /// Files listed in the old manifest that are no longer produced.
    pub remove: Vec<String>,
    /// How many files are already up to date.
    pub unchanged: usize,
}

impl Plan {
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }
}

/// Compares `files` with the output folder, which `read` gives file by file:
/// the bytes of the file at a relative path, or `None` if there is no such
/// file (or it cannot be read). Line ends are normalised, so a checkout with
/// CRLF line ends is not drift.
pub fn plan(files: Vec<GeneratedFile>, read: impl Fn(&str) -> Option<Vec<u8>>) -> Plan {
    let read_text = |path: &str| read(path).map(String::from_utf8);
    let mut plan = Plan::default();
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let old_manifest = read_text(MANIFEST).and_then(Result::ok).unwrap_or_default();
    plan.remove = old_manifest
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter(|path| !produced.contains(path) && is_safe_relative(path) && read(path).is_some())
        .map(str::to_owned)
        .collect();
    for file in files {
        match read_text(&file.path) {
            Some(Ok(on_disk)) if on_disk.replace("\r\n", "\n") == file.contents => {
                plan.unchanged += 1;
            }
            Some(Ok(on_disk)) => {
                plan.changed.push((file.path.clone(), on_disk));
                plan.write.push(file);
            }
            Some(Err(_)) | None => plan.write.push(file),
        }
    }
    plan
}

/// A manifest line is only ever a relative path inside the output folder.
fn is_safe_relative(path: &str) -> bool {
    let path = Path::new(path);
    path.is_relative() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// An output folder in memory: path → bytes.
    fn folder(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(path, text)| ((*path).to_owned(), text.as_bytes().to_vec()))
            .collect()
    }

    fn plan_against(files: Vec<GeneratedFile>, on_disk: &BTreeMap<String, Vec<u8>>) -> Plan {
        plan(files, |path| on_disk.get(path).cloned())
    }

    #[test]
    fn manifest_paths_cannot_leave_the_output_folder() {
        assert!(is_safe_relative("rust/src/lib.rs"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("rust/../../x"));
    }

    #[test]
    fn the_plan_writes_what_differs_and_removes_what_the_manifest_no_longer_lists() {
        let on_disk = folder(&[
            (
                MANIFEST,
                "# a comment\na.txt\ngone.txt\nstill.txt\n../outside.txt\nabsent.txt\n",
            ),
            ("a.txt", "same\r\n"),
            ("gone.txt", "old"),
            ("still.txt", "old"),
            ("../outside.txt", "never removed"),
            ("mine.txt", "not listed, never touched"),
        ]);
        let files = vec![
            GeneratedFile::new("a.txt", "same\n"),
            GeneratedFile::new("still.txt", "new"),
            GeneratedFile::new("new.txt", "new"),
            GeneratedFile::new(MANIFEST, "a.txt\nstill.txt\nnew.txt\n"),
        ];
        let plan = plan_against(files, &on_disk);
        // CRLF on disk is not drift; a listed file that is gone or outside
        // the folder is not removed; an unlisted file is not touched.
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.remove, ["gone.txt"]);
        let written: Vec<&str> = plan.write.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(written, ["still.txt", "new.txt", MANIFEST]);
        let changed: Vec<(&str, &str)> = plan
            .changed
            .iter()
            .map(|(path, old)| (path.as_str(), old.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                ("still.txt", "old"),
                (
                    MANIFEST,
                    "# a comment\na.txt\ngone.txt\nstill.txt\n../outside.txt\nabsent.txt\n"
                )
            ]
        );
        assert!(!plan.is_clean());
    }

    #[test]
    fn the_manifest_lists_every_file_and_is_itself_generated() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let catalog = crate::load_spec(&spec, "spec")
            .catalog
            .expect("the seed spec is valid");
        let files = files(&catalog);
        let manifest = &files
            .iter()
            .find(|f| f.path == MANIFEST)
            .expect("a manifest")
            .contents;
        assert!(manifest.starts_with("# @generated"), "{manifest}");
        let listed: Vec<&str> = manifest.lines().filter(|l| !l.starts_with('#')).collect();
        let others: Vec<&str> = files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| *p != MANIFEST)
            .collect();
        assert_eq!(listed, others);
        assert!(
            files.windows(2).all(|w| w[0].path < w[1].path),
            "sorted by path"
        );
    }
}
