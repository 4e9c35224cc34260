//! Checks that a hand-transcribed table (`error-codes.csv`) is a faithful
//! transcription of the source page its catalog keeps (`import: page:` in its
//! `catalog.yaml`, a `.txt` page: the text copied from the rendered page),
//! and that the page's closing "Other" row matches `other:` in
//! `catalog.yaml`. It runs on every such catalog of `spec/` and on the sample
//! catalog of the tests; everything it expects is read from the catalog's
//! folder. It is a second reading of the page, independent of the importer.
//!
//! The page file is plain text: one table cell per paragraph, paragraphs
//! separated by a blank line. The table starts after the header cells
//! `Status Code / Error Code / Description / Description / Handling Measure`.
//! Each row is: status, code, error message, description, handling measure,
//! where the last three may span several paragraphs. In the CSV, the
//! paragraphs of one cell are joined with a single `\n` (see `spec/README.md`).
//!
//! A row starts at a paragraph that is a 3-digit status immediately followed
//! by a paragraph that looks like an error code (or `Other`). The error
//! message and description columns are identical on this page, so the
//! paragraphs of a row after its code are split as: the shortest prefix that
//! is immediately repeated (error message, then description), and the rest
//! (handling measure). If a future page has different message and description
//! texts, the split fails loudly and this parser must be revisited.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const HEADER_CELLS: [&str; 5] = [
    "Status Code",
    "Error Code",
    "Description",
    "Description",
    "Handling Measure",
];
const CSV_COLUMNS: [&str; 5] = [
    "status_code",
    "error_code",
    "error_msg",
    "description",
    "handling_measure",
];
const FIELD_NAMES: [&str; 5] = CSV_COLUMNS;
/// How the paragraphs of one cell are joined in the CSV.
const PARAGRAPH_SEPARATOR: &str = "\n";

/// One table row as the page shows it, in CSV column order.
#[derive(Debug)]
struct PageRow {
    fields: [String; 5],
}

/// The page's last row: "Other".
#[derive(Debug)]
struct OtherRow {
    status: String,
    text: String,
}

/// The folders of the catalogs to check: the sample catalog of the tests,
/// and each catalog of `spec/` whose recorded page is copied text.
fn transcribed_catalogs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("tests/specs/sample")];
    let mut spec: Vec<PathBuf> = fs::read_dir(root.join("../spec"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    spec.sort();
    folders.extend(spec.into_iter().filter(|folder| {
        recorded_page(folder)
            .is_some_and(|page| Path::new(&page).extension().is_some_and(|e| e == "txt"))
    }));
    folders
}

/// The page that a catalog's `catalog.yaml` records (`import:` then an
/// indented `page:` line), read with plain string operations.
fn recorded_page(folder: &Path) -> Option<String> {
    let yaml = fs::read_to_string(folder.join("catalog.yaml")).ok()?;
    let mut in_import = false;
    for line in yaml.lines() {
        if !line.starts_with([' ', '\t']) {
            in_import = line.trim_end() == "import:";
        } else if in_import && let Some(page) = line.trim().strip_prefix("page:") {
            return Some(unquote(page.trim()));
        }
    }
    None
}

fn read(folder: &Path, relative: &str) -> String {
    let path = folder.join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The catalog's page, parsed.
fn page_of(folder: &Path) -> (Vec<PageRow>, OtherRow) {
    let page =
        recorded_page(folder).unwrap_or_else(|| panic!("{}: no page recorded", folder.display()));
    parse_page(&read(folder, &page))
}

/// Splits text into paragraphs: runs of non-blank lines, separated by one or
/// more blank lines. Lines inside a paragraph are kept, joined with `\n`.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn is_status(p: &str) -> bool {
    p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())
}

/// An error code: one token of ASCII letters, digits, `.`, `_` or `-` that
/// contains a digit (`AIS.0014`, `ModelArts.4204`, `1100`).
fn is_code(p: &str) -> bool {
    !p.is_empty()
        && p.bytes().any(|b| b.is_ascii_digit())
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
}

fn starts_row(paras: &[String], i: usize) -> bool {
    i + 1 < paras.len()
        && is_status(&paras[i])
        && (is_code(&paras[i + 1]) || paras[i + 1] == "Other")
}

/// Splits the paragraphs after a row's code into error message, description
/// and handling measure (see the module documentation).
fn split_cells(row_number: usize, code: &str, body: &[String]) -> [String; 3] {
    let n = body.len();
    let k = (1..n)
        .find(|&k| 2 * k < n && body[..k] == body[k..2 * k])
        .unwrap_or_else(|| {
            panic!(
                "page row {row_number} ({code}): cannot split its {n} paragraphs into error \
                 message, description and handling measure (no repeated leading paragraphs \
                 followed by at least one more): {body:#?}"
            )
        });
    [
        body[..k].join(PARAGRAPH_SEPARATOR),
        body[k..2 * k].join(PARAGRAPH_SEPARATOR),
        body[2 * k..].join(PARAGRAPH_SEPARATOR),
    ]
}

