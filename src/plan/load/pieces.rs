//! Large files parsed in pieces, so that the toml crate's token and event buffers hold one
//! piece at a time rather than the whole file.
//!
//! A file is cut before top-level headers found by a lexer that skips strings and comments and
//! counts brackets (so that a `[` opening a line inside a multi-line array is not taken for a
//! header): before headers whose key has one bare segment (`[[measure]]`, `[plan]`), which
//! open a *run* of pieces, and before `[[key.sub]]` continuing the record of the last such
//! header (`[[matrix.row]]` after `[matrix]`, `[[project.direction]]` after `[[project]]`),
//! whose piece is merged into its run's tree (its `sub` elements appended to the record's).
//! Each piece is parsed on its own and its spans moved by the piece's offset, so that every
//! span is a span of the whole file; each run is decoded and dropped before the next.
//!
//! Pieces are only used when they mean the same as the whole file: [`Split::independent`] says
//! so when every top-level key found in more than one run is an array of tables opened by
//! `[[key]]` in each of them (the runs then concatenate), and [`merge`] refuses a piece that
//! would do more than append tables to arrays of tables. A file whose pieces would mean
//! something else (a table defined twice, a `[key.sub]` continuing a table of an earlier run,
//! a header with a quoted key) is parsed whole, as is a file whose pieces do not parse, so that
//! its errors are exactly those of the whole-file parse.

use super::syntax::{line_end, skip_string};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Files at least this large are parsed in pieces (when they can be).
pub const THRESHOLD: usize = 1024 * 1024;
/// Pieces hold at least this many bytes (a piece ends before the first cut past this size).
pub const PIECE: usize = 256 * 1024;

/// A top-level table header: `[[key]]` or `[key.sub]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Offset of its first `[`.
    pub at: usize,
    /// Its first key segment (a bare key; headers with a quoted first key make the file whole).
    pub key: String,
    /// `[[…]]` rather than `[…]`.
    pub array: bool,
    /// The key has one segment: the header opens a top-level table or array element.
    pub single: bool,
    /// `[[key.sub]]`: two segments, an array of tables.
    pub two: bool,
}

/// A file cut into pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Consecutive ranges covering the whole text; every piece but the first starts at a
    /// header with a single-segment key or at a `[[key.sub]]` continuing it.
    pub pieces: Vec<Range<usize>>,
    /// For each piece: the key of the record it continues (it starts at `[[key.sub]]`).
    pub continues: Vec<Option<String>>,
    /// The headers of each piece, in order.
    pub headers: Vec<Vec<Header>>,
}

/// Finds the top-level headers of `text`, or `None` when a header's first key is quoted (not
/// compared here) or cannot be read.
pub fn headers(text: &str) -> Option<Vec<Header>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => i = line_end(text, i),
            b'"' | b'\'' => {
                line_start = false;
                i = skip_string(text, i);
            }
            b'[' if line_start && depth == 0 => {
                let (header, end) = header_at(text, i)?;
                out.push(header);
                line_start = false;
                i = end;
            }
            b'[' | b'{' => {
                line_start = false;
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                line_start = false;
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => {
                line_start = false;
                i += 1;
            }
        }
    }
    Some(out)
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Reads the header starting at `at`; returns it and the offset after its closing brackets.
fn header_at(text: &str, at: usize) -> Option<(Header, usize)> {
    let b = text.as_bytes();
    let array = b.get(at + 1) == Some(&b'[');
    let mut i = at + if array { 2 } else { 1 };
    let skip_ws = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let mut key = None;
    let mut segments = 0;
    loop {
        i = skip_ws(i);
        let start = i;
        match b.get(i)? {
            b'"' | b'\'' => {
                // a quoted segment: skipped when not the first one
                key.as_ref()?;
                i = skip_string(text, i);
            }
            c if is_bare(*c) => {
                while b.get(i).is_some_and(|c| is_bare(*c)) {
                    i += 1;
                }
                if key.is_none() {
                    key = Some(text[start..i].to_string());
                }
            }
            _ => return None,
        }
        segments += 1;
        i = skip_ws(i);
        match b.get(i)? {
            b'.' => i += 1,
            b']' => break,
            _ => return None,
        }
    }
    let close: &[u8] = if array { b"]]" } else { b"]" };
    if !b[i..].starts_with(close) {
        return None;
    }
    let header = Header {
        at,
        key: key?,
        array,
        single: segments == 1,
        two: array && segments == 2,
    };
    Some((header, i + close.len()))
}

