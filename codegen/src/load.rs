//! Load: read the spec's files into raw, positioned values.
//!
//! This stage knows file formats (CSV, YAML) and nothing of their meaning:
//! every value stays a string with the line and column it came from, and
//! [`crate::validate`] decides what is wrong with it. Syntax errors (malformed
//! CSV or YAML, text that is not UTF-8) are reported here; the loader then goes
//! on with the other files, so that one run reports everything it can.

use std::path::{Path, PathBuf};

use saphyr::{MarkedYaml, YamlData, YamlLoader};

use crate::diagnostic::Diagnostic;

/// A position in a spec file: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A file that was read, kept so that diagnostics can show its lines.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to the user (`spec/error-codes.csv`).
    pub display: String,
    /// The text, without a BOM.
    pub text: String,
}

impl SourceFile {
    /// The text of a 1-based line, without its line end.
    #[must_use]
    pub fn line(&self, line: usize) -> Option<&str> {
        let text = self.text.split('\n').nth(line.checked_sub(1)?)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

/// A YAML node with its position; scalars keep their text as written.
#[derive(Clone, Debug)]
pub struct YamlNode {
    pub pos: Pos,
    pub value: YamlValue,
}

#[derive(Clone, Debug)]
pub enum YamlValue {
    /// A scalar's text as written (`400` stays "400", `1.10` stays "1.10").
    Scalar(String),
    /// `~`, `null` or nothing.
    Null,
    Seq(Vec<YamlNode>),
    /// Keys in document order.
    Map(Vec<(YamlNode, YamlNode)>),
}

impl YamlNode {
    /// The value under `key`, if this is a mapping that has it.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        match &self.value {
            YamlValue::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, YamlValue::Scalar(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short name of the node's kind, for messages.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self.value {
            YamlValue::Scalar(_) => "a scalar",
            YamlValue::Null => "null",
            YamlValue::Seq(_) => "a list",
            YamlValue::Map(_) => "a mapping",
        }
    }
}

/// One cell of a table row: its column name, its text and where it starts.
#[derive(Clone, Debug)]
pub struct RawCell {
    pub column: String,
    pub value: String,
    pub pos: Pos,
}

/// One row of a table, in file order.
#[derive(Clone, Debug)]
pub struct RawRow {
    /// Where the row starts.
    pub pos: Pos,
    /// The row's cells. For CSV they follow the header; a CSV row with more
    /// fields than the header has cells named by their 1-based index.
    pub cells: Vec<RawCell>,
    /// For CSV: how many fields the row has (to report a wrong count).
    pub field_count: usize,
}

/// A table file: its header (CSV only) and rows.
#[derive(Clone, Debug)]
pub struct RawTable {
    /// Index into [`RawSpec::files`].
    pub file: usize,
    /// The CSV header's column names and positions; `None` for YAML, whose
    /// rows name their fields themselves.
    pub header: Option<Vec<RawCell>>,
    pub rows: Vec<RawRow>,
}

/// Everything read from a spec, before validation.
#[derive(Clone, Debug, Default)]
pub struct RawSpec {
    pub files: Vec<SourceFile>,
    /// `catalog.yaml`'s root node and its index in `files`, if the spec has one.
    pub catalog: Option<(usize, YamlNode)>,
    pub tables: Vec<RawTable>,
    /// For a spec that is a lone table file: the file's stem, for default names.
    pub lone_table_stem: Option<String>,
    /// The path prefix used for display (`spec`), for `@generated` lines.
    pub display_root: String,
    /// Syntax problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

impl RawSpec {
    /// An error located in one of the loaded files, showing the offending line.
    #[must_use]
    pub fn error_at(&self, file: usize, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let source = &self.files[file];
        Diagnostic::error(&source.display, pos.line, pos.column, message)
            .with_source_line(source.line(pos.line))
    }

