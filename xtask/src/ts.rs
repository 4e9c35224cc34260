//! CI steps of the TypeScript package (`generated/ts`).
//!
//! The tools are pinned in `xtask/ts/package-lock.json` and installed with
//! `npm ci` into `xtask/ts/node_modules`. The first step also writes, into
//! the gitignored `xtask/ts/from-spec/`, what the checks compare against
//! (derived from the spec, never copied by hand), generates a second package
//! from the hostile fixture spec `xtask/ts/fixtures/hostile`, and links both
//! packages into `node_modules` as `@generated/ts` and `@generated/hostile`,
//! the names the consumer projects and the node tests import.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::Catalog;
use codegen::diagnostic::render_all;
use codegen::emit::ts::{js_string, model_json};

use crate::SpecArgs;
use crate::ci::{Step, run_command};

/// The tools' folder, relative to the workspace root.
const TOOLS: &str = "xtask/ts";
/// The hostile fixture spec, relative to the workspace root.
const HOSTILE_SPEC: &str = "xtask/ts/fixtures/hostile";
/// The packages under test, as linked into `node_modules`.
const PACKAGES: [(&str, Package); 2] = [
    ("@generated/ts", Package::Spec),
    ("@generated/hostile", Package::Hostile),
];
/// The consumer projects in `xtask/ts/consumer`, each compiled with `tsc -p`.
const CONSUMERS: [&str; 4] = ["esm", "cjs", "bundler", "hostile"];
/// Records which `package.json` + `package-lock.json` `node_modules` was installed from.
const STAMP: &str = "node_modules/.xtask-npm-ci-stamp";

#[derive(Clone, Copy)]
enum Package {
    /// `generated/ts`, from the project's spec.
    Spec,
    /// The package generated from the hostile fixture spec.
    Hostile,
}

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "ts: tools (npm ci) and inputs from the spec",
            run: prepare,
        },
        Step {
            name: "ts: tsc on the consumer projects (ESM, CJS, bundler, hostile)",
            run: compile_consumers,
        },
        Step {
            name: "ts: node --test (runtime values against the model)",
            run: node_tests,
        },
        Step {
            name: "ts: attw --pack",
            run: attw,
        },
        Step {
            name: "ts: publint",
            run: publint,
        },
    ]
}

fn tools(root: &Path) -> PathBuf {
    root.join(TOOLS)
}

/// The gitignored folder of inputs the first step derives from the specs.
fn from_spec(root: &Path) -> PathBuf {
    tools(root).join("from-spec")
}

/// Where a package under test lives, and the folder of its expectations.
fn package_dirs(root: &Path, package: Package) -> (PathBuf, PathBuf) {
    match package {
        Package::Spec => (
            SpecArgs::workspace_default().out.join("ts"),
            from_spec(root),
        ),
        Package::Hostile => {
            let dir = from_spec(root).join("hostile");
            (dir.join("package"), dir)
        }
    }
}

/// The path of a tool's executable in `node_modules/.bin`.
fn bin(root: &Path, name: &str) -> Result<String, String> {
    let path = tools(root).join("node_modules/.bin").join(name);
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

/// Installs the tools, writes the inputs, links the packages.
fn prepare(root: &Path) -> Result<(), String> {
    install_tools(&tools(root))?;

    let out = from_spec(root);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("removing {}: {e}", out.display()))?;
    }
    let catalog = crate::sync::load(&SpecArgs::workspace_default())
        .map_err(|_| "the spec has errors".to_owned())?;
    let (package, expectations) = package_dirs(root, Package::Spec);
    let readme = fs::read_to_string(package.join("README.md"))
        .map_err(|e| format!("reading {}/README.md: {e}", package.display()))?;
    write(
        &expectations.join("readme-example.ts"),
        &readme_example(&readme, &catalog.meta.npm_name, PACKAGES[0].0)?,
    )?;
    write_expectations(&expectations, &catalog)?;

    let loaded = codegen::load_spec(&root.join(HOSTILE_SPEC), HOSTILE_SPEC);
    let hostile = loaded.catalog.ok_or_else(|| {
        format!(
            "the hostile fixture spec has errors:\n{}",
            render_all(&loaded.diagnostics)
        )
    })?;
    let (package, expectations) = package_dirs(root, Package::Hostile);
    for file in codegen::emit::ts::emit(&hostile) {
        let name = file.path.strip_prefix("ts/").unwrap_or(&file.path);
        write(&package.join(name), &file.contents)?;
    }
    write_expectations(&expectations, &hostile)?;

    for (name, package) in PACKAGES {
        link(
            &tools(root).join("node_modules").join(name),
            &package_dirs(root, package).0,
        )?;
    }
    println!(
        "wrote {}; linked {} and {}",
        out.display(),
        PACKAGES[0].0,
        PACKAGES[1].0
    );
    Ok(())
}

