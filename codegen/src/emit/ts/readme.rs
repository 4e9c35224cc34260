//! The package's README: install, usage, API, error bodies, categories.
//! `cargo xtask ci` type-checks its TypeScript examples.

use super::js_string;
use crate::emit::markdown::{escape_line, fence_for, paragraphs};
use crate::emit::{generated_notice, unknown_code_example};
use crate::model::{BodyShape, Catalog};

pub(super) fn readme(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let name = &meta.npm_name;
    let mut out = format!(
        "<!-- {} -->\n\n",
        generated_notice(catalog).replace("--", "- -")
    );
    out += &format!("# {}\n\n", escape_line(name));
    out += &format!("{}\n\n", escape_line(&meta.package.description));
    out += &format!(
        "The {} documented error codes of the {} as TypeScript types and frozen data: each code's \
         {}error message, description, handling measure, category and retryability. ES module \
         and CommonJS, with declarations for both; no dependencies.\n\n",
        catalog.codes.len(),
        escape_line(&meta.service),
        crate::emit::status_and(catalog),
    );
    out += &crate::emit::markdown::source_paragraph(meta);
    let install = format!("npm install {name}@{}", meta.version);
    let fence = fence_for(&install);
    out += &format!("## Install\n\n{fence}sh\n{install}\n{fence}\n\n");
    let example = readme_example(catalog);
    let fence = fence_for(&example);
    out += &format!("## Usage\n\n{fence}ts\n{example}{fence}\n\n");
    let require = format!(
        "const {{ ERRORS, errorBody, isErrorCode, lookupError, parseErrorResponse }} = require({});\n",
        js_string(name)
    );
    let fence = fence_for(&require);
    out += &format!("CommonJS works the same:\n\n{fence}js\n{require}{fence}\n\n");
    out += "## API\n\n";
    out += "- `ErrorCode`: the union of every documented code, in the table's order.\n";
    out += "- `AnyErrorCode`: `ErrorCode | (string & {})`, for codes that come from the wire \
            (completion still offers the known codes).\n";
    out += "- `ERRORS`: every code's `ErrorEntry` (`code`, `httpStatus`, `errorMsg`, `description`, \
            `handlingMeasure`, `category`, `retryable`, `cases`, and `deprecated` if the code is \
            deprecated), with literal types: `ERRORS[code].httpStatus` is the code's status, not \
            `number`. Each entry's documentation shows in editors.\n";
    out += "- `cases`: every row the table lists for the code; a code listed on several rows \
            has several cases, and the entry's own fields are its first case's.\n";
    out += "- `ERROR_CODES`: every code, in the table's order.\n";
    out += "- `isErrorCode(value)`: whether a value is a documented code (narrows it to `ErrorCode`).\n";
    out += "- `lookupError(code)`: the entry of a code, or `undefined` if the table does not list it.\n";
    out += "- Each code's entry on its own, the same object as its property of `ERRORS`, named \
            as the Rust crate's variant: the code's runs of letters and digits joined, each \
            starting with a capital and an all-capital run title-cased (`AIS.0014` is `Ais0014`, \
            `ModelArts.4101` is `ModelArts4101`), and `Code` before a leading digit (`1100` is \
            `Code1100`).\n";
    out += "- `CATEGORIES`: each category's title and description.\n";
    out += &format!(
        "- `readErrorResponse(body)`: an error response body (its text, or the value \
         `JSON.parse` made of it) as an `ErrorResponse` ({}); it throws a `TypeError` that says \
         what was expected if the body is not one (a `SyntaxError` for text that is not JSON).\n",
        parsed_fields(&meta.error_body.shape)
    );
    out += "- `parseErrorResponse(body)`: the same, or `undefined` if the body is not one.\n";
    out += "- `errorBody(code)`: the documented body of a code, for a server to send with \
            `ERRORS[code].httpStatus`.\n\n";
    out += "All exported values are frozen, deeply. Lookups never match inherited names such as \
            `__proto__` or `toString`. The ES module and the CommonJS file each hold their own \
            copy of the data: compare codes and fields, not object identity.\n\n";
    out += &readme_bundles(catalog);
    out += &readme_error_bodies(catalog);
    out += "## Categories\n\n";
    for category in &catalog.categories {
        let description: Vec<String> = paragraphs(&category.description).map(escape_line).collect();
        out += &format!(
            "- `{}`: **{}**. {}\n",
            category.key,
            escape_line(&category.title),
            description.join(" ")
        );
    }
    out += "\n## Codes that are not in the table\n\n";
    let other: Vec<String> = paragraphs(&meta.other.text).map(escape_line).collect();
    out += &format!("{}\n", other.join("\n\n"));
    out
}