    /// A warning located in one of the loaded files, showing the offending line.
    #[must_use]
    pub fn warning_at(&self, file: usize, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let source = &self.files[file];
        Diagnostic::warning(&source.display, pos.line, pos.column, message)
            .with_source_line(source.line(pos.line))
    }
}

/// The name of a spec folder's metadata file.
pub const CATALOG_FILE: &str = "catalog.yaml";

/// Reads the spec at `path`: a folder holding `catalog.yaml` and table files,
/// or a single CSV or YAML table. Never fails: problems become diagnostics.
#[must_use]
pub fn load(path: &Path, display_root: &str) -> RawSpec {
    let mut spec = RawSpec {
        display_root: display_root.to_owned(),
        ..RawSpec::default()
    };
    if path.is_dir() {
        load_folder(&mut spec, path, display_root);
    } else {
        spec.lone_table_stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        load_table(&mut spec, path, display_root.to_owned());
    }
    spec
}

fn load_folder(spec: &mut RawSpec, folder: &Path, display_root: &str) {
    let display = |name: &str| format!("{display_root}/{name}");
    let catalog_path = folder.join(CATALOG_FILE);
    let Some(file) = read_source(spec, &catalog_path, display(CATALOG_FILE)) else {
        return;
    };
    let Some(root) = parse_yaml(spec, file) else {
        return;
    };
    // The catalog may list its tables; otherwise every table file in the folder counts.
    let table_names: Vec<(String, Option<Pos>)> = match root.get("tables") {
        Some(YamlNode {
            value: YamlValue::Seq(items),
            ..
        }) => items
            .iter()
            .filter_map(|item| match &item.value {
                YamlValue::Scalar(name) => Some((name.clone(), Some(item.pos))),
                _ => {
                    let d =
                        spec.error_at(file, item.pos, "each entry of `tables` must be a file name");
                    spec.diagnostics.push(d);
                    None
                }
            })
            .collect(),
        Some(other) => {
            let d = spec.error_at(
                file,
                other.pos,
                format!(
                    "`tables` must be a list of file names, not {}",
                    other.kind()
                ),
            );
            spec.diagnostics.push(d);
            Vec::new()
        }
        None => table_files_in(folder)
            .into_iter()
            .map(|name| (name, None))
            .collect(),
    };
    spec.catalog = Some((file, root));
    if table_names.is_empty() && spec.diagnostics.is_empty() {
        let d = Diagnostic::error(&display(CATALOG_FILE), 0, 0, "the spec has no table files")
            .with_hint("add a CSV or YAML table beside catalog.yaml, or list it under `tables:`");
        spec.diagnostics.push(d);
    }
    for (name, pos) in table_names {
        let table_path = folder.join(&name);
        if !is_table_file(&table_path) || !table_path.is_file() {
            let message = if is_table_file(&table_path) {
                format!("the table `{name}` does not exist")
            } else {
                format!("the table `{name}` is not a .csv, .yaml or .yml file")
            };
            let d = spec.error_at(file, pos.unwrap_or_default(), message);
            spec.diagnostics.push(d);
            continue;
        }
        load_table(spec, &table_path, display(&name));
    }
}

/// The table files of a folder (`.csv`, `.yaml`, `.yml`, but not the catalog), sorted by name.
fn table_files_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_table_file(p))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| n != CATALOG_FILE)
        .collect();
    names.sort();
    names
}

fn is_table_file(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("csv" | "yaml" | "yml"))
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn load_table(spec: &mut RawSpec, path: &Path, display: String) {
    let is_csv = match extension(path).as_deref() {
        Some("csv") => true,
        Some("yaml" | "yml") => false,
        _ => {
            spec.diagnostics.push(
                Diagnostic::error(&display, 0, 0, "a table must be a .csv, .yaml or .yml file")
                    .with_hint("pass a spec folder that holds catalog.yaml, or one table file"),
            );
            return;
        }
    };
    let Some(file) = read_source(spec, path, display) else {
        return;
    };
    let table = if is_csv {
        parse_csv(spec, file)
    } else {
        parse_yaml_table(spec, file)
    };
    if let Some(table) = table {
        spec.tables.push(table);
    }
}

