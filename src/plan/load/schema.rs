//! Decoding records into the model, reporting every schema error of a record rather than the
//! first one serde stops at, each naming the table it is in.
//!
//! serde gives up at the first unknown key or wrong value. Each time it does, the error is
//! located in the record's tree by its span, reported, and the tree repaired where it went
//! wrong (the unknown key removed, the value replaced by a placeholder of the expected type, a
//! placeholder inserted for a missing key); then decoding is tried again. Placeholders carry
//! spans past the end of any file, so an error about one is never reported.

use super::codes;
use crate::finding::Finding;
use crate::i18n::Msg;
use crate::msg;
use crate::plan::source::FileId;
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// Spans at or past this offset belong to placeholders.
const PLACEHOLDER: usize = usize::MAX / 2;
/// A record needing more repairs than this is reported as it stands.
const MAX_REPAIRS: usize = 256;

/// Where a record stands: the TOML path of its table and whether it is an array element.
#[derive(Debug, Clone)]
pub struct Root {
    pub path: Vec<String>,
    pub array: bool,
}

impl Root {
    /// The whole file (the configuration).
    pub fn file() -> Root {
        Root {
            path: Vec::new(),
            array: false,
        }
    }

    pub fn record(name: &str, array: bool) -> Root {
        Root {
            path: vec![name.to_string()],
            array,
        }
    }
}

/// A table named for messages: `[[project.direction.table.row]]`, or the file's top level.
#[derive(Debug, Clone)]
pub struct Place {
    /// `[[a.b]]` to put into a Japanese sentence ("…に").
    pub ja: String,
    /// `in [[a.b]]` / `at the top level of the file`.
    pub en: String,
}

impl Place {
    pub fn table(name: &str) -> Place {
        Place {
            ja: name.to_string(),
            en: format!("in {name}"),
        }
    }

    /// The top level of a file.
    pub fn top() -> Place {
        Place::of(&[], false)
    }

