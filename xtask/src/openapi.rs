//! CI steps of the `OpenAPI` output (each catalog's `generated/<name>/openapi`):
//! the `OpenAPI` document and the JSON Schema of the error body, checked with
//! the tools pinned in `xtask/openapi/package-lock.json` (see
//! `xtask/openapi/README.md`). For each catalog:
//!
//! ```text
//! lint         redocly lint: the document (redocly-components.yaml), and the
//!              README's API description beside it (redocly.yaml): no problem at all
//! types        openapi-typescript (a union, and with --enum a TypeScript enum), then
//!              tsc on types/checks.ts: the document's ErrorCode is the npm
//!              package's, the enum's members the Rust variants; a document one
//!              code short fails
//! JSON Schema  Ajv, draft 2020-12, strict: the schema compiles; of the fixture of the
//!              catalog's shape (xtask/fixtures/error-bodies/<shape>.json), the bodies
//!              it marks `validates` validate and no others; the npm package's
//!              errorBody of every code validates and is the code's example; the
//!              README's example runs
//! ```
//!
//! The checks of one catalog's output folder write into
//! `xtask/openapi/checked/<name>/` (gitignored): copies of the two documents
//! with the README's examples beside them, the generated types, and what the
//! types must be, read from the folder's `catalog.json`. [`check_output`]
//! runs them all on the output of another spec too (see `spec_checks`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::emit::json::PATH as CATALOG_JSON;
use codegen::emit::openapi::{DOCUMENT, JSON_SCHEMA, README};
use serde_json::Value;

use crate::process::{Step, npm_ci, run_command};

/// The tools' folder, relative to the workspace root.
const TOOLS: &str = "xtask/openapi";
/// The assertion that the two `ErrorCode`s are one type, as `types/checks.ts` writes it.
const EQUALITY: &str = "export const sameCodes: Same<Schemas[\"ErrorCode\"], ErrorCode> = true;";
/// Redocly CLI: no telemetry, no update check (CI runs offline from npm's point of view).
const REDOCLY_ENV: [(&str, &str); 2] = [
    ("REDOCLY_TELEMETRY", "off"),
    ("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
];

pub fn steps() -> Vec<Step> {
    vec![
        Step {
            name: "openapi: tools (npm ci)",
            run: |root| npm_ci(&tools(root)),
        },
        Step {
            name: "openapi: each catalog's document and JSON Schema (redocly lint; openapi-typescript and tsc, and a document one code short fails; ajv)",
            run: |root| {
                crate::workspace::for_each_catalog(|catalog| {
                    let checked = Checked {
                        name: catalog.name.clone(),
                        out: crate::workspace::output_of(&catalog.name),
                    };
                    check(root, &checked)?;
                    one_code_short_fails(root, &checked)
                })
            },
        },
    ]
}

/// Every check on the `openapi/` folder of a catalog's output folder (`out`,
/// `generated/<name>/` or another spec's), against the npm package beside
/// it (`ts/`). `name` names the work folder and the messages.
pub fn check_output(root: &Path, name: &str, out: &Path) -> Result<(), String> {
    npm_ci(&tools(root))?;
    check(
        root,
        &Checked {
            name: name.to_owned(),
            out: out.to_path_buf(),
        },
    )
}

fn check(root: &Path, checked: &Checked) -> Result<(), String> {
    let path = checked.out.join(CATALOG_JSON);
    let catalog: Value =
        serde_json::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
    prepare(root, checked, &catalog)?;
    lint(root, checked)?;
    types(root, checked)?;
    json_schema(root, checked, &catalog)
}

/// One catalog's output folder under check.
struct Checked {
    /// The work folder's name under `checked/`, and the name in messages.
    name: String,
    /// The catalog's output folder (`generated/<name>/`).
    out: PathBuf,
}

impl Checked {
    fn work(&self, root: &Path) -> PathBuf {
        tools(root).join("checked").join(&self.name)
    }
}

fn tools(root: &Path) -> PathBuf {
    root.join(TOOLS)
}

/// The path of a tool's executable in `node_modules/.bin`.
fn bin(root: &Path, name: &str) -> Result<String, String> {
    utf8(&tools(root).join("node_modules/.bin").join(name))
}

fn utf8(path: &Path) -> Result<String, String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("the path {} is not UTF-8", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// `openapi/openapi.json` → `openapi.json`.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Writes the work folder: the two documents, the README's examples beside
/// them, what the types must be, and the tsconfig that maps `types/checks.ts`'s
/// modules to this output; `catalog` is the output's `catalog.json`.
fn prepare(root: &Path, checked: &Checked, catalog: &Value) -> Result<(), String> {
    let work = checked.work(root);
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("removing {}: {e}", work.display()))?;
    }
    for path in [DOCUMENT, JSON_SCHEMA] {
        write(&work.join(file_name(path)), &read(&checked.out.join(path))?)?;
    }
    let readme = read(&checked.out.join(README))?;
    write(&work.join("api.yaml"), &fenced_block(&readme, "yaml")?)?;
    write(
        &work.join("readme-example.mjs"),
        &fenced_block(&readme, "js")?,
    )?;
    write(&work.join("expected.ts"), &expected_types(catalog)?)?;
    write(&work.join("tsconfig.json"), &tsconfig(root, checked)?)?;
    // The catalog's example body, for the JSON Schema's tests (if it is JSON).
    if let Some(body) = catalog["error_body"]["example"].as_str()
        && serde_json::from_str::<Value>(body).is_ok()
    {
        write(&work.join("example-body.json"), body)?;
    }

    println!("wrote {}", work.display());
    Ok(())
}

