//! A guard of each released crate's public API, cheap enough for `cargo
//! test`: a catalog that keeps `public-api.txt` in its folder (the public
//! items of its crate as last released) must still have every item listed
//! there, with the same signature, in `generated/<catalog>/rust` (read with
//! syn from its sources); and a public struct that is not `#[non_exhaustive]`
//! keeps exactly its public fields (one more breaks a struct literal:
//! cargo-semver-checks' `constructible_struct_adds_field`). New items are
//! allowed: they make a minor release.
//!
//! The variants of `ErrorCode` are not listed: the codes have their own
//! rules (see [`super::discriminants`] and the lifecycle of a code). Only
//! cargo-semver-checks itself, `cargo semver-checks check-release` against
//! the released crate, checks everything; this catches the changes of the
//! generator's code (a field renamed, a method's signature changed, a derive
//! dropped) in every `cargo test`.
//!
//! After a release, `UPDATE_SNAPSHOTS=1 cargo test -p xtask public_api`
//! rewrites each list from its crate as generated.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use quote::ToTokens;

/// The file of a catalog's folder that lists its crate's public items as
/// last released.
pub const SNAPSHOT: &str = "public-api.txt";

/// The public items of a crate's source files, one line each, sorted:
/// `struct ErrorResponse exhaustive derive(Clone, Debug)`, `field
/// ErrorResponse.error_code: String`, `fn ErrorCode::as_str(self) -> &'static
/// str`, `impl Display for ErrorCode`, … Items inside a `#[cfg(feature =
/// "serde")]` module are marked `serde:`.
pub fn public_items(files: &[syn::File]) -> Vec<String> {
    let mut types = BTreeSet::new();
    for file in files {
        public_types(&file.items, &mut types);
    }
    let mut items = BTreeSet::new();
    for file in files {
        list(&file.items, "", &types, &mut items);
    }
    items.into_iter().collect()
}

