//! From statements to allocations: per security item, who the text makes responsible, and the
//! gap against the reference model (shared/spec/analysis-json.md, "Gap rules").
//!
//! Rules (labelling-conventions.md): a named party beats a disclaimer; both parties with their
//! parts stated is shared with a split, 共同 / each party / a "Shared" row with empty role
//! columns is shared without one; rights allocate nothing; a cross-reference ("the obligations
//! in clause 6.2 apply to Customer") gives the passive duties of that clause to the party.

use std::collections::HashMap;

use super::crossrefs::CrossRefs;
use super::features::{refers_back, segment, SentenceFeatures};
use super::parties::{Mentions, Role};
use super::prefilter::Candidates;
use super::rules::{MatrixMarks, Modality, RegexList, Rules, TableWords};
use super::statements::{agent_is_third, Kind, Statement};
use super::terms::DocTerms;
use super::text::Sentence;
use super::{explain, Evidence, Found, Gap, Perspective, SecurityRow, Severity};
use crate::ingest::Document;
use crate::model::{Allocation, DeploymentModel, ReferenceModel, TopicKind};
use crate::templates::TemplateSet;
use regex::Regex;

/// A statement about one item, in one sentence.
#[derive(Debug, Clone)]
pub struct Claim {
    pub sentence: usize,
    pub role: Option<Role>,
    pub kind: Kind,
    pub hedged: bool,
    /// For a "Both" claim: whether the parts are stated (tables); `None` = not stated.
    pub split: Option<bool>,
}

/// What the analyzer read from the text, before comparing with the model.
pub struct Reading<'a> {
    text: &'a str,
    pub sentences: &'a [Sentence],
    feats: &'a [SentenceFeatures],
    /// Statements a cross-reference changed (the rest are the features' own).
    overrides: HashMap<usize, Vec<Statement>>,
    /// The claims per item id: `ids[k]` has `claims[k]`.
    ids: Vec<&'a str>,
    claims: Vec<Vec<Claim>>,
    pub statement_count: usize,
}

impl Reading<'_> {
    /// The claims about an item, in the order of the text.
    pub fn claims(&self, id: &str) -> &[Claim] {
        self.ids
            .iter()
            .position(|i| *i == id)
            .map_or(&[], |k| self.claims[k].as_slice())
    }

    /// The statements of sentence `i`, after cross-references.
    pub fn statements(&self, i: usize) -> &[Statement] {
        match self.overrides.get(&i) {
            Some(v) => v,
            None => self.feats.get(i).map_or(&[], |f| f.statements.as_slice()),
        }
    }

    /// The quoted evidence of some sentences (at most six, in the order given, no repeats).
    pub fn evidence(&self, sentences: impl IntoIterator<Item = usize>) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = Vec::new();
        for i in sentences {
            let Some(s) = self.sentences.get(i) else {
                continue;
            };
            let e = Evidence {
                clause: s.clause.clone(),
                start: s.cstart,
                end: s.cend,
                quote: self.text[s.start..s.end].to_string(),
            };
            if !out.contains(&e) {
                out.push(e);
            }
            if out.len() == 6 {
                break;
            }
        }
        out
    }
}

fn cells(row: &str) -> Vec<String> {
    row.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().trim_matches('*').trim().to_string())
        .collect()
}

/// A party column's cell that gives that party no part: "Customer has no responsibility for
/// …", "Customer must not attempt to …", "无", "乙方不负责…", "提供功能" (it only offers the feature).
fn no_part(c: &str, w: &TableWords) -> bool {
    w.no_part.is_match(c)
}

/// A cell that only names a party word or a mark and points at a clause ("Both – see clause 8.4",
/// "Yes – see clause 9.1", "双方（见第八条）").
fn only_refers(c: &str, w: &TableWords) -> bool {
    w.only_refers.is_match(c)
}

/// A cell that gives the row to someone other than the parties: "由基础云服务商负责运维".
fn by_other(c: &str, mentions: &Mentions) -> bool {
    c.trim()
        .strip_prefix('由')
        .is_some_and(|rest| agent_is_third(rest, |k| !mentions.find(&rest[..k]).is_empty()))
}

/// A cell that only points to a document outside the contract: "见《安全白皮书》", "See the
/// Security Whitepaper".
fn refers_to_document(c: &str, w: &TableWords) -> bool {
    w.outside_document.is_match(c)
}

fn empty_cell(c: &str) -> bool {
    let c = c.trim();
    // ("-", "—", "——", "－", "—/—": dashes and slashes alone.)
    c.chars()
        .all(|ch| matches!(ch, '-' | '–' | '—' | '―' | '－' | '/' | '／'))
        || matches!(c, "n/a" | "N/A" | "无" | "不适用" | "不涉及")
}

/// The header row of the table a row belongs to: the first of the contiguous `|` lines above.
/// Where the table a row belongs to starts, and its header row.
pub(crate) fn table_top(text: &str, row_start: usize) -> Option<(usize, Vec<String>)> {
    let mut header = None;
    let mut pos = text[..row_start].rfind('\n')?;
    loop {
        let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..pos];
        if !line.contains('|') {
            break;
        }
        if !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            header = Some((line_start, cells(line)));
        }
        if line_start == 0 {
            break;
        }
        pos = line_start - 1;
    }
    header
}

/// A table's legend of letter codes, in the lines just above it or just below it ("Legend:
/// R = Provider is responsible. C = Client is responsible. S = Shared", "“甲”表示甲方负责"):
/// each letter with the party its definition names (or both, for "shared").
fn legend(text: &str, top: usize, mentions: &Mentions, w: &TableWords) -> Vec<(String, Role)> {
    let Some(def) = static_re!(
        r#"(?:^|[\s(（"“‘'*])\**["“‘']?([A-Z]{1,2}|[甲乙共双])\**["”’']?\**(?:\s*[(（]([^)）\n]{1,30})[)）])?\s*(?:=|:|：|means|indicates|denotes|stands for|表示|指|代表)\s*\**([^.;。；\n|*]{1,80})"#
    ) else {
        return Vec::new();
    };
    let above_start = text[..top]
        .char_indices()
        .rev()
        .filter(|(_, c)| *c == '\n')
        // (A key may list a line per letter, "P (Provider): …", a few lines up.)
        .nth(8)
        .map_or(0, |(i, _)| i + 1);
    let after = text[top..]
        .split('\n')
        .map_while(|l| l.contains('|').then_some(l.len() + 1))
        .sum::<usize>();
    let below_start = (top + after).min(text.len());
    let below_end = text[below_start..]
        .char_indices()
        .filter(|(_, c)| *c == '\n')
        .nth(2)
        .map_or(text.len(), |(i, _)| below_start + i);
    let shared = &w.legend_shared;
    [&text[above_start..top], &text[below_start..below_end]]
        .into_iter()
        .flat_map(|t| def.captures_iter(t))
        .filter_map(|c| {
            // ("S (Shared): both Parties are responsible": the gloss in brackets counts too.)
            let meaning = &format!("{} {}", c.get(2).map_or("", |m| m.as_str()), &c[3]);
            let role = if shared.is_match(meaning) {
                Some(Role::Both)
            } else {
                mentions.find(meaning).first().map(|m| m.2)
            };
            role.map(|r| (c[1].to_string(), r))
        })
        .collect()
}

const SHARED_WORDS: [&str; 8] = [
    "shared",
    "both",
    "joint",
    "共担",
    "共同",
    "双方",
    "共同负责",
    "双方共同",
];

/// A cell that opens with a word for both parties and then glosses it in brackets or after a
/// colon ("双方（服务商：本服务程序的安全开发…；客户：其ERP系统…）", "Shared (see below)"): the
/// gloss, which may say whose part is what.
fn shared_gloss(cell: &str) -> Option<&str> {
    let c = cell.trim();
    SHARED_WORDS.iter().find_map(|w| {
        let head = c.get(..w.len())?;
        let rest = c.get(w.len()..)?.trim_start();
        (head.eq_ignore_ascii_case(w) && rest.starts_with(['（', '(', '：', ':', '—', '-']))
            .then_some(rest)
    })
}

fn role_word(cell: &str, mentions: &Mentions) -> Option<Role> {
    let c = cell.trim().to_lowercase();
    if SHARED_WORDS.contains(&c.as_str()) || shared_gloss(cell).is_some() {
        return Some(Role::Both);
    }
    let found = mentions.find(cell);
    match found.as_slice() {
        [(s, e, r)] if *s == 0 && *e >= cell.trim().len().saturating_sub(2) => Some(*r),
        // "AN / AG", "Provider & Customer", "甲方、乙方": both parties and nothing else.
        [(s1, e1, r1), (s2, e2, r2)]
            if *s1 == cell.len() - cell.trim_start().len()
                && *e2 >= cell.trim_end().len().saturating_sub(1)
                && [*r1, *r2].contains(&Role::Provider)
                && [*r1, *r2].contains(&Role::Customer)
                && cell.get(*e1..*s2).is_some_and(|between| {
                    matches!(
                        between.trim(),
                        "/" | "&" | "+" | "," | "and" | "、" | "和" | "与" | "及" | "，" | "／"
                    )
                }) =>
        {
            Some(Role::Both)
        }
        _ => None,
    }
}

/// Whether a text (a row's other cells, its notes) names both the provider and the customer.
fn names_both(text: &str, mentions: &Mentions) -> bool {
    let named: Vec<Role> = mentions.find(text).into_iter().map(|m| m.2).collect();
    named.contains(&Role::Provider) && named.contains(&Role::Customer)
}

/// A row of a signature block laid out as a table ("## 签署确认 | 我方 | 贵方 |", "| Signature |
/// … |"): it names the parties, not who does what.
/// (`table` is the row's `table_top`.)
pub(crate) fn signing_row(
    text: &str,
    s: &Sentence,
    table: &(usize, Vec<String>),
    w: &TableWords,
) -> bool {
    let (top, header) = (table.0, &table.1);
    // (In a row or its header only the words of signing itself; a heading may say more.)
    let signing = &w.signing;
    let heading = &w.signing_heading;
    signing.is_match(s.text(text))
        || header.iter().any(|h| signing.is_match(h))
        // (The heading over the table: "## 签署确认", "Signatures".)
        || line_above(text, top, 120).is_some_and(|l| l.chars().count() <= 30 && heading.is_match(l))
}

/// A table of contacts or of an escalation path ("## 附件八 联系人及升级路径", "| Matter | Customer
/// contact | Provider contact | Escalation |"): its party columns name people to call, not who
/// does what.
/// (`table` is the row's `table_top`.)
pub(crate) fn contacts_table(text: &str, table: &(usize, Vec<String>), w: &TableWords) -> bool {
    let (top, header) = (table.0, &table.1);
    let assigns = header.iter().any(|h| w.duty_words.is_match(h));
    (!assigns
        && header
            .iter()
            .any(|h| h.trim().chars().count() <= 24 && names_contacts(h, w)))
        || line_above(text, top, 200)
            .is_some_and(|l| l.chars().count() <= 40 && names_contacts(l, w))
}

/// A table that describes the entrusted processing ("| 处理目的 | 个人信息种类 | 涉及的个人 | 处理方式 |
/// 保存期限 |", "| Purpose | Categories of data | …"): its rows say what is processed and why,
/// not who secures what (unless a column is about measures or duties).
pub(crate) fn processing_inventory(table: &(usize, Vec<String>), w: &TableWords) -> bool {
    let header = &table.1;
    let has = |l: &RegexList| header.iter().any(|h| l.is_match(h.trim()));
    has(&w.inventory_purpose)
        && has(&w.inventory_categories)
        && !header
            .iter()
            .any(|h| w.duty_words.is_match(h) || w.inventory_measures.is_match(h))
}

/// A heading, header or label about whom to call, not who is responsible ("Contacts", "安全联系人",
/// "升级路径").
fn names_contacts(l: &str, w: &TableWords) -> bool {
    w.contacts.is_match(l) && !w.duty_words.is_match(l)
}

/// A row that names a contact person ("| Backup billing contact | J. Lammers | – |", "| 安全联系人
/// | 张三 |"): whom to call, not who is responsible.
pub(crate) fn contact_row(row: &str, w: &TableWords) -> bool {
    cells(row)
        .into_iter()
        .find(|c| !c.trim().is_empty() && !c.trim().chars().all(|ch| ch.is_ascii_digit()))
        .is_some_and(|first| first.trim().chars().count() <= 40 && names_contacts(first.trim(), w))
}

/// An order form's line for an option not taken ("| DDoS Shield | Not ordered |", "| 异地备份 |
/// 未订购 |"): nothing is supplied, so nobody's duty.
pub(crate) fn not_ordered_row(row: &str, w: &TableWords) -> bool {
    cells(row).iter().any(|c| w.not_ordered.is_match(c.trim()))
}

/// The last non-blank line in the `window` bytes before `top` (a table's heading), trimmed.
fn line_above(text: &str, top: usize, window: usize) -> Option<&str> {
    window_above(text, top, window)
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
}

/// The text in the `window` bytes before `top` (from the first whole character).
fn window_above(text: &str, top: usize, window: usize) -> &str {
    let mut from = top.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..top).unwrap_or("")
}

/// Whether a table lists sub-processors or subcontractors ("## 附件三 分受托方及境外接收方清单",
/// "| Subcontractor | Service | Location | Data |"): what its rows say a listed company does is
/// that company's work, no party's duty (though the list speaks to subcontracting).
pub(crate) fn sub_processor_list(text: &str, table: &(usize, Vec<String>), w: &TableWords) -> bool {
    let (top, header) = (table.0, &table.1);
    let listed = &w.sub_processors;
    let named = header.iter().any(|h| {
        let h = h.trim();
        listed.is_match(h) && h.chars().count() <= 24
    });
    let located = header.iter().any(|h| w.locations.is_match(h));
    let heading = line_above(text, top, 200).is_some_and(|l| {
        l.chars().count() <= 40 && listed.is_match(l) && !w.duty_words.is_match(l)
    });
    heading || (named && located)
}

/// Reads a responsibility-table row: the party column, or R marks under party columns.
/// (`table` is the row's `table_top`.)
pub(crate) fn table_claim(
    text: &str,
    s: &Sentence,
    table: &(usize, Vec<String>),
    mentions: &Mentions,
    rules: &Rules,
) -> Option<(Option<Role>, Option<bool>)> {
    let row = cells(s.text(text));
    let (top, header) = (table.0, &table.1);
    // Letter codes the table's legend defines ("R = Provider is responsible", "S = Shared").
    // (Read only where a cell could be one: a letter or two, not on every row of every table.)
    let could_be_code = |c: &String| (1..=2).contains(&c.trim().chars().count());
    let codes = if !header.is_empty() && row.iter().skip(1).any(could_be_code) {
        legend(text, top, mentions, &rules.table_words)
    } else {
        Vec::new()
    };
    let coded = |c: &str| codes.iter().find(|(k, _)| k == c.trim()).map(|x| x.1);
    if let Some((i, role)) = row
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, c)| coded(c).map(|r| (i, r)))
    {
        if role != Role::Both {
            return Some((Some(role), None));
        }
        // Shared: split where the row's other cells say which part is whose, naming both.
        let others: String = row
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != i && *k > 0)
            .map(|(_, c)| c.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Some((Some(Role::Both), Some(names_both(&others, mentions))));
    }
    // A "Responsible" column, or any cell that is only a party word (not under "发起方": who
    // starts a maintenance operation is not who answers for the layer).
    let trigger = |i: usize| {
        header.get(i).is_some_and(|h| {
            rules
                .marks
                .trigger_column
                .iter()
                .any(|r| r.is_match(h.trim()))
        })
    };
    // A supporting column the legend says bears no responsibility ("“配合”指仅…提供信息、权限或者
    // 技术协助的一方，配合方不因其配合行为而承担主责方的责任"): who is named there takes no part.
    // (A supporting column's header or mark: "配合", "协助方", "Supporting".)
    let supporting = |h: &str| {
        let h = h.trim().trim_end_matches(['方', ' ']);
        rules.marks.supporting.iter().any(|r| r.is_match(h))
    };
    // (Whether the legend says the supporting side bears no responsibility: read once per row,
    // and only where a supporting header, mark or cell asks for it.)
    let helper_legend = std::cell::OnceCell::new();
    let legend_says_helper_only =
        || *helper_legend.get_or_init(|| helper_only(text, top, &rules.table_words));
    let assists_only = header.iter().any(|h| supporting(h)) && legend_says_helper_only();
    // A party cell whose mark gives that party no part.
    let no_mark = |c: &str| {
        let c = c.trim();
        let is = |list: &[Regex]| list.iter().any(|r| r.is_match(c));
        is(&rules.marks.none) || is(&rules.marks.supporting) && legend_says_helper_only()
    };
    for (i, c) in row.iter().enumerate().skip(1) {
        if trigger(i) || assists_only && header.get(i).is_some_and(|h| supporting(h)) {
            continue;
        }
        if let Some(role) = role_word(c, mentions) {
            if role == Role::Both {
                // Columns headed by a party ("供应商职责 | 使用单位职责"): both filled is a split.
                // ("| Data in transit | Shared | Shared | Both parties share … |": a party cell
                // that is only a word describes no part; the other cells may name both.)
                let (p, c) = party_cells(header, &row, mentions, &no_mark, &rules.table_words);
                if p.is_some() || c.is_some() {
                    let cols = party_columns(header, &row, mentions);
                    // (A tick or "Primary" under a party says it takes part, not which part.)
                    // (Nor does a cell that only points at a clause: "Both – see clause 8.4"; the
                    // clause itself says whether it divides the work.)
                    let says = |r: Role| {
                        cols.iter().any(|(x, c)| {
                            *x == r
                                && !empty_cell(c)
                                && !no_part(c, &rules.table_words)
                                && !rules.marks.is_mark(c)
                                && role_word(c, mentions).is_none()
                                && !only_refers(c, &rules.table_words)
                        })
                    };
                    // (Nor do the same words in both columns: "双方共同负责…账号…的安全管理" twice.)
                    let same = same_words(&cols);
                    let split = match (says(Role::Provider), says(Role::Customer)) {
                        (true, true) => !same,
                        (false, false) => {
                            let others: Vec<&str> = row
                                .iter()
                                .skip(1)
                                .filter(|c| role_word(c, mentions).is_none())
                                .map(String::as_str)
                                .collect();
                            names_both(&others.join(" "), mentions)
                        }
                        _ => false,
                    };
                    return Some((Some(Role::Both), Some(split)));
                }
                let parts = row.iter().skip(i + 1).filter(|x| !empty_cell(x)).count();
                // ("| Transfer control | AN: TLS for the portal … AG: encryption of its own
                // connections | AN / AG |": the measures say whose they are, each under its
                // party's label.)
                // (Or in the party cell's own gloss: "双方（服务商：…；客户：…）".)
                let labelled = |r: Role| {
                    row.iter().enumerate().any(|(k, c)| {
                        let c = if k == i {
                            shared_gloss(c).unwrap_or("")
                        } else {
                            c
                        };
                        mentions.labels(c).iter().any(|x| x.1 == r)
                    })
                };
                return Some((
                    Some(Role::Both),
                    Some(parts >= 2 || labelled(Role::Provider) && labelled(Role::Customer)),
                ));
            }
            // "| Ref | Area | Lead | Support | Responsibilities |" with "Supplier | Buyer": the
            // other party in the supporting column takes part too; the split is stated where the
            // row describes that part ("… Support: keep the Buyer's own network secure …").
            let support = header.iter().enumerate().find(|&(j, h)| {
                !assists_only
                    && j != i
                    && supporting(h)
                    && row
                        .get(j)
                        .and_then(|x| role_word(x, mentions))
                        .is_some_and(|r| r != role && r != Role::Both)
            });
            if let Some((j, h)) = support {
                let others: String = row
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != i && *k != j && *k > 0)
                    .map(|(_, c)| c.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let label = format!("{}:", h.trim().to_lowercase());
                let split = names_both(&others, mentions)
                    || others.to_lowercase().contains(&label)
                    || others.contains(&format!("{}：", h.trim()));
                return Some((Some(Role::Both), Some(split)));
            }
            // "| 数据存储安全 | … | 乙方 | 仅限云端…；院内终端及前置机本地缓存的数据由甲方负责 |": the notes
            // give the other party its own part of the row.
            let other_part = header.iter().enumerate().any(|(j, h)| {
                j != i
                    && rules.marks.notes.iter().any(|r| r.is_match(h.trim()))
                    && row.get(j).is_some_and(|cell| {
                        mentions.find(cell).iter().any(|&(_, end, r)| {
                            r != role
                                && r != Role::Both
                                && cell.get(end..).is_some_and(|after| {
                                    let after: String = after.chars().take(8).collect();
                                    ["负责", "承担", "is responsible", "are responsible"]
                                        .iter()
                                        .any(|w| after.contains(w))
                                })
                        })
                    })
            });
            if other_part {
                return Some((Some(Role::Both), Some(true)));
            }
            return Some((Some(role), None));
        }
    }
    // RACI: columns headed by a party, R in the cell.
    let mut provider = false;
    let mut customer = false;
    // Cells that describe the party's part after its mark ("R – secures the underlay …").
    let mut described = 0;
    for (i, h) in header.iter().enumerate() {
        let Some(cell) = row.get(i) else { continue };
        let marked = cell
            .split(['/', ',', '，', ' '])
            .any(|x| x.trim().eq_ignore_ascii_case("R"));
        if !marked {
            continue;
        }
        match mentions.header_role(h) {
            Some(Role::Provider) => provider = true,
            Some(Role::Customer) => customer = true,
            _ => continue,
        }
        let words = cell
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !["R", "A", "C", "I"].contains(w))
            .count();
        if words >= 3 || cell.chars().filter(|c| crate::search::is_cjk(*c)).count() >= 4 {
            described += 1;
        }
    }
    // Both R: a split where each party's cell describes its own part, or where the activity
    // text says which part is whose, naming both.
    let activity: String = row
        .iter()
        .filter(|c| {
            !c.split(['/', ',', ' '])
                .all(|x| ["R", "A", "C", "I", ""].contains(&x.trim()))
        })
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let split = described >= 2 || names_both(&activity, mentions);
    match (provider, customer) {
        // Both R for one undivided activity says nothing of who does what (convention 17).
        (true, true) => Some((Some(Role::Both), Some(split))),
        (true, false) => Some((Some(Role::Provider), None)),
        (false, true) => Some((Some(Role::Customer), None)),
        // "| Hosting facilities | Cloud Host | See paragraph 3 of Part B | – |": the column that
        // says who is responsible names someone else, whatever the party columns point to.
        _ if responsible_is_other(header, &row, mentions, &rules.marks, &rules.table_words) => {
            Some((None, None))
        }
        // (The legend is looked for only where a cell holds a supporting mark: a far legend means
        // a search of the text above.)
        _ => match marked_parts(
            header,
            &row,
            mentions,
            &rules.marks,
            &rules.table_words,
            row.iter().any(|c| supporting(c)) && legend_says_helper_only(),
        ) {
            Some(marked) => marked,
            None => described_parts(header, &row, mentions, &no_mark, &rules.table_words),
        },
    }
}

/// Where the recitals stand: from a "BACKGROUND" / "RECITALS" / "WHEREAS" heading to the words
/// that open the operative part ("IT IS AGREED", "NOW, THEREFORE").
fn recitals(text: &str, rules: &Rules) -> Option<(usize, usize)> {
    let (open, close) = (&rules.recitals_open, &rules.recitals_close);
    // (Recitals open a contract: only its head is read, on every re-analysis too.)
    let mut head = text.len().min(20_000);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let a = open.find(&text[..head])?;
    let b = close.find(&text[a.end()..])?;
    // (Only a short run of recitals: a heading far from its close is something else.)
    (b.start() <= 6000).then(|| (a.end(), a.end() + b.start()))
}

/// Whether the row's "Responsible" / "责任方" cell names neither party (nor both, nor a mark):
/// "Cloud Host", "设备供应商".
fn responsible_is_other(
    header: &[String],
    row: &[String],
    mentions: &Mentions,
    marks: &MatrixMarks,
    w: &TableWords,
) -> bool {
    let responsible = &w.responsible_header;
    header.iter().zip(row).any(|(h, c)| {
        responsible.is_match(h.trim())
            && !empty_cell(c)
            && mentions.find(c).is_empty()
            && role_word(c, mentions).is_none()
            && !marks.is_mark(c)
            && !only_refers(c, w)
    })
}

