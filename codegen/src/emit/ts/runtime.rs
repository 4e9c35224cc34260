//! The package's JavaScript: the ES modules, which bundlers tree-shake, and
//! `index.cjs`, one file for `require`.
//!
//! ```text
//! index.js           re-exports the modules below: the package's one entry point for `import`
//! codes.js           ERROR_CODES and isErrorCode: the codes alone
//! categories.js      CATEGORIES
//! errors.js          ERRORS, lookupError, and each code's entry as a constant of its own
//! error-response.js  readErrorResponse and parseErrorResponse: nothing of the table; and the
//!                    shape's writer (from runtime/shapes/<shape>.js), which errorBody calls
//! error-body.js      errorBody: a code's documented body (it looks the code up in errors.js)
//! frozen.js          the helpers that build the frozen values (not exported by index.js)
//! index.cjs          all of the above in one CommonJS file
//! ```
//!
//! A bundler keeps the modules that an import reaches and, in them, what the
//! imported names use. Every top-level statement only declares, and each call
//! that builds data at the top level is marked `/* @__PURE__ */`, so that
//! `sideEffects: false` is true of every file and a bundler drops what is
//! not used: `ERROR_CODES` without its `Set`, the entries of `errors.js` that
//! nothing imports. The modules are written from the templates in
//! `runtime/`, one per module; `index.cjs` joins the same templates.

use std::fmt::Write as _;

use super::{fill, js_string};
use crate::emit::body::{status_names, titles};
use crate::emit::generated_notice;
use crate::model::{BodyShape, Catalog, Code};

/// The names of the package's API, in the order `index.cjs` exports them.
/// Each code's entry is exported too, under its [`Code::rust_variant`].
pub const EXPORTS: [&str; 8] = [
    "CATEGORIES",
    "ERRORS",
    "ERROR_CODES",
    "errorBody",
    "isErrorCode",
    "lookupError",
    "parseErrorResponse",
    "readErrorResponse",
];

/// The modules behind `index.js`, in the order `package.json` lists them.
pub(super) const MODULES: [&str; 6] = [
    "codes.js",
    "categories.js",
    "errors.js",
    "error-response.js",
    "error-body.js",
    "frozen.js",
];

/// Template of `frozen.js`: the helpers.
const FROZEN: &str = include_str!("runtime/frozen.js");
/// Template of `codes.js`; one code a line at [`CODES_SLOT`].
const CODES: &str = include_str!("runtime/codes.js");
const CODES_SLOT: &str = "  // @slot(codes)\n";
/// Template of `categories.js`; one `[key, title, description]` a line at [`CATEGORIES_SLOT`].
const CATEGORIES: &str = include_str!("runtime/categories.js");
const CATEGORIES_SLOT: &str = "  // @slot(categories)\n";
/// Template of `errors.js`: the entries as constants at [`ENTRIES_SLOT`] (ES
/// module only), the table's items at [`TABLE_SLOT`].
const ERRORS: &str = include_str!("runtime/errors.js");
const ENTRIES_SLOT: &str = "// @slot(entries)\n";
const TABLE_SLOT: &str = "  // @slot(table)\n";
/// Template of `error-response.js`: the helpers of every shape's reader.
const ERROR_RESPONSE: &str = include_str!("runtime/error-response.js");
/// Template of `error-body.js`.
const ERROR_BODY: &str = include_str!("runtime/error-body.js");
/// The templates of the shapes' readers and writers, which `error-response.js`
/// holds after its helpers.
const HUAWEI: &str = include_str!("runtime/shapes/huawei.js");
const ERROR_OBJECT: &str = include_str!("runtime/shapes/error-object.js");
const GOOGLE: &str = include_str!("runtime/shapes/google.js");
const DOMAIN_SLOT: &str = "/* @slot(domain) */ \"\"";
const STATUS_NAMES_SLOT: &str = "  /* @slot(status names) */\n";
const PROBLEM_DETAILS: &str = include_str!("runtime/shapes/problem-details.js");
const CODE_MEMBER_SLOT: &str = "/* @slot(code member) */ \"code\"";
const TITLES_SLOT: &str = "  /* @slot(titles) */\n";

