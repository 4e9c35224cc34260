//! `import PAGE --catalog NAME`: a new catalog, `spec/NAME/`, ready for
//! `cargo xtask gen`: the page's table, the page copied into `source/`, and a
//! `catalog.yaml` filled from what the page and the name give, recording how
//! the page was read (so that `import --check` reads it the same way). The
//! editorial fields are left for a person, and the command says so.

use std::fs;
use std::path::Path;

use codegen::fields::Field;
use codegen::import::{Options, Table};

use super::{Page, SpecRoot};
use crate::failure::Failure;

/// The table file of an imported catalog.
const TABLE_FILE: &str = "error-codes.csv";
/// The folder of the page, in the catalog's folder.
const SOURCE_FOLDER: &str = "source";

/// Creates `spec/NAME` from `page`, whole or not at all.
pub fn create(
    page: &Page,
    spec: &SpecRoot,
    name: &str,
    options: &Options,
    url: Option<&str>,
) -> Result<(), Failure> {
    if let Some(problem) = codegen::repository::name_problem(name) {
        return Err(Failure::Usage(format!(
            "`{name}` cannot name a catalog: {problem}"
        )));
    }
    let shown = format!("{}/{name}", spec.display);
    let folder = spec.path.join(name);
    if folder.exists() {
        return Err(Failure::Other(format!(
            "{shown} exists: choose another name, or, to read the page of that catalog again, \
             run `cargo xtask import --update --catalog {name}`"
        )));
    }
    if !spec.path.is_dir() {
        return Err(Failure::Usage(format!(
            "the spec root `{}` is not a folder",
            spec.display
        )));
    }
    let (tables, flagged) = super::import_flagged(page, options)?;
    let page_name = page
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .ok_or_else(|| Failure::Usage(format!("`{}` is not a page file", page.display)))?;
    let page_path = format!("{SOURCE_FOLDER}/{page_name}");
    // One table file per code table of the page, in page order.
    let mut written = Vec::new();
    for table in &tables {
        let file = if tables.len() == 1 {
            TABLE_FILE.to_owned()
        } else {
            format!("error-codes-{}.csv", table.number)
        };
        written.push((
            file,
            codegen::import::write::csv(table).map_err(Failure::Other)?,
        ));
    }
    let files: Vec<&str> = written.iter().map(|(file, _)| file.as_str()).collect();
    let catalog = catalog_yaml(name, &tables, &files, &page_path, options, url);

    // Everything is written beside the folder, then renamed into place.
    let staging = spec.path.join(format!(".{name}.importing"));
    let _ = fs::remove_dir_all(&staging);
    let result = write_folder(&staging, &catalog, &written, &page_path, &page.text)
        .and_then(|()| fs::rename(&staging, &folder));
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(Failure::Other(format!("cannot write {shown}: {e}")));
    }
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    println!(
        "created {shown} from {} ({rows} rows): catalog.yaml, {}, {page_path}",
        page.display,
        files.join(", ")
    );
    if tables.len() > 1 {
        println!(
            "- the page has {} code tables: one file each, in page order (`--table N` takes one)",
            tables.len()
        );
    }
    if flagged > 0 {
        println!("- {flagged} row(s) or column(s) are flagged above: check them in {shown}/");
    }
    if tables.iter().all(|t| !t.has_status) {
        println!(
            "- the page gives no HTTP status: catalog.yaml says `http_status: none`, the codes carry none"
        );
    }
    println!(
        "- left for you (editorial, see spec/README.md): the codes' categories and whether each \
         is retryable (`categories:` in catalog.yaml, and the `category` and `retryable` columns; \
         until then every code is `unclassified` and not retryable)"
    );
    println!(
        "- review catalog.yaml: the title and service are made from the name `{name}`; the crate \
         and npm package are `{}`; the error bodies are in the `huawei` shape (`error_body.shape`: \
         set the API's, and its example)",
        package_name(name)
    );
    println!("next: cargo xtask gen");
    Ok(())
}

fn write_folder(
    folder: &Path,
    catalog: &str,
    tables: &[(String, String)],
    page_path: &str,
    page: &str,
) -> std::io::Result<()> {
    fs::create_dir_all(folder.join(SOURCE_FOLDER))?;
    fs::write(folder.join(codegen::load::CATALOG_FILE), catalog)?;
    for (file, text) in tables {
        fs::write(folder.join(file), text)?;
    }
    fs::write(folder.join(page_path), page)
}

