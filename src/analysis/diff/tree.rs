//! A plan as a tree of records keyed by identity, for [`super::compare`]. Section and item
//! labels are the plan's own terms, as in the walk ([`crate::analysis::walk`]).

use super::Level;
use crate::analysis::walk::ProjectNumbers;
use crate::plan::model::*;
use crate::plan::normalize::{self, DirectionRef};
use crate::plan::source::FileId;

/// The number of the project a printed name refers to (see [`ProjectNumbers::of`]); a diff
/// names few projects, so the map is built per name.
fn project_number(plan: &Plan, printed: &str) -> Option<i64> {
    ProjectNumbers::new(plan).of(printed)
}

/// How a change of a node's own text is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// A name or heading: a change is a rename.
    Name,
    /// A value or a short text: a change is a change.
    Value,
    /// Running text: compared sentence by sentence.
    Prose,
}

/// A printed text and where it is.
#[derive(Debug, Clone)]
pub(super) struct Leaf {
    pub text: String,
    pub file: String,
    pub line: usize,
    /// The comparison key: NFKC, white space removed.
    pub norm: String,
}

#[derive(Debug, Clone)]
pub(super) struct Node {
    /// Identity among its siblings.
    pub key: String,
    /// The item, when the node itself is added, removed or renamed.
    pub label: String,
    /// How the node is shown in the section path of what it holds (with its own text after
    /// it); empty: the node's own text alone, or nothing.
    pub prefix: String,
    pub leaf: Option<Leaf>,
    pub style: Style,
    /// The children are keyed by name: a near name in the same order is the same record.
    pub renames: bool,
    pub project: Option<i64>,
    pub level: Option<Level>,
    pub children: Vec<Node>,
}

impl Node {
    fn group(key: &str, prefix: &str, renames: bool, children: Vec<Node>) -> Node {
        Node {
            key: key.to_string(),
            label: prefix.to_string(),
            prefix: prefix.to_string(),
            leaf: None,
            style: Style::Value,
            renames,
            project: None,
            level: None,
            children,
        }
    }

    /// The node's part of a section path.
    pub fn segment(&self) -> Option<String> {
        let own = self.leaf.as_ref().map(|l| l.text.as_str()).unwrap_or("");
        let s = match (self.prefix.is_empty(), own.is_empty()) {
            (true, true) => return None,
            (false, false) => format!("{} {own}", self.prefix),
            (true, false) => own.to_string(),
            (false, true) => self.prefix.clone(),
        };
        Some(s)
    }

    /// Every printed text of the node, its own first, in order.
    pub fn leaves(&self) -> Vec<&Leaf> {
        let mut out: Vec<&Leaf> = self.leaf.iter().collect();
        for c in &self.children {
            out.extend(c.leaves());
        }
        out
    }

    fn with(mut self, f: impl FnOnce(&mut Node)) -> Node {
        f(&mut self);
        self
    }
}

struct B<'a> {
    plan: &'a Plan,
}

impl<'a> B<'a> {
    fn leaf(&self, file: FileId, text: &str, start: usize) -> Leaf {
        let f = &self.plan.files[file];
        Leaf {
            text: text.to_string(),
            file: f.path.clone(),
            line: f.line_col(start).line,
            norm: normalize::key(text),
        }
    }

    fn text(&self, file: FileId, t: &Text) -> Leaf {
        self.leaf(file, t.get_ref(), t.span().start)
    }

    /// A field: a node holding one text.
    fn field(&self, label: &str, style: Style, file: FileId, t: Option<&Text>) -> Option<Node> {
        let t = t?;
        Some(self.node(label, label, style, self.text(file, t)))
    }

    fn value(&self, label: &str, file: FileId, v: Option<&S<Printed>>) -> Option<Node> {
        let v = v?;
        let leaf = self.leaf(file, &v.get_ref().text(), v.span().start);
        Some(self.node(label, label, Style::Value, leaf))
    }

    fn node(&self, key: &str, label: &str, style: Style, leaf: Leaf) -> Node {
        Node {
            key: key.to_string(),
            label: label.to_string(),
            prefix: String::new(),
            leaf: Some(leaf),
            style,
            renames: false,
            project: None,
            level: None,
            children: Vec::new(),
        }
    }

