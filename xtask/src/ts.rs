//! CI steps of the TypeScript packages: each catalog's (`generated/<name>/ts`)
//! and the one generated from the hostile-text spec.
//!
//! The tools are pinned in `xtask/ts/package-lock.json` and installed with
//! `npm ci` into `xtask/ts/node_modules`. For each package in turn, the
//! checks write into the gitignored `xtask/ts/from-spec/` what they compare
//! against (derived from the catalog, never copied by hand) and link the
//! package into `node_modules` as `@generated/ts` (the hostile one as
//! `@generated/hostile`), the names the consumer projects and the node tests
//! import: so the projects name no catalog.
//!
//! ```text
//! ts.rs          the steps, the consumer projects, packing
//! ts/node.rs     the Node versions the runtime tests run on (every LTS line, from the registry)
//! ts/bundle.rs   what a bundler keeps of each export: budgets, and modules that only declare
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Catalog;
use codegen::emit::ts::{js_string, model_json};
use codegen::model::BodyShape;
use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use crate::process::{Step, run_command};

pub mod bundle;
pub mod node;

/// The tools' folder, relative to the workspace root.
const TOOLS: &str = "xtask/ts";
/// The hostile fixture spec, relative to the workspace root.
const HOSTILE_SPEC: &str = "codegen/tests/specs/hostile";
/// The name a catalog's package is linked as, for the consumer projects.
const LINKED: &str = "@generated/ts";
/// The name the hostile package is linked as.
const LINKED_HOSTILE: &str = "@generated/hostile";
/// The consumer projects in `xtask/ts/consumer` that check a catalog's
/// package, each compiled with `tsc -p`; `hostile` checks the hostile one.
const CONSUMERS: [&str; 4] = ["esm", "cjs", "bundler", "node16"];
/// The TypeScript compilers that check the declarations, as packages of the
/// tools folder: `typescript` is 7, `typescript-5` the 5.9 that the `OpenAPI`
/// checks also run. (Both have a `tsc` in `node_modules/.bin`: never use it.)
const COMPILERS: [&str; 2] = ["typescript", "typescript-5"];

/// What `npm pack` must put in a package: exactly these files, sorted.
fn packed_files() -> Vec<String> {
    let mut files = codegen::emit::ts::package_files();
    files.extend(["README.md", "package.json"].map(str::to_owned));
    files.sort();
    files
}

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "ts: tools (npm ci); node --check and tsc on the emitter's templates (codegen/src/emit/ts)",
            run: |root| {
                crate::process::npm_ci(&tools(root))?;
                check_templates(root)
            },
        },
        Step {
            name: "ts: each catalog's package (tsc 7 and 5.9 on the nodenext ESM and CJS, bundler and node16 consumers and the README's examples; node --test on every Node LTS line and the machine's node; bundles of each export; npm pack; attw; publint)",
            run: |root| {
                let nodes = node::versions(root)?;
                let mut measured = Vec::new();
                crate::workspace::for_each_catalog(|catalog| {
                    let package = crate::workspace::output_of(&catalog.name).join("ts");
                    measured.push(check_catalog_package(root, &package, catalog, &nodes)?);
                    Ok(())
                })?;
                println!("{}", bundle::report(&measured));
                Ok(())
            },
        },
        Step {
            name: "ts: the hostile-text spec's package (its consumer, node --test, bundles, npm pack, attw, publint)",
            run: check_hostile_package,
        },
    ]
}

fn tools(root: &Path) -> PathBuf {
    root.join(TOOLS)
}

/// The gitignored folder of what the checks of the package under test
/// compare against.
fn from_spec(root: &Path) -> PathBuf {
    tools(root).join("from-spec")
}

/// The path of a tool's executable in `node_modules/.bin`.
fn bin(root: &Path, name: &str) -> Result<String, String> {
    let path = tools(root).join("node_modules/.bin").join(name);
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("the path {} is not UTF-8", path.display()))
}

