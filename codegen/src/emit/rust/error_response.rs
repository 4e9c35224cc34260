//! `error_response.rs`: the crate's error body, `ErrorResponse`, in the
//! catalog's shape (`error_body.shape`), with `ErrorCode::response()` (the
//! documented body of a code, for servers), and serde impls behind the
//! crate's `serde` feature (off by default, so that the default build has no
//! dependencies).
//!
//! ```text
//! error_response.rs                  what every shape has: the accessors' contract, Display, From<ErrorCode>, ErrorCode's serde impls
//! error_response/huawei.rs           Huawei Cloud's bodies, as the official SDKs read them (the default)
//! error_response/error_object.rs     the Microsoft REST API Guidelines' (OData's) error object
//! error_response/google.rs           AIP-193: google.rpc.Status as JSON, the code in its ErrorInfo
//! error_response/problem_details.rs  RFC 9457's problem details, the code in an extension member
//! error_response/json_value.rs       JsonValue: the open parts of a body (innererror, details, extensions)
//! ```
//!
//! Every shape's `ErrorResponse` has the same core, so that code written
//! against one catalog's crate reads another's: `code()` (the documented
//! `ErrorCode`), `code_str()` (the code as written), `message()`,
//! `http_status()`, `Display` as `code: message`, `std::error::Error`, and
//! `ErrorCode::response()` / `From<ErrorCode>`. Its fields are the shape's:
//! the seed's (`huawei`) are those it always had, and the other shapes'
//! structs are `#[non_exhaustive]`. None of this depends on the table but
//! the shape's settings (the google `domain`, the problem details code
//! member) and, for writing, the names and phrases of the table's statuses.

mod error_object;
mod google;
mod huawei;
mod json_value;
mod problem_details;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::source_file;
use crate::model::{BodyShape, Catalog};

/// What a shape puts into the file.
struct Shape {
    /// The summary of the file's docs (`//!`).
    docs: [&'static str; 2],
    /// `ErrorResponse`, its methods, `ErrorCode::response` and `Display`.
    items: TokenStream,
    /// Inside the `serde` module: `Serialize` and `Deserialize` of
    /// `ErrorResponse`, and how a body is read.
    serde: TokenStream,
    /// The `serde::ser` traits that `serde` uses.
    ser_traits: &'static [&'static str],
    /// Whether the shape keeps open parts of a body as `JsonValue`.
    json_value: bool,
    /// Whether its reader names the kind of a value in its messages
    /// (`kind(&value)`: `a number`).
    kind: bool,
}

/// `ErrorResponse` (always), and the serde impls for it and `ErrorCode`.
pub(super) fn file(catalog: &Catalog) -> syn::File {
    let shape = match &catalog.meta.error_body.shape {
        BodyShape::Huawei => huawei::shape(catalog),
        BodyShape::ErrorObject => error_object::shape(catalog),
        BodyShape::Google { domain } => google::shape(catalog, domain),
        BodyShape::ProblemDetails { code_member } => problem_details::shape(catalog, code_member),
    };
    let Shape {
        docs,
        items,
        serde,
        ser_traits,
        json_value,
        kind,
    } = shape;
    let mut traits: Vec<&str> = ser_traits.to_vec();
    let (json_type, json_serde, json_import) = if json_value {
        traits.extend(json_value::SER_TRAITS);
        (
            json_value::public_type(),
            json_value::serde_impls(kind),
            quote!(, JsonValue),
        )
    } else {
        (quote!(), quote!(), quote!())
    };
    traits.sort_unstable();
    traits.dedup();
    let traits = traits.iter().map(|t| Ident::new(t, Span::call_site()));
    let from_code = from_code();
    let code_serde = code_serde_impls();
    let items = quote! {
        use core::fmt;

        use crate::ErrorCode;

        #items
        #from_code

        impl std::error::Error for ErrorResponse {}

        #json_type

        #[cfg(feature = "serde")]
        mod serde_impls {
            use super::{ErrorCode, ErrorResponse #json_import};
            use core::fmt;
            use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
            use serde::ser::{Serialize, #(#traits,)* Serializer};

            #code_serde
            #serde
            #json_serde
        }
    };
    source_file(&docs, items)
}

/// `ErrorResponse::http_status` of a shape whose bodies carry no status:
/// the code's documented one, which a catalog whose codes have none does
/// not give.
fn status_of_code(catalog: &Catalog) -> TokenStream {
    if catalog.has_http_status() {
        quote! {
            /// The HTTP status to answer with. The body does not carry one: it is
            /// the documented status of the code, or `None` for a code that the
            /// table does not list.
            #[must_use]
            pub fn http_status(&self) -> Option<u16> {
                self.code().map(ErrorCode::http_status)
            }
        }
    } else {
        quote! {
            /// The HTTP status to answer with: `None`, as neither the body nor the
            /// table gives one (the API documents no status for its codes).
            #[must_use]
            pub fn http_status(&self) -> Option<u16> {
                self.code().and_then(ErrorCode::http_status)
            }
        }
    }
}

fn from_code() -> TokenStream {
    quote! {
        /// [`ErrorCode::response`]: the documented error response of a code.
        impl From<ErrorCode> for ErrorResponse {
            fn from(code: ErrorCode) -> Self {
                code.response()
            }
        }
    }
}

fn code_serde_impls() -> TokenStream {
    quote! {
        impl Serialize for ErrorCode {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for ErrorCode {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct CodeVisitor;
                impl Visitor<'_> for CodeVisitor {
                    type Value = ErrorCode;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a documented error code")
                    }
                    fn visit_str<E: de::Error>(self, code: &str) -> Result<ErrorCode, E> {
                        ErrorCode::from_code(code)
                            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(code), &self))
                    }
                }
                deserializer.deserialize_str(CodeVisitor)
            }
        }
    }
}

/// `ErrorResponse`'s `Display` for a shape whose code may be absent:
/// `code: message`, or the message alone.
fn display_optional_code() -> TokenStream {
    quote! {
        /// `code: message`, or the message alone when the body has no code.
        impl fmt::Display for ErrorResponse {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.code_str() {
                    Some(code) => write!(f, "{code}: {}", self.message()),
                    None => f.write_str(self.message()),
                }
            }
        }
    }
}
