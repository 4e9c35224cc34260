//! The column matcher: which spec field each header of a page's table is.
//!
//! Headers are matched by name, in the variants real pages use (see
//! [`field_of_header`]); `--column 'Header=field'` maps any other. Some
//! names are read as a field only by inference, and the importer reports
//! each time it does: a synonym ("User message", "Response Code"), or a
//! name that holds a field only when the table has no column of that field
//! ("Error Type" holds the code of a table without an error-code column).
//! A page with two "Description" columns and no message column (the seed's
//! English page) has the message first: the first is `error_msg`.

use super::source_table::Cell;
pub use crate::fields::Field;

/// `--column 'Header=field'`: a header of the page and the field it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    pub header: String,
    pub field: Field,
}

impl ColumnMapping {
    /// Parses `Header=field`.
    ///
    /// # Errors
    /// A message when there is no `=`, no header, or the field is not a spec column.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (header, field) = text
            .rsplit_once('=')
            .ok_or_else(|| format!("`--column {text}` is not `Header=field`"))?;
        if normalise(header).is_empty() {
            return Err(format!("`--column {text}` names no header"));
        }
        let field = Field::from_name(field.trim()).ok_or_else(|| {
            let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            format!(
                "`{}` is not a spec column; the columns are {}",
                field.trim(),
                names.join(", ")
            )
        })?;
        Ok(Self {
            header: header.to_owned(),
            field,
        })
    }
}

/// Adds the mapping `text` (`Header=field`) to `mappings`.
///
/// # Errors
/// A message when `text` is no mapping, or when its header (compared as
/// headers are matched) is mapped already: one header holds one field.
pub fn add_mapping(mappings: &mut Vec<ColumnMapping>, text: &str) -> Result<(), String> {
    let mapping = ColumnMapping::parse(text)?;
    if let Some(earlier) = mappings.iter().find(|m| names_header(m, &mapping.header)) {
        return Err(format!(
            "`--column {text}`: the header `{}` is mapped already, to {} (`--column '{}={}'`); give one --column per header",
            mapping.header.trim(),
            earlier.field.name(),
            earlier.header,
            earlier.field.name()
        ));
    }
    mappings.push(mapping);
    Ok(())
}

/// A header as it is compared: lower case, one space between words, no
/// `(s)`, trailing colon or surrounding spaces.
fn normalise(header: &str) -> String {
    let lower = header
        .to_lowercase()
        .replace("(s)", "s")
        .replace(['_', '-'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '：'])
        .trim()
        .to_owned()
}

/// The field a header names in the variants real pages use, or `None`.
/// The first "Description" of a page without a message column is the
/// message; [`match_columns`] decides that.
#[must_use]
pub fn field_of_header(header: &str) -> Option<Field> {
    let normalised = normalise(header);
    known_field(&normalised).or_else(|| synonym_field(&normalised))
}

/// The names that say their field plainly.
fn known_field(header: &str) -> Option<Field> {
    let field = match header {
        "status code" | "http status code" | "http status" | "status" | "http response code"
        | "http code" | "status codes" | "http status codes" | "状态码" | "http状态码" => {
            Field::StatusCode
        }
        "error code" | "error codes" | "code" | "codes" | "errorcode" | "错误码" => {
            Field::ErrorCode
        }
        "error message" | "error messages" | "message" | "error msg" | "error information"
        | "error info" | "错误信息" => Field::ErrorMsg,
        "description" | "descriptions" | "描述" | "说明" | "错误描述" => Field::Description,
        "handling measure"
        | "handling measures"
        | "measure"
        | "measures"
        | "solution"
        | "solutions"
        | "troubleshooting"
        | "handling suggestion"
        | "handling suggestions"
        | "suggestion"
        | "suggestions"
        | "resolution"
        | "处理措施"
        | "解决方案" => Field::HandlingMeasure,
        _ => return None,
    };
    Some(field)
}

/// Names that mean a field in real tables, but less plainly: a table read
/// through one of them says so.
fn synonym_field(header: &str) -> Option<Field> {
    let field = match header {
        "response code" | "response status" | "http response status" => Field::StatusCode,
        "user message" | "error text" => Field::ErrorMsg,
        "error description" | "error code description" | "error descriptions" => Field::Description,
        _ => return None,
    };
    Some(field)
}

/// Names that hold a field only in a table with no column of that field:
/// "Error Type" or "Error Name" is the code of a table without an error-code
/// column; "Error" is its code, or, beside one, its message. Longer names
/// of a status or an error code ("Status Code (HTTP)", "Service Error Code")
/// are too.
fn fallback_fields(header: &str) -> &'static [Field] {
    match header {
        "error type" | "error name" | "error id" | "error types" => &[Field::ErrorCode],
        "error" | "errors" => &[Field::ErrorCode, Field::ErrorMsg],
        _ => {
            let words: Vec<&str> = header
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let has = |word: &str| words.contains(&word);
            if has("status") {
                &[Field::StatusCode]
            } else if has("error") && (has("code") || has("codes")) {
                &[Field::ErrorCode]
            } else {
                &[]
            }
        }
    }
}

