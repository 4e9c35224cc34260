//! reStructuredText simple tables, read as docutils reads them
//! (`docutils.parsers.rst.tableparser.SimpleTableParser`):
//!
//! ```text
//! =========== ========== =====================
//! Status Code Error Code Error Message
//! =========== ========== =====================
//! 400         DLI.0001   Parameter check errors
//!                        occur.
//! ----------------------
//! A cell spanning two columns  Text
//! =========== ========== =====================
//! ```
//!
//! The top border's runs of `=` are the columns. A line whose first column
//! holds text starts a row; a line whose first column is blank continues
//! it. A line of `-` runs under a row joins columns into one cell. A `=`
//! line inside the table ends the header. The last column's text may run
//! past the border; text between two columns is an error.

use super::page::Pos;
use super::rst_lines::{Slots, is_blank};
use super::rst_text::{CellLine, Note, cell_text};
use super::source_table::{Cell, SourceTable};

/// A simple table's border: runs of `=` separated by spaces, at least two.
pub fn is_border(text: &str) -> bool {
    let text = text.trim_end_matches(' ');
    text.starts_with('=') && text.contains(' ') && text.chars().all(|c| c == '=' || c == ' ')
}

/// The lines of the simple table whose top border is `lines[0]`: up to the
/// second border after it, or the first one followed by a blank line (or
/// the end of the text), as docutils finds them. `Err` where it is malformed.
pub fn extent(lines: &[&str], indent: usize) -> Result<usize, (usize, String)> {
    let border_width = |line: &str| line.trim().chars().count();
    let width = border_width(lines[0]);
    let mut found = 0;
    for (i, line) in lines.iter().enumerate().skip(1) {
        if !is_blank(line) && super::rst_lines::indent(line) < indent {
            break;
        }
        if is_border(line.get(indent..).unwrap_or("")) {
            if border_width(line) != width {
                return Err((
                    i,
                    "the border of this simple table is not as wide as its top border".to_owned(),
                ));
            }
            found += 1;
            if found == 2 || lines.get(i + 1).is_none_or(|next| is_blank(next)) {
                return Ok(i + 1);
            }
        }
    }
    Err((
        0,
        "this simple table has no bottom border (a `===  ===` line followed by a blank line)"
            .to_owned(),
    ))
}

/// The lines of a simple table as the page holds them, borders included.
pub struct SimpleSource<'a> {
    pub lines: &'a [&'a str],
    /// The 1-based page line of `lines[0]`.
    pub first_line: usize,
    /// Leading spaces before the table.
    pub indent: usize,
}

/// A column or a joined cell: its first slot and the slot after its last.
type Span = (usize, usize);

/// A cell's slots, and how many columns it joins.
type CellSpan = (Span, usize);

/// The table, or where it is malformed and why.
pub fn read(
    source: &SimpleSource,
    title: Option<String>,
    notes: &mut Vec<Note>,
) -> Result<SourceTable, (Pos, String)> {
    let lines: Vec<Slots> = source
        .lines
        .iter()
        .map(|line| Slots::new(line.get(source.indent..).unwrap_or("").trim_end()))
        .collect();
    let pos = |line: usize, slot: usize| {
        let column = lines.get(line).map_or(slot, |l| l.column(slot));
        Pos::new(source.first_line + line, source.indent + column + 1)
    };
    let mut columns = runs(&lines[0].chars);
    let (Some(last), Some(&(_, border_end))) = (lines.len().checked_sub(1), columns.last()) else {
        return Err((
            pos(0, 0),
            "a simple table starts with a `===  ===` border".to_owned(),
        ));
    };
    let header_end = (1..last).find(|&i| is_separator(&lines[i].chars, '='));
    if let Some(second) =
        header_end.and_then(|h| (h + 1..last).find(|&i| is_separator(&lines[i].chars, '=')))
    {
        return Err((
            pos(second, 0),
            "a simple table has one `=` line between its header and its body".to_owned(),
        ));
    }
    let mut table = Reader {
        lines: &lines,
        pos: &pos,
        rows: Vec::new(),
    };
    let mut start = 1;
    let mut text_found = false;
    for (i, line) in lines.iter().enumerate().skip(1) {
        let line = &line.chars;
        let ends_header = i == last || Some(i) == header_end;
        if ends_header || is_separator(line, '-') {
            let spans = if ends_header {
                columns.iter().map(|&c| (c, 1)).collect()
            } else {
                joined(&runs(line), &columns, border_end).map_err(|message| (pos(i, 0), message))?
            };
            if start < i {
                table.push(start..i, spans, &mut columns, notes)?;
            }
            start = i + 1;
            text_found = false;
        } else if !slots_blank(line, columns[0]) {
            if text_found && start < i {
                let spans = columns.iter().map(|&c| (c, 1)).collect();
                table.push(start..i, spans, &mut columns, notes)?;
            }
            start = i;
            text_found = true;
        } else if !text_found {
            start = i + 1;
        }
    }
    let header_rows = header_end.map_or(0, |h| {
        table.rows.iter().filter(|(line, _)| *line < h).count()
    });
    let grid = table.rows.into_iter().map(|(_, cells)| cells).collect();
    Ok(SourceTable::from_grid(pos(0, 0), title, grid, header_rows))
}

