//! What each sentence says, computed once: the items, PI elements and risk topics it speaks to,
//! its statements, a table row's allocation, cross-references. Everything downstream (the
//! allocation, the PI checklist, the risk list) only aggregates these, so re-analysing an edited
//! clause recomputes the features of that clause's sentences alone (see `Cache`).

use super::allocate::{
    contact_row, contacts_table, cross_references_in, layer_cell, not_ordered_row,
    processing_inventory, signing_row, sub_processor_list, table_claim, table_top,
};
use super::parties::{Mentions, Role};
use super::prefilter::Candidates;
use super::rules::{Rules, TopicCues};
use super::statements::{condition_end, statements, Kind, Statement};
use super::text::Sentence;
use crate::ingest::BlockKind;

/// The features of one sentence. Indices point into `Rules::items`, `Rules::pi`, `Rules::risks`.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub items: Vec<usize>,
    pub statements: Vec<Statement>,
    /// Per statement: the items of its segment (the part and the parts after it up to the next
    /// statement); empty = the sentence's items.
    pub segment_items: Vec<Vec<usize>>,
    /// A responsibility-table row: the party it names and whether the parts are stated.
    pub table: Option<(Option<Role>, Option<bool>)>,
    /// In a shared row whose text labels each party's measures ("AN: TLS for the portal …
    /// AG: encryption of its own connections"), the items that only one party's measures name.
    pub table_parts: Vec<(usize, Role)>,
    /// The sentence allocates nothing: only a duty to follow a document that is not reproduced
    /// (convention 1), or a row of a signature block laid out as a table.
    pub external: bool,
    /// "The obligations in clause 6.2 apply to Customer": (clause, party).
    pub crossrefs: Vec<(String, Role)>,
    /// A list item that only refers to a clause ("(b) comply with clause 9.4;"): the clause,
    /// whose duties go to the party of the item's lead-in.
    pub item_ref: Option<String>,
    /// Clauses whose say on this sentence's items it sets aside ("尽管有附件一第5项的约定，…" →
    /// "附件一 row 5"; "Notwithstanding Section 7.2, …" → "7.2"), and whether on every item
    /// ("nothing in Section 5.2 obliges Host to do anything": the duties of an add-on not ordered).
    pub sets_aside: Vec<(String, bool)>,
    /// The sentence refers to a schedule's parts for one party only ("…that are stated to be
    /// requirements of the Province"): its references, and the terms it names, give no party.
    pub qualified_ref: bool,
    pub pi_mention: bool,
    /// The clauses this sentence applies to personal information, as printed (`topics::pi_applies`).
    pub pi_applies: Vec<String>,
    /// The term this sentence defines, where its definition starts (byte offset), and whether
    /// the definition expressly includes personal information.
    pub defines: Option<super::topics::Definition>,
    pub pi_elems: Vec<usize>,
    /// The PI elements whose `denies` list matches this sentence ("受试者个人信息不属于本条所称
    /// 保密信息").
    pub pi_denied: Vec<usize>,
    pub risks: Vec<usize>,
    /// Topics that need a duty (backup) which this sentence speaks to without one of its own: a
    /// cross-reference or a lead-in may give it one ("Subscriber Data is backed up daily", in an
    /// exhibit the provider must implement).
    pub duty_risks: Vec<usize>,
    /// Per risk topic (index into `Rules::risks`): which of its other cue lists match this
    /// sentence (`UNFAVOURABLE`, `GUARD`, `CARVE_OUT`, `CARVE_TOPIC`, `CONTENT`, `DENIES`,
    /// `CUSTOMER_DEADLINE`), for the report's judgement of the topic.
    pub risk_cues: Vec<u8>,
    /// The sentence ends as a lead-in to a list ("…, including:", "乙方应当："), or introduces
    /// one inline ("This includes: (a) …"); and it opens by pointing back ("This …").
    pub lead_in: bool,
    pub introduces: bool,
    pub points_back: bool,
    /// The party named where the sentence opens ("¹The Contractor offers …").
    pub opens_with: Option<Role>,
    /// The sentence is a heading over one party's list of duties.
    pub heading: bool,
    /// Per statement: its segment only asks the other side for something (the rules'
    /// `request_only`, "…，但应当通过工单向甲方提出端口开放需求").
    pub request_only: Vec<bool>,
    /// Per statement: a duty whose segment only tells the other side (the rules'
    /// `notice_only`, "…, but shall give NorthSpan notice of any test"), read where the
    /// allocation asks (a part that names no item, or follows a condition "…的，").
    pub notice_only: Vec<bool>,
    /// What some risk topics' judgement reads from the sentence, once a report needed it.
    pub facts: std::sync::OnceLock<super::topics::Facts>,
}

