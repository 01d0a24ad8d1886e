//! A new draft from a contract template: the title, the preamble, one numbered article per
//! section (its title) with each library clause as a sub-clause, enumerated items of a clause
//! body ("（一）…", "(a) …") as numbered items under it, and the signature block. Placeholders
//! are filled from the values given, else the registry's default for the draft's language. The
//! clause text comes from the library, so a firm's edits to its clauses are what gets drafted.

use std::collections::HashMap;

use super::doc::{Block, DraftDoc};
use crate::ingest::markers::{self, Fam};
use crate::model::{ClauseContent, ContractTemplate, Lang, Variable};
use crate::placeholders;

/// The assembled document and the clause ids the library no longer has (left out).
#[derive(Debug, Clone)]
pub struct Assembled {
    pub doc: DraftDoc,
    pub missing: Vec<String>,
}

pub fn assemble(
    t: &ContractTemplate,
    lang: Lang,
    values: &HashMap<String, String>,
    registry: &[Variable],
    clause: impl Fn(&str) -> Option<ClauseContent>,
) -> Assembled {
    let fill = |s: &str| placeholders::fill(s, lang, values, registry);
    let mut out = vec![Block::heading(1, fill(t.title.get(lang)))];
    for line in lines(t.preamble.get(lang)) {
        out.push(Block::paragraph(fill(line)));
    }
    let mut missing = Vec::new();
    for section in &t.sections {
        out.push(Block::clause(1, None, fill(section.title.get(lang))));
        for id in &section.clauses {
            let Some(c) = clause(id) else {
                missing.push(id.clone());
                continue;
            };
            out.extend(clause_blocks(&c, lang, values, registry));
        }
    }
    for line in lines(t.signature.get(lang)) {
        out.push(Block::paragraph(fill(line)));
    }
    Assembled {
        doc: DraftDoc::new(out),
        missing,
    }
}

/// A library clause as draft blocks, placeholders filled: its first line a sub-clause (level 2),
/// enumerated items ("（一）…", "(a) …") numbered items under it (level 3), other lines paragraphs.
/// The editor inserts these at the cursor.
pub fn clause_blocks(
    c: &ClauseContent,
    lang: Lang,
    values: &HashMap<String, String>,
    registry: &[Variable],
) -> Vec<Block> {
    let mut out = Vec::new();
    for (k, line) in lines(c.body.get(lang)).enumerate() {
        let line = placeholders::fill(line, lang, values, registry);
        match (k, item(&line)) {
            // A body that opens with its first item gets the clause's title as its lead-in.
            (0, Some(rest)) => {
                out.push(Block::clause(
                    2,
                    None,
                    placeholders::fill(c.title.get(lang), lang, values, registry),
                ));
                out.push(Block::clause(3, None, rest));
            }
            (0, None) => out.push(Block::clause(2, None, line)),
            (_, Some(rest)) => out.push(Block::clause(3, None, rest)),
            (_, None) => out.push(Block::paragraph(line)),
        }
    }
    out
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The text after an enumeration marker "（一）", "(a)", "(i)", "(1)", if the line starts with one.
fn item(line: &str) -> Option<String> {
    let c: Vec<char> = line.chars().collect();
    let m = markers::parse_marker(&c, false)?;
    matches!(m.fam, Fam::Paren(_)).then(|| {
        c.get(m.rest..)
            .map(|r| r.iter().collect())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::doc::inline_plain;
    use crate::draft::numbers::clause_numbers;
    use crate::templates::{self, TemplateFiles};

    #[test]
    fn saas_template_assembles_in_both_languages_with_values_filled() {
        let set = templates::load(&TemplateFiles::builtin()).unwrap();
        let t = set
            .contracts
            .iter()
            .find(|t| t.id == "saas-subscription-agreement")
            .unwrap();
        let lookup = |id: &str| set.clause(id).map(|c| c.content.clone());
        let values = HashMap::from([(
            "customer_name".to_string(),
            "上海示例科技有限公司".to_string(),
        )]);
        let zh = assemble(t, Lang::Zh, &values, &set.variables, lookup);
        assert!(zh.missing.is_empty(), "{:?}", zh.missing);
        let text: Vec<String> = zh
            .doc
            .content
            .iter()
            .filter_map(|b| b.inlines().map(inline_plain))
            .collect();
        assert!(text.iter().any(|t| t.contains("上海示例科技有限公司")));
        assert!(
            !text.iter().any(|t| t.contains("{{")),
            "unfilled placeholder"
        );
        let numbers = clause_numbers(&zh.doc, Lang::Zh);
        assert_eq!(numbers[0], "第一条");
        assert!(numbers.contains(&"1.1".to_string()));
        assert!(
            numbers.contains(&"（一）".to_string()),
            "enumerated items become numbered items"
        );
        let en = assemble(t, Lang::En, &HashMap::new(), &set.variables, lookup);
        assert_eq!(clause_numbers(&en.doc, Lang::En)[0], "1.");
    }

    #[test]
    fn a_library_clause_becomes_a_sub_clause_with_numbered_items() {
        let set = templates::load(&TemplateFiles::builtin()).unwrap();
        let c = set
            .clauses
            .iter()
            .find(|c| c.content.body.zh.contains("（一）"))
            .unwrap();
        let values = HashMap::from([("provider".to_string(), "云峰".to_string())]);
        let blocks = clause_blocks(&c.content, Lang::Zh, &values, &set.variables);
        assert!(matches!(&blocks[0], Block::Clause { attrs, .. } if attrs.level == 2));
        assert!(blocks
            .iter()
            .any(|b| matches!(b, Block::Clause { attrs, .. } if attrs.level == 3)));
        let text: String = blocks
            .iter()
            .filter_map(|b| b.inlines().map(inline_plain))
            .collect();
        assert!(!text.contains("{{"), "{text}");
    }

    #[test]
    fn a_clause_gone_from_the_library_is_reported() {
        let set = templates::load(&TemplateFiles::builtin()).unwrap();
        let t = &set.contracts[0];
        let a = assemble(t, Lang::En, &HashMap::new(), &set.variables, |_| None);
        assert!(!a.missing.is_empty());
    }
}
