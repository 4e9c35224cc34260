//! Tests of the TypeScript emitter: spec text stays data in every file.

use super::declarations::{ENTRY_TYPES, SHAPE_TYPES, declarations};
use super::*;
use crate::emit::markdown::paragraph_lines;
use crate::model::{
    BodyShape, Case, Category, Code, ErrorBody, Metadata, Origin, OtherRow, PackageInfo,
};

/// Text that tries to leave a string, a comment, a template or a script.
const HOSTILE: &str = "Ends */ a comment /* \"quoted\" \\ back\\slash `tick` ${x} </script><!-- \u{2028}LS\u{2029}PS @param x {@link y} \u{e9}\u{1F600}";

fn case(http_status: u16, text: &str) -> Case {
    Case {
        http_status: Some(http_status),
        error_msg: format!("msg {text}"),
        description: format!("@returns first\n*/ second\n- third {text}"),
        handling_measure: format!("measure {text}\n\n```js\nalert(1)\n```"),
        origin: Origin {
            file: "t.csv".into(),
            line: 2,
        },
    }
}

fn code(code: &str, category: usize, cases: Vec<Case>, deprecated: Option<&str>) -> Code {
    Code {
        code: code.into(),
        prefix: code.split_once('.').map(|(p, _)| p.to_owned()),
        rust_variant: crate::names::rust_variant(code),
        anchor: crate::names::anchor(code),
        number: 0,
        category,
        retryable: category == 1,
        deprecated: deprecated.map(str::to_owned),
        cases,
    }
}

fn hostile_catalog() -> Catalog {
    Catalog {
        name: "test".into(),
        meta: Metadata {
            title: format!("Title {HOSTILE}"),
            service: format!("Service {HOSTILE}"),
            source_url: Some("https://example.org/a*/b@c<d> e".into()),
            updated_on: Some(format!("today {HOSTILE}")),
            other: OtherRow {
                http_status: Some(400),
                text: format!("Other {HOSTILE}\n@see second"),
            },
            error_body: ErrorBody {
                status: 400,
                example: "{}".into(),
                shape: BodyShape::Huawei,
            },
            crate_name: "hostile".into(),
            npm_name: "hostile-\"pkg".into(),
            version: "1.2.3".into(),
            package: PackageInfo {
                description: format!("Description {HOSTILE}"),
                license: "MIT".into(),
                repository: Some(format!("https://example.org/{HOSTILE}")),
                keywords: vec![HOSTILE.into()],
                crates_io_categories: vec![],
                rust_version: "1.86".into(),
            },
            docs_base_url: None,
            spec_files: vec!["t*/.csv".into()],
            import: None,
            moved_pages: Vec::new(),
        },
        categories: vec![
            Category {
                key: "request".into(),
                rust_variant: "Request".into(),
                title: format!("Fix {HOSTILE}"),
                description: format!("Description {HOSTILE}\n@deprecated not really"),
                retryable: false,
            },
            Category {
                key: "retry".into(),
                rust_variant: "Retry".into(),
                title: "Retry */".into(),
                description: HOSTILE.into(),
                retryable: true,
            },
        ],
        codes: vec![
            code("__proto__", 0, vec![case(400, "proto")], None),
            code("E.\"*/`${x}</script>\\", 0, vec![case(401, HOSTILE)], None),
            code(
                "E.0002",
                1,
                vec![case(503, HOSTILE), case(429, "second case")],
                Some(HOSTILE),
            ),
            code("1100", 1, vec![case(500, "numeric")], None),
        ],
        removed: Vec::new(),
    }
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not emitted"))
        .contents
}

// A small lexer for the emitter's own output: a real parser (swc, oxc) would
// be a heavy dev-dependency for what these tests look at.
/// A JavaScript or TypeScript file split as a parser would: the string
/// literals (decoded as JSON), the comments, and the code between them.
#[derive(Default)]
struct Lexed {
    strings: Vec<String>,
    comments: Vec<String>,
    code: String,
}

