#!/usr/bin/env python3
"""The full mutation run through mutant schemata (docs/mutation-testing.md).

    tools/mutants-schemata.py prepare WORK    list the mutants, write them into a scratch copy, build
    tools/mutants-schemata.py trace WORK      run every test alone, recording the switches it reaches
    tools/mutants-schemata.py run WORK [NAMES]   run each mutant against the tests that reach it
                                              (or only the named ones, again)
    tools/mutants-schemata.py fallback WORK   the mutants the schemata could not hold, through
                                              cargo-mutants (unit tests), then `textual`
    tools/mutants-schemata.py textual WORK PLAIN NAMES   named mutants one by one as cargo-mutants
                                              writes them, in the clean checkout PLAIN
    tools/mutants-schemata.py summary WORK    the score and every missed mutant

prepare, trace and run build with `CARGO_PROFILE_DEV_OPT_LEVEL=1` (set here): the tests run
several times faster, and debug assertions and overflow checks stay on, as in cargo-mutants' own
builds. docs/mutation-testing.md describes the method and the last run.

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


def link_shared(work):
    """The tests read ../shared (the plan's source texts): the scratch copies find it beside them."""
    shared = REPO.parent / "shared"
    if shared.exists() and not (work / "shared").exists():
        (work / "shared").symlink_to(shared)


# The schemata build of plancheck's tests at opt-level 1 takes about 10 GB of target/ (measured
# 2026-12-01); a full disk shows up as a linker "Bus error", far from its cause.
NEEDED_DISK = 12 * 1024**3


def prepare(work):
    work.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(work).free
    if free < NEEDED_DISK:
        print(f"prepare: warning: only {free / 1024**3:.1f} GB free on {work}; the build needs about "
              f"{NEEDED_DISK / 1024**3:.0f} GB (a full disk shows up as a linker crash)", file=sys.stderr, flush=True)
    tree = work / "tree"
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    if not tree.exists():
        sh("git", "clone", "-q", str(REPO), str(tree))
    link_shared(work)
    sh("git", "-C", str(tree), "fetch", "-q", str(REPO), head)
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
            found.append((("lib" if kind == "lib" else m["target"]["name"]), m["executable"], kind))
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
    for name, exe, _ in binaries(tree):
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


def run_tests(i, tests, tree, env, exes=None):
    """Runs `tests` (trace records) binary by binary, the library's first, then the quickest;
    stops at the first failure."""
    by_bin = {}
    for t in tests:
        by_bin.setdefault(t["binary"], []).append(t)
    if not by_bin:
        return {"id": i, "outcome": "missed", "why": "no test reaches it"}
    order = sorted(by_bin.items(), key=lambda kv: (kv[0] != "lib", sum(t["seconds"] for t in kv[1])))
    ran = 0
    for name, ts in order:
        exe = (exes or {}).get(name, ts[0]["exe"])
        limit = 20 + 5 * sum(t["seconds"] for t in ts)
        # A session of its own, so that a timeout also stops the plancheck processes it started.
        p = subprocess.Popen([exe, "--exact", *[t["test"] for t in ts], "-q"], cwd=tree, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env_for(tree, **env), start_new_session=True)
        try:
            code = p.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return {"id": i, "outcome": "timeout", "by": name}
        ran += len(ts)
        if code != 0:
            return {"id": i, "outcome": "caught", "by": name}
    return {"id": i, "outcome": "missed", "why": f"{ran} tests reach it and pass"}


def textual(work, plain=None, names_file=None):
    """Mutants the schemata could not hold (NAMES, one cargo-mutants name a line, typically the
    survivors of cargo-mutants' unit-test stage), one at a time as cargo-mutants writes them, in
    a clean checkout PLAIN: each is applied from its diff, the test binaries that can notice it
    are rebuilt and run, and the file is restored. The tests run are those that reach the
    enclosing function (the trace of its FnValue switch), or every test when no such switch was
    placed."""
    plain = Path(plain or sys.argv[3]).resolve()
    names_file = Path(names_file or sys.argv[4])
    mutants = json.loads((work / "mutants.json").read_text())
    by_name = {m["name"]: i for i, m in enumerate(mutants)}
    placed = set(json.loads((work / "placed.json").read_text())["placed"])
    tests = [t for t in json.loads((work / "trace.json").read_text()) if t["ok"]]
    reach_fn = {}
    for t in tests:
        for i in t["reached"]:
            m = mutants[i]
            if m["genre"] == "FnValue":
                reach_fn.setdefault((m["file"], m["function"]["function_name"]), {})[(t["binary"], t["test"])] = t
    kinds = {}
    out_path = work / "textual.jsonl"
    done = set()
    if out_path.exists():
        done = {json.loads(l)["id"] for l in out_path.read_text().splitlines()}
    ids = [by_name[n] for n in names_file.read_text().splitlines() if n.strip() and by_name[n] not in done]
    print(f"textual: {len(ids)} mutants", flush=True)
    for i in ids:
        m = mutants[i]
        key = (m["file"], m["function"]["function_name"]) if m.get("function") else None
        chosen = list(reach_fn.get(key, {}).values()) or tests
        if not kinds:
            kinds = {name: kind for name, _, kind in binaries(plain)}
        args = ["cargo", "test", "--no-run", "--message-format=json"]
        for name in sorted({t["binary"] for t in chosen}):
            kind = kinds[name]
            args += ["--lib"] if kind == "lib" else (["--bin", name] if kind == "bin" else ["--test", name])
        subprocess.run(["patch", "-s", "--no-backup-if-mismatch", m["file"]], input=m["diff"], text=True, cwd=plain, check=True)
        try:
            t0 = time.time()
            b = subprocess.run(args, cwd=plain, capture_output=True, text=True)
            if b.returncode != 0:
                res = {"id": i, "outcome": "unviable"}
            else:
                exes = {}
                for line in b.stdout.splitlines():
                    a = json.loads(line)
                    if a.get("reason") == "compiler-artifact" and a.get("executable") and a["profile"]["test"]:
                        exes["lib" if a["target"]["kind"][0] == "lib" else a["target"]["name"]] = a["executable"]
                res = run_tests(i, chosen, plain, {}, exes)
            res["seconds"] = round(time.time() - t0)
        finally:
            subprocess.run(["git", "checkout", "-q", "--", m["file"]], cwd=plain, check=True)
        with open(out_path, "a") as f:
            f.write(json.dumps(res) + "\n")
        print(f"textual: {res['outcome']:8} {m['name']}", flush=True)


def fallback(work):
    """The mutants the schemata could not hold, as cargo-mutants writes them, in a clean checkout
    WORK/plain: cargo-mutants' own unit-test stage decides which are unviable and which the unit
    tests catch; its survivors go through `textual`. A random sample of 40 placed mutants goes
    along, so that the two ways can be compared (`summary` prints the comparison)."""
    import random
    plain = work / "plain"
    commit = (work / "commit").read_text().strip()
    if not plain.exists():
        sh("git", "clone", "-q", str(REPO), str(plain))
    link_shared(work)
    sh("git", "-C", str(plain), "fetch", "-q", str(REPO), commit)
    sh("git", "-C", str(plain), "checkout", "-q", "-f", commit)
    mutants = json.loads((work / "mutants.json").read_text())
    placed = json.loads((work / "placed.json").read_text())
    random.seed(18)
    sample = sorted(random.sample(placed["placed"], min(40, len(placed["placed"]))))
    (work / "sample.json").write_text(json.dumps(sample))
    esc = lambda n: re.sub(r"([\\.+*?()|\[\]{}^$#&\-~])", r"\\\1", n)
    regex = "^(?:" + "|".join(esc(mutants[i]["name"]) for i in placed["unplaced"] + sample) + ")$"
    cm = work / "cm"
    cm.mkdir(exist_ok=True)
    with open(cm / "stage1.log", "w") as log:
        subprocess.run(["cargo", "mutants", "--in-place", "--baseline", "skip", "--no-shuffle", "--colors", "never",
                        "--build-timeout", "900", "--timeout", "120", "--cargo-arg=--lib", "-F", regex,
                        "--output", str(cm)], cwd=plain, stdout=log, stderr=subprocess.STDOUT,
                       env=dict(os.environ, INSTA_UPDATE="no"))
    shutil.copy(cm / "mutants.out/missed.txt", work / "cm-survivors.txt")
    textual(work, plain, work / "cm-survivors.txt")


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
    if len(sys.argv) > 3:
        # Again, by name: e.g. the missed ones after new tests (a later result replaces an
        # earlier one in the summary; tests are only ever added, so nothing caught is undone).
        names = set(Path(sys.argv[3]).read_text().splitlines())
        mutants = json.loads((work / "mutants.json").read_text())
        todo = [i for i in placed if mutants[i]["name"] in names]
    print(f"run: {len(todo)} mutants to run ({len(done)} done before)", flush=True)

    def one(i):
        return run_tests(i, reach.get(i, []), tree, {"MUTANT_ID": str(i)})

    t0 = time.time()
    with open(results_path, "a") as out, cf.ThreadPoolExecutor(int(os.environ.get("MUTANTS_JOBS", "2"))) as pool:
        for n, res in enumerate(pool.map(one, todo), 1):
            out.write(json.dumps(res) + "\n")
            out.flush()
            if n % 100 == 0:
                print(f"run: {n}/{len(todo)} in {time.time() - t0:.0f} s", flush=True)
    summary(work)


def summary(work):
    """The run's score. Outcomes come from three places: the schemata run (results.jsonl), and,
    for the mutants the schemata could not hold, cargo-mutants' own unit-test stage (the lists
    in CM/mutants.out, when MUTANTS_CM names that folder) and the textual run of its survivors
    (textual.jsonl). A sample of placed mutants run through both shows whether they agree."""
    mutants = json.loads((work / "mutants.json").read_text())
    placed = json.loads((work / "placed.json").read_text())
    final = {}
    for f in ("results.jsonl", "textual.jsonl"):
        if (work / f).exists():
            for l in (work / f).read_text().splitlines():
                r = json.loads(l)
                final[(f, r["id"])] = r
    cm = {}
    cm_dir = os.environ.get("MUTANTS_CM", str(work / "cm"))
    if cm_dir:
        for outcome in ("caught", "missed", "unviable", "timeout"):
            p = Path(cm_dir) / "mutants.out" / f"{outcome}.txt"
            if p.exists():
                for name in p.read_text().splitlines():
                    cm[name] = outcome
    outcome = {}
    for i in placed["placed"]:
        r = final.get(("results.jsonl", i))
        outcome[i] = r["outcome"] if r else "pending"
    for i in placed["unplaced"]:
        o = cm.get(mutants[i]["name"], "pending")
        if o == "missed":  # survived the unit tests: the textual run decides
            r = final.get(("textual.jsonl", i))
            o = r["outcome"] if r else "pending"
        outcome[i] = o
    counts = {}
    for o in outcome.values():
        counts[o] = counts.get(o, 0) + 1
    viable = counts.get("caught", 0) + counts.get("timeout", 0) + counts.get("missed", 0)
    print(f"commit {(work / 'commit').read_text().strip()}: {len(mutants)} mutants; "
          f"{len(placed['placed'])} run as schemata, {len(placed['unplaced'])} as cargo-mutants writes them")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if viable:
        print(f"caught (timeouts included) {counts.get('caught', 0) + counts.get('timeout', 0)} of {viable} viable: "
              f"{100 * (counts.get('caught', 0) + counts.get('timeout', 0)) / viable:.1f} %")
    sample = work / "sample.json"
    if sample.exists() and cm:
        agree = disagree = 0
        for i in json.loads(sample.read_text()):
            a = final.get(("results.jsonl", i), {}).get("outcome")
            b = cm.get(mutants[i]["name"])
            if b == "missed":
                b = final.get(("textual.jsonl", i), {}).get("outcome")
            if a is None or b is None:
                continue
            same = (a in ("caught", "timeout")) == (b in ("caught", "timeout"))
            agree += same
            disagree += not same
            if not same:
                print(f"SAMPLE DISAGREES\t{mutants[i]['name']}\tschemata {a}, cargo-mutants {b}")
        print(f"sample: {agree} agree, {disagree} disagree")
    for i in sorted(outcome):
        if outcome[i] == "missed":
            r = final.get(("results.jsonl", i)) or final.get(("textual.jsonl", i)) or {}
            print(f"MISSED\t{mutants[i]['name']}\t{r.get('why', '')}")


if __name__ == "__main__":
    # Started from a background shell, SIGINT arrives ignored, and children would inherit that
    # (tests/watch.rs stops `--watch` with SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cmd, work = sys.argv[1], Path(sys.argv[2]).resolve()
    # The schemata are built once and run thousands of times: optimised (debug assertions and
    # overflow checks stay on, as in cargo-mutants' builds). The one-mutant-a-build steps
    # (fallback, textual) keep the plain debug profile, which builds faster.
    if cmd in ("prepare", "trace", "run"):
        os.environ.setdefault("CARGO_PROFILE_DEV_OPT_LEVEL", "1")
    else:
        os.environ.pop("CARGO_PROFILE_DEV_OPT_LEVEL", None)
    {"prepare": prepare, "trace": trace, "run": run, "fallback": fallback, "textual": textual,
     "summary": summary}[cmd](work)
