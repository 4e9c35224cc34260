//! reStructuredText grid tables, read as docutils reads them: cells are the
//! rectangles that `+`, `-`, `=` and `|` draw, found by scanning from each
//! top-left corner (`docutils.parsers.rst.tableparser.GridTableParser`), so
//! cells spanning rows or columns are found too. A `+===+` line ends the
//! header. Lines are measured in display columns: an East Asian wide
//! character takes two, as docutils counts them.

use std::collections::BTreeSet;

use super::page::Pos;
use super::rst_lines::Slots;
use super::rst_text::{CellLine, Note, cell_text};
use super::source_table::{Cell, SourceTable};

/// A table larger than this many places, or whose spanning cells would
/// copy more text than this, is refused rather than laid out.
const MAX_PLACES: usize = 1_000_000;
const MAX_LAID_OUT_BYTES: usize = 256 << 20;

fn too_large(rows: usize, columns: usize) -> String {
    format!(
        "this grid table is too large to lay out ({rows} rows of {columns} columns, spans copied into each)"
    )
}

/// A grid table's lines as the page holds them, from its top border on.
pub struct GridSource<'a> {
    pub lines: &'a [&'a str],
    /// The 1-based page line of `lines[0]`.
    pub first_line: usize,
    /// Leading spaces before the table's left border.
    pub indent: usize,
}

/// One found cell: its rectangle (line and slot of its corners).
#[derive(Clone, Copy, Debug)]
struct Rect {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

/// The table, or where it is malformed and why.
pub fn read(
    source: &GridSource,
    title: Option<String>,
    notes: &mut Vec<Note>,
) -> Result<SourceTable, (Pos, String)> {
    let mut grid = Grid::new(source);
    let header_end = grid.take_header_separator();
    let cells = grid.scan()?;
    // Row and column boundaries: every line and slot that a cell starts at,
    // in order; a cell's rows are those from its top to before its bottom
    // (found by binary search: a table has hundreds of rows).
    let rows = boundaries(cells.iter().map(|c| c.top));
    let columns = boundaries(cells.iter().map(|c| c.left));
    if rows.len().saturating_mul(columns.len()) > MAX_PLACES {
        return Err((grid.pos(0, 0), too_large(rows.len(), columns.len())));
    }
    let mut table: Vec<Vec<Cell>> = vec![vec![Cell::default(); columns.len()]; rows.len()];
    let mut copied = 0usize;
    for rect in &cells {
        let cell = Cell {
            text: cell_text(&grid.cell_lines(rect), notes),
            at: grid.cell_start(rect),
        };
        let first_row = rows.partition_point(|&r| r < rect.top);
        let first_column = columns.partition_point(|&c| c < rect.left);
        let last_row = rows.partition_point(|&r| r < rect.bottom);
        let last_column = columns.partition_point(|&c| c < rect.right);
        let places = (last_row - first_row) * (last_column - first_column);
        copied = copied.saturating_add(places.saturating_mul(cell.text.len() + 1));
        if copied > MAX_LAID_OUT_BYTES {
            return Err((grid.pos(0, 0), too_large(rows.len(), columns.len())));
        }
        for row in &mut table[first_row..last_row] {
            for slot in &mut row[first_column..last_column] {
                slot.clone_from(&cell);
            }
        }
    }
    let header_rows = header_end.map_or(0, |line| rows.partition_point(|&r| r < line));
    Ok(SourceTable::from_grid(
        grid.pos(0, 0),
        title,
        table,
        header_rows,
    ))
}

/// Distinct values, sorted.
fn boundaries(values: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut sorted: Vec<usize> = values.collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

/// The table as a rectangle of display slots.
struct Grid<'a> {
    source: &'a GridSource<'a>,
    /// Each line's slots (after the indent), padded with spaces to `width`.
    lines: Vec<Slots<'a>>,
    width: usize,
}

impl<'a> Grid<'a> {
    fn new(source: &'a GridSource<'a>) -> Self {
        let mut lines: Vec<Slots> = source
            .lines
            .iter()
            .map(|line| Slots::new(line.get(source.indent..).unwrap_or("").trim_end()))
            .collect();
        let width = lines.iter().map(|l| l.chars.len()).max().unwrap_or(0);
        for line in &mut lines {
            line.chars.resize(width, ' ');
        }
        Self {
            source,
            lines,
            width,
        }
    }

    fn at(&self, line: usize, slot: usize) -> char {
        self.lines
            .get(line)
            .and_then(|l| l.chars.get(slot))
            .copied()
            .unwrap_or(' ')
    }

    /// The page position of a slot.
    fn pos(&self, line: usize, slot: usize) -> Pos {
        let column = self.lines.get(line).map_or(slot, |l| l.column(slot));
        Pos::new(
            self.source.first_line + line,
            self.source.indent + column + 1,
        )
    }

    /// Finds the `+===+` line, turns it into a plain border, returns its index.
    fn take_header_separator(&mut self) -> Option<usize> {
        let index = self.lines.iter().map(|l| &l.chars).position(|row| {
            row.first() == Some(&'+')
                && row.contains(&'=')
                && row.iter().all(|c| matches!(c, '+' | '='))
        })?;
        for c in &mut self.lines[index].chars {
            if *c == '=' {
                *c = '-';
            }
        }
        Some(index)
    }

