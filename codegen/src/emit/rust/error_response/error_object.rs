//! The `error-object` shape: the error object of the Microsoft REST API
//! Guidelines ("Handling errors" in the Azure guidelines, 7.10.2 in the
//! original ones), which is `OData`'s JSON error format:
//! `{"error": {"code", "message", "target", "details": [...], "innererror": {...}}}`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Shape;
use crate::model::Catalog;

pub(super) fn shape(catalog: &Catalog) -> Shape {
    Shape {
        docs: [
            "[`ErrorResponse`], an error response body in the shape of an error object; with the",
            "`serde` feature, the serde impls of it, of [`ErrorCode`] and of [`JsonValue`].",
        ],
        items: error_response(catalog),
        serde: serde_impls(),
        ser_traits: &["SerializeStruct"],
        json_value: true,
        kind: true,
    }
}

fn error_response(catalog: &Catalog) -> TokenStream {
    let http_status = super::status_of_code(catalog);
    quote! {
        /// An error response body in the shape of the error object of the
        /// Microsoft REST API Guidelines
        /// (<https://github.com/microsoft/api-guidelines/blob/vNext/azure/Guidelines.md#handling-errors>),
        /// which is OData's JSON error format:
        /// `{"error": {"code", "message", "target", "details": [...], "innererror": {...}}}`.
        ///
        /// With the `serde` feature, it deserializes from such a body:
        /// `error.code` (a non-empty string) and `error.message` (a string) are
        /// required; `target` (a string), `details` (an array of error objects,
        /// each read by the same rules) and `innererror` (an object) are
        /// optional (`null` counts as absent), and other members are ignored.
        /// Any other body is an error that says what was expected. It
        /// serializes in the same shape, leaving out what it does not have,
        /// and displays as `code: message`.
        ///
        /// [`ErrorCode::response`] builds the documented body of a code, for a
        /// server to send: `{"error": {"code": <code>, "message": <its message>}}`.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorResponse {
            /// The error code (`error.code`), as the body writes it.
            pub error_code: String,
            /// The error message (`error.message`).
            pub error_msg: String,
            /// The target of the error (`target`), such as the name of the
            /// property in error.
            pub target: Option<String>,
            /// The errors that led to this one (`details`), each an error
            /// object read by the same rules.
            pub details: Vec<ErrorResponse>,
            /// More specific information (`innererror`), an object as read: its
            /// `code` and its own `innererror` hold ever more specific codes (see
            /// [`ErrorResponse::inner_codes`]).
            pub innererror: Option<JsonValue>,
        }

        impl ErrorResponse {
            /// The documented code, or `None` if the table does not list it.
            #[must_use]
            pub fn code(&self) -> Option<ErrorCode> {
                ErrorCode::from_code(&self.error_code)
            }

            /// The code as the body writes it (`error.code`), or `None` if it is empty.
            #[must_use]
            pub fn code_str(&self) -> Option<&str> {
                Some(self.error_code.as_str()).filter(|code| !code.is_empty())
            }

            /// The error message (`error.message`).
            #[must_use]
            pub fn message(&self) -> &str {
                &self.error_msg
            }

            #http_status

            /// The `code` of each nested `innererror`, from the outermost to the
            /// innermost: the guidelines ask clients to choose the deepest one
            /// that they understand.
            #[must_use]
            pub fn inner_codes(&self) -> Vec<&str> {
                let mut codes = Vec::new();
                let mut inner = self.innererror.as_ref();
                while let Some(error) = inner {
                    if let Some(code) = error.get("code").and_then(JsonValue::as_str) {
                        codes.push(code);
                    }
                    inner = error.get("innererror");
                }
                codes
            }
        }

        impl ErrorCode {
            /// The documented error response of this code, for a server to send
            /// with the status [`ErrorCode::http_status`] (which its
            /// [`ErrorResponse::http_status`] gives too): the code and the error
            /// message of its first row. With the `serde` feature it serializes as
            /// `{"error": {"code": <code>, "message": <message>}}`.
            #[must_use]
            pub fn response(self) -> ErrorResponse {
                ErrorResponse {
                    error_code: self.as_str().to_owned(),
                    error_msg: self.error_msg().to_owned(),
                    ..ErrorResponse::default()
                }
            }
        }

        impl fmt::Display for ErrorResponse {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}: {}", self.error_code, self.error_msg)
            }
        }
    }
}

