//! A section's overview (`index.md`): where the table comes from, the error
//! body, how to read a code, what an unlisted code means, and every code
//! linked to its section (and every removed code to its tombstone).

use super::anchors::Anchors;
use super::{Section, code_table_header, join_blocks, message_cell, status_cell, text_blocks};
use crate::diagnostic::plural;
use crate::emit::markdown::{code_span, escape_inline};
use crate::emit::{body, generated_notice};
use crate::model::BodyShape;

pub(super) fn page(section: &Section) -> String {
    let catalog = section.catalog;
    let meta = &catalog.meta;
    let mut anchors = Anchors::default();
    let title = anchors.heading(&meta.title);
    let body_heading = anchors.heading("Error response body");
    let reading_heading = anchors.heading("Reading a code");
    let other_heading = anchors.heading("Codes not in the table");
    let all_heading = anchors.heading("All codes");
    let removed_heading = anchors.heading("Removed codes");

    let mut blocks = vec![
        format!("<!-- {} -->", generated_notice(catalog)),
        format!("# {}", title.markdown),
        format!(
            "The {} of the {}, with each code's {}error message, description, handling \
             measure, category and whether a request that failed with it can be retried. \
             [{}](#{}) links every code to its section.",
            plural(catalog.codes.len(), "error code"),
            escape_inline(&meta.service),
            crate::emit::status_and(catalog),
            all_heading.markdown,
            all_heading.anchor,
        ),
    ];
    let updated = meta
        .updated_on
        .as_deref()
        .map(|date| format!(", updated on {}", escape_inline(date)))
        .unwrap_or_default();
    blocks.push(match &meta.source_url {
        Some(url) => format!(
            "The table comes from the service's error-code page, {}{updated}.",
            address(url)
        ),
        None if updated.is_empty() => "The table's source page is not recorded.".to_owned(),
        None => format!("The table comes from the service's error-code page{updated}."),
    });

    blocks.push(format!("## {}", body_heading.markdown));
    // A catalog whose codes carry no status states none for its body either.
    let with_status = if catalog.has_http_status() {
        format!(", with HTTP status {}", meta.error_body.status)
    } else {
        String::new()
    };
    blocks.push(format!(
        "When a request fails, the response has a JSON body that names the error code. \
         The catalog gives this example{with_status}:"
    ));
    blocks.push(fenced(&meta.error_body.example));
    let shape = &meta.error_body.shape;
    if *shape == BodyShape::Huawei && names_code_and_message(&meta.error_body.example) {
        blocks.push(format!(
            "`error_code` is the code (see [{}](#{})) and `error_msg` its error message.",
            all_heading.markdown, all_heading.anchor
        ));
    }
    blocks.push(body::description(shape));
    let first = &catalog.codes[0];
    blocks.push(format!(
        "A server answers a failed request with the documented status and body of its code, \
         which the Rust crate's `ErrorCode::response()` and the npm package's `errorBody(code)` \
         write{}. For {}{}:",
        match shape {
            BodyShape::ProblemDetails { .. } => ", with the media type `application/problem+json`",
            _ => "",
        },
        code_span(&first.code),
        first
            .primary()
            .http_status
            .map_or_else(String::new, |status| format!(" (HTTP status {status})"))
    ));
    blocks.push(fenced(
        &body::written(catalog, first, first.primary()).pretty(),
    ));
    blocks.push(
        "For API toolchains, the generator also writes the table as OpenAPI 3.1 components \
         (`ErrorCode`, `ErrorResponse`, the responses that carry it) and this body as a JSON \
         Schema: `{name}/openapi/openapi.json` and `{name}/openapi/error-response.schema.json` \
         in its output, with a README on referencing them from an API description."
            .replace("{name}", &catalog.name),
    );

    blocks.push(format!("## {}", reading_heading.markdown));
    blocks.extend(reading_a_code(section));

    blocks.push(format!("## {}", other_heading.markdown));
    let status = meta
        .other
        .http_status
        .map(|s| format!(" (HTTP status {s})"))
        .unwrap_or_default();
    blocks.push(format!(
        "A response may carry a code that is not in this table. What such a code means{status}:"
    ));
    blocks.extend(text_blocks(&meta.other.text));

    blocks.push(format!("## {}", all_heading.markdown));
    blocks.push("Each code links to its section.".to_owned());
    let mut table = code_table_header(catalog, &["Category", "Error message"]);
    for (i, code) in catalog.codes.iter().enumerate() {
        table.push(format!(
            "| [{}]({}) |{} {} | {} |",
            escape_inline(&code.code),
            section.code_link(i),
            status_cell(catalog, code),
            section.category_link(code),
            message_cell(code),
        ));
    }
    blocks.push(table.join("\n"));
    if !catalog.removed.is_empty() {
        blocks.push(format!("## {}", removed_heading.markdown));
        blocks.push(
            "Codes that were in the table and left it. Each keeps its section, which says in \
             which version it was removed and what replaces it."
                .to_owned(),
        );
        let list: Vec<String> = catalog
            .removed
            .iter()
            .enumerate()
            .map(|(index, removed)| {
                format!(
                    "- [{}]({}): removed in {}",
                    escape_inline(&removed.code),
                    section.removed_link(index),
                    removed.removed_in
                )
            })
            .collect();
        blocks.push(list.join("\n"));
    }
    join_blocks(&blocks)
}

