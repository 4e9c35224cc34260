//! `gen`'s advice and cargo-semver-checks' verdict in the same terms, and
//! the report's Markdown table.
//!
//! The common term is the smallest release each accepts, as the next
//! version. `gen` advises the version part to raise (below 1.0 it already
//! moves each kind one place down: breaking is minor). cargo-semver-checks
//! names a level in semver's terms, which cargo reads for a 0.y.z crate as
//! "major" = raise y, "minor" = raise z, and "no semver update required" =
//! any release. A patch release is a release, so it agrees with "any".

use codegen::changes::Bump;

use super::checker::{Required, Verdict};

/// The smallest release a change needs: which part of the version it raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Release {
    /// No part in particular: any release, or none.
    Any,
    Patch,
    Minor,
    Major,
}

impl Release {
    /// `gen`'s advised bump, which already names the part of the version.
    pub fn of_advice(bump: Bump) -> Self {
        match bump {
            Bump::None => Release::Any,
            Bump::Patch => Release::Patch,
            Bump::Minor => Release::Minor,
            Bump::Major => Release::Major,
        }
    }

    /// cargo-semver-checks' level, read as cargo reads versions of the
    /// baseline `old`: below 1.0 each level moves one place down (and for
    /// 0.0.z every change raises z).
    pub fn of_verdict(required: Required, old: &semver::Version) -> Self {
        let (breaking, additive) = match (old.major, old.minor) {
            (0, 0) => (Release::Patch, Release::Patch),
            (0, _) => (Release::Minor, Release::Patch),
            _ => (Release::Major, Release::Minor),
        };
        match required {
            Required::Nothing => Release::Any,
            Required::Minor => additive,
            Required::Major => breaking,
        }
    }

    /// The next version from `old`, or "any" for [`Release::Any`].
    fn next(self, old: &semver::Version) -> String {
        let (major, minor, patch) = (old.major, old.minor, old.patch);
        match self {
            Release::Any => "any".to_owned(),
            Release::Patch => format!("{major}.{minor}.{}", patch + 1),
            Release::Minor => format!("{major}.{}.0", minor + 1),
            Release::Major => format!("{}.0.0", major + 1),
        }
    }

    /// Whether this release breaks users (0.y.z: raises y; x.y.z: raises x).
    pub fn is_breaking(self, old: &semver::Version) -> bool {
        self == Release::of_verdict(Required::Major, old) && self != Release::Any
    }
}

/// Whether `gen`'s advice is what cargo-semver-checks requires: the same
/// release, or a patch where it requires none in particular.
pub fn agree(advice: Release, verdict: Release) -> bool {
    advice == verdict || (verdict == Release::Any && advice == Release::Patch)
}

/// One scenario's line of the report.
pub struct Line {
    pub scenario: &'static str,
    pub adds_code: bool,
    /// `gen`'s smallest bump.
    pub advice: Bump,
    /// cargo-semver-checks' verdict, or why there is none.
    pub verdict: Result<Verdict, String>,
    /// Seconds for `gen` and cargo-semver-checks together.
    pub seconds: f64,
}

impl Line {
    /// Whether the line fails the suite: the two disagree, there is no
    /// verdict, or adding a code needs a breaking release.
    pub fn fails(&self, old: &semver::Version) -> bool {
        let advice = Release::of_advice(self.advice);
        match &self.verdict {
            Err(_) => true,
            Ok(verdict) => {
                let verdict = Release::of_verdict(verdict.required, old);
                !agree(advice, verdict)
                    || (self.adds_code && (advice.is_breaking(old) || verdict.is_breaking(old)))
            }
        }
    }
}

/// The report: a Markdown table with a line per scenario, and a summary.
pub fn markdown(old: &semver::Version, lines: &[Line]) -> String {
    let mut out = format!(
        "Baseline: the sample crate, version {old}. Each column gives the smallest \
         release it accepts, as the next version (\"any\": no bump in particular); \
         cargo-semver-checks' level is read as cargo reads a {old} crate (see README, \
         Lifecycle of a code).\n\n\
         | scenario | gen's advice | cargo-semver-checks' verdict | agree? | lints (failed; warned) | seconds |\n\
         |---|---|---|---|---|---:|\n"
    );
    for line in lines {
        let advice = Release::of_advice(line.advice);
        let advice_cell = format!("{}: {}", line.advice, advice.next(old));
        let (verdict_cell, lints_cell) = match &line.verdict {
            Ok(v) => (
                format!(
                    "{}: {}",
                    v.required,
                    Release::of_verdict(v.required, old).next(old)
                ),
                lint_list(v),
            ),
            Err(e) => (
                format!("error: {}", e.lines().next().unwrap_or_default()),
                String::new(),
            ),
        };
        let agree_cell = match (&line.verdict, line.fails(old)) {
            (Err(_), _) => "no verdict",
            (Ok(_), false) => "yes",
            (Ok(v), true) if agree(advice, Release::of_verdict(v.required, old)) => {
                "yes, but adding a code breaks"
            }
            (Ok(_), true) => "**no**",
        };
        out += &format!(
            "| {} | {advice_cell} | {verdict_cell} | {agree_cell} | {lints_cell} | {:.0} |\n",
            line.scenario, line.seconds
        );
    }
    let failing = lines.iter().filter(|l| l.fails(old)).count();
    out += &format!(
        "\n{} of {} scenarios agree{}.\n",
        lines.len() - failing,
        lines.len(),
        if failing == 0 {
            ", and adding a code never needs a breaking release"
        } else {
            ""
        }
    );
    out
}