/// Whether a line is made of runs of `c` only (a border, a header
/// separator, or a line of joined columns).
fn is_separator(line: &[char], c: char) -> bool {
    line.first() == Some(&c) && line.iter().all(|&x| x == c || x == ' ')
}

/// The runs of non-space slots of a border line.
fn runs(line: &[char]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, &c) in line.iter().chain([&' ']).enumerate() {
        match (c == ' ', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    spans
}

/// The cells of a line of `-` runs under a row: each run starts where a
/// column starts and ends where one (maybe a later one) ends, in order,
/// and the last one at the top border's end.
fn joined(spans: &[Span], columns: &[Span], border_end: usize) -> Result<Vec<CellSpan>, String> {
    let error = || {
        "a line of `-` in a simple table joins whole columns: each run starts and ends where a column of the top border does".to_owned()
    };
    if spans.last().map(|s| s.1) != Some(border_end) {
        return Err(error());
    }
    let mut cells = Vec::new();
    let mut i = 0;
    for (n, &(start, end)) in spans.iter().enumerate() {
        if columns.get(i).map(|c| c.0) != Some(start) {
            return Err(error());
        }
        let first = i;
        // The last run ends at the last column, however far it was widened.
        let is_last = n + 1 == spans.len();
        while !(columns[i].1 == end || (is_last && i + 1 == columns.len())) {
            i += 1;
            if i == columns.len() {
                return Err(error());
            }
        }
        cells.push(((start, columns[i].1), i + 1 - first));
        i += 1;
    }
    Ok(cells)
}

fn slots_blank(line: &[char], (start, end): Span) -> bool {
    line.get(start..end.min(line.len()))
        .unwrap_or_default()
        .iter()
        .all(|c| c.is_whitespace())
}

/// The rows read so far, each with the line it starts at.
struct Reader<'a> {
    lines: &'a [Slots<'a>],
    pos: &'a dyn Fn(usize, usize) -> Pos,
    rows: Vec<(usize, Vec<Cell>)>,
}

