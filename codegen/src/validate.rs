//! Validate: turn raw rows into the model, reporting every problem at once.
//!
//! Each check adds a diagnostic and goes on, so that one run shows every
//! mistake in a table. The model is built only when there are no errors.

use std::collections::HashMap;

use crate::Loaded;
use crate::diagnostic::{Diagnostic, is_bidi_control};
use crate::load::{Pos, RawCell, RawRow, RawSpec, YamlNode, YamlValue};
use crate::model::{
    Case, Catalog, Category, Code, ErrorBody, Metadata, Origin, OtherRow, PackageInfo,
};
use crate::names;

/// The columns a table must have.
pub const REQUIRED_COLUMNS: [&str; 5] = [
    "status_code",
    "error_code",
    "error_msg",
    "description",
    "handling_measure",
];
/// The editorial columns a table may have.
pub const OPTIONAL_COLUMNS: [&str; 3] = ["category", "retryable", "deprecated"];
/// Columns whose value must not be empty. `description` and `handling_measure`
/// may be empty: some source pages have no such column.
const NON_EMPTY_COLUMNS: [&str; 3] = ["status_code", "error_code", "error_msg"];

/// The category of codes whose row names none.
pub const UNCLASSIFIED: &str = "unclassified";

/// Validates a loaded spec. The catalog is `Some` only if there are no errors;
/// warnings are returned either way.
#[must_use]
pub fn validate(raw: &RawSpec) -> Loaded {
    let mut v = Validator {
        raw,
        diagnostics: raw.diagnostics.clone(),
    };
    let meta = v.metadata();
    let mut categories = v.categories();
    let rows = v.rows(&categories);
    let codes = v.codes(rows, &mut categories);
    let has_errors = v.diagnostics.iter().any(Diagnostic::is_error);
    let catalog = match (meta, has_errors) {
        (Some(meta), false) => Some(Catalog {
            meta,
            categories,
            codes,
        }),
        _ => None,
    };
    Loaded {
        catalog,
        diagnostics: v.diagnostics,
    }
}

struct Validator<'a> {
    raw: &'a RawSpec,
    diagnostics: Vec<Diagnostic>,
}

/// A code being assembled from its rows.
struct Draft {
    code: Code,
    file: usize,
    /// Where the code's first row writes the code.
    pos: Pos,
    category: Option<(usize, Pos)>,
    retryable: Option<(bool, Pos)>,
}

/// A row whose fields passed their own checks.
struct Row {
    file: usize,
    pos: Pos,
    code: String,
    code_pos: Pos,
    case: Case,
    /// Index into the categories, `None` when the row names none.
    category: Option<(usize, Pos)>,
    retryable: Option<(bool, Pos)>,
    deprecated: Option<String>,
}

