//! PC407 undefined-footnote: a ※ footnote marker with no definition.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::placeholders::Kind;
use crate::finding::{Finding, Severity};
use crate::msg;

pub const RULE: Rule = Rule {
    code: "PC407",
    name: "undefined-footnote",
    severity: Severity::Info,
    summary: ("定義のない※印", "a ※ footnote marker with no definition"),
    docs: Docs {
        what: (
            "用語の後に付いた「※」（例: 都市計画道路※）で、その用語の定義「※用語：…」が計画のどこにもないものを報告します。",
            "Reports a ※ placed after a term (e.g. 都市計画道路※) when no definition 「※term：…」 exists anywhere in the plan.",
        ),
        why: (
            "※印は読者に定義を探させます。定義がないと意味が伝わりません。",
            "A ※ sends readers looking for a definition; without one the term stays unexplained.",
        ),
        example: (
            "indicator = \"都市計画道路※の供用率\"",
            "indicator = \"都市計画道路※の供用率\"",
        ),
        fix: (
            "用語の定義（※用語：説明）を同じページか用語集に加えるか、※を削除してください。",
            "Add the definition (※term：explanation) on the page or in the glossary, or remove the ※.",
        ),
    },
    check: Some(check),
    fail: Some(FOOTNOTED),
    // the same ※, defined in the glossary
    pass: FOOTNOTED
        .then_append("\n[[prose]]\nheading = \"用語\"\ntext = \"※健診：健康診査のこと\"\n"),
};

/// Fixture: an indicator's name with a ※ after 健診.
const FOOTNOTED: Fixture =
    Fixture::replacing(&[("indicator = \"健診受診率\"", "indicator = \"健診※受診率\"")]);

fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::placeholder_findings(cx, out, &RULE, Kind::Footnote, |p| {
        let (section, text) = (&p.section, &p.text);
        (
            msg!(
                "※印の用語に定義がありません: 「{text}」（{section}）",
                "※ marker with no definition: 「{text}」 ({section})"
            ),
            msg!("定義のない※", "undefined ※"),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    /// 「※：…」 with the term still blank (a draft) defines nothing: the marker after 健診
    /// stays undefined, while the pass fixture's 「※健診：…」 still defines it.
    #[test]
    fn a_blank_term_defines_nothing() {
        let fx = Fixture {
            replace: &[("indicator = \"健診受診率\"", "indicator = \"健診※受診率\"")],
            append: "\n[[prose]]\nheading = \"用語\"\ntext = \"※：説明は後日追加します\"\n",
        };
        testing::assert_found(&RULE, &fx, 1);
        testing::assert_found(&RULE, &RULE.pass, 0);
    }
}