/// The crate's and package's name: the catalog's, with `-error-codes`
/// (unless it says so already, or would be too long for a crate name).
fn package_name(name: &str) -> String {
    if name.ends_with("error-codes") || name.len() + "-error-codes".len() > 64 {
        name.to_owned()
    } else {
        format!("{name}-error-codes")
    }
}

/// The service's name made from the catalog's: `object-storage` → `Object Storage`.
fn service_name(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML scalar that holds `text` exactly: a JSON string is a YAML
/// double-quoted scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The new catalog's `catalog.yaml`.
fn catalog_yaml(
    name: &str,
    tables: &[Table],
    files: &[&str],
    page_path: &str,
    options: &Options,
    url: Option<&str>,
) -> String {
    let service = service_name(name);
    let package = package_name(name);
    let mut out = format!(
        "# The catalog `{name}`, imported by `cargo xtask import` from {page_path}.\n\
         # Review it before `cargo xtask gen`: the title and service are made from\n\
         # the catalog's name. The editorial fields (`categories:` here, and each\n\
         # row's `category` and `retryable`) are yours to add: see spec/README.md.\n"
    );
    out += &format!("title: {}\n", quoted(&format!("{service} error codes")));
    out += &format!("service: {}\n", quoted(&service));
    if let Some(url) = url {
        out += &format!("source_url: {}\n", quoted(url));
    }
    if tables.iter().all(|t| !t.has_status) {
        out += "# The page gives no HTTP status for its codes.\n";
        out += "http_status: none\n";
    }
    if let Some(other) = tables.iter().find_map(|t| t.other.as_ref())
        && let Ok(status) = other.status.trim().parse::<u16>()
    {
        out += "other:\n";
        out += &format!("  http_status: {status}\n");
        out += &format!("  text: {}\n", quoted(&other.text));
    }
    out += &error_body(tables);
    out += "version: \"0.1.0\"\n";
    out += &format!("rust_crate: {package}\n");
    out += &format!("npm_package: {package}\n");
    out += "package:\n";
    out += &format!(
        "  description: {}\n",
        quoted(&format!(
            "Typed error codes of the {service}, generated from its documented error-code table"
        ))
    );
    out += "  license: MIT OR Apache-2.0\n";
    out += &format!("tables: [{}]\n", files.join(", "));
    out += "# How `cargo xtask import` read the table from its page: `import --check`\n";
    out += "# reads it again the same way.\n";
    out += "import:\n";
    out += &format!("  page: {}\n", quoted(page_path));
    if let Some(url) = url {
        out += &format!("  url: {}\n", quoted(url));
    }
    if let Some(table) = options.table {
        out += &format!("  table: {table}\n");
    }
    if !options.columns.is_empty() {
        out += "  columns:\n";
        for mapping in &options.columns {
            out += &format!(
                "    {}: {}\n",
                quoted(&mapping.header),
                mapping.field.name()
            );
        }
    }
    out
}

/// The `error_body` of a new catalog: the shape is a choice left visible
/// (`huawei`, the default, until someone sets the API's), and the example is
/// the table's first code in that shape, with its status.
fn error_body(tables: &[Table]) -> String {
    let first = tables
        .iter()
        .find_map(|table| table.rows.first().map(|row| (table, row)));
    let (code, message, status) = first.map_or(("", "", None), |(table, row)| {
        (
            row.get(table, Field::ErrorCode),
            row.get(table, Field::ErrorMsg),
            row.get(table, Field::StatusCode).trim().parse::<u16>().ok(),
        )
    });
    let example = serde_json::json!({ "error_code": code, "error_msg": message });
    let example = serde_json::to_string_pretty(&example).unwrap_or_default();
    let mut out = String::from(
        "# The shape of the API's error bodies, which the crate and the npm package\n\
         # read and write: huawei (Huawei Cloud's), error-object (the Microsoft REST\n\
         # API Guidelines, OData), google (AIP-193) or problem-details (RFC 9457);\n\
         # see spec/README.md. The example is the table's first code in this shape.\n\
         error_body:\n  shape: huawei\n",
    );
    out += &format!("  status: {}\n", status.unwrap_or(400));
    out += "  example: |\n";
    for line in example.lines() {
        out += &format!("    {line}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_from_the_catalogs() {
        assert_eq!(package_name("object-storage"), "object-storage-error-codes");
        assert_eq!(package_name("storage-error-codes"), "storage-error-codes");
        assert_eq!(package_name(&"a".repeat(60)), "a".repeat(60));
        assert_eq!(service_name("object-storage"), "Object Storage");
        assert_eq!(service_name("dns"), "Dns");
        assert_eq!(quoted("a\"b: c"), "\"a\\\"b: c\"");
    }
}
