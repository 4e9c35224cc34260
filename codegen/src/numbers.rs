//! Stable code numbers: every code keeps one number for the life of the
//! crate, whatever rows are added, removed or reordered around it. The
//! number is `ErrorCode`'s discriminant (`code as u32`), so a number that
//! changed would break users (cargo-semver-checks:
//! `enum_repr_variant_discriminant_changed`).
//!
//! The numbers are recorded in the spec folder's lock file, `codes.lock`, a
//! two-column CSV (`code,number`, one line per code, in number order) that
//! `cargo xtask gen` maintains and the maintainer commits with the spec:
//!
//! ```text
//! code,number
//! AIS.0012,0
//! AIS.0014,1
//! ```
//!
//! - A code that is in the lock keeps its number.
//! - A new code gets the next number after the largest one in the lock
//!   (codes new in one run are numbered in table order).
//! - A code that leaves the table keeps its line, so its number is never
//!   reused and comes back if the code does (as protobuf field numbers and
//!   rustc's error codes never are reused). Once a code that was in the
//!   committed output leaves the table, `gen` records on its line the
//!   version that removed it and the deprecation note it had (what replaces
//!   it): the reference pages keep a section for it, a tombstone
//!   ([`record_removals`]).
//!
//! ```text
//! code,number,removed_in,note
//! AIS.0012,0
//! AIS.0013,7,0.3.0,no longer returned; use AIS.0014
//! ```
//!
//! A lone table (`--spec table.csv`) has no lock: its codes are numbered in
//! table order, which is stable only as long as rows are only appended.
//!
//! That nobody edited a number by hand is checked by `cargo xtask gen`
//! against the lock in git's `HEAD` ([`compare_with_committed`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::Loaded;
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, Code, RemovedCode};
use crate::position::LineIndex;

/// The lock file's name in a spec folder.
pub const LOCK_FILE: &str = "codes.lock";

/// The header line of the lock file.
const HEADER: [&str; 4] = ["code", "number", "removed_in", "note"];
/// The header of locks written before removals were recorded; still read.
const OLD_HEADER: [&str; 2] = ["code", "number"];

/// A spec folder's number lock: every code that was ever numbered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    /// The file, to write to.
    pub path: PathBuf,
    /// The file as shown in messages (`spec/codes.lock`).
    pub display: String,
    /// Every code ever numbered, in number order; a code that left the
    /// table keeps its entry.
    pub entries: Vec<Entry>,
    /// The file's text as read, or `None` if there was no file.
    pub on_disk: Option<String>,
}

/// One line of the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub number: u32,
    /// Set once the code has left the table (see [`record_removals`]).
    pub removed: Option<Removal>,
    /// The 1-based line it was read from; 0 for a code numbered in this run.
    pub line: usize,
}

/// When a code left the table, and what replaced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// The catalog's version that removed it.
    pub version: String,
    /// Its deprecation note when it was removed, if it had one.
    pub note: Option<String>,
}

impl Lock {
    /// The file's text as `gen` writes it: the header, then one line per
    /// code in number order.
    #[must_use]
    pub fn contents(&self) -> String {
        let mut rows = vec![HEADER.map(str::to_owned).to_vec()];
        rows.extend(self.entries.iter().map(|e| {
            let mut row = vec![e.code.clone(), e.number.to_string()];
            if let Some(removal) = &e.removed {
                row.push(removal.version.clone());
                row.push(removal.note.clone().unwrap_or_default());
            }
            row
        }));
        // Live codes' lines have two fields, removed codes' four.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .from_writer(Vec::new());
        for row in rows {
            // Writing to memory cannot fail.
            let _ = writer.write_record(&row);
        }
        writer
            .into_inner()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }

    /// Whether the file on disk differs from [`Lock::contents`] (or is missing).
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.on_disk
            .as_deref()
            .is_none_or(|text| text.replace("\r\n", "\n") != self.contents())
    }

    /// The codes numbered in this run, with their numbers.
    #[must_use]
    pub fn new_entries(&self) -> Vec<&Entry> {
        self.entries.iter().filter(|e| e.line == 0).collect()
    }
}

