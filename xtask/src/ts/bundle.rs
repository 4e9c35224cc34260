//! What a bundler keeps of a generated npm package: each export bundled
//! alone by esbuild and by Rollup (`xtask/ts/bundle.mjs`), with budgets that
//! `cargo xtask ci` enforces and sizes that `cargo xtask bench` reports.
//!
//! The functions take a package folder and its catalog, so that they run on
//! any catalog's package: CI runs them on each catalog's package and on the
//! hostile-text spec's (`super::steps`).
//!
//! The budgets, per bundler:
//! - `isErrorCode` alone, and `ERROR_CODES` alone, at most 1.5× the code list
//!   (the codes as a minified array literal), or the list and [`FIXED_ROOM`]
//!   bytes for a table so small that the function outweighs half its codes;
//!   and none of the table's texts;
//! - `parseErrorResponse` alone, `readErrorResponse` alone, and `CATEGORIES` alone: none
//!   of the table's texts;
//! - one code's entry, imported by its name: its own texts, no other code's;
//! - `ERRORS`, `lookupError` and `errorBody` (which looks the code up): every text
//!   (which also shows that the search finds texts in that bundler's output).
//!
//! Besides, every ES module of the package only declares: Rollup, ignoring
//! `sideEffects`, keeps nothing of `import "<file>"` ([`check_side_effects`]).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Catalog;
use codegen::emit::ts::js_string;

/// How much bigger than the code list a bundle of `isErrorCode` may be.
const RATIO: (usize, usize) = (3, 2);
/// The bytes a bundle of `isErrorCode` may add to a small table's code list:
/// the function, the `Set` and the module's export.
const FIXED_ROOM: usize = 512;
/// The shortest run of a text that the text checks look for (see [`fragment`]).
const MIN_FRAGMENT: usize = 12;

/// The bundlers, as `bundle.mjs` names them.
const BUNDLERS: [&str; 2] = ["esbuild", "rollup"];

/// What one export's bundle must hold of the table's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    /// The codes only: within the budget, and no text.
    CodeList,
    /// No text of the table.
    NoText,
    /// The texts of the first code, and of no other.
    FirstEntry,
    /// Every text.
    Everything,
}

/// The exports bundled, each alone, in the order reported; `None` is the
/// first code's constant (its name depends on the catalog).
const EXPORTS: [(Option<&str>, Holds); 9] = [
    (Some("isErrorCode"), Holds::CodeList),
    (Some("ERROR_CODES"), Holds::CodeList),
    (Some("parseErrorResponse"), Holds::NoText),
    (Some("readErrorResponse"), Holds::NoText),
    (Some("CATEGORIES"), Holds::NoText),
    (None, Holds::FirstEntry),
    (Some("lookupError"), Holds::Everything),
    (Some("ERRORS"), Holds::Everything),
    (Some("errorBody"), Holds::Everything),
];

/// A bundle's size in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub minified: usize,
    pub gzipped: usize,
}

/// The bundles of one export, by bundler ([`BUNDLERS`] order).
pub struct ExportBundles {
    /// The exported name.
    pub export: String,
    holds: Holds,
    pub sizes: [Size; 2],
    texts: [String; 2],
}

/// Every export of one package, bundled.
pub struct Measured {
    /// The package's name in reports (the catalog's, or `hostile`).
    pub name: String,
    pub codes: usize,
    /// The size of the code list alone (see [`code_list_bytes`]).
    pub code_list: usize,
    pub exports: Vec<ExportBundles>,
}

/// The gitignored folder of one package's entries and bundles.
fn work(root: &Path, name: &str) -> PathBuf {
    super::from_spec(root).join("bundles").join(name)
}