/// How a code is built, with examples from this table, and the list of
/// prefix pages.
fn reading_a_code(section: &Section) -> Vec<String> {
    let catalog = section.catalog;
    let mut blocks = Vec::new();
    let example = catalog
        .codes
        .iter()
        .find_map(|c| Some((c, c.prefix.as_deref().filter(|p| !p.is_empty())?)));
    if let Some((code, prefix)) = example {
        let rest = code.code.get(prefix.len() + 1..).unwrap_or_default();
        blocks.push(format!(
            "A code such as {} has two parts: the prefix before the first dot, {}, groups \
             related codes, and the part after it, {}, tells them apart. Codes are compared \
             exactly as written, case included. The codes by prefix:",
            code_span(&code.code),
            code_span(prefix),
            code_span(rest),
        ));
    } else {
        blocks.push(
            "The codes of this table have no prefix. Codes are compared exactly as written, \
             case included."
                .to_owned(),
        );
    }
    let mut list = Vec::new();
    for page in &section.code_pages {
        let mut line = format!(
            "- [{}]({}): {}",
            page.title.markdown,
            page.file,
            plural(page.codes.len(), "code")
        );
        if !page.removed.is_empty() {
            line += &format!(" (and {} removed)", page.removed.len());
        }
        if page.prefix.is_none()
            && let Some(first) = page.codes.first()
        {
            line += &format!(", such as {}", code_span(&first.code));
        }
        list.push(line);
    }
    blocks.push(list.join("\n"));
    blocks
}

/// A link for an `http(s)` address; anything else is shown, not linked.
fn address(url: &str) -> String {
    let linkable = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    if linkable {
        format!("<{url}>")
    } else {
        code_span(url)
    }
}

/// A fenced code block that shows `text` as written: the fence is longer
/// than any run of backticks in it; tabs become four spaces and trailing
/// spaces are dropped (JSON does not care, and lints forbid both).
fn fenced(text: &str) -> String {
    let longest_run = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest_run.max(2) + 1);
    let language = if serde_json::from_str::<serde_json::Value>(text).is_ok() {
        "json"
    } else {
        "text"
    };
    let mut out = format!("{fence}{language}\n");
    for line in text.trim_end().lines() {
        out += line.replace('\t', "    ").trim_end();
        out.push('\n');
    }
    out += &fence;
    out
}

/// Whether the example body is a JSON object with `error_code` and
/// `error_msg`, so that the page may describe those two fields.
fn names_code_and_message(example: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(example)
        .is_ok_and(|body| body.get("error_code").is_some() && body.get("error_msg").is_some())
}
