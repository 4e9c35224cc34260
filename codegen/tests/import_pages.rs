//! The importer on real pages and on small synthetic ones.
//!
//! - The seed page's copied text gives the 31 rows of `spec/error-codes.csv`
//!   (its first five columns), with `APIG.0301` flagged.
//! - The API Gateway, IAM and `ModelArts` pages give the hand transcriptions
//!   in `tests/data/huawei/`, row for row.
//! - Every real page imports, with its rows counted independently, and
//!   generates: see `import_real_pages.rs`.
//! - Each synthetic page (`tests/data/pages/synthetic/`) gives its expected
//!   table and diagnostics (`expected/`); `UPDATE_SNAPSHOTS=1` rewrites them
//!   after a deliberate change: review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diagnostic::render_all;
use codegen::import::{self, Format, Imported, Options, Table};

const PAGES: &str = "tests/data/pages";
const SYNTHETIC: &str = "tests/data/pages/synthetic";

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports a page (its format from its name), shown as `name`.
fn import_page(path: &Path, name: &str, options: &Options) -> Imported {
    let format = Format::from_file_name(name).expect("a page name with its format");
    import::import(name, &read(path), format, options)
}

fn imported_table(path: &Path, name: &str, options: &Options) -> (Table, String) {
    let imported = import_page(path, name, options);
    let rendered = import::render(&imported.diagnostics);
    let [table] = <[Table; 1]>::try_from(imported.tables)
        .unwrap_or_else(|tables| panic!("{name}: {} tables, not one:\n{rendered}", tables.len()));
    (table, rendered)
}

/// The first five fields of every row of a spec CSV, read by the `csv` crate.
fn rows_of_csv(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|record| {
            let record = record.expect("a CSV record");
            (0..5).map(|i| record[i].replace("\r\n", "\n")).collect()
        })
        .collect()
}

fn seed_page() -> PathBuf {
    Path::new("tests/specs/sample/source/error-codes-page.txt").to_path_buf()
}

#[test]
fn the_seed_page_gives_the_seed_spec_with_apig_0301_flagged() {
    let (table, rendered) =
        imported_table(&seed_page(), "error-codes-page.txt", &Options::default());
    let csv = import::write::csv(&table).expect("CSV");
    let spec = rows_of_csv(&read(Path::new("tests/specs/sample/error-codes.csv")));
    assert_eq!(spec.len(), 31);
    assert_eq!(rows_of_csv(&csv), spec);
    // The split of APIG.0301 (9 paragraphs for 5 cells) is flagged where the row starts.
    let flag = "error-codes-page.txt:125:1: warning: the row of `APIG.0301` has 9 paragraphs for 5 cells and cannot be split with certainty: split as 2 to `Description`, 2 to `Description`, 3 to `Handling Measure`";
    assert!(rendered.contains(flag), "{rendered}");
    // The "Other" row is the catalog's `other`, not a code.
    let other = table.other.expect("the Other row");
    assert_eq!(
        (other.status.as_str(), other.text.as_str()),
        (
            "400",
            "If other error codes are displayed, contact technical support."
        )
    );
    assert!(
        rendered.ends_with("3 warnings found in the page\n"),
        "{rendered}"
    );
}

#[test]
fn the_api_gateway_iam_and_modelarts_pages_give_their_hand_transcriptions() {
    for (page, transcription, rows) in [
        ("api-gateway-user-guide.rst", "apig-error-codes.csv", 71),
        ("identity-access-management.rst", "iam-error-codes.csv", 115),
        ("modelarts.rst", "modelarts-error-codes.csv", 864),
    ] {
        let (table, rendered) =
            imported_table(&Path::new(PAGES).join(page), page, &Options::default());
        assert_eq!(rendered, "", "{page}: no warnings");
        let imported = rows_of_csv(&import::write::csv(&table).expect("CSV"));
        let expected = rows_of_csv(&read(&Path::new("tests/data/huawei").join(transcription)));
        assert_eq!(imported.len(), rows, "{page}");
        for (i, (a, e)) in imported.iter().zip(&expected).enumerate() {
            assert_eq!(a, e, "{page}: row {}", i + 1);
        }
        assert_eq!(imported.len(), expected.len(), "{page}");
    }
}

