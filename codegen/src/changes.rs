//! What changed between the committed catalog (`catalog.json` in the output
//! folder) and a new one, and the smallest semver bump that the change needs.
//!
//! The advice is what cargo-semver-checks finds in the generated crate:
//!
//! - a removed code is a removed variant (`enum_variant_missing`): major;
//! - a code whose number changed has another discriminant
//!   (`enum_repr_variant_discriminant_changed`): major; the spec's number
//!   lock forbids it, so only a lock edited by hand gets here;
//! - a new deprecation (`enum_variant_marked_deprecated`): minor;
//! - an added code, anywhere in the table: minor under semver (new API);
//!   `ErrorCode` is `#[non_exhaustive]`, its representation is `u32` for
//!   every size of table and the new code takes a number of its own, so no
//!   existing code changes (cargo-semver-checks finds nothing to flag);
//! - another shape of error body (`error_body.shape`): the crate's
//!   `ErrorResponse` has other fields (`constructible_struct_adds_field`,
//!   `struct_pub_field_missing`): major;
//! - a changed status, text, category or retryability, or rows in another
//!   order (the order of the TypeScript package's lists and of the reference
//!   pages; the Rust crate lists codes by number): a patch.
//!
//! Below 1.0 each kind moves one place down, as in Cargo and
//! cargo-semver-checks: breaking is minor (0.1.0 → 0.2.0), additive is a
//! patch; in 0.0.z every change is a patch-number change.

use std::fmt;

use semver::Version;
use serde_json::Value;

use crate::model::Catalog;

/// A semver bump, smallest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The differences between two catalogs, by code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub old_version: String,
    pub new_version: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub newly_deprecated: Vec<String>,
    /// A code and what changed in it (`status`, `texts`, `cases`,
    /// `category`, `retryable`, `number`).
    pub changed: Vec<(String, Vec<&'static str>)>,
    /// Whether the codes that both have are in another order.
    pub reordered: bool,
    /// The shape of error body before and after, if it changed.
    pub shape: Option<(String, String)>,
}

impl Changes {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.newly_deprecated.is_empty()
            && self.changed.is_empty()
            && !self.reordered
            && self.shape.is_none()
    }

    /// The smallest bump, under semver, that these changes need: the part
    /// of the version to raise. Below 1.0, each kind moves one place down:
    /// breaking is minor, additive is patch (and in 0.0.z, everything is).
    #[must_use]
    pub fn required_bump(&self) -> Bump {
        let renumbered = self
            .changed
            .iter()
            .any(|(_, what)| what.contains(&"number"));
        let bump = if !self.removed.is_empty() || renumbered || self.shape.is_some() {
            Bump::Major
        } else if !self.added.is_empty() || !self.newly_deprecated.is_empty() {
            Bump::Minor
        } else if !self.changed.is_empty() || self.reordered {
            Bump::Patch
        } else {
            Bump::None
        };
        match Version::parse(&self.old_version) {
            Ok(v) if v.major == 0 && v.minor == 0 => bump.min(Bump::Patch),
            Ok(v) if v.major == 0 => match bump {
                Bump::Major => Bump::Minor,
                Bump::Minor => Bump::Patch,
                other => other,
            },
            _ => bump,
        }
    }

    /// The bump from the old version to the new one.
    #[must_use]
    pub fn version_bump(&self) -> Bump {
        bump_between(&self.old_version, &self.new_version)
    }

    /// Whether the change drops codes without the version bump that needs.
    #[must_use]
    pub fn drops_codes_without_bump(&self) -> bool {
        !self.removed.is_empty() && self.version_bump() < self.required_bump()
    }

    /// The smallest version that the changes allow, from the old version.
    #[must_use]
    pub fn minimum_version(&self) -> String {
        bumped(&self.old_version, self.required_bump())
    }

    /// A few lines for the terminal: what changed and the bump it needs.
    #[must_use]
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "no codes changed since the committed output".to_owned();
        }
        let mut out = String::from("changes since the committed output:\n");
        let list = |codes: &[String]| codes.join(", ");
        if !self.added.is_empty() {
            out += &format!("  added ({}): {}\n", self.added.len(), list(&self.added));
        }
        if !self.removed.is_empty() {
            out += &format!(
                "  removed ({}): {}\n",
                self.removed.len(),
                list(&self.removed)
            );
        }
        if !self.newly_deprecated.is_empty() {
            out += &format!(
                "  deprecated ({}): {}\n",
                self.newly_deprecated.len(),
                list(&self.newly_deprecated)
            );
        }
        if !self.changed.is_empty() {
            let items: Vec<String> = self
                .changed
                .iter()
                .map(|(code, what)| format!("{code} ({})", what.join(", ")))
                .collect();
            out += &format!("  changed ({}): {}\n", self.changed.len(), items.join(", "));
        }
        if self.reordered {
            out += "  reordered: the TypeScript package and the reference pages list the codes in the table's new order\n";
        }
        if let Some((old, new)) = &self.shape {
            out += &format!(
                "  error body shape: {old} -> {new}: the crate's ErrorResponse and the package's \
                 ErrorResponse type change\n"
            );
        }
        let required = self.required_bump();
        out += &format!(
            "  smallest version bump under semver: {required} (version {} -> {}: {})",
            self.old_version,
            self.new_version,
            self.version_bump()
        );
        if self.version_bump() < required {
            out += &format!(
                "; raise `version` in catalog.yaml to at least {}",
                self.minimum_version()
            );
        }
        out
    }
}

