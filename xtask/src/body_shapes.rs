//! The CI step of the shapes of error body: the catalogs of
//! `codegen/tests/specs/shapes/` (one per shape: `huawei`, `error-object`,
//! `google`, `problem-details`) are generated into a scratch folder, outside
//! the workspace, and each catalog's output gets every check that a
//! workspace catalog's does, on the fixture of its shape
//! (`xtask/fixtures/error-bodies/<shape>.json`):
//!
//! ```text
//! Rust        the crate alone (clippy pedantic, tests, docs); the consumer crate: every
//!             code's response() is the OpenAPI example and reads back as the code, and
//!             every fixture body reads as the fixture says
//! TypeScript  the consumer projects (the shape's types), node --test (every code's
//!             errorBody reads back as the code; every fixture body), bundles, packing
//! OpenAPI     redocly lint; Ajv: the fixture's bodies, every code's example and errorBody
//! pages       markdownlint, links, mdbook build (the site of the four catalogs)
//! wording     no file of a catalog whose bodies are not Huawei Cloud's, nor its section
//!             of the site, mentions Huawei
//! ```

use std::fs;
use std::path::Path;

use crate::process::Step;
use crate::spec_checks::{check_catalog_packages, generate, in_scratch_folder};

/// The spec root of the shapes' catalogs, relative to the workspace root.
const SHAPES: &str = "codegen/tests/specs/shapes";

pub fn steps() -> Vec<Step> {
    vec![Step {
        name: "body shapes: a catalog of each shape (codegen/tests/specs/shapes): its crate and the consumer, its npm package, its OpenAPI document and JSON Schema on the shape's fixture; its pages; no Huawei where the bodies are not Huawei Cloud's",
        run: |root| in_scratch_folder(|scratch| check(root, scratch)),
    }]
}

fn check(root: &Path, scratch: &Path) -> Result<(), String> {
    let out = scratch.join("out");
    generate(&root.join(SHAPES), SHAPES, &out)?;
    let catalogs = crate::workspace::catalogs_in(&root.join(SHAPES), SHAPES)?;
    let nodes = crate::ts::node::versions(root)?;
    let mut measured = Vec::new();
    for shape in codegen::model::BodyShape::NAMES {
        println!("\n--- body shape `{shape}`");
        let catalog = catalogs
            .iter()
            .find(|catalog| catalog.name == shape)
            .ok_or_else(|| format!("{SHAPES} has no catalog `{shape}`"))?;
        if catalog.meta.error_body.shape.name() != shape {
            return Err(format!(
                "the catalog {SHAPES}/{shape} has the shape `{}`",
                catalog.meta.error_body.shape.name()
            ));
        }
        let folder = out.join(shape);
        let in_shape = |e: String| format!("body shape `{shape}`: {e}");
        check_catalog_packages(root, &out, shape).map_err(in_shape)?;
        crate::consumer::consumer_of(root, &root.join("target/consumer-shapes"), &folder, catalog)
            .map_err(in_shape)?;
        let package = folder.join("ts");
        measured.push(
            crate::ts::check_catalog_package(root, &package, catalog, &nodes).map_err(in_shape)?,
        );
        if shape != "huawei" {
            let section = out.join("docs/src").join(shape);
            for place in [&folder, &section] {
                let found = mentions(place, "huawei")?;
                if !found.is_empty() {
                    return Err(in_shape(format!(
                        "its output mentions Huawei, although its bodies are not Huawei Cloud's: {}",
                        found.join(", ")
                    )));
                }
            }
            println!(
                "no file of {} or of its pages mentions Huawei",
                folder.display()
            );
        }
    }
    println!("{}", crate::ts::bundle::report(&measured));
    crate::docs::check_generated_book(root, "shapes", &out.join("docs"))
}

/// The files under `dir` whose text holds `word`, in any case (as `grep -ril`).
fn mentions(dir: &Path, word: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let text = String::from_utf8_lossy(&bytes).to_lowercase();
                if text.contains(word) || path.to_string_lossy().to_lowercase().contains(word) {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_found_in_any_case_in_any_file_below() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir_all(dir.path().join("a/b")).expect("folders");
        fs::write(dir.path().join("a/b/x.md"), "Made by HUAWEI.").expect("a file");
        fs::write(dir.path().join("a/y.rs"), "nothing").expect("a file");
        let found = mentions(dir.path(), "huawei").expect("a search");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("x.md"), "{found:?}");
        assert!(
            mentions(&dir.path().join("a"), "absent")
                .expect("a search")
                .is_empty()
        );
    }

    #[test]
    fn there_is_a_catalog_of_each_shape() {
        let root = crate::workspace::root();
        for shape in codegen::model::BodyShape::NAMES {
            let catalog =
                crate::sync::catalog_of(&root.join(SHAPES).join(shape), SHAPES).expect("a catalog");
            assert_eq!(catalog.meta.error_body.shape.name(), shape);
            assert!(
                crate::workspace::error_bodies(shape).is_file(),
                "{shape}: its fixture"
            );
        }
    }
}