/// The README's section on what a bundler keeps of the package.
fn readme_bundles(catalog: &Catalog) -> String {
    let name = js_string(&catalog.meta.npm_name);
    let first = &catalog.codes[0];
    let mut out = String::from("## In a bundle\n\n");
    out += "The ES module is split into parts, and `package.json` says `\"sideEffects\": false` \
            (every file only declares), so that a bundler (esbuild, Rollup, webpack, Vite) keeps \
            only what you import:\n\n";
    out += "- `isErrorCode` and `ERROR_CODES`: the list of codes, none of their texts;\n";
    out +=
        "- `parseErrorResponse` and `readErrorResponse`: the parser alone, nothing of the table;\n";
    out += "- one code's entry, imported by its name: that entry alone;\n";
    out +=
        "- `ERRORS`, `lookupError` and `errorBody`, which look any code up: the whole table.\n\n";
    let example = format!(
        "// A bundle of this module holds the parser and one entry, not the table.\n\
         import {{ {variant}, parseErrorResponse }} from {name};\n\n\
         function advice(body: unknown): string | undefined {{\n\
         \x20 const error = parseErrorResponse(body);\n\
         \x20 return error?.errorCode === {variant}.code ? {variant}.handlingMeasure : undefined;\n\
         }}\n",
        variant = first.rust_variant,
    );
    let fence = fence_for(&example);
    out += &format!("{fence}ts\n{example}{fence}\n\n");
    out += "With CommonJS (`require`), a bundler keeps all of it: `index.cjs` is one file.\n\n";
    out
}

/// The fields of the parsed form of the catalog's shape, for the API list.
fn parsed_fields(shape: &BodyShape) -> &'static str {
    match shape {
        BodyShape::Huawei => {
            "`errorCode`, `errorMsg`, `details`, and `requestId` and \
             `encodedAuthorizationMessage` when the body has them"
        }
        BodyShape::ErrorObject => {
            "`errorCode`, `errorMsg`, `details`, and `target` and `innererror` when the body has them"
        }
        BodyShape::Google { .. } => {
            "`errorCode` (the ErrorInfo's `reason`), `errorMsg`, `statusCode`, `details`, and \
             `status`, `domain` and `metadata` when the body has them"
        }
        BodyShape::ProblemDetails { .. } => {
            "`errorCode`, `errorMsg` (`detail`, else `title`), `extensions`, and `type`, `title`, \
             `status`, `detail` and `instance` when the body has them"
        }
    }
}

