//! The cross-references of a document and the clauses they take in: "the obligations in clause
//! 6.2 apply to Customer" (read per sentence with its features), and a party's duty to implement
//! a term that stands for a schedule. Kept in the `Cache`: after an edit the references are
//! gathered again from the cached features, and which clause each one takes in is looked up
//! again only when they change (an edit changes clause texts, not clause numbers).

use super::features::SentenceFeatures;
use super::parties::Role;
use super::statements::Kind;
use super::terms::Terms;
use super::text::Sentence;
use crate::ingest::Document;

pub(crate) struct CrossRefs {
    /// (clause number, party) in the order of the text: each sentence's own references, then
    /// the duties that name a term standing for a schedule.
    refs: Vec<(String, Role)>,
    /// Per clause: the first reference that takes it in (index into `refs`).
    of_clause: Vec<Option<usize>>,
}

impl CrossRefs {
    pub(crate) fn read(
        doc: &Document,
        sentences: &[Sentence],
        feats: &[SentenceFeatures],
        schedules: &Terms<String>,
    ) -> CrossRefs {
        let refs = gather(doc, sentences, feats, schedules);
        let targets: Vec<Number> = refs.iter().map(|r| Number::target(&r.0)).collect();
        // (A lettered annex's own paragraph, "A.1" or "B3.1" under "Exhibit A", is taken in with
        // the annex, though its number does not repeat the annex's; parents come before their
        // clauses.)
        let mut of_clause: Vec<Option<usize>> = Vec::with_capacity(doc.clauses.len());
        for c in &doc.clauses {
            let own = first_containing(&targets, &c.number);
            let inherited = c
                .parent
                .filter(|_| crate::ingest::markers::is_lettered_paragraph(&c.number))
                .and_then(|p| of_clause.get(p as usize).copied().flatten());
            of_clause.push(own.or(inherited));
        }
        CrossRefs { refs, of_clause }
    }

    /// After an edit to the sentences or their features.
    pub(crate) fn update(
        &mut self,
        doc: &Document,
        sentences: &[Sentence],
        feats: &[SentenceFeatures],
        schedules: &Terms<String>,
    ) {
        let refs = gather(doc, sentences, feats, schedules);
        let same = refs.len() == self.refs.len()
            && refs.iter().zip(&self.refs).all(|(a, b)| a.0 == b.0)
            && self.of_clause.len() == doc.clauses.len();
        if same {
            self.refs = refs;
        } else {
            *self = CrossRefs::read(doc, sentences, feats, schedules);
        }
    }

    /// The first reference whose target takes in clause `clause` (an index), or else the clause
    /// numbered `number`.
    pub(crate) fn of(&self, clause: Option<usize>, number: &str) -> Option<&(String, Role)> {
        if self.refs.is_empty() {
            return None;
        }
        match clause.and_then(|c| self.of_clause.get(c)) {
            Some(k) => k.and_then(|k| self.refs.get(k)),
            None => {
                let targets: Vec<Number> = self.refs.iter().map(|r| Number::target(&r.0)).collect();
                first_containing(&targets, number).and_then(|k| self.refs.get(k))
            }
        }
    }
}

fn gather(
    doc: &Document,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
    schedules: &Terms<String>,
) -> Vec<(String, Role)> {
    let mut refs: Vec<(String, Role)> = feats
        .iter()
        .flat_map(|f| f.crossrefs.iter().cloned())
        .collect();
    refs.extend(item_references(doc, sentences, feats));
    refs.extend(term_references(&doc.text, sentences, feats, schedules));
    // "Provider supplies IP transit … as described in Exhibit A" where Exhibit A is the order
    // form: what was ordered, and its "Not ordered" lines, are no duties to take in.
    refs.retain(|(target, _)| {
        !doc.clauses.iter().any(|c| {
            c.number == *target
                && c.heading.as_deref().is_some_and(|h| {
                    static_re!(r"(?i)\border form\b|\bprice list\b|\bpricing\b|\bfees\b|订单|订购单|报价|价格|费用")
                        .is_some_and(|r| r.is_match(h))
                })
        })
    });
    refs
}

