#!/usr/bin/env python3
"""The full mutation run through mutant schemata (docs/mutation-testing.md).

    tools/mutants-schemata.py prepare WORK    list the mutants, write them into a scratch copy, build
    tools/mutants-schemata.py trace WORK      run every test alone, recording the switches it reaches
    tools/mutants-schemata.py run WORK        run each mutant against the tests that reach it
    tools/mutants-schemata.py summary WORK    the score; the mutants left to cargo-mutants

WORK is a folder outside the repository. The scratch copy is WORK/tree (a clone of HEAD); the
repository itself is never written.
"""
import json, os, re, shutil, signal, subprocess, sys, time, concurrent.futures as cf
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tools/mutants-schemata"


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def blame(tree, stderr, placed_ids):
    """Ids of the mutants whose schema an error points into: the nearest switch before it."""
    ids = set()
    texts = {}
    for m in re.finditer(r"^(src/[^:]+):(\d+):(\d+): error", stderr, re.M):
        f, line, col = m.group(1), int(m.group(2)), int(m.group(3))
        if f not in texts:
            texts[f] = (tree / f).read_text().split("\n")
        lines = texts[f]
        at = re.match(r"[\w:\s]*__mutant_on \((\d+)u32\)", lines[line - 1][col - 1 :])
        if at:  # the switch itself (a constant context)
            ids.add(int(at.group(1)))
            continue
        before = "\n".join(lines[: line - 1] + [lines[line - 1][: col - 1]])
        hits = list(re.finditer(r"__mutant_on \((\d+)u32\)", before))
        if hits:
            ids.add(int(hits[-1].group(1)))
        else:
            ids.add(None)
    return ids


def prepare(work):
    work.mkdir(parents=True, exist_ok=True)
    tree = work / "tree"
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    if not tree.exists():
        sh("git", "clone", "-q", str(REPO), str(tree))
    sh("git", "-C", str(tree), "checkout", "-q", "-f", head)
    (work / "commit").write_text(head + "\n")
    sh("cargo", "build", "--release", "--offline", "-q", "--manifest-path", str(TOOL / "Cargo.toml"))
    with open(work / "mutants.json", "w") as f:
        sh("cargo", "mutants", "--list", "--json", cwd=tree, stdout=f)
    skip = work / "skip.txt"
    skip.touch()
    for attempt in range(1, 30):
        sh("git", "-C", str(tree), "checkout", "-q", "--", "src")
        out = subprocess.run([str(TOOL / "target/release/mutants-schemata"), str(work / "mutants.json"), str(tree), "plancheck", str(skip)],
                             capture_output=True, text=True, check=True).stdout
        (work / "placed.json").write_text(out)
        placed = json.loads(out)["placed"]
        t0 = time.time()
        r = subprocess.run(["cargo", "test", "--no-run", "--message-format=short"], cwd=tree, capture_output=True, text=True)
        print(f"prepare: attempt {attempt}: {len(placed)} placed, build {'ok' if r.returncode == 0 else 'failed'} in {time.time() - t0:.0f} s", flush=True)
        if r.returncode == 0:
            return
        ids = blame(tree, r.stderr, placed)
        if None in ids or not ids:
            sys.exit("prepare: an error outside every schema:\n" + r.stderr[-3000:])
        with open(skip, "a") as f:
            for i in sorted(ids):
                f.write(f"{i}\n")
        print(f"prepare: {len(ids)} schemata did not compile; left to cargo-mutants", flush=True)
    sys.exit("prepare: gave up")


