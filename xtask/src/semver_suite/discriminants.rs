//! The fast half of the semver suite, a step of `cargo xtask ci`: for every
//! scenario, the edited crate's `ErrorCode` against the sample's, compared as
//! cargo-semver-checks' lints compare them, from the generated source alone
//! (no crate is built, no rustdoc, no checker: a few seconds in all).
//!
//! What it checks, and the lint each check stands for:
//! - the `#[repr]` is the same (`enum_repr_int_changed`);
//! - every variant that both have keeps its discriminant
//!   (`enum_repr_variant_discriminant_changed`, and
//!   `enum_no_repr_variant_discriminant_changed` without a repr);
//! - `PartialOrd` is not derived, since a derived order follows the
//!   declaration (`partial_ord_enum_variants_reordered`);
//! - no new variant takes the discriminant of a removed one (no lint sees
//!   this, but a number stored by a user would read as another code);
//! - `gen` advises no breaking release for a scenario that adds codes.
//!
//! The slow half, `cargo xtask semver`, runs the checker itself.

use std::collections::HashMap;
use std::path::Path;

use super::prepare;
use super::report::Release;
use super::scenarios::SCENARIOS;

/// The `ErrorCode` enum as a downstream crate sees its layout.
#[derive(Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The integer of `#[repr(..)]`, if any.
    pub repr: Option<String>,
    /// The traits of `#[derive(..)]`.
    pub derives: Vec<String>,
    /// Each variant's name and discriminant, in declaration order.
    pub variants: Vec<(String, u64)>,
}

/// Checks every scenario; the error lists each problem of each scenario.
pub fn run(root: &Path) -> Result<(), String> {
    let scratch = tempfile::Builder::new()
        .prefix("error-codes-discriminants-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let (baseline, seed) = prepare::baseline_catalog_only(
        &root.join(prepare::SAMPLE),
        &scratch.path().join("baseline"),
    )?;
    let old = declaration_of(&seed)?;
    let old_version = semver::Version::parse(&seed.meta.version).map_err(|e| {
        format!(
            "the sample's version `{}` is not semver: {e}",
            seed.meta.version
        )
    })?;
    let mut failures = Vec::new();
    for (i, scenario) in SCENARIOS.iter().enumerate() {
        let edited = prepare::edit(&baseline, scenario, &scratch.path().join(i.to_string()))?;
        let new = declaration_of(&edited.catalog)?;
        let mut problems = compare(&old, &new);
        let advice = Release::of_advice(edited.changes.required_bump());
        if scenario.adds_code() && advice.is_breaking(&old_version) {
            problems.push(format!(
                "gen advises a breaking release ({}) for adding codes",
                edited.changes.required_bump()
            ));
        }
        println!(
            "{}: {} variants, repr {}; gen advises {}{}",
            scenario.name,
            new.variants.len(),
            new.repr.as_deref().unwrap_or("none"),
            edited.changes.required_bump(),
            if problems.is_empty() {
                ""
            } else {
                " — FAILS"
            },
        );
        for problem in &problems {
            println!("  {problem}");
        }
        if !problems.is_empty() {
            failures.push(scenario.name);
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the edited crate breaks the sample's `ErrorCode` in {} scenario(s):\n  {}",
            failures.len(),
            failures.join("\n  ")
        ))
    }
}

/// What the edit does to the declaration that a user of the old one could
/// notice; empty when nothing.
pub fn compare(old: &Declaration, new: &Declaration) -> Vec<String> {
    let mut problems = Vec::new();
    if old.repr != new.repr {
        problems.push(format!(
            "the repr changed from {:?} to {:?} (enum_repr_int_changed)",
            old.repr, new.repr
        ));
    }
    if let Some(derive) = new
        .derives
        .iter()
        .find(|d| *d == "PartialOrd" || *d == "Ord")
    {
        problems.push(format!(
            "`{derive}` is derived: its order is the declaration's, which moves with the rows \
             (partial_ord_enum_variants_reordered)"
        ));
    }
    let new_by_name: HashMap<&str, u64> =
        new.variants.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let old_names: HashMap<u64, &str> =
        old.variants.iter().map(|(n, d)| (*d, n.as_str())).collect();
    for (name, old_value) in &old.variants {
        match new_by_name.get(name.as_str()) {
            Some(new_value) if new_value != old_value => problems.push(format!(
                "`{name}` moved from discriminant {old_value} to {new_value} \
                 (enum_repr_variant_discriminant_changed)"
            )),
            _ => {}
        }
    }
    for (name, value) in &new.variants {
        if let Some(old_name) = old_names.get(value)
            && *old_name != name.as_str()
        {
            problems.push(format!(
                "`{name}` took discriminant {value}, which was `{old_name}`'s"
            ));
        }
    }
    problems
}