/// The `tsc` script of one of the [`COMPILERS`].
fn tsc(root: &Path, compiler: &str) -> Result<String, String> {
    let path = tools(root)
        .join("node_modules")
        .join(compiler)
        .join("bin/tsc");
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("the path {} is not UTF-8", path.display()))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Every check of a catalog's package at `package`: what the checks compare
/// against, written from the catalog; the consumer projects under each
/// compiler; the runtime tests under each Node; the bundles of each export;
/// the packing. Returns the bundles' sizes, for the report.
pub fn check_catalog_package(
    root: &Path,
    package: &Path,
    catalog: &Catalog,
    nodes: &[node::Node],
) -> Result<bundle::Measured, String> {
    let expectations = from_spec(root);
    if expectations.exists() {
        fs::remove_dir_all(&expectations)
            .map_err(|e| format!("removing {}: {e}", expectations.display()))?;
    }
    let readme = fs::read_to_string(package.join("README.md"))
        .map_err(|e| format!("reading {}/README.md: {e}", package.display()))?;
    let examples = readme_examples(&readme, &catalog.meta.npm_name, LINKED)?;
    for (i, example) in examples.iter().enumerate() {
        write(
            &expectations.join(format!("readme-examples/{}.ts", i + 1)),
            example,
        )?;
    }
    let linked = Linked {
        specifier: LINKED,
        expectations: &expectations,
        consumers: &CONSUMERS,
        bundles: &catalog.name,
    };
    check_linked(root, package, catalog, &linked, nodes)
}

/// How a package is checked once generated: the name the consumer projects
/// and the tests import it by, where its expectations go, the consumer
/// projects that import it, and the name of its bundles.
struct Linked<'a> {
    specifier: &'a str,
    expectations: &'a Path,
    consumers: &'a [&'a str],
    bundles: &'a str,
}

/// The checks of a generated package, for a catalog's and the hostile one:
/// the expectations written from the catalog, the package linked under its
/// specifier, the consumer projects under each compiler, the runtime tests
/// under each Node, the bundles of each export, the packing. Returns the
/// bundles' sizes.
fn check_linked(
    root: &Path,
    package: &Path,
    catalog: &Catalog,
    linked: &Linked,
    nodes: &[node::Node],
) -> Result<bundle::Measured, String> {
    write_expectations(linked.expectations, catalog, linked.specifier)?;
    link(
        &tools(root).join("node_modules").join(linked.specifier),
        package,
    )?;
    compile_consumers(root, linked.consumers)?;
    let error_bodies = crate::workspace::error_bodies(catalog.meta.error_body.shape.name());
    for node in nodes {
        println!("\n{} {}", node.label, node.version);
        node::runtime_tests(
            root,
            &node.program,
            linked.specifier,
            &linked.expectations.join("model.json"),
            &error_bodies,
        )?;
    }
    bundle::check_side_effects(root, package)?;
    let measured = bundle::measure(root, linked.bundles, package, catalog)?;
    bundle::check(&measured, catalog)?;
    npm_pack(package, catalog)?;
    attw(root, package)?;
    publint(root, package)?;
    Ok(measured)
}

/// The hostile-text spec's package: generated into `from-spec/hostile/`,
/// and checked as a catalog's is, by its own consumer project.
fn check_hostile_package(root: &Path) -> Result<(), String> {
    let hostile = crate::sync::catalog_of(&root.join(HOSTILE_SPEC), HOSTILE_SPEC)?;
    let dir = from_spec(root).join("hostile");
    let package = dir.join("package");
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
    }
    for file in codegen::emit::ts::emit(&hostile) {
        let name = file.path.strip_prefix("ts/").unwrap_or(&file.path);
        write(&package.join(name), &file.contents)?;
    }
    let linked = Linked {
        specifier: LINKED_HOSTILE,
        expectations: &dir,
        consumers: &["hostile"],
        bundles: "hostile",
    };
    check_linked(root, &package, &hostile, &linked, &node::versions(root)?)?;
    Ok(())
}

/// `tsc -p` on the consumer projects, under each of [`COMPILERS`].
fn compile_consumers(root: &Path, consumers: &[&str]) -> Result<(), String> {
    for compiler in COMPILERS {
        let tsc = tsc(root, compiler)?;
        run_command(&tools(root), "node", &[&tsc, "--version"], &[])?;
        for consumer in consumers {
            let project = format!("consumer/{consumer}");
            run_command(&tools(root), "node", &[&tsc, "-p", &project], &[])?;
            println!("{project}: no errors");
        }
    }
    Ok(())
}

