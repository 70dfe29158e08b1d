//! PC304 nonstandard-year: a baseline or target year that differs from the plan's standard years.

use super::{Context, Docs, Fixture, Rule};
use crate::finding::{Finding, Severity};
use crate::msg;
use crate::plan::model::Text;
use crate::plan::normalize;
use crate::plan::source::FileId;
use crate::plan::value::{self, EraYear};

pub const RULE: Rule = Rule {
    code: "PC304",
    name: "nonstandard-year",
    severity: Severity::Warning,
    summary: (
        "現状値・目標値の年が計画の基準年と違います",
        "baseline or target year differs from the plan's standard year",
    ),
    docs: Docs {
        what: (
            "計画の基準年（[plan] の baseline_year・target_year、なければ plancheck.toml の [plan]）と、値の下に書かれた年（（令和４年）など）や表の列見出しの年（対応表、プロジェクト指標、数値目標）を比べ、違うものを報告します。年は西暦に直して比べ、年度（4月〜3月）と暦年（「度」のない「年」）も区別します。全角・半角や空白だけの違い（（令和 11 年度）など）は報告しません。基準年がどこにもなければ何もしません。",
            "Compares every year label — those printed under a value (（令和４年）, (令和９年)) and the column headers of direction tables, project indicator tables and the summary — with the plan's standard years ([plan] baseline_year / target_year, or [plan] in plancheck.toml). Years are compared as Western years, and a fiscal year (年度, April–March) differs from a calendar year (年 without 度). Labels that differ only in width or spacing (（令和 11 年度）) are not reported. Without standard years the rule does nothing.",
        ),
        why: (
            "基準年と違う年の値は、他の指標と同じ時点の比較になりません。統計の都合でやむを得ない場合も、読み手が気づけるよう確認が必要です。暦年と年度の取り違えはよくある転記ミスです。",
            "A value from another year is not comparable with the other indicators; even when the statistics force it, the editors should confirm it on purpose. Calendar years and fiscal years are easily confused in transcription.",
        ),
        example: (
            "baseline = \"64.7\"\ntarget = \"59.4\"\nbaseline_year = \"（令和４年）\"   # 暦年の2022年。計画の基準年は2023年度\ntarget_year = \"（令和９年）\"",
            "baseline = \"64.7\"\ntarget = \"59.4\"\nbaseline_year = \"（令和４年）\"   # calendar 2022, the plan's baseline is FY2023\ntarget_year = \"（令和９年）\"",
        ),
        fix: (
            "基準年の値が得られるなら値と年を差し替えてください。統計の都合で別の年を使う場合は、その旨を注記してください（plancheck.toml の [rules] で、この規則を情報に下げることもできます）。",
            "Use the value for the standard year if it exists. If the statistics only exist for another year, keep it and say so in a note (the rule can be lowered to info in plancheck.toml).",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            // a calendar year before the standard fiscal year, under a value
            (
                "target = \"96.5%\"",
                "target = \"96.5%\"\nbaseline_year = \"（令和４年）\"",
            ),
            // a column header one year short
            (
                "[project.indicators]\nbaseline_label = \"（令和５年度）\"\ntarget_label = \"（令和１１年度）\"",
                "[project.indicators]\nbaseline_label = \"（令和５年度）\"\ntarget_label = \"（令和１０年度）\"",
            ),
        ],
        append: "",
    }),
    pass: Fixture {
        replace: &[
            // the standard year, printed with other widths and spaces
            (
                "target = \"96.5%\"",
                "target = \"96.5%\"\nbaseline_year = \"（令和 ５ 年度 ）\"",
            ),
            (
                "[project.indicators]\nbaseline_label = \"（令和５年度）\"\ntarget_label = \"（令和１１年度）\"",
                "[project.indicators]\nbaseline_label = \"（令和５年度）\"\ntarget_label = \"(令和11年度)\"",
            ),
        ],
        append: "",
    },
};

/// A year printed with an era (令和５年度) or as a Western year (2023年度).
fn year_of(text: &str) -> Option<EraYear> {
    if let Some(y) = value::era_year(text) {
        return Some(y);
    }
    let k = normalize::key(text);
    let start = k.find(|c: char| c.is_ascii_digit())?;
    let rest = &k[start..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if end != 4 {
        return None;
    }
    let after = rest[end..].strip_prefix('年')?;
    Some(EraYear {
        year: rest[..end].parse().ok()?,
        fiscal: after.starts_with('度'),
    })
}

fn describe(y: EraYear) -> (String, String) {
    if y.fiscal {
        (format!("{}年度", y.year), format!("FY{}", y.year))
    } else {
        (
            format!("{}年（暦年）", y.year),
            format!("calendar year {}", y.year),
        )
    }
}

/// A standard year and where it is defined.
struct Standard<'a> {
    year: EraYear,
    text: &'a Text,
    file: Option<FileId>,
}