/// The field of a header by the user's mapping or a name that says it
/// plainly or by a synonym (not by a fallback, which depends on the table).
pub fn field_of_mapped_header(header: &str, mappings: &[ColumnMapping]) -> Option<Field> {
    mappings
        .iter()
        .find(|m| names_header(m, header))
        .map(|m| m.field)
        .or_else(|| field_of_header(header))
}

/// Whether `--column` names this header (compared as headers are matched).
pub fn names_header(mapping: &ColumnMapping, header: &str) -> bool {
    normalise(&mapping.header) == normalise(header)
}

/// Whether a table's header has an error-code column (by a fallback name
/// such as "Error Type" included).
pub fn has_code_column(header: &[Cell], mappings: &[ColumnMapping]) -> bool {
    match_columns(header, mappings)
        .column_of(Field::ErrorCode)
        .is_some()
}

/// What each column of a table holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ColumnMatch {
    /// The field of each column, `None` for a column left out.
    pub fields: Vec<Option<Field>>,
    /// Columns left out because an earlier column holds the same field.
    pub repeated: Vec<usize>,
    /// Columns whose header is no field.
    pub unknown: Vec<usize>,
    /// Columns whose field was inferred (a synonym or a fallback), to report.
    pub inferred: Vec<usize>,
    /// Whether the message is the first of two "Description" columns.
    pub message_from_first_description: bool,
}

impl ColumnMatch {
    /// The column holding `field`, if one does.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

/// Matches every header of a table to a field.
pub fn match_columns(header: &[Cell], mappings: &[ColumnMapping]) -> ColumnMatch {
    let mut result = ColumnMatch::default();
    let names: Vec<String> = header.iter().map(|cell| normalise(&cell.text)).collect();
    let mut found: Vec<Option<Field>> = Vec::with_capacity(header.len());
    for (i, cell) in header.iter().enumerate() {
        let mapped = mappings.iter().find(|m| names_header(m, &cell.text));
        let field = match mapped {
            Some(m) => Some(m.field),
            None => known_field(&names[i]).or_else(|| {
                let synonym = synonym_field(&names[i]);
                if synonym.is_some() {
                    result.inferred.push(i);
                }
                synonym
            }),
        };
        found.push(field);
    }
    // A fallback name takes the first field that no column holds.
    for i in 0..header.len() {
        if found[i].is_some() || mappings.iter().any(|m| names_header(m, &header[i].text)) {
            continue;
        }
        if let Some(&field) = fallback_fields(&names[i])
            .iter()
            .find(|f| !found.contains(&Some(**f)))
        {
            found[i] = Some(field);
            result.inferred.push(i);
        }
    }
    let descriptions: Vec<usize> = (0..found.len())
        .filter(|&i| found[i] == Some(Field::Description))
        .collect();
    if !found.contains(&Some(Field::ErrorMsg)) && descriptions.len() >= 2 {
        found[descriptions[0]] = Some(Field::ErrorMsg);
        result.message_from_first_description = true;
    }
    for (i, field) in found.iter().enumerate() {
        match field {
            Some(f) if result.fields.contains(&Some(*f)) => {
                result.repeated.push(i);
                result.fields.push(None);
            }
            Some(f) => result.fields.push(Some(*f)),
            None => {
                result.unknown.push(i);
                result.fields.push(None);
            }
        }
    }
    let fields = &result.fields;
    result.inferred.retain(|&i| fields[i].is_some());
    result.inferred.sort_unstable();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page::Pos;

    fn header(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| Cell::new(*t, Pos::new(1, 1)))
            .collect()
    }

    #[test]
    fn real_header_variants_are_known() {
        for (header, field) in [
            ("Status Code", Field::StatusCode),
            ("HTTP Status Code", Field::StatusCode),
            ("Response Code", Field::StatusCode),
            ("Error Code(s)", Field::ErrorCode),
            ("Error Codes", Field::ErrorCode),
            ("error_code", Field::ErrorCode),
            ("Error  Message:", Field::ErrorMsg),
            ("Message", Field::ErrorMsg),
            ("Description", Field::Description),
            ("Solution", Field::HandlingMeasure),
            ("Measure", Field::HandlingMeasure),
            ("Handling Measure", Field::HandlingMeasure),
            ("Troubleshooting", Field::HandlingMeasure),
        ] {
            assert_eq!(field_of_header(header), Some(field), "{header}");
        }
        assert_eq!(field_of_header("Module"), None);
        assert_eq!(field_of_header("Error Type"), None);
    }