pub const UNFAVOURABLE: u8 = 1;
pub const GUARD: u8 = 2;
pub const CARVE_OUT: u8 = 4;
pub const CARVE_TOPIC: u8 = 8;
pub const CONTENT: u8 = 16;
pub const DENIES: u8 = 32;
pub const CUSTOMER_DEADLINE: u8 = 64;

impl SentenceFeatures {
    /// Whether risk topic `k`'s cue list `which` matches this sentence.
    pub fn risk_cue(&self, k: usize, which: u8) -> bool {
        self.risk_cues.get(k).is_some_and(|b| b & which != 0)
    }
}

/// The topics of a list that a text speaks to.
pub(crate) fn matching(list: &[TopicCues], text: &str, c: &Candidates) -> Vec<usize> {
    list.iter()
        .enumerate()
        .filter(|(_, q)| q.matches(text, c))
        .map(|(i, _)| i)
        .collect()
}

/// A row's measures labelled by party ("AN: … AG: …", "甲方：…；乙方：…"): the items that the
/// measures of one party only name, with that party.
fn labelled_parts(
    t: &str,
    items: &[usize],
    rules: &Rules,
    mentions: &Mentions,
    c: &Candidates,
) -> Vec<(usize, Role)> {
    let labels = mentions.labels(t);
    let has = |r: Role| labels.iter().any(|x| x.1 == r);
    if !has(Role::Provider) || !has(Role::Customer) {
        return Vec::new();
    }
    let mut named: Vec<(usize, Role)> = Vec::new();
    for (k, &(start, role)) in labels.iter().enumerate() {
        let end = labels.get(k + 1).map_or(t.len(), |x| x.0);
        // (The segment ends at the cell's end too.)
        let seg = t.get(start..end).unwrap_or("");
        let seg = seg.split('|').next().unwrap_or(seg);
        for i in matching(&rules.items, seg, c) {
            named.push((i, role));
        }
    }
    items
        .iter()
        .filter_map(|&i| {
            let mut roles = named.iter().filter(|x| x.0 == i).map(|x| x.1);
            let first = roles.next()?;
            roles.all(|r| r == first).then_some((i, first))
        })
        .collect()
}