/// Numbers the codes of a loaded spec: from the lock file of a spec folder
/// (which gains a line for each new code), or in table order for a lone
/// table. Problems of the lock file are added to the diagnostics, and then
/// there is no catalog.
pub fn number(spec: &Path, display_root: &str, loaded: &mut Loaded) {
    if !spec.is_dir() {
        if let Some(catalog) = &mut loaded.catalog {
            for (number, code) in (0..).zip(&mut catalog.codes) {
                code.number = number;
            }
        }
        return;
    }
    let path = spec.join(LOCK_FILE);
    let display = format!("{}/{LOCK_FILE}", display_root.trim_end_matches('/'));
    // Only a missing lock is a new one: a lock that cannot be read (or is
    // not UTF-8) is an error, never renumbered from 0 and overwritten.
    let (on_disk, mut problems) = match std::fs::read_to_string(&path) {
        Ok(text) => (Some(text), Vec::new()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, Vec::new()),
        Err(e) => (
            None,
            vec![Diagnostic::error(
                &display,
                0,
                0,
                format!("cannot read the file: {e}"),
            )],
        ),
    };
    let entries = match &on_disk {
        Some(text) => {
            let (entries, parsed) = parse(text, &display);
            problems.extend(parsed);
            entries
        }
        None => Vec::new(),
    };
    let mut lock = Lock {
        path,
        display,
        entries,
        on_disk,
    };
    if let Some(catalog) = &mut loaded.catalog
        && problems.is_empty()
    {
        problems.extend(assign(&mut lock, &mut catalog.codes));
        catalog.removed = tombstones(&lock, catalog);
    }
    if problems.iter().any(Diagnostic::is_error) {
        loaded.catalog = None;
    }
    loaded.diagnostics.extend(problems);
    loaded.lock = Some(lock);
}

/// Gives every code its number from the lock, and new codes the next ones.
fn assign(lock: &mut Lock, codes: &mut [Code]) -> Vec<Diagnostic> {
    let numbers: HashMap<&str, u32> = lock
        .entries
        .iter()
        .map(|e| (e.code.as_str(), e.number))
        .collect();
    let mut next = lock
        .entries
        .iter()
        .map(|e| e.number)
        .max()
        .map_or(Some(0), |n| n.checked_add(1));
    let mut added = Vec::new();
    for code in codes.iter_mut() {
        if let Some(&number) = numbers.get(code.code.as_str()) {
            code.number = number;
            continue;
        }
        let Some(number) = next else {
            return vec![Diagnostic::error(
                &lock.display,
                0,
                0,
                format!(
                    "no number is left for `{}`: the lock has used every 32-bit number",
                    code.code
                ),
            )];
        };
        code.number = number;
        next = number.checked_add(1);
        added.push(Entry {
            code: code.code.clone(),
            number,
            removed: None,
            line: 0,
        });
    }
    // A removed code that is back in the table is a code like any other.
    let in_table = codes_in(codes);
    for entry in &mut lock.entries {
        if in_table.contains(entry.code.as_str()) {
            entry.removed = None;
        }
    }
    lock.entries.extend(added);
    Vec::new()
}

/// Whether the lock has a code that left the table and whose removal is
/// not recorded yet: only then does [`record_removals`] need the committed
/// output.
#[must_use]
pub fn has_unrecorded_removals(loaded: &Loaded) -> bool {
    let (Some(catalog), Some(lock)) = (&loaded.catalog, &loaded.lock) else {
        return false;
    };
    let in_table = codes_in(&catalog.codes);
    lock.entries
        .iter()
        .any(|entry| is_unrecorded_removal(entry, &in_table))
}

/// The codes of the table, which tell the lock's removed codes from the others.
fn codes_in(codes: &[Code]) -> HashSet<&str> {
    codes.iter().map(|c| c.code.as_str()).collect()
}

