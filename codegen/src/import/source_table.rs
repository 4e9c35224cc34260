//! A table as a page holds it: header and rows of plain-text cells, each
//! with its place, before the columns mean anything.

use super::page::Pos;

/// One cell: its plain text (one line per paragraph) and where it starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub at: Pos,
}

impl Cell {
    pub fn new(text: impl Into<String>, at: Pos) -> Self {
        Self {
            text: text.into(),
            at,
        }
    }
}

/// A table of the page. Every row has as many cells as the header; a cell
/// that spans rows or columns is copied into each place it covers.
#[derive(Clone, Debug, Default)]
pub struct SourceTable {
    /// The table's 1-based number in page order (`--table N`).
    pub number: usize,
    /// Where the table starts.
    pub at: Pos,
    /// Its caption or title, if the page gives one.
    pub title: Option<String>,
    /// The heading of the section that holds it, if the page has one.
    pub heading: Option<String>,
    /// One header cell per column.
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

impl SourceTable {
    /// A table from a grid of rows, of which the first `header_rows` are its
    /// header (the first row if it has none). Short rows are padded with
    /// empty cells; the header rows are merged into one.
    pub fn from_grid(
        at: Pos,
        title: Option<String>,
        mut grid: Vec<Vec<Cell>>,
        header_rows: usize,
    ) -> Self {
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut grid {
            let end = row.last().map_or(at, |c| c.at);
            row.resize_with(width, || Cell::new("", end));
        }
        let body = grid.split_off(header_rows.max(1).min(grid.len()));
        Self {
            number: 0,
            at,
            title,
            heading: None,
            header: merge_header_rows(&grid, width),
            rows: body,
        }
    }
}

/// Several header rows become one: each column's distinct texts joined by a
/// space ("Error" over "Code" gives "Error Code"; a header cell spanning
/// both rows counts once).
fn merge_header_rows(rows: &[Vec<Cell>], width: usize) -> Vec<Cell> {
    (0..width)
        .map(|column| {
            let mut merged = Cell::default();
            for cell in rows.iter().filter_map(|row| row.get(column)) {
                let text = cell.text.replace('\n', " ");
                if text.is_empty() || merged.text.ends_with(&text) {
                    continue;
                }
                if merged.text.is_empty() {
                    merged = Cell::new(text, cell.at);
                } else {
                    merged.text = format!("{} {text}", merged.text);
                }
            }
            if merged.at == Pos::default() {
                merged.at = rows
                    .first()
                    .and_then(|row| row.get(column))
                    .map_or(Pos::default(), |c| c.at);
            }
            merged
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(texts: &[&str], line: usize) -> Vec<Cell> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Cell::new(*t, Pos::new(line, i * 10 + 1)))
            .collect()
    }

    #[test]
    fn header_rows_merge_by_column() {
        let grid = vec![
            row(&["Status", "Error", "Error"], 1),
            row(&["Status", "Code", "Message"], 2),
            row(&["400", "A.1", "Bad."], 3),
        ];
        let table = SourceTable::from_grid(Pos::new(1, 1), None, grid, 2);
        let header: Vec<&str> = table.header.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(header, ["Status", "Error Code", "Error Message"]);
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn short_rows_are_padded_and_a_table_without_header_rows_uses_its_first() {
        let grid = vec![row(&["Code", "Status"], 1), row(&["A.1"], 2)];
        let table = SourceTable::from_grid(Pos::new(1, 1), None, grid, 0);
        assert_eq!(table.header.len(), 2);
        assert_eq!(table.rows[0][1], Cell::new("", Pos::new(2, 1)));
    }
}
