//! The npm package: `ts/package.json`, `ts/README.md`, the ES modules
//! (`ts/index.js` and the modules it re-exports, see [`runtime`]) with
//! `ts/index.d.ts`, and `ts/index.cjs` + `ts/index.d.cts` for `require`.
//!
//! ```text
//! ts.rs                   the files, package.json, and text made safe for JS and JSDoc
//! ts/runtime.rs           the JavaScript: ES modules that tree-shake, and index.cjs
//! ts/runtime/*.js         templates of the modules: data helpers, codes, categories, entries, parseErrorResponse
//! ts/declarations.rs      index.d.ts and index.d.cts, around the templates
//! ts/types.d.ts           template: ErrorCase, ErrorEntry, ErrorEntryOf, CategoryInfo
//! ts/shapes/<shape>.d.ts  templates: ErrorResponse, ErrorBody, readErrorResponse, parseErrorResponse, errorBody
//! ts/readme.rs            README.md
//! ```
//!
//! The templates are real files, so that `cargo xtask ci` checks them with
//! `node --check` and `tsc` (`ts/tsconfig.json`). Their first paragraph says
//! what they are and is not emitted; [`fill`] writes the catalog's data at
//! their `@slot(...)` marks.
//!
//! Besides the catalog's data, the package exports `readErrorResponse` and
//! `parseErrorResponse`, which read an error response body in the catalog's
//! shape by the same rules, with the same error messages, as the Rust crate's
//! `ErrorResponse` (`emit/rust/error_response/<shape>.rs`, `read_body`), and
//! `errorBody`, which writes a code's body as the crate's
//! `ErrorCode::response()` does ([`super::body::written`]); the shape's fixture,
//! `xtask/fixtures/error-bodies/<shape>.json`, checks both.
//!
//! The declarations are one text, written twice (`index.d.ts`, `index.d.cts`:
//! one per module format, so that no type checker sees a declaration file
//! masquerading as the other format); they describe the entry points, never
//! the modules behind `index.js`, which are not exported.
//!
//! Spec text is data. Every string from the spec is written as a JSON string
//! literal ([`js_string`]), and every text in a `JSDoc` comment goes through
//! [`doc_text`], so no spec text can leave a string or a comment. Names in
//! code are the codes' Rust variants (ASCII letters, digits and `_`).

mod declarations;
mod readme;
mod runtime;
#[cfg(test)]
mod tests;

use serde_json::json;

use super::markdown::{escape_line, paragraphs};
use super::{GeneratedFile, generated_notice};
use crate::model::Catalog;
use declarations::declarations;
use readme::readme;

pub use declarations::status_literal;
pub use runtime::EXPORTS;

/// The Node versions that the package's `engines` accepts: from the oldest
/// line that `cargo xtask ci` runs its tests on (see `xtask/src/ts/node.rs`).
pub const NODE_ENGINES: &str = ">=20";

/// The package's files, paths relative to the output folder.
#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    let declarations = declarations(catalog);
    let mut files = vec![
        GeneratedFile::new("ts/README.md", readme(catalog)),
        GeneratedFile::new("ts/index.cjs", runtime::commonjs(catalog)),
        GeneratedFile::new("ts/index.d.cts", declarations.clone()),
        GeneratedFile::new("ts/index.d.ts", declarations),
        GeneratedFile::new("ts/package.json", package_json(catalog)),
    ];
    for (name, contents) in runtime::modules(catalog) {
        files.push(GeneratedFile::new(format!("ts/{name}"), contents));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The model as the package's users see it, as JSON: what the runtime values
/// must equal. Tests of the generated package compare against this dump.
#[must_use]
pub fn model_json(catalog: &Catalog) -> String {
    let categories: Vec<_> = catalog
        .categories
        .iter()
        .map(|c| json!({ "key": c.key, "title": c.title, "description": c.description }))
        .collect();
    let codes: Vec<_> = catalog
        .codes
        .iter()
        .map(|code| {
            let cases: Vec<_> = code
                .cases
                .iter()
                .map(|case| {
                    json!({
                        "httpStatus": case.http_status,
                        "errorMsg": case.error_msg,
                        "description": case.description,
                        "handlingMeasure": case.handling_measure,
                    })
                })
                .collect();
            json!({
                "code": code.code,
                "exportName": code.rust_variant,
                "category": catalog.categories[code.category].key,
                "retryable": code.retryable,
                "deprecated": code.deprecated,
                "cases": cases,
            })
        })
        .collect();
    let written: serde_json::Map<String, serde_json::Value> = catalog
        .codes
        .iter()
        .map(|code| {
            let body = super::body::written(catalog, code, code.primary());
            (
                code.code.clone(),
                serde_json::to_value(body).unwrap_or_default(),
            )
        })
        .collect();
    let model = json!({
        "name": catalog.meta.npm_name,
        "version": catalog.meta.version,
        "categories": categories,
        "codes": codes,
        "errorBody": {
            "shape": catalog.meta.error_body.shape.name(),
            "status": catalog.meta.error_body.status,
            "example": catalog.meta.error_body.example,
        },
        // What `errorBody(code)` must give: the body of each code's first case.
        "writtenBodies": written,
    });
    super::pretty_json(&model)
}

/// A JavaScript (and TypeScript, and JSON) string literal. JSON-encoded, and
/// also escaped: U+2028 and U+2029 (JSON allows them raw; older JavaScript
/// ends a line there) and `<` (so that `</script>` or `<!--` in a text is
/// harmless if the file is ever inlined into HTML).
#[must_use]
pub fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('<', "\\u003c")
}

