//! HTML tables, read from html5gum's tokens (a WHATWG-compliant tokenizer):
//! `<tr>`, `<td>` and `<th>` with their implied end tags, `rowspan` and
//! `colspan` laid out as the HTML table model does, `<thead>` or leading
//! rows of `<th>` as the header. Cell text is what a browser shows:
//! whitespace collapsed, entities decoded, `<br>`, `<p>` and `<li>` start
//! a new line, `<ol>` items keep their number.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::page::{Page, Pos};
use super::source_table::{Cell, SourceTable};
use super::text::Paragraphs;
use crate::diagnostic::Diagnostic;

/// The HTML table model's limits on spans (a larger value counts as these).
const MAX_COLSPAN: usize = 1_000;
const MAX_ROWSPAN: usize = 65_534;
/// Places (cells, with spans copied) a page's tables may have in all; past
/// that, cells are not laid out, and the page is flagged.
const MAX_PLACES: usize = 1_000_000;

/// Tags after which the text of a cell goes on in a new paragraph.
const BLOCK_TAGS: [&str; 18] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "hr",
];

/// Every table of `html`, which starts at byte `base` of the page.
pub fn tables(
    page: &Page,
    html: &str,
    base: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceTable> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut reader = Reader::default();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        if reader.places() > MAX_PLACES {
            let at = reader
                .open
                .first()
                .map_or_else(|| page.pos_of_offset(base), |t| t.at);
            diagnostics.push(page.error(
                at,
                format!("the page's tables have more than {MAX_PLACES} cells (spans counted): the rest of the page is not read"),
            ));
            break;
        }
        reader.token(token, &|offset| page.pos_of_offset(base + offset));
    }
    while !reader.open.is_empty() {
        reader.end_table();
    }
    reader.done
}

/// The tables being read (nested ones on top) and those read.
#[derive(Default)]
struct Reader {
    open: Vec<OpenTable>,
    done: Vec<SourceTable>,
    /// Inside `<script>` or `<style>`: text is not shown.
    hidden: Option<String>,
    /// The places of the tables read.
    done_places: usize,
    /// The last heading (`<h1>` to `<h6>`) outside tables, and the one being read.
    heading: Option<String>,
    open_heading: Option<Paragraphs>,
}

#[derive(Default)]
struct OpenTable {
    at: Pos,
    /// The heading before the table.
    heading: Option<String>,
    caption: Option<Paragraphs>,
    grid: SpanGrid,
    /// Rows that are in `<thead>`, or made of `<th>` only before the first `<td>` row.
    header_rows: usize,
    in_head: bool,
    body_started: bool,
    cell: Option<OpenCell>,
    /// The next number of each open `<ol>` (0 for a `<ul>`).
    lists: Vec<usize>,
}

struct OpenCell {
    text: Paragraphs,
    at: Pos,
    text_seen: bool,
    header: bool,
    rowspan: usize,
    colspan: usize,
}

impl Reader {
    /// The places laid out so far, in tables read and open.
    fn places(&self) -> usize {
        self.done_places + self.open.iter().map(|t| t.grid.places).sum::<usize>()
    }

