//! The npm package: `ts/package.json`, `ts/README.md`, `ts/index.js` +
//! `ts/index.d.ts` for `import` and `ts/index.cjs` + `ts/index.d.cts` for `require`.
//!
//! ```text
//! ts.rs                   the files, package.json, and text made safe for JS and JSDoc
//! ts/runtime.js           template of index.js and index.cjs: data, lookups, parseErrorResponse
//! ts/declarations.rs      index.d.ts and index.d.cts, around the templates
//! ts/types.d.ts           template: ErrorCase, ErrorEntry, ErrorEntryOf, CategoryInfo
//! ts/error-response.d.ts  template: ErrorResponse and parseErrorResponse
//! ts/readme.rs            README.md
//! ```
//!
//! The templates are real files, so that `cargo xtask ci` checks them with
//! `node --check` and `tsc` (`ts/tsconfig.json`). Their first paragraph says
//! what they are and is not emitted; [`fill`] writes the catalog's data at
//! their `@slot(...)` marks.
//!
//! Besides the catalog's data, the package exports `parseErrorResponse`,
//! which reads an error response body by the same rules as the Rust crate's
//! `ErrorResponse` (`emit/rust/error_response.rs`, `read_body`); the shared fixture
//! `xtask/fixtures/error-bodies.json` checks both.
//!
//! The JavaScript is written once and given two export styles; the two
//! declaration files are the same text (one per module format, so that no
//! type checker sees a declaration file masquerading as the other format).
//!
//! Spec text is data. Every string from the spec is written as a JSON string
//! literal ([`js_string`]), and every text in a `JSDoc` comment goes through
//! [`doc_text`], so no spec text can leave a string or a comment.

mod declarations;
mod readme;
#[cfg(test)]
mod tests;

use serde_json::json;

use super::markdown::{escape_line, paragraphs};
use super::{GeneratedFile, generated_notice};
use crate::model::Catalog;
use declarations::declarations;
use readme::readme;

/// Template of `index.js` and `index.cjs`, without the notice and the exports.
const RUNTIME: &str = include_str!("ts/runtime.js");
/// Where [`RUNTIME`] gets the categories, one `[key, info]` pair a line.
const CATEGORIES_SLOT: &str = "  // @slot(categories)\n";
/// Where [`RUNTIME`] gets the codes, one `entry(...)` each.
const ENTRIES_SLOT: &str = "  // @slot(entries)\n";

/// The names the package exports, in the order the runtime files list them.
pub const EXPORTS: [&str; 6] = [
    "CATEGORIES",
    "ERRORS",
    "ERROR_CODES",
    "isErrorCode",
    "lookupError",
    "parseErrorResponse",
];

/// The package's files, paths relative to the output folder.
#[must_use]
pub fn emit(catalog: &Catalog) -> Vec<GeneratedFile> {
    let declarations = declarations(catalog);
    // The two module formats share the body: the catalog's data and the functions.
    let body = runtime_body(catalog);
    vec![
        GeneratedFile::new("ts/README.md", readme(catalog)),
        GeneratedFile::new(
            "ts/index.cjs",
            runtime(catalog, &body, ModuleFormat::CommonJs),
        ),
        GeneratedFile::new("ts/index.d.cts", declarations.clone()),
        GeneratedFile::new("ts/index.d.ts", declarations),
        GeneratedFile::new("ts/index.js", runtime(catalog, &body, ModuleFormat::Esm)),
        GeneratedFile::new("ts/package.json", package_json(catalog)),
    ]
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
                "category": catalog.categories[code.category].key,
                "retryable": code.retryable,
                "deprecated": code.deprecated,
                "cases": cases,
            })
        })
        .collect();
    let model = json!({
        "name": catalog.meta.npm_name,
        "version": catalog.meta.version,
        "categories": categories,
        "codes": codes,
        "errorBody": { "status": catalog.meta.error_body.status, "example": catalog.meta.error_body.example },
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum ModuleFormat {
    Esm,
    CommonJs,
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
  "engines": {
    "node": ">=14"
  },
  "files": ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]
}
"#;
    out
}

/// A module of the package: the notice, the body, and the exports in `format`.
fn runtime(catalog: &Catalog, body: &str, format: ModuleFormat) -> String {
    let mut out = format!("// {}\n", generated_notice(catalog));
    if format == ModuleFormat::CommonJs {
        out += "\"use strict\";\n";
    }
    out += "\n";
    out += body;
    out += "\n";
    match format {
        ModuleFormat::Esm => out += &format!("export {{ {} }};\n", EXPORTS.join(", ")),
        ModuleFormat::CommonJs => {
            for name in EXPORTS {
                out += &format!("exports.{name} = {name};\n");
            }
        }
    }
    out
}

/// The runtime template (`runtime.js`) with the catalog's categories and entries.
fn runtime_body(catalog: &Catalog) -> String {
    let mut categories = String::new();
    for category in &catalog.categories {
        categories += &format!(
            "  [{}, Object.freeze({{ title: {}, description: {} }})],\n",
            js_string(&category.key),
            js_string(&category.title),
            js_string(&category.description)
        );
    }
    let mut entries = String::new();
    for code in &catalog.codes {
        entries += &format!(
            "  entry({}, {}, {}, [\n",
            js_string(&code.code),
            js_string(&catalog.categories[code.category].key),
            code.retryable
        );
        for case in &code.cases {
            entries += &format!(
                "    errorCase({}, {}, {}, {}),\n",
                case.http_status,
                js_string(&case.error_msg),
                js_string(&case.description),
                js_string(&case.handling_measure)
            );
        }
        match &code.deprecated {
            Some(note) => entries += &format!("  ], {}),\n", js_string(note)),
            None => entries += "  ]),\n",
        }
    }
    fill(
        RUNTIME,
        &[(CATEGORIES_SLOT, &categories), (ENTRIES_SLOT, &entries)],
    )
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