/// A fresh folder for one test, removed when it is dropped.
fn temp_folder(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("codegen-import-{test}-"))
        .tempdir()
        .expect("a temporary folder")
}

/// One synthetic case: its name, its page, `--table` and `--column` options.
const CASES: [(&str, &str, Option<usize>, &[&str]); 15] = [
    ("list-table", "list-table.rst", None, &[]),
    ("pipe-table", "pipe-table.md", None, &[]),
    ("rowspan-colspan", "rowspan-colspan.html", None, &[]),
    ("grid-cells", "grid-cells.rst", None, &[]),
    ("missing-message", "missing-message.rst", None, &[]),
    ("several-tables", "several-tables.rst", None, &[]),
    ("several-tables-2", "several-tables.rst", Some(2), &[]),
    ("no-code-column", "no-code-column.rst", None, &[]),
    (
        "no-code-column-mapped",
        "no-code-column.rst",
        None,
        &["Fault=error_code"],
    ),
    ("copied-text", "copied-text.txt", None, &[]),
    ("statuses", "statuses.md", None, &[]),
    ("no-status-column", "no-status-column.rst", None, &[]),
    (
        "sqlstate",
        "sqlstate.html",
        None,
        &["Condition Name=error_msg"],
    ),
    ("simple-table", "simple-table.rst", None, &[]),
    (
        "common-rest-api-error-codes",
        "common-rest-api-error-codes.md",
        None,
        &[],
    ),
];