/// Parses the page's table: its rows and the closing "Other" row.
fn parse_page(text: &str) -> (Vec<PageRow>, OtherRow) {
    let paras = paragraphs(text);
    let start = paras
        .windows(HEADER_CELLS.len())
        .position(|w| w.iter().map(String::as_str).eq(HEADER_CELLS))
        .expect("page: the table header cells were not found")
        + HEADER_CELLS.len();
    assert!(
        starts_row(&paras, start),
        "page: the table does not start with a status and a code"
    );

    let mut rows = Vec::new();
    let mut i = start;
    while paras[i + 1] != "Other" {
        let row_number = rows.len() + 1;
        let (status, code) = (paras[i].clone(), paras[i + 1].clone());
        let end = (i + 2..paras.len())
            .find(|&j| starts_row(&paras, j))
            .unwrap_or_else(|| {
                panic!("page row {row_number} ({code}): no next row and no \"Other\" row after it")
            });
        let [error_msg, description, handling] = split_cells(row_number, &code, &paras[i + 2..end]);
        rows.push(PageRow {
            fields: [status, code, error_msg, description, handling],
        });
        i = end;
    }
    let rest = &paras[i + 2..];
    assert!(!rest.is_empty(), "page: the \"Other\" row has no text");
    let other = OtherRow {
        status: paras[i].clone(),
        text: rest.join(PARAGRAPH_SEPARATOR),
    };
    (rows, other)
}

/// Reads `other.http_status` and `other.text` from `catalog.yaml` with plain
/// string operations: the `other:` mapping is at column 0 and its keys are
/// indented, each on one line.
fn catalog_other(yaml: &str) -> (String, String) {
    let mut in_other = false;
    let (mut status, mut text) = (None, None);
    for line in yaml.lines() {
        if !line.starts_with([' ', '\t']) {
            in_other = line.trim_end() == "other:";
            continue;
        }
        if !in_other {
            continue;
        }
        if let Some(v) = line.trim().strip_prefix("http_status:") {
            status = Some(unquote(v.trim()));
        } else if let Some(v) = line.trim().strip_prefix("text:") {
            text = Some(unquote(v.trim()));
        }
    }
    (
        status.expect("catalog.yaml: no other.http_status line"),
        text.expect("catalog.yaml: no other.text line"),
    )
}

/// Removes one pair of surrounding YAML quotes. Escapes are not supported.
fn unquote(v: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            assert!(
                !inner.contains(['\\', q]),
                "catalog.yaml: escapes in {v} are not supported here"
            );
            return inner.to_owned();
        }
    }
    v.to_owned()
}

fn read_csv(bytes: &str) -> Vec<(u64, [String; 5])> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_bytes());
    let headers = reader
        .headers()
        .expect("error-codes.csv: cannot read the header")
        .clone();
    let indices = CSV_COLUMNS.map(|name| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("error-codes.csv: no column {name:?} in {headers:?}"))
    });
    reader
        .records()
        .map(|record| {
            let record = record.expect("error-codes.csv: malformed record");
            let line = record.position().map_or(0, csv::Position::line);
            (
                line,
                indices.map(|i| record.get(i).unwrap_or_default().to_owned()),
            )
        })
        .collect()
}

#[test]
fn csv_matches_the_source_page() {
    for folder in transcribed_catalogs() {
        let (page_rows, _) = page_of(&folder);
        let csv_text = read(&folder, "error-codes.csv");
        assert!(
            !csv_text.starts_with('\u{feff}'),
            "error-codes.csv starts with a BOM"
        );
        assert!(
            !csv_text.contains('\r'),
            "error-codes.csv contains a carriage return (use LF)"
        );
        let csv_rows = read_csv(&csv_text);

        let mut problems = String::new();
        if page_rows.len() != csv_rows.len() {
            let _ = writeln!(
                problems,
                "the page has {} rows, the CSV has {} (field mismatches below may follow from a missing or extra row)",
                page_rows.len(),
                csv_rows.len()
            );
        }
        for (n, (page, (line, csv))) in page_rows.iter().zip(&csv_rows).enumerate() {
            for (field, (want, got)) in FIELD_NAMES.iter().zip(page.fields.iter().zip(csv)) {
                if want != got {
                    let code = &page.fields[1];
                    let _ = writeln!(
                        problems,
                        "row {} ({code}, CSV line {line}), {field}:\n  page: {want:?}\n  csv:  {got:?}",
                        n + 1
                    );
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{}/error-codes.csv differs from the source page:\n{problems}",
            folder.display()
        );
        assert!(
            !page_rows.is_empty(),
            "{}: the page parser found no row",
            folder.display()
        );
    }
}

#[test]
fn other_row_matches_the_catalog() {
    for folder in transcribed_catalogs() {
        let (_, other) = page_of(&folder);
        let (status, text) = catalog_other(&read(&folder, "catalog.yaml"));
        assert_eq!(
            status, other.status,
            "catalog.yaml other.http_status differs from the page"
        );
        assert_eq!(
            text, other.text,
            "catalog.yaml other.text differs from the page"
        );
    }
}

/// On the sample catalog, whose page the test knows: its 31 rows, and a
/// row whose cells have several paragraphs.
#[test]
fn multi_paragraph_cells_are_split_as_the_page_shows() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/specs/sample");
    let (rows, _) = page_of(&sample);
    assert_eq!(rows.len(), 31);
    let row = rows
        .iter()
        .find(|r| r.fields[1] == "APIG.0301")
        .expect("APIG.0301 is on the page");
    let lines = |s: &str| s.split(PARAGRAPH_SEPARATOR).count();
    assert_eq!(
        row.fields[2..].iter().map(|f| lines(f)).collect::<Vec<_>>(),
        [2, 2, 3]
    );
    assert!(row.fields[4].starts_with("decrypt token fail: "));
}