/// Computes the features of one sentence of `doc_text`.
pub fn of(doc_text: &str, s: &Sentence, rules: &Rules, mentions: &Mentions) -> SentenceFeatures {
    let t = s.text(doc_text);
    // Which cue lists can match this sentence at all (and so any part of it).
    let c = &rules.prefilter.scan(t);
    // The half of the playbook's [modality] section that reads this sentence's language.
    let (zh, m) = rules.modality_of(t);
    let mut f = SentenceFeatures {
        items: matching(&rules.items, t, c),
        pi_mention: rules.pi_mention.is_match(t, c),
        defines: super::topics::definition(t, rules, c),
        pi_elems: matching(&rules.pi, t, c),
        pi_denied: (rules.pi.iter().enumerate())
            .filter(|(_, q)| !q.denies.is_empty() && q.denies.is_match(t, c))
            .map(|(k, _)| k)
            .collect(),
        // Cheap gates before the heavier regexes: a cross-reference names an obligation.
        crossrefs: if [
            "由",
            "apply",
            "responsibility of",
            "ection",
            "lause",
            "nnex",
            "chedule",
            "ppendix",
            "xhibit",
            "aragraph",
            "条",
            "附",
        ]
        .iter()
        .any(|w| t.contains(w))
        {
            // "本条第（六）项所列各项账号管理义务，由乙方负责履行": this article's item, by its number.
            let article = s
                .clause
                .starts_with('第')
                .then(|| {
                    s.clause
                        .find('条')
                        .map(|k| &s.clause[..k + '条'.len_utf8()])
                })
                .flatten();
            match article.filter(|_| t.contains("本条第")) {
                Some(a) => {
                    cross_references_in(&t.replace("本条第", &format!("{a}第")), rules, mentions, c)
                }
                None => cross_references_in(t, rules, mentions, c),
            }
        } else {
            Vec::new()
        },
        ..SentenceFeatures::default()
    };
    f.qualified_ref = rules
        .gated(|m| &m.crossref_qualified, c)
        .any(|r| r.is_match(t));
    if f.qualified_ref {
        f.crossrefs.clear();
    }
    if f.crossrefs.is_empty() && t.len() < 200 {
        f.item_ref = rules.gated(|m| &m.crossref_item, c).find_map(|r| {
            r.captures(t)?
                .name("target")
                // ("(f) comply with Section 4.5.": the full stop ends the item, not the number.)
                .map(|m| m.as_str().trim_end_matches('.').to_string())
        });
    }
    f.sets_aside = sets_aside(t, rules, c);
    if f.pi_mention {
        f.pi_applies = super::topics::pi_applies(t);
    }
    if !s.definitional {
        // (The table's start and header, found once for the row's three readings.)
        let table = (s.kind == BlockKind::TableRow)
            .then(|| table_top(doc_text, s.start))
            .flatten();
        let w = &rules.table_words;
        // (A row of a sub-processor list states what a listed company does: no party's duty.)
        let listed = table
            .as_ref()
            .is_some_and(|x| sub_processor_list(doc_text, x, w));
        if table.as_ref().is_some_and(|x| {
            signing_row(doc_text, s, x, w)
                || contacts_table(doc_text, x, w)
                || processing_inventory(x, w)
        }) || (s.kind == BlockKind::TableRow
            && (contact_row(s.text(doc_text), w) || not_ordered_row(s.text(doc_text), w)))
        {
            f.items.clear();
            f.external = true;
        } else if s.kind == BlockKind::TableRow {
            let table = table.unwrap_or_default();
            f.table = table_claim(doc_text, s, &table, mentions, rules);
            let mut layer: Vec<usize> = Vec::new();
            // The row speaks to the layer its layer cell names ("应用安全 | … | Web应用防火墙策略"
            // is the application row, its firewall words notwithstanding).
            // A row without party columns ("| 1 | 安全管理制度 | 受托方应当制定个人信息保护内部管理制度…")
            // speaks to its layer as well as to what its text names.
            if let Some(cell) = layer_cell(doc_text, s, &table.1, rules) {
                let named = matching(&rules.items, &cell, &rules.prefilter.scan(&cell));
                layer.clone_from(&named);
                if f.table.is_some() && !named.is_empty() {
                    f.items = named;
                } else if f.table.is_none() {
                    for i in named {
                        if !f.items.contains(&i) {
                            f.items.push(i);
                        }
                    }
                }
            }
            // (What the row's layer cell names is the row's own subject: both parts concern it.)
            if f.table == Some((Some(Role::Both), Some(true))) {
                let loose: Vec<usize> = f
                    .items
                    .iter()
                    .copied()
                    .filter(|i| !layer.contains(i))
                    .collect();
                f.table_parts = labelled_parts(t, &loose, rules, mentions, c);
            }
        }
        if listed {
            f.table = None;
            f.table_parts.clear();
            f.external = true;
        }
        if f.table.is_none() && !f.external {
            f.external = rules.external_reference.is_match(t, c);
            if !f.external {
                // An amendment ("原合同第六条第（三）项中的“甲方负责…备份”修改为“乙方负责…”", "Clause 6.3
                // is amended to read: …"): what the old words said no longer counts, so the
                // statements are read from the new words on.
                let from = static_re!(
                    r"(?i)(?:原|主)(?:合同|协议)[^。；]{0,80}?(?:修改|变更|替换|调整)为|\b(?:clause|section|paragraph|article)\s+[0-9][0-9.()a-z]*[^.;]{0,40}\bis (?:hereby )?(?:amended|replaced|deleted)\b"
                )
                .and_then(|r| r.find(t))
                .map_or(0, |m| m.end());
                f.statements = statements(
                    &t[from..],
                    mentions,
                    &rules.modality_zh,
                    &rules.modality_en,
                    c,
                );
                for x in &mut f.statements {
                    x.start += from;
                    x.end += from;
                }
                // "因…您主动注销账号…等原因终止后，我们将为您保留您的数据": the items of the time
                // before the first statement say when, not what the sentence allocates. (Not a
                // disclaimer's: "因您未开启操作审计功能…的，我们不承担责任" disclaims what it names.)
                // Nor are those of a condition before a duty only to tell the other side
                // ("消费者要求删除其个人信息的，委托方应当在3个工作日内通知受托方").
                if let Some(first) = f.statements.first() {
                    let rest = t.get(first.start..).unwrap_or("").trim_start();
                    let notice = m.notice_only.iter().any(|r| r.is_match(rest));
                    let cond = if notice || t.contains("后，") || t.contains("的，") {
                        condition_end(t, zh, m, c).filter(|&k| k <= first.start)
                    } else {
                        None
                    };
                    // ("乙方已按第二十条完成数据退出和删除义务的，甲方应当退还履约保证金": what was
                    // done already is the condition's, not the duty's.)
                    let done =
                        static_re!(r"已[^，。；]{0,30}(?:完成|履行|办结)[^，。；]{0,20}的，$");
                    let done = cond.is_some_and(|k| done.is_some_and(|r| r.is_match(&t[..k])));
                    // (Not the precondition of a limit either: "我们的员工仅在您…授权后，方可…查看".)
                    let after = !["方可", "才", "方能", "始得"]
                        .iter()
                        .any(|w| rest.starts_with(w))
                        && cond.is_some_and(|k| t[..k].ends_with("后，"));
                    if (after || done || notice && cond.is_some())
                        && f.statements.iter().all(|x| x.kind != Kind::Disclaimer)
                    {
                        let own = matching(&rules.items, rest, c);
                        f.items.retain(|i| own.contains(i));
                    }
                }
                // "Hardware replacement does not include reinstalling the OS, which remains
                // Customer's responsibility": what is handed over is what was excluded.
                if let Some(x) = rules.gated(|m| &m.excluded, c).find_map(|r| r.find(t)) {
                    let own = matching(&rules.items, &t[x.start()..], c);
                    f.items.retain(|i| own.contains(i));
                }
                // One statement: its segment is the sentence, whose items are known.
                // Statements that all say the same of the same party speak also to what the
                // whole sentence names: "承租方自行安装…全部应用软件，并自行负责其安全配置…".
                let alike = f.statements.first().is_some_and(|a| {
                    (f.statements.iter()).all(|b| b.role == a.role && b.kind == a.kind && !b.joint)
                });
                f.segment_items = if f.statements.len() == 1 {
                    vec![f.items.clone()]
                } else {
                    let mut seg: Vec<Vec<usize>> = (0..f.statements.len())
                        .map(|k| {
                            let part = if zh {
                                conditioned_segment(t, &f.statements, k)
                            } else {
                                segment(t, &f.statements, k)
                            };
                            matching(&rules.items, part, c)
                        })
                        .collect();
                    // Or what the part before it named: "…, all of which are Customer's
                    // responsibility".
                    for k in 0..seg.len() {
                        let more = if alike {
                            f.items.clone()
                        } else if k > 0 && refers_back(segment(t, &f.statements, k)) {
                            seg[k - 1].clone()
                        } else {
                            continue;
                        };
                        for i in more {
                            if !seg[k].contains(&i) {
                                seg[k].push(i);
                            }
                        }
                    }
                    seg
                };
            }
        }
    }
    // Lead-ins, read once here rather than on every report.
    if !s.definitional {
        let end = t.trim_end();
        // A lead-in ends its sentence: only the tail is read (from a word boundary).
        let mut from = end.len().saturating_sub(120);
        while !end.is_char_boundary(from) {
            from += 1;
        }
        if from > 0 {
            from = end[from..]
                .find(|c: char| c.is_whitespace() || crate::search::is_cjk(c))
                .map_or(from, |k| from + k);
        }
        f.lead_in = m.lead_in.iter().any(|r| r.is_match(&end[from..]));
        // A heading over one party's list ("二、租户（甲方）职责", "B3. Customer Responsibilities"):
        // a duty of that party that its items take.
        if f.statements.is_empty()
            && end.chars().count() <= 40
            && m.heading.iter().any(|r| r.is_match(end))
        {
            let roles: Vec<Role> = mentions.find(end).into_iter().map(|x| x.2).collect();
            if let [first, rest @ ..] = roles.as_slice() {
                if rest.iter().all(|r| r == first) && *first != Role::Both {
                    f.statements = vec![Statement {
                        role: Some(*first),
                        kind: Kind::Duty,
                        hedged: false,
                        joint: false,
                        start: 0,
                        end: t.len(),
                    }];
                    f.segment_items = vec![f.items.clone()];
                    f.lead_in = true;
                    f.heading = true;
                }
            }
        }
        f.introduces =
            f.lead_in || (end.contains([':', '：']) && super::allocate::introduces_inline(end, m));
        f.points_back = super::allocate::points_back(t, m);
        let skipped = t.len() - super::allocate::past_numbering(t).len();
        let mut cut = (skipped + 40).min(t.len());
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        f.opens_with = mentions
            .find(&t[..cut])
            .first()
            .filter(|&&(start, _, r)| {
                r != Role::Both && t.get(skipped..start).is_some_and(|x| x.trim().len() <= 4)
            })
            .map(|m| m.2);
    }
    let asks = |part: &str| {
        let part = part.trim_start();
        rules
            .gated(|m| &m.request_only, c)
            .any(|r| r.is_match(part))
    };
    f.request_only = (0..f.statements.len())
        .map(|k| asks(segment(t, &f.statements, k)))
        .collect();
    // A part whose only duty is to tell the other side ("…, but shall give NorthSpan notice of
    // …", "…，应当通知乙方"), in the part's own language.
    let tells = |part: &str| {
        let (_, m) = rules.modality_of(part);
        m.notice_only.iter().any(|r| r.is_match(part.trim_start()))
    };
    f.notice_only = (0..f.statements.len())
        .map(|k| {
            let x = &f.statements[k];
            x.kind == Kind::Duty
                && f.segment_items.get(k).is_some_and(|o| {
                    o.is_empty()
                        || t.get(..x.start)
                            .is_some_and(|b| b.trim_end().ends_with("的，"))
                })
                && tells(segment(t, &f.statements, k))
        })
        .collect();
    // Risk topics: a topic that needs a duty (backup) counts only where a duty's segment speaks to it.
    let risk_candidates = if s.definitional {
        Vec::new()
    } else {
        matching(&rules.risks, t, c)
    };
    let (risks, duty_risks): (Vec<usize>, Vec<usize>) =
        risk_candidates.into_iter().partition(|&i| {
            let q = &rules.risks[i];
            !q.duty_required
                || (0..f.statements.len()).any(|k| {
                    f.statements[k].kind == Kind::Duty
                        && q.any.is_match(segment(t, &f.statements, k), c)
                })
                // (A sentence that disclaims it addresses it too: "We do not back up Your Data,
                // and we are not responsible for any loss …".)
                || f.statements.iter().any(|x| x.kind == Kind::Disclaimer)
        });
    f.risks = risks;
    f.duty_risks = if f.statements.iter().any(|x| x.kind != Kind::Duty) {
        Vec::new()
    } else {
        duty_risks
    };
    f.risk_cues = rules
        .risks
        .iter()
        .map(|q| {
            [
                (&q.unfavourable, UNFAVOURABLE),
                (&q.favourable_guard, GUARD),
                (&q.carve_out, CARVE_OUT),
                (&q.carve_topic, CARVE_TOPIC),
                (&q.content, CONTENT),
                (&q.denies, DENIES),
                (&q.customer_deadline, CUSTOMER_DEADLINE),
            ]
            .into_iter()
            .filter(|(p, _)| p.is_match(t, c))
            .fold(0, |bits, (_, b)| bits | b)
        })
        .collect();
    f
}