    fn of(path: &[String], array: bool) -> Place {
        if path.is_empty() {
            return Place {
                ja: "ファイルの最上位".to_string(),
                en: "at the top level of the file".to_string(),
            };
        }
        let joined = path.join(".");
        Place::table(&if array {
            format!("[[{joined}]]")
        } else {
            format!("[{joined}]")
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Decodes `value` as a `T`, pushing every error found; `None` when there was any.
pub fn decode<T: DeserializeOwned>(
    file: FileId,
    root: &Root,
    value: Spanned<DeValue<'_>>,
    errors: &mut Vec<Finding>,
) -> Option<T> {
    let mut value = value;
    let mut found = 0;
    let mut next_placeholder = PLACEHOLDER;
    // keys taken for misspellings (`nmae` for `name`): their absence is not reported again
    let mut misspelt: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_REPAIRS {
        let e = match T::deserialize(value.clone().into_deserializer()) {
            Ok(v) => return (found == 0).then_some(v),
            Err(e) => e,
        };
        let message = e.message().trim().to_string();
        let placeholder = e.span().is_some_and(|s| s.start >= PLACEHOLDER);
        let mut fresh = || {
            next_placeholder += 1;
            next_placeholder..next_placeholder
        };
        let (finding, repaired) = match e.span() {
            Some(span) => repair(
                file,
                root,
                &mut value,
                &span,
                &message,
                &mut fresh,
                &mut misspelt,
            ),
            None => (None, false),
        };
        let reported = finding.is_some() && !placeholder;
        if let Some(f) = finding.filter(|_| !placeholder) {
            errors.push(f);
            found += 1;
        }
        if !repaired {
            if !reported && !placeholder {
                let span = e.span().unwrap_or_else(|| value.span());
                errors.push(invalid(
                    file,
                    span,
                    &Place::of(&root.path, root.array),
                    None,
                    &message,
                ));
            }
            return None;
        }
    }
    None
}

/// Reports the error at `span` and repairs the tree; returns the finding (if it could be
/// placed) and whether the tree changed.
fn repair(
    file: FileId,
    root: &Root,
    value: &mut Spanned<DeValue<'_>>,
    span: &Range<usize>,
    message: &str,
    fresh: &mut dyn FnMut() -> Range<usize>,
    misspelt: &mut Vec<(String, String)>,
) -> (Option<Finding>, bool) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let Some(path) = find_key(value, span) else {
            return (None, false);
        };
        let (table_path, array) = table_of(root, &path);
        let place = Place::of(&table_path, array);
        if let Some(near) = super::did_you_mean(key, &candidates) {
            misspelt.push((place.en.clone(), near.to_string()));
        }
        let f = unknown_key_in(file, span.clone(), key, &candidates, &place);
        let removed = match path.split_last() {
            Some((Step::Key(k), parent)) => {
                table_at(value, parent).is_some_and(|t| t.remove(k.as_str()).is_some())
            }
            _ => false,
        };
        return (Some(f), removed);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest).to_string();
        let Some(path) = find_value(value, span) else {
            return (None, false);
        };
        let (table_path, array) = node_name(root, &path);
        let place = Place::of(&table_path, array);
        let same_mistake = misspelt
            .iter()
            .any(|(p, near)| *p == place.en && *near == field);
        let f = codes::INVALID
            .at(
                file,
                span.clone(),
                Msg::new(
                    format!(
                        "{pja} に必須のキー `{field}` がありません",
                        pja = Place::of(&table_path, array).ja
                    ),
                    format!(
                        "missing field `{field}` {pen}",
                        pen = Place::of(&table_path, array).en
                    ),
                ),
            )
            .label(msg!("この記録", "this record"))
            .help(msg!(
                "`{field} = …` を書き加えてください。",
                "add `{field} = …`"
            ));
        let f = (!same_mistake).then_some(f);
        let Some(DeValue::Table(t)) = node_at(value, &path).map(Spanned::get_mut) else {
            return (f, false);
        };
        if t.contains_key(field.as_str()) {
            return (f, false);
        }
        let at = fresh();
        t.insert(
            Spanned::new(at.clone(), Cow::Owned(field)),
            Spanned::new(at, DeValue::String(Cow::Borrowed(""))),
        );
        return (f, true);
    }
    // a wrong value: report it and put a value of the expected type in its place
    let Some(path) = find_value(value, span) else {
        return (None, false);
    };
    let (table_path, array) = table_of(root, &path);
    let key = path.iter().rev().find_map(|s| match s {
        Step::Key(k) => Some(k.as_str()),
        Step::Index(_) => None,
    });
    let f = invalid(
        file,
        span.clone(),
        &Place::of(&table_path, array),
        key,
        message,
    );
    let expected = message.rsplit_once(", expected ").map_or("", |x| x.1);
    // An error that names no expected type (the toml crate's "integer number overflowed"):
    // a value of the same kind stands in, so the rest of the record is still checked.
    let same_kind = || match node_at(value, &path).map(|n| n.get_ref()) {
        Some(DeValue::Integer(_)) => Some(DeValue::Integer(Default::default())),
        _ => None,
    };
    let Some(replacement) = placeholder_for(expected).or_else(same_kind) else {
        return (Some(f), false);
    };
    let at = fresh();
    match node_at(value, &path) {
        Some(node) => {
            *node = Spanned::new(at, replacement);
            (Some(f), true)
        }
        None => (Some(f), false),
    }
}

/// A value of the type serde expected (its `expected` wording), to stand in for a wrong one.
fn placeholder_for(expected: &str) -> Option<DeValue<'static>> {
    let e = expected.trim();
    Some(if e.starts_with("a string") || e == "string" {
        DeValue::String(Cow::Borrowed(""))
    } else if e.starts_with("a sequence") || e.starts_with("an array") {
        DeValue::Array(DeArray::new())
    } else if e.starts_with("an integer")
        || e.starts_with('i') && e[1..].bytes().all(|b| b.is_ascii_digit())
        || e.starts_with('u') && e[1..].bytes().all(|b| b.is_ascii_digit())
    {
        DeValue::Integer(Default::default())
    } else if e.starts_with("a boolean") {
        DeValue::Boolean(false)
    } else if e.starts_with("f32") || e.starts_with("f64") || e.starts_with("a float") {
        DeValue::Float(Default::default())
    } else if e.starts_with("struct") || e.starts_with("a map") || e == "map" {
        DeValue::Table(DeTable::new())
    } else {
        return None;
    })
}

/// The table path of the node at `path` (below `root`), and whether it is an array element.
fn node_name(root: &Root, path: &[Step]) -> (Vec<String>, bool) {
    let mut names = root.path.clone();
    let mut array = root.array;
    for s in path {
        match s {
            Step::Key(k) => {
                names.push(k.clone());
                array = false;
            }
            Step::Index(_) => array = true,
        }
    }
    (names, array)
}