/// Columns headed by the parties holding marks ("| Control | Provider | Customer | Notes |" with
/// Primary / Supporting / N/A, ●/○, Yes/No): a primary mark is that party's part; a supporting
/// mark is one only where the notes name that party; both parts are split where the notes name
/// both or give the supporting side its part. `None` unless every filled party cell is a mark;
/// `Some(None)` when the marks give neither party a part ("I", "N/A", "Supporting").
fn marked_parts(
    header: &[String],
    row: &[String],
    mentions: &Mentions,
    marks: &MatrixMarks,
    w: &TableWords,
    helper_only: bool,
) -> Option<Option<(Option<Role>, Option<bool>)>> {
    let is = |list: &[Regex], c: &str| list.iter().any(|r| r.is_match(c.trim()));
    // (And a column headed by both, "| 安全事项 | 乙方 | 甲方 | 双方 | 说明 |": its mark is a part
    // for each.)
    // (And a control matrix's "| Inherited | Shared | Customer |": the columns that stand for a
    // party without naming one.)
    let mut cols = party_columns(header, row, mentions);
    for (h, c) in header.iter().zip(row) {
        let h = h.trim();
        if is(&marks.provider_column, h) {
            cols.push((Role::Provider, c.as_str()));
        } else if is(&marks.shared_column, h) || mentions.header_role(h) == Some(Role::Both) {
            cols.push((Role::Both, c.as_str()));
        }
    }
    let filled: Vec<&(Role, &str)> = cols.iter().filter(|(_, c)| !empty_cell(c)).collect();
    if filled.is_empty() || !filled.iter().all(|(_, c)| marks.is_mark(c)) {
        return None;
    }
    let notes: String = header
        .iter()
        .zip(row)
        .filter(|(h, _)| is(&marks.notes, h))
        .map(|(_, c)| c.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let in_notes = mentions.find(&notes);
    // (A party the notes name as the one served is no part of it: "向乙方开放…日志的查询",
    // "reports to the Customer".)
    let served = |s: usize| {
        let before = notes[..s].trim_end();
        ["向", "为", "给", "供"].iter().any(|w| before.ends_with(w))
            || [" to the", " for the", " to", " for"]
                .iter()
                .any(|w| before.to_ascii_lowercase().ends_with(w))
    };
    let named: Vec<Role> = in_notes
        .iter()
        .filter(|m| !served(m.0))
        .map(|m| m.2)
        .collect();
    // (Where the legend says the supporting side bears no responsibility for the row, its mark
    // is a part only if the notes make it responsible: "采购方应用的安全由采购方负责", not
    // "采购人提供…所需的信息".)
    let answers = |r: &Role| {
        in_notes.iter().any(|&(_, e, m)| {
            let rest: String = notes[e..]
                .chars()
                .take_while(|c| !"；;。.".contains(*c))
                .take(30)
                .collect();
            m == *r && w.cell_duty.is_match(&rest)
        })
    };
    let supports = |r: &Role, c: &str| {
        is(&marks.supporting, c) && named.contains(r) && (!helper_only || answers(r))
    };
    let part = |role: Role| {
        filled.iter().any(|(r, c)| {
            (*r == role && (is(&marks.primary, c) || supports(r, c)))
                || (*r == Role::Both && is(&marks.primary, c))
        })
    };
    // Split: the notes name both, or one side's part is only what the notes give it.
    let supporting_part = filled
        .iter()
        .any(|(r, c)| !is(&marks.primary, c) && supports(r, c));
    // (Not notes that only say the row is joint: "Audit and accountability responsibilities are
    // shared between Contractor and the Department", "双方相互配合".)
    let joint = w.joint_notes.is_match(&notes);
    let split = supporting_part
        || (named.contains(&Role::Provider) && named.contains(&Role::Customer) && !joint);
    Some(match (part(Role::Provider), part(Role::Customer)) {
        (true, true) => Some((Some(Role::Both), Some(split))),
        (true, false) => Some((Some(Role::Provider), None)),
        (false, true) => Some((Some(Role::Customer), None)),
        (false, false) => None,
    })
}

/// Whether the legend above a matrix says that its supporting mark bears no responsibility
/// ("○"表示配合（仅提供必要的信息…，不承担该项安全责任）, "○ = assists; not responsible").
fn helper_only(text: &str, top: usize, w: &TableWords) -> bool {
    let above = window_above(text, top, 600);
    let legend = &w.helper_legend;
    legend.is_match(above)
        // (Or a clause earlier in the contract that defines the marks for an annexed matrix:
        // "标注“参与”的一方按照负责方的要求提供配合、审批或者必要信息".)
        || text.get(..top).and_then(|t| t.rfind("负责方")).is_some_and(|k| {
            let line_start = text[..k].rfind('\n').map_or(0, |x| x + 1);
            let line_end = text[k..].find('\n').map_or(text.len(), |x| k + x);
            legend.is_match(&text[line_start..line_end])
        })
}

/// Columns headed by the parties whose cells describe each one's part ("| Area | Supplier |
/// Customer |"): a filled cell is that party's duty; both filled is shared with the split stated.
fn described_parts(
    header: &[String],
    row: &[String],
    mentions: &Mentions,
    no_mark: &dyn Fn(&str) -> bool,
    w: &TableWords,
) -> Option<(Option<Role>, Option<bool>)> {
    // (A table with one party's column, "| Control area | Provider obligation |", lists that
    // party's parts.)
    let (provider, customer) = party_cells(header, row, mentions, no_mark, w);
    // ("| Network security | Both – see clause 8.4 | Both – see clause 8.4 |": both take part; the
    // cells do not say which part is whose.)
    // (Nor do the same words under both: "| 平台操作日志 | 按附件三执行 | 按附件三执行 |".)
    let cols = party_columns(header, row, mentions);
    let described = !same_words(&cols)
        && cols
            .iter()
            .any(|(_, c)| !empty_cell(c) && !only_refers(c, w));
    match (provider, customer) {
        (Some(true), Some(true)) => Some((Some(Role::Both), Some(described))),
        (Some(true), _) => Some((Some(Role::Provider), None)),
        (_, Some(true)) => Some((Some(Role::Customer), None)),
        _ => None,
    }
}

/// For the columns headed by the provider and by the customer: whether the row fills any of
/// them (`None`: the table has no column headed by that party).
fn party_cells(
    header: &[String],
    row: &[String],
    mentions: &Mentions,
    no_mark: &dyn Fn(&str) -> bool,
    w: &TableWords,
) -> (Option<bool>, Option<bool>) {
    let mut provider = None;
    let mut customer = None;
    for (role, c) in party_columns(header, row, mentions) {
        let slot = match role {
            Role::Provider => &mut provider,
            _ => &mut customer,
        };
        // A cell saying that party has no part, or only what it must not do, fills nothing; nor
        // does one that only points to a document the contract does not reproduce ("见《安全白皮书》").
        // (Nor a mark that gives no part: "×", or "○" where the legend says "“○”表示该方对该事项
        // 不承担安全责任", beside the other side's "●：加密存储、密钥管理…".)
        let filled = !empty_cell(c)
            && !no_part(c, w)
            && !refers_to_document(c, w)
            && !by_other(c, mentions)
            && !no_mark(c);
        *slot = Some(slot.unwrap_or(false) || filled);
    }
    (provider, customer)
}

/// Whether the provider's and the customer's columns of a row say the same words: they then
/// say that both take part, not which part is whose.
fn same_words(cols: &[(Role, &str)]) -> bool {
    let text = |r: Role| {
        cols.iter()
            .filter(|(x, _)| *x == r)
            .map(|(_, c)| c.trim())
            .collect::<Vec<_>>()
    };
    text(Role::Provider) == text(Role::Customer)
}

/// The row's cells under the columns headed by the provider or by the customer.
fn party_columns<'a>(
    header: &[String],
    row: &'a [String],
    mentions: &Mentions,
) -> Vec<(Role, &'a str)> {
    header
        .iter()
        .zip(row)
        .filter_map(|(h, c)| match mentions.header_role(h) {
            Some(r @ (Role::Provider | Role::Customer)) => Some((r, c.as_str())),
            _ => None,
        })
        .collect()
}

/// A responsibility-table row's layer cell: the cell under a header the rules call a layer
/// column ("安全层面", "Layer"), when it is not empty.
pub(crate) fn layer_cell(
    text: &str,
    s: &Sentence,
    header: &[String],
    rules: &Rules,
) -> Option<String> {
    let k = header
        .iter()
        .position(|h| rules.layer_column.iter().any(|r| r.is_match(h)))?;
    cells(s.text(text))
        .get(k)
        .filter(|c| !empty_cell(c))
        .cloned()
}

/// The cross-references of one sentence: which clause numbers it points at, and to whom.
/// (`c` is the prefilter's answer for `t`.)
pub(crate) fn cross_references_in(
    t: &str,
    rules: &Rules,
    mentions: &Mentions,
    c: &Candidates,
) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    let mut last_sched: Option<String> = None;
    for re in rules.gated(|m| &m.crossref, c) {
        for cap in re.captures_iter(t) {
            // 第八条第（一）项、第（三）项至第（五）项 → 第八条（一）, 第八条（三）…（五）.
            if let (Some(article), Some(items), Some(party)) =
                (cap.name("article"), cap.name("items"), cap.name("party"))
            {
                let role = mentions.find(party.as_str()).first().map(|x| x.2);
                if let Some(r @ (Role::Provider | Role::Customer)) = role {
                    for item in article_items(items.as_str()) {
                        out.push((format!("第{}条（{item}）", article.as_str()), r));
                    }
                }
                continue;
            }
            // "the Bank is responsible for the tasks … in Part B paragraph 5" → "Part B(5)".
            if let (Some(part), Some(para), Some(party)) =
                (cap.name("part"), cap.name("para"), cap.name("party"))
            {
                let role = mentions.find(party.as_str()).first().map(|x| x.2);
                if let Some(r @ (Role::Provider | Role::Customer)) = role {
                    let part = part
                        .as_str()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    out.push((format!("{part}({})", para.as_str()), r));
                }
                continue;
            }
            // "第7.2条和第7.3条所列各项义务由您承担": each clause of the list.
            if let (Some(list), Some(party)) = (cap.name("list"), cap.name("party")) {
                let role = mentions.find(party.as_str()).first().map(|x| x.2);
                if let Some(r @ (Role::Provider | Role::Customer)) = role {
                    for n in super::features::decimal_numbers(list.as_str()) {
                        out.push((n.to_string(), r));
                    }
                }
                continue;
            }
            // "附件三第1项至第8项所列措施由甲方负责实施，第9项、第10项所列措施由乙方负责实施": each
            // row of the schedule (the last one named, where the list names none).
            if let (Some(paras), Some(party)) = (cap.name("paras"), cap.name("party")) {
                if let Some(sched) = cap.name("sched") {
                    last_sched = Some(sched.as_str().to_string());
                }
                let role = mentions.find(party.as_str()).first().map(|x| x.2);
                if let (Some(r @ (Role::Provider | Role::Customer)), Some(sched)) =
                    (role, last_sched.as_ref())
                {
                    for n in numbered_rows(paras.as_str()) {
                        out.push((format!("{sched} row {n}"), r));
                        out.push((format!("{sched} §{n}"), r));
                    }
                }
                continue;
            }
            // "除附件二第9项由委托方负责实施外" → "附件二 §9" (an item of a schedule, named before
            // the whole schedule so that it is taken in first).
            if let (Some(sched), Some(para), Some(party)) =
                (cap.name("sched"), cap.name("para"), cap.name("party"))
            {
                let role = mentions.find(party.as_str()).first().map(|x| x.2);
                if let Some(r @ (Role::Provider | Role::Customer)) = role {
                    out.push((format!("{} §{}", sched.as_str(), para.as_str()), r));
                }
                continue;
            }
            // Named groups (`party` shall perform the duties in `target`), else by position:
            // (clause, party) or (paragraph, schedule, party) → "Schedule 4 §3".
            let named = (cap.name("target"), cap.name("party"));
            let (target, party) = match (cap.get(1), cap.get(2), cap.get(3)) {
                _ if named.0.is_some() && named.1.is_some() => match named {
                    (Some(target), Some(party)) => (
                        target.as_str().trim_end_matches(['.', '．']).to_string(),
                        party,
                    ),
                    _ => continue,
                },
                (Some(para), Some(sched), Some(party)) => {
                    (format!("{} §{}", sched.as_str(), para.as_str()), party)
                }
                (Some(num), Some(party), None) => (
                    num.as_str().trim_end_matches(['.', '．']).to_string(),
                    party,
                ),
                _ => continue,
            };
            let role = mentions.find(party.as_str()).first().map(|x| x.2);
            if let Some(r @ (Role::Provider | Role::Customer)) = role {
                out.push((target, r));
            }
        }
    }
    out
}

/// The rows a list of item numbers names: "第1项至第8项" → 1…8, "第9项、第10项" → 9, 10 (at
/// most 60).
fn numbered_rows(list: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut range = false;
    for tok in list.split(['第', '项', ' ']).filter(|t| !t.is_empty()) {
        match tok.trim().parse::<u32>() {
            Ok(n) if range => {
                let from = out.last().copied().unwrap_or(n);
                out.extend((from + 1..=n).take(60));
                range = false;
            }
            Ok(n) => out.push(n),
            Err(_) => range = tok.contains(['至', '到']),
        }
    }
    out.truncate(60);
    out
}

/// The items a Chinese list of item numbers names: "第（一）项、第（三）项至第（五）项" →
/// 一, 三, 四, 五 (a range "至" expanded; numbers as printed, Chinese or arabic).
fn article_items(list: &str) -> Vec<String> {
    let nums: Vec<(&str, bool)> = list
        .split(['（', '('])
        .skip(1)
        .filter_map(|rest| {
            let (n, after) = rest.split_once(['）', ')'])?;
            Some((n.trim(), after.contains('至') || after.contains('到')))
        })
        .collect();
    let value = |n: &str| {
        n.parse::<u32>()
            .ok()
            .or_else(|| (1..=99).find(|&k| crate::ingest::numbering::zh_numeral(k) == n))
    };
    let mut out: Vec<String> = Vec::new();
    let mut range_from: Option<(u32, bool)> = None;
    for (n, opens_range) in nums {
        let arabic = n.parse::<u32>().is_ok();
        if let (Some((from, was_arabic)), Some(to)) = (range_from.take(), value(n)) {
            for k in from + 1..to {
                out.push(if was_arabic {
                    k.to_string()
                } else {
                    crate::ingest::numbering::zh_numeral(k)
                });
            }
        }
        out.push(n.to_string());
        if opens_range {
            range_from = value(n).map(|v| (v, arabic));
        }
    }
    out
}