/// Cuts `text` into pieces: the first piece is the text before the first single-segment
/// header (possibly empty); the others start at a single-segment header or at a `[[key.sub]]`
/// continuing the record of the last one, and hold at least `piece` bytes, but the last and
/// a continuation ended by a single-segment header (which is always cut after a
/// continuation, so that a continuation holds one record's tables only).
pub fn split(text: &str, piece: usize) -> Option<Split> {
    let all = headers(text)?;
    let mut pieces = Vec::new();
    let mut continues = vec![None];
    let mut groups: Vec<Vec<Header>> = vec![Vec::new()];
    let mut start = 0;
    let mut record: Option<String> = None;
    for h in all {
        let continuing = continues.last().is_some_and(Option::is_some);
        let big = h.at - start >= piece;
        let cut = if h.single {
            pieces.is_empty() || big || continuing
        } else {
            h.two && big && record.as_ref() == Some(&h.key)
        };
        if cut {
            pieces.push(start..h.at);
            start = h.at;
            groups.push(Vec::new());
            continues.push((!h.single).then(|| h.key.clone()));
        }
        if h.single {
            record = Some(h.key.clone());
        }
        groups.last_mut()?.push(h);
    }
    pieces.push(start..text.len());
    Some(Split {
        pieces,
        continues,
        headers: groups,
    })
}

impl Split {
    /// Whether parsing the pieces one by one means the same as parsing the whole file, given
    /// the top-level keys of the first piece (which holds key/value pairs and multi-segment
    /// headers only): a key found in more than one piece must be opened by `[[key]]` in each
    /// piece holding it, before any other header of that key, and must not be in the first
    /// piece.
    pub fn independent<'a>(&'a self, first_keys: impl IntoIterator<Item = &'a str>) -> bool {
        // key → for each piece holding it: whether that piece opens it with `[[key]]`
        let mut seen: HashMap<&str, Vec<bool>> = HashMap::new();
        for key in first_keys {
            seen.entry(key).or_default().push(false);
        }
        // runs: a piece and the continuations after it
        let mut runs: Vec<Vec<&Header>> = Vec::new();
        for (headers, continues) in self.headers.iter().zip(&self.continues).skip(1) {
            match runs.last_mut() {
                Some(run) if continues.is_some() => run.extend(headers),
                _ => runs.push(headers.iter().collect()),
            }
        }
        for headers in runs {
            let mut keys: Vec<(&str, bool)> = Vec::new();
            for h in headers {
                if !keys.iter().any(|(k, _)| *k == h.key) {
                    keys.push((h.key.as_str(), h.array && h.single));
                }
            }
            for (key, opened) in keys {
                seen.entry(key).or_default().push(opened);
            }
        }
        seen.values().all(|v| v.len() == 1 || v.iter().all(|o| *o))
    }
}

/// Whether a value is an array of tables, each opened by a `[[…]]` header in `text`.
fn header_tables(text: &str, v: &Spanned<DeValue<'_>>) -> bool {
    match v.get_ref() {
        DeValue::Array(a) => a.iter().all(|x| {
            matches!(x.get_ref(), DeValue::Table(_))
                && text.get(x.span()).is_some_and(|t| t.starts_with("[["))
        }),
        _ => false,
    }
}

