//! The Rust crate: `rust/Cargo.toml`, `rust/README.md` and `rust/src/lib.rs`.
//!
//! `lib.rs` is built as tokens with `quote!` and printed by `prettyplease`.
//! The catalog becomes packed tables indexed by the variant's discriminant
//! (see `tables`), not `match`es: the crate's compile time grows linearly
//! with the number of codes, and every accessor is O(1).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use super::markdown::{case_lines, escape_line, fence_for, paragraph_lines, paragraphs};
use super::{GeneratedFile, generated_notice, unknown_code_example};
use crate::model::{Catalog, Code};

/// The crate's files, paths relative to the output folder.
#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile::new("rust/Cargo.toml", cargo_toml(catalog)),
        GeneratedFile::new("rust/README.md", readme(catalog)),
        GeneratedFile::new("rust/src/lib.rs", lib_rs(catalog)),
    ]
}

/// The Rust library name: the crate name with `-` replaced by `_`.
#[must_use]
pub fn lib_name(catalog: &Catalog) -> String {
    catalog.meta.crate_name.replace('-', "_")
}

/// A TOML basic string. JSON's string escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

fn cargo_toml(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let package = &meta.package;
    let mut out = format!("# {}\n\n[package]\n", generated_notice(catalog));
    out += &format!("name = {}\n", toml_string(&meta.crate_name));
    out += &format!("version = {}\n", toml_string(&meta.version));
    out += "edition = \"2021\"\n";
    out += &format!("rust-version = {}\n", toml_string(&package.rust_version));
    out += &format!("description = {}\n", toml_string(&package.description));
    out += &format!("license = {}\n", toml_string(&package.license));
    if let Some(repository) = &package.repository {
        out += &format!("repository = {}\n", toml_string(repository));
    }
    out += &format!(
        "documentation = {}\n",
        toml_string(&format!("https://docs.rs/{}", meta.crate_name))
    );
    out += "readme = \"README.md\"\n";
    out += &format!("keywords = {}\n", toml_list(&package.keywords));
    out += &format!(
        "categories = {}\n",
        toml_list(&package.crates_io_categories)
    );
    out += "\n[lib]\n";
    out += &format!("name = {}\n", toml_string(&lib_name(catalog)));
    out += "\n[features]\n";
    out += "# Serialize ErrorCode as its code, and read ErrorResponse from every body shape.\n";
    out += "serde = [\"dep:serde\"]\n";
    out += "\n[dependencies]\n";
    out += "serde = { version = \"1.0.200\", optional = true }\n";
    out += "\n[package.metadata.docs.rs]\nall-features = true\n";
    out += "\n[lints.clippy]\npedantic = { level = \"warn\", priority = -1 }\n";
    out
}

fn readme(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let first = &catalog.codes[0];
    let mut out = format!("<!-- {} -->\n\n", generated_notice(catalog));
    out += &format!("# {}\n\n", escape_line(&meta.crate_name));
    out += &format!("{}\n\n", escape_line(&meta.package.description));
    out += &format!(
        "The {} codes of the {} as a Rust enum, `ErrorCode`, with each code's HTTP status, \
         error message, description, handling measure and category.\n\n",
        catalog.codes.len(),
        escape_line(&meta.service),
    );
    if let Some(url) = &meta.source_url {
        out += &format!("Source: <{}>", url.replace(['<', '>', ' '], ""));
        if let Some(updated) = &meta.updated_on {
            out += &format!(" (updated on {})", escape_line(updated));
        }
        out += "\n\n";
    }
    out += &format!(
        "Depend on it by path, by git, or, once it is published, from crates.io:\n\n\
         ```toml\n[dependencies]\n{name} = {{ path = \"../{name}\" }}\n\
         # or, once published: {name} = {version}\n```\n\n",
        name = meta.crate_name,
        version = toml_string(&meta.version)
    );
    out += "```rust\n";
    out += &render_example(catalog, first);
    out += "```\n\n";
    out += "With the `serde` feature (off by default; the default build has no \
            dependencies), `ErrorCode` (de)serializes as its code and `ErrorResponse` \
            reads an error response body in every shape that Huawei Cloud's SDKs \
            accept: `error_code` and `error_msg`, `code` and `message`, or an `error` \
            object holding either pair.\n\n";
    out += &format!(
        "Codes that are not in the table: {}\n",
        escape_line(&meta.other.text)
    );
    out
}

