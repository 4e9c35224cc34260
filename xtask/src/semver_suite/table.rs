//! A spec's CSV table as data: rows of cells by column name, read and
//! written with the `csv` crate, so that a scenario edits rows and cells,
//! never the text of the file.

use std::path::Path;

/// A table file: its header and rows, every cell a string as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads a CSV table (a header line, then one record per row).
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses CSV text (a header line, then one record per row).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| format!("not a CSV table: {e}"))?
            .iter()
            .map(str::to_owned)
            .collect();
        let rows = reader
            .records()
            .map(|record| {
                record
                    .map(|r| r.iter().map(str::to_owned).collect())
                    .map_err(|e| format!("not a CSV table: {e}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { headers, rows })
    }

    /// The table as CSV text: cells are quoted only when they must be.
    pub fn to_csv(&self) -> Result<String, String> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(&self.headers)
            .map_err(|e| format!("writing CSV: {e}"))?;
        for row in &self.rows {
            writer
                .write_record(row)
                .map_err(|e| format!("writing CSV: {e}"))?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| format!("writing CSV: {e}"))?;
        String::from_utf8(bytes).map_err(|e| format!("writing CSV: {e}"))
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        std::fs::write(path, self.to_csv()?).map_err(|e| format!("writing {}: {e}", path.display()))
    }

    /// How many rows the table has.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The `error_code` of every row, in order.
    pub fn codes(&self) -> Result<Vec<&str>, String> {
        let column = self.column("error_code")?;
        Ok(self.rows.iter().map(|row| row[column].as_str()).collect())
    }

    /// The cell of `column` in the first row of `code`.
    #[cfg(test)]
    pub fn cell(&self, code: &str, column: &str) -> Result<&str, String> {
        let (row, column) = (self.row_of(code)?, self.column(column)?);
        Ok(&self.rows[row][column])
    }

    /// Sets the cell of `column` in the first row of `code`; a column the
    /// table does not have yet is added, empty in every other row.
    pub fn set(&mut self, code: &str, column: &str, value: &str) -> Result<(), String> {
        let row = self.row_of(code)?;
        let column = self.column_or_add(column);
        value.clone_into(&mut self.rows[row][column]);
        Ok(())
    }

    /// A new row with these cells (by column name); other cells are empty.
    pub fn new_row(&mut self, cells: &[(&str, &str)]) -> Vec<String> {
        let mut row = vec![String::new(); self.headers.len()];
        for (name, value) in cells {
            let column = self.column_or_add(name);
            row.resize(self.headers.len(), String::new());
            (*value).clone_into(&mut row[column]);
        }
        row
    }

    /// Inserts a row right after the last row of `code`.
    pub fn insert_after(&mut self, code: &str, row: Vec<String>) -> Result<(), String> {
        let column = self.column("error_code")?;
        let last = self
            .rows
            .iter()
            .rposition(|r| r[column] == code)
            .ok_or_else(|| format!("the table has no code `{code}`"))?;
        self.rows.insert(last + 1, row);
        Ok(())
    }

    /// Appends a row at the end of the table.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Removes every row of `code`.
    pub fn remove(&mut self, code: &str) -> Result<(), String> {
        let column = self.column("error_code")?;
        let before = self.rows.len();
        self.rows.retain(|row| row[column] != code);
        if self.rows.len() == before {
            return Err(format!("the table has no code `{code}`"));
        }
        Ok(())
    }

    /// Reverses the order of the rows.
    pub fn reverse(&mut self) {
        self.rows.reverse();
    }

    /// Appends the rows of `other` (matched by column name; columns that
    /// this table lacks are added) whose codes `keep` accepts, until `keep`
    /// says to stop.
    pub fn append_from(
        &mut self,
        other: &Table,
        mut keep: impl FnMut(&str) -> Keep,
    ) -> Result<(), String> {
        let code_column = other.column("error_code")?;
        let columns: Vec<usize> = other
            .headers
            .iter()
            .map(|name| self.column_or_add(name))
            .collect();
        for source in &other.rows {
            match keep(&source[code_column]) {
                Keep::Stop => break,
                Keep::Skip => {}
                Keep::Take => {
                    let mut row = vec![String::new(); self.headers.len()];
                    for (cell, &column) in source.iter().zip(&columns) {
                        row[column].clone_from(cell);
                    }
                    self.rows.push(row);
                }
            }
        }
        Ok(())
    }

    fn column(&self, name: &str) -> Result<usize, String> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("the table has no column `{name}`"))
    }

    fn column_or_add(&mut self, name: &str) -> usize {
        if let Ok(column) = self.column(name) {
            return column;
        }
        self.headers.push(name.to_owned());
        for row in &mut self.rows {
            row.push(String::new());
        }
        self.headers.len() - 1
    }

    /// The index of the first row of `code`.
    fn row_of(&self, code: &str) -> Result<usize, String> {
        let column = self.column("error_code")?;
        self.rows
            .iter()
            .position(|row| row[column] == code)
            .ok_or_else(|| format!("the table has no code `{code}`"))
    }
}

