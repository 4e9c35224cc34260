//! The error body that a server writes for a code, in the catalog's shape
//! (`error_body.shape`): one definition for every output. The `OpenAPI`
//! examples and the docs show [`written`]; the Rust crate's
//! `ErrorCode::response()` and the npm package's `errorBody` write the same
//! JSON (`cargo xtask ci` compares them with the examples), with the tables
//! of [`reason_phrase`] and [`canonical_name`] written into them.
//!
//! | shape | a code's body |
//! | --- | --- |
//! | `huawei` | `{"error_code": <code>, "error_msg": <message>}` |
//! | `error-object` | `{"error": {"code": <code>, "message": <message>}}` |
//! | `google` | `{"error": {"code": <status>, "message": <message>, "status": <canonical name>, "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": <code>, "domain": <domain>}]}}` |
//! | `problem-details` | `{"type": "about:blank", "title": <reason phrase, or the message>, "status": <status>, "detail": <message>, <code member>: <code>}` |

use std::collections::BTreeSet;

use super::openapi::ordered::{Json, Object};
use crate::model::{BodyShape, Case, Catalog, Code};

/// The `@type` of `google.rpc.ErrorInfo` in a `google.rpc.Status`'s `details`.
pub const ERROR_INFO_TYPE: &str = "type.googleapis.com/google.rpc.ErrorInfo";

/// The `type` of a problem that has no semantics beyond its HTTP status
/// (RFC 9457, section 4.2.1), which a catalog's codes are written with.
pub const ABOUT_BLANK: &str = "about:blank";

/// The body of a case's response, in the catalog's shape: its code, its
/// error message and its status; its members in the order that the shape's
/// definition lists them (and that the packages write them in).
#[must_use]
pub fn written(catalog: &Catalog, code: &Code, case: &Case) -> Json {
    let (text, message, status) = (
        code.code.as_str(),
        case.error_msg.as_str(),
        carried_status(case),
    );
    let body = match &catalog.meta.error_body.shape {
        BodyShape::Huawei => Object::new()
            .with("error_code", text)
            .with("error_msg", message),
        BodyShape::ErrorObject => Object::new().with(
            "error",
            Object::new().with("code", text).with("message", message),
        ),
        BodyShape::Google { domain } => {
            let info = Object::new()
                .with("@type", ERROR_INFO_TYPE)
                .with("reason", text)
                .with("domain", domain.as_str());
            Object::new().with(
                "error",
                Object::new()
                    .with("code", status)
                    .with("message", message)
                    .with("status", canonical_name(status))
                    .with("details", vec![Json::from(info)]),
            )
        }
        BodyShape::ProblemDetails { code_member } => Object::new()
            .with("type", ABOUT_BLANK)
            .with("title", problem_title(status, message))
            .with("status", status)
            .with("detail", message)
            .with(code_member.as_str(), text),
    };
    body.into()
}

/// The status that the `google` and `problem-details` bodies carry.
/// Validation refuses those shapes in a catalog whose codes have no status
/// (`http_status: none`), so every case has one here; were one missing, the
/// body would say 500 (Internal Server Error) rather than the generator panic.
fn carried_status(case: &Case) -> u16 {
    case.http_status.unwrap_or(500)
}

/// The address of the definition of a shape, which the docs link to.
#[must_use]
pub fn definition_url(shape: &BodyShape) -> &'static str {
    match shape {
        BodyShape::Huawei => "https://github.com/huaweicloud/huaweicloud-sdk-go-v3",
        BodyShape::ErrorObject => {
            "https://github.com/microsoft/api-guidelines/blob/vNext/azure/Guidelines.md#handling-errors"
        }
        BodyShape::Google { .. } => "https://google.aip.dev/193",
        BodyShape::ProblemDetails { .. } => "https://www.rfc-editor.org/rfc/rfc9457",
    }
}

