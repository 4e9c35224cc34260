//! What changed between the committed catalog (`catalog.json` in the output
//! folder) and a new one, and the smallest semver bump that the change needs.
//!
//! `ErrorCode` is `#[non_exhaustive]`, so an added code is a minor change; a
//! removed code breaks every user that names it, so it is a major change
//! (below 1.0, a minor one); a new deprecation is minor; a changed status,
//! text, category or retryability is a patch.

use std::fmt;

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
    /// A code and what changed in it (`status`, `texts`, `cases`, `category`, `retryable`).
    pub changed: Vec<(String, Vec<&'static str>)>,
}

impl Changes {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.newly_deprecated.is_empty()
            && self.changed.is_empty()
    }

    /// The smallest bump, under semver, that these changes need. Below 1.0,
    /// each kind moves one place down: breaking is minor, additive is patch.
    #[must_use]
    pub fn required_bump(&self) -> Bump {
        let bump = if !self.removed.is_empty() {
            Bump::Major
        } else if !self.added.is_empty() || !self.newly_deprecated.is_empty() {
            Bump::Minor
        } else if !self.changed.is_empty() {
            Bump::Patch
        } else {
            Bump::None
        };
        match (major_of(&self.old_version), bump) {
            (Some(0), Bump::Major) => Bump::Minor,
            (Some(0), Bump::Minor) => Bump::Patch,
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
    let old_codes = old["codes"].as_array().ok_or("it has no `codes` list")?;
    let new_json = crate::emit::json::to_json(new);
    let new_codes = new_json["codes"].as_array().ok_or("no codes")?;
    let code_of = |v: &Value| v["code"].as_str().unwrap_or_default().to_owned();

    let mut changes = Changes {
        old_version: old["version"].as_str().unwrap_or("0.0.0").to_owned(),
        new_version: new.meta.version.clone(),
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
        if !what.is_empty() {
            changes.changed.push((name, what));
        }
    }
    Ok(changes)
}

fn parts(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+']).next()?;
    let mut numbers = core.split('.').map(|p| p.parse::<u64>().ok());
    Some((numbers.next()??, numbers.next()??, numbers.next()??))
}

fn major_of(version: &str) -> Option<u64> {
    parts(version).map(|(major, _, _)| major)
}

/// Which part of the version grew from `old` to `new` (`None` when `new` is not greater).
#[must_use]
pub fn bump_between(old: &str, new: &str) -> Bump {
    let (Some(a), Some(b)) = (parts(old), parts(new)) else {
        return Bump::None;
    };
    if b <= a {
        Bump::None
    } else if b.0 > a.0 {
        Bump::Major
    } else if b.1 > a.1 {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// `version` with the part named by `bump` raised.
fn bumped(version: &str, bump: Bump) -> String {
    let Some((major, minor, patch)) = parts(version) else {
        return version.to_owned();
    };
    match bump {
        Bump::None => format!("{major}.{minor}.{patch}"),
        Bump::Major => format!("{}.0.0", major + 1),
        Bump::Minor => format!("{major}.{}.0", minor + 1),
        Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
    }
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
    fn version_bumps() {
        assert_eq!(bump_between("0.1.0", "0.1.0"), Bump::None);
        assert_eq!(bump_between("0.1.0", "0.0.9"), Bump::None);
        assert_eq!(bump_between("0.1.0", "0.1.1"), Bump::Patch);
        assert_eq!(bump_between("0.1.9", "0.2.0"), Bump::Minor);
        assert_eq!(bump_between("1.9.9", "2.0.0"), Bump::Major);
        assert_eq!(bumped("1.2.3", Bump::Minor), "1.3.0");
    }
}