impl Validator<'_> {
    fn error(&mut self, file: usize, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.raw.error_at(file, pos, message);
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn warning(&mut self, file: usize, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.raw.warning_at(file, pos, message);
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    fn hint(&mut self, hint: impl Into<String>) {
        if let Some(d) = self.diagnostics.last_mut() {
            d.hint = Some(hint.into());
        }
    }

    // ----- catalog.yaml -------------------------------------------------------

    fn metadata(&mut self) -> Option<Metadata> {
        let spec_files: Vec<String> = self.raw.files.iter().map(|f| f.display.clone()).collect();
        let Some((file, root)) = &self.raw.catalog else {
            let stem = self
                .raw
                .lone_table_stem
                .clone()
                .unwrap_or_else(|| "error-codes".into());
            return Some(default_metadata(&stem, spec_files));
        };
        let (file, root) = (*file, root);
        if !matches!(root.value, YamlValue::Map(_)) {
            self.error(
                file,
                root.pos,
                format!(
                    "catalog.yaml must be a mapping of keys, not {}",
                    root.kind()
                ),
            );
            return None;
        }
        self.check_keys(file, root, CATALOG_KEYS);
        let title = self.required_text(file, root, "title");
        let service = self.optional_text(file, root, "service");
        let source_url = self.optional_text(file, root, "source_url");
        let updated_on = self.optional_text(file, root, "updated_on");
        let other = root.get("other").map(|node| {
            self.check_keys(file, node, &["http_status", "text"]);
            OtherRow {
                http_status: self.optional_text(file, node, "http_status").and_then(|s| {
                    let pos = node.get("http_status").map_or(node.pos, |n| n.pos);
                    self.status(file, pos, &s)
                }),
                text: self.required_text(file, node, "text").unwrap_or_default(),
            }
        });
        let error_body = root.get("error_body").map(|node| {
            self.check_keys(file, node, &["status", "example"]);
            let pos = node.get("status").map_or(node.pos, |n| n.pos);
            let status = self
                .required_text(file, node, "status")
                .and_then(|s| self.status(file, pos, &s));
            let example = self
                .required_text(file, node, "example")
                .unwrap_or_default();
            ErrorBody {
                status: status.unwrap_or(400),
                example,
            }
        });
        let version = self.required_text(file, root, "version");
        if let Some(version) = &version
            && !is_semver(version)
        {
            let pos = root.get("version").map_or(root.pos, |n| n.pos);
            self.error(
                file,
                pos,
                format!("`{version}` is not a version of the form MAJOR.MINOR.PATCH"),
            );
        }
        let crate_name = self.required_text(file, root, "rust_crate");
        if let Some(name) = &crate_name
            && !is_package_name(name)
        {
            let pos = root.get("rust_crate").map_or(root.pos, |n| n.pos);
            self.error(file, pos, format!("`{name}` is not a valid crate name"));
            self.hint("use lower-case letters, digits and `-`, starting with a letter");
        }
        let npm_name = self.required_text(file, root, "npm_package");
        let package = root.get("package").map(|node| {
            self.check_keys(
                file,
                node,
                &[
                    "description",
                    "license",
                    "repository",
                    "keywords",
                    "crates_io_categories",
                    "rust_version",
                ],
            );
            PackageInfo {
                description: self
                    .required_text(file, node, "description")
                    .unwrap_or_default(),
                license: self
                    .required_text(file, node, "license")
                    .unwrap_or_default(),
                repository: self.optional_text(file, node, "repository"),
                keywords: self.text_list(file, node, "keywords"),
                crates_io_categories: self.text_list(file, node, "crates_io_categories"),
                rust_version: self
                    .optional_text(file, node, "rust_version")
                    .unwrap_or_else(|| "1.85".into()),
            }
        });
        let docs_base_url = self.optional_text(file, root, "docs_base_url");
        let (title, version, crate_name, npm_name) = (title?, version?, crate_name?, npm_name?);
        let defaults = default_metadata(&crate_name, spec_files);
        Some(Metadata {
            service: service.unwrap_or_else(|| title.clone()),
            title,
            source_url,
            updated_on,
            other: other.unwrap_or(defaults.other),
            error_body: error_body.unwrap_or(defaults.error_body),
            crate_name,
            npm_name,
            version,
            package: package.unwrap_or(defaults.package),
            docs_base_url,
            spec_files: defaults.spec_files,
        })
    }

    /// Reports keys of a mapping that are not in `known`.
    fn check_keys(&mut self, file: usize, node: &YamlNode, known: &[&str]) {
        let YamlValue::Map(entries) = &node.value else {
            self.error(
                file,
                node.pos,
                format!("expected a mapping, found {}", node.kind()),
            );
            return;
        };
        for (key, _) in entries {
            let name = match &key.value {
                YamlValue::Scalar(s) => s.as_str(),
                _ => "",
            };
            if !known.contains(&name) {
                self.error(file, key.pos, format!("unknown key `{name}`"));
                let hint = match closest(name, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys here are: {}", known.join(", ")),
                };
                self.hint(hint);
            }
        }
    }

    fn optional_text(&mut self, file: usize, node: &YamlNode, key: &str) -> Option<String> {
        let value = node.get(key)?;
        match &value.value {
            YamlValue::Scalar(s) => {
                let text = normalise_line_ends(s);
                self.check_text(file, value.pos, key, &text);
                Some(text)
            }
            YamlValue::Null => None,
            _ => {
                self.error(
                    file,
                    value.pos,
                    format!("`{key}` must be text, not {}", value.kind()),
                );
                None
            }
        }
    }

    fn required_text(&mut self, file: usize, node: &YamlNode, key: &str) -> Option<String> {
        let text = self.optional_text(file, node, key);
        if text.as_deref().is_none_or(str::is_empty)
            && node
                .get(key)
                .is_none_or(|v| matches!(v.value, YamlValue::Null | YamlValue::Scalar(_)))
        {
            self.error(
                file,
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("`{key}` is required"),
            );
            return None;
        }
        text
    }

    fn text_list(&mut self, file: usize, node: &YamlNode, key: &str) -> Vec<String> {
        match node.get(key).map(|n| (n.pos, &n.value)) {
            None | Some((_, YamlValue::Null)) => Vec::new(),
            Some((_, YamlValue::Seq(items))) => items
                .iter()
                .filter_map(|item| match &item.value {
                    YamlValue::Scalar(s) => Some(s.clone()),
                    _ => {
                        self.error(
                            file,
                            item.pos,
                            format!("each entry of `{key}` must be text"),
                        );
                        None
                    }
                })
                .collect(),
            Some((pos, _)) => {
                self.error(file, pos, format!("`{key}` must be a list"));
                Vec::new()
            }
        }
    }

    fn categories(&mut self) -> Vec<Category> {
        let Some((file, root)) = &self.raw.catalog else {
            return Vec::new();
        };
        let file = *file;
        let items = match root.get("categories") {
            None => return Vec::new(),
            Some(YamlNode {
                value: YamlValue::Seq(items),
                ..
            }) => items,
            Some(other) => {
                self.error(file, other.pos, "`categories` must be a list");
                return Vec::new();
            }
        };
        let mut categories: Vec<(Category, Pos)> = Vec::new();
        for item in items {
            if !matches!(item.value, YamlValue::Map(_)) {
                self.error(
                    file,
                    item.pos,
                    "each category must be a mapping with key, title and description",
                );
                continue;
            }
            self.check_keys(file, item, &["key", "title", "description", "retryable"]);
            let key = self.required_text(file, item, "key");
            let title = self.required_text(file, item, "title").unwrap_or_default();
            let description = self
                .required_text(file, item, "description")
                .unwrap_or_default();
            let retryable = match item.get("retryable") {
                Some(node) => match &node.value {
                    YamlValue::Scalar(s) => self.boolean(file, node.pos, s).unwrap_or(false),
                    _ => false,
                },
                None => false,
            };
            let Some(key) = key else { continue };
            let pos = item.get("key").map_or(item.pos, |n| n.pos);
            if !is_category_key(&key) {
                self.error(file, pos, format!("`{key}` is not a valid category key"));
                self.hint("use lower-case letters, digits and `_`, starting with a letter");
                continue;
            }
            let rust_variant = names::category_variant(&key);
            if let Some((_, earlier)) = categories
                .iter()
                .find(|(c, _)| c.rust_variant == rust_variant)
            {
                let line = earlier.line;
                self.error(
                    file,
                    pos,
                    format!("the category `{key}` is defined twice (first on line {line})"),
                );
                continue;
            }
            categories.push((
                Category {
                    key,
                    rust_variant,
                    title,
                    description,
                    retryable,
                },
                pos,
            ));
        }
        categories.into_iter().map(|(c, _)| c).collect()
    }

    // ----- table rows ---------------------------------------------------------

    /// Checks every row on its own; returns the rows that passed.
    fn rows(&mut self, categories: &[Category]) -> Vec<Row> {
        let mut rows = Vec::new();
        for table in &self.raw.tables {
            let file = table.file;
            if let Some(header) = &table.header {
                self.check_header(file, header);
            }
            if table.rows.is_empty() {
                let display = self.raw.files[file].display.clone();
                self.diagnostics.push(
                    Diagnostic::error(&display, 0, 0, "the table has no rows")
                        .with_hint("add at least one error code below the header"),
                );
            }
            for raw_row in &table.rows {
                if let Some(header) = &table.header
                    && raw_row.field_count != header.len()
                {
                    let (n, m) = (raw_row.field_count, header.len());
                    self.error(
                        file,
                        raw_row.pos,
                        format!("this row has {n} fields, but the header has {m}"),
                    );
                    self.hint("a field that holds a comma, a quote or a line break must be quoted: \"a, b\"");
                    continue;
                }
                if table.header.is_none() {
                    self.check_yaml_row(file, raw_row);
                }
                if let Some(row) = self.row(file, raw_row, categories) {
                    rows.push(row);
                }
            }
        }
        rows
    }

    fn check_header(&mut self, file: usize, header: &[RawCell]) {
        let known: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .chain(&OPTIONAL_COLUMNS)
            .copied()
            .collect();
        for (i, cell) in header.iter().enumerate() {
            let name = cell.value.as_str();
            if header[..i].iter().any(|c| c.value == name) {
                self.error(file, cell.pos, format!("the column `{name}` appears twice"));
            } else if !known.contains(&name) {
                self.error(file, cell.pos, format!("unknown column `{name}`"));
                let hint = match closest(name, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the columns are: {}", known.join(", ")),
                };
                self.hint(hint);
            }
        }
        let pos = header.first().map_or(Pos { line: 1, column: 1 }, |c| c.pos);
        for required in REQUIRED_COLUMNS {
            if !header.iter().any(|c| c.value == required) {
                self.error(file, pos, format!("the header has no `{required}` column"));
                self.hint(format!(
                    "the header must name the columns {}",
                    REQUIRED_COLUMNS.join(",")
                ));
            }
        }
    }

    fn check_yaml_row(&mut self, file: usize, row: &RawRow) {
        let known: Vec<&str> = REQUIRED_COLUMNS
            .iter()
            .chain(&OPTIONAL_COLUMNS)
            .copied()
            .collect();
        for cell in &row.cells {
            if !known.contains(&cell.column.as_str()) {
                let name = cell.column.clone();
                self.error(file, cell.pos, format!("unknown field `{name}`"));
                if let Some(near) = closest(&name, &known) {
                    self.hint(format!("did you mean `{near}`?"));
                }
            }
        }
        for required in REQUIRED_COLUMNS {
            if !row.cells.iter().any(|c| c.column == required) {
                self.error(file, row.pos, format!("this row has no `{required}` field"));
            }
        }
    }

    fn row(&mut self, file: usize, raw: &RawRow, categories: &[Category]) -> Option<Row> {
        let errors_before = self.error_count();
        let mut texts: HashMap<&str, (String, Pos)> = HashMap::new();
        for cell in &raw.cells {
            let text = normalise_line_ends(&cell.value);
            self.check_cell_text(file, cell.pos, &cell.column, &text);
            texts.insert(cell.column.as_str(), (text, cell.pos));
        }
        for column in NON_EMPTY_COLUMNS {
            if let Some((text, pos)) = texts.get(column)
                && text.trim().is_empty()
            {
                self.error(file, *pos, format!("`{column}` is empty"));
            }
        }
        let field = |name: &str| texts.get(name).cloned().unwrap_or((String::new(), raw.pos));
        let (status_text, status_pos) = field("status_code");
        let (code, code_pos) = field("error_code");
        let status = if status_text.trim().is_empty() {
            None
        } else {
            self.status(file, status_pos, &status_text)
        };
        if !code.trim().is_empty() {
            self.check_code(file, code_pos, &code);
        }
        let category = match texts.get("category") {
            Some((key, pos)) if !key.is_empty() => {
                let found = categories.iter().position(|c| &c.key == key);
                if found.is_none() {
                    self.error(file, *pos, format!("unknown category `{key}`"));
                    let keys: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
                    let hint = match (closest(key, &keys), keys.is_empty()) {
                        (Some(near), _) => format!("did you mean `{near}`?"),
                        (None, true) => {
                            "define categories in catalog.yaml, or leave the column empty"
                                .to_owned()
                        }
                        (None, false) => format!("the categories are: {}", keys.join(", ")),
                    };
                    self.hint(hint);
                }
                found.map(|i| (i, *pos))
            }
            _ => None,
        };
        let retryable = match texts.get("retryable") {
            Some((text, pos)) if !text.is_empty() => {
                self.boolean(file, *pos, text).map(|b| (b, *pos))
            }
            _ => None,
        };
        let deprecated = texts
            .get("deprecated")
            .map(|(t, _)| t.clone())
            .filter(|t| !t.is_empty());
        if self.error_count() > errors_before {
            return None;
        }
        Some(Row {
            file,
            pos: raw.pos,
            code,
            code_pos,
            case: Case {
                http_status: status?,
                error_msg: field("error_msg").0,
                description: field("description").0,
                handling_measure: field("handling_measure").0,
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

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Rejects control and bidi characters (Trojan Source).
    fn check_text(&mut self, file: usize, pos: Pos, column: &str, text: &str) -> bool {
        let Some(c) = text.chars().find(|&c| is_forbidden_char(c)) else {
            return true;
        };
        let what = if is_bidi_control(c) {
            "a bidirectional control character"
        } else {
            "a control character"
        };
        self.error(
            file,
            pos,
            format!("`{column}` holds {what} (U+{:04X})", u32::from(c)),
        );
        self.hint("such characters can make text display differently from what it is; delete it");
        false
    }

    /// Like [`Self::check_text`], and warns of whitespace at either end of a cell.
    fn check_cell_text(&mut self, file: usize, pos: Pos, column: &str, text: &str) {
        if self.check_text(file, pos, column, text) && text != text.trim() {
            self.warning(
                file,
                pos,
                format!("`{column}` has whitespace at its start or end"),
            );
            self.hint("the generated text keeps it; remove it unless the source page has it");
        }
    }

    fn status(&mut self, file: usize, pos: Pos, text: &str) -> Option<u16> {
        match text.trim().parse::<u16>() {
            Ok(status) if (100..=599).contains(&status) => Some(status),
            _ => {
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not an HTTP status (an integer from 100 to 599)"),
                );
                if text.trim().to_ascii_uppercase().ends_with("XX") {
                    self.hint(format!(
                        "a status class such as `{text}` is not one status: write the status the API returns (e.g. {}00) and keep `{text}` in the description",
                        &text.trim()[..1]
                    ));
                }
                None
            }
        }
    }

    fn boolean(&mut self, file: usize, pos: Pos, text: &str) -> Option<bool> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.error(file, pos, format!("`{text}` is not `true` or `false`"));
                self.hint("write `retryable` as true or false, in lower case, or leave it empty");
                None
            }
        }
    }

    fn check_code(&mut self, file: usize, pos: Pos, code: &str) {
        if let Some((i, c)) = code.char_indices().find(|(_, c)| c.is_whitespace()) {
            let at = Pos {
                line: pos.line,
                column: pos.column + code[..i].chars().count(),
            };
            self.error(
                file,
                at,
                format!(
                    "the code `{}` contains whitespace",
                    crate::diagnostic::visible(code)
                ),
            );
            let hint = if c == '\n' {
                "a code is one word; is a quote missing, so that two fields ran together?"
                    .to_owned()
            } else {
                format!(
                    "codes are written without spaces, e.g. `{}`",
                    code.split_whitespace().collect::<Vec<_>>().join("")
                )
            };
            self.hint(hint);
        } else if !code.chars().any(char::is_alphanumeric) {
            self.error(
                file,
                pos,
                format!("`{code}` is not an error code: it has no letter or digit"),
            );
        }
    }

    // ----- codes --------------------------------------------------------------

    /// Groups rows into codes (first appearance order) and checks what must
    /// hold across rows: no identical rows, agreeing editorial columns, unique
    /// derived names.
    fn codes(&mut self, rows: Vec<Row>, categories: &mut Vec<Category>) -> Vec<Code> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for row in rows {
            if let Some(&i) = index.get(&row.code) {
                let earlier = &drafts[i];
                if let Some(same) = earlier.code.cases.iter().find(|c| same_row(c, &row.case)) {
                    let line = same.origin.line;
                    let where_ = if same.origin.file == row.case.origin.file {
                        format!("line {line}")
                    } else {
                        format!("{}:{line}", same.origin.file)
                    };
                    self.error(
                        row.file,
                        row.pos,
                        format!("this row repeats the row on {where_}"),
                    );
                    self.hint("delete one of the two rows");
                    continue;
                }
                self.merge_editorial(&mut drafts[i], &row);
                drafts[i].code.cases.push(row.case);
                continue;
            }
            index.insert(row.code.clone(), drafts.len());
            let prefix = row.code.split_once('.').map(|(p, _)| p.to_owned());
            drafts.push(Draft {
                code: Code {
                    rust_variant: names::rust_variant(&row.code),
                    anchor: names::anchor(&row.code),
                    prefix,
                    code: row.code,
                    category: 0,
                    retryable: false,
                    deprecated: row.deprecated,
                    cases: vec![row.case],
                },
                file: row.file,
                pos: row.code_pos,
                category: row.category,
                retryable: row.retryable,
            });
        }
        // Codes with no category go to "unclassified", added only when used.
        if drafts.iter().any(|d| d.category.is_none())
            && !categories.iter().any(|c| c.key == UNCLASSIFIED)
        {
            categories.push(Category {
                key: UNCLASSIFIED.into(),
                rust_variant: names::category_variant(UNCLASSIFIED),
                title: "Not classified".into(),
                description: "The spec does not say what a caller should do about these codes; read their handling measure.".into(),
                retryable: false,
            });
        }
        let unclassified = categories
            .iter()
            .position(|c| c.key == UNCLASSIFIED)
            .unwrap_or(0);
        for draft in &mut drafts {
            let category = draft.category.map_or(unclassified, |(i, _)| i);
            draft.code.category = category;
            draft.code.retryable = draft.retryable.map_or_else(
                || categories.get(category).is_some_and(|c| c.retryable),
                |(b, _)| b,
            );
        }
        self.check_names(
            &drafts
                .iter()
                .map(|d| (&d.code, d.file, d.pos))
                .collect::<Vec<_>>(),
        );
        drafts.into_iter().map(|d| d.code).collect()
    }

    /// A repeated code's rows may leave category, retryable and deprecated
    /// empty, or repeat the first row's; a different value is an error.
    fn merge_editorial(&mut self, draft: &mut Draft, row: &Row) {
        let first_line = draft.code.primary().origin.line;
        match (draft.category, row.category) {
            (None, Some(category)) => draft.category = Some(category),
            (Some((a, _)), Some((b, pos))) if a != b => {
                self.error(
                    row.file,
                    pos,
                    format!("`{}` is in another category on line {first_line}", row.code),
                );
                self.hint("a code has one category: make its rows agree, or leave the column empty on later rows");
            }
            _ => {}
        }
        match (draft.retryable, row.retryable) {
            (None, Some(retryable)) => draft.retryable = Some(retryable),
            (Some((a, _)), Some((b, pos))) if a != b => {
                self.error(
                    row.file,
                    pos,
                    format!(
                        "`{}` has another `retryable` on line {first_line}",
                        row.code
                    ),
                );
                self.hint("a code is retryable or not: make its rows agree, or leave the column empty on later rows");
            }
            _ => {}
        }
        match (&draft.code.deprecated, &row.deprecated) {
            (None, Some(note)) => draft.code.deprecated = Some(note.clone()),
            (Some(a), Some(b)) if a != b => {
                self.error(
                    row.file,
                    row.pos,
                    format!(
                        "`{}` has another deprecation note on line {first_line}",
                        row.code
                    ),
                );
            }
            _ => {}
        }
    }

    /// Derived names must be unique: two codes with one Rust variant or one
    /// anchor is an error that names both rows. One prefix spelled in two
    /// cases is a warning.
    fn check_names(&mut self, codes: &[(&Code, usize, Pos)]) {
        let mut variants: HashMap<&str, usize> = HashMap::new();
        let mut anchors: HashMap<&str, usize> = HashMap::new();
        let mut prefixes: HashMap<String, usize> = HashMap::new();
        for (i, (code, file, pos)) in codes.iter().enumerate() {
            let collisions = [
                (
                    "Rust variant",
                    variants.insert(code.rust_variant.as_str(), i),
                    &code.rust_variant,
                ),
                (
                    "Markdown anchor",
                    anchors.insert(code.anchor.as_str(), i),
                    &code.anchor,
                ),
            ];
            for (what, earlier, name) in collisions {
                let Some(j) = earlier else { continue };
                let (other, other_file, other_pos) = codes[j];
                let at = if other_file == *file {
                    format!("line {}", other_pos.line)
                } else {
                    format!("{}:{}", self.raw.files[other_file].display, other_pos.line)
                };
                self.error(
                    *file,
                    *pos,
                    format!(
                        "the code `{}` has the same {what} `{name}` as `{}` on {at}",
                        code.code, other.code
                    ),
                );
                self.hint("derived names must be unique; is one of the two codes mistyped?");
            }
            if let Some(prefix) = &code.prefix {
                match prefixes.get(&prefix.to_lowercase()) {
                    Some(&j) => {
                        let (other, _, other_pos) = codes[j];
                        let other_prefix = other.prefix.as_deref().unwrap_or_default();
                        if other_prefix != prefix {
                            let line = other_pos.line;
                            self.warning(*file, *pos, format!("the prefix `{prefix}` is spelled `{other_prefix}` on line {line}"));
                            self.hint("one service's prefix is usually spelled one way; check the source page");
                        }
                    }
                    None => {
                        prefixes.insert(prefix.to_lowercase(), i);
                    }
                }
            }
        }
    }
}