/// "5.1 The Customer shall: … (b) comply with clause 9.4;": a list item that only refers to a
/// clause gives the clause's duties to the party whose lead-in introduces the item (a duty of
/// one party, in a clause that contains the item's).
fn item_references(
    doc: &Document,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    let mut lead: Option<(usize, Role)> = None;
    for (s, f) in sentences.iter().zip(feats) {
        if f.lead_in {
            lead = f
                .statements
                .iter()
                .rev()
                .find(|x| x.kind == Kind::Duty)
                .and_then(|x| x.role)
                .filter(|r| matches!(r, Role::Provider | Role::Customer))
                .zip(s.clause_idx)
                .map(|(r, c)| (c, r));
            continue;
        }
        if let (Some((at, role)), Some(target), Some(c)) = (lead, &f.item_ref, s.clause_idx) {
            if doc.ancestors(c).any(|a| a == at) {
                out.push((target.clone(), role));
            }
        }
    }
    out
}

/// A party's duty to implement a term that stands for a schedule gives it the schedule's duties:
/// "Supplier shall implement and maintain the Security Measures" (defined as Schedule 2).
fn term_references(
    text: &str,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
    terms: &Terms<String>,
) -> Vec<(String, Role)> {
    let mut out: Vec<(String, Role)> = Vec::new();
    if terms.is_empty() {
        return out;
    }
    for (i, (s, f)) in sentences.iter().zip(feats).enumerate() {
        if s.definitional || f.qualified_ref {
            continue;
        }
        for &(k, at) in terms.named(i, s.text(text)).iter() {
            let Some((_, target)) = terms.list().get(k) else {
                continue;
            };
            // The party whose duty names the term (the statement part containing it).
            let role = f.statements.iter().find_map(|x| match (x.kind, x.role) {
                (Kind::Duty, Some(r @ (Role::Provider | Role::Customer)))
                    if x.start <= at && at < x.end.max(x.start + 1) =>
                {
                    Some(r)
                }
                _ => None,
            });
            if let Some(r) = role {
                if !out.iter().any(|(g, _)| g == target) {
                    out.push((target.clone(), r));
                }
            }
        }
    }
    out
}

/// A clause number as cross-references compare it: without 第, and the article it names — for a
/// clause, the arabic article its number opens with ("6" of "6.2(a)"); for a reference's target,
/// the article its Chinese numeral names ("第六条" → 6).
struct Number<'a> {
    number: &'a str,
    article: Option<u32>,
}

