//! `cargo xtask import --check`: a page compared with its spec passes when
//! nothing changed, and names each row that an edit of the page changed,
//! added or removed, repeated codes included.

use std::fs;
use std::path::Path;

use codegen::Catalog;
use codegen::import::check::{self, Difference};
use codegen::import::{self, Field, Format, Options};

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn spec(path: &str) -> Catalog {
    codegen::load_spec(Path::new(path), path)
        .catalog
        .unwrap_or_else(|| panic!("{path} has errors"))
}

/// The page's differences from the spec, and their rendering.
fn compare(name: &str, page: &str, catalog: &Catalog) -> (Vec<Difference>, String) {
    let format = Format::from_file_name(name).expect("a format");
    let imported = import::import(name, page, format, &Options::default());
    assert!(
        !imported.tables.is_empty(),
        "{}",
        import::render(&imported.diagnostics)
    );
    let differences = check::compare(&imported.tables, &check::spec_rows(catalog), catalog);
    let rendered = check::render(name, &differences);
    (differences, rendered)
}

/// `text` with `old` replaced once, which must be there exactly once.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "`{old}` once in the page");
    text.replacen(old, new, 1)
}

const SEED_PAGE: &str = "tests/specs/sample/source/error-codes-page.txt";
const APIG_PAGE: &str = "tests/data/pages/api-gateway-user-guide.rst";
const APIG_SPEC: &str = "tests/data/huawei/apig-error-codes.csv";

#[test]
fn an_unchanged_page_matches_its_spec() {
    let (differences, _) = compare(
        "error-codes-page.txt",
        &read(SEED_PAGE),
        &spec("tests/specs/sample"),
    );
    assert_eq!(differences, []);
    let (differences, _) = compare("apig.rst", &read(APIG_PAGE), &spec(APIG_SPEC));
    assert_eq!(differences, []);
}

#[test]
fn a_one_cell_edit_is_one_changed_row_with_a_readable_diff() {
    let page = edit(
        &read(SEED_PAGE),
        "Check the JSON format of the input data.",
        "Check the JSON format.",
    );
    let (differences, rendered) =
        compare("error-codes-page.txt", &page, &spec("tests/specs/sample"));
    assert_eq!(
        differences,
        [Difference::Changed {
            at: import::Pos::new(45, 1),
            spec: "tests/specs/sample/error-codes.csv:3".to_owned(),
            code: "AIS.0014".to_owned(),
            fields: vec![(
                Field::HandlingMeasure,
                "Check the JSON format of the input data.".to_owned(),
                "Check the JSON format.".to_owned()
            )],
        }]
    );
    assert_eq!(
        rendered,
        "error-codes-page.txt:45:1: row `AIS.0014` changed on the page (spec: tests/specs/sample/error-codes.csv:3)\n  \
         handling_measure:\n  - Check the JSON format of the input data.\n  + Check the JSON format.\n\
         the page and the spec differ: 1 changed, 0 added, 0 removed\n"
    );
}

#[test]
fn an_edit_of_one_case_of_a_repeated_code_names_that_case() {
    // The third of the seven APIG.0201 rows: 414 becomes 415.
    let row = "| APIG.0201   | Request URI too large.                                               | 414 ";
    let page = edit(&read(APIG_PAGE), row, &row.replace("414", "415"));
    let (differences, rendered) = compare("apig.rst", &page, &spec(APIG_SPEC));
    let [
        Difference::Changed {
            spec, code, fields, ..
        },
    ] = differences.as_slice()
    else {
        panic!("one changed row: {rendered}");
    };
    assert_eq!(
        (spec.as_str(), code.as_str()),
        (format!("{APIG_SPEC}:11").as_str(), "APIG.0201")
    );
    assert_eq!(
        fields,
        &[(Field::StatusCode, "414".to_owned(), "415".to_owned())]
    );
}

#[test]
fn rows_removed_from_and_added_to_the_page_are_named() {
    let page = read(APIG_PAGE);
    let lines: Vec<&str> = page.lines().collect();
    // Lines 38-39: the 414 row of APIG.0201 and the border under it.
    let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let removed = edited.drain(37..39).collect::<Vec<_>>();
    assert!(removed[0].contains("414"), "{}", removed[0]);
    // A new code after the first row.
    let new_row = lines[19].replace("APIG.0101", "APIG.9999");
    edited.insert(21, lines[20].to_owned());
    edited.insert(21, new_row);
    let (differences, rendered) = compare("apig.rst", &edited.join("\n"), &spec(APIG_SPEC));
    assert_eq!(differences.len(), 2, "{rendered}");
    assert!(
        matches!(&differences[0], Difference::Added { values, at } if values[1] == "APIG.9999" && at.line == 22),
        "{rendered}"
    );
    assert!(
        matches!(&differences[1], Difference::Removed { values, spec } if values[0] == "414" && spec.ends_with(":11")),
        "{rendered}"
    );
    assert!(rendered.contains("apig.rst:22:6: row `APIG.9999` added on the page\n  + status_code: 404\n  + error_code: APIG.9999\n"), "{rendered}");
    assert!(
        rendered.contains(&format!(
            "{APIG_SPEC}:11: row `APIG.0201` removed from the page\n  - status_code: 414\n"
        )),
        "{rendered}"
    );
    assert!(
        rendered.ends_with("differ: 0 changed, 1 added, 1 removed\n"),
        "{rendered}"
    );
}

