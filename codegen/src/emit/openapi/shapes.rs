//! The error body's schema, `ErrorResponse`, in the catalog's shape
//! (`error_body.shape`), with the schemas it refers to, and the body of each
//! case (the examples), which is what the packages write ([`crate::emit::body`]).
//!
//! ```text
//! huawei           ErrorResponse: `error_code` and `error_msg` (the documented form only)
//! error-object     ErrorResponse {error: ErrorDetail}, ErrorDetail, InnerError
//! google           ErrorResponse {error: Status}, Status, Detail
//! problem-details  ErrorResponse: RFC 9457's members and the code member
//! ```
//!
//! Where a code appears, it is an `AnyErrorCode`. Each schema allows members
//! it does not name, as each shape's definition does.

use serde_json::Value;

use super::ordered::{Json, Object};
use super::schemas::{ANY_ERROR_CODE, ERROR_RESPONSE, Target, strings};
use crate::emit::body::{CANONICAL_NAMES, ERROR_INFO_TYPE, written};
use crate::model::{BodyShape, Catalog};

/// The error object of the `error-object` shape.
const ERROR_DETAIL: &str = "ErrorDetail";
/// The `innererror` of an error object.
const INNER_ERROR: &str = "InnerError";
/// The `error` of the `google` shape: a `google.rpc.Status`.
const STATUS: &str = "Status";
/// A detail of a `google.rpc.Status`, among them the `ErrorInfo` that holds the code.
const DETAIL: &str = "Detail";

/// `ErrorResponse`: the documented error body, with the catalog's example.
pub(super) fn error_response(catalog: &Catalog, target: Target) -> Object {
    let service = target.text(&catalog.meta.service);
    let schema = match &catalog.meta.error_body.shape {
        BodyShape::Huawei => huawei(&service, target),
        BodyShape::ErrorObject => Object::new()
            .with("type", "object")
            .with(
                "description",
                format!(
                    "An error response body of the {service}, in the shape of the error object of \
                     the Microsoft REST API Guidelines (OData's JSON error format): `error` holds \
                     the code and the message, with `target`, `details` and `innererror` when the \
                     service sends them; other members are allowed."
                ),
            )
            .with("required", strings(["error"]))
            .with(
                "properties",
                Object::new().with("error", target.reference(ERROR_DETAIL)),
            ),
        BodyShape::Google { .. } => Object::new()
            .with("type", "object")
            .with(
                "description",
                format!(
                    "An error response body of the {service}, in the shape that Google's AIP-193 \
                     defines for HTTP/JSON APIs: `error` is a `google.rpc.Status`, whose code is the \
                     `reason` of its `type.googleapis.com/google.rpc.ErrorInfo` detail. AIP-193 \
                     requires that detail; this schema accepts a body without it, which has no code."
                ),
            )
            .with("required", strings(["error"]))
            .with("properties", Object::new().with("error", target.reference(STATUS))),
        BodyShape::ProblemDetails { code_member } => {
            problem_details(&service, code_member, target)
        }
    };
    schema.with("examples", vec![example_body(catalog)])
}

/// The schemas that `ErrorResponse` refers to, by name, in order.
pub(super) fn parts(catalog: &Catalog, target: Target) -> Vec<(&'static str, Json)> {
    match &catalog.meta.error_body.shape {
        BodyShape::Huawei | BodyShape::ProblemDetails { .. } => Vec::new(),
        BodyShape::ErrorObject => vec![
            (ERROR_DETAIL, error_detail(target).into()),
            (INNER_ERROR, inner_error(target).into()),
        ],
        BodyShape::Google { .. } => vec![
            (STATUS, status(target).into()),
            (DETAIL, detail(target).into()),
        ],
    }
}

fn string(description: &str) -> Object {
    Object::new()
        .with("type", "string")
        .with("description", description)
}

