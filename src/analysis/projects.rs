//! Which project a finding belongs to: the extent of each project's own record in its file.
//! Shared by the review page and the human output, which both group findings by project.

use crate::analysis::walk;
use crate::finding::Location;
use crate::plan::model::Plan;
use crate::plan::source::FileId;

/// Where each project's record lies: (file, first byte, end byte, number), from the spans of
/// its fields (the same texts that give placeholders their project).
pub struct Extents(Vec<(FileId, usize, usize, i64)>);

impl Extents {
    pub fn new(plan: &Plan) -> Extents {
        let mut out: Vec<(FileId, usize, usize, i64)> = plan
            .projects
            .iter()
            .map(|p| {
                let (a, b) = (p.number.span(), p.name.span());
                (
                    p.file,
                    a.start.min(b.start),
                    a.end.max(b.end),
                    *p.number.get_ref(),
                )
            })
            .collect();
        for t in walk::texts(plan) {
            let Some(n) = t.project else { continue };
            // Only the project's own record: the summary table and the matrix name projects
            // too, but they are not on the project's pages.
            if t.section.page_of != Some(n) {
                continue;
            }
            if let Some(e) = out.iter_mut().find(|e| e.0 == t.file && e.3 == n) {
                e.1 = e.1.min(t.span.start);
                e.2 = e.2.max(t.span.end);
            }
        }
        Extents(out)
    }

    /// The project whose record holds `loc`, if any.
    pub fn project_of(&self, loc: &Location) -> Option<i64> {
        let Location::Span { file, span } = loc else {
            return None;
        };
        self.0
            .iter()
            .filter(|(f, start, end, _)| f == file && *start <= span.start && span.start < *end)
            .min_by_key(|(_, start, end, _)| end - start)
            .map(|e| e.3)
    }
}
