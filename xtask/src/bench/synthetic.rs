//! Synthetic specs for the benchmarks: deterministic tables of any size in
//! the shapes of real Huawei Cloud tables.
//!
//! - codes under several prefixes of different lengths (`ECS`, `APIG`,
//!   `ModelArts`, `DataArtsStudio`, ...), 4-digit numbers with gaps and some
//!   5-digit ones, and bare numeric codes (as in IAM's `1100`);
//! - about 2 % of rows repeat an earlier code with another status and message
//!   (as API Gateway repeats `APIG.0201`);
//! - messages of 20 to 120 characters built from a few hundred phrases, so
//!   that texts repeat the way real tables repeat them; descriptions that are
//!   often the message again; handling measures from a small set, a few of
//!   them with several paragraphs, commas and quotes (CSV quoting).

use std::fs;
use std::path::Path;

/// The prefixes, with how many codes each gets relative to the others. The
/// empty prefix gives bare numeric codes.
const PREFIXES: [(&str, u64); 12] = [
    ("ECS", 8),
    ("APIG", 6),
    ("ModelArts", 10),
    ("IAM", 4),
    ("", 3),
    ("DataArtsStudio", 5),
    ("CCE", 5),
    ("OBS", 4),
    ("RDS", 4),
    ("VPC", 3),
    ("AIS", 2),
    ("FunctionGraph", 4),
];

const SUBJECTS: [&str; 24] = [
    "request parameter",
    "JSON body",
    "image",
    "token",
    "AK/SK signature",
    "project ID",
    "instance",
    "security group",
    "OBS bucket",
    "OBS object",
    "external URL",
    "training job",
    "model",
    "service",
    "dataset",
    "workspace",
    "quota",
    "API",
    "subnet",
    "cluster",
    "node pool",
    "database instance",
    "function",
    "trigger",
];

const PROBLEMS: [&str; 20] = [
    "is invalid",
    "is missing",
    "does not exist",
    "has expired",
    "is too large",
    "is not supported",
    "is already in use",
    "could not be found in the current region",
    "exceeds the quota limit",
    "is being processed by another request",
    "has an incorrect format",
    "could not be downloaded",
    "is not authorized for this operation",
    "has been frozen",
    "is in an abnormal state",
    "failed the internal check",
    "cannot be modified in the current state",
    "contains unsupported characters",
    "is locked",
    "timed out",
];

const DETAILS: [&str; 8] = [
    "",
    " Value: {0}.",
    " The length must be 1 to 64 characters.",
    " Only letters, digits, hyphens and underscores are allowed.",
    " Current value: %s.",
    " Retry after {rpm} requests per minute.",
    " (%(key)s)",
    " See the API reference for the valid values.",
];

const MEASURES: [&str; 14] = [
    "Contact technical support.",
    "Check the request parameters.",
    "Check whether the fields in the request are valid. For details, see the request description of the corresponding API.",
    "Obtain a valid token and try again.",
    "Check the AK/SK and the signature algorithm.",
    "Wait a moment and try again.",
    "Reduce the request rate, then send the request again.",
    "Contact the administrator to increase the quota.",
    "Check whether the resource exists in the current region.",
    "Check the JSON format of the input data.",
    "Ensure that the OBS bucket and the object are in the same region as the service.",
    "1. Check whether the image URL is accessible.\n2. Check whether the image size exceeds 8 MB.\n3. If the problem persists, contact technical support.",
    "Use a \"Bearer\" token in the Authorization header, or sign the request with AK/SK.",
    "Delete unused resources, or apply for a higher quota, and try again.",
];

/// Statuses and reasons of repeated rows.
const REPEATED: [(u16, &str); 6] = [
    (500, "The backend service failed."),
    (502, "The backend service returned an invalid response."),
    (503, "The service is busy."),
    (504, "The backend service timed out."),
    (413, "The request body is too large."),
    (414, "The request URI is too long."),
];