    /// A record known by its name: keyed by the normalised name.
    fn named(&self, label: &str, file: FileId, name: &Text, children: Vec<Node>) -> Node {
        let leaf = self.text(file, name);
        let mut n = self.node(&leaf.norm.clone(), label, Style::Name, leaf);
        n.prefix = label.to_string();
        n.children = children;
        n
    }

    /// A list of names, each knowing the project it names when it names one (so that a
    /// project's rename is a rename of the name too).
    fn names(&self, label: &str, file: FileId, list: &[Text], projects: bool) -> Vec<Node> {
        list.iter()
            .map(|t| {
                let mut n = self.named(label, file, t, Vec::new());
                n.prefix.clear();
                if projects {
                    n.project = project_number(self.plan, t.get_ref());
                }
                n
            })
            .collect()
    }

    fn marks(&self, file: FileId, marks: &[Text]) -> Node {
        Node::group("#marks", "", false, self.names("注記", file, marks, false))
    }

    fn indicator(&self, file: FileId, i: &Indicator) -> Node {
        let fields = [
            self.value("現状値", file, i.baseline.as_ref()),
            self.value("目標値", file, i.target.as_ref()),
            self.field("現状値の年度", Style::Value, file, i.baseline_year.as_ref()),
            self.field("目標値の年度", Style::Value, file, i.target_year.as_ref()),
        ];
        self.named(
            "指標",
            file,
            &i.name,
            fields.into_iter().flatten().collect(),
        )
    }

    fn indicators(&self, key: &str, prefix: &str, file: FileId, list: &[Indicator]) -> Node {
        let rows = list.iter().map(|i| self.indicator(file, i)).collect();
        Node::group(key, prefix, true, rows)
    }

    fn labels(&self, file: FileId, b: Option<&Text>, t: Option<&Text>) -> [Option<Node>; 2] {
        [
            self.field("現状値の見出し", Style::Value, file, b),
            self.field("目標値の見出し", Style::Value, file, t),
        ]
    }

    /// A record known by an id: keyed by the normalised id, shown as `prefix`.
    fn by_id(&self, prefix: &str, file: FileId, id: &Text, mut children: Vec<Node>) -> Node {
        let id_leaf = self.text(file, id);
        let key = id_leaf.norm.clone();
        children.insert(0, self.node("#id", "番号", Style::Value, id_leaf));
        let mut n = Node::group(&key, prefix, false, children);
        n.label = prefix.to_string();
        n
    }

    /// A row of a table of measures (表１, the matrix), known by the measure it cites.
    fn measure_row(&self, file: FileId, measure: &Text, children: Vec<Node>) -> Node {
        self.by_id(
            &format!("施策 {}", measure.get_ref()),
            file,
            measure,
            children,
        )
    }

