//! Load: read the spec's files into raw, positioned values.
//!
//! This stage knows file formats (CSV, YAML) and nothing of their meaning:
//! every value stays a string with the line and column it came from, and
//! [`crate::validate`] decides what is wrong with it. Syntax errors (malformed
//! CSV or YAML, text that is not UTF-8) are reported here; the loader then goes
//! on with the other files, so that one run reports everything it can.

use std::path::Path;

use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};

use crate::diagnostic::Diagnostic;

/// A position in a spec file: 1-based line and column (in characters).
/// Line 0 means "the whole file" (a file with no lines, e.g. an empty one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    /// The first character of a file.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// A file that was read, kept so that diagnostics can show its lines.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to the user (`spec/error-codes.csv`).
    pub display: String,
    /// The text, without a BOM.
    pub text: String,
    /// The byte offset at which each line starts.
    line_starts: Vec<usize>,
}

impl SourceFile {
    #[must_use]
    pub fn new(display: String, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            display,
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its line end.
    #[must_use]
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// Where the file's first line is, or line 0 if the file has no text.
    #[must_use]
    pub fn start(&self) -> Pos {
        if self.text.is_empty() {
            Pos::default()
        } else {
            Pos::START
        }
    }
}

/// A YAML node with its position; scalars keep their text as written.
#[derive(Clone, Debug)]
pub struct YamlNode {
    pub pos: Pos,
    pub value: YamlValue,
    /// For a scalar: whether its text is exactly the source's characters
    /// from `pos` on (a plain scalar on one line), so that a position inside
    /// it can be computed.
    pub verbatim: bool,
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

/// How a cell's text relates to the source characters, so that a position
/// inside the text (say, of a space in a code) can be pointed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quoting {
    /// The text is the source's characters from the cell's position on.
    Verbatim,
    /// A quoted CSV field: the text starts one column after the opening
    /// quote, and each `"` in it is written `""`.
    CsvQuoted,
    /// Anything else (a quoted or folded YAML scalar): only the start is known.
    Opaque,
}

/// One cell of a table row: its column name, its text and where it starts.
#[derive(Clone, Debug)]
pub struct RawCell {
    pub column: String,
    pub value: String,
    pub pos: Pos,
    pub quoting: Quoting,
}

impl RawCell {
    /// Where the character at `char_index` of the value is in the file; the
    /// cell's start when that cannot be known.
    #[must_use]
    pub fn pos_of(&self, char_index: usize) -> Pos {
        let mut pos = self.pos;
        match self.quoting {
            Quoting::Opaque => return pos,
            Quoting::CsvQuoted => pos.column += 1,
            Quoting::Verbatim => {}
        }
        for c in self.value.chars().take(char_index) {
            match c {
                '\n' => {
                    pos.line += 1;
                    pos.column = 1;
                }
                '"' if self.quoting == Quoting::CsvQuoted => pos.column += 2,
                // The CR of a CRLF takes no column on the line it ends.
                '\r' => {}
                _ => pos.column += 1,
            }
        }
        pos
    }
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
    /// Where the row's text ends (just after its last character).
    pub end: Pos,
    /// YAML: the fields whose value was not text (already reported), which
    /// are not missing.
    pub not_text: Vec<String>,
}

/// A table file: its header (CSV only) and rows.
#[derive(Clone, Debug)]
pub struct RawTable {
    /// Index into [`RawSpec::files`].
    pub file: usize,
    /// Where the table starts: the CSV header, or the YAML list. Line 0 if
    /// the file has no text at all.
    pub pos: Pos,
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

