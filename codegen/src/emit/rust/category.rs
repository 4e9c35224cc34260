//! `category.rs`: the `Category` enum, what a caller should do about an error.

use proc_macro2::{Ident, Span};
use quote::quote;

use super::{doc_attrs, source_file};
use crate::emit::markdown::{escape_line, paragraph_lines};
use crate::model::{Catalog, Category};

/// The variant of a category.
pub(super) fn variant(category: &Category) -> Ident {
    Ident::new(&category.rust_variant, Span::call_site())
}

pub(super) fn file(catalog: &Catalog) -> syn::File {
    let variants: Vec<Ident> = catalog.categories.iter().map(variant).collect();
    let docs = catalog.categories.iter().map(|c| {
        let mut lines = vec![escape_line(&c.title), String::new()];
        lines.extend(paragraph_lines(&c.description, escape_line));
        doc_attrs(&lines, false)
    });
    let keys = catalog.categories.iter().map(|c| c.key.as_str());
    let titles = catalog.categories.iter().map(|c| c.title.as_str());
    let descriptions = catalog.categories.iter().map(|c| c.description.as_str());
    let items = quote! {
        use core::fmt;

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
    };
    source_file(
        &["[`Category`]: what a caller should do about an error."],
        items,
    )
}
