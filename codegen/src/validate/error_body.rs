//! `catalog.yaml`'s `error_body`: the documented status and example of an
//! error body, and the shape of the API's error bodies (`shape`, with
//! `code_member` for `problem-details` and `domain` for `google`).

use super::Validator;
use super::rules::closest;
use crate::load::{Pos, YamlNode};
use crate::model::{BodyShape, ErrorBody};

/// Keys that `error_body` may have.
const KEYS: &[&str] = &["shape", "status", "example", "code_member", "domain"];

/// The members of a problem details object that RFC 9457 defines, which
/// the code cannot take the place of.
const PROBLEM_MEMBERS: [&str; 5] = ["type", "title", "status", "detail", "instance"];

/// The default `code_member` of the `problem-details` shape.
pub const DEFAULT_CODE_MEMBER: &str = "code";

impl Validator<'_> {
    /// The `error_body` mapping, each key checked at its line.
    pub(super) fn error_body(&mut self, file: usize, node: &YamlNode) -> ErrorBody {
        self.check_keys(file, node, KEYS);
        let pos_of = |key: &str| node.get(key).map_or(node.pos, |n| n.pos);
        let status = self
            .required_text(file, node, "status")
            .and_then(|s| self.status(file, pos_of("status"), &s));
        let example = self
            .required_text(file, node, "example")
            .unwrap_or_default();
        let name = self.optional_text(file, node, "shape");
        let shape_pos = pos_of("shape");
        let code_member = self.optional_text(file, node, "code_member");
        let domain = self.optional_text(file, node, "domain");
        let shape = match name.as_deref() {
            None | Some("huawei") => BodyShape::Huawei,
            Some("error-object") => BodyShape::ErrorObject,
            Some("google") => BodyShape::Google {
                domain: self.domain(file, shape_pos, pos_of("domain"), domain.as_deref()),
            },
            Some("problem-details") => BodyShape::ProblemDetails {
                code_member: self.code_member(file, pos_of("code_member"), code_member.as_deref()),
            },
            Some(other) => {
                let hint = match closest(other, &BodyShape::NAMES) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "write one of: {} (the default, when `shape` is left out)",
                        BodyShape::NAMES.join(", ")
                    ),
                };
                self.error(
                    file,
                    shape_pos,
                    format!("`{other}` is not a shape of error body"),
                    hint,
                );
                BodyShape::Huawei
            }
        };
        if name
            .as_deref()
            .is_none_or(|name| BodyShape::NAMES.contains(&name))
        {
            self.settings_of_other_shapes(file, node, &shape);
        }
        ErrorBody {
            status: status.unwrap_or(400),
            example,
            shape,
        }
    }

    /// `code_member` and `domain` belong to one shape each.
    fn settings_of_other_shapes(&mut self, file: usize, node: &YamlNode, shape: &BodyShape) {
        let owners = [
            (
                "code_member",
                "problem-details",
                "the extension member of a problem details object that holds the code",
            ),
            (
                "domain",
                "google",
                "the `ErrorInfo.domain` of a google.rpc.Status body",
            ),
        ];
        for (key, owner, what) in owners {
            if shape.name() == owner {
                continue;
            }
            if let Some(setting) = node.get(key) {
                self.error(
                    file,
                    setting.pos,
                    format!(
                        "`{key}` is a setting of the `{owner}` shape, and this catalog's shape is `{}`",
                        shape.name()
                    ),
                    format!("`{key}` names {what}: remove it, or write `shape: {owner}`"),
                );
            }
        }
    }

    /// The problem details member that holds the code: a name that RFC 9457
    /// recommends for extension members, and none of the members it defines.
    fn code_member(&mut self, file: usize, pos: Pos, member: Option<&str>) -> String {
        let Some(member) = member else {
            return DEFAULT_CODE_MEMBER.to_owned();
        };
        let well_formed = member.starts_with(|c: char| c.is_ascii_alphabetic())
            && member.len() >= 3
            && member.len() <= 64
            && member
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if PROBLEM_MEMBERS.contains(&member) {
            self.error(
                file,
                pos,
                format!("`{member}` is a member that RFC 9457 defines, not an extension member"),
                format!(
                    "the code goes in a member of its own beside {}: keep the default, `{DEFAULT_CODE_MEMBER}`, \
                     or name another",
                    PROBLEM_MEMBERS.map(|m| format!("`{m}`")).join(", ")
                ),
            );
        } else if !well_formed {
            self.error(
                file,
                pos,
                format!(
                    "`{member}` is not a name that RFC 9457 recommends for an extension member"
                ),
                "write 3 to 64 ASCII letters, digits and `_`, starting with a letter (RFC 9457, \
                 section 4), e.g. `code` or `error_code`",
            );
        }
        member.to_owned()
    }

    /// The `ErrorInfo.domain` of a `google` catalog: required, and a name
    /// such as `pubsub.googleapis.com`.
    fn domain(&mut self, file: usize, shape_pos: Pos, pos: Pos, domain: Option<&str>) -> String {
        let hint = "write the service's name, e.g. `domain: pubsub.googleapis.com`: with the code \
                    (`ErrorInfo.reason`), it identifies an error (AIP-193)";
        let Some(domain) = domain.filter(|d| !d.is_empty()) else {
            self.error(
                file,
                shape_pos,
                "the `google` shape needs `domain`, the `ErrorInfo.domain` of every code",
                hint,
            );
            return String::new();
        };
        let well_formed = domain.len() <= 253
            && domain.starts_with(|c: char| c.is_ascii_alphanumeric())
            && domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !well_formed {
            self.error(
                file,
                pos,
                format!("`{domain}` is not a domain of errors"),
                format!("use ASCII letters, digits, `.`, `-` and `_`; {hint}"),
            );
        }
        domain.to_owned()
    }
}