/// Whether a lock line is of a code that left the table, its removal not
/// recorded yet.
fn is_unrecorded_removal(entry: &Entry, in_table: &HashSet<&str>) -> bool {
    entry.removed.is_none() && !in_table.contains(entry.code.as_str())
}

/// A code as the committed output has it: what a removal records of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommittedCode {
    /// Its deprecation note there, if it was deprecated.
    pub deprecated: Option<String>,
}

/// Records, on the lock line of each code that left the table and was in
/// the committed output (`committed` gives it, or `None` if that output
/// did not have the code), the catalog's version and the code's deprecation
/// note; the catalog gains its tombstone. A code that left the table
/// without ever being committed keeps its plain line: its number stays
/// taken, and nobody can have linked to its section.
pub fn record_removals(loaded: &mut Loaded, committed: impl Fn(&str) -> Option<CommittedCode>) {
    let (Some(catalog), Some(lock)) = (&mut loaded.catalog, &mut loaded.lock) else {
        return;
    };
    let in_table = codes_in(&catalog.codes);
    let mut recorded = false;
    for entry in &mut lock.entries {
        if !is_unrecorded_removal(entry, &in_table) {
            continue;
        }
        if let Some(code) = committed(&entry.code) {
            entry.removed = Some(Removal {
                version: catalog.meta.version.clone(),
                note: code.deprecated,
            });
            recorded = true;
        }
    }
    // `number` made the tombstones of the removals recorded before.
    if recorded {
        catalog.removed = tombstones(lock, catalog);
    }
}

/// The catalog's removed codes, from the lock, in number order. A removed
/// code whose anchor a code of the table now has is left out: its section
/// is that code's.
fn tombstones(lock: &Lock, catalog: &Catalog) -> Vec<RemovedCode> {
    let anchors: HashSet<&str> = catalog.codes.iter().map(|c| c.anchor.as_str()).collect();
    lock.entries
        .iter()
        .filter_map(|entry| {
            let removal = entry.removed.as_ref()?;
            let anchor = crate::names::anchor(&entry.code);
            (!anchors.contains(anchor.as_str())).then(|| RemovedCode {
                prefix: crate::names::prefix(&entry.code),
                code: entry.code.clone(),
                anchor,
                removed_in: removal.version.clone(),
                note: removal.note.clone(),
            })
        })
        .collect()
}

/// Reads a lock file's text: its entries in number order, and a diagnostic
/// for each line that is not `code,number`, each code or number that is
/// there twice.
#[must_use]
pub fn parse(text: &str, display: &str) -> (Vec<Entry>, Vec<Diagnostic>) {
    let lines = LineIndex::new(text);
    let source = |line: usize| lines.line(text, line);
    let error = |line: usize, message: String, hint: &str| {
        Diagnostic::error(display, line, 1, message)
            .with_source_line(source(line))
            .with_hint(hint)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_number: HashMap<u32, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                problems.push(error(
                    line,
                    format!("this line cannot be read as CSV: {e}"),
                    "each line is `code,number`",
                ));
                continue;
            }
        };
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        let fields: Vec<&str> = record.iter().collect();
        if i == 0 {
            if fields != HEADER && fields != OLD_HEADER {
                problems.push(error(
                    line,
                    "the lock file must start with the line `code,number,removed_in,note`".into(),
                    "restore the header line",
                ));
            }
            continue;
        }
        let (code, number, removed) = match fields[..] {
            [code, number] => (code, number, None),
            [code, number, version, note] if semver::Version::parse(version).is_ok() => (
                code,
                number,
                Some(Removal {
                    version: version.to_owned(),
                    note: (!note.is_empty()).then(|| note.to_owned()),
                }),
            ),
            _ => {
                problems.push(error(
                    line,
                    format!(
                        "expected 2 fields (`code,number`), or 4 for a removed code \
                         (`code,number,removed_in,note`, `removed_in` a version), found {}",
                        fields.len()
                    ),
                    "each line is a code and its number, e.g. `AIS.0014,1`",
                ));
                continue;
            }
        };
        let Ok(number) = number.parse::<u32>() else {
            problems.push(error(
                line,
                format!("`{number}` is not a number from 0 to 4294967295"),
                "each line is a code and its number, e.g. `AIS.0014,1`",
            ));
            continue;
        };
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            problems.push(error(
                line,
                format!("`{code}` is not a code (empty, or with whitespace)"),
                "each line is a code and its number, e.g. `AIS.0014,1`",
            ));
            continue;
        }
        if let Some(&other) = by_code.get(code) {
            problems.push(error(
                line,
                format!(
                    "`{code}` is numbered twice: here and on line {}",
                    entries[other].line
                ),
                "a code has one number: delete the line that `cargo xtask gen` did not write",
            ));
            continue;
        }
        if let Some(&other) = by_number.get(&number) {
            problems.push(error(
                line,
                format!(
                    "the number {number} is given to `{code}` and, on line {}, to `{}`",
                    entries[other].line, entries[other].code
                ),
                "a number belongs to one code, forever: delete the line that `cargo xtask gen` did not write",
            ));
            continue;
        }
        by_code.insert(code.to_owned(), entries.len());
        by_number.insert(number, entries.len());
        entries.push(Entry {
            code: code.to_owned(),
            number,
            removed,
            line,
        });
    }
    if entries.is_empty() && problems.is_empty() && text.is_empty() {
        problems.push(error(
            0,
            "the lock file is empty".into(),
            "delete it and run `cargo xtask gen` to write it again, or restore it from git",
        ));
    }
    entries.sort_by_key(|e| e.number);
    (entries, problems)
}

