//! The generated crate's reviewable diffs: a one-row spec edit is a small
//! edit of `generated/rust`, every text in the row of its code.
//!
//! The sample catalog (`codegen/tests/specs/sample`, a copy of a real
//! table) is copied (with its number lock), edited as a maintainer
//! would, and both versions are generated; the changed lines (inserted plus
//! deleted, as `git diff --stat` counts them) of every file under `rust/`
//! are counted with `similar`.

use std::fs;
use std::path::Path;

use codegen::GeneratedFile;

/// The sample catalog's files that generation reads.
const SPEC_FILES: [&str; 3] = ["catalog.yaml", "error-codes.csv", "codes.lock"];

/// The Rust crate generated from the sample catalog, with `edit` applied to its table.
fn generate(edit: impl Fn(&str) -> String) -> Vec<GeneratedFile> {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/specs/sample");
    let copy = tempfile::tempdir().expect("a temporary folder");
    for name in SPEC_FILES {
        let text = fs::read_to_string(seed.join(name)).expect("the sample catalog");
        let text = if name == "error-codes.csv" {
            edit(&text)
        } else {
            text
        };
        fs::write(copy.path().join(name), text).expect("write");
    }
    let loaded = codegen::load_spec(copy.path(), "spec");
    let catalog = loaded
        .catalog
        .unwrap_or_else(|| panic!("{}", codegen::diagnostic::render_all(&loaded.diagnostics)));
    codegen::emit::rust::emit(&catalog)
}

/// Lines inserted and deleted between two versions of the crate, per file.
fn changed_lines(before: &[GeneratedFile], after: &[GeneratedFile]) -> Vec<(String, usize)> {
    assert_eq!(
        before.iter().map(|f| &f.path).collect::<Vec<_>>(),
        after.iter().map(|f| &f.path).collect::<Vec<_>>(),
        "the same files"
    );
    before
        .iter()
        .zip(after)
        .map(|(old, new)| {
            let diff = similar::TextDiff::from_lines(&old.contents, &new.contents);
            let changed = diff
                .iter_all_changes()
                .filter(|c| c.tag() != similar::ChangeTag::Equal)
                .count();
            (old.path.clone(), changed)
        })
        .filter(|(_, changed)| *changed > 0)
        .collect()
}

fn total(changes: &[(String, usize)]) -> usize {
    changes.iter().map(|(_, n)| n).sum()
}

#[test]
fn a_message_edit_changes_at_most_6_lines() {
    let before = generate(str::to_owned);
    let after =
        generate(|table| table.replacen("The image is damaged.", "The image is corrupted.", 1));
    let changes = changed_lines(&before, &after);
    println!("one message edit: {changes:?}");
    assert!(total(&changes) <= 6, "{changes:?}");
    // The text changes in the row of its code: one line of the table (and
    // the variant's summary and `Error message` docs).
    let table = changes.iter().find(|(p, _)| p == "rust/src/table.rs");
    assert_eq!(table.map(|(_, n)| *n), Some(2), "{changes:?}");
}

#[test]
fn an_added_code_changes_at_most_40_lines() {
    let before = generate(str::to_owned);
    let after = generate(|table| {
        let mut lines: Vec<&str> = table.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains(",AIS.0506,"))
            .expect("the row of AIS.0506");
        lines.insert(
            at + 1,
            "400,AIS.0507,The image is too dark.,The image is too dark to recognize.,Use a brighter image.,request,false",
        );
        lines.join("\n") + "\n"
    });
    let changes = changed_lines(&before, &after);
    println!("one code added after AIS.0506: {changes:?}");
    assert!(total(&changes) <= 40, "{changes:?}");
    // The variant (10 lines with its docs, last in number order) and its
    // line in `ALL`; its entry, last in the table: the rest of the budget is
    // the perfect hash table's slots and the README's count of codes.
    let in_file = |path: &str| {
        changes
            .iter()
            .find(|(p, _)| p == path)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(in_file("rust/src/error_code.rs"), 11, "{changes:?}");
    assert_eq!(in_file("rust/src/table.rs"), 13, "{changes:?}");
}