/// Compares the committed `catalog.json` with a new catalog.
///
/// # Errors
/// When the old file is not a catalog that [`crate::emit::json`] wrote.
pub fn compare(old_json: &str, new: &Catalog) -> Result<Changes, String> {
    let old: Value = serde_json::from_str(old_json).map_err(|e| format!("not JSON: {e}"))?;
    if !old["codes"].is_array() {
        return Err("it has no `codes` list".into());
    }
    Ok(compare_value(&old, new))
}

/// [`compare`] with the committed catalog already read as JSON (a value
/// that [`compare`] would accept: it has a `codes` list).
#[must_use]
pub fn compare_value(old: &Value, new: &Catalog) -> Changes {
    compare_json(old, &crate::emit::json::to_json(new), &new.meta.version)
}

/// [`compare`] on the two catalogs as JSON.
fn compare_json(old: &Value, new_json: &Value, new_version: &str) -> Changes {
    let no_codes = Vec::new();
    let old_codes = old["codes"].as_array().unwrap_or(&no_codes);
    let new_codes = new_json["codes"].as_array().unwrap_or(&no_codes);
    let code_of = |v: &Value| v["code"].as_str().unwrap_or_default().to_owned();

    // A catalog.json without `error_body` is older than the shapes: huawei's.
    let shape_of = |catalog: &Value| {
        catalog["error_body"]["shape"]
            .as_str()
            .unwrap_or("huawei")
            .to_owned()
    };
    let (old_shape, new_shape) = (shape_of(old), shape_of(new_json));
    let mut changes = Changes {
        old_version: old["version"].as_str().unwrap_or("0.0.0").to_owned(),
        new_version: new_version.to_owned(),
        shape: (old_shape != new_shape).then_some((old_shape, new_shape)),
        ..Changes::default()
    };
    let old_index: std::collections::HashMap<String, &Value> =
        old_codes.iter().map(|c| (code_of(c), c)).collect();
    let new_index: std::collections::HashSet<String> = new_codes.iter().map(code_of).collect();
    changes.removed = old_codes
        .iter()
        .map(code_of)
        .filter(|c| !new_index.contains(c))
        .collect();
    for code in new_codes {
        let name = code_of(code);
        let Some(before) = old_index.get(&name) else {
            changes.added.push(name);
            continue;
        };
        if before["deprecated"].is_null() && !code["deprecated"].is_null() {
            changes.newly_deprecated.push(name.clone());
        }
        let mut what = Vec::new();
        let (old_cases, new_cases) = (&before["cases"], &code["cases"]);
        if old_cases[0]["http_status"] != new_cases[0]["http_status"] {
            what.push("status");
        }
        if ["error_msg", "description", "handling_measure"]
            .iter()
            .any(|k| old_cases[0][k] != new_cases[0][k])
        {
            what.push("texts");
        }
        if old_cases
            .as_array()
            .map(|c| c.get(1..).map(<[Value]>::to_vec))
            != new_cases
                .as_array()
                .map(|c| c.get(1..).map(<[Value]>::to_vec))
        {
            what.push("cases");
        }
        for key in ["category", "retryable"] {
            if before[key] != code[key] {
                what.push(key);
            }
        }
        // A catalog written before codes had numbers has none to compare.
        if !before["number"].is_null() && before["number"] != code["number"] {
            what.push("number");
        }
        if !what.is_empty() {
            changes.changed.push((name, what));
        }
    }
    let order = |codes: &[Value], keep: &dyn Fn(&str) -> bool| -> Vec<String> {
        codes.iter().map(code_of).filter(|c| keep(c)).collect()
    };
    changes.reordered = order(old_codes, &|c| new_index.contains(c))
        != order(new_codes, &|c| old_index.contains_key(c));
    changes
}

