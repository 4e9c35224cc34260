//! Every real page of `tests/data/pages/` imports with no option, each code
//! table with the rows counted independently, and each table generates:
//! but for a table without a status column (the catalog must say that its
//! codes carry none), and the real defects of two pages, which gen refuses
//! at exactly their rows.
//!
//! The counts were made without the importer: `tests/data/pages/count_rows.py`
//! parses each page with docutils (the reference reStructuredText parser;
//! Markdown by its pipe-table lines), takes the tables with an error-code
//! header, and counts their rows as a spec holds them: a heading row that
//! spans the table and the "Other" row are no rows, a status cell listing
//! several statuses is one row per status, and rows the same in the spec's
//! columns count once. Rerun it with
//! `python3 count_rows.py *.rst synthetic/common-rest-api-error-codes.md`.

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use codegen::diagnostic::render_all;
use codegen::import::{self, Field, Format, Imported, Options};

const PAGES: &str = "tests/data/pages";

/// What gen says of an imported table.
#[derive(Clone, Copy, Debug)]
enum Gen {
    /// Exit 0.
    Passes,
    /// The table has no status column: gen needs a catalog that says so.
    NoStatus,
    /// Refused at exactly these codes, the page's own defects.
    Refuses(&'static [&'static str]),
}

use Gen::{NoStatus, Passes, Refuses};

/// A code table of a page: its number on the page, the rows counted, what
/// gen says of it.
type CodeTable = (usize, usize, Gen);

/// Each page, and each of its code tables.
const EXPECTED: &[(&str, &[CodeTable])] = &[
    ("api-gateway-user-guide.rst", &[(1, 71, Passes)]),
    ("bare-metal-server.rst", &[(1, 112, Passes)]),
    ("cloud-backup-recovery.rst", &[(1, 160, Passes)]),
    ("cloud-eye.rst", &[(2, 20, Passes)]),
    (
        "data-arts-studio--dataarts_factory_error_codes.rst",
        &[(1, 36, Passes)],
    ),
    (
        "data-arts-studio--dataarts_migration_error_codes.rst",
        &[(2, 163, Passes)],
    ),
    ("data-lake-insight.rst", &[(2, 21, Passes)]),
    ("data-replication-service.rst", &[(1, 45, Passes)]),
    ("direct-connect.rst", &[(1, 75, Passes)]),
    (
        "distributed-cache-service.rst",
        &[(1, 287, Refuses(&["DCS. 4855", "DCS. 5094"]))],
    ),
    ("distributed-message-service.rst", &[(1, 173, Passes)]),
    ("domain-name-service.rst", &[(1, 193, Passes)]),
    ("elastic-cloud-server.rst", &[(1, 155, Passes)]),
    ("gaussdb-mysql.rst", &[(1, 148, Passes)]),
    ("host-security-service.rst", &[(1, 2, Passes)]),
    ("identity-access-management.rst", &[(1, 115, Passes)]),
    ("key-management-service.rst", &[(1, 185, Passes)]),
    ("mapreduce-service.rst", &[(1, 175, Passes)]),
    ("modelarts.rst", &[(1, 864, Passes)]),
    (
        "nat-gateway--error_code_description_v2.0.rst",
        &[(1, 75, Passes)],
    ),
    ("nat-gateway--error_codes.rst", &[(1, 191, Passes)]),
    (
        "object-storage-service.rst",
        &[(
            2,
            96,
            Refuses(&[
                "IncorrectNumberOfFilesInPost Request",
                "Request-URI Too Large",
            ]),
        )],
    ),
    ("optical-character-recognition.rst", &[(1, 37, NoStatus)]),
    (
        "relational-database-service.rst",
        &[(1, 126, Passes), (2, 104, Passes), (3, 9, Passes)],
    ),
    ("simple-message-notification.rst", &[(1, 160, Passes)]),
    ("software-repository-container.rst", &[(1, 190, Passes)]),
    ("tag-management-service.rst", &[(1, 35, Passes)]),
    ("virtual-private-cloud.rst", &[(1, 187, Passes)]),
    (
        "virtual-private-network--classic_vpn.rst",
        &[(1, 18, Passes)],
    ),
    (
        "virtual-private-network--enterprise_vpn.rst",
        &[(1, 6, Passes), (2, 45, Passes)],
    ),
    ("vpc-endpoint.rst", &[(1, 155, Passes)]),
    (
        "synthetic/common-rest-api-error-codes.md",
        &[(1, 49, Passes)],
    ),
];

fn import_page(name: &str) -> Imported {
    let path = Path::new(PAGES).join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = Format::from_file_name(name).expect("a page name with its format");
    import::import(name, &text, format, &Options::default())
}