fn lint_list(verdict: &Verdict) -> String {
    let names = |lints: &[String]| {
        lints
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (verdict.failed.is_empty(), verdict.warned.is_empty()) {
        (true, true) => String::new(),
        (false, true) => names(&verdict.failed),
        (true, false) => format!("; {}", names(&verdict.warned)),
        (false, false) => format!("{}; {}", names(&verdict.failed), names(&verdict.warned)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> semver::Version {
        semver::Version::parse(text).expect("a version")
    }

    #[test]
    fn below_one_cargo_semver_checks_levels_move_one_place_down() {
        let zero = version("0.1.0");
        assert_eq!(Release::of_verdict(Required::Major, &zero), Release::Minor);
        assert_eq!(Release::of_verdict(Required::Minor, &zero), Release::Patch);
        assert_eq!(Release::of_verdict(Required::Nothing, &zero), Release::Any);
        let one = version("1.2.3");
        assert_eq!(Release::of_verdict(Required::Major, &one), Release::Major);
        assert_eq!(Release::of_verdict(Required::Minor, &one), Release::Minor);
        assert_eq!(
            Release::of_verdict(Required::Major, &version("0.0.3")),
            Release::Patch
        );
        assert_eq!(Release::Minor.next(&zero), "0.2.0");
        assert_eq!(Release::Patch.next(&zero), "0.1.1");
        assert_eq!(Release::Major.next(&one), "2.0.0");
        assert!(Release::Minor.is_breaking(&zero));
        assert!(!Release::Minor.is_breaking(&one));
        assert!(!Release::Any.is_breaking(&zero));
    }

    #[test]
    fn a_patch_agrees_with_any_release_but_not_with_a_breaking_one() {
        assert!(agree(Release::Patch, Release::Any));
        assert!(agree(Release::Any, Release::Any));
        assert!(agree(Release::Minor, Release::Minor));
        assert!(!agree(Release::Patch, Release::Minor));
        assert!(
            !agree(Release::Any, Release::Patch),
            "gen says no release, the API grew"
        );
        assert!(!agree(Release::Minor, Release::Any), "gen asks too much");
    }

    fn line(adds_code: bool, advice: Bump, required: Required) -> Line {
        Line {
            scenario: "a scenario",
            adds_code,
            advice,
            verdict: Ok(Verdict {
                required,
                failed: vec!["enum_repr_variant_discriminant_changed".into()],
                warned: vec!["partial_ord_enum_variants_reordered".into()],
            }),
            seconds: 12.4,
        }
    }

    #[test]
    fn the_table_says_who_disagrees_and_why() {
        let zero = version("0.1.0");
        let lines = [
            line(true, Bump::Patch, Required::Major),
            line(false, Bump::Patch, Required::Nothing),
            line(true, Bump::Minor, Required::Major),
            Line {
                verdict: Err("cargo-semver-checks exited with 101\nmore".into()),
                ..line(false, Bump::Patch, Required::Nothing)
            },
        ];
        assert!(lines[0].fails(&zero));
        assert!(!lines[1].fails(&zero));
        assert!(lines[2].fails(&zero), "adding a code must not break");
        let table = markdown(&zero, &lines);
        assert!(table.contains("| a scenario | patch: 0.1.1 | major: 0.2.0 | **no** | `enum_repr_variant_discriminant_changed`; `partial_ord_enum_variants_reordered` | 12 |"), "{table}");
        assert!(
            table.contains("| patch: 0.1.1 | none: any | yes |"),
            "{table}"
        );
        assert!(
            table.contains("| minor: 0.2.0 | major: 0.2.0 | yes, but adding a code breaks |"),
            "{table}"
        );
        assert!(
            table.contains("| error: cargo-semver-checks exited with 101 | no verdict |"),
            "{table}"
        );
        assert!(table.ends_with("1 of 4 scenarios agree.\n"), "{table}");
    }
}