fn lib_rs(catalog: &Catalog) -> String {
    let crate_docs = crate_docs(catalog);
    let error_code = error_code_enum(catalog);
    let category = category_enum(catalog);
    let tables = tables(catalog);
    let rest = impls(catalog);
    let lookup = super::rust_lookup::module(catalog);
    let error_response = super::rust_serde::items();
    let file = quote! {
        #crate_docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
        // The docs quote the spec's prose, whose words are not code.
        #![allow(clippy::doc_markdown)]
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        use core::fmt;
        use core::str::FromStr;
        use std::sync::OnceLock;

        #error_code
        #category
        #rest
        #error_response
        #tables
        #lookup
    };
    format!("// {}\n\n{}", generated_notice(catalog), render(file))
}

/// Prints a token stream as a Rust file. The tokens come from `quote!`, so a
/// parse failure is a bug in this emitter, never in the spec.
fn render(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => panic!("the Rust emitter produced tokens that do not parse: {e}"),
    }
}

/// `#[doc = " line"]` attributes, one per line; `inner` gives `#![doc]`.
fn doc_attrs(lines: &[String], inner: bool) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            if inner {
                quote!(#![doc = #text])
            } else {
                quote!(#[doc = #text])
            }
        })
        .collect()
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
            "The codes come from the documented error-code table at <{}>",
            url.replace(['<', '>', ' '], "")
        ),
        None => "The codes come from a documented error-code table".to_owned(),
    };
    let updated = meta
        .updated_on
        .as_deref()
        .map(|u| format!(" (updated on {})", escape_line(u)))
        .unwrap_or_default();
    lines.push(format!(
        "{source}{updated}. [`ErrorCode`] has one variant per code, in the table's order;"
    ));
    lines.push(
        "each variant's documentation gives its HTTP status, error message, description,".into(),
    );
    lines.push("handling measure and [`Category`].".into());
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
    lines.push("# Error bodies".into());
    lines.push(String::new());
    lines.push(
        "[`ErrorResponse`] holds a parsed error body; [`ErrorResponse::code`] gives its".into(),
    );
    lines.push(
        "[`ErrorCode`]. With the crate's `serde` feature, `ErrorResponse` deserializes".into(),
    );
    lines.push("from every body shape that Huawei Cloud's SDKs accept, and `ErrorCode`".into());
    lines.push("(de)serializes as its code. The default build has no dependencies.".into());
    lines.push(String::new());
    lines.push("# Example".into());
    lines.push(String::new());
    let example = render_example(catalog, first);
    let fence = fence_for(&example);
    lines.push(fence.clone());
    lines.extend(example.lines().map(str::to_owned));
    lines.push(fence);
    doc_attrs(&lines, true)
}

/// The crate's example, built as tokens and printed, for the docs (a doc test) and the README.
fn render_example(catalog: &Catalog, code: &Code) -> String {
    let krate = format_ident!("{}", lib_name(catalog));
    let variant = format_ident!("{}", code.rust_variant);
    let text = code.code.as_str();
    let status = Literal::u16_unsuffixed(code.primary().http_status);
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
    render(tokens)
}

fn variant_ident(code: &Code) -> Ident {
    Ident::new(&code.rust_variant, Span::call_site())
}

