//! Exactness on generated plans: for several seeds and scales, with and without injected
//! defects, the findings of `plancheck::check_in_memory` are exactly the generator's manifest —
//! every expected finding reported (recall) and nothing else (precision), as multisets of
//! (code, rule, file, line, subject).

use plancheck::finding::Location;
use plangen::{Expected, Generated, Options, Shape};
use std::collections::BTreeMap;

/// The findings of the checker on a generated plan, in the manifest's terms.
fn check(g: &Generated) -> Vec<Expected> {
    let files = g.file_refs();
    let outcome = plancheck::check_in_memory("plan", &files, &Default::default());
    if let plancheck::outcome::Status::NotLoaded { .. } = outcome.status {
        let errors: Vec<String> = outcome
            .findings
            .iter()
            .map(|f| {
                let p = plancheck::plan::source::position(&outcome.files, &f.location);
                format!("{}:{} {} {}", p.file, p.line, f.code, f.message.en)
            })
            .collect();
        panic!(
            "generated plan {:?} does not load:\n{}",
            g.options,
            errors.join("\n")
        );
    }
    let mut out: Vec<Expected> = outcome
        .findings
        .iter()
        .map(|f| {
            let (file, line) = match &f.location {
                Location::Span { file, span } => {
                    let src = &outcome.files[*file];
                    (src.rel.clone(), src.line_col(span.start).line)
                }
                // a whole file: its path inside the plan folder, as in the manifest
                Location::Path(p) => (p.strip_prefix("plan/").unwrap_or(p).to_string(), 0),
            };
            Expected {
                code: f.code.to_string(),
                rule: f.rule.to_string(),
                file,
                line,
                subject: f.subject.clone(),
            }
        })
        .collect();
    out.sort();
    out
}

fn show(e: &Expected) -> String {
    let subject = e
        .subject
        .as_deref()
        .map_or("—".to_string(), |s| format!("「{s}」"));
    format!("{}:{} {} {} {subject}", e.file, e.line, e.code, e.rule)
}

/// Multiset difference, readable: what the manifest expects and the checker did not report,
/// and what it reported unexpectedly.
fn diff(expected: &[Expected], actual: &[Expected]) -> Option<String> {
    let mut count: BTreeMap<&Expected, i64> = BTreeMap::new();
    for e in expected {
        *count.entry(e).or_default() += 1;
    }
    for a in actual {
        *count.entry(a).or_default() -= 1;
    }
    let missing: Vec<String> = count
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(e, n)| format!("  missing    {} (×{n})", show(e)))
        .collect();
    let unexpected: Vec<String> = count
        .iter()
        .filter(|(_, n)| **n < 0)
        .map(|(e, n)| format!("  unexpected {} (×{})", show(e), -n))
        .collect();
    if missing.is_empty() && unexpected.is_empty() {
        return None;
    }
    let mut s = format!(
        "{} missing (recall), {} unexpected (precision)\n",
        missing.len(),
        unexpected.len()
    );
    for l in missing.iter().chain(&unexpected).take(60) {
        s.push_str(l);
        s.push('\n');
    }
    Some(s)
}

/// Generates, checks, and asserts that findings and manifest are equal.
fn exact(o: Options) -> Generated {
    exact_shaped(o, Shape::Dense)
}

/// [`exact`] for a plan of the given shape.
fn exact_shaped(o: Options, shape: Shape) -> Generated {
    let g = plangen::generate_shaped(&o, shape);
    let actual = check(&g);
    if let Some(d) = diff(&g.manifest, &actual) {
        panic!("{o:?} {shape:?}: findings differ from the manifest: {d}");
    }
    g
}

const SEEDS: [u64; 4] = [1, 7, 42, 20250];

#[test]
fn generation_is_deterministic_for_a_seed() {
    let o = Options {
        scale: 2,
        defects: 2,
        seed: 9,
    };
    let (a, b) = (plangen::generate(&o), plangen::generate(&o));
    assert_eq!(a.files, b.files);
    assert_eq!(a.manifest, b.manifest);
    let c = plangen::generate(&Options { seed: 10, ..o });
    assert_ne!(a.files, c.files, "another seed gives another plan");
}