/// The table holding the key or value at `path`: the path without the node's own key (and,
/// for a value inside an inline array, the array's indices).
fn table_of(root: &Root, path: &[Step]) -> (Vec<String>, bool) {
    let mut end = path.len();
    while end > 0 && matches!(path[end - 1], Step::Index(_)) {
        end -= 1;
    }
    node_name(root, &path[..end.saturating_sub(1)])
}

fn find_key(v: &Spanned<DeValue<'_>>, span: &Range<usize>) -> Option<Vec<Step>> {
    match v.get_ref() {
        DeValue::Table(t) => {
            for (k, x) in t.iter() {
                if k.span() == *span {
                    return Some(vec![Step::Key(k.get_ref().to_string())]);
                }
                if let Some(mut p) = find_key(x, span) {
                    p.insert(0, Step::Key(k.get_ref().to_string()));
                    return Some(p);
                }
            }
            None
        }
        DeValue::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
            let mut p = find_key(x, span)?;
            p.insert(0, Step::Index(i));
            Some(p)
        }),
        _ => None,
    }
}

/// The path of the shallowest node spanning exactly `span`.
fn find_value(v: &Spanned<DeValue<'_>>, span: &Range<usize>) -> Option<Vec<Step>> {
    if v.span() == *span {
        return Some(Vec::new());
    }
    match v.get_ref() {
        DeValue::Table(t) => t.iter().find_map(|(k, x)| {
            let mut p = find_value(x, span)?;
            p.insert(0, Step::Key(k.get_ref().to_string()));
            Some(p)
        }),
        DeValue::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
            let mut p = find_value(x, span)?;
            p.insert(0, Step::Index(i));
            Some(p)
        }),
        _ => None,
    }
}

fn node_at<'v, 'i>(
    v: &'v mut Spanned<DeValue<'i>>,
    path: &[Step],
) -> Option<&'v mut Spanned<DeValue<'i>>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    let next = match (v.get_mut(), first) {
        (DeValue::Table(t), Step::Key(k)) => t.get_mut(k.as_str())?,
        (DeValue::Array(a), Step::Index(i)) => a.get_mut(*i)?,
        _ => return None,
    };
    node_at(next, rest)
}