/// A symbolic link at `link` to the folder `target`, replacing what was there.
fn link(link: &Path, target: &Path) -> Result<(), String> {
    if let Ok(meta) = fs::symlink_metadata(link) {
        let removed = if meta.is_dir() {
            fs::remove_dir_all(link)
        } else {
            fs::remove_file(link)
        };
        removed.map_err(|e| format!("removing {}: {e}", link.display()))?;
    }
    if let Some(parent) = link.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    #[cfg(unix)]
    let linked = std::os::unix::fs::symlink(target, link);
    #[cfg(windows)]
    let linked = std::os::windows::fs::symlink_dir(target, link);
    linked.map_err(|e| format!("linking {} to {}: {e}", link.display(), target.display()))
}

/// Writes `model.json` (for the node tests), `expected.d.ts` and
/// `entries.ts` (for the consumer projects) into `dir`; `specifier` is the
/// package as the consumers import it.
fn write_expectations(dir: &Path, catalog: &Catalog, specifier: &str) -> Result<(), String> {
    write(&dir.join("model.json"), &model_json(catalog))?;
    write(&dir.join("expected.d.ts"), &expected_types(catalog))?;
    write(&dir.join("entries.ts"), &entry_checks(catalog, specifier))
}

/// A module that imports each code's constant by its name and checks that
/// it is that code's entry: its literal fields are the spec's, and it is
/// deprecated exactly when the code is. The checks are type aliases of one
/// identity test each (as `expect-type`'s, without its overloads, which cost
/// a compiler seconds per thousand codes).
fn entry_checks(catalog: &Catalog, specifier: &str) -> String {
    let mut out = format!(
        "// Written by `cargo xtask ci` from the spec: each code's constant, imported by its name.\n\
         import type {{ ERRORS, ErrorEntry }} from {};\n",
        js_string(specifier)
    );
    for code in &catalog.codes {
        out += &format!(
            "import {{ {} }} from {};\n",
            code.rust_variant,
            js_string(specifier)
        );
    }
    out += "\n/** `true` exactly when `A` and `B` are the same type. */\n\
            type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;\n\
            type Assert<Holds extends true> = Holds;\n\
            type Literals<Entry extends ErrorEntry> = Pick<Entry, \"code\" | \"httpStatus\" | \"category\" | \"retryable\">;\n\n\
            export type Checks = [\n";
    for code in &catalog.codes {
        let (name, literal) = (&code.rust_variant, js_string(&code.code));
        out += &format!(
            "  Assert<Equal<Literals<typeof {name}>, Expected.Entries[{literal}]>>,\n  \
             Assert<Equal<typeof {name}, (typeof ERRORS)[{literal}]>>,\n"
        );
        if code.deprecated.is_some() {
            out += &format!("  Assert<Equal<(typeof {name})[\"deprecated\"], string>>,\n");
        }
    }
    out += "];\n";
    out
}

/// A global namespace `Expected` with the types the package must declare,
/// from the model: its codes, categories, each code's literal fields.
fn expected_types(catalog: &Catalog) -> String {
    let union = |items: Vec<String>| {
        if items.is_empty() {
            "never".to_owned()
        } else {
            items.join(" | ")
        }
    };
    let codes = union(catalog.codes.iter().map(|c| js_string(&c.code)).collect());
    let categories = union(
        catalog
            .categories
            .iter()
            .map(|c| js_string(&c.key))
            .collect(),
    );
    let deprecated = union(
        catalog
            .codes
            .iter()
            .filter(|c| c.deprecated.is_some())
            .map(|c| js_string(&c.code))
            .collect(),
    );
    let mut out = String::from(
        "// Written by `cargo xtask ci` from the spec: the types the generated package must have.\n\
         declare namespace Expected {\n",
    );
    out += &format!("  type Code = {codes};\n");
    out += &format!("  type Category = {categories};\n");
    out += &format!("  type DeprecatedCode = {deprecated};\n");
    out += &format!(
        "  type FirstCode = {};\n",
        js_string(&catalog.codes[0].code)
    );
    out += &body_types(&catalog.meta.error_body.shape);
    out += "  type Entries = {\n";
    for code in &catalog.codes {
        let literal = js_string(&code.code);
        out += &format!(
            "    readonly {literal}: {{ readonly code: {literal}; readonly httpStatus: {}; \
             readonly category: {}; readonly retryable: {} }};\n",
            codegen::emit::ts::status_literal(code.primary().http_status),
            js_string(&catalog.categories[code.category].key),
            code.retryable
        );
    }
    out += "  };\n}\n";
    out
}

