//! The npm package: `ts/package.json`, `ts/README.md`, `ts/index.js` +
//! `ts/index.d.ts` for `import` and `ts/index.cjs` + `ts/index.d.cts` for `require`.
//!
//! Besides the catalog's data, the package exports `parseErrorResponse`,
//! which reads an error response body by the same rules as the Rust crate's
//! `ErrorResponse` (see [`ERROR_RESPONSE_RUNTIME`]).
//!
//! The JavaScript is written once and given two export styles; the two
//! declaration files are the same text (one per module format, so that no
//! type checker sees a declaration file masquerading as the other format).
//!
//! Spec text is data. Every string from the spec is written as a JSON string
//! literal ([`js_string`]), and every text in a `JSDoc` comment goes through
//! [`doc_text`], so no spec text can leave a string or a comment.

use serde_json::json;

use super::markdown::{case_lines, escape_line, fence_for, paragraph_lines, paragraphs};
use super::{GeneratedFile, generated_notice, unknown_code_example};
use crate::model::{Catalog, Code};

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
    vec![
        GeneratedFile::new("ts/README.md", readme(catalog)),
        GeneratedFile::new("ts/index.cjs", runtime(catalog, ModuleFormat::CommonJs)),
        GeneratedFile::new("ts/index.d.cts", declarations.clone()),
        GeneratedFile::new("ts/index.d.ts", declarations),
        GeneratedFile::new("ts/index.js", runtime(catalog, ModuleFormat::Esm)),
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
    serde_json::to_string_pretty(&model).unwrap_or_default() + "\n"
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

fn readme(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let name = &meta.npm_name;
    let mut out = format!(
        "<!-- {} -->\n\n",
        generated_notice(catalog).replace("--", "- -")
    );
    out += &format!("# {}\n\n", escape_line(name));
    out += &format!("{}\n\n", escape_line(&meta.package.description));
    out += &format!(
        "The {} documented error codes of the {} as TypeScript types and frozen data: each code's \
         HTTP status, error message, description, handling measure, category and retryability. \
         ES module and CommonJS, with declarations for both; no dependencies.\n\n",
        catalog.codes.len(),
        escape_line(&meta.service),
    );
    if let Some(url) = &meta.source_url {
        out += &format!("Source: <{}>", url.replace(['<', '>', ' '], ""));
        if let Some(updated) = &meta.updated_on {
            out += &format!(" (updated on {})", escape_line(updated));
        }
        out += "\n\n";
    }
    let install = format!("npm install {name}@{}", meta.version);
    let fence = fence_for(&install);
    out += &format!("## Install\n\n{fence}sh\n{install}\n{fence}\n\n");
    let example = readme_example(catalog);
    let fence = fence_for(&example);
    out += &format!("## Usage\n\n{fence}ts\n{example}{fence}\n\n");
    let require = format!(
        "const {{ ERRORS, isErrorCode, lookupError, parseErrorResponse }} = require({});\n",
        js_string(name)
    );
    let fence = fence_for(&require);
    out += &format!("CommonJS works the same:\n\n{fence}js\n{require}{fence}\n\n");
    out += "## API\n\n";
    out += "- `ErrorCode`: the union of every documented code, in the table's order.\n";
    out += "- `AnyErrorCode`: `ErrorCode | (string & {})`, for codes that come from the wire \
            (completion still offers the known codes).\n";
    out += "- `ERRORS`: every code's `ErrorEntry` (`code`, `httpStatus`, `errorMsg`, `description`, \
            `handlingMeasure`, `category`, `retryable`, `cases`, and `deprecated` if the code is \
            deprecated), with literal types: `ERRORS[code].httpStatus` is the code's status, not \
            `number`. Each entry's documentation shows in editors.\n";
    out += "- `cases`: every row the table lists for the code; a code listed on several rows \
            has several cases, and the entry's own fields are its first case's.\n";
    out += "- `ERROR_CODES`: every code, in the table's order.\n";
    out += "- `isErrorCode(value)`: whether a value is a documented code (narrows it to `ErrorCode`).\n";
    out += "- `lookupError(code)`: the entry of a code, or `undefined` if the table does not list it.\n";
    out += "- `CATEGORIES`: each category's title and description.\n";
    out += "- `parseErrorResponse(body)`: an error response body (its text, or the value \
            `JSON.parse` made of it) as an `ErrorResponse` (`errorCode`, `errorMsg`, `details`, \
            and `requestId` and `encodedAuthorizationMessage` when the body has them), or \
            `undefined` if it is not one.\n\n";
    out += "All exported values are frozen, deeply. Lookups never match inherited names such as \
            `__proto__` or `toString`. The ES module and the CommonJS file each hold their own \
            copy of the data: compare codes and fields, not object identity.\n\n";
    out += &readme_error_bodies(catalog);
    out += "## Categories\n\n";
    for category in &catalog.categories {
        let description: Vec<String> = paragraphs(&category.description).map(escape_line).collect();
        out += &format!(
            "- `{}`: **{}**. {}\n",
            category.key,
            escape_line(&category.title),
            description.join(" ")
        );
    }
    out += "\n## Codes that are not in the table\n\n";
    let other: Vec<String> = paragraphs(&meta.other.text).map(escape_line).collect();
    out += &format!("{}\n", other.join("\n\n"));
    out
}

/// The README's section on error bodies, with an example that reads the
/// spec's example body. `cargo xtask ci` type-checks the example.
fn readme_error_bodies(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    // The spec's example body on one line, if it is JSON (it is the spec's text either way).
    let body = serde_json::from_str::<serde_json::Value>(&meta.error_body.example).map_or_else(
        |_| meta.error_body.example.trim().to_owned(),
        |v| v.to_string(),
    );
    let example = format!(
        "import {{ ERRORS, isErrorCode, parseErrorResponse }} from {name};\n\n\
         // `body` is the body of a failed response: its text, or what JSON.parse made of it.\n\
         function explain(status: number, body: unknown): string {{\n\
         \x20 const error = parseErrorResponse(body);\n\
         \x20 if (error === undefined) {{\n\
         \x20   return `HTTP ${{status}}, not an error body of this API`;\n\
         \x20 }}\n\
         \x20 const request = error.requestId === undefined ? \"\" : ` (request ${{error.requestId}})`;\n\
         \x20 if (!isErrorCode(error.errorCode)) {{\n\
         \x20   return `HTTP ${{status}}, undocumented ${{error.errorCode}}: ${{error.errorMsg}}${{request}}`;\n\
         \x20 }}\n\
         \x20 const entry = ERRORS[error.errorCode];\n\
         \x20 return `${{entry.code}} (${{entry.category}})${{request}}: ${{entry.handlingMeasure}}`;\n\
         }}\n\n\
         // The body that the API's documentation shows.\n\
         console.log(explain({status}, {body}));\n",
        name = js_string(&meta.npm_name),
        status = meta.error_body.status,
        body = js_string(&body),
    );
    let fence = fence_for(&example);
    let mut out = String::from("## Error response bodies\n\n");
    out += &format!(
        "An error response of the {} has a JSON body with the status {}:\n\n",
        escape_line(&meta.service),
        meta.error_body.status
    );
    let documented = meta.error_body.example.trim_end();
    let body_fence = fence_for(documented);
    out += &format!("{body_fence}json\n{documented}\n{body_fence}\n\n");
    out += "`parseErrorResponse` reads it, and the other shapes that Huawei Cloud's SDKs accept, \
            in their order: top-level `error_code` and `error_msg`; else top-level `code` and \
            `message`; else an `error` object holding either pair. A numeric code becomes its \
            decimal text (`404` → `\"404\"`). `request_id`, `encoded_authorization_message` \
            and `details` are read beside the pair, else at the top level; each `details` entry \
            is read by the same rules. Anything else gives `undefined`: text that is not JSON, \
            a value that is not an object, an unknown shape, a `details` entry that is not a \
            body. These are the rules of the Rust crate's `ErrorResponse` too, checked against \
            the same bodies.\n\n";
    out += &format!("{fence}ts\n{example}{fence}\n\n");
    out += "The result is a new, unfrozen object; `requestId` and `encodedAuthorizationMessage` \
            are absent (not `undefined`) when the body lacks them. Numbers print as the Rust \
            crate prints them: integers in full (`1e21` → `\"1000000000000000000000\"`), never \
            an exponent. Two differences remain, both for codes no API uses: JavaScript reads \
            integers beyond 2^53 approximately, and where a fraction has two shortest forms \
            equally near it (52 of 201,732 random fractions), JavaScript rounds the last digit \
            to even and Rust rounds it up.\n\n";
    out
}

/// The README's example: lookup, narrowing, a `switch` on `ErrorCode`.
/// `cargo xtask ci` type-checks it.
fn readme_example(catalog: &Catalog) -> String {
    let name = js_string(&catalog.meta.npm_name);
    let first = &catalog.codes[0];
    let code = js_string(&first.code);
    let unknown = js_string(&unknown_code_example(catalog));
    let status = first.primary().http_status;
    let retryable = catalog
        .codes
        .iter()
        .find(|c| c.retryable)
        .map(|c| js_string(&c.code));
    let mut out = format!(
        "import {{ ERRORS, isErrorCode, lookupError, type ErrorCode }} from {name};\n\n\
         // Every documented code, with literal types: this status is `{status}`, not `number`.\n\
         const status = ERRORS[{code}].httpStatus;\n\
         console.log(status, ERRORS[{code}].errorMsg);\n\n\
         // A code from an error response body is a string: narrow it.\n\
         function describe(errorCode: string): string {{\n\
         \x20 if (!isErrorCode(errorCode)) {{\n\
         \x20   return `not documented: ${{errorCode}}`;\n\
         \x20 }}\n\
         \x20 const entry = ERRORS[errorCode];\n\
         \x20 return `${{entry.code}} (HTTP ${{entry.httpStatus}}): ${{entry.handlingMeasure}}`;\n\
         }}\n\
         console.log(describe({code}), describe({unknown}));\n\n\
         // lookupError gives `undefined` for codes that the table does not list.\n\
         console.log(lookupError({unknown}) === undefined);\n\n\
         // A switch on ErrorCode: the compiler knows every code.\n\
         function shouldRetry(errorCode: ErrorCode): boolean {{\n\
         \x20 switch (errorCode) {{\n"
    );
    match retryable {
        Some(retryable) => out += &format!("    case {retryable}:\n      return true;\n"),
        None => out += &format!("    case {code}:\n      return false;\n"),
    }
    out += "    default:\n      return ERRORS[errorCode].retryable;\n  }\n}\n";
    out += &format!("console.log(shouldRetry({code}));\n");
    out
}

fn runtime(catalog: &Catalog, format: ModuleFormat) -> String {
    let mut out = format!("// {}\n", generated_notice(catalog));
    if format == ModuleFormat::CommonJs {
        out += "\"use strict\";\n";
    }
    out += r#"
/** A frozen case: one row of the table. */
function errorCase(httpStatus, errorMsg, description, handlingMeasure) {
  return Object.freeze({ httpStatus, errorMsg, description, handlingMeasure });
}

/** A frozen entry; its own fields are its first case's. */
function entry(code, category, retryable, cases, deprecated) {
  const first = cases[0];
  const result = {
    code,
    httpStatus: first.httpStatus,
    errorMsg: first.errorMsg,
    description: first.description,
    handlingMeasure: first.handlingMeasure,
    category,
    retryable,
    cases: Object.freeze(cases),
  };
  if (deprecated !== undefined) {
    result.deprecated = deprecated;
  }
  return Object.freeze(result);
}

/** A frozen object without a prototype: "__proto__" or "toString" are never keys by accident. */
function table(pairs) {
  const result = Object.create(null);
  for (const [key, value] of pairs) {
    result[key] = value;
  }
  return Object.freeze(result);
}

const CATEGORIES = table([
"#;
    for category in &catalog.categories {
        out += &format!(
            "  [{}, Object.freeze({{ title: {}, description: {} }})],\n",
            js_string(&category.key),
            js_string(&category.title),
            js_string(&category.description)
        );
    }
    out += "]);\n\nconst ENTRIES = [\n";
    for code in &catalog.codes {
        out += &format!(
            "  entry({}, {}, {}, [\n",
            js_string(&code.code),
            js_string(&catalog.categories[code.category].key),
            code.retryable
        );
        for case in &code.cases {
            out += &format!(
                "    errorCase({}, {}, {}, {}),\n",
                case.http_status,
                js_string(&case.error_msg),
                js_string(&case.description),
                js_string(&case.handling_measure)
            );
        }
        match &code.deprecated {
            Some(note) => out += &format!("  ], {}),\n", js_string(note)),
            None => out += "  ]),\n",
        }
    }
    out += r#"];

const ERRORS = table(ENTRIES.map((e) => [e.code, e]));

const ERROR_CODES = Object.freeze(ENTRIES.map((e) => e.code));

function isErrorCode(value) {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERRORS, value);
}

function lookupError(code) {
  return isErrorCode(code) ? ERRORS[code] : undefined;
}
"#;
    out += ERROR_RESPONSE_RUNTIME;
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

/// `parseErrorResponse` and its helpers: the same rules as the Rust crate's
/// `ErrorResponse` deserializer (`rust_serde.rs`, `read_body`), which the
/// shared fixture `xtask/fixtures/error-bodies.json` checks on both sides.
/// It does not depend on the catalog.
const ERROR_RESPONSE_RUNTIME: &str = r#"
/** The most arrays and objects a body may nest, as the Rust crate's parser (serde_json) allows. */
const MAX_NESTING = 127;

/** The keys of a code and its message, in the SDKs' order of precedence. */
const CODE_AND_MESSAGE_KEYS = [
  ["error_code", "error_msg"],
  ["code", "message"],
];

/** The value of an own property (never an inherited one such as `__proto__`), or undefined. */
function ownValue(object, key) {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** A JSON object: not null, not an array. */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether a value nests at most `levels` arrays and objects (a cyclic one nests without
 * end). `verified` maps an object to the most levels it was found within, so that an
 * object shared by several parents is walked again only if reached with more levels.
 */
function nestsWithin(value, levels, verified) {
  if (typeof value !== "object" || value === null) {
    return true;
  }
  if (levels === 0) {
    return false;
  }
  if (verified.get(value) >= levels) {
    return true;
  }
  const children = Array.isArray(value) ? value : Object.values(value);
  const within = children.every((child) => nestsWithin(child, levels - 1, verified));
  if (within) {
    verified.set(value, levels);
  }
  return within;
}

/**
 * A number as Rust prints it: integers in full, never an exponent
 * (1e21 is "1000000000000000000000", 1e-7 is "0.0000001"), -0 as "-0".
 * Both languages write the shortest digits that read back as the same number.
 */
function numberText(number) {
  if (!Number.isFinite(number)) {
    return undefined;
  }
  if (Object.is(number, -0)) {
    return "-0";
  }
  const text = String(number);
  const e = text.indexOf("e");
  if (e < 0) {
    return text;
  }
  // String() writes an exponent ("d.ddde+x", "d.ddde-x") from 1e21 up and below 1e-6.
  const sign = number < 0 ? "-" : "";
  const digits = text.slice(sign.length, e).replace(".", "");
  const point = 1 + Number(text.slice(e + 1));
  if (point <= 0) {
    return sign + "0." + "0".repeat(-point) + digits;
  }
  return sign + digits + "0".repeat(point - digits.length);
}

/** A non-empty string or a finite number under an own key, as text; else undefined. */
function textAt(object, key) {
  const value = ownValue(object, key);
  if (typeof value === "string") {
    return value === "" ? undefined : value;
  }
  return typeof value === "number" ? numberText(value) : undefined;
}

/** The code and message of one level: `error_code` + `error_msg`, else `code` + `message`. */
function codeAndMessage(level) {
  for (const [codeKey, messageKey] of CODE_AND_MESSAGE_KEYS) {
    const code = textAt(level, codeKey);
    const message = textAt(level, messageKey);
    if (code !== undefined && message !== undefined) {
      return [code, message];
    }
  }
  return undefined;
}

/** One body or `details` entry, by the SDKs' precedence; undefined if it is not one. */
function readBody(body) {
  if (!isObject(body)) {
    return undefined;
  }
  let level = body;
  let found = codeAndMessage(body);
  if (found === undefined) {
    const nested = ownValue(body, "error");
    if (!isObject(nested)) {
      return undefined;
    }
    level = nested;
    found = codeAndMessage(nested);
    if (found === undefined) {
      return undefined;
    }
  }
  // `details` from the level of the code if it has the key (even if it is not a list), else the top level.
  const listed = Object.prototype.hasOwnProperty.call(level, "details") ? level.details : ownValue(body, "details");
  const details = [];
  if (Array.isArray(listed)) {
    for (let i = 0; i < listed.length; i++) {
      const detail = readBody(listed[i]);
      if (detail === undefined) {
        return undefined;
      }
      details.push(detail);
    }
  }
  const requestId = textAt(level, "request_id") ?? textAt(body, "request_id");
  const encodedAuthorizationMessage =
    textAt(level, "encoded_authorization_message") ?? textAt(body, "encoded_authorization_message");
  // Spread defines own properties (no setter on Object.prototype runs), and absent ones stay absent.
  return {
    errorCode: found[0],
    errorMsg: found[1],
    ...(requestId === undefined ? {} : { requestId }),
    ...(encodedAuthorizationMessage === undefined ? {} : { encodedAuthorizationMessage }),
    details,
  };
}

function parseErrorResponse(body) {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return nestsWithin(value, MAX_NESTING, new Map()) ? readBody(value) : undefined;
}
"#;

fn declarations(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let mut out = format!("// {}\n\n", generated_notice(catalog));
    let mut package_doc = vec![
        format!(
            "{}: the documented error codes of the {}.",
            doc_text(&meta.title),
            doc_text(&meta.service)
        ),
        String::new(),
    ];
    if let Some(url) = &meta.source_url {
        let mut source = format!("Source: <{}>", doc_url(url));
        if let Some(updated) = &meta.updated_on {
            source += &format!(" (updated on {})", doc_text(updated));
        }
        package_doc.push(source);
        package_doc.push(String::new());
    }
    package_doc.push("@packageDocumentation".into());
    out += &doc_comment(&package_doc, "");

    out += "\n";
    out += &doc_comment(
        &[
            format!(
                "A documented error code of the {}, in the table's order.",
                doc_text(&meta.service)
            ),
            "Narrow a string with {@link isErrorCode}; {@link ERRORS} documents each code.".into(),
        ],
        "",
    );
    out += "export type ErrorCode =\n";
    for code in &catalog.codes {
        out += &format!("  | {}\n", js_string(&code.code));
    }
    out.pop();
    out += ";\n\n";
    out += &doc_comment(
        &[
            "Any error code: a documented {@link ErrorCode} or a code that the table does not list."
                .into(),
            "Editors still complete the known codes; narrow with {@link isErrorCode}.".into(),
        ],
        "",
    );
    out += "export type AnyErrorCode = ErrorCode | (string & {});\n\n";

    out += &doc_comment(
        &["What a caller should do about an error; {@link CATEGORIES} describes each.".into()],
        "",
    );
    let keys: Vec<String> = catalog
        .categories
        .iter()
        .map(|c| js_string(&c.key))
        .collect();
    out += &format!("export type Category = {};\n\n", keys.join(" | "));

    out += "/** One row of the table: the status and texts of one case of a code. */\n";
    out += "export interface ErrorCase {\n";
    out += "  /** The HTTP status of the response. */\n  readonly httpStatus: number;\n";
    out += "  /** The `error_msg` the API returns. */\n  readonly errorMsg: string;\n";
    out += "  /** What the error means. */\n  readonly description: string;\n";
    out += "  /** What to do about it. */\n  readonly handlingMeasure: string;\n";
    out += "}\n\n";
    out +=
        "/**\n * A documented error code and everything the table says about it. Its status and\n";
    out += " * texts are its first case's; {@link ErrorEntry.cases} lists every row.\n */\n";
    out += "export interface ErrorEntry extends ErrorCase {\n";
    out += "  /** The code, as the API writes it. */\n  readonly code: ErrorCode;\n";
    out += "  /** What a caller should do about the error. */\n  readonly category: Category;\n";
    out += "  /** Whether sending the same request again later may succeed. */\n";
    out += "  readonly retryable: boolean;\n";
    out += "  /** Every row the table lists for this code, in table order; never empty. */\n";
    out += "  readonly cases: readonly ErrorCase[];\n";
    out += "  /** Why the code is deprecated, if it is. */\n";
    out += "  readonly deprecated?: string;\n";
    out += "}\n\n";
    out += "/** The entry of one code in {@link ERRORS}: an {@link ErrorEntry} with literal types. */\n";
    out += "export interface ErrorEntryOf<\n  Code extends ErrorCode,\n  Status extends number,\n";
    out += "  Kind extends Category,\n  Retryable extends boolean,\n> extends ErrorEntry {\n";
    out += "  readonly code: Code;\n  readonly httpStatus: Status;\n";
    out += "  readonly category: Kind;\n  readonly retryable: Retryable;\n}\n\n";

    out += "/** A category's title and description. */\n";
    out += "export interface CategoryInfo {\n";
    out += "  /** A short title: what to do. */\n  readonly title: string;\n";
    out += "  /** What the category means and what a caller should do. */\n";
    out += "  readonly description: string;\n}\n\n";
    out += "/** Every category, by key, in the spec's order. Frozen. */\n";
    out += "export declare const CATEGORIES: {\n";
    for category in &catalog.categories {
        let mut lines = vec![doc_text(&category.title), String::new()];
        lines.extend(paragraph_lines(&category.description, doc_text));
        out += &doc_comment(&lines, "  ");
        out += &format!("  readonly {}: CategoryInfo;\n", js_string(&category.key));
    }
    out += "};\n\n";

    out += &doc_comment(
        &[
            format!(
                "Every documented error code of the {} and its entry (keys that look like integers come first, as in any JavaScript object: `ERROR_CODES` has the table's order).",
                doc_text(&meta.service)
            ),
            "Frozen, deeply; it has no prototype, so only documented codes are keys.".into(),
        ],
        "",
    );
    out += "export declare const ERRORS: {\n";
    let urls = super::docs::code_urls(catalog);
    for (code, url) in catalog.codes.iter().zip(&urls) {
        out += &doc_comment(&entry_doc_lines(catalog, code, url.as_deref()), "  ");
        let category = &catalog.categories[code.category];
        let mut entry_type = format!(
            "ErrorEntryOf<{}, {}, {}, {}>",
            js_string(&code.code),
            code.primary().http_status,
            js_string(&category.key),
            code.retryable
        );
        if code.deprecated.is_some() {
            entry_type += " & { readonly deprecated: string }";
        }
        out += &format!("  readonly {}: {entry_type};\n", js_string(&code.code));
    }
    out += "};\n\n";

    out += "/** Every documented error code, in the table's order. Frozen. */\n";
    out += "export declare const ERROR_CODES: readonly ErrorCode[];\n\n";
    out +=
        "/** Whether `value` is a documented error code (exactly: codes are case-sensitive). */\n";
    out += "export declare function isErrorCode(value: unknown): value is ErrorCode;\n\n";
    let mut lookup_doc = vec![
        "The entry of a code, or `undefined` if the table does not list it.".to_owned(),
        String::new(),
    ];
    lookup_doc.extend(paragraph_lines(&meta.other.text, doc_text));
    out += &doc_comment(&lookup_doc, "");
    out += "export declare function lookupError<Code extends ErrorCode>(code: Code): (typeof ERRORS)[Code];\n";
    out += &doc_comment(&lookup_doc, "");
    out += "export declare function lookupError(code: string): ErrorEntry | undefined;\n\n";
    out += &error_response_declarations(catalog);
    out
}

/// `ErrorResponse` and `parseErrorResponse`.
fn error_response_declarations(catalog: &Catalog) -> String {
    let mut out = doc_comment(
        &[
            format!(
                "An error response body of the {}, as {{@link parseErrorResponse}} reads it.",
                doc_text(&catalog.meta.service)
            ),
            "Its keys are camelCase: it is not the body's own JSON.".into(),
        ],
        "",
    );
    out += "export interface ErrorResponse {
";
    out += &doc_comment(
        &[
            "The code (`error_code` or `code`), as the body writes it; a numeric code as its \
             decimal text."
                .into(),
            "Narrow it to a documented {@link ErrorCode} with {@link isErrorCode}.".into(),
        ],
        "  ",
    );
    out += "  errorCode: AnyErrorCode;\n";
    out += "  /** The message (`error_msg` or `message`). */\n  errorMsg: string;\n";
    out += "  /** The request's id (`request_id`), if the body has one. */\n";
    out += "  requestId?: string;\n";
    out += "  /** Why authorization failed, encoded (`encoded_authorization_message`), if the \
            body has it. */\n";
    out += "  encodedAuthorizationMessage?: string;\n";
    out += "  /** Further errors (`details`), each read by the same rules; often empty. */\n";
    out += "  details: ErrorResponse[];\n}\n\n";
    out += &doc_comment(
        &[
            "Reads an error response body: its text, or the value `JSON.parse` made of it.".into(),
            String::new(),
            "It accepts the shapes that Huawei Cloud's SDKs accept, in their order: top-level \
             `error_code` and `error_msg`; else top-level `code` and `message`; else an `error` \
             object holding either pair. A code or message counts if it is a non-empty string \
             or a number. `request_id`, `encoded_authorization_message` and `details` are read \
             beside the pair, else at the top level; each entry of `details` is read by the \
             same rules. Only own properties count."
                .into(),
            String::new(),
            "Returns `undefined` if the body is not one: text that is not JSON, a value that is \
             not an object, an unknown shape, a `details` entry that is not a body, or nesting \
             deeper than 127 levels. The result is a new object, not frozen; optional fields \
             are absent, not `undefined`."
                .into(),
        ],
        "",
    );
    out +=
        "export declare function parseErrorResponse(body: unknown): ErrorResponse | undefined;\n";
    out
}

/// The documentation of a code's property in `ERRORS`; `url` is the code's
/// section on the published reference pages, if the catalog has them.
fn entry_doc_lines(catalog: &Catalog, code: &Code, url: Option<&str>) -> Vec<String> {
    let case = code.primary();
    let mut lines = vec![
        format!(
            "{}: {}",
            doc_text(&code.code),
            doc_text(summary(&case.error_msg))
        ),
        String::new(),
    ];
    lines.extend(case_lines(case, doc_text));
    let category = &catalog.categories[code.category];
    lines.push(format!(
        "- Category: {} ({}){}",
        doc_text(&category.key),
        doc_text(&category.title),
        if code.retryable { "; retryable" } else { "" }
    ));
    if code.cases.len() > 1 {
        lines.push(String::new());
        lines.push(format!(
            "The table lists this code {} times; `cases` gives every row:",
            code.cases.len()
        ));
        for other in &code.cases[1..] {
            lines.push(format!(
                "- {}: {}",
                other.http_status,
                doc_text(summary(&other.error_msg))
            ));
        }
    }
    if let Some(note) = &code.deprecated {
        let note: Vec<String> = paragraphs(note).map(doc_text).collect();
        lines.push(String::new());
        lines.push(format!("@deprecated {}", note.join(" ")));
    }
    if let Some(url) = url {
        // A validated address has no spaces, quotes or `*/`.
        lines.push(format!("@see {url}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Case, Category, ErrorBody, Metadata, Origin, OtherRow, PackageInfo};

    /// Text that tries to leave a string, a comment, a template or a script.
    const HOSTILE: &str = "Ends */ a comment /* \"quoted\" \\ back\\slash `tick` ${x} </script><!-- \u{2028}LS\u{2029}PS @param x {@link y} \u{e9}\u{1F600}";

    fn case(http_status: u16, text: &str) -> Case {
        Case {
            http_status,
            error_msg: format!("msg {text}"),
            description: format!("@returns first\n*/ second\n- third {text}"),
            handling_measure: format!("measure {text}\n\n```js\nalert(1)\n```"),
            origin: Origin {
                file: "t.csv".into(),
                line: 2,
            },
        }
    }

    fn code(code: &str, category: usize, cases: Vec<Case>, deprecated: Option<&str>) -> Code {
        Code {
            code: code.into(),
            prefix: code.split_once('.').map(|(p, _)| p.to_owned()),
            rust_variant: crate::names::rust_variant(code),
            anchor: crate::names::anchor(code),
            number: 0,
            category,
            retryable: category == 1,
            deprecated: deprecated.map(str::to_owned),
            cases,
        }
    }

    fn hostile_catalog() -> Catalog {
        Catalog {
            meta: Metadata {
                title: format!("Title {HOSTILE}"),
                service: format!("Service {HOSTILE}"),
                source_url: Some("https://example.org/a*/b@c<d> e".into()),
                updated_on: Some(format!("today {HOSTILE}")),
                other: OtherRow {
                    http_status: Some(400),
                    text: format!("Other {HOSTILE}\n@see second"),
                },
                error_body: ErrorBody {
                    status: 400,
                    example: "{}".into(),
                },
                crate_name: "hostile".into(),
                npm_name: "hostile-\"pkg".into(),
                version: "1.2.3".into(),
                package: PackageInfo {
                    description: format!("Description {HOSTILE}"),
                    license: "MIT".into(),
                    repository: Some(format!("https://example.org/{HOSTILE}")),
                    keywords: vec![HOSTILE.into()],
                    crates_io_categories: vec![],
                    rust_version: "1.86".into(),
                },
                docs_base_url: None,
                spec_files: vec!["t*/.csv".into()],
            },
            categories: vec![
                Category {
                    key: "request".into(),
                    rust_variant: "Request".into(),
                    title: format!("Fix {HOSTILE}"),
                    description: format!("Description {HOSTILE}\n@deprecated not really"),
                    retryable: false,
                },
                Category {
                    key: "retry".into(),
                    rust_variant: "Retry".into(),
                    title: "Retry */".into(),
                    description: HOSTILE.into(),
                    retryable: true,
                },
            ],
            codes: vec![
                code("__proto__", 0, vec![case(400, "proto")], None),
                code("E.\"*/`${x}</script>\\", 0, vec![case(401, HOSTILE)], None),
                code(
                    "E.0002",
                    1,
                    vec![case(503, HOSTILE), case(429, "second case")],
                    Some(HOSTILE),
                ),
                code("1100", 1, vec![case(500, "numeric")], None),
            ],
        }
    }

    fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
        &files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} is not emitted"))
            .contents
    }

    /// A JavaScript or TypeScript file split as a parser would: the string
    /// literals (decoded as JSON), the comments, and the code between them.
    #[derive(Default)]
    struct Lexed {
        strings: Vec<String>,
        comments: Vec<String>,
        code: String,
    }

    fn lex(source: &str) -> Lexed {
        let mut lexed = Lexed::default();
        let mut rest = source;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("//") {
                let end = after.find('\n').unwrap_or(after.len());
                lexed.comments.push(after[..end].to_owned());
                rest = &after[end..];
            } else if let Some(after) = rest.strip_prefix("/*") {
                let end = after.find("*/").expect("an unterminated comment");
                lexed.comments.push(after[..end].to_owned());
                rest = &after[end + 2..];
            } else if c == '"' {
                // A string ends at the first quote that no backslash escapes.
                let mut escaped = false;
                let end = rest[1..]
                    .char_indices()
                    .find(|&(_, c)| {
                        let end = c == '"' && !escaped;
                        escaped = c == '\\' && !escaped;
                        end
                    })
                    .map(|(i, _)| i + 2)
                    .expect("an unterminated string");
                let literal = &rest[..end];
                let value: String = serde_json::from_str(literal)
                    .unwrap_or_else(|e| panic!("{literal} is not a JSON string: {e}"));
                lexed.strings.push(value);
                lexed.code.push_str("\"\"");
                rest = &rest[end..];
            } else {
                assert!(
                    c != '\'' && c != '`',
                    "the emitter writes no {c} outside strings"
                );
                lexed.code.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        lexed
    }

    /// Every text of the catalog, in the order `index.js` writes them.
    fn runtime_strings(catalog: &Catalog) -> Vec<String> {
        let mut strings = Vec::new();
        for category in &catalog.categories {
            strings
                .extend([&category.key, &category.title, &category.description].map(Clone::clone));
        }
        for code in &catalog.codes {
            strings.push(code.code.clone());
            strings.push(catalog.categories[code.category].key.clone());
            for case in &code.cases {
                strings.extend(
                    [&case.error_msg, &case.description, &case.handling_measure].map(Clone::clone),
                );
            }
            strings.extend(code.deprecated.clone());
        }
        // The runtime's own literals: `typeof value === "string"`, then parseErrorResponse's.
        strings.push("string".into());
        strings.extend(lex(ERROR_RESPONSE_RUNTIME).strings);
        strings
    }

    #[test]
    fn runtime_strings_hold_the_spec_text_exactly() {
        let catalog = hostile_catalog();
        let files = emit(&catalog);
        for path in ["ts/index.js", "ts/index.cjs"] {
            let source = file(&files, path);
            let lexed = lex(source);
            let mut expected = runtime_strings(&catalog);
            if path == "ts/index.cjs" {
                expected.insert(0, "use strict".into());
            }
            assert_eq!(lexed.strings, expected, "{path}");
            // (The runtime's own code compares with `<`; "</" and "<!--" would come from spec text.)
            for unsafe_text in [
                "`", "\\", "${", "</", "<!--", "\u{2028}", "\u{2029}", "*/", "quoted",
            ] {
                assert!(
                    !lexed.code.contains(unsafe_text),
                    "{path}: {unsafe_text:?} outside strings and comments"
                );
            }
            assert!(!source.contains(['\u{2028}', '\u{2029}']), "{path}");
            assert!(!source.contains("</"), "{path}: </ may close a script");
        }
        let esm = lex(file(&files, "ts/index.js")).code;
        assert!(esm.ends_with(&format!("export {{ {} }};\n", EXPORTS.join(", "))));
        let cjs = lex(file(&files, "ts/index.cjs")).code;
        for name in EXPORTS {
            assert!(
                cjs.contains(&format!("\nexports.{name} = {name};\n")),
                "{name}"
            );
        }
    }

    #[test]
    fn declarations_keep_spec_text_in_strings_and_comments() {
        let catalog = hostile_catalog();
        let files = emit(&catalog);
        let declarations = file(&files, "ts/index.d.ts");
        assert_eq!(declarations, file(&files, "ts/index.d.cts"));
        assert!(!declarations.contains(['\u{2028}', '\u{2029}']));
        let lexed = lex(declarations);
        for code in &catalog.codes {
            // In the union, as the key of ERRORS, as the entry's type argument.
            let count = lexed.strings.iter().filter(|s| **s == code.code).count();
            assert_eq!(count, 3, "{}", code.code);
            let status = code.primary().http_status;
            assert!(
                lexed.code.contains(&format!(
                    "\"\": ErrorEntryOf<\"\", {status}, \"\", {}>",
                    code.retryable
                )),
                "{}",
                code.code
            );
        }
        for unsafe_text in ["`", "\\", "${", "</", "*/", "quoted", "@"] {
            assert!(
                !lexed.code.contains(unsafe_text),
                "{unsafe_text:?} outside strings and comments"
            );
        }
        // In the comments, every line that starts a tag is the emitter's own.
        let tags: Vec<&str> = lexed
            .comments
            .iter()
            .flat_map(|c| c.lines())
            .filter_map(|line| {
                line.trim_start()
                    .trim_start_matches('*')
                    .trim_start()
                    .strip_prefix('@')
            })
            .collect();
        let deprecated = format!("deprecated {}", doc_text(HOSTILE));
        assert_eq!(
            tags,
            [
                "generated by `cargo xtask gen` from t*/.csv; do not edit",
                "packageDocumentation",
                deprecated.as_str()
            ]
        );
        assert!(declarations.contains("readonly \"E.0002\": ErrorEntryOf<\"E.0002\", 503, \"retry\", true> & { readonly deprecated: string };"));
    }

    #[test]
    fn doc_text_cannot_end_a_comment_or_start_a_tag() {
        assert_eq!(doc_text("a */ b"), "a \\*\\/ b");
        assert_eq!(doc_text("**/"), "\\*\\*\\/");
        assert_eq!(doc_text("@param x"), "\\@param x");
        assert_eq!(doc_text("{@link ERRORS}"), "{\\@link ERRORS}");
        assert_eq!(doc_text("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(doc_text("<script>"), "\\<script\\>");
        assert_eq!(
            doc_url("https://x.org/a*/b@c <d>"),
            "https://x.org/a*%2Fb%40cd"
        );
        let comment = doc_comment(&paragraph_lines("one */\n@two\n\nthree", doc_text), "  ");
        assert_eq!(
            comment,
            "  /**\n   * one \\*\\/\n   *\n   * \\@two\n   *\n   * three\n   */\n"
        );
    }

    #[test]
    fn js_strings_decode_to_the_text() {
        for text in [HOSTILE, "", "\n\t\r", "\u{0}\u{1f}", "</script>"] {
            let literal = js_string(text);
            assert!(
                !literal.contains(['\u{2028}', '\u{2029}', '<']),
                "{literal}"
            );
            assert_eq!(
                serde_json::from_str::<String>(&literal).ok().as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn package_json_is_valid_and_points_at_the_emitted_files() {
        let catalog = hostile_catalog();
        let files = emit(&catalog);
        let text = file(&files, "ts/package.json");
        let json: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(json["name"], catalog.meta.npm_name.as_str());
        assert_eq!(json["version"], "1.2.3");
        assert_eq!(json["type"], "module");
        assert_eq!(json["sideEffects"], false);
        assert_eq!(json["keywords"][0], HOSTILE);
        assert_eq!(
            json["repository"]["url"],
            format!("https://example.org/{HOSTILE}")
        );
        let exports = &json["exports"]["."];
        assert_eq!(exports["import"]["types"], "./index.d.ts");
        assert_eq!(exports["import"]["default"], "./index.js");
        assert_eq!(exports["require"]["types"], "./index.d.cts");
        assert_eq!(exports["require"]["default"], "./index.cjs");
        // `types` first in each branch (serde_json's map sorts, so look at the text).
        for branch in ["import", "require"] {
            let at = text.find(&format!("\"{branch}\"")).expect("branch");
            let types = text[at..].find("\"types\"").expect("types");
            let default = text[at..].find("\"default\"").expect("default");
            assert!(types < default, "{branch}");
        }
        let listed: Vec<String> = json["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| format!("ts/{}", f.as_str().expect("a path")))
            .collect();
        let mut emitted: Vec<String> = files
            .iter()
            .map(|f| f.path.clone())
            .filter(|p| !p.ends_with("README.md") && !p.ends_with("package.json"))
            .collect();
        emitted.sort();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort();
        assert_eq!(listed_sorted, emitted);
    }

    #[test]
    fn the_model_dump_has_every_case() {
        let catalog = hostile_catalog();
        let json: serde_json::Value =
            serde_json::from_str(&model_json(&catalog)).expect("valid JSON");
        let codes = json["codes"].as_array().expect("codes");
        assert_eq!(codes.len(), catalog.codes.len());
        assert_eq!(codes[2]["cases"][1]["httpStatus"], 429);
        assert_eq!(codes[2]["deprecated"], HOSTILE);
        assert_eq!(codes[0]["deprecated"], serde_json::Value::Null);
        assert_eq!(codes[1]["code"], "E.\"*/`${x}</script>\\");
        assert_eq!(codes[1]["cases"][0]["errorMsg"], format!("msg {HOSTILE}"));
        assert_eq!(json["categories"][1]["key"], "retry");
    }

    #[test]
    fn the_readme_error_body_example_keeps_the_spec_text_in_its_fence_and_string() {
        let mut catalog = hostile_catalog();
        let example = format!("```\n{HOSTILE}\n````");
        catalog.meta.error_body.example.clone_from(&example);
        let files = emit(&catalog);
        let readme = file(&files, "ts/README.md");
        // Shown verbatim, in a fence longer than any run of backticks in it.
        assert!(
            readme.contains(&format!("\n`````json\n{example}\n`````\n")),
            "{readme}"
        );
        // Passed to parseErrorResponse as one string literal, in a TypeScript fence.
        let call = format!("console.log(explain(400, {}));\n", js_string(&example));
        let section = &readme[readme
            .find("## Error response bodies")
            .expect("the section")..];
        let ts_fence = section.find("ts\n").expect("a ts fence");
        let fence = &section[..ts_fence];
        let fence = &fence[fence.rfind('\n').expect("a line") + 1..];
        assert_eq!(fence, "`".repeat(5), "{section}");
        assert!(section.contains(&format!("{call}{fence}\n")), "{section}");
        // A JSON example is shown on one line.
        catalog.meta.error_body.example =
            "{\n  \"error_code\": \"E.1\",\n  \"error_msg\": \"m\"\n}\n".into();
        let readme = file(&emit(&catalog), "ts/README.md").to_owned();
        assert!(
            readme.contains(r#"explain(400, "{\"error_code\":\"E.1\",\"error_msg\":\"m\"}")"#),
            "{readme}"
        );
    }

    #[test]
    fn the_readme_escapes_spec_text() {
        let files = emit(&hostile_catalog());
        let readme = file(&files, "ts/README.md");
        assert!(!readme.contains("<script>"), "{readme}");
        assert!(readme.contains("from \"hostile-\\\"pkg\";"), "{readme}");
        assert!(readme.starts_with("<!-- @generated"));
        assert_eq!(readme.matches("-->").count(), 1, "{readme}");
    }

    #[test]
    fn codes_link_to_their_reference_section() {
        let mut catalog = hostile_catalog();
        // Validation keeps `*/`, spaces and quotes out of addresses.
        catalog.meta.docs_base_url = Some("https://docs.example.org/a_(b)/".into());
        let declarations = declarations(&catalog);
        let urls = crate::emit::docs::code_urls(&catalog);
        for (code, url) in catalog.codes.iter().zip(&urls) {
            let url = url.as_deref().expect("a base URL gives every code a link");
            assert!(url.ends_with(&format!(".html#{}", code.anchor)), "{url}");
            assert!(declarations.contains(&format!("@see {url}\n")), "{url}");
        }
    }
}