/// The declaration that `gen` writes for `catalog` (numbered by its spec's
/// lock, and the next numbers for new codes).
fn declaration_of(catalog: &codegen::Catalog) -> Result<Declaration, String> {
    let files = codegen::emit::rust::emit(catalog);
    let source = files
        .iter()
        .find(|f| f.path.ends_with("/error_code.rs"))
        .ok_or("the Rust emitter wrote no `error_code.rs`")?;
    declaration(&source.contents)
}

/// Reads the `ErrorCode` enum of a generated `error_code.rs`: implicit
/// discriminants count on from the variant before, as rustc counts them.
pub fn declaration(source: &str) -> Result<Declaration, String> {
    let file = syn::parse_file(source).map_err(|e| format!("error_code.rs does not parse: {e}"))?;
    let item = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == "ErrorCode" => Some(e),
            _ => None,
        })
        .ok_or("error_code.rs declares no `enum ErrorCode`")?;
    let mut repr = None;
    let mut derives = Vec::new();
    for attr in &item.attrs {
        if attr.path().is_ident("repr") {
            let ident: syn::Ident = attr.parse_args().map_err(|e| format!("#[repr]: {e}"))?;
            repr = Some(ident.to_string());
        } else if attr.path().is_ident("derive") {
            attr.parse_nested_meta(|meta| {
                if let Some(ident) = meta.path.get_ident() {
                    derives.push(ident.to_string());
                }
                Ok(())
            })
            .map_err(|e| format!("#[derive]: {e}"))?;
        }
    }
    let mut variants = Vec::with_capacity(item.variants.len());
    let mut next: u64 = 0;
    for variant in &item.variants {
        let value = match &variant.discriminant {
            None => next,
            Some((
                _,
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(int),
                    ..
                }),
            )) => int
                .base10_parse()
                .map_err(|e| format!("`{}`'s discriminant: {e}", variant.ident))?,
            Some(_) => {
                return Err(format!(
                    "`{}`'s discriminant is not an integer literal",
                    variant.ident
                ));
            }
        };
        variants.push((variant.ident.to_string(), value));
        next = value + 1;
    }
    Ok(Declaration {
        repr,
        derives,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_discriminants_count_on_from_the_last_explicit_one() {
        let declaration = declaration(
            "#[derive(Clone, Copy, PartialEq)] #[repr(u32)] pub enum ErrorCode { A, B, C = 7, D }",
        )
        .expect("parses");
        assert_eq!(declaration.repr.as_deref(), Some("u32"));
        assert_eq!(declaration.derives, ["Clone", "Copy", "PartialEq"]);
        assert_eq!(
            declaration.variants,
            [
                ("A".into(), 0),
                ("B".into(), 1),
                ("C".into(), 7),
                ("D".into(), 8)
            ]
        );
    }

    fn of(source: &str) -> Declaration {
        declaration(source).expect("parses")
    }

    #[test]
    fn a_variant_inserted_before_others_moves_them() {
        let old = of("#[repr(u8)] enum ErrorCode { A, B }");
        let new = of("#[repr(u8)] enum ErrorCode { A, N, B }");
        let problems = compare(&old, &new);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`B` moved from discriminant 1 to 2"));
        assert!(problems[1].contains("`N` took discriminant 1, which was `B`'s"));
    }

    #[test]
    fn a_new_variant_at_the_next_number_breaks_nothing() {
        let old = of("#[repr(u32)] enum ErrorCode { A, B }");
        let new = of("#[repr(u32)] enum ErrorCode { A, B, N }");
        assert_eq!(compare(&old, &new), Vec::<String>::new());
    }

    #[test]
    fn a_wider_repr_a_derived_order_and_a_reused_number_are_caught() {
        let old = of("#[repr(u8)] enum ErrorCode { A, B }");
        let new = of("#[derive(PartialOrd)] #[repr(u16)] enum ErrorCode { A, N = 1 }");
        let problems = compare(&old, &new).join("\n");
        assert!(problems.contains("enum_repr_int_changed"), "{problems}");
        assert!(problems.contains("`PartialOrd` is derived"), "{problems}");
        assert!(
            problems.contains("`N` took discriminant 1, which was `B`'s"),
            "{problems}"
        );
    }
}
