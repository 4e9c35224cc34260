//! The validated model: what every emitter reads.
//!
//! A [`Catalog`] is only ever built by [`crate::validate`], so an emitter may
//! rely on what is documented here: codes are unique, every derived name is a
//! valid identifier and unique, every code has at least one case, and no text
//! holds a control character other than `\n` (CR and CRLF are normalised away),
//! and addresses (`source_url`, `docs_base_url`) are `http(s)://` with no
//! whitespace, quotes, `<>`, backticks, `|`, `\` or `*/`.

/// Where a piece of the spec came from, for messages and for `@generated` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The table file, relative to the spec folder (or its file name).
    pub file: String,
    /// The 1-based line on which the row starts.
    pub line: usize,
}

/// A whole catalog: metadata, categories and codes in spec order.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// The catalog's name: its folder under the spec root (`image-recognition`),
    /// or a lone table's file name made a name. Its output goes to the folder
    /// of that name, and its reference pages to the site's section of that name.
    pub name: String,
    pub meta: Metadata,
    /// Every category the catalog defines, in definition order.
    pub categories: Vec<Category>,
    /// The distinct codes, in the order of their first row.
    pub codes: Vec<Code>,
    /// The codes that left the table, in number order (from the number lock,
    /// see [`crate::numbers`]): the reference pages keep a section for each.
    pub removed: Vec<RemovedCode>,
}

impl Catalog {
    /// Whether the codes carry an HTTP status. Validation makes it all or
    /// nothing: every case has one (from its row, or `default_http_status`),
    /// or, when `catalog.yaml` says `http_status: none`, none has one, and no
    /// output states one.
    #[must_use]
    pub fn has_http_status(&self) -> bool {
        self.codes
            .first()
            .is_some_and(|code| code.primary().http_status.is_some())
    }
}

/// A code that was in the table and left it: its reference section stays, as
/// a tombstone, so that links to it keep working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedCode {
    /// The code as the table wrote it.
    pub code: String,
    /// The part before the first `.`, if there is one.
    pub prefix: Option<String>,
    /// Its section's anchor, as when it was in the table.
    pub anchor: String,
    /// The version of the catalog that removed it.
    pub removed_in: String,
    /// Its deprecation note when it was removed, if it had one: what replaces it.
    pub note: Option<String>,
}

/// The catalog's metadata, from `catalog.yaml` (or defaults for a lone table).
#[derive(Clone, Debug)]
pub struct Metadata {
    /// Human title, e.g. "Huawei Cloud Image Recognition error codes".
    pub title: String,
    /// The API or service the table documents, e.g. "Image Recognition".
    pub service: String,
    /// Address of the page the table was transcribed from, if known.
    pub source_url: Option<String>,
    /// The page's "Updated on" text, if known (kept as written).
    pub updated_on: Option<String>,
    /// The rule for codes that are not in the table (the "Other" row).
    pub other: OtherRow,
    /// The documented error body: its HTTP status and a JSON example.
    pub error_body: ErrorBody,
    /// The Rust package name (`storage-error-codes`); the lib name replaces `-` by `_`.
    pub crate_name: String,
    /// The npm package name.
    pub npm_name: String,
    /// The version of both packages (semver).
    pub version: String,
    /// Package metadata for crates.io and npm.
    pub package: PackageInfo,
    /// Base address of the published reference pages, e.g.
    /// `https://example.org/storage-error-codes/`; emitters link `{base}{page}.html#{anchor}`.
    pub docs_base_url: Option<String>,
    /// The spec files this catalog was read from, relative to the spec root,
    /// for `@generated` lines (e.g. `spec/catalog.yaml`, `spec/error-codes.csv`).
    pub spec_files: Vec<String>,
    /// How the table was read from its documentation page, if it was imported
    /// (`import:`), so that the page can be checked against the spec again.
    pub import: Option<ImportSettings>,
    /// Addresses of the site where the catalog's pages were published before
    /// (`moved_pages:`): each redirects to the page's address now.
    pub moved_pages: Vec<MovedPage>,
}

/// What `cargo xtask import` read a catalog's table with (`import:` in catalog.yaml).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSettings {
    /// The page as imported, relative to the catalog's folder (`source/error_codes.rst`).
    pub page: String,
    /// Where the page is published, for fetching it again.
    pub url: Option<String>,
    /// The page's table that was read (1 = the first), if the page has several.
    pub table: Option<usize>,
    /// `--column` mappings: a page header and the spec field its column fills.
    pub columns: Vec<(String, String)>,
}

/// A page of the catalog that the site once published at another address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovedPage {
    /// The old address, relative to the site's root (`ais.html`).
    pub from: String,
    /// The catalog's page it moved to, as a file of its section (`ais.md`).
    pub to: String,
    /// Where `catalog.yaml` says so.
    pub origin: Origin,
}

impl Metadata {
    /// The metadata of a spec that is a lone table (no `catalog.yaml`):
    /// titled after `name` (the table's file name, printable), packaged as
    /// `package_name`, version 0.1.0, everything else at its default.
    #[must_use]
    pub fn for_lone_table(name: &str, package_name: String, spec_files: Vec<String>) -> Self {
        Metadata {
            title: format!("{name} error codes"),
            service: name.to_owned(),
            source_url: None,
            updated_on: None,
            other: OtherRow::default(),
            error_body: ErrorBody::default(),
            crate_name: package_name.clone(),
            npm_name: package_name,
            version: "0.1.0".into(),
            package: PackageInfo::for_table(name),
            docs_base_url: None,
            spec_files,
            import: None,
            moved_pages: Vec::new(),
        }
    }
}

