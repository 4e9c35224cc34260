//! Property tests: no input panics the loader, and every valid table loads
//! to the model of its rows and generates outputs that parse.
//!
//! Case counts are modest (the CI machine has two cores) and the seed is
//! fixed, so that a CI run can be repeated; set `PROPTEST_CASES` to run
//! more and `PROPTEST_RNG_SEED` to explore other inputs.

use std::fs;
use std::path::PathBuf;

use codegen::diagnostic::render_all;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// The seed of every run unless `PROPTEST_RNG_SEED` says otherwise.
const SEED: u64 = 0x0e44_c0de;

/// `cases` cases (or `PROPTEST_CASES`), from [`SEED`] (or `PROPTEST_RNG_SEED`).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: from_env("PROPTEST_CASES").unwrap_or(cases),
        rng_seed: RngSeed::Fixed(from_env("PROPTEST_RNG_SEED").unwrap_or(SEED)),
        ..ProptestConfig::default()
    }
}

fn from_env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok()?.parse().ok()
}

/// A file path in a fresh temporary folder, removed when the folder is dropped.
fn temp_file(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("create a temp folder");
    let path = dir.path().join(name);
    (dir, path)
}

/// Text that looks like CSV and YAML, so that the parsers' paths are taken.
fn syntax_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(b"\"".to_vec()),
            Just(b",".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"- ".to_vec()),
            Just(b": ".to_vec()),
            Just(b"  ".to_vec()),
            Just(b"status_code,error_code,error_msg,description,handling_measure\n".to_vec()),
            Just(b"- status_code: 400\n  error_code: A.1\n".to_vec()),
            Just(b"error_msg: ".to_vec()),
            Just(b"[{&*!|>%@#'`".to_vec()),
            Just("\u{feff}\u{202e}\u{7}".as_bytes().to_vec()),
            Just(b"\xff\xfe\xc3".to_vec()),
            "[a-zA-Z0-9 .]{1,6}".prop_map(String::into_bytes),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![prop::collection::vec(any::<u8>(), 0..300), syntax_soup()]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn no_bytes_panic_the_loader(bytes in any_bytes(), extension in prop::sample::select(vec!["csv", "yaml"])) {
        let (_dir, path) = temp_file(&format!("table.{extension}"));
        fs::write(&path, &bytes).expect("write");
        let loaded = codegen::load_spec(&path, "t");
        let has_errors = loaded.diagnostics.iter().any(codegen::Diagnostic::is_error);
        prop_assert_eq!(loaded.catalog.is_some(), !has_errors);
        // Rendering shows no raw control characters (Trojan Source).
        let rendered = render_all(&loaded.diagnostics);
        prop_assert!(!rendered.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        if let Some(catalog) = &loaded.catalog {
            for file in codegen::generate(catalog) {
                if std::path::Path::new(&file.path).extension().is_some_and(|e| e == "rs") {
                    prop_assert!(syn::parse_file(&file.contents).is_ok(), "{}", file.path);
                }
            }
        }
    }

    #[test]
    fn no_catalog_panics_the_loader(bytes in any_bytes()) {
        let (_dir, path) = temp_file("catalog.yaml");
        fs::write(&path, &bytes).expect("write");
        let table = path.with_file_name("codes.csv");
        fs::write(&table, "status_code,error_code,error_msg,description,handling_measure\n400,A.1,m,d,h\n")
            .expect("write");
        let folder = path.parent().expect("a folder").to_path_buf();
        let loaded = codegen::load_spec(&folder, "spec");
        let has_errors = loaded.diagnostics.iter().any(codegen::Diagnostic::is_error);
        prop_assert_eq!(loaded.catalog.is_some(), !has_errors);
    }
}