fn error_code_enum(catalog: &Catalog) -> TokenStream {
    let urls = super::docs::code_urls(catalog);
    let variants = catalog.codes.iter().zip(urls).map(|(code, url)| {
        let ident = variant_ident(code);
        let mut lines = variant_doc_lines(catalog, code);
        if let Some(url) = url {
            lines.push(String::new());
            // In `<…>`, the address may hold parentheses; validation rejects `<>`.
            lines.push(format!("See the [reference page](<{url}>)."));
        }
        let docs = doc_attrs(&lines, false);
        // rustdoc rejects an alias that holds a quote or is the variant's own name.
        let alias = code.code.as_str();
        let alias = (alias != code.rust_variant && !alias.contains(['"', '\'']))
            .then(|| quote!(#[doc(alias = #alias)]));
        let deprecated = code
            .deprecated
            .as_deref()
            .map(|note| quote!(#[deprecated(note = #note)]));
        quote! {
            #docs
            #alias
            #deprecated
            #ident,
        }
    });
    let service = format!(
        " An error code of the {}.",
        escape_line(&catalog.meta.service)
    );
    let repr = discriminant_type(catalog.codes.len());
    quote! {
        #[doc = #service]
        ///
        /// One variant per code of the table, in its order. Parse a code with
        /// [`ErrorCode::from_code`] or [`str::parse`]; [`ErrorCode::as_str`] and
        /// [`Display`](fmt::Display) give it back.
        ///
        /// `Ord` follows the table's order, which a new version of the table
        /// may change; sort by [`ErrorCode::as_str`] for an order by code.
        /// For the same reason, store or send a code as its text, never as its
        /// discriminant (its position in the table).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(#repr)]
        pub enum ErrorCode {
            #(#variants)*
        }
    }
}

/// The enum's `repr`: the smallest unsigned integer that numbers every
/// code, the size rustc would choose anyway. An integer `repr` makes rustc's
/// evaluation of `ALL_CODES` (which names every variant) about a third
/// faster than the default.
fn discriminant_type(code_count: usize) -> Ident {
    if code_count <= 1 << 8 {
        format_ident!("u8")
    } else if code_count <= 1 << 16 {
        format_ident!("u16")
    } else {
        format_ident!("u32")
    }
}

fn variant_doc_lines(catalog: &Catalog, code: &Code) -> Vec<String> {
    let case = code.primary();
    let summary = paragraphs(&case.error_msg).next().unwrap_or_default();
    let mut lines = vec![
        format!(
            "`{}`: {}",
            code.code.replace('`', "'"),
            escape_line(summary)
        ),
        String::new(),
    ];
    if let Some(note) = &code.deprecated {
        lines.push(format!("**Deprecated**: {}", escape_line(note)));
        lines.push(String::new());
    }
    lines.extend(case_lines(case, escape_line));
    let category = &catalog.categories[code.category];
    lines.push(format!(
        "- Category: [`Category::{}`] ({}){}",
        category.rust_variant,
        escape_line(&category.title),
        if code.retryable { "; retryable" } else { "" }
    ));
    if code.cases.len() > 1 {
        lines.push(String::new());
        lines.push(format!(
            "The table lists this code {} times; [`ErrorCode::cases`] gives every row.",
            code.cases.len()
        ));
        for other in &code.cases[1..] {
            let summary = paragraphs(&other.error_msg).next().unwrap_or_default();
            lines.push(format!("- {}: {}", other.http_status, escape_line(summary)));
        }
    }
    lines
}

fn category_enum(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = catalog
        .categories
        .iter()
        .map(|c| Ident::new(&c.rust_variant, Span::call_site()))
        .collect();
    let docs = catalog.categories.iter().map(|c| {
        let mut lines = vec![escape_line(&c.title), String::new()];
        lines.extend(paragraph_lines(&c.description, escape_line));
        doc_attrs(&lines, false)
    });
    let keys = catalog.categories.iter().map(|c| c.key.as_str());
    let titles = catalog.categories.iter().map(|c| c.title.as_str());
    let descriptions = catalog.categories.iter().map(|c| c.description.as_str());
    quote! {
        /// What a caller should do about an error: the kind of fix it needs.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Category {
            #(#docs #variants,)*
        }

        impl Category {
            /// Every category, in the spec's order.
            pub const ALL: &'static [Category] = &[#(Category::#variants),*];

            /// The category's key in the spec (`request`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { #(Category::#variants => #keys,)* }
            }

            /// A short title: what to do.
            #[must_use]
            pub const fn title(self) -> &'static str {
                match self { #(Category::#variants => #titles,)* }
            }

            /// What the category means and what a caller should do.
            #[must_use]
            pub const fn description(self) -> &'static str {
                match self { #(Category::#variants => #descriptions,)* }
            }
        }

        impl fmt::Display for Category {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn impls(catalog: &Catalog) -> TokenStream {
    let not_documented = format!(
        "is not a documented error code of the {}",
        catalog.meta.service
    );
    let other = doc_attrs(
        &paragraph_lines(&catalog.meta.other.text, escape_line),
        false,
    );
    quote! {
        /// One row of the table: a code's status and texts. A code that the
        /// table lists several times has several cases; see [`ErrorCode::cases`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub struct ErrorCase {
            /// The HTTP status of the response.
            pub http_status: u16,
            /// The `error_msg` the API returns.
            pub error_msg: &'static str,
            /// What the error means.
            pub description: &'static str,
            /// What to do about it.
            pub handling_measure: &'static str,
        }

        impl ErrorCode {
            /// Every code, in the table's order.
            pub const ALL: &'static [ErrorCode] = &ALL_CODES;

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
                code_text(self as usize)
            }

            /// The HTTP status of the code's first row.
            #[must_use]
            pub fn http_status(self) -> u16 {
                case_status(self.first_case())
            }

            /// The `error_msg` of the code's first row.
            #[must_use]
            pub fn error_msg(self) -> &'static str {
                case_text(self.first_case(), ERROR_MSG)
            }

            /// The description of the code's first row.
            #[must_use]
            pub fn description(self) -> &'static str {
                case_text(self.first_case(), DESCRIPTION)
            }

            /// The handling measure of the code's first row.
            #[must_use]
            pub fn handling_measure(self) -> &'static str {
                case_text(self.first_case(), HANDLING_MEASURE)
            }

            /// Every row the table lists for this code, in table order; never empty.
            ///
            /// The first call builds the rows of every code, once.
            #[must_use]
            pub fn cases(self) -> &'static [ErrorCase] {
                let i = self as usize;
                let first = field(CODE_DATA[i], FIRST_CASE) as usize;
                let end = field(CODE_DATA[i + 1], FIRST_CASE) as usize;
                let all = CASES.get_or_init(|| CASE_DATA.iter().map(|&entry| error_case(entry)).collect());
                &all[first..end]
            }

            /// What a caller should do about this error.
            #[must_use]
            pub fn category(self) -> Category {
                Category::ALL[(field(CODE_DATA[self as usize], FLAGS) & 0xFFFF) as usize]
            }

            /// Whether sending the same request again later may succeed.
            #[must_use]
            pub fn is_retryable(self) -> bool {
                field(CODE_DATA[self as usize], FLAGS) >> 16 == 1
            }

            /// The packed entry of the code's first row.
            fn first_case(self) -> u128 {
                CASE_DATA[field(CODE_DATA[self as usize], FIRST_CASE) as usize]
            }
        }

        impl fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // What `#[derive(Debug)]` prints, from a table: the derived `match`
        // over thousands of variants takes seconds and gigabytes to compile.
        /// Prints the variant's name, as `#[derive(Debug)]` would.
        impl fmt::Debug for ErrorCode {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(variant_name(*self as usize))
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

/// An integer literal, with `_` between groups of three digits from 100,000
/// on (as clippy's `unreadable_literal` wants).
pub(crate) fn int_literal(n: usize) -> Literal {
    let digits = n.to_string();
    if digits.len() <= 5 {
        return Literal::usize_unsuffixed(n);
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    grouped
        .parse()
        .unwrap_or_else(|_| Literal::usize_unsuffixed(n))
}

/// A `u128` literal of four 32-bit fields, highest first, in hex digits
/// grouped by four: `0x0000_0190_0000_0003_…`.
fn packed(fields: [usize; 4]) -> Literal {
    // A field over 32 bits would need a `TEXT` of 4 GiB, which rustc cannot compile anyway.
    let fields = fields.map(|f| u32::try_from(f).unwrap_or(u32::MAX));
    let hex: Vec<String> = fields
        .iter()
        .map(|f| format!("{:04x}_{:04x}", f >> 16, f & 0xFFFF))
        .collect();
    let value = fields
        .iter()
        .fold(0u128, |acc, &f| (acc << 32) | u128::from(f));
    format!("0x{}", hex.join("_"))
        .parse()
        .unwrap_or_else(|_| Literal::u128_unsuffixed(value))
}

/// The catalog's data, indexed by `ErrorCode as usize`. Arrays of strings
/// or structs compile slowly when a crate has thousands of codes (rustc
/// evaluates every element as a constant of its own), so the data is packed
/// into one text and arrays of integers:
/// - `TEXT`: each code followed by its variant name, in table order, then
///   every distinct text of the rows, each stored once;
/// - `CODE_DATA`: per code, a `u128` of four 32-bit fields (where its text
///   and its variant name start in `TEXT`, its first row in `CASE_DATA`, and
///   its category and retryability), and one more entry that closes the last;
/// - `CASE_DATA`: per row, its HTTP status and the numbers of its three
///   texts, which `TEXT_START` turns into places in `TEXT`.
///
/// Only `ALL_CODES` names the variants: each named variant costs rustc a
/// scan of the enum.
fn tables(catalog: &Catalog) -> TokenStream {
    let n = int_literal(catalog.codes.len());
    // `TEXT` is written as its pieces; only its length so far is needed here.
    let mut pieces: Vec<&str> = Vec::new();
    let mut text_len = 0;

    // Each code and its variant name; a code's rows start after the rows
    // of the codes before it.
    let mut code_entries = Vec::new();
    let mut first_case = 0;
    for code in &catalog.codes {
        let code_start = text_len;
        let name_start = code_start + code.code.len();
        text_len = name_start + code.rust_variant.len();
        pieces.extend([code.code.as_str(), code.rust_variant.as_str()]);
        let flags = code.category | (usize::from(code.retryable) << 16);
        code_entries.push(packed([code_start, name_start, first_case, flags]));
        first_case += code.cases.len();
    }
    code_entries.push(packed([text_len, text_len, first_case, 0]));

    // The rows; their distinct texts are numbered in order of first use.
    let mut text_start = vec![text_len];
    let mut text_numbers: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut case_entries = Vec::new();
    for case in catalog.codes.iter().flat_map(|code| &code.cases) {
        let mut numbers = [0; 3];
        for (slot, t) in numbers.iter_mut().zip([
            case.error_msg.as_str(),
            case.description.as_str(),
            case.handling_measure.as_str(),
        ]) {
            *slot = *text_numbers.entry(t).or_insert_with(|| {
                text_len += t.len();
                pieces.push(t);
                text_start.push(text_len);
                text_start.len() - 2
            });
        }
        let [msg, description, measure] = numbers;
        case_entries.push(packed([
            usize::from(case.http_status),
            msg,
            description,
            measure,
        ]));
    }

    let case_count = int_literal(case_entries.len());
    let text_count = int_literal(text_start.len());
    let text_start = text_start.into_iter().map(int_literal);
    let all = catalog.codes.iter().map(variant_ident);
    let allow_deprecated = catalog
        .codes
        .iter()
        .any(|c| c.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        /// Every code, by discriminant (a static, not a constant: a large
        /// constant array would be copied onto the stack where it is used).
        #allow_deprecated
        static ALL_CODES: [ErrorCode; #n] = [#(ErrorCode::#all),*];

        /// Every text of the table, back to back: each code followed by its
        /// variant name, in table order, then each distinct text of the rows, once.
        static TEXT: &str = concat!(#(#pieces),*);

        /// Per code, by discriminant, four fields (see [`field`]): `CODE_START`,
        /// `NAME_START`, `FIRST_CASE` and `FLAGS`. One more entry closes the
        /// last code: its `CODE_START` ends the last name, its `FIRST_CASE` the last rows.
        static CODE_DATA: [u128; #n + 1] = [#(#code_entries),*];
        /// Where the code's text starts in `TEXT`; it ends where `NAME_START` starts.
        const CODE_START: u32 = 3;
        /// Where the variant's name starts in `TEXT`; it ends where the next code starts.
        const NAME_START: u32 = 2;
        /// The code's first row in `CASE_DATA`; its rows end where the next code's start.
        const FIRST_CASE: u32 = 1;
        /// The code's category (an index into [`Category::ALL`]) in the low
        /// 16 bits; bit 16 is set if it is retryable.
        const FLAGS: u32 = 0;

        /// Per row of the table, grouped by code in discriminant order, four
        /// fields: `STATUS` and the numbers of three texts (see `TEXT_START`).
        static CASE_DATA: [u128; #case_count] = [#(#case_entries),*];
        /// The HTTP status.
        const STATUS: u32 = 3;
        /// The number of the `error_msg` text.
        const ERROR_MSG: u32 = 2;
        /// The number of the description text.
        const DESCRIPTION: u32 = 1;
        /// The number of the handling measure text.
        const HANDLING_MEASURE: u32 = 0;

        /// Text `t` of the rows is `TEXT[TEXT_START[t]..TEXT_START[t + 1]]`.
        static TEXT_START: [u32; #text_count] = [#(#text_start),*];

        /// Every row as an [`ErrorCase`], built on the first call of [`ErrorCode::cases`].
        static CASES: OnceLock<Box<[ErrorCase]>> = OnceLock::new();

        /// Field `k` of a packed entry: bits `32 * k` to `32 * k + 31`.
        #[allow(clippy::cast_possible_truncation)] // keeping the low 32 bits is the point
        const fn field(entry: u128, k: u32) -> u32 {
            (entry >> (32 * k)) as u32
        }

        /// `TEXT[start..end]`.
        const fn text(start: u32, end: u32) -> &'static str {
            TEXT.split_at(end as usize).0.split_at(start as usize).1
        }

        /// The text of the code with discriminant `i`.
        const fn code_text(i: usize) -> &'static str {
            text(field(CODE_DATA[i], CODE_START), field(CODE_DATA[i], NAME_START))
        }

        /// The bytes of the code with discriminant `i`, for `from_code`:
        /// slicing bytes skips the two char-boundary checks of [`code_text`].
        fn code_bytes(i: usize) -> &'static [u8] {
            let entry = CODE_DATA[i];
            &TEXT.as_bytes()[field(entry, CODE_START) as usize..field(entry, NAME_START) as usize]
        }

        /// The variant name of the code with discriminant `i`.
        fn variant_name(i: usize) -> &'static str {
            text(field(CODE_DATA[i], NAME_START), field(CODE_DATA[i + 1], CODE_START))
        }

        /// The text in field `k` of a packed row.
        fn case_text(entry: u128, k: u32) -> &'static str {
            let t = field(entry, k) as usize;
            text(TEXT_START[t], TEXT_START[t + 1])
        }

        /// The HTTP status of a packed row.
        #[allow(clippy::cast_possible_truncation)] // a status has three digits
        fn case_status(entry: u128) -> u16 {
            field(entry, STATUS) as u16
        }

        fn error_case(entry: u128) -> ErrorCase {
            ErrorCase {
                http_status: case_status(entry),
                error_msg: case_text(entry, ERROR_MSG),
                description: case_text(entry, DESCRIPTION),
                handling_measure: case_text(entry, HANDLING_MEASURE),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Case, Category, Code, ErrorBody, Metadata, Origin, OtherRow, PackageInfo};

    const HOSTILE: &str = "*/ \"quoted\" \\ `tick` ```rust\nfn x() {}\n``` <script>alert(1)</script> | # 1. {} %s\n    indented";

    fn case(status: u16, text: &str) -> Case {
        Case {
            http_status: status,
            error_msg: text.to_owned(),
            description: text.to_owned(),
            handling_measure: text.to_owned(),
            origin: Origin {
                file: "t.csv".into(),
                line: 2,
            },
        }
    }

    fn code(code: &str, cases: Vec<Case>) -> Code {
        Code {
            code: code.to_owned(),
            prefix: code.split_once('.').map(|(p, _)| p.to_owned()),
            rust_variant: crate::names::rust_variant(code),
            anchor: crate::names::anchor(code),
            category: 0,
            retryable: false,
            deprecated: None,
            cases,
        }
    }

    fn catalog(codes: Vec<Code>) -> Catalog {
        Catalog {
            meta: Metadata {
                title: "Test codes".into(),
                service: "Test API".into(),
                source_url: None,
                updated_on: None,
                other: OtherRow {
                    http_status: None,
                    text: HOSTILE.into(),
                },
                error_body: ErrorBody {
                    status: 400,
                    example: "{\"error_code\": \"```\"}".into(),
                },
                crate_name: "test-codes".into(),
                npm_name: "test-codes".into(),
                version: "0.1.0".into(),
                package: PackageInfo {
                    description: "d".into(),
                    license: "MIT".into(),
                    repository: None,
                    keywords: vec![],
                    crates_io_categories: vec![],
                    rust_version: "1.86".into(),
                },
                docs_base_url: None,
                spec_files: vec!["t.csv".into()],
            },
            categories: vec![Category {
                key: "request".into(),
                rust_variant: "Request".into(),
                title: "Fix <it>".into(),
                description: HOSTILE.into(),
                retryable: false,
            }],
            codes,
        }
    }

    fn lib(catalog: &Catalog) -> syn::File {
        let text = lib_rs(catalog);
        syn::parse_file(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// Every string literal of the file, attribute values included.
    fn strings(file: &syn::File) -> Vec<String> {
        let tokens = quote!(#file).to_string();
        let mut found = Vec::new();
        collect(
            syn::parse_str::<TokenStream>(&tokens).expect("tokens"),
            &mut found,
        );
        found
    }

    fn collect(tokens: TokenStream, found: &mut Vec<String>) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Group(g) => collect(g.stream(), found),
                proc_macro2::TokenTree::Literal(l) => {
                    if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) {
                        found.push(s.value());
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn hostile_text_stays_inside_its_string_literals() {
        let catalog = catalog(vec![code("X.1", vec![case(400, HOSTILE)])]);
        let strings = strings(&lib(&catalog));
        assert!(
            strings.iter().any(|s| s == HOSTILE),
            "the text is one literal, unchanged"
        );
    }

    #[test]
    fn doc_comments_cannot_start_code_blocks_or_html() {
        let catalog = catalog(vec![code("X.1", vec![case(400, HOSTILE)])]);
        let text = lib_rs(&catalog);
        let doc_lines: Vec<&str> = text
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("///"))
            .collect();
        for line in &doc_lines {
            let body = line.trim_start_matches('/').strip_prefix(' ').unwrap_or("");
            assert!(!body.starts_with("    "), "indented code: {line}");
            assert!(!body.contains("<script>"), "raw HTML: {line}");
            assert!(
                !body.trim_start().starts_with("```"),
                "a fence in a variant's docs: {line}"
            );
        }
        assert!(
            doc_lines.iter().any(|l| l.contains("\\<script\\>")),
            "the text is shown, escaped"
        );
    }

    #[test]
    fn repeated_codes_keep_every_case_and_texts_are_stored_once() {
        let catalog = catalog(vec![
            code(
                "APIG.0201",
                vec![
                    case(400, "Same text."),
                    case(413, "Too large."),
                    case(504, "Same text."),
                ],
            ),
            code("APIG.0202", vec![case(500, "Same text.")]),
        ]);
        let text = lib_rs(&catalog);
        lib(&catalog);
        assert_eq!(
            text.matches("\"Same text.\"").count(),
            1,
            "each distinct text is one piece of TEXT"
        );
        assert!(text.contains("static CASE_DATA: [u128; 4]"), "{text}");
        // TEXT starts "APIG.0201" "Apig0201" "APIG.0202" "Apig0202": the codes
        // start at 0 and 17, their names at 9 and 26, and the names end at 34.
        // Their first rows are 0 and 3; the closing entry ends them at row 4.
        let code_data = [
            "0x0000_0000_0000_0009_0000_0000_0000_0000",
            "0x0000_0011_0000_001a_0000_0003_0000_0000",
            "0x0000_0022_0000_0022_0000_0004_0000_0000",
        ];
        let squeezed: String = text.split_whitespace().collect();
        assert!(
            squeezed.contains(&format!(
                "staticCODE_DATA:[u128;2+1]=[{},];",
                code_data.join(",")
            )),
            "{text}"
        );
    }

    #[test]
    fn discriminants_are_the_smallest_integer_that_numbers_every_code() {
        assert_eq!(discriminant_type(1), "u8");
        assert_eq!(discriminant_type(256), "u8");
        assert_eq!(discriminant_type(257), "u16");
        assert_eq!(discriminant_type(65_536), "u16");
        assert_eq!(discriminant_type(65_537), "u32");
        let text = lib_rs(&catalog(vec![code("X.1", vec![case(400, "x")])]));
        assert!(text.contains("#[repr(u8)]\npub enum ErrorCode"), "{text}");
    }

    #[test]
    fn output_is_deterministic() {
        let catalog = catalog(vec![
            code("B.2", vec![case(400, "b")]),
            code("A.1", vec![case(401, "a")]),
        ]);
        assert_eq!(emit(&catalog), emit(&catalog));
    }

    #[test]
    fn every_file_starts_with_the_generated_line() {
        let catalog = catalog(vec![code("X.1", vec![case(400, "x")])]);
        for file in emit(&catalog) {
            let first = file.contents.lines().next().unwrap_or_default();
            assert!(
                first.contains("@generated by `cargo xtask gen` from t.csv"),
                "{}: {first}",
                file.path
            );
        }
    }

    #[test]
    fn variants_link_to_their_reference_section() {
        let mut catalog = catalog(vec![
            code("AIS.0014", vec![case(400, "x")]),
            code("1100", vec![case(400, "y")]),
        ]);
        assert!(
            !lib_rs(&catalog).contains("reference page"),
            "no base URL, no link"
        );
        catalog.meta.docs_base_url = Some("https://docs.example.org/ais/".into());
        let text = lib_rs(&catalog);
        assert!(
            text.contains(
                "/// See the [reference page](<https://docs.example.org/ais/ais.html#ais0014>)."
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "/// See the [reference page](<https://docs.example.org/ais/no-prefix.html#1100>)."
            ),
            "{text}"
        );
    }
}