impl<'a> Number<'a> {
    fn clause(number: &'a str) -> Number<'a> {
        let number = number.trim_start_matches('第');
        Number {
            number,
            // (An article numbered "七、" is the article "第七条" names.)
            article: number
                .split(['.', '．', '(', '（', ' '])
                .next()
                .and_then(|k| k.parse::<u32>().ok())
                .or_else(|| {
                    crate::ingest::numbering::zh_numeral_value(number.trim_end_matches('条'))
                }),
        }
    }

    fn target(target: &'a str) -> Number<'a> {
        let number = target.trim_start_matches('第');
        Number {
            number,
            article: crate::ingest::numbering::zh_numeral_value(number.trim_end_matches('条')),
        }
    }

    /// Whether the clause numbered `n` is in the target: that clause ("6.2"), one under it
    /// ("6.2(a)" and "6.2.1" are in "6.2", "四（三）1" in "四（三）"), or a clause of the article a
    /// Chinese target names ("6.1" is in "第六条").
    fn contains(&self, n: &Number) -> bool {
        if n.article.is_some() && n.article == self.article {
            return true;
        }
        let (n, t) = (n.number, self.number);
        n == t
            || n.strip_prefix(t).is_some_and(|rest| {
                rest.starts_with(['(', '（', ' ', '条'])
                    || (rest.starts_with('.') && !t.is_empty())
                    || (t.ends_with(['）', ')']) && rest.starts_with(|c: char| c.is_ascii_digit()))
            })
    }
}

/// The clauses a reference names `target` ("第6.2条" → "6.2"): those so numbered, or, where
/// there is none, the article of a part ("Part A(8)", as the splitter names article 8 under
/// "PART A – GENERAL TERMS", for "clause 8"). (Not in general: a schedule's "Part A(1)" is not
/// the body's clause 1.)
pub(crate) fn clauses_named(doc: &Document, target: &str) -> Vec<usize> {
    let target = Number::target(target).number.trim_end_matches('条');
    let exact: Vec<usize> = (0..doc.clauses.len())
        .filter(|&c| Number::clause(&doc.clauses[c].number).number == target)
        .collect();
    if !exact.is_empty() || target.is_empty() || !target.chars().all(|c| c.is_ascii_digit()) {
        return exact;
    }
    (0..doc.clauses.len())
        .filter(|&c| part_article(&doc.clauses[c].number) == Some(target))
        .collect()
}

/// The sentences of the clauses a reference names `target` and of those under them ("标准条款第8.4条
/// 删除" takes in 8.4 and 8.4(a)).
pub(crate) fn sentences_named(doc: &Document, sentences: &[Sentence], target: &str) -> Vec<usize> {
    let named = clauses_named(doc, target);
    if named.is_empty() {
        return Vec::new();
    }
    (0..sentences.len())
        .filter(|&j| {
            sentences[j].clause_idx.is_some_and(|c| {
                std::iter::once(c)
                    .chain(doc.ancestors(c))
                    .any(|a| named.contains(&a))
            })
        })
        .collect()
}

/// The clauses a reference's target takes in: the clause it names and those under it ("第七条"
/// takes in "第七条", "7.1" and "7.1(a)").
pub(crate) fn clauses_within(doc: &Document, target: &str) -> Vec<usize> {
    let t = Number::target(target);
    (0..doc.clauses.len())
        .filter(|&c| t.contains(&Number::clause(&doc.clauses[c].number)))
        .collect()
}

/// The article number of a part's article: "8" of "Part A(8)".
fn part_article(number: &str) -> Option<&str> {
    number
        .strip_prefix("Part ")
        .and_then(|rest| rest.split_once('('))
        .and_then(|(_, inner)| inner.strip_suffix(')'))
        .filter(|inner| !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))
}

/// The first of `targets` that takes in the clause numbered `number`.
fn first_containing(targets: &[Number], number: &str) -> Option<usize> {
    let n = Number::clause(number);
    targets.iter().position(|t| t.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_numbers_contain_their_sub_items() {
        let in_clause =
            |number: &str, target: &str| Number::target(target).contains(&Number::clause(number));
        assert!(in_clause("6.2(a)", "6.2"));
        assert!(in_clause("6.2", "6.2"));
        assert!(!in_clause("6.21", "6.2"));
        assert!(in_clause("6.2.1", "6.2"));
        assert!(in_clause("6.1", "第六条"));
        assert!(in_clause("第六条（一）", "第六条"));
        assert!(!in_clause("16.1", "第六条"));
        assert!(in_clause("四（三）1", "四（三）"));
        assert!(!in_clause("四（三）", "四（三）1"));
        assert_eq!(part_article("Part A(8)"), Some("8"));
        assert_eq!(part_article("Part A(8)(a)"), None);
        assert_eq!(part_article("8"), None);
        // Of several references that take in a clause, the first counts.
        let targets = [
            Number::target("6"),
            Number::target("第六条"),
            Number::target("6.2"),
        ];
        assert_eq!(first_containing(&targets, "6.2(a)"), Some(0));
        assert_eq!(first_containing(&targets[1..], "6.2(a)"), Some(0));
        assert_eq!(first_containing(&targets[2..], "6.3"), None);
    }
}
