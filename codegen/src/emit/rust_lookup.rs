//! The lookup behind `ErrorCode::from_code`: a private module `lookup` with
//! `fn find(code: &str) -> Option<ErrorCode>`.
//!
//! Kept apart from the rest of the Rust emitter because it is the one part
//! tuned for speed (see `cargo xtask bench`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::Catalog;

/// `mod lookup { pub(crate) fn find(..) }`: binary search over the codes, sorted.
#[must_use]
pub fn module(catalog: &Catalog) -> TokenStream {
    let n = catalog.codes.len();
    let mut sorted: Vec<(&str, usize)> = catalog
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.as_str(), i))
        .collect();
    sorted.sort_unstable();
    let entries = sorted.iter().map(|(code, i)| {
        let i = Literal::u32_unsuffixed(u32::try_from(*i).unwrap_or(u32::MAX));
        quote!((#code, #i))
    });
    quote! {
        /// Finding a code by its text.
        mod lookup {
            use super::ErrorCode;

            /// `(code, discriminant)`, sorted by code.
            static SORTED: [(&str, u32); #n] = [#(#entries),*];

            /// The code whose text is `code`.
            pub(crate) fn find(code: &str) -> Option<ErrorCode> {
                let i = SORTED.binary_search_by(|(candidate, _)| (*candidate).cmp(code)).ok()?;
                Some(ErrorCode::ALL[SORTED[i].1 as usize])
            }
        }
    }
}