fn standard<'a>(
    meta: Option<(FileId, &'a Option<Text>)>,
    config: (Option<FileId>, &'a Option<Text>),
) -> Option<Standard<'a>> {
    let from = |file: Option<FileId>, t: &'a Option<Text>| {
        let t = t.as_ref()?;
        Some(Standard {
            year: year_of(t.get_ref())?,
            text: t,
            file,
        })
    };
    meta.and_then(|(f, t)| from(Some(f), t))
        .or_else(|| from(config.0, config.1))
}

#[derive(Clone, Copy)]
enum Which {
    Baseline,
    Target,
}

/// One year label to check.
struct Label<'a> {
    file: FileId,
    text: &'a Text,
    which: Which,
    /// (ja, en) description of what the label belongs to.
    owner: (String, String),
    /// A table's column header rather than a label under one value.
    header: bool,
    subject: String,
}

/// A baseline and a target year label of one owner: a table's column headers (`header`), or
/// the labels under one indicator's values.
fn push_pair<'a>(
    out: &mut Vec<Label<'a>>,
    file: FileId,
    [baseline, target]: [Option<&'a Text>; 2],
    owner: (String, String),
    header: bool,
    subject: &str,
) {
    for (t, which) in [(baseline, Which::Baseline), (target, Which::Target)] {
        if let Some(text) = t {
            out.push(Label {
                file,
                text,
                which,
                owner: owner.clone(),
                header,
                subject: subject.to_string(),
            })
        }
    }
}

fn labels<'a>(cx: &Context<'a>) -> Vec<Label<'a>> {
    let mut out = Vec::new();
    for p in &cx.plan.projects {
        let n = p.number.get_ref();
        let pk = normalize::key(p.name.get_ref());
        let mut table = |labels: [&'a Option<Text>; 2], owner| {
            push_pair(
                &mut out,
                p.file,
                labels.map(Option::as_ref),
                owner,
                true,
                &pk,
            )
        };
        if let Some(t) = &p.indicators {
            table(
                [&t.baseline_label, &t.target_label],
                (
                    format!("重点プロジェクト{n} のプロジェクト指標"),
                    format!("project {n}'s indicator table"),
                ),
            );
        }
        for (i, d) in p.direction.iter().enumerate() {
            let Some(t) = &d.table else { continue };
            let i = i + 1;
            table(
                [&t.baseline_label, &t.target_label],
                (
                    format!("重点プロジェクト{n} 取組の方向性{i} の対応表"),
                    format!("project {n}'s direction {i} table"),
                ),
            );
        }
    }
    if let Some(s) = &cx.plan.summary {
        let owner = (
            "数値目標の表".to_string(),
            "the numeric-target summary".to_string(),
        );
        let labels = [&s.baseline_label, &s.target_label].map(Option::as_ref);
        push_pair(&mut out, s.file, labels, owner, true, "");
    }
    for site in &cx.index.indicators {
        let name = site.name.get_ref();
        let owner = (format!("「{name}」"), format!("`{name}`"));
        let labels = [site.baseline_year, site.target_year];
        push_pair(
            &mut out,
            site.file,
            labels,
            owner,
            false,
            &normalize::key(name),
        );
    }
    // Model order: by file, then by position.
    out.sort_by_key(|l| (l.file, l.text.span().start));
    out
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let meta = cx.plan.meta.as_ref();
    let cfg = &cx.config.plan;
    let base = standard(
        meta.map(|m| (m.file, &m.baseline_year)),
        (cx.config.file, &cfg.baseline_year),
    );
    let target = standard(
        meta.map(|m| (m.file, &m.target_year)),
        (cx.config.file, &cfg.target_year),
    );
    if base.is_none() && target.is_none() {
        return;
    }
    for l in labels(cx) {
        let std = match l.which {
            Which::Baseline => &base,
            Which::Target => &target,
        };
        let Some(std) = std else { continue };
        let Some(y) = year_of(l.text.get_ref()) else {
            continue; // not a year: nothing to compare
        };
        if y == std.year {
            continue;
        }
        let printed = l.text.get_ref();
        let (yja, yen) = describe(y);
        let (sja, sen) = describe(std.year);
        let st = std.text.get_ref();
        let (oja, oen) = &l.owner;
        let (wja, wen) = match l.which {
            Which::Baseline => ("現状値", "baseline"),
            Which::Target => ("目標値", "target"),
        };
        let message = if l.header {
            msg!(
                "{oja}の{wja}の列見出し「{printed}」は {yja}で、計画の{wja}の基準年 {sja}（{st}）と違います",
                "the {wen} column header {printed} of {oen} is {yen} instead of {sen}, the plan's standard {wen} year ({st})"
            )
        } else {
            msg!(
                "{oja}の{wja}の年「{printed}」は {yja}で、計画の{wja}の基準年 {sja}（{st}）と違います",
                "{wen} year {printed} of {oen} is {yen} instead of {sen}, the plan's standard {wen} year ({st})"
            )
        };
        let help = if y.year == std.year.year {
            msg!(
                "暦年と年度の取り違えではありませんか。{st}の値なら「（{st}）」と書いてください。",
                "calendar year and fiscal year confused? If the value is for {st}, print 「（{st}）」"
            )
        } else if l.header {
            msg!(
                "この列の値が{st}のものなら、列見出しを「（{st}）」に直してください。別の年の値なら、その旨を注記してください。",
                "if the column holds values for {st}, correct the header to 「（{st}）」; if they are for another year, say so in a note"
            )
        } else {
            msg!(
                "{st}の値が得られるなら値と年を差し替えてください。統計の都合で別の年を使う場合は、その旨を注記してください。",
                "use the value for {st} if it exists; if the statistics only exist for another year, say so in a note"
            )
        };
        let mut f = RULE
            .finding(l.file, l.text.span(), message)
            .label(msg!("{yja}", "{yen}"))
            .help(help);
        if !l.subject.is_empty() {
            f = f.subject(l.subject.clone());
        }
        if let Some(file) = std.file {
            f = f.related(
                Finding::at(file, std.text.span()),
                msg!(
                    "計画の{wja}の基準年: {st}",
                    "the plan's standard {wen} year: {st}"
                ),
            );
        }
        out.push(f);
    }
}

