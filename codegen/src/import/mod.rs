//! Import: a documentation page's error-code tables → spec tables.
//!
//! Pure: page text in, tables and diagnostics out (the command line is
//! `xtask/src/import.rs`).
//!
//! ```text
//! rst, rst_grid,            reStructuredText grid, simple and list tables (rst_lines:
//!   rst_simple, rst_list    what they share of lines; rst_text: a cell's text)
//! markdown                  Markdown pipe tables (and HTML tables inside Markdown)
//! html                      HTML tables, rowspan and colspan honoured
//! copied_text               the text copied from a rendered page, one paragraph per cell
//!        ↓  SourceTable: header and rows of plain-text cells, each with its place,
//!           numbered once in page order, with its caption and section heading
//! select                    the tables to import: `--table N`, else every code table
//! columns                   headers → spec fields (`--column` maps any other header)
//! rows                      cells → spec rows, flagging what cannot be decided
//!                           (report: what it says of the columns; status: a status
//!                           cell as pages write it)
//! write                     a table as CSV or YAML
//! check                     the tables against a spec's rows, as a diff
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
mod report;
mod rows;
mod rst;
mod rst_grid;
mod rst_lines;
mod rst_list;
mod rst_simple;
mod rst_text;
mod select;
mod source_table;
mod status;
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
    /// The one table to import, by its 1-based number on the page; without
    /// it, every table with an error-code column is imported.
    pub table: Option<usize>,
    /// Headers mapped to fields by the user (`--column 'Header=field'`),
    /// each header once: add them with [`Options::add_column`].
    pub columns: Vec<ColumnMapping>,
}

impl Options {
    /// Adds `--column 'Header=field'`.
    ///
    /// # Errors
    /// A message for the command line when `text` is not `Header=field`,
    /// names no spec column, or maps a header that is mapped already.
    pub fn add_column(&mut self, text: &str) -> Result<(), String> {
        columns::add_mapping(&mut self.columns, text)
    }
}

/// One imported table, in the spec's column order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's 1-based number on the page, counting every table of the
    /// page in page order (the number `--table N` takes).
    pub number: usize,
    /// Where the table starts on the page.
    pub at: Pos,
    /// Its caption (`.. table:: Title`, `<caption>`), if the page gives one.
    pub caption: Option<String>,
    /// The heading of the page's section that holds the table, if any.
    pub heading: Option<String>,
    /// Whether the table has a status column. Without one, `fields` has no
    /// `status_code` and the written table no such column: the catalog must
    /// say that its codes carry no status (`http_status: none`) or give a
    /// default one (`default_http_status: N`).
    pub has_status: bool,
    /// The spec fields, in spec order: the five required ones (without
    /// `status_code` if the table has no status column), then any optional
    /// field that a `--column` mapping brought in.
    pub fields: Vec<Field>,
    pub rows: Vec<Row>,
    /// The page's "Other" row (codes not in the table), if it has one: it is
    /// no code, and belongs in `catalog.yaml`'s `other`.
    pub other: Option<OtherRow>,
}

/// One row of the imported table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where the row starts on the page (the rows made of one row that
    /// lists several statuses share it).
    pub at: Pos,
    /// One value per field of [`Table::fields`].
    pub values: Vec<String>,
    /// The text of the heading row above it that spans the whole table
    /// ("Class 22 — Data Exception"), if there is one: the group of codes
    /// it belongs to. Heading rows are not rows of the table.
    pub group: Option<String>,
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

/// The page's "Other" row: its status (a number if the page's can be read as
/// one, else as written; empty without a status column) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherRow {
    pub at: Pos,
    pub status: String,
    pub text: String,
}

/// The result of an import: every error-code table of the page (or the one
/// `--table N` chose), in page order, unless there were errors; and every
/// problem found (warnings included).
#[derive(Debug)]
pub struct Imported {
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Imported {
    /// Whether the tables have no status column (none of them has one): a
    /// catalog made of them says `http_status: none`.
    #[must_use]
    pub fn has_no_status(&self) -> bool {
        !self.tables.is_empty() && self.tables.iter().all(|t| !t.has_status)
    }
}

/// Imports the error-code tables of a page. `name` is how the page is shown
/// in diagnostics. Never panics: whatever the text, problems become
/// diagnostics.
#[must_use]
pub fn import(name: &str, text: &str, format: Format, options: &Options) -> Imported {
    let page = Page::new(name, text);
    let mut diagnostics = Vec::new();
    let tables = read_tables(&page, format, options, &mut diagnostics);
    let chosen = select::code_tables(&page, &tables, options, &mut diagnostics);
    let mut tables = rows::tables(&page, &chosen, &options.columns, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        tables.clear();
    }
    // In page order (a stable sort: problems of one place keep their order).
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Imported {
        tables,
        diagnostics,
    }
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

/// For a caller that writes one table: the error to give when the page has
/// several, which lists them (`--table N` chooses one).
#[must_use]
pub fn several_tables_error(name: &str, tables: &[Table]) -> Diagnostic {
    let at = tables.first().map_or(Pos::FILE, |t| t.at);
    let listed: Vec<String> = tables
        .iter()
        .map(|t| {
            let title = t.caption.as_ref().or(t.heading.as_ref());
            let title = title.map_or_else(String::new, |title| format!(" \"{title}\""));
            format!(
                "table {} (line {}){title}: {}",
                t.number,
                t.at.line,
                plural(t.rows.len(), "row")
            )
        })
        .collect();
    Diagnostic::error(
        name,
        at.line,
        at.column,
        format!(
            "the page has {} with an error-code column: choose one with --table N",
            plural(tables.len(), "table")
        ),
    )
    .with_hint(listed.join("; "))
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