/// Compares the lock with the one committed (git's `HEAD`): every committed
/// line must still be there, with the same number. A diagnostic for each
/// that is not, pointing at the line that changed it, or at the file when
/// the line is gone.
#[must_use]
pub fn compare_with_committed(lock: &Lock, committed: &str) -> Vec<Diagnostic> {
    let (before, _) = parse(committed, &lock.display);
    let now: HashMap<&str, &Entry> = lock.entries.iter().map(|e| (e.code.as_str(), e)).collect();
    let on_disk = lock.on_disk.as_deref().unwrap_or_default();
    let lines = LineIndex::new(on_disk);
    let restore = |e: &Entry| {
        format!(
            "restore the line `{},{}`: a code keeps its number for the life of the crate (it is \
             `ErrorCode`'s discriminant, and users may store it), and a removed code keeps its \
             line so that its number is never reused. Numbers are added by `cargo xtask gen`, \
             never by hand",
            e.code, e.number
        )
    };
    let mut problems = Vec::new();
    if lock.on_disk.is_none() && !before.is_empty() {
        return vec![
            Diagnostic::error(
                &lock.display,
                0,
                0,
                format!(
                    "{} is missing, but git's HEAD has it with {} codes",
                    lock.display,
                    before.len()
                ),
            )
            .with_hint(format!(
                "restore it (`git checkout HEAD -- {}`): it holds the stable numbers of the codes",
                lock.display
            )),
        ];
    }
    for old in &before {
        // A code numbered in this run (line 0) lost its line in the file.
        match now.get(old.code.as_str()).filter(|new| new.line > 0) {
            Some(new) if new.number == old.number => {}
            Some(new) => problems.push(
                Diagnostic::error(
                    &lock.display,
                    new.line,
                    1,
                    format!(
                        "`{}` has the number {} here, but {} in the committed {} (git HEAD)",
                        old.code, new.number, old.number, lock.display
                    ),
                )
                .with_source_line(lines.line(on_disk, new.line))
                .with_hint(restore(old)),
            ),
            None => problems.push(
                Diagnostic::error(
                    &lock.display,
                    0,
                    0,
                    format!(
                        "the line of `{}` (number {}) was removed; the committed {} (git HEAD) has it",
                        old.code, old.number, lock.display
                    ),
                )
                .with_hint(restore(old)),
            ),
        }
    }
    problems
}

#[cfg(test)]
mod tests;