    /// The policy and the measure's name, as the catalogue and the tables of measures print
    /// them.
    fn policy_and_name(
        &self,
        file: FileId,
        policy: Option<&Text>,
        name: Option<&Text>,
    ) -> Vec<Node> {
        [
            self.field("政策", Style::Value, file, policy),
            self.field("施策名", Style::Name, file, name),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The tree of a plan.
pub(super) fn build(plan: &Plan) -> Node {
    let b = B { plan };
    let mut top = Vec::new();
    if let Some(m) = &plan.meta {
        let f = m.file;
        let fields = [
            b.field("計画の名前", Style::Value, f, Some(&m.name)),
            b.field("計画期間", Style::Value, f, m.period.as_ref()),
            b.field("基準年度", Style::Value, f, m.baseline_year.as_ref()),
            b.field("目標年度", Style::Value, f, m.target_year.as_ref()),
        ];
        top.push(Node::group(
            "#plan",
            "計画",
            false,
            fields.into_iter().flatten().collect(),
        ));
    }
    let policies = plan.policies.iter().map(|p| {
        let f = p.file;
        let fields = [
            b.field("政策名", Style::Name, f, Some(&p.name)),
            b.field("政策のゴール", Style::Prose, f, p.goal.as_ref()),
        ];
        let prefix = format!("政策{}", p.id.get_ref());
        b.by_id(&prefix, f, &p.id, fields.into_iter().flatten().collect())
    });
    top.push(Node::group("#policies", "", false, policies.collect()));
    let measures = plan.measures.iter().map(|m| {
        let f = m.file;
        let directions = m.direction.iter().map(|d| {
            let short = plan.vocabulary.sections.direction_short.get_ref();
            let prefix = format!("{short} {}", d.id.get_ref());
            let title = b
                .field(&format!("{short}名"), Style::Name, f, d.title.as_ref())
                .map(|n| n.with(|n| n.level = Some(Level::Direction)));
            b.by_id(&prefix, f, &d.id, title.into_iter().collect())
                .with(|n| n.level = Some(Level::Direction))
        });
        let mut fields = b.policy_and_name(f, m.policy.as_ref(), Some(&m.name));
        fields.push(Node::group("#directions", "", false, directions.collect()));
        b.by_id(&format!("重点施策 {}", m.id.get_ref()), f, &m.id, fields)
    });
    top.push(Node::group("#measures", "", false, measures.collect()));
    let projects = plan.projects.iter().map(|p| project(&b, p));
    top.push(Node::group("#projects", "", false, projects.collect()));
    if let Some(s) = &plan.summary {
        top.push(summary(&b, s));
    }
    if let Some(s) = &plan.sdgs {
        top.push(sdgs(&b, s));
    }
    let strategy = plan.strategy.iter().map(|s| {
        let f = s.file;
        let mut fields: Vec<Node> = b
            .field("国の総合戦略", Style::Value, f, s.national.as_ref())
            .into_iter()
            .collect();
        fields.push(Node::group(
            "#projects",
            "",
            true,
            b.names("重点プロジェクト", f, &s.projects, true),
        ));
        fields.push(Node::group(
            "#items",
            "",
            true,
            b.names("項目", f, &s.items, false),
        ));
        b.named("柱", f, &s.pillar, fields)
    });
    top.push(Node::group(
        "#strategy",
        "国の総合戦略との関係",
        true,
        strategy.collect(),
    ));
    if let Some(m) = &plan.matrix {
        top.push(matrix(&b, m));
    }
    if let Some(o) = &plan.overview {
        top.push(overview(&b, o));
    }
    let prose = plan.prose.iter().map(|p| prose(&b, p.file, p));
    top.push(Node::group("#prose", "本文", true, prose.collect()));
    Node::group("", "", false, top)
}

fn prose(b: &B, file: FileId, p: &Prose) -> Node {
    let text = b.field("本文", Style::Prose, file, p.text.as_ref());
    let mut n = b.named("見出し", file, &p.heading, text.into_iter().collect());
    n.prefix.clear();
    n.level = Some(Level::Outline);
    n
}

fn project(b: &B, p: &Located<Project>) -> Node {
    let f = p.file;
    let number = *p.number.get_ref();
    let mut fields: Vec<Node> = [
        b.field("ねらい", Style::Prose, f, p.aim.as_ref()),
        b.field("背景", Style::Prose, f, p.background.as_ref()),
        b.field(
            "取組の方向性の見出し",
            Style::Name,
            f,
            p.directions_heading.as_ref(),
        ),
        b.field("対応表の見出し", Style::Name, f, p.tables_heading.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    fields.push(b.marks(f, &p.marks));
    if let Some(ind) = &p.indicators {
        let mut children: Vec<Node> = b
            .labels(f, ind.baseline_label.as_ref(), ind.target_label.as_ref())
            .into_iter()
            .flatten()
            .collect();
        children.push(b.indicators("#rows", "", f, &ind.row));
        fields.push(Node::group(
            "#indicators",
            "プロジェクト指標",
            false,
            children,
        ));
    }
    let directions = p
        .direction
        .iter()
        .enumerate()
        .map(|(i, d)| direction(b, f, i, d));
    fields.push(Node::group("#directions", "", true, directions.collect()));
    if let Some(r) = &p.related {
        let mut children = vec![Node::group(
            "#plans",
            "",
            true,
            b.names("関連計画", f, &r.plans, false),
        )];
        children.push(b.marks(f, &r.marks));
        children.extend(b.field("注記", Style::Value, f, r.note.as_ref()));
        fields.push(Node::group("#related", "関連計画", false, children));
    }
    let label = format!("重点プロジェクト{number}");
    let mut n = b.named(&label, f, &p.name, fields);
    n.key = format!("#project {number}");
    n.project = Some(number);
    n.level = Some(Level::Project);
    n
}

fn direction(b: &B, f: FileId, i: usize, d: &ProjectDirection) -> Node {
    let mut fields: Vec<Node> = [
        b.field("本文", Style::Prose, f, d.text.as_ref()),
        b.field("主な取組", Style::Prose, f, d.initiatives.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    fields.push(b.marks(f, &d.marks));
    if let Some(t) = &d.table {
        let mut children: Vec<Node> = b
            .field("見出し", Style::Name, f, t.heading.as_ref())
            .into_iter()
            .collect();
        children.extend(
            b.labels(f, t.baseline_label.as_ref(), t.target_label.as_ref())
                .into_iter()
                .flatten(),
        );
        children.push(b.marks(f, &t.marks));
        // rows grouped by the direction they cite, in order of first appearance
        let mut groups: Vec<(String, &Text, Vec<Node>)> = Vec::new();
        for r in &t.row {
            let v = &b.plan.vocabulary;
            let key = DirectionRef::parse(v, r.direction.get_ref())
                .map(|d| {
                    let id = d.id(v);
                    match d.related {
                        true => format!("{id} {}", v.related_marker.get_ref()),
                        false => id,
                    }
                })
                .unwrap_or_else(|| normalize::key(r.direction.get_ref()));
            let row = table_row(b, f, r);
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2.push(row),
                None => groups.push((key, &r.direction, vec![row])),
            }
        }
        let rows = groups
            .into_iter()
            .map(|(key, printed, rows)| Node::group(&key, printed.get_ref(), true, rows));
        children.push(Node::group("#rows", "", false, rows.collect()));
        fields.push(Node::group("#table", "対応表", false, children));
    }
    let label = format!("取組の方向性{}", i + 1);
    let mut n = b.named(&label, f, &d.title, fields);
    n.level = Some(Level::Direction);
    n
}

fn table_row(b: &B, f: FileId, r: &TableRow) -> Node {
    let fields: Vec<Node> = [
        b.field(
            &format!("{}名", b.plan.vocabulary.sections.direction_short.get_ref()),
            Style::Name,
            f,
            r.title.as_ref(),
        ),
        b.field(
            b.plan.vocabulary.sections.direction.get_ref(),
            Style::Prose,
            f,
            r.initiative.as_ref(),
        ),
        b.value("現状値", f, r.baseline.as_ref()),
        b.value("目標値", f, r.target.as_ref()),
        b.field("現状値の年度", Style::Value, f, r.baseline_year.as_ref()),
        b.field("目標値の年度", Style::Value, f, r.target_year.as_ref()),
        b.field("参考ページ", Style::Value, f, r.page.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    match &r.indicator {
        Some(i) => b.named("指標", f, i, fields),
        None => {
            // a row without an indicator is known by its initiative
            let key = r
                .initiative
                .as_ref()
                .map(|t| normalize::key(t.get_ref()))
                .unwrap_or_default();
            let mut n = Node::group(&key, "行", false, fields);
            n.prefix = "行".to_string();
            n
        }
    }
}

fn summary(b: &B, s: &Located<Summary>) -> Node {
    let f = s.file;
    let mut children: Vec<Node> = b
        .labels(f, s.baseline_label.as_ref(), s.target_label.as_ref())
        .into_iter()
        .flatten()
        .collect();
    children.push(b.marks(f, &s.marks));
    let headline = b.plan.vocabulary.sections.headline.get_ref();
    children.push(b.indicators("#headline", headline, f, &s.headline));
    let groups = s.project.iter().map(|g| {
        let rows = b.indicators("#rows", "", f, &g.indicators);
        let mut n = b.named("プロジェクト", f, &g.project, vec![rows]);
        n.prefix.clear();
        n.project = project_number(b.plan, g.project.get_ref());
        n
    });
    children.push(Node::group("#projects", "", true, groups.collect()));
    Node::group("#summary", "重点プロジェクトの数値目標", false, children)
}

fn sdgs(b: &B, s: &Located<Sdgs>) -> Node {
    let f = s.file;
    let mut children: Vec<Node> = b
        .field("表題", Style::Name, f, s.title.as_ref())
        .into_iter()
        .collect();
    let rows = s.row.iter().map(|r| {
        let mut fields = b.policy_and_name(f, r.policy.as_ref(), r.name.as_ref());
        fields.push(Node::group(
            "#indicators",
            "",
            true,
            b.names("指標", f, &r.indicators, false),
        ));
        b.measure_row(f, &r.measure, fields)
    });
    children.push(Node::group("#rows", "", false, rows.collect()));
    Node::group("#sdgs", "ＳＤＧｓローカル指標（表１）", false, children)
}

fn matrix(b: &B, m: &Located<Matrix>) -> Node {
    let f = m.file;
    let columns = b.names("列", f, &m.columns, true);
    let keys: Vec<(String, String, Option<i64>)> = columns
        .iter()
        .map(|c| {
            let name = c.leaf.as_ref().map(|l| l.text.clone()).unwrap_or_default();
            (c.key.clone(), name, c.project)
        })
        .collect();
    // A cell's column: its key, name and project, or its position past the last column.
    let column = |i: usize| {
        keys.get(i)
            .cloned()
            .unwrap_or_else(|| (format!("#column {i}"), format!("{}列目", i + 1), None))
    };
    let mut children = vec![Node::group("#columns", "", true, columns)];
    children.extend(b.field("凡例", Style::Value, f, m.legend.as_ref()));
    children.push(b.marks(f, &m.marks));
    let rows = m.row.iter().map(|r| {
        let mut fields = b.policy_and_name(r.file, r.policy.as_ref(), r.name.as_ref());
        let cells = r.cells.iter().enumerate().map(|(i, c)| {
            let (key, name, project) = column(i);
            b.node(
                &key,
                &name,
                Style::Value,
                b.leaf(r.file, c.get_ref(), c.span().start),
            )
            .with(|n| n.project = project)
        });
        fields.push(Node::group("#cells", "", false, cells.collect()));
        b.measure_row(r.file, &r.measure, fields)
    });
    let mut rows: Vec<Node> = rows.collect();
    // The sparse form: a measure's marks, shown as its row's marked cells.
    let mut by_measure: Vec<(String, Vec<&MatrixMark>)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for mk in &m.mark {
        let k = normalize::key(mk.measure.get_ref());
        match at.get(&k) {
            Some(&i) => by_measure[i].1.push(mk),
            None => {
                at.insert(k.clone(), by_measure.len());
                by_measure.push((k, vec![mk]));
            }
        }
    }
    for (_, marks) in by_measure {
        let first = marks[0];
        let cells = marks.iter().map(|mk| {
            let (key, name, project) = column(mk.column);
            b.node(&key, &name, Style::Value, b.text(mk.file, &mk.symbol))
                .with(|n| n.project = project)
        });
        let fields = vec![Node::group("#cells", "", false, cells.collect())];
        rows.push(b.measure_row(first.file, &first.measure, fields));
    }
    children.push(Node::group("#rows", "", false, rows));
    Node::group("#matrix", "重点施策との対応", false, children)
}

fn overview(b: &B, o: &Located<Overview>) -> Node {
    let f = o.file;
    let mut children: Vec<Node> = b
        .field("将来ビジョン", Style::Prose, f, o.vision.as_ref())
        .into_iter()
        .collect();
    let sections = o
        .section
        .iter()
        .map(|p| prose(b, f, p).with(|n| n.level = None));
    children.push(Node::group("#sections", "", true, sections.collect()));
    for (key, label, list) in [
        ("#mission", "ミッション", &o.mission),
        ("#value", "バリュー", &o.value),
    ] {
        let items = list.iter().map(|t| {
            let text = b.field("本文", Style::Prose, f, t.text.as_ref());
            b.named(label, f, &t.title, text.into_iter().collect())
        });
        children.push(Node::group(key, "", true, items.collect()));
    }
    let districts = o.district.iter().map(|d| {
        let themes = Node::group("#themes", "", true, b.names("テーマ", f, &d.themes, false));
        b.named("地区", f, &d.name, vec![themes])
    });
    children.push(Node::group("#districts", "", true, districts.collect()));
    let projects = o.project.iter().map(|p| {
        let dirs = Node::group(
            "#directions",
            "",
            true,
            b.names("取組の方向性", f, &p.directions, false),
        );
        let mut n = b.named("重点プロジェクト", f, &p.name, vec![dirs]);
        n.project = project_number(b.plan, p.name.get_ref());
        n
    });
    children.push(Node::group("#projects", "", true, projects.collect()));
    Node::group("#overview", "概要版", false, children)
}