    #[test]
    fn the_first_of_two_descriptions_is_the_message() {
        let m = match_columns(
            &header(&[
                "Status Code",
                "Error Code",
                "Description",
                "Description",
                "Handling Measure",
            ]),
            &[],
        );
        assert!(m.message_from_first_description);
        assert_eq!(m.column_of(Field::ErrorMsg), Some(2));
        assert_eq!(m.column_of(Field::Description), Some(3));
    }

    #[test]
    fn unknown_and_repeated_columns_are_left_out_unless_mapped() {
        let cells = header(&["Module", "Status Code", "Error Code", "Code", "Message"]);
        let m = match_columns(&cells, &[]);
        assert_eq!(m.unknown, [0]);
        assert_eq!(m.repeated, [3]);
        assert_eq!(m.fields[0], None);
        let mapping = ColumnMapping::parse("module=deprecated").expect("a mapping");
        let m = match_columns(&cells, &[mapping]);
        assert_eq!(m.column_of(Field::Deprecated), Some(0));
        assert!(m.unknown.is_empty());
    }

    #[test]
    fn synonyms_and_fallbacks_are_inferred_and_reported() {
        let m = match_columns(
            &header(&["Error code", "HTTP status code", "User message"]),
            &[],
        );
        assert_eq!(m.column_of(Field::ErrorMsg), Some(2));
        assert_eq!(m.inferred, [2]);
        // "Error Type" is the code of a table without an error-code column only.
        let m = match_columns(
            &header(&["Error Type", "Response Code", "Description"]),
            &[],
        );
        assert_eq!(m.column_of(Field::ErrorCode), Some(0));
        assert_eq!(m.column_of(Field::StatusCode), Some(1));
        assert_eq!(m.inferred, [0, 1]);
        let m = match_columns(&header(&["Error Type", "Error Code"]), &[]);
        assert_eq!(
            (m.column_of(Field::ErrorCode), m.unknown.as_slice()),
            (Some(1), &[0][..])
        );
        // "Error" beside a code column is the message.
        let m = match_columns(
            &header(&["Error Code", "Status Code", "Error", "Description"]),
            &[],
        );
        assert_eq!(m.column_of(Field::ErrorMsg), Some(2));
        assert_eq!(m.inferred, [2]);
        // A synonym that repeats a field is left out, not reported as read.
        let m = match_columns(&header(&["Status Code", "Response Code", "Code"]), &[]);
        assert_eq!(
            (m.repeated.as_slice(), m.inferred.as_slice()),
            (&[1][..], &[][..])
        );
        // A mapped header is the user's choice: not inferred.
        let mapping = ColumnMapping::parse("Error Type=error_msg").expect("a mapping");
        let m = match_columns(&header(&["Error Type", "Code"]), &[mapping]);
        assert_eq!(
            (m.column_of(Field::ErrorMsg), m.inferred.len()),
            (Some(0), 0)
        );
        // Longer names of a status or a code, where the table has none.
        let m = match_columns(
            &header(&["Service Error Code", "Status Code (HTTP)", "Country Code"]),
            &[],
        );
        assert_eq!(m.column_of(Field::ErrorCode), Some(0));
        assert_eq!(m.column_of(Field::StatusCode), Some(1));
        assert_eq!(
            (m.inferred.as_slice(), m.unknown.as_slice()),
            (&[0, 1][..], &[2][..])
        );
        assert!(!has_code_column(
            &header(&["Parameter", "Country Code"]),
            &[]
        ));
        assert!(!has_code_column(&header(&["Parameter", "Type"]), &[]));
        assert!(has_code_column(&header(&["Error Type", "Type"]), &[]));
    }

    #[test]
    fn a_header_mapped_twice_is_an_error() {
        let mut mappings = Vec::new();
        add_mapping(&mut mappings, "Error Type=error_code").expect("a mapping");
        add_mapping(&mut mappings, "Module=category").expect("another header");
        let e = add_mapping(&mut mappings, "error  type=error_msg").expect_err("mapped twice");
        assert!(
            e.contains("the header `error  type` is mapped already, to error_code"),
            "{e}"
        );
        assert_eq!(mappings.len(), 2);
        assert!(add_mapping(&mut mappings, "no equals").is_err());
    }

    #[test]
    fn mappings_are_parsed_and_checked() {
        let m = ColumnMapping::parse("Error Type=error_code").expect("a mapping");
        assert_eq!(
            (m.header.as_str(), m.field),
            ("Error Type", Field::ErrorCode)
        );
        assert!(ColumnMapping::parse("Error Type").is_err());
        assert!(ColumnMapping::parse("=error_code").is_err());
        let e = ColumnMapping::parse("Type=kind").expect_err("not a field");
        assert!(e.contains("`kind` is not a spec column"), "{e}");
    }
}