/// The decimal clause numbers in a list, with their lettered points ("第7.2条和第7.3条" → "7.2",
/// "7.3"; "Sections 6.1, 6.3(a) and 6.7(a)" → "6.1", "6.3(a)", "6.7(a)").
pub(crate) fn decimal_numbers(list: &str) -> impl Iterator<Item = &str> {
    static_re!(r"[0-9]+(?:\.[0-9]+)*(?:\([a-z0-9]{1,4}\))*")
        .into_iter()
        .flat_map(move |r| r.find_iter(list).map(|m| m.as_str()))
}

/// The clauses a sentence sets aside ("尽管有附件一第5项的约定" → "附件一 row 5"), as printed.
fn sets_aside(t: &str, rules: &Rules, c: &Candidates) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for r in rules.gated(|m| &m.notwithstanding, c) {
        for c in r.captures_iter(t) {
            let Some(target) = c.name("target") else {
                continue;
            };
            let row = c.name("row").and_then(|r| {
                let chars: Vec<char> = r.as_str().chars().collect();
                crate::ingest::markers::parse_zh(&chars)
                    .map(|(v, _)| v)
                    .or_else(|| r.as_str().parse().ok())
            });
            let name = match row {
                Some(n) => format!("{} row {n}", target.as_str()),
                None => target.as_str().to_string(),
            };
            let whole = c.name("whole").is_some();
            if !out.contains(&(name.clone(), whole)) {
                out.push((name, whole));
            }
            // ("标准条款第14.2条、第14.3条删除": each clause of the list.)
            let more = c.name("more").map_or("", |m| m.as_str());
            for n in decimal_numbers(more) {
                if !out.contains(&(n.to_string(), whole)) {
                    out.push((n.to_string(), whole));
                }
            }
        }
    }
    out
}

