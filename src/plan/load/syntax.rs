//! Syntax errors in our own words: full-width punctuation typed by a Japanese input method is
//! named, and the TOML parser's messages are translated.

use super::chars::{self, BRACKETS, FULL_WIDTH_EQUALS, FULL_WIDTH_SPACE, Named, QUOTES};
use crate::finding::Finding;
use crate::i18n::Msg;
use crate::msg;
use crate::plan::source::FileId;
use std::ops::Range;

/// A full-width character typed where TOML needs ASCII punctuation, found outside strings
/// and comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// From the first offending character to the end of the last one it groups.
    pub span: Range<usize>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A run of full-width spaces.
    Space,
    /// `＝` for `=`.
    Equals,
    /// A string opened (and perhaps closed) by a curly or full-width quote.
    Quote { open: Named, close: Option<Named> },
    /// Full-width brackets on one line.
    Brackets(Vec<Named>),
}

/// Finds the named mistakes of `text` and returns them with a copy of the text in which each
/// is replaced by its ASCII counterpart, padded with spaces to the same number of bytes, so
/// that every span of the copy is a span of the original.
pub fn scan(text: &str) -> (Vec<Mistake>, String) {
    let mut mistakes: Vec<Mistake> = Vec::new();
    let mut patched = text.as_bytes().to_vec();
    let b = text.as_bytes();
    let mut i = 0;
    let char_at = |i: usize| text[i..].chars().next().unwrap_or('\0');
    while i < b.len() {
        let c = char_at(i);
        match c {
            '#' => i = line_end(text, i),
            '"' | '\'' => i = skip_string(text, i),
            '\u{3000}' => {
                let start = i;
                while char_at(i) == '\u{3000}' {
                    patched[i..i + 3].copy_from_slice(b"   ");
                    i += 3;
                }
                mistakes.push(Mistake {
                    span: start..i,
                    kind: Kind::Space,
                });
            }
            '＝' => {
                patched[i..i + 3].copy_from_slice(b"=  ");
                mistakes.push(Mistake {
                    span: i..i + 3,
                    kind: Kind::Equals,
                });
                i += 3;
            }
            _ if quote(c).is_some() => {
                let Some((open, double)) = quote(c) else {
                    break;
                };
                let ascii = if double { b'"' } else { b'\'' };
                patched[i..i + 3].copy_from_slice(&[ascii, b' ', b' ']);
                let start = i;
                i += 3;
                let mut close = None;
                let end = line_end(text, i);
                while i < end {
                    let d = char_at(i);
                    if double && d == '\\' {
                        i += 1;
                        if i < end {
                            i += char_at(i).len_utf8();
                        }
                        continue;
                    }
                    if d == ascii as char {
                        i += 1;
                        break;
                    }
                    if let Some((n, _)) = quote(d).filter(|q| q.1 == double) {
                        patched[i..i + 3].copy_from_slice(&[b' ', b' ', ascii]);
                        close = Some(n);
                        i += 3;
                        break;
                    }
                    i += d.len_utf8();
                }
                mistakes.push(Mistake {
                    span: start..i,
                    kind: Kind::Quote { open, close },
                });
            }
            _ if bracket(c).is_some() || c == '[' || c == ']' => {
                let run_start = i;
                let opening = c == '[' || bracket(c).is_some_and(|x| x.1);
                let mut count = 0;
                let mut found: Vec<Named> = Vec::new();
                loop {
                    let d = char_at(i);
                    let same = if opening { d == '[' } else { d == ']' };
                    match bracket(d) {
                        Some((n, o)) if o == opening => {
                            if !found.contains(&n) {
                                found.push(n);
                            }
                        }
                        _ if same => {}
                        _ => break,
                    }
                    count += 1;
                    i += d.len_utf8();
                }
                if found.is_empty() {
                    continue;
                }
                // all the brackets together, so that `［［` becomes `[[`
                let run = &mut patched[run_start..i];
                run.fill(b' ');
                let len = run.len();
                let (at, sign) = if opening {
                    (len - count, b'[')
                } else {
                    (0, b']')
                };
                run[at..at + count].fill(sign);
                // brackets on the same line form one mistake
                let same_line = mistakes.last_mut().filter(|m| {
                    matches!(m.kind, Kind::Brackets(_))
                        && !text[m.span.end..run_start].contains('\n')
                });
                match same_line {
                    Some(m) => {
                        m.span.end = i;
                        if let Kind::Brackets(v) = &mut m.kind {
                            for n in found {
                                if !v.contains(&n) {
                                    v.push(n);
                                }
                            }
                        }
                    }
                    None => mistakes.push(Mistake {
                        span: run_start..i,
                        kind: Kind::Brackets(found),
                    }),
                }
            }
            _ => i += c.len_utf8(),
        }
    }
    let patched = String::from_utf8(patched).unwrap_or_else(|_| text.to_string());
    (mistakes, patched)
}