/// The README's section on error bodies: the catalog's example, the shape,
/// a client that reads a body and a server that writes one. `cargo xtask ci`
/// type-checks the examples.
fn readme_error_bodies(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let shape = &meta.error_body.shape;
    let name = js_string(&meta.npm_name);
    // The spec's example body on one line, if it is JSON (it is the spec's text either way).
    let body = serde_json::from_str::<serde_json::Value>(&meta.error_body.example).map_or_else(
        |_| meta.error_body.example.trim().to_owned(),
        |v| v.to_string(),
    );
    let huawei = *shape == BodyShape::Huawei;
    let (request, with_request) = if huawei {
        (
            "\x20 const request = error.requestId === undefined ? \"\" : ` (request ${error.requestId})`;\n",
            "${request}",
        )
    } else {
        ("", "")
    };
    let code = if matches!(
        shape,
        BodyShape::Google { .. } | BodyShape::ProblemDetails { .. }
    ) {
        "${error.errorCode ?? \"(no code)\"}"
    } else {
        "${error.errorCode}"
    };
    let example = format!(
        "import {{ ERRORS, isErrorCode, parseErrorResponse }} from {name};\n\n\
         // `body` is the body of a failed response: its text, or what JSON.parse made of it.\n\
         function explain(status: number, body: unknown): string {{\n\
         \x20 const error = parseErrorResponse(body);\n\
         \x20 if (error === undefined) {{\n\
         \x20   return `HTTP ${{status}}, not an error body of this API`;\n\
         \x20 }}\n\
         {request}\
         \x20 if (!isErrorCode(error.errorCode)) {{\n\
         \x20   return `HTTP ${{status}}, undocumented {code}: ${{error.errorMsg}}{with_request}`;\n\
         \x20 }}\n\
         \x20 const entry = ERRORS[error.errorCode];\n\
         \x20 return `${{entry.code}} (${{entry.category}}){with_request}: ${{entry.handlingMeasure}}`;\n\
         }}\n\n\
         // The body that the API's documentation shows.\n\
         console.log(explain({status}, {body}));\n",
        status = meta.error_body.status,
        body = js_string(&body),
    );
    let first = &catalog.codes[0];
    let server = format!(
        "import {{ ERRORS, errorBody, type ErrorCode }} from {name};\n\n\
         // A server's answer to a request that failed with `code`: the documented status and body.\n\
         function failure(code: ErrorCode): {{ status: number; contentType: string; body: string }} {{\n\
         \x20 return {{\n\
         \x20   status: ERRORS[code].httpStatus,\n\
         \x20   contentType: {content_type},\n\
         \x20   body: JSON.stringify(errorBody(code)),\n\
         \x20 }};\n\
         }}\n\n\
         console.log(failure({code}));\n",
        content_type = js_string(crate::emit::body::media_type(shape)),
        code = js_string(&first.code),
    );
    let written = crate::emit::body::written(catalog, first, first.primary()).pretty();
    let mut out = String::from("## Error response bodies\n\n");
    out += &format!(
        "An error response of the {} has a JSON body; the catalog gives this example, with the \
         status {}:\n\n",
        escape_line(&meta.service),
        meta.error_body.status
    );
    let documented = meta.error_body.example.trim_end();
    let body_fence = fence_for(documented);
    out += &format!("{body_fence}json\n{documented}\n{body_fence}\n\n");
    out += &crate::emit::body::description(shape);
    out += "\n\n";
    out += match shape {
        BodyShape::Huawei => {
            "`parseErrorResponse` reads them all, in that order. A numeric code becomes its \
             decimal text (`404` → `\"404\"`). `request_id`, `encoded_authorization_message` \
             and `details` are read beside the pair, else at the top level; each `details` entry \
             is read by the same rules. Anything else gives `undefined`: text that is not JSON, \
             a value that is not an object, an unknown shape, a `details` entry that is not a \
             body."
        }
        BodyShape::ErrorObject => {
            "`parseErrorResponse` reads them: `code` (a non-empty string) and `message` are \
             required, `target`, `details` and `innererror` optional, and `null` counts as \
             absent. Anything else gives `undefined`: text that is not JSON, a body of another \
             shape, a member of the wrong type."
        }
        BodyShape::Google { .. } => {
            "`parseErrorResponse` reads them: `code` (an HTTP status) and `message` are \
             required; the first ErrorInfo detail gives the code, its `domain` and its \
             `metadata`, and the other details stay in `details`. A body without an ErrorInfo \
             has no code (AIP-193 requires one; older APIs leave it out). Anything else gives \
             `undefined`: text that is not JSON, a body of another shape, a member of the \
             wrong type."
        }
        BodyShape::ProblemDetails { .. } => {
            "`parseErrorResponse` reads them: as the RFC asks, a member whose value is not of \
             its type is ignored, and the members that the RFC does not define are in \
             `extensions`. A body needs one of the members at least; anything else gives \
             `undefined`: text that is not JSON, a body of another shape."
        }
    };
    out += " `readErrorResponse` throws instead, with a message that says what was expected. \
            These are the rules of the Rust crate's `ErrorResponse` too, with the same \
            messages, checked against the same bodies, among them those that the shape's \
            definition quotes.\n\n";
    out += &format!(
        "{fence}ts\n{example}{fence}\n\n",
        fence = fence_for(&example)
    );
    out += "The result is a new, unfrozen object; its optional fields are absent (not \
            `undefined`) when the body lacks them. Numbers print as the Rust crate prints them: \
            integers in full (`1e21` → `\"1000000000000000000000\"`), never an exponent. Two \
            differences remain, both for codes no API uses: JavaScript reads integers beyond \
            2^53 approximately, and where a fraction has two shortest forms equally near it \
            (52 of 201,732 random fractions), JavaScript rounds the last digit to even and Rust \
            rounds it up.\n\n";
    out += &format!(
        "A server answers with the documented status and body of a code: `errorBody(code)` \
         writes the body that the Rust crate's `ErrorCode::response()` writes. For {}:\n\n",
        crate::emit::markdown::code_span(&first.code)
    );
    let written_fence = fence_for(&written);
    out += &format!("{written_fence}json\n{written}{written_fence}\n\n");
    out += &format!("{fence}ts\n{server}{fence}\n\n", fence = fence_for(&server));
    out
}

