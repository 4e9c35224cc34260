//! `lib.rs`: the crate's docs and its public API. Apart from the docs, it
//! is the same for every table: the data it reads is in `table.rs`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, lib_name, parse, render};
use crate::emit::markdown::{escape_line, fence_for, paragraph_lines, wrap};
use crate::emit::unknown_code_example;
use crate::model::{Catalog, Code};

pub(super) fn file(catalog: &Catalog) -> syn::File {
    let docs = crate_docs(catalog);
    let status = Status::of(catalog);
    let error_case = error_case(&status);
    let accessors = accessors(&status);
    let traits = traits();
    let unknown = unknown_error_code(catalog);
    parse(quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        // The docs quote the spec's prose, whose words are not code.
        #![allow(clippy::doc_markdown)]
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        mod category;
        mod error_code;
        mod error_response;
        mod lookup;
        mod table;

        pub use category::Category;
        pub use error_code::ErrorCode;
        pub use error_response::ErrorResponse;

        use core::cmp::Ordering;
        use core::fmt;
        use core::str::FromStr;

        #error_case
        #accessors
        #traits
        #unknown
    })
}

fn crate_docs(catalog: &Catalog) -> TokenStream {
    let meta = &catalog.meta;
    let first = &catalog.codes[0];
    let mut lines = vec![
        format!(
            "{}: the documented error codes of the {}, as a Rust enum.",
            escape_line(&meta.title),
            escape_line(&meta.service)
        ),
        String::new(),
    ];
    let source = match &meta.source_url {
        Some(url) => format!(
            "The codes come from the documented error-code table at {}",
            crate::emit::markdown::autolink(url)
        ),
        None => "The codes come from a documented error-code table".to_owned(),
    };
    let updated = meta
        .updated_on
        .as_deref()
        .map(|u| format!(" (updated on {})", escape_line(u)))
        .unwrap_or_default();
    lines.push(format!(
        "{source}{updated}. [`ErrorCode`] has one variant per code ([`ErrorCode::ALL`] lists"
    ));
    lines.push(format!(
        "them all); each variant's documentation gives its {}error message,",
        crate::emit::status_and(catalog)
    ));
    lines.push("description, handling measure, [`Category`] and stable number.".into());
    lines.push(String::new());
    lines.push(format!(
        "An error response body has the status {} and looks like this:",
        meta.error_body.status
    ));
    lines.push(String::new());
    let fence = fence_for(&meta.error_body.example);
    lines.push(format!("{fence}json"));
    lines.extend(
        meta.error_body
            .example
            .trim_end()
            .lines()
            .map(str::to_owned),
    );
    lines.push(fence);
    lines.push(String::new());
    lines.push("# Codes that are not in the table".into());
    lines.push(String::new());
    lines.extend(paragraph_lines(&meta.other.text, escape_line));
    lines.push(String::new());
    lines.push("Such a code parses to an [`UnknownErrorCode`], which keeps the text, and".into());
    lines.push("[`ErrorCode`] is `#[non_exhaustive]`: a later version may add codes.".into());
    lines.push(String::new());
    lines.extend(error_bodies_docs(catalog, first));
    lines.push("# Example".into());
    lines.push(String::new());
    let example = example(catalog, first);
    let fence = fence_for(&example);
    lines.push(fence.clone());
    lines.extend(example.lines().map(str::to_owned));
    lines.push(fence);
    lines.push(String::new());
    lines.push("# How the crate is laid out".into());
    lines.push(String::new());
    lines.push("Each source file holds one concept, and each code is one row of each:".into());
    lines.push(String::new());
    lines.push(
        "- `error_code.rs`: the [`ErrorCode`] enum, one documented variant per code, with its"
            .into(),
    );
    lines.push("  stable number, and [`ErrorCode::ALL`];".into());
    lines.push(
        "- `table.rs`: one entry per code, with its text, category, retryability and every row"
            .into(),
    );
    lines.push(
        "  of the table for it (status, error message, description, handling measure), found"
            .into(),
    );
    lines.push("  by the code's number without a `match`;".into());
    lines.push("- `lookup.rs`: the perfect hash table behind [`ErrorCode::from_code`];".into());
    lines.push("- `category.rs`: [`Category`];".into());
    lines.push(
        "- `error_response.rs`: [`ErrorResponse`] in the catalog's shape, [`ErrorCode::response`]"
            .into(),
    );
    lines.push("  and the serde support.".into());
    doc_attrs(&lines, true)
}