/// Spec text that tries to break out of every output, and text from
/// several scripts; never a character the validator forbids.
fn text() -> impl Strategy<Value = String> {
    let hostile = prop::sample::select(vec![
        "*/",
        "/*",
        "/**",
        "\"",
        "'",
        "\\",
        "`",
        "```",
        "~~~",
        "|",
        "<script>",
        "</script>",
        "# ",
        "\n# ",
        "\n    ",
        "{}",
        "{0}",
        "%s",
        "${x}",
        "\r\n",
        "\r",
        "\n",
        "\n1. ",
        "\n- ",
        "<!--",
        "-->",
        "&amp;",
        "[a](b)",
        "https://example.com",
        "#[doc]",
        "\")]",
        "é",
        "错误",
        "خطأ",
        "🙂",
        "𝔘",
        "\u{301}",
    ]);
    prop::collection::vec(
        prop_oneof![hostile.prop_map(str::to_owned), "[ -~]{1,8}"],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

/// A code: printable characters without whitespace, at least one letter or digit.
fn code() -> impl Strategy<Value = String> {
    (
        "[A-Za-z0-9\u{4e00}-\u{4e05}é]{1,3}",
        "[-A-Za-z0-9.!\"#$%&'()*+,/:;<=>?@\\[\\\\\\]^_`{|}~\u{4e00}-\u{4e05}é🙂]{0,8}",
    )
        .prop_map(|(a, b)| a + &b)
}

#[derive(Clone, Debug)]
struct Row {
    status: u16,
    code: String,
    texts: [String; 3],
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let row = (
        100u16..=599,
        code(),
        text().prop_filter("error_msg is required", |t| !t.trim().is_empty()),
        text(),
        text(),
    )
        .prop_map(|(status, code, m, d, h)| Row {
            status,
            code,
            texts: [m, d, h],
        });
    prop::collection::vec(row, 1..8).prop_map(|mut rows| {
        // Keep one row per derived name: a collision is an error, tested elsewhere.
        let mut seen = std::collections::HashSet::new();
        rows.retain(|r| {
            seen.insert(codegen::names::rust_variant(&r.code))
                & seen.insert(format!("#{}", codegen::names::anchor(&r.code)))
        });
        rows
    })
}

fn write_csv(rows: &[Row], crlf: bool, bom: bool) -> String {
    let bom = if bom { "\u{feff}" } else { "" };
    let mut writer = csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(bom.as_bytes().to_vec());
    writer
        .write_record([
            "status_code",
            "error_code",
            "error_msg",
            "description",
            "handling_measure",
        ])
        .expect("write the header");
    for r in rows {
        let [m, d, h] = &r.texts;
        let status = r.status.to_string();
        writer
            .write_record([status.as_str(), &r.code, m, d, h])
            .expect("write a row");
    }
    let bytes = writer.into_inner().expect("flush the table");
    String::from_utf8(bytes).expect("UTF-8 in, UTF-8 out")
}

fn write_yaml(rows: &[Row]) -> String {
    let quoted = |t: &str| serde_json::to_string(t).expect("a string");
    let mut out = String::new();
    for r in rows {
        let [m, d, h] = &r.texts;
        out += &format!(
            "- status_code: {}\n  error_code: {}\n  error_msg: {}\n  description: {}\n  handling_measure: {}\n",
            r.status,
            quoted(&r.code),
            quoted(m),
            quoted(d),
            quoted(h)
        );
    }
    out
}

fn normalised(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn a_valid_table_loads_to_its_rows_and_generates(
        rows in rows(),
        format in 0..3u8,
        bom in any::<bool>(),
    ) {
        let (name, contents) = match format {
            0 => ("codes.csv", write_csv(&rows, false, bom)),
            1 => ("codes.csv", write_csv(&rows, true, bom)),
            _ => ("codes.yaml", write_yaml(&rows)),
        };
        let (_dir, path) = temp_file(name);
        fs::write(&path, contents).expect("write");
        let loaded = codegen::load_spec(&path, name);
        let rendered = render_all(&loaded.diagnostics);
        prop_assert!(!loaded.diagnostics.iter().any(codegen::Diagnostic::is_error), "{}", rendered);
        let catalog = loaded.catalog.expect("a catalog");
        prop_assert_eq!(catalog.codes.len(), rows.len());
        for (code, row) in catalog.codes.iter().zip(&rows) {
            prop_assert_eq!(&code.code, &row.code);
            let case = code.primary();
            prop_assert_eq!(case.http_status, Some(row.status));
            prop_assert_eq!(&case.error_msg, &normalised(&row.texts[0]));
            prop_assert_eq!(&case.description, &normalised(&row.texts[1]));
            prop_assert_eq!(&case.handling_measure, &normalised(&row.texts[2]));
        }
        let files = codegen::generate(&catalog);
        let lib = files.iter().find(|f| f.path.ends_with("/rust/src/lib.rs")).expect("lib.rs");
        let parsed = syn::parse_file(&lib.contents);
        prop_assert!(parsed.is_ok(), "{:?}", parsed.err());
        for file in &files {
            if std::path::Path::new(&file.path).extension().is_some_and(|e| e == "json") {
                let json: Result<serde_json::Value, _> = serde_json::from_str(&file.contents);
                prop_assert!(json.is_ok(), "{} does not parse", file.path);
            }
        }
    }
}