/// One Markdown paragraph on the catalog's shape of error body: which it
/// is, with the address of its definition, and where a body has its code and
/// its message. The settings it quotes are validated names.
#[must_use]
pub fn description(shape: &BodyShape) -> String {
    let url = definition_url(shape);
    match shape {
        BodyShape::Huawei => format!(
            "The error bodies are in the shape of Huawei Cloud's APIs, as their official SDKs \
             read them (<{url}>, `core/sdkerr/errors.go`): the code and the message are the \
             top-level `error_code` and `error_msg`, else the top-level `code` and `message`, \
             else the same keys inside an `error` object; `request_id`, \
             `encoded_authorization_message` and `details` (further errors) may come beside them."
        ),
        BodyShape::ErrorObject => format!(
            "The error bodies are error objects of the Microsoft REST API Guidelines (<{url}>), \
             which is OData's JSON error format: the code is `error.code` and the message \
             `error.message`, with `target` (what the error is about), `details` (the errors \
             that led to it, each an error object) and `innererror` (more specific codes, \
             nested) when the service sends them."
        ),
        BodyShape::Google { domain } => format!(
            "The error bodies are `google.rpc.Status` objects in the HTTP/JSON form that \
             Google's AIP-193 defines (<{url}>): `error.code` is the HTTP \
             status, `error.message` the message and `error.status` the name of its \
             `google.rpc.Code`; the code is the `reason` of the \
             `type.googleapis.com/google.rpc.ErrorInfo` detail in `error.details`, whose \
             `domain` is `{domain}`."
        ),
        BodyShape::ProblemDetails { code_member } => format!(
            "The error bodies are problem details objects of RFC 9457 \
             (<{url}>), whose media type is \
             `application/problem+json`: `type`, `title`, `status`, `detail` and `instance`, \
             with the code in the extension member `{code_member}`; the message is `detail`, \
             else `title`."
        ),
    }
}

/// The `title` of a code's problem details: the status's reason phrase, as
/// RFC 9457 asks of an `about:blank` problem, or the message for a status
/// that has none.
#[must_use]
pub fn problem_title(status: u16, message: &str) -> &str {
    reason_phrase(status).unwrap_or(message)
}

/// The distinct statuses of the catalog's cases, ascending.
#[must_use]
pub fn statuses(catalog: &Catalog) -> Vec<u16> {
    let statuses: BTreeSet<u16> = catalog
        .codes
        .iter()
        .flat_map(|code| code.cases.iter().filter_map(|case| case.http_status))
        .collect();
    statuses.into_iter().collect()
}

/// The table's statuses that have a `google.rpc.Code` name, with it
/// (the others are `UNKNOWN`): what the google writers write in `status`.
#[must_use]
pub fn status_names(catalog: &Catalog) -> Vec<(u16, &'static str)> {
    statuses(catalog)
        .into_iter()
        .map(|status| (status, canonical_name(status)))
        .filter(|&(_, name)| name != "UNKNOWN")
        .collect()
}

/// The table's statuses that have a reason phrase, with it: the `title` that
/// the problem-details writers write (the others write the message).
#[must_use]
pub fn titles(catalog: &Catalog) -> Vec<(u16, &'static str)> {
    statuses(catalog)
        .into_iter()
        .filter_map(|status| Some((status, reason_phrase(status)?)))
        .collect()
}

/// The reason phrase of a status, as the IANA registry of HTTP status codes
/// gives it (RFC 9110, section 15, and the RFCs that registered the rest),
/// or `None` for a status that is not registered.
#[must_use]
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    REASON_PHRASES
        .iter()
        .find(|(s, _)| *s == status)
        .map(|(_, phrase)| *phrase)
}

const REASON_PHRASES: [(u16, &str); 60] = [
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Content"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (511, "Network Authentication Required"),
];

/// The `google.rpc.Code` name that a google body writes in `status` for an
/// HTTP status: the code whose HTTP mapping (`google/rpc/code.proto`) is that
/// status. Where several codes map to one status, the general one: 400 is
/// `INVALID_ARGUMENT` (not `FAILED_PRECONDITION` or `OUT_OF_RANGE`), 409
/// `ALREADY_EXISTS` (not `ABORTED`), 500 `INTERNAL` (not `UNKNOWN` or
/// `DATA_LOSS`). A status that no code maps to is `UNKNOWN`.
#[must_use]
pub fn canonical_name(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    }
}

/// The names of `google.rpc.Code`, in the order of their numbers: what a
/// google body's `status` may be.
pub const CANONICAL_NAMES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// The media type of the catalog's error bodies: `application/problem+json`
/// for problem details (RFC 9457, section 3), else `application/json`.
#[must_use]
pub fn media_type(shape: &BodyShape) -> &'static str {
    match shape {
        BodyShape::ProblemDetails { .. } => "application/problem+json",
        _ => "application/json",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_phrases_are_sorted_and_distinct() {
        assert!(REASON_PHRASES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(reason_phrase(404), Some("Not Found"));
        assert_eq!(reason_phrase(422), Some("Unprocessable Content"));
        assert_eq!(reason_phrase(418), None, "(Unused) in RFC 9110");
        assert_eq!(reason_phrase(494), None);
        assert_eq!(problem_title(494, "the message"), "the message");
    }

    #[test]
    fn every_canonical_name_written_is_a_google_rpc_code() {
        for status in 100..=599 {
            assert!(
                CANONICAL_NAMES.contains(&canonical_name(status)),
                "{status}"
            );
        }
        assert_eq!(canonical_name(429), "RESOURCE_EXHAUSTED");
        assert_eq!(canonical_name(502), "UNKNOWN");
    }
}