/// The names of the public structs and enums, at any depth of modules.
fn public_types(items: &[syn::Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::Struct(s) if is_public(&s.vis) => {
                out.insert(s.ident.to_string());
            }
            syn::Item::Enum(e) if is_public(&e.vis) => {
                out.insert(e.ident.to_string());
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    public_types(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn tokens(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string()
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// Whether another crate can build the type with a literal (`constructible`:
/// not `#[non_exhaustive]`, and every field public), and its derives.
fn shape_of(attrs: &[syn::Attribute], all_fields_public: bool) -> String {
    let exhaustive = if attrs.iter().any(|a| a.path().is_ident("non_exhaustive")) {
        "non_exhaustive"
    } else if all_fields_public {
        "constructible"
    } else {
        "exhaustive"
    };
    let mut derives = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        if let syn::Meta::List(list) = &attr.meta {
            derives.extend(
                list.tokens
                    .to_string()
                    .split(',')
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty()),
            );
        }
    }
    derives.sort();
    format!("{exhaustive} derive({})", derives.join(", "))
}

fn list(items: &[syn::Item], prefix: &str, types: &BTreeSet<String>, out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::Struct(s) if is_public(&s.vis) => {
                let name = &s.ident;
                let all_public = s.fields.iter().all(|field| is_public(&field.vis));
                out.insert(format!(
                    "{prefix}struct {name} {}",
                    shape_of(&s.attrs, all_public)
                ));
                for field in &s.fields {
                    if let (true, Some(field_name)) = (is_public(&field.vis), &field.ident) {
                        out.insert(format!(
                            "{prefix}field {name}.{field_name}: {}",
                            tokens(&field.ty)
                        ));
                    }
                }
            }
            syn::Item::Enum(e) if is_public(&e.vis) => {
                let name = &e.ident;
                out.insert(format!("{prefix}enum {name} {}", shape_of(&e.attrs, true)));
                if name != "ErrorCode" {
                    for variant in &e.variants {
                        out.insert(format!("{prefix}variant {name}::{}", variant.ident));
                    }
                }
            }
            syn::Item::Const(c) if is_public(&c.vis) => {
                out.insert(format!("{prefix}const {}: {}", c.ident, tokens(&c.ty)));
            }
            syn::Item::Fn(f) if is_public(&f.vis) => {
                out.insert(format!("{prefix}{}", tokens(&f.sig)));
            }
            syn::Item::Impl(imp) => {
                let self_ty = tokens(&imp.self_ty);
                if !types.contains(&self_ty) {
                    continue; // a private type's
                }
                if let Some((trait_path, _)) = &imp.trait_ {
                    let last = trait_path
                        .segments
                        .last()
                        .map_or_else(|| tokens(trait_path), tokens);
                    out.insert(format!("{prefix}impl {last} for {self_ty}"));
                    continue;
                }
                for member in &imp.items {
                    match member {
                        syn::ImplItem::Fn(f) if is_public(&f.vis) => {
                            let name = f.sig.ident.to_string();
                            let sig = tokens(&f.sig).replacen(
                                &format!("fn {name}"),
                                &format!("fn {}::{name}", self_ty.replace(' ', "")),
                                1,
                            );
                            out.insert(format!("{prefix}{sig}"));
                        }
                        syn::ImplItem::Const(c) if is_public(&c.vis) => {
                            out.insert(format!(
                                "{prefix}const {self_ty}::{}: {}",
                                c.ident,
                                tokens(&c.ty)
                            ));
                        }
                        _ => {}
                    }
                }
            }
            syn::Item::Mod(m) => {
                let serde = m
                    .attrs
                    .iter()
                    .any(|a| tokens(a).contains("feature = \"serde\""));
                if let Some((_, inner)) = &m.content {
                    let prefix = if serde { "serde: " } else { prefix };
                    list(inner, prefix, types, out);
                }
            }
            _ => {}
        }
    }
}

/// What of `baseline` the `current` items lack, and the fields added to
/// a struct that other crates can build with a literal: each a line of the error.
pub fn compare(baseline: &[String], current: &[String]) -> Vec<String> {
    let have: BTreeSet<&str> = current.iter().map(String::as_str).collect();
    let mut problems: Vec<String> = baseline
        .iter()
        .filter(|item| !have.contains(item.as_str()))
        .map(|item| format!("missing or changed: {item}"))
        .collect();
    let was: BTreeSet<&str> = baseline.iter().map(String::as_str).collect();
    for item in current {
        let Some(rest) = item.strip_prefix("field ") else {
            continue;
        };
        let owner = rest.split('.').next().unwrap_or_default();
        let constructible = baseline
            .iter()
            .any(|b| b.starts_with(&format!("struct {owner} constructible")));
        if constructible && !was.contains(item.as_str()) {
            problems.push(format!(
                "a field added to the struct {owner}, which other crates build with a literal: {item}"
            ));
        }
    }
    problems
}

/// The public items of the crate whose `src/` is `dir`.
pub fn items_of(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    paths.sort();
    for path in paths {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(public_items(&files))
}

/// The list as a catalog's `public-api.txt` holds it.
pub fn snapshot(items: &[String]) -> String {
    let mut out = String::from(
        "# The public items of this catalog's crate as last released, one a line;\n\
         # `cargo test` fails when the generated crate lacks one (xtask/src/semver_suite/public_api.rs).\n",
    );
    for item in items {
        let _ = writeln!(out, "{item}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_released_crate_keeps_every_public_item_of_its_last_release() {
        let mut checked = 0;
        for catalog in crate::workspace::catalogs().expect("the workspace's catalogs") {
            let path = crate::workspace::spec_root()
                .join(&catalog.name)
                .join(SNAPSHOT);
            if !path.exists() {
                continue;
            }
            let sources = crate::workspace::output_of(&catalog.name).join("rust/src");
            let current = items_of(&sources).expect("the crate's sources");
            if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
                std::fs::write(&path, snapshot(&current)).expect("write the snapshot");
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("the snapshot");
            let baseline: Vec<String> = text
                .lines()
                .filter(|line| !line.starts_with('#') && !line.is_empty())
                .map(str::to_owned)
                .collect();
            assert!(
                baseline
                    .iter()
                    .any(|item| item.starts_with("struct ErrorResponse")),
                "{}: lists no ErrorResponse",
                path.display()
            );
            let problems = compare(&baseline, &current);
            assert!(
                problems.is_empty(),
                "{} ({}):\n{}",
                catalog.meta.crate_name,
                path.display(),
                problems.join("\n")
            );
            checked += 1;
        }
        println!("{checked} released crate(s) checked");
    }

    #[test]
    fn a_changed_signature_or_a_field_of_a_constructible_struct_is_found() {
        let parse = |text: &str| public_items(&[syn::parse_file(text).expect("Rust")]);
        let old = parse(
            "#[derive(Clone, Debug)] pub struct R { pub a: String }\n\
             impl R { pub fn code(&self) -> Option<u8> { None } }\n\
             #[non_exhaustive] pub struct Open { pub x: u8 }\n\
             pub struct Closed { pub a: u8, b: u8 }\n\
             struct Private;\n\
             impl std::fmt::Display for Private {}",
        );
        for item in [
            "struct R constructible derive(Clone, Debug)",
            "field R.a: String",
            "struct Open non_exhaustive derive()",
            "struct Closed exhaustive derive()",
        ] {
            assert!(old.contains(&item.to_owned()), "{item}: {old:?}");
        }
        assert!(old.iter().any(|i| i.starts_with("fn R::code")), "{old:?}");
        assert!(
            !old.iter()
                .any(|i| i.contains(".b") || i.contains("Private")),
            "{old:?}"
        );
        let added = parse(
            "#[derive(Clone, Debug)] pub struct R { pub a: String }\n\
             impl R { pub fn code(&self) -> Option<u8> { None } pub fn more(&self) {} }\n\
             #[non_exhaustive] pub struct Open { pub x: u8, pub y: u8 }\n\
             pub struct Closed { pub a: u8, b: u8, pub c: u8 }",
        );
        assert_eq!(compare(&old, &added), Vec::<String>::new());
        let added_field = parse(
            "#[derive(Clone, Debug)] pub struct R { pub a: String, pub c: u8 }\n\
             impl R { pub fn code(&self) -> Option<u8> { None } }\n\
             #[non_exhaustive] pub struct Open { pub x: u8 }\n\
             pub struct Closed { pub a: u8, b: u8 }",
        );
        let problems = compare(&old, &added_field);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("field R.c"), "{problems:?}");
        let changed = parse(
            "#[derive(Clone)] pub struct R { pub a: String }\n\
             impl R { pub fn code(&self) -> Option<u16> { None } }",
        );
        let problems = compare(&old, &changed);
        assert!(
            problems.iter().any(|p| p.contains("derive(Clone, Debug)")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("fn R::code")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("struct Open")),
            "{problems:?}"
        );
    }
}