fn serde_impls() -> TokenStream {
    quote! {
        impl Serialize for ErrorResponse {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut body = serializer.serialize_struct("ErrorResponse", 1)?;
                body.serialize_field("error", &ErrorObject(self))?;
                body.end()
            }
        }

        /// An error object: the value of `error`, and each entry of `details`.
        struct ErrorObject<'a>(&'a ErrorResponse);

        impl Serialize for ErrorObject<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let error = self.0;
                let fields = 2
                    + usize::from(error.target.is_some())
                    + usize::from(!error.details.is_empty())
                    + usize::from(error.innererror.is_some());
                let mut object = serializer.serialize_struct("ErrorObject", fields)?;
                object.serialize_field("code", &error.error_code)?;
                object.serialize_field("message", &error.error_msg)?;
                if let Some(target) = &error.target {
                    object.serialize_field("target", target)?;
                }
                if !error.details.is_empty() {
                    let details: Vec<ErrorObject<'_>> = error.details.iter().map(ErrorObject).collect();
                    object.serialize_field("details", &details)?;
                }
                if let Some(inner) = &error.innererror {
                    object.serialize_field("innererror", inner)?;
                }
                object.end()
            }
        }

        impl<'de> Deserialize<'de> for ErrorResponse {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let body = JsonValue::deserialize(deserializer)?;
                read_body(&body).map_err(de::Error::custom)
            }
        }

        const EXPECTED: &str = "expected an error object (Microsoft REST API guidelines): \
             {\"error\": {\"code\": \"...\", \"message\": \"...\"}}, with `target`, `details` \
             and `innererror` optional";

        /// A body: an object whose `error` is an error object.
        fn read_body(body: &JsonValue) -> Result<ErrorResponse, String> {
            if !matches!(body, JsonValue::Object(_)) {
                return Err(format!("an error response body must be an object; {EXPECTED}"));
            }
            match body.get("error") {
                Some(error @ JsonValue::Object(_)) => read_error(error, "error"),
                None | Some(JsonValue::Null) => Err(format!("unknown error body shape: {EXPECTED}")),
                Some(other) => Err(format!("`error` must be an object, not {}; {EXPECTED}", kind(other))),
            }
        }

        /// One error object, at `at` in the body (`error`, `error.details[0]`).
        fn read_error(error: &JsonValue, at: &str) -> Result<ErrorResponse, String> {
            let member = |name: &str| error.get(name).filter(|value| !matches!(value, JsonValue::Null));
            let error_code = match member("code") {
                Some(JsonValue::String(code)) if !code.is_empty() => code.clone(),
                None | Some(JsonValue::String(_)) => {
                    return Err(format!("`{at}.code` is missing or empty; {EXPECTED}"));
                }
                Some(other) => {
                    return Err(format!("`{at}.code` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let error_msg = match member("message") {
                Some(JsonValue::String(message)) => message.clone(),
                None => return Err(format!("`{at}.message` is missing; {EXPECTED}")),
                Some(other) => {
                    return Err(format!("`{at}.message` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let target = match member("target") {
                None => None,
                Some(JsonValue::String(target)) => Some(target.clone()),
                Some(other) => {
                    return Err(format!("`{at}.target` must be a string, not {}; {EXPECTED}", kind(other)));
                }
            };
            let details = match member("details") {
                None => Vec::new(),
                Some(JsonValue::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let at = format!("{at}.details[{i}]");
                        match item {
                            JsonValue::Object(_) => read_error(item, &at),
                            other => Err(format!("`{at}` must be an error object, not {}; {EXPECTED}", kind(other))),
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                Some(other) => {
                    return Err(format!("`{at}.details` must be an array, not {}; {EXPECTED}", kind(other)));
                }
            };
            let innererror = match member("innererror") {
                None => None,
                Some(inner @ JsonValue::Object(_)) => Some(inner.clone()),
                Some(other) => {
                    return Err(format!("`{at}.innererror` must be an object, not {}; {EXPECTED}", kind(other)));
                }
            };
            Ok(ErrorResponse {
                error_code,
                error_msg,
                target,
                details,
                innererror,
            })
        }
    }
}
