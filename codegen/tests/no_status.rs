//! A catalog whose codes carry no HTTP status (`http_status: none`): every
//! output states none that the table does not, and the Rust API says so in
//! its types. And `default_http_status`, which gives the rows without a
//! status that one.

use std::fs;

use codegen::GeneratedFile;

const TABLE: &str = "error_code,error_msg,description,handling_measure\n\
                     NS.0001,First.,d,h\n\
                     NS.0002,Second.,d,h\n\
                     NS.0002,Second again.,d,h\n";

/// The files generated from a catalog of [`TABLE`] with `rule` in its catalog.yaml.
fn generate(rule: &str) -> (codegen::Catalog, Vec<GeneratedFile>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = dir.path().join("nostatus");
    fs::create_dir(&spec).expect("a catalog folder");
    fs::write(
        spec.join("catalog.yaml"),
        format!(
            "title: T\nversion: 0.1.0\nrust_crate: t-codes\nnpm_package: t-codes\n{rule}\ntables: [codes.csv]\n"
        ),
    )
    .expect("write");
    fs::write(spec.join("codes.csv"), TABLE).expect("write");
    let loaded = codegen::load_spec(&spec, "spec/nostatus");
    let catalog = loaded
        .catalog
        .unwrap_or_else(|| panic!("{}", codegen::diagnostic::render_all(&loaded.diagnostics)));
    let files = codegen::output::files(&[&catalog], &codegen::output::Scope::All);
    (catalog, files)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

#[test]
fn no_output_states_a_status_the_table_does_not() {
    let (catalog, files) = generate("http_status: none");
    assert!(!catalog.has_http_status());
    assert!(
        catalog
            .codes
            .iter()
            .flat_map(|c| &c.cases)
            .all(|case| case.http_status.is_none())
    );
    for page in files
        .iter()
        .filter(|f| f.path.starts_with("docs/src/nostatus/"))
    {
        assert!(!page.contents.contains("HTTP status"), "{}", page.path);
        assert!(!page.contents.contains("| HTTP |"), "{}", page.path);
    }
    let openapi = file(&files, "nostatus/openapi/openapi.json");
    let document: serde_json::Value = serde_json::from_str(openapi).expect("JSON");
    let responses: Vec<&String> = document["components"]["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .collect();
    assert_eq!(responses, ["Error"]);
    let declarations = file(&files, "nostatus/ts/index.d.ts");
    assert!(declarations.contains("export type HttpStatus = null;"));
    assert!(
        declarations.contains("ErrorEntryOf<\"NS.0001\", null, "),
        "{declarations}"
    );
    let lib = file(&files, "nostatus/rust/src/lib.rs");
    assert!(
        lib.contains("pub fn http_status(self) -> Option<u16>"),
        "{lib}"
    );
    assert!(lib.contains("pub http_status: Option<u16>,"), "{lib}");
    let table = file(&files, "nostatus/rust/src/table.rs");
    assert!(table.contains("http_status: None,"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(file(&files, "nostatus/catalog.json")).expect("JSON");
    assert!(json["codes"][0]["cases"][0]["http_status"].is_null());
    // The generated Rust parses.
    for rust in files.iter().filter(|f| {
        std::path::Path::new(&f.path)
            .extension()
            .is_some_and(|e| e == "rs")
    }) {
        syn::parse_file(&rust.contents).unwrap_or_else(|e| panic!("{}: {e}", rust.path));
    }
}

#[test]
fn a_default_status_is_every_rows_without_one_and_the_api_is_todays() {
    let (catalog, files) = generate("default_http_status: 500");
    assert!(catalog.has_http_status());
    assert!(
        catalog
            .codes
            .iter()
            .flat_map(|c| &c.cases)
            .all(|case| case.http_status == Some(500))
    );
    let lib = file(&files, "nostatus/rust/src/lib.rs");
    assert!(lib.contains("pub fn http_status(self) -> u16"), "{lib}");
    let openapi = file(&files, "nostatus/openapi/openapi.json");
    assert!(openapi.contains("\"Error500\""));
    assert!(file(&files, "nostatus/ts/index.d.ts").contains("export type HttpStatus = number;"));
}
