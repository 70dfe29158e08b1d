//! Mutant schemata for cargo-mutants' mutants: every mutant of a list written into the source at
//! once, each behind a runtime switch, so that one build serves them all.
//!
//!     mutants-schemata MUTANTS.json ROOT LIB_NAME [SKIP_IDS]
//!
//! MUTANTS.json is `cargo mutants --list --json`; a mutant's id is its index in that list. The
//! files of ROOT (a scratch copy of the package) are rewritten in place, and
//! `ROOT/src/lib.rs` gets `__mutant_on(id)`, which is true for the mutant named by the
//! environment variable `MUTANT_ID` and, when `MUTANT_TRACE` names a folder, records there which
//! switches a process reached. SKIP_IDS is a file of ids (one per line) to leave out, for
//! mutants whose schema did not compile. Prints one JSON object: the ids placed and the ids that
//! could not be placed (`unplaced`: they are run by cargo-mutants itself).
//!
//! How each genre is written (the mutated code is what cargo-mutants writes, the switch picks it):
//! - FnValue: `if on(id) { return REPLACEMENT; }` before the body's first statement;
//! - BinaryOperator: `(if on(id) { L NEW R } else { L OP R })`; `&&` and `||` evaluate `L` once,
//!   into a `bool`, so that chains do not double at each level. When the textual mutant parses
//!   into another grouping (`a && b && c` with its first `&&` made `||` reads `a || (b && c)`,
//!   `a - b * c` with `*` made `+` reads `(a - b) + c`), the switch is put around the whole chain
//!   of binary operators instead: `(if on(id) { MUTATED_CHAIN } else { CHAIN })`, the chain's
//!   tokens with the operator replaced, read as cargo-mutants' mutant is read;
//! - UnaryOperator (deletion): `(if on(id) { X } else { OP X })`;
//! - MatchArmGuard: the guard becomes `(if on(id) { REPLACEMENT } else { GUARD })`;
//! - MatchArm (deletion): the arm gets the guard `!on(id)` (or `!on(id) && (GUARD)`), which
//!   sends the value to the arms below it, as deleting the arm does.
//!
//! StructField mutants, operators inside `let` chains, and anything not found in the syntax tree
//! are left to cargo-mutants.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Arm, BinOp, Block, Expr, UnOp, parse_quote};

type Key = (usize, usize);

fn key(span: Span) -> Key {
    let s = span.start();
    (s.line, s.column + 1)
}

#[derive(Default)]
struct Sites {
    fn_value: BTreeMap<Key, Vec<(u32, String)>>,
    binary: BTreeMap<Key, Vec<(u32, String)>>,
    unary: BTreeMap<Key, Vec<u32>>,
    arm: BTreeMap<Key, Vec<u32>>,
    guard: BTreeMap<Key, Vec<(u32, String)>>,
}

struct Schema {
    on: syn::Path,
    sites: Sites,
    placed: Vec<u32>,
    /// Whether the expression being visited is an operand of a binary operator (not in a let
    /// chain): part of the chain whose root holds the regrouping mutants.
    in_chain: bool,
}

/// `tokens` with the operator whose first punctuation starts at `at` (`len` punctuation
/// tokens) replaced by `new`: what cargo-mutants writes, as tokens.
fn replace_op(tokens: TokenStream, at: Key, len: usize, new: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut skip = 0;
    for tt in tokens {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        match tt {
            TokenTree::Punct(p) if key(p.span()) == at => {
                out.extend(new.clone());
                skip = len - 1;
            }
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), replace_op(g.stream(), at, len, new));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            tt => out.push(tt),
        }
    }
    out.into_iter().collect()
}

/// The keys of the operators of the chain of binary expressions rooted at `e`.
fn chain_ops(e: &Expr, out: &mut Vec<Key>) {
    if let Expr::Binary(b) = e {
        out.push(key(b.op.span()));
        chain_ops(&b.left, out);
        chain_ops(&b.right, out);
    }
}

/// The operator at `at` in the chain rooted at `e`.
fn op_at(e: &Expr, at: Key) -> Option<BinOp> {
    let Expr::Binary(b) = e else { return None };
    if key(b.op.span()) == at {
        return Some(b.op);
    }
    op_at(&b.left, at).or_else(|| op_at(&b.right, at))
}

