//! The `huawei` shape (the default): the bodies that Huawei Cloud's official
//! SDKs accept, with the Go SDK's precedence (`huaweicloud-sdk-go-v3`,
//! `core/sdkerr/errors.go`): top-level `error_code` + `error_msg`, else
//! top-level `code` + `message`, else the same keys inside a nested `error`
//! object. `ErrorResponse`'s fields are the seed crate's since its first
//! release; this shape only adds methods, so that the crate stays
//! compatible.

use proc_macro2::TokenStream;
use quote::quote;

use super::Shape;
use crate::model::Catalog;

pub(super) fn shape(catalog: &Catalog) -> Shape {
    Shape {
        docs: [
            "[`ErrorResponse`], an error response body; with the `serde` feature, the serde",
            "impls of it and of [`ErrorCode`].",
        ],
        items: error_response(catalog),
        serde: serde_impls(),
        ser_traits: &["SerializeStruct"],
        json_value: false,
        kind: false,
    }
}

fn error_response(catalog: &Catalog) -> TokenStream {
    let http_status = super::status_of_code(catalog);
    quote! {
        /// An error response body in the shape of Huawei Cloud's APIs, as their
        /// official SDKs read it (the Go SDK's `core/sdkerr/errors.go`,
        /// <https://github.com/huaweicloud/huaweicloud-sdk-go-v3>).
        ///
        /// With the `serde` feature, it deserializes from every body shape
        /// that the official SDKs accept, in their order of precedence:
        ///
        /// 1. top-level `error_code` and `error_msg` (with `request_id`,
        ///    `encoded_authorization_message` and `details` beside them);
        /// 2. else top-level `code` and `message`;
        /// 3. else an `error` object holding either pair.
        ///
        /// A numeric code becomes its decimal text (`404` → `"404"`); an
        /// empty code or message counts as absent, as in the SDKs. Each entry
        /// of `details` is read by the same rules, and one that is not an
        /// error body makes the whole body an error. Any other shape is an
        /// error that names the keys it expected. It serializes in the first
        /// shape, and displays as `code: message`.
        ///
        /// [`ErrorCode::response`] builds the documented body of a code, for a
        /// server to send: `{"error_code": <code>, "error_msg": <its message>}`.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub struct ErrorResponse {
            /// The error code, as the body writes it.
            pub error_code: String,
            /// The error message.
            pub error_msg: String,
            /// The request's id, when the body carries one.
            pub request_id: Option<String>,
            /// The encoded reason for an authorization failure, when present.
            pub encoded_authorization_message: Option<String>,
            /// Further errors, each read by the same rules.
            pub details: Vec<ErrorResponse>,
        }

        impl ErrorResponse {
            /// The documented code, or `None` if the table does not list it.
            #[must_use]
            pub fn code(&self) -> Option<ErrorCode> {
                ErrorCode::from_code(&self.error_code)
            }

            /// The code as the body writes it (`error_code`; a numeric code as its
            /// decimal text), or `None` if it is empty.
            #[must_use]
            pub fn code_str(&self) -> Option<&str> {
                Some(self.error_code.as_str()).filter(|code| !code.is_empty())
            }

            /// The error message (`error_msg`).
            #[must_use]
            pub fn message(&self) -> &str {
                &self.error_msg
            }

            #http_status
        }

        impl ErrorCode {
            /// The documented error response of this code, for a server to send
            /// with the status [`ErrorCode::http_status`] (which its
            /// [`ErrorResponse::http_status`] gives too): the code and the error
            /// message of its first row. With the `serde` feature it serializes as
            /// `{"error_code": <code>, "error_msg": <message>}`.
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
                let fields = 2
                    + usize::from(self.request_id.is_some())
                    + usize::from(self.encoded_authorization_message.is_some())
                    + usize::from(!self.details.is_empty());
                let mut body = serializer.serialize_struct("ErrorResponse", fields)?;
                body.serialize_field("error_code", &self.error_code)?;
                body.serialize_field("error_msg", &self.error_msg)?;
                if let Some(id) = &self.request_id {
                    body.serialize_field("request_id", id)?;
                }
                if let Some(message) = &self.encoded_authorization_message {
                    body.serialize_field("encoded_authorization_message", message)?;
                }
                if !self.details.is_empty() {
                    body.serialize_field("details", &self.details)?;
                }
                body.end()
            }
        }

        impl<'de> Deserialize<'de> for ErrorResponse {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let body = Raw::deserialize(deserializer)?;
                read_body(&body).map_err(de::Error::custom)
            }
        }

        /// A body as read, before its shape is known.
        enum Raw {
            Text(String),
            Number(String),
            Object(Vec<(String, Raw)>),
            List(Vec<Raw>),
            Other,
        }

        impl Raw {
            fn get(&self, key: &str) -> Option<&Raw> {
                match self {
                    // The last of repeated keys wins, as in `JSON.parse` and serde_json.
                    Raw::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
                    _ => None,
                }
            }

            /// A text or number under `key`, as text; empty text counts as absent.
            fn text(&self, key: &str) -> Option<String> {
                match self.get(key)? {
                    Raw::Text(text) | Raw::Number(text) if !text.is_empty() => Some(text.clone()),
                    _ => None,
                }
            }
        }

        impl<'de> Deserialize<'de> for Raw {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(RawVisitor)
            }
        }

        struct RawVisitor;

        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error response body")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Text(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Number(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Number(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Raw::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Raw>()? {
                    entries.push((key, value));
                }
                Ok(Raw::Object(entries))
            }
        }

        const EXPECTED: &str = "expected `error_code` and `error_msg`, `code` and `message`, \
             or an `error` object holding one of these pairs";

        /// Applies the SDKs' precedence to one body (or `details` entry).
        fn read_body(body: &Raw) -> Result<ErrorResponse, String> {
            if !matches!(body, Raw::Object(_)) {
                return Err(format!("an error response body must be an object; {EXPECTED}"));
            }
            let pair = |level: &Raw| {
                [("error_code", "error_msg"), ("code", "message")]
                    .iter()
                    .find_map(|(code, msg)| Some((level.text(code)?, level.text(msg)?)))
            };
            let nested = body.get("error").filter(|e| matches!(e, Raw::Object(_)));
            let (level, (error_code, error_msg)) = match pair(body) {
                Some(found) => (body, found),
                None => match nested.and_then(|n| Some((n, pair(n)?))) {
                    Some(found) => found,
                    None => return Err(format!("unknown error body shape: {EXPECTED}")),
                },
            };
            let details = match level.get("details").or_else(|| body.get("details")) {
                Some(Raw::List(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| read_body(item).map_err(|e| format!("details[{i}]: {e}")))
                    .collect::<Result<Vec<_>, _>>()?,
                _ => Vec::new(),
            };
            Ok(ErrorResponse {
                error_code,
                error_msg,
                request_id: level.text("request_id").or_else(|| body.text("request_id")),
                encoded_authorization_message: level
                    .text("encoded_authorization_message")
                    .or_else(|| body.text("encoded_authorization_message")),
                details,
            })
        }
    }
}
