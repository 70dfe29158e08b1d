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

/// `n` names of four characters each, all distinct from one another and from every other
/// list made with a different `base` (so that none is near another).
fn fillers(base: u32, n: usize) -> Vec<String> {
    (0..n as u32)
        .map(|i| {
            (0..4)
                .map(|k| char::from_u32(base + 4 * i + k).unwrap())
                .collect()
        })
        .collect()
}

/// One near pair (健診受診率 → 乳幼児健診受診率) first, then `olds` and `news` unrelated names.
fn near_pair_among(olds: usize, news: usize) -> (Vec<Node>, Vec<Node>) {
    let mut a = vec!["健診受診率".to_string()];
    a.extend(fillers(0x4E00, olds - 1));
    let mut b = vec!["乳幼児健診受診率".to_string()];
    b.extend(fillers(0x6000, news - 1));
    let named_all = |v: Vec<String>| v.iter().map(|k| named(k, None)).collect();
    (named_all(a), named_all(b))
}

#[test]
fn renames_are_searched_up_to_250_000_pairs_of_left_over_records_and_not_beyond() {
    // 500 × 500 = 250,000 pairs: still searched, the near name is a rename
    let (a, b) = near_pair_among(500, 500);
    let to = pair(&a, &b, true);
    assert_eq!(to[0], Some(0), "健診受診率 renamed 乳幼児健診受診率");
    assert!(to[1..].iter().all(Option::is_none), "no other rename");
    // 501 × 500 = 250,500 pairs: too many, every left-over record is removed or added
    let (a, b) = near_pair_among(501, 500);
    assert!(pair(&a, &b, true).iter().all(Option::is_none));
    let (a, b) = near_pair_among(500, 501);
    assert!(pair(&a, &b, true).iter().all(Option::is_none));
}
