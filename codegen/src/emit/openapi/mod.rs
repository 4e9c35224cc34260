//! The table for API toolchains: `openapi/`, an `OpenAPI` 3.1 library of
//! components and a JSON Schema of the error body.
//!
//! ```text
//! openapi/openapi.json                 OpenAPI 3.1: components only, no operations
//! openapi/error-response.schema.json   JSON Schema (draft 2020-12) of the error body
//! openapi/README.md                    what the components are, how to reference them
//! ```
//!
//! The documents are JSON (which YAML 1.2 tools read too), built as values
//! and written by `serde_json`, so that spec text is always a string. Their
//! objects keep the order they are built in ([`ordered`]): a reader meets
//! the `@generated` key first, and every code in table order.
//!
//! ```text
//! schemas       ErrorCode, AnyErrorCode, DeprecatedErrorCode (both documents)
//! shapes        ErrorResponse and the schemas it refers to, in the catalog's shape; each case's body
//! responses     a response per HTTP status, an example per case (OpenAPI only)
//! descriptions  each code's and case's texts: one plain line, or Markdown
//! json_schema   the JSON Schema document
//! readme        the folder's README
//! ```

mod descriptions;
mod json_schema;
pub(crate) mod ordered;
mod readme;
mod responses;
mod schemas;
mod shapes;
#[cfg(test)]
mod tests;

use super::{GeneratedFile, generated_notice};
use crate::emit::markdown::code_span;
use crate::model::Catalog;
use descriptions::markdown_text;
use ordered::{Json, Object};
use schemas::{ANY_ERROR_CODE, DEPRECATED_ERROR_CODE, ERROR_CODE, ERROR_RESPONSE, Target};

/// The `OpenAPI` document's path in the output folder.
pub const DOCUMENT: &str = "openapi/openapi.json";
/// The JSON Schema's path in the output folder.
pub const JSON_SCHEMA: &str = "openapi/error-response.schema.json";
/// The README's path in the output folder.
pub const README: &str = "openapi/README.md";

/// The `OpenAPI` version the document declares.
const OPENAPI_VERSION: &str = "3.1.1";

#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile::new(DOCUMENT, document(catalog).pretty()),
        GeneratedFile::new(JSON_SCHEMA, json_schema::document(catalog).pretty()),
        GeneratedFile::new(README, readme::page(catalog)),
    ]
}

/// The `OpenAPI` document. Its `@generated` line is the extension
/// `x-generated`: the root object allows no other unknown key.
fn document(catalog: &Catalog) -> Json {
    let meta = &catalog.meta;
    let mut root = Object::new()
        .with("x-generated", generated_notice(catalog))
        .with("openapi", OPENAPI_VERSION)
        .with("info", info(catalog));
    if let Some(url) = &meta.source_url {
        let updated = meta
            .updated_on
            .as_deref()
            .map(|date| format!(", updated on {}", markdown_text(date)))
            .unwrap_or_default();
        root.insert(
            "externalDocs",
            Object::new()
                .with(
                    "description",
                    format!("The error-code page that the table was transcribed from{updated}."),
                )
                .with("url", url.as_str()),
        );
    }
    root.with("components", components(catalog)).into()
}

/// `info`: the catalog's title and version (the packages' version), what
/// the document is, and the packages' license.
fn info(catalog: &Catalog) -> Object {
    let meta = &catalog.meta;
    let codes = catalog.codes.len();
    let description = [
        format!(
            "The {} of the {}, from the same spec as the Rust crate {} and the npm package {}.",
            if codes == 1 {
                "error code".to_owned()
            } else {
                format!("{codes} error codes")
            },
            markdown_text(&meta.service),
            code_span(&meta.crate_name),
            code_span(&meta.npm_name),
        ),
        format!(
            "This document is a library of components with no operations of its own: an API \
             description references them by relative path or by URL, for example \
             `openapi.json#/components/responses/{}` (the README beside this file shows \
             how). `{ERROR_CODE}` lists every documented code, `{ANY_ERROR_CODE}` accepts \
             codes the table does not list, `{ERROR_RESPONSE}` is the error body, each \
             response carries it with an example per code (one response per HTTP status of the \
             table, `ErrorNNN`, or `Error` when its codes carry none), and each example is in \
             `#/components/examples`.",
            responses::response_name(catalog.codes[0].primary().http_status)
        ),
    ];
    Object::new()
        .with("title", meta.title.as_str())
        .with(
            "summary",
            format!(
                "The documented error codes of the {} as reusable OpenAPI components.",
                crate::emit::markdown::one_line(&meta.service)
            ),
        )
        .with("description", description.join("\n\n"))
        .with("version", meta.version.as_str())
        .with(
            "license",
            Object::new()
                .with("name", meta.package.license.as_str())
                .with("identifier", meta.package.license.as_str()),
        )
}

/// `components`: the schemas, a response per status, an example per case.
fn components(catalog: &Catalog) -> Object {
    let target = Target::OpenApi;
    let mut schemas = Object::new()
        .with(ERROR_CODE, schemas::error_code(catalog, target))
        .with(ANY_ERROR_CODE, schemas::any_error_code(catalog, target))
        .with(ERROR_RESPONSE, shapes::error_response(catalog, target));
    for (name, schema) in shapes::parts(catalog, target) {
        schemas.insert(name, schema);
    }
    if let Some(deprecated) = schemas::deprecated_error_code(catalog, target) {
        schemas.insert(DEPRECATED_ERROR_CODE, deprecated);
    }
    Object::new()
        .with("schemas", schemas)
        .with("responses", responses::responses(catalog))
        .with("examples", responses::examples(catalog))
}