/// Defined terms that stand for a schedule: `"Security Measures" means Schedule 2`,
/// `“安全措施”指本协议附件二` → (term, "Schedule 2" / "附件二"); or for the list their own
/// clause sets out → (term, that clause's number).
pub(crate) fn schedule_terms(
    text: &str,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
) -> Vec<(String, String)> {
    let en = static_re!(
        r#"^\s*(?:the\s+)?(?:(?:measures|obligations|requirements|terms)\s+(?:set out|described|specified)\s+in\s+)?(?:the\s+)?((?:Schedule|Annex|Appendix|Exhibit|Attachment)\s+[A-Z0-9IVX]+)\b"#
    );
    let zh = static_re!(r#"^\s*(?:本协议|本合同)?\s*(附件[一二三四五六七八九十0-9]+)"#);
    // The definitions the sentence features found; what the term is defined as must open with
    // the schedule.
    let mut out = Vec::new();
    for (s, d, body) in super::features::definitions(text, sentences, feats) {
        // A term defined as the list that follows ("Developer Responsibilities" means: (a) …;
        // “乙方责任”指下列事项：) stands for its own clause, whose items are the list.
        let rest = body.trim().trim_matches('*').trim();
        if rest.ends_with([':', '：']) && !s.clause.is_empty() {
            out.push((d.term.clone(), s.clause.clone()));
            continue;
        }
        if let Some(c) = [en, zh]
            .into_iter()
            .flatten()
            .find_map(|r| r.captures(body))
        {
            out.push((d.term.clone(), c[1].to_string()));
        }
    }
    out
}

/// The infrastructure layers a definition lists, from what the term is defined as (`body`) up
/// to the end of its first sentence: `"Provider Infrastructure" means the data centers, hardware,
/// hypervisor and control plane` → [physical, resource_abstraction] (indices into `Rules::items`).
/// Only the lower layers count (a "Customer Data" definition allocates nothing).
pub(crate) fn layers_defined(body: &str, rules: &Rules) -> Vec<usize> {
    const LAYERS: [&str; 5] = [
        "physical",
        "resource_abstraction",
        "os",
        "network",
        "application",
    ];
    let def = body
        .split(['.', ';', '。', '；', '\n'])
        .next()
        .unwrap_or("")
        .trim();
    if def.chars().count() < 6 {
        return Vec::new();
    }
    super::features::matching(&rules.items, def, &rules.prefilter.scan(def))
        .into_iter()
        .filter(|&i| {
            rules
                .items
                .get(i)
                .is_some_and(|t| LAYERS.contains(&t.id.as_str()))
        })
        .collect()
}

/// Defined terms that list infrastructure layers (`layers_defined`, read with the sentence
/// features), each with its layers; they count only in a part that speaks of security. A term
/// for data ("Customer Data" means all data, including container images …) is no layer.
pub(crate) fn layer_terms(
    text: &str,
    sentences: &[Sentence],
    feats: &[SentenceFeatures],
) -> Vec<(String, Vec<usize>)> {
    let data = |term: &str| {
        let last = term.rsplit(' ').next().unwrap_or(term).to_ascii_lowercase();
        ["data", "content", "information", "materials"].contains(&last.as_str())
            || ["数据", "内容", "信息", "资料"]
                .iter()
                .any(|w| term.ends_with(w))
    };
    super::features::definitions(text, sentences, feats)
        .filter(|(_, d, _)| !d.layers.is_empty() && !data(&d.term))
        .map(|(_, d, _)| (d.term.clone(), d.layers.clone()))
        .collect()
}

/// Aggregates the sentence features into claims per item, applying cross-references.
pub(crate) fn read<'a>(
    doc: &'a Document,
    sentences: &'a [Sentence],
    feats: &'a [SentenceFeatures],
    terms: &DocTerms,
    refs: &'a CrossRefs,
    form: &[bool],
    rules: &'a Rules,
) -> Reading<'a> {
    // The defined terms that list layers, and which of them each sentence names (kept with the
    // sentences: a long contract defines many terms).
    let layer_terms = &terms.layers;
    let alias_terms = &terms.pi_alias;
    let privacy = rules.items.iter().position(|t| t.id == "data.privacy");
    // One list of claims per distinct item id, by index rather than by name.
    let mut ids: Vec<&str> = Vec::new();
    let slot: Vec<usize> = rules
        .items
        .iter()
        .map(|t| match ids.iter().position(|i| *i == t.id) {
            Some(k) => k,
            None => {
                ids.push(&t.id);
                ids.len() - 1
            }
        })
        .collect();
    let mut claims: Vec<Vec<Claim>> = vec![Vec::new(); ids.len()];
    let mut overrides: HashMap<usize, Vec<Statement>> = HashMap::new();
    let mut count = 0;
    // What a lead-in hands to the items after it ("Customer is responsible for …, including:
    // (a) …", "乙方应当：", "This includes: (a) …; (b) …", "（一）服务商负责：- …；- …"): per clause,
    // to its sub-clauses (set at the clause's last sentence; a parent comes before its
    // children), and within the clause to the sentences after it. And the last sentence's
    // statement with whether it ended in a semicolon (what follows one continues its sentence).
    // With each lead, whether it is a heading over a party's list ("二、租户（甲方）职责"): its
    // items must state a duty themselves (a description under it stays a description).
    let mut leads: Vec<Option<(Statement, bool)>> = vec![None; doc.clauses.len()];
    // What a lead-in with no party of its own names, for its items that name nothing ("4.2 For
    // a migration of historical records: (a) Kalani shall extract its legacy data …; (b)
    // Tradewind shall map, validate and import the records …"): per clause.
    let mut lead_items: Vec<Vec<usize>> = vec![Vec::new(); doc.clauses.len()];
    // Per clause, the items a provider disclaimer in it speaks to ("Vendor makes no commitment
    // as to … and shall have no responsibility to maintain logs"): a description of what the
    // service does in the same clause ("The Platform records … in an activity log") is then a
    // feature, not the provider's act.
    let mut disclaimed: HashMap<usize, Vec<usize>> = HashMap::new();
    for (s, f) in sentences.iter().zip(feats) {
        if let Some(c) = s.clause_idx {
            if f.statements.iter().any(|x| {
                x.kind == Kind::Disclaimer && matches!(x.role, Some(Role::Provider) | None)
            }) {
                disclaimed.entry(c).or_default().extend(&f.items);
            }
        }
    }
    // The clauses that are, or sit in, a form attached for third parties.
    // A sentence that opens with a subject of its own ("8.1 The Platform records …").
    let subject_opening = &rules.own_subject;
    let recitals = recitals(&doc.text, rules);
    // ("…处理规则，应当以监护人易于理解的语言说明下列事项：": what a notice must say is
    // its content, not what its author does.)
    let contents = &rules.lists_contents;
    let mut carry: Option<(Option<usize>, Statement)> = None;
    let mut prev: Option<(Option<usize>, Option<Statement>, bool)> = None;
    // The sentence before that reached the allocation (its clause and index), for a disclaimer
    // that points back at what it named.
    let mut prev_sentence: Option<(Option<usize>, usize)> = None;
    // The party that opened the sentence before, in the same clause ("¹The Contractor offers
    // standard images … ²It shall update them monthly"), for a sentence that points back at it.
    let mut prev_subject: Option<(Option<usize>, Role)> = None;
    for (i, (s, f)) in sentences.iter().zip(feats).enumerate() {
        let subject_before = prev_subject
            .take()
            .filter(|(c, _)| *c == s.clause_idx)
            .map(|x| x.1);
        prev_subject = f.opens_with.or(subject_before).map(|r| (s.clause_idx, r));
        if s.clause_idx.is_some_and(|c| form.get(c) == Some(&true)) {
            continue;
        }
        // The recitals say why the parties contract, not who does what ("(B) The Customer …
        // wishes the Supplier to host its SAP systems …, while the Customer keeps responsibility
        // for the SAP application itself"); the operative clauses allocate.
        if f.table.is_none() && recitals.is_some_and(|(a, b)| s.start >= a && s.start < b) {
            continue;
        }
        if carry.as_ref().is_some_and(|(c, _)| *c != s.clause_idx) {
            carry = None;
        }
        let before_any = prev.take();
        let before = before_any.clone().filter(|(c, _, _)| *c == s.clause_idx);
        // "5.1 We will maintain … safeguards … 5.2 Those safeguards include: (a) …": a clause
        // that opens by pointing back speaks for the duty that ends the clause just before it
        // (a sibling, under the same heading).
        let sibling_before = before_any.filter(|(c, x, _)| {
            f.points_back
                && before.is_none()
                && x.as_ref().is_some_and(|x| x.kind == Kind::Duty)
                && doc.siblings(*c, s.clause_idx)
        });
        if let Some((role, split)) = f.table {
            count += 1;
            for &item in &f.items {
                let own = f.table_parts.iter().find(|x| x.0 == item).map(|x| x.1);
                claims[slot[item]].push(Claim {
                    sentence: i,
                    role: own.or(role),
                    kind: Kind::Duty,
                    hedged: false,
                    split: if own.is_some() { None } else { split },
                });
            }
            continue;
        }
        if s.definitional || f.external {
            continue;
        }
        // A cross-reference gives the referenced clause's duties to its party: the passive ones,
        // and a description with no modal verb at all ("每日快照，保留7日").
        let referenced = refs.of(s.clause_idx, &s.clause);
        // A list item under a lead-in ("Customer is responsible for …, including: (a) …;
        // (b) …") says nothing of who: the lead-in's party and modality govern it.
        let parent = s
            .clause_idx
            .and_then(|c| doc.clauses.get(c))
            .and_then(|c| c.parent)
            .map(|p| p as usize);
        let lead = || {
            parent
                .and_then(|p| leads.get(p).cloned().flatten())
                .filter(|_| f.statements.iter().all(|x| x.role.is_none()))
        };
        // Else a lead-in earlier in the clause, or the sentence before if it ended in ";", or
        // the duty before if this sentence points back at it ("We are responsible for the
        // security of the Platform. This covers the physical security of …").
        let within = || {
            carry
                .as_ref()
                .map(|(_, x)| x.clone())
                .or_else(|| {
                    before
                        .as_ref()
                        .and_then(|(_, x, semi)| x.clone().map(|x| (x, *semi)))
                        .filter(|(x, semi)| *semi || (f.points_back && x.kind == Kind::Duty))
                        // ("甲方应当自行保存其收到的比对结果；乙方保存的请求日志仅用于…": a sentence
                        // that opens with the other party is not the one before going on.)
                        .filter(|(x, _)| f.opens_with.is_none_or(|r| Some(r) == x.role))
                        .map(|(x, _)| x)
                })
                .or_else(|| sibling_before.as_ref().and_then(|(_, x, _)| x.clone()))
                .or_else(|| {
                    // (A Chinese sentence with no subject of its own continues the one before:
                    // "服务商的运维人员原则上不接触客户数据。确因排查故障需要访问…的，应当事先经…审批".)
                    subject_before
                        .filter(|_| {
                            f.opens_with.is_none()
                                && (f.points_back || zh_condition_then_duty(s.text(&doc.text)))
                        })
                        .map(|r| Statement {
                            role: Some(r),
                            kind: Kind::Duty,
                            hedged: false,
                            joint: false,
                            start: 0,
                            end: 0,
                        })
                })
                .filter(|_| f.statements.iter().all(|x| x.role.is_none()))
                .map(|x| (x, false))
        };
        // What the sentence inherits: its lead-in's statement ("Customer is responsible for
        // (a) …", also inside a schedule that a cross-reference gives the provider), else a
        // cross-reference's party (as a plain duty), else a lead-in earlier in the clause. It
        // goes to the passive duties, or stands for the whole sentence when it has no modal verb
        // at all (not under a heading).
        let led = lead();
        // (A lead-in earlier in the clause is nearer than the heading over it: "## 4. Client
        // Responsibilities … 4.3 The Client is responsible for: • classifying Client Data …".)
        let near = within().filter(|(x, _)| x.role.is_some());
        let led = match (led, near) {
            (Some((_, true)), Some(near)) => Some(near),
            (led, _) => led,
        };
        let inherited = led
            .clone()
            .filter(|(x, _)| x.role.is_some())
            .or_else(|| {
                referenced.map(|(_, r)| {
                    (
                        Statement {
                            role: Some(*r),
                            kind: Kind::Duty,
                            hedged: false,
                            joint: false,
                            start: 0,
                            end: 0,
                        },
                        false,
                    )
                })
            })
            .or(led)
            .or_else(within);
        let t = s.text(&doc.text);
        let st: &[Statement] = match inherited {
            Some((from, heading)) => {
                let mut own = f.statements.clone();
                for x in own
                    .iter_mut()
                    .filter(|x| x.role.is_none() && x.kind == Kind::Duty)
                {
                    x.role = from.role;
                    x.hedged |= from.hedged;
                }
                // Under a heading, only the provider's ("4. Our Security Commitments", "3. 我们的
                // 责任") makes a description a duty: what the service does is the provider's act
                // ("All traffic is encrypted using TLS"), unless the rules' `not_an_act` says it
                // is not; under the customer's heading it is an acknowledgement ("The Platform
                // does not encrypt …").
                // (A sentence with a subject of its own, not an item that continues the lead-in:
                // "(a) maintain logs for 90 days" stays the lead's duty.)
                // (Under a heading, the clause's disclaimer undoes any description of it: "4.5
                // Operating system images. As a convenience, Host makes … images available. Host
                // does not maintain, patch or support any operating system".)
                let own_subject = subject_opening.is_match(t);
                let undone = (own_subject || heading)
                    && s.clause_idx
                        .and_then(|c| disclaimed.get(&c))
                        .is_some_and(|d| {
                            from.role == Some(Role::Provider)
                                && f.items.iter().all(|i| d.contains(i))
                        });
                let describes = (!heading && !undone)
                    || (from.role == Some(Role::Provider)
                        && !undone
                        && !f.items.is_empty()
                        && !rules
                            .modality_zh
                            .not_an_act
                            .iter()
                            .chain(&rules.modality_en.not_an_act)
                            .any(|r| r.is_match(t)));
                if own.is_empty() && describes {
                    own.push(Statement {
                        start: 0,
                        end: s.end - s.start,
                        ..from
                    });
                }
                overrides.entry(i).or_insert(own)
            }
            None => &f.statements,
        };
        count += st.iter().filter(|x| x.kind == Kind::Duty).count();
        let named_terms: Vec<usize> = if layer_terms.is_empty() || st.is_empty() {
            Vec::new()
        } else {
            layer_terms.named(i, t).iter().map(|&(k, _)| k).collect()
        };
        let last = st.iter().rev().find(|x| x.role.is_some()).cloned();
        // (Only a sentence with more of its clause after it can hand anything on.)
        let more = sentences
            .get(i + 1)
            .is_some_and(|n| n.clause_idx == s.clause_idx);
        if f.introduces {
            // "… is your responsibility. This includes: (a) …": a lead-in without a party of its
            // own speaks for the sentence before it.
            // ("The following measures are the responsibility of the Controller, and the
            // Processor has no obligation in respect of them:": one party's duty and the other's
            // disclaimer of the same list; the items are the duty's.)
            let duty_of_other = last
                .as_ref()
                .filter(|x| x.kind == Kind::Disclaimer)
                .and_then(|d| {
                    st.iter()
                        .rev()
                        .find(|x| {
                            x.kind == Kind::Duty
                                && x.role.is_some()
                                && x.role != d.role
                                && x.role != Some(Role::Both)
                        })
                        .cloned()
                });
            let hands = duty_of_other.or_else(|| last.clone()).or_else(|| {
                before
                    .as_ref()
                    .filter(|_| f.points_back)
                    .and_then(|(_, x, _)| x.clone())
            });
            let lists_contents = contents.is_match(t);
            match s.clause_idx {
                _ if more => carry = hands.map(|x| (s.clause_idx, x)),
                Some(c) if f.lead_in && c < leads.len() => {
                    leads[c] = hands.filter(|_| !lists_contents).map(|x| (x, f.heading))
                }
                _ => {}
            }
        }
        if let Some(c) = s.clause_idx.filter(|&c| c < lead_items.len()) {
            if !f.items.is_empty()
                && st.iter().all(|x| x.role.is_none())
                && t.trim_end().ends_with([':', '：'])
            {
                lead_items[c].clone_from(&f.items);
            }
        }
        let semi = t.trim_end().ends_with([';', '；']);
        prev = Some((s.clause_idx, last, semi));
        // (The items of the sentence before in the clause, for a part that points back at them.)
        let named_before: &[usize] = match prev_sentence.replace((s.clause_idx, i)) {
            Some((c, j)) if c == s.clause_idx => feats.get(j).map_or(&[], |x| x.items.as_slice()),
            _ => &[],
        };
        // "乙方负责多租户隔离……，甲方负责按照约定的数量使用本服务": where the other party's part of
        // the sentence names items of its own, a part that names none speaks of something else.
        // (Not a part that points back, "该等工作由甲方负责", or shares the other part's words,
        // "乙方负责提供加密连接能力，甲方负责在客户端启用加密连接".)
        let contrasted = |k: usize, role: Option<Role>| {
            if st.len() != f.segment_items.len() {
                return false;
            }
            let mut others = st
                .iter()
                .zip(&f.segment_items)
                .enumerate()
                .filter(|(j, (y, items))| {
                    *j != k
                        && (y.role.is_some() && y.role != role || y.kind == Kind::Others)
                        && !items.is_empty()
                })
                .peekable();
            if others.peek().is_none() {
                return false;
            }
            let mine = segment(t, st, k);
            let body = mine.trim_start_matches(|c: char| !c.is_alphanumeric());
            !points_back(body, &rules.modality_zh)
                && !points_back(body, &rules.modality_en)
                && others.any(|(j, _)| !shares_words(mine, segment(t, st, j)))
        };
        let parent_items: &[usize] = parent
            .and_then(|p| lead_items.get(p))
            .map_or(&[], Vec::as_slice);
        for (k, x) in st.iter().enumerate() {
            let empty: &[usize] = &[];
            // The sentence's items less those of another party's permission in it ("Vendor
            // shall keep Client Data available, and Client may export it …").
            let rest: Vec<usize>;
            let all = if st.len() == f.segment_items.len() {
                rest = f
                    .items
                    .iter()
                    .copied()
                    .filter(|i| {
                        !st.iter()
                            .zip(&f.segment_items)
                            .enumerate()
                            .any(|(j, (y, items))| {
                                j != k
                                    && y.kind == Kind::Right
                                    && y.role != x.role
                                    && items.contains(i)
                            })
                    })
                    .collect();
                rest.as_slice()
            } else {
                f.items.as_slice()
            };
            let (own, open) = match f.segment_items.get(k) {
                // "…, but shall give NorthSpan five Business Days' notice of any test": a duty
                // only to tell the other side takes none of the sentence's items; nor, where it
                // follows a condition, what the condition names ("乙方发现安全事件可能涉及虚拟化层
                // 的，应当及时通知甲方，…").
                // (Read with the sentence's features: `st` has the same parts, its roles
                // perhaps inherited.)
                Some(_) if x.kind == Kind::Duty && f.notice_only.get(k) == Some(&true) => {
                    (empty, false)
                }
                // ("…，但应当通过工单向甲方提出端口开放或者策略变更需求": a duty only to ask the other
                // side allocates none of the layers it names, as the asking party does not do them.)
                Some(_) if x.kind == Kind::Duty && f.request_only.get(k) == Some(&true) => {
                    (empty, false)
                }
                Some(o) if !o.is_empty() => (o.as_slice(), true),
                _ if x.role.is_some() && contrasted(k, x.role) => (empty, false),
                // ("…虚拟化层、宿主机…由某某云建设和运营。服务商不对上述底层基础设施的故障…承担责任":
                // a disclaimer of what the sentence before named.)
                _ if all.is_empty()
                    && x.kind == Kind::Disclaimer
                    && !named_before.is_empty()
                    && rules
                        .modality_of(t)
                        .1
                        .refers_back
                        .iter()
                        .any(|r| r.is_match(segment(t, st, k))) =>
                {
                    (named_before, true)
                }
                _ if all.is_empty() => (parent_items, true),
                _ => (all, true),
            };
            // "Corvane shall store Personnel Data only in the United States": a term that stands
            // for personal information alone makes the part a duty on personal information.
            let alias = privacy.filter(|p| {
                open && !own.contains(p) && !alias_terms.is_empty() && {
                    let mine = segment(t, st, k);
                    alias_terms
                        .named(i, t)
                        .iter()
                        .filter_map(|&(n, _)| alias_terms.list().get(n))
                        .any(|(term, _)| mine.contains(term.as_str()))
                }
            });
            // "Provider is responsible for the security of the Provider Infrastructure": the
            // layers the defined term lists.
            // (A part that points back, "…, all of which are Customer's responsibility", speaks
            // of what the part before it named.)
            let from = match k.checked_sub(1).and_then(|j| st.get(j)) {
                Some(prev)
                    if !named_terms.is_empty() && refers_back(t.get(x.start..).unwrap_or("")) =>
                {
                    prev.start
                }
                _ => x.start,
            };
            let part = t.get(from..x.end.min(t.len())).unwrap_or("");
            // The term must be what is secured: "the security of the Provider Infrastructure",
            // "protect the Platform", "私有云平台的安全" (not "私有云平台所承载信息系统的网络安全").
            let secured = |term: &str| {
                part.match_indices(term).any(|(k, _)| {
                    let mut from = k.saturating_sub(40);
                    while !part.is_char_boundary(from) {
                        from += 1;
                    }
                    let before = &part[from..k];
                    // "security in the Platform" is what runs inside it, not the Platform.
                    let lead = before.trim_end_matches(|c: char| c.is_whitespace() || c == '*');
                    let lead = lead.strip_suffix("the").unwrap_or(lead);
                    if lead
                        .trim_end_matches(|c: char| c.is_whitespace() || c == '*')
                        .to_ascii_lowercase()
                        .ends_with("security in")
                    {
                        return false;
                    }
                    let after: String = part[k + term.len()..].chars().take(10).collect();
                    let near: String = after.chars().take(4).collect();
                    ["安全", "防护"].iter().any(|w| near.contains(w))
                        || after.trim_start().starts_with("secur")
                        || ["secur", "Secur", "protect"]
                            .iter()
                            .any(|w| before.contains(w))
                })
            };
            // ("双方均应当…采取必要措施保障本服务的安全稳定运行" is each party's generic duty,
            // no layer's allocation.)
            let each_generically = x.role == Some(Role::Both) && !x.joint;
            let terms: &[usize] = if each_generically { &[] } else { &named_terms };
            let listed = terms
                .iter()
                .filter_map(|&k| layer_terms.list().get(k))
                .filter(|(term, _)| part.contains(term.as_str()) && secured(term))
                .flat_map(|(_, items)| items.iter().copied())
                .filter(|i| !own.contains(i));
            for item in own.iter().copied().chain(listed).chain(alias) {
                claims[slot[item]].push(Claim {
                    sentence: i,
                    role: x.role,
                    kind: x.kind,
                    hedged: x.hedged,
                    split: if x.joint { Some(false) } else { None },
                });
            }
        }
    }
    // "Section 6.3 applies to Customer mutatis mutandis": the party takes on the items of the
    // clause as its own duty, whoever the clause itself names.
    // (Not in a form attached for third parties, whose words are not terms between the parties.)
    for (i, (s, f)) in sentences.iter().zip(feats).enumerate() {
        let in_form = s.clause_idx.is_some_and(|c| form.get(c) == Some(&true));
        if f.crossrefs.is_empty() || s.definitional || f.external || in_form {
            continue;
        }
        let t = s.text(&doc.text);
        if !(rules.modality_en.mutatis.is_match(t) || rules.modality_zh.mutatis.is_match(t)) {
            continue;
        }
        for (target, role) in &f.crossrefs {
            if !matches!(role, Role::Provider | Role::Customer) {
                continue;
            }
            let mut items: Vec<usize> = super::crossrefs::sentences_named(doc, sentences, target)
                .into_iter()
                .filter(|&j| j != i)
                .flat_map(|j| feats[j].items.iter().copied())
                .collect();
            items.sort_unstable();
            items.dedup();
            // ("… apply equally to the LEA in respect of the accounts of its administrators": a
            // sentence that names items of its own narrows the reference to them.)
            if !f.items.is_empty() {
                items.retain(|i| f.items.contains(i));
            }
            for item in items {
                claims[slot[item]].push(Claim {
                    sentence: i,
                    role: Some(*role),
                    kind: Kind::Duty,
                    hedged: false,
                    split: None,
                });
            }
        }
    }
    // "尽管有附件一第5项的约定，…由甲方负责": the named clause (and its sub-clauses) no longer
    // speaks to the items of the sentence that sets it aside; "nothing in Section 5.2 obliges
    // Host to do anything" to any item.
    for (i, f) in feats.iter().enumerate() {
        for (target, whole) in &f.sets_aside {
            let aside: Vec<usize> = super::crossrefs::sentences_named(doc, sentences, target)
                .into_iter()
                .filter(|&j| j != i)
                .collect();
            if aside.is_empty() {
                continue;
            }
            // (A sentence that only names what it replaces, "附件二第4项（网络控制）…取代附件二第4项
            // 原有内容：", speaks to the items of the clause that says what replaces it.)
            let items: Vec<usize> = if f.items.is_empty() {
                (0..sentences.len())
                    .filter(|&j| {
                        sentences[j].clause_idx.is_some()
                            && sentences[j].clause_idx == sentences[i].clause_idx
                    })
                    .flat_map(|j| feats[j].items.iter().copied())
                    .collect()
            } else {
                f.items.clone()
            };
            for (item, list) in claims.iter_mut().enumerate() {
                if *whole || items.iter().any(|&k| slot[k] == item) {
                    list.retain(|c| !aside.contains(&c.sentence));
                }
            }
        }
    }
    Reading {
        text: doc.text.as_str(),
        sentences,
        feats,
        overrides,
        ids,
        claims,
        statement_count: count,
    }
}

/// Whether part `a` of a sentence repeats a content word of part `b`: three Chinese characters
/// in a row, or an English word of five letters or more, other than the words of any duty.
fn shares_words(a: &str, b: &str) -> bool {
    const COMMON: [&str; 12] = [
        "shall",
        "responsible",
        "responsibility",
        "customer",
        "provider",
        "services",
        "service",
        "their",
        "which",
        "other",
        "under",
        "agreement",
    ];
    let zh: Vec<char> = a.chars().filter(|c| crate::search::is_cjk(*c)).collect();
    let zh_shared = zh.windows(3).any(|w| {
        let g: String = w.iter().collect();
        ![
            "负责",
            "甲方",
            "乙方",
            "双方",
            "应当",
            "本服务",
            "本协议",
            "本合同",
        ]
        .iter()
        .any(|x| g.contains(x))
            && b.contains(g.as_str())
    });
    let lower = b.to_lowercase();
    zh_shared
        || a.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| w.len() >= 5 && w.is_ascii() && !COMMON.contains(&w.as_str()))
            .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == w))
}

/// A sentence's text past its numbering: a clause or paragraph number ("4.2", "(2)"), a
/// sentence number ("²"), a bullet.
pub(crate) fn past_numbering(t: &str) -> &str {
    // (A Chinese enumerator first: "（八）", "八、", "第八条". The regex only where one may open the
    // text: this runs on every sentence of every analysis, the editor's live one too.)
    let opens = t.trim_start().chars().next();
    let zh = opens
        .filter(|&c| matches!(c, '（' | '(' | '第') || "一二三四五六七八九十百".contains(c))
        .and_then(|_| static_re!(
        r"^\s*(?:[（(][一二三四五六七八九十百]{1,4}[）)]|[一二三四五六七八九十百]{1,4}、|第[一二三四五六七八九十百零〇0-9]{1,5}[条章节款项])"
    ));
    let t = zh.and_then(|r| r.find(t)).map_or(t, |m| &t[m.end()..]);
    t.trim_start_matches(|c: char| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(c, '.' | '*' | '-' | '•' | '(' | ')' | '（' | '）')
            || "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(c)
    })
}

/// A Chinese sentence that opens with a condition and goes straight on to a duty with no subject
/// of its own ("确因排查故障需要访问生产环境中的客户数据的，应当事先经…审批"): it continues the
/// subject of the sentence before.
fn zh_condition_then_duty(t: &str) -> bool {
    static_re!(r"^[^，。；：:,;]{2,60}的，(?:还|亦|也)?(?:应当|应|须|必须)")
        .is_some_and(|r| r.is_match(past_numbering(t)))
}

/// Whether a sentence opens by pointing back at the one before it (the rules' `anaphora`):
/// "This includes:", "²It shall …", "(2) It …".
pub(crate) fn points_back(t: &str, m: &Modality) -> bool {
    let t = past_numbering(t);
    m.anaphora.iter().any(|r| r.is_match(t))
}

/// Whether a sentence's text up to a colon ends as a `lead_in` pattern says and an enumeration
/// marker follows the colon ("This includes: (a) …").
pub(crate) fn introduces_inline(t: &str, m: &Modality) -> bool {
    t.match_indices([':', '：']).any(|(k, c)| {
        let after = t[k + c.len()..].trim_start();
        let marker = after
            .strip_prefix(['(', '（'])
            .map(|r| r.split_once([')', '）']).map(|x| x.0))
            .unwrap_or_else(|| after.split_once(['.', '、']).map(|x| x.0));
        marker.is_some_and(|mk| {
            (1..=4).contains(&mk.chars().count()) && mk.chars().all(char::is_alphanumeric)
        }) && m.lead_in.iter().any(|r| r.is_match(&t[..k + c.len()]))
    })
}

/// The allocation the claims of one item add up to.
pub fn allocation(claims: &[Claim]) -> (Found, Option<bool>, bool, Vec<usize>) {
    let duty = |r: Role| {
        claims
            .iter()
            .filter(move |c| c.kind == Kind::Duty && c.role == Some(r))
    };
    let p: Vec<&Claim> = duty(Role::Provider).collect();
    let c: Vec<&Claim> = duty(Role::Customer).collect();
    let b: Vec<&Claim> = duty(Role::Both).collect();
    let d: Vec<&Claim> = claims
        .iter()
        .filter(|x| x.kind == Kind::Disclaimer && matches!(x.role, Some(Role::Provider) | None))
        .collect();
    let hedged = !p.is_empty() && p.iter().all(|x| x.hedged);
    let sentences = |v: &[&Claim]| v.iter().map(|x| x.sentence).collect::<Vec<_>>();
    if !p.is_empty() && !c.is_empty() {
        let mut s = sentences(&p);
        s.extend(sentences(&c));
        s.extend(sentences(&b));
        return (Found::Shared, Some(true), hedged, s);
    }
    if !b.is_empty() {
        let split = b.iter().any(|x| x.split == Some(true));
        let mut s = sentences(&b);
        s.extend(sentences(&p));
        s.extend(sentences(&c));
        return (Found::Shared, Some(split), hedged, s);
    }
    if !p.is_empty() {
        return (Found::Provider, None, hedged, sentences(&p));
    }
    if !c.is_empty() {
        return (Found::Customer, None, false, sentences(&c));
    }
    if !d.is_empty() {
        return (Found::Disclaimed, None, false, sentences(&d));
    }
    (Found::Absent, None, false, Vec::new())
}

/// The gap rule of analysis-json.md (customer side); the provider side swaps P and C.
pub fn gap(
    expected: Allocation,
    found: Found,
    split: Option<bool>,
    perspective: Perspective,
) -> Option<Gap> {
    let (d, a) = match perspective {
        Perspective::Customer => (expected, found),
        Perspective::Provider => (
            match expected {
                Allocation::P => Allocation::C,
                Allocation::C => Allocation::P,
                Allocation::S => Allocation::S,
            },
            match found {
                Found::Provider => Found::Customer,
                Found::Customer => Found::Provider,
                other => other,
            },
        ),
    };
    match (d, a) {
        (_, Found::Absent) => Some(Gap::Missing),
        (Allocation::P, Found::Provider) => None,
        (Allocation::P, Found::Disclaimed) => Some(Gap::Disclaimed),
        (Allocation::P, _) => Some(Gap::Inverted),
        (Allocation::C, _) => None,
        (Allocation::S, Found::Provider) => None,
        (Allocation::S, Found::Customer) => Some(Gap::OneSided),
        (Allocation::S, Found::Shared) => {
            if split == Some(true) {
                None
            } else {
                Some(Gap::OneSided)
            }
        }
        (Allocation::S, Found::Disclaimed) => Some(Gap::Disclaimed),
    }
}

/// Items whose failure touches the data itself weigh more.
fn severity(item: &str, gap: Option<Gap>, expected: Allocation) -> Option<Severity> {
    let data = matches!(
        item,
        "data.storage"
            | "data.access"
            | "data.destruction"
            | "data.privacy"
            | "data.transmission"
            | "iam"
    );
    Some(match gap? {
        Gap::Disclaimed => Severity::High,
        Gap::Inverted => {
            if data {
                Severity::High
            } else {
                Severity::Medium
            }
        }
        Gap::Missing => match expected {
            Allocation::C => Severity::Low,
            _ if data => Severity::High,
            _ => Severity::Medium,
        },
        Gap::OneSided => Severity::Medium,
        Gap::Hedged => Severity::Low,
    })
}

/// Library clauses that would close a gap: the item's preferred clause (the model's variant if
/// one exists), then its fallback.
pub fn suggestions(
    templates: &TemplateSet,
    topic: &str,
    model: Option<DeploymentModel>,
) -> Vec<String> {
    let mut out = Vec::new();
    for pos in ["preferred", "fallback"] {
        let base = format!("{topic}.{pos}");
        let variant = model.map(|m| format!("{base}.{}", m.as_str()));
        if let Some(v) = variant.filter(|v| templates.clause(v).is_some()) {
            out.push(v);
        } else if templates.clause(&base).is_some() {
            out.push(base);
        }
    }
    out
}

