//! Validate: turn raw rows into the model, reporting every problem at once.
//!
//! Each check adds a diagnostic and goes on, so that one run shows every
//! mistake in a table. The model is built only when there are no errors.

use std::collections::HashMap;

use crate::Loaded;
use crate::diagnostic::{Diagnostic, is_bidi_control, is_invisible};
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
        errors: raw.diagnostics.iter().filter(|d| d.is_error()).count(),
    };
    let meta = v.metadata();
    let mut categories = v.categories();
    let rows = v.rows(&categories);
    let codes = v.codes(rows, &mut categories);
    // Read top to bottom: by file (in the order read), then by position.
    let file_rank = |d: &Diagnostic| {
        raw.files
            .iter()
            .position(|f| f.display == d.file)
            .map_or(0, |i| i + 1)
    };
    v.diagnostics
        .sort_by_key(|d| (file_rank(d), d.line, d.column));
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
    /// How many of `diagnostics` are errors, kept so that counting is O(1).
    errors: usize,
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
    /// Reports an error at `pos` in `file`, with a hint on what to write instead.
    fn error(
        &mut self,
        file: usize,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.raw.error_at(file, pos, message).with_hint(hint);
        self.errors += 1;
        self.diagnostics.push(d);
    }

    /// Reports a warning at `pos` in `file`, with a hint.
    fn warning(
        &mut self,
        file: usize,
        pos: Pos,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = self.raw.warning_at(file, pos, message).with_hint(hint);
        self.diagnostics.push(d);
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
"catalog.yaml holds `key: value` lines: title, version, rust_crate, npm_package, tables, ...",
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
                "write a semantic version, e.g. \"0.1.0\" (quoted, so that YAML keeps it as text)",
            );
        }
        let crate_name = self.required_text(file, root, "rust_crate");
        let pos_of = |key: &str| root.get(key).map_or(root.pos, |n| n.pos);
        if let Some(name) = &crate_name {
            if !is_package_name(name) {
                self.error(
                    file,
                    pos_of("rust_crate"),
                    format!("`{name}` is not a valid crate name"),
                    "use at most 64 lower-case letters, digits and `-`, starting with a letter",
                );
            } else if is_reserved_crate_name(name) {
                self.error(
                    file,
                    pos_of("rust_crate"),
                    format!(
                        "`{name}` cannot be a crate name: it is a Rust keyword or a standard crate"
                    ),
                    format!("name the crate after the service, e.g. `{name}-error-codes`"),
                );
            }
        }
        let npm_name = self.required_text(file, root, "npm_package");
        if let Some(name) = &npm_name
            && !is_npm_name(name)
        {
            self.error(
                file,
                pos_of("npm_package"),
                format!("`{name}` is not a valid npm package name"),
"use lower-case letters, digits, `-`, `.` and `_`, optionally after a scope: `@scope/name`",
);
        }
        for key in ["source_url", "docs_base_url"] {
            if let Some(node) = root.get(key)
                && let YamlValue::Scalar(url) = &node.value
                && !is_web_address(url)
            {
                self.error(
                    file,
                    node.pos,
                    format!("`{key}` is not a web address"),
                    "write an address that starts with https://, without spaces, quotes or `<>`",
                );
            }
        }
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
            let keywords = self.text_list(file, node, "keywords");
            if let Some(keywords_node) = node.get("keywords") {
                if keywords.len() > 5 {
                    self.error(file, keywords_node.pos, format!("{} keywords; crates.io allows at most 5", keywords.len()), "keep the five that say best what the package is");
                }
                // Every bad keyword, each at its place in the list.
                if let YamlValue::Seq(items) = &keywords_node.value {
                    for item in items {
                        if let YamlValue::Scalar(keyword) = &item.value
                            && keywords.contains(keyword) // not already reported as bad text
                            && !is_crates_io_keyword(keyword)
                        {
                            self.error(file, item.pos, format!("`{keyword}` is not a crates.io keyword"), "a keyword is at most 20 ASCII letters, digits, `_`, `-` or `+`, starting with a letter or digit");
                        }
                    }
                }
            }
            let rust_version = self.optional_text(file, node, "rust_version");
            let rust_version_pos = node.get("rust_version").map_or(node.pos, |n| n.pos);
            if let Some(version) = &rust_version
                && !is_rust_version(version)
            {
                self.error(file, rust_version_pos, format!("`{version}` is not a Rust version"), "write the oldest Rust the crate supports, e.g. \"1.86\" (quoted, so that YAML keeps it as text)");
            } else if let Some(version) = &rust_version
                && is_older_than_the_generated_code_needs(version)
            {
                self.error(file, rust_version_pos, format!("the generated crate needs Rust {OLDEST_RUST} or later, not {version}"), format!("its `const fn`s slice texts with `str::split_at`, which is `const` since Rust {OLDEST_RUST}"));
            }
            if let Some(repository) = node.get("repository")
                && let YamlValue::Scalar(url) = &repository.value
                && !is_web_address(url)
            {
                self.error(file, repository.pos, "`repository` is not a web address", "write an address that starts with https://, without spaces, quotes or `<>`");
            }
            PackageInfo {
                description: self
                    .required_text(file, node, "description")
                    .unwrap_or_default(),
                license: self
                    .required_text(file, node, "license")
                    .unwrap_or_default(),
                repository: self.optional_text(file, node, "repository"),
                keywords,
                crates_io_categories: self.text_list(file, node, "crates_io_categories"),
                rust_version: rust_version.unwrap_or_else(|| OLDEST_RUST.into()),
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
                format!(
                    "write `key: value` lines here, indented: {}",
                    known.join(", ")
                ),
            );
            return;
        };
        for (key, _) in entries {
            let name = match &key.value {
                YamlValue::Scalar(s) => s.as_str(),
                _ => "",
            };
            if !known.contains(&name) {
                let hint = match closest(name, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys here are: {}", known.join(", ")),
                };
                self.error(file, key.pos, format!("unknown key `{name}`"), hint);
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
                    "quote a value that holds `: `, or starts with `[`, `{` or `- `",
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
                format!("write `{key}: ...`; it may not be empty"),
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
                    YamlValue::Scalar(s) => {
                        self.check_text(file, item.pos, key, s).then(|| s.clone())
                    }
                    _ => {
                        self.error(
                            file,
                            item.pos,
                            format!("each entry of `{key}` must be text"),
                            format!("write `{key}: [first, second]`"),
                        );
                        None
                    }
                })
                .collect(),
            Some((pos, _)) => {
                self.error(
                    file,
                    pos,
                    format!("`{key}` must be a list"),
                    format!("write `{key}: [first, second]`"),
                );
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
                self.error(file, other.pos, "`categories` must be a list", "write each category as `- key: request` followed by `title:` and `description:` lines");
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
"write `- key: request` followed by `title:` and `description:` lines, indented",
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
                    YamlValue::Scalar(s) => self
                        .boolean(file, node.pos, "retryable", s)
                        .unwrap_or(false),
                    YamlValue::Null => false,
                    _ => {
                        self.error(
                            file,
                            node.pos,
                            "`retryable` must be true or false",
                            "write `retryable: true` or `retryable: false`",
                        );
                        false
                    }
                },
                None => false,
            };
            let Some(key) = key else { continue };
            let pos = item.get("key").map_or(item.pos, |n| n.pos);
            if !is_category_key(&key) {
                self.error(
                    file,
                    pos,
                    format!("`{key}` is not a valid category key"),
                    "use lower-case letters, digits and `_`, starting with a letter",
                );
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
                    "each category key is defined once",
                );
                continue;
            }
            // Titles and descriptions are what readers tell categories apart by.
            if let Some((other, earlier)) = categories
                .iter()
                .find(|(c, _)| c.title == title || c.description == description)
            {
                let what = if other.title == title {
                    "title"
                } else {
                    "description"
                };
                let (other_key, line) = (other.key.clone(), earlier.line);
                self.error(
                    file,
                    pos,
                    format!(
                        "the category `{key}` has the same {what} as `{other_key}` (line {line})"
                    ),
                    "give each category its own title and description",
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
        for required in REQUIRED_COLUMNS {
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
        let count = row.field_count;
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
        let missing: Vec<&str> = REQUIRED_COLUMNS
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
        let status = match texts.get("status_code") {
            Some((text, cell)) if !text.trim().is_empty() => self.status(file, cell.pos, text),
            _ => None,
        };
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
                http_status: status?,
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

    fn error_count(&self) -> usize {
        self.errors
    }

    /// Rejects control, bidi and line-separator characters (Trojan Source);
    /// `false` if the text has one.
    fn check_text(&mut self, file: usize, pos: Pos, key: &str, text: &str) -> bool {
        match text.chars().find(|&c| is_forbidden_char(c)) {
            None => true,
            Some(c) => {
                self.forbidden_char_error(file, pos, key, c);
                false
            }
        }
    }

    fn forbidden_char_error(&mut self, file: usize, pos: Pos, column: &str, c: char) {
        let what = if is_bidi_control(c) {
            "a bidirectional control character"
        } else if c == '\t' {
            "a tab"
        } else if c.is_control() {
            "a control character"
        } else {
            "an invisible formatting character"
        };
        self.error(
            file,
            pos,
            format!("`{column}` holds {what} (U+{:04X})", u32::from(c)),
            if c == '\t' {
                "replace the tab by a space"
            } else {
                "such characters can make text display differently from what it is; delete it"
            },
        );
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

    fn status(&mut self, file: usize, pos: Pos, text: &str) -> Option<u16> {
        let digits = text.trim();
        let parsed = digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse::<u16>().ok())
            .flatten();
        match parsed {
            Some(status) if (100..=599).contains(&status) => Some(status),
            _ => {
                let class = digits.chars().next().filter(|c| ('1'..='5').contains(c));
                let hint = match class {
                    Some(class) if digits.to_ascii_uppercase().ends_with("XX") => format!(
                        "a status class such as `{digits}` is not one status: write the status the API returns (e.g. {class}00) and keep `{digits}` in the description"
                    ),
                    _ => "write the HTTP status of the response, e.g. 400".to_owned(),
                };
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not an HTTP status (an integer from 100 to 599)"),
                    hint,
                );
                None
            }
        }
    }

    fn boolean(&mut self, file: usize, pos: Pos, key: &str, text: &str) -> Option<bool> {
        match text {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.error(
                    file,
                    pos,
                    format!("`{text}` is not `true` or `false`"),
                    format!("write `{key}` as true or false, in lower case, or leave it empty"),
                );
                None
            }
        }
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
                    let message = format!(
                        "this row repeats the row of `{}` at {}:{}",
                        row.code, same.origin.file, same.origin.line
                    );
                    self.error(row.file, row.pos, message, "delete one of the two rows");
                    continue;
                }
                self.merge_editorial(&mut drafts[i], &row);
                drafts[i].code.cases.push(row.case);
                continue;
            }
            index.insert(row.code.clone(), drafts.len());
            let prefix = row
                .code
                .split_once('.')
                .map(|(p, _)| p.to_owned())
                .filter(|p| !p.is_empty());
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
        self.check_names(&drafts);
        drafts.into_iter().map(|d| d.code).collect()
    }

    /// A repeated code's rows may leave category, retryable and deprecated
    /// empty, or repeat the first row's; a different value is an error.
    fn merge_editorial(&mut self, draft: &mut Draft, row: &Row) {
        let first = draft.code.primary().origin.clone();
        let first_row = format!("{}:{}", first.file, first.line);
        match (draft.category, row.category) {
            (None, Some(category)) => draft.category = Some(category),
            (Some((a, _)), Some((b, pos))) if a != b => {
                self.error(
                    row.file,
                    pos,
                    format!(
                        "`{}` is in another category in its first row, at {first_row}",
                        row.code
                    ),
"a code has one category: make its rows agree, or leave the column empty on later rows",
);
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
                        "`{}` has another `retryable` in its first row, at {first_row}",
                        row.code
                    ),
"a code is retryable or not: make its rows agree, or leave the column empty on later rows",
);
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
                        "`{}` has another deprecation note in its first row, at {first_row}",
                        row.code
                    ),