/// Appends the tables of `piece` (an array of tables) to `into` (one as well); `false` when
/// either is something else.
fn append<'i>(text: &str, into: &mut Spanned<DeValue<'i>>, piece: Spanned<DeValue<'i>>) -> bool {
    if !header_tables(text, into) || !header_tables(text, &piece) {
        return false;
    }
    let (DeValue::Array(into), DeValue::Array(piece)) = (into.get_mut(), piece.into_inner()) else {
        return false;
    };
    for x in piece {
        into.push(x);
    }
    true
}

/// Adds the entries of `piece` to `into`: new keys inserted, arrays of tables appended to.
/// `false` (and `into` perhaps half merged) for anything else.
fn add_entries<'i>(text: &str, into: &mut DeTable<'i>, piece: DeTable<'i>) -> bool {
    for (k, v) in piece {
        match into.get_mut(k.get_ref().as_ref()) {
            None => {
                into.insert(k, v);
            }
            Some(old) => {
                if !append(text, old, v) {
                    return false;
                }
            }
        }
    }
    true
}

/// Merges a parsed continuation `piece` (starting at `[[record.sub]]`) into its run's `tree`:
/// the tables under `record` are added to the record's last element, other keys to the
/// top level. `false` when the piece would do more than add new keys and append tables to
/// arrays of tables; the file is then parsed whole.
pub fn merge<'i>(text: &str, tree: &mut DeTable<'i>, record: &str, mut piece: DeTable<'i>) -> bool {
    let Some((_, sub)) = piece.remove_entry(record) else {
        return false;
    };
    let DeValue::Table(sub) = sub.into_inner() else {
        return false;
    };
    let Some(target) = tree.get_mut(record) else {
        return false;
    };
    let target = match target.get_mut() {
        DeValue::Array(a) => match a.last_mut().map(|x| x.get_mut()) {
            Some(DeValue::Table(t)) => t,
            _ => return false,
        },
        DeValue::Table(t) => t,
        _ => return false,
    };
    add_entries(text, target, sub) && add_entries(text, tree, piece)
}

/// Moves every span of a parsed piece by `by` bytes.
pub fn shift_table(table: &mut DeTable<'_>, by: usize) {
    if by == 0 {
        return;
    }
    let old = std::mem::take(table);
    for (k, mut v) in old {
        shift_value(&mut v, by);
        let span = k.span();
        table.insert(
            Spanned::new(span.start + by..span.end + by, k.into_inner()),
            v,
        );
    }
}

