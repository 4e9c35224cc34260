//! The Rust crate: `rust/Cargo.toml`, `rust/README.md` and one source file
//! per concept, each built as tokens with `quote!` and printed by
//! `prettyplease`:
//!
//! ```text
//! rust/src/lib.rs             crate docs and the public API, the same for every table
//! rust/src/error_code.rs      `ErrorCode`: one documented variant per code, its stable number, and `ALL`
//! rust/src/table.rs           one entry per code, by number, with every text of its rows as a literal
//! rust/src/lookup.rs          `from_code`'s perfect hash table
//! rust/src/category.rs        `Category`
//! rust/src/error_response.rs  `ErrorResponse` and the serde impls (the `serde` feature)
//! ```
//!
//! A code's data is one entry of `table.rs`, found by the variant's
//! discriminant (its stable number, see [`crate::numbers`]) without a
//! `match`: the crate's compile time grows linearly with the number of
//! codes, every accessor is O(1), and a one-row edit of the spec is a
//! one-row edit of each file.

mod category;
mod error_code;
mod error_response;
mod lib_rs;
mod lookup;
mod manifest;
mod syntax;
mod table;
#[cfg(test)]
mod tests;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use syntax::parse;

use super::{GeneratedFile, generated_notice};
use crate::model::{Catalog, Code};

pub use lookup::PerfectHash;

/// The crate's files, paths relative to the output folder.
#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    let source = |name: &str, file: syn::File| {
        GeneratedFile::new(
            format!("rust/src/{name}"),
            format!("// {}\n\n{}", generated_notice(catalog), render(file)),
        )
    };
    vec![
        GeneratedFile::new("rust/Cargo.toml", manifest::cargo_toml(catalog)),
        GeneratedFile::new("rust/README.md", manifest::readme(catalog)),
        source("lib.rs", lib_rs::file(catalog)),
        source("error_code.rs", error_code::file(catalog)),
        source("table.rs", table::file(catalog)),
        source("lookup.rs", lookup::file(catalog)),
        source("category.rs", category::file(catalog)),
        source("error_response.rs", error_response::file(catalog)),
    ]
}

/// The Rust library name: the crate name with `-` replaced by `_`.
#[must_use]
pub fn lib_name(catalog: &Catalog) -> String {
    catalog.meta.crate_name.replace('-', "_")
}

/// Prints a Rust file: its inner attributes, then its items, one at a time,
/// with a blank line between two items (but not between two `use`s or two
/// `mod`s of the same visibility).
fn render(mut file: syn::File) -> String {
    let items = std::mem::take(&mut file.items);
    let mut out = if file.attrs.is_empty() {
        String::new()
    } else {
        prettyplease::unparse(&file)
    };
    file.attrs.clear();
    let mut previous = None;
    for item in items {
        let group = group(&item);
        if !out.is_empty() && (group.is_none() || group != previous) {
            out.push('\n');
        }
        previous = group;
        file.items = vec![item];
        out += &prettyplease::unparse(&file);
    }
    out
}

/// The items that are printed without blank lines between them: `use`s,
/// and `mod` declarations, of one visibility.
fn group(item: &syn::Item) -> Option<(bool, bool)> {
    let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
    match item {
        syn::Item::Use(item) => Some((true, public(&item.vis))),
        syn::Item::Mod(item) if item.content.is_none() => Some((false, public(&item.vis))),
        _ => None,
    }
}

/// The inner attributes that start every generated source file: its docs
/// (`//!`), and no rustfmt (prettyplease's layout is not always rustfmt's).
fn file_header(docs: &[&str]) -> TokenStream {
    let docs = doc_attrs(docs, true);
    quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]
    }
}

/// A source file with the [`file_header`] and the items of `tokens`.
fn source_file(docs: &[&str], items: TokenStream) -> syn::File {
    let mut file: syn::File = parse(file_header(docs));
    file.items = parse::<syn::File>(items).items;
    file
}

/// `#[doc = " line"]` attributes, one per line; `inner` gives `#![doc]`.
fn doc_attrs<S: AsRef<str>>(lines: &[S], inner: bool) -> TokenStream {
    syntax::doc_attributes(lines)
        .into_iter()
        .map(|mut attr| {
            if inner {
                attr.style = syn::AttrStyle::Inner(syn::Token![!](Span::call_site()));
            }
            attr.into_token_stream()
        })
        .collect()
}

/// A raw string literal of `text` (`r"…"`, or `r#"…"#` and so on when the
/// text holds a `"`: always enough `#`s that nothing in the text ends it).
///
/// For doc attributes, which prettyplease prints as `///` lines whatever
/// the literal: syn reads a raw literal without unescaping it, which makes
/// printing the docs of a large table several times faster in the debug
/// build that `cargo xtask gen` runs. (The text cannot hold a `\r`, the one
/// character a raw string cannot: validation normalises line ends.)
fn raw_literal(text: &str) -> Literal {
    let mut hashes = String::new();
    if text.contains('"') {
        hashes.push('#');
        while text.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// The codes in the order of their stable numbers: the order of the crate's
/// variants, of `ErrorCode::ALL` and of the table's entries.
fn by_number(catalog: &Catalog) -> Vec<&Code> {
    let mut codes: Vec<&Code> = catalog.codes.iter().collect();
    codes.sort_by_key(|code| code.number);
    codes
}

fn variant_ident(code: &Code) -> Ident {
    Ident::new(&code.rust_variant, Span::call_site())
}

/// An integer literal, with `_` between groups of three digits from 100,000
/// on (as clippy's `unreadable_literal` wants).
fn int_literal(n: u64) -> Literal {
    let digits = n.to_string();
    if digits.len() <= 5 {
        return Literal::u64_unsuffixed(n);
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
        .unwrap_or_else(|_| Literal::u64_unsuffixed(n))
}
