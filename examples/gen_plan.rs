//! Writes a synthetic plan folder and its manifest of expected findings.
//!
//! ```sh
//! cargo run --example gen_plan -- --scale 10 --defects 2 --seed 7 --out /tmp/gen10
//! cargo run -- check /tmp/gen10 --format json
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_plan --out DIR [--scale N] [--projects P | --dense] [--defects K] [--seed S]

  --out DIR      folder to write the plan into (created; existing files are overwritten)
  --scale N      N times the shipped plan's measures, directions, table rows and text
                 (default 1, at least 1)
  --projects P   the number of projects, a multiple of 5 from 5 to 5·N; they share all the
                 rows, and the ○/◎ matrix is P columns wide (default 5 × (1 + log2 N), at
                 most 30: a large plan has a few dozen projects)
  --dense        the stress shape instead: 5·N projects, a matrix of 36·N × 5·N cells
  --defects K    defects injected per rule (default 0, at most 5·N)
  --seed S       seed of the generator (default 1)

Writes the plan's TOML files and DIR/manifest.json, the findings `plancheck check DIR`
must report (file paths inside DIR, 1-based lines).";

struct Args {
    out: PathBuf,
    options: plangen::Options,
    shape: plangen::Shape,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = None;
    let mut options = plangen::Options::default();
    let (mut projects, mut dense) = (None, false);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        if flag == "--dense" {
            dense = true;
            continue;
        }
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{name} takes a non-negative integer, not `{v}`"))
        };
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--scale" => options.scale = number("--scale", value("--scale")?)? as usize,
            "--defects" => options.defects = number("--defects", value("--defects")?)? as usize,
            "--seed" => options.seed = number("--seed", value("--seed")?)?,
            "--projects" => projects = Some(number("--projects", value("--projects")?)? as usize),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if options.scale == 0 {
        return Err("--scale must be at least 1".to_string());
    }
    let max = plangen::max_defects(options.scale);
    if options.defects > max {
        return Err(format!(
            "--defects {} is too many for --scale {}: at most {max} defects per rule fit",
            options.defects, options.scale
        ));
    }
    let shape = match (projects, dense) {
        (Some(_), true) => return Err("--projects and --dense exclude each other".to_string()),
        (None, true) => plangen::Shape::Dense,
        (None, false) => plangen::Shape::realistic(options.scale),
        (Some(p), false) if p >= 5 && p % 5 == 0 && p <= 5 * options.scale => {
            plangen::Shape::Realistic { projects: p }
        }
        (Some(p), false) => {
            return Err(format!(
                "--projects {p}: a multiple of 5 from 5 to {} (5·N) is needed",
                5 * options.scale
            ));
        }
    };
    let out = out.ok_or("--out DIR is required")?;
    Ok(Args {
        out,
        options,
        shape,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gen_plan: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let g = plangen::generate_shaped(&args.options, args.shape);
    if let Err(e) = g.write_to(&args.out) {
        eprintln!("gen_plan: cannot write {}: {e}", args.out.display());
        return ExitCode::from(1);
    }
    let s = &g.stats;
    println!(
        "wrote {} files to {} (scale {}, {:?}, {} defects per rule, seed {})",
        g.files.len(),
        args.out.display(),
        args.options.scale,
        args.shape,
        args.options.defects,
        args.options.seed
    );
    println!(
        "  {} policies, {} measures, {} directions, {} projects, {} project directions, {} table rows, {} indicator records, {} related plans",
        s.policies,
        s.measures,
        s.directions,
        s.projects,
        s.project_directions,
        s.citations,
        s.indicators,
        s.related_plans
    );
    let counts: Vec<String> = g.counts().iter().map(|(c, n)| format!("{c}×{n}")).collect();
    println!(
        "  manifest.json: {} expected findings: {}",
        g.manifest.len(),
        counts.join(" ")
    );
    ExitCode::SUCCESS
}