/// The contents of the first ```` ```language ```` block of a Markdown text.
fn fenced_block(markdown: &str, language: &str) -> Result<String, String> {
    let opening = format!("```{language}");
    let mut lines = markdown.lines().skip_while(|line| *line != opening);
    if lines.next().is_none() {
        return Err(format!("the README has no {opening} block"));
    }
    let mut block = String::new();
    for line in lines.take_while(|line| *line != "```") {
        block += line;
        block.push('\n');
    }
    Ok(block)
}

/// `expected.ts`: the first code, the deprecated codes, the Rust variant
/// names and the names of the responses, from the output's `catalog.json`
/// (JSON strings are TypeScript string literals).
fn expected_types(catalog: &Value) -> Result<String, String> {
    let codes = catalog["codes"]
        .as_array()
        .filter(|codes| !codes.is_empty())
        .ok_or("catalog.json lists no codes")?;
    let literal = |code: &Value| serde_json::to_string(&code["code"]).unwrap_or_default();
    let variants = codes
        .iter()
        .map(|code| serde_json::to_string(&code["rust_variant"]).unwrap_or_default())
        .collect();
    let union = |items: Vec<String>| {
        if items.is_empty() {
            "never".to_owned()
        } else {
            items.join(" | ")
        }
    };
    let deprecated = codes
        .iter()
        .filter(|code| !code["deprecated"].is_null())
        .map(literal)
        .collect();
    let mut statuses: Vec<u64> = codes
        .iter()
        .flat_map(|code| code["cases"].as_array().into_iter().flatten())
        .filter_map(|case| case["http_status"].as_u64())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    // A catalog whose codes carry no status has one response, `Error`.
    let responses = if statuses.is_empty() {
        vec!["\"Error\"".to_owned()]
    } else {
        statuses
            .iter()
            .map(|status| format!("\"Error{status}\""))
            .collect()
    };
    Ok(format!(
        "// Written by `cargo xtask ci` from catalog.json: what the OpenAPI document's types must be.\n\
         import type {{ components }} from \"#openapi\";\n\n\
         type Schemas = components[\"schemas\"];\n\
         export type FirstCode = {};\n\
         export type DeprecatedCode = {};\n\
         export type Variant = {};\n\
         export type ResponseName = {};\n{}",
        literal(&codes[0]),
        union(deprecated),
        union(variants),
        union(responses),
        body_types(&catalog["error_body"])?
    ))
}