pub fn security_rows(
    reading: &Reading,
    model: &ReferenceModel,
    deployment: DeploymentModel,
    perspective: Perspective,
    templates: &TemplateSet,
) -> Vec<SecurityRow> {
    super::ids(model, TopicKind::Security)
        .into_iter()
        .filter_map(|id| {
            let topic = model.topic(&id)?;
            let expected = topic.defaults?.get(deployment);
            let claims = reading.claims(&id);
            let (found, split, hedged, sentences) = allocation(claims);
            let mut g = gap(expected, found, split, perspective);
            if g.is_none()
                && hedged
                && matches!(expected, Allocation::P | Allocation::S)
                && perspective == Perspective::Customer
            {
                g = Some(Gap::Hedged);
            }
            let evidence = reading.evidence(sentences);
            let sev = severity(&id, g, expected);
            Some(SecurityRow {
                explanation: explain::security(
                    topic, deployment, expected, found, split, g, hedged, &evidence,
                ),
                suggested_clauses: if g.is_some() {
                    suggestions(templates, &id, Some(deployment))
                } else {
                    Vec::new()
                },
                name: topic.name.clone(),
                expected_source: if deployment == DeploymentModel::Iaas {
                    "YD/T 4060-2022".into()
                } else {
                    "derived".into()
                },
                id,
                allocation: found,
                split_specified: if found == Found::Shared {
                    split.or(Some(false))
                } else {
                    None
                },
                expected,
                gap: g,
                hedged,
                severity: sev,
                evidence,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocation of `item` in a short contract (SaaS, customer's side).
    fn allocation_of(text: &str, item: &str) -> Found {
        split_of(text, item).0
    }

    fn split_of(text: &str, item: &str) -> (Found, Option<bool>) {
        super::super::report_of(text)
            .security
            .iter()
            .find(|r| r.id == item)
            .map(|r| (r.allocation, r.split_specified))
            .expect("item")
    }

    #[test]
    fn a_partys_infrastructure_providers_are_not_the_party() {
        let en = "Hexlane Labs, Inc. (\"we\", \"us\") and the developer (\"you\").\n\n## 11. Security\n\n\
            11.2 **Data centres.** The Services run in data centres operated by our infrastructure providers, \
            Cirrine Compute Corporation and Nimbara Cloud Ltd. Those providers are responsible for the physical \
            security, power and cooling of their facilities. We do not operate those facilities and are not \
            responsible for their physical security.\n";
        assert_eq!(allocation_of(en, "physical"), Found::Disclaimed);
    }

    #[test]
    fn the_same_words_under_both_parties_state_no_split() {
        let zh = "甲方（客户）：某某充电网络科技有限公司\n乙方（服务商）：某某物联科技有限公司\n\n## 第六条 运维界面\n\n\
            | 序号 | 事项 | 甲方 | 乙方 | 说明 |\n|---|---|---|---|---|\n\
            | 1 | 平台操作日志与安全审计 | 按附件三执行 | 按附件三执行 | |\n\
            | 2 | 防火墙与入侵检测 | 负责场站网络的防火墙 | 负责平台边界的入侵检测 | |\n";
        assert_eq!(split_of(zh, "data.audit"), (Found::Shared, Some(false)));
        assert_eq!(split_of(zh, "network"), (Found::Shared, Some(true)));
    }

    #[test]
    fn chinese_item_lists_expand_their_ranges() {
        assert_eq!(article_items("第（一）项、第（二）项"), vec!["一", "二"]);
        assert_eq!(
            article_items("第（三）项至第（五）项"),
            vec!["三", "四", "五"]
        );
        assert_eq!(article_items("第(1)项至第(3)项"), vec!["1", "2", "3"]);
    }

    #[test]
    fn list_items_take_the_party_of_their_lead_in() {
        let en = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and the customer (\"Customer\").\n\n\
            3.1 Customer is responsible for its environment, including: (a) installing security patches on guest operating systems; \
            (b) configuring firewall rules; and (c) logging activity within its instances.\n";
        assert_eq!(allocation_of(en, "os"), Found::Customer);
        assert_eq!(allocation_of(en, "network"), Found::Customer);
        assert_eq!(allocation_of(en, "data.audit"), Found::Customer);
        let zh = "甲方：某某科技有限公司（云服务提供者）\n乙方：某某律师事务所（客户）\n\n第五条 乙方应当：\n（一）及时为其云主机的操作系统安装安全补丁；\n（二）配置安全组和防火墙规则。\n";
        assert_eq!(allocation_of(zh, "os"), Found::Customer);
        assert_eq!(allocation_of(zh, "network"), Found::Customer);
        // A sentence ending in "tools that" introduces no list of duties: the items describe
        // the tools, they are not the provider's duties.
        let tools = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and the customer (\"Customer\").\n\n\
            6.1 Provider shall make available tools that (i) export volume snapshots and (ii) import machine images.\n";
        assert_eq!(allocation_of(tools, "data.storage"), Found::Absent);
    }

    #[test]
    fn a_lead_in_speaks_for_the_sentence_before_it_and_semicolons_continue() {
        // "This includes:" has no party: the sentence before it gives one.
        let en = "These Terms are between Ferrocore Cloud, Inc. (\"Ferrocore\", \"we\") and you (\"you\").\n\n\
            5.2 We are responsible for the physical security of the Facilities; for the hypervisor and control plane; \
            and for the security of our network.\n\n\
            5.3 Everything above the hypervisor is your responsibility. This includes: (a) patching the operating system; \
            (b) the applications, containers and other software that you run; and (c) backing up Your Content.\n";
        assert_eq!(allocation_of(en, "resource_abstraction"), Found::Provider);
        assert_eq!(allocation_of(en, "network"), Found::Provider);
        assert_eq!(allocation_of(en, "os"), Found::Customer);
        assert_eq!(allocation_of(en, "application"), Found::Customer);
        assert_eq!(allocation_of(en, "data.storage"), Found::Customer);
        // Bullets under "服务商负责：" in the same clause.
        let zh = "采购方：某某市人民医院（以下简称“采购方”）\n服务商：某某软件有限公司\n\n第七条 安全责任\n\n（一）服务商负责：\n\n\
            - 主机：云端服务器操作系统的补丁更新；\n- 数据传输：对全部连接采用TLS协议加密；\n\n\
            （二）采购方负责：\n\n- 用户账号：本院用户账号的开通和注销。\n";
        assert_eq!(allocation_of(zh, "os"), Found::Provider);
        assert_eq!(allocation_of(zh, "data.transmission"), Found::Provider);
        assert_eq!(allocation_of(zh, "iam"), Found::Customer);
    }

    #[test]
    fn a_defined_layer_term_counts_only_where_it_is_what_is_secured() {
        let zh =
            "甲方（客户）：苏州某某机械股份有限公司\n乙方（服务商）：南京某某数据服务有限公司\n\n\
            1.1 “私有云平台”：指宿主机、虚拟化管理软件及云管理平台。\n\n\
            2.1 乙方负责私有云平台的安全。\n\n\
            2.2 甲方负责私有云平台所承载信息系统的网络安全等级保护定级和测评。\n";
        assert_eq!(allocation_of(zh, "resource_abstraction"), Found::Provider);
        let en = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and the customer (\"Customer\").\n\n\
            1.1 \"Provider Infrastructure\" means the data centers, hardware and hypervisors used to provide the Services.\n\n\
            4.1 Provider is responsible for the security of the Provider Infrastructure.\n";
        assert_eq!(allocation_of(en, "physical"), Found::Provider);
    }

    #[test]
    fn chinese_item_cross_references() {
        let zh = "甲方：某某科技有限公司（客户）\n乙方：某某云计算有限公司（服务商）\n\n\
            第八条 平台上的账号和数据应当满足下列要求：\n\n（一）运维账号启用多因素认证；\n\n\
            （二）对数据库的操作全程记录，日志保存不少于180日；\n\n（三）开发者账号的密码定期更换。\n\n\
            第九条 责任承担\n\n（一）第八条第（一）项、第（二）项约定的义务由乙方承担。\n\n\
            （二）第八条第（三）项约定的义务由甲方承担。\n";
        assert_eq!(allocation_of(zh, "data.audit"), Found::Provider);
        assert_eq!(allocation_of(zh, "iam"), Found::Shared);
    }

    #[test]
    fn a_duty_to_follow_an_annex_table_gives_its_measures_to_that_party() {
        let text = "委托方：某某文旅科技有限公司\n受托方：某某云网络有限公司\n\n## 第四条 安全\n\n4.2 受托方应按照附表二采取必要的安全措施。\n\n## 附表二 安全措施\n\n（三）存储：个人信息默认采用服务端加密存储，并以多副本方式冗余存储。\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
    }

    #[test]
    fn party_columns_that_describe_each_part_allocate_the_row() {
        let text = "This Agreement is between Northwind Cloud Ltd (\"Supplier\") and Elm Mutual Limited (\"Customer\").\n\n## Schedule 3\n\n| Row | Area | Supplier | Customer |\n|---|---|---|---|\n| 1 | Guest operating systems | Provide hardened templates | Patch and harden after provisioning |\n| 2 | Logging | Retain platform logs for 12 months | — |\n| 3 | Applications and middleware | — | All applications and middleware |\n";
        assert_eq!(allocation_of(text, "os"), Found::Shared);
        assert_eq!(allocation_of(text, "data.audit"), Found::Provider);
        assert_eq!(allocation_of(text, "application"), Found::Customer);
    }

    #[test]
    fn a_legend_defines_the_letters_of_a_matrix() {
        let text = "This Agreement is between Meridian Hosting Pte. Ltd. (\"Provider\") and Harbour Freight Pte. Ltd. (\"Client\").\n\n## Schedule 2\n\nLegend: **R** = Provider is responsible. **C** = Client is responsible. **S** = Shared.\n\n| Row | Area | Allocation | Notes |\n|---|---|---|---|\n| 1 | Physical security of the Facility | R | |\n| 2 | Applications and middleware installed by Client | C | |\n| 3 | Operating systems | S | Provider: hardened base images. Client: patches all other servers. |\n| 4 | Network security (edge firewalls) | S | |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "application"), Found::Customer);
        assert_eq!(split_of(text, "os"), (Found::Shared, Some(true)));
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(false)));
        // Without the legend, C is no party (in a RACI table it is "consulted").
        let bare = text.replace(
            "Legend: **R** = Provider is responsible. **C** = Client is responsible. **S** = Shared.",
            "",
        );
        assert_ne!(allocation_of(&bare, "application"), Found::Customer);
    }

    #[test]
    fn matrix_marks_give_parts_and_a_supporting_mark_only_what_the_notes_describe() {
        let text = "This Agreement is between Southern Vault Pty Ltd (\"Provider\") and Marlin Pty Ltd (\"Customer\").\n\n## Schedule 1\n\n| Row | Control | Provider | Customer | Notes |\n|---|---|---|---|---|\n| 1 | Physical security of the facilities | Primary | N/A | |\n| 2 | Applications and databases on Protected Systems | Supporting | Primary | |\n| 3 | Encryption of replication traffic in transit | Primary | Primary | |\n| 4 | Backup copies: encryption at rest and retention | Primary | Supporting | Customer: sets backup scope and retention. |\n| 5 | Security logging of the Platform | Primary | Supporting | Provider retains Platform logs for 12 months. |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "application"), Found::Customer);
        assert_eq!(
            split_of(text, "data.transmission"),
            (Found::Shared, Some(false))
        );
        assert_eq!(split_of(text, "data.storage"), (Found::Shared, Some(true)));
        assert_eq!(allocation_of(text, "data.audit"), Found::Provider);
        let zh = "甲方（客户）：某某超市有限公司\n乙方（服务商）：某某视联科技有限公司\n\n| 序号 | 事项 | 乙方 | 甲方 | 说明 |\n|---|---|---|---|---|\n| 1 | 平台操作日志记录 | ● | ○ | |\n| 2 | 网络安全 | ● | ● | 乙方负责边界防火墙；甲方负责门店网段的访问控制 |\n";
        assert_eq!(allocation_of(zh, "data.audit"), Found::Provider);
        assert_eq!(split_of(zh, "network"), (Found::Shared, Some(true)));
        // RACI: only R gives a part; a column for someone who is not a party gives none.
        let raci = "This Agreement is between Fernhollow Ltd (the \"MSP\") and Calder Ltd (the \"Customer\").\n\nThe Customer has an agreement with Nimbara Cloud Inc. (the \"Hyperscaler\"). The Hyperscaler is not a party to this Agreement.\n\n| # | Activity | Hyperscaler | MSP | Customer |\n|---|---|---|---|---|\n| 1 | Data centre physical security | R | – | I |\n| 2 | Guest operating system patching | – | R | C |\n";
        assert_eq!(allocation_of(raci, "physical"), Found::Absent);
        // "Shared – see clause 6.3" in both columns says both, not who does what.
        let shared = "This Agreement is between Northwind Hosting Ltd (\"Supplier\") and Elm Ltd (\"Customer\").\n\n| # | Area | Supplier | Customer |\n|---|---|---|---|\n| 4 | Network security | Shared – see clause 6.3 | Shared – see clause 6.3 |\n";
        assert_eq!(split_of(shared, "network"), (Found::Shared, Some(false)));
        assert_eq!(allocation_of(raci, "os"), Found::Provider);
        // A symbol may lead the mark's word ("●主责", "○配合", "—不涉及"); a content column that
        // names both parties' parts gives the split.
        let symbols = "甲方（客户）：某某银行股份有限公司\n乙方（服务商）：某某云计算有限公司\n\n| 序号 | 安全层面 | 主要内容 | 乙方 | 甲方 |\n|---|---|---|---|---|\n| 1 | 物理安全 | 机房门禁与监控 | ●主责 | ○配合 |\n| 2 | 网络安全 | 乙方：边界防火墙；甲方：安全组策略 | ●主责 | ●主责 |\n| 3 | 身份与访问管理 | 平台账号与权限管理 | ●主责 | ●主责 |\n";
        assert_eq!(allocation_of(symbols, "physical"), Found::Provider);
        assert_eq!(split_of(symbols, "network"), (Found::Shared, Some(true)));
        assert_eq!(split_of(symbols, "iam"), (Found::Shared, Some(false)));
        // A mixed table: described parts elsewhere, "Shared | Shared" in this row. The word says
        // both, not who does what, unless the notes name each party's part.
        let mixed = "This Agreement is between Kestrel Cloud Pty Ltd (\"Provider\") and Marlin Pty Ltd (\"Customer\").\n\n| Row | Area | Provider | Customer | Notes |\n|---|---|---|---|---|\n| 1 | Physical facilities | Secures the data centres | – | |\n| 7 | Data in transit | Shared | Shared | Both parties share responsibility for protecting data in transit. |\n| 8 | Network security | Shared | Shared | Provider runs the edge firewall; Customer configures security groups. |\n";
        assert_eq!(
            split_of(mixed, "data.transmission"),
            (Found::Shared, Some(false))
        );
        assert_eq!(split_of(mixed, "network"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_list_item_that_only_refers_to_a_clause_takes_the_party_of_its_lead_in() {
        let en = "This Agreement is between Meranti Data Pte Ltd (\"Provider\") and Orchid Pay Pte Ltd (\"Customer\").\n\n\
            ## 5. Customer Obligations\n\n5.1 The Customer shall:\n\n(a) pay the fees when due;\n\n(b) comply with clause 9.4;\n\n\
            5.2 The Customer may use the Platform for its own business.\n\n## 9. Data\n\n9.3 The Provider shall give reasonable regulatory assistance.\n\n\
            9.4 **Data classification.**\n\n(a) Customer Data shall be classified in accordance with a data classification policy before it is loaded.\n";
        assert_eq!(allocation_of(en, "data.management"), Found::Customer);
        // Without the reference the passive duty names no one.
        let none = en.replace("(b) comply with clause 9.4;\n\n", "");
        assert_eq!(allocation_of(&none, "data.management"), Found::Absent);
    }

    #[test]
    fn what_all_of_which_points_back_at_is_the_named_partys() {
        let text = "This Agreement is between Quarryline Analytics, Inc. (\"Provider\") and Harborpoint Corp. (\"Customer\").\n\n1.1 \"Customer Code\" means notebooks, queries, user-defined functions and third-party libraries created or installed by Customer.\n\n5.2 Provider will not be responsible for the security, performance or results of Customer Code, all of which are Customer's responsibility.\n\n5.8 Security logging and the investigation of security incidents are our joint responsibility.\n";
        assert_eq!(allocation_of(text, "application"), Found::Customer);
        assert_eq!(split_of(text, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn limits_on_the_providers_staff_are_data_access() {
        let en = "This Agreement is between Tradewind Pte. Ltd. (\"Provider\") and Kalani Pte. Ltd. (\"Customer\").\n\n5.2 Provider personnel shall not access Kalani Data except to provide support that Customer has requested.\n";
        assert_eq!(allocation_of(en, "data.access"), Found::Provider);
        let zh = "甲方（客户）：某某律师事务所\n乙方（服务商）：某某云笺科技有限公司\n\n（二）乙方不会查看甲方的邮件内容，但经甲方书面授权排查故障的除外。\n";
        assert_eq!(allocation_of(zh, "data.access"), Found::Provider);
    }

    #[test]
    fn client_software_is_not_the_client_and_console_accounts_are_not_virtualisation() {
        let text = "委托方：某某教育科技有限公司\n受托方：某某声通云计算有限公司\n\n第六条 受托方应当按照附件二采取安全措施。\n\n## 附件二 安全措施\n\n2. 坐席客户端与平台之间的语音数据采用TLS协议加密传输。\n\n（九）云管理平台账号及访问密钥的安全管理由双方共同负责。\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Absent);
    }

    #[test]
    fn a_clause_pointing_back_at_the_duty_before_it_takes_its_party() {
        let text = "These Terms are between Tasklane, Inc. (\"Provider\", \"we\") and the customer (\"Customer\", \"you\").\n\n## 5. Security\n\n5.1 We will maintain administrative and technical safeguards designed to protect Your Content.\n\n5.2 Those safeguards include: (a) encrypting Your Content in transit using TLS 1.2 or higher; (b) daily backups retained for 14 days in a separate availability zone.\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        let apart = text.replace(
            "5.2 Those safeguards include:",
            "## 6. Features\n\n6.1 Features include:",
        );
        assert_ne!(allocation_of(&apart, "data.transmission"), Found::Provider);
    }

    #[test]
    fn the_party_that_rents_from_the_other_is_the_customer() {
        let text = "甲方：某某先进计算有限公司\n乙方：某某理工大学\n\n甲方负责超算中心的建设与运营。乙方因承担科研项目需要，向甲方租用超算中心的高性能计算资源。\n\n（一）甲方负责超算中心机房的物理安全，包括门禁、视频监控及供配电。\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
    }

    #[test]
    fn a_term_defined_as_a_list_carries_its_items_to_the_duty_that_names_it() {
        let text = "This Agreement is between Quillstack Labs, Inc. (\"Company\") and the person that creates an account (\"Developer\").\n\n1.6 \"Developer Responsibilities\" means:\n(a) writing and maintaining the code that Developer deploys as Functions;\n(b) configuring firewall rules and IP allow-lists for each Project.\n\n2.2 Developer shall perform the Developer Responsibilities.\n";
        assert_eq!(allocation_of(text, "application"), Found::Customer);
        assert_eq!(allocation_of(text, "network"), Found::Customer);
        let bare = text.replace(
            "2.2 Developer shall perform the Developer Responsibilities.",
            "",
        );
        assert_eq!(allocation_of(&bare, "network"), Found::Absent);
    }

    #[test]
    fn a_heading_over_a_partys_list_gives_its_duties_that_party() {
        let text = "甲方（客户）：某某局\n乙方（服务商）：某某云科技有限公司\n\n## 附件一 安全责任\n\n### 一、云平台运营方（乙方）职责\n\n1. 负责数据中心机房的物理安全，包括门禁管理和视频监控。\n\n2. 平台具备抗DDoS防护能力。\n\n### 二、租户（甲方）职责\n\n1. 负责云服务器操作系统的安全配置和补丁更新。\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        // A description under the heading stays a description.
        assert_eq!(allocation_of(text, "network"), Found::Absent);
    }

    #[test]
    fn a_sentence_that_points_back_spells_out_the_duty_before_it() {
        let text = "These terms are between Acme Ltd (\"we\") and the customer (\"you\").\n\n4.1 Our responsibilities. We are responsible for the security of the Platform itself. This covers the physical security of the data centres, including power, cooling and physical access controls, and the Platform network, including perimeter firewalls and DDoS mitigation.\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "network"), Found::Provider);
    }

    #[test]
    fn a_possessive_in_the_object_is_not_who_keeps_the_backups() {
        let text = "These terms are between Acme Ltd (\"we\") and the customer (\"you\").\n\n5.3 We back up Forge Data and your Application definitions every 24 hours and keep each backup for 30 days.\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
        // A name used as a modifier is no acting subject: the possessive still decides.
        let dpa = "This DPA is between Pixelmoor Inc. (\"Pixelmoor\") and the customer (\"Business\").\n\n9.2 Business Personal Information held in Pixelmoor's backup archives will be deleted when those archives are overwritten.\n";
        assert_ne!(allocation_of(dpa, "data.destruction"), Found::Customer);
    }

    #[test]
    fn the_other_partys_half_of_a_sentence_speaks_of_its_own_matters() {
        let text = "甲方（客户）：某建筑集团有限公司\n乙方（服务商）：某云科技有限公司\n\n第六条 安全责任\n\n（二）乙方负责平台的多租户逻辑隔离以及计算资源的调度管理，甲方负责按照附件一约定的项目数量使用本服务。\n\n（三）乙方负责为数据库实例提供SSL/TLS加密连接能力，甲方负责在其应用客户端启用加密连接。\n";
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        // Unless it repeats the other half's words: then it is its share of the same item.
        assert_eq!(
            split_of(text, "data.transmission"),
            (Found::Shared, Some(true))
        );
    }

    #[test]
    fn a_condition_is_not_an_act_and_a_promise_not_to_look_is_a_duty() {
        let text = "甲方（客户）：某证券股份有限公司\n乙方（服务商）：某云计算有限公司（以下简称\"擎岳云\"）\n\n6.3 为保障甲方数据安全，除甲方书面授权外，擎岳云及其运维人员不登录甲方服务器，不查看、复制或者导出甲方数据。\n\n7.2 擎岳云应当留存控制台的操作日志不少于六个月；甲方开展安全事件调查时，擎岳云应当及时提供前述记录。\n";
        assert_eq!(allocation_of(text, "data.access"), Found::Provider);
        assert_eq!(allocation_of(text, "data.audit"), Found::Provider);
    }

    #[test]
    fn what_happens_before_a_duty_takes_effect_is_not_what_it_allocates() {
        // "…终止后，我们将…": the items of the time before the duty are not its items.
        let text = "本条款是您与某某数据科技有限公司（以下简称\"我们\"）之间的协议。\n\n8.3 本条款因您主动注销账号或者我们依照本条款终止服务等原因终止后，我们将为您保留您的数据十五日。\n";
        assert_eq!(allocation_of(text, "iam"), Found::Absent);
        // But a disclaimer disclaims what its condition names, and a limit's precondition is
        // part of the limit.
        let disclaimer = "本条款是您与某某数据科技有限公司（以下简称\"我们\"）之间的协议。\n\n5.9 因您未开启操作审计功能或者未设置日志投递，导致无法追溯操作记录的，我们不承担责任。\n";
        assert_eq!(allocation_of(disclaimer, "data.audit"), Found::Disclaimed);
        let limit = "本条款是您与某某数据科技有限公司（以下简称\"我们\"）之间的协议。\n\n6.5 我们的员工仅在您为处理支持工单明确授权后，方可在授权范围内查看您的内容，每次查看均会被记录。\n";
        assert_eq!(allocation_of(limit, "data.access"), Found::Provider);
    }

    #[test]
    fn a_reference_to_one_partys_parts_of_a_schedule_gives_no_party() {
        let text = "This Agreement is between Nordvale Cloud Inc. (the \"Contractor\") and the Province of Northland (the \"Province\").\n\n\
            7.1 Schedule D. The Province shall perform the requirements in Schedule D that are stated to be requirements of the Province.\n\n\
            8.6 Testing. The Province may conduct penetration tests of its own Instances on notice to the Contractor, and shall not test any part of the Infrastructure.\n\n\
            ## Schedule D – Security Requirements\n\nD-1 Physical security (Contractor). The Contractor shall house the Infrastructure only in data centres protected by on-site security staff.\n\n\
            D-4 Guest operating systems (Province). The Province shall harden and patch the operating system of each Instance.\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        // A right to test is no application duty, and "…, and shall not test" is the
        // Province's own limit, not the Contractor's.
        assert_eq!(allocation_of(text, "application"), Found::Absent);
    }

    #[test]
    fn a_party_told_to_perform_listed_items_of_an_article_takes_them() {
        let text = "委托方：某市政务服务数据管理局\n受托方：某政务云科技有限公司\n\n## 第五条 安全措施\n\n（一）政务数据应当采用国密算法加密存储，并每日备份。\n\n（二）政务数据在传输过程中应当加密。\n\n## 第六条 双方义务\n\n（一）受托方应当履行本协议第五条第（一）项至第（二）项约定的义务。\n\n（二）本协议不涉及使用单位自建信息系统的操作系统和应用软件的运维，该等事项由使用单位与其运维服务商另行约定。\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        // What the contract leaves to another contract allocates nothing here.
        assert_eq!(allocation_of(text, "os"), Found::Absent);
    }

    #[test]
    fn obligations_that_do_not_extend_to_a_layer_disclaim_it() {
        let text = "This Agreement is between Acme Pay Inc. (the \"Platform\") and Beta Ltd (the \"Program Manager\").\n\n4.1 Hosting. The Platform's obligations under this Agreement do not extend to the physical security of the hosting provider's data centers.\n";
        assert_eq!(allocation_of(text, "physical"), Found::Disclaimed);
    }

    #[test]
    fn a_party_told_to_comply_with_an_article_takes_its_unassigned_duties() {
        let text = "本协议由南京某物联网科技有限公司（以下简称\"我们\"）与您订立。\n\n6.3 您应遵守本协议第6.4条的规定。\n\n6.4 设备端安全要求。\n\n（1）设备与本平台之间的通信应当采用MQTT over TLS或者HTTPS协议，不得使用明文协议接入。\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Customer);
    }

    #[test]
    fn a_description_under_the_providers_heading_is_the_providers_act() {
        let text = "This Agreement is between Acme Registry Ltd (\"Provider\") and Beta Ltd (\"Customer\").\n\n## 4. Provider Commitments\n\n4.1 All push and pull traffic is encrypted using TLS 1.2 or higher.\n\n4.2 The Service supports single sign-on for Members.\n\n## 5. Customer Responsibilities\n\n5.1 Repositories marked public are readable by anyone on the internet.\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        // A feature under the provider's heading, and a description under the customer's,
        // allocate nothing.
        assert_eq!(allocation_of(text, "iam"), Found::Absent);
        let customer = "This Agreement is between Acme Registry Ltd (\"Provider\") and Beta Ltd (\"Customer\").\n\n## 5. Customer Responsibilities\n\n5.1 All push and pull traffic is encrypted using TLS 1.2 or higher.\n";
        assert_eq!(allocation_of(customer, "data.transmission"), Found::Absent);
    }

    #[test]
    fn a_lead_in_inside_a_referenced_schedule_keeps_its_own_party() {
        let text = "This Agreement is between Acme Analytics Ltd (\"Processor\") and Beta Ltd (\"Customer\").\n\n4.3 The Processor shall comply with clause 5 and with Schedule 2.\n\n## Schedule 2 — Security Measures\n\n1. Personal Data is encrypted in transit using TLS 1.2 or higher.\n\n2. Customer is responsible for (a) managing its users and their roles; and (b) keeping its API keys secret.\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
    }

    #[test]
    fn a_party_cell_that_gives_no_part_fills_nothing() {
        let text = "This Agreement is between Acme ML Inc. (\"Vendor\") and Beta Ltd (\"Customer\").\n\n| Vendor | Customer |\n|---|---|\n| Vendor secures the data centres, power and cooling. | Customer has no responsibility for physical facilities. |\n| Vendor operates the control plane and keeps customers isolated from other customers. | Customer must not attempt to reach the control plane. |\n| Vendor patches the operating systems of Model Endpoints. | Customer is responsible for operating system packages it adds. |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        assert_eq!(split_of(text, "os"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_term_that_stands_for_a_schedule_carries_its_duties() {
        let text = "This Agreement is between Acme Cloud Ltd (\"Supplier\") and Beta Trading Ltd (\"Client\").\n\n1.1 \"Security Measures\" means Schedule 2.\n\n6.1 Supplier shall implement and maintain the Security Measures.\n\n## Schedule 2 — Security Measures\n\n1. Segmented production networks, default-deny firewalls and DDoS mitigation.\n2. Security event logs are kept 12 months and monitored.\n";
        assert_eq!(allocation_of(text, "network"), Found::Provider);
        assert_eq!(allocation_of(text, "data.audit"), Found::Provider);
        // Without the duty that names the term, the schedule's passive lines allocate nothing.
        let bare = text.replace(
            "6.1 Supplier shall implement and maintain the Security Measures.",
            "",
        );
        assert_eq!(allocation_of(&bare, "network"), Found::Absent);
    }

    #[test]
    fn a_defined_term_listing_layers_carries_them_into_the_duty() {
        let text = "This Agreement is between Acme Cloud Ltd (\"Provider\") and Beta Trading Ltd (\"Customer\").\n\n1.3 \"Provider Infrastructure\" means the data centers, hardware, hypervisor and control plane that Provider uses to provide the Services.\n\n2.1 Provider is responsible for the security of the Provider Infrastructure.\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        // The definition alone allocates nothing.
        let bare = text.replace(
            "2.1 Provider is responsible for the security of the Provider Infrastructure.",
            "",
        );
        assert_eq!(allocation_of(&bare, "physical"), Found::Absent);
    }

    #[test]
    fn an_active_cross_reference_gives_an_article_to_its_party() {
        let text = "甲方（服务商）：某某云计算有限公司\n乙方（客户）：某某文旅有限公司\n\n## 第六条 运维要求\n\n6.1 云服务器操作系统的补丁更新和安全加固。\n\n## 第七条 责任\n\n7.1 乙方应当履行第六条约定的义务。\n";
        assert_eq!(allocation_of(text, "os"), Found::Customer);
    }

    #[test]
    fn a_duty_to_take_the_measures_set_out_in_an_appendix_gives_them_to_its_party() {
        let text = "Mori Ltd. (hereinafter \"Party A\") and Kumo Inc. (hereinafter \"Party B\") agree as follows. Party A entrusts to Party B the handling of its data.\n\n## Article 7 (Security)\n\nParty B shall take appropriate measures for the security of the data, including the physical and technical measures set out in Appendix 2.\n\n## Appendix 2 (Measures)\n\n1. Operating systems of the servers are kept up to date with security patches.\n";
        assert_eq!(allocation_of(text, "os"), Found::Provider);
        let unlinked = text.replace(
            ", including the physical and technical measures set out in Appendix 2",
            "",
        );
        assert_eq!(allocation_of(&unlinked, "os"), Found::Absent);
    }

    #[test]
    fn a_table_with_one_party_column_lists_that_partys_parts() {
        let text = "ACME LTD (\"Provider\") and BETA SCHOOLS (\"Customer\").\n\n## Exhibit D – Security Requirements\n\n| Control area | Provider obligation |\n|---|---|\n| Network security | Maintain firewalls and intrusion detection. |\n| Encryption in transit | Encrypt all data in transit using TLS 1.2 or higher. |\n";
        assert_eq!(allocation_of(text, "network"), Found::Provider);
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        let customer = text.replace("Provider obligation", "Customer obligation");
        assert_eq!(allocation_of(&customer, "network"), Found::Customer);
    }

    #[test]
    fn a_shared_cell_that_glosses_each_partys_part_is_a_stated_split() {
        let text = "甲方：某某科技有限公司（“客户”）\n乙方：某某云服务有限公司（“服务商”）\n\n## 附件一 安全责任分工\n\n| 序号 | 安全事项 | 责任方 | 备注 |\n|---|---|---|---|\n| 1 | 本服务应用程序安全 | 双方（服务商：本服务程序的安全开发与漏洞修复；客户：其对接程序及接口调用配置的安全） | 另见第四条 |\n| 2 | 安全日志留存与取证 | 双方（共同负责） | |\n";
        assert_eq!(split_of(text, "application"), (Found::Shared, Some(true)));
        assert_eq!(split_of(text, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn what_a_listed_sub_service_provider_does_is_not_the_providers_duty() {
        let text = "甲方：某某科技有限公司（“客户”）\n乙方：某某云服务有限公司（“服务商”）\n\n第四条 本服务所运行的云主机及虚拟化层由基础设施服务商提供和管理；服务商不对虚拟化层的安全缺陷承担责任。\n\n## 附件二《次级服务商清单》\n\n| 序号 | 次级服务商 | 服务内容 | 处理地点 |\n|---|---|---|---|\n| 1 | 某某计算服务有限公司 | 提供数据中心及云主机；负责云主机虚拟化层的运行维护 | 杭州 |\n";
        assert_eq!(
            allocation_of(text, "resource_abstraction"),
            Found::Disclaimed
        );
        let en = "ACME LTD (\"Provider\") and BETA LLC (\"Customer\").\n\n4. Provider is not responsible for the hypervisor, which its hosting partner runs.\n\n| Subprocessor | Service | Location |\n|---|---|---|\n| Cloudco Inc. | Runs and patches the hypervisor and the virtualisation layer | Ireland |\n";
        assert_eq!(allocation_of(en, "resource_abstraction"), Found::Disclaimed);
    }

    #[test]
    fn a_chinese_condition_with_no_subject_continues_the_sentence_before() {
        let text = "甲方：某某科技有限公司（“客户”）\n乙方：某某云服务有限公司（“服务商”）\n\n第四条 数据安全\n\n（八）服务商的运维人员原则上不接触客户数据。确因排查故障需要访问生产环境中的客户数据的，应当事先经服务商安全负责人审批，访问范围以完成排查所必需的最小范围为限。\n";
        assert_eq!(allocation_of(text, "data.access"), Found::Provider);
        let customer = text.replace("（八）服务商的运维人员", "（八）客户的管理员");
        assert_eq!(allocation_of(&customer, "data.access"), Found::Customer);
    }

    #[test]
    fn a_row_whose_responsible_cell_names_someone_else_is_no_partys() {
        let text = "ACME LTD (\"Supplier\") and BETA LTD (\"Customer\").\n\n## Schedule 3 Part A\n\n| Row | Area | Responsible | Supplier's part | Customer's part |\n|---|---|---|---|---|\n| 2 | Hosting facilities: physical security, power, cooling | Cloud Host | See paragraph 3 of Part B | – |\n| 3 | Platform perimeter: firewalls and segmentation | Supplier | Operates boundary firewalls | – |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Absent);
        assert_eq!(allocation_of(text, "network"), Found::Provider);
        let ours = text.replace("| Cloud Host |", "| Supplier |");
        assert_eq!(allocation_of(&ours, "physical"), Found::Provider);
    }

    #[test]
    fn a_table_of_the_third_parties_processing_is_onward_entrusted_to_is_a_sub_processor_list() {
        let text = "北京某某云科技有限公司（以下简称\"我们\"）与您订立本协议。\n\n附件一 数据处理附录\n\n1. 您同意我们将部分处理活动转委托给下表所列的第三方：\n\n| 序号 | 受托方 | 处理活动 | 处理地点 |\n|---|---|---|---|\n| 2 | 北京某某数据科技有限公司 | 提供境内媒体节点所需的服务器、机房和网络资源 | 中国境内 |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Absent);
    }

    #[test]
    fn disclaiming_data_carried_over_a_network_disclaims_transmission() {
        let zh = "甲方（服务商）：某某数据服务有限公司\n乙方（客户）：某某信息技术有限公司\n\n5.9 数据传输。带宽服务为公共互联网接入服务。甲方不对乙方通过带宽服务传输的数据的保密性和完整性承担责任。\n";
        assert_eq!(allocation_of(zh, "data.transmission"), Found::Disclaimed);
        let en = "ACME PTY LTD (\"Provider\") and BETA LIMITED (\"Customer\").\n\n4.5 Provider is not responsible for the security of any network it does not operate, or for Customer Data while it is carried over such a network.\n";
        assert_eq!(allocation_of(en, "data.transmission"), Found::Disclaimed);
    }

    #[test]
    fn a_list_one_party_answers_for_and_the_other_disclaims_is_the_first_partys() {
        let text = "ACME LIMITED (the \"Processor\") and BETA LIMITED (the \"Controller\").\n\n## Annex 2\n\n**Part B – Controller responsibilities**\n\nThe following measures are the responsibility of the Controller, and the Processor has no obligation in respect of them:\n\n1. **User access reviews.** Issuing accounts only to individuals who need them and deactivating an account within one business day after its user leaves.\n\n2. **Configuration.** Reviewing and approving any third-party marketplace application or custom script before it is installed, and securing any integration that the Controller builds.\n";
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        assert_eq!(allocation_of(text, "application"), Found::Customer);
        let disclaimed = text.replace(
            "The following measures are the responsibility of the Controller, and the Processor has no obligation in respect of them:",
            "The Processor has no obligation in respect of the following measures:",
        );
        assert_eq!(allocation_of(&disclaimed, "iam"), Found::Disclaimed);
    }

    #[test]
    fn store_networks_integration_code_and_a_bare_notice_are_read_for_what_they_are() {
        let head =
            "甲方（客户）：某某大药房连锁有限公司\n乙方（服务商）：某某数字医药科技有限公司\n\n";
        let lan = format!("{head}6.6 甲方负责其门店局域网、无线网络和互联网接入线路的安全防护。\n");
        assert_eq!(allocation_of(&lan, "network"), Found::Customer);
        let code = format!("{head}6.8 甲方将其自有的ERP系统与本系统对接的，对接程序的开发、部署和安全由甲方负责。\n");
        assert_eq!(allocation_of(&code, "application"), Found::Customer);
        // Cutting off a store whose network was breached, and telling the customer, is no share
        // of network security.
        let notice = format!("{head}（二）现场网络的安全防护由甲方负责。\n\n（四）因某一门店的现场网络被入侵，导致平台受到攻击的，乙方有权立即断开该门店与平台的连接，并在恢复连接前通知甲方采取处置措施。\n");
        assert_eq!(allocation_of(&notice, "network"), Found::Customer);
        // Returning the other side's trade secrets is confidentiality, not data destruction.
        let secrets = format!("{head}（四）本合同终止后，一方应当按照对方的要求返还或者销毁其持有的对方的商业秘密资料。\n");
        assert_eq!(allocation_of(&secrets, "data.destruction"), Found::Absent);
    }

    #[test]
    fn log_review_and_incident_investigation_are_logging_and_audit() {
        let text = "ACME LTD (\"Supplier\") and BETA LTD (\"Customer\").\n\n| Row | Area | Responsible | Supplier's part | Customer's part |\n|---|---|---|---|---|\n| 8 | Security monitoring, log review and incident investigation | Joint | | |\n";
        assert_eq!(split_of(text, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn end_user_device_systems_and_a_third_partys_patching_are_not_the_providers_os() {
        let zh = "甲方（服务商）：某某智能科技有限公司\n乙方（客户）：某某营销策划有限公司\n\n4.3 底层服务器操作系统的安全加固和补丁更新由某某云算依其运维规范执行，甲方不就该等操作系统可能存在的漏洞或者缺陷向乙方承担任何责任。\n";
        assert_eq!(allocation_of(zh, "os"), Found::Disclaimed);
        let exam = "甲方（客户）：某某协会\n乙方（服务商）：某某科技有限公司\n\n5.4 甲方应当向考生公布客户端对计算机设备、操作系统和网络环境的要求。\n\n（二）您不得试图获取我们未向您开放的节点操作系统权限。\n";
        assert_eq!(allocation_of(exam, "os"), Found::Absent);
        let en = "ACME LTD (\"Processor\") and BETA LTD (\"Controller\").\n\n3. The Controller shall ensure that every laptop, tablet and mobile phone used to access the Services runs a supported operating system version with current security updates.\n";
        assert_eq!(allocation_of(en, "os"), Found::Absent);
    }

    #[test]
    fn deleting_keys_accounts_labels_or_unlawful_content_is_no_data_destruction() {
        let head = "杭州某某云计算有限公司（以下简称\"我们\"）与您订立本协议。\n\n";
        for duty in [
            "5.10 您发现您的数据中含有法律法规禁止发布或者传输的信息的，应当立即停止传输、采取删除等处置措施。",
            "（三）集群用户的密码应当至少每90日更换一次，相关人员离岗或者转岗时应当立即删除或者禁用其集群用户；",
            "(3) API密钥至少每90日轮换一次，已停用的API密钥应当在控制台中删除；",
            "7.4 您不得删除、篡改或者隐匿生成内容中的标识，不得向他人提供删除标识的工具或者服务。",
        ] {
            let text = format!("{head}{duty}\n");
            assert_eq!(allocation_of(&text, "data.destruction"), Found::Absent, "{duty}");
        }
        let data = format!("{head}9.7 保留期届满后，您应当删除该实例的全部数据。\n");
        assert_eq!(allocation_of(&data, "data.destruction"), Found::Customer);
    }

    #[test]
    fn gap_table_matches_the_spec() {
        use Allocation::*;
        use Found as F;
        let c = Perspective::Customer;
        assert_eq!(gap(P, F::Provider, None, c), None);
        assert_eq!(gap(P, F::Customer, None, c), Some(Gap::Inverted));
        assert_eq!(gap(P, F::Shared, Some(true), c), Some(Gap::Inverted));
        assert_eq!(gap(P, F::Disclaimed, None, c), Some(Gap::Disclaimed));
        assert_eq!(gap(C, F::Provider, None, c), None);
        assert_eq!(gap(C, F::Absent, None, c), Some(Gap::Missing));
        assert_eq!(gap(S, F::Customer, None, c), Some(Gap::OneSided));
        assert_eq!(gap(S, F::Shared, Some(false), c), Some(Gap::OneSided));
        assert_eq!(gap(S, F::Shared, Some(true), c), None);
        assert_eq!(gap(S, F::Provider, None, c), None);
        // The provider side mirrors: a provider item put on the customer is no gap for the provider.
        assert_eq!(gap(P, F::Customer, None, Perspective::Provider), None);
        assert_eq!(
            gap(C, F::Provider, None, Perspective::Provider),
            Some(Gap::Inverted)
        );
    }

    #[test]
    fn what_an_exclusion_hands_over_is_what_it_excluded() {
        let head = "This Agreement is between Ferrous Peak, Inc. (\"Provider\") and Halvorsen, Inc. (\"Customer\").\n\n";
        let text = format!("{head}4.2 Provider shall maintain the hardware of each server and replace failed components within 4 hours.\n\n4.4 Hardware replacement does not include reinstalling or recovering any operating system or application, which remains Customer's responsibility.\n");
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
    }

    #[test]
    fn a_condition_before_a_duty_only_to_tell_the_other_side_allocates_nothing() {
        let head =
            "甲方（委托方）：某某供应链管理有限公司\n乙方（受托方）：某某信息科技有限公司\n\n";
        let notice = format!("{head}（六）消费者要求删除其个人信息的，甲方应当在3个工作日内通知乙方；乙方应当在收到通知后删除相应的个人信息。\n");
        assert_eq!(allocation_of(&notice, "data.destruction"), Found::Provider);
        // A duty that does something with what the condition names still takes it.
        let assist = format!("{head}（七）甲方需要迁移数据的，乙方应当提供迁移工具和技术协助。\n");
        assert_eq!(allocation_of(&assist, "data.migration"), Found::Provider);
    }

    #[test]
    fn the_recitals_say_why_the_parties_contract_not_who_does_what() {
        let text = "THIS AGREEMENT is made between NORDHAFEN CLOUD UK LIMITED (the \"Supplier\") and CASTLEBROOK PLC (the \"Customer\").\n\nBACKGROUND:\n\n(A) The Customer wishes the Supplier to manage the operating system of its systems, while the Customer keeps responsibility for the application.\n\nIT IS AGREED as follows:\n\n4.2 The Supplier shall install, harden and patch the operating system of every virtual machine.\n";
        assert_eq!(allocation_of(text, "os"), Found::Provider);
    }

    #[test]
    fn what_a_party_acknowledges_is_a_fact_not_its_duty() {
        let text = format!("{EN_PARTIES}9.1 The Customer acknowledges that the Platform is hosted by a third party in Ireland and that backups will be replicated daily to a second region.\n");
        assert_eq!(allocation_of(&text, "data.storage"), Found::Absent);
        // Unless the party is the subject after "that".
        let own = format!(
            "{EN_PARTIES}9.2 The Customer acknowledges that it shall back up its own exports.\n"
        );
        assert_eq!(allocation_of(&own, "data.storage"), Found::Customer);
    }

    #[test]
    fn a_passive_limit_to_a_partys_staff_is_that_partys_duty() {
        let text = format!("{EN_PARTIES}8.6 Administrator access to the Managed Layers shall be limited to Provider personnel who have passed screening and need that access to perform the Services.\n");
        assert_eq!(allocation_of(&text, "data.access"), Found::Provider);
    }

    #[test]
    fn raci_a_c_and_i_give_no_part() {
        let text = format!("{EN_PARTIES}| Row | Task | Provider | Customer | Other |\n|---|---|---|---|---|\n| 1 | Physical security, power and cooling of the data centres | A | I | Colocation company: R |\n| 2 | Backup and replication of backups | R, A | I | – |\n");
        assert_eq!(allocation_of(&text, "physical"), Found::Absent);
        assert_eq!(allocation_of(&text, "data.storage"), Found::Provider);
    }

    #[test]
    fn a_shared_mark_whose_allocation_column_names_each_part_is_a_stated_split() {
        let text = "This Agreement is between Vaultwright, Inc. (\"Provider\") and Brindle LLC (\"Customer\" or, in Exhibit B, the \"Merchant\").\n\n| Row | Requirement | Provider | Customer | Shared | Allocation within the row |\n|---|---|---|---|---|---|\n| 1 | Install and maintain network security controls | | | X | Provider: segmentation around the Vault; DDoS mitigation. Merchant: network security controls for its own systems. |\n| 2 | Apply secure configurations | | | X | |\n";
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_unit_whose_acts_count_as_a_partys_stands_for_that_party() {
        let text = "甲方（客户）：苏州某某教育管理有限公司\n乙方（服务商）：上海某某信息科技有限公司\n\n一、定义\n\n（三）\"各园\"：指附件二所列的、由甲方举办的幼儿园。各园及其园长在本协议范围内的行为视为甲方的行为。\n\n六、安全\n\n（四）乙方负责配置本平台的安全组、防火墙和抗分布式拒绝服务攻击防护。\n\n（十四）考勤终端的网络接入由各园负责，考勤终端应当接入与办公网络隔离的独立网段。\n";
        assert_eq!(split_of(text, "network").0, Found::Shared);
    }

    #[test]
    fn what_a_notice_must_say_is_its_content_not_its_authors_duty() {
        let text = format!("{ZH_PARTIES}第九条 删除\n\n（一）乙方应当在服务期满后删除甲方数据。\n\n附件五 告知要点\n\n甲方向用户提供的个人信息处理规则，应当说明下列事项：\n\n1. 个人信息的保存期限，撤回同意的，在七日内删除；\n");
        assert_eq!(allocation_of(&text, "data.destruction"), Found::Provider);
    }

    #[test]
    fn a_sentence_that_opens_with_the_other_party_does_not_go_on_from_the_semicolon() {
        // (The log sentence after the semicolon says nothing of the customer's.)
        let alone = format!("{ZH_PARTIES}第十条 比对结果\n\n（五）乙方应当对请求日志进行加密存储。甲方应当自行核对比对结果；乙方保存的请求日志仅用于计费对账，不作为甲方数据的备份。\n");
        assert_eq!(allocation_of(&alone, "data.storage"), Found::Provider);
    }

    #[test]
    fn a_feature_of_what_a_party_provides_is_no_act_of_the_party() {
        let text = format!("{ZH_PARTIES}第十条 网络\n\n（三）乙方提供的低时延专线支持MACsec链路加密，甲方可以根据其业务需要自行选择是否启用。\n");
        assert_eq!(allocation_of(&text, "data.transmission"), Found::Absent);
    }

    #[test]
    fn what_the_other_side_has_already_done_is_the_condition_not_the_duty() {
        let head = "甲方（客户）：某某市自然资源局\n乙方（服务商）：某某云计算有限公司\n\n";
        let text = format!("{head}（二）服务期满后，乙方应当删除甲方数据并出具删除证明。\n\n（四）服务期届满且乙方已按第二十条完成数据退出和删除义务的，甲方应当在15个工作日内退还履约保证金余额。\n");
        assert_eq!(allocation_of(&text, "data.destruction"), Found::Provider);
        // The customer's deciding whether to delete is no deletion of its own.
        let decide = format!("{head}（五）甲方应当核实该联系人信息的来源，并决定是否从派案数据中删除；甲方决定删除的，乙方应当在1个工作日内删除。\n");
        assert_eq!(allocation_of(&decide, "data.destruction"), Found::Provider);
    }

    #[test]
    fn a_clause_set_aside_by_notwithstanding_no_longer_counts_for_its_items() {
        let text = "甲方（客户）：某某制造股份有限公司\n乙方（服务商）：某某云计算有限公司\n\n第七条 操作系统\n\n（三）尽管有附件一第5项的约定，甲方云服务器的操作系统的补丁更新和安全加固，由甲方自行负责。\n\n附件一 安全责任分工表\n\n| 序号 | 安全领域 | 工作内容 | 乙方 | 甲方 |\n|---|---|---|---|---|\n| 5 | 操作系统 | 操作系统的补丁更新与安全加固 | R | C |\n| 6 | 网络安全 | 边界防火墙与DDoS防护 | R | C |\n";
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        // The rows it does not name still count.
        assert_eq!(allocation_of(text, "network"), Found::Provider);
    }

    #[test]
    fn ticks_under_both_parties_say_who_takes_part_not_who_does_what() {
        let text = "(1) ACME HEALTH LIMITED, of Leeds (the \"Supplier\"); and\n(2) ELM SURGERY LIMITED, of Harrogate (the \"Practice\").\n\n| Row | Area | Responsible | Supplier | Practice | Notes |\n|---|---|---|---|---|---|\n| 4 | Application security and configuration | Both | ✓ | ✓ | Supplier: secure development and fixing vulnerabilities. Practice: configuration of templates and integrations. |\n| 7 | Encryption of data in transit | Both | ✓ | ✓ | All connections must use TLS 1.2 or higher. |\n";
        assert_eq!(split_of(text, "application"), (Found::Shared, Some(true)));
        assert_eq!(
            split_of(text, "data.transmission"),
            (Found::Shared, Some(false))
        );
    }

    const EN_PARTIES: &str = "This Agreement is between Northwind Cloud Ltd (\"Provider\") and the customer (\"Customer\").\n\n";
    const ZH_PARTIES: &str =
        "甲方（客户）：苏州某某机械股份有限公司\n乙方（服务商）：南京某某数据服务有限公司\n\n";

    #[test]
    fn raci_cells_that_describe_each_part_state_the_split() {
        let text = format!(
            "{EN_PARTIES}| Area | Provider | Customer | Notes |\n|---|---|---|---|\n\
            | Network security | R – secures the underlay network and mitigates DDoS attacks | R – configures security groups and exposed ports | |\n\
            | Identity and access management | R | R | |\n"
        );
        assert_eq!(split_of(&text, "network"), (Found::Shared, Some(true)));
        // Bare marks say that both take part, not which part is whose.
        assert_eq!(split_of(&text, "iam"), (Found::Shared, Some(false)));
    }

    #[test]
    fn a_duty_only_to_give_notice_takes_none_of_the_sentences_items() {
        let text = format!(
            "{EN_PARTIES}6.7 Customer may penetration-test its own virtual machines without approval, \
            but shall give Provider five days' notice of any test directed at the portal.\n"
        );
        assert_eq!(allocation_of(&text, "application"), Found::Absent);
        // A duty that acts keeps the items.
        let acts = format!(
            "{EN_PARTIES}6.7 Customer may choose its tools, but shall penetration-test its own applications every year.\n"
        );
        assert_eq!(allocation_of(&acts, "application"), Found::Customer);
    }

    #[test]
    fn an_aside_in_brackets_states_nothing_for_the_sentence() {
        let text = format!(
            "{EN_PARTIES}5.2 Provider shall harden and patch the operating systems of the nodes \
            (the Customer has no access to those nodes and is not responsible for them).\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Provider);
    }

    #[test]
    fn a_party_that_only_qualifies_a_third_party_is_not_who_acts() {
        let text = format!(
            "{ZH_PARTIES}5.4 本系统服务器的操作系统由乙方所租用的云服务商提供和维护，乙方对操作系统层面的安全漏洞不承担责任。\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Disclaimed);
    }

    #[test]
    fn security_in_the_platform_is_not_the_platforms_layers() {
        let text = format!(
            "{EN_PARTIES}1.1 \"Platform\" means the service, comprising the hypervisors and the control plane.\n\n\
            5.1 Provider is responsible for security of the Platform; Customer is responsible for security in the Platform.\n"
        );
        assert_eq!(
            allocation_of(&text, "resource_abstraction"),
            Found::Provider
        );
    }

    #[test]
    fn a_description_the_same_clause_disclaims_is_a_feature() {
        let text = format!(
            "{EN_PARTIES}8. Provider shall maintain the following safeguards:\n\n\
            8.1 The Platform records user log-ins and searches in an activity log. Provider makes no commitment \
            as to how long activity log entries are kept, and shall have no responsibility to maintain logs for forensic purposes.\n\n\
            8.2 Provider shall encrypt Customer Data at rest.\n"
        );
        assert_eq!(allocation_of(&text, "data.audit"), Found::Disclaimed);
        assert_eq!(allocation_of(&text, "data.storage"), Found::Provider);
    }

    #[test]
    fn a_duty_does_not_take_the_items_of_the_other_partys_permission() {
        let text = "This Agreement is between Northwind Cloud Ltd (\"Vendor\") and the customer (\"Client\").\n\n\
            11.4 For thirty (30) days after termination (the \"Wind-Down Period\"), Vendor shall keep Client Data \
            available, and Client may export Client Data using the Platform's self-service export tools in native formats.\n";
        assert_eq!(allocation_of(text, "data.migration"), Found::Absent);
    }

    #[test]
    fn statements_alike_speak_to_what_the_whole_sentence_names() {
        let text = format!(
            "{ZH_PARTIES}（三）甲方应当安装和维护服务器上的操作系统及全部应用软件，并应当负责其安全配置和补丁更新。\n"
        );
        assert_eq!(allocation_of(&text, "application"), Found::Customer);
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
    }

    #[test]
    fn a_form_attached_for_third_parties_allocates_nothing() {
        let text = format!(
            "{ZH_PARTIES}第七条 甲方应当在业主迁出后3个工作日内删除其人脸信息。\n\n\
            ## 附件三 人脸识别告知书（示范文本）\n\n三、保存期限。我们将在您迁出后3个工作日内删除您的人脸信息。\n"
        );
        assert_eq!(allocation_of(&text, "data.destruction"), Found::Customer);
    }

    #[test]
    fn a_unit_of_a_party_acts_for_it() {
        let text = format!(
            "{ZH_PARTIES}第七条 云服务器操作系统的补丁更新和安全加固，由甲方信息中心负责。\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
    }

    #[test]
    fn a_term_defined_in_bold_without_quotes_names_the_party() {
        // The markup is gone: "(**the Bank**)" reads "(the Bank)".
        let text = "Kestrel Mutual Bank Limited ABN 12 345 678 901, of 88 Barrack Street, Sydney NSW 2000 (**the Bank**)\n\n\
            Southbank Compute Pty Ltd ACN 987 654 321 (**the Service Provider** or **Ironbark**)\n\n\
            B. The Bank wishes to procure compute instances from the Service Provider.\n\n\
            7.3 The Bank must harden and patch the guest operating systems of its instances.\n\n\
            7.4 Ironbark must maintain the firewalls of the platform.\n";
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        assert_eq!(allocation_of(text, "network"), Found::Provider);
    }

    #[test]
    fn a_supporting_mark_the_legend_says_bears_no_responsibility_is_no_part() {
        let table = |note: &str| {
            format!(
                "{ZH_PARTIES}说明：“●”表示负责；“○”表示配合（仅提供必要的信息或者协助，不承担该项安全责任）。\n\n\
                | 序号 | 安全责任项 | 甲方 | 乙方 | 说明 |\n|---|---|---|---|---|\n\
                | 4 | 应用安全 | ○ | ● | {note} |\n"
            )
        };
        let info = table("乙方负责应用程序的安全开发和漏洞修复。甲方提供对接所需的信息。");
        assert_eq!(allocation_of(&info, "application"), Found::Provider);
        let answers = table("乙方负责平台组件的漏洞修复；甲方自有应用的安全由甲方负责。");
        assert_eq!(
            split_of(&answers, "application"),
            (Found::Shared, Some(true))
        );
        // "不因此承担": the legend's words may stand between 不 and 承担.
        let because = format!(
            "{ZH_PARTIES}注：●表示该方对该事项承担实施和管理责任；○表示该方仅提供必要的配合或者协助，不因此承担该事项的安全责任。\n\n\
            | 编号 | 事项 | 乙方 | 甲方 | 说明 |\n|---|---|---|---|---|\n\
            | M-03 | 实例操作系统 | ○ | ● | 乙方提供公共镜像；系统加固、补丁更新由甲方负责 |\n"
        );
        assert_eq!(allocation_of(&because, "os"), Found::Customer);
    }

    /// "乙方不对…物理安全…承担责任，但乙方应当…通知…，…向其追偿，并将所获赔偿…转付": passing on the
    /// news and the remedy against the hosting company is no part of the layer disclaimed.
    #[test]
    fn an_exception_that_only_passes_on_notice_and_recovery_takes_no_part() {
        let text = format!(
            "{ZH_PARTIES}10.2 乙方不对云基础设施服务商机房的物理安全、供电中断或者硬件故障承担责任，\
            但乙方应当在知悉该等事件后及时通知受影响的客户，依其与云基础设施服务商之间的协议向其追偿，\
            并将所获赔偿中与客户损失相应的部分转付客户。\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Disclaimed);
        let guarded = format!(
            "{ZH_PARTIES}10.2 乙方不对云基础设施服务商机房的物理安全承担责任，\
            但乙方应当每季度检查该服务商机房的门禁和监控记录。\n"
        );
        assert_eq!(allocation_of(&guarded, "physical"), Found::Provider);
    }

    /// A table of maintenance operations names who starts each one ("发起方"), not who answers for
    /// the layer the operation touches.
    #[test]
    fn a_party_in_a_column_of_who_starts_an_operation_is_no_part() {
        let table = |column: &str| {
            format!(
                "{ZH_PARTIES}8.2 维护操作如下表所示。\n\n\
                | 维护操作 | {column} | 执行时间 |\n|---|---|---|\n\
                | 宿主机维护迁移 | 乙方 | 可维护时间段 |\n\
                | 主备切换演练 | 甲方 | 甲方选择的时间 |\n"
            )
        };
        assert_eq!(
            allocation_of(&table("发起方"), "resource_abstraction"),
            Found::Absent
        );
        assert_eq!(
            allocation_of(&table("责任方"), "resource_abstraction"),
            Found::Provider
        );
    }

    #[test]
    fn what_a_schedule_is_about_and_a_data_term_allocate_nothing() {
        let text = format!(
            "{EN_PARTIES}1.1 \"Customer Data\" means all data, including container images and configuration data, that Customer uploads.\n\n\
            SCHEDULE 1 – SHARED RESPONSIBILITY\n\n\
            This Schedule describes, layer by layer, the security responsibilities of the Parties. \
            It covers the control plane, the worker nodes, and identity and access.\n\n\
            6.1 Customer is responsible for classifying Customer Data according to its protection needs and for ensuring that Customer Data is lawful.\n"
        );
        assert_eq!(allocation_of(&text, "resource_abstraction"), Found::Absent);
        assert_eq!(allocation_of(&text, "iam"), Found::Absent);
        assert_eq!(allocation_of(&text, "os"), Found::Absent);
    }

    /// "Nothing in this clause 8 obliges Provider to back up …" inside "PART A – GENERAL TERMS"
    /// (whose article 8 the splitter numbers "Part A(8)"): clause 8's plan is no backup duty.
    #[test]
    fn nothing_in_this_clause_obliging_sets_aside_its_duties_on_what_it_names() {
        let text = format!(
            "{EN_PARTIES}## PART A – GENERAL TERMS\n\n### 8. BUSINESS CONTINUITY\n\n\
            8.1 Provider shall maintain a business continuity and disaster recovery plan for the Cloud Platform.\n\n\
            8.2 Nothing in this clause 8 obliges Provider to back up, replicate or restore Customer Data.\n\n\
            ### 9. OTHER\n\n9.1 Customer is responsible for backing up Customer Data.\n"
        );
        assert_eq!(allocation_of(&text, "data.storage"), Found::Customer);
    }

    #[test]
    fn nothing_in_a_section_obliging_sets_aside_all_of_its_duties() {
        let text = format!(
            "{EN_PARTIES}5.1 Managed Services are an optional add-on. The Order Form does not include Managed Services.\n\n\
            5.2 For each Server covered by an Order Form that includes Managed Services, Provider will:\n\n\
            (a) patch and harden the operating system;\n\n(b) back up Customer Data daily;\n\n\
            5.3 Unless Customer orders Managed Services, nothing in Section 5.2 obliges Provider to do anything.\n\n\
            6.1 Customer is solely responsible for the operating system of each Server.\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
        assert_eq!(allocation_of(&text, "data.storage"), Found::Absent);
    }

    #[test]
    fn under_a_heading_the_clauses_disclaimer_undoes_a_description() {
        let text = format!(
            "{EN_PARTIES}## 4. PROVIDER RESPONSIBILITIES\n\n4.1 **Network.** Provider shall operate the network and mitigate DDoS attacks.\n\n\
            4.5 **Operating system images.** As a convenience, Provider makes operating system images available in the portal. \
            Provider does not maintain, patch or support any operating system after installation and is not responsible for any vulnerability in it.\n\n\
            ## 5. CUSTOMER RESPONSIBILITIES\n\n5.1 Customer is responsible for patching the operating system.\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
        assert_eq!(allocation_of(&text, "network"), Found::Provider);
    }

    #[test]
    fn a_lead_in_in_the_clause_is_nearer_than_the_heading_over_it() {
        let text = format!(
            "{EN_PARTIES}## 4. CUSTOMER RESPONSIBILITIES\n\n**4.1 Accounts.** Customer shall keep its passwords confidential.\n\n\
            **4.3 Customer Data.** Customer is responsible for:\n\n\
            - classifying Customer Data in accordance with its own information classification policy;\n\
            - the accuracy and legality of Customer Data.\n"
        );
        assert_eq!(allocation_of(&text, "data.management"), Found::Customer);
    }

    #[test]
    fn a_party_in_the_support_column_takes_part_and_the_row_says_which() {
        let text = format!(
            "{EN_PARTIES}| Ref | Security area | Lead | Support | Responsibilities |\n|---|---|---|---|---|\n\
            | R1 | Hosting facilities | Provider | — | Physical access control and CCTV at the data centres. |\n\
            | R3 | Network boundary | Provider | Customer | Lead: operate firewalls and DDoS protection. Support: keep the customer's own corporate network secure. |\n\
            | R6 | Identity and access management | Provider | Customer | Single sign-on for all users. |\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
        assert_eq!(split_of(&text, "network"), (Found::Shared, Some(true)));
        assert_eq!(split_of(&text, "iam"), (Found::Shared, Some(false)));
    }

    #[test]
    fn notes_that_give_the_other_party_its_part_make_the_row_shared() {
        let text = format!(
            "{ZH_PARTIES}| 序号 | 安全领域 | 责任内容 | 责任方 | 备注 |\n|---|---|---|---|---|\n\
            | 4 | 数据存储安全 | 甲方数据的加密存储与备份 | 乙方 | 仅限云端生产环境；院内终端本地缓存的数据由甲方负责 |\n\
            | 1 | 物理环境安全 | 数据中心的物理访问控制 | 乙方 | 乙方使用第三方数据中心的，不因此减轻乙方的责任 |\n"
        );
        assert_eq!(split_of(&text, "data.storage"), (Found::Shared, Some(true)));
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
    }

    #[test]
    fn a_supporting_mark_is_no_part_where_the_notes_name_that_party_as_the_one_served() {
        // "向乙方开放…查询": the notes name 乙方 as the one the provider's logs serve, not as one
        // who does part of the row.
        let text = format!(
            "{ZH_PARTIES}说明：●为负责方；○为配合方。\n\n| 序号 | 安全层面 | 责任内容 | 乙方 | 甲方 |\n|---|---|---|---|---|\n\
            | 13 | 安全审计 | 平台层运维操作日志的记录和留存，向甲方开放其租户内资源操作日志的查询 | ● | ○ |\n\
            | 12 | 身份鉴别 | 乙方负责平台账号体系；甲方负责子账号的分配和口令管理 | ○ | ● |\n"
        );
        assert_eq!(allocation_of(&text, "data.audit"), Found::Provider);
        assert_eq!(split_of(&text, "iam"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_layer_cell_that_names_a_product_s_application_is_the_application_row() {
        // "| 4 | The RecordSpace application | | | ✓ | Supplier: …; Agency: … |": the row's
        // layer stays with both, though only the Supplier's measures name it.
        let text = format!(
            "{EN_PARTIES}| Row | Control area | Provider | Customer | Both | Notes |\n|---|---|---|---|---|---|\n\
            | 4 | The RecordSpace application | | | ✓ | Provider: secure development and vulnerability remediation. Customer: configuration of its tenancy. |\n"
        );
        assert_eq!(split_of(&text, "application"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_promise_not_given_is_a_disclaimer() {
        // "不对…作出任何保证": no warranty, not a duty to warrant.
        let text = format!(
            "{ZH_PARTIES}6.4 乙方可以提供操作系统参考镜像。乙方不对参考镜像的安全性和适用性作出任何保证，亦不负责甲方操作系统的安全加固和补丁更新。\n\n6.5 甲方负责操作系统的安装、安全加固和补丁更新。\n"
        );
        assert_eq!(allocation_of(&text, "os"), Found::Customer);
    }

    #[test]
    fn measures_in_a_part_of_a_named_schedule_are_the_party_s() {
        // "the measures in Part B of the Security Schedule": the schedule's name stands between.
        let text = format!(
            "{EN_PARTIES}6.1 Provider shall implement and maintain the measures in Part B of the Security Schedule.\n\n\
            6.2 Customer shall perform the responsibilities in Part A of the Security Schedule.\n\n\
            ## Schedule 4 — Security Schedule\n\n**Part A — Customer's responsibilities**\n\n\
            §1 Create, change and remove user accounts and review all roles every quarter.\n\n\
            **Part B — Provider's security measures**\n\n\
            §2 **Network.** Perimeter firewalls, a web application firewall and DDoS protection.\n"
        );
        assert_eq!(allocation_of(&text, "network"), Found::Provider);
        assert_eq!(allocation_of(&text, "iam"), Found::Customer);
    }

    #[test]
    fn a_hosting_company_s_work_is_no_party_s_duty() {
        // 由 a third party, with a party named only as the other side of its agreement; and the
        // rows of a sub-processor list.
        let text = format!(
            "{ZH_PARTIES}7.6 本服务所使用数据中心的物理安全、供电和制冷，由附件三所列托管服务商依照其与乙方之间的协议负责。\n\n\
            ## 附件三 分受托方清单\n\n| 编号 | 名称 | 所在地 | 处理活动 |\n|---|---|---|---|\n\
            | SP-1 | 华域云计算有限公司 | 中国上海 | 基础设施托管：负责其数据中心的物理安全、供电和制冷，以及退役存储介质的销毁 |\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Absent);
        assert_eq!(allocation_of(&text, "data.destruction"), Found::Absent);
    }

    #[test]
    fn text_under_a_heading_without_a_number_is_terms_not_preamble() {
        let text = format!(
            "{EN_PARTIES}## 7. Security\n\n7.1 Provider shall encrypt Customer Data at rest.\n\n\
            ## EXHIBIT B – SHARED RESPONSIBILITY MODEL\n\n### Foundation\n\n\
            B.1(a) Provider is responsible for the physical security of the data centres.\n\n\
            ### Network policies\n\nB.5(b) Customer is responsible for defining network policies and firewall rules for its workloads.\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
        assert_eq!(allocation_of(&text, "network"), Found::Customer);
        // Plain-English terms whose sections have question headings and no numbers.
        let text = format!(
            "{EN_PARTIES}## What we do to keep your recordings safe\n\nProvider is responsible for the physical security of the data centres.\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
    }

    #[test]
    fn a_party_s_duties_labelled_by_its_name_and_cells_that_give_the_row_to_no_party() {
        // "乙方职责：…" (a 运维界面说明书), "见《安全白皮书》" and "由基础云服务商负责" in a party's cell.
        let text = format!(
            "{ZH_PARTIES}## 附件一 运维界面说明书\n\n### 1.2 云平台层\n\n甲方职责：无。\n\n\
            乙方职责：计算虚拟化层（含虚拟化管理程序）和云管理平台的部署、配置、补丁和版本管理；租户之间的资源隔离。\n\n\
            ## 附件二 安全责任一览\n\n| 层面 | 乙方 | 甲方 |\n|---|---|---|\n\
            | 机房、供电与硬件 | 由基础云服务商负责运维 | — |\n| 主机与操作系统 | 见《安全白皮书》 | — |\n"
        );
        assert_eq!(
            allocation_of(&text, "resource_abstraction"),
            Found::Provider
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Absent);
        assert_eq!(allocation_of(&text, "os"), Found::Absent);
        let text = format!(
            "{EN_PARTIES}## Schedule 2\n\nProvider's obligations: physical security of the data centres.\n\n\
            Customer responsibilities: network security groups and firewall rules for its workloads.\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
        assert_eq!(allocation_of(&text, "network"), Found::Customer);
    }

    #[test]
    fn raci_marks_and_a_term_defined_with_its_article() {
        // "– hereinafter "the Contractor" –": the table's "Contractor" column is that party's; the
        // parent company defined on the way is no party; R/A is the party that does the work.
        let text = "between\n\nthe **Land Westmark**, represented by the Ministry of the Interior,\n\n– hereinafter \"the Client\" –\n\nand\n\n**Mainwerk Cloud GmbH**, Frankfurt am Main,\n\n– hereinafter \"the Contractor\" –\n\n\
            The Contractor is a wholly owned subsidiary of Halvorsen Compute Inc., Wilmington, Delaware, USA (hereinafter \"the Parent Company\").\n\n\
            ## § 5 Allocation of responsibilities\n\n| Row | Area | Contractor | Client |\n|---|---|---|---|\n\
            | 1 | Data centre premises, power supply, cooling and physical hardware | R/A | I |\n\
            | 3 | Guest operating systems: installation, hardening and patching | C | R/A |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        let p = super::super::report_of(text).parties;
        assert!(!p.customer.iter().any(|a| a.contains("Parent")), "{p:?}");
    }

    #[test]
    fn a_row_without_party_columns_speaks_to_its_layer_too() {
        let text = format!(
            "{ZH_PARTIES}附件二 安全措施\n\n| 序号 | 安全领域 | 措施 |\n|---|---|---|\n\
            | 1 | 安全管理制度 | 乙方应当制定个人信息保护内部管理制度和操作规程，并指定个人信息保护负责人。 |\n"
        );
        assert_eq!(allocation_of(&text, "data.management"), Found::Provider);
    }

    #[test]
    fn a_tick_under_both_parties_is_a_part_for_each() {
        let text = format!(
            "{ZH_PARTIES}| 安全事项 | 乙方 | 甲方 | 双方 | 说明 |\n|---|---|---|---|---|\n\
            | （1）数据中心物理安全 | √ | | | 见第六条（二） |\n\
            | （3）云桌面操作系统安全 | | | √ | 乙方提供经安全加固的基础镜像；甲方负责已发放实例操作系统的补丁更新 |\n\
            | （8）安全日志与事件取证 | | | √ | 双方按照各自职责相互配合 |\n"
        );
        assert_eq!(allocation_of(&text, "physical"), Found::Provider);
        assert_eq!(split_of(&text, "os"), (Found::Shared, Some(true)));
        assert_eq!(split_of(&text, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn cells_that_only_point_at_a_clause_say_who_takes_part_not_who_does_what() {
        let text = "These terms are between Brolga Pipelines Pty Ltd (\"we\", \"us\") and you.\n\n\
            | Area | You | Us |\n|---|---|---|\n\
            | Physical security of data centres and hardware | – | – (provided by our Hosting Provider – see clause 8.2) |\n\
            | Network security | Both – see clause 8.4 | Both – see clause 8.4 |\n\
            | Runner operating systems | Patch your own runner images | Patch the hosted runner images |\n";
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(false)));
        assert_eq!(split_of(text, "os"), (Found::Shared, Some(true)));
        assert_eq!(allocation_of(text, "physical"), Found::Absent);
    }

    #[test]
    fn contractions_state_duties_and_disclaimers() {
        let text = "These terms are between Brolga Pipelines Pty Ltd (\"we\", \"us\") and you.\n\n\
            15.4 We'll delete your Content within 30 days after the export period ends.\n\n\
            15.5 We're not responsible for migrating your pipelines or Content to or from the Platform.\n";
        assert_eq!(allocation_of(text, "data.destruction"), Found::Provider);
        assert_eq!(allocation_of(text, "data.migration"), Found::Disclaimed);
    }

    #[test]
    fn a_party_made_responsible_for_a_paragraph_of_a_part_takes_its_items() {
        let text = "This Agreement is between Pelangi Lending Technologies Pte. Ltd. (\"the Vendor\") and Straits Meridian Bank Limited (\"the Bank\").\n\n\
            8.2 **Bank Dependencies.** Notwithstanding anything in Part A, the Bank (and not the Vendor) is responsible for the tasks listed as Bank Dependencies in Part B paragraph 5.\n\n\
            ## SCHEDULE 1 – TECHNOLOGY RISK SCHEDULE\n\n### Part A – Vendor Obligations\n\n\
            4. **Network security.** The Vendor shall operate firewalls and DDoS protection for the Platform.\n\n\
            ### Part B – Bank Obligations\n\n5. **Bank Dependencies.** The following tasks are Bank Dependencies:\n\n\
            (b) configuring the IP allow-list for the Bank's own network egress points;\n";
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_legend_names_the_parties_of_a_table_and_labelled_measures_split_a_row() {
        let text = "This contract is between Lindgrund Rechenzentrum GmbH (the \"Contractor\") and Stadtwerke Wendelsau GmbH (the \"Principal\").\n\n\
            ## Annex 2 – Technical and Organisational Measures\n\n\
            **Legend for the column \"Responsible\":** AN = Contractor (*Auftragnehmer*); AG = Principal (*Auftraggeber*).\n\n\
            | No. | Control objective | Measures | Responsible |\n|---|---|---|---|\n\
            | 1 | Physical access control | Security zones with badge access; video surveillance of the server rooms | AN |\n\
            | 2 | System access control | Personal user accounts; two-factor authentication for administrative users | AG |\n\
            | 4 | Transfer control | AN: TLS 1.2 or higher for the portal; encrypted replication of backups between the data centres. AG: encryption of connections to the applications it operates (e.g. TLS, site VPN) | AN / AG |\n\
            | 9 | Network security | Segmentation of virtual networks; firewalls; DDoS protection | AN / AG |\n";
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        assert_eq!(
            split_of(text, "data.transmission"),
            (Found::Shared, Some(true))
        );
        // Backups are named in the Contractor's measures only: they are its part alone.
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(false)));
        // Without the legend the codes are nobody, and "an" in prose is never the Contractor.
        let bare = text.replace("**Legend for the column \"Responsible\":** AN = Contractor (*Auftragnehmer*); AG = Principal (*Auftraggeber*).", "");
        assert_eq!(allocation_of(&bare, "physical"), Found::Absent);
    }

    #[test]
    fn it_after_a_party_that_opens_the_sentence_before_is_that_party() {
        let text = "This contract is between Lindgrund Rechenzentrum GmbH (the \"Contractor\") and Stadtwerke Wendelsau GmbH (the \"Principal\").\n\n\
            § 5 Security\n\n\
            (4) ¹The Contractor offers standard images of common operating systems in the Management Portal. \
            ²It shall update these standard images at least monthly with the security updates published by the manufacturer.\n\n\
            (5) ¹The Principal is responsible for the guest operating systems it operates on the VMs.\n";
        assert_eq!(split_of(text, "os"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_present_tense_act_after_the_clause_number_is_a_duty() {
        let text = "These terms are between Brolga Pipelines Pty Ltd (\"we\", \"us\") and you.\n\n\
            9.1 We encrypt Content in transit between the Platform and your browser using TLS 1.2 or higher.\n\n\
            9.2 We encrypt Content at rest using AES-256.\n\n\
            9.3 You're responsible for keeping your own copies of any Content you need.\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
        assert_eq!(split_of(text, "data.storage"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_short_name_the_recitals_give_a_side_names_it() {
        let text = "**甲方（客户）**：恒岳人寿保险股份有限公司\n\n**乙方（服务商）**：杭州澜栈智算科技有限公司\n\n鉴于：\n\n\
            （一）甲方是经批准设立的人身保险公司（以下简称\"恒岳人寿\"），拟将其核心业务系统迁移至混合云；\n\n\
            （二）乙方以\"澜栈云\"品牌提供云计算基础设施服务（本合同以下将乙方简称为\"澜栈云\"）。\n\n\
            7.5 澜栈云的员工对恒岳人寿客户数据的任何运维访问，均应当事先取得审批，并经由恒岳人寿部署的运维堡垒机进行。\n\n\
            7.6 恒岳人寿负责其用户账号的开通、权限分配和注销。\n";
        let p = super::super::report_of(text).parties;
        assert!(p.provider.contains(&"澜栈云".to_string()), "{p:?}");
        assert!(p.customer.contains(&"恒岳人寿".to_string()), "{p:?}");
        // "经由恒岳人寿部署的堡垒机" is the way the provider's staff go, not the customer's act.
        assert_eq!(allocation_of(text, "data.access"), Found::Provider);
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
    }

    #[test]
    fn a_signature_block_laid_out_as_a_table_allocates_nothing() {
        let text = "我方：北京图衡时空信息技术有限公司\n贵方：开发者\n\n\
            5.2 贵方应当妥善保管开发者账号及AK。\n\n## 签署确认\n\n| 我方 | 贵方 |\n|---|---|\n\
            | 北京图衡时空信息技术有限公司（电子签章） | 以开发者账号在控制台勾选确认 |\n\
            | 协议版本号：V4.1 | 账号ID及确认时间：以系统记录为准 |\n";
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
    }

    #[test]
    fn a_supporting_column_the_legend_says_bears_no_responsibility_takes_no_part() {
        let text = "甲方：某某制动系统股份有限公司\n乙方：某某工业互联网科技有限公司\n\n\
            ## 第六条 安全责任划分\n\n（一）责任矩阵中，“主责”指负责组织实施该事项并对其结果承担责任的一方；“配合”指仅提供信息或者技术协助的一方，配合方不因其配合行为而承担主责方的责任。\n\n\
            | 序号 | 事项 | 主责 | 配合 | 说明 |\n|---|---|---|---|---|\n\
            | 1 | 数据中心物理环境、服务器硬件 | 某某云 | 乙方 | 乙方进行供应商管理 |\n\
            | 4 | 边缘网关操作系统及其安全补丁 | 甲方 | 乙方 | 乙方提供兼容版本清单 |\n";
        assert_eq!(allocation_of(text, "os"), Found::Customer);
        assert_eq!(allocation_of(text, "physical"), Found::Absent);
        // Without the legend the supporting party takes part.
        let plain = text.replace("，配合方不因其配合行为而承担主责方的责任", "");
        assert_eq!(allocation_of(&plain, "os"), Found::Shared);
    }

    #[test]
    fn a_clause_far_above_an_annexed_matrix_can_define_its_supporting_mark() {
        let filler = "（二）乙方应当按照约定提供服务。\n\n".repeat(40);
        let text = format!(
            "甲方：某市自然资源和规划局\n乙方：某某数智云科技有限公司\n\n## 第七条 安全责任\n\n\
            （一）安全责任矩阵中，标注“负责”的一方承担该事项的安全责任并组织实施；标注“参与”的一方按照负责方的要求提供配合、审批或者必要信息。\n\n\
            {filler}## 附件一 安全责任矩阵\n\n| 序号 | 事项 | 乙方 | 甲方 | 说明 |\n|---|---|---|---|---|\n\
            | 8 | 专线及传输加密 | 负责 | 参与 | 甲方提供办公大楼机房的接入条件 |\n"
        );
        assert_eq!(allocation_of(&text, "data.transmission"), Found::Provider);
        let plain = text.replace(
            "标注“参与”的一方按照负责方的要求提供配合、审批或者必要信息。",
            "",
        );
        assert_eq!(allocation_of(&plain, "data.transmission"), Found::Shared);
    }

    #[test]
    fn a_table_of_contacts_names_people_to_call_not_who_does_what() {
        let text = "委托方：某市第一人民医院\n受托方：某某语音科技有限公司\n\n\
            7.1 受托方应当在转写确认后72小时内删除录音数据。\n\n## 附件八 联系人及升级路径\n\n\
            | 事项 | 委托方 | 受托方 | 升级路径 |\n|---|---|---|---|\n\
            | 日常指示与删除指令 | 信息中心管理员 | 项目经理 | 2个工作日内未处理的，升级至双方负责人 |\n";
        assert_eq!(allocation_of(text, "data.destruction"), Found::Provider);
        let en = "This Agreement is between Lumivox Ltd (\"Provider\") and Harbour Trust (\"Customer\").\n\n\
            5.1 Provider shall delete Customer Data within 30 days after termination.\n\n\
            | Matter | Customer contact | Provider contact |\n|---|---|---|\n\
            | Deletion requests | IT service desk | Account manager |\n";
        assert_eq!(allocation_of(en, "data.destruction"), Found::Provider);
    }

    #[test]
    fn an_amendment_counts_for_what_it_says_now_not_for_the_words_it_replaces() {
        let text = "甲方：某市住房公积金管理中心\n乙方：某某云计算有限公司\n\n\
            ## 第三条 安全责任\n\n（三）原合同第六条第（三）项中的“甲方负责云服务器内数据的备份”修改为“乙方负责云服务器内数据的备份，每日进行一次快照备份”。\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
    }

    #[test]
    fn inherited_and_shared_columns_of_a_control_matrix_name_the_parties() {
        let text = "This Contract is between the Department of Vocational Rehabilitation (the \"Department\") and Kettleridge Software, Inc. (\"Contractor\").\n\n\
            ## Exhibit C – Customer Responsibility Matrix\n\n\
            | Row | Family | Controls | Inherited | Shared | Customer | Implementation Statement |\n|---|---|---|---|---|---|---|\n\
            | 1 | AC | AC-2 Account management | | | X | The Department creates and disables user accounts. |\n\
            | 3 | AU | AU-2 Audit and accountability | | X | | Audit and accountability responsibilities are shared between Contractor and the Department. |\n\
            | 10 | PE | PE-3 Physical and environmental protection | X | | | Inherited from the data centers. |\n\
            | 14 | SC | SC-7 Boundary protection | | X | | Contractor implements firewalls at the external interfaces of the Service. The Department is responsible for boundary protection of the State networks. |\n";
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        assert_eq!(allocation_of(text, "physical"), Found::Provider);
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(true)));
        // Notes that only say the row is shared state no split.
        assert_eq!(split_of(text, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn the_same_words_under_both_parties_and_a_permission_in_a_cell_state_no_part() {
        let text = "甲方：某市住房公积金管理中心\n乙方：某某云计算有限公司\n\n\
            | 序号 | 安全事项 | 责任方 | 乙方职责 | 甲方职责 |\n|---|---|---|---|---|\n\
            | 7 | 身份鉴别和访问控制 | 双方 | 双方共同负责云管理平台账号和口令的安全管理 | 双方共同负责云管理平台账号和口令的安全管理 |\n";
        assert_eq!(split_of(text, "iam"), (Found::Shared, Some(false)));
        let en = "This Agreement is between Kestrel Ridge Cloud Services Limited (\"Reseller\", \"we\") and you (\"Customer\").\n\n\
            | Row | Area | Reseller | You |\n|---|---|---|---|\n\
            | 2 | Hypervisor, host systems, tenant isolation | Operates them | May ask us to request a limit increase |\n";
        assert_eq!(allocation_of(en, "resource_abstraction"), Found::Provider);
    }

    #[test]
    fn a_company_the_definitions_name_beside_the_parties_is_a_third_party() {
        let text = "This Agreement is between KESTREL RIDGE CLOUD SERVICES LIMITED (\"Reseller\", \"we\") and GLENBARRA FREIGHT LIMITED (\"Customer\", \"you\").\n\n\
            \"**Cloud Vendor**\" means Stratacore Cloud Inc. and its affiliates that operate the Vendor Platform;\n\n\
            | Row | Area | Cloud Vendor (information only) | Reseller | You |\n|---|---|---|---|---|\n\
            | 1 | Data centres, hardware, power and cooling | Operates and secures them | – | – |\n\n\
            7.2 We are not responsible for the data centres, hardware, power and cooling of the Vendor Platform.\n\n\
            13.3 You, or a successor contractor you designate, are responsible for mapping and loading the exported data in the successor system.\n";
        assert_eq!(allocation_of(text, "physical"), Found::Disclaimed);
        assert_eq!(allocation_of(text, "data.migration"), Found::Customer);
    }

    #[test]
    fn a_key_that_glosses_each_letter_and_lead_and_informed_words_mark_the_parties() {
        let text = "This Agreement is between Northwind Research Cloud Consortium (the \"Provider\") and Port Ardent University (the \"University\").\n\n\
            ## SCHEDULE A – RESPONSIBILITY ASSIGNMENT\n\n**Key.** Each row is marked with one of the following letters:\n\n\
            - **P** (Provider): the Provider is responsible for the whole of the row.\n\
            - **U** (University): the University is responsible for the whole of the row.\n\
            - **S** (Shared): both Parties are responsible.\n\n\
            | Row | Area | Assignment | Notes |\n|---|---|---|---|\n\
            | 2 | Hypervisor and tenant isolation | P | |\n\
            | 4 | Network security: security groups and firewalls | S | |\n\
            | 9 | User accounts, credentials and multi-factor authentication | U | |\n";
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        assert_eq!(split_of(text, "network"), (Found::Shared, Some(false)));
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        let zh = "甲方：某某制造有限公司\n乙方：杭州聘云科技有限公司\n\n\
            | 编号 | 事项 | 乙方 | 甲方 | 说明 |\n|---|---|---|---|---|\n\
            | T-01 | 网络边界防护（防火墙、入侵检测、抗DDoS攻击） | 主导 | 知会 | 乙方部署和维护防护措施 |\n";
        assert_eq!(allocation_of(zh, "network"), Found::Provider);
    }

    #[test]
    fn text_after_a_table_belongs_to_the_clause_the_table_is_in() {
        let text = "This Agreement is between Lumivox Ltd (\"we\") and you.\n\n## Annex 1 — How we process personal data for you\n\n\
            **§2 Details.**\n\n| Item | Detail |\n|---|---|\n| Subject matter | Transcription of recordings |\n\n\
            **§5 Security.** We will encrypt Customer Personal Data at rest using AES-256.\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Provider);
    }

    #[test]
    fn a_condition_before_each_party_goes_with_that_party() {
        let text = "甲方：某市住房公积金管理中心\n乙方：某某云计算有限公司\n\n第三条 安全责任\n\n\
            （二）安全事项由双方协商确定；协商不成的，属于云平台宿主机和虚拟化层的，由乙方负责，属于甲方自行部署的应用程序的，由甲方负责。\n";
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        assert_eq!(allocation_of(text, "application"), Found::Customer);
    }

    /// "The Operator does not back up Workload Data", "gives no warranty or undertaking in
    /// respect of their physical security": the provider disclaims; a prohibition on its staff
    /// taking a snapshot is no storage term.
    #[test]
    fn not_backing_up_and_giving_no_undertaking_disclaim() {
        let head = "This Agreement is between Aldermoor Telecommunications plc (the \"Operator\") and Wrenfield Castings Limited (the \"Customer\").\n\n";
        let backup = format!("{head}9.1 The Operator's personnel shall not log in to, or take a snapshot or copy of, any Workload except at the Customer's written request.\n\n10.4 The Operator does not back up Workload Data.\n");
        assert_eq!(allocation_of(&backup, "data.storage"), Found::Disclaimed);
        let physical = format!("{head}6.3 The physical security of those data centres is the responsibility of the Hosting Provider under its own terms. The Operator does not operate those data centres and gives no warranty or undertaking in respect of their physical security.\n");
        assert_eq!(allocation_of(&physical, "physical"), Found::Disclaimed);
        let runs = format!("{head}6.3 The Customer is responsible for all applications, containers, databases and other software that it runs in its Workloads.\n");
        assert_eq!(allocation_of(&runs, "application"), Found::Customer);
    }

    /// "附件二所列各项措施，除附件二第9项由委托方负责实施外，均由受托方负责实施": the schedule's
    /// passive measures are the provider's, the one item excepted the customer's.
    #[test]
    fn a_schedule_given_to_one_party_with_one_item_excepted() {
        let text = "# 个人信息委托处理协议\n\n委托方：某健身有限公司\n受托方：某数智科技有限公司\n\n5.2 附件二《安全保护措施》所列各项措施，除附件二第9项由委托方负责实施外，均由受托方负责实施。\n\n## 附件二 安全保护措施\n\n1. 租户隔离：委托方的数据在本系统中按租户进行逻辑隔离，其他客户无法访问委托方的数据。\n\n6. 网络防护：在本系统生产环境部署防火墙、入侵检测和抗分布式拒绝服务攻击防护。\n\n9. 门店网络隔离：门店人脸识别终端应当接入独立的门店网段或者虚拟局域网，与门店访客无线网络相互隔离。\n";
        assert_eq!(allocation_of(text, "resource_abstraction"), Found::Provider);
        assert_eq!(allocation_of(text, "network"), Found::Shared);
        let whole = text.replace("，除附件二第9项由委托方负责实施外，均", "，均");
        assert_eq!(allocation_of(&whole, "network"), Found::Provider);
    }

    /// A product's 门禁 (face-recognition entry), a ban on moving nodes out of the 机房 and a
    /// bar on auditing it are not physical security.
    #[test]
    fn a_products_door_access_is_not_physical_security() {
        let zh = "甲方：某职业技术学院\n乙方：某云科技有限公司（服务商）\n\n";
        let door = format!("{zh}4.1 乙方负责数据中心机房的物理安全。\n\n7.1 乙方仅可在宿舍门禁通行身份核验场景中使用人脸识别技术。\n\n7.2 甲方不得将节点移出边缘机房，亦不得要求对乙方的机房进行现场审计。\n");
        assert_eq!(allocation_of(&door, "physical"), Found::Provider);
    }

    #[test]
    fn a_cell_that_only_grants_a_right_or_a_feature_for_reference_gives_no_part() {
        let zh = "甲方（客户）：某某国际物流有限公司\n乙方（服务商）：某某关务科技有限公司\n\n## 附件二 数据安全责任表\n\n\
            | 序号 | 安全事项 | 乙方 | 甲方 |\n|---|---|---|---|\n\
            | 1 | 机房物理安全 | 负责主机房和备份机房的门禁、视频监控和消防 | 不涉及 |\n\
            | 4 | 申报数据存储与备份 | 实施加密存储、每日备份和异地备份 | 可以通过本平台下载回执和随附单证，自行留存副本 |\n\
            | 7 | 操作日志 | 记录和保存操作日志 | 可以通过本平台查询本单位授权用户的操作日志 |\n\
            | 8 | 申报数据内容 | 提供报关单逻辑校验功能，校验结果仅供参考 | 对申报数据的真实性、准确性、完整性和合法性负责 |\n";
        assert_eq!(allocation_of(zh, "physical"), Found::Provider);
        assert_eq!(allocation_of(zh, "data.storage"), Found::Provider);
        assert_eq!(allocation_of(zh, "data.audit"), Found::Provider);
        assert_eq!(allocation_of(zh, "data.management"), Found::Customer);
    }

    #[test]
    fn requirements_of_an_article_given_to_a_party_are_its_duties() {
        let zh = "甲方（客户）：某某国际物流有限公司\n乙方（服务商）：某某关务科技有限公司\n\n\
            第二十一条 运维安全要求\n\n本平台的运维应当符合下列要求：\n\n\
            （一）本平台服务器的操作系统每月进行一次漏洞扫描，高危漏洞在7日内完成修补；\n\n\
            第二十二条 运维安全责任的承担\n\n第二十一条规定的各项运维安全要求由乙方负责落实。\n";
        assert_eq!(allocation_of(zh, "os"), Found::Provider);
    }

    #[test]
    fn a_chinese_disclaimer_holds_its_whole_list_until_it_closes() {
        let zh = "甲方（服务提供方）：某某舶易科技有限公司\n乙方（订阅方）：某某跨境电子商务有限公司\n\n\
            6.4 甲方应当每日对乙方数据进行一次全量备份，备份数据保留7日。\n\n\
            13.2 在任何情况下，甲方均不对乙方的间接损失、利润损失，乙方店铺被第三方平台处罚造成的损失，以及乙方数据的灭失承担责任。\n";
        // (The last line of the list is not the customer's duty to bear its own data loss.)
        assert_ne!(allocation_of(zh, "data.storage"), Found::Shared);
    }

    #[test]
    fn a_party_s_own_part_before_the_other_s_disclaimer_stays_its_duty() {
        let en = "These Terms are between Lanternfly, Inc. (\"Lanternfly\", \"we\") and the customer (\"Customer\", \"you\").\n\n\
            3.6 **Self-hosted Relay Proxy.** If you run the Relay Proxy yourself, it is entirely your responsibility, including the host, operating system, container runtime, configuration and updates, and our obligations under the Security Addendum do not extend to it.\n\n\
            3.4 The setting is off by default, and you are responsible for switching it on for every project environment.\n";
        assert_eq!(allocation_of(en, "os"), Found::Customer);
        assert_eq!(allocation_of(en, "data.migration"), Found::Absent);
    }

    #[test]
    fn key_destruction_after_an_account_closes_is_not_identity_and_out_of_scope_services_allocate_nothing(
    ) {
        let en = "This Agreement is between Halvard Storage, Inc. (\"Halvard\") and Ridgeway Health, LLC (\"Customer\").\n\n\
            19.2 Within 30 days after the Account closes, Halvard shall delete the Objects and destroy every Provider-Managed Key used to encrypt them.\n\n\
            17.2 (b) bucket policies shall grant no more than the permissions needed, and permission to write or delete Objects shall be granted only to the Access Keys used by the Backup Software.\n\n\
            15.5 Customer is responsible for licensing, configuring, patching and monitoring the Backup Software.\n";
        assert_eq!(allocation_of(en, "iam"), Found::Absent);
        assert_eq!(allocation_of(en, "data.destruction"), Found::Provider);
        assert_eq!(allocation_of(en, "application"), Found::Customer);
        let zh = "甲方（客户）：某某进出口有限公司\n乙方（服务商）：某某网络科技有限公司\n\n\
            （四）甲方委托乙方提供本协议约定范围以外的服务（包括网站迁移协助、SSL证书代为申请和部署、数据恢复协助等）的，双方应当在服务开始前以电子邮件或者书面方式确认服务内容和费用。\n\n\
            （五）乙方应当将网站文件和数据库导出为通用格式的压缩文件，交付甲方。数据在新环境中的导入、配置和完整性校验，由甲方负责。\n";
        assert_eq!(allocation_of(zh, "data.transmission"), Found::Absent);
        assert_eq!(split_of(zh, "data.migration"), (Found::Shared, Some(true)));
    }

    #[test]
    fn what_a_party_does_after_the_or_a_closed_condition_or_a_bracketed_label_is_its_part() {
        let en = "## Article 1\n\n- **Hosting Company**: Bolderik Hosting B.V., a private limited company.\n- **Client**: the natural or legal person that has entered into an Agreement with the Hosting Company.\n\n\
            5.3 The Hosting Company operates and secures its network up to and including the Virtual Port of each VPS.\n\n\
            7.3 Before a Dedicated Server or a replaced disk is used again, the Hosting Company erases its disks by overwriting them.\n\n\
            7.4 The Hosting Company is not responsible for the encryption of data sent to or from a VPS.\n";
        assert_eq!(allocation_of(en, "network"), Found::Provider);
        assert_eq!(allocation_of(en, "data.destruction"), Found::Provider);
        assert_eq!(allocation_of(en, "data.transmission"), Found::Disclaimed);
        let dpa = "This DPA is between Andaman Crest Hotels Co., Ltd. (the \"Controller\") and Loyalbay Technologies Co., Ltd. (the \"Processor\").\n\n\
            ## SCHEDULE 2\n\n**Network and systems**\n\n- **[Processor]** Hardens the operating systems of Platform servers and applies critical security patches within seven (7) days.\n\n\
            - **[Processor]** Separates production from development networks and applies deny-by-default firewall rules.\n";
        assert_eq!(allocation_of(dpa, "os"), Found::Provider);
        assert_eq!(allocation_of(dpa, "network"), Found::Provider);
    }

    #[test]
    fn a_list_item_that_complies_with_a_section_ending_the_sentence_takes_it_in() {
        let en = "These Terms are between Harrowgate Data Systems, Inc. (\"Provider\") and Kestrelpay, Inc. (\"Customer\").\n\n\
            4.2 **Provider Security Obligations.** Provider shall:\n\n(a) operate the Control Plane;\n\n(f) perform the obligations set out in Section 4.5.\n\n\
            4.5 **Data Plane Node Maintenance.** The following apply to the operating systems of the Data Plane Nodes:\n\n\
            (a) operating system images shall be built from a hardened baseline and patched monthly;\n";
        assert_eq!(allocation_of(en, "os"), Found::Provider);
    }

    #[test]
    fn what_a_third_party_is_said_to_do_stays_with_it() {
        // An annex the provider must follow, whose row gives a layer to "该提供方" (the 提供 of
        // 提供方 is no verb), and another's customers.
        let zh = "委托方：某某网店有限公司\n受托方：某某速签科技有限公司\n\n2.5 附件一列明受托方应当采取的技术和组织措施。\n\n\
            ## 附件一 受托方的技术和组织措施\n\n| 序号 | 类别 | 措施 | 执行标准或者频率 |\n|---|---|---|---|\n\
            | 4 | 主机安全 | 对本服务使用的云主机操作系统进行安全基线加固和补丁更新 | 每月 |\n\
            | 11 | 物理与基础设施 | 本服务运行于云计算资源提供方的数据中心，其物理安全、供电、制冷依第7.6条由该提供方负责 | 每年查验 |\n";
        assert_eq!(allocation_of(zh, "os"), Found::Provider);
        assert_eq!(allocation_of(zh, "physical"), Found::Absent);
        let en = "This Agreement is between the City of Alder Ridge (\"City\") and Lanternfield Civic Software, Inc. (\"Contractor\").\n\n\
            3. Under Corvel's customer agreement, Corvel is responsible for the physical security of its data centers and the node operating systems of its managed container service. Corvel's customers are responsible for their data and applications.\n";
        assert_eq!(allocation_of(en, "physical"), Found::Absent);
        assert_eq!(allocation_of(en, "os"), Found::Absent);
    }

    #[test]
    fn a_layer_cell_naming_the_platform_s_application_and_decoys_of_location_and_reminders() {
        let zh = "甲方（招标人）：某某能源集团有限公司\n乙方（平台运营机构）：某某招采科技有限公司\n\n第八条 安全责任\n\n\
            | 序号 | 安全事项 | 乙方职责 | 甲方职责 |\n|---|---|---|---|\n\
            | 3 | 平台应用 | 源代码安全审计、漏洞修复、Web应用防火墙 | 平台设置的正确性；甲方自建系统接口调用端的安全 |\n\n\
            4.4 乙方负责其在政务云上租用的云主机、云存储等虚拟资源的申请、配置、配额和容量管理。\n";
        assert_eq!(allocation_of(zh, "network"), Found::Absent);
        assert_eq!(allocation_of(zh, "resource_abstraction"), Found::Provider);
        let kms = "甲方（客户）：某某银行股份有限公司\n乙方（服务商）：某某云智科技有限公司\n\n\
            7.5 未经甲方书面同意，乙方不得将其迁移或者复制至该地域以外。\n\n\
            20.9 乙方应当在服务期届满前九十日书面提示甲方依照第20.5条提前安排密钥迁移工作。\n\n\
            20.5 本协议终止前，甲方应当自行将专属实例内的密钥迁移至甲方自有的密码设备。\n";
        assert_eq!(allocation_of(kms, "data.migration"), Found::Customer);
    }

    #[test]
    fn a_cell_saying_not_responsible_or_may_view_gives_no_part_and_a_host_maintained_and_hardened_is_the_provider_s(
    ) {
        let en = "These Terms are between Quillmark Data Labs, Inc. (\"Provider\") and Brookfane Stores, Inc. (\"Customer\").\n\n\
            5.7 **Query Engine hosts.** Customer has no responsibility for the operating systems on which the Query Engine runs. Provider maintains and hardens them and applies critical patches within 14 days of release.\n\n\
            5.9 Provider is not responsible for the physical security of the data centres in which the warehouse accounts run.\n\n\
            ## Schedule 3\n\n| Row | Area | Provider | Customer |\n|---|---|---|---|\n\
            | 6 | Audit logging | Records and retains the Audit Log (clause 7) | May view and export the Audit Log |\n\
            | 8 | Data centre facilities and hardware | Not responsible (clause 5.9) | – |\n";
        assert_eq!(allocation_of(en, "os"), Found::Provider);
        assert_eq!(allocation_of(en, "data.audit"), Found::Provider);
        assert_eq!(allocation_of(en, "physical"), Found::Disclaimed);
    }

    #[test]
    fn a_company_that_is_no_party_as_subject_and_decoys_of_accounts_and_devices() {
        // The hosting cloud's own duties, described in an annex the provider must follow.
        let zh = "甲方（客户）：某某律师事务所\n乙方（服务商）：某某律云科技有限公司\n\n5.1 乙方应当按照附件一采取安全措施。\n\n\
            ## 附件一 云服务说明\n\n云基础设施服务商的安全责任说明：华岳云计算有限公司依照其与乙方之间的云服务协议，负责其数据中心的物理安全和环境安全。\n\n\
            ## 附件二 安全责任分工表\n\n| 序号 | 安全事项 | 责任方 | 乙方职责 | 甲方职责 |\n|---|---|---|---|---|\n\
            | 7 | 终端安全 | 甲方 | — | 律师和律师助理所用电脑、手机的防病毒、补丁更新和屏幕锁定 |\n";
        assert_eq!(allocation_of(zh, "physical"), Found::Absent);
        assert_eq!(allocation_of(zh, "os"), Found::Absent);
        let online = "本协议由杭州澜映云科技有限公司（以下简称“澜映云”或“我们”）与注册澜映云账号并使用本服务的主体（以下简称“您”）订立。\n\n\
            （一）您应当妥善保管澜映云账号的登录名、密码和访问密钥。\n\n（二）我们核实后将在15个工作日内向您的澜映云账号发放代金券。\n";
        assert_eq!(allocation_of(online, "iam"), Found::Customer);
    }

    #[test]
    fn a_clause_applied_to_a_party_mutatis_mutandis_gives_it_the_clauses_items() {
        let text = "This Agreement is between Corvane LLC (\"Provider\") and Tessellate Inc. (\"Customer\").\n\n6.3 Provider shall purge each storage device under NIST SP 800-88 and destroy any device that cannot be purged.\n\n7.6 Section 6.3 applies to Customer mutatis mutandis for every device from Customer Equipment that is removed from the Colocation Space.\n";
        assert_eq!(
            split_of(text, "data.destruction"),
            (Found::Shared, Some(true))
        );
        // (A sentence that names items of its own narrows the reference to them.)
        let narrowed = "This Agreement is between Corvane LLC (\"Provider\") and Tessellate Inc. (\"Customer\").\n\n4.5 Provider shall limit access to Customer Data to employees who need it, and shall secure the passwords of its personnel with multi-factor authentication.\n\n4.6 The obligations in Section 4.5 apply equally to Customer in respect of the accounts of its administrators.\n";
        assert_eq!(allocation_of(narrowed, "data.access"), Found::Provider);
    }

    #[test]
    fn a_duty_only_to_choose_between_return_and_deletion_destroys_nothing() {
        let text = "This Agreement is between Corvane LLC (\"Processor\") and Tessellate Inc. (\"Controller\").\n\n10.1 Within 30 days after the Agreement ends, the Controller shall choose in writing between return and deletion. The Processor shall then return all Personal Data or delete it.\n";
        assert_eq!(allocation_of(text, "data.destruction"), Found::Provider);
    }

    #[test]
    fn a_feature_that_does_not_make_the_provider_responsible_is_a_disclaimer() {
        let text = "These Terms are between Pandan Cloud Pte. Ltd. (\"we\", \"us\") and the customer (\"you\").\n\n6.1 You are responsible for patching the operating system of your Worker Nodes.\n\n6.4 Auto-Upgrade. It is a convenience, not a commitment; enabling it does not make us responsible for your Worker Nodes operating system.\n";
        assert_eq!(allocation_of(text, "os"), Found::Customer);
    }

    #[test]
    fn a_party_cell_that_opens_with_not_applicable_gives_no_part() {
        let text = "甲方：杭州某某物联科技有限公司（服务商）\n乙方：某某市供水有限公司（客户）\n\n附件一 责任分工\n\n| 序号 | 安全层面 | 甲方职责 | 乙方职责 |\n|---|---|---|---|\n| 第8项 | 数据访问安全 | 负责运维访问的事先审批、最小必要、堡垒机操作与全程记录 | 不适用（乙方对甲方的访问申请享有审批权） |\n";
        assert_eq!(allocation_of(text, "data.access"), Found::Provider);
    }

    #[test]
    fn a_party_named_in_a_list_of_ends_between_which_data_moves_is_no_subject() {
        let text = "甲方：北京某某科技有限公司（受托方）\n乙方：深圳某某电商有限公司（委托方）\n\n第五条 安全措施\n\n（一）甲方应采取下列措施：\n\n1. 传输加密：客服系统与乙方、买家及电商平台之间的数据传输采用TLS 1.2及以上版本协议加密；\n";
        assert_eq!(allocation_of(text, "data.transmission"), Found::Provider);
    }

    #[test]
    fn a_duty_after_the_partys_own_condition_is_that_partys() {
        // "乙方需要…的，应通过…自行定期导出并妥善保存": the condition names who, the duty opens with 应通过.
        let text = "甲方：北京某某科技有限公司（受托方）\n乙方：深圳某某电商有限公司（委托方）\n\n第五条 （五）甲方不负责为乙方备份会话数据。乙方需要长期留存会话数据的，应通过客服系统的会话导出功能自行定期导出并妥善保存。\n";
        assert_eq!(allocation_of(text, "data.storage"), Found::Customer);
    }

    #[test]
    fn contact_rows_and_options_not_ordered_allocate_nothing() {
        // A contacts table under a paragraph (no heading right above it), and an order form
        // whose unordered options a clause points to.
        let text = "This Agreement is between Lattice Data Ltd (\"Provider\") and Harrowgate BV (\"Customer\").\n\n1. Customer is responsible for its accounts and passwords.\n\n2. Provider supplies the Infrastructure described in Exhibit A.\n\n## D. Contacts\n\nThis order was placed through a reseller.\n\n| Role | Customer | Provider |\n|---|---|---|\n| Billing contact | M. Kuipers, Accounts Payable | Reseller |\n| Backup billing contact | J. Lammers | – |\n\n## EXHIBIT A – ORDER FORM\n\n| Item | Details |\n|---|---|\n| DDoS Shield | Not ordered |\n| Vault Backup | Not ordered |\n";
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        assert_eq!(allocation_of(text, "data.storage"), Found::Absent);
        assert_eq!(allocation_of(text, "network"), Found::Absent);
        // A tier table's "Not included" says which tier has it, not that nobody does.
        let rules = Rules::load(&crate::templates::TemplateFiles::builtin()).expect("rules");
        assert!(!not_ordered_row(
            "| B5 | Operating system patching | Not included | Provider applies patches |",
            &rules.table_words
        ));
    }

    #[test]
    fn rows_of_a_schedule_named_by_number_go_to_the_party_named() {
        let text = "甲方：杭州鉴衡智能科技有限公司（受托方）\n乙方：上海路驰汽车租赁科技有限公司（委托方）\n\n第十五条 双方应当实施附件三所列的安全保护措施。附件三第1项至第2项所列措施由甲方负责实施，第3项所列措施由乙方负责实施。\n\n附件三 安全保护措施\n\n| 序号 | 措施类别 | 具体要求 |\n|---|---|---|\n| 1 | 网络边界防护 | 部署防火墙和入侵检测系统 |\n| 2 | 身份认证服务 | 签发接入密钥，控制台登录启用双因素认证 |\n| 3 | 接入密钥与账号管理 | 妥善保管接入密钥，每九十日轮换一次密钥，离职员工当日注销账号 |\n";
        assert_eq!(split_of(text, "iam"), (Found::Shared, Some(true)));
        assert_eq!(allocation_of(text, "network"), Found::Provider);
    }

    #[test]
    fn a_decoy_in_the_sentence_rules_the_item_out_of_each_part() {
        // "收款账户" is a bank account: neither part speaks to the service's accounts.
        let text = "甲方：杭州栖木信息科技有限公司（服务提供方）\n乙方：成都安馨家政服务有限公司（客户）\n\n第一条 甲方负责本平台账号体系的安全。\n\n第二条 甲方变更收款账户的，应当以书面函件通知乙方，乙方按照原账户付款的，视为已履行付款义务。\n";
        assert_eq!(allocation_of(text, "iam"), Found::Provider);
    }

    #[test]
    fn passive_duties_go_to_the_party_a_later_clause_names() {
        // "本条第（六）项…由乙方负责履行": this article's item.
        let zh = "甲方：上海瞳行智能科技有限公司（受托方）\n乙方：杭州栖澜物业服务有限公司（委托方）\n\n第九条 安全措施\n\n（一）甲方应当部署防火墙。\n\n（六）管理后台账号的开通、权限变更和注销应当依据书面授权及时办理；账号口令应当至少每九十日更换一次。\n\n（七）本条第（六）项所列各项账号管理义务，由乙方负责履行。\n";
        assert_eq!(allocation_of(zh, "iam"), Found::Customer);
        // "第7.2条和第7.3条所列各项义务由您承担": each clause of the list.
        let list = "杭州声屿智能科技有限公司（以下简称“我们”）与您（以下简称“您”）订立本协议。\n\n7.1 我们负责本平台的网络安全。\n\n7.2 访问密钥应当至少每九十日轮换一次。\n\n7.3 子账号应当按照最小权限授予。\n\n7.4 第7.2条和第7.3条所列各项义务由您承担。\n";
        assert_eq!(allocation_of(list, "iam"), Found::Customer);
        // "The obligations in Section 8.2 rest with Operator".
        let en = "This Agreement is between Corvane LLC (\"Provider\") and Tessellate Inc. (\"Customer\").\n\n8.1 Provider shall maintain firewalls.\n\n8.2 Every user shall have an individual account, and credentials shall be rotated every 90 days.\n\n8.3 The obligations in Section 8.2 rest with Customer.\n\n8.4 Provider may disable any credential that it believes to be compromised, and in that case will tell Customer as soon as practicable.\n";
        assert_eq!(allocation_of(en, "iam"), Found::Customer);
    }

    #[test]
    fn a_notice_template_for_visitors_and_cryptography_rules_allocate_nothing() {
        let text = "甲方：上海瞳行智能科技有限公司（受托方）\n乙方：杭州栖澜物业服务有限公司（委托方）\n\n第一条 乙方负责管理后台账号的开通和注销。\n\n第二条 甲方应当采用符合国家密码管理要求的加密算法对人脸特征值进行加密存储。\n\n第三条 甲方应当在存储期限届满后删除访客信息。\n\n## 附件七 访客登记告知文本（乙方使用示例）\n\n一、您的现场人脸图像将在七十二小时后删除。\n";
        assert_eq!(allocation_of(text, "iam"), Found::Customer);
        assert_eq!(allocation_of(text, "data.destruction"), Found::Provider);
    }

    #[test]
    fn duties_on_a_term_that_stands_for_personal_information_are_privacy_duties() {
        let en = "This Agreement is between Corvane LLC (\"Provider\") and Tessellate Inc. (\"Customer\").\n\n\
            10.1 \"Personnel Data\" means the personal information about Customer's employees that Customer provides to Provider for access badges.\n\n\
            10.2 Provider shall store Personnel Data only in the United States.\n\n\
            10.3 Except as set out in this Section 10, Provider has no responsibility for any personal information that Customer stores on the Services.\n";
        assert_eq!(allocation_of(en, "data.privacy"), Found::Provider);
        // A term that only includes some personal information is not one.
        let some = en.replace(
            "means the personal information about",
            "means all data, including the personal information, about",
        );
        assert_eq!(allocation_of(&some, "data.privacy"), Found::Disclaimed);
        // "… means any information relating to an identified or identifiable patron".
        let patron = en.replace(
            "means the personal information about Customer's employees",
            "means any information relating to an identified or identifiable patron",
        );
        assert_eq!(allocation_of(&patron, "data.privacy"), Found::Provider);
    }

    #[test]
    fn you_need_to_make_sure_is_a_duty_and_a_dpdp_notice_is_privacy() {
        let en = "Scribeleaf Ltd (\"we\", \"us\") provides the service to you (\"you\").\n\n\
            4.1 Before anyone is recorded, you need to make sure you have a legal basis for the recording.\n\n\
            8.1 We will process Customer Personal Data only on your documented instructions.\n";
        assert_eq!(split_of(en, "data.privacy"), (Found::Shared, Some(true)));
        let dpdp = "Ledgerwise Pvt Ltd (the \"Company\") and Northgate Finance Ltd (the \"Client\").\n\n\
            4.2 The Client shall give each Data Principal the notice required by section 5 of the DPDP Act.\n\n\
            4.3 The Company shall process Client Personal Data only on the Client's documented instructions.\n";
        assert_eq!(split_of(dpdp, "data.privacy"), (Found::Shared, Some(true)));
    }

    #[test]
    fn double_dashes_a_column_a_clause_names_and_shared_responsibility_allocate_the_row() {
        // "——" under 甲方 is an empty cell.
        let zh = "甲方：宁波市某某公证处\n乙方：杭州某某科技有限公司\n\n## 附件二 安全责任分工表\n\n| 事项 | 甲方 | 乙方 |\n|---|---|---|\n| 第1项 物理环境安全（机房门禁、视频监控、供电） | —— | 负责 |\n\n6.4 本平台所运行服务器的操作系统层面的补丁更新和安全加固，乙方不予负责。\n";
        assert_eq!(allocation_of(zh, "physical"), Found::Provider);
        assert_eq!(allocation_of(zh, "os"), Found::Disclaimed);
        // "the column headed "Platform" sets out our responsibilities" (the Platform itself is
        // the service, no party).
        let en = "These terms are between Torrentine Inc. (\"we\", \"us\", \"our\") and you (\"you\", \"your\").\n\n6.1 Exhibit A divides responsibility: the column headed \"Platform\" sets out our responsibilities and the column headed \"You\" sets out yours.\n\n## Exhibit A\n\n| Row | Area | Platform | You |\n|---|---|---|---|\n| 4 | Network security | Configures private endpoints and restricts ports | Configures security groups and network ACLs |\n";
        assert_eq!(split_of(en, "network"), (Found::Shared, Some(true)));
        // "Responsibility for security logging … is shared between the parties".
        let shared = "ACME LTD (\"Provider\") and BETA LTD (\"Customer\").\n\n5.9 Responsibility for security logging, log retention and forensic investigation is shared between the parties.\n";
        assert_eq!(split_of(shared, "data.audit"), (Found::Shared, Some(false)));
    }

    #[test]
    fn the_recitals_end_at_the_definitions_and_a_paragraph_section_mark_is_a_reference() {
        let en = "(1) ACME LIMITED (the \"Supplier\"); and\n\n(2) BETA LIMITED (the \"Customer\").\n\n## BACKGROUND\n\n(B) The Supplier operates a multi-tenant application.\n\n## 1. DEFINITIONS AND INTERPRETATION\n\n1.1 Terms.\n\n## 7. Accounts\n\n7.1 The obligations in §7 of Schedule 3 apply to the Customer.\n\n## Schedule 3 — Security Measures\n\n**§7 User accounts.** The following obligations apply:\n\n(a) multi-factor authentication shall be enabled through the Customer's identity provider.\n";
        assert_eq!(allocation_of(en, "resource_abstraction"), Found::Absent);
        assert_eq!(allocation_of(en, "iam"), Found::Customer);
    }

    #[test]
    fn a_conditioned_notice_and_each_partys_generic_duty_allocate_no_layer() {
        // "乙方发现安全事件可能涉及虚拟化层的，应当及时通知甲方": the condition's layer is not the
        // customer's; "双方均应当…保障本服务的安全稳定运行" with 本服务 defined by its layers is each
        // party's generic duty.
        let zh = "甲方：北京某某智算科技有限公司（服务提供方）\n乙方：某某矿业集团有限公司（客户）\n\n第一条 定义\n\n“本服务”指甲方提供的计算资源、虚拟化层和存储资源。\n\n第九条 虚拟化层\n\n（一）甲方负责虚拟化层的安全和运维。\n\n（二）双方均应当遵守法律法规，采取必要措施保障本服务的安全稳定运行。\n\n（三）乙方发现安全事件可能涉及虚拟化层的，应当及时通知甲方，甲方应当在30分钟内响应。\n";
        assert_eq!(allocation_of(zh, "resource_abstraction"), Found::Provider);
        // A table of source systems names who runs each one, not who answers for it.
        let inventory = "甲方：杭州某某数据科技有限公司（服务商）\n乙方：苏州某某商业连锁有限公司（客户）\n\n第十六条 甲方应当遵守法律、行政法规关于受托处理个人信息的规定。\n\n## 附件五 源系统接入清单\n\n| 序号 | 源系统 | 运营方 | 主要数据内容 | 备注 |\n|---|---|---|---|---|\n| 1 | 会员管理系统 | 乙方 | 会员档案、积分记录 | 涉及会员个人信息 |\n";
        assert_eq!(allocation_of(inventory, "data.privacy"), Found::Provider);
    }

    #[test]
    fn an_order_that_replaces_a_table_row_and_a_lettered_cross_reference_are_read() {
        // The order replaces row 4 of the table; what is left to the customer is a request.
        let zh = "甲方（服务提供方）：上海某某云数科技有限公司\n乙方（客户）：某某冷链物流集团股份有限公司\n\n第六条 责任分工\n\n（一）双方按照附件二的分工承担安全责任。\n\n## 订单\n\n七、特别约定\n\n（一）自本订单生效之日起，附件二第4项（网络控制）按照本款执行并取代附件二第4项原有内容：甲方为牵头方，配合方栏为空；甲方负责乙方VPC的规划与子网划分、安全组与网络访问控制列表规则的配置和日常维护以及DDoS防护。乙方不再承担附件二第4项下的任何工作，但应当通过工单向甲方提出端口开放或者策略变更需求。\n\n## 附件二 责任分工表\n\n| 序号 | 事项 | 牵头方 | 配合方 | 说明 |\n|---|---|---|---|---|\n| 4 | 网络控制 | 乙方 | 甲方 | 甲方负责底层物理网络的安全；乙方负责VPC规划、子网划分、安全组规则配置 |\n";
        assert_eq!(allocation_of(zh, "network"), Found::Provider);
        // "The obligations in Section B.6 of the Data Security Addendum apply to Hartwell."
        let en = "This Agreement is between Sablecrest Technologies, Inc. (\"Provider\") and Hartwell LLP (\"Customer\").\n\n4.3 **Account Administration.** The obligations in Section B.6 of the Data Security Addendum apply to Customer.\n\n## Exhibit B – Data Security Addendum\n\n### B.6 Account Administration\n\nThe following obligations apply to the administration of Authorized User accounts:\n\n(a) multi-factor authentication shall be enforced for every Authorized User with administrative rights;\n\n(b) each account shall be disabled within one business day after the user leaves.\n";
        assert_eq!(allocation_of(en, "iam"), Found::Customer);
    }

    #[test]
    fn a_bare_mark_that_the_legend_says_bears_no_responsibility_gives_no_part() {
        let zh = "委托方：某某市大数据中心（以下简称\"委托方\"）\n运营方：某某城市云科技有限公司（以下简称\"运营方\"）\n\n## 附件一 安全责任矩阵\n\n说明：\n\n1. \"●\"表示该方对该事项负有安全责任。\n2. \"○\"表示该方对该事项不承担安全责任。\n\n\
            | 责任事项 | 委托方 | 运营方 |\n|---|---|---|\n\
            | 4. 政务数据存储加密与备份 | ○ | ●：加密存储、密钥管理、备份和恢复演练 |\n\
            | 7. 身份认证与账号权限管理 | ●：负责用户账号的开通和注销 | ●：提供多因素认证能力 |\n";
        assert_eq!(allocation_of(zh, "data.storage"), Found::Provider);
        assert_eq!(split_of(zh, "iam"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_table_of_what_is_processed_and_why_is_no_allocation_table() {
        let header = |h: &[&str]| (0, h.iter().map(|x| x.to_string()).collect::<Vec<String>>());
        let rules = Rules::load(&crate::templates::TemplateFiles::builtin()).expect("rules");
        let w = &rules.table_words;
        assert!(processing_inventory(
            &header(&[
                "序号",
                "处理目的",
                "个人信息种类",
                "涉及的个人",
                "处理方式",
                "保存期限"
            ]),
            w
        ));
        assert!(processing_inventory(
            &header(&["Purpose", "Categories of personal data", "Data subjects"]),
            w
        ));
        // (Not where a column states measures or duties.)
        assert!(!processing_inventory(
            &header(&["处理目的", "个人信息种类", "安全措施"]),
            w
        ));
        assert!(!processing_inventory(
            &header(&["序号", "安全领域", "甲方", "乙方"]),
            w
        ));
    }

    #[test]
    fn a_list_of_lettered_clauses_in_a_cross_reference_takes_in_each() {
        let en = "This Agreement is between Kestrel Forge Compute, Inc. (\"Provider\") and Lanternfish Animation Studios Ltd. (\"Customer\").\n\n\
            6.3 **Fabric.**\n\n(a) The underlay switching of the private fabric and the mitigation of distributed denial-of-service attacks shall be operated and maintained.\n\n\
            (b) The host-based firewalls on the Servers and the access control lists on the Customer's VLANs shall be configured and maintained.\n\n\
            6.7 **Identity.**\n\n(a) Multi-factor authentication shall be enforced for every Portal account.\n\n\
            (b) Operating-system user accounts on the Servers shall be created, reviewed and revoked.\n\n\
            7.1 Provider shall perform the obligations in Sections 6.3(a) and 6.7(a).\n\n\
            8.1 Customer shall perform the obligations in Sections 6.3(b), 6.7(b).\n";
        assert_eq!(split_of(en, "network"), (Found::Shared, Some(true)));
        assert_eq!(split_of(en, "iam"), (Found::Shared, Some(true)));
    }

    #[test]
    fn a_disclaimer_of_the_foregoing_disclaims_what_the_sentence_before_named() {
        let zh = "甲方（服务商）：某某数智科技有限公司\n乙方（客户）：某某精密机械股份有限公司\n\n## 第五条 公有云资源\n\n\
            （二）客户理解并同意：公有云平台的虚拟化层、宿主机以及不同租户之间的隔离机制，由某某云建设和运营，不属于服务商的运维对象。服务商不对上述底层基础设施的故障或者安全缺陷承担责任。\n";
        assert_eq!(allocation_of(zh, "resource_abstraction"), Found::Disclaimed);
    }

    #[test]
    fn a_duty_only_to_file_a_ticket_or_to_receive_notices_allocates_nothing() {
        let zh = "甲方（服务商）：某某数智科技有限公司\n乙方（客户）：某某精密机械股份有限公司\n\n## 第十条 备份与恢复\n\n\
            （一）服务商负责按照附件三对受托系统的数据库执行备份，备份数据应当加密存储。\n\n\
            （四）客户应当指定一名备份联系人，负责接收备份异常通知和恢复演练安排。\n\n\
            （五）客户需要从备份中恢复特定数据的，应当通过工单提出申请，由客户项目联系人确认后，服务商在约定的时限内完成恢复。\n";
        assert_eq!(allocation_of(zh, "data.storage"), Found::Provider);
    }

    /// blind52: the subject "All Marula Personal Information stored by …" names no one who acts,
    /// and "The Operator shall implement … the following measures …." leads into the measures;
    /// the recitals under "鉴于" allocate nothing; "共同使用" of an account is no joint duty.
    #[test]
    fn a_long_passive_subject_a_stopped_lead_in_zh_recitals_and_shared_use_are_read() {
        let en = "MARULA FINANCIAL GROUP LIMITED (\"Marula\" or the \"Responsible Party\") and VELDLINE CRM (PTY) LTD (\"Veldline\" or the \"Operator\").\n\n\
            ## ANNEX 2 – SECURITY MEASURES\n\n\
            The Operator shall implement and maintain the following measures for the Service and for all Marula Personal Information.\n\n\
            **1. Encryption at rest.** All Marula Personal Information stored by the Service, including call recordings and transcripts, shall be encrypted at rest using AES-256.\n\n\
            **2. Encryption in transit.** All Marula Personal Information transmitted between the Service and Authorised Users shall be encrypted using TLS 1.2 or higher.\n";
        assert_eq!(allocation_of(en, "data.storage"), Found::Provider);
        assert_eq!(allocation_of(en, "data.transmission"), Found::Provider);
        // (Also under a number of its own, where nothing leads into it.)
        let numbered = "MARULA FINANCIAL GROUP LIMITED (\"Marula\" or the \"Responsible Party\") and VELDLINE CRM (PTY) LTD (\"Veldline\" or the \"Operator\").\n\n\
            5.1 The Operator shall establish the Security Measures.\n\n\
            5.2 All Marula Personal Information stored by the Service, including call recordings and transcripts, shall be encrypted at rest using AES-256.\n";
        assert_ne!(allocation_of(numbered, "data.storage"), Found::Customer);
        let zh = "甲方（客户）：某某大学\n乙方（服务商）：某某超算运营有限公司\n\n## 鉴于\n\n\
            一、甲方各课题组将在乙方提供的云资源上自行部署操作系统镜像和科研软件，乙方提供并维护云资源所依托的机房和硬件。\n\n\
            ## 第一条 安全责任\n\n\
            1.1 乙方负责数据中心机房的物理安全，包括门禁管理和视频监控。\n\n\
            1.2 不得将一个子账号交由多名员工共同使用，甲方负责其账号的开设和注销。\n";
        assert_eq!(allocation_of(zh, "physical"), Found::Provider);
        assert_eq!(allocation_of(zh, "iam"), Found::Customer);
    }
}
