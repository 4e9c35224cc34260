//! The scenarios of the semver suite: one edit of the sample table each, as a
//! maintainer would make it. Adding a scenario is one line of [`SCENARIOS`].
//!
//! Each scenario says what it means to change, in `gen`'s terms
//! ([`Intent`]); the tests check that its edit does exactly that.
//!
//! The table grows to each side of the sizes where an integer runs out: a
//! `u8` numbers 256 codes from 0, a `u16` 65,536.

use std::collections::HashSet;

use super::table::{Keep, Table};

/// One edit of the sample table.
pub struct Scenario {
    /// What the edit does, as the report names it.
    pub name: &'static str,
    /// What the edit is meant to change, as `gen` sees it.
    pub intent: Intent,
    /// The edit itself.
    pub edit: fn(&mut Table) -> Result<(), String>,
}

/// What an edit changes, in the terms of `gen`'s summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Adds this many codes (and no other change).
    AddsCodes(usize),
    /// Marks this code deprecated.
    Deprecates(&'static str),
    /// Changes one aspect of one code: `texts`, `status`, `category`,
    /// `retryable` or `cases`, as `gen` names them.
    Changes(&'static str, &'static str),
    /// Removes this code.
    Removes(&'static str),
    /// Moves rows, and changes nothing else.
    Reorders,
}

impl Scenario {
    /// Whether the scenario adds a code: that must never need a breaking release.
    pub fn adds_code(&self) -> bool {
        matches!(self.intent, Intent::AddsCodes(_))
    }
}

/// Every scenario, in the order of the report.
#[rustfmt::skip]
pub const SCENARIOS: &[Scenario] = &[
    Scenario { name: "new code inside its group (AIS.0507 after AIS.0506)", intent: Intent::AddsCodes(1), edit: |t| { let row = new_code(t); t.insert_after("AIS.0506", row) } },
    Scenario { name: "new code appended at the end (AIS.0507)", intent: Intent::AddsCodes(1), edit: |t| { let row = new_code(t); t.push(row); Ok(()) } },
    Scenario { name: "code deprecated (AIS.0505)", intent: Intent::Deprecates("AIS.0505"), edit: |t| t.set("AIS.0505", "deprecated", "no longer returned; use AIS.0506") },
    Scenario { name: "error_msg changed (AIS.0014)", intent: Intent::Changes("AIS.0014", "texts"), edit: |t| t.set("AIS.0014", "error_msg", "The input data is not valid JSON.") },
    Scenario { name: "description changed (AIS.0014)", intent: Intent::Changes("AIS.0014", "texts"), edit: |t| t.set("AIS.0014", "description", "The request body is not valid JSON.") },
    Scenario { name: "handling_measure changed (AIS.0014)", intent: Intent::Changes("AIS.0014", "texts"), edit: |t| t.set("AIS.0014", "handling_measure", "Validate the JSON body before sending it.") },
    Scenario { name: "status changed (AIS.0014: 400 to 415)", intent: Intent::Changes("AIS.0014", "status"), edit: |t| t.set("AIS.0014", "status_code", "415") },
    Scenario { name: "category changed (AIS.0505: server to request)", intent: Intent::Changes("AIS.0505", "category"), edit: |t| t.set("AIS.0505", "category", "request") },
    Scenario { name: "retryability changed (AIS.0505: false to true)", intent: Intent::Changes("AIS.0505", "retryable"), edit: |t| t.set("AIS.0505", "retryable", "true") },
    Scenario { name: "code removed (AIS.0505; version raised as gen demands)", intent: Intent::Removes("AIS.0505"), edit: |t| t.remove("AIS.0505") },
    Scenario { name: "rows reordered (the table reversed)", intent: Intent::Reorders, edit: |t| { t.reverse(); Ok(()) } },
    Scenario { name: "table grown past 255 codes (to 256)", intent: Intent::AddsCodes(256 - SEED_CODES), edit: |t| grow_to(t, 256) },
    Scenario { name: "table grown past 256 codes (to 257)", intent: Intent::AddsCodes(257 - SEED_CODES), edit: |t| grow_to(t, 257) },
    Scenario { name: "table grown past 65,535 codes (to 65,536)", intent: Intent::AddsCodes(65_536 - SEED_CODES), edit: |t| grow_to(t, 65_536) },
    Scenario { name: "table grown past 65,536 codes (to 65,537)", intent: Intent::AddsCodes(65_537 - SEED_CODES), edit: |t| grow_to(t, 65_537) },
    Scenario { name: "case added (a second row of APIG.0201, status 413)", intent: Intent::Changes("APIG.0201", "cases"), edit: |t| { let row = new_case(t); t.insert_after("APIG.0201", row) } },
];

/// How many codes the sample table has (the growth scenarios add the rest).
pub const SEED_CODES: usize = 31;

/// The row of the new code `AIS.0507`.
fn new_code(table: &mut Table) -> Vec<String> {
    table.new_row(&[
        ("status_code", "400"),
        ("error_code", "AIS.0507"),
        ("error_msg", "The image resolution is not supported."),
        ("description", "The image resolution is not supported."),
        (
            "handling_measure",
            "Check whether the image resolution meets requirements.",
        ),
        ("category", "request"),
        ("retryable", "false"),
    ])
}

/// A second row of `APIG.0201`: the gateway's 413 for the same code, as
/// real tables list it (category and retryability are the first row's).
fn new_case(table: &mut Table) -> Vec<String> {
    table.new_row(&[
        ("status_code", "413"),
        ("error_code", "APIG.0201"),
        ("error_msg", "Request entity too large."),
        (
            "description",
            "The request body exceeds the gateway's limit.",
        ),
        ("handling_measure", "Send a smaller request body."),
    ])
}

/// Appends synthetic codes (the benchmarks' generator, with the shapes of
/// real tables) until the table has `codes` distinct codes. Synthetic rows
/// whose code the table already has are left out.
fn grow_to(table: &mut Table, codes: usize) -> Result<(), String> {
    let existing: HashSet<String> = table.codes()?.into_iter().map(str::to_owned).collect();
    let needed = codes.checked_sub(existing.len()).ok_or_else(|| {
        format!(
            "the table already has {} codes, more than {codes}",
            existing.len()
        )
    })?;
    // About 2 % of synthetic rows repeat a code: ask for some more rows.
    let synthetic = Table::parse(&crate::bench::synthetic::csv(needed + needed / 10 + 100))?;
    let mut added: HashSet<String> = HashSet::new();
    table.append_from(&synthetic, |code| {
        if existing.contains(code) {
            Keep::Skip
        } else if added.contains(code) {
            Keep::Take // another case of a code appended before
        } else if added.len() == needed {
            Keep::Stop
        } else {
            added.insert(code.to_owned());
            Keep::Take
        }
    })?;
    if added.len() < needed {
        return Err(format!(
            "the synthetic table gave {} new codes, {needed} were needed",
            added.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Table {
        Table::read(
            &crate::workspace::root()
                .join(super::super::prepare::SAMPLE)
                .join("error-codes.csv"),
        )
        .expect("the sample table")
    }

    fn edited(name_part: &str) -> Table {
        let scenario = SCENARIOS
            .iter()
            .find(|s| s.name.contains(name_part))
            .expect("a scenario");
        let mut table = seed();
        (scenario.edit)(&mut table).expect("the edit applies");
        table
    }

    #[test]
    fn the_seed_has_the_codes_the_scenarios_edit() {
        let seed = seed();
        let codes: HashSet<&str> = seed.codes().expect("codes").into_iter().collect();
        assert_eq!(codes.len(), SEED_CODES);
        for code in ["AIS.0014", "AIS.0505", "AIS.0506", "APIG.0201"] {
            assert!(codes.contains(code), "{code}");
        }
        assert!(!codes.contains("AIS.0507"));
    }

    #[test]
    fn scenario_names_are_distinct() {
        let names: HashSet<&str> = SCENARIOS.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), SCENARIOS.len());
    }

    #[test]
    fn the_new_code_goes_inside_its_group_or_at_the_end() {
        let seed = seed();
        let seed_codes = seed.codes().expect("codes");
        let inside = edited("inside its group");
        let codes = inside.codes().expect("codes");
        let at = codes.iter().position(|c| *c == "AIS.0507").expect("added");
        assert_eq!(codes[at - 1], "AIS.0506");
        assert_eq!(codes[at + 1], seed_codes[at]);
        let appended = edited("appended at the end");
        assert_eq!(appended.codes().expect("codes").last(), Some(&"AIS.0507"));
        assert_eq!(appended.len(), seed.len() + 1);
    }

    #[test]
    fn reordering_keeps_every_row() {
        let seed = seed();
        let reversed = edited("reordered");
        let mut codes = reversed.codes().expect("codes");
        assert_ne!(codes, seed.codes().expect("codes"));
        codes.reverse();
        assert_eq!(codes, seed.codes().expect("codes"));
    }

    #[test]
    fn growing_appends_synthetic_codes_after_the_seed() {
        let seed = seed();
        let grown = edited("past 255");
        let codes = grown.codes().expect("codes");
        assert_eq!(codes[..seed.len()], seed.codes().expect("codes")[..]);
        let distinct: HashSet<&str> = codes.iter().copied().collect();
        assert_eq!(distinct.len(), 256);
        assert!(grown.len() >= 256 - SEED_CODES + seed.len());
        // The same edit twice gives the same table.
        assert_eq!(edited("past 255"), grown);
    }
}
