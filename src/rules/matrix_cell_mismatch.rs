//! PC111 matrix-cell-mismatch: a ○/◎ cell of the measure × project matrix that disagrees with
//! what the projects' direction tables cite.

use super::{Context, Docs, Fixture, Rule};
use crate::analysis::grid::{self, Implied};
use crate::analysis::index::Citation;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::i18n::Msg;
use crate::msg;
use crate::plan::model::{Located, MatrixMark, Project, Text};
use crate::plan::normalize;
use crate::plan::source::FileId;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::ops::Range;

pub const RULE: Rule = Rule {
    code: "PC111",
    name: "matrix-cell-mismatch",
    severity: Severity::Warning,
    summary: (
        "重点施策との対応（○/◎）のセルが対応表と合いません",
        "○/◎ matrix cell disagrees with the direction tables",
    ),
    docs: Docs {
        what: (
            "重点施策との対応（○/◎）の各セルを、そのプロジェクトの「対応する施策の展開方針」の表から導かれる記号と比べます。その施策の方針を 1 つだけ引用していれば○、2 つ以上なら◎、引用がなければ空欄です。「関係」の行も数え、同じ方針を複数の行が引用していても 1 つと数えます。〇・◯ は○とみなします。",
            "Compares each cell of the ○/◎ matrix with the symbol implied by the project's direction tables: ○ when they cite exactly one policy direction of that measure, ◎ for two or more, blank for none. 関係 rows count; the same direction cited by several rows counts once. 〇 and ◯ count as ○.",
        ),
        why: (
            "表の注記が「対応する施策の展開方針が 1 つのみの場合は○、2 つ以上の場合は◎」と定めているので、重点施策との対応（図）は対応表の要約です。食い違いがあると、どちらかが古いか誤っています。",
            "The legend defines the matrix as a summary of the direction tables (○ for one direction, ◎ for two or more); a disagreement means one of the two is stale or wrong.",
        ),
        example: (
            "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"○\", …]   # プロジェクト１の対応表が 1-1 の方針１・方針２・方針３を引用するので◎のはず",
            "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"○\", …]   # project 1's tables cite 1-1 方針１, 方針２ and 方針３: ◎",
        ),
        fix: (
            "セルを対応表どおりの記号に直すか、重点施策との対応（図）が正しいなら対応表の行を直してください。",
            "Draw the symbol the tables imply, or, if the matrix is right, correct the direction tables.",
        ),
    },
    check: Some(check),
    fail: Some(Fixture {
        replace: &[
            (
                "columns = [\"子育て応援プロジェクト\"]",
                "columns = [\"子育て応援プロジェクト\", \"安全プロジェクト\"]",
            ),
            ("cells = [\"◎\"]", "cells = [\"○\", \"○\"]"),
            ("cells = [\"○\"]", "cells = [\"◎\", \"\"]"),
        ],
        append: SECOND_PROJECT,
    }),
    pass: Fixture {
        replace: &[
            (
                "columns = [\"子育て応援プロジェクト\"]",
                "columns = [\"子育て応援プロジェクト\", \"安全　プロジェクト\"]",
            ),
            ("cells = [\"◎\"]", "cells = [\"◎\", \"\"]"),
            ("cells = [\"○\"]", "cells = [\"〇\", \"○\"]"),
        ],
        append: concat!(
            "\n[[project]]\nnumber = 2\nname = \"安全プロジェクト\"\n",
            "\n[[project.direction]]\ntitle = \"防犯のまちづくり\"\n",
            "\n[project.direction.table]\nheading = \"防犯のまちづくり\"\n",
            "\n[[project.direction.table.row]]\ndirection = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\n",
            "\n[[project.direction]]\ntitle = \"見守りの充実\"\n",
            "\n[project.direction.table]\nheading = \"見守りの充実\"\n",
            "\n[[project.direction.table.row]]\ndirection = \"２-１ 方針 1関係\"\ntitle = \"通学路の見守り\"\n",
        ),
    },
};

/// The fail fixture's second project: cites one direction of 2-1, nothing of 1-1.
const SECOND_PROJECT: &str = concat!(
    "\n[[project]]\nnumber = 2\nname = \"安全プロジェクト\"\n",
    "\n[[project.direction]]\ntitle = \"防犯のまちづくり\"\n",
    "\n[project.direction.table]\nheading = \"防犯のまちづくり\"\n",
    "\n[[project.direction.table.row]]\ndirection = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\n",
);

