//! The crate's `Cargo.toml` and `README.md`.

use super::lib_name;
use crate::emit::generated_notice;
use crate::emit::markdown::escape_line;
use crate::model::Catalog;

/// A TOML basic string. JSON's string escapes are a subset of TOML's.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

pub(super) fn cargo_toml(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let package = &meta.package;
    let mut out = format!("# {}\n\n[package]\n", generated_notice(catalog));
    out += &format!("name = {}\n", toml_string(&meta.crate_name));
    out += &format!("version = {}\n", toml_string(&meta.version));
    out += "edition = \"2021\"\n";
    out += &format!("rust-version = {}\n", toml_string(&package.rust_version));
    out += &format!("description = {}\n", toml_string(&package.description));
    out += &format!("license = {}\n", toml_string(&package.license));
    if let Some(repository) = &package.repository {
        out += &format!("repository = {}\n", toml_string(repository));
    }
    out += &format!(
        "documentation = {}\n",
        toml_string(&format!("https://docs.rs/{}", meta.crate_name))
    );
    out += "readme = \"README.md\"\n";
    out += &format!("keywords = {}\n", toml_list(&package.keywords));
    out += &format!(
        "categories = {}\n",
        toml_list(&package.crates_io_categories)
    );
    out += "\n[lib]\n";
    out += &format!("name = {}\n", toml_string(&lib_name(catalog)));
    out += "\n[features]\n";
    out += "# Serialize ErrorCode as its code, and read and write ErrorResponse in the catalog's body shape.\n";
    out += "serde = [\"dep:serde\"]\n";
    out += "\n[dependencies]\n";
    out += "serde = { version = \"1.0.200\", optional = true }\n";
    out += "\n[package.metadata.docs.rs]\nall-features = true\n";
    out += "\n[lints.clippy]\npedantic = { level = \"warn\", priority = -1 }\n";
    out
}

pub(super) fn readme(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let first = &catalog.codes[0];
    let mut out = format!("<!-- {} -->\n\n", generated_notice(catalog));
    out += &format!("# {}\n\n", escape_line(&meta.crate_name));
    out += &format!("{}\n\n", escape_line(&meta.package.description));
    out += &format!(
        "The {} codes of the {} as a Rust enum, `ErrorCode`, with each code's {}error \
         message, description, handling measure and category.\n\n",
        catalog.codes.len(),
        escape_line(&meta.service),
        crate::emit::status_and(catalog),
    );
    out += &crate::emit::markdown::source_paragraph(meta);
    out += &format!(
        "Depend on it by path, by git, or, once it is published, from crates.io:\n\n\
         ```toml\n[dependencies]\n{name} = {{ path = \"../{name}\" }}\n\
         # or, once published: {name} = {version}\n```\n\n",
        name = meta.crate_name,
        version = toml_string(&meta.version)
    );
    out += "```rust\n";
    out += &super::lib_rs::example(catalog, first);
    out += "```\n\n";
    out += "## Error bodies\n\n";
    out += &crate::emit::body::description(&meta.error_body.shape);
    out += "\n\n";
    out += "With the `serde` feature (off by default; the default build has no \
            dependencies), `ErrorCode` (de)serializes as its code and `ErrorResponse` \
            reads an error response body of this shape (`code()`, `code_str()`, `message()`, \
            `http_status()`, and the shape's fields) and writes one. A server answers a \
            failed request with the documented status and body of its code, \
            `ErrorCode::response()`:\n\n";
    out += "```rust\n";
    out += &super::lib_rs::handler_example(catalog, first);
    out += "```\n\n";
    let written = crate::emit::body::written(catalog, first, first.primary()).pretty();
    let fence = crate::emit::markdown::fence_for(&written);
    out += &format!(
        "With `serde`, `serde_json::to_string(&body)` writes:\n\n{fence}json\n{written}{fence}\n\n"
    );
    out += &format!(
        "Codes that are not in the table: {}\n",
        escape_line(&meta.other.text)
    );
    out
}