/// `Expected.ErrorResponse` and `Expected.ErrorBody`: the parsed form of a
/// body of the catalog's shape, and the body that `errorBody` writes, as the
/// shape's definition and the Rust crate have them.
fn body_types(shape: &BodyShape) -> String {
    let (response, body) = match shape {
        BodyShape::Huawei => (
            "{ errorCode: AnyCode; errorMsg: string; requestId?: string; \
             encodedAuthorizationMessage?: string; details: ErrorResponse[] }"
                .to_owned(),
            "{ error_code: C; error_msg: string }".to_owned(),
        ),
        BodyShape::ErrorObject => (
            "{ errorCode: AnyCode; errorMsg: string; target?: string; details: ErrorResponse[]; \
             innererror?: Record<string, unknown> }"
                .to_owned(),
            "{ error: { code: C; message: string } }".to_owned(),
        ),
        BodyShape::Google { .. } => (
            "{ errorCode?: AnyCode; errorMsg: string; statusCode: number; status?: string; \
             domain?: string; metadata?: Record<string, string>; details: Record<string, unknown>[] }"
                .to_owned(),
            "{ error: { code: number; message: string; status: string; details: [{ \
             \"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\"; reason: C; domain: string }] } }"
                .to_owned(),
        ),
        BodyShape::ProblemDetails { code_member } => (
            "{ errorCode?: AnyCode; errorMsg: string; type?: string; title?: string; \
             status?: number; detail?: string; instance?: string; extensions: Record<string, unknown> }"
                .to_owned(),
            format!(
                "{{ type: \"about:blank\"; title: string; status: number; detail: string }} \
                 & {{ [M in {}]: C }}",
                js_string(code_member)
            ),
        ),
    };
    format!(
        "  type AnyCode = Code | (string & {{}});\n  type ErrorResponse = {response};\n  \
         type ErrorBody<C extends Code> = {body};\n"
    )
}

/// The README's TypeScript examples (its ```` ```ts ```` blocks), each
/// importing the linked package instead of the published name, so that the
/// consumer projects type-check them. Each is a module of its own.
fn readme_examples(readme: &str, npm_name: &str, linked_as: &str) -> Result<Vec<String>, String> {
    let import = format!("from {};", js_string(npm_name));
    let mut blocks: Vec<String> = Vec::new();
    let mut in_example = false;
    for event in pulldown_cmark::Parser::new(readme) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_example = info.split_whitespace().next() == Some("ts");
                if in_example {
                    blocks.push(String::new());
                }
            }
            Event::Text(text) if in_example => {
                if let Some(block) = blocks.last_mut() {
                    block.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => in_example = false,
            _ => {}
        }
    }
    if blocks.is_empty() {
        return Err("the package README has no ```ts example".into());
    }
    let mut examples = Vec::new();
    for (i, example) in blocks.iter().enumerate() {
        let number = i + 1;
        if !example.contains(&import) {
            return Err(format!(
                "the README's TypeScript example {number} does not import `{npm_name}`"
            ));
        }
        examples.push(format!(
            "// TypeScript example {number} of the package README, checked by `cargo xtask ci`.\n{}",
            example.replace(&import, &format!("from {};", js_string(linked_as)))
        ));
    }
    Ok(examples)
}

