use super::*;

#[test]
fn a_fragment_is_the_longest_run_that_minifiers_keep_as_it_is() {
    assert_eq!(
        fragment("Check the \"image\" format: it must be JPG or PNG."),
        Some("format: it must be JPG or PNG.")
    );
    assert_eq!(fragment("Too short."), None);
    assert_eq!(
        fragment("first line is long\nsecond"),
        Some("first line is long")
    );
    assert_eq!(fragment("Größe über die Grenze"), Some("ber die Grenze"));
    assert_eq!(fragment("a `template ${x}` literal"), None);
    assert_eq!(
        fragment("  padded and long enough  "),
        Some("padded and long enough")
    );
}

#[test]
fn the_code_list_budget_is_a_ratio_with_room_for_the_function_of_a_small_table() {
    assert_eq!(code_list_budget(14_000), 21_000);
    assert_eq!(code_list_budget(100), 100 + FIXED_ROOM);
    assert_eq!(code_list_budget(FIXED_ROOM * 2), FIXED_ROOM * 3);
}

#[test]
fn sizes_are_written_in_bytes_or_kilobytes() {
    assert_eq!(bytes(571), "571 B");
    assert_eq!(bytes(14_358), "14.4 KB");
    assert_eq!(bytes(166_505), "166.5 KB");
    assert_eq!(bytes(1_000), "1.0 KB");
}

/// The tests' sample catalog (a copy of a real table).
fn seed() -> Catalog {
    let sample = crate::workspace::root().join(crate::semver_suite::prepare::SAMPLE);
    crate::sync::catalog_of(&sample, "sample").expect("the sample catalog")
}

/// Bundles as a good package gives them: each holds what its export needs.
fn measured(catalog: &Catalog) -> Measured {
    let list: Vec<String> = catalog.codes.iter().map(|c| js_string(&c.code)).collect();
    let list = format!("[{}]", list.join(","));
    let texts = |code: &codegen::model::Code| -> String {
        let mut out = String::new();
        for c in &code.cases {
            out += &format!(
                "{:?},{:?},{:?};",
                c.error_msg, c.description, c.handling_measure
            );
        }
        out
    };
    let everything: String = catalog.codes.iter().map(texts).collect();
    let exports = EXPORTS
        .iter()
        .map(|&(export, holds)| {
            let text = match holds {
                Holds::CodeList => format!("const a={list};export{{a as x}}"),
                Holds::NoText => "function f(){return 1}".to_owned(),
                Holds::FirstEntry => texts(&catalog.codes[0]),
                Holds::Everything => everything.clone(),
            };
            let size = Size {
                minified: text.len(),
                gzipped: text.len() / 4,
            };
            ExportBundles {
                export: export.unwrap_or(&catalog.codes[0].rust_variant).to_owned(),
                holds,
                sizes: [size; 2],
                texts: [text.clone(), text],
            }
        })
        .collect();
    Measured {
        name: "seed".into(),
        codes: catalog.codes.len(),
        code_list: code_list_bytes(catalog),
        exports,
    }
}

fn export<'a>(measured: &'a mut Measured, name: &str) -> &'a mut ExportBundles {
    measured
        .exports
        .iter_mut()
        .find(|e| e.export == name)
        .expect("the export")
}

#[test]
fn good_bundles_pass_and_each_budget_fails_when_exceeded() {
    let catalog = seed();
    let good = measured(&catalog);
    assert_eq!(
        good.code_list,
        format!(
            "[\"{}\"]",
            catalog
                .codes
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join("\",\"")
        )
        .len()
    );
    check(&good, &catalog).expect("good bundles");

    let mut heavy = measured(&catalog);
    export(&mut heavy, "isErrorCode").sizes[1].minified = code_list_budget(heavy.code_list) + 1;
    let error = check(&heavy, &catalog).expect_err("over budget");
    assert!(
        error.starts_with("seed: rollup's bundle of `isErrorCode` is "),
        "{error}"
    );

    let mut leaky = measured(&catalog);
    let text = catalog.codes[5].cases[0].handling_measure.clone();
    export(&mut leaky, "parseErrorResponse").texts[0] += &text;
    let error = check(&leaky, &catalog).expect_err("a text in the parser's bundle");
    assert!(
        error.contains("esbuild's bundle of `parseErrorResponse` holds the table's texts"),
        "{error}"
    );

    let mut two_entries = measured(&catalog);
    let first = catalog.codes[0].rust_variant.clone();
    export(&mut two_entries, &first).texts[1] += &catalog.codes[1].cases[0].handling_measure;
    let error = check(&two_entries, &catalog).expect_err("another code's text");
    assert!(error.contains("holds other codes' texts"), "{error}");

    let mut blind = measured(&catalog);
    export(&mut blind, "ERRORS").texts[0].clear();
    let error = check(&blind, &catalog).expect_err("the table is missing");
    assert!(
        error.contains("`ERRORS` lacks texts of the table"),
        "{error}"
    );
}

#[test]
fn the_report_has_a_row_per_export_and_the_code_list() {
    let catalog = seed();
    let report = report(&[measured(&catalog)]);
    assert_eq!(report.lines().count(), 2 + 1 + EXPORTS.len(), "{report}");
    assert!(
        report.contains("| seed (31 codes) | the code list alone |"),
        "{report}"
    );
    let first = &catalog.codes[0].rust_variant;
    assert!(
        report.contains(&format!("| seed | `{first}` (one code's entry) |")),
        "{report}"
    );
}

/// A text of another code that the first code's own texts hold (as real
/// tables repeat "Try again later." inside longer measures) is not another
/// code's text in the first code's bundle.
#[test]
fn a_text_that_the_first_code_holds_too_is_its_own() {
    let mut catalog = seed();
    let shared = "Try again a little later.".to_owned();
    catalog.codes[1].cases[0]
        .handling_measure
        .clone_from(&shared);
    catalog.codes[0].cases[0].handling_measure = format!("Internal error. {shared}");
    let good = measured(&catalog);
    check(&good, &catalog).expect("the first code's bundle holds only its own texts");
    // The other code's own text elsewhere still counts.
    let mut two_entries = measured(&catalog);
    let first = catalog.codes[0].rust_variant.clone();
    export(&mut two_entries, &first).texts[0] += &catalog.codes[2].cases[0].error_msg;
    let error = check(&two_entries, &catalog).expect_err("another code's text");
    assert!(error.contains("holds other codes' texts"), "{error}");
}