#[test]
fn scale_one_has_the_shipped_structure() {
    let g = plangen::generate(&Options {
        scale: 1,
        defects: 0,
        seed: 1,
    });
    let files = g.file_refs();
    let l = plancheck::plan::load::load_from_memory("plan", &files).expect("loads");
    let s = plancheck::output::stats::stats(&l.plan);
    assert_eq!(
        (
            s.policies,
            s.measures,
            s.directions,
            s.projects,
            s.project_directions
        ),
        (7, 36, 64, 5, 15)
    );
    assert_eq!(s.citations, g.stats.citations);
    assert_eq!(s.indicators, g.stats.indicators);
    assert_eq!(s.related_plans, g.stats.related_plans);
    let g3 = plangen::generate(&Options {
        scale: 3,
        defects: 0,
        seed: 1,
    });
    let files = g3.file_refs();
    let l = plancheck::plan::load::load_from_memory("plan", &files).expect("loads");
    let s = plancheck::output::stats::stats(&l.plan);
    assert_eq!(
        (
            s.policies,
            s.measures,
            s.directions,
            s.projects,
            s.project_directions
        ),
        (21, 108, 192, 15, 45)
    );
}

#[test]
fn clean_plans_report_only_their_placeholders() {
    for seed in SEEDS {
        for scale in [1, 3] {
            let g = exact(Options {
                scale,
                defects: 0,
                seed,
            });
            let others: Vec<String> = g
                .manifest
                .iter()
                .filter(|e| !e.code.starts_with("PC4"))
                .map(show)
                .collect();
            assert!(
                others.is_empty(),
                "a clean plan expects only placeholders:\n{}",
                others.join("\n")
            );
            assert!(!g.manifest.is_empty(), "the clean plan has placeholders");
        }
    }
}

#[test]
fn injected_defects_are_all_found_and_nothing_else() {
    for seed in SEEDS {
        for (scale, defects) in [(1, 1), (1, 2), (3, 1), (3, 3)] {
            exact(Options {
                scale,
                defects,
                seed,
            });
        }
    }
}

#[test]
fn scale_ten_is_exact() {
    exact(Options {
        scale: 10,
        defects: 2,
        seed: 7,
    });
}

/// The realistic shape: a few dozen projects share all the units' directions and rows.
#[test]
fn realistic_shapes_are_exact() {
    for seed in SEEDS {
        for (scale, projects, defects) in [(2, 5, 0), (3, 5, 2), (4, 10, 1), (6, 10, 3)] {
            exact_shaped(
                Options {
                    scale,
                    defects,
                    seed,
                },
                Shape::Realistic { projects },
            );
        }
    }
    exact_shaped(
        Options {
            scale: 10,
            defects: 2,
            seed: 7,
        },
        Shape::realistic(10),
    );
}

#[test]
fn a_realistic_plan_has_the_scale_in_rows_and_few_projects() {
    let o = Options {
        scale: 8,
        defects: 0,
        seed: 1,
    };
    let (dense, real) = (
        plangen::generate(&o),
        plangen::generate_shaped(&o, Shape::Realistic { projects: 10 }),
    );
    let files = real.file_refs();
    let l = plancheck::plan::load::load_from_memory("plan", &files).expect("loads");
    let s = plancheck::output::stats::stats(&l.plan);
    assert_eq!((s.measures, s.directions, s.projects), (288, 512, 10));
    // every unit's fifteen project directions are there, in ten projects
    assert_eq!(s.project_directions, 8 * 15);
    assert_eq!(s.project_directions, dense.stats.project_directions);
    // the ○/◎ matrix: a row per measure, a column per project
    let mx = l.plan.matrix.as_ref().expect("a matrix");
    assert_eq!((mx.row.len(), mx.columns.len()), (288, 10));
    assert!(mx.row.iter().all(|r| r.cells.len() == 10));
}

