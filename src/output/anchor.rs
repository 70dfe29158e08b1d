//! Paths for the formats read by code hosts (SARIF, GitHub annotations): relative to a base
//! folder — the repository root, else the working directory — whatever form the plan folder
//! was given in; and the URIs SARIF needs. Pure string functions: the commands layer finds the
//! folders on disk and hands them over as an [`Anchor`].
//!
//! Paths here are `/`-separated. Windows paths (`C:\…`, `\\server\share\…`, `\\?\C:\…`) are
//! accepted as well, whatever system the program runs on.

/// Where the plan folder and the base folder are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The plan folder as the other outputs show it (the prefix of every path of an outcome).
    pub shown: String,
    /// The plan folder: absolute, symbolic links resolved.
    pub plan: String,
    /// The base folder (repository root or working directory): absolute, links resolved.
    pub base: String,
}

/// Where a shown path lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Inside the base: the path relative to it, `/`-separated (`.` for the base itself).
    InBase(String),
    /// Outside the base (or no base known): the absolute path, `/`-separated.
    Outside(String),
}

impl Anchor {
    /// Builds an anchor from the plan folder as shown and the two absolute folders (any
    /// separators; a Windows `\\?\` prefix is dropped).
    pub fn new(shown: &str, plan: &str, base: &str) -> Anchor {
        Anchor {
            shown: shown.to_string(),
            plan: normalize_absolute(plan),
            base: normalize_absolute(base),
        }
    }

    /// Where the shown path `path` (the plan folder as shown, joined with a path inside it)
    /// lies with respect to the base.
    pub fn place(&self, path: &str) -> Place {
        let absolute = match inside_shown(&self.shown, path) {
            Some(rel) => join(&self.plan, rel),
            // not a path of the outcome's files: taken as it is
            None if is_absolute(path) => normalize_absolute(path),
            None => return relative_place(path),
        };
        match strip_folder(&absolute, &self.base) {
            Some("") => Place::InBase(".".to_string()),
            Some(rel) => Place::InBase(rel.to_string()),
            None => Place::Outside(absolute),
        }
    }

    /// The base folder as a `file:` URI ending in `/` (for SARIF's `originalUriBaseIds`).
    pub fn base_uri(&self) -> String {
        let uri = file_uri(&self.base);
        if uri.ends_with('/') {
            uri
        } else {
            format!("{uri}/")
        }
    }
}

/// Where a shown path lies when no anchor is known: a relative path is taken as relative to
/// the base, an absolute one as outside it.
pub fn place_without_anchor(path: &str) -> Place {
    if is_absolute(path) {
        Place::Outside(normalize_absolute(path))
    } else {
        relative_place(path)
    }
}

fn relative_place(path: &str) -> Place {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    Place::InBase(if p.is_empty() { ".".into() } else { p.into() })
}

/// The part of `path` after the shown plan folder `shown`, or `None` when `path` is not
/// inside it.
fn inside_shown<'a>(shown: &str, path: &'a str) -> Option<&'a str> {
    let shown = shown.trim_end_matches(['/', '\\']).replace('\\', "/");
    if shown.is_empty() {
        // the plan folder is a root (`/`): paths are shown relative to it
        return (!is_absolute(path)).then_some(path);
    }
    if path == shown {
        return Some("");
    }
    path.strip_prefix(shown.as_str())?.strip_prefix('/')
}

/// `rel` (`/`-separated, possibly empty) below the absolute folder `folder`.
fn join(folder: &str, rel: &str) -> String {
    match (folder.ends_with('/'), rel.is_empty()) {
        (_, true) => folder.to_string(),
        (true, false) => format!("{folder}{rel}"),
        (false, false) => format!("{folder}/{rel}"),
    }
}

/// `path` relative to `folder` when it is the folder or below it (whole segments only).
fn strip_folder<'a>(path: &'a str, folder: &str) -> Option<&'a str> {
    let folder = folder.trim_end_matches('/');
    let rest = path.strip_prefix(folder)?;
    if rest.is_empty() {
        Some("")
    } else if folder.is_empty() || folder.ends_with(':') {
        // `/` or `C:/`: every absolute path on that root is below it
        rest.strip_prefix('/').or(Some(rest))
    } else {
        rest.strip_prefix('/')
    }
}

