//! The anchors of one page's headings, kept distinct.
//!
//! mdBook and GitHub give a heading the id [`names::anchor`] computes from
//! its text, and add `-1`, `-2`, … to repeats. A link written before the
//! page is rendered can only rely on that if no two headings of a page have
//! the same anchor, so every heading of a page is made here: code headings
//! are reserved first (validation already made them distinct), and any other
//! heading whose anchor is taken or empty gets ` (2)`, ` (3)`, … appended.

use std::collections::BTreeSet;

use crate::emit::markdown::{escape_inline, one_line};
use crate::names;

/// The anchors used so far on one page.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    used: BTreeSet<String>,
}

/// A heading's text, escaped for Markdown, and the anchor it renders with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Heading {
    pub markdown: String,
    pub anchor: String,
}

impl Anchors {
    /// Marks a code's anchor as used.
    pub fn reserve(&mut self, anchor: &str) {
        self.used.insert(anchor.to_owned());
    }

    /// A heading with the text `text` (whitespace runs become one space), or
    /// `text (n)` if the anchor of `text` is empty or already on the page.
    pub fn heading(&mut self, text: &str) -> Heading {
        let text = one_line(text).into_owned();
        let mut candidate = text.clone();
        let mut n = 2;
        loop {
            let anchor = names::anchor(&candidate);
            if !anchor.is_empty() && self.used.insert(anchor.clone()) {
                return Heading {
                    markdown: escape_inline(&candidate),
                    anchor,
                };
            }
            candidate = format!("{text} ({n})");
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_and_empty_anchors_get_a_number() {
        let mut anchors = Anchors::default();
        anchors.reserve("ais-codes");
        let title = anchors.heading("AIS codes");
        assert_eq!(title.anchor, "ais-codes-2");
        assert_eq!(title.markdown, "AIS codes (2)");
        assert_eq!(anchors.heading("AIS  codes").anchor, "ais-codes-3");
        assert_eq!(anchors.heading("!!!").anchor, "-2");
        assert_eq!(anchors.heading("Fix the request").anchor, "fix-the-request");
    }

    #[test]
    fn the_anchor_is_that_of_the_rendered_text() {
        let mut anchors = Anchors::default();
        let heading = anchors.heading("Fix *the* <request> {#x}");
        assert_eq!(heading.markdown, "Fix \\*the\\* \\<request\\> \\{\\#x\\}");
        assert_eq!(heading.anchor, "fix-the-request-x");
    }
}
