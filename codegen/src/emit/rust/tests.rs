//! The Rust emitter: what each file holds, that spec text stays data, and
//! that generated crates compile and read back every row of their spec.

use std::path::{Path, PathBuf};
use std::process::Command;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::lookup::tests::{near_misses, seed_catalog, synthetic_codes};
use super::*;
use crate::model::{
    BodyShape, Case, Category, Code, ErrorBody, Metadata, Origin, OtherRow, PackageInfo,
};

const HOSTILE: &str = "*/ \"quoted\" \\ `tick` ```rust\nfn x() {}\n``` <script>alert(1)</script> | # 1. {} %s\n    indented";

fn case(status: u16, text: &str) -> Case {
    Case {
        http_status: Some(status),
        error_msg: text.to_owned(),
        description: text.to_owned(),
        handling_measure: text.to_owned(),
        origin: Origin {
            file: "t.csv".into(),
            line: 2,
        },
    }
}

fn code(code: &str, cases: Vec<Case>) -> Code {
    Code {
        number: 0,
        code: code.to_owned(),
        prefix: code.split_once('.').map(|(p, _)| p.to_owned()),
        rust_variant: crate::names::rust_variant(code),
        anchor: crate::names::anchor(code),
        category: 0,
        retryable: false,
        deprecated: None,
        cases,
    }
}

fn catalog(codes: Vec<Code>) -> Catalog {
    Catalog {
        name: "test".into(),
        meta: Metadata {
            title: "Test codes".into(),
            service: "Test API".into(),
            source_url: None,
            updated_on: None,
            other: OtherRow {
                http_status: None,
                text: HOSTILE.into(),
            },
            error_body: ErrorBody {
                status: 400,
                example: "{\"error_code\": \"```\"}".into(),
                shape: BodyShape::Huawei,
            },
            crate_name: "test-codes".into(),
            npm_name: "test-codes".into(),
            version: "0.1.0".into(),
            package: PackageInfo {
                description: "d".into(),
                license: "MIT".into(),
                repository: None,
                keywords: vec![],
                crates_io_categories: vec![],
                rust_version: "1.86".into(),
            },
            docs_base_url: None,
            spec_files: vec!["t.csv".into()],
            import: None,
            moved_pages: Vec::new(),
        },
        categories: vec![Category {
            key: "request".into(),
            rust_variant: "Request".into(),
            title: "Fix <it>".into(),
            description: HOSTILE.into(),
            retryable: false,
        }],
        codes,
        removed: Vec::new(),
    }
}

/// Each source file of the crate, parsed.
fn sources(catalog: &Catalog) -> Vec<(String, syn::File)> {
    emit(catalog)
        .into_iter()
        .filter(|f| f.path.starts_with("rust/src/"))
        .map(|f| {
            let file = syn::parse_file(&f.contents)
                .unwrap_or_else(|e| panic!("{}: {e}\n{}", f.path, f.contents));
            (f.path, file)
        })
        .collect()
}

/// The contents of one generated file.
fn contents(catalog: &Catalog, path: &str) -> String {
    emit(catalog)
        .into_iter()
        .find(|f| f.path == path)
        .map_or_else(|| panic!("no {path}"), |f| f.contents)
}

/// Every string literal of the file, attribute values included.
fn strings(file: &syn::File) -> Vec<String> {
    let tokens = quote!(#file).to_string();
    let mut found = Vec::new();
    collect(
        syn::parse_str::<TokenStream>(&tokens).expect("tokens"),
        &mut found,
    );
    found
}

fn collect(tokens: TokenStream, found: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Group(g) => collect(g.stream(), found),
            proc_macro2::TokenTree::Literal(l) => {
                if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) {
                    found.push(s.value());
                }
            }
            _ => {}
        }
    }
}

