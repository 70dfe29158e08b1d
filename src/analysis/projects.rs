//! Which project a finding belongs to: the extent of each project's own record in its file.
//! Shared by the review page and the human output, which both group findings by project.

use crate::analysis::walk;
use crate::finding::Location;
use crate::plan::model::Plan;
use crate::plan::source::FileId;
use rustc_hash::FxHashMap as HashMap;

/// Where each project's record lies: per file, (first byte, end byte, number) in the order of
/// the plan's projects, from the spans of its fields (the same texts that give placeholders
/// their project). Kept by file, so that placing a finding looks at the projects of its file
/// only.
pub struct Extents(HashMap<FileId, Vec<(usize, usize, i64)>>);

impl Extents {
    pub fn new(plan: &Plan) -> Extents {
        let mut by_file: HashMap<FileId, Vec<(usize, usize, i64)>> = HashMap::default();
        // the first project of a number in a file, as a search in plan order finds it
        let mut first: HashMap<(FileId, i64), usize> = HashMap::default();
        for p in &plan.projects {
            let (a, b) = (p.number.span(), p.name.span());
            let number = *p.number.get_ref();
            let list = by_file.entry(p.file).or_default();
            first.entry((p.file, number)).or_insert(list.len());
            list.push((a.start.min(b.start), a.end.max(b.end), number));
        }
        // the project records' texts only, not a walk of the whole plan
        walk::each_project_text(plan, &mut |t| {
            let Some(n) = t.project else { return };
            // Only the project's own record: the summary table and the matrix name projects
            // too, but they are not on the project's pages.
            if t.section.page_of != Some(n) {
                return;
            }
            if let (Some(&i), Some(list)) = (first.get(&(t.file, n)), by_file.get_mut(&t.file))
                && let Some(e) = list.get_mut(i)
            {
                e.0 = e.0.min(t.span.start);
                e.1 = e.1.max(t.span.end);
            }
        });
        Extents(by_file)
    }

    /// The project whose record holds `loc`, if any.
    pub fn project_of(&self, loc: &Location) -> Option<i64> {
        let Location::Span { file, span } = loc else {
            return None;
        };
        self.0
            .get(file)?
            .iter()
            .filter(|(start, end, _)| *start <= span.start && span.start < *end)
            .min_by_key(|(start, end, _)| end - start)
            .map(|e| e.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: FileId, start: usize) -> Location {
        Location::Span {
            file,
            span: start..start + 1,
        }
    }

    #[test]
    fn a_place_belongs_to_the_innermost_record_holding_it_and_not_past_its_end() {
        // project 1's record [0, 100) holds project 2's [50, 60) (a repeated number's texts
        // stretch the first record of that number over the records between)
        let e = Extents(HashMap::from_iter([(0, vec![(0, 100, 1), (50, 60, 2)])]));
        assert_eq!(e.project_of(&at(0, 55)), Some(2), "the innermost record");
        assert_eq!(e.project_of(&at(0, 40)), Some(1));
        assert_eq!(
            e.project_of(&at(0, 60)),
            Some(1),
            "past project 2's last byte"
        );
        assert_eq!(
            e.project_of(&at(0, 100)),
            None,
            "past project 1's last byte"
        );
        assert_eq!(e.project_of(&at(1, 55)), None, "another file");
    }
}