/// Every template, with its file name and its slots in the order filled (for the tests).
#[cfg(test)]
pub(super) const TEMPLATES: [(&str, &str, &[&str]); 10] = [
    ("frozen.js", FROZEN, &[]),
    ("codes.js", CODES, &[CODES_SLOT]),
    ("categories.js", CATEGORIES, &[CATEGORIES_SLOT]),
    ("errors.js", ERRORS, &[ENTRIES_SLOT, TABLE_SLOT]),
    ("error-response.js", ERROR_RESPONSE, &[]),
    ("error-body.js", ERROR_BODY, &[]),
    ("shapes/huawei.js", HUAWEI, &[]),
    ("shapes/error-object.js", ERROR_OBJECT, &[]),
    (
        "shapes/google.js",
        GOOGLE,
        &[DOMAIN_SLOT, STATUS_NAMES_SLOT],
    ),
    (
        "shapes/problem-details.js",
        PROBLEM_DETAILS,
        &[CODE_MEMBER_SLOT, TITLES_SLOT],
    ),
];

/// The ES modules, paths relative to the package folder.
pub(super) fn modules(catalog: &Catalog) -> Vec<(&'static str, String)> {
    let notice = format!("// {}\n\n", generated_notice(catalog));
    let module = |imports: &str, body: String, exports: &[&str]| {
        let mut out = notice.clone();
        if !imports.is_empty() {
            out += &format!("import {{ {imports} }} from \"./frozen.js\";\n\n");
        }
        out + &body + &format!("\nexport {{ {} }};\n", exports.join(", "))
    };
    let mut entries = String::new();
    let mut names = String::new();
    for code in &catalog.codes {
        entries += &format!(
            "export const {} = /* @__PURE__ */ {}",
            code.rust_variant,
            entry(catalog, code, "")
        );
        entries += ";\n";
        names += &format!("  {},\n", code.rust_variant);
    }
    vec![
        ("index.js", index(catalog)),
        (
            "codes.js",
            module("", codes(catalog), &["ERROR_CODES", "isErrorCode"]),
        ),
        (
            "categories.js",
            module("categoryTable", categories(catalog), &["CATEGORIES"]),
        ),
        (
            "errors.js",
            module(
                "byCode, entry, hasOwn",
                fill(ERRORS, &[(ENTRIES_SLOT, &entries), (TABLE_SLOT, &names)]),
                &["ERRORS", "lookupError"],
            ),
        ),
        (
            "error-response.js",
            module(
                "",
                error_response(catalog),
                &["parseErrorResponse", "readErrorResponse", "writeBody"],
            ),
        ),
        (
            "error-body.js",
            format!(
                "{notice}import {{ lookupError }} from \"./errors.js\";\n\
                 import {{ writeBody }} from \"./error-response.js\";\n\n{}\nexport {{ errorBody }};\n",
                fill(ERROR_BODY, &[])
            ),
        ),
        (
            "frozen.js",
            module(
                "",
                fill(FROZEN, &[]),
                &["byCode", "categoryTable", "entry", "hasOwn"],
            ),
        ),
    ]
}

/// `index.js`: the package's entry point for `import`, which only re-exports.
fn index(catalog: &Catalog) -> String {
    let mut out = format!("// {}\n\n", generated_notice(catalog));
    out += "// The API, from one module per part, so that a bundler keeps only what is\n\
            // imported (see README.md). errors.js also exports each code's entry under\n\
            // the name of the Rust crate's variant";
    if let Some(first) = catalog.codes.first() {
        out += &format!(" ({}, ...)", first.rust_variant);
    }
    out += ".\n";
    out += "export { CATEGORIES } from \"./categories.js\";\n";
    out += "export { ERROR_CODES, isErrorCode } from \"./codes.js\";\n";
    out += "export * from \"./errors.js\";\n";
    out += "export { parseErrorResponse, readErrorResponse } from \"./error-response.js\";\n";
    out += "export { errorBody } from \"./error-body.js\";\n";
    out
}