"a code has one deprecation note: make its rows agree, or leave the column empty on later rows",
);
            }
            _ => {}
        }
    }

    /// Derived names must be unique: two codes with one Rust variant or one
    /// anchor is an error that names both rows. One prefix spelled in two
    /// cases is a warning, once per spelling.
    fn check_names(&mut self, drafts: &[Draft]) {
        let mut variants: HashMap<&str, usize> = HashMap::new();
        let mut anchors: HashMap<&str, usize> = HashMap::new();
        // Lower-cased prefix → the spellings seen, each with its first code.
        let mut prefixes: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, draft) in drafts.iter().enumerate() {
            let code = &draft.code;
            let mut clashes: Vec<(usize, String)> = Vec::new();
            let first_variant = *variants.entry(&code.rust_variant).or_insert(i);
            if first_variant != i {
                clashes.push((
                    first_variant,
                    format!("Rust variant `{}`", code.rust_variant),
                ));
            }
            let first_anchor = *anchors.entry(&code.anchor).or_insert(i);
            if first_anchor != i {
                let j = first_anchor;
                let what = format!("Markdown anchor `#{}`", code.anchor);
                match clashes.iter_mut().find(|(k, _)| *k == j) {
                    Some((_, names)) => *names += &format!(" and {what}"),
                    None => clashes.push((j, what)),
                }
            }
            for (j, names) in clashes {
                let other = &drafts[j];
                let message = format!(
                    "the codes `{}` ({}) and `{}` ({}) have the same {names}",
                    other.code.code,
                    self.row_location(other),
                    code.code,
                    self.row_location(draft),
                );
                self.error(
                    draft.file,
                    draft.pos,
                    message,
                    "derived names must be unique; is one of the two codes mistyped?",
                );
            }
            if let Some(prefix) = &code.prefix {
                let spellings = prefixes.entry(prefix.to_lowercase()).or_default();
                let known = spellings
                    .iter()
                    .any(|&j| drafts[j].code.prefix.as_deref() == Some(prefix));
                if !known {
                    spellings.push(i);
                    if let Some(&first) = spellings.first().filter(|&&j| j != i) {
                        let other = &drafts[first];
                        let other_prefix = other.code.prefix.clone().unwrap_or_default();
                        let message = format!(
                            "the prefix `{prefix}` of `{}` is spelled `{other_prefix}` in `{}` ({})",
                            code.code,
                            other.code.code,
                            self.row_location(other)
                        );
                        self.warning(draft.file, draft.pos, message, "one service's prefix is usually spelled one way; check the source page");
                    }
                }
            }
        }
    }

    /// `file:line` of a code's first row.
    fn row_location(&self, draft: &Draft) -> String {
        format!("{}:{}", self.raw.files[draft.file].display, draft.pos.line)
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

/// Characters that no spec text may hold: control characters other than line
/// feed (tabs included: they indent Markdown code blocks), bidi controls, line
/// and paragraph separators and the BOM.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || is_bidi_control(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// The index in characters of the byte index `byte` of `text`.
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |t| t.chars().count())
}