/// Which part of the version grew from `old` to `new` (`None` when `new` is
/// not greater, or either is not a version).
#[must_use]
pub fn bump_between(old: &str, new: &str) -> Bump {
    let (Ok(old), Ok(new)) = (Version::parse(old), Version::parse(new)) else {
        return Bump::None;
    };
    if new <= old {
        Bump::None
    } else if new.major > old.major {
        Bump::Major
    } else if new.minor > old.minor {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// `version` with the part named by `bump` raised (and the parts after it
/// reset); as it was if it is not a version.
fn bumped(version: &str, bump: Bump) -> String {
    let Ok(old) = Version::parse(version) else {
        return version.to_owned();
    };
    let new = match bump {
        Bump::None => Version::new(old.major, old.minor, old.patch),
        Bump::Major => Version::new(old.major + 1, 0, 0),
        Bump::Minor => Version::new(old.major, old.minor + 1, 0),
        Bump::Patch => Version::new(old.major, old.minor, old.patch + 1),
    };
    new.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(old: &str, new: &str) -> Changes {
        Changes {
            old_version: old.into(),
            new_version: new.into(),
            ..Changes::default()
        }
    }

    #[test]
    fn another_shape_of_error_body_is_breaking() {
        let old = serde_json::json!({"version": "1.2.3", "codes": []});
        let new = serde_json::json!({"codes": [], "error_body": {"shape": "google"}});
        let c = compare_json(&old, &new, "1.2.3");
        assert_eq!(c.shape, Some(("huawei".into(), "google".into())));
        assert_eq!(c.required_bump(), Bump::Major);
        assert!(
            c.summary().contains("error body shape: huawei -> google"),
            "{}",
            c.summary()
        );
        let same = serde_json::json!({"codes": [], "error_body": {"shape": "huawei"}});
        assert!(compare_json(&old, &same, "1.2.3").is_empty());
    }

    #[test]
    fn removal_is_breaking() {
        let mut c = changes("1.2.3", "1.3.0");
        c.removed.push("AIS.0014".into());
        assert_eq!(c.required_bump(), Bump::Major);
        assert!(c.drops_codes_without_bump());
        c.new_version = "2.0.0".into();
        assert!(!c.drops_codes_without_bump());
        assert!(c.summary().contains("removed (1): AIS.0014"));
    }

    #[test]
    fn below_one_the_minor_version_is_the_breaking_one() {
        let mut c = changes("0.1.0", "0.1.1");
        c.removed.push("AIS.0014".into());
        assert_eq!(c.required_bump(), Bump::Minor);
        assert!(c.drops_codes_without_bump());
        assert!(
            c.summary()
                .contains("raise `version` in catalog.yaml to at least 0.2.0"),
            "{}",
            c.summary()
        );
        c.new_version = "0.2.0".into();
        assert!(!c.drops_codes_without_bump());
    }

    #[test]
    fn additions_are_minor_and_edits_are_patches() {
        let mut c = changes("1.0.0", "1.0.0");
        c.changed.push(("AIS.0014".into(), vec!["texts"]));
        assert_eq!(c.required_bump(), Bump::Patch);
        c.added.push("AIS.0015".into());
        assert_eq!(c.required_bump(), Bump::Minor);
        assert!(c.summary().contains("at least 1.1.0"), "{}", c.summary());
        assert!(
            !c.drops_codes_without_bump(),
            "only dropping codes is refused"
        );
        let mut zero = changes("0.3.0", "0.3.0");
        zero.added.push("X.1".into());
        assert_eq!(zero.required_bump(), Bump::Patch);
    }

    #[test]
    fn a_changed_number_is_breaking_and_a_new_order_is_a_patch() {
        let mut c = changes("1.2.3", "1.2.3");
        c.reordered = true;
        assert_eq!(c.required_bump(), Bump::Patch);
        assert!(c.summary().contains("reordered"), "{}", c.summary());
        c.changed.push(("AIS.0014".into(), vec!["number"]));
        assert_eq!(c.required_bump(), Bump::Major);
        assert_eq!(c.minimum_version(), "2.0.0");
    }

    #[test]
    fn in_0_0_z_every_change_is_a_patch_number() {
        let mut c = changes("0.0.3", "0.0.3");
        c.removed.push("AIS.0014".into());
        assert_eq!(c.required_bump(), Bump::Patch);
        assert_eq!(c.minimum_version(), "0.0.4");
    }

    /// The committed catalog and a new one, as `gen` compares them.
    fn compare_codes(old: &[(&str, u32)], new: &[(&str, u32)]) -> Changes {
        let json = |codes: &[(&str, u32)]| {
            let codes: Vec<Value> = codes
                .iter()
                .map(|(code, number)| serde_json::json!({"code": code, "number": number, "cases": [{}]}))
                .collect();
            serde_json::json!({"version": "0.2.0", "codes": codes})
        };
        compare_json(&json(old), &json(new), "0.2.0")
    }

    #[test]
    fn the_comparison_finds_new_numbers_and_new_orders() {
        let same = compare_codes(&[("A", 0), ("B", 1)], &[("A", 0), ("B", 1)]);
        assert!(same.is_empty());
        let grown = compare_codes(&[("A", 0), ("B", 1)], &[("A", 0), ("C", 2), ("B", 1)]);
        assert_eq!(grown.added, ["C"]);
        assert!(!grown.reordered, "an insertion does not reorder the others");
        assert_eq!(grown.required_bump(), Bump::Patch, "additive, below 1.0");
        let moved = compare_codes(&[("A", 0), ("B", 1)], &[("B", 1), ("A", 0)]);
        assert!(moved.reordered);
        assert_eq!(moved.required_bump(), Bump::Patch);
        let renumbered = compare_codes(&[("A", 0), ("B", 1)], &[("A", 1), ("B", 0)]);
        assert_eq!(renumbered.changed.len(), 2);
        assert_eq!(
            renumbered.required_bump(),
            Bump::Minor,
            "breaking, below 1.0"
        );
    }

    #[test]
    fn version_bumps() {
        assert_eq!(bump_between("0.1.0", "0.1.0"), Bump::None);
        assert_eq!(bump_between("0.1.0", "0.0.9"), Bump::None);
        assert_eq!(bump_between("0.1.0", "0.1.1"), Bump::Patch);
        assert_eq!(bump_between("0.1.9", "0.2.0"), Bump::Minor);
        assert_eq!(bump_between("1.9.9", "2.0.0"), Bump::Major);
        assert_eq!(bump_between("0.1.0", "not a version"), Bump::None);
        assert_eq!(bumped("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(bumped("1.2.3-rc.1", Bump::Patch), "1.2.4");
    }
}