/// `Body` (the `ErrorResponse` schema), `Parts` (the schemas it refers
/// to, by name) and `MediaType` (of the responses), as openapi-typescript
/// must write them for the catalog's shape: the fields of the shape's
/// definition, a code wherever it appears an `AnyErrorCode`.
fn body_types(error_body: &Value) -> Result<String, String> {
    let shape = error_body["shape"]
        .as_str()
        .ok_or("catalog.json has no error_body.shape")?;
    let code = "Schemas[\"AnyErrorCode\"]";
    let (body, parts, media_type) = match shape {
        "huawei" => (
            format!(
                "{{ error_code: {code}; error_msg: string; request_id?: string; \
                 encoded_authorization_message?: string; details?: Schemas[\"ErrorResponse\"][] }}"
            ),
            "{}".to_owned(),
            "application/json",
        ),
        "error-object" => (
            "{ error: Schemas[\"ErrorDetail\"] }".to_owned(),
            format!(
                "{{ ErrorDetail: {{ code: {code}; message: string; target?: string; \
                 details?: Schemas[\"ErrorDetail\"][]; innererror?: Schemas[\"InnerError\"] }}; \
                 InnerError: {{ code?: string; innererror?: Schemas[\"InnerError\"] }} }}"
            ),
            "application/json",
        ),
        "google" => {
            let names: Vec<String> = codegen::emit::body::CANONICAL_NAMES
                .iter()
                .map(|name| format!("\"{name}\""))
                .collect();
            (
                "{ error: Schemas[\"Status\"] }".to_owned(),
                format!(
                    "{{ Status: {{ code: number; message: string; status?: {}; \
                     details?: Schemas[\"Detail\"][] }}; Detail: {{ \"@type\": string; \
                     reason?: {code}; domain?: string; metadata?: {{ [key: string]: string }} }} }}",
                    names.join(" | ")
                ),
                "application/json",
            )
        }
        "problem-details" => {
            let member = error_body["code_member"]
                .as_str()
                .ok_or("catalog.json has no error_body.code_member")?;
            (
                format!(
                    "{{ type?: string; title?: string; status?: number; detail?: string; \
                     instance?: string; {}?: {code} }}",
                    serde_json::to_string(member).unwrap_or_default()
                ),
                "{}".to_owned(),
                "application/problem+json",
            )
        }
        other => return Err(format!("catalog.json: an unknown shape, {other}")),
    };
    Ok(format!(
        "export type Body = {body};\nexport type Parts = {parts};\nexport type MediaType = \"{media_type}\";\n"
    ))
}

/// A tsconfig for `types/checks.ts`, to be written beside an `openapi.ts`:
/// `#openapi` is that file, `#openapi-enum` the `openapi-enum.ts` beside
/// it, `#package` the npm package's declarations,
/// `#expected` the work folder's `expected.ts`.
fn tsconfig(root: &Path, checked: &Checked) -> Result<String, String> {
    let types = tools(root).join("types");
    let config = serde_json::json!({
        "extends": utf8(&types.join("tsconfig.base.json"))?,
        "compilerOptions": {
            "paths": {
                "#openapi": ["./openapi.ts"],
                "#openapi-enum": ["./openapi-enum.ts"],
                "#package": [utf8(&checked.out.join("ts/index.d.ts"))?],
                "#expected": [utf8(&checked.work(root).join("expected.ts"))?],
            }
        },
        "files": [utf8(&types.join("checks.ts"))?],
    });
    Ok(serde_json::to_string_pretty(&config).unwrap_or_default() + "\n")
}

/// `redocly lint` on the document and on the README's API description,
/// which references it by relative path. Not one problem, warnings included.
fn lint(root: &Path, checked: &Checked) -> Result<(), String> {
    let work = checked.work(root);
    let document = work.join(file_name(DOCUMENT));
    redocly_lint(root, "redocly-components.yaml", &document)?;
    redocly_lint(root, "redocly.yaml", &work.join("api.yaml"))
}

fn redocly_lint(root: &Path, config: &str, file: &Path) -> Result<(), String> {
    let redocly = bin(root, "redocly")?;
    let file = utf8(file)?;
    let args = ["lint", "--config", config, "--format", "json", &file];
    println!("$ {redocly} {}", args.join(" "));
    let output = Command::new(&redocly)
        .args(args)
        .envs(REDOCLY_ENV)
        .current_dir(tools(root))
        .output()
        .map_err(|e| format!("cannot run `{redocly}`: {e}"))?;
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "`redocly lint` printed no report ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    if problems.is_empty() && output.status.success() {
        println!("{file}: no errors, no warnings");
        return Ok(());
    }
    let lines: Vec<String> = problems.iter().map(problem_line).collect();
    Err(format!(
        "redocly lint found {} problem(s) in {file}:\n  {}",
        problems.len(),
        lines.join("\n  ")
    ))
}

/// `error no-unused-components: Component … is never used. (#/components/…, line 210)`.
fn problem_line(problem: &Value) -> String {
    let location = &problem["location"][0];
    format!(
        "{} {}: {} ({}, line {})",
        problem["severity"].as_str().unwrap_or("?"),
        problem["ruleId"].as_str().unwrap_or("?"),
        problem["message"].as_str().unwrap_or("?"),
        location["pointer"].as_str().unwrap_or("?"),
        location["start"]["line"]
    )
}