/// Bundles each of [`EXPORTS`] from the package in `dir`, linked into the
/// tools' `node_modules` as `@bundle/<name>`.
pub fn measure(root: &Path, name: &str, dir: &Path, catalog: &Catalog) -> Result<Measured, String> {
    let first = catalog
        .codes
        .first()
        .ok_or_else(|| format!("{name}: the catalog has no code"))?;
    let specifier = format!("@bundle/{}", name.to_lowercase());
    super::link(
        &super::tools(root).join("node_modules").join(&specifier),
        dir,
    )?;
    let work = work(root, name);
    let mut entries = Vec::new();
    for (export, holds) in EXPORTS {
        let export = export.unwrap_or(&first.rust_variant).to_owned();
        let entry = work.join("entries").join(format!("{export}.js"));
        super::write(
            &entry,
            &format!("export {{ {export} }} from {};\n", js_string(&specifier)),
        )?;
        entries.push((export, holds, entry));
    }
    let out = work.join("out");
    let mut args = vec!["bundle.mjs".to_owned(), "sizes".to_owned(), utf8(&out)?];
    for (_, _, entry) in &entries {
        args.push(utf8(entry)?);
    }
    let results = bundle_mjs(root, &args)?;
    let mut exports = Vec::new();
    for (export, holds, entry) in entries {
        let mut sizes = [Size {
            minified: 0,
            gzipped: 0,
        }; 2];
        let mut texts = [String::new(), String::new()];
        for (i, bundler) in BUNDLERS.iter().enumerate() {
            let result = results
                .iter()
                .find(|r| {
                    r["entry"] == utf8(&entry).unwrap_or_default() && r["bundler"] == *bundler
                })
                .ok_or_else(|| format!("bundle.mjs gave no {bundler} bundle of {export}"))?;
            let number = |key: &str| {
                result[key]
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| format!("bundle.mjs: no {key} for {export}"))
            };
            sizes[i] = Size {
                minified: number("minified")?,
                gzipped: number("gzipped")?,
            };
            let file = result["file"].as_str().unwrap_or_default();
            texts[i] = fs::read_to_string(file).map_err(|e| format!("reading {file}: {e}"))?;
        }
        exports.push(ExportBundles {
            export,
            holds,
            sizes,
            texts,
        });
    }
    Ok(Measured {
        name: name.to_owned(),
        codes: catalog.codes.len(),
        code_list: code_list_bytes(catalog),
        exports,
    })
}

/// Runs `node bundle.mjs ARGS` in the tools' folder and reads its JSON report.
fn bundle_mjs(root: &Path, args: &[String]) -> Result<Vec<serde_json::Value>, String> {
    println!("$ node {}", args.join(" "));
    let output = Command::new("node")
        .args(args)
        .current_dir(super::tools(root))
        .output()
        .map_err(|e| format!("cannot run `node`: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`node {}` exited with {}:\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("bundle.mjs printed no JSON: {e}"))?;
    report
        .as_array()
        .cloned()
        .ok_or_else(|| "bundle.mjs printed no list".to_owned())
}

fn utf8(path: &Path) -> Result<String, String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("the path {} is not UTF-8", path.display()))
}

/// Every ES module of the package in `dir` (the `.js` files) only declares.
pub fn check_side_effects(root: &Path, dir: &Path) -> Result<(), String> {
    let mut files: Vec<String> = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "js") {
            files.push(utf8(&path)?);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("{} has no ES module", dir.display()));
    }
    let mut args = vec!["bundle.mjs".to_owned(), "side-effects".to_owned()];
    args.extend(files.iter().cloned());
    for result in bundle_mjs(root, &args)? {
        let kept = result["kept"].as_str().unwrap_or("?");
        if !kept.is_empty() {
            let file = result["file"].as_str().unwrap_or("?");
            let start: String = kept.chars().take(300).collect();
            return Err(format!(
                "{file} does more than declare: a bundle of `import` of it keeps\n{start}"
            ));
        }
    }
    println!(
        "{} ES modules of {} only declare (Rollup keeps nothing of importing them)",
        files.len(),
        dir.display()
    );
    Ok(())
}

/// The code list alone, minified: the codes as an array literal, `["A","B"]`.
pub fn code_list_bytes(catalog: &Catalog) -> usize {
    let codes: Vec<String> = catalog.codes.iter().map(|c| js_string(&c.code)).collect();
    format!("[{}]", codes.join(",")).len()
}

/// The most that a bundle of the code list alone may weigh.
fn code_list_budget(code_list: usize) -> usize {
    (code_list * RATIO.0 / RATIO.1).max(code_list + FIXED_ROOM)
}

/// The longest run of a text that every minifier writes as it is, if it has
/// [`MIN_FRAGMENT`] characters: ASCII letters, digits, spaces and punctuation
/// that no string literal escapes (not quotes, backslashes, `<`, `>`, `$`,
/// braces; a line break ends a run).
fn fragment(text: &str) -> Option<&str> {
    let plain = |c: char| {
        c.is_ascii_alphanumeric()
            || (c == ' ' || c.is_ascii_punctuation()) && !"\"'`\\<>${}".contains(c)
    };
    text.split(|c: char| !plain(c))
        .map(str::trim)
        .filter(|run| run.len() >= MIN_FRAGMENT)
        .max_by_key(|run| run.len())
}