/// How a cell's symbol is named in messages.
fn shown(symbol: &str) -> Msg {
    match symbol {
        "" => msg!("空欄", "blank"),
        s => Msg::new(s, s),
    }
}

/// A drawn cell as the rule sees it: its text, and where a finding about it points.
struct Drawn<'a> {
    text: &'a str,
    file: FileId,
    span: Range<usize>,
    how: How,
}

/// How a drawn cell is made the expected symbol.
enum How {
    /// Write the symbol into the string at the cell's span (a row's cell).
    Write,
    /// A mark: write the other symbol into it, or remove its record (`None`: not removable).
    Mark(Option<Edit>),
    /// A cell the sparse form does not list: insert a mark record at this place of this
    /// file, after `prefix` (`None`: no place to insert it).
    Absent(Option<(FileId, usize, &'static str)>),
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(mx) = &cx.plan.matrix else { return };
    let ix = cx.index;
    let implied = Implied::new(ix);
    let columns: Vec<_> = mx
        .columns
        .iter()
        .map(|c| ix.project_named(c.get_ref()))
        .collect();
    let mut columns_of: HashMap<i64, Vec<usize>> = HashMap::default();
    for (j, p) in columns.iter().enumerate() {
        if let Some(p) = p {
            columns_of.entry(*p.number.get_ref()).or_default().push(j);
        }
    }
    let judge = Judge {
        cx,
        implied: &implied,
        columns: &columns,
        names: &mx.columns,
        columns_of: &columns_of,
    };
    let mut dense: HashSet<String> = HashSet::default();
    for row in &mx.row {
        let measure = normalize::key(row.measure.get_ref());
        dense.insert(measure.clone());
        let cells = row.cells.iter().map(|cell| Drawn {
            text: cell.get_ref(),
            file: row.file,
            span: cell.span(),
            how: How::Write,
        });
        judge.row(&measure, cells.map(Some).collect(), out);
    }
    if !mx.is_sparse() {
        return;
    }
    // The sparse form: every measure without a row, its cells from its marks, blank elsewhere.
    let mut marks: HashMap<String, Vec<&MatrixMark>> = HashMap::default();
    for m in &mx.mark {
        marks
            .entry(normalize::key(m.measure.get_ref()))
            .or_default()
            .push(m);
    }
    let mut seen: HashSet<String> = HashSet::default();
    // Where a new mark goes: after the measure's last mark, else after the last mark of the
    // measures before it in the catalogue, else before the plan's first mark.
    let mut after: Option<&MatrixMark> = None;
    for m in &cx.plan.measures {
        let measure = normalize::key(m.id.get_ref());
        if dense.contains(&measure) || !seen.insert(measure.clone()) {
            continue;
        }
        let of = marks.get(&measure).map(Vec::as_slice).unwrap_or_default();
        if let Some(last) = of.last() {
            after = Some(last);
        }
        let place = insertion(cx, after.or(mx.mark.first()), after.is_some());
        let cells = mx
            .columns
            .iter()
            .enumerate()
            .map(|(j, column)| {
                Some(match of.iter().find(|m| m.column == j) {
                    Some(m) => Drawn {
                        text: m.symbol.get_ref(),
                        file: m.file,
                        span: m.symbol.span(),
                        how: How::Mark(removal(cx, m)),
                    },
                    // Not listed: blank; a finding points at the column's heading.
                    None => Drawn {
                        text: "",
                        file: mx.file,
                        span: column.span(),
                        how: How::Absent(place),
                    },
                })
            })
            .collect();
        judge.row(&measure, cells, out);
    }
}

/// Where to insert a new mark record: after `anchor`'s record (`after`), or before it; with
/// the blank lines that keep records apart. `None` for an inline-table anchor.
fn insertion(
    cx: &Context,
    anchor: Option<&MatrixMark>,
    after: bool,
) -> Option<(FileId, usize, &'static str)> {
    let m = anchor?;
    if m.extent.is_empty() {
        return None;
    }
    if !after {
        return Some((m.file, m.extent.start, ""));
    }
    let text = &cx.plan.files.get(m.file)?.text;
    let before = text.get(..m.extent.end)?;
    let prefix = if before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    Some((m.file, m.extent.end, prefix))
}

/// The edit removing a mark's record, unless it is an inline table or holds an `allow`.
fn removal(cx: &Context, m: &MatrixMark) -> Option<Edit> {
    let extent = m.extent.clone();
    let has_allow = cx
        .plan
        .suppressions
        .iter()
        .any(|s| s.file == m.file && s.extent.start == extent.start);
    (!extent.is_empty() && !has_allow).then(|| Edit {
        file: m.file,
        span: extent,
        replacement: String::new(),
    })
}

struct Judge<'a, 'b> {
    cx: &'b Context<'a>,
    implied: &'b Implied<'a>,
    columns: &'b [Option<&'a Located<Project>>],
    names: &'b [Text],
    columns_of: &'b HashMap<i64, Vec<usize>>,
}

impl Judge<'_, '_> {
    /// The findings of one drawn row of the measure `measure` (normalised).
    fn row(&self, measure: &str, cells: Vec<Option<Drawn>>, out: &mut Vec<Finding>) {
        let ix = self.cx.index;
        if !ix.measures.contains_key(measure) {
            return; // PC101 reports it
        }
        let empty = BTreeMap::new();
        let by_project = self.implied.measure_key(measure);
        // Columns where the tables imply a mark: every other blank cell is right at a glance.
        let mut expected: Vec<usize> = by_project
            .into_iter()
            .flat_map(|m| m.keys())
            .filter_map(|n| self.columns_of.get(n))
            .flatten()
            .copied()
            .collect();
        expected.sort_unstable();
        for (j, (column, project)) in self.names.iter().zip(self.columns).enumerate() {
            let Some(project) = project else { continue }; // PC103 reports it
            let Some(Some(cell)) = cells.get(j) else {
                continue; // PC112 reports the row's shape
            };
            if cell.text.is_empty() && expected.binary_search(&j).is_err() {
                continue;
            }
            let Some(drawn) = grid::drawn_symbol(cell.text) else {
                continue; // PC112 reports the symbol
            };
            let number = *project.number.get_ref();
            let cited = by_project.and_then(|m| m.get(&number)).unwrap_or(&empty);
            let expected = grid::symbol(cited.len());
            if drawn == expected {
                continue;
            }
            let (file, span) = (cell.file, cell.span.clone());
            let col = column.get_ref();
            let Msg { ja: dja, en: den } = shown(drawn);
            let Msg { ja: eja, en: een } = shown(expected);
            let v = self.cx.vocabulary();
            let (direction, short) = (
                v.sections.direction.get_ref(),
                v.sections.direction_short.get_ref(),
            );
            let mut f = if cited.is_empty() {
                RULE.finding(
                    file,
                    span.clone(),
                    msg!(
                        "{measure} × {col}: 重点施策との対応（図）では{dja}ですが、このプロジェクトの対応表は {measure} の{direction}を一つも引用していません（空欄のはずです）",
                        "{measure} × {col}: drawn {den}, but no table of this project cites a direction of {measure}, which means blank"
                    ),
                )
                .related(
                    Finding::at(project.file, project.name.span()),
                    msg!(
                        "{col}の対応表に {measure} の{short}の行はありません",
                        "no row of {col}'s direction tables cites {measure}"
                    ),
                )
            } else {
                let n = cited.len();
                let list_ja = cited
                    .keys()
                    .map(|k| format!("{short}{k}"))
                    .collect::<Vec<_>>()
                    .join("・");
                let list_en = list_ja.replace('・', ", ");
                let message = if n == 1 {
                    msg!(
                        "{measure} × {col}: 対応表からは{eja}（{list_ja} の1つ）ですが、重点施策との対応（図）では{dja}です",
                        "{measure} × {col}: drawn {den}, but the direction tables cite 1 direction ({list_en}), which means {een}"
                    )
                } else {
                    msg!(
                        "{measure} × {col}: 対応表からは{eja}（{list_ja} の{n}つ）ですが、重点施策との対応（図）では{dja}です",
                        "{measure} × {col}: drawn {den}, but the direction tables cite {n} distinct directions ({list_en}), which means {een}"
                    )
                };
                let mut f = RULE.finding(file, span.clone(), message);
                for c in cited.values().flatten() {
                    let (file, span, m) = citing(c);
                    f = f.related(Finding::at(file, span), m);
                }
                f
            };
            let fix = match &cell.how {
                How::Write => self.cx.string_fix(file, span, expected),
                // A mark that should be blank is removed; one that should be the other
                // symbol gets it.
                How::Mark(Some(edit)) if expected.is_empty() => Some(Fix::new(vec![edit.clone()])),
                How::Mark(None) if expected.is_empty() => None,
                How::Mark(_) => self.cx.string_fix(file, span, expected),
                How::Absent(place) => place.map(|(file, at, prefix)| {
                    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
                    let record = format!(
                        "{prefix}[[matrix.mark]]\nmeasure = {}\nproject = {}\nsymbol = {}\n\n",
                        q(measure),
                        q(col),
                        q(expected)
                    );
                    Fix::new(vec![Edit {
                        file,
                        span: at..at,
                        replacement: record,
                    }])
                }),
            };
            f = f
                .label(msg!("{eja}のはずです", "should be {een}"))
                .help(if expected.is_empty() {
                    msg!(
                        "このセルを空欄にするか、重点施策との対応（図）が正しいなら、このプロジェクトの対応表に {measure} の{short}の行を加えてください。",
                        "leave this cell blank, or, if the matrix is right, add the row citing {measure} to the project's direction tables"
                    )
                } else {
                    msg!(
                        "このセルを{eja}にするか、重点施策との対応（図）が正しいなら対応表の行を直してください。",
                        "draw {een} in this cell, or, if the matrix is right, correct the direction tables"
                    )
                })
                .subject(format!("{measure} × {number}"))
                .fix(fix);
            out.push(f);
        }
    }
}

/// A related place for one citing table row: its printed id, with the project and direction.
fn citing(c: &Citation) -> (crate::plan::source::FileId, std::ops::Range<usize>, Msg) {
    let printed = c.row.direction.get_ref();
    let project = c.project.name.get_ref();
    let m = match c.project.direction.get(c.direction) {
        Some(d) => {
            let heading = d.title.get_ref();
            msg!(
                "{project}「{heading}」の表の「{printed}」",
                "`{printed}` in {project}'s table under 「{heading}」"
            )
        }
        None => msg!(
            "{project} の表の「{printed}」",
            "`{printed}` in {project}'s table"
        ),
    };
    (c.file, c.row.direction.span(), m)
}

super::fixture_test!(
    ["1-1 × 1", "1-1 × 2", "2-1 × 1", "2-1 × 2"],
    "○ for ◎, ○ for nothing, ◎ for ○, blank for ○",
    |f| {
        let fixed: Vec<&str> = f
            .iter()
            .map(|f| f.fix.as_ref().expect("a fix").edits[0].replacement.as_str())
            .collect();
        assert_eq!(fixed, ["\"◎\"", "\"\"", "\"○\"", "\"○\""]);
        // Every implied direction is traced to its table row; a cell with none to the project.
        assert_eq!(f[0].related.len(), 2);
        assert_eq!(f[1].related.len(), 1);
        assert!(f[1].message.en.contains("which means blank"));
        assert!(
            f[2].message
                .en
                .contains("cite 1 direction (方針1), which means ○")
        );
        assert!(
            f[3].message
                .en
                .starts_with("2-1 × 安全プロジェクト: drawn blank")
        );
    }
);

#[cfg(test)]
mod tests {
    use super::{RULE, SECOND_PROJECT};
    use crate::finding::Finding;
    use crate::plan::source::SourceFile;
    use crate::rules::{Fixture, testing};

