//! The tables of a reStructuredText page: grid, simple and list tables, in
//! page order, with the title of a `.. table::` directive around them and
//! the heading of the section that holds them.
//! Literal blocks, code blocks and comments are skipped: a table drawn
//! inside them is an example, not a table.

use super::page::{Page, Pos};
use super::rst_grid::{self, GridSource};
use super::rst_lines::{block_end, indent};
use super::rst_list;
use super::rst_simple::{self, SimpleSource};
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
    // The title of the section being read.
    let mut heading: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = indent(line);
        let trimmed = line.trim();
        if let Some((title, length)) = section_title(&lines, i) {
            heading = Some(inline_text(title, Pos::new(i + 1, 1), &mut notes));
            i += length;
            continue;
        }
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
                Ok(table) => tables.push(SourceTable {
                    heading: heading.clone(),
                    ..table
                }),
                Err((at, message)) => diagnostics.push(page.error(at, message)),
            }
            i = end;
            continue;
        }
        if rst_simple::is_border(&line[indent..]) {
            let title = table_title(&lines, i, &mut notes);
            let end = match rst_simple::extent(&lines[i..], indent) {
                Ok(length) => {
                    let source = SimpleSource {
                        lines: &lines[i..i + length],
                        first_line: i + 1,
                        indent,
                    };
                    match rst_simple::read(&source, title, &mut notes) {
                        Ok(table) => tables.push(SourceTable {
                            heading: heading.clone(),
                            ..table
                        }),
                        Err((at, message)) => diagnostics.push(page.error(at, message)),
                    }
                    i + length
                }
                Err((line, message)) => {
                    diagnostics.push(page.error(Pos::new(i + line + 1, indent + 1), message));
                    // Past the top border only: what follows is read again.
                    i + 1
                }
            };
            i = end;
            continue;
        }
        if let Some(title) = trimmed.strip_prefix(".. list-table::") {
            let end = block_end(&lines, i + 1, indent);
            let at = Pos::new(i + 1, indent + 1);
            let title = Some(inline_text(title.trim(), at, &mut notes)).filter(|t| !t.is_empty());
            match rst_list::read(&lines[i..end], i + 1, title, &mut notes) {
                Ok(table) => tables.push(SourceTable {
                    heading: heading.clone(),
                    ..table
                }),
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

/// The section title at `lines[i]`, and how many lines it takes: a line of
/// text under a blank line (or the page's start) and over a line of one
/// punctuation character repeated (`=====`), or that between two such lines.
fn section_title<'a>(lines: &[&'a str], i: usize) -> Option<(&'a str, usize)> {
    let text = |line: &'a str| {
        let trimmed = line.trim();
        (!trimmed.is_empty() && adornment(line).is_none() && !trimmed.starts_with(".. "))
            .then_some(trimmed)
    };
    let long_enough = |adornment: &str, title: &str| {
        let length = adornment.trim_end().chars().count();
        length >= 4 || length >= title.chars().count()
    };
    if let Some(over) = adornment(lines[i]) {
        let title = text(lines.get(i + 1)?)?;
        let under = lines.get(i + 2).copied()?;
        return (adornment(under) == Some(over) && long_enough(under, title)).then_some((title, 3));
    }
    let before_is_blank = i == 0 || lines[i - 1].trim().is_empty();
    let title = text(lines[i]).filter(|_| before_is_blank && indent(lines[i]) == 0)?;
    let under = lines.get(i + 1).copied()?;
    (adornment(under).is_some() && long_enough(under, title)).then_some((title, 2))
}

/// The character of a section title's underline or overline: one ASCII
/// punctuation character, repeated, from the line's start.
fn adornment(line: &str) -> Option<char> {
    let line = line.trim_end();
    let first = line.chars().next()?;
    (first.is_ascii_punctuation() && line.chars().count() >= 2 && line.chars().all(|c| c == first))
        .then_some(first)
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
    fn simple_tables_and_the_section_of_each_table() {
        let (tables, diagnostics) = read(
            "=====\nCodes\n=====\n\nFormat\n------\n\n.. table:: **Table 1** Parameters\n\n   +-----------+\n   | Parameter |\n   +===========+\n   | error_code|\n   +-----------+\n\nError Code *Description*\n------------------------\n\n.. table:: **Table 2** Error codes\n\n   ====== ========\n   Status Error Code\n   ====== ========\n   400    DLI.0001\n   ====== ========\n\nNot a title\n--\n\n==== ====\na    b\n",
        );
        assert_eq!(tables.len(), 2, "{diagnostics:?}");
        assert_eq!(tables[0].heading.as_deref(), Some("Format"));
        assert_eq!(tables[1].heading.as_deref(), Some("Error Code Description"));
        assert_eq!(tables[1].title.as_deref(), Some("Table 2 Error codes"));
        assert_eq!(tables[1].rows[0][1].text, "DLI.0001");
        // The last simple table has no bottom border: an error at its top.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (30, 1));
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
