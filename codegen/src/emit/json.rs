//! `catalog.json`: the whole validated catalog as JSON.
//!
//! For tools in other languages, for the TypeScript package's tests, and for
//! `cargo xtask gen`, which compares a new catalog with the committed one to
//! say what changed (see [`crate::changes`]).

use serde_json::{Value, json};

use super::{GeneratedFile, generated_notice};
use crate::model::{BodyShape, Catalog, ErrorBody};

/// The file's path in the output folder.
pub const PATH: &str = "catalog.json";

#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    vec![GeneratedFile::new(
        PATH,
        super::pretty_json(&to_json(catalog)),
    )]
}

/// The catalog as a JSON value; keys in a fixed order.
#[must_use]
pub fn to_json(catalog: &Catalog) -> Value {
    let meta = &catalog.meta;
    let categories: Vec<Value> = catalog
        .categories
        .iter()
        .map(|c| json!({"key": c.key, "title": c.title, "description": c.description, "retryable": c.retryable}))
        .collect();
    let codes: Vec<Value> = catalog
        .codes
        .iter()
        .map(|code| {
            let cases: Vec<Value> = code
                .cases
                .iter()
                .map(|case| {
                    json!({
                        "http_status": case.http_status,
                        "error_msg": case.error_msg,
                        "description": case.description,
                        "handling_measure": case.handling_measure,
                    })
                })
                .collect();
            json!({
                "code": code.code,
                "prefix": code.prefix,
                "rust_variant": code.rust_variant,
                "anchor": code.anchor,
                "number": code.number,
                "category": catalog.categories[code.category].key,
                "retryable": code.retryable,
                "deprecated": code.deprecated,
                "cases": cases,
            })
        })
        .collect();
    json!({
        "@generated": generated_notice(catalog),
        "title": meta.title,
        "service": meta.service,
        "version": meta.version,
        "rust_crate": meta.crate_name,
        "npm_package": meta.npm_name,
        "source_url": meta.source_url,
        "updated_on": meta.updated_on,
        "other": {"http_status": meta.other.http_status, "text": meta.other.text},
        "error_body": error_body(&meta.error_body),
        "categories": categories,
        "codes": codes,
    })
}

/// `error_body`: the shape of the error bodies and its settings, the
/// documented status and the example.
fn error_body(body: &ErrorBody) -> Value {
    let mut value = json!({
        "shape": body.shape.name(),
        "status": body.status,
        "example": body.example,
    });
    match &body.shape {
        BodyShape::Google { domain } => value["domain"] = json!(domain),
        BodyShape::ProblemDetails { code_member } => value["code_member"] = json!(code_member),
        BodyShape::Huawei | BodyShape::ErrorObject => {}
    }
    value
}
