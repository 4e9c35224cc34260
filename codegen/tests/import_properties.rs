//! Property tests of the importer: no page text panics a reader, and no
//! text of a page can break out of the CSV or YAML cell it is written to.
//!
//! The case count is modest (two cores) and the seed fixed, so that a CI
//! failure can be repeated; `PROPTEST_CASES` and `PROPTEST_RNG_SEED` override them.

use codegen::import::{self, Format, Options, Table};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use saphyr::{LoadableYamlNode, Yaml};

const SEED: u64 = 0x1_4907;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: from_env("PROPTEST_CASES").unwrap_or(cases),
        rng_seed: RngSeed::Fixed(from_env("PROPTEST_RNG_SEED").unwrap_or(SEED)),
        ..ProptestConfig::default()
    }
}

fn from_env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok()?.parse().ok()
}

/// Text made of `pieces` (the syntax a reader looks for) and any characters.
fn soup(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(pieces).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..120,
    )
    .prop_map(|parts| parts.concat())
}

const RST: &[&str] = &[
    "+",
    "-",
    "=",
    "|",
    " ",
    "\n",
    "\r\n",
    "\t",
    "+----+---+\n",
    "+====+===+\n",
    "=== ===\n",
    "---- --\n",
    "400 A.1\n",
    "| 400 | A.1 |\n",
    "|    |   |\n",
    "``",
    "**",
    "*",
    "`",
    "_",
    "__",
    ":ref:`",
    " <x>`_",
    "\\",
    "::\n\n   ",
    ".. list-table::\n",
    "   :header-rows: 1\n",
    "   * - ",
    "     - ",
    "\n   ",
    ".. note::",
    ".. ",
    "1. ",
    "#. ",
    "- ",
    "宽",
    "é",
    "Status Code",
    "Error Code",
    "Message",
    "Other",
    "5XX",
];

const MARKDOWN: &[&str] = &[
    "|",
    "---",
    ":",
    "\n",
    "`",
    "\\|",
    "\\",
    "<br>",
    " ",
    "Status Code",
    "Error Code",
    "Message",
    "400",
    "A.1",
    "*",
    "**",
    "[a](b)",
    "![i](j)",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "\n\n",
];

const HTML: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<thead>",
    "</thead>",
    "<td rowspan=\"3\">",
    "<td colspan=\"0\">",
    "<th colspan=\"99999\">",
    "<td rowspan=\"0\">",
    "<br>",
    "<p>",
    "<ol>",
    "<li>",
    "</ol>",
    "<script>",
    "</script>",
    "<caption>",
    "&amp;",
    "&",
    "<",
    ">",
    "\"",
    "Status Code",
    "Error Code",
    "400",
    "A.1",
    " ",
    "\n",
];

const COPIED_TEXT: &[&str] = &[
    "\n\n",
    "\n",
    " ",
    "Status Code",
    "Error Code",
    "Description",
    "Handling Measure",
    "400",
    "5XX",
    "A.1",
    "Other",
    "text",
    "Error Codes",
];

/// Imports the text; each table it gives must be written and read back intact.
fn import_and_write(text: &str, format: Format) -> Result<(), TestCaseError> {
    let imported = import::import("page", text, format, &Options::default());
    let _ = import::render(&imported.diagnostics);
    for table in &imported.tables {
        prop_assert_eq!(
            read_csv(&import::write::csv(table).expect("CSV")),
            rows(table)
        );
        prop_assert_eq!(
            read_yaml(&import::write::yaml(table).expect("YAML"), table),
            rows(table)
        );
    }
    Ok(())
}

fn rows(table: &Table) -> Vec<Vec<String>> {
    table.rows.iter().map(|r| r.values.clone()).collect()
}

fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

fn read_yaml(text: &str, table: &Table) -> Vec<Vec<String>> {
    let documents = Yaml::load_from_str(text).expect("YAML that loads");
    let Some(Yaml::Sequence(rows)) = documents.first() else {
        return Vec::new();
    };
    rows.iter()
        .map(|row| {
            table
                .fields
                .iter()
                .map(|f| match &row[f.name()] {
                    Yaml::Value(saphyr::Scalar::String(s)) => s.to_string(),
                    Yaml::Value(saphyr::Scalar::Integer(n)) => n.to_string(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn rst_pages_never_panic(text in soup(RST)) {
        import_and_write(&text, Format::Rst)?;
    }

    #[test]
    fn markdown_pages_never_panic(text in soup(MARKDOWN)) {
        import_and_write(&text, Format::Markdown)?;
    }

    #[test]
    fn html_pages_never_panic(text in soup(HTML)) {
        import_and_write(&text, Format::Html)?;
    }

    #[test]
    fn copied_text_never_panics(text in soup(COPIED_TEXT)) {
        import_and_write(&text, Format::CopiedText)?;
    }

    #[test]
    fn any_text_in_any_format_never_panics(text in any::<String>()) {
        for format in [Format::Rst, Format::Markdown, Format::Html, Format::CopiedText] {
            import_and_write(&text, format)?;
        }
    }

    /// Whatever a cell holds (quotes, commas, line breaks, YAML syntax),
    /// the written table reads back to the same text.
    #[test]
    fn cell_text_stays_in_its_cell(cell in "[ -~\n\"',:#|*&!%@`{}\\[\\]-]{0,40}") {
        let text = cell.trim().replace('\n', " ").replace('|', "\\|");
        let page = format!("| Status Code | Error Code | Message |\n|---|---|---|\n| 400 | A.1 | x{text}x |\n");
        import_and_write(&page, Format::Markdown)?;
        let html = format!("<table><tr><th>Status Code</th><th>Error Code</th><th>Message</th></tr><tr><td>400</td><td>A.1</td><td><pre>{}</pre></td></tr></table>", cell.replace('&', "&amp;").replace('<', "&lt;"));
        import_and_write(&html, Format::Html)?;
    }
}
