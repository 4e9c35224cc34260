//! Import: a documentation page's error-code table → a spec table.
//!
//! Pure: page text in, table and diagnostics out (the command line is
//! `xtask/src/import.rs`).
//!
//! ```text
//! rst, rst_grid, rst_list   reStructuredText grid tables and list-tables
//! markdown                  Markdown pipe tables (and HTML tables inside Markdown)
//! html                      HTML tables, rowspan and colspan honoured
//! copied_text               the text copied from a rendered page, one paragraph per cell
//!        ↓  SourceTable: header and rows of plain-text cells, each with its place
//! columns                   headers → spec fields (`--column` maps any other header)
//! rows                      cells → spec rows, flagging what cannot be decided
//! write                     the table as CSV or YAML
//! check                     the table against a spec's rows, as a diff
//! ```
//!
//! Cell text is the spec's plain text (see `spec/README.md`): inline markup
//! removed, line wraps joined, one line per paragraph or list item.

pub mod check;
mod columns;
mod copied_text;
mod html;
mod markdown;
mod page;
mod rows;
mod rst;
mod rst_grid;
mod rst_lines;
mod rst_list;
mod rst_text;
mod source_table;
mod text;
pub mod write;

use crate::diagnostic::{Diagnostic, plural};

pub use columns::{ColumnMapping, Field};
pub use page::Pos;

use page::Page;
use source_table::SourceTable;

/// The markup a page is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// reStructuredText: grid tables and `.. list-table::`.
    Rst,
    /// Markdown: pipe tables, and HTML tables written inside the Markdown.
    Markdown,
    /// HTML: `<table>` elements.
    Html,
    /// Text copied from a rendered page: every cell a paragraph of its own.
    CopiedText,
}

impl Format {
    /// The format a file name says (`.rst`, `.md`, `.html`, `.txt`), if it says one.
    #[must_use]
    pub fn from_file_name(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "rst" | "rest" => Some(Format::Rst),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::CopiedText),
            _ => None,
        }
    }

    /// The format of a page whose file name does not say: HTML if it has a
    /// `<table`, reStructuredText if it has a grid-table border or a
    /// list-table, Markdown if it has a pipe-table delimiter row, else copied text.
    #[must_use]
    pub fn sniff(text: &str) -> Format {
        let lower = text.to_ascii_lowercase();
        let lines = || text.lines().map(str::trim);
        if lower.contains("<table") {
            Format::Html
        } else if lines().any(|l| l.starts_with("+-") || l.starts_with(".. list-table::")) {
            Format::Rst
        } else if lines().any(text::is_pipe_table_delimiter) {
            Format::Markdown
        } else {
            Format::CopiedText
        }
    }
}

/// What the user chose on the command line.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The table to import, 1-based in page order; needed when several
    /// tables of the page have an error-code column.
    pub table: Option<usize>,
    /// Headers mapped to fields by the user (`--column 'Header=field'`).
    pub columns: Vec<ColumnMapping>,
}

/// The imported table, in the spec's column order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The spec fields, in spec order: the five required ones, then any
    /// optional field that a `--column` mapping brought in.
    pub fields: Vec<Field>,
    pub rows: Vec<Row>,
    /// The page's "Other" row (codes not in the table), if it has one: it is
    /// no code, and belongs in `catalog.yaml`'s `other`.
    pub other: Option<OtherRow>,
}

/// One row of the imported table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where the row starts on the page.
    pub at: Pos,
    /// One value per field of [`Table::fields`].
    pub values: Vec<String>,
}

impl Row {
    /// The value of `field`, empty if the table has no such column.
    #[must_use]
    pub fn get<'a>(&'a self, table: &Table, field: Field) -> &'a str {
        table
            .fields
            .iter()
            .position(|f| *f == field)
            .and_then(|i| self.values.get(i))
            .map_or("", String::as_str)
    }
}

/// The page's "Other" row: its status and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherRow {
    pub at: Pos,
    pub status: String,
    pub text: String,
}