fn table_at<'v, 'i>(v: &'v mut Spanned<DeValue<'i>>, path: &[Step]) -> Option<&'v mut DeTable<'i>> {
    match node_at(v, path)?.get_mut() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

/// A value of the wrong type (or otherwise not accepted) under `key` in `place`.
fn invalid(file: FileId, span: Range<usize>, place: &Place, key: Option<&str>, m: &str) -> Finding {
    let what = match key {
        Some(k) => Msg::new(
            format!("{} の `{k}` の値", place.ja),
            format!("`{k}` {}", place.en),
        ),
        None => Msg::new(
            format!("{} の値", place.ja),
            format!("a value {}", place.en),
        ),
    };
    let typed = m
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "));
    let message = match typed {
        Some((found, expected)) => Msg::new(
            format!(
                "{}の型が違います（{} ではなく{}で書いてください）",
                what.ja,
                type_ja(found),
                type_ja(expected)
            ),
            format!(
                "wrong type for {}: {} where {} is expected",
                what.en,
                type_en(found),
                type_en(expected)
            ),
        ),
        None => Msg::new(
            format!("{}が正しくありません", what.ja),
            format!("invalid value for {}: {m}", what.en),
        ),
    };
    codes::INVALID
        .at(file, span, message)
        .label(msg!("ここ", "here"))
}

/// Plain English for serde's type words.
fn type_en(s: &str) -> String {
    type_words(
        s,
        &[
            ("a sequence", "an array"),
            ("sequence", "array"),
            ("i64", "an integer"),
            ("a map", "a table"),
        ],
        |rest| format!("a table ({rest})"),
    )
}

/// Japanese names for serde's type words in an error message.
fn type_ja(s: &str) -> String {
    type_words(
        s,
        &[
            (
                "a string or an array of strings",
                "文字列または文字列の配列",
            ),
            ("a string", "文字列"),
            ("a sequence", "配列"),
            ("an integer", "整数"),
            ("i64", "整数"),
            ("integer", "整数"),
            ("string", "文字列"),
            ("sequence", "配列"),
            ("a boolean", "真偽値"),
            ("boolean", "真偽値"),
            ("floating point", "小数"),
            ("float", "小数"),
            ("datetime", "日付"),
            ("a map", "表"),
            ("map", "表"),
        ],
        |rest| format!("表（{rest}）"),
    )
}

/// Rewrites serde's type words in `s` with `words` (in order), and its `struct NAME` with
/// `table(NAME)`.
fn type_words(s: &str, words: &[(&str, &str)], table: impl Fn(&str) -> String) -> String {
    let mut out = s.to_string();
    for (serde, plain) in words {
        out = out.replace(serde, plain);
    }
    match out.strip_prefix("struct ") {
        Some(rest) => table(rest),
        None => out,
    }
}

/// An unknown key in `place`, with the nearest known key when there is one.
pub fn unknown_key_in(
    file: FileId,
    span: Range<usize>,
    key: &str,
    candidates: &[&str],
    place: &Place,
) -> Finding {
    let list = candidates.join(", ");
    let f = codes::UNKNOWN_KEY.at(
        file,
        span,
        Msg::new(
            format!("{pja} に未知のキー `{key}` があります", pja = place.ja),
            format!("unknown key `{key}` {pen}", pen = place.en),
        ),
    );
    let named = super::chars::named_in(key);
    let f = match super::did_you_mean(key, candidates) {
        Some(near) => f
            .label(msg!("`{near}` のことですか？", "did you mean `{near}`?"))
            .help(msg!(
                "`{near}` の書き間違いではありませんか。使えるキー: {list}",
                "did you mean `{near}`? expected one of: {list}"
            )),
        None => f
            .label(msg!("未知のキー", "unknown key"))
            .help(msg!("使えるキー: {list}", "expected one of: {list}")),
    };
    if named.is_empty() {
        return f;
    }
    let n = super::chars::describe_all(&named);
    let help = f.help.clone().unwrap_or_else(|| Msg::new("", ""));
    f.help(Msg::new(
        format!("キーに{} が含まれています。{}", n.ja, help.ja),
        format!("the key contains {}; {}", n.en, help.en),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Project;

    fn errors_of(text: &str) -> Vec<Finding> {
        let table = DeTable::parse(text).expect("valid TOML").into_inner();
        let mut errors = Vec::new();
        for (k, v) in table {
            let root = Root::record(k.get_ref(), true);
            let DeValue::Array(items) = v.into_inner() else {
                panic!("array of tables expected")
            };
            for item in items {
                let _ = decode::<Project>(0, &root, item, &mut errors);
            }
        }
        errors
    }

    #[test]
    fn every_error_of_a_record_is_reported_with_its_table() {
        let e = errors_of(
            "[[project]]\nnumber = \"1\"\nnmae = \"x\"\n\n[[project.direction]]\ntitle = 3\n\n\
             [[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nindicater = \"y\"\n",
        );
        let en: Vec<&str> = e.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(e.len(), 4, "{en:#?}");
        assert!(en.contains(&"unknown key `indicater` in [[project.direction.table.row]]"));
        assert!(en.contains(&"unknown key `nmae` in [[project]]"));
        assert!(en.contains(
            &"wrong type for `number` in [[project]]: string \"1\" where an integer is expected"
        ));
        assert!(en.contains(
            &"wrong type for `title` in [[project.direction]]: integer `3` where a string is expected"
        ));
        let ja: Vec<&str> = e.iter().map(|f| f.message.ja.as_str()).collect();
        assert!(ja.contains(
            &"[[project.direction]] の `title` の値の型が違います（整数 `3` ではなく文字列で書いてください）"
        ));
    }

    #[test]
    fn a_misspelt_key_is_not_also_reported_missing() {
        let e = errors_of("[[project]]\nnumber = 1\nnmae = \"x\"\n");
        let en: Vec<&str> = e.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(en, ["unknown key `nmae` in [[project]]"]);
        let e = errors_of("[[project]]\nnumber = 1\ntitle = \"x\"\n");
        let en: Vec<&str> = e.iter().map(|f| f.message.en.as_str()).collect();
        assert_eq!(
            en,
            [
                "unknown key `title` in [[project]]",
                "missing field `name` in [[project]]"
            ]
        );
    }
}
