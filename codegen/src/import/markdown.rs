//! Markdown pipe tables, read with pulldown-cmark (GitHub's table
//! extension): the first row is the header; `<br>` in a cell starts a new
//! line; code spans are kept verbatim, emphasis and links keep their text,
//! images are left out. HTML tables written in the Markdown are read as
//! HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html;
use super::page::{Page, Pos};
use super::source_table::{Cell, SourceTable};
use super::text::Paragraphs;
use crate::diagnostic::Diagnostic;

pub fn tables(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceTable> {
    let mut tables = Vec::new();
    let mut table: Option<(Pos, Vec<Vec<Cell>>)> = None;
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<(Paragraphs, Pos)> = None;
    let mut image_depth = 0usize;
    // The last heading's text, and the one being read.
    let mut heading: Option<String> = None;
    let mut open_heading: Option<Paragraphs> = None;
    // The end of the last HTML table read, to skip the events inside it.
    let mut html_until = 0;
    let parser = Parser::new_ext(page.text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        if range.start < html_until {
            continue;
        }
        match event {
            Event::Start(Tag::Table(_)) => {
                table = Some((page.pos_of_offset(range.start), Vec::new()));
            }
            Event::End(TagEnd::Table) => {
                if let Some((at, rows)) = table.take() {
                    let mut read = SourceTable::from_grid(at, None, rows, 1);
                    read.heading.clone_from(&heading);
                    tables.push(read);
                }
            }
            Event::Start(Tag::Heading { .. }) => open_heading = Some(Paragraphs::default()),
            Event::End(TagEnd::Heading(_)) => {
                heading = open_heading.take().map(Paragraphs::finish);
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((_, rows)) = &mut table {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::TableCell) => {
                // The cell's text, after the spaces that follow its `|`.
                let source = page.text.get(range.clone()).unwrap_or("");
                let leading = source.len() - source.trim_start().len();
                cell = Some((
                    Paragraphs::default(),
                    page.pos_of_offset(range.start + leading),
                ));
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((text, at)) = cell.take() {
                    row.push(Cell::new(text.finish(), at));
                }
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => {
                if let Some(end) = html_table_end(page.text, &range) {
                    let html = &page.text[range.start..end];
                    for mut read in html::tables(page, html, range.start, diagnostics) {
                        if read.heading.is_none() {
                            read.heading.clone_from(&heading);
                        }
                        tables.push(read);
                    }
                    html_until = end;
                }
            }
            Event::Text(text) if image_depth == 0 => {
                if let Some((paragraphs, _)) = &mut cell {
                    paragraphs.push_text(&text);
                } else if let Some(paragraphs) = &mut open_heading {
                    paragraphs.push_text(&text);
                }
            }
            Event::Code(code) => {
                if let Some((paragraphs, _)) = &mut cell {
                    paragraphs.push_verbatim(&code);
                } else if let Some(paragraphs) = &mut open_heading {
                    paragraphs.push_verbatim(&code);
                }
            }
            Event::SoftBreak => {
                if let Some((paragraphs, _)) = &mut cell {
                    paragraphs.push_text(" ");
                }
            }
            Event::HardBreak => {
                if let Some((paragraphs, _)) = &mut cell {
                    paragraphs.end_paragraph();
                }
            }
            Event::InlineHtml(tag) => {
                if let Some((paragraphs, _)) = &mut cell {
                    if is_line_break_tag(&tag) {
                        paragraphs.end_paragraph();
                    }
                }
            }
            _ => {}
        }
    }
    tables
}

/// `<br>`, `<br/>`, `<br />`, `<p>`, `</p>` (any case).
fn is_line_break_tag(tag: &str) -> bool {
    let inner = tag
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim()
        .trim_start_matches('/')
        .to_ascii_lowercase();
    inner == "br" || inner == "p"
}

/// If the HTML block at `block` opens a `<table>`, where its `</table>`
/// ends (the table may go on past the block, across blank lines).
fn html_table_end(text: &str, block: &Range<usize>) -> Option<usize> {
    // The block's own text first (and the 5 bytes a `<table` that starts in
    // it may reach past it): most HTML blocks hold no table, and lowering
    // the rest of the page for each of them would be quadratic.
    let mut reach = (block.end + 5).min(text.len());
    while !text.is_char_boundary(reach) {
        reach += 1;
    }
    let opening = text.get(block.start..reach)?;
    let open = opening.to_ascii_lowercase().find("<table")?;
    if open >= block.end - block.start {
        return None;
    }
    let lower = text[block.start + open..].to_ascii_lowercase();
    let close = lower
        .find("</table>")
        .map_or(lower.len(), |i| i + "</table>".len());
    Some(block.start + open + close)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<SourceTable> {
        tables(&Page::new("page.md", text), &mut Vec::new())
    }

    #[test]
    fn an_html_block_holds_a_table_only_if_it_opens_one() {
        let text = "<!-- é -->\n\n<TABLE><tr><td>a</td></tr>\n\n<tr><td>b</td></tr></table>\nafter";
        let comment = 0..12;
        assert_eq!(
            html_table_end(text, &comment),
            None,
            "a table after the block"
        );
        let table = 13..41;
        let end = html_table_end(text, &table).expect("a table");
        assert!(text[..end].ends_with("</table>"), "{:?}", &text[..end]);
        // A block that ends right before a multi-byte character.
        assert_eq!(html_table_end("<p>\u{4e2d}\u{6587}</p>", &(0..3)), None);
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn pipe_tables_with_inline_markup_and_line_breaks() {
        let t = read(
            "# Errors\n\n| Status Code | Error Code | Message |\n|---|:---|---|\n| 400 | `A.1` | **Bad** *input*: see [docs](https://x.example).<br>Retry. |\n| 401 | A\\|2 | Uses `a \\| b` and ![icon](i.png) &amp; more |\n",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(
            texts(&t[0].header),
            ["Status Code", "Error Code", "Message"]
        );
        assert_eq!(
            texts(&t[0].rows[0]),
            ["400", "A.1", "Bad input: see docs.\nRetry."]
        );
        assert_eq!(
            texts(&t[0].rows[1]),
            ["401", "A|2", "Uses a | b and & more"]
        );
        assert_eq!(t[0].at, Pos::new(3, 1));
        assert_eq!(t[0].heading.as_deref(), Some("Errors"));
        assert_eq!(t[0].rows[1][1].at.line, 6);
    }

    #[test]
    fn html_tables_inside_markdown_are_read_in_page_order() {
        let t = read(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n<table>\n<tr><th>Status Code</th><th>Error Code</th></tr>\n\n<tr><td>400</td><td>A.1</td></tr>\n</table>\n\nText | after\n",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(texts(&t[1].header), ["Status Code", "Error Code"]);
        assert_eq!(texts(&t[1].rows[0]), ["400", "A.1"]);
        assert_eq!(t[1].at, Pos::new(5, 1));
    }
}