#[test]
fn every_synthetic_page_gives_its_expected_table_and_diagnostics() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let expected_dir = Path::new(SYNTHETIC).join("expected");
    let mut mismatches = Vec::new();
    for (case, page, table, columns) in CASES {
        let mut options = Options {
            table,
            ..Options::default()
        };
        for column in columns {
            options.add_column(column).expect("a mapping");
        }
        let imported = import_page(
            &Path::new(SYNTHETIC).join(page),
            &format!("synthetic/{page}"),
            &options,
        );
        // One CSV per table (`case.csv`, or `case.table-N.csv` for several).
        let mut outputs: Vec<(String, Option<String>)> = imported
            .tables
            .iter()
            .map(|t| {
                let extension = if imported.tables.len() == 1 {
                    "csv".to_owned()
                } else {
                    format!("table-{}.csv", t.number)
                };
                (extension, Some(import::write::csv(t).expect("CSV")))
            })
            .collect();
        if imported.tables.is_empty() {
            outputs.push(("csv".to_owned(), None));
        }
        outputs.push((
            "stderr".to_owned(),
            Some(import::render(&imported.diagnostics)),
        ));
        for (extension, actual) in outputs {
            let path = expected_dir.join(format!("{case}.{extension}"));
            if update {
                match &actual {
                    Some(text) => fs::write(&path, text).expect("write a snapshot"),
                    None => {
                        let _ = fs::remove_file(&path);
                    }
                }
                continue;
            }
            let expected = fs::read_to_string(&path).ok();
            if expected != actual {
                mismatches.push(format!(
                    "{case}.{extension}:\n--- expected\n{}\n+++ actual\n{}",
                    expected.unwrap_or_else(|| "(none)".into()),
                    actual.unwrap_or_else(|| "(none)".into())
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_written_yaml_loads_as_the_same_rows() {
    let (table, _) = imported_table(&seed_page(), "error-codes-page.txt", &Options::default());
    let scratch = temp_folder("yaml");
    let dir = scratch.path();
    let path = dir.join("seed.yaml");
    fs::write(&path, import::write::yaml(&table).expect("YAML")).expect("write");
    let loaded = codegen::load_spec(&path, "seed.yaml");
    let catalog = loaded
        .catalog
        .unwrap_or_else(|| panic!("{}", render_all(&loaded.diagnostics)));
    let spec = codegen::load_spec(Path::new("tests/specs/sample"), "sample")
        .catalog
        .expect("the seed spec");
    let texts = |c: &codegen::Catalog| -> Vec<(String, Vec<codegen::model::Case>)> {
        c.codes
            .iter()
            .map(|code| {
                let cases = code.cases.iter().map(|case| codegen::model::Case {
                    origin: codegen::model::Origin {
                        file: String::new(),
                        line: 0,
                    },
                    ..case.clone()
                });
                (code.code.clone(), cases.collect())
            })
            .collect()
    };
    assert_eq!(texts(&catalog), texts(&spec));
}

#[test]
fn gen_says_that_a_cell_of_several_statuses_gives_several() {
    let scratch = temp_folder("several");
    let path = scratch.path().join("several-error-codes.csv");
    fs::write(
        &path,
        "status_code,error_code,error_msg,description,handling_measure\n400/500,A.1,Failed.,,\n",
    )
    .expect("write");
    let loaded = codegen::load_spec(&path, "several.csv");
    let rendered = render_all(&loaded.diagnostics);
    assert!(loaded.catalog.is_none());
    assert!(
        rendered
            .contains("several.csv:2:1: error: `400/500` gives several statuses: a row has one"),
        "{rendered}"
    );
    assert!(
        rendered.contains("write a row for each status"),
        "{rendered}"
    );
    assert!(!rendered.contains("not an HTTP status"), "{rendered}");
}

#[test]
fn heading_rows_are_the_group_of_the_rows_under_them_and_no_status_is_said() {
    let mut options = Options::default();
    options
        .add_column("Condition Name=error_msg")
        .expect("a mapping");
    let imported = import_page(
        &Path::new(SYNTHETIC).join("sqlstate.html"),
        "sqlstate.html",
        &options,
    );
    assert!(imported.has_no_status());
    let [table] = imported.tables.as_slice() else {
        panic!("one table: {}", import::render(&imported.diagnostics));
    };
    assert!(!table.has_status);
    assert_eq!(table.heading.as_deref(), Some("Error codes"));
    let groups: Vec<(&str, Option<&str>)> = table
        .rows
        .iter()
        .map(|r| (r.values[0].as_str(), r.group.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            ("00000", Some("Class 00 — Successful Completion")),
            ("22000", Some("Class 22 — Data Exception")),
            ("22012", Some("Class 22 — Data Exception")),
            ("2202E", Some("Class 22 — Data Exception")),
        ]
    );
    // Written without a status, in YAML as in CSV.
    let yaml = import::write::yaml(table).expect("YAML");
    assert!(
        yaml.starts_with("---\n- error_code: \"00000\"\n  error_msg: successful_completion\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("status_code"), "{yaml}");
}

#[test]
fn each_table_of_a_page_has_its_number_caption_and_section() {
    let imported = import_page(
        &Path::new(PAGES).join("relational-database-service.rst"),
        "rds.rst",
        &Options::default(),
    );
    let tables: Vec<(usize, Option<&str>, Option<&str>)> = imported
        .tables
        .iter()
        .map(|t| (t.number, t.caption.as_deref(), t.heading.as_deref()))
        .collect();
    assert_eq!(
        tables,
        [
            (1, Some("Table 1 V3 error codes"), Some("Error Codes")),
            (2, Some("Table 2 V1 error codes"), Some("Error Codes")),
            (3, Some("Table 3 Trove error codes"), Some("Error Codes")),
        ]
    );
    assert!(!imported.has_no_status());
    // Writing one file, the command line names them.
    let error = import::several_tables_error("rds.rst", &imported.tables);
    assert_eq!((error.line, error.column), (12, 4));
    assert_eq!(
        error.hint.as_deref(),
        Some(
            "table 1 (line 12) \"Table 1 V3 error codes\": 126 rows; table 2 (line 272) \"Table 2 V1 error codes\": 104 rows; table 3 (line 488) \"Table 3 Trove error codes\": 9 rows"
        )
    );
}