/// `npm ci`, unless `node_modules` was installed from the same
/// `package.json` and `package-lock.json`.
fn install_tools(tools: &Path) -> Result<(), String> {
    let read = |name: &str| {
        fs::read_to_string(tools.join(name))
            .map_err(|e| format!("reading {}/{name}: {e}", tools.display()))
    };
    let wanted = format!("{}\n{}", read("package.json")?, read("package-lock.json")?);
    if fs::read_to_string(tools.join(STAMP)).is_ok_and(|stamp| stamp == wanted) {
        println!("{TOOLS}/node_modules is up to date with its lockfile");
        return Ok(());
    }
    run_command(tools, "npm", &["ci", "--no-audit", "--no-fund"], &[])?;
    write(&tools.join(STAMP), &wanted)
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

/// Writes `model.json` (for the node tests) and `expected.d.ts` (for the
/// consumer projects) into `dir`.
fn write_expectations(dir: &Path, catalog: &Catalog) -> Result<(), String> {
    write(&dir.join("model.json"), &model_json(catalog))?;
    write(&dir.join("expected.d.ts"), &expected_types(catalog))
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
    out += "  type Entries = {\n";
    for code in &catalog.codes {
        let literal = js_string(&code.code);
        out += &format!(
            "    readonly {literal}: {{ readonly code: {literal}; readonly httpStatus: {}; \
             readonly category: {}; readonly retryable: {} }};\n",
            code.primary().http_status,
            js_string(&catalog.categories[code.category].key),
            code.retryable
        );
    }
    out += "  };\n}\n";
    out
}

/// The README's TypeScript example, importing the linked package instead of
/// the published name, so that the consumer projects type-check it.
fn readme_example(readme: &str, npm_name: &str, linked_as: &str) -> Result<String, String> {
    let mut lines = readme.lines();
    let fence = lines
        .by_ref()
        .find_map(|line| {
            line.strip_suffix("ts")
                .filter(|f| !f.is_empty() && f.bytes().all(|b| b == b'`'))
        })
        .ok_or("the package README has no ```ts example")?;
    let mut example = String::new();
    for line in lines.take_while(|line| *line != fence) {
        example += line;
        example.push('\n');
    }
    let import = format!("from {};", js_string(npm_name));
    if !example.contains(&import) {
        return Err(format!("the README example does not import `{npm_name}`"));
    }
    Ok(format!(
        "// The example of the package README, checked by `cargo xtask ci`.\n{}",
        example.replace(&import, &format!("from {};", js_string(linked_as)))
    ))
}

fn compile_consumers(root: &Path) -> Result<(), String> {
    let tsc = bin(root, "tsc")?;
    for consumer in CONSUMERS {
        let project = format!("consumer/{consumer}");
        run_command(&tools(root), &tsc, &["-p", &project], &[])?;
        println!("{project}: no errors");
    }
    Ok(())
}

fn node_tests(root: &Path) -> Result<(), String> {
    for (name, package) in PACKAGES {
        let model = package_dirs(root, package).1.join("model.json");
        let model = model
            .to_str()
            .ok_or_else(|| format!("the path {} is not UTF-8", model.display()))?;
        run_command(
            &tools(root),
            "node",
            &["--test", "--test-reporter=spec", "test/runtime.test.mjs"],
            &[("PACKAGE", name), ("MODEL_JSON", model)],
        )?;
    }
    Ok(())
}

fn attw(root: &Path) -> Result<(), String> {
    let attw = bin(root, "attw")?;
    for (_, package) in PACKAGES {
        let dir = package_dirs(root, package).0;
        let dir = dir
            .to_str()
            .ok_or_else(|| format!("the path {} is not UTF-8", dir.display()))?;
        run_command(
            &tools(root),
            &attw,
            &["--pack", dir, "--format", "table-flipped", "--no-color"],
            &[],
        )?;
    }
    Ok(())
}

fn publint(root: &Path) -> Result<(), String> {
    for (_, package) in PACKAGES {
        let dir = package_dirs(root, package).0;
        let dir = dir
            .to_str()
            .ok_or_else(|| format!("the path {} is not UTF-8", dir.display()))?;
        run_command(&tools(root), "node", &["publint.mjs", dir], &[])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_example_is_found_and_imports_the_linked_package() {
        let readme =
            "# x\n\n```sh\nnpm i x\n```\n\n````ts\nimport { A } from \"x\";\n```\nA;\n````\n";
        let example = readme_example(readme, "x", "@generated/ts").expect("an example");
        assert!(
            example.ends_with("import { A } from \"@generated/ts\";\n```\nA;\n"),
            "{example}"
        );
        assert!(readme_example("no example", "x", "y").is_err());
        assert!(readme_example("```ts\nimport {} from \"z\";\n```\n", "x", "y").is_err());
    }
}
