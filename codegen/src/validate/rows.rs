//! Table rows: the CSV header, each row's fields on their own (status,
//! code, texts, category, retryable), and the rows that passed.

use std::collections::HashMap;

use super::rules::{char_index, closest, is_forbidden_char, normalise_line_ends, raw_char_index};
use super::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Statuses, Validator};
use crate::diagnostic::is_invisible;
use crate::load::{Pos, RawCell, RawRow};
use crate::model::{Case, Category, Origin};

/// Columns whose value must not be empty. `description` and `handling_measure`
/// may be empty: some source pages have no such column. (`status_code` must
/// not be empty either, unless the catalog gives a default status or says
/// its codes carry none.)
const NON_EMPTY_COLUMNS: [&str; 2] = ["error_code", "error_msg"];
/// The column of the HTTP status.
const STATUS_COLUMN: &str = "status_code";

/// A row whose fields passed their own checks.
pub(super) struct Row {
    pub(super) file: usize,
    pub(super) pos: Pos,
    pub(super) code: String,
    pub(super) code_pos: Pos,
    pub(super) case: Case,
    /// Index into the categories, `None` when the row names none.
    pub(super) category: Option<(usize, Pos)>,
    pub(super) retryable: Option<(bool, Pos)>,
    pub(super) deprecated: Option<String>,
}