/// The HTTP status of the response: an integer from 100 to 599.
fn http_status() -> Object {
    Object::new()
        .with("type", "integer")
        .with("description", "The HTTP status of the response.")
        .with("minimum", 100u16)
        .with("maximum", 599u16)
}

/// A code: an `AnyErrorCode`, described.
fn code(target: Target, description: &str) -> Object {
    Object::new()
        .with("$ref", target.ref_path(ANY_ERROR_CODE))
        .with("description", description)
}

/// The documented form of Huawei Cloud's bodies: `error_code` and
/// `error_msg` required, `request_id`, `encoded_authorization_message` and
/// `details` optional, other keys allowed.
fn huawei(service: &str, target: Target) -> Object {
    let properties = Object::new()
        .with("error_code", code(target, "The error code."))
        .with(
            "error_msg",
            string("The error message.").with("minLength", 1u16),
        )
        .with(
            "request_id",
            string("The request's id, when the body carries one."),
        )
        .with(
            "encoded_authorization_message",
            string("The encoded reason for an authorization failure, when present."),
        )
        .with(
            "details",
            Object::new()
                .with("type", "array")
                .with("description", "Further errors, each a body of this shape.")
                .with("items", target.reference(ERROR_RESPONSE)),
        );
    Object::new()
        .with("type", "object")
        .with(
            "description",
            format!(
                "An error response body of the {service}, in the shape its documentation gives: \
                 `error_code` and `error_msg`, with `request_id`, \
                 `encoded_authorization_message` and `details` when the service sends them; \
                 other keys are allowed. As in the official SDKs, an empty code or message \
                 counts as absent, so both must be non-empty. The SDKs also read two other \
                 shapes, a top-level `code` and `message`, and an `error` object holding \
                 either pair: this schema describes the documented shape only, and a body \
                 of another shape does not validate."
            ),
        )
        .with("required", strings(["error_code", "error_msg"]))
        .with("properties", properties)
}

/// The error object: `code` and `message`, and `target`, `details` and
/// `innererror` (Microsoft REST API Guidelines).
fn error_detail(target: Target) -> Object {
    Object::new()
        .with("type", "object")
        .with(
            "description",
            "An error object: a code and a message, with the target of the error, the errors \
             that led to it (`details`) and more specific information (`innererror`) when the \
             service sends them. Other members are allowed.",
        )
        .with("required", strings(["code", "message"]))
        .with(
            "properties",
            Object::new()
                .with("code", code(target, "The error code."))
                .with(
                    "message",
                    string("The error message, for developers.").with("minLength", 1u16),
                )
                .with(
                    "target",
                    string("The target of the error, such as the name of the property in error."),
                )
                .with(
                    "details",
                    Object::new()
                        .with("type", "array")
                        .with("description", "The errors that led to this one.")
                        .with("items", target.reference(ERROR_DETAIL)),
                )
                .with("innererror", target.reference(INNER_ERROR)),
        )
}

/// `innererror`: an object whose `code` and nested `innererror` hold ever
/// more specific codes.
fn inner_error(target: Target) -> Object {
    Object::new()
        .with("type", "object")
        .with(
            "description",
            "More specific information than the error that holds it: a more specific code, and \
             a nested `innererror` with more still. Clients use the deepest code that they \
             understand. Other members are allowed.",
        )
        .with(
            "properties",
            Object::new()
                .with(
                    "code",
                    string("A more specific code than the one of the error that holds it."),
                )
                .with("innererror", target.reference(INNER_ERROR)),
        )
}

/// `google.rpc.Status`, as AIP-193's HTTP/1.1+JSON representation.
fn status(target: Target) -> Object {
    Object::new()
        .with("type", "object")
        .with(
            "description",
            "A `google.rpc.Status`: the HTTP status, a message for developers, the name of the \
             `google.rpc.Code`, and details, among them the `ErrorInfo` that holds the code. \
             Other members are allowed.",
        )
        .with("required", strings(["code", "message"]))
        .with(
            "properties",
            Object::new()
                .with("code", http_status())
                .with(
                    "message",
                    string("The error message, for developers.").with("minLength", 1u16),
                )
                .with(
                    "status",
                    Object::new()
                        .with("type", "string")
                        .with(
                            "description",
                            "The name of the `google.rpc.Code` of the error.",
                        )
                        .with("enum", strings(CANONICAL_NAMES)),
                )
                .with(
                    "details",
                    Object::new()
                        .with("type", "array")
                        .with("description", "The details of the error.")
                        .with("items", target.reference(DETAIL)),
                ),
        )
}