/// The character index in `raw` of the character `index` of `raw` once its
/// line ends are normalised (a CRLF is one character there).
fn raw_char_index(raw: &str, index: usize) -> usize {
    let mut chars = raw.chars().peekable();
    let mut raw_index = 0;
    for _ in 0..index {
        match chars.next() {
            None => break,
            Some('\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                raw_index += 2;
            }
            Some(_) => raw_index += 1,
        }
    }
    raw_index
}

/// A semantic version: `MAJOR.MINOR.PATCH`, then optionally `-pre.release`
/// and `+build`, each a dot-separated list of non-empty `[0-9A-Za-z-]` words.
fn is_semver(version: &str) -> bool {
    let identifiers = |part: &str| {
        part.split('.')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let (rest, build) = version.split_once('+').unwrap_or((version, ""));
    let (core, pre) = rest.split_once('-').unwrap_or((rest, ""));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
        && (!rest.contains('-') || identifiers(pre))
        && (!version.contains('+') || identifiers(build))
}

fn is_package_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Names a crate cannot have: its library name (`-` read as `_`) would be a
/// Rust keyword or shadow a crate of the standard distribution.
fn is_reserved_crate_name(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "abstract",
        "alloc",
        "as",
        "async",
        "await",
        "become",
        "box",
        "break",
        "const",
        "continue",
        "core",
        "crate",
        "do",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "final",
        "fn",
        "for",
        "gen",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "macro",
        "match",
        "mod",
        "move",
        "mut",
        "override",
        "priv",
        "proc_macro",
        "pub",
        "ref",
        "return",
        "self",
        "static",
        "std",
        "struct",
        "super",
        "test",
        "trait",
        "true",
        "try",
        "type",
        "typeof",
        "unsafe",
        "unsized",
        "use",
        "virtual",
        "where",
        "while",
        "yield",
    ];
    RESERVED.contains(&name.replace('-', "_").as_str())
}