    /// The base plan's two matrix rows, replaced by marks in these tests.
    const ROWS: &str = testing::MATRIX_ROWS;
    const COLUMNS: (&str, &str) = (
        "columns = [\"子育て応援プロジェクト\"]",
        "columns = [\"子育て応援プロジェクト\", \"安全プロジェクト\"]",
    );
    const ALLOW: &str = "allow = [{ rule = \"PC112\", reason = \"確認済み\" }]\n";

    /// The text of `plan.toml` once the finding's fix is applied; `None` without a fix.
    fn fixed(files: &[SourceFile], f: &Finding) -> Option<String> {
        let fix = f.fix.as_ref()?;
        let mut text = files[0].text.clone();
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            text.replace_range(e.span.clone(), &e.replacement);
        }
        Some(text)
    }

    /// The part of `text` from its first `[[matrix.mark]]` to `[overview]`.
    fn marks(text: &str) -> &str {
        let start = text.find("[[matrix.mark]]").unwrap();
        let end = text.find("[overview]").unwrap();
        &text[start..end]
    }

    #[test]
    fn a_missing_mark_is_inserted_after_the_marks_of_the_measures_before_it() {
        // 2-1 has no mark (it should be ○): the new record goes after 1-1's
        let fx = Fixture::replacing(&[(
            ROWS,
            "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n",
        )]);
        let (files, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&f), ["2-1 × 1"], "{f:#?}");
        assert_eq!(
            marks(&fixed(&files, &f[0]).expect("a fix")),
            concat!(
                "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n\n",
                "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n\n",
            )
        );
    }

    #[test]
    fn a_missing_mark_of_the_first_measure_is_inserted_before_the_first_mark() {
        // 1-1 has no mark (it should be ◎): the new record goes before 2-1's
        let fx = Fixture::replacing(&[(
            ROWS,
            "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n",
        )]);
        let (files, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&f), ["1-1 × 1"], "{f:#?}");
        assert_eq!(
            marks(&fixed(&files, &f[0]).expect("a fix")),
            concat!(
                "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n\n",
                "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n\n",
            )
        );
    }

    #[test]
    fn a_mark_holding_an_allow_is_rewritten_never_removed() {
        // project 2 cites 2-1 only. 1-1 × 1 drawn ○ (should be ◎), removable: rewritten;
        // 1-1 × 2 drawn ○ (should be blank) holds an allow: no fix; 2-1 × 1 drawn ◎ (should
        // be ○) holds an allow: rewritten
        let fx = Fixture {
            replace: &[
                COLUMNS,
                (
                    ROWS,
                    concat!(
                        "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n\n",
                        "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"安全プロジェクト\"\nsymbol = \"○\"\n",
                        "allow = [{ rule = \"PC112\", reason = \"確認済み\" }]\n\n",
                        "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n",
                        "allow = [{ rule = \"PC112\", reason = \"確認済み\" }]\n\n",
                        "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"安全プロジェクト\"\nsymbol = \"○\"\n",
                    ),
                ),
            ],
            append: SECOND_PROJECT,
        };
        let (files, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(
            testing::subjects(&f),
            ["1-1 × 1", "1-1 × 2", "2-1 × 1"],
            "{f:#?}"
        );
        let rewritten = fixed(&files, &f[0]).expect("a fix for 1-1 × 1");
        assert!(
            marks(&rewritten).starts_with(
                "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n\n[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"安全プロジェクト\""
            ),
            "{rewritten}"
        );
        assert_eq!(fixed(&files, &f[1]), None, "{:#?}", f[1].fix);
        let rewritten = fixed(&files, &f[2]).expect("a fix for 2-1 × 1");
        assert!(
            rewritten.contains(&format!(
                "measure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n{ALLOW}"
            )),
            "{rewritten}"
        );
    }

    #[test]
    fn an_allow_on_another_mark_does_not_keep_a_wrong_mark() {
        // 1-1 × 2 drawn ○ should be blank: its record is removed, though 1-1 × 1 holds an allow
        let fx = Fixture {
            replace: &[
                COLUMNS,
                (
                    ROWS,
                    concat!(
                        "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"◎\"\n",
                        "allow = [{ rule = \"PC112\", reason = \"確認済み\" }]\n\n",
                        "[[matrix.mark]]\nmeasure = \"1-1\"\nproject = \"安全プロジェクト\"\nsymbol = \"○\"\n\n",
                        "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n\n",
                        "[[matrix.mark]]\nmeasure = \"2-1\"\nproject = \"安全プロジェクト\"\nsymbol = \"○\"\n",
                    ),
                ),
            ],
            append: SECOND_PROJECT,
        };
        let (files, f) = testing::findings_of(&RULE, &fx);
        assert_eq!(testing::subjects(&f), ["1-1 × 2"], "{f:#?}");
        let text = fixed(&files, &f[0]).expect("a fix removing the mark");
        assert!(
            !text.contains("measure = \"1-1\"\nproject = \"安全プロジェクト\""),
            "{text}"
        );
        assert_eq!(text.matches("[[matrix.mark]]").count(), 3, "{text}");
    }
}