/// openapi-typescript writes, beside `openapi.json` in `dir`, `openapi.ts`
/// (its default: a union of string literals for an enum) and
/// `openapi-enum.ts` (with `--enum`: a TypeScript enum, whose members are
/// named after `x-enum-varnames` and commented with `x-enum-descriptions`).
fn generate_types(root: &Path, dir: &Path) -> Result<(), String> {
    let document = utf8(&dir.join(file_name(DOCUMENT)))?;
    for (output, options) in [
        ("openapi.ts", &[][..]),
        ("openapi-enum.ts", &["--enum"][..]),
    ] {
        let output = utf8(&dir.join(output))?;
        let mut args = vec![
            document.as_str(),
            "--redocly",
            "redocly-components.yaml",
            "--output",
            &output,
        ];
        args.extend(options);
        run_command(
            &tools(root),
            &bin(root, "openapi-typescript")?,
            &args,
            &REDOCLY_ENV,
        )?;
    }
    Ok(())
}

/// The generated types pass `types/checks.ts`.
fn types(root: &Path, checked: &Checked) -> Result<(), String> {
    let work = checked.work(root);
    generate_types(root, &work)?;
    run_command(
        &tools(root),
        &bin(root, "tsc")?,
        &["-p", &utf8(&work.join("tsconfig.json"))?],
        &[],
    )?;
    println!(
        "{}: the document's ErrorCode is the npm package's ErrorCode",
        checked.name
    );
    Ok(())
}

/// The same check on a copy of the document without its last code must
/// fail, at the assertion that the two `ErrorCode`s are one type: proof
/// that the check can fail.
fn one_code_short_fails(root: &Path, checked: &Checked) -> Result<(), String> {
    let work = checked.work(root);
    let short = work.join("one-code-short");
    let mut document: Value = serde_json::from_str(&read(&work.join(file_name(DOCUMENT)))?)
        .map_err(|e| format!("{DOCUMENT}: {e}"))?;
    let dropped = drop_last_code(&mut document)?;
    write(
        &short.join(file_name(DOCUMENT)),
        &serde_json::to_string_pretty(&document).unwrap_or_default(),
    )?;
    write(&short.join("tsconfig.json"), &tsconfig(root, checked)?)?;
    generate_types(root, &short)?;
    let tsc = bin(root, "tsc")?;
    let config = utf8(&short.join("tsconfig.json"))?;
    println!("$ {tsc} -p {config}   (must fail: {dropped} is missing)");
    let output = Command::new(&tsc)
        .args(["-p", &config])
        .current_dir(tools(root))
        .output()
        .map_err(|e| format!("cannot run `{tsc}`: {e}"))?;
    let errors = String::from_utf8_lossy(&output.stdout);
    let checks = read(&tools(root).join("types/checks.ts"))?;
    let line = checks
        .lines()
        .position(|l| l == EQUALITY)
        .ok_or_else(|| format!("types/checks.ts no longer has the line `{EQUALITY}`"))?
        + 1;
    let at_equality = format!("types/checks.ts({line},");
    if output.status.success() || !errors.contains(&at_equality) {
        return Err(format!(
            "without {dropped}, tsc should fail at types/checks.ts line {line}; it {}:\n{errors}",
            if output.status.success() {
                "passed"
            } else {
                "failed elsewhere"
            }
        ));
    }
    println!("without {dropped}, tsc fails at the ErrorCode assertion, as it must");
    Ok(())
}

/// Removes the last code from `ErrorCode` (its enum and its extensions);
/// returns the code.
fn drop_last_code(document: &mut Value) -> Result<String, String> {
    let schema = &mut document["components"]["schemas"]["ErrorCode"];
    let code = schema["enum"]
        .as_array_mut()
        .and_then(Vec::pop)
        .and_then(|code| code.as_str().map(str::to_owned))
        .ok_or("the document's ErrorCode has no enum of strings")?;
    for key in ["x-enum-varnames", "x-enum-descriptions"] {
        if let Some(items) = schema[key].as_array_mut() {
            items.pop();
        }
    }
    if let Some(map) = schema["x-enumDescriptions"].as_object_mut() {
        map.remove(&code);
    }
    Ok(code)
}

/// Ajv's checks (`test/schema.test.mjs`), then the README's example, whose
/// output must be what its comments say.
fn json_schema(root: &Path, checked: &Checked, catalog: &Value) -> Result<(), String> {
    let work = checked.work(root);
    let schema = utf8(&work.join(file_name(JSON_SCHEMA)))?;
    let document = utf8(&work.join(file_name(DOCUMENT)))?;
    let shape = catalog["error_body"]["shape"]
        .as_str()
        .ok_or("catalog.json has no error_body.shape")?;
    let bodies = utf8(&crate::workspace::error_bodies(shape))?;
    let example = utf8(&work.join("example-body.json"))?;
    let package = utf8(&checked.out.join("ts"))?;
    let mut env = vec![
        ("SCHEMA", schema.as_str()),
        ("OPENAPI", document.as_str()),
        ("ERROR_BODIES", bodies.as_str()),
        ("PACKAGE_DIR", package.as_str()),
    ];
    if work.join("example-body.json").is_file() {
        env.push(("EXAMPLE_BODY", example.as_str()));
    }
    run_command(
        &tools(root),
        "node",
        &["--test", "--test-reporter=spec", "test/schema.test.mjs"],
        &env,
    )?;
    readme_example(&work)
}

