use super::*;

fn named(key: &str, project: Option<i64>) -> Node {
    Node {
        key: key.to_string(),
        label: String::new(),
        prefix: String::new(),
        leaf: None,
        style: Style::Name,
        renames: false,
        project,
        level: None,
        children: Vec::new(),
    }
}

fn nodes(keys: &[&str]) -> Vec<Node> {
    keys.iter().map(|k| named(k, None)).collect()
}

#[test]
fn records_pair_by_key_in_any_order_and_repeated_keys_in_turn() {
    let a = nodes(&["甲", "乙", "甲"]);
    let b = nodes(&["乙", "甲", "甲"]);
    assert_eq!(pair(&a, &b, false), vec![Some(1), Some(0), Some(2)]);
}

#[test]
fn a_near_name_in_the_same_order_is_a_rename_only_where_names_are_keys() {
    let a = nodes(&["健診受診率", "刑法犯認知件数"]);
    let b = nodes(&["刑法犯認知件数", "乳幼児健診受診率"]);
    assert_eq!(pair(&a, &b, true), vec![Some(1), Some(0)]);
    assert_eq!(pair(&a, &b, false), vec![None, Some(0)]);
    // a name that is not near is not a rename
    let c = nodes(&["まったく別の指標"]);
    assert_eq!(pair(&a[..1], &c, true), vec![None]);
    // a rename keeps its place: an old name pairs only after the last pair made
    let a = nodes(&["計画の期間", "計画の目的"]);
    let b = nodes(&["計画の目的について", "計画期間"]);
    assert_eq!(pair(&a, &b, true), vec![Some(1), None]);
}

#[test]
fn names_of_the_same_project_pair_whatever_the_names() {
    let a = vec![named("防災・減災プロジェクト", Some(3))];
    let b = vec![
        named("少子高齢化対策プロジェクト", Some(1)),
        named("暮らしの安心実現プロジェクト", Some(3)),
    ];
    assert_eq!(pair(&a, &b, true), vec![Some(1)]);
}
