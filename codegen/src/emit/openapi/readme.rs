//! `openapi/README.md`: what the folder holds, the components, and how to
//! use them: an API description that references them (`cargo xtask ci`
//! lints it with Redocly beside the document), a JSON Schema validation in
//! JavaScript (CI runs it), and type generation.

use super::responses::{example_name, response_name, response_statuses};
use super::schemas::{ANY_ERROR_CODE, DEPRECATED_ERROR_CODE, ERROR_CODE, ERROR_RESPONSE};
use super::{DOCUMENT, JSON_SCHEMA};
use crate::emit::body::statuses;
use crate::emit::generated_notice;
use crate::emit::markdown::{code_span, escape_inline};
use crate::model::{BodyShape, Catalog};

pub(super) fn page(catalog: &Catalog) -> String {
    let meta = &catalog.meta;
    let document = file_name(DOCUMENT);
    let schema = file_name(JSON_SCHEMA);
    let blocks = [
        format!("<!-- {} -->", generated_notice(catalog)),
        format!(
            "# {}: OpenAPI components and JSON Schema",
            escape_inline(&meta.title)
        ),
        format!(
            "The error codes of the {} for API toolchains, generated from the same spec as the \
             Rust crate {} and the npm package {}:",
            escape_inline(&meta.service),
            code_span(&meta.crate_name),
            code_span(&meta.npm_name)
        ),
        [
            "| File | What it is |".to_owned(),
            "| --- | --- |".to_owned(),
            format!(
                "| `{document}` | An OpenAPI 3.1 document that is a library of components, with \
                 no operations of its own |"
            ),
            format!(
                "| `{schema}` | A JSON Schema (draft 2020-12) of the error body, for validators \
                 that do not read OpenAPI |"
            ),
        ]
        .join("\n"),
        "## Components".to_owned(),
        components(catalog),
        "## Referencing the components".to_owned(),
        format!(
            "An API description refers to the components by relative path. This one, saved \
             beside `{document}`, gives an operation the response of every documented error \
             status:"
        ),
        fenced("yaml", &api_example(catalog)),
        format!(
            "To refer to them by URL, publish this folder (a release asset, a raw file of your \
             repository, a documentation site) and write its address instead of \
             `./{document}`, for example \
             `https://example.org/error-codes/{document}#/components/schemas/{ERROR_RESPONSE}`. \
             `redocly bundle` turns an API description and the components it uses into one \
             self-contained file."
        ),
        "## Validating an error body".to_owned(),
        validating(catalog, &schema),
        fenced("js", &validation_example(catalog, &schema)),
        "## Generating types".to_owned(),
        format!(
            "`npx openapi-typescript {document} -o error-codes.ts` writes the types; \
             `components[\"schemas\"][\"{ERROR_CODE}\"]` is then the same type as the npm \
             package's `ErrorCode` (the project's CI proves it). With `--enum`, \
             `ErrorCode` is a TypeScript enum instead, its members named after \
             `x-enum-varnames` (the Rust crate's variant names) and commented with \
             `x-enum-descriptions`; openapi-generator names the values of an enum the same way."
        ),
    ];
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// The list of components: the schemas, the responses, the examples.
fn components(catalog: &Catalog) -> String {
    let schemas = "#/components/schemas";
    let mut items = vec![
        format!(
            "- `{schemas}/{ERROR_CODE}`: the {} documented codes, a string enum in table order, \
             with `x-enum-varnames` (the Rust crate's variant names), `x-enum-descriptions` \
             (one line per code) and `x-enumDescriptions` (each code's documentation in \
             Markdown), the extensions that openapi-generator, openapi-typescript, \
             oapi-codegen, Redocly and Scalar read.",
            catalog.codes.len()
        ),
        format!(
            "- `{schemas}/{ANY_ERROR_CODE}`: a documented code or any other non-empty string. \
             Use it for codes that come from the service, so that a client keeps working when \
             the service returns a code that the table does not list yet."
        ),
        format!(
            "- `{schemas}/{ERROR_RESPONSE}`: the error body (see [Validating an error \
             body](#validating-an-error-body)), with the documentation's example."
        ),
    ];
    let deprecated = catalog
        .codes
        .iter()
        .filter(|c| c.deprecated.is_some())
        .count();
    if deprecated > 0 {
        items.push(format!(
            "- `{schemas}/{DEPRECATED_ERROR_CODE}`: the {deprecated} deprecated codes, a schema \
             marked `deprecated` (OpenAPI cannot mark one value of an enum); their \
             descriptions in `{ERROR_CODE}` say so too."
        ));
    }
    let responses: Vec<String> = response_statuses(catalog)
        .into_iter()
        .map(|status| format!("`{}`", response_name(status)))
        .collect();
    let parts = match &catalog.meta.error_body.shape {
        BodyShape::ErrorObject => Some(
            "`ErrorDetail` (an error object: `code`, `message`, `target`, `details`, \
             `innererror`) and `InnerError`",
        ),
        BodyShape::Google { .. } => Some(
            "`Status` (the `google.rpc.Status` of `error`) and `Detail` (a detail, such as the `ErrorInfo` that holds the code)",
        ),
        BodyShape::Huawei | BodyShape::ProblemDetails { .. } => None,
    };
    if let Some(parts) = parts {
        items.push(format!(
            "- `{schemas}/…`: {parts}, the parts of `{ERROR_RESPONSE}`."
        ));
    }
    let media_type = code_span(crate::emit::body::media_type(
        &catalog.meta.error_body.shape,
    ));
    items.push(if catalog.has_http_status() {
        format!(
            "- `#/components/responses/…`: {}: a response per HTTP status that the table gives, \
             carrying an `{ERROR_RESPONSE}` body ({media_type}), with an example for each code of \
             that status.",
            responses.join(", ")
        )
    } else {
        format!(
            "- `#/components/responses/Error`: the table gives no HTTP status, so one response \
             carries an `{ERROR_RESPONSE}` body ({media_type}) with an example for each code; an \
             operation references it under the status the API answers with."
        )
    });
    let first = &catalog.codes[0];
    items.push(format!(
        "- `#/components/examples/…`: each case's body, as the packages write it, named \
         after the code's Rust variant, such as `{}` for {}; a code that the table lists \
         several times has an example per case (`_case2`, …).",
        example_name(first, 0),
        code_span(&first.code)
    ));
    items.join("\n")
}

/// A small API description that references the components by relative
/// path: the error response of each documented status from 400 up, and
/// the body's schema for any other status.
fn api_example(catalog: &Catalog) -> String {
    let document = file_name(DOCUMENT);
    let mut lines: Vec<String> = [
        "openapi: 3.1.1",
        "info:",
        "  title: Image tagging",
        "  version: 1.0.0",
        "  license:",
        "    name: MIT",
        "    identifier: MIT",
        "servers:",
        "  - url: https://api.example.org",
        "security:",
        "  - token: []",
        "paths:",
        "  /v1/tags:",
        "    post:",
        "      operationId: tagImage",
        "      summary: Tag an image",
        "      requestBody:",
        "        required: true",
        "        content:",
        "          application/json:",
        "            schema:",
        "              type: object",
        "              required: [url]",
        "              properties:",
        "                url:",
        "                  type: string",
        "                  minLength: 1",
        "      responses:",
        "        \"200\":",
        "          description: The image's tags.",
        "          content:",
        "            application/json:",
        "              schema:",
        "                type: array",
        "                items:",
        "                  type: string",
    ]
    .map(str::to_owned)
    .to_vec();
    // A table may give a code a status below 400 (the `ModelArts` table has
    // 100, 200 and 204): the example's own 200 stays the success response.
    for status in statuses(catalog).into_iter().filter(|s| *s >= 400) {
        lines.push(format!("        \"{status}\":"));
        lines.push(format!(
            "          $ref: ./{document}#/components/responses/{}",
            response_name(Some(status))
        ));
    }
    if !catalog.has_http_status() {
        // The table gives no status: the API's own reference says which
        // client errors it answers with; `4XX` stands for them here.
        lines.push("        \"4XX\":".to_owned());
        lines.push(format!(
            "          $ref: ./{document}#/components/responses/{}",
            response_name(None)
        ));
    }
    lines.extend(
        [
            "        default:",
            "          description: An error that the table does not document.",
            "          content:",
        ]
        .map(str::to_owned),
    );
    lines.push(format!(
        "            {}:",
        crate::emit::body::media_type(&catalog.meta.error_body.shape)
    ));
    lines.push("              schema:".to_owned());
    lines.push(format!(
        "                $ref: ./{document}#/components/schemas/{ERROR_RESPONSE}"
    ));
    lines.extend(
        [
            "components:",
            "  securitySchemes:",
            "    token:",
            "      type: apiKey",
            "      in: header",
            "      name: X-Auth-Token",
        ]
        .map(str::to_owned),
    );
    lines.join("\n")
}

/// What the JSON Schema describes, in the catalog's shape.
fn validating(catalog: &Catalog, schema: &str) -> String {
    let readers = "To read a body, use the Rust crate's `ErrorResponse` or the npm package's \
                   `readErrorResponse`; to write one, `ErrorCode::response()` or `errorBody(code)`.";
    let shape = &catalog.meta.error_body.shape;
    let url = crate::emit::body::definition_url(shape);
    let what = match shape {
        BodyShape::Huawei => format!(
            "`{schema}` describes the body that the service's documentation gives: \
             `error_code` and `error_msg`, both non-empty, with `request_id`, \
             `encoded_authorization_message` and `details` when present, and other keys \
             allowed. The official SDKs also read a top-level `code` and `message`, and an \
             `error` object holding either pair; the schema does not describe those shapes, so \
             such a body does not validate, but the packages read it."
        ),
        BodyShape::ErrorObject => format!(
            "`{schema}` describes the error object of the Microsoft REST API Guidelines \
             (<{url}>), \
             OData's JSON error format: `error` holds `code` (the code, non-empty) and \
             `message`, with `target`, `details` (error objects) and `innererror` (an object \
             whose `code` and nested `innererror` hold more specific codes) when present; other \
             members are allowed. A `null` member does not validate, though the packages read it \
             as absent."
        ),
        BodyShape::Google { domain } => format!(
            "`{schema}` describes a `google.rpc.Status` as AIP-193 gives it for HTTP/JSON APIs \
             (<{url}>): `error` holds `code` (the HTTP status), `message`, \
             `status` (a `google.rpc.Code` name) and `details`, whose \
             `type.googleapis.com/google.rpc.ErrorInfo` detail holds the code in `reason`, and \
             this service's domain, {}, in `domain`. AIP-193 requires that detail; the schema \
             and the packages accept a body without it, which has no code.",
            code_span(domain)
        ),
        BodyShape::ProblemDetails { code_member } => format!(
            "`{schema}` describes a problem details object of RFC 9457 \
             (<{url}>), media type `application/problem+json`, \
             which the responses declare: `type`, `title`, `status`, `detail` and `instance`, \
             with the code in the extension member {}; each is optional, and other members are \
             allowed, as the RFC has it, so that a body of another shape validates too (the \
             packages refuse a body with none of these members). A member of the wrong type does \
             not validate, though the packages ignore it, as the RFC asks.",
            code_span(code_member)
        ),
    };
    format!("{what} {readers} With Ajv:")
}

/// Validation with Ajv, run from this folder: it prints `true` (the first
/// code's body), then `false` (a body of another shape); CI runs it and
/// compares.
fn validation_example(catalog: &Catalog, schema: &str) -> String {
    let (valid, invalid) = match &catalog.meta.error_body.shape {
        BodyShape::Huawei => (
            "{ error_code: \"ANY.0001\", error_msg: \"Some message.\" }".to_owned(),
            "{ code: \"ANY.0001\", message: \"Some message.\" }",
        ),
        shape => {
            let code = &catalog.codes[0];
            // One line of JSON, which is JavaScript: no line of it can end the fence.
            let body =
                serde_json::to_string(&crate::emit::body::written(catalog, code, code.primary()))
                    .unwrap_or_default()
                    .replace('\u{2028}', "\\u2028")
                    .replace('\u{2029}', "\\u2029");
            let other = match shape {
                BodyShape::ErrorObject => {
                    "{ error_code: \"ANY.0001\", error_msg: \"Some message.\" }"
                }
                BodyShape::ProblemDetails { .. } => "{ status: \"404\", title: \"Not Found\" }",
                _ => "{ error: { code: \"ANY.0001\", message: \"Some message.\" } }",
            };
            (body, other)
        }
    };
    [
        "import { readFileSync } from \"node:fs\";".to_owned(),
        "import Ajv2020 from \"ajv/dist/2020.js\";".to_owned(),
        String::new(),
        format!("const schema = JSON.parse(readFileSync(\"{schema}\", \"utf8\"));"),
        "const isErrorBody = new Ajv2020().compile(schema);".to_owned(),
        format!("console.log(isErrorBody({valid})); // true"),
        format!("console.log(isErrorBody({invalid})); // false"),
    ]
    .join("\n")
}

fn fenced(language: &str, text: &str) -> String {
    format!("```{language}\n{text}\n```")
}

/// `openapi/openapi.json` → `openapi.json`.
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_owned()
}