/// Reads a file as UTF-8 text without a BOM and registers it; reports an
/// unreadable file or every line that is not UTF-8.
fn read_source(spec: &mut RawSpec, path: &Path, display: String) -> Option<usize> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let what = PathBuf::from(path);
            spec.diagnostics.push(Diagnostic::error(
                &display,
                0,
                0,
                format!("cannot read {}: {e}", what.display()),
            ));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            spec.files.push(SourceFile {
                display,
                text: text.to_owned(),
            });
            Some(spec.files.len() - 1)
        }
        Err(_) => {
            report_invalid_utf8(spec, bytes, &display);
            None
        }
    }
}

/// One diagnostic per line that holds bytes that are not UTF-8 (at most 20).
fn report_invalid_utf8(spec: &mut RawSpec, bytes: &[u8], display: &str) {
    const MAX_REPORTED: usize = 20;
    let mut reported = 0;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if let Err(e) = std::str::from_utf8(line) {
            let valid = &line[..e.valid_up_to()];
            let column = String::from_utf8_lossy(valid).chars().count() + 1;
            let shown = String::from_utf8_lossy(line)
                .trim_end_matches('\r')
                .to_owned();
            spec.diagnostics.push(
                Diagnostic::error(display, index + 1, column, "this line is not valid UTF-8")
                    .with_source_line(Some(&shown))
                    .with_hint("save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\" export)"),
            );
            reported += 1;
            if reported == MAX_REPORTED {
                break;
            }
        }
    }
}

fn parse_csv(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let text = spec.files[file].text.clone();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<RawCell>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let pos = e.position().map_or(start.line(), csv::Position::line);
                let line = usize::try_from(pos).unwrap_or(usize::MAX);
                let d = spec.error_at(file, Pos { line, column: 0 }, format!("malformed CSV: {e}"));
                spec.diagnostics.push(d);
                return None;
            }
        }
        let Some(record_pos) = record.position() else {
            continue;
        };
        let offset = usize::try_from(record_pos.byte()).unwrap_or(usize::MAX);
        let line = usize::try_from(record_pos.line()).unwrap_or(usize::MAX);
        let positions = field_positions(&text, offset, line);
        if record.len() == 1 && record.get(0) == Some("") {
            continue; // a blank line
        }
        let cell = |index: usize, column: String, value: &str| RawCell {
            column,
            value: value.to_owned(),
            pos: positions
                .get(index)
                .copied()
                .unwrap_or(Pos { line, column: 0 }),
        };
        match &header {
            None => {
                let cells = record
                    .iter()
                    .enumerate()
                    .map(|(i, v)| cell(i, v.to_owned(), v))
                    .collect();
                header = Some(cells);
            }
            Some(names) => {
                let cells = record
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let column = names
                            .get(i)
                            .map_or_else(|| (i + 1).to_string(), |h| h.value.clone());
                        cell(i, column, v)
                    })
                    .collect();
                rows.push(RawRow {
                    pos: Pos { line, column: 1 },
                    cells,
                    field_count: record.len(),
                });
            }
        }
    }
    let Some(header) = header else {
        let d = Diagnostic::error(&spec.files[file].display, 0, 0, "the table is empty")
            .with_hint("a CSV table starts with a header line: status_code,error_code,error_msg,description,handling_measure");
        spec.diagnostics.push(d);
        return None;
    };
    Some(RawTable {
        file,
        header: Some(header),
        rows,
    })
}

/// The line and column at which each field of the CSV record starting at byte
/// `offset` (on `line`) begins. A small RFC 4180 scanner: the csv crate
/// gives a record's start, not its fields'.
fn field_positions(text: &str, offset: usize, line: usize) -> Vec<Pos> {
    let Some(rest) = text.get(offset..) else {
        return Vec::new();
    };
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut column = text[line_start..offset].chars().count() + 1;
    let mut line = line;
    let mut positions = vec![Pos { line, column }];
    let mut in_quotes = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                column += 1;
            }
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => positions.push(Pos {
                line,
                column: column + 1,
            }),
            '\n' if !in_quotes => break,
            '\n' => {
                line += 1;
                column = 0;
            }
            _ => {}
        }
        column += 1;
    }
    positions
}