    fn token(&mut self, token: Token<usize>, pos: &dyn Fn(usize) -> Pos) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attribute = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).trim().to_owned())
                };
                if self.hidden.is_some() {
                    return;
                }
                if matches!(name.as_str(), "script" | "style" | "template") && !tag.self_closing {
                    self.hidden = Some(name);
                    return;
                }
                let span = (attribute("rowspan"), attribute("colspan"));
                self.start_tag(&name, tag.span.start, tag.span.end, span, pos);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if let Some(hidden) = &self.hidden {
                    if *hidden == name {
                        self.hidden = None;
                    }
                    return;
                }
                self.end_tag(&name);
            }
            Token::String(string) if self.hidden.is_none() => {
                let text = String::from_utf8_lossy(&string.value);
                if let Some(table) = self.open.last_mut() {
                    if let Some(cell) = &mut table.cell {
                        if !cell.text_seen && !text.trim().is_empty() {
                            let leading = text.len() - text.trim_start().len();
                            cell.at = pos(string.span.start + leading);
                            cell.text_seen = true;
                        }
                        cell.text.push_text(&text);
                    } else if let Some(caption) = &mut table.caption {
                        caption.push_text(&text);
                    }
                } else if let Some(heading) = &mut self.open_heading {
                    heading.push_text(&text);
                }
            }
            _ => {}
        }
    }

    fn start_tag(
        &mut self,
        name: &str,
        start: usize,
        end: usize,
        span: (Option<String>, Option<String>),
        pos: &dyn Fn(usize) -> Pos,
    ) {
        if name == "table" {
            self.open.push(OpenTable {
                at: pos(start),
                heading: self.heading.clone(),
                ..OpenTable::default()
            });
            return;
        }
        if self.open.is_empty() && is_heading(name) {
            self.open_heading = Some(Paragraphs::default());
        }
        let Some(table) = self.open.last_mut() else {
            return;
        };
        match name {
            "caption" => table.caption = Some(Paragraphs::default()),
            "thead" => table.in_head = true,
            "tbody" | "tfoot" => {
                table.finish_row();
                table.in_head = false;
            }
            "tr" => {
                table.finish_row();
                table.grid.start_row();
            }
            "td" | "th" => {
                table.finish_cell();
                if !table.grid.in_row() {
                    table.grid.start_row();
                }
                let number = |value: Option<String>, max: usize, zero: usize| {
                    value
                        .and_then(|v| v.parse::<usize>().ok())
                        .map_or(1, |n| if n == 0 { zero } else { n.min(max) })
                };
                table.cell = Some(OpenCell {
                    text: Paragraphs::default(),
                    at: pos(end),
                    text_seen: false,
                    header: name == "th",
                    rowspan: number(span.0, MAX_ROWSPAN, MAX_ROWSPAN),
                    colspan: number(span.1, MAX_COLSPAN, 1),
                });
            }
            _ => table.block_tag(name, true),
        }
    }

    fn end_tag(&mut self, name: &str) {
        if self.open.is_empty() && is_heading(name) {
            if let Some(heading) = self.open_heading.take() {
                self.heading = Some(heading.finish()).filter(|h| !h.is_empty());
            }
        }
        if name == "table" {
            self.end_table();
            return;
        }
        let Some(table) = self.open.last_mut() else {
            return;
        };
        match name {
            "caption" => {
                let text = table
                    .caption
                    .take()
                    .map(Paragraphs::finish)
                    .unwrap_or_default();
                if !text.is_empty() {
                    table.grid.title = Some(text);
                }
            }
            "td" | "th" => table.finish_cell(),
            "tr" => table.finish_row(),
            "thead" => {
                table.finish_row();
                table.in_head = false;
            }
            _ => table.block_tag(name, false),
        }
    }

    fn end_table(&mut self) {
        if let Some(mut table) = self.open.pop() {
            table.finish_row();
            let title = table.grid.title.take();
            let header_rows = table.header_rows;
            self.done_places += table.grid.places;
            let rows = table.grid.finish();
            if rows.iter().any(|row| !row.is_empty()) {
                let mut read = SourceTable::from_grid(table.at, title, rows, header_rows);
                read.heading = table.heading;
                self.done.push(read);
            }
        }
    }
}

/// `h1` to `h6`.
fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl OpenTable {
    fn block_tag(&mut self, name: &str, start: bool) {
        if start && name == "ol" {
            self.lists.push(1);
        } else if start && name == "ul" {
            self.lists.push(0);
        } else if !start && matches!(name, "ol" | "ul") {
            self.lists.pop();
        }
        let Some(cell) = &mut self.cell else {
            return;
        };
        if BLOCK_TAGS.contains(&name) {
            cell.text.end_paragraph();
        }
        if start && name == "li" {
            if let Some(number) = self.lists.last_mut().filter(|n| **n > 0) {
                cell.text.push_text(&format!("{number}. "));
                *number += 1;
            }
        }
    }

    fn finish_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let text = cell.text.finish();
            if !cell.header {
                self.body_started = true;
            }
            self.grid.push(
                &Cell::new(text, cell.at),
                cell.rowspan,
                cell.colspan,
                cell.header,
            );
        }
    }

    fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(all_header) = self.grid.end_row() {
            if self.in_head
                || (all_header
                    && !self.body_started
                    && self.header_rows == self.grid.rows.len() - 1)
            {
                self.header_rows += 1;
            }
        }
    }
}

/// Rows of cells laid out with their spans: a cell spanning rows is carried
/// into the rows below it, one spanning columns fills each of them.
#[derive(Default)]
struct SpanGrid {
    rows: Vec<Vec<Option<Cell>>>,
    /// The row being filled, and whether all its own cells are `<th>`.
    current: Option<(Vec<Option<Cell>>, bool)>,
    /// Per column: a cell spanning down into the next rows, and how many.
    carried: Vec<Option<(Cell, usize)>>,
    title: Option<String>,
    /// Places filled so far, spans counted.
    places: usize,
}

