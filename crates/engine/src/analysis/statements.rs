//! What a sentence says about responsibility: who (the subject party), and how (a duty, a
//! right, a disclaimer; hedged or not; both parties jointly). Chinese sentences are read part
//! by part (split at ，), a part without a subject inheriting the previous one's, as Chinese
//! drafting drops repeated subjects. Rights and features allocate nothing; a party's negation
//! about itself ("甲方不负责…") is not a disclaimer by the provider.

use super::parties::{opens_label, Mentions, Role};
use super::prefilter::Candidates;
use super::rules::Modality;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Duty,
    Right,
    Disclaimer,
    /// A duty given to someone who is not a party ("由该提供方负责"): no lead-in or
    /// cross-reference hands it to a party.
    Others,
}

/// One statement found in a sentence part.
#[derive(Debug, Clone)]
pub struct Statement {
    /// `None` for the passive voice (a cross-reference may assign it later).
    pub role: Option<Role>,
    pub kind: Kind,
    pub hedged: bool,
    /// Both parties jointly, with no split of who does what.
    pub joint: bool,
    /// Byte range of the part in the sentence.
    pub start: usize,
    pub end: usize,
}

pub(super) fn is_zh(text: &str) -> bool {
    text.chars().any(crate::search::is_cjk)
}

/// Splits a sentence into parts for subject tracking: Chinese at every comma, colon and
/// semicolon; English where a new party opens a clause of its own ("Customer shall keep its own
/// backups, and Provider will not be responsible for any loss"; "…, all of which are
/// Customer's responsibility").
fn parts(text: &str, zh: bool, mentions: &[(usize, usize, Role)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    if zh {
        // "甲方均不对乙方的间接损失、利润损失，以及乙方数据的丢失承担责任": a disclaimer's "不对…"
        // stays open across commas until its "承担责任", so the list it spans is one part.
        // (Checked once per sentence: most have no "不对" / "不就" at all, and this runs on every
        // keystroke's live analysis.)
        let may_open = text.contains("不对") || text.contains("不就");
        let open_disclaimer = |part: &str, rest: &str| {
            may_open
                && static_re!(r"不(?:对|就)[^；。]*$").is_some_and(|r| r.is_match(part))
                && !static_re!(r"不(?:对|就)[^；。]*(?:承担|负责|负有)")
                    .is_some_and(|r| r.is_match(part))
                && static_re!(r"^[^；。]{0,120}?(?:承担|负责|负有)")
                    .is_some_and(|r| r.is_match(rest))
        };
        for (i, c) in text.char_indices() {
            if c == '，' && open_disclaimer(&text[start..i], &text[i..]) {
                continue;
            }
            if matches!(c, '，' | '：' | '；') {
                out.push((start, i + c.len_utf8()));
                start = i + c.len_utf8();
            }
        }
    } else if let (Some(joint), Some(verb)) = (
        static_re!(
            r"(?i)(?:,\s+(?:and|but|while|whereas)(?:\s+that)?|;\s*(?:and\s+|but\s+)?(?:that\s+)?|,\s+(?:all|each|both|any)\s+of\s+which\s+(?:are|is|remains?|shall\s+(?:be|remain))\s+)\s*(?:the\s+)?$"
        ),
        static_re!(
            r"(?i)^(?:['’]s\b|\s+(?:will|shall|must|may|is|are|has|have|does|do|remains?|bears?|acknowledges?|agrees?|warrants?|undertakes?)\b|\s+(?:obligations|responsibilit(?:y|ies)|liability)\s+(?:under\s+[^,;.]{1,60}?\s+)?(?:do|does|will|shall)\s+not\b)"
        ),
    ) {
        // "The Province may test its own machines, but shall give NorthSpan notice …": a
        // permission and a duty of the same subject are two statements.
        let but_duty = static_re!(r"(?i),\s+but\s+(?:shall|must)\b");
        let mut cuts: Vec<usize> = but_duty
            .map(|r| r.find_iter(text).map(|x| x.start() + 1).collect())
            .unwrap_or_default();
        // "Keystrand hosts the Platform on infrastructure operated by the Infrastructure
        // Provider, which maintains physical … controls": a relative clause whose antecedent is
        // no party says what someone else does.
        if let Some(r) = static_re!(
            r"(?i),\s+(?:which|who)\s+(?:also\s+)?(?:maintains?|operates?|is\s+responsible|are\s+responsible|remains?\s+responsible|manages?|secures?|performs?|controls?|runs?)\b"
        ) {
            for x in r.find_iter(text) {
                if !mentions.iter().any(|&(_, e, _)| e == x.start()) {
                    cuts.push(x.start() + 1);
                }
            }
        }
        for &(s, e, _) in mentions {
            if s > start && joint.is_match(&text[start..s]) && verb.is_match(&text[e..]) {
                let cut = text[..s].rfind([',', ';']).map_or(s, |k| k + 1);
                if cut > start {
                    cuts.push(cut);
                    start = cut;
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        start = 0;
        for cut in cuts {
            if cut > start {
                out.push((start, cut));
                start = cut;
            }
        }
    }
    out.push((start, text.len()));
    out
}

/// Where a Chinese sentence's opening condition ends: "甲方开展安全事件调查，或者监管机构依法调查
/// 取证时，乙方应当提供…" (up to "…时，", "…的，", "…后，"). The parts up to it say when, not what
/// a party does; a part with a duty or right of its own ("乙方应在收到通知后，…") is no condition.
pub(super) fn condition_end(text: &str, zh: bool, m: &Modality, c: &Candidates) -> Option<usize> {
    if !zh {
        return None;
    }
    static_re!(r"(?:时|的|后|情形下|情况下)，")
        .and_then(|r| r.find(text))
        .filter(|x| {
            // (Read with its "的，": "…完成删除义务的，" ends a condition, "…的义务，" a duty.)
            !m.duty.is_match(&text[..x.end()], c) && !m.right.is_match(&text[..x.end()], c)
        })
        .map(|x| x.end())
}

/// Whether the 由 at `s` introduces who acts: not 经由 ("via"), nor 理由 / 事由 / 自由 / 缘由.
fn agent_by(part: &str, s: usize) -> bool {
    !["经", "理", "事", "自", "缘"]
        .iter()
        .any(|w| part[..s].ends_with(w))
}

/// A Chinese part whose duty is given 由 someone who is not a party ("由托管服务商…负责"): 由 opens
/// the agent phrase of the part, and no party is named in it.
fn by_third(part: &str, found: &[(usize, usize, Role)], m: &Modality, c: &Candidates) -> bool {
    let Some((s, e)) = m.by_party.first(part, c) else {
        return false;
    };
    agent_by(part, s)
        && !part[e..].starts_with(['于', '此'])
        && agent_is_third(&part[e..], |k| {
            found.iter().any(|&(fs, _, _)| fs >= e && fs < e + k)
        })
}

/// A Chinese part whose subject is a company that is not a party ("华岳云计算有限公司依照其与乙方
/// 之间的云服务协议…负责其数据中心的物理安全"): someone else's duty.
/// (`with_verb`: the company must be followed by the verb of a duty or of what it goes by.)
fn company_subject(part: &str, party_opens: bool, with_verb: bool) -> bool {
    let company = static_re!(
        r"^[\s*（(一二三四五六七八九十0-9.、)）]*[^\s，。；：:、（）()]{2,30}?(?:有限责任公司|股份有限公司|有限公司)(?:（[^）]{1,20}）)?"
    );
    let verb = static_re!(r"^(?:依照|依据|按照|根据|负责|应当|应|须|承担)");
    !party_opens
        && part.contains("公司")
        && company
            .and_then(|r| r.find(part))
            .is_some_and(|x| !with_verb || verb.is_some_and(|v| v.is_match(&part[x.end()..])))
}

/// What follows a 由, up to its verb ("附件三所列托管服务商依照…负责"): whether it names someone
/// other than the parties. `party_in(k)`: whether a party is named in its first `k` bytes.
/// (Also read in a table's party cell: "由基础云服务商负责运维".)
pub(crate) fn agent_is_third(after_by: &str, party_in: impl Fn(usize) -> bool) -> bool {
    let agent: String = after_by.chars().take(16).collect();
    let Some(k) = [
        "负责", "承担", "提供", "实施", "执行", "完成", "依照", "按照",
    ]
    .iter()
    // (Not the 提供 of a 提供方 / 提供者 / 提供商: "由该提供方负责".)
    .filter_map(|v| {
        agent
            .match_indices(v)
            .find(|(i, _)| !agent[i + v.len()..].starts_with(['方', '者', '商']))
            .map(|(i, _)| i)
    })
    .min() else {
        return false;
    };
    k >= 6 && !party_in(k)
}

/// The statements of one sentence; `c` is the prefilter's answer for it.
pub fn statements(
    text: &str,
    mentions: &Mentions,
    zh_rules: &Modality,
    en_rules: &Modality,
    c: &Candidates,
) -> Vec<Statement> {
    let zh = is_zh(text);
    let m = if zh { zh_rules } else { en_rules };
    let mut out: Vec<Statement> = Vec::new();
    let mut inherited: Option<Role> = None;
    // Whether the part that set `inherited` stated a duty (a bare verb may continue it).
    let mut last_duty = false;
    // Whether an earlier part opened with a company that is not a party, and no party has been
    // the subject since: a subjectless duty after it is that company's.
    let mut third_subject = false;
    // The sentence's mentions, found once; each part takes its own (offsets within the part).
    let all = mentions.find(text);
    let condition_end = condition_end(text, zh, m, c);
    // A passive verb at a duty marker ("will be retained", "are encrypted").
    let passive = static_re!(
        r"(?i)^(?:(?:will|shall|must)\s+(?:not\s+)?(?:(?:therefore|also|then|still|only|always|thereafter)\s+)?be|is|are)\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|kept|held|built|run|set)\b"
    );
    // ("The Services run in data centres operated by our infrastructure providers": a party
    // whose providers or subcontractors act is not the one acting.)
    let theirs = static_re!(
        r"(?i)^(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:providers?|sub-?processors?|sub-?contractors?|suppliers?|vendors?|licensors?|carriers?)\b"
    );
    // A passive limit to a party's staff ("shall be limited to Supplier personnel").
    let limited_to = static_re!(
        r"(?i)^(?:shall|will|must|is|are)\s+(?:be\s+)?(?:limited|restricted|confined)\s+to\s+(?:those\s+(?:of\s+)?)?(?:the\s+)?"
    );
    // "X acknowledges (and agrees) that …": what follows is what X accepts as so.
    let acknowledged = static_re!(
        r"(?i)\b(?:acknowledges?|understands?|recogni[sz]es?|is aware|are aware)\s+(?:and\s+(?:agrees?|accepts?)\s+)?that\s+"
    );
    let pronoun = static_re!(r"(?i)^(?:it|they|he|she|we|you)\b");
    // A Chinese passive at a duty marker ("不得被调配").
    let passive_zh = static_re!(r"^(?:不得|不应当?|不能|应当?|须|必须|将)\s*被");
    // "…, which maintains …": where a relative clause opens (a part cut there) or ends a prefix.
    let relative_start = static_re!(r"(?i)^\s*(?:which|who)\s");
    let relative_end = static_re!(r"(?i)(?:^|,)\s*(?:which|who)(?:\s+also)?$");
    // (A party among the ends of something "between": "客服系统与乙方、买家及电商平台之间的数据传输".)
    let between_list = static_re!(r"^(?:[、和及与][^，。；、]{1,12}){1,4}之间");
    for (ps, pe) in parts(text, zh, &all) {
        let part = &text[ps..pe];
        let found: Vec<(usize, usize, Role)> = all
            .iter()
            .filter(|(s, e, _)| *s >= ps && *e <= pe)
            .filter(|&&(s, e, _)| {
                !(possessive(text, s, e) && theirs.is_some_and(|r| r.is_match(&text[e..])))
            })
            .map(|(s, e, r)| (s - ps, e - ps, *r))
            .collect();
        // (Not a party named as the other side of someone's agreement: "依照其与受托方之间的协议".)
        let counterparty = |s: usize, e: usize| {
            part[..s].ends_with(['与', '和', '同'])
                && (["之间", "签订", "订立", "的协议", "的合同"]
                    .iter()
                    .any(|w| part[e..].starts_with(w))
                    || between_list.is_some_and(|r| r.is_match(&part[e..])))
        };
        let nearest_before = |pos: usize| {
            found
                .iter()
                .rev()
                .find(|(s, e, _)| *s < pos && !(zh && counterparty(*s, *e)))
                .map(|(_, _, r)| *r)
        };
        let hedged = m.hedge.is_match(part, c);
        let joint = m.joint.is_match(part, c);
        // "harden and patch the operating systems … (you have no access to those nodes and are
        // not responsible for them)": an aside in brackets states nothing for the sentence.
        let outside = |k: usize| !in_brackets(&part[..k]);
        let disclaimer = m.disclaimer.first_where(part, c, outside);
        let right = m
            .right
            .first_where(part, c, outside)
            .filter(|(rs, _)| !m.right_guard.iter().any(|g| g.is_match(&part[..*rs])));
        let duty = m.duty.first_where(part, c, outside);
        // 由乙方负责 / the responsibility of Customer: the party after the marker.
        // (Not a party that only qualifies someone else: "由乙方所租用的云服务商提供和维护".)
        // ("经由恒岳人寿部署的堡垒机" is via, not by; nor are 理由 / 事由 / 自由 / 缘由.)
        // (Nor a participle that only describes an object of a duty stated before it: "Provider
        // shall restore Customer Data deleted by the Utility in error" is the provider's duty.)
        let describes_object = |s: usize, e: usize| {
            !zh && duty.is_some_and(|(ds, de)| {
                de <= s
                    && found.iter().any(|f| f.1 <= ds)
                    && part.get(s..e).is_some_and(|x| !x.contains("responsib"))
                    && part.get(de..s).is_some_and(|between| {
                        !between.split_whitespace().any(|w| w == "be" || w == "been")
                    })
            })
        };
        let by = m
            .by_party
            .find_all(part, c)
            .into_iter()
            .filter(|&(s, e)| agent_by(part, s) && !describes_object(s, e))
            .find_map(|(_, e)| {
                found
                    .iter()
                    .find(|(s, pe, _)| *s >= e && *s <= e + 6 && !part[*pe..].starts_with('所'))
                    .map(|(_, _, r)| *r)
            });
        // Chinese: the subject opens the part (after numbering) or carries over from the
        // previous part; a mention in mid-part is usually an object ("按照委托方的选择…予以删除").
        // English: the nearest party before the modal verb.
        let opening = found
            .first()
            .filter(|(s, _, _)| subject_position(&part[..*s]))
            .map(|x| (x.0, x.2))
            .or_else(|| staff_opening(part, m).map(|s| (s, Role::Provider)));
        // "但澜曜云不得访问人员信息的明文内容": a third party's short name opens the part.
        let third_opens = zh
            && opening.is_none()
            && mentions
                .third_at(part)
                .is_some_and(|k| subject_position(&part[..k]));
        let subject_at = |pos: usize| {
            let first = opening.filter(|o| o.0 < pos);
            let opening = first.map(|o| o.1);
            if zh {
                // "乙方资源池的计算和存储配额不得被调配给…": a duty in the passive is done by
                // someone the part does not name, whoever it names before it.
                let passive_zh = passive_zh.is_some_and(|r| r.is_match(&part[pos..]));
                if passive_zh {
                    return None;
                }
                opening.or(inherited).or_else(|| nearest_before(pos))
            } else {
                let before = part[..pos].trim_end();
                let coordinated = [" and", " or", ",and"].iter().any(|w| before.ends_with(w));
                // "… infrastructure operated by the Infrastructure Provider, which maintains
                // physical controls": the verb of a relative clause is its antecedent's; no party
                // acts unless the antecedent is one.
                if let Some(r) = relative_end {
                    if let Some(x) = r.find(before) {
                        let antecedent = before[..x.start()].trim_end().len();
                        if x.start() == 0 || !found.iter().any(|&(_, e, _)| e == antecedent) {
                            return None;
                        }
                    }
                }
                // "The Controller acknowledges that the Platform is hosted …, and that Controller
                // Personal Data will therefore be transferred": what a party acknowledges is a
                // fact, not its duty, unless it is the subject after "that" ("… that it shall").
                if let Some(x) = acknowledged.and_then(|r| r.find(before)) {
                    let after = &before[x.end()..];
                    let opener = found.first().is_some_and(|&(_, e, _)| {
                        e <= x.start() && before[e..x.start()].trim().is_empty()
                    });
                    if opener
                        && !found.iter().any(|&(s, _, _)| s >= x.end() && s < pos)
                        && !pronoun.is_some_and(|r| r.is_match(after))
                    {
                        return None;
                    }
                }
                match found.iter().rev().find(|(s, _, _)| *s < pos) {
                    // "The Province may conduct … tests … on notice to the Contractor, and shall
                    // not test …": a verb joined by "and" shares the subject that opens the
                    // part, not the object just before it.
                    Some(_)
                        if coordinated
                            && found.first().is_some_and(|&(a, b, _)| {
                                a < pos && acting_subject(part, a, b)
                            }) =>
                    {
                        found.first().map(|x| x.2)
                    }
                    // The subject is the noun after the introductory clause, not a party.
                    Some(&(s, e, _)) if possessive_in_clause_before(part, s, e, pos) => None,
                    // "Customer's backups will be retained for 30 days": what belongs to a party
                    // in the passive is done by someone the sentence does not name.
                    // (Or a party's name used as an attribute: "Controller Personal Data will
                    // therefore be transferred outside Nigeria".)
                    // (However long the subject: "All Marula Personal Information stored by
                    // the Service, including call recordings …, shall be encrypted at rest".)
                    Some(&(s, e, _))
                        if (possessive(part, s, e) || attributive(part, e))
                            && (e + 30 > pos || heads_the_part(part, s))
                            && passive.is_some_and(|r| r.is_match(&part[pos..])) =>
                    {
                        None
                    }
                    // "We back up … your Application definitions … and keep each backup": a
                    // possessive in the object is not the subject of a later verb; the party
                    // that opens the part is.
                    Some(&(s, e, _))
                        if possessive(part, s, e)
                            && first.is_some_and(|o| o.0 < s)
                            && found
                                .first()
                                .is_some_and(|&(a, b, _)| acting_subject(part, a, b)) =>
                    {
                        opening
                    }
                    // "Administrator access to the Managed Layers shall be limited to Supplier
                    // personnel who …": a limit on whose staff may access is kept by that party.
                    None => limited_to
                        .and_then(|r| r.find(&part[pos..]))
                        .and_then(|x| found.iter().find(|&&(s, _, _)| s == pos + x.end()))
                        .map(|x| x.2)
                        .or(opening)
                        .or(inherited),
                    near => near.map(|x| x.2).or(opening).or(inherited),
                }
            }
        };
        // A permission fenced by "only" is a restriction, and a restriction is a duty:
        // "personnel may access … only to resolve", "仅在…授权后，方可查看".
        let restricted = right.is_some() && m.restriction.is_match(part, c);
        // A Chinese part without a subject of its own that ends in 的 is the condition of the part
        // after it, not a statement: "属于甲方自行部署的应用程序的，由甲方负责". (One with a subject,
        // "委托方通过电子邮件发送…的，", says what that party does, and the disclaimer after it is
        // scoped by it.)
        let condition = zh
            && part.trim_end_matches([',', '，', ' ']).ends_with('的')
            && opening.is_none()
            && !part.contains(['。', '|'])
            && part.chars().count() <= 60;
        let stmt = if condition {
            None
        } else if let (true, None) = (restricted, disclaimer) {
            Some((subject_at(right.map_or(0, |r| r.0)), Kind::Duty))
        } else if let Some((ds, _)) = disclaimer {
            // "may, but is not obliged to": a right, not a disclaimer.
            if right.is_some_and(|(rs, _)| rs < ds) {
                Some((subject_at(right.map_or(0, |r| r.0)), Kind::Right))
            } else {
                Some((by.or_else(|| subject_at(ds)), Kind::Disclaimer))
            }
        } else if let (Some(role), Some(_)) = (by, duty) {
            Some((Some(role), Kind::Duty))
        } else if duty.is_some() && !zh && relative_start.is_some_and(|r| r.is_match(part)) {
            // (A relative clause cut off above: its antecedent is no party.)
            Some((None, Kind::Others))
        } else if duty.is_some()
            && zh
            && (by_third(part, &found, m, c)
                || company_subject(part, opening.is_some(), true)
                || third_opens
                || (third_subject && opening.is_none() && inherited.is_none()))
        {
            // "…的物理安全，由附件三所列托管服务商依照其与受托方之间的协议负责": someone other than
            // the parties is responsible; a party named on the way is no subject.
            Some((None, Kind::Others))
        } else if let Some((ds, _)) = duty.filter(|(ds, _)| !advised(&part[..*ds])) {
            // A right that comes before the first duty marker governs the part ("甲方可以…").
            // ("Provider may disable any credential …, and in that case will tell Customer": the
            // notice that goes with a right is part of the right.)
            let notice_after = || {
                let from = part[..ds].rfind([',', '，', ';', '；']).unwrap_or(ds);
                m.notice_only.iter().any(|r| r.is_match(&part[from..]))
            };
            match right {
                Some((rs, _))
                    if rs <= ds && (!zh_duty_after_right(part, rs, ds) || notice_after()) =>
                {
                    Some((subject_at(rs), Kind::Right))
                }
                _ => Some((subject_at(ds), Kind::Duty)),
            }
        } else if let Some((rs, _)) = right {
            Some((subject_at(rs), Kind::Right))
        } else {
            labelled(part, &found)
                .or_else(|| acted(part, &found, inherited.filter(|_| last_duty), zh, m))
                .filter(|_| condition_end.is_none_or(|k| pe > k))
                .map(|r| (Some(r), Kind::Duty))
        };
        // "甲方可以…协助…，但甲方并无此项义务": the "but not obliged" of a permission. And
        // "甲方有权…审计，乙方应予配合": the other side's help with a right is part of the right.
        let stmt = stmt.map(|(role, kind)| {
            let but = part.trim_start().starts_with(['但', '惟']);
            match out.last() {
                Some(prev) if kind == Kind::Disclaimer && but && prev.kind == Kind::Right => {
                    (role, Kind::Right)
                }
                Some(prev)
                    if kind == Kind::Duty
                        && prev.kind == Kind::Right
                        && prev.role.is_some()
                        && prev.role != role
                        && m.assist.iter().any(|r| r.is_match(part)) =>
                {
                    (role, Kind::Right)
                }
                _ => (role, kind),
            }
        });
        if let Some((role, kind)) = stmt {
            let role = if joint && kind == Kind::Duty {
                Some(Role::Both)
            } else {
                role
            };
            out.push(Statement {
                role,
                kind,
                hedged,
                joint: joint && kind == Kind::Duty,
                start: ps,
                end: pe,
            });
            if let Some(r) = role {
                inherited = Some(r);
                last_duty = kind == Kind::Duty;
            }
        } else if let Some((_, _, r)) = found.first().filter(|x| subject_position(&part[..x.0])) {
            // Only a mention in subject position (the start of the part, after any clause
            // number or connective) becomes the subject.
            inherited = Some(*r);
            last_duty = true;
            third_subject = false;
        } else if zh && (company_subject(part, false, false) || third_opens) {
            third_subject = true;
        }
    }
    out
}

/// A measure labelled with its party ("**Customer:** enabling two-factor authentication …",
/// "客户：负责…"): the party's part, as in a list of measures that marks the other side's.
fn labelled(part: &str, found: &[(usize, usize, Role)]) -> Option<Role> {
    let (s, e, r) = found.first()?;
    (subject_position(&part[..*s]) && opens_label(&part[*e..]) && *r != Role::Both).then_some(*r)
}

/// A statement of what a party does, in the present tense ("我们记录…日志", "We encrypt …"):
/// a verb of the rules' `acts` right after the party in subject position, or, in Chinese, at
/// the start of a part that continues a duty of `continued` ("，并记录…").
fn acted(
    part: &str,
    found: &[(usize, usize, Role)],
    continued: Option<Role>,
    zh: bool,
    m: &Modality,
) -> Option<Role> {
    // (Not a verb that qualifies a noun: "经由恒岳人寿部署的运维堡垒机" is the bastion host the
    // customer deployed, not a statement that it deploys anything.)
    let acts = |rest: &str| {
        // (After a bracketed label too: "[Processor] Hardens the operating systems …".)
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ']' | '】'));
        m.acts.iter().any(|r| {
            r.find(rest)
                .is_some_and(|x| !(zh && rest[x.end()..].starts_with('的')))
        })
    };
    if let Some((s, e, r)) = found.first() {
        let prefix = &part[..*s];
        let subject = if zh {
            subject_position(prefix)
        } else {
            // (After a clause number too: "9.2 We encrypt Content at rest", "5.3 The Hosting
            // Company operates and secures its network".)
            let p = prefix.trim();
            let p = p
                .strip_suffix("The")
                .or_else(|| p.strip_suffix("the"))
                .filter(|q| q.is_empty() || q.ends_with(|c: char| !c.is_alphanumeric()))
                .map_or(p, str::trim_end);
            !p.ends_with(|c: char| c.is_alphanumeric())
                || (p.starts_with(|c: char| c.is_ascii_digit() || c == '(')
                    && p.chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, '.' | '(' | ')') || c.is_ascii_lowercase()
                    })
                    && p.chars().filter(char::is_ascii_lowercase).count() <= 3)
        };
        if subject {
            let guarded = m.acts_guard.iter().any(|g| g.is_match(prefix));
            return Some(*r).filter(|_| !guarded && acts(&part[*e..]));
        }
    }
    let rest =
        part.trim_start_matches(|c: char| c.is_whitespace() || "并且同时还也以及".contains(c));
    continued.filter(|_| zh && acts(rest))
}