/// Keys that `catalog.yaml` may have.
const CATALOG_KEYS: &[&str] = &[
    "title",
    "service",
    "source_url",
    "updated_on",
    "other",
    "error_body",
    "version",
    "rust_crate",
    "npm_package",
    "package",
    "docs_base_url",
    "tables",
    "categories",
];

/// Two rows are the same when status and texts are the same.
fn same_row(a: &Case, b: &Case) -> bool {
    a.http_status == b.http_status
        && a.error_msg == b.error_msg
        && a.description == b.description
        && a.handling_measure == b.handling_measure
}

/// CRLF and lone CR become LF.
fn normalise_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// Control characters other than line feed and tab, and bidi controls.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || c == '\u{feff}'
}

fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

fn is_package_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn is_category_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The known name nearest to `name`, if it is close enough to be a typo.
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(&name.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

/// Metadata for a spec that is a lone table, named after the file.
fn default_metadata(stem: &str, spec_files: Vec<String>) -> Metadata {
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "codes-");
    }
    let name = name.trim_end_matches('-').to_owned();
    Metadata {
        title: format!("{stem} error codes"),
        service: stem.to_owned(),
        source_url: None,
        updated_on: None,
        other: OtherRow {
            http_status: None,
            text: "Codes that are not in this table are not documented.".into(),
        },
        error_body: ErrorBody {
            status: 400,
            example: "{\n    \"error_code\": \"...\",\n    \"error_msg\": \"...\"\n}".into(),
        },
        crate_name: name.clone(),
        npm_name: name,
        version: "0.1.0".into(),
        package: PackageInfo {
            description: format!("Typed error codes generated from the table {stem}"),
            license: "MIT OR Apache-2.0".into(),
            repository: None,
            keywords: vec!["error-codes".into()],
            crates_io_categories: vec!["api-bindings".into()],
            rust_version: "1.85".into(),
        },
        docs_base_url: None,
        spec_files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_typos() {
        let known = ["status_code", "error_code", "error_msg"];
        assert_eq!(closest("eror_code", &known), Some("error_code"));
        assert_eq!(closest("Status_Code", &known), Some("status_code"));
        assert_eq!(closest("banana", &known), None);
    }

    #[test]
    fn versions() {
        assert!(is_semver("0.1.0"));
        assert!(is_semver("1.2.3-rc.1"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
    }

    #[test]
    fn default_names_come_from_the_file() {
        assert_eq!(
            default_metadata("apig-error-codes", vec![]).crate_name,
            "apig-error-codes"
        );
        assert_eq!(
            default_metadata("IAM Codes", vec![]).crate_name,
            "iam-codes"
        );
        assert_eq!(default_metadata("2024", vec![]).crate_name, "codes-2024");
    }
}