/// The definitions the sentences make, each with its sentence and what the term is defined as
/// (the sentence's text from where the definition starts).
pub(crate) fn definitions<'a>(
    text: &'a str,
    sentences: &'a [Sentence],
    feats: &'a [SentenceFeatures],
) -> impl Iterator<Item = (&'a Sentence, &'a super::topics::Definition, &'a str)> {
    sentences.iter().zip(feats).filter_map(move |(s, f)| {
        let d = f.defines.as_ref()?;
        Some((s, d, s.text(text).get(d.body..)?))
    })
}

/// A statement's segment: its part and the following parts up to the next statement.
/// A part that opens by pointing back at what the part before it named ("all of which are …").
pub(crate) fn refers_back(part: &str) -> bool {
    static_re!(r"(?i)^[\s,;]*(?:(?:all|each|both|any|none)\s+of\s+which|which)\b")
        .is_some_and(|r| r.is_match(part))
}

/// A statement's segment where Chinese puts each condition before its party ("属于云平台的，由乙方
/// 负责，属于甲方业务系统的，由甲方负责"): the condition that ends in "的，" just before the statement
/// is its own, and the one before the next statement is the next one's.
fn conditioned_segment<'a>(t: &'a str, st: &[Statement], k: usize) -> &'a str {
    let condition = |from: usize, to: usize| -> Option<usize> {
        let gap = t.get(from..to)?;
        let body = gap.trim_end().strip_suffix('，')?;
        body.ends_with('的').then(|| {
            from + body
                .rfind(['，', '；', '。'])
                .map_or(0, |i| i + '，'.len_utf8())
        })
    };
    let (start, mut end) = segment_bounds(t, st, k);
    let start = condition(if k == 0 { 0 } else { st[k - 1].end }, start).unwrap_or(start);
    if let Some(c) = st.get(k + 1).and_then(|n| condition(st[k].end, n.start)) {
        end = c.max(st[k].end);
    }
    t.get(start..end).unwrap_or("")
}

/// Where statement `k`'s segment starts and ends: its part and the parts after it up to the
/// next statement.
fn segment_bounds(t: &str, st: &[Statement], k: usize) -> (usize, usize) {
    let end = st.get(k + 1).map_or(t.len(), |n| n.start).max(st[k].end);
    (st[k].start, end.min(t.len()))
}

pub fn segment<'a>(t: &'a str, st: &[Statement], k: usize) -> &'a str {
    let (start, end) = segment_bounds(t, st, k);
    &t[start..end]
}
