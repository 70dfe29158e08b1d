//! PC601 unused-suppression: an `allow` that no longer matches any finding.
//! Produced by [`crate::outcome::suppression::apply`] after the rules run.

use super::{Docs, Fixture, Rule};
use crate::finding::Severity;

pub const RULE: Rule = Rule {
    code: "PC601",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: (
        "使われていない allow（抑止）",
        "a suppression (allow) that matches no finding",
    ),
    docs: Docs {
        what: (
            "記録に書かれた allow = [{ rule = \"…\", reason = \"…\" }] のうち、その記録に該当する指摘がもうないものを報告します。",
            "Reports an allow = [{ rule = \"…\", reason = \"…\" }] on a record that no longer has a finding of that rule.",
        ),
        why: (
            "直った指摘の抑止が残ると、同じ問題が再発しても気付けません。",
            "A stale suppression would silently hide the problem if it came back.",
        ),
        example: (
            "[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nallow = [{ rule = \"PC402\", reason = \"施策ページ作成中\" }]   # ところがページは記入済み",
            "[[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nallow = [{ rule = \"PC402\", reason = \"施策ページ作成中\" }]   # but the page is filled in",
        ),
        fix: (
            "指摘が直ったなら allow を削除してください。",
            "Remove the allow once the finding is fixed.",
        ),
    },
    check: None,
    fail: Some(Fixture {
        replace: &[(
            "page = \"P.10\"",
            "page = \"P.10\"\nallow = [{ rule = \"page-ref-missing\", reason = \"施策ページ作成中\" }]",
        )],
        append: "",
    }),
    pass: Fixture {
        replace: &[(
            "page = \"P.10\"",
            "page = \"Ｐ.○\"\nallow = [{ rule = \"page-ref-missing\", reason = \"施策ページ作成中\" }]",
        )],
        append: "",
    },
};

super::fixture_test!(1, "findings", |f| {
    assert_eq!(f[0].subject.as_deref(), Some("PC402"));
});

#[cfg(test)]
mod tests {
    use super::RULE;

    #[test]
    fn a_used_allow_hides_the_finding_and_keeps_its_reason() {
        let text = RULE.pass.text();
        let run =
            crate::outcome::check_in_memory("plan", &[("plan.toml", &text)], &Default::default());
        assert!(
            run.findings
                .iter()
                .all(|f| f.code != "PC402" && f.code != "PC601")
        );
        assert_eq!(run.suppressed.len(), 1);
        assert_eq!(run.suppressed[0].finding.code, "PC402");
        assert_eq!(run.suppressed[0].reason, "施策ページ作成中");
    }

    #[test]
    fn an_allow_covers_only_its_own_record() {
        // the allow sits on the 1-1 方針１ row; the Ｐ.○ is on the 1-1 方針２ row
        let text = crate::rules::BASE
            .replace(
                "page = \"P.10\"",
                "page = \"P.10\"\nallow = [{ rule = \"PC402\", reason = \"r\" }]",
            )
            .replace("page = \"P.11\"", "page = \"Ｐ.○\"");
        let run =
            crate::outcome::check_in_memory("plan", &[("plan.toml", &text)], &Default::default());
        // sorted by position: the stale allow (方針１ row) comes before the Ｐ.○ (方針２ row)
        let codes: Vec<&str> = run.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["PC601", "PC402"]);
        assert!(run.suppressed.is_empty());
    }

    #[test]
    fn an_allow_needs_a_reason_and_a_known_rule() {
        for (allow, code) in [
            ("allow = [{ rule = \"PC402\" }]", "PC006"),
            ("allow = [{ rule = \"PC402\", reason = \"\" }]", "PC006"),
            (
                "allow = [{ rule = \"page-ref-mising\", reason = \"r\" }]",
                "PC005",
            ),
            ("allow = [{ rule = \"PC402\", reson = \"r\" }]", "PC005"),
        ] {
            let text =
                crate::rules::BASE.replace("page = \"P.10\"", &format!("page = \"P.10\"\n{allow}"));
            let e = crate::rules::load_from_memory("plan", &[("plan.toml", &text)]).unwrap_err();
            assert_eq!(e.errors[0].code, code, "{allow}");
        }
    }
}
