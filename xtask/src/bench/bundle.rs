//! The npm packages' bundle sizes: each export bundled alone by esbuild and
//! by Rollup, for each catalog's package (see `xtask/src/ts/bundle.rs`, whose
//! budgets `cargo xtask ci` enforces).

use std::path::Path;

use crate::ts::bundle;

/// Measures each catalog's package; returns the report's section.
pub fn run(root: &Path) -> Result<String, String> {
    crate::process::npm_ci(&root.join("xtask").join("ts"))?;
    let mut measured = Vec::new();
    crate::workspace::for_each_catalog(|catalog| {
        let dir = crate::workspace::output_of(&catalog.name).join("ts");
        let package = bundle::measure(root, &catalog.name, &dir, catalog)?;
        bundle::check(&package, catalog)?;
        measured.push(package);
        Ok(())
    })?;
    Ok(format!(
        "\n### Bundle sizes of the npm packages\n\n\
         What a frontend's bundle holds when it imports one export of a catalog's package, and \
         nothing else: `export {{ NAME }} from \"<package>\"` bundled by esbuild (`--bundle \
         --minify --format=esm`) and by Rollup (node-resolve, then terser); 1 KB is 1,000 bytes, \
         gzip at its default level. The code list alone is the codes as a minified array \
         literal; `cargo xtask ci` fails when `isErrorCode` or `ERROR_CODES` alone is more than \
         1.5\u{d7} that, or when the bundle of `parseErrorResponse` holds a text of the table.\n\n{}",
        bundle::report(&measured)
    ))
}
