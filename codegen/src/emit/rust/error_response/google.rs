//! The `google` shape: AIP-193's errors of HTTP/JSON APIs, a
//! `google.rpc.Status` as `{"error": {"code": <HTTP status>, "message",
//! "status": <google.rpc.Code name>, "details": [...]}}`, whose code is the
//! `reason` of the `google.rpc.ErrorInfo` entry of `details`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Shape, display_optional_code};
use crate::emit::body::{ERROR_INFO_TYPE, status_names};
use crate::model::Catalog;

pub(super) fn shape(catalog: &Catalog, domain: &str) -> Shape {
    Shape {
        docs: [
            "[`ErrorResponse`], an error response body in the shape of a google.rpc.Status; with",
            "the `serde` feature, the serde impls of it, of [`ErrorCode`] and of [`JsonValue`].",
        ],
        items: error_response(catalog, domain),
        serde: serde_impls(),
        ser_traits: &["SerializeMap", "SerializeSeq", "SerializeStruct"],
        json_value: true,
        kind: true,
    }
}

/// The `google.rpc.Code` name of each of the table's statuses, as a function.
fn status_name(catalog: &Catalog) -> TokenStream {
    let arms: Vec<TokenStream> = status_names(catalog)
        .into_iter()
        .map(|(status, name)| {
            let status = Literal::u16_unsuffixed(status);
            quote!(#status => #name,)
        })
        .collect();
    let docs = quote! {
        /// The `google.rpc.Code` name that the body of a code of this status
        /// writes in `status`: the code whose HTTP mapping
        /// (`google/rpc/code.proto`) is that status, or `UNKNOWN`.
    };
    if arms.is_empty() {
        return quote! {
            #docs
            const fn status_name(_status: u16) -> &'static str {
                "UNKNOWN"
            }
        };
    }
    quote! {
        #docs
        const fn status_name(status: u16) -> &'static str {
            match status {
                #(#arms)*
                _ => "UNKNOWN",
            }
        }
    }
}

fn error_response(catalog: &Catalog, domain: &str) -> TokenStream {
    let display = display_optional_code();
    let status_name = status_name(catalog);
    let written = format!(
        " `{{\"error\": {{\"code\": <status>, \"message\": <message>, \"status\": <name>, \
         \"details\": [{{\"@type\": \"{ERROR_INFO_TYPE}\", \"reason\": <code>, \"domain\": \
         \"{domain}\"}}]}}}}`."
    );
    quote! {
        /// An error response body in the shape that Google's AIP-193
        /// (<https://google.aip.dev/193>) defines for HTTP/JSON APIs: a
        /// `google.rpc.Status` as
        /// `{"error": {"code": <HTTP status>, "message", "status", "details": [...]}}`,
        /// whose machine-readable code is the `reason` of its
        /// `google.rpc.ErrorInfo` detail, beside that detail's `domain` and
        /// `metadata`.
        ///
        /// With the `serde` feature, it deserializes from such a body:
        /// `error.code` (the HTTP status, an integer from 100 to 599) and
        /// `error.message` (a string) are required; `status` (the name of a
        /// `google.rpc.Code`, a string) and `details` (an array of
        /// `google.protobuf.Any` objects, each with an `@type`) are optional
        /// (`null` counts as absent), and other members are ignored. The first
        /// detail of `@type` `type.googleapis.com/google.rpc.ErrorInfo` gives
        /// the code (its `reason`, a non-empty string), the `domain` and the
        /// `metadata` (an object of strings); the other details stay in
        /// `details`, as read. A body without an `ErrorInfo` has no code
        /// (AIP-193 requires one; older APIs leave it out). Any other body is
        /// an error that says what was expected.
        ///
        /// The error's identity is the pair of `reason` and `domain`; the code
        /// is the `reason` whatever the `domain`: when a client receives errors
        /// of several services, it compares `domain` with
        /// [`ErrorResponse::DOMAIN`].
        ///
        /// It serializes in the same shape, the `ErrorInfo` first in
        /// `details`, and displays as `code: message`, or the message alone
        /// when the body has no code.
        ///
        /// [`ErrorCode::response`] builds the documented body of a code, for a
        /// server to send:
        #[doc = #written]
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorResponse {
            /// The code: the `reason` of the `ErrorInfo` detail, if the body has one.
            pub error_code: Option<String>,
            /// The error message (`error.message`), for developers.
            pub error_msg: String,
            /// The HTTP status that the body states (`error.code`).
            pub status_code: Option<u16>,
            /// The name of the `google.rpc.Code` (`error.status`), such as
            /// `RESOURCE_EXHAUSTED`.
            pub status: Option<String>,
            /// The `domain` of the `ErrorInfo` detail: the service whose code it is.
            pub domain: Option<String>,
            /// The `metadata` of the `ErrorInfo` detail, in the order read.
            pub metadata: Vec<(String, String)>,
            /// The other details (`LocalizedMessage`, `Help`, `BadRequest`, …),
            /// each a `google.protobuf.Any` as read, with its `@type`.
            pub details: Vec<JsonValue>,
        }

        impl ErrorResponse {
            /// The `ErrorInfo.domain` of this table's codes: the service whose codes they are.
            pub const DOMAIN: &'static str = #domain;

            /// The documented code, or `None` if the body has none or the table
            /// does not list it.
            #[must_use]
            pub fn code(&self) -> Option<ErrorCode> {
                ErrorCode::from_code(self.code_str()?)
            }

            /// The code as the body writes it (the `ErrorInfo`'s `reason`), or
            /// `None` if the body has none.
            #[must_use]
            pub fn code_str(&self) -> Option<&str> {
                self.error_code.as_deref().filter(|code| !code.is_empty())
            }

            /// The error message (`error.message`).
            #[must_use]
            pub fn message(&self) -> &str {
                &self.error_msg
            }

            /// The HTTP status to answer with: the one the body states
            /// (`error.code`), else the documented status of the code, or `None`.
            #[must_use]
            pub fn http_status(&self) -> Option<u16> {
                self.status_code.or_else(|| self.code().map(ErrorCode::http_status))
            }
        }

        impl ErrorCode {
            /// The documented error response of this code, for a server to send
            /// with the status [`ErrorCode::http_status`] (which its
            /// [`ErrorResponse::http_status`] gives too): that status, the
            /// `google.rpc.Code` name of that status, the error message of the
            /// code's first row, and an `ErrorInfo` of the code and
            /// [`ErrorResponse::DOMAIN`].
            #[must_use]
            pub fn response(self) -> ErrorResponse {
                let status = self.http_status();
                ErrorResponse {
                    error_code: Some(self.as_str().to_owned()),
                    error_msg: self.error_msg().to_owned(),
                    status_code: Some(status),
                    status: Some(status_name(status).to_owned()),
                    domain: Some(ErrorResponse::DOMAIN.to_owned()),
                    ..ErrorResponse::default()
                }
            }
        }

        #status_name
        #display
    }
}