#[test]
fn hostile_text_stays_inside_its_string_literals() {
    let catalog = catalog(vec![code("X.1", vec![case(400, HOSTILE)])]);
    let table = sources(&catalog)
        .into_iter()
        .find(|(path, _)| path == "rust/src/table.rs")
        .expect("table.rs");
    let strings = strings(&table.1);
    assert_eq!(
        strings.iter().filter(|s| *s == HOSTILE).count(),
        3,
        "each text is one literal, unchanged"
    );
}

/// The data is there to read: every text of the seed is a string literal
/// of `table.rs` (in its code's entry, which
/// `a_code_is_one_entry_with_a_row_per_case` checks), and no file packs data into wide integers.
#[test]
fn every_seed_text_is_a_string_literal_of_the_table() {
    let catalog = seed_catalog();
    let sources = sources(&catalog);
    let (_, table) = sources
        .iter()
        .find(|(path, _)| path == "rust/src/table.rs")
        .expect("table.rs");
    let literals: std::collections::HashSet<String> = strings(table).into_iter().collect();
    let mut texts = 0;
    for code in &catalog.codes {
        assert!(literals.contains(&code.code), "{}", code.code);
        for case in &code.cases {
            for text in [&case.error_msg, &case.description, &case.handling_measure] {
                assert!(literals.contains(text), "{}: {text:?}", code.code);
                texts += 1;
            }
        }
    }
    assert!(texts >= 3 * 31, "{texts}");
    // (`lookup.rs` hashes with `u64` and `u128` arithmetic, and
    // `error_response.rs` reads `u64`s of a JSON body: not data.)
    let data_files = ["lib.rs", "error_code.rs", "table.rs", "category.rs"];
    for (path, file) in sources.iter().filter(|(path, _)| {
        data_files
            .iter()
            .any(|name| path.ends_with(&format!("/{name}")))
    }) {
        let tokens = quote!(#file).to_string();
        for packed in ["u128", "u64", "TEXT_START"] {
            assert!(!tokens.contains(packed), "{path} has `{packed}`");
        }
    }
}

#[test]
fn doc_comments_cannot_start_code_blocks_or_html() {
    let catalog = catalog(vec![code("X.1", vec![case(400, HOSTILE)])]);
    let text = contents(&catalog, "rust/src/error_code.rs");
    let variants = &text[text.find("pub enum ErrorCode").expect("the enum")..];
    let doc_lines: Vec<&str> = variants
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("///"))
        .collect();
    for line in &doc_lines {
        let body = line.trim_start_matches('/').strip_prefix(' ').unwrap_or("");
        assert!(!body.starts_with("    "), "indented code: {line}");
        assert!(!body.contains("<script>"), "raw HTML: {line}");
        assert!(
            !body.trim_start().starts_with("```"),
            "a fence in a variant's docs: {line}"
        );
    }
    assert!(
        doc_lines.iter().any(|l| l.contains("\\<script\\>")),
        "the text is shown, escaped"
    );
}

#[test]
fn a_code_is_one_entry_with_a_row_per_case() {
    let mut catalog = catalog(vec![
        code(
            "APIG.0201",
            vec![
                case(400, "Same text."),
                case(413, "Too large."),
                case(504, "Same text."),
            ],
        ),
        code("APIG.0202", vec![case(500, "Same text.")]),
    ]);
    catalog.codes[0].number = 1;
    catalog.codes[1].number = 0;
    let table = contents(&catalog, "rust/src/table.rs");
    let squeezed: String = table.split_whitespace().collect();
    // In number order: APIG.0202 (0) first, with its one row, then APIG.0201
    // (1) with its three rows.
    let expected = [
        "Entry{number:0,code:\"APIG.0202\",name:\"Apig0202\",category:Category::Request,retryable:false,cases:Cases::One(ErrorCase{http_status:500,error_msg:\"Sametext.\"",
        "Entry{number:1,code:\"APIG.0201\",name:\"Apig0201\",category:Category::Request,retryable:false,cases:Cases::Many(&[ErrorCase{http_status:400,",
        "ErrorCase{http_status:413,error_msg:\"Toolarge.\",description:\"Toolarge.\",handling_measure:\"Toolarge.\",},ErrorCase{http_status:504,",
    ];
    let mut rest = squeezed.as_str();
    for part in expected {
        let at = rest.find(part).unwrap_or_else(|| panic!("{part}\n{table}"));
        rest = &rest[at + part.len()..];
    }
    assert_eq!(
        table.matches("\"Same text.\"").count(),
        9,
        "every text in its row"
    );
}

