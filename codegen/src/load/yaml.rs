//! YAML files (`catalog.yaml` and YAML tables), read with saphyr into
//! positioned nodes whose scalars keep their text as written.

use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};

use super::raw::{Quoting, RawCell, RawRow, RawSpec, RawTable, YamlNode, YamlValue};
use super::source::Pos;

/// Parses a YAML file into positioned nodes; reports a syntax error or a
/// file with several documents.
pub(super) fn parse_yaml(spec: &mut RawSpec, file: usize) -> Option<YamlNode> {
    let text = spec.files[file].text.clone();
    let mut loader: YamlLoader<MarkedYaml> = YamlLoader::default();
    loader.early_parse(false);
    let mut parser = saphyr_parser::Parser::new_from_str(&text);
    let result = parser.load(&mut loader, true);
    let error = result.err().or_else(|| loader.error().cloned());
    if let Some(e) = error {
        let marker = e.marker();
        let pos = Pos {
            line: marker.line(),
            column: marker.col() + 1,
        };
        let d = spec
            .error_at(file, pos, format!("malformed YAML: {}", e.info()))
            .with_hint("check the indentation and quoting here; a value holding `: ` or starting with a quote, `{`, `[`, `*`, `&`, `!`, `|`, `>`, `%` or `@` must be quoted");
        spec.diagnostics.push(d);
        return None;
    }
    let mut documents = loader.into_documents().into_iter();
    let first = documents.next();
    if let Some(second) = documents.next() {
        let pos = position(&second);
        spec.push_error(
            file,
            pos,
            "this file holds a second YAML document",
            "a spec file is one YAML document: remove the `---` line",
        );
        return None;
    }
    Some(first.map_or(
        YamlNode {
            pos: spec.files[file].start(),
            value: YamlValue::Null,
            verbatim: false,
        },
        |doc| convert(&doc),
    ))
}

fn position(node: &MarkedYaml) -> Pos {
    let start = node.span.start;
    Pos {
        line: start.line(),
        column: start.col() + 1,
    }
}

fn convert(node: &MarkedYaml) -> YamlNode {
    let pos = position(node);
    let mut verbatim = false;
    let value = match &node.data {
        YamlData::Representation(text, style, _) => {
            let plain = *style == ScalarStyle::Plain;
            verbatim = plain && node.span.start.line() == node.span.end.line();
            if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                YamlValue::Null
            } else if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                // A block scalar's last line break ends the block; it is not text.
                YamlValue::Scalar(text.strip_suffix('\n').unwrap_or(text).to_owned())
            } else {
                YamlValue::Scalar(text.to_string())
            }
        }
        YamlData::Value(scalar) => YamlValue::Scalar(format!("{scalar:?}")),
        YamlData::Sequence(items) => YamlValue::Seq(items.iter().map(convert).collect()),
        YamlData::Mapping(map) => {
            YamlValue::Map(map.iter().map(|(k, v)| (convert(k), convert(v))).collect())
        }
        YamlData::Tagged(_, inner) => return convert(inner),
        YamlData::Alias(_) | YamlData::BadValue => YamlValue::Null,
    };
    YamlNode {
        pos,
        value,
        verbatim,
    }
}

/// A YAML table: a list of mappings whose keys are column names.
pub(super) fn parse_yaml_table(spec: &mut RawSpec, file: usize) -> Option<RawTable> {
    let root = parse_yaml(spec, file)?;
    let items = match root.value {
        YamlValue::Seq(items) => items,
        YamlValue::Null => Vec::new(),
        _ => {
            let message = format!("a YAML table must be a list of rows, not {}", root.kind());
            spec.push_error(
                file,
                root.pos,
                message,
                "write each row as `- error_code: AIS.0014` followed by its other fields",
            );
            return None;
        }
    };
    let mut rows = Vec::new();
    for item in items {
        let YamlValue::Map(entries) = &item.value else {
            let message = format!(
                "a row must be a mapping of column to value, not {}",
                item.kind()
            );
            let hint = "write each row as `- error_code: AIS.0014` followed by its other fields, indented below it";
            spec.push_error(file, item.pos, message, hint);
            continue;
        };
        let mut cells = Vec::new();
        let mut not_text = Vec::new();
        for (key, value) in entries {
            let YamlValue::Scalar(column) = &key.value else {
                let hint = "the keys of a row are column names, such as `error_code`";
                spec.push_error(file, key.pos, "a column name must be text", hint);
                continue;
            };
            let text = match &value.value {
                YamlValue::Scalar(s) => s.clone(),
                YamlValue::Null => String::new(),
                _ => {
                    let message =
                        format!("the value of `{column}` must be text, not {}", value.kind());
                    let hint = "quote a value that holds `: `, or starts with `[`, `{` or `- `";
                    spec.push_error(file, value.pos, message, hint);
                    not_text.push(column.clone());
                    continue;
                }
            };
            cells.push(RawCell {
                column: column.clone(),
                value: text,
                pos: value.pos,
                quoting: if value.verbatim {
                    Quoting::Verbatim
                } else {
                    Quoting::Opaque
                },
            });
        }
        rows.push(RawRow {
            pos: item.pos,
            cells,
            end: item.pos,
            not_text,
        });
    }
    Some(RawTable {
        file,
        pos: root.pos,
        header: None,
        rows,
    })
}