/// The result of an import: the table, unless there were errors, and every
/// problem found (warnings included).
#[derive(Debug)]
pub struct Imported {
    pub table: Option<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports the error-code table of a page. `name` is how the page is shown
/// in diagnostics. Never panics: whatever the text, problems become
/// diagnostics.
#[must_use]
pub fn import(name: &str, text: &str, format: Format, options: &Options) -> Imported {
    let page = Page::new(name, text);
    let mut diagnostics = Vec::new();
    let tables = read_tables(&page, format, options, &mut diagnostics);
    let table = select_table(&page, tables, options, &mut diagnostics)
        .and_then(|source| rows::table(&page, &source, &options.columns, &mut diagnostics));
    let table = table.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    // In page order (a stable sort: problems of one place keep their order).
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Imported { table, diagnostics }
}

/// Every table of the page, in page order (where each starts), numbered
/// from 1 in that order: the numbers of `--table N`, whichever reader
/// found them (a Markdown page's HTML tables included).
fn read_tables(
    page: &Page,
    format: Format,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceTable> {
    let mut tables = match format {
        Format::Rst => rst::tables(page, diagnostics),
        Format::Markdown => markdown::tables(page, diagnostics),
        Format::Html => html::tables(page, page.text, 0, diagnostics),
        Format::CopiedText => copied_text::tables(page, &options.columns, diagnostics),
    };
    tables.sort_by_key(|t| t.at);
    for (n, table) in tables.iter_mut().enumerate() {
        table.number = n + 1;
    }
    tables
}

/// The diagnostics as `cargo xtask import` prints them, then a count line
/// (`2 warnings found in the page`); empty if there are none.
#[must_use]
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out += &format!("{d}\n");
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match (errors, warnings) {
        (0, 0) => {}
        (0, w) => out += &format!("{} found in the page\n", plural(w, "warning")),
        (e, 0) => {
            out += &format!(
                "{} found in the page: nothing was written\n",
                plural(e, "error")
            );
        }
        (e, w) => {
            out += &format!(
                "{} ({}) found in the page: nothing was written\n",
                plural(e, "error"),
                plural(w, "warning")
            );
        }
    }
    out
}

/// The table to import: the one `--table` names, or the only one with an
/// error-code column. Several candidates, or none, is an error that lists
/// the page's tables.
fn select_table(
    page: &Page,
    mut tables: Vec<SourceTable>,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<SourceTable> {
    if tables.is_empty() {
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.push(
                page.error(Pos::FILE, "no table found on the page")
                    .with_hint(
                        "the importer reads reStructuredText grid tables and list-tables, Markdown pipe tables, HTML tables, and the text copied from a rendered page (a header paragraph per column, then a paragraph per cell)",
                    ),
            );
        }
        return None;
    }
    if let Some(n) = options.table {
        if n == 0 || n > tables.len() {
            diagnostics.push(
                page.error(
                    Pos::FILE,
                    format!(
                        "there is no table {n}: the page has {}",
                        plural(tables.len(), "table")
                    ),
                )
                .with_hint(list_tables(&tables)),
            );
            return None;
        }
        return Some(tables.swap_remove(n - 1));
    }
    let candidates: Vec<usize> = (0..tables.len())
        .filter(|&i| columns::has_code_column(&tables[i].header, &options.columns))
        .collect();
    match candidates.as_slice() {
        [one] => Some(tables.swap_remove(*one)),
        [] if tables.len() == 1 => tables.pop(),
        [] => {
            diagnostics.push(
                page.error(
                    tables[0].at,
                    format!(
                        "none of the page's {} has an error-code column",
                        plural(tables.len(), "table")
                    ),
                )
                .with_hint(format!(
                    "{}; choose one with --table N and name its code column with --column 'Header=error_code'",
                    list_tables(&tables)
                )),
            );
            None
        }
        several => {
            diagnostics.push(
                page.error(
                    tables[several[0]].at,
                    format!(
                        "the page has {} with an error-code column: choose one with --table N",
                        plural(several.len(), "table")
                    ),
                )
                .with_hint(list_tables(several.iter().map(|&i| &tables[i]))),
            );
            None
        }
    }
}

/// One line per table: its number, place, title, headers and row count.
fn list_tables<'a>(tables: impl IntoIterator<Item = &'a SourceTable>) -> String {
    tables
        .into_iter()
        .map(|t| {
            let headers: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
            let title = t
                .title
                .as_ref()
                .map_or_else(String::new, |title| format!(" \"{title}\""));
            let rows = plural(t.rows.len(), "row");
            format!(
                "table {} (line {}){title}: {}; {rows}",
                t.number,
                t.at.line,
                headers.join(" | ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_says_the_format_else_the_text_does() {
        assert_eq!(Format::from_file_name("a/b.RST"), Some(Format::Rst));
        assert_eq!(Format::from_file_name("page.md"), Some(Format::Markdown));
        assert_eq!(Format::from_file_name("page.htm"), Some(Format::Html));
        assert_eq!(Format::from_file_name("page.txt"), Some(Format::CopiedText));
        assert_eq!(Format::from_file_name("page"), None);
        assert_eq!(Format::sniff("<p>x</p><TABLE>"), Format::Html);
        assert_eq!(Format::sniff("  +---+\n  | a |\n"), Format::Rst);
        assert_eq!(Format::sniff("| a | b |\n|---|:-:|\n"), Format::Markdown);
        assert_eq!(
            Format::sniff("Status Code\n\nError Code\n"),
            Format::CopiedText
        );
    }

    #[test]
    fn tables_are_numbered_once_in_page_order_whatever_reader_found_them() {
        // The inner HTML table ends first, the outer one starts first; the
        // Markdown page's pipe table comes after both.
        let text = "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>\n\n| a |\n|---|\n| 1 |\n";
        let page = Page::new("page.md", text);
        let tables = read_tables(
            &page,
            Format::Markdown,
            &Options::default(),
            &mut Vec::new(),
        );
        let numbered: Vec<(usize, &str)> = tables
            .iter()
            .map(|t| (t.number, t.header[0].text.as_str()))
            .collect();
        assert_eq!(numbered, [(1, "outer"), (2, "inner"), (3, "a")]);
    }
}
