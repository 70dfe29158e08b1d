//! Suppressions with a reason: `allow = [{ rule = "…", reason = "…" }]` on any record of the
//! plan, parsed here. Rule names are resolved against the registry after loading (the plan
//! layer does not know the rules), and the outcome layer applies the suppressions.

use crate::finding::Finding;
use crate::msg;
use crate::plan::load::codes;
use crate::plan::source::FileId;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Clone)]
pub struct Suppression {
    pub file: FileId,
    /// The record the `allow` stands in: from its table header to the next header, or the
    /// inline table.
    pub extent: Range<usize>,
    /// The rule as written (a code or a name, any case); resolved after loading.
    pub rule: String,
    /// The span of the rule's text.
    pub rule_span: Range<usize>,
    pub reason: String,
    /// The `{ rule = …, reason = … }` entry.
    pub span: Range<usize>,
}

/// Removes every `allow` key from the parsed file, or piece of a file ending at `end` (so typed
/// decoding never sees it) and returns the suppressions, recording errors for malformed ones.
pub(crate) fn extract(
    file: FileId,
    text: &str,
    end: usize,
    table: &mut DeTable<'_>,
    errors: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let mut headers = Vec::new();
    collect_headers(table, text, &mut headers);
    // the piece's end is the next header, or the file's end
    headers.push(end);
    headers.sort_unstable();
    let mut out = Vec::new();
    let whole = 0..text.len();
    strip(file, text, table, whole, &headers, &mut out, errors);
    out
}

fn is_header(text: &str, span: &Range<usize>) -> bool {
    text.get(span.clone()).is_some_and(|s| s.starts_with('['))
}

fn collect_headers(table: &DeTable<'_>, text: &str, out: &mut Vec<usize>) {
    for (_, v) in table.iter() {
        collect_value(v, text, out);
    }
}

fn collect_value(v: &toml::Spanned<DeValue<'_>>, text: &str, out: &mut Vec<usize>) {
    match v.get_ref() {
        DeValue::Table(t) => {
            if is_header(text, &v.span()) {
                out.push(v.span().start);
            }
            collect_headers(t, text, out);
        }
        DeValue::Array(a) => {
            for x in a.iter() {
                collect_value(x, text, out);
            }
        }
        _ => {}
    }
}

/// The extent of a table value: header to next header, or the inline table itself.
/// `headers` is sorted: the next one is found by binary search, so that a file of many
/// tables costs a logarithm per table, not a scan.
fn extent(text: &str, span: Range<usize>, headers: &[usize]) -> Range<usize> {
    if is_header(text, &span) {
        let after = headers.partition_point(|&h| h <= span.start);
        let next = headers.get(after).copied().unwrap_or(text.len());
        span.start..next
    } else {
        span
    }
}

fn strip(
    file: FileId,
    text: &str,
    table: &mut DeTable<'_>,
    record: Range<usize>,
    headers: &[usize],
    out: &mut Vec<Suppression>,
    errors: &mut Vec<Finding>,
) {
    let key = table
        .iter()
        .map(|(k, _)| k.clone())
        .find(|k| k.get_ref().as_ref() == "allow");
    if let Some(key) = key
        && let Some((_, value)) = table.remove_entry(&key)
    {
        parse_allow(file, value, &record, out, errors);
    }
    for (_, v) in table.iter_mut() {
        strip_value(file, text, v, headers, out, errors);
    }
}

fn strip_value(
    file: FileId,
    text: &str,
    v: &mut toml::Spanned<DeValue<'_>>,
    headers: &[usize],
    out: &mut Vec<Suppression>,
    errors: &mut Vec<Finding>,
) {
    let span = v.span();
    match v.get_mut() {
        DeValue::Table(t) => {
            let record = extent(text, span, headers);
            strip(file, text, t, record, headers, out, errors);
        }
        DeValue::Array(a) => {
            for x in a.iter_mut() {
                strip_value(file, text, x, headers, out, errors);
            }
        }
        _ => {}
    }
}

fn parse_allow(
    file: FileId,
    value: toml::Spanned<DeValue<'_>>,
    record: &Range<usize>,
    out: &mut Vec<Suppression>,
    errors: &mut Vec<Finding>,
) {
    let shape = || {
        msg!(
            "allow は [{{ rule = \"規則\", reason = \"理由\" }}] の形で書きます",
            "allow must be a list of {{ rule = \"…\", reason = \"…\" }}"
        )
    };
    let span = value.span();
    let DeValue::Array(items) = value.into_inner() else {
        errors.push(codes::INVALID.at(file, span, shape()));
        return;
    };
    for item in items {
        let item_span = item.span();
        let DeValue::Table(t) = item.into_inner() else {
            errors.push(codes::INVALID.at(file, item_span, shape()));
            continue;
        };
        let mut rule = None;
        let mut reason = None;
        for (k, v) in t.iter() {
            let s = match v.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            };
            match (k.get_ref().as_ref(), s) {
                ("rule", Some(s)) => rule = Some((s, v.span())),
                ("reason", Some(s)) => reason = Some(s),
                ("rule" | "reason", None) => errors.push(codes::INVALID.at(
                    file,
                    v.span(),
                    msg!("文字列で書いてください", "expected a string"),
                )),
                (other, _) => errors.push(crate::plan::load::unknown_key(
                    file,
                    k.span(),
                    other,
                    &["rule", "reason"],
                    "allow",
                )),
            }
        }
        let Some((rule, rule_span)) = rule else {
            errors.push(codes::INVALID.at(
                file,
                item_span,
                msg!("allow に rule がありません", "allow entry without `rule`"),
            ));
            continue;
        };
        match reason {
            Some(r) if !r.trim().is_empty() => out.push(Suppression {
                file,
                extent: record.clone(),
                rule,
                rule_span,
                reason: r,
                span: item_span,
            }),
            _ => errors.push(
                codes::INVALID
                    .at(
                        file,
                        item_span,
                        msg!(
                            "allow には理由（reason）が必要です",
                            "an allow needs a `reason`"
                        ),
                    )
                    .help(msg!(
                        "なぜこの指摘を受け入れるのかを reason = \"…\" に書いてください。",
                        "say why the finding is accepted: reason = \"…\""
                    )),
            ),
        }
    }
}
