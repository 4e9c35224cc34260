//! CI steps for the importer: every page that a catalog of `spec/` records
//! still matches its table (the sync check one step upstream of `check`),
//! and tables imported from real pages build clean packages.

use std::path::Path;

use codegen::import::Options;

use crate::process::Step;

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "import --check: every catalog's recorded page matches its table",
            run: |_| crate::import::check_recorded().map_err(|f| f.describe("import --check")),
        },
        Step {
            name: "real pages imported as catalogs (ECS; RDS, three tables; OCR, no status; DLI, a simple table): generate, test, lint, document",
            run: imported_pages,
        },
    ]
}

/// The real pages imported as catalogs and built, each a kind of page:
/// several code tables (RDS: one catalog of three tables), no status column
/// (OCR: codes without an HTTP status), an RST simple table (DLI), and a
/// plain grid table with cells of several paragraphs (ECS).
const PAGES: [(&str, &str); 4] = [
    ("elastic-cloud-server.rst", "ecs"),
    ("relational-database-service.rst", "rds"),
    ("optical-character-recognition.rst", "ocr"),
    ("data-lake-insight.rst", "dli"),
];

/// Imports each of [`PAGES`] with `cargo xtask import PAGE --catalog NAME`
/// into a scratch spec root, generates it, and checks every catalog's
/// packages and the site.
fn imported_pages(root: &Path) -> Result<(), String> {
    crate::spec_checks::in_scratch_folder(|scratch| {
        let spec = scratch.join("spec");
        std::fs::create_dir_all(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let spec_root = crate::import::SpecRoot {
            path: spec.clone(),
            display: "spec".to_owned(),
        };
        for (page, name) in PAGES {
            let path = root.join("codegen/tests/data/pages").join(page);
            let read = crate::import::read_page_at(&path, page.to_owned())
                .map_err(|f| f.describe(page))?;
            crate::import::new_catalog::create(&read, &spec_root, name, &Options::default(), None)
                .map_err(|f| f.describe(page))?;
        }
        let out = scratch.join("out");
        crate::spec_checks::generate(&spec, "spec", &out)?;
        for (_, name) in PAGES {
            crate::spec_checks::check_catalog_packages(root, &out, name)?;
        }
        crate::docs::check_generated_book(root, "imported pages", &out.join("docs"))
    })
}
