//! A page of codes: a short introduction, a summary table, then one section
//! per code whose heading is the code.

use super::{
    CATEGORIES_FILE, CodePage, Section, code_table_header, join_blocks, message_cell, status_cell,
    yes_no,
};
use crate::diagnostic::plural;
use crate::emit::generated_notice;
use crate::emit::markdown::{code_span, escape_inline, numbered_items, paragraphs};
use crate::model::{Case, Code, RemovedCode};

pub(super) fn page(section: &Section, page: &CodePage) -> String {
    let catalog = section.catalog;
    let mut blocks = vec![
        format!("<!-- {} -->", generated_notice(catalog)),
        format!("# {}", page.title.markdown),
    ];
    let which = match page.prefix {
        Some(prefix) => format!("whose prefix is {}", code_span(prefix)),
        None => "that have no prefix".to_owned(),
    };
    let removed = if page.removed.is_empty() {
        String::new()
    } else {
        format!(
            ", then the {} that left the table",
            plural(page.removed.len(), "removed code")
        )
    };
    blocks.push(format!(
        "The {} of the {} {which}{removed}. Each section gives a code's {}error message, \
         description, handling measure, category and whether it is retryable; \
         [{}]({CATEGORIES_FILE}) says what to do about each category.",
        plural(page.codes.len(), "code"),
        escape_inline(&catalog.meta.service),
        crate::emit::status_and(catalog),
        section.categories_title.markdown,
    ));
    let mut table = code_table_header(catalog, &["Category", "Error message"]);
    for code in &page.codes {
        table.push(format!(
            "| [{}](#{}) |{} {} | {} |",
            escape_inline(&code.code),
            code.anchor,
            status_cell(catalog, code),
            section.category_link(code),
            message_cell(code),
        ));
    }
    blocks.push(table.join("\n"));
    for code in &page.codes {
        blocks.extend(code_section(section, code));
    }
    for removed in &page.removed {
        blocks.extend(tombstone(removed));
    }
    join_blocks(&blocks)
}

/// A removed code's section: when it was removed, and its last deprecation
/// note, which says what replaces it.
fn tombstone(removed: &RemovedCode) -> Vec<String> {
    let mut blocks = vec![
        format!("## {}", escape_inline(&removed.code)),
        format!(
            "Removed in version {}: the table no longer lists this code.",
            removed.removed_in
        ),
    ];
    if let Some(note) = &removed.note {
        blocks.push(field("", "Deprecation note", note).join("\n"));
    }
    blocks
}

/// A code's section: its heading, then its fields, or for a code the table
/// lists several times, the code's own fields and a numbered list of cases.
fn code_section(section: &Section, code: &Code) -> Vec<String> {
    let mut blocks = vec![format!("## {}", escape_inline(&code.code))];
    let mut fields = Vec::new();
    if let Some(note) = &code.deprecated {
        fields.extend(field("", "Deprecated", note));
    }
    if let [case] = code.cases.as_slice() {
        if let Some(status) = case.http_status {
            fields.push(format!("- **HTTP status**: {status}"));
        }
        fields.extend(case_texts("", case));
    }
    fields.push(format!("- **Category**: {}", section.category_link(code)));
    fields.push(format!("- **Retryable**: {}", yes_no(code.retryable)));
    fields.dedup_by(|a, b| a.is_empty() && b.is_empty());
    blocks.push(fields.join("\n"));
    if code.cases.len() > 1 {
        blocks.push(format!(
            "The table lists this code {} times, with different statuses or texts. \
             The first is its primary case: the status and message reported for the code.",
            code.cases.len()
        ));
        let mut cases = Vec::new();
        for (i, case) in code.cases.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let indent = " ".repeat(marker.len());
            match case.http_status {
                Some(status) => {
                    cases.push(format!("{marker}**HTTP status**: {status}"));
                    cases.push(String::new());
                    cases.extend(case_texts(&indent, case));
                }
                // Without a status, the case opens with its message.
                None => {
                    let mut texts = case_texts(&indent, case);
                    if let Some(first) = texts.first_mut() {
                        *first = format!(
                            "{marker}{}",
                            first.trim_start_matches(&indent).trim_start_matches("- ")
                        );
                    }
                    cases.extend(texts);
                }
            }
            cases.push(String::new());
        }
        cases.dedup_by(|a, b| a.is_empty() && b.is_empty());
        blocks.push(cases.join("\n"));
    }
    blocks
}

/// The error message, description and handling measure of a case, as list
/// items indented by `indent`.
fn case_texts(indent: &str, case: &Case) -> Vec<String> {
    let mut lines = field(indent, "Error message", &case.error_msg);
    lines.extend(field(indent, "Description", &case.description));
    lines.extend(field(indent, "Handling measure", &case.handling_measure));
    lines
}

/// One list item, `- **Label**: text`, indented by `indent`. Text of several
/// paragraphs keeps them (as continuation paragraphs of the item); text whose
/// paragraphs are numbered `1.`, `2.`, … becomes a numbered list.
fn field(indent: &str, label: &str, text: &str) -> Vec<String> {
    let inner = format!("{indent}  ");
    if let Some(items) = numbered_items(text) {
        let mut lines = vec![format!("{indent}- **{label}**:"), String::new()];
        for (i, item) in items.iter().enumerate() {
            lines.push(format!("{inner}{}. {}", i + 1, escape_inline(item)));
        }
        lines.push(String::new());
        return lines;
    }
    let mut paragraphs = paragraphs(text).map(escape_inline);
    let first = paragraphs.next().unwrap_or_else(|| "(none)".to_owned());
    let mut lines = vec![format!("{indent}- **{label}**: {first}")];
    let rest: Vec<String> = paragraphs.collect();
    if !rest.is_empty() {
        for paragraph in rest {
            lines.push(String::new());
            lines.push(format!("{inner}{paragraph}"));
        }
        lines.push(String::new());
    }
    lines
}
