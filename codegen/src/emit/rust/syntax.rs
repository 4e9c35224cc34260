//! Syntax trees built directly, for the parts of the crate that grow with
//! the table: the variants of `ErrorCode` and the entries of `table.rs`.
//!
//! Everything else is written with `quote!` and parsed. Parsing is what a
//! debug build of the generator spends most of its time on when a table has
//! hundreds of codes (syn reads every string literal twice, char by char),
//! so the per-code items are built here as syn values, which prettyplease
//! prints the same way.

use proc_macro2::{Ident, Span, TokenStream};
use syn::punctuated::Punctuated;

use super::raw_literal;

/// Parses tokens that this emitter wrote. They come from `quote!`, so a
/// failure is a bug in the emitter, never in the spec.
pub(super) fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> T {
    match syn::parse2(tokens) {
        Ok(parsed) => parsed,
        Err(e) => panic!("the Rust emitter produced tokens that do not parse: {e}"),
    }
}

/// Outer attributes that this emitter wrote as tokens (`#[doc(alias = …)]`).
pub(super) fn outer_attributes(tokens: TokenStream) -> Vec<syn::Attribute> {
    use syn::parse::Parser;
    match syn::Attribute::parse_outer.parse2(tokens) {
        Ok(attrs) => attrs,
        Err(e) => panic!("the Rust emitter produced attributes that do not parse: {e}"),
    }
}

/// `#[doc = " line"]` attributes, one per line (`///` once printed).
pub(super) fn doc_attributes<S: AsRef<str>>(lines: &[S]) -> Vec<syn::Attribute> {
    lines
        .iter()
        .map(|line| {
            let line = line.as_ref();
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            syn::Attribute {
                pound_token: syn::Token![#](Span::call_site()),
                style: syn::AttrStyle::Outer,
                bracket_token: syn::token::Bracket::default(),
                meta: syn::Meta::NameValue(syn::MetaNameValue {
                    path: ident("doc").into(),
                    eq_token: syn::Token![=](Span::call_site()),
                    value: literal(syn::Lit::new(raw_literal(&text))),
                }),
            }
        })
        .collect()
}

/// A string literal: `"text"`.
pub(super) fn string(text: &str) -> syn::Expr {
    literal(syn::Lit::Str(syn::LitStr::new(text, Span::call_site())))
}

/// An unsuffixed integer literal, `_`-grouped from 100,000 on.
pub(super) fn int(n: u64) -> syn::Expr {
    literal(syn::Lit::new(super::int_literal(n)))
}

/// `true` or `false`.
pub(super) fn boolean(value: bool) -> syn::Expr {
    literal(syn::Lit::Bool(syn::LitBool::new(value, Span::call_site())))
}

/// A path: `ErrorCode::Ais0014`.
pub(super) fn path(segments: &[&str]) -> syn::Expr {
    let mut path = syn::Path {
        leading_colon: None,
        segments: Punctuated::new(),
    };
    for segment in segments {
        path.segments.push(ident(segment).into());
    }
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `Name { field: value, … }`.
pub(super) fn struct_expr<'a>(
    name: &str,
    fields: impl IntoIterator<Item = (&'a str, syn::Expr)>,
) -> syn::Expr {
    syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: ident(name).into(),
        brace_token: syn::token::Brace::default(),
        fields: fields
            .into_iter()
            .map(|(member, expr)| syn::FieldValue {
                attrs: Vec::new(),
                member: syn::Member::Named(ident(member)),
                colon_token: Some(syn::Token![:](Span::call_site())),
                expr,
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}

/// A call: `Cases::One(arg, …)`.
pub(super) fn call(function: &[&str], args: impl IntoIterator<Item = syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path(function)),
        paren_token: syn::token::Paren::default(),
        args: args.into_iter().collect(),
    })
}

/// `&[item, …]`.
pub(super) fn slice(items: impl IntoIterator<Item = syn::Expr>) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: syn::Token![&](Span::call_site()),
        mutability: None,
        expr: Box::new(syn::Expr::Array(syn::ExprArray {
            attrs: Vec::new(),
            bracket_token: syn::token::Bracket::default(),
            elems: items.into_iter().collect(),
        })),
    })
}

fn literal(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}