fn lex(source: &str) -> Lexed {
    let mut lexed = Lexed::default();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("//") {
            let end = after.find('\n').unwrap_or(after.len());
            lexed.comments.push(after[..end].to_owned());
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("/*") {
            let end = after.find("*/").expect("an unterminated comment");
            lexed.comments.push(after[..end].to_owned());
            rest = &after[end + 2..];
        } else if c == '"' {
            // A string ends at the first quote that no backslash escapes.
            let mut escaped = false;
            let end = rest[1..]
                .char_indices()
                .find(|&(_, c)| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map(|(i, _)| i + 2)
                .expect("an unterminated string");
            let literal = &rest[..end];
            let value: String = serde_json::from_str(literal)
                .unwrap_or_else(|e| panic!("{literal} is not a JSON string: {e}"));
            lexed.strings.push(value);
            lexed.code.push_str("\"\"");
            rest = &rest[end..];
        } else {
            assert!(
                c != '\'' && c != '`',
                "the emitter writes no {c} outside strings"
            );
            lexed.code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    lexed
}

/// The string literals of a template's body (without its header), with
/// each slot's texts, in the order given, in place of the slot.
fn template_strings(template: &str, slots: &[(&str, Vec<String>)]) -> Vec<String> {
    let mut rest = fill(template, &[]);
    let mut strings = Vec::new();
    for (slot, texts) in slots {
        let (before, after) = rest.split_once(slot).expect("the slot");
        strings.extend(lex(before).strings);
        strings.extend(texts.iter().cloned());
        rest = after.to_owned();
    }
    strings.extend(lex(&rest).strings);
    strings
}

/// The texts of each code's `entry(...)` call, in table order.
fn entry_texts(catalog: &Catalog) -> Vec<String> {
    let mut strings = Vec::new();
    for code in &catalog.codes {
        strings.push(code.code.clone());
        strings.push(catalog.categories[code.category].key.clone());
        for case in &code.cases {
            strings.extend(
                [&case.error_msg, &case.description, &case.handling_measure].map(Clone::clone),
            );
        }
        strings.extend(code.deprecated.clone());
    }
    strings
}

/// Every string literal that each JavaScript file must hold, in order:
/// the templates' own and the catalog's texts, nothing else.
fn expected_strings(catalog: &Catalog) -> Vec<(&'static str, Vec<String>)> {
    // The hostile catalog's shape is huawei.
    let [
        frozen,
        codes,
        categories,
        errors,
        error_response,
        error_body,
        huawei,
        _error_object,
        _google,
        _problem_details,
    ] = runtime::TEMPLATES;
    let code_texts: Vec<String> = catalog.codes.iter().map(|c| c.code.clone()).collect();
    let category_texts: Vec<String> = catalog
        .categories
        .iter()
        .flat_map(|c| [c.key.clone(), c.title.clone(), c.description.clone()])
        .collect();
    let frozen = template_strings(frozen.1, &[]);
    let codes = template_strings(codes.1, &[(codes.2[0], code_texts.clone())]);
    let categories = template_strings(categories.1, &[(categories.2[0], category_texts)]);
    let error_response = [
        template_strings(error_response.1, &[]),
        template_strings(huawei.1, &[]),
    ]
    .concat();
    let error_body = template_strings(error_body.1, &[]);
    let errors_esm = template_strings(
        errors.1,
        &[(errors.2[0], entry_texts(catalog)), (errors.2[1], vec![])],
    );
    let errors_cjs = template_strings(
        errors.1,
        &[(errors.2[0], vec![]), (errors.2[1], entry_texts(catalog))],
    );
    let imports = |strings: &[String]| [&["./frozen.js".to_owned()][..], strings].concat();
    let mut cjs = vec!["use strict".to_owned()];
    for part in [
        &frozen,
        &codes,
        &categories,
        &errors_cjs,
        &error_response,
        &error_body,
    ] {
        cjs.extend(part.iter().cloned());
    }
    cjs.extend(code_texts);
    vec![
        (
            "ts/index.js",
            [
                "./categories.js",
                "./codes.js",
                "./errors.js",
                "./error-response.js",
                "./error-body.js",
            ]
            .map(str::to_owned)
            .to_vec(),
        ),
        ("ts/codes.js", codes),
        ("ts/categories.js", imports(&categories)),
        ("ts/errors.js", imports(&errors_esm)),
        ("ts/error-response.js", error_response),
        (
            "ts/error-body.js",
            [
                &["./errors.js".to_owned(), "./error-response.js".to_owned()][..],
                &error_body,
            ]
            .concat(),
        ),
        ("ts/frozen.js", frozen),
        ("ts/index.cjs", cjs),
    ]
}

#[test]
fn runtime_strings_hold_the_spec_text_exactly() {
    let catalog = hostile_catalog();
    let files = emit(&catalog);
    let expected = expected_strings(&catalog);
    let emitted: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| matches!(p.rsplit_once('.'), Some((_, "js" | "cjs"))))
        .collect();
    let mut listed: Vec<&str> = expected.iter().map(|(path, _)| *path).collect();
    listed.sort_unstable();
    assert_eq!(emitted, listed, "every JavaScript file is checked");
    for (path, strings) in expected {
        let source = file(&files, path);
        let lexed = lex(source);
        assert_eq!(lexed.strings, strings, "{path}");
        // (The runtime's own code compares with `<`; "</" and "<!--" would come from spec text.)
        for unsafe_text in [
            "`", "\\", "${", "</", "<!--", "\u{2028}", "\u{2029}", "*/", "quoted",
        ] {
            assert!(
                !lexed.code.contains(unsafe_text),
                "{path}: {unsafe_text:?} outside strings and comments"
            );
        }
        assert!(!source.contains(['\u{2028}', '\u{2029}']), "{path}");
        assert!(!source.contains("</"), "{path}: </ may close a script");
    }
}

#[test]
fn the_modules_export_the_api_and_each_entry() {
    let catalog = hostile_catalog();
    let files = emit(&catalog);
    let esm_exports = |path: &str| -> Vec<String> {
        let code = lex(file(&files, path)).code;
        let (_, list) = code.rsplit_once("\nexport { ").expect("an export list");
        let list = list.strip_suffix(" };\n").expect("the last line");
        list.split(", ").map(str::to_owned).collect()
    };
    assert_eq!(esm_exports("ts/codes.js"), ["ERROR_CODES", "isErrorCode"]);
    assert_eq!(esm_exports("ts/categories.js"), ["CATEGORIES"]);
    assert_eq!(esm_exports("ts/errors.js"), ["ERRORS", "lookupError"]);
    assert_eq!(
        esm_exports("ts/error-response.js"),
        ["parseErrorResponse", "readErrorResponse", "writeBody"]
    );
    assert_eq!(esm_exports("ts/error-body.js"), ["errorBody"]);
    // (The constants' names in the source: the lexer takes out the annotations.)
    let errors = file(&files, "ts/errors.js");
    for code in &catalog.codes {
        let constant = format!(
            "\nexport const {} = /* @__PURE__ */ entry(",
            code.rust_variant
        );
        assert_eq!(errors.matches(&constant).count(), 1, "{}", code.code);
        assert!(errors.contains(&format!("\n  {},\n", code.rust_variant)));
    }
    let index = file(&files, "ts/index.js");
    for line in [
        "export { CATEGORIES } from \"./categories.js\";",
        "export { ERROR_CODES, isErrorCode } from \"./codes.js\";",
        "export * from \"./errors.js\";",
        "export { parseErrorResponse, readErrorResponse } from \"./error-response.js\";",
        "export { errorBody } from \"./error-body.js\";",
    ] {
        assert!(index.contains(&format!("\n{line}\n")), "{line}");
    }
    assert_eq!(lex(index).code.matches("export").count(), 5, "{index}");
    let cjs = lex(file(&files, "ts/index.cjs")).code;
    for name in EXPORTS {
        assert!(
            cjs.contains(&format!("\nexports.{name} = {name};\n")),
            "{name}"
        );
    }
    for code in &catalog.codes {
        let line = format!("\nexports.{} = ERRORS[\"\"];\n", code.rust_variant);
        assert!(cjs.contains(&line), "{line}");
    }
    assert!(!cjs.contains("import") && !cjs.contains("export "));
}

/// The identifiers of code (strings and comments removed), keywords included.
fn identifiers(code: &str) -> Vec<&str> {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$'))
        .collect()
}

/// errors.js exports entries as `Object`, `Set` or `JSON` if codes say so:
/// its own code names nothing but its imports, its constants and keywords.
#[test]
fn errors_js_uses_no_global_that_an_entry_could_hide() {
    let mut catalog = hostile_catalog();
    for (name, number) in [("Object", 10), ("SET", 11), ("JSON", 12)] {
        let mut added = code(name, 0, vec![case(400, name)], None);
        added.number = number;
        catalog.codes.push(added);
    }
    let files = emit(&catalog);
    let lexed = lex(file(&files, "ts/errors.js"));
    let variants: Vec<&str> = catalog
        .codes
        .iter()
        .map(|c| c.rust_variant.as_str())
        .collect();
    assert!(
        variants.contains(&"Object") && variants.contains(&"Set") && variants.contains(&"Json")
    );
    let own = [
        "import",
        "from",
        "export",
        "const",
        "function",
        "return",
        "typeof",
        "undefined",
        "true",
        "false",
        "byCode",
        "entry",
        "hasOwn",
        "ERRORS",
        "lookupError",
        "code",
    ];
    for word in identifiers(&lexed.code) {
        assert!(
            own.contains(&word) || variants.contains(&word),
            "errors.js names `{word}`"
        );
    }
}

#[test]
fn declarations_keep_spec_text_in_strings_and_comments() {
    let catalog = hostile_catalog();
    let files = emit(&catalog);
    let declarations = file(&files, "ts/index.d.ts");
    assert_eq!(declarations, file(&files, "ts/index.d.cts"));
    assert!(!declarations.contains(['\u{2028}', '\u{2029}']));
    let lexed = lex(declarations);
    for code in &catalog.codes {
        // In the union, as the key of ERRORS, as the entry's type argument, in its constant's type.
        let count = lexed.strings.iter().filter(|s| **s == code.code).count();
        assert_eq!(count, 4, "{}", code.code);
        assert!(
            lexed.code.contains(&format!(
                "\nexport declare const {}: (typeof ERRORS)[\"\"];\n",
                code.rust_variant
            )),
            "{}",
            code.code
        );
        let status = code.primary().http_status.expect("every case has a status");
        assert!(
            lexed.code.contains(&format!(
                "\"\": ErrorEntryOf<\"\", {status}, \"\", {}>",
                code.retryable
            )),
            "{}",
            code.code
        );
    }
    for unsafe_text in ["`", "\\", "${", "</", "*/", "quoted", "@"] {
        assert!(
            !lexed.code.contains(unsafe_text),
            "{unsafe_text:?} outside strings and comments"
        );
    }
    // In the comments, every line that starts a tag is the emitter's own.
    let tags: Vec<&str> = lexed
        .comments
        .iter()
        .flat_map(|c| c.lines())
        .filter_map(|line| {
            line.trim_start()
                .trim_start_matches('*')
                .trim_start()
                .strip_prefix('@')
        })
        .collect();
    let deprecated = format!("deprecated {}", doc_text(HOSTILE));
    assert_eq!(
        tags,
        [
            "generated by `cargo xtask gen` from t*/.csv; do not edit",
            "packageDocumentation",
            // On the property of ERRORS and on the constant.
            deprecated.as_str(),
            deprecated.as_str(),
            // The error bodies' functions (the huawei shape's template).
            "throws {SyntaxError} text that is not JSON.",
            "throws {TypeError} a body that is not one (a value that is not an object, an \
             unknown shape, a `details` entry that is not a body, nesting deeper than 127 \
             levels); the message says what was expected, in the words of the Rust crate's error.",
            "throws {RangeError} a value that is not a documented code.",
        ]
    );
    assert!(declarations.contains("readonly \"E.0002\": ErrorEntryOf<\"E.0002\", 503, \"retry\", true> & { readonly deprecated: string };"));
}

#[test]
fn doc_text_cannot_end_a_comment_or_start_a_tag() {
    assert_eq!(doc_text("a */ b"), "a \\*\\/ b");
    assert_eq!(doc_text("**/"), "\\*\\*\\/");
    assert_eq!(doc_text("@param x"), "\\@param x");
    assert_eq!(doc_text("{@link ERRORS}"), "{\\@link ERRORS}");
    assert_eq!(doc_text("a\u{2028}b\u{2029}c"), "a b c");
    assert_eq!(doc_text("<script>"), "\\<script\\>");
    assert_eq!(
        doc_url("https://x.org/a*/b@c <d>"),
        "https://x.org/a*%2Fb%40cd"
    );
    let comment = doc_comment(&paragraph_lines("one */\n@two\n\nthree", doc_text), "  ");
    assert_eq!(
        comment,
        "  /**\n   * one \\*\\/\n   *\n   * \\@two\n   *\n   * three\n   */\n"
    );
}

#[test]
fn js_strings_decode_to_the_text() {
    for text in [HOSTILE, "", "\n\t\r", "\u{0}\u{1f}", "</script>"] {
        let literal = js_string(text);
        assert!(
            !literal.contains(['\u{2028}', '\u{2029}', '<']),
            "{literal}"
        );
        assert_eq!(
            serde_json::from_str::<String>(&literal).ok().as_deref(),
            Some(text)
        );
    }
}

#[test]
fn package_json_is_valid_and_points_at_the_emitted_files() {
    let catalog = hostile_catalog();
    let files = emit(&catalog);
    let text = file(&files, "ts/package.json");
    let json: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    assert_eq!(json["name"], catalog.meta.npm_name.as_str());
    assert_eq!(json["version"], "1.2.3");
    assert_eq!(json["type"], "module");
    assert_eq!(json["sideEffects"], false);
    assert_eq!(json["engines"]["node"], NODE_ENGINES);
    assert_eq!(json["keywords"][0], HOSTILE);
    assert_eq!(
        json["repository"]["url"],
        format!("https://example.org/{HOSTILE}")
    );
    let exports = &json["exports"]["."];
    assert_eq!(exports["import"]["types"], "./index.d.ts");
    assert_eq!(exports["import"]["default"], "./index.js");
    assert_eq!(exports["require"]["types"], "./index.d.cts");
    assert_eq!(exports["require"]["default"], "./index.cjs");
    // `types` first in each branch (serde_json's map sorts, so look at the text).
    for branch in ["import", "require"] {
        let at = text.find(&format!("\"{branch}\"")).expect("branch");
        let types = text[at..].find("\"types\"").expect("types");
        let default = text[at..].find("\"default\"").expect("default");
        assert!(types < default, "{branch}");
    }
    let listed: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| format!("ts/{}", f.as_str().expect("a path")))
        .collect();
    let mut emitted: Vec<String> = files
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| !p.ends_with("README.md") && !p.ends_with("package.json"))
        .collect();
    emitted.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, emitted);
}