fn quote(c: char) -> Option<(Named, bool)> {
    QUOTES.iter().copied().find(|q| q.0.c == c)
}

fn bracket(c: char) -> Option<(Named, bool)> {
    BRACKETS.iter().copied().find(|q| q.0.c == c)
}

/// The offset of the newline ending the line that holds `i` (or the end of the text).
pub(super) fn line_end(text: &str, i: usize) -> usize {
    text[i..].find('\n').map_or(text.len(), |n| i + n)
}

/// Skips a TOML string starting at `i` (on its quote); returns the offset after it. An
/// unterminated single-line string ends at its line's end.
pub(super) fn skip_string(text: &str, i: usize) -> usize {
    // Byte by byte: a quote or a backslash byte is never part of a multi-byte character in
    // UTF-8, so the other bytes of a character are simply passed over.
    let b = text.as_bytes();
    let rest = &b[i..];
    let double = rest.starts_with(b"\"");
    let delim = if double { b'"' } else { b'\'' };
    let triple: &[u8] = if double { b"\"\"\"" } else { b"'''" };
    if rest.starts_with(triple) {
        let mut j = i + 3;
        while j < b.len() {
            if double && b[j] == b'\\' {
                j = after_escape(text, j);
                continue;
            }
            if b[j..].starts_with(triple) {
                // up to two more quotes may belong to the string
                let mut k = j + 3;
                while k < b.len() && b[k] == delim && k < j + 5 {
                    k += 1;
                }
                return k;
            }
            j += 1;
        }
        return text.len();
    }
    let end = line_end(text, i);
    let mut j = i + 1;
    while j < end {
        let d = b[j];
        if double && d == b'\\' {
            j = after_escape(text, j);
            continue;
        }
        if d == delim {
            return j + 1;
        }
        j += 1;
    }
    end.min(text.len())
}

/// The offset after the backslash at `j` and the character it escapes (which may take
/// several bytes: `"C:\計画"`).
fn after_escape(text: &str, j: usize) -> usize {
    j + 1 + text[j + 1..].chars().next().map_or(0, char::len_utf8)
}

fn error(file: FileId, span: Range<usize>, message: Msg) -> Finding {
    super::codes::SYNTAX.at(file, span, message)
}