/// An npm package name: lower case, URL-safe, optionally `@scope/`d.
fn is_npm_name(name: &str) -> bool {
    let part_ok = |part: &str| {
        !part.is_empty()
            && !part.starts_with(['.', '_'])
            && part.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'-' | b'.' | b'_' | b'~')
            })
    };
    let ok = match name.strip_prefix('@') {
        Some(scoped) => scoped
            .split_once('/')
            .is_some_and(|(scope, bare)| part_ok(scope) && part_ok(bare)),
        None => part_ok(name),
    };
    ok && name.len() <= 214
}

/// A crates.io keyword: ASCII letters, digits, `_`, `-` or `+`, starting
/// with a letter or digit, at most 20 characters.
fn is_crates_io_keyword(keyword: &str) -> bool {
    keyword.len() <= 20
        && keyword.starts_with(|c: char| c.is_ascii_alphanumeric())
        && keyword
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
}

/// The oldest Rust that compiles the generated crate.
const OLDEST_RUST: &str = "1.86";

/// Whether `version` (a valid Rust version) is older than [`OLDEST_RUST`].
fn is_older_than_the_generated_code_needs(version: &str) -> bool {
    let major_minor = |v: &str| -> (u64, u64) {
        let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(u64::MAX));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
    };
    major_minor(version) < major_minor(OLDEST_RUST)
}

/// A Rust version for `rust-version`: `1.86` or `1.86.0`.
fn is_rust_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An address that Markdown and TOML can hold as written.
fn is_web_address(url: &str) -> bool {
    // `*/` would end a comment that quotes the address (JSDoc `@see`).
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains("*/")
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '\\' | '|'))
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
    name.truncate(64);
    let mut name = name.trim_end_matches('-').to_owned();
    if is_reserved_crate_name(&name) {
        name.push_str("-codes");
    }
    // A file name is the user's text too: keep it printable.
    let stem: String = stem
        .chars()
        .map(|c| if is_forbidden_char(c) { ' ' } else { c })
        .collect();
    let stem = stem.trim();
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
            rust_version: "1.86".into(),
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
        assert!(is_semver("1.2.3+build.5"));
        assert!(!is_semver("1.2.3-"));
        assert!(!is_semver("1.2.3-a..b"));
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
        assert_eq!(default_metadata("self", vec![]).crate_name, "self-codes");
        assert_eq!(default_metadata("错误", vec![]).crate_name, "codes");
        assert_eq!(
            default_metadata(&"x".repeat(100), vec![]).crate_name.len(),
            64
        );
    }
}