#[test]
fn the_model_dump_has_every_case() {
    let catalog = hostile_catalog();
    let json: serde_json::Value = serde_json::from_str(&model_json(&catalog)).expect("valid JSON");
    let codes = json["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), catalog.codes.len());
    assert_eq!(codes[2]["cases"][1]["httpStatus"], 429);
    assert_eq!(codes[2]["deprecated"], HOSTILE);
    assert_eq!(codes[0]["deprecated"], serde_json::Value::Null);
    assert_eq!(codes[1]["code"], "E.\"*/`${x}</script>\\");
    assert_eq!(codes[1]["exportName"], "EXScript");
    assert_eq!(codes[0]["exportName"], "Proto");
    assert_eq!(codes[1]["cases"][0]["errorMsg"], format!("msg {HOSTILE}"));
    assert_eq!(json["categories"][1]["key"], "retry");
}

#[test]
fn the_readme_error_body_example_keeps_the_spec_text_in_its_fence_and_string() {
    let mut catalog = hostile_catalog();
    let example = format!("```\n{HOSTILE}\n````");
    catalog.meta.error_body.example.clone_from(&example);
    let files = emit(&catalog);
    let readme = file(&files, "ts/README.md");
    // Shown verbatim, in a fence longer than any run of backticks in it.
    assert!(
        readme.contains(&format!("\n`````json\n{example}\n`````\n")),
        "{readme}"
    );
    // Passed to parseErrorResponse as one string literal, in a TypeScript fence.
    let call = format!("console.log(explain(400, {}));\n", js_string(&example));
    let section = &readme[readme
        .find("## Error response bodies")
        .expect("the section")..];
    let ts_fence = section.find("ts\n").expect("a ts fence");
    let fence = &section[..ts_fence];
    let fence = &fence[fence.rfind('\n').expect("a line") + 1..];
    assert_eq!(fence, "`".repeat(5), "{section}");
    assert!(section.contains(&format!("{call}{fence}\n")), "{section}");
    // A JSON example is shown on one line.
    catalog.meta.error_body.example =
        "{\n  \"error_code\": \"E.1\",\n  \"error_msg\": \"m\"\n}\n".into();
    let readme = file(&emit(&catalog), "ts/README.md").to_owned();
    assert!(
        readme.contains(r#"explain(400, "{\"error_code\":\"E.1\",\"error_msg\":\"m\"}")"#),
        "{readme}"
    );
}

#[test]
fn the_readme_escapes_spec_text() {
    let files = emit(&hostile_catalog());
    let readme = file(&files, "ts/README.md");
    assert!(!readme.contains("<script>"), "{readme}");
    assert!(readme.contains("from \"hostile-\\\"pkg\";"), "{readme}");
    assert!(readme.starts_with("<!-- @generated"));
    assert_eq!(readme.matches("-->").count(), 1, "{readme}");
}

#[test]
fn codes_link_to_their_reference_section() {
    let mut catalog = hostile_catalog();
    // Validation keeps `*/`, spaces and quotes out of addresses.
    catalog.meta.docs_base_url = Some("https://docs.example.org/a_(b)/".into());
    let declarations = declarations(&catalog);
    let urls = crate::emit::docs::code_urls(&catalog);
    for (code, url) in catalog.codes.iter().zip(&urls) {
        let url = url.as_deref().expect("a base URL gives every code a link");
        assert!(url.ends_with(&format!(".html#{}", code.anchor)), "{url}");
        assert!(declarations.contains(&format!("@see {url}\n")), "{url}");
    }
}

/// Each template says what it is in a first paragraph of `//` comments, which
/// is not emitted, and holds each of its slots once, in the order filled.
#[test]
fn templates_have_a_header_and_their_slots() {
    // The shapes' validated names may be written wherever their slots are.
    let names = |template: &str| {
        template
            .replace("@slot(domain)", "example.org")
            .replace("@slot(code member)", "code")
    };
    let mut templates: Vec<(String, Vec<&str>)> = vec![(ENTRY_TYPES.to_owned(), vec![])];
    templates.extend(
        SHAPE_TYPES
            .iter()
            .map(|(_, template)| (names(template), vec!["@slot(service)"])),
    );
    templates.extend(
        runtime::TEMPLATES
            .iter()
            .map(|(_, template, slots)| ((*template).to_owned(), slots.to_vec())),
    );
    for (template, slots) in &templates {
        let slots = slots.clone();
        let (header, body) = template.split_once("\n\n").expect("a header paragraph");
        assert!(header.lines().all(|l| l.starts_with("// ")), "{header}");
        // The header is one paragraph: the body starts with code, or with a slot.
        assert!(
            !body.starts_with("//") || body.starts_with("// @slot"),
            "{body}"
        );
        let mut rest = body;
        for slot in slots {
            assert_eq!(body.matches(slot).count(), 1, "{slot}");
            rest = rest.split_once(slot).expect("slots in order").1;
        }
        assert!(!rest.contains("@slot"), "a slot that is never filled");
    }
    let filled = fill(
        "// about\n\na @slot(x) b @slot(y) c",
        &[("@slot(x)", "@slot(y)"), ("@slot(y)", "Y")],
    );
    assert_eq!(filled, "a @slot(y) b Y c", "text put in never fills a slot");
}
