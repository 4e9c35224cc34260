//! The formats a spec may take give the same model: the seed spec re-encoded
//! with a BOM and CRLF line ends, its table as YAML, its table split in two
//! files.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diagnostic::render_all;
use codegen::model::Catalog;

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/sample")
}

/// A fresh temporary folder, removed when dropped.
fn temp_folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("create a temp folder")
}

fn load_clean(spec: &Path) -> Catalog {
    let loaded = codegen::load_spec(spec, "spec");
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        render_all(&loaded.diagnostics)
    );
    loaded.catalog.expect("a catalog")
}

/// What a catalog says about its codes, without where the rows came from.
fn codes(catalog: &Catalog) -> Vec<String> {
    catalog
        .codes
        .iter()
        .map(|c| {
            let cases: Vec<_> = c
                .cases
                .iter()
                .map(|k| {
                    (
                        k.http_status,
                        &k.error_msg,
                        &k.description,
                        &k.handling_measure,
                    )
                })
                .collect();
            format!(
                "{} {} {} {} {:?} {cases:?}",
                c.code,
                c.rust_variant,
                catalog.categories[c.category].key,
                c.retryable,
                c.deprecated
            )
        })
        .collect()
}

fn seed_rows() -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader =
        csv::Reader::from_path(seed().join("error-codes.csv")).expect("the seed table");
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// `catalog.yaml` of the seed, with its `tables:` line replaced.
fn seed_catalog(tables: &str) -> String {
    let catalog = fs::read_to_string(seed().join("catalog.yaml")).expect("the seed catalog");
    let lines: Vec<String> = catalog
        .lines()
        .map(|l| {
            if l.starts_with("tables:") {
                format!("tables: {tables}")
            } else {
                l.to_owned()
            }
        })
        .collect();
    lines.join("\n") + "\n"
}

#[test]
fn a_bom_and_crlf_line_ends_change_nothing() {
    let temp = temp_folder();
    let dir = temp.path();
    for name in ["catalog.yaml", "error-codes.csv"] {
        let text = fs::read_to_string(seed().join(name)).expect("a seed file");
        let crlf = format!(
            "\u{feff}{}",
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        );
        fs::write(dir.join(name), crlf).expect("write");
    }
    let converted = load_clean(dir);
    let original = load_clean(&seed());
    assert_eq!(codes(&converted), codes(&original));
    // Rows keep their line numbers.
    let lines = |c: &Catalog| -> Vec<usize> {
        c.codes
            .iter()
            .flat_map(|code| code.cases.iter().map(|k| k.origin.line))
            .collect()
    };
    assert_eq!(lines(&converted), lines(&original));
}

#[test]
fn a_yaml_table_gives_the_model_of_the_csv_table() {
    let temp = temp_folder();
    let dir = temp.path();
    let (header, rows) = seed_rows();
    let mut yaml = String::from("# The seed table as YAML.\n");
    for row in &rows {
        for (i, (column, value)) in header.iter().zip(row).enumerate() {
            let marker = if i == 0 { "- " } else { "  " };
            // A JSON string is a YAML double-quoted scalar.
            let quoted = serde_json::to_string(value).expect("a string");
            yaml += &format!("{marker}{column}: {quoted}\n");
        }
    }
    fs::write(dir.join("codes.yaml"), yaml).expect("write");
    fs::write(dir.join("catalog.yaml"), seed_catalog("[codes.yaml]")).expect("write");
    let from_yaml = load_clean(dir);
    assert_eq!(codes(&from_yaml), codes(&load_clean(&seed())));
}

#[test]
fn a_table_may_be_split_in_several_files() {
    let temp = temp_folder();
    let dir = temp.path();
    let (header, rows) = seed_rows();
    let (first, second) = rows.split_at(rows.len() / 2);
    for (name, part) in [("a.csv", first), ("b.csv", second)] {
        let mut writer = csv::Writer::from_path(dir.join(name)).expect("create a table");
        writer.write_record(&header).expect("write the header");
        for row in part {
            writer.write_record(row).expect("write a row");
        }
        writer.flush().expect("write the table");
    }
    fs::write(dir.join("catalog.yaml"), seed_catalog("[a.csv, b.csv]")).expect("write");
    let split = load_clean(dir);
    assert_eq!(codes(&split), codes(&load_clean(&seed())));
    assert_eq!(
        split.meta.spec_files,
        ["spec/catalog.yaml", "spec/a.csv", "spec/b.csv"]
    );
    // Without `tables:`, every table file of the folder counts, by name.
    fs::write(
        dir.join("catalog.yaml"),
        seed_catalog("").replace("tables: \n", ""),
    )
    .expect("write");
    assert_eq!(codes(&load_clean(dir)), codes(&split));
}

/// A YAML block scalar's last line break ends the block; it is not text.
#[test]
fn yaml_block_scalars_keep_their_paragraphs() {
    let temp = temp_folder();
    let dir = temp.path();
    let table = dir.join("t.yaml");
    fs::write(
        &table,
        "- status_code: 400\n  error_code: T.1\n  error_msg: |\n    first\n    second\n  description: >-\n    folded\n    line\n  handling_measure: ''\n",
    )
    .expect("write");
    let catalog = load_clean(&table);
    let case = catalog.codes[0].primary();
    assert_eq!(case.error_msg, "first\nsecond");
    assert_eq!(case.description, "folded line");
    assert_eq!(case.handling_measure, "");
    assert_eq!(catalog.meta.crate_name, "t");
}