impl SpanGrid {
    fn in_row(&self) -> bool {
        self.current.is_some()
    }

    fn start_row(&mut self) {
        self.end_row();
        let mut row = Vec::new();
        for (column, carried) in self.carried.iter_mut().enumerate() {
            if let Some((cell, left)) = carried {
                row.resize(column + 1, None);
                row[column] = Some(cell.clone());
                self.places += 1;
                *left -= 1;
                if *left == 0 {
                    *carried = None;
                }
            }
        }
        self.current = Some((row, true));
    }

    fn push(&mut self, cell: &Cell, rowspan: usize, colspan: usize, header: bool) {
        if self.current.is_none() {
            self.start_row();
        }
        let Some((row, all_header)) = &mut self.current else {
            return;
        };
        *all_header &= header;
        let first = row.iter().position(Option::is_none).unwrap_or(row.len());
        let last = (first + colspan).min(MAX_COLSPAN);
        self.places += last - first;
        if row.len() < last {
            row.resize(last, None);
        }
        if self.carried.len() < last {
            self.carried.resize(last, None);
        }
        for (slot, carried) in row[first..last]
            .iter_mut()
            .zip(&mut self.carried[first..last])
        {
            *slot = Some(cell.clone());
            if rowspan > 1 {
                *carried = Some((cell.clone(), rowspan - 1));
            }
        }
    }

    /// Ends the current row; whether all its own cells were `<th>`.
    fn end_row(&mut self) -> Option<bool> {
        let (row, all_header) = self.current.take()?;
        self.rows.push(row);
        Some(all_header)
    }

    /// The rows, every free place an empty cell.
    fn finish(mut self) -> Vec<Vec<Cell>> {
        self.end_row();
        self.rows
            .into_iter()
            .map(|row| {
                let at = row.iter().flatten().next().map_or(Pos::default(), |c| c.at);
                row.into_iter()
                    .map(|c| c.unwrap_or_else(|| Cell::new("", at)))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> (Vec<SourceTable>, Vec<Diagnostic>) {
        let page = Page::new("page.html", html);
        let mut diagnostics = Vec::new();
        let tables = tables(&page, html, 0, &mut diagnostics);
        (tables, diagnostics)
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn spans_are_laid_out_and_leading_th_rows_are_the_header() {
        let (tables, diagnostics) = read(
            "<table>\n<tr><th>Status Code<th>Error Code<th>Message\n<tr><td rowspan=3>400<td>A.1<td>One\n<tr><td colspan=2>A.2 and two\n<tr><td>A.3<td>Three<br>lines</table>",
        );
        assert!(diagnostics.is_empty());
        let t = &tables[0];
        assert_eq!(texts(&t.header), ["Status Code", "Error Code", "Message"]);
        assert_eq!(texts(&t.rows[0]), ["400", "A.1", "One"]);
        assert_eq!(texts(&t.rows[1]), ["400", "A.2 and two", "A.2 and two"]);
        assert_eq!(texts(&t.rows[2]), ["400", "A.3", "Three\nlines"]);
        assert_eq!(t.rows[2][1].at, Pos::new(5, 9));
    }

    #[test]
    fn a_table_has_the_heading_before_it() {
        let (tables, _) = read(
            "<h2>Error <code>codes</code></h2><p>Text</p><table><tr><th>Code</th></tr><tr><td><h3>not a heading</h3></td></tr></table><table><tr><td>x</td></tr></table>",
        );
        assert_eq!(tables[0].heading.as_deref(), Some("Error codes"));
        assert_eq!(tables[1].heading.as_deref(), Some("Error codes"));
    }

    #[test]
    fn nested_tables_are_tables_of_their_own() {
        let (tables, _) = read(
            "<table><tr><td>Outer<table><tr><td>Inner</td></tr></table></td><td>Cell</td></tr></table>",
        );
        // Found as they end (the inner one first); the importer numbers
        // them in page order, where they start.
        assert_eq!(tables.len(), 2);
        assert_eq!(texts(&tables[0].header), ["Inner"]);
        assert_eq!(texts(&tables[1].header), ["Outer", "Cell"]);
        assert!(tables[1].at < tables[0].at);
    }

    #[test]
    fn a_page_of_too_many_places_is_flagged_not_laid_out() {
        let row = "<tr><td colspan=1000>x";
        let (_, diagnostics) = read(&format!(
            "<table>{}</table>",
            row.repeat(MAX_PLACES / 1000 + 2)
        ));
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("more than 1000000 cells"),
            "{}",
            diagnostics[0].message
        );
    }
}
