//! `table.rs`: the data of every code, one entry per code in the order of
//! the codes' stable numbers, every text of the spec a string literal in
//! the entry of its code; and how an entry is found from a code.
//!
//! Entries are in number order so that the entry of code `n` is found at
//! `ENTRIES[n]` (after a removed code, a little before it: a binary search
//! by number finds it), with no `match` (a `match` over thousands of
//! variants is slow to compile). A new code takes the next number, so its
//! entry is added at the end.

use quote::quote;

use super::source_file;
use super::syntax::{boolean, call, int, parse, path, slice, string, struct_expr};
use crate::model::{Case, Catalog, Code};

pub(super) fn file(catalog: &Catalog) -> syn::File {
    let mut file = source_file(
        &[
            "The table: one entry per code, with every row the spec has for it, in the order",
            "of the codes' numbers (`ErrorCode as u32`); and how a code finds its entry.",
        ],
        quote! {
            use crate::{Category, ErrorCase, ErrorCode};
        },
    );
    file.items
        .extend(parse::<syn::File>(entry_struct(catalog)).items);
    file.items.push(syn::Item::Static(entries(catalog)));
    file.items.extend(parse::<syn::File>(lookup_fns()).items);
    file
}

/// `struct Entry` and `enum Cases`.
fn entry_struct(catalog: &Catalog) -> proc_macro2::TokenStream {
    // A table may list every code once, or none: one variant is then unused.
    let unused = |used: bool| (!used).then(|| quote!(#[allow(dead_code)]));
    let one = unused(catalog.codes.iter().any(|c| c.cases.len() == 1));
    let many = unused(catalog.codes.iter().any(|c| c.cases.len() > 1));
    quote! {
        /// A code's data.
        pub(crate) struct Entry {
            /// The code.
            pub(crate) error_code: ErrorCode,
            /// The code as the API writes it.
            pub(crate) code: &'static str,
            /// The name of its variant, which `Debug` prints.
            pub(crate) name: &'static str,
            /// What a caller should do about it.
            pub(crate) category: Category,
            /// Whether sending the same request again later may succeed.
            pub(crate) retryable: bool,
            /// Its rows of the table.
            pub(crate) cases: Cases,
        }

        /// A code's rows of the table. Most codes have one, held as it is: a
        /// slice for each of thousands of codes makes the crate slower to compile.
        pub(crate) enum Cases {
            /// The row of a code that the table lists once.
            #one
            One(ErrorCase),
            /// The rows of a code that the table lists several times, in table order.
            #many
            Many(&'static [ErrorCase]),
        }

        impl Cases {
            /// Every row, in table order; never empty.
            pub(crate) const fn all(&self) -> &[ErrorCase] {
                match self {
                    Cases::One(case) => core::slice::from_ref(case),
                    Cases::Many(cases) => cases,
                }
            }
        }
    }
}

/// `static ENTRIES`: every code's entry, in number order, built as syntax
/// (see `syntax`).
fn entries(catalog: &Catalog) -> syn::ItemStatic {
    let allow_deprecated = catalog
        .codes
        .iter()
        .any(|c| c.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    let mut item: syn::ItemStatic = parse(quote! {
        /// Every code's entry, in the order of their numbers.
        #allow_deprecated
        static ENTRIES: &[Entry] = &[];
    });
    let mut by_number: Vec<&Code> = catalog.codes.iter().collect();
    by_number.sort_by_key(|code| code.number);
    *item.expr = slice(by_number.iter().map(|code| entry(catalog, code)));
    item
}

/// `entry` and `by_number`: how a code finds its entry.
fn lookup_fns() -> proc_macro2::TokenStream {
    quote! {
        /// The entry of `code`: `ENTRIES[n]` for the code numbered `n`, unless
        /// codes numbered before it were removed. (Every code has an entry: the
        /// `None` arm is never taken.)
        pub(crate) const fn entry(code: ErrorCode) -> &'static Entry {
            match by_number(code as u32) {
                Some(entry) => entry,
                None => &ENTRIES[0],
            }
        }

        /// The entry of the code numbered `number`, if there is one.
        pub(crate) const fn by_number(number: u32) -> Option<&'static Entry> {
            let i = number as usize;
            if i < ENTRIES.len() && ENTRIES[i].error_code as u32 == number {
                return Some(&ENTRIES[i]);
            }
            // Codes were removed: a binary search by number.
            let (mut low, mut high) = (0, ENTRIES.len());
            while low < high {
                let middle = low + (high - low) / 2;
                let found = ENTRIES[middle].error_code as u32;
                if found == number {
                    return Some(&ENTRIES[middle]);
                }
                if found < number {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            None
        }
    }
}

/// One code's entry, its variant and texts, and a row per case:
/// `Entry { error_code: ErrorCode::Ais0014, code: "AIS.0014", name: "Ais0014",
/// category: Category::Request, retryable: false, cases: Cases::One(ErrorCase { … }) }`.
fn entry(catalog: &Catalog, code: &Code) -> syn::Expr {
    let category = &catalog.categories[code.category].rust_variant;
    struct_expr(
        "Entry",
        [
            ("error_code", path(&["ErrorCode", &code.rust_variant])),
            ("code", string(&code.code)),
            ("name", string(&code.rust_variant)),
            ("category", path(&["Category", category])),
            ("retryable", boolean(code.retryable)),
            ("cases", cases(code)),
        ],
    )
}

/// `Cases::One(ErrorCase { … })`, or `Cases::Many(&[ErrorCase { … }, …])`.
fn cases(code: &Code) -> syn::Expr {
    match &code.cases[..] {
        [one] => call(&["Cases", "One"], [case(one)]),
        many => call(&["Cases", "Many"], [slice(many.iter().map(case))]),
    }
}

/// One row of the table: `ErrorCase { http_status: 400, error_msg: "…",
/// description: "…", handling_measure: "…" }`.
fn case(case: &Case) -> syn::Expr {
    struct_expr(
        "ErrorCase",
        [
            ("http_status", int(u64::from(case.http_status))),
            ("error_msg", string(&case.error_msg)),
            ("description", string(&case.description)),
            ("handling_measure", string(&case.handling_measure)),
        ],
    )
}
