//! Times loading and each rule on a plan folder (a development aid for performance work).
//! Usage: cargo run --release --example profile_rules -- DIR
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "plan".into());
    let t = Instant::now();
    let l = match plancheck::load(std::path::Path::new(&dir), &dir) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("load errors: {}", e.errors.len());
            std::process::exit(2);
        }
    };
    println!("{:>10.1} ms  load", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let ix = plancheck::analysis::index::Index::new(&l.plan);
    println!("{:>10.1} ms  index", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let ps = plancheck::analysis::placeholders::scan(&l.plan);
    println!(
        "{:>10.1} ms  placeholder scan ({} found)",
        t.elapsed().as_secs_f64() * 1000.0,
        ps.len()
    );
    for rule in plancheck::rules::REGISTRY {
        let Some(check) = rule.check else { continue };
        let cx = plancheck::rules::Context::new(&l.plan, &ix, &l.config);
        let mut out = Vec::new();
        let t = Instant::now();
        check(&cx, &mut out);
        println!(
            "{:>10.1} ms  {} {} ({} findings)",
            t.elapsed().as_secs_f64() * 1000.0,
            rule.code,
            rule.name,
            out.len()
        );
    }
    let t = Instant::now();
    let outcome = plancheck::outcome::evaluate_loaded(&l, &Default::default());
    let settings = plancheck::output::Settings {
        lang: plancheck::Lang::En,
        color: false,
        width: 100,
        show_suppressed: false,
        anchor: None,
        min_severity: plancheck::finding::Severity::Warning,
    };
    let json = plancheck::output::reporter("json").expect("registered");
    let _ = json.render(&outcome, &settings);
    println!(
        "{:>10.1} ms  check (rules, suppressions, sort) + json ({} findings)",
        t.elapsed().as_secs_f64() * 1000.0,
        outcome.findings.len()
    );
}
