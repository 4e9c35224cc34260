//! Load: read the spec's files into raw, positioned values.
//!
//! This stage knows file formats (CSV, YAML) and nothing of their meaning:
//! every value stays a string with the line and column it came from, and
//! [`crate::validate`] decides what is wrong with it. Syntax errors (malformed
//! CSV or YAML, text that is not UTF-8) are reported here; the loader then goes
//! on with the other files, so that one run reports everything it can.
//!
//! ```text
//! load.rs        find the spec's files, read them as UTF-8
//! load/source    the files as read, and positions in them
//! load/csv       CSV tables (csv-core), every cell with its line and column
//! load/yaml      catalog.yaml and YAML tables (saphyr)
//! load/raw       what the loader hands to validate: raw tables, YAML nodes, files
//! ```

mod csv;
mod raw;
mod source;
mod yaml;

use std::path::Path;

use crate::diagnostic::Diagnostic;
pub use raw::{Quoting, RawCell, RawRow, RawSpec, RawTable, YamlNode, YamlValue};
pub use source::{Pos, SourceFile};

/// The name of a spec folder's metadata file.
pub const CATALOG_FILE: &str = "catalog.yaml";

/// Reads the spec at `path`: a folder holding `catalog.yaml` and table files,
/// or a single CSV or YAML table. Never fails: problems become diagnostics.
#[must_use]
pub fn load(path: &Path, display_root: &str) -> RawSpec {
    let mut spec = RawSpec::default();
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
    let Some(root) = yaml::parse_yaml(spec, file) else {
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
        csv::parse_csv_table(spec, file)
    } else {
        yaml::parse_yaml_table(spec, file)
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
