//! The importer's speed: `codegen::import` of the real pages in
//! `codegen/tests/data/pages/`, in this process, which is the build that
//! `cargo xtask` runs (the dev profile: see the root Cargo.toml).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Instant;

use codegen::import::{self, Format, Options};

/// The pages timed, the largest (1.2 MB, 864 rows) first: RST grid tables,
/// a page of three code tables, an RST simple table, a Markdown pipe table.
const PAGES: [&str; 8] = [
    "modelarts.rst",
    "virtual-private-cloud.rst",
    "elastic-cloud-server.rst",
    "identity-access-management.rst",
    "api-gateway-user-guide.rst",
    "relational-database-service.rst",
    "data-lake-insight.rst",
    "synthetic/common-rest-api-error-codes.md",
];

/// Times each page's import (the `ModelArts` page alone, once, when `quick`);
/// returns the report's section.
pub fn run(root: &Path, quick: bool) -> Result<String, String> {
    let runs = if quick { 1 } else { 5 };
    let pages = if quick { &PAGES[..1] } else { &PAGES[..] };
    let mut table = format!(
        "\n### Import\n\n`codegen::import` of each page of `codegen/tests/data/pages/` (read \
         into memory first; every code table of the page, rows in all), in the build that \
         `cargo xtask` runs, median of {runs} runs.\n\n\
         | page | size | rows | time |\n|---|---:|---:|---:|\n"
    );
    for name in pages {
        let path = root.join("codegen/tests/data/pages").join(name);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let format = Format::from_file_name(name).unwrap_or_else(|| Format::sniff(&text));
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let imported = import::import(name, &text, format, &Options::default());
            times.push(started.elapsed());
            if imported.tables.is_empty() {
                return Err(format!("{name}: the import failed"));
            }
            rows = imported.tables.iter().map(|t| t.rows.len()).sum();
        }
        let time = super::median(times);
        println!(
            "import {name}: {rows} rows in {:.1} ms",
            time.as_secs_f64() * 1e3
        );
        let _ = writeln!(
            table,
            "| `{name}` | {} KB | {rows} | {:.0} ms |",
            super::thousands(text.len() / 1000),
            time.as_secs_f64() * 1e3
        );
    }
    Ok(table)
}
