//! The schemas, built once for both documents: `ErrorCode`, `AnyErrorCode`,
//! and, when the table deprecates codes, `DeprecatedErrorCode`; the error
//! body, `ErrorResponse`, and the schemas it refers to are in [`super::shapes`].
//!
//! The `OpenAPI` document keeps them under `components/schemas`, with the enum
//! extensions that code generators and renderers read, and Markdown
//! descriptions (`OpenAPI`'s are `CommonMark`). The JSON Schema keeps them under
//! `$defs` (its root is `ErrorResponse`), with plain-text descriptions and
//! no `x-` keys: validators in strict mode reject keywords they do not know.

use super::descriptions::{code_line, code_markdown, markdown_text};
use super::ordered::{Json, Object};
use crate::emit::docs::code_urls;
use crate::emit::markdown::one_line;
use crate::model::{Catalog, Code};

pub(super) const ERROR_CODE: &str = "ErrorCode";
pub(super) const ANY_ERROR_CODE: &str = "AnyErrorCode";
pub(super) const ERROR_RESPONSE: &str = "ErrorResponse";
pub(super) const DEPRECATED_ERROR_CODE: &str = "DeprecatedErrorCode";

/// Which document a schema is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    OpenApi,
    JsonSchema,
}

impl Target {
    /// The reference to the schema named `name`.
    pub(super) fn ref_path(self, name: &str) -> String {
        match (self, name) {
            (Target::OpenApi, _) => format!("#/components/schemas/{name}"),
            (Target::JsonSchema, ERROR_RESPONSE) => "#".to_owned(),
            (Target::JsonSchema, _) => format!("#/$defs/{name}"),
        }
    }

    /// `{"$ref": …}` to the schema named `name`.
    pub(super) fn reference(self, name: &str) -> Json {
        Object::new().with("$ref", self.ref_path(name)).into()
    }

    /// Spec text inside a description, on one line: escaped Markdown for
    /// `OpenAPI`, plain text for JSON Schema.
    pub(super) fn text(self, text: &str) -> String {
        match self {
            Target::OpenApi => markdown_text(text),
            Target::JsonSchema => one_line(text).into_owned(),
        }
    }
}

/// The documented codes: a string enum in table order. For `OpenAPI`, with
/// `x-enum-varnames` (the Rust variant names), `x-enum-descriptions` (one
/// line per code, in the same order) and `x-enumDescriptions` (code →
/// Markdown).
pub(super) fn error_code(catalog: &Catalog, target: Target) -> Json {
    let mut schema = Object::new()
        .with("type", "string")
        .with(
            "description",
            format!(
                "An error code that the {} documents: every code of its table, in table \
                 order. A response may carry a code that the table does not list: \
                 `{ANY_ERROR_CODE}` accepts those too.",
                target.text(&catalog.meta.service)
            ),
        )
        .with(
            "enum",
            strings(catalog.codes.iter().map(|c| c.code.as_str())),
        );
    if target == Target::OpenApi {
        let urls = code_urls(catalog);
        let mut markdown = Object::new();
        for (code, url) in catalog.codes.iter().zip(&urls) {
            markdown.insert(&code.code, code_markdown(catalog, code, url.as_deref()));
        }
        schema.insert(
            "x-enum-varnames",
            strings(catalog.codes.iter().map(|c| c.rust_variant.as_str())),
        );
        schema.insert(
            "x-enum-descriptions",
            strings(catalog.codes.iter().map(code_line)),
        );
        schema.insert("x-enumDescriptions", markdown);
    }
    schema.into()
}

/// A code as a response carries it: a documented code or any other
/// non-empty string (the table's "Other" row says what those mean).
pub(super) fn any_error_code(catalog: &Catalog, target: Target) -> Json {
    let any_string = Object::new().with("type", "string").with("minLength", 1u16);
    Object::new()
        .with(
            "description",
            format!(
                "An error code as a response carries it: a documented `{ERROR_CODE}`, or any \
                 other non-empty string, so that a client accepts codes that the table does \
                 not list yet. What such a code means: {}",
                target.text(&catalog.meta.other.text)
            ),
        )
        .with(
            "anyOf",
            vec![target.reference(ERROR_CODE), any_string.into()],
        )
        .into()
}

/// The deprecated codes, as a deprecated schema (`OpenAPI` has no way to mark
/// one value of an enum deprecated); `None` if no code is.
pub(super) fn deprecated_error_code(catalog: &Catalog, target: Target) -> Option<Json> {
    let deprecated: Vec<&Code> = catalog
        .codes
        .iter()
        .filter(|c| c.deprecated.is_some())
        .collect();
    if deprecated.is_empty() {
        return None;
    }
    let mut schema = Object::new()
        .with("type", "string")
        .with(
            "description",
            format!(
                "The codes of `{ERROR_CODE}` that are deprecated: still documented, but no \
                 longer to be relied on. Each one's note says what to do instead."
            ),
        )
        .with("deprecated", true)
        .with("enum", strings(deprecated.iter().map(|c| c.code.as_str())));
    if target == Target::OpenApi {
        schema.insert(
            "x-enum-varnames",
            strings(deprecated.iter().map(|c| c.rust_variant.as_str())),
        );
        schema.insert(
            "x-enum-descriptions",
            strings(deprecated.iter().map(|c| code_line(c))),
        );
    }
    Some(schema.into())
}

pub(super) fn strings(items: impl IntoIterator<Item = impl Into<Json>>) -> Json {
    Json::Array(items.into_iter().map(Into::into).collect())
}
