//! `catalog.yaml`: metadata (title, versions, package names, addresses) and
//! categories. A spec without one gets [`Metadata::for_lone_table`].

use super::rules::{
    closest, is_category_key, is_crates_io_keyword, is_npm_name,
    is_older_than_the_generated_code_needs, is_package_name, is_rust_version, is_semver,
    is_web_address, normalise_line_ends, printable,
};
use super::{Statuses, Validator};
use crate::load::{Pos, YamlNode, YamlValue};
use crate::model::{BodyShape, Category, Metadata, OLDEST_RUST, OtherRow, PackageInfo};
use crate::names::{self, is_reserved_crate_name};

/// Keys that `catalog.yaml` may have.
const CATALOG_KEYS: &[&str] = &[
    "title",
    "service",
    "source_url",
    "updated_on",
    "other",
    "error_body",
    "version",
    "rust_crate",
    "npm_package",
    "package",
    "docs_base_url",
    "tables",
    "categories",
    "import",
    "moved_pages",
    "http_status",
    "default_http_status",
];

impl Validator<'_> {
    pub(super) fn metadata(&mut self) -> Option<Metadata> {
        let spec_files: Vec<String> = self.raw.files.iter().map(|f| f.display.clone()).collect();
        let Some((file, root)) = &self.raw.catalog else {
            let stem = self
                .raw
                .lone_table_stem
                .clone()
                .unwrap_or_else(|| "error-codes".into());
            return Some(Metadata::for_lone_table(
                &printable(&stem),
                names::package_name(&stem),
                spec_files,
            ));
        };
        let (file, root) = (*file, root);
        if !matches!(root.value, YamlValue::Map(_)) {
            self.error(
                file,
                root.pos,
                format!(
                    "catalog.yaml must be a mapping of keys, not {}",
                    root.kind()
                ),
"catalog.yaml holds `key: value` lines: title, version, rust_crate, npm_package, tables, ...",
);
            return None;
        }
        self.check_keys(file, root, CATALOG_KEYS);
        let title = self.required_text(file, root, "title");
        let service = self.optional_text(file, root, "service");
        let source_url = self.optional_text(file, root, "source_url");
        let updated_on = self.optional_text(file, root, "updated_on");
        let other = root.get("other").map(|node| {
            self.check_keys(file, node, &["http_status", "text"]);
            OtherRow {
                http_status: self.optional_text(file, node, "http_status").and_then(|s| {
                    let pos = node.get("http_status").map_or(node.pos, |n| n.pos);
                    self.status(file, pos, &s)
                }),
                text: self.required_text(file, node, "text").unwrap_or_default(),
            }
        });
        let error_body = root
            .get("error_body")
            .map(|node| self.error_body(file, node));
        let version = self.required_text(file, root, "version");
        if let Some(version) = &version
            && !is_semver(version)
        {
            let pos = root.get("version").map_or(root.pos, |n| n.pos);
            self.error(
                file,
                pos,
                format!("`{version}` is not a version of the form MAJOR.MINOR.PATCH"),
                "write a semantic version, e.g. \"0.1.0\" (quoted, so that YAML keeps it as text)",
            );
        }
        let crate_name = self.required_text(file, root, "rust_crate");
        let pos_of = |key: &str| root.get(key).map_or(root.pos, |n| n.pos);
        if let Some(name) = &crate_name {
            if !is_package_name(name) {
                self.error(
                    file,
                    pos_of("rust_crate"),
                    format!("`{name}` is not a valid crate name"),
                    "use at most 64 lower-case letters, digits and `-`, starting with a letter",
                );
            } else if is_reserved_crate_name(name) {
                self.error(
                    file,
                    pos_of("rust_crate"),
                    format!(
                        "`{name}` cannot be a crate name: it is a Rust keyword or a standard crate"
                    ),
                    format!("name the crate after the service, e.g. `{name}-error-codes`"),
                );
            }
        }
        let npm_name = self.required_text(file, root, "npm_package");
        if let Some(name) = &npm_name
            && !is_npm_name(name)
        {
            self.error(
                file,
                pos_of("npm_package"),
                format!("`{name}` is not a valid npm package name"),
"use lower-case letters, digits, `-`, `.` and `_`, optionally after a scope: `@scope/name`",
);
        }
        for key in ["source_url", "docs_base_url"] {
            if let Some(node) = root.get(key)
                && let YamlValue::Scalar(url) = &node.value
                && !is_web_address(url)
            {
                self.error(
                    file,
                    node.pos,
                    format!("`{key}` is not a web address"),
                    "write an address that starts with https://, without spaces, quotes or `<>`",
                );
            }
        }
        let package = root
            .get("package")
            .map(|node| self.package_info(file, node));
        let docs_base_url = self.optional_text(file, root, "docs_base_url");
        let import = root
            .get("import")
            .map(|node| self.import_settings(file, node));
        let moved_pages = root
            .get("moved_pages")
            .map(|node| self.moved_pages(file, node))
            .unwrap_or_default();
        self.statuses = self.statuses(file, root);
        if let (Statuses::None { line }, Some(body)) = (&self.statuses, &error_body) {
            self.shape_needs_status(file, *line, &body.shape);
        }
        let (title, version, crate_name, npm_name) = (title?, version?, crate_name?, npm_name?);
        let package = package.unwrap_or_else(|| PackageInfo::for_table(&printable(&crate_name)));
        Some(Metadata {
            service: service.unwrap_or_else(|| title.clone()),
            title,
            source_url,
            updated_on,
            other: other.unwrap_or_default(),
            error_body: error_body.unwrap_or_default(),
            crate_name,
            npm_name,
            version,
            package,
            docs_base_url,
            spec_files,
            import,
            moved_pages,
        })
    }

    /// `http_status: none` (the codes carry no HTTP status) or
    /// `default_http_status: N` (rows without one have N); neither: every
    /// row gives its own.
    fn statuses(&mut self, file: usize, root: &YamlNode) -> Statuses {
        let none = root.get("http_status").and_then(|node| {
            if matches!(&node.value, YamlValue::Scalar(value) if value == "none") {
                return Some(node.pos.line);
            }
            self.error(
                file,
                node.pos,
                "`http_status` takes one value: `none`",
                "write `http_status: none` when the codes carry no HTTP status; for a status of \
                 the rows that give none, write `default_http_status: 500`",
            );
            None
        });
        let default = root.get("default_http_status").and_then(|node| {
            let text = match &node.value {
                YamlValue::Scalar(text) => text.clone(),
                _ => String::new(),
            };
            self.status(file, node.pos, &text)
                .map(|status| (status, node.pos))
        });
        match (none, default) {
            (Some(_), Some((_, pos))) => {
                self.error(
                    file,
                    pos,
                    "`default_http_status` and `http_status: none` cannot both be given",
                    "`http_status: none` says the codes carry no status; `default_http_status` \
                     gives one to the rows that do not: keep the one that is true",
                );
                Statuses::EachRow
            }
            (Some(line), None) => Statuses::None { line },
            (None, Some((status, _))) => Statuses::Default(status),
            (None, None) => Statuses::EachRow,
        }
    }

    /// The `google` and `problem-details` bodies carry the HTTP status
    /// (AIP-193's `error.code`; RFC 9457's `status`, and the reason phrase
    /// that is an `about:blank` problem's `title`), which a catalog whose
    /// codes have none cannot write.
    fn shape_needs_status(&mut self, file: usize, line: usize, shape: &BodyShape) {
        let member = match shape {
            BodyShape::Google { .. } => "`error.code`, the HTTP status (AIP-193)",
            BodyShape::ProblemDetails { .. } => "`status` and a `title` of the status (RFC 9457)",
            BodyShape::Huawei | BodyShape::ErrorObject => return,
        };
        self.error(
            file,
            Pos { line, column: 1 },
            format!(
                "`http_status: none`, but the `{}` bodies carry {member}",
                shape.name()
            ),
            "give the status the API answers with as `default_http_status: N`, or use a shape \
             without one (`huawei`, `error-object`)",
        );
    }

    /// The `package` mapping: registry metadata, each value checked.
    fn package_info(&mut self, file: usize, node: &YamlNode) -> PackageInfo {
        self.check_keys(
            file,
            node,
            &[
                "description",
                "license",
                "repository",
                "keywords",
                "crates_io_categories",
                "rust_version",
            ],
        );
        let keywords = self.text_list(file, node, "keywords");
        if let Some(keywords_node) = node.get("keywords") {
            if keywords.len() > 5 {
                self.error(
                    file,
                    keywords_node.pos,
                    format!("{} keywords; crates.io allows at most 5", keywords.len()),
                    "keep the five that say best what the package is",
                );
            }
            // Every bad keyword, each at its place in the list.
            if let YamlValue::Seq(items) = &keywords_node.value {
                for item in items {
                    if let YamlValue::Scalar(keyword) = &item.value
                        && keywords.contains(keyword) // not already reported as bad text
                        && !is_crates_io_keyword(keyword)
                    {
                        self.error(
                            file,
                            item.pos,
                            format!("`{keyword}` is not a crates.io keyword"),
                            "a keyword is at most 20 ASCII letters, digits, `_`, `-` or `+`, \
                             starting with a letter or digit",
                        );
                    }
                }
            }
        }
        let rust_version = self.optional_text(file, node, "rust_version");
        let rust_version_pos = node.get("rust_version").map_or(node.pos, |n| n.pos);
        if let Some(version) = &rust_version
            && !is_rust_version(version)
        {
            self.error(
                file,
                rust_version_pos,
                format!("`{version}` is not a Rust version"),
                "write the oldest Rust the crate supports, e.g. \"1.86\" \
                 (quoted, so that YAML keeps it as text)",
            );
        } else if let Some(version) = &rust_version
            && is_older_than_the_generated_code_needs(version)
        {
            self.error(
                file,
                rust_version_pos,
                format!("the generated crate needs Rust {OLDEST_RUST} or later, not {version}"),
                format!(
                    "its `const fn`s slice texts with `str::split_at`, \
                     which is `const` since Rust {OLDEST_RUST}"
                ),
            );
        }
        if let Some(repository) = node.get("repository")
            && let YamlValue::Scalar(url) = &repository.value
            && !is_web_address(url)
        {
            self.error(
                file,
                repository.pos,
                "`repository` is not a web address",
                "write an address that starts with https://, without spaces, quotes or `<>`",
            );
        }
        PackageInfo {
            description: self
                .required_text(file, node, "description")
                .unwrap_or_default(),
            license: self
                .required_text(file, node, "license")
                .unwrap_or_default(),
            repository: self.optional_text(file, node, "repository"),
            keywords,
            crates_io_categories: self.text_list(file, node, "crates_io_categories"),
            rust_version: rust_version.unwrap_or_else(|| OLDEST_RUST.into()),
        }
    }

    /// Reports keys of a mapping that are not in `known`.
    pub(super) fn check_keys(&mut self, file: usize, node: &YamlNode, known: &[&str]) {
        let YamlValue::Map(entries) = &node.value else {
            self.error(
                file,
                node.pos,
                format!("expected a mapping, found {}", node.kind()),
                format!(
                    "write `key: value` lines here, indented: {}",
                    known.join(", ")
                ),
            );
            return;
        };
        for (key, _) in entries {
            let name = match &key.value {
                YamlValue::Scalar(s) => s.as_str(),
                _ => "",
            };
            if !known.contains(&name) {
                let hint = match closest(name, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the keys here are: {}", known.join(", ")),
                };
                self.error(file, key.pos, format!("unknown key `{name}`"), hint);
            }
        }
    }

    pub(super) fn optional_text(
        &mut self,
        file: usize,
        node: &YamlNode,
        key: &str,
    ) -> Option<String> {
        let value = node.get(key)?;
        match &value.value {
            YamlValue::Scalar(s) => {
                let text = normalise_line_ends(s);
                self.check_text(file, value.pos, key, &text);
                Some(text)
            }
            YamlValue::Null => None,
            _ => {
                self.error(
                    file,
                    value.pos,
                    format!("`{key}` must be text, not {}", value.kind()),
                    "quote a value that holds `: `, or starts with `[`, `{` or `- `",
                );
                None
            }
        }
    }

    pub(super) fn required_text(
        &mut self,
        file: usize,
        node: &YamlNode,
        key: &str,
    ) -> Option<String> {
        let text = self.optional_text(file, node, key);
        if text.as_deref().is_none_or(str::is_empty)
            && node
                .get(key)
                .is_none_or(|v| matches!(v.value, YamlValue::Null | YamlValue::Scalar(_)))
        {
            self.error(
                file,
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("`{key}` is required"),
                format!("write `{key}: ...`; it may not be empty"),
            );
            return None;
        }
        text
    }

    fn text_list(&mut self, file: usize, node: &YamlNode, key: &str) -> Vec<String> {
        match node.get(key).map(|n| (n.pos, &n.value)) {
            None | Some((_, YamlValue::Null)) => Vec::new(),
            Some((_, YamlValue::Seq(items))) => items
                .iter()
                .filter_map(|item| match &item.value {
                    YamlValue::Scalar(s) => {
                        self.check_text(file, item.pos, key, s).then(|| s.clone())
                    }
                    _ => {
                        self.error(
                            file,
                            item.pos,
                            format!("each entry of `{key}` must be text"),
                            format!("write `{key}: [first, second]`"),
                        );
                        None
                    }
                })
                .collect(),
            Some((pos, _)) => {
                self.error(
                    file,
                    pos,
                    format!("`{key}` must be a list"),
                    format!("write `{key}: [first, second]`"),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn categories(&mut self) -> Vec<Category> {
        let Some((file, root)) = &self.raw.catalog else {
            return Vec::new();
        };
        let file = *file;
        let items = match root.get("categories") {
            None => return Vec::new(),
            Some(YamlNode {
                value: YamlValue::Seq(items),
                ..
            }) => items,
            Some(other) => {
                self.error(
                    file,
                    other.pos,
                    "`categories` must be a list",
                    "write each category as `- key: request` followed by `title:` and \
                     `description:` lines",
                );
                return Vec::new();
            }
        };
        let mut categories: Vec<(Category, Pos)> = Vec::new();
        for item in items {
            if !matches!(item.value, YamlValue::Map(_)) {
                self.error(
                    file,
                    item.pos,
                    "each category must be a mapping with key, title and description",
"write `- key: request` followed by `title:` and `description:` lines, indented",
);
                continue;
            }
            self.check_keys(file, item, &["key", "title", "description", "retryable"]);
            let key = self.required_text(file, item, "key");
            let title = self.required_text(file, item, "title").unwrap_or_default();
            let description = self
                .required_text(file, item, "description")
                .unwrap_or_default();
            let retryable = match item.get("retryable") {
                Some(node) => match &node.value {
                    YamlValue::Scalar(s) => self
                        .boolean(file, node.pos, "retryable", s)
                        .unwrap_or(false),
                    YamlValue::Null => false,
                    _ => {
                        self.error(
                            file,
                            node.pos,
                            "`retryable` must be true or false",
                            "write `retryable: true` or `retryable: false`",
                        );
                        false
                    }
                },
                None => false,
            };
            let Some(key) = key else { continue };
            let pos = item.get("key").map_or(item.pos, |n| n.pos);
            if !is_category_key(&key) {
                self.error(
                    file,
                    pos,
                    format!("`{key}` is not a valid category key"),
                    "use lower-case letters, digits and `_`, starting with a letter",
                );
                continue;
            }
            let rust_variant = names::category_variant(&key);
            if let Some((_, earlier)) = categories
                .iter()
                .find(|(c, _)| c.rust_variant == rust_variant)
            {
                let line = earlier.line;
                self.error(
                    file,
                    pos,
                    format!("the category `{key}` is defined twice (first on line {line})"),
                    "each category key is defined once",
                );
                continue;
            }
            // Titles and descriptions are what readers tell categories apart by.
            if let Some((other, earlier)) = categories
                .iter()
                .find(|(c, _)| c.title == title || c.description == description)
            {
                let what = if other.title == title {
                    "title"
                } else {
                    "description"
                };
                let (other_key, line) = (other.key.clone(), earlier.line);
                self.error(
                    file,
                    pos,
                    format!(
                        "the category `{key}` has the same {what} as `{other_key}` (line {line})"
                    ),
                    "give each category its own title and description",
                );
                continue;
            }
            categories.push((
                Category {
                    key,
                    rust_variant,
                    title,
                    description,
                    retryable,
                },
                pos,
            ));
        }
        categories.into_iter().map(|(c, _)| c).collect()
    }
}
