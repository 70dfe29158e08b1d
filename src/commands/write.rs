//! Safe file writing for commands that write files (`--output`, `--write-baseline`, `init`).

use crate::i18n::Msg;
use crate::msg;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}", .0.en)]
    Refused(Msg),
    #[error("{}", .0.en)]
    Io(Msg),
}

impl WriteError {
    pub fn message(&self) -> &Msg {
        match self {
            WriteError::Refused(m) | WriteError::Io(m) => m,
        }
    }
}

fn absolute(p: &Path) -> PathBuf {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    // Canonicalise the deepest existing ancestor, keep the rest as written.
    let mut existing = p.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// The folder that holds `target` (`.` for a bare file name).
fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The error of a failed read or write while writing `target`.
fn cannot_write(target: &Path) -> impl Fn(std::io::Error) -> WriteError {
    let shown = target.display().to_string();
    move |e| {
        WriteError::Io(msg!(
            "書き出せません: {shown}（{e}）",
            "cannot write {shown} ({e})"
        ))
    }
}

/// Why `target` is not written: it lies inside the plan folder `folder`.
pub fn inside_plan_folder(target: &Path, folder: &Path) -> Msg {
    let (d, shown) = (folder.display().to_string(), target.display().to_string());
    msg!(
        "計画フォルダ {d} の中には書き出しません: {shown}",
        "refusing to write into the plan folder {d}: {shown}"
    )
}

/// Whether `target` lies inside `folder`.
pub fn is_inside(target: &Path, folder: &Path) -> bool {
    absolute(target).starts_with(absolute(folder))
}

/// Writes `bytes` to `target` atomically: a temporary file beside it, then a rename, so a
/// reader never sees a half-written file and a failure leaves nothing behind.
/// `forbidden`: a folder the target must not be in (the plan folder), if any.
pub fn write_atomic(
    target: &Path,
    bytes: &[u8],
    forbidden: Option<&Path>,
) -> Result<(), WriteError> {
    if let Some(dir) = forbidden
        && is_inside(target, dir)
    {
        return Err(WriteError::Refused(inside_plan_folder(target, dir)));
    }
    if target.is_dir() {
        let shown = target.display().to_string();
        return Err(WriteError::Refused(msg!(
            "フォルダには書き出せません: {shown}",
            "{shown} is a folder"
        )));
    }
    let parent = parent_of(target);
    let io = &cannot_write(target);
    let mut builder = tempfile::Builder::new();
    // A temporary file is created readable by its owner only; the output is for colleagues
    // too (a file share): keep an existing file's permissions, else the usual ones (umask).
    let permissions = match std::fs::metadata(target) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(0o666),
    };
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    let mut tmp = builder.tempfile_in(&parent).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(target).map_err(|e| io(e.error))?;
    Ok(())
}