#[test]
fn discriminants_are_the_stable_numbers_in_a_u32_for_every_size() {
    let mut catalog = catalog(vec![
        code("X.1", vec![case(400, "x")]),
        code("X.2", vec![case(400, "y")]),
    ]);
    catalog.codes[0].number = 100_000;
    catalog.codes[1].number = 7;
    let text = contents(&catalog, "rust/src/error_code.rs");
    assert!(text.contains("#[repr(u32)]\npub enum ErrorCode"), "{text}");
    // In number order, each number written where it does not follow on.
    let (x2, x1) = (
        text.find("    X2 = 7,\n").expect("X2"),
        text.find("    X1 = 100_000,\n").expect("X1"),
    );
    assert!(x2 < x1, "{text}");
    catalog.codes[0].number = 0;
    catalog.codes[1].number = 1;
    let text = contents(&catalog, "rust/src/error_code.rs");
    assert!(
        text.contains("    X1,\n") && text.contains("    X2,\n"),
        "{text}"
    );
    let lib = contents(&catalog, "rust/src/lib.rs");
    assert!(
        !lib.contains("derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd"),
        "{lib}"
    );
    assert!(lib.contains("impl Ord for ErrorCode"), "{lib}");
}

#[test]
fn output_is_deterministic() {
    let catalog = catalog(vec![
        code("B.2", vec![case(400, "b")]),
        code("A.1", vec![case(401, "a")]),
    ]);
    assert_eq!(emit(&catalog), emit(&catalog));
}

#[test]
fn every_file_starts_with_the_generated_line() {
    let catalog = catalog(vec![code("X.1", vec![case(400, "x")])]);
    for file in emit(&catalog) {
        let first = file.contents.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by `cargo xtask gen` from t.csv"),
            "{}: {first}",
            file.path
        );
        if file.path.starts_with("rust/src/") {
            assert!(
                file.contents
                    .contains("\n#![cfg_attr(rustfmt, rustfmt::skip)]\n"),
                "{}",
                file.path
            );
        }
    }
}

#[test]
fn variants_link_to_their_reference_section() {
    let mut catalog = catalog(vec![
        code("AIS.0014", vec![case(400, "x")]),
        code("1100", vec![case(400, "y")]),
    ]);
    assert!(
        !contents(&catalog, "rust/src/error_code.rs").contains("reference page"),
        "no base URL, no link"
    );
    catalog.meta.docs_base_url = Some("https://docs.example.org/ais/".into());
    let text = contents(&catalog, "rust/src/error_code.rs");
    assert!(
        text.contains(
            "/// See the [reference page](<https://docs.example.org/ais/test/ais.html#ais0014>)."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "/// See the [reference page](<https://docs.example.org/ais/test/no-prefix.html#1100>)."
        ),
        "{text}"
    );
}