super::fixture_test!(2, "a calendar-year value label and a column header", |f| {
    testing::assert_contains(&f[0].message.en, "instead of FY2029");
    assert!(
        f[1].message
            .en
            .contains("calendar year 2022 instead of FY2023"),
        "{}",
        f[1].message.en
    );
    assert_eq!(f[1].subject.as_deref(), Some("健診受診率"));
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    #[test]
    fn years_in_printed_forms() {
        let fy = |year| EraYear { year, fiscal: true };
        let cal = |year| EraYear {
            year,
            fiscal: false,
        };
        assert_eq!(year_of("（令和５年度 ）"), Some(fy(2023)));
        assert_eq!(year_of("（令和 11 年度）"), Some(fy(2029)));
        assert_eq!(year_of("(令和４年)"), Some(cal(2022)));
        assert_eq!(year_of("（２０２３年度）"), Some(fy(2023)));
        assert_eq!(year_of("（現状値）"), None);
    }

    /// The plan's standard years removed, and a calendar-year target label added.
    const NO_STANDARD_YEARS_CALENDAR_TARGET: &[(&str, &str)] = &[
        (
            "baseline_year = \"令和５年度\"\ntarget_year = \"令和１１年度\"\n",
            "",
        ),
        (
            "target = \"96.5%\"",
            "target = \"96.5%\"\ntarget_year = \"（令和９年）\"",
        ),
    ];

    #[test]
    fn falls_back_to_the_configuration() {
        testing::assert_one(
            &RULE,
            &Fixture::replacing(NO_STANDARD_YEARS_CALENDAR_TARGET).then_append("\n#@file plancheck.toml\n[plan]\nbaseline_year = \"令和５年度\"\ntarget_year = \"令和１１年度\"\n"),
            "calendar year 2027 instead of FY2029",
        );
    }

    #[test]
    fn a_baseline_year_alone_is_a_standard_and_tables_are_counted_from_one() {
        // The plan gives its baseline year but no target year; the first direction's table
        // prints another baseline year.
        testing::assert_one(
            &RULE,
            &Fixture::replacing(&[
                ("target_year = \"令和１１年度\"\n", ""),
                (
                    "heading = \"安心して子育てできる社会\"\nbaseline_label = \"（令和５年度）\"",
                    "heading = \"安心して子育てできる社会\"\nbaseline_label = \"（令和４年度）\"",
                ),
            ]),
            "the baseline column header （令和４年度） of project 1's direction 1 table is FY2022 instead of FY2023",
        );
    }

    #[test]
    fn no_standard_years_no_findings() {
        testing::assert_found(
            &RULE,
            &Fixture::replacing(NO_STANDARD_YEARS_CALENDAR_TARGET),
            0,
        );
    }
}
