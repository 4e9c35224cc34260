//! The declarations (`index.d.ts`, `index.d.cts`): the catalog's types and
//! values with their documentation, around the templates `types.d.ts` and
//! `shapes/<shape>.d.ts` (the error bodies of the catalog's shape).

use super::{doc_comment, doc_text, doc_url, fill, js_string, summary};
use crate::emit::markdown::{case_lines, paragraph_lines, paragraphs};
use crate::emit::{docs, generated_notice};
use crate::model::{BodyShape, Catalog, Code};

/// `ErrorCase`, `ErrorEntry`, `ErrorEntryOf` and `CategoryInfo`.
pub(super) const ENTRY_TYPES: &str = include_str!("types.d.ts");
/// Each shape's `ErrorResponse`, `ErrorBody`, `readErrorResponse`,
/// `parseErrorResponse` and `errorBody`; `@slot(service)` is the service's
/// name, `@slot(domain)` the google domain, `@slot(code member)` the problem
/// details member of the code.
pub(super) const SHAPE_TYPES: [(&str, &str); 4] = [
    ("huawei", include_str!("shapes/huawei.d.ts")),
    ("error-object", include_str!("shapes/error-object.d.ts")),
    ("google", include_str!("shapes/google.d.ts")),
    (
        "problem-details",
        include_str!("shapes/problem-details.d.ts"),
    ),
];

pub(super) fn declarations(catalog: &Catalog) -> String {
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
    if catalog.has_http_status() {
        out += "/** An HTTP status, as the table gives it for each case. */\n";
        out += "export type HttpStatus = number;\n\n";
    } else {
        out += &doc_comment(
            &[
                "`null`: the table gives its codes no HTTP status (the API documents none; do \
                 not assume one)."
                    .into(),
            ],
            "",
        );
        out += "export type HttpStatus = null;\n\n";
    }

    out += &fill(ENTRY_TYPES, &[]);
    out += "\n";
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
    // Each code's documentation, for its property of ERRORS and its constant.
    let entry_docs: Vec<Vec<String>> = catalog
        .codes
        .iter()
        .zip(docs::code_urls(catalog))
        .map(|(code, url)| entry_doc_lines(catalog, code, url.as_deref()))
        .collect();
    for (code, doc) in catalog.codes.iter().zip(&entry_docs) {
        out += &doc_comment(doc, "  ");
        let category = &catalog.categories[code.category];
        let mut entry_type = format!(
            "ErrorEntryOf<{}, {}, {}, {}>",
            js_string(&code.code),
            status_literal(code.primary().http_status),
            js_string(&category.key),
            code.retryable
        );
        if code.deprecated.is_some() {
            entry_type += " & { readonly deprecated: string }";
        }
        out += &format!("  readonly {}: {entry_type};\n", js_string(&code.code));
    }
    out += "};\n\n";
    out += &entry_constants(catalog, &entry_docs);

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

/// Each code's entry as a constant of its own, named as the Rust crate's
/// variant, with the same documentation as its property of `ERRORS`.
fn entry_constants(catalog: &Catalog, entry_docs: &[Vec<String>]) -> String {
    let mut out = String::from(
        "// Each code's entry on its own, under the name of the Rust crate's variant: the same\n\
         // object as in ERRORS, and a bundler keeps only the entries that are imported.\n\n",
    );
    for (code, doc) in catalog.codes.iter().zip(entry_docs) {
        out += &doc_comment(doc, "");
        out += &format!(
            "export declare const {}: (typeof ERRORS)[{}];\n",
            code.rust_variant,
            js_string(&code.code)
        );
    }
    out + "\n"
}

/// The declarations of the error bodies of the catalog's shape.
fn error_response_declarations(catalog: &Catalog) -> String {
    let shape = &catalog.meta.error_body.shape;
    let template = SHAPE_TYPES
        .iter()
        .find(|(name, _)| *name == shape.name())
        .map_or("", |(_, template)| template);
    let service = doc_text(&catalog.meta.service);
    let text = fill(template, &[("@slot(service)", &service)]);
    // Validated names (ASCII letters, digits, `.`, `-`, `_`): safe in a string
    // and in a comment, wherever the template has the slot.
    match shape {
        BodyShape::Google { domain } => text.replace("@slot(domain)", domain),
        BodyShape::ProblemDetails { code_member } => {
            text.replace("@slot(code member)", code_member)
        }
        BodyShape::Huawei | BodyShape::ErrorObject => text,
    }
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
            let summary = doc_text(summary(&other.error_msg));
            lines.push(match other.http_status {
                Some(status) => format!("- {status}: {summary}"),
                None => format!("- {summary}"),
            });
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

/// A status as a literal type (and value): `400`, or `null` in a catalog
/// whose codes carry none.
#[must_use]
pub fn status_literal(status: Option<u16>) -> String {
    status.map_or_else(|| "null".to_owned(), |status| status.to_string())
}