/// Each page of [`EXPECTED`] imported, in its order: imported once, for
/// both tests of the tables.
static IMPORTED: LazyLock<Vec<Imported>> =
    LazyLock::new(|| EXPECTED.iter().map(|(page, _)| import_page(page)).collect());

#[test]
fn every_page_and_no_other_is_expected() {
    let mut pages: Vec<String> = fs::read_dir(PAGES)
        .expect("the pages")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| Path::new(name).extension().is_some_and(|e| e == "rst"))
        .collect();
    pages.sort();
    let mut expected: Vec<&str> = EXPECTED
        .iter()
        .map(|(page, _)| *page)
        .filter(|page| !page.starts_with("synthetic/"))
        .chain(["data-arts-studio--index.rst"])
        .collect();
    expected.sort_unstable();
    assert_eq!(pages, expected);
}

#[test]
fn the_index_page_has_no_table() {
    let imported = import_page("data-arts-studio--index.rst");
    assert!(imported.tables.is_empty());
    let rendered = import::render(&imported.diagnostics);
    assert!(
        rendered.starts_with("data-arts-studio--index.rst: error: no table found on the page"),
        "{rendered}"
    );
}

#[test]
fn every_page_imports_with_no_option_and_its_counted_rows() {
    let mut failures = Vec::new();
    for ((page, tables), imported) in EXPECTED.iter().zip(IMPORTED.iter()) {
        let found: Vec<(usize, usize)> = imported
            .tables
            .iter()
            .map(|t| (t.number, t.rows.len()))
            .collect();
        let counted: Vec<(usize, usize)> = tables.iter().map(|&(n, rows, _)| (n, rows)).collect();
        if found != counted {
            failures.push(format!(
                "{page}: imported {found:?}, counted {counted:?}\n{}",
                import::render(&imported.diagnostics)
            ));
        }
        for (table, &(_, _, gen_says)) in imported.tables.iter().zip(*tables) {
            let no_status = matches!(gen_says, NoStatus);
            assert_eq!(table.has_status, !no_status, "{page}");
            assert_eq!(
                table.fields.contains(&Field::StatusCode),
                !no_status,
                "{page}"
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_imported_table_generates_but_for_the_pages_own_defects() {
    let scratch = tempfile::Builder::new()
        .prefix("codegen-import-real-pages-")
        .tempdir()
        .expect("a temporary folder");
    for ((page, tables), imported) in EXPECTED.iter().zip(IMPORTED.iter()) {
        for (table, &(number, _, gen_says)) in imported.tables.iter().zip(*tables) {
            let csv = import::write::csv(table).expect("CSV");
            if matches!(gen_says, NoStatus) {
                // The written table has no status column at all.
                let header = csv.lines().next().unwrap_or_default();
                assert_eq!(
                    header, "error_code,error_msg,description,handling_measure",
                    "{page}"
                );
                continue;
            }
            let stem = page
                .trim_end_matches(".rst")
                .trim_start_matches("synthetic/");
            let spec = scratch.path().join(format!("{stem}-{number}.csv"));
            fs::write(&spec, &csv).expect("write the table");
            let loaded = codegen::load_spec(&spec, "imported.csv");
            let errors: Vec<&codegen::Diagnostic> =
                loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
            let rows: Vec<&str> = csv.lines().collect();
            // The code of each row gen refused (each row is one line: no
            // refused row has a text of several lines before its code).
            let mut refused: Vec<String> = errors
                .iter()
                .map(|d| {
                    let line = rows
                        .get(d.line.saturating_sub(1))
                        .copied()
                        .unwrap_or_default();
                    csv::ReaderBuilder::new()
                        .has_headers(false)
                        .from_reader(line.as_bytes())
                        .records()
                        .next()
                        .and_then(Result::ok)
                        .map(|r| r[1].to_owned())
                        .unwrap_or_default()
                })
                .collect();
            refused.sort();
            match gen_says {
                Passes => {
                    assert!(
                        errors.is_empty(),
                        "{page}: {}",
                        render_all(&loaded.diagnostics)
                    );
                    let catalog = loaded.catalog.expect("a catalog");
                    let cases: usize = catalog.codes.iter().map(|c| c.cases.len()).sum();
                    assert_eq!(cases, table.rows.len(), "{page}");
                    let files = codegen::generate(&catalog);
                    assert!(
                        files.iter().any(|f| f.path.ends_with("/rust/src/lib.rs")),
                        "{page}"
                    );
                }
                Refuses(codes) => {
                    assert_eq!(
                        refused,
                        codes,
                        "{page}: {}",
                        render_all(&loaded.diagnostics)
                    );
                    assert!(
                        errors
                            .iter()
                            .all(|d| d.message.contains("contains whitespace")),
                        "{page}: {}",
                        render_all(&loaded.diagnostics)
                    );
                }
                NoStatus => unreachable!("skipped above"),
            }
        }
    }
}