/// Where a part opens with staff named without a party ("（三）运维人员不得…"): the provider's
/// people. Only numbering or a connective may come before them.
fn staff_opening(part: &str, m: &Modality) -> Option<usize> {
    (0..=part.len().min(24))
        .filter(|i| part.is_char_boundary(*i))
        .take_while(|i| subject_position(&part[..*i]))
        .find(|i| m.staff.iter().any(|r| r.is_match(&part[*i..])))
}

/// "When your subscription ends, Personal Information will be deleted": a possessive in an
/// introductory clause, with the sentence's own subject between the comma and the verb at `pos`,
/// is not who acts.
fn possessive_in_clause_before(part: &str, s: usize, e: usize, pos: usize) -> bool {
    let between = part.get(e..pos).unwrap_or("");
    possessive(part, s, e)
        && between.rfind(',').is_some_and(|k| {
            between[k + 1..]
                .split_whitespace()
                .any(|w| w.chars().next().is_some_and(char::is_alphabetic))
        })
}

/// Whether the mention at `s` is a subject that acts: "we" or "you", or a party followed by an
/// auxiliary ("Customer will …"), not a name used as a modifier ("Business Personal Information").
fn acting_subject(part: &str, s: usize, e: usize) -> bool {
    ["we", "you"].contains(&part[s..e].to_ascii_lowercase().as_str())
        || static_re!(r"(?i)^\s+(?:will|shall|must|may|is|are|has|have|does|do)\b")
            .is_some_and(|r| r.is_match(&part[e..]))
}

