//! The spec's number lock (`spec/codes.lock`, see `codegen::numbers`) in
//! `gen` and `check`: a hand edit that changes or drops a committed number
//! is an error; `gen` writes the lines of new codes; `check` fails when the
//! lock is not up to date.

use std::fs;
use std::path::Path;

use codegen::numbers::{Lock, compare_with_committed};

/// How many new codes `gen` names (a new lock numbers every code).
const LISTED: usize = 10;

/// Adds an error to `loaded` for every number of the lock that differs from
/// the lock in git's `HEAD` (when the spec folder is in a repository that
/// committed one); there is then no catalog.
pub fn check_committed(spec: &Path, loaded: &mut codegen::Loaded) {
    let Some(lock) = &loaded.lock else {
        return;
    };
    let Some(committed) = committed_lock(spec) else {
        return;
    };
    let problems = compare_with_committed(lock, &committed);
    if !problems.is_empty() {
        loaded.catalog = None;
        loaded.diagnostics.extend(problems);
    }
}

/// The lock file as git's `HEAD` has it, if the spec folder is in a
/// repository that committed one.
fn committed_lock(spec: &Path) -> Option<String> {
    crate::process::committed_file(spec, codegen::numbers::LOCK_FILE)
}

/// Writes the lock when it gained lines (or did not exist), and says so.
///
/// # Errors
/// When the file cannot be written.
pub fn write(lock: &Lock) -> Result<(), String> {
    if !lock.is_stale() {
        return Ok(());
    }
    // Written aside, then renamed: never half-written.
    let aside = lock.path.with_extension("lock.new");
    fs::write(&aside, lock.contents())
        .and_then(|()| fs::rename(&aside, &lock.path))
        .map_err(|e| format!("writing {}: {e}", lock.display))?;
    let new = lock.new_entries();
    if new.is_empty() {
        println!(
            "updated {} (codes that left the table, or its header): commit it with the spec",
            lock.display
        );
        return Ok(());
    }
    let mut listed: Vec<String> = new
        .iter()
        .take(LISTED)
        .map(|e| format!("{} = {}", e.code, e.number))
        .collect();
    if new.len() > LISTED {
        listed.push(format!("and {} more", new.len() - LISTED));
    }
    println!(
        "numbered {} new code(s) in {} ({}): commit it with the spec",
        new.len(),
        lock.display,
        listed.join(", ")
    );
    Ok(())
}

/// For `check`: what is wrong with the lock on disk, if anything.
pub fn drift(lock: &Lock) -> Option<String> {
    lock.is_stale().then(|| {
        let new: Vec<&str> = lock.new_entries().iter().map(|e| e.code.as_str()).collect();
        if new.is_empty() {
            format!("{} is not as `cargo xtask gen` writes it\n", lock.display)
        } else {
            format!(
                "{} is not up to date: it has no number for {}\n",
                lock.display,
                new.join(", ")
            )
        }
    })
}