impl Validator<'_> {
    /// Checks every row on its own; returns the rows that passed.
    pub(super) fn rows(&mut self, categories: &[Category]) -> Vec<Row> {
        let mut rows = Vec::new();
        for table in &self.raw.tables {
            let file = table.file;
            if let Some(header) = &table.header
                && !self.check_header(file, header)
            {
                // Without its columns, the rows cannot be read.
                continue;
            }
            if table.rows.is_empty() {
                self.error(
                    file,
                    table.pos,
                    "the table has no rows",
                    if table.header.is_some() {
                        "add at least one error code below the header"
                    } else {
                        "write each row as `- error_code: AIS.0014` followed by its other fields"
                    },
                );
            }
            for raw_row in &table.rows {
                let readable = match &table.header {
                    Some(header) => self.check_field_count(file, raw_row, header.len()),
                    None => self.check_yaml_row(file, raw_row),
                };
                if readable && let Some(row) = self.row(file, raw_row, categories) {
                    rows.push(row);
                }
            }
        }
        rows
    }

    /// Reports a CSV header's problems; `false` if a required column is
    /// missing, so that the rows cannot be read.
    fn check_header(&mut self, file: usize, header: &[RawCell]) -> bool {
        let known: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .chain(&OPTIONAL_COLUMNS)
            .copied()
            .collect();
        let header_pos = header.first().map_or(Pos::START, |c| c.pos);
        if !header.iter().any(|c| known.contains(&c.value.trim())) {
            self.error(
                file,
                header_pos,
                "the first line is not a header line",
                format!(
                    "a CSV table starts with a line naming its columns: {}",
                    REQUIRED_COLUMNS.join(",")
                ),
            );
            return false;
        }
        for (i, cell) in header.iter().enumerate() {
            let name = cell.value.as_str();
            if header[..i].iter().any(|c| c.value == name) {
                self.error(
                    file,
                    cell.pos,
                    format!("the column `{name}` appears twice"),
                    "each column is named once",
                );
            } else if name != name.trim() && known.contains(&name.trim()) {
                self.error(
                    file,
                    cell.pos,
                    format!("the column name `{name}` has whitespace around it"),
                    format!("write `{}`, without spaces around the `,`", name.trim()),
                );
            } else if !known.contains(&name) {
                let hint = match closest(name, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the columns are: {}", known.join(", ")),
                };
                self.error(file, cell.pos, format!("unknown column `{name}`"), hint);
            }
        }
        let mut complete = true;
        for required in self.required_columns() {
            if !header.iter().any(|c| c.value == required) {
                complete = false;
                self.error(
                    file,
                    header_pos,
                    format!("the header has no `{required}` column"),
                    format!(
                        "the header must name the columns {} (in any order)",
                        REQUIRED_COLUMNS.join(",")
                    ),
                );
            }
        }
        complete
    }

    /// A CSV row must have as many fields as the header.
    fn check_field_count(&mut self, file: usize, row: &RawRow, expected: usize) -> bool {
        let count = row.cells.len();
        if count == expected {
            return true;
        }
        // Point at the first extra field, or at the end of a short row.
        let pos = row.cells.get(expected).map_or(row.end, |c| c.pos);
        self.error(
            file,
            pos,
            format!("this row has {count} fields, but the header has {expected}"),
            "a field that holds a comma, a quote or a line break must be quoted: \"a, b\"",
        );
        false
    }

    /// A YAML row names its fields: each must be known, each required one present.
    fn check_yaml_row(&mut self, file: usize, row: &RawRow) -> bool {
        let errors_before = self.error_count();
        let known: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .chain(&OPTIONAL_COLUMNS)
            .copied()
            .collect();
        for cell in &row.cells {
            if !known.contains(&cell.column.as_str()) {
                let name = cell.column.clone();
                let hint = match closest(&name, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the fields are: {}", known.join(", ")),
                };
                self.error(file, cell.pos, format!("unknown field `{name}`"), hint);
            }
        }
        let missing: Vec<&str> = self
            .required_columns()
            .into_iter()
            .filter(|required| !row.cells.iter().any(|c| c.column == *required))
            .filter(|required| !row.not_text.iter().any(|c| c == required))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            let list = match names.split_last() {
                Some((last, [])) => format!("{last} field"),
                Some((last, rest)) => format!("{} and {last} fields", rest.join(", ")),
                None => String::new(),
            };
            self.error(file, row.pos, format!("this row has no {list}"), format!(
                "every row has the fields {}; `description` and `handling_measure` may be empty (\"\")",
                REQUIRED_COLUMNS.join(", ")
            ));
        }
        self.error_count() == errors_before
    }

    fn row(&mut self, file: usize, raw: &RawRow, categories: &[Category]) -> Option<Row> {
        let errors_before = self.error_count();
        let mut texts: HashMap<&str, (String, &RawCell)> = HashMap::new();
        let mut clean_code = true;
        for cell in &raw.cells {
            let text = normalise_line_ends(&cell.value);
            let clean = self.check_cell_text(file, cell, &text);
            if cell.column == "error_code" {
                clean_code = clean;
            }
            texts.insert(cell.column.as_str(), (text, cell));
        }
        for column in NON_EMPTY_COLUMNS {
            if let Some((text, cell)) = texts.get(column)
                && text.trim().is_empty()
            {
                self.error(
                    file,
                    cell.pos,
                    format!("`{column}` is empty"),
                    format!("every row needs its `{column}`"),
                );
            }
        }
        let text = |name: &str| texts.get(name).map(|(t, _)| t.clone()).unwrap_or_default();
        let status = self.row_status(file, raw, texts.get(STATUS_COLUMN));
        let code = text("error_code");
        let code_pos = texts.get("error_code").map_or(raw.pos, |(_, c)| c.pos);
        if clean_code
            && !code.trim().is_empty()
            && let Some((_, cell)) = texts.get("error_code")
        {
            self.check_code(file, cell, &code);
        }
        let category = match texts.get("category") {
            Some((key, cell)) if !key.is_empty() => {
                let found = categories.iter().position(|c| &c.key == key);
                if found.is_none() {
                    let keys: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
                    let hint = match (closest(key, &keys), keys.is_empty()) {
                        (Some(near), _) => format!("did you mean `{near}`?"),
                        (None, true) => {
                            "define categories in catalog.yaml, or leave the column empty"
                                .to_owned()
                        }
                        (None, false) => format!("the categories are: {}", keys.join(", ")),
                    };
                    self.error(file, cell.pos, format!("unknown category `{key}`"), hint);
                }
                found.map(|i| (i, cell.pos))
            }
            _ => None,
        };
        let retryable = match texts.get("retryable") {
            Some((text, cell)) if !text.is_empty() => self
                .boolean(file, cell.pos, "retryable", text)
                .map(|b| (b, cell.pos)),
            _ => None,
        };
        let deprecated = Some(text("deprecated")).filter(|t| !t.is_empty());
        if self.error_count() > errors_before {
            return None;
        }
        Some(Row {
            file,
            pos: raw.pos,
            code,
            code_pos,
            case: Case {
                http_status: status,
                error_msg: text("error_msg"),
                description: text("description"),
                handling_measure: text("handling_measure"),
                origin: Origin {
                    file: self.raw.files[file].display.clone(),
                    line: raw.pos.line,
                },
            },
            category,
            retryable,
            deprecated,
        })
    }

    /// The columns a table must have: the five of the spec, less
    /// `status_code` when the catalog gives a default status or says its
    /// codes carry none.
    fn required_columns(&self) -> Vec<&'static str> {
        REQUIRED_COLUMNS
            .into_iter()
            .filter(|&column| column != STATUS_COLUMN || self.statuses == Statuses::EachRow)
            .collect()
    }

    /// A row's HTTP status, by the catalog's rule: its own, the default, or
    /// none; each missing or unwanted status reported at its cell.
    fn row_status(
        &mut self,
        file: usize,
        raw: &RawRow,
        cell: Option<&(String, &RawCell)>,
    ) -> Option<u16> {
        let given = cell.filter(|(text, _)| !text.trim().is_empty());
        match (self.statuses, given) {
            (Statuses::None { line }, Some((text, cell))) => {
                self.error(
                    file,
                    cell.pos,
                    format!(
                        "`{}` is a status, but the catalog's codes carry none",
                        text.trim()
                    ),
                    format!(
                        "catalog.yaml says `http_status: none` (line {line}): leave `status_code` \
                         empty, or write `default_http_status` there instead"
                    ),
                );
                None
            }
            (Statuses::None { .. }, None) => None,
            (_, Some((text, cell))) => self.status(file, cell.pos, text),
            (Statuses::Default(status), None) => Some(status),
            (Statuses::EachRow, None) => {
                let pos = cell.map_or(raw.pos, |(_, cell)| cell.pos);
                self.error(
                    file,
                    pos,
                    format!("`{STATUS_COLUMN}` is empty"),
                    format!(
                        "every row needs its `{STATUS_COLUMN}`, unless catalog.yaml gives \
                         `default_http_status: N` or says `http_status: none`"
                    ),
                );
                None
            }
        }
    }

    /// Like [`Self::check_text`] for a table cell, pointing at the character,
    /// and warns of whitespace at either end of the cell. `text` is the
    /// cell's value with normalised line ends.
    fn check_cell_text(&mut self, file: usize, cell: &RawCell, text: &str) -> bool {
        // A CR in a cell is part of a line end (a lone one outside quotes is a
        // CSV syntax error, reported by the loader).
        let raw = &cell.value;
        if let Some((i, c)) = raw
            .char_indices()
            .find(|&(_, c)| c != '\r' && is_forbidden_char(c))
        {
            let at = cell.pos_of(char_index(raw, i));
            self.forbidden_char_error(file, at, &cell.column, c);
            return false;
        }
        let start_len = text.trim_start().len();
        let end_len = text.trim_end().len();
        // A blank cell and a code's whitespace are errors of their own.
        let reported_elsewhere = cell.column == "error_code" || start_len == 0;
        if !reported_elsewhere && (start_len != text.len() || end_len != text.len()) {
            let (index, where_) = if start_len == text.len() {
                (char_index(text, end_len), "ends")
            } else {
                (0, "starts")
            };
            let at = cell.pos_of(raw_char_index(raw, index));
            self.warning(
                file,
                at,
                format!("`{}` {where_} with whitespace", cell.column),
                "the generated text keeps it; remove it unless the source page has it",
            );
        }
        true
    }

    /// A code is printable characters without whitespace, with a letter or digit.
    fn check_code(&mut self, file: usize, cell: &RawCell, code: &str) {
        if let Some((i, c)) = code.char_indices().find(|&(_, c)| c.is_whitespace()) {
            let at = cell.pos_of(raw_char_index(&cell.value, char_index(code, i)));
            let hint = if c == '\n' {
                "a code is one word; is a quote missing, so that two fields ran together?"
                    .to_owned()
            } else if code.contains(['"', '{', '}', ':']) {
                "this looks like a piece of a response body, not a code: write the value of its `error_code`, e.g. `APIG.0101`".to_owned()
            } else {
                format!(
                    "codes are written without spaces, e.g. `{}`",
                    code.split_whitespace().collect::<Vec<_>>().join("")
                )
            };
            self.error(
                file,
                at,
                format!("the code `{code}` contains whitespace"),
                hint,
            );
        } else if let Some((i, c)) = code.char_indices().find(|&(_, c)| is_invisible(c)) {
            let at = cell.pos_of(raw_char_index(&cell.value, char_index(code, i)));
            self.error(
                file,
                at,
                format!(
                    "the code `{code}` holds an invisible character (U+{:04X})",
                    u32::from(c)
                ),
                "a code is printable characters; delete the invisible one",
            );
        } else if !code.chars().any(char::is_alphanumeric) {
            self.error(
                file,
                cell.pos,
                format!("`{code}` is not an error code: it has no letter or digit"),
                "write the code the API returns, e.g. `AIS.0014`",
            );
        }
    }
}