/// Whether what comes before a duty marker makes it advice: "乙方建议甲方定期自行备份", "we
/// recommend that you back up" say what would be wise, not who must do it.
pub(crate) fn advised(before: &str) -> bool {
    static_re!(r"(?i)建议|\b(recommends?|advises?|encourages?)\b")
        .is_some_and(|r| r.is_match(before))
}

/// Whether the mention at `s..e` is a possessive ("your", "our", "Customer's").
fn possessive(part: &str, s: usize, e: usize) -> bool {
    let word = part[s..e].to_ascii_lowercase();
    ["your", "our", "their", "its"].contains(&word.as_str())
        || part[e..].starts_with("'s")
        || part[e..].starts_with("’s")
}

/// Whether the mention at `s` opens the part's subject: nothing before it but its number and a
/// determiner ("All Marula Personal Information …", "(b) Customer's …").
fn heads_the_part(part: &str, s: usize) -> bool {
    static_re!(
        r"(?i)^[\s*]*(?:\([a-z0-9]{1,4}\)\s*|[0-9]+(?:\.[0-9]+)*\.?\s+)?(?:(?:all|the|any|each|every|such)\s+)?$"
    )
        .is_some_and(|r| r.is_match(&part[..s]))
}

/// Whether a party's name at `..e` qualifies a defined noun after it ("Controller Personal Data",
/// "Customer Content").
fn attributive(part: &str, e: usize) -> bool {
    static_re!(
        r"^\s+(?:Personal\s+)?(?:Data|Content|Materials|Information|Records|Systems?|Applications?|Environment|Accounts?|Keys?)\b"
    )
    .is_some_and(|r| r.is_match(&part[e..]))
}

