//! `error_code.rs`: the `ErrorCode` enum, one documented variant per code,
//! and `ErrorCode::ALL`, both in the order of the codes' stable numbers.
//!
//! The variants are declared in number order, which makes each number the
//! variant's discriminant without writing it: only the first variant after a
//! removed code's number says `= n`. (rustc checks explicit discriminants at
//! a cost that grows with the square of their count: written on each of
//! 10,000 variants, they took a minute to compile.) A new code takes the next
//! number, so its variant comes last, and so does its line in `ALL`.

use proc_macro2::{Span, TokenStream};
use quote::quote;

use super::syntax::{doc_attributes, int, outer_attributes, parse};
use super::{lib_name, source_file, variant_ident};
use crate::emit::markdown::{case_lines, escape_line, paragraphs};
use crate::model::{Catalog, Code};

pub(super) fn file(catalog: &Catalog) -> syn::File {
    let mut file = source_file(
        &[
            "[`ErrorCode`]: one variant per code, in the order of the codes' stable numbers,",
            "each number the variant's discriminant; and [`ErrorCode::ALL`], in the same order.",
        ],
        TokenStream::new(),
    );
    // Each code with the address of its reference section, in number
    // order: the order of the variants and of `ALL` alike.
    let urls = crate::emit::docs::code_urls(catalog);
    let mut by_number: Vec<(&Code, Option<String>)> = catalog.codes.iter().zip(urls).collect();
    by_number.sort_by_key(|(code, _)| code.number);
    let all_codes = all(catalog, by_number.iter().map(|(code, _)| *code));
    file.items
        .push(syn::Item::Enum(error_code_enum(catalog, by_number)));
    file.items.push(parse(all_codes));
    file
}

/// The enum, its variants built as syntax (see `syntax`), in number order.
fn error_code_enum(catalog: &Catalog, by_number: Vec<(&Code, Option<String>)>) -> syn::ItemEnum {
    let mut next = 0;
    let variants = by_number.into_iter().map(|(code, url)| {
        // Implicit discriminants count on from the one before.
        let explicit = code.number != next;
        next = code.number.saturating_add(1);
        variant(catalog, code, url, explicit)
    });
    let service = format!(
        " An error code of the {}.",
        escape_line(&catalog.meta.service)
    );
    let first = &catalog.codes[0];
    let example = doc_attributes(&[
        "```".to_owned(),
        format!("use {}::ErrorCode;", lib_name(catalog)),
        String::new(),
        format!(
            "assert_eq!(ErrorCode::{} as u32, {});",
            first.rust_variant, first.number
        ),
        "```".to_owned(),
    ]);
    let mut item: syn::ItemEnum = parse(quote! {
        #[doc = #service]
        ///
        /// One variant per code of the table. Parse a code with
        /// [`ErrorCode::from_code`] or [`str::parse`]; [`ErrorCode::as_str`] and
        /// [`Display`](core::fmt::Display) give it back; [`ErrorCode::ALL`]
        /// lists every code.
        ///
        /// # Stable numbers
        ///
        /// Every code has a number for the life of the crate, its discriminant:
        /// `code as u32`, given in each variant's docs. A new code gets the next
        /// number, wherever its row is in the table; a code keeps its number when
        /// rows are added, removed or moved around it, and the number of a
        /// removed code is never given to another. The numbers are kept in the
        /// spec's `codes.lock`, and the variants are declared, and
        /// [`ErrorCode::ALL`] lists them, in their order: the table's order when
        /// the codes were first numbered, then each code added since.
        ///
        /// The representation is `u32` whatever the number of codes: it never
        /// has to change as the table grows (a `u8` or a `u16` would have to
        /// grow past 255 or 65,535 codes, a breaking change). Still, send and
        /// store a code as its text ([`ErrorCode::as_str`]): that is what the
        /// API returns.
        ///
        #(#example)*
        ///
        /// # Order
        ///
        /// `Ord` compares the codes' text, byte by byte ([`ErrorCode::as_str`]),
        /// an order that is the same in every version.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #[repr(u32)]
        pub enum ErrorCode {}
    });
    item.variants = variants.collect();
    item
}

/// One variant: its docs, alias and deprecation, and its number if it is
/// not the one after the variant before (`explicit`).
fn variant(catalog: &Catalog, code: &Code, url: Option<String>, explicit: bool) -> syn::Variant {
    let mut lines = variant_doc_lines(catalog, code);
    if let Some(url) = url {
        lines.push(String::new());
        // In `<…>`, the address may hold parentheses; validation rejects `<>`.
        lines.push(format!("See the [reference page](<{url}>)."));
    }
    let mut attrs = doc_attributes(&lines);
    // rustdoc rejects an alias that holds a quote or is the variant's own name.
    let alias = code.code.as_str();
    if alias != code.rust_variant && !alias.contains(['"', '\'']) {
        attrs.extend(outer_attributes(quote!(#[doc(alias = #alias)])));
    }
    if let Some(note) = code.deprecated.as_deref() {
        attrs.extend(outer_attributes(quote!(#[deprecated(note = #note)])));
    }
    syn::Variant {
        attrs,
        ident: variant_ident(code),
        fields: syn::Fields::Unit,
        discriminant: explicit.then(|| {
            (
                syn::Token![=](Span::call_site()),
                int(u64::from(code.number)),
            )
        }),
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
        "- Category: [`Category::{0}`](crate::Category::{0}) ({1}){2}",
        category.rust_variant,
        escape_line(&category.title),
        if code.retryable { "; retryable" } else { "" }
    ));
    lines.push(format!(
        "- Stable number: {} (the discriminant)",
        code.number
    ));
    if code.cases.len() > 1 {
        lines.push(String::new());
        lines.push(format!(
            "The table lists this code {} times; [`ErrorCode::cases`] gives every row.",
            code.cases.len()
        ));
        for other in &code.cases[1..] {
            let summary = paragraphs(&other.error_msg).next().unwrap_or_default();
            lines.push(match other.http_status {
                Some(status) => format!("- {status}: {}", escape_line(summary)),
                None => format!("- {}", escape_line(summary)),
            });
        }
    }
    lines
}

/// `ErrorCode::ALL`: every variant, one per line, in number order.
fn all<'a>(catalog: &Catalog, by_number: impl Iterator<Item = &'a Code>) -> TokenStream {
    let all = by_number.map(variant_ident);
    let allow_deprecated = catalog
        .codes
        .iter()
        .any(|c| c.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        impl ErrorCode {
            /// Every code, in the order of their stable numbers (the table's
            /// order when the codes were first numbered, then each code added
            /// since).
            #allow_deprecated
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#all),*];
        }
    }
}