/// The finding for a named mistake.
pub fn mistake_finding(file: FileId, m: &Mistake) -> Finding {
    let span = m.span.clone();
    match &m.kind {
        Kind::Space => {
            let Msg { ja: pja, en: pen } = FULL_WIDTH_SPACE.describe();
            error(
                file,
                span,
                msg!(
                    "{pja} が使われています。キーや「=」の前後、行の先頭には半角スペースしか書けません",
                    "{pen} where TOML expects an ordinary space or a key"
                ),
            )
            .label(msg!("全角スペース", "full-width space"))
            .help(msg!(
                "半角スペースに置き換えるか、削除してください（文字列の \"…\" の中なら全角スペースも書けます）。",
                "replace it with an ordinary half-width space or delete it (inside a quoted string \"…\" it may stay)"
            ))
        }
        Kind::Equals => {
            let Msg { ja: pja, en: pen } = FULL_WIDTH_EQUALS.describe();
            error(
                file,
                span,
                msg!(
                    "キーと値の間に{pja} が使われています。半角の「=」で区切ってください",
                    "{pen} used for '=' between a key and its value"
                ),
            )
            .label(msg!("半角の「=」にします", "make this a half-width '='"))
            .help(msg!(
                "日本語入力をオフにして「=」を入力し直してください。",
                "turn the Japanese input method off and type '=' again"
            ))
        }
        Kind::Quote { open, close } => {
            let mut used = vec![*open];
            if let Some(c) = close.filter(|c| c != open) {
                used.push(c);
            }
            let Msg { ja: pja, en: pen } = chars::describe_all(&used);
            let double = QUOTES.iter().any(|q| q.0 == *open && q.1);
            let (ascii, word_ja, word_en) = if double {
                ('"', "二重引用符", "double quote")
            } else {
                ('\'', "一重引用符", "single quote")
            };
            error(
                file,
                span,
                msg!(
                    "文字列が{pja} で囲まれています。TOML の文字列は半角の{word_ja}「{ascii}」で囲みます",
                    "string delimited by {pen} instead of the straight {word_en} '{ascii}'"
                ),
            )
            .label(msg!(
                "両端を半角の「{ascii}」にします",
                "make both ends a straight '{ascii}'"
            ))
            .help(msg!(
                "日本語入力をオフにして「{ascii}」を入力し直してください。ワープロや Excel からの貼り付けでも、この引用符に変わることがあります。",
                "turn the Japanese input method off and type '{ascii}' again; pasting from a word processor or Excel can also curl quotes"
            ))
        }
        Kind::Brackets(found) => {
            let Msg { ja: pja, en: pen } = chars::describe_all(found);
            error(
                file,
                span,
                msg!(
                    "{pja} が使われています。表の見出しや配列の括弧は半角の「[」「]」で書きます",
                    "{pen} where TOML needs a half-width '[' or ']' (table headers, arrays)"
                ),
            )
            .label(msg!(
                "半角の「[」「]」にします",
                "make these half-width '[' and ']'"
            ))
            .help(msg!(
                "例えば ［［project］］ は [[project]] と書きます。日本語入力をオフにして入力し直してください。",
                "for example, write ［［project］］ as [[project]]; type it again with the Japanese input method off"
            ))
        }
    }
}

/// A parser error in our words. `message` is the toml crate's text, `description, expected a, b`.
pub fn parser_finding(file: FileId, e: &toml::de::Error, text: &str) -> Finding {
    let len = text.len();
    let span = e.span().unwrap_or(len..len);
    let raw = e.message().trim();
    let (description, expected) = match raw.split_once(", expected ") {
        Some((d, x)) => (d, Some(x)),
        None => (raw, None),
    };
    let message = describe(description, expected, raw);
    let mut f = error(file, span.clone(), message).label(msg!("ここ", "here"));
    // a key typed in full-width letters: suggest its half-width form
    if description == "invalid unquoted key" {
        let key = text.get(span.clone()).unwrap_or("");
        let named = chars::named_in(key);
        let half = crate::plan::normalize::key(key);
        if !named.is_empty() {
            let Msg { ja: pja, en: pen } = chars::describe_all(&named);
            f = f.help(msg!(
                "キーに{pja} が含まれています。",
                "the key contains {pen}"
            ));
        } else if half != key
            && !half.is_empty()
            && half
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        {
            f = f.help(msg!(
                "キーが全角で書かれています。半角で `{half}` と書いてください。",
                "the key is typed in full-width letters: write `{half}`"
            ));
        } else {
            f = f.help(msg!(
                "引用符なしのキーに使えるのは半角の英数字と「-」「_」だけです。",
                "a key without quotes may hold only ASCII letters, digits, '-' and '_'"
            ));
        }
    } else {
        f = f.help(msg!(
            "文字列は \"…\" で囲み、表は [表名]、表の配列は [[表名]] と書きます。",
            "strings are quoted \"…\", tables are [name], arrays of tables are [[name]]"
        ));
    }
    f
}