fn shift_value(v: &mut Spanned<DeValue<'_>>, by: usize) {
    let span = v.span();
    match v.get_mut() {
        DeValue::Table(t) => shift_table(t, by),
        DeValue::Array(a) => {
            for x in a.iter_mut() {
                shift_value(x, by);
            }
        }
        _ => {}
    }
    let inner = std::mem::replace(v.get_mut(), DeValue::Boolean(false));
    *v = Spanned::new(span.start + by..span.end + by, inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(split: &Split) -> Vec<Vec<(String, bool, bool)>> {
        split
            .headers
            .iter()
            .map(|hs| {
                hs.iter()
                    .map(|h| (h.key.clone(), h.array, h.single))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cuts_before_single_segment_headers_outside_strings_and_arrays() {
        let text = "title = \"x\"\n\
                    [[measure]]\nid = \"1\"\nlist = [\n[1, 2],\n]\n\
                    s = \"\"\"\n[[not]]\n\"\"\"\n# [[nor]]\n\
                    [[measure.row]]\na = 1\n\
                    [ plan ]\nname = 'p'\n";
        let split = split(text, 0).unwrap();
        let shown: Vec<&str> = split.pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[0], "title = \"x\"\n");
        assert!(shown[1].starts_with("[[measure]]\nid"));
        assert!(shown[1].ends_with("# [[nor]]\n"));
        assert_eq!(shown[2], "[[measure.row]]\na = 1\n");
        assert_eq!(shown[3], "[ plan ]\nname = 'p'\n");
        assert_eq!(
            split.continues,
            [None, None, Some("measure".to_string()), None]
        );
        assert_eq!(
            keys(&split),
            vec![
                vec![],
                vec![("measure".to_string(), true, true)],
                vec![("measure".to_string(), true, false)],
                vec![("plan".to_string(), false, true)],
            ]
        );
        // `[[other.row]]` does not continue the record of `[[measure]]`
        let text = "[[measure]]\n[[other.row]]\n[[measure.row]]\n";
        let split = super::split(text, 0).unwrap();
        assert_eq!(split.continues, [None, None, Some("measure".to_string())]);
    }

    #[test]
    fn pieces_are_at_least_the_piece_size() {
        let text = "[[a]]\nx = 1\n[[a]]\nx = 2\n[[a]]\nx = 3\n";
        let split = split(text, 12).unwrap();
        let shown: Vec<&str> = split.pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            shown,
            ["", "[[a]]\nx = 1\n", "[[a]]\nx = 2\n", "[[a]]\nx = 3\n"]
        );
        let split = super::split(text, 13).unwrap();
        let shown: Vec<&str> = split.pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            shown,
            ["", "[[a]]\nx = 1\n[[a]]\nx = 2\n", "[[a]]\nx = 3\n"]
        );
    }

    #[test]
    fn a_quoted_first_key_is_not_split() {
        assert_eq!(headers("[\"plan\"]\nx = 1\n"), None);
        // a quoted later segment is fine
        let h = headers("[plan.\"a b\"]\n").unwrap();
        assert_eq!(h[0].key, "plan");
        assert!(!h[0].single);
    }

    #[test]
    fn independence_of_pieces() {
        let s = |t: &str| split(t, 0).unwrap();
        let none: [&str; 0] = [];
        // arrays of tables concatenate; `[[b.x]]` stays in b's piece
        assert!(s("[[a]]\n[[b]]\n[[b.x]]\n[[a]]\n[[a.c]]\n").independent(none));
        // a table defined twice, or continued in a later piece
        assert!(!s("[a]\n[[b]]\n[a]\n").independent(none));
        assert!(!s("[[a]]\n[[b]]\n[a.c]\n").independent(none));
        assert!(!s("[[b]]\n[[a.c]]\n[[a]]\n").independent(none));
        assert!(!s("[[a]]\n[b]\n[a]\n").independent(none));
        // a key/value of the first piece naming a later array
        assert!(!s("a = [{ x = 1 }]\n[[a]]\n").independent(["a"]));
        assert!(s("x = 1\n[[a]]\n").independent(["x"]));
    }

    /// The loader, whole-file parse against pieces: each file cut at every single-segment
    /// header (pieces of at least `piece` bytes).
    mod loader {
        use super::super::super::{LoadFailure, Loaded, load_from_memory_in};
        use crate::finding::Location;
        use crate::plan::source::LineCol;

        const WHOLE: (usize, usize) = (usize::MAX, 0);
        const PIECES: (usize, usize) = (0, 0);

        fn load(files: &[(&str, &str)], pieces: (usize, usize)) -> Result<Loaded, LoadFailure> {
            load_from_memory_in("plan", files, pieces)
        }

        /// Loads with and without pieces; the two must be the same, spans included.
        fn same(files: &[(&str, &str)]) -> Result<Loaded, LoadFailure> {
            let whole = load(files, WHOLE);
            let pieces = load(files, PIECES);
            assert_eq!(format!("{pieces:#?}"), format!("{whole:#?}"));
            pieces
        }

        fn shipped() -> Vec<(String, String)> {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
            let mut out = Vec::new();
            let mut stack = vec![root.clone()];
            while let Some(dir) = stack.pop() {
                for e in std::fs::read_dir(dir).unwrap().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        let rel = p
                            .strip_prefix(&root)
                            .unwrap()
                            .to_string_lossy()
                            .into_owned();
                        out.push((rel, std::fs::read_to_string(&p).unwrap()));
                    }
                }
            }
            out
        }

        /// The error's code and start, as (line, column).
        fn errors(failure: &LoadFailure) -> Vec<(&'static str, usize, usize)> {
            failure
                .errors
                .iter()
                .map(|e| match &e.location {
                    Location::Span { file, span } => {
                        let LineCol { line, column } = failure.files[*file].line_col(span.start);
                        (e.code, line, column)
                    }
                    Location::Path(_) => (e.code, 0, 0),
                })
                .collect()
        }

        #[test]
        fn the_shipped_plan_loads_the_same_in_pieces() {
            let files = shipped();
            let cut = files
                .iter()
                .filter(|(_, t)| {
                    let Some(s) = super::split(t, 0) else {
                        return false;
                    };
                    let first = toml::de::DeTable::parse(&t[s.pieces[0].clone()]).unwrap();
                    let keys = first.get_ref().keys().map(|k| k.get_ref().as_ref());
                    s.pieces.len() >= 3 && s.independent(keys)
                })
                .count();
            assert!(cut >= 7, "only {cut} files loaded in pieces");
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(r, t)| (r.as_str(), t.as_str()))
                .collect();
            let loaded = same(&files).expect("the shipped plan loads");
            assert!(loaded.plan.measures.len() >= 30);
        }

        #[test]
        fn generated_plans_with_defects_load_the_same_in_pieces() {
            for (scale, defects) in [(2, 2), (3, 1)] {
                let options = plangen::Options {
                    scale,
                    defects,
                    seed: 5,
                };
                let generated =
                    plangen::generate_shaped(&options, plangen::Shape::realistic(scale));
                let _ = same(&generated.file_refs());
            }
        }

        const MEASURES: &str = "# 施策\n\
            [[measure]]\nid = \"1-1\"\npolicy = \"1\"\nname = \"一\"\n\n\
            [[measure]]\nid = \"1-2\"\npolicy = \"1\"\nname = \"二\"\n\
            allow = [{ rule = \"PC011\", reason = \"理由\" }]\n\n\
            [[measure]]\nid = \"1-3\"\npolicy = \"1\"\nname = \"三\"\n";

        fn policies() -> &'static str {
            "[[policy]]\nid = \"1\"\nname = \"政策\"\n"
        }

        #[test]
        fn an_allow_in_a_middle_piece_covers_its_record_up_to_the_next_piece() {
            let loaded = same(&[("m.toml", MEASURES), ("p.toml", policies())]).unwrap();
            let s = &loaded.plan.suppressions[0];
            let text = &loaded.plan.files[0].text;
            assert!(text[s.extent.clone()].starts_with("[[measure]]\nid = \"1-2\""));
            assert!(text[s.extent.end..].starts_with("[[measure]]\nid = \"1-3\""));
        }

        #[test]
        fn errors_in_the_second_and_third_piece_point_at_their_line_and_column() {
            // an unknown key in the 2nd piece, a wrong type in the 3rd
            let text = MEASURES
                .replace("name = \"二\"", "nmae = \"二\"")
                .replace("name = \"三\"", "name = 3");
            let failure = same(&[("m.toml", &text), ("p.toml", policies())]).unwrap_err();
            let found = errors(&failure);
            assert!(found.contains(&("PC005", 10, 1)), "{found:?}");
            assert!(found.contains(&("PC006", 16, 8)), "{found:?}");
        }

        #[test]
        fn a_table_defined_twice_across_pieces_is_the_same_error() {
            let text = "[plan]\nname = \"計画\"\n\n[[policy]]\nid = \"1\"\nname = \"政策\"\n\n\
                [plan]\nname = \"二つ目\"\n";
            let failure = same(&[("a.toml", text)]).unwrap_err();
            // the toml crate's error, on the second `[plan]`
            assert_eq!(errors(&failure), [("PC004", 8, 2), ("PC004", 9, 1)]);
            // a table continued in a later piece is not an error at all
            let text = "[[project]]\nid = \"p\"\nname = \"p\"\n[plan]\nname = \"計画\"\n\
                [project.x]\n";
            let _ = same(&[("a.toml", text)]);
        }

        #[test]
        fn a_syntax_error_in_a_later_piece_leaves_nothing_of_the_earlier_ones() {
            // a full-width space (named) and a missing value, both in the 3rd piece
            for bad in ["name = \"三\"\u{3000}", "name =\n"] {
                let text = MEASURES.replace("name = \"三\"", bad);
                let failure = same(&[("m.toml", &text), ("p.toml", policies())]).unwrap_err();
                assert!(errors(&failure).iter().all(|e| e.0 == "PC004" && e.1 >= 15));
            }
        }

        /// A matrix header of one column, and one drawn row of it.
        const MATRIX_HEAD: &str = "[matrix]\ncolumns = [\"p\"]\n";
        const MATRIX_ROW: &str = "[[matrix.row]]\nmeasure = \"1-1\"\ncells = [\"○\"]\n";

        #[test]
        fn continuations_that_do_more_than_append_are_loaded_whole() {
            let (head, row) = (MATRIX_HEAD, MATRIX_ROW);
            // rows written inline, then as tables: an error of the whole file
            let inline =
                format!("{head}row = [{{ measure = \"1-0\", cells = [\"○\"] }}]\n{row}{row}");
            let failure = same(&[("m.toml", &inline)]).unwrap_err();
            assert_eq!(errors(&failure)[0].0, "PC004");
            // a sub-table of the matrix written twice, across pieces
            let twice = format!("{head}{row}[matrix.x]\n{row}[matrix.x]\n");
            let failure = same(&[("m.toml", &twice)]).unwrap_err();
            assert_eq!(errors(&failure)[0].0, "PC004");
            // rows in several pieces, appended
            let rows = format!("{head}{row}{row}{row}");
            let loaded = same(&[("m.toml", &rows), ("p.toml", policies())]);
            let plan = match &loaded {
                Ok(l) => &l.plan,
                Err(f) => panic!("{:?}", errors(f)),
            };
            assert_eq!(plan.matrix.as_ref().unwrap().item.row.len(), 3);
        }

        #[test]
        fn a_syntax_error_after_the_matrix_header_undoes_the_header_and_its_rows() {
            let (head, row) = (MATRIX_HEAD, MATRIX_ROW);
            let bad =
                format!("{head}{row}{row}[[matrix.row]]\nmeasure = \"1-2\"\ncells = [\"○\"\n");
            // the other file's rows and its own header survive the rollback
            let other = format!(
                "{row}[[matrix.mark]]\nmeasure = \"1-3\"\nproject = \"p\"\nsymbol = \"○\"\n"
            );
            let files = [("a.toml", bad.as_str()), ("b.toml", other.as_str())];
            let failure = same(&files).unwrap_err();
            assert!(errors(&failure).iter().any(|e| e.0 == "PC004" && e.1 == 11));
            // the header in the second file: the first file's rows are undone before it
            let files = [("a.toml", other.as_str()), ("b.toml", bad.as_str())];
            let _ = same(&files);
        }

        #[test]
        fn crlf_and_bom_files_load_the_same_in_pieces() {
            let crlf = MEASURES.replace('\n', "\r\n").replace("nam", "nmae");
            let failure = same(&[("m.toml", &crlf), ("p.toml", policies())]).unwrap_err();
            assert_eq!(errors(&failure)[0].1, 5);
            let bom = format!("\u{FEFF}{}", MEASURES.replace("name = \"三\"", "name = 3"));
            let failure = same(&[("m.toml", &bom), ("p.toml", policies())]).unwrap_err();
            assert_eq!(errors(&failure), [("PC006", 16, 8)]);
        }
    }
}