/// What [`Table::append_from`] does with a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Take,
    Skip,
    Stop,
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "status_code,error_code,error_msg\n\
                        400,A.1,\"One, with a comma.\"\n\
                        500,A.2,\"Two\nlines, \"\"quoted\"\".\"\n";

    #[test]
    fn a_table_is_written_back_as_it_was_read() {
        let table = Table::parse(TEXT).expect("parsed");
        assert_eq!(table.len(), 2);
        assert_eq!(table.to_csv().expect("written"), TEXT);
        let seed = crate::workspace::root()
            .join(super::super::prepare::SAMPLE)
            .join("error-codes.csv");
        let text = std::fs::read_to_string(&seed).expect("the sample table");
        assert_eq!(
            Table::read(&seed).expect("read").to_csv().expect("written"),
            text
        );
    }

    #[test]
    fn cells_are_edited_by_code_and_column() {
        let mut table = Table::parse(TEXT).expect("parsed");
        assert_eq!(table.cell("A.2", "status_code"), Ok("500"));
        table.set("A.1", "deprecated", "use A.2").expect("set");
        let row = table.new_row(&[("error_code", "A.3"), ("status_code", "404")]);
        table.insert_after("A.1", row).expect("inserted");
        assert_eq!(table.codes().expect("codes"), ["A.1", "A.3", "A.2"]);
        assert_eq!(
            table
                .to_csv()
                .expect("written")
                .lines()
                .take(3)
                .collect::<Vec<_>>(),
            [
                "status_code,error_code,error_msg,deprecated",
                "400,A.1,\"One, with a comma.\",use A.2",
                "404,A.3,,",
            ]
        );
        table.remove("A.1").expect("removed");
        assert_eq!(table.codes().expect("codes"), ["A.3", "A.2"]);
        assert!(table.remove("A.1").is_err());
        assert!(table.set("B.1", "error_msg", "x").is_err());
        assert!(table.cell("A.2", "no_such_column").is_err());
    }

    #[test]
    fn rows_are_appended_by_column_name() {
        let mut table = Table::parse(TEXT).expect("parsed");
        let other = Table::parse("error_code,category\nB.1,server\nA.1,request\nB.2,\nB.3,\n")
            .expect("parsed");
        table
            .append_from(&other, |code| match code {
                "A.1" => Keep::Skip,
                "B.3" => Keep::Stop,
                _ => Keep::Take,
            })
            .expect("appended");
        assert_eq!(table.codes().expect("codes"), ["A.1", "A.2", "B.1", "B.2"]);
        assert_eq!(table.cell("B.1", "category"), Ok("server"));
        assert_eq!(table.cell("A.1", "category"), Ok(""));
    }
}