const STATUSES: [u16; 10] = [400, 400, 400, 400, 401, 403, 404, 409, 429, 500];

/// The categories of `catalog.yaml`, in the order the rows use them.
const CATEGORIES: [&str; 5] = [
    "request",
    "credentials",
    "permission",
    "throttling",
    "server",
];

/// A small deterministic generator (`SplitMix64`).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One synthetic row.
struct Row {
    status: u16,
    code: String,
    message: String,
    description: String,
    measure: &'static str,
    category: &'static str,
}

/// The rows of a synthetic table with `rows` rows: the same `rows` always
/// gives the same table.
fn rows(count: usize) -> Vec<Row> {
    let mut random = Random(0x5eed_0000 ^ count as u64);
    let total_weight: u64 = PREFIXES.iter().map(|(_, w)| w).sum();
    // The next number of each prefix: codes count up with small gaps.
    let mut next_number: Vec<u64> = PREFIXES.iter().map(|_| 1).collect();
    let mut rows: Vec<Row> = Vec::with_capacity(count);
    // How often each code was repeated so far.
    let mut repeats: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    while rows.len() < count {
        // About one row in 50 repeats an earlier code with another status
        // and message, as real tables do for gateway errors.
        if rows.len() > 10 && random.below(50) == 0 {
            let earlier = &rows[random.below(rows.len())];
            let times = repeats.entry(earlier.code.clone()).or_insert(0);
            let (status, reason) = REPEATED[*times % REPEATED.len()];
            *times += 1;
            let repeat = Row {
                status,
                code: earlier.code.clone(),
                message: format!("{} {reason} ({times})", earlier.message),
                description: earlier.description.clone(),
                measure: "Wait a moment and try again.",
                category: earlier.category,
            };
            rows.push(repeat);
            continue;
        }
        let mut draw = random.next() % total_weight;
        let prefix = PREFIXES
            .iter()
            .position(|(_, w)| {
                let hit = draw < *w;
                draw = draw.saturating_sub(*w);
                hit
            })
            .unwrap_or(0);
        let number = next_number[prefix];
        next_number[prefix] += 1 + random.next() % 3;
        let (name, _) = PREFIXES[prefix];
        let code = match (name, number) {
            ("", n) => format!("{}", 1000 + n),
            (_, n) if n < 10_000 => format!("{name}.{n:04}"),
            (_, n) => format!("{name}.{n}"),
        };
        let subject = random.pick(&SUBJECTS);
        let problem = random.pick(&PROBLEMS);
        let detail = random.pick(&DETAILS);
        let mut message = format!("The {subject} {problem}.{detail}");
        if let Some(first) = message.get(..1) {
            message = first.to_uppercase() + &message[1..];
        }
        let description = if random.below(3) == 0 {
            format!("{message} This error is returned when the {subject} {problem}.")
        } else {
            message.clone()
        };
        let status = *random.pick(&STATUSES);
        let category = match status {
            401 => CATEGORIES[1],
            403 => CATEGORIES[2],
            429 => CATEGORIES[3],
            500 => CATEGORIES[4],
            _ => CATEGORIES[0],
        };
        rows.push(Row {
            status,
            code,
            message,
            description,
            measure: MEASURES[random.below(MEASURES.len())],
            category,
        });
    }
    rows
}

/// The table as CSV, in the spec's format.
#[must_use]
pub fn csv(rows_count: usize) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut records = vec![
        [
            "status_code",
            "error_code",
            "error_msg",
            "description",
            "handling_measure",
            "category",
        ]
        .map(str::to_owned),
    ];
    let mut seen = std::collections::HashSet::new();
    for row in rows(rows_count) {
        // Later rows of a repeated code leave the category empty.
        let category = if seen.insert(row.code.clone()) {
            row.category
        } else {
            ""
        };
        records.push([
            row.status.to_string(),
            row.code,
            row.message,
            row.description,
            row.measure.to_owned(),
            category.to_owned(),
        ]);
    }
    for record in records {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&record);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// `catalog.yaml` of a synthetic spec whose crate is `crate_name`.
