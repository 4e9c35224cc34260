//! CI steps for the importer: every page that a catalog of `spec/` records
//! still matches its table (the sync check one step upstream of `check`),
//! and tables imported from real pages build clean packages.

use std::path::{Path, PathBuf};

use codegen::import::{self, Format, Options};

use crate::process::Step;

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "import --check: every catalog's recorded page matches its table",
            run: |_| crate::import::check_recorded().map_err(|f| f.describe("import --check")),
        },
        Step {
            name: "imported pages (ECS; RDS V3 and V1 tables): generate, test, lint, document",
            run: imported_pages,
        },
    ]
}

/// The pages imported and built: the page, its table, the package name.
const PAGES: [(&str, Option<usize>, &str); 3] = [
    ("elastic-cloud-server.rst", None, "ecs-imported"),
    (
        "relational-database-service.rst",
        Some(1),
        "rds-v3-imported",
    ),
    (
        "relational-database-service.rst",
        Some(2),
        "rds-v1-imported",
    ),
];

fn imported_pages(root: &Path) -> Result<(), String> {
    crate::spec_checks::in_scratch_folder(|scratch| {
        for (page, table, name) in PAGES {
            let spec = import_page(root, page, table, &scratch.join(format!("{name}.csv")))?;
            let out = scratch.join(name);
            crate::spec_checks::generate(&spec, &format!("{name}.csv"), &out)
                .map_err(|e| format!("{e}\n(the table imported from {page})"))?;
            crate::spec_checks::check_packages(root, &out, name)?;
        }
        Ok(())
    })
}

/// Imports a page of `codegen/tests/data/pages/` into `csv`.
fn import_page(
    root: &Path,
    page: &str,
    table: Option<usize>,
    csv: &Path,
) -> Result<PathBuf, String> {
    let path = root.join("codegen/tests/data/pages").join(page);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let options = Options {
        table,
        ..Options::default()
    };
    let imported = import::import(page, &text, Format::Rst, &options);
    let [table] = imported.tables.as_slice() else {
        return Err(format!("{page}: {}", import::render(&imported.diagnostics)));
    };
    let written = import::write::csv(table)?;
    if let Some(folder) = csv.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    std::fs::write(csv, written).map_err(|e| format!("{}: {e}", csv.display()))?;
    Ok(csv.to_path_buf())
}
