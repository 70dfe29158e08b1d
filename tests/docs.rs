//! docs/rules.md is generated from the rule registry and must stay current.

#[test]
fn rules_md_is_generated_from_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = plancheck::output::rule_docs::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs`"
    );
    for r in plancheck::rules::REGISTRY {
        assert!(
            committed.contains(&format!("\n## {}\n", r.code)),
            "{} documented",
            r.code
        );
    }
}
