//! Automatic clause numbers. A clause's number follows from its level and the clauses before it:
//! Chinese drafts print 第一条 / 1.1 / （一） / 1., English drafts 1. / 1.1 / (a) / (i). A clause
//! with a literal number (kept from an imported document) prints that and still counts, so
//! automatic clauses after it continue the sequence. The editor computes the same numbers
//! (`ui/src/editor/numbers.ts`); `tests/golden/numbering.json` holds shared cases both check.

use super::doc::{Block, DraftDoc};
use crate::ingest::numbering::{letters, roman, zh_numeral};
use crate::model::Lang;

/// The deepest clause level.
pub const MAX_LEVEL: u8 = 4;

/// Counts clauses by level as a document is walked.
#[derive(Debug, Default, Clone)]
pub struct Counter {
    counts: [u32; MAX_LEVEL as usize],
}

impl Counter {
    /// Counts one clause at `level` (clamped to 1..=4) and returns its automatic number.
    pub fn next(&mut self, level: u8, lang: Lang) -> String {
        let l = usize::from(level.clamp(1, MAX_LEVEL)) - 1;
        self.counts[l] = self.counts[l].saturating_add(1);
        for c in self.counts.iter_mut().skip(l + 1) {
            *c = 0;
        }
        format(&self.counts, l, lang)
    }
}

fn format(c: &[u32; MAX_LEVEL as usize], l: usize, lang: Lang) -> String {
    let n = c[l];
    match (lang, l) {
        (Lang::Zh, 0) => format!("第{}条", zh_numeral(n)),
        (Lang::En, 0) => format!("{n}."),
        (_, 1) if c[0] == 0 => format!("{n}."),
        (_, 1) => format!("{}.{n}", c[0]),
        (Lang::Zh, 2) => format!("（{}）", zh_numeral(n)),
        (Lang::En, 2) => format!("({})", letters(n, false)),
        (Lang::Zh, _) => format!("{n}."),
        (Lang::En, _) => format!("({})", roman(n).to_lowercase()),
    }
}

/// The printed number of each top-level clause of `doc`, in order (literal or automatic).
pub fn clause_numbers(doc: &DraftDoc, lang: Lang) -> Vec<String> {
    let mut counter = Counter::default();
    doc.content
        .iter()
        .filter_map(|b| match b {
            Block::Clause { attrs, .. } => {
                let auto = counter.next(attrs.level, lang);
                Some(attrs.number.clone().unwrap_or(auto))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(levels: &[(u8, Option<&str>)]) -> DraftDoc {
        DraftDoc::new(
            levels
                .iter()
                .map(|(l, n)| Block::clause(*l, n.map(String::from), "x"))
                .collect(),
        )
    }

    #[test]
    fn chinese_and_english_styles() {
        let d = doc(&[
            (1, None),
            (2, None),
            (3, None),
            (3, None),
            (4, None),
            (2, None),
            (1, None),
            (2, None),
        ]);
        assert_eq!(
            clause_numbers(&d, Lang::Zh),
            [
                "第一条",
                "1.1",
                "（一）",
                "（二）",
                "1.",
                "1.2",
                "第二条",
                "2.1"
            ]
        );
        assert_eq!(
            clause_numbers(&d, Lang::En),
            ["1.", "1.1", "(a)", "(b)", "(i)", "1.2", "2.", "2.1"]
        );
    }

    #[test]
    fn inserting_a_clause_renumbers_the_rest() {
        let before = doc(&[(1, None), (1, None), (2, None)]);
        let after = doc(&[(1, None), (1, None), (1, None), (2, None)]);
        assert_eq!(clause_numbers(&before, Lang::En), ["1.", "2.", "2.1"]);
        assert_eq!(clause_numbers(&after, Lang::En), ["1.", "2.", "3.", "3.1"]);
    }

    #[test]
    fn literal_numbers_print_as_imported_and_count() {
        let d = doc(&[
            (1, Some("Article 7")),
            (2, Some("7.1")),
            (2, None),
            (1, None),
        ]);
        assert_eq!(
            clause_numbers(&d, Lang::En),
            ["Article 7", "7.1", "1.2", "2."]
        );
    }

    #[test]
    fn tenth_and_later_articles_in_chinese() {
        let d = doc(&[(1, None); 21]);
        let n = clause_numbers(&d, Lang::Zh);
        assert_eq!(n[9], "第十条");
        assert_eq!(n[10], "第十一条");
        assert_eq!(n[19], "第二十条");
        assert_eq!(n[20], "第二十一条");
    }

    /// A golden case: its name, and each clause's level and printed number.
    type Case<'a> = (&'a str, Vec<(u8, Option<&'a str>)>);

    /// The cases `ui/src/editor/numbers.ts` must number the same way (checked by the UI tests).
    fn golden_cases() -> serde_json::Value {
        let deep: Vec<(u8, Option<&str>)> = (0..30)
            .map(|i| (if i % 7 == 0 { 1 } else { 2 + (i % 3) as u8 }, None))
            .collect();
        let many: Vec<(u8, Option<&str>)> = (0..120).map(|i| (1 + (i % 2) as u8, None)).collect();
        let items: Vec<(u8, Option<&str>)> = std::iter::once((1, None))
            .chain((0..30).map(|_| (3, None)))
            .chain((0..12).map(|_| (4, None)))
            .collect();
        let cases: Vec<Case> = vec![
            (
                "styles",
                vec![
                    (1, None),
                    (2, None),
                    (3, None),
                    (3, None),
                    (4, None),
                    (2, None),
                    (1, None),
                    (2, None),
                ],
            ),
            (
                "literal numbers count",
                vec![
                    (1, Some("Article 7")),
                    (2, Some("7.1")),
                    (2, None),
                    (1, None),
                    (3, Some("(z)")),
                    (3, None),
                ],
            ),
            (
                "no article above",
                vec![(2, None), (2, None), (3, None), (4, None), (1, None)],
            ),
            (
                "skipped levels",
                vec![
                    (1, None),
                    (4, None),
                    (4, None),
                    (3, None),
                    (2, None),
                    (4, None),
                ],
            ),
            (
                "out of range levels clamp",
                vec![(0, None), (9, None), (1, None)],
            ),
            ("deep", deep),
            ("many articles", many),
            ("many items", items),
        ];
        let mut out = Vec::new();
        for (name, levels) in cases {
            let d = doc(&levels);
            let clauses: Vec<serde_json::Value> = levels
                .iter()
                .map(|(l, n)| serde_json::json!({ "level": l, "number": n }))
                .collect();
            out.push(serde_json::json!({
                "name": name,
                "clauses": clauses,
                "zh": clause_numbers(&d, Lang::Zh),
                "en": clause_numbers(&d, Lang::En),
            }));
        }
        serde_json::json!({
            "comment": "Clause numbers by level (1-4) and literal number, in Chinese and English. Generated by crates/engine/src/draft/numbers.rs (UPDATE_GOLDEN=1 cargo test -p cloudclause-engine numbering_golden); checked by ui/tests/editor.test.mjs against ui/src/editor/numbers.ts.",
            "cases": out,
        })
    }

    #[test]
    fn numbering_golden_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/golden/numbering.json"
        );
        let fresh = format!(
            "{}\n",
            serde_json::to_string_pretty(&golden_cases()).unwrap()
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == fresh,
            "tests/golden/numbering.json is out of date; review and run UPDATE_GOLDEN=1 cargo test -p cloudclause-engine numbering_golden"
        );
    }
}
