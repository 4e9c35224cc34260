//! The writer: an imported table as a spec table, CSV (the `csv` crate) or
//! YAML (saphyr's emitter), so that no text of the page can break out of
//! its cell.

use saphyr::{Mapping, Scalar, Yaml, YamlEmitter};

use super::{Field, Table};

/// The spec's CSV: RFC 4180, LF line ends, fields quoted only when needed.
///
/// # Errors
/// A message if the CSV writer fails (it writes to memory, so it does not).
pub fn csv(table: &Table) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: csv::Error| format!("writing CSV: {e}");
    writer
        .write_record(table.fields.iter().map(|f| f.name()))
        .map_err(failed)?;
    for row in &table.rows {
        writer.write_record(&row.values).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("writing CSV: {}", e.error()))?;
    String::from_utf8(bytes).map_err(|e| format!("writing CSV: {e}"))
}

/// The spec's YAML: a list of rows, each a mapping in the spec's column
/// order; a text of several lines is a literal block (`|-`).
///
/// # Errors
/// A message if the YAML emitter fails.
pub fn yaml(table: &Table) -> Result<String, String> {
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut mapping = Mapping::new();
            for (field, value) in table.fields.iter().zip(&row.values) {
                let value = match value.parse::<i64>() {
                    // A status stays a number, as a hand-written spec has it.
                    Ok(number) if *field == Field::StatusCode && !value.starts_with('0') => {
                        Yaml::Value(Scalar::Integer(number))
                    }
                    _ => Yaml::Value(Scalar::String(value.clone().into())),
                };
                mapping.insert(Yaml::Value(Scalar::String(field.name().into())), value);
            }
            Yaml::Mapping(mapping)
        })
        .collect();
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    emitter.multiline(true);
    emitter
        .dump(&Yaml::Sequence(rows))
        .map_err(|e| format!("writing YAML: {e}"))?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Row;
    use crate::import::page::Pos;

    fn table(values: &[[&str; 5]]) -> Table {
        Table {
            number: 1,
            at: Pos::new(1, 1),
            caption: None,
            heading: None,
            has_status: true,
            fields: Field::REQUIRED.to_vec(),
            rows: values
                .iter()
                .map(|v| Row {
                    at: Pos::new(1, 1),
                    values: v.iter().map(|s| (*s).to_owned()).collect(),
                    group: None,
                })
                .collect(),
            other: None,
        }
    }

    #[test]
    fn csv_quotes_only_what_needs_quotes() {
        let t = table(&[["400", "A.1", "Bad, \"very\".", "Two\nlines", "Fix."]]);
        assert_eq!(
            csv(&t).expect("CSV"),
            "status_code,error_code,error_msg,description,handling_measure\n400,A.1,\"Bad, \"\"very\"\".\",\"Two\nlines\",Fix.\n"
        );
    }

    #[test]
    fn yaml_keeps_numbers_and_blocks() {
        let t = table(&[["400", "1100", "- not a list: no", "Two\nlines", "'quoted'"]]);
        let yaml = yaml(&t).expect("YAML");
        assert!(yaml.contains("status_code: 400\n"), "{yaml}");
        assert!(yaml.contains("error_code: \"1100\""), "{yaml}");
        assert!(
            yaml.contains("description: |-\n    Two\n    lines"),
            "{yaml}"
        );
    }
}
