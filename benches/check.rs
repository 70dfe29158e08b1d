//! `plancheck::check_in_memory` (load, rules, suppressions, sort) on generated plans at
//! several scales (criterion).
//! `cargo bench --bench check`; bench/run.sh times the release binary end to end.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn load_and_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+rules");
    // The ○/◎ matrix holds measures × projects cells, so it grows with the square of the
    // scale: scale 1000 would need a 780 MB matrix file, beyond the loader's 64 MiB limit.
    for scale in [1usize, 10, 100] {
        let generated = plangen::generate(&plangen::Options {
            scale,
            defects: 0,
            seed: 1,
        });
        let files = generated.file_refs();
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        if scale >= 100 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::from_parameter(scale), &files, |b, files| {
            b.iter(|| {
                let outcome = plancheck::check_in_memory("plan", files, &Default::default());
                assert!(outcome.status.code() < 2, "generated plans load");
                black_box(outcome.findings.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_check);
criterion_main!(benches);