/// The README's example: lookup, narrowing, a `switch` on `ErrorCode`.
/// `cargo xtask ci` type-checks it.
fn readme_example(catalog: &Catalog) -> String {
    let name = js_string(&catalog.meta.npm_name);
    let first = &catalog.codes[0];
    let code = js_string(&first.code);
    let unknown = js_string(&unknown_code_example(catalog));
    let status = super::declarations::status_literal(first.primary().http_status);
    let (status_note, with_status) = if catalog.has_http_status() {
        ("not `number`", " (HTTP ${entry.httpStatus})")
    } else {
        ("the table gives no status", "")
    };
    let retryable = catalog
        .codes
        .iter()
        .find(|c| c.retryable)
        .map(|c| js_string(&c.code));
    let mut out = format!(
        "import {{ ERRORS, isErrorCode, lookupError, type ErrorCode }} from {name};\n\n\
         // Every documented code, with literal types: this status is `{status}`, {status_note}.\n\
         const status = ERRORS[{code}].httpStatus;\n\
         console.log(status, ERRORS[{code}].errorMsg);\n\n\
         // A code from an error response body is a string: narrow it.\n\
         function describe(errorCode: string): string {{\n\
         \x20 if (!isErrorCode(errorCode)) {{\n\
         \x20   return `not documented: ${{errorCode}}`;\n\
         \x20 }}\n\
         \x20 const entry = ERRORS[errorCode];\n\
         \x20 return `${{entry.code}}{with_status}: ${{entry.handlingMeasure}}`;\n\
         }}\n\
         console.log(describe({code}), describe({unknown}));\n\n\
         // lookupError gives `undefined` for codes that the table does not list.\n\
         console.log(lookupError({unknown}) === undefined);\n\n\
         // A switch on ErrorCode: the compiler knows every code.\n\
         function shouldRetry(errorCode: ErrorCode): boolean {{\n\
         \x20 switch (errorCode) {{\n"
    );
    match retryable {
        Some(retryable) => out += &format!("    case {retryable}:\n      return true;\n"),
        None => out += &format!("    case {code}:\n      return false;\n"),
    }
    out += "    default:\n      return ERRORS[errorCode].retryable;\n  }\n}\n";
    out += &format!("console.log(shouldRetry({code}));\n");
    out
}
