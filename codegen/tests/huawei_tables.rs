//! Real Huawei Cloud error-code tables (copies in `tests/data/huawei/`, with
//! the README that describes them): API Gateway, IAM and `ModelArts` must load
//! and generate; the `ModelArts` Studio (`MaaS`) table must be rejected with
//! precise errors.
//!
//! The model is compared with an independent reading of each file by the
//! `csv` crate, and with the facts the README states.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::diagnostic::render_all;
use codegen::model::Catalog;

fn table(name: &str) -> PathBuf {
    Path::new("tests/data/huawei").join(name)
}

/// Loads a table as a lone-table spec; panics with the diagnostics on errors.
fn load(name: &str) -> Catalog {
    let path = table(name);
    let loaded = codegen::load_spec(&path, &format!("huawei/{name}"));
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 0, "{}", render_all(&loaded.diagnostics));
    loaded.catalog.expect("a catalog when there are no errors")
}

/// The rows as the `csv` crate reads them: (code, status, msg, description, measure).
fn rows_read_by_csv_crate(name: &str) -> Vec<[String; 5]> {
    let mut reader = csv::Reader::from_path(table(name)).expect("open the table");
    reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV record");
            let field = |i: usize| record[i].replace("\r\n", "\n");
            [field(1), field(0), field(2), field(3), field(4)]
        })
        .collect()
}

/// Every row of the file is a case of its code, in file order, with its texts.
fn assert_model_matches_file(catalog: &Catalog, name: &str) {
    let rows = rows_read_by_csv_crate(name);
    let mut expected: Vec<(String, Vec<[String; 4]>)> = Vec::new();
    for [code, status, msg, description, measure] in rows {
        let case = [status, msg, description, measure];
        match expected.iter_mut().find(|(c, _)| *c == code) {
            Some((_, cases)) => cases.push(case),
            None => expected.push((code, vec![case])),
        }
    }
    let actual: Vec<(String, Vec<[String; 4]>)> = catalog
        .codes
        .iter()
        .map(|code| {
            let cases = code
                .cases
                .iter()
                .map(|c| {
                    [
                        c.http_status.map(|s| s.to_string()).unwrap_or_default(),
                        c.error_msg.clone(),
                        c.description.clone(),
                        c.handling_measure.clone(),
                    ]
                })
                .collect();
            (code.code.clone(), cases)
        })
        .collect();
    assert_eq!(actual.len(), expected.len(), "{name}: number of codes");
    for (a, e) in actual.iter().zip(&expected) {
        assert_eq!(a, e, "{name}");
    }
}

fn case_counts(catalog: &Catalog) -> BTreeMap<&str, usize> {
    catalog
        .codes
        .iter()
        .filter(|c| c.cases.len() > 1)
        .map(|c| (c.code.as_str(), c.cases.len()))
        .collect()
}

fn statuses(catalog: &Catalog, code: &str) -> Vec<u16> {
    let code = catalog
        .codes
        .iter()
        .find(|c| c.code == code)
        .unwrap_or_else(|| panic!("{code} is in the catalog"));
    code.cases.iter().filter_map(|c| c.http_status).collect()
}

/// The generated Rust library parses, and lists every code once.
fn assert_generates(catalog: &Catalog) {
    let files = codegen::generate(catalog);
    let enum_file = files
        .iter()
        .find(|f| f.path == format!("{}/rust/src/error_code.rs", catalog.name))
        .expect("the Rust library's enum");
    syn::parse_file(&enum_file.contents).expect("the generated error_code.rs parses");
    for code in &catalog.codes {
        // The discriminant is written only where it does not follow on.
        let implicit = format!("    {},\n", code.rust_variant);
        let explicit = format!("    {} = {},\n", code.rust_variant, code.number);
        assert!(
            enum_file.contents.contains(&implicit) || enum_file.contents.contains(&explicit),
            "{}",
            code.code
        );
    }
}

#[test]
fn api_gateway_loads_with_its_repeated_codes() {
    let name = "apig-error-codes.csv";
    let catalog = load(name);
    assert_eq!(catalog.meta.crate_name, "apig-error-codes");
    assert_eq!(catalog.codes.len(), 64);
    let total: usize = catalog.codes.iter().map(|c| c.cases.len()).sum();
    assert_eq!(total, 71, "the README counts 71 rows");
    // README: APIG.0201 seven times (400, 413, 414, 494, 500, 502, 504), APIG.0101 twice.
    assert_eq!(
        case_counts(&catalog),
        BTreeMap::from([("APIG.0101", 2), ("APIG.0201", 7)])
    );
    let mut apig0201 = statuses(&catalog, "APIG.0201");
    assert_eq!(apig0201[0], 400, "the first case is the primary one");
    apig0201.sort_unstable();
    assert_eq!(apig0201, [400, 413, 414, 494, 500, 502, 504]);
    assert_model_matches_file(&catalog, name);
    assert_generates(&catalog);
}

#[test]
fn iam_loads_with_bare_numeric_codes() {
    let name = "iam-error-codes.csv";
    let catalog = load(name);
    assert_eq!(catalog.codes.len(), 115);
    assert!(case_counts(&catalog).is_empty());
    let bare: Vec<&str> = catalog
        .codes
        .iter()
        .filter(|c| c.prefix.is_none())
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(bare.len(), 17);
    assert!(bare.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit())));
    assert_eq!((bare[0], bare[16]), ("1100", "1120"));
    let code1100 = catalog.codes.iter().find(|c| c.code == "1100");
    assert_eq!(code1100.map(|c| c.rust_variant.as_str()), Some("Code1100"));
    assert_model_matches_file(&catalog, name);
    assert_generates(&catalog);
}

#[test]
fn modelarts_loads_with_23_repeated_codes() {
    let name = "modelarts-error-codes.csv";
    let catalog = load(name);
    assert_eq!(catalog.codes.len(), 838);
    let total: usize = catalog.codes.iter().map(|c| c.cases.len()).sum();
    assert_eq!(total, 864, "the README counts 864 rows");
    let repeated = case_counts(&catalog);
    assert_eq!(repeated.len(), 23, "{repeated:?}");
    assert_eq!(repeated.get("ModelArts.4204"), Some(&3));
    assert_eq!(statuses(&catalog, "ModelArts.4204"), [400, 404, 500]);
    assert!(
        catalog
            .codes
            .iter()
            .any(|c| c.code == "ModelArts.4204" && c.rust_variant == "ModelArts4204")
    );
    assert_model_matches_file(&catalog, name);
    assert_generates(&catalog);
}

/// `MaaS`: codes that are pieces of JSON bodies, `-` as a code, `5XX` as a
/// status. The diagnostics are kept as a snapshot (`UPDATE_SNAPSHOTS=1`
/// rewrites it).
#[test]
fn maas_is_rejected_with_precise_errors() {
    let path = table("maas-error-codes.csv");
    let loaded = codegen::load_spec(&path, "huawei/maas-error-codes.csv");
    assert!(loaded.catalog.is_none());
    let rendered = render_all(&loaded.diagnostics);
    let snapshot = Path::new("tests/data/maas-error-codes.expected.stderr");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(snapshot, &rendered).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(snapshot).unwrap_or_default();
    assert_eq!(rendered, expected);
    // The six `"object": "error"` rows, `-`, and `5XX`; each at its line.
    let errors: Vec<(usize, usize)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(
        errors,
        [
            (5, 17),
            (10, 17),
            (15, 17),
            (20, 17),
            (25, 17),
            (39, 17),
            (47, 5),
            (51, 1)
        ]
    );
}
