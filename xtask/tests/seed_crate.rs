//! The generated seed crate, `ais-error-codes`, checked against the spec it
//! was generated from: every row round-trips through the crate's API.
//!
//! Expected values come from the spec (through the codegen model), never
//! from a copy in this file.

use std::path::Path;

use ais_error_codes::{Category, ErrorCode, UnknownErrorCode};
use codegen::model::Catalog;

fn spec() -> Catalog {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = codegen::load_spec(&root, "spec");
    loaded
        .catalog
        .unwrap_or_else(|| panic!("{}", codegen::diagnostic::render_all(&loaded.diagnostics)))
}

#[test]
fn every_row_round_trips_with_its_status_and_texts() {
    let catalog = spec();
    assert_eq!(ErrorCode::ALL.len(), catalog.codes.len());
    // `ALL` is in the order of the codes' numbers.
    let mut by_number: Vec<_> = catalog.codes.iter().collect();
    by_number.sort_by_key(|code| code.number);
    for (code, variant) in by_number.into_iter().zip(ErrorCode::ALL) {
        let parsed = ErrorCode::from_code(&code.code);
        assert_eq!(parsed, Some(*variant), "{} is in number order", code.code);
        assert_eq!(variant.as_str(), code.code);
        assert_eq!(variant.to_string(), code.code);
        assert_eq!(code.code.parse::<ErrorCode>(), Ok(*variant));
        assert_eq!(ErrorCode::try_from(code.code.as_str()), Ok(*variant));
        assert_eq!(format!("{variant:?}"), code.rust_variant);

        let primary = code.primary();
        assert_eq!(variant.http_status(), primary.http_status, "{}", code.code);
        assert_eq!(variant.error_msg(), primary.error_msg, "{}", code.code);
        assert_eq!(variant.description(), primary.description, "{}", code.code);
        assert_eq!(
            variant.handling_measure(),
            primary.handling_measure,
            "{}",
            code.code
        );

        let cases = variant.cases();
        assert_eq!(cases.len(), code.cases.len(), "{}", code.code);
        for (case, expected) in cases.iter().zip(&code.cases) {
            assert_eq!(case.http_status, expected.http_status);
            assert_eq!(case.error_msg, expected.error_msg);
            assert_eq!(case.description, expected.description);
            assert_eq!(case.handling_measure, expected.handling_measure);
        }

        let category = &catalog.categories[code.category];
        assert_eq!(variant.category().as_str(), category.key, "{}", code.code);
        assert_eq!(variant.is_retryable(), code.retryable, "{}", code.code);
    }
}

#[test]
fn categories_follow_the_catalog() {
    let catalog = spec();
    let keys: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let expected: Vec<&str> = catalog.categories.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, expected);
    for (category, spec) in Category::ALL.iter().zip(&catalog.categories) {
        assert_eq!(category.title(), spec.title);
        assert_eq!(category.description(), spec.description);
        assert_eq!(category.to_string(), spec.key);
    }
}

#[test]
fn unknown_codes_keep_their_text() {
    for text in [
        "AIS.9999",
        "ais.0014",
        "AIS.0014 ",
        "",
        "AIS",
        "AIS.00140",
        "\u{202e}AIS.0014",
    ] {
        assert_eq!(ErrorCode::from_code(text), None, "{text:?}");
        let err: UnknownErrorCode = text.parse::<ErrorCode>().expect_err(text);
        assert_eq!(err.code(), text);
        let message = err.to_string();
        assert!(
            message.contains("is not a documented error code"),
            "{message}"
        );
        let _: &dyn std::error::Error = &err;
    }
}

#[test]
fn codes_are_ordered_by_their_text() {
    // Ord compares the codes' text, whatever the order of the table or of the numbers.
    let mut sorted = ErrorCode::ALL.to_vec();
    sorted.sort();
    let mut texts: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    texts.sort_unstable();
    let sorted: Vec<&str> = sorted.iter().map(|c| c.as_str()).collect();
    assert_eq!(sorted, texts);
    assert_ne!(
        texts,
        ErrorCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        "the seed's table is not in text order, so this test tells the two apart"
    );
}

#[test]
fn discriminants_are_the_numbers_of_the_lock() {
    let catalog = spec();
    for code in &catalog.codes {
        let variant = ErrorCode::from_code(&code.code).expect("a documented code");
        assert_eq!(variant as u32, code.number, "{}", code.code);
    }
    let numbers: Vec<u32> = ErrorCode::ALL.iter().map(|&c| c as u32).collect();
    assert!(numbers.is_sorted(), "ALL is in number order: {numbers:?}");
}
