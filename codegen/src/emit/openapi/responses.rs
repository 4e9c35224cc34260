//! A reusable response per HTTP status that the table documents, and an
//! example per case: `components/responses/Error400` carries an
//! `ErrorResponse` body, with an example for each case of that status, each a
//! reference to `components/examples/<variant>` so that an operation can
//! also use one code's example on its own. A catalog whose codes carry no
//! status has one response, `Error`, with every case: the document states no
//! status that the table does not.

use super::descriptions::{case_markdown, case_summary, markdown_text};
use super::ordered::Object;
use super::schemas::ERROR_RESPONSE;

use crate::emit::body::{statuses, written};
use crate::model::{Catalog, Code};

/// The responses, by the status of their cases: one per status, or one for
/// every case when the catalog's codes carry no status.
pub(super) fn response_statuses(catalog: &Catalog) -> Vec<Option<u16>> {
    if catalog.has_http_status() {
        statuses(catalog).into_iter().map(Some).collect()
    } else {
        vec![None]
    }
}

/// The name of a status's response: `Error400`; `Error` for the response of
/// codes without a status.
pub(super) fn response_name(status: Option<u16>) -> String {
    status.map_or_else(|| "Error".to_owned(), |status| format!("Error{status}"))
}

/// The name of a case's example: the code's Rust variant (`Ais0014`), with
/// `_case2`, `_case3`, … for the cases after the first. Variants are
/// unique and never hold `_case`, so the names are too, and they are valid
/// component names (ASCII letters, digits and `_`).
pub(super) fn example_name(code: &Code, case_index: usize) -> String {
    match case_index {
        0 => code.rust_variant.clone(),
        i => format!("{}_case{}", code.rust_variant, i + 1),
    }
}

/// The key of a case's example inside a response: the code, with the
/// case's number when the table lists the code more than once.
fn example_key(code: &Code, case_index: usize) -> String {
    if code.cases.len() == 1 {
        code.code.clone()
    } else {
        format!("{} (case {})", code.code, case_index + 1)
    }
}

/// `components/responses`: one response per status, ascending.
pub(super) fn responses(catalog: &Catalog) -> Object {
    let mut responses = Object::new();
    for status in response_statuses(catalog) {
        responses.insert(response_name(status), response(catalog, status));
    }
    responses
}

/// The response for one status (or, `None`, for codes without one): its
/// description, the body's schema, and a reference to the example of every
/// case of this status, in table order.
fn response(catalog: &Catalog, status: Option<u16>) -> Object {
    let mut examples = Object::new();
    let mut codes = 0;
    for code in &catalog.codes {
        let mut listed = false;
        for (i, case) in code.cases.iter().enumerate() {
            if case.http_status == status {
                let reference = format!("#/components/examples/{}", example_name(code, i));
                examples.insert(example_key(code, i), Object::new().with("$ref", reference));
                listed = true;
            }
        }
        codes += usize::from(listed);
    }
    let mut description = match status {
        Some(status) => format!(
            "An error response with HTTP status {status}: an `{ERROR_RESPONSE}` body. The table \
             gives this status for {}; the examples show each of its cases.",
            crate::diagnostic::plural(codes, "code")
        ),
        None => format!(
            "An error response: an `{ERROR_RESPONSE}` body. The table gives its {} no HTTP \
             status: reference this response under the status the API answers with (or \
             `default`); the examples show each case.",
            crate::diagnostic::plural(codes, "code")
        ),
    };
    if status.is_some() && catalog.meta.other.http_status == status {
        description += &format!(
            " A code that the table does not list may come with this status too: {}",
            markdown_text(&catalog.meta.other.text)
        );
    }
    let media_type = Object::new()
        .with(
            "schema",
            Object::new().with("$ref", format!("#/components/schemas/{ERROR_RESPONSE}")),
        )
        .with("examples", examples);
    Object::new().with("description", description).with(
        "content",
        Object::new().with(
            crate::emit::body::media_type(&catalog.meta.error_body.shape),
            media_type,
        ),
    )
}

/// `components/examples`: every case's body, in table order.
pub(super) fn examples(catalog: &Catalog) -> Object {
    let mut examples = Object::new();
    for code in &catalog.codes {
        for (i, case) in code.cases.iter().enumerate() {
            examples.insert(
                example_name(code, i),
                Object::new()
                    .with("summary", case_summary(code, i))
                    .with("description", case_markdown(catalog, code, case))
                    .with("value", written(catalog, code, case)),
            );
        }
    }
    examples
}
