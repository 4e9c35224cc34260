//! `ErrorResponse` (the generated crate's `serde` feature) against the shared
//! fixture of real and synthetic error bodies, `xtask/fixtures/error-bodies.json`,
//! which drives the TypeScript parser's tests too.

use ais_error_codes::{ErrorCode, ErrorResponse};
use serde_json::Value;

fn fixture() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/error-bodies.json");
    let text = std::fs::read_to_string(path).expect("the fixture exists");
    let doc: Value = serde_json::from_str(&text).expect("the fixture is JSON");
    doc["cases"].as_array().expect("cases").clone()
}

/// The expected result as an `ErrorResponse`, built field by field from the fixture.
fn expected(value: &Value) -> ErrorResponse {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    ErrorResponse {
        error_code: text("error_code").expect("error_code"),
        error_msg: text("error_msg").expect("error_msg"),
        request_id: text("request_id"),
        encoded_authorization_message: text("encoded_authorization_message"),
        details: value["details"]
            .as_array()
            .expect("details")
            .iter()
            .map(expected)
            .collect(),
    }
}

#[test]
fn every_fixture_body_parses_as_the_sdks_read_it() {
    let cases = fixture();
    assert!(cases.len() >= 10);
    for case in &cases {
        let name = case["name"].as_str().expect("name");
        let body = case["body"].as_str().expect("body");
        let parsed = serde_json::from_str::<ErrorResponse>(body);
        match (case.get("expected"), case.get("error")) {
            (Some(want), None) => {
                let parsed = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(parsed, expected(want), "{name}");
                // What it serializes to reads back the same.
                let again: ErrorResponse =
                    serde_json::from_str(&serde_json::to_string(&parsed).expect("serializes"))
                        .unwrap_or_else(|e| panic!("{name}: round trip: {e}"));
                assert_eq!(again, parsed, "{name}");
            }
            (None, Some(error)) => {
                let error = error.as_str().expect("error text");
                let message = parsed.expect_err(name).to_string();
                assert!(
                    message.contains(error),
                    "{name}: `{message}` should contain `{error}`"
                );
            }
            _ => panic!("{name}: a case has either `expected` or `error`"),
        }
    }
}

#[test]
fn an_unknown_shape_names_the_keys_it_expected() {
    let message = serde_json::from_str::<ErrorResponse>(r#"{"invalid_key":"invalid_value"}"#)
        .expect_err("unknown shape")
        .to_string();
    assert!(
        message.contains("`error_code` and `error_msg`"),
        "{message}"
    );
    assert!(message.contains("`code` and `message`"), "{message}");
    assert!(message.contains("`error` object"), "{message}");
}

#[test]
fn a_documented_code_in_a_body_is_typed() {
    let body = r#"{"error_code": "AIS.0014", "error_msg": "The JSON format of the input data is incorrect."}"#;
    let response: ErrorResponse = serde_json::from_str(body).expect("parses");
    assert_eq!(response.code(), Some(ErrorCode::Ais0014));
    let other: ErrorResponse =
        serde_json::from_str(r#"{"code": "VPC.0201", "message": "m"}"#).expect("parses");
    assert_eq!(other.code(), None);
}

#[test]
fn error_codes_serialize_as_their_code() {
    for code in ErrorCode::ALL {
        let json = serde_json::to_string(code).expect("serializes");
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(
            serde_json::from_str::<ErrorCode>(&json).expect("deserializes"),
            *code
        );
    }
    let unknown = serde_json::from_str::<ErrorCode>("\"AIS.9999\"").expect_err("unknown");
    assert!(
        unknown.to_string().contains("a documented error code"),
        "{unknown}"
    );
    assert!(serde_json::from_str::<ErrorCode>("14").is_err());
}