def binaries(tree):
    """The test executables of the scratch copy: (target name, path), the library's first."""
    out = subprocess.run(["cargo", "test", "--no-run", "--message-format=json"], cwd=tree, capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        m = json.loads(line)
        if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
            kind = m["target"]["kind"][0]
            found.append((("lib" if kind == "lib" else m["target"]["name"]), m["executable"]))
    found.sort(key=lambda b: (b[0] != "lib", b[0]))
    return found


def tests_of(exe, tree):
    def names(*extra):
        r = subprocess.run([exe, "--list", *extra], cwd=tree, capture_output=True, text=True, check=True).stdout
        return [l[: -len(": test")] for l in r.splitlines() if l.endswith(": test")]
    ignored = set(names("--ignored"))
    return [t for t in names() if t not in ignored]


def env_for(tree, **extra):
    env = dict(os.environ)
    for k in ("MUTANT_ID", "MUTANT_TRACE"):
        env.pop(k, None)
    env["CARGO_MANIFEST_DIR"] = str(tree)
    env["RUST_BACKTRACE"] = "0"
    env.update(extra)
    return env


def trace(work):
    """Every test alone, with the switches' trace on: which mutants each test reaches."""
    tree = work / "tree"
    tdir = work / "trace"
    shutil.rmtree(tdir, ignore_errors=True)
    jobs = []
    for name, exe in binaries(tree):
        for t in tests_of(exe, tree):
            jobs.append((name, exe, t, tdir / f"{len(jobs)}"))

    def one(job):
        name, exe, t, d = job
        d.mkdir(parents=True)
        t0 = time.time()
        r = subprocess.run([exe, "--exact", t, "--test-threads=1", "-q"], cwd=tree, capture_output=True, text=True,
                           env=env_for(tree, MUTANT_TRACE=str(d)), timeout=600)
        reached = set()
        for f in d.iterdir():
            reached.update(int(x) for x in f.read_text().split())
        return {"binary": name, "exe": exe, "test": t, "ok": r.returncode == 0, "seconds": time.time() - t0, "reached": sorted(reached)}

    with cf.ThreadPoolExecutor(int(os.environ.get("MUTANTS_JOBS", "2"))) as pool:
        results = list(pool.map(one, jobs))
    failed = [r for r in results if not r["ok"]]
    (work / "trace.json").write_text(json.dumps(results))
    print(f"trace: {len(results)} tests, {len(failed)} failed without a mutant, "
          f"{sum(r['seconds'] for r in results):.0f} s", flush=True)
    # A test that fails on the unmutated schemata reads the source text itself (which is now one
    # line of tokens): it is left out of the run, which can only leave a mutant missed, never
    # caught by mistake.
    for r in failed:
        print(f"trace: left out (fails without a mutant): {r['binary']} {r['test']}")


def run(work):
    """Each placed mutant against the tests that reach it, binary by binary, stopping at a failure."""
    tree = work / "tree"
    placed = json.loads((work / "placed.json").read_text())["placed"]
    tests = json.loads((work / "trace.json").read_text())
    reach = {}
    for t in tests:
        if not t["ok"]:
            continue
        for i in t["reached"]:
            reach.setdefault(i, []).append(t)
    results_path = work / "results.jsonl"
    done = set()
    if results_path.exists():
        done = {json.loads(l)["id"] for l in results_path.read_text().splitlines()}
    todo = [i for i in placed if i not in done]
    print(f"run: {len(todo)} mutants to run ({len(done)} done before)", flush=True)

    def one(i):
        by_bin = {}
        for t in reach.get(i, []):
            by_bin.setdefault((t["binary"], t["exe"]), []).append(t)
        if not by_bin:
            return {"id": i, "outcome": "missed", "why": "no test reaches it"}
        order = sorted(by_bin.items(), key=lambda kv: (kv[0][0] != "lib", sum(t["seconds"] for t in kv[1])))
        ran = 0
        for (name, exe), ts in order:
            limit = 20 + 5 * sum(t["seconds"] for t in ts)
            try:
                r = subprocess.run([exe, "--exact", *[t["test"] for t in ts], "-q"], cwd=tree, capture_output=True,
                                   text=True, env=env_for(tree, MUTANT_ID=str(i)), timeout=limit)
            except subprocess.TimeoutExpired:
                return {"id": i, "outcome": "timeout", "by": name}
            ran += len(ts)
            if r.returncode != 0:
                return {"id": i, "outcome": "caught", "by": name}
        return {"id": i, "outcome": "missed", "why": f"{ran} tests reach it and pass"}

    t0 = time.time()
    with open(results_path, "a") as out, cf.ThreadPoolExecutor(int(os.environ.get("MUTANTS_JOBS", "2"))) as pool:
        for n, res in enumerate(pool.map(one, todo), 1):
            out.write(json.dumps(res) + "\n")
            out.flush()
            if n % 100 == 0:
                print(f"run: {n}/{len(todo)} in {time.time() - t0:.0f} s", flush=True)
    summary(work)


def summary(work):
    mutants = json.loads((work / "mutants.json").read_text())
    res = {}
    if (work / "results.jsonl").exists():
        for l in (work / "results.jsonl").read_text().splitlines():
            r = json.loads(l)
            res[r["id"]] = r
    counts = {}
    for r in res.values():
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    placed = json.loads((work / "placed.json").read_text())
    print(f"commit {(work / 'commit').read_text().strip()}: {len(mutants)} mutants, {len(placed['placed'])} run as schemata, "
          f"{len(placed['unplaced'])} left to cargo-mutants")
    print("schemata outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for i, r in sorted(res.items()):
        if r["outcome"] == "missed":
            print(f"MISSED\t{mutants[i]['name']}\t{r['why']}")


if __name__ == "__main__":
    # Started from a background shell, SIGINT arrives ignored, and children would inherit that
    # (tests/watch.rs stops `--watch` with SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cmd, work = sys.argv[1], Path(sys.argv[2]).resolve()
    {"prepare": prepare, "trace": trace, "run": run, "summary": summary}[cmd](work)
