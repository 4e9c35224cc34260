//! The tables of a reStructuredText page: grid tables and list-tables, in
//! page order, with the title of a `.. table::` directive around them.
//! Literal blocks, code blocks and comments are skipped: a table drawn
//! inside them is an example, not a table.

use super::page::{Page, Pos};
use super::rst_grid::{self, GridSource};
use super::rst_lines::{block_end, indent};
use super::rst_list;
use super::rst_text::{Note, inline_text};
use super::source_table::SourceTable;
use crate::diagnostic::Diagnostic;

/// Tabs are expanded to this width before anything else, as docutils does.
const TAB_WIDTH: usize = 8;

pub fn tables(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<SourceTable> {
    let expanded: Vec<String> = page.lines().into_iter().map(expand_tabs).collect();
    let lines: Vec<&str> = expanded.iter().map(String::as_str).collect();
    let mut tables = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = indent(line);
        let trimmed = line.trim();
        if starts_literal_block(trimmed) {
            i = block_end(&lines, i + 1, indent);
            continue;
        }
        // After the indent (spaces only: other whitespace is text to RST).
        if is_grid_border(line[indent..].trim_end_matches(' ')) {
            let end = grid_end(&lines, i, indent).max(i + 1);
            let source = GridSource {
                lines: &lines[i..end],
                first_line: i + 1,
                indent,
            };
            let title = table_title(&lines, i, &mut notes);
            match rst_grid::read(&source, title, &mut notes) {
                Ok(table) => tables.push(table),
                Err((at, message)) => diagnostics.push(page.error(at, message)),
            }
            i = end;
            continue;
        }
        if let Some(title) = trimmed.strip_prefix(".. list-table::") {
            let end = block_end(&lines, i + 1, indent);
            let at = Pos::new(i + 1, indent + 1);
            let title = Some(inline_text(title.trim(), at, &mut notes)).filter(|t| !t.is_empty());
            match rst_list::read(&lines[i..end], i + 1, title, &mut notes) {
                Ok(table) => tables.push(table),
                Err((at, message)) => diagnostics.push(page.error(at, message)),
            }
            i = end;
            continue;
        }
        i += 1;
    }
    diagnostics.extend(
        notes
            .into_iter()
            .map(|(at, message)| page.warning(at, message)),
    );
    tables
}

fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_owned();
    }
    let mut out = String::new();
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

/// A grid table's top border: `+---+----+` (or `+===+`).
fn is_grid_border(trimmed: &str) -> bool {
    trimmed.len() >= 3
        && trimmed.starts_with('+')
        && trimmed.ends_with('+')
        && trimmed.contains('-')
        && trimmed.chars().all(|c| matches!(c, '+' | '-'))
}

/// The line after the grid table that starts at `start`: the first line
/// that does not continue it (`+` or `|` at the table's indentation).
fn grid_end(lines: &[&str], start: usize, indent: usize) -> usize {
    lines[start..]
        .iter()
        .position(|line| indent_of_table_line(line) != Some(indent))
        .map_or(lines.len(), |n| start + n)
}

fn indent_of_table_line(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    (trimmed.starts_with('+') || trimmed.starts_with('|')).then(|| indent(line))
}

/// Whether a line starts a block whose indented body is not markup: a
/// code directive, a comment, or a paragraph ending in `::`.
fn starts_literal_block(trimmed: &str) -> bool {
    if let Some(directive) = trimmed.strip_prefix(".. ") {
        let name = directive.split("::").next().unwrap_or("").trim();
        let is_directive =
            directive.contains("::") && !name.contains(' ') && !name.starts_with('|');
        let is_target = directive.starts_with('_') || directive.starts_with('[');
        return if is_directive {
            matches!(
                name,
                "code-block" | "code" | "sourcecode" | "literalinclude" | "parsed-literal" | "raw"
            )
        } else {
            !is_target
        };
    }
    trimmed == ".." || (trimmed.ends_with("::") && !trimmed.starts_with(".."))
}

/// The title of a `.. table:: Title` directive whose body is the table at `start`.
fn table_title(lines: &[&str], start: usize, notes: &mut Vec<Note>) -> Option<String> {
    let table_indent = indent(lines[start]);
    let directive = (0..start)
        .rev()
        .map(|i| (i, lines[i]))
        .find(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with(':'))?;
    let (i, line) = directive;
    let title = line.trim().strip_prefix(".. table::")?;
    (indent(line) < table_indent)
        .then(|| inline_text(title.trim(), Pos::new(i + 1, indent(line) + 1), notes))
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<SourceTable>, Vec<Diagnostic>) {
        let page = Page::new("page.rst", text);
        let mut diagnostics = Vec::new();
        let tables = tables(&page, &mut diagnostics);
        (tables, diagnostics)
    }

    #[test]
    fn tables_in_page_order_with_their_titles() {
        let (tables, diagnostics) = read(
            "Title\n=====\n\n.. table:: **Table 1** V3 codes\n\n   +---+---+\n   | a | b |\n   +===+===+\n   | 1 | 2 |\n   +---+---+\n\nText::\n\n   +---+\n   | x |\n   +---+\n\n.. list-table:: Second\n\n   * - c\n   * - 3\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].title.as_deref(), Some("Table 1 V3 codes"));
        assert_eq!(tables[0].at, Pos::new(6, 4));
        assert_eq!(tables[1].title.as_deref(), Some("Second"));
        assert_eq!(tables[1].rows[0][0].text, "3");
    }

    #[test]
    fn a_malformed_table_is_an_error_and_the_page_goes_on() {
        let (tables, diagnostics) =
            read("+---+---+\n| a | b\n+---+---+\n\n+---+\n| a |\n+---+\n| 1 |\n+---+\n");
        assert_eq!(tables.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 1);
    }

    #[test]
    fn whitespace_other_than_spaces_is_no_indentation() {
        // U+0085 is whitespace to `trim`, but text to RST: no table here.
        let (tables, _) = read("\u{85}+-+\n\u{85}| a |\n");
        assert!(tables.is_empty());
    }

    #[test]
    fn tabs_expand_to_eight_columns() {
        assert_eq!(expand_tabs("a\tb"), "a       b");
        assert_eq!(expand_tabs("\t|"), "        |");
    }
}