/// The TypeScript emitter's templates, as files: node parses each runtime
/// template, tsc checks them and the declarations (see the folder's tsconfig.json).
fn check_templates(root: &Path) -> Result<(), String> {
    const TEMPLATES: &str = "codegen/src/emit/ts";
    let runtime = root.join(TEMPLATES).join("runtime");
    let mut scripts: Vec<PathBuf> = Vec::new();
    for folder in [runtime.clone(), runtime.join("shapes")] {
        scripts.extend(
            fs::read_dir(&folder)
                .map_err(|e| format!("{}: {e}", folder.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|e| e == "js")),
        );
    }
    scripts.sort();
    if scripts.is_empty() {
        return Err(format!("no templates in {}", runtime.display()));
    }
    for script in &scripts {
        run_command(root, "node", &["--check", utf8(script)?], &[])?;
    }
    run_command(
        root,
        "node",
        &[&tsc(root, COMPILERS[0])?, "-p", TEMPLATES],
        &[],
    )
}

fn utf8(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("the path {} is not UTF-8", path.display()))
}

/// `npm pack --dry-run` of a package: exactly [`packed_files`], and the
/// catalog's name and version. A catalog's package sits beside its crate,
/// whose `Cargo.toml` must have the same version.
fn npm_pack(dir: &Path, catalog: &Catalog) -> Result<(), String> {
    let cargo_toml = dir.with_file_name("rust").join("Cargo.toml");
    if cargo_toml.is_file() {
        let text = fs::read_to_string(&cargo_toml)
            .map_err(|e| format!("reading {}: {e}", cargo_toml.display()))?;
        let crate_version = cargo_package_version(&text)
            .map_err(|e| format!("{}: {e}", cargo_toml.display()))?
            .ok_or_else(|| format!("{} has no [package] version", cargo_toml.display()))?;
        if crate_version != catalog.meta.version {
            return Err(format!(
                "the Rust crate's version is {crate_version}, the catalog's {}",
                catalog.meta.version
            ));
        }
    }
    let args = ["pack", "--dry-run", "--json"];
    println!("$ npm {} (in {})", args.join(" "), dir.display());
    let output = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run `npm`: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm {}` exited with {}:\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report = String::from_utf8_lossy(&output.stdout);
    let summary = check_pack_report(&report, &catalog.meta.npm_name, &catalog.meta.version)
        .map_err(|e| format!("npm pack of {}: {e}", dir.display()))?;
    println!("{summary}");
    Ok(())
}

/// The `version` of a `Cargo.toml`'s `[package]` table, if it is a string
/// (not `version.workspace = true`); an error if the file is not TOML.
fn cargo_package_version(manifest: &str) -> Result<Option<String>, String> {
    let manifest: toml::Table = manifest
        .parse()
        .map_err(|e: toml::de::Error| e.to_string())?;
    Ok(manifest
        .get("package")
        .and_then(|package| package.get("version"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned))
}

/// Checks the output of `npm pack --dry-run --json` for one package.
fn check_pack_report(report: &str, name: &str, version: &str) -> Result<String, String> {
    let report: serde_json::Value =
        serde_json::from_str(report).map_err(|e| format!("its output is not JSON: {e}"))?;
    let [package] = report.as_array().map(Vec::as_slice).unwrap_or_default() else {
        return Err(format!("expected a report on one package, got {report}"));
    };
    let field = |key: &str| package.get(key).and_then(serde_json::Value::as_str);
    if field("name") != Some(name) {
        return Err(format!(
            "the name is {:?}, the spec's {name:?}",
            field("name")
        ));
    }
    if field("version") != Some(version) {
        return Err(format!(
            "the version is {:?}, the spec's {version:?}",
            field("version")
        ));
    }
    let mut files: Vec<&str> = package
        .get("files")
        .and_then(serde_json::Value::as_array)
        .ok_or("the report lists no files")?
        .iter()
        .map(|file| {
            file.get("path")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("?")
        })
        .collect();
    files.sort_unstable();
    let wanted = packed_files();
    if files != wanted {
        return Err(format!(
            "it packs {files:?}; it must pack exactly {wanted:?}"
        ));
    }
    let size = package
        .get("size")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    Ok(format!(
        "npm pack: {name}@{version}, {} files, {size} bytes packed",
        files.len()
    ))
}

fn attw(root: &Path, package: &Path) -> Result<(), String> {
    run_command(
        &tools(root),
        &bin(root, "attw")?,
        &[
            "--pack",
            utf8(package)?,
            "--format",
            "table-flipped",
            "--no-color",
        ],
        &[],
    )
}

fn publint(root: &Path, package: &Path) -> Result<(), String> {
    run_command(&tools(root), "node", &["publint.mjs", utf8(package)?], &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_examples_are_found_and_import_the_linked_package() {
        let readme = "# x\n\n```sh\nnpm i x\n```\n\n````ts\nimport { A } from \"x\";\n```\nA;\n````\n\
                      \ntext\n\n```ts\nimport { B } from \"x\";\n```\n";
        let examples = readme_examples(readme, "x", "@generated/ts").expect("examples");
        assert_eq!(examples.len(), 2, "{examples:?}");
        assert!(
            examples[0].ends_with("import { A } from \"@generated/ts\";\n```\nA;\n"),
            "{}",
            examples[0]
        );
        assert!(
            examples[1].ends_with("\nimport { B } from \"@generated/ts\";\n"),
            "{}",
            examples[1]
        );
        assert!(readme_examples("no example", "x", "y").is_err());
        assert!(readme_examples("```ts\nimport {} from \"z\";\n```\n", "x", "y").is_err());
        let second_imports_nothing = "```ts\nimport {} from \"x\";\n```\n```ts\nA;\n```\n";
        let error = readme_examples(second_imports_nothing, "x", "y").expect_err("no import");
        assert!(error.contains("example 2"), "{error}");
    }

    #[test]
    fn the_crate_version_is_read_from_the_package_table() {
        let toml = "[workspace]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"1.2.3\"\n\n\
                    [dependencies]\nversion = \"0.0.1\"\n";
        assert_eq!(cargo_package_version(toml), Ok(Some("1.2.3".to_owned())));
        assert_eq!(
            cargo_package_version("[dependencies]\nversion = \"1\"\n"),
            Ok(None)
        );
        assert_eq!(
            cargo_package_version("[package]\nversion.workspace = true\n"),
            Ok(None)
        );
        let error = cargo_package_version("[package\nversion = \"1\"\n").expect_err("not TOML");
        assert!(error.contains("line 1"), "{error}");
    }

    /// A report as `npm pack --dry-run --json` writes it, with these file paths.
    fn pack_report(name: &str, version: &str, files: &[&str]) -> String {
        let files: Vec<_> = files
            .iter()
            .map(|path| serde_json::json!({ "path": path, "size": 1, "mode": 420 }))
            .collect();
        serde_json::json!([{ "name": name, "version": version, "size": 10, "files": files }])
            .to_string()
    }

    #[test]
    fn a_pack_report_must_have_exactly_the_files_name_and_version() {
        let packed = packed_files();
        let packed: Vec<&str> = packed.iter().map(String::as_str).collect();
        assert!(packed.contains(&"index.d.cts") && packed.contains(&"errors.js"));
        let good = pack_report("p", "1.0.0", &packed);
        let summary = check_pack_report(&good, "p", "1.0.0").expect("a good report");
        assert_eq!(
            summary,
            format!("npm pack: p@1.0.0, {} files, 10 bytes packed", packed.len())
        );
        assert!(check_pack_report(&good, "q", "1.0.0").is_err());
        assert!(check_pack_report(&good, "p", "1.0.1").is_err());
        let extra = [&packed[..], &["from-spec/model.json"]].concat();
        let error = check_pack_report(&pack_report("p", "1.0.0", &extra), "p", "1.0.0")
            .expect_err("an extra file");
        assert!(error.contains("from-spec/model.json"), "{error}");
        let missing = check_pack_report(&pack_report("p", "1.0.0", &packed[1..]), "p", "1.0.0");
        assert!(missing.is_err());
        assert!(check_pack_report("[]", "p", "1.0.0").is_err());
        assert!(check_pack_report("npm notice", "p", "1.0.0").is_err());
    }
}