/// The seed catalog with its codes replaced by `codes`, numbered from `first`
/// with gaps and not in table order (as after codes were removed and added).
fn catalog_with_codes(codes: &[String], crate_name: &str, first: u32) -> Catalog {
    let mut catalog = seed_catalog();
    let case = catalog.codes[0].primary().clone();
    let category_count = catalog.categories.len();
    catalog.meta.crate_name = crate_name.to_owned();
    // Texts that repeat across codes and texts of their own, statuses,
    // categories and retryability that vary, and codes with several rows.
    let row = |i: usize, k: usize| Case {
        http_status: Some([400, 401, 403, 404, 429, 500][(i + k) % 6]),
        error_msg: format!("Message {}.", (i + k) % 50),
        description: format!("Row {k} of code {i}:\nsecond paragraph, 错误."),
        handling_measure: if i % 2 == 0 {
            "Fix it.".into()
        } else {
            format!("Fix {i}.")
        },
        ..case.clone()
    };
    let count = u32::try_from(codes.len()).expect("a few codes");
    catalog.codes = (0..)
        .zip(codes)
        .map(|(i, code): (u32, &String)| {
            let n = i as usize;
            Code {
                code: code.clone(),
                prefix: None,
                rust_variant: format!("C{i}"),
                anchor: format!("c{i}"),
                // The last codes first, and every third number unused.
                number: first + (count - 1 - i) * 3 / 2,
                category: n % category_count,
                retryable: n % 3 == 0,
                deprecated: None,
                cases: (0..1 + usize::from(n % 5 == 0) + usize::from(n % 10 == 0))
                    .map(|k| row(n, k))
                    .collect(),
            }
        })
        .collect();
    catalog
}

/// Writes the crate for `catalog` into `dir` (with a binary search instead
/// of the perfect hash table if `binary_search`), with tests that check
/// `from_code` against the catalog's codes and their near misses, `Debug`
/// against the variant names, the discriminants against the numbers, `Ord`
/// against the texts, and every accessor against the catalog's rows.
fn write_crate_with_test(catalog: &Catalog, dir: &Path, binary_search: bool) {
    let mut files = emit(catalog);
    if binary_search {
        let lookup = files
            .iter_mut()
            .find(|f| f.path == "rust/src/lookup.rs")
            .expect("lookup.rs");
        lookup.contents = render(lookup::file_within(catalog, 0));
    }
    let literals = |texts: &mut dyn Iterator<Item = &str>| -> String {
        texts.fold(String::new(), |mut out, t| {
            out += &format!("    {},\n", Literal::string(t));
            out
        })
    };
    // Every list in number order, as `ErrorCode::ALL`.
    let ordered = by_number(catalog);
    let codes: Vec<&str> = ordered.iter().map(|c| c.code.as_str()).collect();
    let rows = ordered
        .iter()
        .enumerate()
        .fold(String::new(), |mut out, (i, code)| {
            for case in &code.cases {
                out += &format!(
                    "    ({i}, {}, {}, {}, {}),\n",
                    case.http_status.unwrap_or_default(),
                    Literal::string(&case.error_msg),
                    Literal::string(&case.description),
                    Literal::string(&case.handling_measure)
                );
            }
            out
        });
    let codes_data = ordered.iter().fold(String::new(), |mut out, code| {
        out += &format!(
            "    ({}, {}, {}, {}),\n",
            Literal::string(&code.rust_variant),
            code.number,
            Literal::string(&catalog.categories[code.category].key),
            code.retryable
        );
        out
    });
    let misses = near_misses(&codes);
    let test = format!(
        "use {lib}::ErrorCode;\n\n\
         const SPEC_CODES: &[&str] = &[\n{codes}];\n\n\
         const MISSES: &[&str] = &[\n{misses}];\n\n\
         /// (index in the table, status, error_msg, description, handling_measure), every row.\n\
         const ROWS: &[(usize, u16, &str, &str, &str)] = &[\n{rows}];\n\n\
         /// (variant, number, category, retryable), in number order.\n\
         const CODES_DATA: &[(&str, u32, &str, bool)] = &[\n{codes_data}];\n\n\
         #[test]\n\
         fn every_row_reads_back() {{\n\
         \x20   let mut rows = ROWS.iter();\n\
         \x20   for (i, code) in ErrorCode::ALL.iter().enumerate() {{\n\
         \x20       let cases = code.cases();\n\
         \x20       let first = cases[0];\n\
         \x20       assert_eq!((code.http_status(), code.error_msg(), code.description(), code.handling_measure()),\n\
         \x20           (first.http_status, first.error_msg, first.description, first.handling_measure));\n\
         \x20       for case in cases {{\n\
         \x20           let expected = rows.next().expect(\"a row\");\n\
         \x20           assert_eq!(&(i, case.http_status, case.error_msg, case.description, case.handling_measure), expected);\n\
         \x20       }}\n\
         \x20       let (variant, number, category, retryable) = CODES_DATA[i];\n\
         \x20       assert_eq!(format!(\"{{code:?}}\"), variant);\n\
         \x20       assert_eq!(*code as u32, number, \"{{code}}\");\n\
         \x20       assert_eq!((code.category().as_str(), code.is_retryable()), (category, retryable), \"{{code}}\");\n\
         \x20   }}\n\
         \x20   assert!(rows.next().is_none(), \"every row is some code's\");\n\
         }}\n\n\
         #[test]\n\
         fn every_code_of_the_spec_is_found() {{\n\
         \x20   assert_eq!(ErrorCode::ALL.len(), SPEC_CODES.len());\n\
         \x20   for (i, code) in SPEC_CODES.iter().enumerate() {{\n\
         \x20       assert_eq!(ErrorCode::from_code(code), Some(ErrorCode::ALL[i]), \"{{code}}\");\n\
         \x20       assert_eq!(ErrorCode::ALL[i].as_str(), *code);\n\
         \x20   }}\n\
         }}\n\n\
         #[test]\n\
         fn codes_are_ordered_by_their_text() {{\n\
         \x20   let mut codes = ErrorCode::ALL.to_vec();\n\
         \x20   codes.sort();\n\
         \x20   let mut texts = SPEC_CODES.to_vec();\n\
         \x20   texts.sort_unstable();\n\
         \x20   assert_eq!(codes.iter().map(|c| c.as_str()).collect::<Vec<_>>(), texts);\n\
         }}\n\n\
         #[test]\n\
         fn near_misses_are_not_found() {{\n\
         \x20   for code in MISSES {{\n\
         \x20       assert_eq!(ErrorCode::from_code(code), None, \"{{code:?}}\");\n\
         \x20   }}\n\
         }}\n",
        lib = lib_name(catalog),
        codes = literals(&mut codes.iter().copied()),
        misses = literals(&mut misses.iter().map(String::as_str)),
    );
    for file in files {
        let path = dir.join(file.path.trim_start_matches("rust/"));
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, file.contents).expect("write");
    }
    std::fs::create_dir_all(dir.join("tests")).expect("mkdir");
    std::fs::write(dir.join("tests/from_code.rs"), test).expect("write");
}