/// Parses a YAML file into positioned nodes; reports a syntax error.
fn parse_yaml(spec: &mut RawSpec, file: usize) -> Option<YamlNode> {
    let text = spec.files[file].text.clone();
    let mut loader: YamlLoader<MarkedYaml> = YamlLoader::default();
    loader.early_parse(false);
    let mut parser = saphyr_parser::Parser::new_from_str(&text);
    let result = parser.load(&mut loader, false);
    let error = result.err().or_else(|| loader.error().cloned());
    if let Some(e) = error {
        let marker = e.marker();
        let pos = Pos {
            line: marker.line(),
            column: marker.col() + 1,
        };
        let d = spec.error_at(file, pos, format!("malformed YAML: {}", e.info()));
        spec.diagnostics.push(d);
        return None;
    }
    match loader.into_documents().into_iter().next() {
        Some(doc) => Some(convert(&doc)),
        None => Some(YamlNode {
            pos: Pos { line: 1, column: 1 },
            value: YamlValue::Null,
        }),
    }
}

fn convert(node: &MarkedYaml) -> YamlNode {
    let start = node.span.start;
    let pos = Pos {
        line: start.line(),
        column: start.col() + 1,
    };
    let value = match &node.data {
        YamlData::Representation(text, style, _) => {
            let plain = *style == saphyr::ScalarStyle::Plain;
            if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                YamlValue::Null
            } else {
                YamlValue::Scalar(text.to_string())
            }
        }
        YamlData::Value(scalar) => YamlValue::Scalar(format!("{scalar:?}")),
        YamlData::Sequence(items) => YamlValue::Seq(items.iter().map(convert).collect()),
        YamlData::Mapping(map) => {
            YamlValue::Map(map.iter().map(|(k, v)| (convert(k), convert(v))).collect())
        }
        YamlData::Tagged(_, inner) => return convert(inner),
        YamlData::Alias(_) | YamlData::BadValue => YamlValue::Null,
    };
    YamlNode { pos, value }
}

/// A YAML table: a list of mappings whose keys are column names.
fn parse_yaml_table(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let root = parse_yaml(spec, file)?;
    let items = match root.value {
        YamlValue::Seq(items) => items,
        YamlValue::Null => Vec::new(),
        _ => {
            let d = spec
                .error_at(
                    file,
                    root.pos,
                    format!("a YAML table must be a list of rows, not {}", root.kind()),
                )
                .with_hint(
                    "write each row as `- error_code: AIS.0014` followed by its other fields",
                );
            spec.diagnostics.push(d);
            return None;
        }
    };
    let mut rows = Vec::new();
    for item in items {
        let YamlValue::Map(entries) = &item.value else {
            let d = spec.error_at(
                file,
                item.pos,
                format!(
                    "a row must be a mapping of column to value, not {}",
                    item.kind()
                ),
            );
            spec.diagnostics.push(d);
            continue;
        };
        let mut cells = Vec::new();
        for (key, value) in entries {
            let YamlValue::Scalar(column) = &key.value else {
                let d = spec.error_at(file, key.pos, "a column name must be a plain string");
                spec.diagnostics.push(d);
                continue;
            };
            let text = match &value.value {
                YamlValue::Scalar(s) => s.clone(),
                YamlValue::Null => String::new(),
                _ => {
                    let d = spec.error_at(
                        file,
                        value.pos,
                        format!("the value of `{column}` must be text, not {}", value.kind()),
                    );
                    spec.diagnostics.push(d);
                    continue;
                }
            };
            cells.push(RawCell {
                column: column.clone(),
                value: text,
                pos: value.pos,
            });
        }
        let field_count = cells.len();
        rows.push(RawRow {
            pos: item.pos,
            cells,
            field_count,
        });
    }
    Some(RawTable {
        file,
        header: None,
        rows,
    })
}