/// The parser's description (and what it expected) as a message in both languages. An
/// unknown description gets a general Japanese sentence and the parser's English text.
fn describe(description: &str, expected: Option<&str>, raw: &str) -> Msg {
    let quoted = |s: &str| s.trim_matches('`').to_string();
    let got = |x: &str| expected.is_some_and(|e| e.split(", ").any(|p| quoted(p) == x));
    let (ja, en): (&str, &str) = match description {
        "invalid basic string" if got("\"") => (
            "文字列の終わりの「\"」がありません",
            "the string is not closed: '\"' is missing",
        ),
        "invalid basic string" => (
            "文字列に使えない文字（制御文字など）があります",
            "the string holds a character that must be escaped (a control character)",
        ),
        "invalid literal string" => (
            "文字列（'…'）が閉じていないか、使えない文字があります",
            "the literal string '…' is not closed or holds a control character",
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => (
            "複数行の文字列（\"\"\"…\"\"\"）が閉じていません",
            "the multi-line string is not closed",
        ),
        "invalid string" => ("文字列の書き方が正しくありません", "invalid string"),
        "missing escaped value" => (
            "「\\」の後の文字が正しくありません（\\n、\\t、\\\"、\\\\、\\u など）",
            "invalid escape after '\\' (use \\n, \\t, \\\", \\\\, \\u…)",
        ),
        "too few unicode value digits" => (
            "\\u や \\U の後の 16 進数の桁が足りません",
            "too few hexadecimal digits after \\u or \\U",
        ),
        "missing opening quote" => ("開き引用符がありません", "missing opening quote"),
        "string values must be quoted" => (
            "文字列の値は \"…\" で囲んでください",
            "string values must be quoted \"…\"",
        ),
        "carriage return must be followed by newline" => (
            "改行コードが正しくありません（CR の後に LF がありません）",
            "a carriage return must be followed by a line feed",
        ),
        "key with no value" | "missing value for key" | "missing value" => {
            ("キーの後に「= 値」がありません", "the key has no '= value'")
        }
        "missing assignment between key-value pairs" => (
            "キーと値の間に「=」がありません",
            "missing '=' between the key and its value",
        ),
        "extra `=`" | "extra assignment between key-value pairs" => {
            ("「=」が 1 つ多すぎます", "an extra '='")
        }
        "unexpected key or value" => (
            "値の後に余分な文字があります（1 行に書けるのは「キー = 値」1 つだけです）",
            "unexpected text after the value (one 'key = value' per line)",
        ),
        "unexpected content" => ("ここに余分な文字があります", "unexpected text here"),
        "invalid unquoted key" => (
            "キーに使えない文字があります",
            "a key without quotes holds a character keys may not have",
        ),
        "unquoted keys cannot be empty" => ("キーが空です", "the key is empty"),
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            (
                "キーに複数行の文字列は使えません",
                "a key cannot be a multi-line string",
            )
        }
        "invalid key" => ("キーの書き方が正しくありません", "invalid key"),
        "invalid key-value pair" => (
            "「キー = 値」の書き方が正しくありません",
            "invalid 'key = value' line",
        ),
        "invalid value" => ("値の書き方が正しくありません", "invalid value"),
        "unclosed table" => (
            "表の見出し [表名] の「]」がありません",
            "the table header is not closed with ']'",
        ),
        "unclosed array table" => (
            "表の配列の見出し [[表名]] の「]]」がありません",
            "the array-of-tables header is not closed with ']]'",
        ),
        "invalid table" => (
            "表の見出しの書き方が正しくありません",
            "invalid table header",
        ),
        "missing table open" => ("「[」がありません", "missing '['"),
        "unclosed array" => (
            "配列の「]」がありません",
            "the array is not closed with ']'",
        ),
        "missing array opening" => ("配列の「[」がありません", "missing '[' of the array"),
        "missing comma between array elements" => (
            "配列の要素の間に「,」がありません",
            "missing ',' between array elements",
        ),
        "extra comma in array" | "extra comma in inline table" => {
            ("余分な「,」があります", "an extra ','")
        }
        "unexpected `=` in array" => ("配列の中に「=」は書けません", "'=' inside an array"),
        "unclosed inline table" => (
            "インライン表 {…} の「}」がありません",
            "the inline table is not closed with '}'",
        ),
        "missing inline table opening" => ("「{」がありません", "missing '{'"),
        "missing key for inline table element" | "invalid inline table element" => (
            "インライン表 {…} の要素は「キー = 値」で書きます",
            "an inline table's elements are 'key = value'",
        ),
        "missing comma between key-value pairs" => (
            "インライン表 {…} の要素の間に「,」がありません",
            "missing ',' between the inline table's elements",
        ),
        "missing comment start" => ("「#」がありません", "missing '#'"),
        "invalid comment character" | "unexpected content between comment and newline" => (
            "コメントに使えない文字（制御文字）があります",
            "the comment holds a control character",
        ),
        "duplicate key" => (
            "同じキーがすでに書かれています",
            "this key is already defined",
        ),
        "cannot recurse further; max recursion depth met" | "recursion limit" => (
            "配列や表の入れ子が深すぎます",
            "arrays or tables are nested too deeply",
        ),
        "unexpected leading zero" => (
            "数の先頭に 0 は付けられません",
            "a number cannot start with 0",
        ),
        "integers with a radix cannot be signed"
        | "radix must be lowercase"
        | "redundant numeric sign"
        | "redundant integer number prefix"
        | "unexpected sign"
        | "`_` may only go between digits"
        | "invalid integer number"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number"
        | "invalid float"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa" => ("数の書き方が正しくありません", "invalid number"),
        "invalid date-time" | "invalid datetime" | "invalid date" | "invalid time" => (
            "日付・時刻の書き方が正しくありません",
            "invalid date or time",
        ),
        "invalid boolean" => (
            "真偽値は true か false で書きます",
            "a boolean is true or false",
        ),
        d if d.starts_with("cannot extend value of type") => (
            "すでに値がある表やキーに、ドット付きのキーで書き足すことはできません",
            "cannot add a dotted key to a value defined before",
        ),
        _ => {
            return Msg::new(
                "TOML の書き方が正しくありません",
                format!("invalid TOML: {raw}"),
            );
        }
    };
    Msg::new(ja, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patching_keeps_every_offset() {
        let text = "［［project］］\na　= “x”\nb ＝ 1 # “ok”\nc = \"“fine”　\"\n";
        let (m, patched) = scan(text);
        assert_eq!(patched.len(), text.len());
        assert_eq!(
            patched,
            "    [[project]]    \na   = \"  x  \"\nb =   1 # “ok”\nc = \"“fine”　\"\n"
        );
        let kinds: Vec<&Kind> = m.iter().map(|m| &m.kind).collect();
        assert!(matches!(kinds[0], Kind::Brackets(v) if v.len() == 2));
        assert_eq!(kinds[1], &Kind::Space);
        assert!(matches!(kinds[2], Kind::Quote { close: Some(_), .. }));
        assert_eq!(kinds[3], &Kind::Equals);
        assert_eq!(m.len(), 4, "nothing inside strings or comments");
        assert_eq!(&text[m[0].span.clone()], "［［project］］");
    }

    #[test]
    fn a_backslash_before_a_multi_byte_character_is_skipped_whole() {
        // Found by fuzzing (the `load` target): the string skipper stepped two bytes past a
        // backslash, into the middle of 計, and sliced the text there.
        for text in [
            "a = \"C:\\計画\"　\n",
            "a = \"\\計\n",
            "a = \"\"\"\\計\"\"\"　\n",
            "a = \"\"\"\\計",
        ] {
            let (_, patched) = scan(text);
            assert_eq!(patched.len(), text.len(), "{text:?}");
        }
    }

    #[test]
    fn multi_line_strings_are_skipped() {
        let text = "a = \"\"\"\n　“x”\n\"\"\"\nb = '''\n［'''\n";
        let (m, patched) = scan(text);
        assert!(m.is_empty(), "{m:?}");
        assert_eq!(patched, text);
    }

    #[test]
    fn every_description_the_parser_can_give_has_japanese_words() {
        // descriptions from toml_parser and toml's document parser
        for d in [
            "invalid basic string",
            "key with no value",
            "extra `=`",
            "unexpected key or value",
            "invalid unquoted key",
            "unclosed array table",
            "duplicate key",
            "missing escaped value",
            "invalid comment character",
        ] {
            let m = describe(d, None, d);
            assert_ne!(m.ja, "TOML の書き方が正しくありません", "{d}");
            assert!(!m.ja.contains(d), "{d}");
        }
        let m = describe("something new", None, "something new, expected x");
        assert_eq!(m.ja, "TOML の書き方が正しくありません");
        assert_eq!(m.en, "invalid TOML: something new, expected x");
    }

    #[test]
    fn a_string_is_skipped_to_the_byte_after_its_closing_quote() {
        // (text, where the string starts, the offset after it), counted by hand
        for (text, at, after) in [
            (r#"a = "x" # c"#, 4, 7),
            ("a = 'x' # c", 4, 7),
            // multi-byte characters and an escaped quote inside
            (r#"a = "計画\"案" b"#, 4, 17),
            ("a = '計画' b", 4, 12),
            // a multi-line string: up to two more quotes belong to it
            ("a = \"\"\"x\"\"\"", 4, 11),
            ("a = \"\"\"x\"\"\"\"", 4, 12),
            ("a = \"\"\"x\"\"\"\"\"", 4, 13),
            ("a = \"\"\"x\"\"\"\"\"\"", 4, 13),
            ("a = '''x\n計'''''' b", 4, 17),
            ("a = \"\"\"x\\\"\"\"y\"\"\" b", 4, 16),
            // unterminated: a single-line string ends at its line's end, a multi-line one at
            // the end of the text
            ("a = \"x\nb = 1", 4, 6),
            ("a = \"計画", 4, 11),
            ("a = '''x\ny", 4, 10),
        ] {
            assert_eq!(skip_string(text, at), after, "{text:?}");
        }
    }

    /// The load errors of a plan folder holding one file `a.toml` with `text`, as
    /// (code, byte span, Japanese message, English message, English help).
    type Error = (&'static str, Range<usize>, String, String, String);

    fn load_errors(text: &str) -> Vec<Error> {
        let Err(failure) = crate::plan::load::load_from_memory("plan", &[("a.toml", text)]) else {
            panic!("{text:?} loaded");
        };
        failure
            .errors
            .into_iter()
            .map(|f| {
                let crate::finding::Location::Span { span, .. } = f.location else {
                    panic!("{text:?}: no span");
                };
                let help = f.help.map(|h| h.en).unwrap_or_default();
                (f.code, span, f.message.ja, f.message.en, help)
            })
            .collect()
    }

    /// (code, span) of each load error of `text`.
    fn places(text: &str) -> Vec<(&'static str, Range<usize>)> {
        load_errors(text)
            .into_iter()
            .map(|(code, span, ..)| (code, span))
            .collect()
    }

    /// The first load error's message of `text`, in Japanese and English.
    fn first_message(text: &str) -> (String, String) {
        let errors = load_errors(text);
        let (_, _, ja, en, _) = errors
            .first()
            .unwrap_or_else(|| panic!("{text:?}: no error"));
        (ja.clone(), en.clone())
    }

    #[test]
    fn each_parser_error_gets_its_own_words() {
        // (a file's text, the first error's Japanese and English message), the messages
        // written out here
        let deep_key = format!("{} = 1\n", ["a"; 90].join("."));
        for (text, ja, en) in [
            // a control character in a basic string, not a missing quote
            (
                "a = \"x\u{1}\"\n",
                "文字列に使えない文字（制御文字など）があります",
                "the string holds a character that must be escaped (a control character)",
            ),
            (
                "a = 'x\n",
                "文字列（'…'）が閉じていないか、使えない文字があります",
                "the literal string '…' is not closed or holds a control character",
            ),
            (
                "a = '''x\n",
                "複数行の文字列（\"\"\"…\"\"\"）が閉じていません",
                "the multi-line string is not closed",
            ),
            (
                "a = \"\\u12\"\n",
                "\\u や \\U の後の 16 進数の桁が足りません",
                "too few hexadecimal digits after \\u or \\U",
            ),
            (
                "a = x\"\n",
                "開き引用符がありません",
                "missing opening quote",
            ),
            (
                "a = x\n",
                "文字列の値は \"…\" で囲んでください",
                "string values must be quoted \"…\"",
            ),
            (
                "a = 1\r",
                "改行コードが正しくありません（CR の後に LF がありません）",
                "a carriage return must be followed by a line feed",
            ),
            (
                "a = {b \"c\"}\n",
                "キーと値の間に「=」がありません",
                "missing '=' between the key and its value",
            ),
            ("= 1\n", "キーが空です", "the key is empty"),
            (
                "'''k''' = 1\n",
                "キーに複数行の文字列は使えません",
                "a key cannot be a multi-line string",
            ),
            (
                ", = 1\n",
                "「キー = 値」の書き方が正しくありません",
                "invalid 'key = value' line",
            ),
            (
                "a = \"\\uD800\"\n",
                "値の書き方が正しくありません",
                "invalid value",
            ),
            (
                "[a\nb = 1\n",
                "表の見出し [表名] の「]」がありません",
                "the table header is not closed with ']'",
            ),
            ("]\n", "「[」がありません", "missing '['"),
            (
                "a = [1\n",
                "配列の「]」がありません",
                "the array is not closed with ']'",
            ),
            (
                "a = ]\n",
                "配列の「[」がありません",
                "missing '[' of the array",
            ),
            (
                "a = [1 \"x\"]\n",
                "配列の要素の間に「,」がありません",
                "missing ',' between array elements",
            ),
            ("a = [1,,2]\n", "余分な「,」があります", "an extra ','"),
            (
                "a = [1,=]\n",
                "配列の中に「=」は書けません",
                "'=' inside an array",
            ),
            (
                "a = {b = 1\n",
                "インライン表 {…} の「}」がありません",
                "the inline table is not closed with '}'",
            ),
            ("a = }\n", "「{」がありません", "missing '{'"),
            (
                "a = {{}}\n",
                "インライン表 {…} の要素は「キー = 値」で書きます",
                "an inline table's elements are 'key = value'",
            ),
            (
                "a = {b = 1 \"c\" = 2}\n",
                "インライン表 {…} の要素の間に「,」がありません",
                "missing ',' between the inline table's elements",
            ),
            (
                deep_key.as_str(),
                "配列や表の入れ子が深すぎます",
                "arrays or tables are nested too deeply",
            ),
            (
                "a = 01\n",
                "数の先頭に 0 は付けられません",
                "a number cannot start with 0",
            ),
            (
                "a = 0X1\n",
                "数の書き方が正しくありません",
                "invalid number",
            ),
            (
                "a = 1979-05-27X\n",
                "日付・時刻の書き方が正しくありません",
                "invalid date or time",
            ),
            (
                "a = 1979-13-01\n",
                "日付・時刻の書き方が正しくありません",
                "invalid date or time",
            ),
            (
                "a = 07:32:61\n",
                "日付・時刻の書き方が正しくありません",
                "invalid date or time",
            ),
            (
                "a = 1979-05-27T\n",
                "日付・時刻の書き方が正しくありません",
                "invalid date or time",
            ),
            (
                "a = tru\n",
                "真偽値は true か false で書きます",
                "a boolean is true or false",
            ),
            (
                "a = 1\na.b = 2\n",
                "すでに値がある表やキーに、ドット付きのキーで書き足すことはできません",
                "cannot add a dotted key to a value defined before",
            ),
        ] {
            assert_eq!(
                first_message(text),
                (ja.to_string(), en.to_string()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn descriptions_the_document_parser_does_not_raise_are_still_worded() {
        // toml_parser raises these from its key and value parsers and its comment decoder;
        // a whole-document parse has not been seen to give them, but a newer parser may
        for (d, ja, en) in [
            (
                "invalid string",
                "文字列の書き方が正しくありません",
                "invalid string",
            ),
            (
                "unexpected content",
                "ここに余分な文字があります",
                "unexpected text here",
            ),
            (
                "invalid key",
                "キーの書き方が正しくありません",
                "invalid key",
            ),
            (
                "invalid table",
                "表の見出しの書き方が正しくありません",
                "invalid table header",
            ),
            ("missing comment start", "「#」がありません", "missing '#'"),
        ] {
            let m = describe(d, None, d);
            assert_eq!((m.ja.as_str(), m.en.as_str()), (ja, en), "{d}");
        }
    }

    const QUOTE_OPEN: &str = "string delimited by left double quotation mark '“' (U+201C) instead of the straight double quote '\"'";
    const QUOTE_BOTH: &str = "string delimited by left double quotation mark '“' (U+201C) and right double quotation mark '”' (U+201D) instead of the straight double quote '\"'";

    /// The English messages of the load errors of `text`.
    fn messages(text: &str) -> Vec<String> {
        load_errors(text).into_iter().map(|e| e.3).collect()
    }

    #[test]
    fn each_full_width_equals_sign_is_its_own_mistake_of_one_character() {
        // 「＝」 is three bytes: at 6..9 on the first line and 15..18 on the second
        assert_eq!(
            places("title ＝ 1\nid ＝ 2\n")[..2],
            [("PC004", 6..9), ("PC004", 15..18)]
        );
    }

    #[test]
    fn a_curly_quote_left_open_ends_at_its_line_and_the_next_line_is_still_checked() {
        // the string “x is underlined up to the end of its line; the boolean typo on the
        // next line is reported too
        let text = "a = “x\nb = tru\n";
        assert_eq!(places(text), [("PC004", 4..8), ("PC004", 13..16)]);
        assert_eq!(messages(text), [QUOTE_OPEN, "a boolean is true or false"]);
        // the same with a backslash at the end of the line: it escapes nothing
        let text = "a = “x\\\nb = tru\n";
        assert_eq!(places(text), [("PC004", 4..9), ("PC004", 14..17)]);
        assert_eq!(messages(text), [QUOTE_OPEN, "a boolean is true or false"]);
    }

    #[test]
    fn a_backslash_in_a_curly_quoted_string_escapes_the_next_character() {
        // a Windows path: the closing ” is found after \計
        let text = "a = “資料\\計画”\n";
        assert_eq!(places(text), [("PC004", 4..23)]);
        assert_eq!(messages(text), [QUOTE_BOTH]);
        // an escaped straight quote does not close the string: the curly one does
        let text = "a = “x\\\"y”\n";
        assert_eq!(places(text)[0], ("PC004", 4..14));
        assert_eq!(messages(text)[0], QUOTE_BOTH);
    }

    #[test]
    fn two_strings_opened_curly_and_closed_straight_are_two_mistakes() {
        let text = "a = [“x\", “y\"]\n";
        assert_eq!(places(text)[..2], [("PC004", 5..10), ("PC004", 12..17)]);
    }

    #[test]
    fn an_empty_array_in_full_width_brackets_is_read_on_after_the_mistake() {
        // ［］ is patched to [], so the file is read and its unknown key reported as well
        assert_eq!(places("a = ［］\n"), [("PC004", 4..10), ("PC005", 0..1)]);
    }

    #[test]
    fn brackets_after_a_full_width_space_on_their_line_are_a_mistake_of_their_own() {
        let text = "a　= ［1］\n";
        assert_eq!(places(text)[..2], [("PC004", 1..4), ("PC004", 6..13)]);
        let m = messages(text);
        assert!(m[0].starts_with("full-width space"), "{m:?}");
        assert!(
            m[1].starts_with(
                "full-width left square bracket '［' (U+FF3B) and full-width right square bracket '］' (U+FF3D)"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn curly_single_quotes_ask_for_the_straight_single_quote() {
        let errors = load_errors("a = ‘x’\n");
        let (code, span, ja, en, help) = &errors[0];
        assert_eq!((*code, span.clone()), ("PC004", 4..11));
        assert_eq!(
            ja,
            "文字列が左一重引用符「‘」(U+2018)、右一重引用符「’」(U+2019) で囲まれています。TOML の文字列は半角の一重引用符「'」で囲みます"
        );
        assert_eq!(
            en,
            "string delimited by left single quotation mark '‘' (U+2018) and right single quotation mark '’' (U+2019) instead of the straight single quote '''"
        );
        assert!(help.starts_with("turn the Japanese input method off and type ''' again"));
    }

    #[test]
    fn a_key_in_full_width_letters_gets_its_half_width_form_and_no_other_key_does() {
        let general = "a key without quotes may hold only ASCII letters, digits, '-' and '_'";
        for (text, span, help) in [
            (
                "ａ＿ｂ = 1\n",
                0..9,
                "the key is typed in full-width letters: write `a_b`",
            ),
            // U+FE63 small hyphen-minus is '-' in NFKC
            (
                "ａ﹣ｂ = 1\n",
                0..9,
                "the key is typed in full-width letters: write `a-b`",
            ),
            // a no-break space pasted from a spreadsheet: nothing to write instead
            ("a\u{A0}b = 1\n", 1..3, general),
            // 「＠」 is '@' in half width, which no key may hold either
            ("ａ＠ = 1\n", 0..6, general),
        ] {
            let errors = load_errors(text);
            assert_eq!(errors[0].1, span, "{text:?}");
            assert_eq!(errors[0].4, help, "{text:?}");
        }
    }
}