#[must_use]
pub fn catalog_yaml(rows_count: usize, crate_name: &str) -> String {
    format!(
        "\
title: Synthetic error codes ({rows_count} rows)
service: Synthetic Cloud API
other:
  http_status: 400
  text: If other error codes are displayed, contact technical support.
error_body:
  status: 400
  example: |
    {{
        \"error_code\": \"ECS.0001\",
        \"error_msg\": \"The request parameter is invalid.\"
    }}
version: 0.1.0
rust_crate: {crate_name}
npm_package: {crate_name}
package:
  description: A synthetic error-code table for benchmarks
  license: MIT OR Apache-2.0
  keywords: [benchmark]
  crates_io_categories: [api-bindings]
  rust_version: \"1.86\"
tables: [error-codes.csv]
categories:
  - key: request
    title: Fix the request
    description: The request is wrong. Correct it before sending it again.
    retryable: false
  - key: credentials
    title: Fix the credentials
    description: The token or signature is missing, invalid or expired.
    retryable: false
  - key: permission
    title: Grant access
    description: The account may not use this API.
    retryable: false
  - key: throttling
    title: Wait and retry
    description: The request exceeded the rate limit. Send it again later.
    retryable: true
  - key: server
    title: Contact support
    description: The service failed internally.
    retryable: true
"
    )
}

/// Writes a synthetic spec of `rows_count` rows into `dir` (`catalog.yaml`
/// and `error-codes.csv`).
pub fn write_spec(dir: &Path, rows_count: usize, crate_name: &str) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let write = |name: &str, text: String| {
        fs::write(dir.join(name), text).map_err(|e| format!("writing {name}: {e}"))
    };
    write("catalog.yaml", catalog_yaml(rows_count, crate_name))?;
    write("error-codes.csv", csv(rows_count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(rows_count: usize) -> codegen::Catalog {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_spec(dir.path(), rows_count, "synthetic-error-codes").expect("written");
        let loaded = codegen::load_spec(dir.path(), "spec");
        assert!(
            loaded.diagnostics.is_empty(),
            "{}",
            codegen::diagnostic::render_all(&loaded.diagnostics)
        );
        loaded.catalog.expect("a valid spec")
    }

    #[test]
    fn a_synthetic_spec_is_valid_and_has_the_shapes_of_real_tables() {
        let catalog = load(5_000);
        let rows: usize = catalog.codes.iter().map(|c| c.cases.len()).sum();
        assert_eq!(rows, 5_000);
        let repeated = catalog.codes.iter().filter(|c| c.cases.len() > 1).count();
        assert!((20..300).contains(&repeated), "{repeated} repeated codes");
        let prefixes: std::collections::BTreeSet<Option<&str>> =
            catalog.codes.iter().map(|c| c.prefix.as_deref()).collect();
        assert_eq!(prefixes.len(), PREFIXES.len());
        assert!(catalog.codes.iter().any(|c| c.code.len() == 4)); // bare numbers
        let distinct = |text: fn(&codegen::model::Case) -> &str| {
            let texts: std::collections::BTreeSet<&str> =
                catalog.codes.iter().map(|c| text(c.primary())).collect();
            texts.len()
        };
        let messages = distinct(|case| &case.error_msg);
        assert!(
            messages < catalog.codes.len() * 9 / 10,
            "{messages} messages"
        );
        assert!(distinct(|case| &case.handling_measure) <= MEASURES.len());
        assert!(
            catalog
                .codes
                .iter()
                .any(|c| c.primary().handling_measure.contains('\n'))
        );
    }

    #[test]
    fn the_same_size_gives_the_same_spec() {
        assert_eq!(csv(2_000), csv(2_000));
        assert_ne!(csv(2_000), csv(2_001));
    }
}