    /// Every cell, scanning from each top-left corner; an error where the
    /// grid does not close.
    fn scan(&self) -> Result<Vec<Rect>, (Pos, String)> {
        let bottom = self.lines.len().saturating_sub(1);
        let right = self.width.saturating_sub(1);
        if self.at(0, 0) != '+' || bottom == 0 || right == 0 {
            return Err((
                self.pos(0, 0),
                "a grid table starts with a `+---+` border".to_owned(),
            ));
        }
        // For each slot column: the last line up to which cells were found.
        let mut done = vec![0usize; right];
        let mut corners = BTreeSet::from([(0usize, 0usize)]);
        let mut cells = Vec::new();
        while let Some((top, left)) = corners.pop_first() {
            if top >= bottom || left >= right || done[left] > top {
                continue;
            }
            let Some(rect) = self.scan_cell(top, left) else {
                continue;
            };
            for d in &mut done[rect.left..rect.right] {
                *d = rect.bottom;
            }
            cells.push(rect);
            corners.insert((rect.top, rect.right));
            corners.insert((rect.bottom, rect.left));
        }
        if let Some(slot) = done.iter().position(|&d| d != bottom) {
            let line = done[slot];
            return Err((
                self.pos(line, slot),
                "malformed grid table: a cell's border is broken or missing below this line"
                    .to_owned(),
            ));
        }
        Ok(cells)
    }

    /// The cell whose top-left corner is at (`top`, `left`): along the top
    /// to a `+`, down the right side to a `+`, back along the bottom and up
    /// the left side. Tries each `+` of the top edge in turn.
    fn scan_cell(&self, top: usize, left: usize) -> Option<Rect> {
        if self.at(top, left) != '+' {
            return None;
        }
        for right in left + 1..self.width {
            match self.at(top, right) {
                '+' => {
                    if let Some(bottom) = self.scan_down(top, left, right) {
                        return Some(Rect {
                            top,
                            left,
                            bottom,
                            right,
                        });
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for bottom in top + 1..self.lines.len() {
            match self.at(bottom, right) {
                '+' => {
                    if self.closes(top, left, bottom, right) {
                        return Some(bottom);
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    /// Whether the bottom edge and left side of the rectangle are drawn.
    fn closes(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        (left + 1..right).all(|s| matches!(self.at(bottom, s), '-' | '+'))
            && self.at(bottom, left) == '+'
            && (top + 1..bottom).all(|l| matches!(self.at(l, left), '|' | '+'))
    }

    /// The text lines inside a cell, with where each starts on the page.
    fn cell_lines(&self, rect: &Rect) -> Vec<CellLine> {
        (rect.top + 1..rect.bottom)
            .map(|line| CellLine {
                text: self.lines[line].text(rect.left + 1, rect.right),
                at: self.pos(line, rect.left + 1),
            })
            .collect()
    }

    /// Where a cell's text starts: its first non-blank character (or its
    /// first inner slot, if it is empty).
    fn cell_start(&self, rect: &Rect) -> Pos {
        for line in rect.top + 1..rect.bottom {
            if let Some(slot) =
                (rect.left + 1..rect.right).find(|&s| !self.at(line, s).is_whitespace())
            {
                return self.pos(line, slot);
            }
        }
        self.pos(rect.top + 1, rect.left + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<SourceTable, (Pos, String)> {
        let lines: Vec<&str> = text.lines().collect();
        let source = GridSource {
            lines: &lines,
            first_line: 10,
            indent: 2,
        };
        read(&source, None, &mut Vec::new())
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn cells_rows_and_header() {
        let t = table(
            "  +------+-------------+\n  | Code | Message     |\n  +======+=============+\n  | A.1  | First line  |\n  |      | wrapped.    |\n  |      |             |\n  |      | Second.     |\n  +------+-------------+\n  | A.2  | **Bold**    |\n  +------+-------------+",
        )
        .expect("a table");
        assert_eq!(texts(&t.header), ["Code", "Message"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[0]), ["A.1", "First line wrapped.\nSecond."]);
        assert_eq!(texts(&t.rows[1]), ["A.2", "Bold"]);
        assert_eq!(t.rows[0][1].at, Pos::new(13, 12));
        assert_eq!(t.at, Pos::new(10, 3));
    }

    #[test]
    fn spanning_cells_are_copied_into_each_place() {
        let t = table(
            "  +-----+------+------+\n  | S   | Code | Msg  |\n  +=====+======+======+\n  | 400 | A.1  | One  |\n  |     +------+------+\n  |     | A.2  | Two  |\n  +-----+------+------+\n  | 500 | Both columns|\n  +-----+-------------+",
        )
        .expect("a table");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(texts(&t.rows[0]), ["400", "A.1", "One"]);
        assert_eq!(texts(&t.rows[1]), ["400", "A.2", "Two"]);
        assert_eq!(texts(&t.rows[2]), ["500", "Both columns", "Both columns"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let t = table("  +------+------+\n  | 码   | 信息 |\n  +======+======+\n  | 1    | 错误 |\n  +------+------+")
            .expect("a table");
        assert_eq!(texts(&t.header), ["码", "信息"]);
        assert_eq!(texts(&t.rows[0]), ["1", "错误"]);
    }

    #[test]
    fn a_broken_border_is_located() {
        let (at, message) = table(
            "  +-----+-----+\n  | a   | b   |\n  +-----+-----+\n  | c   | d    \n  +-----+-----+",
        )
        .expect_err("malformed");
        assert!(message.contains("malformed"), "{message}");
        assert_eq!(at.line, 12);
    }
}
