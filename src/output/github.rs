//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use super::{counts, position};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Lang;
use crate::plan::source::SourceFile;

/// Escapes a command's message (data): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(files: &[SourceFile], findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let p = position(files, &f.location);
        let mut props = vec![format!("file={}", escape_property(&p.file))];
        if let Location::Span { .. } = f.location {
            props.push(format!("line={}", p.line));
            props.push(format!("col={}", p.column));
            props.push(format!("endLine={}", p.end_line));
            props.push(format!("endColumn={}", p.end_column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", f.code, f.rule))
        ));
        let mut message = f.message.get(lang).to_string();
        if let Some(h) = &f.help {
            message.push('\n');
            message.push_str(h.get(lang));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    let (e, w, i) = counts(findings);
    out.push_str(&format!(
        "plancheck: {e} error(s), {w} warning(s), {i} info\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        // ':' and ',' stay in data
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }
}
