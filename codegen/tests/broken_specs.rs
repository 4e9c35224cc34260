//! The corpus of broken specs in `tests/specs/broken/`: each case's
//! diagnostics, rendered as `cargo xtask gen` prints them, must equal its
//! `expected.stderr`. Run with `UPDATE_SNAPSHOTS=1` to rewrite the expected
//! files after a deliberate change, and review the diff.
//!
//! A case is a folder. Its spec is the folder itself if it holds
//! `catalog.yaml` or its name starts with `folder-`; otherwise it is the one
//! table file in it (a lone table, with default metadata).

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diagnostic::render_all;

const CORPUS: &str = "tests/specs/broken";
const EXPECTED: &str = "expected.stderr";

/// The spec path of a case, relative to the crate (the tests' working folder).
fn spec_of(case: &Path) -> PathBuf {
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    if case.join("catalog.yaml").is_file() || name.starts_with("folder-") {
        return case.to_path_buf();
    }
    let mut tables: Vec<PathBuf> = fs::read_dir(case)
        .expect("read a case folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != EXPECTED))
        .collect();
    assert_eq!(
        tables.len(),
        1,
        "{}: a lone-table case holds one table file",
        case.display()
    );
    tables.remove(0)
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(CORPUS)
        .expect("the corpus folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[test]
fn every_broken_spec_gives_its_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let mut mismatches = Vec::new();
    for case in &cases {
        let spec = spec_of(case);
        let loaded = codegen::load_spec(&spec, &display(&spec));
        let rendered = render_all(&loaded.diagnostics);
        let name = case.file_name().unwrap_or_default().to_string_lossy();
        let has_errors = loaded.diagnostics.iter().any(codegen::Diagnostic::is_error);
        // `warn-` cases generate; every other case is rejected.
        let expect_errors = !name.starts_with("warn-");
        if has_errors != expect_errors || loaded.catalog.is_some() == expect_errors {
            mismatches.push(format!(
                "{name}: expected errors: {expect_errors}, got:\n{rendered}"
            ));
        }
        let expected_path = case.join(EXPECTED);
        if update {
            fs::write(&expected_path, &rendered).expect("write a snapshot");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != rendered {
            let diff = similar::TextDiff::from_lines(&expected, &rendered)
                .unified_diff()
                .header("expected", "actual")
                .to_string();
            mismatches.push(format!("{name}:\n{diff}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ (UPDATE_SNAPSHOTS=1 rewrites them):\n\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

/// A diagnostic about a file that has text points at a line and column in
/// it and shows that line; only a file without lines gets a bare path.
#[test]
fn diagnostics_point_at_a_line_where_there_is_one() {
    for case in cases() {
        let spec = spec_of(&case);
        let loaded = codegen::load_spec(&spec, &display(&spec));
        for d in &loaded.diagnostics {
            let has_lines = fs::read(&d.file).is_ok_and(|bytes| !bytes.is_empty());
            if has_lines {
                assert!(
                    d.line > 0 && d.column > 0 && d.source_line.is_some(),
                    "{}: a diagnostic without a position:\n{d}",
                    case.display()
                );
            }
            assert!(d.hint.is_some(), "{}: no hint:\n{d}", case.display());
        }
    }
}

/// Rendering follows `path:line:column: error: message`, the line, a caret
/// under the column and a hint, then a count.
#[test]
fn the_rendering_is_compiler_like() {
    let spec = Path::new(CORPUS).join("field-bad-status/table.csv");
    let loaded = codegen::load_spec(&spec, "t.csv");
    let rendered = render_all(&loaded.diagnostics);
    let first: Vec<&str> = rendered.lines().take(5).collect();
    assert_eq!(
        first,
        [
            "t.csv:2:1: error: `5XX` is not an HTTP status (an integer from 100 to 599)",
            "  |",
            "2 | 5XX,AIS.0001,m,d,h",
            "  | ^",
            "  = hint: a status class such as `5XX` is not one status: write the status the API returns (e.g. 500) and keep `5XX` in the description",
        ]
    );
    assert!(
        rendered.ends_with("\n8 errors found in the spec\n"),
        "{rendered}"
    );
}

/// The caret sits under the offending character even after wide (CJK)
/// characters and escaped control characters.
#[test]
fn the_caret_is_under_the_character() {
    let case = Path::new(CORPUS).join("text-trojan-source/table.csv");
    let loaded = codegen::load_spec(&case, "t.csv");
    let rendered = render_all(&loaded.diagnostics);
    // `access \u{202e}evil`: the caret is under the backslash of the escape.
    let block: Vec<&str> = rendered
        .lines()
        .skip_while(|l| !l.starts_with("t.csv:2:"))
        .take(4)
        .collect();
    let shown = block[2];
    let caret = block[3];
    let at = shown.find("\\u{202e}").expect("the escape is shown");
    assert_eq!(caret.find('^'), Some(at), "{}", block.join("\n"));

    let dir = tempfile::tempdir().expect("a temp folder");
    let table = dir.path().join("wide.csv");
    fs::write(
        &table,
        "status_code,error_code,error_msg,description,handling_measure\n400,错误 1,m,d,h\n",
    )
    .expect("write");
    let rendered = render_all(&codegen::load_spec(&table, "w.csv").diagnostics);
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(
        lines[0],
        "w.csv:2:7: error: the code `错误 1` contains whitespace"
    );
    // `2 | 400,错误 1`: the two CJK characters take two columns each.
    assert_eq!(lines[3], format!("  | {}^", " ".repeat(4 + 2 + 2)));
}