#[test]
fn the_other_row_is_checked_against_the_catalog() {
    let page = edit(
        &read(SEED_PAGE),
        "If other error codes are displayed, contact technical support.",
        "If other error codes are displayed, contact us.",
    );
    let (differences, rendered) =
        compare("error-codes-page.txt", &page, &spec("tests/specs/sample"));
    assert!(
        matches!(differences.as_slice(), [Difference::Other { .. }]),
        "{rendered}"
    );
    assert!(
        rendered.contains("+ 400 If other error codes are displayed, contact us."),
        "{rendered}"
    );
}

#[test]
fn a_status_class_on_the_page_matches_a_status_of_that_class() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let table = dir.path().join("class-error-codes.csv");
    fs::write(&table, "status_code,error_code,error_msg,description,handling_measure\n503,A.1,Down.,Down.,Wait.\n").expect("write");
    let catalog = spec(table.to_str().expect("UTF-8"));
    let page = "| Status Code | Error Code | Message | Description | Solution |\n|---|---|---|---|---|\n| 5XX | A.1 | Down. | Down. | Wait. |\n";
    let (differences, _) = compare("page.md", page, &catalog);
    assert_eq!(differences, []);
    let (differences, _) = compare("page.md", &page.replace("5XX", "4XX"), &catalog);
    assert_eq!(differences.len(), 1);
}

/// The spec that `import` writes of a page: its tables' rows, in page
/// order, in one table file.
fn spec_of(name: &str, page: &str, dir: &Path) -> Catalog {
    let format = Format::from_file_name(name).expect("a format");
    let imported = import::import(name, page, format, &Options::default());
    let mut csv = String::new();
    for (i, table) in imported.tables.iter().enumerate() {
        let written = import::write::csv(table).expect("CSV");
        // The header once: every table of these pages has the same columns.
        csv += if i == 0 {
            &written
        } else {
            written.split_once('\n').expect("a header").1
        };
    }
    let path = dir.join(format!("{}.csv", name.replace(['.', '/'], "-")));
    fs::write(&path, csv).expect("write");
    spec(path.to_str().expect("UTF-8"))
}

#[test]
fn a_page_that_writes_statuses_with_reason_phrases_or_several_matches_what_it_imported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, path) in [
        (
            "common-rest-api-error-codes.md",
            "tests/data/pages/synthetic/common-rest-api-error-codes.md",
        ),
        ("dns.rst", "tests/data/pages/domain-name-service.rst"),
        (
            "rds.rst",
            "tests/data/pages/relational-database-service.rst",
        ),
    ] {
        let page = read(path);
        let catalog = spec_of(name, &page, dir.path());
        let (differences, rendered) = compare(name, &page, &catalog);
        assert_eq!(differences, [], "{name}: {rendered}");
    }
    // A status changed on the page is a changed row, read as a number.
    let page = read("tests/data/pages/synthetic/common-rest-api-error-codes.md");
    let catalog = spec_of("azure.md", &page, dir.path());
    let edited = edit(
        &page,
        "|StoreExists|Conflict (409)|",
        "|StoreExists|Gone (410)|",
    );
    let (differences, rendered) = compare("azure.md", &edited, &catalog);
    let [Difference::Changed { code, fields, .. }] = differences.as_slice() else {
        panic!("one changed row: {rendered}");
    };
    assert_eq!(code, "StoreExists");
    assert_eq!(
        fields,
        &[(Field::StatusCode, "409".to_owned(), "410".to_owned())]
    );
}

#[test]
fn a_table_without_a_status_column_is_compared_without_statuses() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let table = dir.path().join("no-status-error-codes.csv");
    fs::write(
        &table,
        "status_code,error_code,error_msg,description,handling_measure\n500,A.1,Down.,Down.,\n",
    )
    .expect("write");
    let catalog = spec(table.to_str().expect("UTF-8"));
    let page = "| Error Code | Description |\n|---|---|\n| A.1 | Down. |\n";
    let (differences, rendered) = compare("page.md", page, &catalog);
    assert_eq!(differences, [], "{rendered}");
    let (differences, _) = compare("page.md", &page.replace("Down.", "Up."), &catalog);
    assert_eq!(differences.len(), 1);
}
