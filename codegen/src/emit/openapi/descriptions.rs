//! The texts that document each code: one plain line for
//! `x-enum-descriptions` (generators put it in code comments), and Markdown
//! for `x-enumDescriptions` and the examples' descriptions (renderers show
//! it as documentation). Spec text in Markdown goes through
//! [`markdown_text`], so that it renders literally.

use crate::emit::markdown::{case_lines, code_span, escape_inline, field_lines, one_line};
use crate::model::{Case, Catalog, Code};

/// Spec text as one line of Markdown that renders literally: the project's
/// [`escape_inline`], with `<` and `>` written as the entities `&lt;` and
/// `&gt;` instead of backslash escapes, and a `(` after a `]` escaped too.
/// Renderers of `OpenAPI` differ (some allow raw HTML), and lint rules and
/// sanitizers look for patterns whatever the escapes (Redocly's
/// `no-unsafe-markdown`: `<script`, an `on…=` attribute in a tag,
/// `](javascript:`): none can occur.
pub(super) fn markdown_text(text: &str) -> String {
    // `escape_inline` writes each `<` and `>` of the text as `\<` and `\>`,
    // and each backslash as `\\`; `replace` scans from the left, so a
    // backslash before a `<` (`\\\<`) becomes `\\&lt;`: still both. Every
    // `]` is `\]`, so `](` can only be `\](`.
    escape_inline(text)
        .replace("\\<", "&lt;")
        .replace("\\>", "&gt;")
        .replace("\\](", "\\]\\(")
}

/// A code in one line of plain text: its primary error message, and its
/// deprecation note.
pub(super) fn code_line(code: &Code) -> String {
    let message = one_line(&code.primary().error_msg);
    match &code.deprecated {
        Some(note) => format!("{message} (deprecated: {})", one_line(note)),
        None => message.into_owned(),
    }
}

/// A code's documentation: its deprecation note (first, so that a reader
/// sees it), every case's status and texts, its category, whether it is
/// retryable and, when the catalog says where the reference pages are
/// published, the address of its section.
pub(super) fn code_markdown(catalog: &Catalog, code: &Code, url: Option<&str>) -> String {
    let mut facts = code_facts(catalog, code);
    if let Some(url) = url {
        facts.push(format!("- Reference: <{url}>"));
    }
    let mut blocks = Vec::new();
    if let [case] = code.cases.as_slice() {
        let mut lines = deprecation(code);
        lines.extend(case_lines(case, markdown_text));
        lines.extend(facts);
        blocks.push(lines.join("\n"));
    } else {
        let mut lines = deprecation(code);
        lines.extend(facts);
        blocks.push(lines.join("\n"));
        blocks.push(format!(
            "The table lists this code {} times; the first is its primary case.",
            code.cases.len()
        ));
        for (i, case) in code.cases.iter().enumerate() {
            blocks.push(format!("Case {}:", i + 1));
            blocks.push(case_lines(case, markdown_text).join("\n"));
        }
    }
    blocks.join("\n\n")
}

/// One case's documentation, for its example: the code's deprecation note,
/// the case's status and texts, the code's category and retryability.
pub(super) fn case_markdown(catalog: &Catalog, code: &Code, case: &Case) -> String {
    let mut lines = deprecation(code);
    lines.extend(case_lines(case, markdown_text));
    lines.extend(code_facts(catalog, code));
    lines.join("\n")
}

/// The summary of a case's example, in one line of plain text:
/// `AIS.0014: The JSON format of the input data is incorrect.`, with the
/// case's number when the code has several, and `(deprecated)`.
pub(super) fn case_summary(code: &Code, case_index: usize) -> String {
    let mut summary = code.code.clone();
    if code.cases.len() > 1 {
        summary += &format!(", case {} of {}", case_index + 1, code.cases.len());
    }
    if code.deprecated.is_some() {
        summary += " (deprecated)";
    }
    format!("{summary}: {}", one_line(&code.cases[case_index].error_msg))
}

/// A list item with the code's deprecation note, if it is deprecated.
fn deprecation(code: &Code) -> Vec<String> {
    match &code.deprecated {
        Some(note) => field_lines("Deprecated", note, markdown_text),
        None => Vec::new(),
    }
}

/// The list items that hold for every case of a code: its category and
/// whether it is retryable.
fn code_facts(catalog: &Catalog, code: &Code) -> Vec<String> {
    let category = &catalog.categories[code.category];
    vec![
        format!(
            "- Category: {} ({})",
            markdown_text(&category.title),
            code_span(&category.key)
        ),
        format!("- Retryable: {}", if code.retryable { "yes" } else { "no" }),
    ]
}
