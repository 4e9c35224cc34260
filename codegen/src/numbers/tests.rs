//! Tests of the number lock: reading and writing it, numbering codes,
//! and the check against the committed lock.

use super::*;

fn entries(pairs: &[(&str, u32)]) -> Vec<Entry> {
    pairs
        .iter()
        .map(|&(code, number)| Entry {
            code: code.to_owned(),
            number,
            removed: None,
            line: 0,
        })
        .collect()
}

fn lock(text: Option<&str>) -> Lock {
    let (entries, problems) = text.map_or_else(Default::default, |t| parse(t, "spec/codes.lock"));
    assert!(problems.is_empty(), "{problems:?}");
    Lock {
        path: PathBuf::from("codes.lock"),
        display: "spec/codes.lock".into(),
        entries,
        on_disk: text.map(str::to_owned),
    }
}

#[test]
fn a_lock_reads_back_what_it_writes_with_any_code() {
    let mut lock = lock(None);
    lock.entries = entries(&[("AIS.0012", 0), ("A,\"B\"", 1), ("#1", 2), ("é", 3)]);
    let text = lock.contents();
    assert!(
        text.starts_with("code,number,removed_in,note\nAIS.0012,0\n\"A,\"\"B\"\"\",1\n"),
        "{text}"
    );
    let (read, problems) = parse(&text, "x");
    assert!(problems.is_empty(), "{problems:?}");
    let read: Vec<(String, u32)> = read.into_iter().map(|e| (e.code, e.number)).collect();
    let written: Vec<(String, u32)> = lock
        .entries
        .into_iter()
        .map(|e| (e.code, e.number))
        .collect();
    assert_eq!(read, written);
}

#[test]
fn every_bad_line_is_reported_at_its_line() {
    let text = "code,number\nA,0\nB,x\nC\nA,1\nD,0\nE F,4\n";
    let (entries, problems) = parse(text, "spec/codes.lock");
    let at: Vec<(usize, &str)> = problems
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(at.len(), 5, "{at:?}");
    assert_eq!(at[0].0, 3);
    assert!(at[0].1.contains("`x` is not a number"), "{at:?}");
    assert_eq!(at[1].0, 4);
    assert!(at[1].1.contains("expected 2 fields"));
    assert_eq!(at[2].0, 5);
    assert!(
        at[2]
            .1
            .contains("`A` is numbered twice: here and on line 2")
    );
    assert_eq!(at[3].0, 6);
    assert!(
        at[3]
            .1
            .contains("the number 0 is given to `D` and, on line 2, to `A`")
    );
    assert_eq!(at[4].0, 7);
    assert_eq!(
        entries,
        vec![Entry {
            code: "A".into(),
            number: 0,
            removed: None,
            line: 2
        }]
    );
    let (_, header) = parse("number,code\n", "x");
    assert!(
        header[0]
            .message
            .contains("must start with the line `code,number,removed_in,note`")
    );
}

fn code(text: &str) -> Code {
    Code {
        code: text.to_owned(),
        prefix: None,
        rust_variant: text.replace('.', ""),
        anchor: text.to_lowercase(),
        number: 0,
        category: 0,
        retryable: false,
        deprecated: None,
        cases: Vec::new(),
    }
}

#[test]
fn a_lock_that_cannot_be_read_is_an_error_not_a_new_lock() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/sample");
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["catalog.yaml", "error-codes.csv"] {
        std::fs::copy(spec.join(name), dir.path().join(name)).expect("copy the seed");
    }
    std::fs::write(dir.path().join(LOCK_FILE), b"code,number\nAIS.0012,\xff\n")
        .expect("write the lock");
    let loaded = crate::load_spec(dir.path(), "spec");
    assert!(loaded.catalog.is_none());
    let error = loaded
        .diagnostics
        .iter()
        .find(|d| d.file == "spec/codes.lock")
        .expect("an error at the lock");
    assert!(
        error.message.starts_with("cannot read the file"),
        "{error:?}"
    );
}