/// The members of an object literal from status to text, a line each.
fn status_lines(texts: Vec<(u16, &str)>) -> String {
    let mut out = String::new();
    for (status, text) in texts {
        let _ = writeln!(out, "  {status}: {},", js_string(text));
    }
    out
}

/// `error-response.js`'s code: the helpers, the catalog's shape's reader and
/// writer, and `readShape` and `writeBody`, which name them.
fn error_response(catalog: &Catalog) -> String {
    let (template, name) = match &catalog.meta.error_body.shape {
        BodyShape::Huawei => (fill(HUAWEI, &[]), "Huawei"),
        BodyShape::ErrorObject => (fill(ERROR_OBJECT, &[]), "ErrorObject"),
        BodyShape::Google { domain } => {
            let names = status_lines(status_names(catalog));
            let template = fill(
                GOOGLE,
                &[
                    (DOMAIN_SLOT, &js_string(domain)),
                    (STATUS_NAMES_SLOT, &names),
                ],
            );
            (template, "Google")
        }
        BodyShape::ProblemDetails { code_member } => {
            let titles = status_lines(titles(catalog));
            let template = fill(
                PROBLEM_DETAILS,
                &[
                    (CODE_MEMBER_SLOT, &js_string(code_member)),
                    (TITLES_SLOT, &titles),
                ],
            );
            (template, "ProblemDetails")
        }
    };
    format!(
        "{}\n{template}\n/** The reader and the writer of this package's shape of error body. */\n\
         const readShape = read{name}Body;\nconst writeBody = write{name}Body;\n",
        fill(ERROR_RESPONSE, &[])
    )
}

/// `index.cjs`: the templates in one file, each entry written inside `ERRORS`.
pub(super) fn commonjs(catalog: &Catalog) -> String {
    let mut items = String::new();
    for code in &catalog.codes {
        items += &format!("  {},\n", entry(catalog, code, "  "));
    }
    let mut out = format!("// {}\n\"use strict\";\n\n", generated_notice(catalog));
    for body in [
        fill(FROZEN, &[]),
        codes(catalog),
        categories(catalog),
        fill(ERRORS, &[(ENTRIES_SLOT, ""), (TABLE_SLOT, &items)]),
        error_response(catalog),
        fill(ERROR_BODY, &[]),
    ] {
        out += &body;
        out += "\n";
    }
    for name in EXPORTS {
        out += &format!("exports.{name} = {name};\n");
    }
    for code in &catalog.codes {
        out += &format!(
            "exports.{} = ERRORS[{}];\n",
            code.rust_variant,
            js_string(&code.code)
        );
    }
    out
}

fn codes(catalog: &Catalog) -> String {
    let mut codes = String::new();
    for code in &catalog.codes {
        codes += &format!("  {},\n", js_string(&code.code));
    }
    fill(CODES, &[(CODES_SLOT, &codes)])
}

fn categories(catalog: &Catalog) -> String {
    let mut rows = String::new();
    for category in &catalog.categories {
        rows += &format!(
            "  [{}, {}, {}],\n",
            js_string(&category.key),
            js_string(&category.title),
            js_string(&category.description)
        );
    }
    fill(CATEGORIES, &[(CATEGORIES_SLOT, &rows)])
}

/// The call that builds a code's entry, its lines after the first indented
/// by `indent`: `entry(code, category, retryable, [cases], deprecated?)`.
fn entry(catalog: &Catalog, code: &Code, indent: &str) -> String {
    let mut out = format!(
        "entry({}, {}, {}, [\n",
        js_string(&code.code),
        js_string(&catalog.categories[code.category].key),
        code.retryable
    );
    for case in &code.cases {
        out += &format!(
            "{indent}  [{}, {}, {}, {}],\n",
            super::declarations::status_literal(case.http_status),
            js_string(&case.error_msg),
            js_string(&case.description),
            js_string(&case.handling_measure)
        );
    }
    out += indent;
    match &code.deprecated {
        Some(note) => out += &format!("], {})", js_string(note)),
        None => out += "])",
    }
    out
}
