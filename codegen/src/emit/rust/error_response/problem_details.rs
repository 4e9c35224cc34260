//! The `problem-details` shape: RFC 9457's problem details
//! (`application/problem+json`), `type`, `title`, `status`, `detail` and
//! `instance`, with the code in an extension member (`error_body.code_member`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Shape, display_optional_code};
use crate::emit::body::{ABOUT_BLANK, titles};
use crate::model::Catalog;

/// The members that RFC 9457 defines, in the order written.
const MEMBERS: [&str; 5] = ["type", "title", "status", "detail", "instance"];

pub(super) fn shape(catalog: &Catalog, code_member: &str) -> Shape {
    Shape {
        docs: [
            "[`ErrorResponse`], an error response body in the shape of a problem details object;",
            "with the `serde` feature, the serde impls of it, of [`ErrorCode`] and of [`JsonValue`].",
        ],
        items: error_response(catalog, code_member),
        serde: serde_impls(),
        ser_traits: &["SerializeMap"],
        json_value: true,
        kind: false,
    }
}

/// The `title` of each of the table's statuses, as a function: the reason
/// phrase of a registered status, else the message.
fn title(catalog: &Catalog) -> TokenStream {
    let arms: Vec<TokenStream> = titles(catalog)
        .into_iter()
        .map(|(status, phrase)| {
            let status = Literal::u16_unsuffixed(status);
            quote!(#status => #phrase,)
        })
        .collect();
    let docs = quote! {
        /// The `title` of the problem of a code of this status: the status's
        /// reason phrase, as RFC 9457 asks of an `about:blank` problem, or the
        /// code's message for a status that has none.
    };
    if arms.is_empty() {
        return quote! {
            #docs
            const fn title(_status: u16, message: &str) -> &str {
                message
            }
        };
    }
    quote! {
        #docs
        const fn title(status: u16, message: &str) -> &str {
            match status {
                #(#arms)*
                _ => message,
            }
        }
    }
}

fn error_response(catalog: &Catalog, code_member: &str) -> TokenStream {
    let display = display_optional_code();
    let title = title(catalog);
    let written = format!(
        " `{{\"type\": \"{ABOUT_BLANK}\", \"title\": <the status's reason phrase, or the message>, \
         \"status\": <status>, \"detail\": <message>, \"{code_member}\": <code>}}`."
    );
    let code_field =
        format!(" The code: the extension member `{code_member}`, if the body has it.");
    quote! {
        /// An error response body in the shape of RFC 9457's problem details
        /// (<https://www.rfc-editor.org/rfc/rfc9457>), whose media type is
        /// `application/problem+json`: a JSON object with the members `type`,
        /// `title`, `status`, `detail` and `instance`, all optional, and
        /// extension members, one of which holds the code
        /// ([`ErrorResponse::CODE_MEMBER`]).
        ///
        /// With the `serde` feature, it deserializes from such an object. As
        /// the RFC asks, a member whose value is not of its type (a string;
        /// for `status`, an integer from 100 to 599) is ignored; the code is a
        /// non-empty string, or a number as its decimal text. The other
        /// members are kept in `extensions`. A body that is not an object, or
        /// that has none of these members, is an error that says what was
        /// expected. It serializes in the same shape, and displays as
        /// `code: message` ([`ErrorResponse::message`] is `detail`, else
        /// `title`), or the message alone when the body has no code.
        ///
        /// [`ErrorCode::response`] builds the documented body of a code, for a
        /// server to send:
        #[doc = #written]
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorResponse {
            #[doc = #code_field]
            pub error_code: Option<String>,
            /// The URI reference that identifies the problem type (`type`);
            /// absent, it is `about:blank`: no more than the HTTP status says.
            pub problem_type: Option<String>,
            /// A short, human-readable summary of the problem type (`title`).
            pub title: Option<String>,
            /// The HTTP status (`status`).
            pub status: Option<u16>,
            /// A human-readable explanation of this occurrence of the problem
            /// (`detail`).
            pub detail: Option<String>,
            /// The URI reference that identifies this occurrence of the problem
            /// (`instance`).
            pub instance: Option<String>,
            /// The other extension members, as read, in the order read.
            pub extensions: Vec<(String, JsonValue)>,
        }

        impl ErrorResponse {
            /// The extension member that holds the code.
            pub const CODE_MEMBER: &'static str = #code_member;

            /// The documented code, or `None` if the body has none or the table
            /// does not list it.
            #[must_use]
            pub fn code(&self) -> Option<ErrorCode> {
                ErrorCode::from_code(self.code_str()?)
            }

            /// The code as the body writes it ([`ErrorResponse::CODE_MEMBER`]; a
            /// numeric code as its decimal text), or `None` if the body has none.
            #[must_use]
            pub fn code_str(&self) -> Option<&str> {
                self.error_code.as_deref().filter(|code| !code.is_empty())
            }

            /// The message: `detail`, else `title`, else empty.
            #[must_use]
            pub fn message(&self) -> &str {
                self.detail.as_deref().or(self.title.as_deref()).unwrap_or_default()
            }

            /// The HTTP status to answer with: the one the body states
            /// (`status`), else the documented status of the code, or `None`.
            #[must_use]
            pub fn http_status(&self) -> Option<u16> {
                self.status.or_else(|| self.code().map(ErrorCode::http_status))
            }
        }

        impl ErrorCode {
            /// The documented error response of this code, for a server to send
            /// with the status [`ErrorCode::http_status`] (which its
            /// [`ErrorResponse::http_status`] gives too) and the media type
            /// `application/problem+json`: an `about:blank` problem of that
            /// status, whose `detail` is the error message of the code's first
            /// row, with the code in [`ErrorResponse::CODE_MEMBER`].
            #[must_use]
            pub fn response(self) -> ErrorResponse {
                let status = self.http_status();
                let message = self.error_msg();
                ErrorResponse {
                    error_code: Some(self.as_str().to_owned()),
                    problem_type: Some(#ABOUT_BLANK.to_owned()),
                    title: Some(title(status, message).to_owned()),
                    status: Some(status),
                    detail: Some(message.to_owned()),
                    ..ErrorResponse::default()
                }
            }
        }

        #title
        #display
    }
}

fn serde_impls() -> TokenStream {
    let members = MEMBERS;
    quote! {
        /// The members that RFC 9457 defines.
        const MEMBERS: [&str; 5] = [#(#members),*];

        impl Serialize for ErrorResponse {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                if let Some(problem_type) = &self.problem_type {
                    map.serialize_entry("type", problem_type)?;
                }
                if let Some(title) = &self.title {
                    map.serialize_entry("title", title)?;
                }
                if let Some(status) = self.status {
                    map.serialize_entry("status", &status)?;
                }
                if let Some(detail) = &self.detail {
                    map.serialize_entry("detail", detail)?;
                }
                if let Some(instance) = &self.instance {
                    map.serialize_entry("instance", instance)?;
                }
                if let Some(code) = &self.error_code {
                    map.serialize_entry(ErrorResponse::CODE_MEMBER, code)?;
                }
                for (key, value) in &self.extensions {
                    // A member of the same name as those above would repeat it.
                    if !MEMBERS.contains(&key.as_str()) && key != ErrorResponse::CODE_MEMBER {
                        map.serialize_entry(key, value)?;
                    }
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

        /// What was expected, naming the code's member.
        fn expected() -> String {
            format!(
                "expected a problem details object (RFC 9457): `type`, `title`, `status`, \
                 `detail` and `instance`, with the code in `{}`",
                ErrorResponse::CODE_MEMBER
            )
        }

        /// A body: a problem details object.
        fn read_body(body: &JsonValue) -> Result<ErrorResponse, String> {
            let JsonValue::Object(members) = body else {
                return Err(format!("an error response body must be an object; {}", expected()));
            };
            // A member whose value is not of its type is ignored (RFC 9457, section 3.1).
            let text = |name: &str| body.get(name).and_then(JsonValue::as_str).map(str::to_owned);
            let status = match body.get("status") {
                Some(JsonValue::Number(text)) => text.parse::<u16>().ok().filter(|status| (100..=599).contains(status)),
                _ => None,
            };
            let error_code = match body.get(ErrorResponse::CODE_MEMBER) {
                Some(JsonValue::String(code) | JsonValue::Number(code)) if !code.is_empty() => Some(code.clone()),
                _ => None,
            };
            let response = ErrorResponse {
                error_code,
                problem_type: text("type"),
                title: text("title"),
                status,
                detail: text("detail"),
                instance: text("instance"),
                extensions: members
                    .iter()
                    .filter(|(key, _)| !MEMBERS.contains(&key.as_str()) && key != ErrorResponse::CODE_MEMBER)
                    .cloned()
                    .collect(),
            };
            let found = response.error_code.is_some()
                || response.problem_type.is_some()
                || response.title.is_some()
                || response.status.is_some()
                || response.detail.is_some()
                || response.instance.is_some();
            if !found {
                return Err(format!("unknown error body shape: {}", expected()));
            }
            Ok(response)
        }
    }
}