#[test]
fn codes_keep_their_numbers_and_new_codes_take_the_next_ones() {
    let mut lock = lock(Some("code,number\nA,0\nGONE,1\nC,2\n"));
    let mut codes = vec![code("C"), code("NEW1"), code("A"), code("NEW2")];
    assert!(assign(&mut lock, &mut codes).is_empty());
    let numbers: Vec<u32> = codes.iter().map(|c| c.number).collect();
    assert_eq!(numbers, [2, 3, 0, 4], "GONE keeps 1, never reused");
    assert_eq!(
        lock.contents(),
        "code,number,removed_in,note\nA,0\nGONE,1\nC,2\nNEW1,3\nNEW2,4\n"
    );
    let new: Vec<&str> = lock.new_entries().iter().map(|e| e.code.as_str()).collect();
    assert_eq!(new, ["NEW1", "NEW2"]);
    assert!(lock.is_stale());
}

#[test]
fn a_changed_or_dropped_number_is_an_error_at_its_line() {
    let committed = "code,number\nA,0\nB,1\nC,2\n";
    assert!(compare_with_committed(&lock(Some(committed)), committed).is_empty());
    let grown = "code,number\nA,0\nB,1\nC,2\nD,3\n";
    assert!(compare_with_committed(&lock(Some(grown)), committed).is_empty());

    let edited = "code,number\nA,0\nC,1\nB,2\n";
    let problems = compare_with_committed(&lock(Some(edited)), committed);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].line, 4);
    assert!(
        problems[0]
            .message
            .contains("`B` has the number 2 here, but 1 in the committed spec/codes.lock")
    );
    assert!(
        problems[0]
            .hint
            .as_deref()
            .unwrap_or_default()
            .contains("restore the line `B,1`")
    );
    assert_eq!(problems[1].line, 3);

    let dropped = "code,number\nA,0\nC,2\n";
    let problems = compare_with_committed(&lock(Some(dropped)), committed);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .contains("the line of `B` (number 1) was removed")
    );

    let problems = compare_with_committed(&lock(None), committed);
    assert!(
        problems[0]
            .message
            .contains("is missing, but git's HEAD has it with 3 codes")
    );
}

#[test]
fn a_removed_code_keeps_its_line_with_its_version_and_note() {
    let text = "code,number,removed_in,note\nA,0\nGONE,1,0.3.0,\"use A, not this\"\nOLD,2,0.2.0,\n";
    let (entries, problems) = parse(text, "spec/codes.lock");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(entries[0].removed, None);
    assert_eq!(
        entries[1].removed,
        Some(Removal {
            version: "0.3.0".into(),
            note: Some("use A, not this".into()),
        })
    );
    assert_eq!(
        entries[2].removed.as_ref().map(|r| r.note.clone()),
        Some(None)
    );
    let mut lock = lock(Some(text));
    lock.entries = entries;
    assert_eq!(lock.contents(), text);
    // A version that is not one is an error at its line.
    let (_, problems) = parse("code,number\nA,0,soon,\n", "x");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 2);
}

#[test]
fn removals_are_recorded_only_for_codes_the_committed_output_had() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/sample");
    let mut loaded = crate::load_spec(&spec, "sample");
    let lock = loaded.lock.as_mut().expect("a lock");
    for (code, number) in [("WAS.0001", 900), ("NEVER.0001", 901)] {
        lock.entries.push(Entry {
            code: code.into(),
            number,
            removed: None,
            line: 40,
        });
    }
    assert!(has_unrecorded_removals(&loaded));
    record_removals(&mut loaded, |code| {
        (code == "WAS.0001").then(|| CommittedCode {
            deprecated: Some("use AIS.0014".into()),
        })
    });
    let catalog = loaded.catalog.as_ref().expect("a catalog");
    assert_eq!(catalog.removed.len(), 1);
    let removed = &catalog.removed[0];
    assert_eq!(removed.code, "WAS.0001");
    assert_eq!(removed.removed_in, catalog.meta.version);
    assert_eq!(removed.note.as_deref(), Some("use AIS.0014"));
    assert_eq!(removed.anchor, "was0001");
    assert_eq!(removed.prefix.as_deref(), Some("WAS"));
    // The code never committed keeps a plain line, and is asked about again.
    let lock = loaded.lock.as_ref().expect("a lock");
    let never = lock
        .entries
        .iter()
        .find(|e| e.code == "NEVER.0001")
        .expect("kept");
    assert_eq!(never.removed, None);
    assert!(has_unrecorded_removals(&loaded));
}