    fn push_error(&mut self, file: usize, pos: Pos, message: impl Into<String>, hint: &str) {
        let d = self.error_at(file, pos, message).with_hint(hint);
        self.diagnostics.push(d);
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
    if !catalog_path.is_file() {
        spec.diagnostics.push(
            Diagnostic::error(display_root, 0, 0, "the spec folder has no catalog.yaml")
                .with_hint("write catalog.yaml (see spec/README.md), or pass one table file as --spec to use default metadata"),
        );
        return;
    }
    let Some(file) = read_source(spec, &catalog_path, display(CATALOG_FILE)) else {
        return;
    };
    let Some(root) = parse_yaml(spec, file) else {
        // Report the tables' problems too, in the same run.
        for name in table_files_in(folder) {
            load_table(spec, &folder.join(&name), display(&name));
        }
        return;
    };
    // The catalog may list its tables; otherwise every table file in the folder counts.
    let mut table_names: Vec<(String, Pos)> = Vec::new();
    let tables_pos = root.get("tables").map(|n| n.pos);
    match root.get("tables") {
        Some(YamlNode {
            value: YamlValue::Seq(items),
            ..
        }) => {
            for item in items {
                match &item.value {
                    YamlValue::Scalar(name) => {
                        if let Some((_, first)) = table_names.iter().find(|(n, _)| n == name) {
                            let line = first.line;
                            spec.push_error(
                                file,
                                item.pos,
                                format!(
                                    "the table `{name}` is listed twice (first on line {line})"
                                ),
                                "list each table file once",
                            );
                        } else {
                            table_names.push((name.clone(), item.pos));
                        }
                    }
                    _ => spec.push_error(
                        file,
                        item.pos,
                        format!(
                            "each entry of `tables` must be a file name, not {}",
                            item.kind()
                        ),
                        "write `tables: [error-codes.csv]`",
                    ),
                }
            }
        }
        Some(other) => {
            let message = format!(
                "`tables` must be a list of file names, not {}",
                other.kind()
            );
            spec.push_error(
                file,
                other.pos,
                message,
                "write `tables: [error-codes.csv]`",
            );
        }
        None => {
            let start = spec.files[file].start();
            table_names = table_files_in(folder)
                .into_iter()
                .map(|name| (name, start))
                .collect();
        }
    }
    spec.catalog = Some((file, root));
    if table_names.is_empty() && spec.diagnostics.is_empty() {
        let pos = tables_pos.unwrap_or_else(|| spec.files[file].start());
        spec.push_error(
            file,
            pos,
            "the spec has no table files",
            "add a CSV or YAML table beside catalog.yaml, and list it under `tables:`",
        );
    }
    for (name, pos) in table_names {
        let table_path = folder.join(&name);
        if !is_table_file(&table_path) {
            let message = format!("the table `{name}` is not a .csv, .yaml or .yml file");
            spec.push_error(file, pos, message, "a table is a CSV or YAML file");
            continue;
        }
        if !table_path.is_file() {
            let message = format!("the table `{name}` does not exist");
            let hint = "the names under `tables:` are files beside catalog.yaml";
            spec.push_error(file, pos, message, hint);
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
        parse_csv_table(spec, file)
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
            spec.diagnostics.push(Diagnostic::error(
                &display,
                0,
                0,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            spec.files.push(SourceFile::new(display, text.to_owned()));
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
    let bad_lines = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter_map(|(index, line)| Some((index, line, std::str::from_utf8(line).err()?)));
    for (index, line, e) in bad_lines.take(MAX_REPORTED) {
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
    }
}

// ----- CSV -------------------------------------------------------------------

/// One CSV field, as the scanner found it.
#[derive(Clone, Debug)]
struct CsvField {
    value: String,
    pos: Pos,
    quoting: Quoting,
}

/// One CSV record: its fields and where its text ends.
#[derive(Clone, Debug)]
struct CsvRecord {
    fields: Vec<CsvField>,
    end: Pos,
    /// A quoted field of this record is never closed: it swallowed the rest
    /// of the file, so the record's fields mean nothing.
    unclosed: bool,
}

/// An RFC 4180 scanner that keeps the position of every field and reports
/// what the RFC does not allow: a quote inside an unquoted field, text after
/// a closing quote, a quoted field that is never closed, a lone CR. It goes
/// on after each problem, so one run reports all of them.
struct CsvScanner<'t> {
    chars: std::iter::Peekable<std::str::Chars<'t>>,
    pos: Pos,
    problems: Vec<(Pos, String, &'static str)>,
    unclosed: bool,
}

const QUOTE_HINT: &str = "a field that holds a `\"`, a `,` or a line break is written in quotes, with each `\"` in it doubled: \"say \"\"hi\"\", then go\"";

impl<'t> CsvScanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            chars: text.chars().peekable(),
            pos: Pos::START,
            problems: Vec::new(),
            unclosed: false,
        }
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else if c != '\r' {
            self.pos.column += 1;
        }
        Some(c)
    }

    /// Consumes a line end (`\n` or `\r\n`) if one is next.
    fn line_end(&mut self) -> bool {
        match self.chars.peek() {
            Some('\n') => {
                self.next_char();
                true
            }
            Some('\r') => {
                let mut ahead = self.chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\n') {
                    self.next_char();
                    self.next_char();
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    fn at_field_end(&mut self) -> bool {
        match self.chars.peek() {
            None | Some(',' | '\n') => true,
            Some('\r') => {
                let mut ahead = self.chars.clone();
                ahead.next();
                ahead.peek() == Some(&'\n')
            }
            _ => false,
        }
    }

    /// The next record, or `None` at the end of the text.
    fn record(&mut self) -> Option<CsvRecord> {
        self.chars.peek()?;
        let mut fields = Vec::new();
        loop {
            fields.push(self.field());
            let end = self.pos;
            match self.chars.peek() {
                Some(',') => {
                    self.next_char();
                }
                _ => {
                    self.line_end();
                    let unclosed = std::mem::take(&mut self.unclosed);
                    return Some(CsvRecord {
                        fields,
                        end,
                        unclosed,
                    });
                }
            }
        }
    }

    fn field(&mut self) -> CsvField {
        let start = self.pos;
        let mut value = String::new();
        if self.chars.peek() != Some(&'"') {
            self.unquoted_rest(&mut value);
            return CsvField {
                value,
                pos: start,
                quoting: Quoting::Verbatim,
            };
        }
        self.next_char();
        loop {
            match self.next_char() {
                None => {
                    self.unclosed = true;
                    self.problems.push((
                        start,
                        "malformed CSV: this quoted field is never closed".into(),
                        "a `\"` inside a quoted field is written `\"\"`; is one not doubled, or is the closing quote missing?",
                    ));
                    break;
                }
                Some('"') if self.chars.peek() == Some(&'"') => {
                    self.next_char();
                    value.push('"');
                }
                Some('"') => {
                    if !self.at_field_end() {
                        self.problems.push((
                            self.pos,
                            "malformed CSV: text after the closing quote of a quoted field".into(),
                            QUOTE_HINT,
                        ));
                        // Keep the rest as text, so that the row's other fields stay in place.
                        value.push('"');
                        self.unquoted_rest(&mut value);
                    }
                    break;
                }
                Some(c) => value.push(c),
            }
        }
        CsvField {
            value,
            pos: start,
            quoting: Quoting::CsvQuoted,
        }
    }

    /// The rest of an unquoted field, up to a `,` or a line end.
    fn unquoted_rest(&mut self, value: &mut String) {
        let mut reported_quote = false;
        while !self.at_field_end() {
            let at = self.pos;
            let Some(c) = self.next_char() else { break };
            if c == '"' && !reported_quote {
                reported_quote = true;
                self.problems.push((
                    at,
                    "malformed CSV: a `\"` inside a field that does not start with one".into(),
                    QUOTE_HINT,
                ));
            }
            if c == '\r' {
                self.problems.push((
                    at,
                    "malformed CSV: a carriage return (CR) that does not end a line".into(),
                    "end lines with LF or CRLF; delete the stray CR",
                ));
            }
            value.push(c);
        }
    }
}

fn parse_csv_table(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let text = spec.files[file].text.clone();
    let mut scanner = CsvScanner::new(&text);
    let mut header: Option<Vec<RawCell>> = None;
    let mut rows = Vec::new();
    while let Some(record) = scanner.record() {
        let is_blank = matches!(record.fields.as_slice(), [only] if only.quoting == Quoting::Verbatim && only.value.trim().is_empty());
        if is_blank || record.unclosed {
            continue;
        }
        let Some(names) = &header else {
            let cells = record
                .fields
                .into_iter()
                .map(|f| RawCell {
                    column: f.value.clone(),
                    value: f.value,
                    pos: f.pos,
                    quoting: f.quoting,
                })
                .collect();
            header = Some(cells);
            continue;
        };
        let pos = record.fields.first().map_or(record.end, |f| f.pos);
        let field_count = record.fields.len();
        let cells = record
            .fields
            .into_iter()
            .enumerate()
            .map(|(i, f)| RawCell {
                column: names
                    .get(i)
                    .map_or_else(|| (i + 1).to_string(), |h| h.value.clone()),
                value: f.value,
                pos: f.pos,
                quoting: f.quoting,
            })
            .collect();
        rows.push(RawRow {
            pos,
            cells,
            field_count,
            end: record.end,
            not_text: Vec::new(),
        });
    }
    for (pos, message, hint) in std::mem::take(&mut scanner.problems) {
        spec.push_error(file, pos, message, hint);
    }
    let Some(header) = header else {
        let pos = spec.files[file].start();
        spec.push_error(
            file,
            pos,
            "the table is empty",
            "a CSV table starts with a header line: status_code,error_code,error_msg,description,handling_measure",
        );
        return None;
    };
    Some(RawTable {
        file,
        pos: header.first().map_or(Pos::START, |c| c.pos),
        header: Some(header),
        rows,
    })
}

// ----- YAML ------------------------------------------------------------------

/// Parses a YAML file into positioned nodes; reports a syntax error or a
/// file with several documents.
fn parse_yaml(spec: &mut RawSpec, file: usize) -> Option<YamlNode> {
    let text = spec.files[file].text.clone();
    let mut loader: YamlLoader<MarkedYaml> = YamlLoader::default();
    loader.early_parse(false);
    let mut parser = saphyr_parser::Parser::new_from_str(&text);
    let result = parser.load(&mut loader, true);
    let error = result.err().or_else(|| loader.error().cloned());
    if let Some(e) = error {
        let marker = e.marker();
        let pos = Pos {
            line: marker.line(),
            column: marker.col() + 1,
        };
        let d = spec
            .error_at(file, pos, format!("malformed YAML: {}", e.info()))
            .with_hint("check the indentation and quoting here; a value holding `: ` or starting with a quote, `{`, `[`, `*`, `&`, `!`, `|`, `>`, `%` or `@` must be quoted");
        spec.diagnostics.push(d);
        return None;
    }
    let mut documents = loader.into_documents().into_iter();
    let first = documents.next();
    if let Some(second) = documents.next() {
        let pos = position(&second);
        spec.push_error(
            file,
            pos,
            "this file holds a second YAML document",
            "a spec file is one YAML document: remove the `---` line",
        );
        return None;
    }
    Some(first.map_or(
        YamlNode {
            pos: spec.files[file].start(),
            value: YamlValue::Null,
            verbatim: false,
        },
        |doc| convert(&doc),
    ))
}

fn position(node: &MarkedYaml) -> Pos {
    let start = node.span.start;
    Pos {
        line: start.line(),
        column: start.col() + 1,
    }
}

fn convert(node: &MarkedYaml) -> YamlNode {
    let pos = position(node);
    let mut verbatim = false;
    let value = match &node.data {
        YamlData::Representation(text, style, _) => {
            let plain = *style == ScalarStyle::Plain;
            verbatim = plain && node.span.start.line() == node.span.end.line();
            if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                YamlValue::Null
            } else if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                // A block scalar's last line break ends the block; it is not text.
                YamlValue::Scalar(text.strip_suffix('\n').unwrap_or(text).to_owned())
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
    YamlNode {
        pos,
        value,
        verbatim,
    }
}

/// A YAML table: a list of mappings whose keys are column names.
fn parse_yaml_table(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let root = parse_yaml(spec, file)?;
    let items = match root.value {
        YamlValue::Seq(items) => items,
        YamlValue::Null => Vec::new(),
        _ => {
            let message = format!("a YAML table must be a list of rows, not {}", root.kind());
            spec.push_error(
                file,
                root.pos,
                message,
                "write each row as `- error_code: AIS.0014` followed by its other fields",
            );
            return None;
        }
    };
    let mut rows = Vec::new();
    for item in items {
        let YamlValue::Map(entries) = &item.value else {
            let message = format!(
                "a row must be a mapping of column to value, not {}",
                item.kind()
            );
            let hint = "write each row as `- error_code: AIS.0014` followed by its other fields, indented below it";
            spec.push_error(file, item.pos, message, hint);
            continue;
        };
        let mut cells = Vec::new();
        let mut not_text = Vec::new();
        for (key, value) in entries {
            let YamlValue::Scalar(column) = &key.value else {
                let hint = "the keys of a row are column names, such as `error_code`";
                spec.push_error(file, key.pos, "a column name must be text", hint);
                continue;
            };
            let text = match &value.value {
                YamlValue::Scalar(s) => s.clone(),
                YamlValue::Null => String::new(),
                _ => {
                    let message =
                        format!("the value of `{column}` must be text, not {}", value.kind());
                    let hint = "quote a value that holds `: `, or starts with `[`, `{` or `- `";
                    spec.push_error(file, value.pos, message, hint);
                    not_text.push(column.clone());
                    continue;
                }
            };
            cells.push(RawCell {
                column: column.clone(),
                value: text,
                pos: value.pos,
                quoting: if value.verbatim {
                    Quoting::Verbatim
                } else {
                    Quoting::Opaque
                },
            });
        }
        let field_count = cells.len();
        rows.push(RawRow {
            pos: item.pos,
            cells,
            field_count,
            end: item.pos,
            not_text,
        });
    }
    Some(RawTable {
        file,
        pos: root.pos,
        header: None,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as (text, line, column).
    type Field = (String, usize, usize);

    fn scan(text: &str) -> (Vec<Vec<Field>>, Vec<(Pos, String)>) {
        let mut scanner = CsvScanner::new(text);
        let mut records = Vec::new();
        while let Some(record) = scanner.record() {
            records.push(
                record
                    .fields
                    .into_iter()
                    .map(|f| (f.value, f.pos.line, f.pos.column))
                    .collect(),
            );
        }
        let problems = scanner
            .problems
            .into_iter()
            .map(|(p, m, _)| (p, m))
            .collect();
        (records, problems)
    }

    fn owned(fields: &[(&str, usize, usize)]) -> Vec<Field> {
        fields
            .iter()
            .map(|&(v, l, c)| (v.to_owned(), l, c))
            .collect()
    }

    #[test]
    fn lines_of_a_source_file() {
        let file = SourceFile::new("f".into(), "one\r\ntwo\n\nfour".into());
        let lines: Vec<Option<&str>> = (0..=5).map(|n| file.line(n)).collect();
        assert_eq!(
            lines,
            [None, Some("one"), Some("two"), Some(""), Some("four"), None]
        );
        let ends_with_newline = SourceFile::new("f".into(), "a\n".into());
        assert_eq!(ends_with_newline.line(2), Some(""));
    }

    #[test]
    fn fields_keep_their_positions() {
        let (records, problems) = scan("a,bc,\"d,e\"\r\n\"x\ny\",\"q\"\"\",\nlast");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            records,
            [
                owned(&[("a", 1, 1), ("bc", 1, 3), ("d,e", 1, 6)]),
                owned(&[("x\ny", 2, 1), ("q\"", 3, 4), ("", 3, 10)]),
                owned(&[("last", 4, 1)]),
            ]
        );
    }

    #[test]
    fn malformed_quoting_is_reported_where_it_is() {
        let (_, problems) = scan("a,b\"c\n\"x\"y,z\n\"open");
        let at: Vec<(usize, usize)> = problems.iter().map(|(p, _)| (p.line, p.column)).collect();
        assert_eq!(at, [(1, 4), (2, 4), (3, 1)], "{problems:?}");
    }

    #[test]
    fn a_position_inside_a_quoted_cell() {
        let cell = RawCell {
            column: "error_code".into(),
            value: "\"a\" b".into(),
            pos: Pos { line: 3, column: 5 },
            quoting: Quoting::CsvQuoted,
        };
        // `"""a"" b"` from column 5: the space is in column 11.
        assert_eq!(
            cell.pos_of(3),
            Pos {
                line: 3,
                column: 11
            }
        );
        let multi = RawCell {
            value: "x\r\nyz w".into(),
            quoting: Quoting::Verbatim,
            ..cell
        };
        assert_eq!(multi.pos_of(5), Pos { line: 4, column: 3 });
    }
}