/// Runs `readme-example.mjs` in the work folder: each `console.log(…); // x`
/// line must print `x`.
fn readme_example(work: &Path) -> Result<(), String> {
    let script = read(&work.join("readme-example.mjs"))?;
    let expected: Vec<&str> = script
        .lines()
        .filter(|line| line.starts_with("console.log("))
        .filter_map(|line| line.rsplit_once("// ").map(|(_, comment)| comment))
        .collect();
    println!("$ node readme-example.mjs   (in {})", work.display());
    let output = Command::new("node")
        .arg("readme-example.mjs")
        .current_dir(work)
        .output()
        .map_err(|e| format!("cannot run `node`: {e}"))?;
    let printed = String::from_utf8_lossy(&output.stdout);
    let printed: Vec<&str> = printed.lines().collect();
    if !output.status.success() || expected.is_empty() || printed != expected {
        return Err(format!(
            "the README's JavaScript example printed {printed:?}, its comments say {expected:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    println!("the README's example printed {printed:?}, as its comments say");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fenced_block_is_found_by_its_language() {
        let readme = "# x\n\n```yaml\na: 1\nb: 2\n```\n\n```js\nconsole.log(1); // 1\n```\n";
        assert_eq!(fenced_block(readme, "yaml").as_deref(), Ok("a: 1\nb: 2\n"));
        assert_eq!(
            fenced_block(readme, "js").as_deref(),
            Ok("console.log(1); // 1\n")
        );
        assert!(fenced_block(readme, "ts").is_err());
    }

    #[test]
    fn expected_types_come_from_the_catalog() {
        let catalog = serde_json::json!({"codes": [
            {"code": "A.\"1\"", "rust_variant": "A1", "deprecated": null, "cases": [{"http_status": 429}, {"http_status": 400}]},
            {"code": "B.2", "rust_variant": "B2", "deprecated": "use A", "cases": [{"http_status": 400}]},
        ], "error_body": {"shape": "problem-details", "code_member": "error_code"}});
        let types = expected_types(&catalog).expect("types");
        assert!(
            types.contains("export type FirstCode = \"A.\\\"1\\\"\";\n"),
            "{types}"
        );
        assert!(
            types.contains("export type DeprecatedCode = \"B.2\";\n"),
            "{types}"
        );
        assert!(
            types.contains("export type ResponseName = \"Error400\" | \"Error429\";\n"),
            "{types}"
        );
        assert!(
            types.contains("export type Variant = \"A1\" | \"B2\";\n"),
            "{types}"
        );
        assert!(
            types.contains("instance?: string; \"error_code\"?: Schemas[\"AnyErrorCode\"] };\n"),
            "{types}"
        );
        assert!(
            types.contains("export type MediaType = \"application/problem+json\";\n"),
            "{types}"
        );
        let none = serde_json::json!({"codes": [{"code": "A", "deprecated": null, "cases": [{"http_status": null}]}],
            "error_body": {"shape": "huawei"}});
        let types = expected_types(&none).expect("types");
        assert!(types.contains("DeprecatedCode = never;"), "{types}");
        assert!(types.contains("ResponseName = \"Error\";"), "{types}");
        assert!(expected_types(&serde_json::json!({"codes": []})).is_err());
    }

    #[test]
    fn the_last_code_is_dropped_with_its_extensions() {
        let mut document = serde_json::json!({"components": {"schemas": {"ErrorCode": {
            "enum": ["A", "B"],
            "x-enum-varnames": ["A", "B"],
            "x-enum-descriptions": ["a", "b"],
            "x-enumDescriptions": {"A": "a", "B": "b"},
        }}}});
        assert_eq!(drop_last_code(&mut document).as_deref(), Ok("B"));
        let schema = &document["components"]["schemas"]["ErrorCode"];
        assert_eq!(schema["enum"], serde_json::json!(["A"]));
        assert_eq!(schema["x-enum-varnames"], serde_json::json!(["A"]));
        assert_eq!(schema["x-enum-descriptions"], serde_json::json!(["a"]));
        assert_eq!(schema["x-enumDescriptions"], serde_json::json!({"A": "a"}));
    }
}
