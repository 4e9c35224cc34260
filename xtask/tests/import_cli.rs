//! `cargo xtask import` as a user runs it: exit codes (0 imported or
//! matching, 1 the page differs from the spec, 2 the page has errors,
//! 3 usage), the `--out` file written whole or not at all, `--check`'s diff,
//! a new catalog made from a page, and the check of every recorded page.
//! The pages and catalogs are the tests' own (the sample catalog, a copy of
//! a real table), in scratch spec roots.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::copy_sample;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The sample catalog, a copy of a real table with its page.
fn sample() -> PathBuf {
    workspace().join("codegen/tests/specs/sample")
}

fn seed_page() -> PathBuf {
    sample().join("source/error-codes-page.txt")
}

fn temp_folder(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("xtask-import-{test}-"))
        .tempdir()
        .expect("a temporary folder")
}

fn xtask(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("import")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run xtask")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_seed_page_imports_into_a_file_and_matches_the_spec() {
    let scratch = temp_folder("seed");
    let dir = scratch.path();
    let out = xtask(&[arg(&seed_page()), "--out", "seed.csv"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The same codes and rows as the spec, read by the generator's loader.
    let rows = |spec: &Path| -> Vec<(String, Vec<String>)> {
        let catalog = codegen::load_spec(spec, "spec").catalog.expect("no errors");
        catalog
            .codes
            .iter()
            .flat_map(|code| {
                code.cases.iter().map(|c| {
                    let texts = [&c.error_msg, &c.description, &c.handling_measure];
                    let mut values = vec![c.http_status.map(|s| s.to_string()).unwrap_or_default()];
                    values.extend(texts.iter().map(|t| (*t).clone()));
                    (code.code.clone(), values)
                })
            })
            .collect()
    };
    let imported = rows(&dir.join("seed.csv"));
    assert_eq!(imported.len(), 31);
    assert_eq!(imported, rows(&sample()));
    assert!(
        text(&out.stderr).contains("3 warnings found in the page"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("imported 31 rows"),
        "{}",
        text(&out.stderr)
    );

    let out = xtask(
        &[arg(&seed_page()), "--check", "--spec", arg(&sample())],
        &workspace(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("matches codegen/tests/specs/sample: 31 rows"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn check_fails_with_a_diff_after_a_one_cell_edit() {
    let scratch = temp_folder("check");
    let dir = scratch.path();
    let page = fs::read_to_string(seed_page()).expect("the seed page");
    let edited = page.replacen("Check the parameter.", "Check every parameter.", 1);
    assert_ne!(edited, page);
    fs::write(dir.join("page.txt"), edited).expect("write");
    let out = xtask(&["page.txt", "--check", "--spec", arg(&sample())], dir);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("page.txt:55:1: row `AIS.0501` changed on the page"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "  handling_measure:\n  - Check the parameter.\n  + Check every parameter.\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("the page and the spec differ: 1 changed, 0 added, 0 removed"),
        "{stderr}"
    );
}

#[test]
fn a_page_with_errors_writes_nothing() {
    let scratch = temp_folder("errors");
    let dir = scratch.path();
    let out_file = dir.join("table.csv");
    fs::write(&out_file, "what was there\n").expect("write");
    let page = workspace().join("codegen/tests/data/pages/synthetic/several-tables.rst");
    let out = xtask(&[arg(&page), "--out", "table.csv"], dir);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("choose one with --table N"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(&out_file).expect("read"),
        "what was there\n"
    );
    let files: Vec<_> = fs::read_dir(dir).expect("the folder").collect();
    assert_eq!(files.len(), 1, "no temporary file is left");
    // With the table chosen, the file is replaced.
    let out = xtask(&[arg(&page), "--table", "2", "--out", "table.csv"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        fs::read_to_string(&out_file)
            .expect("read")
            .contains("401,DBS.1001,Unauthorized.,,")
    );
}

#[test]
fn yaml_goes_to_standard_output_when_asked() {
    let page = workspace().join("codegen/tests/data/pages/synthetic/list-table.rst");
    let out = xtask(&[arg(&page), "--format", "yaml"], &workspace());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("- status_code: 400\n  error_code: WGT.0001\n"),
        "{stdout}"
    );
}

#[test]
fn bad_usage_is_exit_code_3() {
    // In a folder of its own: a usage check that broke would write `x.csv` there.
    let scratch = temp_folder("usage");
    let page = seed_page();
    for args in [
        vec![],
        vec![arg(&page), "--table", "0"],
        vec![arg(&page), "--column", "no equals sign"],
        vec![arg(&page), "--column", "Type=kind"],
        vec![arg(&page), "--check", "--out", "x.csv"],
        vec![arg(&page), "--spec", "spec"],
        vec![arg(&page), "--format", "xml"],
        vec!["no-such-page.rst"],
    ] {
        let out = xtask(&args, scratch.path());
        assert_eq!(
            out.status.code(),
            Some(3),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).starts_with("error: "),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_page_becomes_a_catalog_ready_for_gen() {
    let scratch = temp_folder("catalog");
    let dir = scratch.path();
    fs::create_dir(dir.join("spec")).expect("a spec root");
    let page = workspace().join("codegen/tests/data/pages/api-gateway-user-guide.rst");
    let out = xtask(
        &[
            arg(&page),
            "--catalog",
            "gateway",
            "--spec",
            "spec",
            "--url",
            "https://example.org/error_codes.rst",
        ],
        dir,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("created spec/gateway from "), "{stdout}");
    assert!(stdout.contains("(71 rows)"), "{stdout}");
    assert!(stdout.contains("left for you"), "{stdout}");
    assert!(stdout.contains("`gateway-error-codes`"), "{stdout}");
    let folder = dir.join("spec/gateway");
    let copied = fs::read(folder.join("source/api-gateway-user-guide.rst")).expect("the page");
    assert_eq!(copied, fs::read(&page).expect("the page"));
    let catalog = codegen::load_spec(&folder, "spec/gateway");
    let catalog = catalog
        .catalog
        .unwrap_or_else(|| panic!("{}", codegen::diagnostic::render_all(&catalog.diagnostics)));
    assert_eq!(catalog.meta.crate_name, "gateway-error-codes");
    assert_eq!(catalog.meta.npm_name, "gateway-error-codes");
    assert_eq!(catalog.meta.version, "0.1.0");
    let settings = catalog
        .meta
        .import
        .as_ref()
        .expect("the settings are recorded");
    assert_eq!(settings.page, "source/api-gateway-user-guide.rst");
    assert_eq!(
        settings.url.as_deref(),
        Some("https://example.org/error_codes.rst")
    );
    assert_eq!(catalog.codes.len(), 64);
    assert!(
        catalog.codes.iter().all(|c| c.category == 0),
        "unclassified"
    );
    // The shape of the error bodies is written out, with the first code as its example.
    assert_eq!(
        catalog.meta.error_body.shape,
        codegen::model::BodyShape::Huawei
    );
    let first = &catalog.codes[0];
    assert_eq!(
        catalog.meta.error_body.status,
        first.primary().http_status.expect("a status")
    );
    let example: serde_json::Value =
        serde_json::from_str(&catalog.meta.error_body.example).expect("the example is JSON");
    assert_eq!(example["error_code"], first.code.as_str());
    assert_eq!(example["error_msg"], first.primary().error_msg.as_str());
    assert!(stdout.contains("`error_body.shape`"), "{stdout}");
    // The page check reads the page as it was imported.
    let out = xtask(&["--check", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("71 rows"),
        "{}",
        text(&out.stdout)
    );
    // The same name again is refused, and changes nothing.
    let out = xtask(&[arg(&page), "--catalog", "gateway", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("spec/gateway exists"),
        "{}",
        text(&out.stderr)
    );
    // A name that cannot be a folder of the site or a package is refused.
    for bad in ["Gateway", "docs", "a_b"] {
        let out = xtask(&[arg(&page), "--catalog", bad, "--spec", "spec"], dir);
        assert_eq!(out.status.code(), Some(3), "{bad}: {}", text(&out.stderr));
        assert!(!dir.join("spec").join(bad).exists());
    }
}

#[test]
fn the_page_check_names_the_catalog_whose_page_changed() {
    let scratch = temp_folder("recorded");
    let dir = scratch.path();
    // Two catalogs of one spec root need packages of their own.
    copy_sample(&dir.join("spec"), "first", "sample-error-codes");
    copy_sample(&dir.join("spec"), "second", "second-error-codes");
    let out = xtask(&["--check", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).matches("31 rows").count(),
        2,
        "{}",
        text(&out.stdout)
    );

    let page = dir.join("spec/second/source/error-codes-page.txt");
    let edited = fs::read_to_string(&page).expect("the page").replacen(
        "Check the parameter.",
        "Check every parameter.",
        1,
    );
    fs::write(&page, edited).expect("write");
    let out = xtask(&["--check", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("spec/second/source/error-codes-page.txt:55:1: row `AIS.0501` changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the page of the catalog(s) second differs"),
        "{stderr}"
    );
    assert!(!stderr.contains("spec/first"), "{stderr}");
    // --update reads the page into the table, keeping the editorial columns.
    let out = xtask(&["--update", "--catalog", "second", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = fs::read_to_string(dir.join("spec/second/error-codes.csv")).expect("the table");
    assert!(
        table.contains("Check every parameter.,request,false"),
        "{table}"
    );
    let out = xtask(&["--check", "--spec", "spec"], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
