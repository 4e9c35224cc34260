//! `table.rs`: the data of every code, one entry per code in the order of
//! the codes' stable numbers, every text of the spec a string literal in
//! the entry of its code; and how an entry is found from a code.
//!
//! Entries are in number order, as `ErrorCode::ALL` is, so that the entry
//! of the code numbered `n` is `ENTRIES[n]` (after a removed code, a little
//! before it: a binary search by number finds it), with no `match` (a
//! `match` over thousands of variants is slow to compile). A new code takes
//! the next number, so its entry is added at the end.
//!
//! An entry holds its code's number, not its `ErrorCode`: `ALL` names every
//! variant once, in the same order, and a second list of 10,000 enum values
//! cost rustc a tenth more time to compile the crate.

use quote::quote;

use super::source_file;
use super::syntax::{boolean, call, int, parse, path, slice, string, struct_expr};
use crate::model::{Case, Catalog, Code};

pub(super) fn file(catalog: &Catalog) -> syn::File {
    let mut file = source_file(
        &[
            "The table: one entry per code, with every row the spec has for it, in the order",
            "of the codes' numbers (`ErrorCode as u32`), as in [`ErrorCode::ALL`]; and how a",
            "code finds its entry.",
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
            /// The code's stable number: its `ErrorCode as u32`.
            pub(crate) number: u32,
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
    let mut item: syn::ItemStatic = parse(quote! {
        /// Every code's entry, in the order of their numbers: `ENTRIES[i]` is
        /// the entry of `ErrorCode::ALL[i]`.
        pub(crate) static ENTRIES: &[Entry] = &[];
    });
    *item.expr = slice(
        super::by_number(catalog)
            .into_iter()
            .map(|code| entry(catalog, code)),
    );
    item
}

/// `position` and `entry`: how a code finds its entry.
fn lookup_fns() -> proc_macro2::TokenStream {
    quote! {
        /// The position of the code numbered `number` in `ENTRIES` and in
        /// [`ErrorCode::ALL`], if there is one: `number` itself, unless codes
        /// numbered before it were removed (then a binary search finds it).
        pub(crate) const fn position(number: u32) -> Option<usize> {
            let i = number as usize;
            if i < ENTRIES.len() && ENTRIES[i].number == number {
                return Some(i);
            }
            let (mut low, mut high) = (0, ENTRIES.len());
            while low < high {
                let middle = low + (high - low) / 2;
                let found = ENTRIES[middle].number;
                if found == number {
                    return Some(middle);
                }
                if found < number {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            None
        }

        /// The entry of `code`. (Every code has an entry: the `None` arm is
        /// never taken.)
        pub(crate) const fn entry(code: ErrorCode) -> &'static Entry {
            match position(code as u32) {
                Some(i) => &ENTRIES[i],
                None => &ENTRIES[0],
            }
        }
    }
}

/// One code's entry, its number and texts, and a row per case:
/// `Entry { number: 1, code: "AIS.0014", name: "Ais0014", category:
/// Category::Request, retryable: false, cases: Cases::One(ErrorCase { … }) }`.
fn entry(catalog: &Catalog, code: &Code) -> syn::Expr {
    let category = &catalog.categories[code.category].rust_variant;
    struct_expr(
        "Entry",
        [
            ("number", int(u64::from(code.number))),
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
/// description: "…", handling_measure: "…" }`; in a catalog whose codes
/// carry no status, `http_status: None`.
fn case(case: &Case) -> syn::Expr {
    let status = match case.http_status {
        Some(status) => int(u64::from(status)),
        None => path(&["None"]),
    };
    struct_expr(
        "ErrorCase",
        [
            ("http_status", status),
            ("error_msg", string(&case.error_msg)),
            ("description", string(&case.description)),
            ("handling_measure", string(&case.handling_measure)),
        ],
    )
}
