//! The page by category: what each category means and asks of a caller, and
//! the codes in it.

use super::{
    Section, code_table_header, join_blocks, message_cell, status_cell, text_blocks, yes_no,
};
use crate::diagnostic::plural;
use crate::emit::generated_notice;
use crate::emit::markdown::{code_span, escape_inline};

pub(super) fn page(section: &Section) -> String {
    let catalog = section.catalog;
    let mut blocks = vec![
        format!("<!-- {} -->", generated_notice(catalog)),
        format!("# {}", section.categories_title.markdown),
        format!(
            "Each code of the {} is in one category, which says what to do about it. \
             A code is retryable when sending the same request again later can succeed \
             without changing anything; a category gives the default, and the tables give \
             each code's own answer.",
            escape_inline(&catalog.meta.service)
        ),
    ];
    let mut overview = vec![
        "| Category | Codes | Retryable by default |".to_owned(),
        "| --- | --- | --- |".to_owned(),
    ];
    for (i, category) in catalog.categories.iter().enumerate() {
        let heading = &section.category_headings[i];
        let codes = catalog.codes.iter().filter(|c| c.category == i).count();
        overview.push(format!(
            "| [{}](#{}) | {codes} | {} |",
            heading.markdown,
            heading.anchor,
            yes_no(category.retryable)
        ));
    }
    blocks.push(overview.join("\n"));
    for (i, category) in catalog.categories.iter().enumerate() {
        blocks.push(format!("## {}", section.category_headings[i].markdown));
        blocks.extend(text_blocks(&category.description));
        let codes: Vec<usize> = (0..catalog.codes.len())
            .filter(|&c| catalog.codes[c].category == i)
            .collect();
        blocks.push(format!(
            "Category key: {}. Retryable by default: {}. {} in this category.",
            code_span(&category.key),
            yes_no(category.retryable).to_lowercase(),
            plural(codes.len(), "code"),
        ));
        if codes.is_empty() {
            continue;
        }
        let mut table = code_table_header(catalog, &["Retryable", "Error message"]);
        for c in codes {
            let code = &catalog.codes[c];
            table.push(format!(
                "| [{}]({}) |{} {} | {} |",
                escape_inline(&code.code),
                section.code_link(c),
                status_cell(catalog, code),
                yes_no(code.retryable),
                message_cell(code),
            ));
        }
        blocks.push(table.join("\n"));
    }
    join_blocks(&blocks)
}