/// Creates the folder `target` holding `files` (relative `/`-separated paths and contents) all
/// at once: the files are written into a temporary folder beside it, which is then renamed to
/// `target`, so a failure leaves nothing behind and no one sees a half-made folder. `target`
/// must not exist, or be an empty folder.
pub fn write_folder_atomic(target: &Path, files: &[(String, Vec<u8>)]) -> Result<(), WriteError> {
    let io = &cannot_write(target);
    let parent = parent_of(target);
    std::fs::create_dir_all(&parent).map_err(io)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plancheck-new-");
    if let Some(p) = default_permissions(0o777) {
        builder.permissions(p);
    }
    let tmp = builder.tempdir_in(&parent).map_err(io)?;
    for (rel, bytes) in files {
        let path = tmp.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut f = std::fs::File::create(&path).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    let was_folder = target.is_dir();
    if was_folder {
        // only an empty folder can be removed: anything put into it meanwhile stays
        std::fs::remove_dir(target).map_err(io)?;
    }
    if let Err(e) = std::fs::rename(tmp.path(), target) {
        if was_folder {
            let _ = std::fs::create_dir(target);
        }
        return Err(io(e));
    }
    // the folder has its final name now: nothing is left to clean up
    let _ = tmp.keep();
    Ok(())
}

/// Permissions of a new file (`0o666`) or folder (`0o777`): what any program's new file or
/// folder gets, read-write for everyone the umask allows.
#[cfg(unix)]
fn default_permissions(mode: u32) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn default_permissions(_mode: u32) -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_refuses_the_plan_folder_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        let inside = plan.join("sub").join("out.csv");
        assert!(matches!(
            write_atomic(&inside, b"x", Some(&plan)),
            Err(WriteError::Refused(_))
        ));
        assert!(!inside.exists());
        let outside = dir.path().join("out.csv");
        write_atomic(&outside, b"hello", Some(&plan)).unwrap();
        assert_eq!(std::fs::read(&outside).unwrap(), b"hello");
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 2, "no temporary file left behind");
        let missing_dir = dir.path().join("no").join("such").join("out.csv");
        assert!(matches!(
            write_atomic(&missing_dir, b"x", None),
            Err(WriteError::Io(_))
        ));
    }

    #[test]
    fn a_folder_is_made_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            ("a.toml".to_string(), b"x = 1\n".to_vec()),
            ("sub/b.toml".to_string(), b"y = 2\n".to_vec()),
        ];
        let target = dir.path().join("new");
        write_folder_atomic(&target, &files).unwrap();
        assert_eq!(
            std::fs::read(target.join("sub/b.toml")).unwrap(),
            b"y = 2\n"
        );
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "no temporary folder left behind");
        // a folder that is not empty is not replaced, and keeps what it holds
        let busy = dir.path().join("busy");
        std::fs::create_dir(&busy).unwrap();
        std::fs::write(busy.join("keep.txt"), b"keep").unwrap();
        assert!(matches!(
            write_folder_atomic(&busy, &files),
            Err(WriteError::Io(_))
        ));
        assert_eq!(std::fs::read(busy.join("keep.txt")).unwrap(), b"keep");
        assert!(!busy.join("a.toml").exists());
        let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 2, "no temporary folder left behind");
        // a parent that is a file: nothing can be made
        let file = dir.path().join("file");
        std::fs::write(&file, b"f").unwrap();
        assert!(write_folder_atomic(&file.join("new"), &files).is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"f");
    }

    #[test]
    fn the_plan_folder_is_refused_however_the_path_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir(&plan).unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        let roundabout = dir.path().join("x").join("..").join("plan");
        // the output named by a path through another folder
        let target = roundabout.join("out.csv");
        assert!(matches!(
            write_atomic(&target, b"x", Some(&plan)),
            Err(WriteError::Refused(_))
        ));
        // the plan folder named by such a path
        let target = plan.join("out.csv");
        assert!(matches!(
            write_atomic(&target, b"x", Some(&roundabout)),
            Err(WriteError::Refused(_))
        ));
        assert_eq!(
            std::fs::read_dir(&plan).unwrap().count(),
            0,
            "nothing written"
        );
    }

    #[test]
    fn a_folder_is_made_with_its_missing_parents() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("a.toml".to_string(), b"x = 1\n".to_vec())];
        let target = dir.path().join("new").join("deeper").join("plan");
        write_folder_atomic(&target, &files).unwrap();
        assert_eq!(std::fs::read(target.join("a.toml")).unwrap(), b"x = 1\n");
        let entries: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .collect();
        assert_eq!(entries.len(), 1, "no temporary folder left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_output_is_readable_by_others_and_an_existing_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("review.html");
        write_atomic(&new, b"<p>", None).unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        // The process umask may take write bits away, never the read bits for others
        // (umasks that remove them are not what an office runs with; 022 and 002 both keep
        // 0o044).
        assert_eq!(
            mode & 0o044,
            0o044,
            "mode {mode:o}: colleagues cannot read it"
        );
        let kept = dir.path().join("kept.csv");
        std::fs::write(&kept, b"old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new", None).unwrap();
        let mode = std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read(&kept).unwrap(), b"new");
    }
}