fn serde_impls() -> TokenStream {
    quote! {
        /// The `@type` of an `ErrorInfo` detail.
        const ERROR_INFO: &str = #ERROR_INFO_TYPE;

        impl Serialize for ErrorResponse {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut body = serializer.serialize_struct("ErrorResponse", 1)?;
                body.serialize_field("error", &Status(self))?;
                body.end()
            }
        }

        /// The value of `error`.
        struct Status<'a>(&'a ErrorResponse);

        impl Serialize for Status<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let error = self.0;
                let info = error.error_code.as_deref().map(|reason| ErrorInfo {
                    reason,
                    domain: error.domain.as_deref(),
                    metadata: &error.metadata,
                });
                let has_details = info.is_some() || !error.details.is_empty();
                let fields = 1
                    + usize::from(error.status_code.is_some())
                    + usize::from(error.status.is_some())
                    + usize::from(has_details);
                let mut status = serializer.serialize_struct("Status", fields)?;
                if let Some(code) = error.status_code {
                    status.serialize_field("code", &code)?;
                }
                status.serialize_field("message", &error.error_msg)?;
                if let Some(name) = &error.status {
                    status.serialize_field("status", name)?;
                }
                if has_details {
                    status.serialize_field("details", &Details { info, others: &error.details })?;
                }
                status.end()
            }
        }

        /// `details`: the `ErrorInfo` first, then the others.
        struct Details<'a> {
            info: Option<ErrorInfo<'a>>,
            others: &'a [JsonValue],
        }

        impl Serialize for Details<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(usize::from(self.info.is_some()) + self.others.len()))?;
                if let Some(info) = &self.info {
                    seq.serialize_element(info)?;
                }
                for other in self.others {
                    seq.serialize_element(other)?;
                }
                seq.end()
            }
        }

        /// The `ErrorInfo` detail.
        struct ErrorInfo<'a> {
            reason: &'a str,
            domain: Option<&'a str>,
            metadata: &'a [(String, String)],
        }

        impl Serialize for ErrorInfo<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let fields = 2 + usize::from(self.domain.is_some()) + usize::from(!self.metadata.is_empty());
                let mut info = serializer.serialize_struct("ErrorInfo", fields)?;
                info.serialize_field("@type", ERROR_INFO)?;
                info.serialize_field("reason", self.reason)?;
                if let Some(domain) = self.domain {
                    info.serialize_field("domain", domain)?;
                }
                if !self.metadata.is_empty() {
                    info.serialize_field("metadata", &Metadata(self.metadata))?;
                }
                info.end()
            }
        }

        /// `metadata`: an object of strings.
        struct Metadata<'a>(&'a [(String, String)]);

        impl Serialize for Metadata<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (key, value) in self.0 {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> Deserialize<'de> for ErrorResponse {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let body = JsonValue::deserialize(deserializer)?;
                read_body(&body).map_err(de::Error::custom)
            }
        }

        const EXPECTED: &str = "expected a google.rpc.Status body (AIP-193): \
             {\"error\": {\"code\": <HTTP status>, \"message\": \"...\", \"status\": \"...\", \
             \"details\": [...]}}, whose code is the `reason` of its \
             `type.googleapis.com/google.rpc.ErrorInfo` detail";

        /// What an `ErrorInfo` detail gives.
        struct Info {
            reason: String,
            domain: Option<String>,
            metadata: Vec<(String, String)>,
        }

        /// A body: an object whose `error` is a `google.rpc.Status`.
        fn read_body(body: &JsonValue) -> Result<ErrorResponse, String> {
            if !matches!(body, JsonValue::Object(_)) {
                return Err(format!("an error response body must be an object; {EXPECTED}"));
            }
            let error = match body.get("error") {
                Some(error @ JsonValue::Object(_)) => error,
                None | Some(JsonValue::Null) => return Err(format!("unknown error body shape: {EXPECTED}")),
                Some(other) => {
                    return Err(format!("`error` must be an object, not {}; {EXPECTED}", kind(other)));
                }
            };
            let member = |name: &str| error.get(name).filter(|value| !matches!(value, JsonValue::Null));
            let status_code = match member("code") {
                Some(JsonValue::Number(text)) => match text.parse::<u16>() {
                    Ok(status) if (100..=599).contains(&status) => status,
                    _ => {
                        return Err(format!(
                            "`error.code` must be an HTTP status, an integer from 100 to 599, not {text}; {EXPECTED}"
                        ));
                    }
                },
                None => return Err(format!("`error.code` is missing; {EXPECTED}")),
                Some(other) => {
                    return Err(format!(
                        "`error.code` must be an HTTP status, a number, not {}; {EXPECTED}",
                        kind(other)
                    ));
                }
            };
            let error_msg = match member("message") {
                Some(JsonValue::String(message)) => message.clone(),
                None => return Err(format!("`error.message` is missing; {EXPECTED}")),
                Some(other) => {
                    return Err(format!("`error.message` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let status = match member("status") {
                None => None,
                Some(JsonValue::String(name)) => Some(name.clone()),
                Some(other) => {
                    return Err(format!("`error.status` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let (info, details) = match member("details") {
                None => (None, Vec::new()),
                Some(JsonValue::Array(items)) => read_details(items)?,
                Some(other) => {
                    return Err(format!("`error.details` must be an array, not {}; {EXPECTED}", kind(other)));
                }
            };
            let (error_code, domain, metadata) = match info {
                Some(Info { reason, domain, metadata }) => (Some(reason), domain, metadata),
                None => (None, None, Vec::new()),
            };
            Ok(ErrorResponse {
                error_code,
                error_msg,
                status_code: Some(status_code),
                status,
                domain,
                metadata,
                details,
            })
        }

        /// `error.details`: the first `ErrorInfo` detail, and the others as read.
        fn read_details(items: &[JsonValue]) -> Result<(Option<Info>, Vec<JsonValue>), String> {
            let mut info = None;
            let mut details = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let Some(type_url) = item.get("@type").and_then(JsonValue::as_str) else {
                    return Err(format!(
                        "`error.details[{i}]` must be an object with an `@type` string \
                         (a google.protobuf.Any); {EXPECTED}"
                    ));
                };
                if info.is_none() && type_url == ERROR_INFO {
                    info = Some(read_error_info(item, i)?);
                } else {
                    details.push(item.clone());
                }
            }
            Ok((info, details))
        }

        /// The `ErrorInfo` detail at `error.details[i]`.
        fn read_error_info(info: &JsonValue, i: usize) -> Result<Info, String> {
            let at = format!("error.details[{i}]");
            let member = |name: &str| info.get(name).filter(|value| !matches!(value, JsonValue::Null));
            let reason = match member("reason") {
                Some(JsonValue::String(reason)) if !reason.is_empty() => reason.clone(),
                None | Some(JsonValue::String(_)) => {
                    return Err(format!("`{at}.reason` is missing or empty; {EXPECTED}"));
                }
                Some(other) => {
                    return Err(format!("`{at}.reason` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let domain = match member("domain") {
                None => None,
                Some(JsonValue::String(domain)) => Some(domain.clone()),
                Some(other) => {
                    return Err(format!("`{at}.domain` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let metadata = match member("metadata") {
                None => Vec::new(),
                Some(JsonValue::Object(entries)) => entries
                    .iter()
                    .map(|(key, value)| match value {
                        JsonValue::String(value) => Ok((key.clone(), value.clone())),
                        other => Err(format!(
                            "`{at}.metadata` must map keys to strings, not to {}; {EXPECTED}",
                            kind(other)
                        )),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                Some(other) => {
                    return Err(format!("`{at}.metadata` must be an object, not {}; {EXPECTED}", kind(other)));
                }
            };
            Ok(Info { reason, domain, metadata })
        }
    }
}
