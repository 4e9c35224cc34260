//! reStructuredText list-tables: `.. list-table::` whose body is a bullet
//! list of rows, each a bullet list of cells; `:header-rows: N` says how
//! many rows are the header.

use super::page::Pos;
use super::rst_lines::{indent, min_indent};
use super::rst_text::{CellLine, Note, cell_text};
use super::source_table::{Cell, SourceTable};

/// Reads the list-table whose directive is `lines[0]` (at page line
/// `first_line`); `lines` holds the directive and its indented body.
pub fn read(
    lines: &[&str],
    first_line: usize,
    title: Option<String>,
    notes: &mut Vec<Note>,
) -> Result<SourceTable, (Pos, String)> {
    let directive_at = Pos::new(first_line, indent(lines[0]) + 1);
    let body: Vec<CellLine> = lines[1..]
        .iter()
        .enumerate()
        .map(|(i, text)| CellLine {
            text: (*text).to_owned(),
            at: Pos::new(first_line + 1 + i, 1),
        })
        .collect();
    // Options (`:header-rows: 1`) come right after the directive line.
    let options = body
        .iter()
        .position(|l| !l.text.trim_start().starts_with(':'))
        .unwrap_or(body.len());
    let mut header_rows = 0;
    for option in &body[..options] {
        let text = option.text.trim();
        if let Some(value) = text.strip_prefix(":header-rows:") {
            header_rows = value.trim().parse().map_err(|_| {
                (
                    option.at,
                    format!("`{text}`: the number of header rows is not a number"),
                )
            })?;
        }
    }
    let content = &body[options..];
    let rows = items(content).map_err(|at| {
        (
            at,
            "a list-table's body is a bullet list of rows (`* - cell`)".to_owned(),
        )
    })?;
    if rows.is_empty() {
        return Err((directive_at, "the list-table has no rows".to_owned()));
    }
    let mut grid = Vec::new();
    for (row_at, row) in rows {
        let cells = items(&row).map_err(|at| {
            (
                at,
                "each row of a list-table is a bullet list of cells (`- cell`)".to_owned(),
            )
        })?;
        if cells.is_empty() {
            return Err((row_at, "a row of the list-table has no cells".to_owned()));
        }
        grid.push(
            cells
                .into_iter()
                .map(|(at, lines)| {
                    let start = lines
                        .iter()
                        .find(|l| !l.text.trim().is_empty())
                        .map_or(at, |l| Pos::new(l.at.line, l.at.column + indent(&l.text)));
                    Cell::new(cell_text(&lines, notes), start)
                })
                .collect(),
        );
    }
    Ok(SourceTable::from_grid(
        directive_at,
        title,
        grid,
        header_rows,
    ))
}

/// The items of a bullet list: each item's marker position and its lines
/// (the first without its marker), or the position of a line that is no item.
fn items(lines: &[CellLine]) -> Result<Vec<(Pos, Vec<CellLine>)>, Pos> {
    let base = min_indent(lines);
    let mut items: Vec<(Pos, Vec<CellLine>)> = Vec::new();
    for line in lines {
        let text = line.text.get(base..).unwrap_or("");
        if text.trim().is_empty() {
            if let Some((_, item)) = items.last_mut() {
                item.push(CellLine {
                    text: String::new(),
                    at: line.at,
                });
            }
            continue;
        }
        let at = Pos::new(line.at.line, line.at.column + base);
        if text.starts_with(' ') {
            let Some((_, item)) = items.last_mut() else {
                return Err(at);
            };
            item.push(CellLine {
                text: text.to_owned(),
                at: Pos::new(line.at.line, line.at.column + base),
            });
            continue;
        }
        let marker = text.chars().next().unwrap_or(' ');
        let after = &text[marker.len_utf8()..];
        if !matches!(marker, '*' | '-' | '+') || !(after.is_empty() || after.starts_with(' ')) {
            return Err(at);
        }
        // The item's text, and its continuation lines, start after the marker.
        let width = marker.len_utf8() + indent(after);
        items.push((
            at,
            vec![CellLine {
                text: format!("{}{}", " ".repeat(width), after.trim_start()),
                at: Pos::new(at.line, at.column),
            }],
        ));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<SourceTable, (Pos, String)> {
        let lines: Vec<&str> = text.lines().collect();
        read(&lines, 5, None, &mut Vec::new())
    }

    #[test]
    fn rows_of_cells_with_a_header_row() {
        let t = read_text(
            ".. list-table:: Errors\n   :header-rows: 1\n   :widths: 10 20\n\n   * - Status Code\n     - Error Code\n     - Message\n   * - 400\n     - A.1\n     - First\n       wrapped.\n\n       Second.\n   * - 500\n     -\n     - ``x``\n",
        )
        .expect("a table");
        let header: Vec<&str> = t.header.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, ["Status Code", "Error Code", "Message"]);
        let rows: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["400", "A.1", "First wrapped.\nSecond."],
                vec!["500", "", "x"]
            ]
        );
        assert_eq!(t.rows[0][2].at, Pos::new(14, 8));
        assert_eq!(t.at, Pos::new(5, 1));
    }

    #[test]
    fn a_body_that_is_no_list_is_an_error() {
        let (at, message) = read_text(".. list-table::\n\n   Some text\n").expect_err("not a list");
        assert!(message.contains("bullet list of rows"), "{message}");
        assert_eq!(at, Pos::new(7, 4));
        let (_, message) = read_text(".. list-table::\n   :header-rows: one\n\n   * - a\n")
            .expect_err("bad option");
        assert!(message.contains("not a number"), "{message}");
    }
}