/// Whether the end of `before` lies inside an open bracket.
fn in_brackets(before: &str) -> bool {
    let depth = before.chars().fold(0i32, |d, c| match c {
        '(' | '（' => d + 1,
        ')' | '）' => (d - 1).max(0),
        _ => d,
    });
    depth > 0
}

/// Whether the text before a mention is only numbering, punctuation or a connective.
fn subject_position(prefix: &str) -> bool {
    prefix.chars().all(|c| {
        !c.is_alphabetic()
            || "一二三四五六七八九十第条款项但并且如若另同时此外其中".contains(c)
            || (c.is_ascii_alphabetic() && prefix.trim().len() <= 4)
    })
}

/// "可以" inside "应当可以" or a right far from the duty verb does not make the part a right.
fn zh_duty_after_right(part: &str, rs: usize, ds: usize) -> bool {
    // An English modal pair like "may ... shall" is rare; treat only a right directly followed
    // by a duty marker ("可…应当") as not governing.
    // "有权对乙方履行…义务的情况进行监督检查": 义务 there is the object of the right, a noun.
    ds > rs && part[rs..ds].chars().count() > 12 && !part[ds..].starts_with("义务")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::parties::resolve;
    use crate::analysis::rules::Rules;
    use crate::templates::TemplateFiles;

    fn run(text: &str, body: &str) -> Vec<(Option<Role>, Kind)> {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let (_, mentions) = resolve(&format!("{text}\n{body}"), &rules.parties);
        statements(
            body,
            &mentions,
            &rules.modality_zh,
            &rules.modality_en,
            &rules.prefilter.scan(body),
        )
        .into_iter()
        .map(|s| (s.role, s.kind))
        .collect()
    }

    const ZH: &str = "甲方（客户）：某某公司\n乙方（服务商）：某某云公司\n";
    const EN: &str = "ACME LTD (\"Provider\") and BETA LTD (\"Customer\")\n";

    #[test]
    fn negation_about_the_customer_then_a_named_provider() {
        let s = run(
            ZH,
            "甲方不负责本服务所使用服务器的操作系统维护和补丁更新，该等工作由乙方负责。",
        );
        assert!(s.contains(&(Some(Role::Provider), Kind::Duty)), "{s:?}");
        assert!(!s
            .iter()
            .any(|x| x.0 == Some(Role::Provider) && x.1 == Kind::Disclaimer));
    }

    #[test]
    fn what_belongs_to_a_party_in_the_passive_is_not_its_duty() {
        assert_eq!(
            run(EN, "Customer's backups will be retained for 30 days."),
            vec![(None, Kind::Duty)]
        );
        assert_eq!(
            run(
                EN,
                "Customer's administrators shall manage the user accounts."
            ),
            vec![(Some(Role::Customer), Kind::Duty)]
        );
    }

    #[test]
    fn advice_is_no_duty() {
        assert_eq!(
            run(
                ZH,
                "乙方不对甲方数据的丢失承担责任，乙方建议甲方定期自行备份。"
            ),
            vec![(Some(Role::Provider), Kind::Disclaimer)]
        );
        assert_eq!(
            run(ZH, "乙方不对甲方数据的丢失承担责任，甲方应当定期自行备份。"),
            vec![
                (Some(Role::Provider), Kind::Disclaimer),
                (Some(Role::Customer), Kind::Duty)
            ]
        );
    }

    #[test]
    fn a_chinese_duty_in_the_passive_is_not_the_named_partys() {
        assert_eq!(
            run(
                ZH,
                "乙方资源池的计算和存储配额不得被调配给甲方其他客户使用。"
            ),
            vec![(None, Kind::Duty)]
        );
        assert_eq!(
            run(ZH, "乙方应当确保甲方数据不被泄露。"),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
    }

    #[test]
    fn a_possessive_in_an_introductory_clause_is_not_the_subject() {
        let en = "ACME LTD (\"we\") and BETA LTD (\"you\")\n";
        assert_eq!(
            run(
                en,
                "When your subscription ends, Personal Information will be deleted."
            ),
            vec![(None, Kind::Duty)]
        );
        assert_eq!(
            run(EN, "If Customer revokes Provider's access to the key, Customer Data will become inaccessible."),
            vec![(None, Kind::Duty)]
        );
        // Without the comma the party is the subject as before.
        assert_eq!(
            run(
                en,
                "When your subscription ends we will delete Personal Information."
            ),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
    }

    #[test]
    fn an_english_clause_opened_by_the_other_party_is_a_statement_of_its_own() {
        assert_eq!(
            run(EN, "Customer shall maintain its own backup copies of Customer Data, and Provider will not be responsible for any loss of Customer Data."),
            vec![(Some(Role::Customer), Kind::Duty), (Some(Role::Provider), Kind::Disclaimer)]
        );
        assert_eq!(
            run(EN, "Provider will not be responsible for the security of custom code, all of which are Customer's responsibility."),
            vec![(Some(Role::Provider), Kind::Disclaimer), (Some(Role::Customer), Kind::Duty)]
        );
        // A list of objects is not a new clause.
        assert_eq!(
            run(
                EN,
                "Provider shall encrypt data at rest, and the Customer Data in transit."
            ),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
    }

    #[test]
    fn a_third_partys_short_name_opening_a_part_is_that_companys_duty() {
        let head = "甲方：某某制动系统股份有限公司\n乙方：某某工业互联网科技有限公司\n\n\
            （十）“云基础设施服务商”：指乙方租用其计算资源的第三方。截至本协议签署之日，云基础设施服务商为杭州澜曜云计算有限公司（以下简称“澜曜云”）。";
        assert_eq!(
            run(head, "甲方签署本协议，即同意澜曜云以加密形式存储人员信息，但澜曜云不得访问人员信息的明文内容。"),
            vec![(None, Kind::Others)]
        );
        // A party's own short name stays the party.
        assert_eq!(
            run(head, "但乙方不得访问人员信息的明文内容。"),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
    }

    #[test]
    fn a_relative_clause_acts_for_its_antecedent() {
        // The infrastructure provider maintains the controls, not the party that hosts on it.
        assert_eq!(
            run(EN, "Provider hosts the Service on infrastructure operated by a third-party hosting company, which maintains physical and environmental controls at its data centres."),
            vec![(None, Kind::Others)]
        );
        assert_eq!(
            run(EN, "Provider shall encrypt the backups on infrastructure of a hosting company, which maintains physical controls at its data centres."),
            vec![(Some(Role::Provider), Kind::Duty), (None, Kind::Others)]
        );
        // A party as the antecedent is the subject.
        assert_eq!(
            run(
                EN,
                "Backups are kept by Provider, which maintains them in two regions."
            ),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
    }

    #[test]
    fn a_measure_labelled_with_its_party_is_that_partys() {
        assert_eq!(
            run(
                EN,
                "12. **Customer:** enabling two-factor authentication for its users."
            ),
            vec![(Some(Role::Customer), Kind::Duty)]
        );
        assert_eq!(run(EN, "11. Single sign-on for all staff."), vec![]);
    }

    #[test]
    fn rights_and_disclaimers() {
        assert_eq!(
            run(ZH, "服务期满后，乙方有权删除甲方数据。"),
            vec![(Some(Role::Provider), Kind::Right)]
        );
        assert_eq!(
            run(
                ZH,
                "我们的员工仅在您为处理支持工单明确授权后，方可在授权范围内查看您的内容。"
            ),
            vec![(Some(Role::Provider), Kind::Duty)],
            "a permission fenced by 仅/方可 is a restriction on the provider"
        );
        assert_eq!(
            run(
                EN,
                "Provider may, but is not obliged to, assist Customer with migration."
            ),
            vec![(Some(Role::Provider), Kind::Right)]
        );
        assert_eq!(
            run(EN, "Provider has no responsibility for any personal data."),
            vec![(Some(Role::Provider), Kind::Disclaimer)]
        );
        assert_eq!(
            run(
                EN,
                "Customer shall encrypt traffic between its Instances and the internet."
            ),
            vec![(Some(Role::Customer), Kind::Duty)]
        );
        assert_eq!(
            run(EN, "access keys shall be rotated at least every 90 days"),
            vec![(None, Kind::Duty)]
        );
    }

    #[test]
    fn present_tense_statements_of_what_a_party_does() {
        const WE: &str = "星衡云（以下简称“我们”）与您（“您”）订立本协议。\n";
        assert_eq!(
            run(WE, "我们记录本服务的安全日志。"),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
        assert_eq!(
            run(WE, "我们对机房实施门禁管理，并记录出入日志。"),
            vec![
                (Some(Role::Provider), Kind::Duty),
                (Some(Role::Provider), Kind::Duty)
            ]
        );
        assert!(
            run(WE, "如您加密存储数据，请妥善保管密钥。")
                .iter()
                .all(|x| x.0 != Some(Role::Customer) || x.1 != Kind::Duty),
            "a condition states no fact"
        );
        assert_eq!(
            run(EN, "Provider encrypts Customer Data at rest."),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
        assert!(
            run(EN, "The console lets Customer back up its volumes.").is_empty(),
            "an enabling verb before the party: a feature"
        );
        assert!(
            run(ZH, "乙方可以应甲方请求协助迁移数据，但乙方并无此项义务。")
                .iter()
                .all(|x| x.1 == Kind::Right),
            "may, but is not obliged"
        );
        assert!(run(ZH, "乙方保留对本协议的最终解释权。")
            .iter()
            .all(|x| x.1 == Kind::Right));
    }

    #[test]
    fn subjects_carry_over_chinese_parts_and_joint_duties() {
        let s = run(
            ZH,
            "乙方应当对甲方数据进行加密存储，每日进行备份，备份数据保留15日。",
        );
        assert!(s.iter().all(|x| x.0 == Some(Role::Provider)), "{s:?}");
        let j = run(ZH, "双方共同负责本服务账号的安全。");
        assert_eq!(j, vec![(Some(Role::Both), Kind::Duty)]);
    }

    #[test]
    fn staff_named_without_a_party_are_the_providers() {
        // A part of its own: the staff opens it, whatever party came before.
        let s = run(
            ZH,
            "（三）未经甲方书面同意，运维人员不得查看、复制或者导出业务虚拟机中的数据。",
        );
        assert_eq!(s.last(), Some(&(Some(Role::Provider), Kind::Duty)), "{s:?}");
        // The customer's own staff stay the customer's.
        let c = run(ZH, "甲方运维人员应当妥善保管账号。");
        assert_eq!(c, vec![(Some(Role::Customer), Kind::Duty)]);
        let e = run(
            EN,
            "(d) Support personnel shall access Customer Data only with approval.",
        );
        assert_eq!(e, vec![(Some(Role::Provider), Kind::Duty)]);
        // Passive with a verb of upkeep: 由乙方统一维护.
        let p = run(ZH, "节点操作系统由乙方统一维护和升级。");
        assert_eq!(p, vec![(Some(Role::Provider), Kind::Duty)]);
    }

    #[test]
    fn a_may_inside_a_relative_clause_is_no_right() {
        let s = run(
            EN,
            "(1) Customer shall configure network policies that control which networks may connect to its Account.",
        );
        assert_eq!(s, vec![(Some(Role::Customer), Kind::Duty)]);
        let r = run(EN, "Customer may configure network policies.");
        assert_eq!(r, vec![(Some(Role::Customer), Kind::Right)]);
    }

    #[test]
    fn a_semicolon_opens_a_new_subject_and_bearing_is_a_duty() {
        let s = run(
            ZH,
            "乙方运维人员未经甲方书面同意不得查阅公文正文；甲方承担本单位用户账号的开通和注销审核。",
        );
        assert_eq!(
            s,
            vec![
                (Some(Role::Provider), Kind::Duty),
                (Some(Role::Customer), Kind::Duty)
            ]
        );
    }

    #[test]
    fn help_with_the_other_sides_right_is_part_of_the_right() {
        let s = run(
            ZH,
            "甲方可以委托第三方机构对本系统开展渗透测试，乙方应提供必要的协助和测试环境。",
        );
        assert!(s.iter().all(|x| x.1 == Kind::Right), "{s:?}");
        let own = run(ZH, "乙方应当每年开展渗透测试，并提供必要的测试环境。");
        assert_eq!(own.first(), Some(&(Some(Role::Provider), Kind::Duty)));
    }

    #[test]
    fn a_participle_that_describes_the_object_names_no_one_who_acts() {
        assert_eq!(
            run(
                EN,
                "At Customer's request, Provider shall restore Customer Data deleted by Customer in error from the most recent backup."
            ),
            vec![(Some(Role::Provider), Kind::Duty)]
        );
        // (A passive with its auxiliary still names who acts.)
        assert!(run(
            EN,
            "Backups of the database shall be performed by Customer."
        )
        .contains(&(Some(Role::Customer), Kind::Duty)));
    }
}