/// A drive-letter path: `C:`, `C:/…`, `C:\…`.
fn has_drive(path: &str) -> bool {
    let b = path.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b.len() == 2 || b[2] == b'/' || b[2] == b'\\')
}

/// Absolute on Unix or on Windows (`/…`, `\…`, `C:\…`, `\\server\share\…`).
pub fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || path.starts_with('\\') || has_drive(path)
}

/// An absolute path with `/` separators and without Windows' verbatim prefix (`\\?\C:\x` →
/// `C:/x`, `\\?\UNC\server\share` → `//server/share`).
pub fn normalize_absolute(path: &str) -> String {
    let p = path.replace('\\', "/");
    if let Some(rest) = p.strip_prefix("//?/UNC/") {
        format!("//{rest}")
    } else if let Some(rest) = p.strip_prefix("//?/") {
        rest.to_string()
    } else {
        p
    }
}

/// Percent-encodes a `/`-separated path for a URI (RFC 3986): every byte of its UTF-8 form
/// except the unreserved characters (`A–Z a–z 0–9 - . _ ~`) and `/`. Reserved characters are
/// encoded too, so that no consumer reads `:`, `+`, `#` or `?` as syntax.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `file:` URI of an absolute path (Unix or Windows form): `/srv/x` → `file:///srv/x`,
/// `C:\x` → `file:///C:/x`, `\\server\share\x` → `file://server/share/x`.
pub fn file_uri(path: &str) -> String {
    let p = normalize_absolute(path);
    if let Some(unc) = p.strip_prefix("//") {
        let (host, rest) = unc.split_once('/').unwrap_or((unc, ""));
        return format!("file://{}/{}", encode_path(host), encode_path(rest));
    }
    if has_drive(&p) {
        let (drive, rest) = p.split_at(2);
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        return format!("file:///{drive}/{}", encode_path(rest));
    }
    let rest = p.strip_prefix('/').unwrap_or(&p);
    format!("file:///{}", encode_path(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_keeps_slashes_and_unreserved_bytes_only() {
        for (path, encoded) in [
            ("plan/a-b_c.d~e.toml", "plan/a-b_c.d~e.toml"),
            ("plan/a b%c.toml", "plan/a%20b%25c.toml"),
            // 計画 is E8 A8 88 E7 94 BB in UTF-8
            ("計画/x.toml", "%E8%A8%88%E7%94%BB/x.toml"),
            ("a:b#c?d+e", "a%3Ab%23c%3Fd%2Be"),
        ] {
            assert_eq!(encode_path(path), encoded, "{path}");
        }
    }

    #[test]
    fn file_uris_of_unix_and_windows_paths() {
        for (path, uri) in [
            ("/srv/repo/plan", "file:///srv/repo/plan"),
            ("/", "file:///"),
            (
                r"C:\Users\田中\総合計画 2025\plan.toml",
                "file:///C:/Users/%E7%94%B0%E4%B8%AD/%E7%B7%8F%E5%90%88%E8%A8%88%E7%94%BB%202025/plan.toml",
            ),
            ("c:/x", "file:///c:/x"),
            (r"C:\", "file:///C:/"),
            (r"\\?\D:\work\plan", "file:///D:/work/plan"),
            (
                r"\\fileserver\企画課\plan",
                "file://fileserver/%E4%BC%81%E7%94%BB%E8%AA%B2/plan",
            ),
            (
                r"\\?\UNC\fileserver\share\plan",
                "file://fileserver/share/plan",
            ),
        ] {
            assert_eq!(file_uri(path), uri, "{path}");
        }
    }

    #[test]
    fn places_relative_to_the_base_whatever_form_the_folder_had() {
        let base = "/srv/repo";
        let forms = [
            Anchor::new("plan", "/srv/repo/plan", base),
            Anchor::new("./plan/", "/srv/repo/plan", base),
            Anchor::new("/srv/repo/plan", "/srv/repo/plan", base),
            Anchor::new("/tmp/link", "/srv/repo/plan", base),
            Anchor::new("../repo/plan", "/srv/repo/plan", base),
        ];
        for a in &forms {
            let shown = a.shown.trim_end_matches('/');
            assert_eq!(
                a.place(&format!("{shown}/projects/p1.toml")),
                Place::InBase("plan/projects/p1.toml".into()),
                "{a:?}"
            );
            assert_eq!(a.place(shown), Place::InBase("plan".into()), "{a:?}");
        }
        // the base itself, and a folder whose name only starts like the base
        let a = Anchor::new(".", "/srv/repo", base);
        assert_eq!(a.place("."), Place::InBase(".".into()));
        assert_eq!(a.place("./x.toml"), Place::InBase("x.toml".into()));
        let a = Anchor::new("p", "/srv/repository/p", base);
        assert_eq!(
            a.place("p/x.toml"),
            Place::Outside("/srv/repository/p/x.toml".into())
        );
        assert_eq!(
            Anchor::new("p", "/srv/p", "/").place("p/x"),
            Place::InBase("srv/p/x".into())
        );
    }

    /// A path that is not one of the plan folder's files is placed as it is: an absolute one
    /// relative to the base when inside it, a relative one as relative to the base.
    #[test]
    fn paths_outside_the_shown_folder_are_placed_as_they_are() {
        let a = Anchor::new("plan", "/srv/repo/plan", "/srv/repo");
        assert_eq!(
            a.place("/srv/repo/baseline.json"),
            Place::InBase("baseline.json".into())
        );
        assert_eq!(
            a.place("/elsewhere/x.toml"),
            Place::Outside("/elsewhere/x.toml".into())
        );
        assert_eq!(
            a.place("./other/x.toml"),
            Place::InBase("other/x.toml".into())
        );
    }

    /// A plan folder at the root (`/`) shows its files relative to it; an absolute path is
    /// none of them, and is placed as it is.
    #[test]
    fn a_plan_folder_at_the_root() {
        let a = Anchor::new("/", "/", "/");
        assert_eq!(a.place("plan.toml"), Place::InBase("plan.toml".into()));
        assert_eq!(a.place("/srv/x.toml"), Place::InBase("srv/x.toml".into()));
    }

    #[test]
    fn places_of_windows_folders() {
        let a = Anchor::new(
            r"C:\Users\tanaka\repo\plan",
            r"\\?\C:\Users\tanaka\repo\plan",
            r"\\?\C:\Users\tanaka\repo",
        );
        // the outcome shows the folder with `/` separators
        assert_eq!(
            a.place("C:/Users/tanaka/repo/plan/計画.toml"),
            Place::InBase("plan/計画.toml".into())
        );
        assert_eq!(a.base_uri(), "file:///C:/Users/tanaka/repo/");
        let outside = Anchor::new(r"D:\plan", r"D:\plan", r"C:\repo");
        assert_eq!(
            outside.place("D:/plan/x.toml"),
            Place::Outside("D:/plan/x.toml".into())
        );
        let root = Anchor::new(r"C:\plan", r"C:\plan", r"C:\");
        assert_eq!(
            root.place("C:/plan/x.toml"),
            Place::InBase("plan/x.toml".into())
        );
        assert_eq!(root.base_uri(), "file:///C:/");
    }

    #[test]
    fn without_an_anchor_relative_paths_stay_and_absolute_ones_are_outside() {
        assert_eq!(
            place_without_anchor("./plan/x.toml"),
            Place::InBase("plan/x.toml".into())
        );
        assert_eq!(
            place_without_anchor(r"C:\plan\x.toml"),
            Place::Outside("C:/plan/x.toml".into())
        );
        assert_eq!(
            place_without_anchor("/srv/plan"),
            Place::Outside("/srv/plan".into())
        );
        // a bare drive is absolute; a drive letter without a separator after it is not
        assert_eq!(place_without_anchor("C:"), Place::Outside("C:".into()));
        assert_eq!(
            place_without_anchor("C:plan"),
            Place::InBase("C:plan".into())
        );
    }
}