/// A detail: a `google.protobuf.Any`, with the members of `ErrorInfo`.
fn detail(target: Target) -> Object {
    Object::new()
        .with("type", "object")
        .with(
            "description",
            format!(
                "A detail of the error: a `google.protobuf.Any`, whose `@type` names its message. \
                 The detail of `@type` `{ERROR_INFO_TYPE}` is the `google.rpc.ErrorInfo` that \
                 holds the code (`reason`, which AIP-193 requires of it), the service whose code \
                 it is (`domain`) and the values of the error (`metadata`). Other members are \
                 allowed."
            ),
        )
        .with("required", strings(["@type"]))
        .with(
            "properties",
            Object::new()
                .with(
                    "@type",
                    string("The type URL of the detail's message.").with("minLength", 1u16),
                )
                .with("reason", code(target, "The error code (of an ErrorInfo)."))
                .with(
                    "domain",
                    string("The service whose code it is (of an ErrorInfo)."),
                )
                .with(
                    "metadata",
                    Object::new()
                        .with("type", "object")
                        .with(
                            "description",
                            "The values of the error, such as those its message mentions (of an \
                             ErrorInfo).",
                        )
                        .with("additionalProperties", Object::new().with("type", "string")),
                ),
        )
}

/// RFC 9457's problem details object, with the code in `code_member`.
fn problem_details(service: &str, code_member: &str, target: Target) -> Object {
    Object::new()
        .with("type", "object")
        .with(
            "description",
            format!(
                "An error response body of the {service}, a problem details object of RFC 9457 \
                 (media type `application/problem+json`): `type` and `instance` are URI \
                 references, and the code is the extension member `{code_member}`. Each member \
                 is optional, and other members (extension members) are allowed, as the RFC \
                 has it; an empty object is not a problem."
            ),
        )
        .with("minProperties", 1u16)
        .with(
            "properties",
            Object::new()
                .with(
                    "type",
                    string("A URI reference that identifies the problem type; absent, it is `about:blank`."),
                )
                .with(
                    "title",
                    string("A short, human-readable summary of the problem type."),
                )
                .with(
                    "status",
                    http_status(),
                )
                .with(
                    "detail",
                    string("A human-readable explanation of this occurrence of the problem."),
                )
                .with(
                    "instance",
                    string("A URI reference that identifies this occurrence of the problem."),
                )
                .with(code_member, code(target, "The error code.")),
        )
}

/// The catalog's example body, when it is a body of the shape (as far as a
/// look at its required members tells); otherwise the first code's body,
/// which always is.
fn example_body(catalog: &Catalog) -> Json {
    let text = |value: &Value, key: &str| value[key].as_str().is_some_and(|s| !s.is_empty());
    let fits = |body: &Value| match &catalog.meta.error_body.shape {
        BodyShape::Huawei => text(body, "error_code") && text(body, "error_msg"),
        BodyShape::ErrorObject => {
            text(&body["error"], "code") && body["error"]["message"].is_string()
        }
        BodyShape::Google { .. } => {
            body["error"]["code"].is_u64() && body["error"]["message"].is_string()
        }
        BodyShape::ProblemDetails { .. } => body.is_object(),
    };
    match serde_json::from_str::<Value>(&catalog.meta.error_body.example) {
        Ok(body) if fits(&body) => Json::Value(body),
        _ => {
            let code = &catalog.codes[0];
            written(catalog, code, code.primary())
        }
    }
}