/// One line of spec text, made safe for a `JSDoc` comment, which editors
/// render as Markdown: Markdown-escaped, with no `*/` (that would end the
/// comment), no `@` that could start a tag, no line separators.
#[must_use]
pub fn doc_text(line: &str) -> String {
    escape_line(&line.replace(['\u{2028}', '\u{2029}'], " "))
        .replace('@', "\\@")
        .replace("*/", "*\\/")
}

/// An address for an autolink in a `JSDoc` comment (where Markdown escapes
/// do not apply): no `<`, `>` or spaces, and `*/` and `@` percent-encoded.
fn doc_url(url: &str) -> String {
    url.replace(['<', '>'], "")
        .replace(char::is_whitespace, "")
        .replace("*/", "*%2F")
        .replace('@', "%40")
}

/// A `/** … */` comment at `indent`; its lines must come from [`doc_text`]
/// or be this emitter's own text.
fn doc_comment(lines: &[String], indent: &str) -> String {
    if let [line] = lines {
        return format!("{indent}/** {line} */\n");
    }
    let mut out = format!("{indent}/**\n");
    for line in lines {
        if line.is_empty() {
            out += &format!("{indent} *\n");
        } else {
            out += &format!("{indent} * {line}\n");
        }
    }
    out + &format!("{indent} */\n")
}

/// The first paragraph of a text, for one-line summaries.
fn summary(text: &str) -> &str {
    paragraphs(text).next().unwrap_or_default()
}

// Written by hand to keep the key order of package.json (`types` before
// `default`); serde_json sorts keys without its preserve_order feature.
fn package_json(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let package = &meta.package;
    let keywords: Vec<String> = package.keywords.iter().map(|k| js_string(k)).collect();
    let mut out = String::from("{\n");
    out += &format!("  \"//\": {},\n", js_string(&generated_notice(catalog)));
    out += &format!("  \"name\": {},\n", js_string(&meta.npm_name));
    out += &format!("  \"version\": {},\n", js_string(&meta.version));
    out += &format!("  \"description\": {},\n", js_string(&package.description));
    out += &format!("  \"license\": {},\n", js_string(&package.license));
    if let Some(repository) = &package.repository {
        out += &format!(
            "  \"repository\": {{\n    \"type\": \"git\",\n    \"url\": {}\n  }},\n",
            js_string(repository)
        );
    }
    out += &format!("  \"keywords\": [{}],\n", keywords.join(", "));
    out += r#"  "type": "module",
  "exports": {
    ".": {
      "import": {
        "types": "./index.d.ts",
        "default": "./index.js"
      },
      "require": {
        "types": "./index.d.cts",
        "default": "./index.cjs"
      }
    },
    "./package.json": "./package.json"
  },
  "main": "./index.cjs",
  "types": "./index.d.cts",
  "sideEffects": false,
"#;
    out += &format!(
        "  \"engines\": {{\n    \"node\": {}\n  }},\n",
        js_string(NODE_ENGINES)
    );
    let files: Vec<String> = package_files().iter().map(|f| js_string(f)).collect();
    out += &format!("  \"files\": [{}]\n}}\n", files.join(", "));
    out
}

/// The files that `package.json` lists under `files`: the ones `npm pack`
/// adds to `package.json` and `README.md`.
#[must_use]
pub fn package_files() -> Vec<String> {
    let mut files: Vec<String> = ["index.js", "index.d.ts", "index.cjs", "index.d.cts"]
        .map(str::to_owned)
        .to_vec();
    files.extend(runtime::MODULES.map(str::to_owned));
    files
}

/// The text a template emits: without its first paragraph (which says what
/// the template is), and with each slot, in the order given, replaced by its
/// text. The template is searched, never the text put in, so spec text can
/// never fill a slot.
fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut rest = template
        .split_once("\n\n")
        .map_or(template, |(_, body)| body);
    let mut out = String::new();
    for (slot, text) in slots {
        if let Some((before, after)) = rest.split_once(slot) {
            out += before;
            out += text;
            rest = after;
        }
    }
    out + rest
}