impl Reader<'_> {
    /// The row of `lines[range]`, cut at `spans` (a cell joining columns is
    /// copied into each of them). Text past the last column widens it (for
    /// this row and the ones after); text between two cells is an error.
    fn push(
        &mut self,
        range: std::ops::Range<usize>,
        mut spans: Vec<CellSpan>,
        columns: &mut [Span],
        notes: &mut Vec<Note>,
    ) -> Result<(), (Pos, String)> {
        let first = range.start;
        let lines = &self.lines[range];
        let last = spans.len() - 1;
        for (n, line) in lines.iter().enumerate() {
            for i in 0..last {
                let (end, next) = (spans[i].0.1, spans[i + 1].0.0);
                let text =
                    (end..next).find(|&s| line.chars.get(s).is_some_and(|c| !c.is_whitespace()));
                if let Some(slot) = text {
                    return Err((
                        (self.pos)(first + n, slot),
                        "text between two columns of a simple table: widen the column's border, or join the columns with a line of `-`".to_owned(),
                    ));
                }
            }
            spans[last].0.1 = spans[last].0.1.max(line.chars.len());
        }
        if let Some(column) = columns.last_mut() {
            column.1 = column.1.max(spans[last].0.1);
        }
        let mut cells = Vec::new();
        for ((start, end), joined) in spans {
            let cell_lines: Vec<CellLine> = lines
                .iter()
                .enumerate()
                .map(|(n, line)| CellLine {
                    text: line.text(start, end),
                    at: (self.pos)(first + n, start),
                })
                .collect();
            let at = lines
                .iter()
                .enumerate()
                .find_map(|(n, line)| {
                    (start..end.min(line.chars.len()))
                        .find(|&s| !line.chars[s].is_whitespace())
                        .map(|s| (self.pos)(first + n, s))
                })
                .unwrap_or_else(|| (self.pos)(first, start));
            let cell = Cell::new(cell_text(&cell_lines, notes), at);
            cells.extend(std::iter::repeat_n(cell, joined));
        }
        self.rows.push((first, cells));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<SourceTable, (Pos, String)> {
        let lines: Vec<&str> = text.lines().collect();
        let end = extent(&lines, 2).map_err(|(i, m)| (Pos::new(i, 0), m))?;
        let source = SimpleSource {
            lines: &lines[..end],
            first_line: 10,
            indent: 2,
        };
        read(&source, None, &mut Vec::new())
    }

    fn texts(row: &[Cell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn rows_continuation_lines_and_the_header() {
        let t = table(
            "  ====== ===== =======\n  Status Code  Message\n  ====== ===== =======\n  400    A.1   One\n               wrapped.\n\n  401    A.2   Two, and text past the border\n  ====== ===== =======\n\nAfter.",
        )
        .expect("a table");
        assert_eq!(texts(&t.header), ["Status", "Code", "Message"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[0]), ["400", "A.1", "One wrapped."]);
        assert_eq!(
            texts(&t.rows[1]),
            ["401", "A.2", "Two, and text past the border"]
        );
        assert_eq!(t.rows[1][2].at, Pos::new(16, 16));
        assert_eq!(t.at, Pos::new(10, 3));
    }

    #[test]
    fn a_table_without_header_and_joined_columns() {
        let t = table(
            "  ===== ===== =====\n  Class 22, the whole row\n  -----------------\n  400   A.1   One\n  Two columns x\n  ----------- -----\n  ===== ===== =====\n",
        )
        .expect("a table");
        // Without a header separator, the first row is the header.
        assert_eq!(texts(&t.header), ["Class 22, the whole row"; 3]);
        assert_eq!(texts(&t.rows[0]), ["400", "A.1", "One"]);
        assert_eq!(texts(&t.rows[1]), ["Two columns", "Two columns", "x"]);
        assert_eq!(t.rows[1][0].at, t.rows[1][1].at);
    }

    #[test]
    fn malformed_tables_are_located() {
        let (at, message) = table("  ===== =====\n  400   A.1\n  40000000 x\n  ===== =====\n")
            .expect_err("text between columns");
        assert!(message.contains("between two columns"), "{message}");
        assert_eq!(at, Pos::new(12, 8));
        let (_, message) =
            table("  ===== =====\n  400   A.1\n  ===== ======\n").expect_err("a wider border");
        assert!(message.contains("not as wide"), "{message}");
        let (_, message) = table("  ===== =====\n  400   A.1\n").expect_err("no bottom");
        assert!(message.contains("no bottom border"), "{message}");
        let (_, message) = table("  ===== =====\n  a     b\n  -- --------\n  ===== =====\n")
            .expect_err("misaligned");
        assert!(message.contains("joins whole columns"), "{message}");
    }

    #[test]
    fn borders() {
        assert!(is_border("=== ===="));
        assert!(is_border("==  ==  ==   "));
        assert!(!is_border("======"));
        assert!(!is_border("=== --"));
        assert!(!is_border(""));
    }
}