/// Each code's fragments of its texts (message, description, handling measure of every case).
fn fragments(catalog: &Catalog) -> Vec<Vec<&str>> {
    catalog
        .codes
        .iter()
        .map(|code| {
            let mut found: Vec<&str> = code
                .cases
                .iter()
                .flat_map(|c| [&c.error_msg, &c.description, &c.handling_measure])
                .filter_map(|text| fragment(text))
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        })
        .collect()
}

/// Checks one package's bundles against the budgets (see the module's documentation).
pub fn check(measured: &Measured, catalog: &Catalog) -> Result<(), String> {
    let fragments = fragments(catalog);
    let first: &[&str] = fragments.first().map_or(&[], Vec::as_slice);
    let all: Vec<&str> = {
        let mut all: Vec<&str> = fragments.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    // Another code's text that the first code's texts hold too (`Try again
    // later.` in `Internal error. Try again later.`) is its own as well.
    let first_texts: Vec<&str> = catalog.codes.first().map_or_else(Vec::new, |code| {
        code.cases
            .iter()
            .flat_map(|c| [&c.error_msg, &c.description, &c.handling_measure])
            .map(String::as_str)
            .collect()
    });
    let others: Vec<&str> = all
        .iter()
        .filter(|f| !first.contains(f) && !first_texts.iter().any(|text| text.contains(**f)))
        .copied()
        .collect();
    let budget = code_list_budget(measured.code_list);
    let name = &measured.name;
    for export in &measured.exports {
        for (i, bundler) in BUNDLERS.iter().enumerate() {
            let text = &export.texts[i];
            let size = export.sizes[i].minified;
            let what = format!("{name}: {bundler}'s bundle of `{}`", export.export);
            let held = |list: &[&str]| -> Vec<String> {
                list.iter()
                    .filter(|f| text.contains(**f))
                    .map(|f| format!("{f:?}"))
                    .collect()
            };
            let missing = |list: &[&str]| -> Vec<String> {
                list.iter()
                    .filter(|f| !text.contains(**f))
                    .map(|f| format!("{f:?}"))
                    .collect()
            };
            let problem = match export.holds {
                Holds::CodeList if size > budget => Some(format!(
                    "is {size} bytes, over its budget of {budget} (the code list alone is {} bytes)",
                    measured.code_list
                )),
                Holds::CodeList | Holds::NoText => {
                    some_found("holds the table's texts", &held(&all))
                }
                Holds::FirstEntry => some_found("lacks its own texts", &missing(first))
                    .or_else(|| some_found("holds other codes' texts", &held(&others))),
                Holds::Everything => some_found(
                    "lacks texts of the table (or the check cannot find texts in its output)",
                    &missing(&all),
                ),
            };
            if let Some(problem) = problem {
                return Err(format!("{what} {problem}"));
            }
        }
    }
    println!(
        "{name}: every bundle within its budget ({} texts of {} codes looked for; the code list is \
         {} bytes, the budget of isErrorCode and ERROR_CODES {budget})",
        all.len(),
        measured.codes,
        measured.code_list
    );
    Ok(())
}

/// `Some("<what>: a, b, c …")` if `found` is not empty.
fn some_found(what: &str, found: &[String]) -> Option<String> {
    (!found.is_empty()).then(|| {
        let shown: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
        let more = if found.len() > 3 {
            format!(" and {} more", found.len() - 3)
        } else {
            String::new()
        };
        format!("{what}: {}{more}", shown.join(", "))
    })
}

/// The sizes as a Markdown table: one row per package and export.
pub fn report(measured: &[Measured]) -> String {
    let mut out = String::from(
        "| package | export | esbuild, minified | esbuild, gzip | Rollup + terser, minified | Rollup + terser, gzip |\n\
         |---|---|---:|---:|---:|---:|\n",
    );
    for package in measured {
        let _ = writeln!(
            out,
            "| {} ({} codes) | the code list alone | {} | | | |",
            package.name,
            package.codes,
            bytes(package.code_list)
        );
        for export in &package.exports {
            let [esbuild, rollup] = export.sizes;
            let label = if export.holds == Holds::FirstEntry {
                format!("`{}` (one code's entry)", export.export)
            } else {
                format!("`{}`", export.export)
            };
            let _ = writeln!(
                out,
                "| {} | {label} | {} | {} | {} | {} |",
                package.name,
                bytes(esbuild.minified),
                bytes(esbuild.gzipped),
                bytes(rollup.minified),
                bytes(rollup.gzipped)
            );
        }
    }
    out
}

/// `14358` → `14.4 KB`; under 1,000 bytes, `571 B`.
fn bytes(n: usize) -> String {
    if n < 1000 {
        format!("{n} B")
    } else {
        let tenths = (n + 50) / 100;
        format!("{}.{} KB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests;