/// The crate's example, built as tokens and printed, for the docs (a doc
/// test) and the README.
pub(super) fn example(catalog: &Catalog, code: &Code) -> String {
    let krate = format_ident!("{}", lib_name(catalog));
    let variant = format_ident!("{}", code.rust_variant);
    let text = code.code.as_str();
    let status = match code.primary().http_status {
        Some(status) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(#status)
        }
        None => quote!(None),
    };
    let unknown = unknown_code_example(catalog);
    let tokens = quote! {
        use #krate::ErrorCode;

        fn main() {
            // Parse the `error_code` of an error response body.
            let code: ErrorCode = #text.parse().expect("a documented code");
            assert_eq!(code, ErrorCode::#variant);
            assert_eq!(code.as_str(), #text);
            assert_eq!(code.http_status(), #status);
            println!("{code}: {} ({:?})", code.error_msg(), code.category());

            // A code that is not in the table.
            match #unknown.parse::<ErrorCode>() {
                Ok(code) => println!("documented: {code}"),
                Err(unknown) => println!("not in the table: {}", unknown.code()),
            }
        }
    };
    render(parse(tokens))
}

/// How the crate gives a code's HTTP status: `u16`, or, in a catalog whose
/// codes carry none, `Option<u16>` (always `None`), so that the types say
/// what the table does and code written for another catalog still compiles.
struct Status {
    ty: TokenStream,
    field_doc: &'static str,
    method_doc: &'static str,
}

impl Status {
    fn of(catalog: &Catalog) -> Self {
        if catalog.has_http_status() {
            Self {
                ty: quote!(u16),
                field_doc: "The HTTP status of the response.",
                method_doc: "The HTTP status of the code's first row.",
            }
        } else {
            Self {
                ty: quote!(Option<u16>),
                field_doc: "`None`: the table gives its codes no HTTP status.",
                method_doc: "`None`: the table gives its codes no HTTP status (the API documents \
                             none; do not assume one).",
            }
        }
    }
}

/// The crate docs' section on error bodies: the shape, what reads and
/// writes them, and a handler that answers with a code's documented body
/// (a doc test), with the JSON it serializes to.
fn error_bodies_docs(catalog: &Catalog, first: &Code) -> Vec<String> {
    let mut lines = vec!["# Error bodies".to_owned(), String::new()];
    let paragraphs = [
        crate::emit::body::description(&catalog.meta.error_body.shape),
        "[`ErrorResponse`] holds a parsed error body: [`ErrorResponse::code`] gives its \
         [`ErrorCode`], and [`ErrorResponse::code_str`], [`ErrorResponse::message`] and \
         [`ErrorResponse::http_status`] its code as written, its message and its status, as in \
         every crate that this generator writes; its fields are those of the shape. With the \
         crate's `serde` feature, `ErrorResponse` deserializes from a body of this shape (any \
         other is an error that says what was expected) and serializes in it, and `ErrorCode` \
         (de)serializes as its code. The default build has no dependencies."
            .to_owned(),
        "A server answers a failed request with the documented status and body of its code, \
         [`ErrorCode::response`]:"
            .to_owned(),
    ];
    for paragraph in paragraphs {
        lines.extend(wrap(&paragraph, 88));
        lines.push(String::new());
    }
    let example = handler_example(catalog, first);
    let fence = fence_for(&example);
    lines.push(fence.clone());
    lines.extend(example.lines().map(str::to_owned));
    lines.push(fence);
    lines.push(String::new());
    lines.push("With the `serde` feature, `serde_json::to_string(&body)` writes:".to_owned());
    lines.push(String::new());
    let written = crate::emit::body::written(catalog, first, first.primary()).pretty();
    let fence = fence_for(&written);
    lines.push(format!("{fence}json"));
    lines.extend(written.lines().map(str::to_owned));
    lines.push(fence);
    lines.push(String::new());
    lines
}

/// A handler that answers with a code's documented status and body, as a
/// doc test of the crate and an example of its README.
pub(super) fn handler_example(catalog: &Catalog, code: &Code) -> String {
    let krate = format_ident!("{}", lib_name(catalog));
    let variant = format_ident!("{}", code.rust_variant);
    // A catalog whose codes carry no status: the server picks one (500 here).
    let status_check = code.primary().http_status.map(|status| {
        let status = Literal::u16_unsuffixed(status);
        quote!(assert_eq!(status, #status);)
    });
    let message = code.primary().error_msg.as_str();
    let tokens = quote! {
        use #krate::{ErrorCode, ErrorResponse};

        /// What a handler answers when a request fails with `code`: the
        /// documented HTTP status and body.
        fn failure(code: ErrorCode) -> (u16, ErrorResponse) {
            let body = code.response();
            (body.http_status().unwrap_or(500), body)
        }

        fn main() {
            let (status, body) = failure(ErrorCode::#variant);
            #status_check
            assert_eq!(body.code(), Some(ErrorCode::#variant));
            assert_eq!(body.message(), #message);
        }
    };
    render(parse(tokens))
}

fn error_case(status: &Status) -> TokenStream {
    let (ty, doc) = (&status.ty, status.field_doc);
    quote! {
        /// One row of the table: a code's status and texts. A code that the
        /// table lists several times has several cases; see [`ErrorCode::cases`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorCase {
            #[doc = #doc]
            pub http_status: #ty,
            /// The `error_msg` the API returns.
            pub error_msg: &'static str,
            /// What the error means.
            pub description: &'static str,
            /// What to do about it.
            pub handling_measure: &'static str,
        }
    }
}

/// `ErrorCode`'s methods: each reads the code's entry in `table.rs`.
fn accessors(status: &Status) -> TokenStream {
    let (status_ty, status_doc) = (&status.ty, status.method_doc);
    quote! {
        impl ErrorCode {
            /// The code for `code` (`"AIS.0014"`), or `None` if the table does not list it.
            /// The comparison is exact: codes are case-sensitive.
            #[must_use]
            #[inline]
            pub fn from_code(code: &str) -> Option<ErrorCode> {
                lookup::find(code)
            }

            /// The code as the API writes it (`"AIS.0014"`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                table::entry(self).code
            }

            #[doc = #status_doc]
            #[must_use]
            pub fn http_status(self) -> #status_ty {
                self.cases()[0].http_status
            }

            /// The `error_msg` of the code's first row.
            #[must_use]
            pub fn error_msg(self) -> &'static str {
                self.cases()[0].error_msg
            }

            /// The description of the code's first row.
            #[must_use]
            pub fn description(self) -> &'static str {
                self.cases()[0].description
            }

            /// The handling measure of the code's first row.
            #[must_use]
            pub fn handling_measure(self) -> &'static str {
                self.cases()[0].handling_measure
            }

            /// Every row the table lists for this code, in table order; never empty.
            #[must_use]
            pub fn cases(self) -> &'static [ErrorCase] {
                table::entry(self).cases.all()
            }

            /// What a caller should do about this error.
            #[must_use]
            pub fn category(self) -> Category {
                table::entry(self).category
            }

            /// Whether sending the same request again later may succeed.
            #[must_use]
            pub fn is_retryable(self) -> bool {
                table::entry(self).retryable
            }
        }
    }
}

fn traits() -> TokenStream {
    quote! {
        impl fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Prints the variant's name, as `#[derive(Debug)]` would, read from
        /// the table: a derived `Debug` is a `match` over every variant, which
        /// takes seconds and gigabytes to compile for thousands of codes.
        impl fmt::Debug for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(table::entry(*self).name)
            }
        }

        /// Codes are ordered by their text ([`ErrorCode::as_str`]), byte by
        /// byte: the same order in every version of the crate, whatever the
        /// order of the table or the codes' numbers.
        impl Ord for ErrorCode {
            fn cmp(&self, other: &Self) -> Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        /// The order of [`Ord`]: by the codes' text.
        impl PartialOrd for ErrorCode {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl AsRef<str> for ErrorCode {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                ErrorCode::from_code(code).ok_or_else(|| UnknownErrorCode { code: code.to_owned() })
            }
        }

        impl TryFrom<&str> for ErrorCode {
            type Error = UnknownErrorCode;

            fn try_from(code: &str) -> Result<Self, Self::Error> {
                code.parse()
            }
        }
    }
}

fn unknown_error_code(catalog: &Catalog) -> TokenStream {
    let not_documented = format!(
        "is not a documented error code of the {}",
        catalog.meta.service
    );
    let other = doc_attrs(
        &paragraph_lines(&catalog.meta.other.text, escape_line),
        false,
    );
    quote! {
        /// The error of parsing a code that the table does not list.
        ///
        #other
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct UnknownErrorCode {
            code: String,
        }

        impl UnknownErrorCode {
            /// The text that was parsed.
            #[must_use]
            pub fn code(&self) -> &str {
                &self.code
            }
        }

        impl fmt::Display for UnknownErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "`{}` ", self.code)?;
                f.write_str(#not_documented)
            }
        }

        impl std::error::Error for UnknownErrorCode {}
    }
}