#[test]
fn every_checking_rule_is_injected() {
    let g = plangen::generate(&Options {
        scale: 1,
        defects: 1,
        seed: 3,
    });
    let mut codes: Vec<&str> = g.manifest.iter().map(|e| e.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut forgotten = Vec::new();
    for rule in plancheck::rules::REGISTRY {
        let checks = rule.check.is_some() || rule.code == "PC601";
        if !checks {
            continue;
        }
        if !codes.contains(&rule.code) {
            forgotten.push(format!("{} {}", rule.code, rule.name));
        }
        // the generator's table of rule names agrees with the registry
        assert_eq!(plangen::rule_name(rule.code), rule.name, "{}", rule.code);
    }
    assert!(
        forgotten.is_empty(),
        "rules with no defect in the manifest: {}",
        forgotten.join(", ")
    );
    // and K defects of each rule: the defects' own findings per code are at least K
    let clean = plangen::generate(&Options {
        defects: 0,
        ..g.options
    });
    for (code, _) in plangen::RULES {
        let n = |g: &Generated| g.manifest.iter().filter(|e| e.code == code).count();
        assert!(n(&g) > n(&clean), "{code}: no finding added by its defect");
    }
}

/// A wider sweep, run on demand: `PLANGEN_SEEDS=200 cargo test --release --test exactness -- --ignored`.
#[test]
#[ignore]
fn many_seeds_sweep() {
    let n: u64 = std::env::var("PLANGEN_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    for seed in 0..n {
        for (scale, defects) in [(1, 0), (1, 3), (1, 5), (2, 10), (5, 5)] {
            exact(Options {
                scale,
                defects,
                seed,
            });
        }
    }
}

/// Generates with the ○/◎ matrix in the sparse form, checks, and asserts that findings and
/// manifest are equal.
fn exact_sparse(o: Options) -> Generated {
    let g = plangen::generate_sparse(&o);
    let matrix = &g
        .files
        .iter()
        .find(|(rel, _)| rel == "matrix.toml")
        .expect("a matrix file")
        .1;
    assert!(matrix.contains("\n[[matrix.mark]]\n"), "{o:?}: not sparse");
    let actual = check(&g);
    if let Some(d) = diff(&g.manifest, &actual) {
        panic!("{o:?} (sparse matrix): findings differ from the manifest: {d}");
    }
    g
}

#[test]
fn the_sparse_matrix_shape_is_exact() {
    for seed in SEEDS {
        for (scale, defects) in [(1, 0), (1, 4), (3, 5)] {
            let g = exact_sparse(Options {
                scale,
                defects,
                seed,
            });
            // the matrix's defects are still there, in rows of their own
            if defects >= 4 {
                for code in ["PC111", "PC112"] {
                    let n = g.manifest.iter().filter(|e| e.code == code).count();
                    // PC113's injection draws one more ◎ as ○ when no matrix defect changed
                    // the totals: one PC111 more
                    let extra = usize::from(code == "PC111" && n == defects + 1);
                    assert_eq!(n, defects + extra, "{code}");
                }
            }
        }
    }
}

/// The generator draws a vocabulary per seed (the first plan's, or another city's configured
/// in `[vocabulary]`): findings stay exactly the manifest in both.
#[test]
fn drawn_vocabularies_keep_the_findings_exact() {
    use plangen::vocabulary::Vocabulary;
    let mut drawn = Vec::new();
    for seed in SEEDS.into_iter().chain([2, 3]) {
        for (scale, defects) in [(1, 0), (1, 2), (3, 1)] {
            let o = Options {
                scale,
                defects,
                seed,
            };
            let g = plangen::vocabulary::generate(&o);
            let v = Vocabulary::for_seed(seed);
            drawn.push(v);
            let text: String = g.files.iter().map(|(_, t)| t.as_str()).collect();
            if v == Vocabulary::Other {
                // really rewritten: the other city's words, none of the first plan's ids
                assert!(
                    text.contains("施策の方向") && !text.contains(" 方針"),
                    "{o:?}"
                );
                assert!(
                    text.contains("id = \"1-1-1\""),
                    "{o:?}: three-level measure ids"
                );
                // and findings about direction ids in the city's form are expected
                assert!(
                    g.manifest.iter().any(|e| e
                        .subject
                        .as_deref()
                        .is_some_and(|s| s.contains("施策の方向"))),
                    "{o:?}"
                );
            }
            let actual = check(&g);
            if let Some(d) = diff(&g.manifest, &actual) {
                panic!("{o:?} ({v:?}): findings differ from the manifest: {d}");
            }
        }
    }
    assert!(drawn.contains(&Vocabulary::Default) && drawn.contains(&Vocabulary::Other));
}