/// The seed crate; a synthetic crate whose numbers have gaps and another
/// order than its table; the same with a binary search instead of the perfect
/// hash; and one whose numbers need `u32` slots (as for more than 65,535
/// codes): each compiles and passes its tests.
#[test]
fn generated_crates_find_every_code_and_no_near_miss() {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/lookup-tests");
    let workspace = root.join("crates");
    let _ = std::fs::remove_dir_all(&workspace);
    let codes = synthetic_codes(2_000);
    write_crate_with_test(&seed_catalog(), &workspace.join("seed"), false);
    let synthetic = catalog_with_codes(&codes, "synthetic-codes", 0);
    write_crate_with_test(&synthetic, &workspace.join("synthetic"), false);
    let fallback = catalog_with_codes(&codes, "fallback-codes", 0);
    write_crate_with_test(&fallback, &workspace.join("fallback"), true);
    let wide = catalog_with_codes(&codes, "wide-codes", 70_000);
    write_crate_with_test(&wide, &workspace.join("wide"), false);
    assert!(
        std::fs::read_to_string(workspace.join("wide/src/lookup.rs"))
            .expect("lookup.rs")
            .contains("static SLOTS: [u32;")
    );
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"seed\", \"synthetic\", \"fallback\", \"wide\"]\n",
    )
    .expect("write");
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--workspace", "--tests"])
        .env("CARGO_TARGET_DIR", root.join("target"))
        .current_dir(&workspace)
        .output()
        .expect("cargo runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{log}");
    assert_eq!(log.matches("4 passed; 0 failed").count(), 4, "{log}");
}
