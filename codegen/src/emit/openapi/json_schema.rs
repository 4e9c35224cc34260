//! `error-response.schema.json`: the error body as a JSON Schema (draft
//! 2020-12) of its own, for validators that do not read `OpenAPI`. Its root is
//! `ErrorResponse`; the codes, and the schemas the body refers to, are under `$defs`. The `@generated` line is
//! its `$comment`, the keyword JSON Schema has for comments (an unknown
//! keyword would fail validators in strict mode).

use super::ordered::{Json, Object};
use super::schemas::{
    ANY_ERROR_CODE, DEPRECATED_ERROR_CODE, ERROR_CODE, Target, any_error_code,
    deprecated_error_code, error_code,
};
use super::shapes::{error_response, parts};
use crate::emit::generated_notice;
use crate::model::Catalog;

/// The dialect: JSON Schema draft 2020-12, the one `OpenAPI` 3.1 uses.
pub(super) const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

pub(super) fn document(catalog: &Catalog) -> Json {
    let target = Target::JsonSchema;
    let mut root = Object::new()
        .with("$comment", generated_notice(catalog))
        .with("$schema", DIALECT)
        .with(
            "title",
            format!("{}: error response body", catalog.meta.title),
        );
    root.extend(error_response(catalog, target));
    let mut defs = Object::new()
        .with(ANY_ERROR_CODE, any_error_code(catalog, target))
        .with(ERROR_CODE, error_code(catalog, target));
    if let Some(deprecated) = deprecated_error_code(catalog, target) {
        defs.insert(DEPRECATED_ERROR_CODE, deprecated);
    }
    for (name, schema) in parts(catalog, target) {
        defs.insert(name, schema);
    }
    root.with("$defs", defs).into()
}