/// Sets the operator at `at` in the chain rooted at `e` to `op`, the grouping kept.
fn set_op(e: &mut Expr, at: Key, op: BinOp) -> bool {
    let Expr::Binary(b) = e else { return false };
    if key(b.op.span()) == at {
        b.op = op;
        return true;
    }
    set_op(&mut b.left, at, op) || set_op(&mut b.right, at, op)
}

impl Schema {
    fn cond(&self, id: u32) -> Expr {
        let on = &self.on;
        parse_quote!(#on(#id))
    }

    fn contains_let(e: &Expr) -> bool {
        struct Finder(bool);
        impl VisitMut for Finder {
            fn visit_expr_let_mut(&mut self, _: &mut syn::ExprLet) {
                self.0 = true;
            }
        }
        let mut f = Finder(false);
        f.visit_expr_mut(&mut e.clone());
        f.0
    }

    /// At the root of a chain of binary operators, before its operands are rewritten: the
    /// mutants of the chain whose textual form parses into another grouping, taken out of the
    /// sites, each with the whole chain as cargo-mutants' mutant reads.
    fn regrouped(&mut self, e: &Expr) -> Vec<(u32, Expr)> {
        let mut ops = Vec::new();
        chain_ops(e, &mut ops);
        let tokens = quote!(#e);
        let mut out = Vec::new();
        for k in ops {
            let Some(ms) = self.sites.binary.get_mut(&k) else {
                continue;
            };
            let Some(old) = op_at(e, k) else { continue };
            // The number of punctuation tokens of the operator written at `k`.
            let old_len = quote!(#old).into_iter().count();
            let regroup = |new_op: BinOp| -> Option<Expr> {
                let new = quote!(#new_op);
                let mutated: Expr =
                    syn::parse2(replace_op(tokens.clone(), k, old_len, &new)).ok()?;
                let mut kept = e.clone();
                set_op(&mut kept, k, new_op);
                (mutated != kept).then_some(mutated)
            };
            ms.retain(|(id, op)| {
                let Ok(new_op) = syn::parse_str::<BinOp>(op) else {
                    return true;
                };
                match regroup(new_op) {
                    Some(m) => {
                        out.push((*id, m));
                        false
                    }
                    None => true,
                }
            });
        }
        out
    }

    fn body(&mut self, block: &mut Block) {
        let k = block.stmts.first().map(|s| key(s.span()));
        visit_mut::visit_block_mut(self, block);
        let Some(k) = k else { return };
        let Some(ms) = self.sites.fn_value.remove(&k) else {
            return;
        };
        let mut guards = Vec::new();
        for (id, replacement) in ms {
            let Ok(value) = syn::parse_str::<TokenStream>(&replacement) else {
                continue;
            };
            let c = self.cond(id);
            guards.push(parse_quote!(if #c { return #value; }));
            self.placed.push(id);
        }
        guards.append(&mut block.stmts);
        block.stmts = guards;
    }

    fn binary(&mut self, e: &mut Expr, k: Key) {
        let Expr::Binary(b) = e.clone() else { return };
        let Some(ms) = self.sites.binary.remove(&k) else {
            return;
        };
        if Self::contains_let(e) {
            return;
        }
        let logical = matches!(b.op, BinOp::And(_) | BinOp::Or(_));
        let (l, r) = (&b.left, &b.right);
        let lv: Expr = if logical {
            parse_quote!(__mutant_l)
        } else {
            (**l).clone()
        };
        let mut out: Expr = if logical {
            let op = &b.op;
            parse_quote!({ #lv #op #r })
        } else {
            Expr::Block(syn::ExprBlock {
                attrs: vec![],
                label: None,
                block: Block {
                    brace_token: Default::default(),
                    stmts: vec![syn::Stmt::Expr(e.clone(), None)],
                },
            })
        };
        for (id, op) in ms.into_iter().rev() {
            let Ok(new_op) = syn::parse_str::<BinOp>(&op) else {
                continue;
            };
            // Re-parsed from tokens, as cargo-mutants' textual replacement would be read.
            let Ok(mutated) = syn::parse2::<Expr>(quote!(#lv #new_op #r)) else {
                continue;
            };
            let c = self.cond(id);
            out = parse_quote!(if #c { #mutated } else #out);
            self.placed.push(id);
        }
        *e = if logical {
            parse_quote!(({ let __mutant_l: bool = #l; #out }))
        } else {
            parse_quote!((#out))
        };
    }

    fn unary(&mut self, e: &mut Expr, k: Key) {
        let Expr::Unary(u) = e.clone() else { return };
        if !matches!(u.op, UnOp::Not(_) | UnOp::Neg(_)) {
            return;
        }
        let Some(ms) = self.sites.unary.remove(&k) else {
            return;
        };
        let inner = &u.expr;
        let mut out: Expr = parse_quote!({ #e });
        for id in ms {
            let c = self.cond(id);
            out = parse_quote!(if #c { #inner } else #out);
            self.placed.push(id);
        }
        *e = parse_quote!((#out));
    }

    fn arm(&mut self, arm: &mut Arm, arm_key: Key, guard_key: Option<Key>) {
        if let (Some(gk), Some((_, g))) = (guard_key, arm.guard.as_mut())
            && let Some(ms) = self.sites.guard.remove(&gk)
        {
            let mut out: Expr = parse_quote!({ #g });
            for (id, replacement) in ms {
                let Ok(value) = syn::parse_str::<Expr>(&replacement) else {
                    continue;
                };
                let c = self.cond(id);
                out = parse_quote!(if #c { #value } else #out);
                self.placed.push(id);
            }
            **g = parse_quote!((#out));
        }
        if let Some(ms) = self.sites.arm.remove(&arm_key) {
            for id in ms {
                let c = self.cond(id);
                let guard: Expr = match arm.guard.take() {
                    Some((_, g)) => parse_quote!(!#c && (#g)),
                    None => parse_quote!(!#c),
                };
                arm.guard = Some((Default::default(), Box::new(guard)));
                self.placed.push(id);
            }
        }
    }
}

impl VisitMut for Schema {
    fn visit_item_fn_mut(&mut self, f: &mut syn::ItemFn) {
        for a in &mut f.attrs {
            self.visit_attribute_mut(a);
        }
        self.body(&mut f.block);
    }

    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        self.body(&mut f.block);
    }

    fn visit_trait_item_fn_mut(&mut self, f: &mut syn::TraitItemFn) {
        if let Some(b) = f.default.as_mut() {
            self.body(b);
        }
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        // Keys are taken before the children are rewritten (a rewritten child has no position).
        let op_key = match e {
            Expr::Binary(b) => Some(key(b.op.span())),
            Expr::Unary(u) => Some(key(u.op.span())),
            _ => None,
        };
        let arm_keys: Vec<(Key, Option<Key>)> = match e {
            Expr::Match(m) => m
                .arms
                .iter()
                .map(|a| {
                    (
                        // The arm's span, as cargo-mutants takes it: from its attributes on.
                        key(a.span()),
                        a.guard.as_ref().map(|(_, g)| key(g.span())),
                    )
                })
                .collect(),
            _ => vec![],
        };
        let binary = matches!(e, Expr::Binary(_)) && !Self::contains_let(e);
        let regrouped = if binary && !self.in_chain {
            self.regrouped(e)
        } else {
            vec![]
        };
        let in_chain = std::mem::replace(&mut self.in_chain, binary);
        visit_mut::visit_expr_mut(self, e);
        self.in_chain = in_chain;
        match e {
            Expr::Binary(_) => self.binary(e, op_key.unwrap()),
            Expr::Unary(_) => self.unary(e, op_key.unwrap()),
            Expr::Match(m) => {
                for (arm, (ak, gk)) in m.arms.iter_mut().zip(arm_keys) {
                    self.arm(arm, ak, gk);
                }
            }
            _ => {}
        }
        for (id, mutated) in regrouped {
            let c = self.cond(id);
            *e = parse_quote!((if #c { #mutated } else { #e }));
            self.placed.push(id);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: mutants-schemata MUTANTS.json ROOT LIB_NAME [SKIP_IDS]");
        std::process::exit(2);
    }
    let list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&args[0]).unwrap()).unwrap();
    let root = Path::new(&args[1]);
    let lib: syn::Ident = syn::parse_str(&args[2]).unwrap();
    let skip: BTreeSet<u32> = args
        .get(3)
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter_map(|l| l.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();

    let mut by_file: BTreeMap<String, Sites> = BTreeMap::new();
    for (i, m) in list.as_array().unwrap().iter().enumerate() {
        let id = i as u32;
        if skip.contains(&id) {
            continue;
        }
        let file = m["file"].as_str().unwrap().to_string();
        let start = &m["span"]["start"];
        let k = (
            start["line"].as_u64().unwrap() as usize,
            start["column"].as_u64().unwrap() as usize,
        );
        let replacement = m["replacement"].as_str().unwrap_or("").to_string();
        let sites = by_file.entry(file).or_default();
        match m["genre"].as_str().unwrap() {
            "FnValue" => sites.fn_value.entry(k).or_default().push((id, replacement)),
            "BinaryOperator" => sites.binary.entry(k).or_default().push((id, replacement)),
            "UnaryOperator" => sites.unary.entry(k).or_default().push(id),
            "MatchArm" => sites.arm.entry(k).or_default().push(id),
            "MatchArmGuard" => sites.guard.entry(k).or_default().push((id, replacement)),
            _ => {}
        }
    }

    let mut placed = Vec::new();
    let lib_rs = root.join("src/lib.rs");
    let mut lib_written = false;
    for (file, sites) in by_file {
        let path = root.join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut ast = syn::parse_file(&text).unwrap();
        let on: syn::Path = if file == "src/main.rs" || file.starts_with("src/bin/") {
            parse_quote!(#lib::__mutant_on)
        } else {
            parse_quote!(crate::__mutant_on)
        };
        let mut schema = Schema {
            on,
            sites,
            placed: vec![],
            in_chain: false,
        };
        schema.visit_file_mut(&mut ast);
        placed.extend(schema.placed);
        let mut out = quote!(#ast).to_string();
        if path == lib_rs {
            out.push_str(SWITCH);
            lib_written = true;
        }
        std::fs::write(&path, out).unwrap();
    }
    if !lib_written {
        let mut text = std::fs::read_to_string(&lib_rs).unwrap();
        text.push_str(SWITCH);
        std::fs::write(&lib_rs, text).unwrap();
    }
    placed.sort_unstable();
    placed.dedup();
    // Whatever was not written (not found in the tree, or a replacement that does not parse).
    let total = list.as_array().unwrap().len() as u32;
    let written: BTreeSet<u32> = placed.iter().copied().collect();
    let unplaced: Vec<u32> = (0..total).filter(|id| !written.contains(id)).collect();
    println!(
        "{}",
        serde_json::json!({ "placed": placed, "unplaced": unplaced })
    );
}

/// The switch, appended to the library. `MUTANT_ID` picks the live mutant; `MUTANT_TRACE`, a
/// folder, collects the ids each process reached (one file per process, one id per line).
const SWITCH: &str = r#"

#[doc(hidden)]
#[allow(clippy::print_stdout, clippy::print_stderr)]
pub fn __mutant_on(id: u32) -> bool {
    use std::io::Write;
    use std::sync::{Mutex, OnceLock};
    static LIVE: OnceLock<u32> = OnceLock::new();
    static TRACE: OnceLock<Option<Mutex<(std::collections::HashSet<u32>, std::fs::File)>>> =
        OnceLock::new();
    let trace = TRACE.get_or_init(|| {
        let dir = std::env::var_os("MUTANT_TRACE")?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(std::path::Path::new(&dir).join(std::process::id().to_string()))
            .ok()?;
        Some(Mutex::new((std::collections::HashSet::new(), file)))
    });
    if let Some(t) = trace {
        let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
        if t.0.insert(id) {
            let _ = writeln!(t.1, "{id}");
        }
    }
    *LIVE.get_or_init(|| {
        std::env::var("MUTANT_ID").ok().and_then(|v| v.parse().ok()).unwrap_or(u32::MAX)
    }) == id
}
"#;