/// The table's last row, "Other": what a code that is not listed means.
#[derive(Clone, Debug)]
pub struct OtherRow {
    /// The status the row gives (the seed page says 400).
    pub http_status: Option<u16>,
    /// The row's text, e.g. "If other error codes are displayed, contact technical support."
    pub text: String,
}

impl Default for OtherRow {
    /// No status, and a text that says what a code not listed means.
    fn default() -> Self {
        Self {
            http_status: None,
            text: "Codes that are not in this table are not documented.".into(),
        }
    }
}

/// The format of an error response body, as the catalog documents it.
#[derive(Clone, Debug)]
pub struct ErrorBody {
    pub status: u16,
    /// A JSON example body, verbatim.
    pub example: String,
    /// The shape of the API's error bodies: what the packages read and
    /// write, and what the JSON Schema describes.
    pub shape: BodyShape,
}

impl Default for ErrorBody {
    /// Status 400, with a body of `error_code` and `error_msg`, in the
    /// [`BodyShape::Huawei`] shape.
    fn default() -> Self {
        Self {
            status: 400,
            example: "{\n    \"error_code\": \"...\",\n    \"error_msg\": \"...\"\n}".into(),
            shape: BodyShape::Huawei,
        }
    }
}

/// A family of error bodies, each with a published definition
/// (`error_body.shape` in `catalog.yaml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BodyShape {
    /// Huawei Cloud's (`huawei`, the default): top-level `error_code` and
    /// `error_msg`, else `code` and `message`, else an `error` object
    /// holding either pair, as the official SDKs read them.
    #[default]
    Huawei,
    /// The Microsoft REST API Guidelines' (and `OData`'s) error object
    /// (`error-object`): `{"error": {"code", "message", "target",
    /// "details", "innererror"}}`.
    ErrorObject,
    /// Google's AIP-193 (`google`): `{"error": {"code": <HTTP status>,
    /// "message", "status", "details"}}`, the code being the `reason` of the
    /// `google.rpc.ErrorInfo` entry of `details`.
    Google {
        /// The `ErrorInfo.domain` of every code (`error_body.domain`),
        /// e.g. `pubsub.googleapis.com`.
        domain: String,
    },
    /// RFC 9457's problem details (`problem-details`,
    /// `application/problem+json`): `type`, `title`, `status`, `detail`,
    /// `instance`, and the code in an extension member.
    ProblemDetails {
        /// The extension member that holds the code (`error_body.code_member`,
        /// default `code`).
        code_member: String,
    },
}

impl BodyShape {
    /// The names `catalog.yaml` gives the shapes, in documentation order.
    pub const NAMES: [&'static str; 4] = ["huawei", "error-object", "google", "problem-details"];

    /// The shape's name in `catalog.yaml` (`problem-details`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            BodyShape::Huawei => Self::NAMES[0],
            BodyShape::ErrorObject => Self::NAMES[1],
            BodyShape::Google { .. } => Self::NAMES[2],
            BodyShape::ProblemDetails { .. } => Self::NAMES[3],
        }
    }
}

/// Metadata that a registry wants.
#[derive(Clone, Debug)]
pub struct PackageInfo {
    pub description: String,
    pub license: String,
    pub repository: Option<String>,
    pub keywords: Vec<String>,
    /// crates.io category slugs.
    pub crates_io_categories: Vec<String>,
    pub rust_version: String,
}

/// The oldest Rust that compiles the generated crate: the default `rust_version`.
pub const OLDEST_RUST: &str = "1.86";

impl PackageInfo {
    /// The metadata of a package generated from the table `name`, for a
    /// catalog that gives none.
    #[must_use]
    pub fn for_table(name: &str) -> Self {
        Self {
            description: format!("Typed error codes generated from the table {name}"),
            license: "MIT OR Apache-2.0".into(),
            repository: None,
            keywords: vec!["error-codes".into()],
            crates_io_categories: vec!["api-bindings".into()],
            rust_version: OLDEST_RUST.into(),
        }
    }
}

/// What a caller should do about an error: a small, documented set.
#[derive(Clone, Debug)]
pub struct Category {
    /// The spec's key, as written in the `category` column (`request`).
    pub key: String,
    /// The Rust variant name (`Request`).
    pub rust_variant: String,
    /// A short title ("Fix the request").
    pub title: String,
    /// What the category means and what a caller should do.
    pub description: String,
    /// Whether codes of this category are retryable when a row does not say.
    pub retryable: bool,
}

/// One distinct error code and every row (case) the table lists for it.
#[derive(Clone, Debug)]
pub struct Code {
    /// The code exactly as the table writes it (`AIS.0014`, `1100`).
    pub code: String,
    /// The part before the first `.`, if there is one (`AIS`).
    pub prefix: Option<String>,
    /// The Rust variant name (`Ais0014`), a valid identifier.
    pub rust_variant: String,
    /// The Markdown heading anchor (`ais0014`).
    pub anchor: String,
    /// The code's stable number, `ErrorCode`'s discriminant: from the spec's
    /// number lock, or the position in the table for a lone table (see
    /// [`crate::numbers`]).
    pub number: u32,
    /// Index into [`Catalog::categories`].
    pub category: usize,
    pub retryable: bool,
    /// A deprecation note, if the code is deprecated.
    pub deprecated: Option<String>,
    /// The rows for this code in table order; never empty. The first one is
    /// the code's primary case (its `http_status()` and texts).
    pub cases: Vec<Case>,
}

impl Code {
    /// The primary case: the first row that lists this code.
    #[must_use]
    pub fn primary(&self) -> &Case {
        &self.cases[0]
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The HTTP status of the response; `None` exactly when the catalog's
    /// codes carry none ([`Catalog::has_http_status`]).
    pub http_status: Option<u16>,
    pub error_msg: String,
    pub description: String,
    pub handling_measure: String,
    pub origin: Origin,
}
