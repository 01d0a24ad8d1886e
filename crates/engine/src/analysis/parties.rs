//! Who is who: the provider's and the customer's names and aliases, read from the preamble and
//! the definitions before any obligation is attributed. 甲方/乙方 are labels, not roles: the
//! parenthetical role word (甲方（客户）), the role words near a name, or the pronouns decide.

use std::collections::BTreeSet;

use regex::{Regex, RegexBuilder};
use serde::Serialize;
use ts_rs::TS;

use super::rules::PartyWords;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Provider,
    Customer,
    Both,
}

/// The resolved parties, with every alias the analyzer will recognise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Parties {
    pub provider: Vec<String>,
    pub customer: Vec<String>,
    /// Places named on each party's line of the preamble (for "the provider's home court").
    #[serde(skip)]
    #[ts(skip)]
    pub provider_places: Vec<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub customer_places: Vec<String>,
}

/// Place names on a party line: Chinese cities/provinces, capitalised English words.
fn places(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(r) = static_re!(r"([\p{Han}]{2,6}?)(?:市|省|区)") {
        out.extend(r.captures_iter(line).map(|c| c[1].to_string()));
    }
    const STOP: [&str; 24] = [
        "The",
        "A",
        "An",
        "Limited",
        "Ltd",
        "Inc",
        "LLC",
        "Company",
        "Customer",
        "Provider",
        "Supplier",
        "Agreement",
        "Services",
        "Processor",
        "Controller",
        "Client",
        "Contractor",
        "Vendor",
        "Registered",
        "Number",
        "Office",
        "Street",
        "Road",
        "House",
    ];
    // (Where a company is registered is no place it is based: "incorporated and registered in
    // England and Wales, … Leeds" is based in Leeds.)
    if let Some(r) = static_re!(
        r"(registered|incorporated|organi[sz]ed)?\s*(?:\b(?:in|of|at)\b|,)\s+(?:the\s+)?([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)"
    ) {
        out.extend(
            r.captures_iter(line)
                .filter(|c| c.get(1).is_none())
                .map(|c| c[2].to_string())
                .filter(|w| !STOP.contains(&w.as_str())),
        );
    }
    out
}

/// Where a company on a party line is registered ("registered in Scotland", "incorporated in
/// England and Wales"): a jurisdiction, which says where the party is based only when the other
/// party's line names a different one.
fn registered(line: &str) -> Vec<String> {
    static_re!(
        r"(?:registered|incorporated|organi[sz]ed)(?: and registered)?\s+(?:in|under the laws of)\s+(?:the\s+)?([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)"
    )
    .map(|r| r.captures_iter(line).map(|c| c[1].to_string()).collect())
    .unwrap_or_default()
}

/// A compiled matcher for party mentions.
pub struct Mentions {
    regex: Option<Regex>,
    roles: Vec<(String, Role)>,
    /// Terms defined for a third party that contain a party word ("基础云服务商"：指…第三方…):
    /// matched so that the party word inside them is no mention.
    others: Vec<String>,
    /// Short names of companies the text says are third parties ("澜曜云", "northbeam"), lower-cased.
    thirds: Vec<String>,
    /// Abbreviations a legend gives the parties ("AN = Contractor"), matched case-sensitively
    /// (lower-cased, "an" would be the article).
    codes: Vec<(String, Role)>,
    code_regex: Option<Regex>,
    /// Table column headers a clause gives a party (`later_names`), lower-cased.
    columns: Vec<(String, Role)>,
}

/// What a `Mentions` is made from: the aliases with their roles, the third parties' terms and the
/// legend's codes.
pub(crate) type Reading<'a> = (
    &'a [(String, Role)],
    &'a [String],
    &'a [String],
    &'a [(String, Role)],
    &'a [(String, Role)],
);

impl Mentions {
    /// What the matcher is made from: the aliases with their roles, and the third parties'
    /// terms.
    pub(crate) fn reading(&self) -> Reading<'_> {
        (
            &self.roles,
            &self.others,
            &self.thirds,
            &self.codes,
            &self.columns,
        )
    }

    /// The party a table's column header names: a mention in it, or a column a clause gives a
    /// party ("the column headed "Platform" sets out our responsibilities").
    pub(crate) fn header_role(&self, header: &str) -> Option<Role> {
        self.find(header).first().map(|x| x.2).or_else(|| {
            let h = header.trim().trim_matches('*').trim().to_ascii_lowercase();
            self.columns.iter().find(|(c, _)| *c == h).map(|x| x.1)
        })
    }

    /// Where the first short name of a third-party company starts in `text` (byte offset).
    pub(crate) fn third_at(&self, text: &str) -> Option<usize> {
        if self.thirds.is_empty() {
            return None;
        }
        // (Lower-cased only for a name with Latin letters, and then once: most parts are Chinese.)
        let mut lower: Option<String> = None;
        self.thirds
            .iter()
            .filter_map(|t| {
                if t.bytes().any(|b| b.is_ascii_alphabetic()) {
                    lower
                        .get_or_insert_with(|| text.to_ascii_lowercase())
                        .find(t.as_str())
                } else {
                    text.find(t.as_str())
                }
            })
            .min()
    }

    /// The mentions that label what follows them ("AN: TLS for the portal", "**Customer:**
    /// enabling …", "甲方：负责…"): (byte start, role), either party, not both.
    pub(crate) fn labels(&self, text: &str) -> Vec<(usize, Role)> {
        self.find(text)
            .into_iter()
            .filter(|&(_, e, r)| r != Role::Both && text.get(e..).is_some_and(opens_label))
            .map(|(s, _, r)| (s, r))
            .collect()
    }

    /// Mentions in `text`: (byte start, byte end, role).
    pub fn find(&self, text: &str) -> Vec<(usize, usize, Role)> {
        let Some(re) = &self.regex else {
            return Vec::new();
        };
        // ASCII lower-casing keeps byte offsets, so matches map back onto `text`.
        let lower = text.to_ascii_lowercase();
        let mut found: Vec<(usize, usize, Role)> = re
            .find_iter(&lower)
            .filter(|m| !self.others.iter().any(|o| o == m.as_str()))
            .filter_map(|m| {
                self.roles
                    .iter()
                    .find(|(a, _)| a == m.as_str())
                    .map(|(_, r)| (m.start(), m.end(), *r))
            })
            .filter(|(s, _, _)| !preceded_by_user_qualifier(text, *s))
            .filter(|(_, e, _)| !names_a_thing(&text[*e..]))
            .collect();
        if let Some(cr) = &self.code_regex {
            let before = found.len();
            found.extend(cr.find_iter(text).filter_map(|m| {
                self.codes
                    .iter()
                    .find(|(c, _)| c == m.as_str())
                    .map(|(_, r)| (m.start(), m.end(), *r))
            }));
            if found.len() > before {
                found.sort_by_key(|x| x.0);
            }
        }
        found
    }
}

/// Whether the text right after a party's name makes the name a label: a colon, past any bold
/// markers or closing quote ("**Customer:**", "AN: …", "甲方：").
pub(crate) fn opens_label(after: &str) -> bool {
    // (Or the party's part named: "乙方职责：…", "Customer responsibilities:", "Provider's
    // obligations:".)
    let after = after.trim_start_matches(['*', ' ', '"', '”']);
    let after = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"))
        .unwrap_or(after)
        .trim_start();
    let after = [
        "的职责",
        "职责",
        "的责任",
        "责任",
        "的义务",
        "义务",
        "responsibilities",
        "Responsibilities",
        "obligations",
        "Obligations",
    ]
    .iter()
    .find_map(|w| after.strip_prefix(w))
    .unwrap_or(after)
    .trim_start_matches(['*', ' ']);
    after.starts_with([':', '：'])
}

/// "Customer Data", "Customer Portal", "甲方数据", "您的内容": the party's name inside a defined thing
/// is not the party.
/// A unit of the party's own ("甲方信息中心", "甲方信息技术部") is the party acting.
fn names_a_thing(after: &str) -> bool {
    const UNITS: [&str; 4] = ["信息中心", "信息部", "信息科", "信息技术"];
    if UNITS.iter().any(|u| after.starts_with(u)) {
        return false;
    }
    const ZH: [&str; 13] = [
        "端",
        "名",
        "数据",
        "的数据",
        "内容",
        "的内容",
        "信息",
        "的信息",
        "资料",
        "账号",
        "业务系统",
        "系统",
        "的系统",
    ];
    const EN: [&str; 13] = [
        " data",
        " content",
        " materials",
        " personal data",
        " information",
        " account",
        " dat",
        " property",
        " portal",
        " console",
        " equipment",
        " environment",
        " agreement",
    ];
    ZH.iter().any(|z| after.starts_with(z)) || {
        let lower: String = after.chars().take(16).collect::<String>().to_lowercase();
        EN.iter().any(|e| lower.starts_with(e))
    }
}

/// 终端用户 / 最终用户 / end users are the customer's users, not the customer; 第三方云服务商 / 该云服务商
/// / 托管服务商 / "that provider" / "other customers" (a third party, "that" one the text just named,
/// someone else of that kind) is not the party.
fn preceded_by_user_qualifier(text: &str, start: usize) -> bool {
    let before = &text[..start];
    // 终端用户 / 最终用户 / 第三方云服务商 / 该云服务商 (the last three characters).
    let mut tail: Vec<char> = before.chars().rev().take(3).collect();
    tail.reverse();
    let tail: String = tail.into_iter().collect();
    // (And 托管服务商 / 基础云服务商 / 其他服务商 / 新的服务商: a hosting company, the cloud under the
    // platform, another or a successor; 云基础设施服务商 / 短信服务商 / 短信通道服务商 / 电子签约服务商
    // / 大模型服务商 / 支付服务商 / 电信服务商 / 设备供应商 / 审核服务商: a supplier of one thing.)
    if [
        "终端",
        "最终",
        "授权",
        "第三方",
        "该",
        "托管",
        "其他",
        "新的",
        "基础",
        "设施",
        "短信",
        "通道",
        "签约",
        "模型",
        "支付",
        "电信",
        "设备",
        "硬件",
        "审核",
    ]
    .iter()
    .any(|q| tail.ends_with(q))
    {
        return true;
    }
    // The word before: "end users", "that provider's responsibility", "a third-party
    // infrastructure provider", "other customers" — someone else of that kind, not the party.
    if !before.ends_with(char::is_whitespace) {
        return false;
    }
    let mut words = before.split_whitespace().rev().map(|w| {
        w.trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase()
    });
    match (words.next().as_deref(), words.next().as_deref()) {
        (Some("party"), Some("third")) => true,
        // "Corvel's customers", "the Hyperscaler's customer agreement": someone else's.
        (Some(w), _) if w.ends_with("'s") || w.ends_with("’s") => true,
        (Some(w), _) => [
            "end",
            "that",
            "such",
            "a",
            "an",
            "any",
            "other",
            "another",
            "different",
            "third-party",
            "infrastructure",
            "hosting",
            "each",
            "successor",
            "replacement",
            "incoming",
            // ("the Charity's identity provider", "an email provider": a supplier of one thing.)
            "identity",
            "email",
            "e-mail",
            "payment",
            "payments",
            "telecommunications",
            "internet",
            "dns",
            "sms",
            "authentication",
        ]
        .contains(&w),
        _ => false,
    }
}

fn has_word(text: &str, word: &str) -> bool {
    has_word_lower(&text.to_ascii_lowercase(), word)
}

/// `has_word` on a text already lower-cased (ASCII): the full-text checks lower-case it once.
fn has_word_lower(lower: &str, word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    if w.is_ascii() {
        let mut from = 0;
        while let Some(i) = lower[from..].find(&w) {
            let s = from + i;
            let e = s + w.len();
            let ok_before = lower[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_after = lower[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if ok_before && ok_after {
                return true;
            }
            from = e;
        }
        false
    } else {
        lower.contains(&w)
    }
}

fn role_of(context: &str, words: &PartyWords) -> Option<Role> {
    let p = words
        .provider_words
        .iter()
        .filter(|w| has_word(context, w))
        .map(|w| w.chars().count())
        .max();
    let c = words
        .customer_words
        .iter()
        .filter(|w| has_word(context, w))
        .map(|w| w.chars().count())
        .max();
    match (p, c) {
        (Some(_), None) => Some(Role::Provider),
        (None, Some(_)) => Some(Role::Customer),
        (Some(a), Some(b)) if a > b => Some(Role::Provider),
        (Some(a), Some(b)) if b > a => Some(Role::Customer),
        _ => None,
    }
}

/// How much of the text's start the preamble reading looks at (chars); the rest of the text
/// counts only through `presence_words`.
pub const HEAD_CHARS: usize = 6000;

/// The generic role words that always count, unless a label already took them for the other side.
const GENERIC_PROVIDER: [&str; 10] = [
    "provider",
    "supplier",
    "vendor",
    "processor",
    "服务商",
    "服务方",
    "云服务商",
    "受托方",
    "受托人",
    "供应商",
];
const GENERIC_CUSTOMER: [&str; 9] = [
    "customer",
    "client",
    "controller",
    "客户",
    "用户",
    "委托方",
    "委托人",
    "采购人",
    "使用单位",
];
const LABELS: [(&str, Role); 2] = [("甲方", Role::Customer), ("乙方", Role::Provider)];

/// A word whose presence anywhere in the text the resolution reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PresenceWord {
    /// ASCII-lower-cased.
    pub lower: String,
    /// A whole word (`has_word`); otherwise any occurrence counts (labels, Chinese words).
    pub whole: bool,
}

/// The words whose presence `resolve` reads beyond the head, in the order `present` answers:
/// the labels 甲方/乙方, the pronouns of each side, the generic role words of each side.
pub(crate) fn presence_words(words: &PartyWords) -> Vec<PresenceWord> {
    let label = LABELS.iter().map(|(l, _)| PresenceWord {
        lower: l.to_string(),
        whole: false,
    });
    let word = |w: &str| {
        let lower = w.to_ascii_lowercase();
        PresenceWord {
            whole: lower.is_ascii(),
            lower,
        }
    };
    let lists = words
        .provider_pronouns
        .iter()
        .chain(&words.customer_pronouns)
        .map(|w| word(w));
    let generic = GENERIC_PROVIDER
        .iter()
        .chain(&GENERIC_CUSTOMER)
        .map(|w| word(w));
    label.chain(lists).chain(generic).collect()
}

/// Which of `presence_words` occur in `text`.
pub(crate) fn present(text: &str, list: &[PresenceWord]) -> Vec<bool> {
    let lower_text = text.to_ascii_lowercase();
    list.iter()
        .map(|w| {
            if w.whole {
                has_word_lower(&lower_text, &w.lower)
            } else {
                lower_text.contains(&w.lower)
            }
        })
        .collect()
}

/// Resolves the parties from the text (the preamble and definitions carry most of it).
pub fn resolve(text: &str, words: &PartyWords) -> (Parties, Mentions) {
    resolve_with(text, words, &present(text, &presence_words(words)))
}

/// Defined things that are not parties, whatever the brackets after a name say.
const NOT_PARTIES: [&str; 22] = [
    "本服务",
    "本协议",
    "本合同",
    "主协议",
    "本平台",
    "本条款",
    "本产品",
    "服务",
    "平台",
    "Services",
    "Service",
    "Agreement",
    "Platform",
    "Terms",
    "Software",
    "Order Form",
    "Users",
    "User",
    "End Users",
    "Authorized Users",
    // ("(each a "Party")": either side.)
    "Party",
    "Parties",
];

/// `resolve`, given which of `presence_words` occur in the text.
pub(crate) fn resolve_with(
    text: &str,
    words: &PartyWords,
    present: &[bool],
) -> (Parties, Mentions) {
    let is_present = |i: usize| present.get(i).copied().unwrap_or(false);
    let (n_labels, n_provider_pronouns, n_customer_pronouns) = (
        LABELS.len(),
        words.provider_pronouns.len(),
        words.customer_pronouns.len(),
    );
    let mut provider: BTreeSet<String> = BTreeSet::new();
    let mut customer: BTreeSet<String> = BTreeSet::new();
    let head: String = text.chars().take(HEAD_CHARS).collect();
    // "ACME GmbH, Munich\n– hereinafter the "Contractor" –": the defined term on the line under
    // the name, between dashes, read as the usual bracket after it.
    let head = match static_re!(
        r"(?m)\s*\n[ \t]*[–—-][ \t]*((?:hereinafter|below|以下)[^\n]*?)[ \t]*[–—-]?[ \t]*$"
    ) {
        Some(r) if head.contains("hereinafter") || head.contains("below") => {
            r.replace_all(&head, " ($1)").into_owned()
        }
        _ => head,
    };
    let add = |role: Role, name: &str, p: &mut BTreeSet<String>, c: &mut BTreeSet<String>| {
        let name = name.trim().trim_matches(|ch: char| {
            matches!(ch, '*' | '"' | '“' | '”' | ':' | '：' | ' ' | '，' | ',')
        });
        if name.chars().count() < 1 || name.chars().count() > 60 {
            return;
        }
        // ("hereinafter "the Contractor"": the term is "Contractor" too, as a table's header
        // names it.)
        let bare = name
            .strip_prefix("the ")
            .filter(|b| b.starts_with(|ch: char| ch.is_ascii_uppercase()) && !b.contains(' '));
        match role {
            Role::Provider => {
                p.insert(name.to_string());
                p.extend(bare.map(str::to_string));
            }
            Role::Customer => {
                c.insert(name.to_string());
                c.extend(bare.map(str::to_string));
            }
            Role::Both => {}
        }
    };

    // 甲方 / 乙方 as the recitals describe them; else the convention (甲方 customer, 乙方 provider).
    let recitals = recital_roles(&head);
    let label_default = |label: &str| -> Option<Role> {
        LABELS
            .iter()
            .enumerate()
            .find(|(_, (l, _))| *l == label)
            .map(|(k, (_, role))| recitals[k].unwrap_or(*role))
    };
    // 甲方（客户） / 乙方(服务商)：名称 / 委托方（甲方）
    let mut label_roles: Vec<(String, Role)> = Vec::new();
    if let Some(r) = static_re!(
        r"(甲方|乙方|丙方|委托方|受托方)\s*\**\s*[（(]\s*([^）)\n]{1,12})\s*[）)]\s*\**\s*[：:]?\s*([^\n（(，,]{0,40})"
    ) {
        for cap in r.captures_iter(&head) {
            let label = cap.get(1).map_or("", |m| m.as_str());
            let inside = cap.get(2).map_or("", |m| m.as_str());
            let name = cap.get(3).map_or("", |m| m.as_str());
            if let Some(role) = role_of(inside, words).or_else(|| role_of(label, words)) {
                label_roles.push((label.to_string(), role));
                add(role, label, &mut provider, &mut customer);
                if role_of(inside, words).is_some() {
                    add(role, inside, &mut provider, &mut customer);
                }
                if ["公司", "有限", "集团", "研究院", "中心", "大学", "医院"]
                    .iter()
                    .any(|m| name.contains(m))
                {
                    add(role, name, &mut provider, &mut customer);
                }
            }
        }
    }
    // 甲方：名称（云服务提供者）: the role in brackets after the name.
    if let Some(r) = static_re!(
        r"(?m)^\W{0,4}(甲方|乙方|丙方|委托方|受托方)\s*\**\s*[：:]\s*\**\s*([^\n（(，,*：:]{2,40}?)\s*\**\s*[（(]\s*([^）)\n]{1,12})\s*[）)]"
    ) {
        for cap in r.captures_iter(&head) {
            let (label, name, inside) = (&cap[1], cap[2].trim(), &cap[3]);
            if label_roles.iter().any(|(l, _)| l == label) {
                continue;
            }
            if let Some(role) = role_of(inside, words) {
                label_roles.push((label.to_string(), role));
                add(role, label, &mut provider, &mut customer);
                add(role, inside, &mut provider, &mut customer);
                add(role, name, &mut provider, &mut customer);
            }
        }
    }
    // 甲方：名称 (no parenthetical): keep the name with its label for later.
    let mut label_names: Vec<(String, String)> = Vec::new();
    if let Some(r) =
        static_re!(r"(?m)^\W{0,4}(甲方|乙方)\s*\**\s*[：:]\s*\**\s*([^\n（(，,*]{2,40})")
    {
        for cap in r.captures_iter(&head) {
            label_names.push((cap[1].to_string(), cap[2].trim().to_string()));
        }
    }
    // 受托方：名称 / Customer: Name / "| Provider | Name, Melbourne |" in an order form's table —
    // a role label opening the line names that side's company (and where it is based).
    let mut label_places: Vec<(Role, Vec<String>)> = Vec::new();
    if let Some(r) = static_re!(
        r"(?m)^[^\p{L}\n]{0,4}([^\s：:*|]{1,8})\**\s*[：:|]\s*\**([^\n（(，,*|]{2,60})[^\n]*"
    ) {
        for cap in r.captures_iter(&head) {
            let name = cap[2].trim();
            // ("用户：指经学校授权…" is a definition, not a party line.)
            let defines = ["指", "是指", "系指"].iter().any(|d| name.starts_with(d));
            if let Some(role) = role_of(&cap[1], words).filter(|_| company_like(name) && !defines) {
                add(role, name, &mut provider, &mut customer);
                label_places.push((role, places(&cap[0])));
            }
        }
    }
    // 名称（以下简称“X”或“Y”） / Name ("X") / (hereinafter "X"); the bracket may hold an address
    // with its own bracket first ("（住所：深圳市南山区（略），以下简称“瞰途”或者“我们”）").
    let alias_zh = static_re!(
        r"([^\s，。；、：:（()）“”]{2,40})\s*[（(]\s*(?:(?:[^（()）\n]|[（(][^（()）\n]{0,8}[）)]){0,40}?[，,；;]\s*)?(?:以下|下文)?(?:简称|称)[为:：]?\s*[“「\x22]([^”」\x22]{1,16})[”」\x22](?:\s*(?:或者|或|、|及|和)\s*[“「\x22]([^”」\x22]{1,16})[”」\x22])?"
    );
    let alias_en = static_re!(
        r#"([A-Z0-9][A-Za-z0-9&.,'’ -]{1,80}?|\))["”]?\s*\((?:together with its (?:affiliates|Affiliates|subsidiaries|Subsidiaries),?\s*)?(?:the\s+|each\s+a\s+|together\s+|collectively\s+)?(?:hereinafter\s+)?(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?["“]([^"”]{1,30})["”](?:\s*(?:,\s*)?(?:or|and|also)\s*(?:the\s+)?["“]([^"”]{1,30})["”])?"#
    );
    // The aliases defined for companies that are not parties ("…（以下简称“运营方”）授权的代理商").
    let mut non_party_aliases: Vec<String> = Vec::new();
    // Party lines: (legal name, aliases, role if known).
    let mut candidates: Vec<(String, Vec<String>, Option<Role>)> = Vec::new();
    // Beside each candidate, where its places are read: (line start, from, end of its bracket,
    // end of the next line). Two parties on one line (the same line start) each keep to their
    // own part of it.
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    // A defined term in brackets with no capitalised name before it: "the customer ("Customer")".
    let alias_bare = static_re!(r#"()\((?:the\s+)?["“]([^"”]{1,30})["”]()\)"#);
    // A term defined in bold without quotes, the bold gone with the markup (Australian and
    // English drafting): "Kestrel Mutual Bank Limited ABN 12 345 678 901, of … Sydney NSW 2000
    // (the Bank)", "(the Service Provider or Ironbark)". Only on a line that names a company or
    // public body, the second party of a line too ("… (the Agency) and Ironbark Pty Ltd … (the
    // Supplier)").
    let alias_plain = static_re!(&format!(
        r"(?m)(?:^|\band\b)[^\n]*?\b(?:Limited|Ltd|Pty|Inc|LLC|GmbH|plc|PLC|AG|SA|BV|LLP|Corporation|Company|{PUBLIC_BODY})\b[^\n]*?()\(the\s+([A-Z][A-Za-z]{{1,20}}(?:\s[A-Z][A-Za-z]{{1,20}})?)(?:\s+or\s+(?:the\s+)?([A-Z][A-Za-z]{{1,20}}(?:\s[A-Z][A-Za-z]{{1,20}})?))?\)"
    ));
    // A brand on a party line: "trading as "X"", "品牌为“X”".
    let trading_as =
        static_re!(r#"(?:trading as|doing business as|d/b/a|品牌为?)\s*["“]([^"”]{1,30})["”]"#);
    // A company name, and what it does with the platform, right before a bracket.
    let runs_it = static_re!(r"(?:公司|集团|Inc\.?|Ltd\.?|LLC)\s*(?:运营|经营|提供|operates?)?$");
    // "(the "Bank", and, in its capacity as personal information controller, the "PIC")".
    let capacity_re = static_re!(
        r#"(?i)\b(?:in\s+its\s+(?:capacity|role)|acting)\s+as\s+(?:an?\s+|the\s+)?([^,"“)\n]{1,60})"#
    );
    // "… acting as agent for the public libraries … (each a "Member Library" …)".
    let principal_bracket = static_re!(r"(?i)^[^(]*\(\s*(?:each|together|collectively)\b");
    // A numbered party line opening with a name in capitals: "(2) SEVERN MARCHES REGIONAL …".
    let numbered_party = static_re!(r"^\s*\(?[1-9][).]?\s*\**[A-Z][A-Z0-9&,.'’ -]{3,}");
    let principal_line = static_re!(r"(?i)\b(?:as\s+agent\s+for|on\s+behalf\s+of)\b[^()]{0,80}$");
    for (bare, r) in [
        (false, alias_zh),
        (false, alias_en),
        (true, alias_bare),
        (false, alias_plain),
    ]
    .into_iter()
    .filter_map(|(b, r)| r.map(|r| (b, r)))
    {
        for cap in r.captures_iter(&head) {
            let rest = cap.get(0).map_or("", |m| &head[m.end()..]);
            let more = more_aliases(rest);
            let aliases: Vec<&str> = [cap.get(2), cap.get(3)]
                .into_iter()
                .flatten()
                .map(|m| m.as_str().trim_end_matches([',', '，']).trim())
                .chain(more.iter().map(|a| a.trim_end_matches([',', '，']).trim()))
                .collect();
            let at = cap.get(0).map_or(0, |m| m.start());
            let line_start = head[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = head[at..].find('\n').map_or(head.len(), |i| at + i);
            let line = &head[line_start..line_end];
            // The legal name opens the line ("(1) ACME LIMITED, a company…"; "甲方：某某公司").
            let opening = line
                .trim_start_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(
                            c,
                            '(' | ')' | '（' | '）' | '*' | '-' | '.' | '．' | '、' | '1'..='9'
                        )
                })
                .trim_start_matches(['甲', '乙', '方', '：', ':', ' ']);
            let name = opening
                .split([',', '，', '(', '（', ';', '；'])
                .next()
                .unwrap_or("")
                .trim();
            // "This Contract is made between Foo Pty Ltd" → "Foo Pty Ltd".
            let name = name
                .rsplit_once(" between ")
                .map_or(name, |x| x.1)
                .trim_start_matches(['*', ' ']);
            // "| Bank | Kestrel Mutual Bank Limited" → the name after the label cell.
            let name = name
                .rsplit('|')
                .map(str::trim)
                .find(|c| !c.is_empty())
                .unwrap_or(name);
            // "服务方：杭州某某有限公司" → the name after the role label.
            let name = match name.split_once(['：', ':']) {
                // (And "BETWEEN: CENTRE DE SERVICES …", "AND: LARCHMERE …".)
                Some((label, rest))
                    if label.chars().count() <= 6
                        || ["between", "and"].contains(&label.trim().to_lowercase().as_str()) =>
                {
                    rest.trim()
                }
                _ => name,
            };
            // "Customer Equipment", "Provider Materials": a thing named after a party is not it;
            // the role word must end the alias ("Customer", "Cloud Provider").
            let from_alias = aliases
                .iter()
                .filter(|a| {
                    let last = a.split_whitespace().last().unwrap_or("");
                    !a.is_ascii()
                        || role_of(last, words).is_some()
                        || words
                            .provider_words
                            .iter()
                            .chain(&words.customer_words)
                            .any(|w| a.to_ascii_lowercase().ends_with(w.as_str()))
                })
                .find_map(|a| role_of(a, words));
            // "(the "Bank", and, in its capacity as personal information controller, the "PIC")":
            // the capacity the bracket gives the party.
            let capacity = {
                let inside = rest.split([')', '）', '\n']).next().unwrap_or("");
                capacity_re
                    .and_then(|r| r.captures(inside))
                    .and_then(|c| role_of(&c[1], words))
            };
            let from_alias = from_alias.or(capacity);
            let from_pronoun = aliases.iter().find_map(|a| {
                if words.provider_pronouns.iter().any(|p| p == a) {
                    Some(Role::Provider)
                } else if words.customer_pronouns.iter().any(|p| p == a) {
                    Some(Role::Customer)
                } else {
                    None
                }
            });
            // Only parties: a role word or pronoun in the alias, a company-like line, or a label
            // on the line ("甲方：某某公司（以下简称…）"). 本服务 / "Services" are not parties.
            // The text the bracket follows, since the previous defined term on the line: "ACME
            // Ltd, a company registered in England (no. 123) (" is a company; "This Data
            // Processing Addendum (" is not, though the line names one elsewhere.
            let bracket = cap
                .get(0)
                .and_then(|m| m.as_str().find(['(', '（']).map(|k| m.start() + k))
                .unwrap_or(at);
            let in_line = bracket.saturating_sub(line_start);
            let prefix = line.get(..in_line).unwrap_or(line);
            let since = prefix
                .char_indices()
                .rfind(|&(i, c)| {
                    let before = &prefix[..i];
                    // (Or a term defined without quotes: "(the Agency)".)
                    let plain = before.rfind('(').is_some_and(|k| {
                        before[k + 1..].strip_prefix("the ").is_some_and(|t| {
                            t.starts_with(|c: char| c.is_ascii_uppercase())
                                && t.chars().all(|c| c.is_alphabetic() || c == ' ')
                        })
                    });
                    matches!(c, ')' | '）')
                        && (before
                            .trim_end_matches(['*', ' '])
                            .ends_with(['"', '”', '」'])
                            || plain)
                })
                .map_or(0, |(i, c)| i + c.len_utf8());
            let company = company_like(line.get(since..in_line).unwrap_or(line));
            // "hosts the services with a third-party cloud provider (the "Hosting Provider")",
            // "Harbor Bank (the "Partner Bank"), which is not a party": defined, but no party.
            if not_a_party(prefix, rest, &head, &aliases) {
                non_party_aliases.extend(aliases.iter().map(|a| a.trim_matches('*').to_string()));
                continue;
            }
            // A label counts only where it opens the line (a party line, not a clause that
            // mentions 甲方 in passing).
            let head8: String = line
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .take(8)
                .collect();
            let from_label = label_roles
                .iter()
                .find(|(l, _)| {
                    head8
                        .strip_prefix(l.as_str())
                        .is_some_and(|rest| rest.starts_with(['：', ':', '（', '(', ' ']))
                })
                .map(|(_, r)| *r)
                .or_else(|| opening_label_role(line, words))
                .or_else(|| {
                    // "**甲方**：某某公司（以下简称“X”）" with no role stated: the label's role.
                    LABELS
                        .iter()
                        .find(|(l, _)| {
                            head8
                                .strip_prefix(l)
                                .is_some_and(|rest| rest.starts_with(['：', ':', '*', ' ']))
                        })
                        .and_then(|(l, _)| label_default(l))
                });
            // "本平台"/"the Platform" defined for the company that runs it ("会通云会议由某某有限公司
            // 运营（以下简称“本平台”）") stands for that company, the provider.
            let operator = cap
                .get(1)
                .is_some_and(|m| runs_it.is_some_and(|r| r.is_match(m.as_str())));
            let platform_operator = operator
                && aliases
                    .iter()
                    .all(|a| ["本平台", "平台", "Platform"].contains(a));
            // (Unless a numbered party line gives a body's name that short name: "(2) SEVERN
            // MARCHES REGIONAL BLOOD SERVICE, a body corporate … (the "Service")".)
            let party_line = company && numbered_party.is_some_and(|r| r.is_match(line));
            if aliases
                .iter()
                .all(|a| NOT_PARTIES.contains(&a.trim_matches('*')))
                && !platform_operator
                && !party_line
            {
                continue;
            }
            // A bare bracketed term counts only when it names a role ("the customer ("Customer")")
            // or the words it stands for do ("and the customer identified in the Agreement
            // ("Business")").
            let described = if bare && from_alias.is_none() && from_pronoun.is_none() {
                let tail = prefix.trim_end();
                // The phrase after the last ", " or " and ".
                let from = [(", ", 2), (" and ", 5)]
                    .iter()
                    .filter_map(|(sep, n)| tail.rfind(sep).map(|k| k + n))
                    .max()
                    .unwrap_or(0);
                let phrase = &tail[from..];
                (phrase.starts_with("the ") && phrase.chars().count() <= 60)
                    .then(|| role_of(phrase, words))
                    .flatten()
            } else {
                None
            };
            let from_alias = from_alias.or(described);
            // "Tri-County Library Consortium (the "Consortium"), acting … as agent for the public
            // libraries listed in Section 3.1 (each a "Member Library" …)": those it acts for
            // are on its side.
            let principal = from_alias.is_none()
                && from_pronoun.is_none()
                && principal_bracket
                    .is_some_and(|r| r.is_match(cap.get(0).map_or("", |m| m.as_str())))
                && principal_line
                    .is_some_and(|r| r.is_match(line.get(since..in_line).unwrap_or("")));
            if principal {
                if let Some(k) = spans.iter().rposition(|s| s.0 == line_start) {
                    if let Some(c) = candidates.get_mut(k) {
                        c.1.extend(aliases.iter().map(|a| a.to_string()));
                    }
                    continue;
                }
            }
            if bare && from_alias.is_none() && from_pronoun.is_none() {
                continue;
            }
            if from_alias.is_none() && from_pronoun.is_none() && !company && from_label.is_none() {
                continue;
            }
            let role = from_alias
                .or(from_pronoun)
                .or(from_label)
                .or(platform_operator.then_some(Role::Provider));
            // A Chinese bracket with no role of its own names what stands right before it: no
            // party where that is a product or a thing a company runs ("基于乙方“云枢HCS软件”（以下
            // 简称“HCS软件”）", "部署于某某有限公司运营的数据中心（以下简称“数港机房”）").
            if role.is_none() && !platform_operator && !thing_is_a_company(&prefix[since..]) {
                continue;
            }
            // A second party on the line ("本协议由A公司（…简称“A”）与B公司（以下简称“B”）订立"): its
            // name is what follows the first one's bracket, not the line's opening.
            let name = if since > 0 {
                line.get(since..in_line)
                    .unwrap_or("")
                    .trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | '，' | '*' | '与' | '和' | '及')
                    })
                    .trim_start_matches("and ")
                    .trim_matches(|c: char| c.is_whitespace() || c == '*')
            } else {
                name
            };
            // "…由某某有限公司运营": the company, without what it does.
            let name = after_connector(name)
                .trim_end_matches("运营")
                .trim_end_matches("经营");
            // "用户：指经学校授权使用本平台的…": a definition is not a name.
            let company_name = company_like(name);
            let name = if company_name {
                name.to_string()
            } else {
                String::new()
            };
            let mut aliases: Vec<String> = aliases.iter().map(|a| a.to_string()).collect();
            if let Some(r) = trading_as {
                aliases.extend(r.captures_iter(line).map(|c| c[1].to_string()));
            }
            let next_end = head[line_end..]
                .get(1..)
                .and_then(|r| r.find('\n'))
                .map_or(head.len(), |i| line_end + 1 + i);
            spans.push((
                line_start,
                line_start + since,
                cap.get(0).map_or(line_end, |m| m.end()),
                next_end.min(head.len()),
            ));
            candidates.push((name, aliases, role));
        }
    }
    // A processor engaging a sub-processor ("the \"Sub-processor\"" and "the \"Processor\""): both
    // lines name a provider word, but in this contract the one engaged one tier down is the
    // provider and the other its customer.
    let sub = |a: &str| {
        let l = a.to_lowercase().replace(['-', ' '], "");
        [
            "subprocessor",
            "subcontractor",
            "分受托方",
            "再受托方",
            "转受托方",
        ]
        .iter()
        .any(|w| l.starts_with(w))
    };
    let providers = candidates
        .iter()
        .filter(|c| c.2 == Some(Role::Provider))
        .count();
    if providers >= 2
        && candidates.iter().all(|c| c.2 != Some(Role::Customer))
        && candidates.iter().any(|c| c.1.iter().any(|a| sub(a)))
    {
        for c in candidates.iter_mut() {
            if c.2 == Some(Role::Provider) && !c.1.iter().any(|a| sub(a)) {
                c.2 = Some(Role::Customer);
            }
        }
    }
    // Brands on every party line and no role anywhere: the recitals say who provides to whom
    // ("Halvard provides Payvela with virtual machines").
    let names_of = |candidates: &[(String, Vec<String>, Option<Role>)]| -> Vec<Vec<String>> {
        candidates
            .iter()
            .map(|c| c.1.iter().chain([&c.0]).cloned().collect())
            .collect()
    };
    if candidates.len() >= 2 && candidates.iter().all(|c| c.2.is_none()) {
        let said = provision_roles(&head, &names_of(&candidates));
        for (c, role) in candidates.iter_mut().zip(said) {
            c.2 = role;
        }
    } else if candidates.len() == 2
        && candidates.iter().filter(|c| c.2.is_none()).count() == 1
        && candidates.iter().any(|c| {
            c.2 == Some(Role::Provider)
                && c.1
                    .iter()
                    .any(|a| a.trim_matches('*').eq_ignore_ascii_case("operator"))
        })
    {
        // "Tessellate" or "Operator": "Operator" alone is a weak role word. A satellite operator
        // is the customer where the recitals say the brand on the other line provides to it;
        // then each side takes what the recitals say, or else the side opposite its word's.
        let said = provision_roles(&head, &names_of(&candidates));
        let flipped = candidates
            .iter()
            .zip(&said)
            .all(|(c, r)| c.2.is_none() || *r == Some(Role::Customer));
        if flipped {
            for (c, role) in candidates.iter_mut().zip(said) {
                c.2 = role.or(match c.2 {
                    Some(Role::Provider) => Some(Role::Customer),
                    _ => Some(Role::Provider),
                });
            }
        }
    }
    // A party line with no role word (a brand: "ACME Cloud Ltd (\"Nimbus\")") is the other side
    // of the one whose role is known.
    // Where a definition later in the head gives the role words to the brand ("Quillon acts as
    // operator (the \"Operator\")"), the roles of the company lines alone decide.
    let other_side = |named_only: bool| {
        let known: Vec<Role> = candidates
            .iter()
            .filter(|c| !named_only || !c.0.is_empty())
            .filter_map(|c| c.2)
            .collect();
        match (
            known.contains(&Role::Provider),
            known.contains(&Role::Customer),
        ) {
            (false, true) => Some(Role::Provider),
            (true, false) => Some(Role::Customer),
            _ => None,
        }
    };
    // (Not where labels name the sides: "**受托方**：…" lines are the parties, and a recital that
    // mentions 委托方 beside a third party's name is no party line.)
    let labelled = ["甲方", "乙方", "委托方", "受托方"]
        .iter()
        .any(|l| head.contains(l));
    let fill = other_side(false).or_else(|| (!labelled).then(|| other_side(true)).flatten());
    let mut provider_places = Vec::new();
    let mut customer_places = Vec::new();
    let (mut provider_registered, mut customer_registered) = (Vec::new(), Vec::new());
    for (i, (_, _, role)) in candidates.iter().enumerate() {
        let Some(&(line_start, from, bracket_end, next_end)) = spans.get(i) else {
            continue;
        };
        let shares_line = spans.iter().any(|s| s.0 == line_start && s.1 > from);
        // (The next line is the party's address, unless it is the next party's own line.)
        let next_party = spans
            .iter()
            .map(|s| s.0)
            .filter(|&s| s > line_start)
            .min()
            .unwrap_or(next_end);
        let to = if shares_line {
            bracket_end
        } else {
            next_end.min(next_party)
        };
        let text = head.get(from..to.max(from)).unwrap_or("");
        match role.or(fill) {
            Some(Role::Provider) => {
                provider_places.extend(places(text));
                provider_registered.extend(registered(text));
            }
            Some(Role::Customer) => {
                customer_places.extend(places(text));
                customer_registered.extend(registered(text));
            }
            _ => {}
        }
    }
    // ("registered in England and Wales … Bristol" and "registered in Scotland … Glasgow": the
    // courts of England are the provider's, not the customer's.)
    if !provider_registered.is_empty()
        && !customer_registered.is_empty()
        && !provider_registered
            .iter()
            .any(|p| customer_registered.contains(p))
    {
        provider_places.extend(provider_registered);
        customer_places.extend(customer_registered);
    }
    for (role, p) in label_places {
        match role {
            Role::Provider => provider_places.extend(p),
            Role::Customer => customer_places.extend(p),
            Role::Both => {}
        }
    }
    // 甲方（客户）：名称 and the address line under it.
    if let Some(r) = static_re!(r"(?m)^\W{0,4}(甲方|乙方|委托方|受托方)[^\n]*\n?[^\n]*") {
        for m in r.find_iter(&head) {
            let label = if m
                .as_str()
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with("甲方")
            {
                "甲方"
            } else if m.as_str().contains("乙方") {
                "乙方"
            } else {
                ""
            };
            // (And its 住所 / 地址 line further down the party's block, before the next party.)
            let starts: Vec<usize> = head[m.end()..]
                .match_indices('\n')
                .map(|(k, _)| m.end() + k + 1)
                .take(9)
                .collect();
            let block_end = starts
                .iter()
                .copied()
                .find(|&k| {
                    let line = head[k..].trim_start_matches(|c: char| !c.is_alphanumeric());
                    ["甲方", "乙方", "丙方", "委托方", "受托方", "鉴于"]
                        .iter()
                        .any(|w| line.starts_with(w))
                })
                .or(starts.last().copied())
                .unwrap_or(m.end());
            let address: String = head[m.end()..block_end.max(m.end())]
                .lines()
                .filter(|l| {
                    let l = l.trim_start_matches(|c: char| !c.is_alphanumeric());
                    ["住所", "地址", "注册地址", "住址", "通讯地址", "联系地址"]
                        .iter()
                        .any(|w| l.starts_with(w))
                })
                .collect::<Vec<_>>()
                .join("\n");
            let found = [places(m.as_str()), places(&address)].concat();
            match label_roles.iter().find(|(l, _)| l == label).map(|x| x.1) {
                Some(Role::Provider) => provider_places.extend(found),
                Some(Role::Customer) => customer_places.extend(found),
                _ => {}
            }
        }
    }
    // Two parties introduced on one line ("between ACME LLC ("ACME") and the customer
    // ("Customer")"): the one without a role is the other side of the one with it.
    let mut by_line: Vec<Option<Role>> = candidates.iter().map(|c| c.2).collect();
    for i in 0..spans.len() {
        if by_line[i].is_some() {
            continue;
        }
        let same: Vec<Role> = (0..spans.len())
            .filter(|&j| j != i && spans[j].0 == spans[i].0)
            .filter_map(|j| candidates[j].2)
            .collect();
        by_line[i] = match same.as_slice() {
            [Role::Customer] => Some(Role::Provider),
            [Role::Provider] => Some(Role::Customer),
            _ => None,
        };
    }
    for ((name, aliases, _), role) in candidates.into_iter().zip(by_line) {
        let Some(role) = role.or(fill) else { continue };
        if !name.is_empty() {
            add(role, &name, &mut provider, &mut customer);
        }
        for a in aliases {
            add(role, &a, &mut provider, &mut customer);
        }
    }
    // Labels without a stated role: 甲方 is conventionally the customer, 乙方 the provider,
    // unless a name or alias already says otherwise. (Where another label already holds that
    // side, the unlabelled one is the other side, or, when both are held — "甲方（政务云管理单位）"
    // beside "乙方（使用单位）" and "丙方（云服务商）" — a third party.)
    let held = |set: &BTreeSet<String>, label: &str| {
        ["甲方", "乙方", "丙方", "丁方"]
            .iter()
            .any(|l| *l != label && set.contains(*l))
    };
    for (k, (label, convention)) in LABELS.into_iter().enumerate() {
        let role = recitals[k].unwrap_or(convention);
        let role = match (held(&customer, label), held(&provider, label)) {
            (true, true) => continue,
            (true, false) if role == Role::Customer => Role::Provider,
            (false, true) if role == Role::Provider => Role::Customer,
            _ => role,
        };
        if is_present(k) && !provider.contains(label) && !customer.contains(label) {
            let names: Vec<&String> = label_names
                .iter()
                .filter(|(l, _)| l == label)
                .map(|(_, n)| n)
                .collect();
            let set = if role == Role::Customer {
                &mut customer
            } else {
                &mut provider
            };
            set.insert(label.to_string());
            for n in names {
                set.insert(n.clone());
            }
        }
    }
    // A third party that acts for one side ("丙方受甲方委托…代表甲方", "丙方…的行为视为甲方的行为"), and
    // a unit defined as one side's own ("使用学校：指附件一所列的甲方所属中小学校"), stand on that side:
    // their duties are that side's towards the other.
    let mut joins: Vec<(String, String)> = Vec::new();
    if let Some(r) = static_re!(
        r"(丙方|丁方)(?:受(甲方|乙方)(?:的)?委托[^。；\n]{0,30}?代表(甲方|乙方)|[^。；\n]{0,40}?视为(甲方|乙方)的行为)"
    ) {
        for c in r.captures_iter(&head) {
            if let Some(side) = c.get(3).or_else(|| c.get(4)) {
                joins.push((c[1].to_string(), side.as_str().to_string()));
            }
        }
    }
    // (And a defined unit whose acts count as one side's: "“各园”：指附件二所列的、由甲方举办的幼儿园…
    // 各园及其园长在本协议范围内的行为视为甲方的行为".)
    for r in [
        static_re!(
            r"(?m)^[ \t]*(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9][0-9.]*)?[ \t]*[“\x22]?([^\s：:“”\x22（）()]{2,8})[”\x22]?[ \t]*[：:][ \t]*指[^。\n]{0,40}?(甲方|乙方)(?:所属|下属|管辖)"
        ),
        static_re!(
            r"(?m)^[ \t]*(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9][0-9.]*)?[ \t]*[“\x22]([^\s：:“”\x22（）()]{2,8})[”\x22][ \t]*[：:]?[ \t]*指[^\n]{0,200}?的行为(?:均)?视为(甲方|乙方)(?:自身)?的行为"
        ),
    ]
    .into_iter()
    .flatten()
    {
        // (NOT_PARTIES are left out where the joins are made.)
        for c in r.captures_iter(&head) {
            joins.push((c[1].to_string(), c[2].to_string()));
        }
    }
    // A short name the recitals give a side: "（本合同以下将乙方简称为"澜栈云"）", and a recital
    // about one side that ends its description with one ("（一）甲方是…的人身保险公司（以下简称
    // "恒岳人寿"），…").
    for r in [
        static_re!(
            r"将\s*(甲方|乙方|委托方|受托方)\s*(?:简称|称)为?\s*[“\x22「]([^”\x22」\s，。；]{1,16})[”\x22」]"
        ),
        static_re!(
            r"(?m)^[ \t]*(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.、．])?[ \t]*(甲方|乙方)\s*(?:是|系|为)[^。；\n“”\x22（(]{2,60}[（(]\s*(?:以下|下文)?\s*(?:简称|称)(?:为)?\s*[“\x22「]([^”\x22」\s，。；]{1,16})[”\x22」]"
        ),
    ]
    .into_iter()
    .flatten()
    {
        for c in r.captures_iter(&head) {
            joins.push((c[2].to_string(), c[1].to_string()));
        }
    }
    for (name, side) in joins {
        if NOT_PARTIES.contains(&name.as_str()) {
            continue;
        }
        if provider.contains(&side) {
            provider.insert(name);
        } else if customer.contains(&side) {
            customer.insert(name);
        }
    }
    // A name declared to stand for a party ("本协议及其附件中所称“筑码云”均指乙方", "“筑码云”即本协议
    //的乙方", "“Nimbus” refers to the Provider."): the name joins that party.
    for (zh, r) in [
        (
            true,
            static_re!(
                r"[“「\x22]([^”」\x22\s，。；]{1,16})[”」\x22]\s*(?:均|亦|即|系)?(?:是|均)?(?:指|即|为)\s*(?:本协议|本合同)?(?:项下)?的?\s*([^\s，。；、（）()“”]{2,8}?)(?:[，。；、）)]|\s|$)"
            ),
        ),
        (
            false,
            static_re!(
                r#"["“]([^"”]{2,30})["”]\s+(?:means|refers to|shall mean|is a reference to)\s+(?:the\s+)?([A-Za-z]+)\s*[.,;)]"#
            ),
        ),
        // "本协议以“知远课堂”指称乙方".
        (
            true,
            static_re!(
                r"以[“「\x22]([^”」\x22\s，。；]{1,16})[”」\x22]\s*(?:来)?(?:指称|指代|代指|称呼|代称)\s*([^\s，。；、（）()“”]{2,8}?)(?:[，。；、）)]|\s|$)"
            ),
        ),
    ] {
        let Some(r) = r else { continue };
        for c in r.captures_iter(&head) {
            let (name, target) = (&c[1], &c[2]);
            let on = |set: &BTreeSet<String>| {
                set.iter().any(|a| {
                    if zh {
                        a == target
                    } else {
                        a.eq_ignore_ascii_case(target)
                    }
                })
            };
            let (p, cu) = (on(&provider), on(&customer));
            if p != cu && !NOT_PARTIES.contains(&name) {
                add(
                    if p { Role::Provider } else { Role::Customer },
                    name,
                    &mut provider,
                    &mut customer,
                );
            }
        }
    }
    // Pronouns of online terms, when the text uses them.
    let mut k = n_labels;
    for p in &words.provider_pronouns {
        if is_present(k) {
            provider.insert(p.clone());
        }
        k += 1;
    }
    for c in &words.customer_pronouns {
        if is_present(k) {
            customer.insert(c.clone());
        }
        k += 1;
    }
    debug_assert_eq!(k, n_labels + n_provider_pronouns + n_customer_pronouns);
    // The generic role words always count (Provider / Customer / 服务商 / 客户 …), unless a
    // label already took them for the other side.
    for w in GENERIC_PROVIDER {
        if is_present(k) && !customer.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            provider.insert(capitalise(w));
        }
        k += 1;
    }
    for w in GENERIC_CUSTOMER {
        if is_present(k) && !provider.iter().any(|c| c.eq_ignore_ascii_case(w)) {
            customer.insert(capitalise(w));
        }
        k += 1;
    }
    // Terms defined together ("1.3 开发者、您：指按照本协议注册…的自然人、法人"): where one of them
    // names a party, the others name it too.
    if let Some(r) = static_re!(
        r"(?m)^[ \t]*(?:[0-9]+(?:\.[0-9]+)*[ \t]*)?\**([^\s：:，。；、*“”]{1,10})、([^\s：:，。；、*“”]{1,10})(?:、([^\s：:，。；、*“”]{1,10}))?\**[ \t]*[：:][ \t]*指"
    ) {
        for c in r.captures_iter(&head) {
            let names: Vec<&str> = c.iter().skip(1).flatten().map(|m| m.as_str()).collect();
            let p = names.iter().any(|n| provider.contains(*n));
            let cu = names.iter().any(|n| customer.contains(*n));
            if p == cu {
                continue;
            }
            let role = if p { Role::Provider } else { Role::Customer };
            for n in names {
                if !NOT_PARTIES.contains(&n) {
                    add(role, n, &mut provider, &mut customer);
                }
            }
        }
    }
    // Short names given to a party after its line, without a bracket ("本协议中，浙江某某科技有限公司
    // 以下简称“甲方”或“梯讯”"), or anywhere to a party's label ("本表中“梯讯”指甲方").
    let mut later: Vec<(Vec<String>, String)> = Vec::new();
    if let Some(r) = static_re!(
        r"([^\s，。；、：:（()）“”]{2,40}?)\s*(?:以下|下文)(?:简称|称)[为:：]?\s*“([^”]{1,16})”(?:\s*(?:或者|或|、|及|和)\s*“([^”]{1,16})”)?"
    ) {
        for c in r.captures_iter(&head) {
            let new = c.iter().skip(2).flatten().map(|m| m.as_str().to_string());
            later.push((new.collect(), c[1].to_string()));
        }
    }
    let (renamed, columns_named): (Vec<_>, Vec<_>) =
        later_names(text).into_iter().partition(|x| !x.2);
    later.extend(renamed.into_iter().map(|(n, t, _)| (vec![n], t)));
    let side = |named: &str, provider: &BTreeSet<String>, customer: &BTreeSet<String>| {
        let is = |set: &BTreeSet<String>| set.iter().any(|a| a.eq_ignore_ascii_case(named));
        match (is(provider), is(customer)) {
            (true, false) => Some(Role::Provider),
            (false, true) => Some(Role::Customer),
            _ => None,
        }
    };
    for (new, named) in later {
        if let Some(role) = side(&named, &provider, &customer) {
            for n in new.iter().filter(|n| !NOT_PARTIES.contains(&n.as_str())) {
                add(role, n, &mut provider, &mut customer);
            }
        }
    }
    // Table columns a clause gives a party ("the column headed "Platform" sets out our
    // responsibilities"): that party in a header only (elsewhere "the Platform" is the service).
    let columns: Vec<(String, Role)> = columns_named
        .into_iter()
        .filter_map(|(col, named, _)| {
            side(&named, &provider, &customer).map(|r| (col.to_ascii_lowercase(), r))
        })
        .collect();
    // A glossary entry that defines a role word as a company ("• Hosting Company: Bolderik
    // Hosting B.V., a private limited company …"): the term and the company are that party.
    if let Some(r) = static_re!(
        r"(?m)^[ \t]*(?:[-*•][ \t]+)?\**([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\**[ \t]*[:：][ \t]*([^,(\n]{2,80})"
    ) {
        for c in r.captures_iter(&head) {
            let (term, name) = (&c[1], c[2].trim());
            if NOT_PARTIES.contains(&term) || !company_like(name) {
                continue;
            }
            if let Some(role) = role_of(term, words) {
                add(role, term, &mut provider, &mut customer);
                add(role, name, &mut provider, &mut customer);
            }
        }
    }
    // A role word that the definitions give a third party ("“云服务商”：指乙方…自行选定的公有云服务
    // 提供者") names that third party here, not the provider.
    let mut third = third_party_terms(&head);
    third.extend(non_party_aliases);
    for t in &third {
        if words
            .provider_words
            .iter()
            .chain(&words.customer_words)
            .any(|w| w == t)
        {
            provider.remove(t);
            customer.remove(t);
        }
    }
    // A name on both sides is ambiguous: drop it from both.
    let both: Vec<String> = provider.intersection(&customer).cloned().collect();
    for b in &both {
        provider.remove(b);
        customer.remove(b);
    }
    let mut roles: Vec<(String, Role)> = Vec::new();
    for p in &provider {
        roles.push((p.to_ascii_lowercase(), Role::Provider));
    }
    for c in &customer {
        roles.push((c.to_ascii_lowercase(), Role::Customer));
    }
    for b in &words.both {
        roles.push((b.to_ascii_lowercase(), Role::Both));
    }
    roles.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
    roles.dedup_by(|a, b| a.0 == b.0);
    // (Also a term defined as a company that is neither party: ""Cloud Vendor" means Stratacore
    // Cloud Inc. and its affiliates that operate the Vendor Platform".)
    if let Some(r) =
        static_re!(r#"["“]\**([^"”*]{2,30})\**["”]\s+(?:means|refers to)\s+([^;.\n]{2,80})"#)
    {
        for c in r.captures_iter(&head) {
            let meaning = c[2].trim();
            let company: String = meaning.chars().take(60).collect();
            let party = provider
                .iter()
                .chain(customer.iter())
                .filter(|a| a.chars().count() > 3 && company_like(a))
                .any(|a| meaning.contains(a.as_str()));
            if company_like(&company)
                && !party
                && meaning.starts_with(|ch: char| ch.is_ascii_uppercase())
                && !meaning.starts_with("The ")
                && !third.iter().any(|t| t == &c[1])
            {
                third.push(c[1].trim().to_string());
            }
        }
    }
    // Short names the text gives companies that are neither party, where the paragraph says they
    // are a third party ("云基础设施服务商为杭州澜曜云计算有限公司（以下简称“澜曜云”）", "… hosted by
    // Northbeam Cloud Services, Inc. ("Northbeam"), a third-party provider"): a part that opens
    // with one says what that company does.
    let mut thirds: Vec<String> = Vec::new();
    if let (Some(r), Some(marker)) = (
        static_re!(
            r#"(?:公司|\b(?:Inc|Ltd|LLC|Limited|GmbH|B\.V|Corporation|Corp|plc)\.?)\s*[（(]\s*(?:以下简称|以下称|下称|简称|hereinafter(?: referred to as)?|the)?\s*[“"]\**([^”"*\n]{2,20}?)\**[”"]\s*[）)]"#
        ),
        static_re!(
            r"(?i)第三方|当事方|分包|转委托|分受托|third[- ]party|not a party|sub-?processor|subcontractor"
        ),
    ) {
        for c in r.captures_iter(&head) {
            let (Some(all), Some(name)) = (c.get(0), c.get(1)) else {
                continue;
            };
            // (The paragraph of the definition: "指…第三方。截至本协议签署之日，…为X公司（以下简称“X”）".)
            let from = head[..all.start()].rfind('\n').map_or(0, |k| k + 1);
            let to = head[all.end()..]
                .find('\n')
                .map_or(head.len(), |k| all.end() + k);
            let term = name.as_str().trim().to_ascii_lowercase();
            if marker.is_match(&head[from..to])
                && !roles
                    .iter()
                    .any(|(a, _)| *a == term || term.contains(a.as_str()))
                && !thirds.contains(&term)
            {
                thirds.push(term);
            }
        }
    }
    let others: Vec<String> = third
        .into_iter()
        .map(|t| t.to_ascii_lowercase())
        .filter(|t| !roles.iter().any(|(a, _)| a == t))
        .filter(|t| {
            roles
                .iter()
                .filter(|(_, r)| *r != Role::Both)
                .any(|(a, _)| t.contains(a.as_str()))
        })
        .collect();
    // Longest first: a third party's term wins over the party word inside it.
    let mut words_in: Vec<&str> = roles
        .iter()
        .map(|(a, _)| a.as_str())
        .chain(others.iter().map(String::as_str))
        .collect();
    words_in.sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
    let alternation = words_in
        .iter()
        .map(|a| {
            let esc = regex::escape(a);
            if a.is_ascii() {
                format!(r"(?-u:\b){esc}(?-u:\b)")
            } else {
                esc
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    let regex = if alternation.is_empty() {
        None
    } else {
        RegexBuilder::new(&alternation).build().ok()
    };
    // Abbreviations a legend gives the parties ("Legend: AN = Contractor; AG = Principal").
    let mut codes: Vec<(String, Role)> = Vec::new();
    for (code, target) in legend_codes(text) {
        let bare = |a: &str| {
            let a = a.trim();
            a.strip_prefix("the ").unwrap_or(a).to_ascii_lowercase()
        };
        let t = bare(&target);
        let p = provider.iter().any(|a| bare(a) == t);
        let c = customer.iter().any(|a| bare(a) == t);
        if p != c && !codes.iter().any(|(k, _)| *k == code) {
            codes.push((code, if p { Role::Provider } else { Role::Customer }));
        }
    }
    let code_regex = if codes.is_empty() {
        None
    } else {
        let alternation = codes
            .iter()
            .map(|(c, _)| regex::escape(c))
            .collect::<Vec<_>>()
            .join("|");
        RegexBuilder::new(&format!(r"\b(?:{alternation})\b"))
            .build()
            .ok()
    };
    for (c, r) in &codes {
        if *r == Role::Provider {
            provider.insert(c.clone());
        } else {
            customer.insert(c.clone());
        }
    }
    // A letter ("…\n\nDear Ms Verbruggen,"): the sender's letterhead and the addressee's block
    // say where each is based.
    if let Some(k) = head.find("\nDear ") {
        let generic = |a: &str| {
            words
                .provider_words
                .iter()
                .chain(&words.customer_words)
                .chain(&words.provider_pronouns)
                .chain(&words.customer_pronouns)
                .any(|w| w.eq_ignore_ascii_case(a))
        };
        for block in head[..k].split("\n\n") {
            let flat = block
                .lines()
                .map(|l| l.trim().trim_matches('*'))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let lower = flat.to_lowercase();
            let named = |set: &BTreeSet<String>| {
                set.iter().any(|a| {
                    a.chars().count() > 3 && !generic(a) && lower.contains(&a.to_lowercase())
                })
            };
            match (named(&provider), named(&customer)) {
                (true, false) => provider_places.extend(places(&flat)),
                (false, true) => customer_places.extend(places(&flat)),
                _ => {}
            }
        }
    }
    // A Chinese company's name opens with its city or province ("杭州澜岫云计算有限公司"): a forum
    // there ("杭州市西湖区人民法院") is that party's home.
    let city = |name: &String| -> Option<String> {
        let n = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        let head: String = n.chars().take(2).collect();
        (n.contains("公司") && head.chars().count() == 2 && head.chars().all(crate::search::is_cjk))
            .then_some(head)
    };
    provider_places.extend(provider.iter().filter_map(city));
    customer_places.extend(customer.iter().filter_map(city));
    // A place on both lines tells nothing.
    let shared: Vec<String> = provider_places
        .iter()
        .filter(|p| customer_places.contains(p))
        .cloned()
        .collect();
    provider_places.retain(|p| !shared.contains(p));
    customer_places.retain(|p| !shared.contains(p));
    (
        Parties {
            provider: provider.into_iter().collect(),
            customer: customer.into_iter().collect(),
            provider_places,
            customer_places,
        },
        Mentions {
            regex,
            roles,
            others,
            thirds,
            codes,
            code_regex,
            columns,
        },
    )
}

/// Names the text gives the parties outside the preamble: (the name, what it names, whether it
/// names a table column only). "本表中“梯讯”指甲方，“安衡维保”指乙方"; "the column headed "Platform"
/// sets out our responsibilities and the column headed "You" sets out yours". What is named is
/// a party only where it is one of the party's names (checked by the caller).
pub(crate) fn later_names(text: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    if let Some(r) =
        static_re!(r"“([^”\s]{2,12})”\s*(?:指|系指|是指)\s*([^\s，。；、“”]{2,12}?)\s*[，。；]")
    {
        for c in r.captures_iter(text) {
            out.push((c[1].to_string(), c[2].to_string(), false));
        }
    }
    if let Some(r) = static_re!(
        r#"(?i)\bcolumns?\s+(?:headed|titled|labell?ed|marked)\s+["“]\**([^"”*\n]{1,30}?)\**["”],?\s+(?:sets out|lists|shows|describes|states|contains)\s+(?:what\s+)?(?:the\s+)?([A-Za-z]+)"#
    ) {
        for c in r.captures_iter(text) {
            let named = match c[2].to_ascii_lowercase().as_str() {
                "yours" => "your".to_string(),
                "ours" => "our".to_string(),
                _ => c[2].to_string(),
            };
            out.push((c[1].to_string(), named, true));
        }
    }
    out
}

/// Abbreviations defined in a legend line ("**Legend:** AN = Contractor (*Auftragnehmer*); AG =
/// Principal", "图例：SP = 乙方"): (code, the term it stands for). Codes are 2–4 capital letters,
/// so item letters ("(c)") and RACI letters (R/A/C/I) are not read as parties.
pub(crate) fn legend_codes(text: &str) -> Vec<(String, String)> {
    let Some(r) = static_re!(
        r"(?:^|[\s;；,，(（:：*])([A-Z]{2,4})\s*[=＝]\s*(?:the\s+)?\**([^\s;；,，()（）*.。=]{1,20})"
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.contains('=') || l.contains('＝')) {
        let lower = line.to_lowercase();
        if ![
            "legend",
            "key:",
            "abbreviation",
            "图例",
            "说明",
            "注：",
            "缩写",
        ]
        .iter()
        .any(|w| lower.contains(w))
        {
            continue;
        }
        for c in r.captures_iter(line) {
            out.push((c[1].to_string(), c[2].to_string()));
        }
    }
    out
}

/// Terms the definitions give to a third party: `"基础云服务商"：指为平台提供…资源的第三方云计算服务商`,
/// `"云服务商"：指乙方为部署本系统而自行选定的公有云服务提供者` (someone a party chooses or engages),
/// `"Hosting Provider" means a third-party …` (not "乙方应当指定专人…，不得以第三方…": 指定 is no
/// definition).
fn third_party_terms(head: &str) -> Vec<String> {
    let mut out = Vec::new();
    let zh = static_re!(
        r#"(?m)[“"「]?([^\s“”"「」：:，。；]{2,16}?)[”"」]?\s*[：:]?\s*(?:是|系)?指(?:第三方|[^定导出示挥标令派南明向。；\n][^。；\n]{0,79}?(?:第三方|(?:选定|选用|聘请|聘用)的))"#
    );
    let en = static_re!(
        r#"["“]([^"”]{2,30})["”]\s+(?:means|refers to)\s+(?:a|an|the|any)\s+(?:independent\s+)?third[- ]party\b"#
    );
    for r in [zh, en].into_iter().flatten() {
        for c in r.captures_iter(head) {
            let term = c[1].trim_matches(['*', ' ']).to_string();
            // ("乙方应当指定专人…第三方…": 指定 is not 指, and a duty is no term.)
            if ["应当", "应", "须", "不得", "负责"]
                .iter()
                .any(|w| term.contains(w))
            {
                continue;
            }
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

/// A company's or public body's legal name, or a line naming one: 公司 / 有限 / 集团 / 研究院, an
/// English corporate suffix as a whole word ("Inc", not the "Inc" of "Incident"), or a public
/// body's word (Province, Council, Ministry, …).
/// Whether the Chinese words right before a defined term's bracket, since the last comma or
/// full stop, name a company rather than something it makes or runs. Text with no Chinese in
/// it passes: an English party line puts the address between the name and the bracket.
fn thing_is_a_company(before: &str) -> bool {
    if !before
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return true;
    }
    let segment = before
        .trim_end_matches(['*', ' '])
        .rsplit(['，', '。', '；', ',', ';'])
        .next()
        .unwrap_or(before);
    if !company_like(segment) {
        return false;
    }
    // "某某有限公司运营的数据中心": what follows the company's name is a thing of its.
    let last = COMPANY_WORDS
        .iter()
        .chain(&["政府"])
        .filter_map(|m| segment.rfind(m).map(|k| k + m.len()))
        .max()
        .unwrap_or(0);
    !segment[last..].contains('的')
}

/// The words that end a Chinese company's or body's name.
const COMPANY_WORDS: [&str; 14] = [
    "公司",
    "有限",
    "集团",
    "研究院",
    "研究所",
    "学校",
    "学院",
    "大学",
    "医院",
    "事务所",
    "机构",
    "银行",
    "委员会",
    "管理局",
];

fn company_like(text: &str) -> bool {
    COMPANY_WORDS.iter().any(|m| text.contains(m))
        || static_re!(
            r"\b(?:[Pp]artnership|PARTNERSHIP|Ltd|LTD|Limited|LIMITED|Inc|INC|Incorporated|LLC|Corp|CORP|Corporation|GmbH|GMBH|plc|PLC|LLP|LP|S\.A|SA|SAS|SARL|B\.V|BV|NV|Oy|Oyj|AB|ASA|ApS|SE|SpA|Srl|KK|Pte|PTE|AG|Pty|PTY|Pvt|Bhd|Ltda|LTDA)\b"
        )
        .is_some_and(|r| r.is_match(text))
        // A public body: "HIS MAJESTY THE KING IN RIGHT OF THE PROVINCE OF …, as represented
        // by the Minister of …", "Westshire County Council", "某某市人民政府".
        || text.contains("政府")
        || static_re!(&format!(r"(?i)\b(?:{PUBLIC_BODY})\b")).is_some_and(|r| r.is_match(text))
}

/// The words of a public body's name (a party line's "Inland Waterways Regulator", "Westshire
/// County Council"), for `company_like` and for the terms defined in brackets on a party line.
const PUBLIC_BODY: &str = "Province|Government|Ministry|Minister|Department|Council|Authority|Majesty|Commonwealth|Municipality|County|Agency|Regulator|Commission|Bureau|Tribunal|University|College|Hospital|NHS|School District|School Board|school service centre|Centre de services scolaire|Commission scolaire|City of|State of|Board of Trustees|Trustees of|body corporate|registered charity|charity number|Foundation Trust|Health Board";

/// "本条款是您与杭州某某有限公司" → "杭州某某有限公司": the name after the last 与 / 和 / 及, when
/// what follows is still a company's name.
fn after_connector(name: &str) -> &str {
    match name.rfind(['与', '和', '及', '由']) {
        Some(i) => {
            let rest = &name[i + '与'.len_utf8()..];
            if company_like(rest) && rest.chars().count() >= 4 {
                rest
            } else {
                name
            }
        }
        None => name,
    }
}

/// What the recitals and definitions say 甲方 and 乙方 are, where the party lines do not:
/// "甲方是…云服务提供者", "甲方…向乙方提供…", "乙方拟使用甲方提供的…". `None` where the text
/// says nothing or both ways.
fn recital_roles(head: &str) -> [Option<Role>; 2] {
    let mut votes = [0i32; 2]; // > 0: provider
    let at = |l: &str| usize::from(l == "乙方");
    if let Some(r) = static_re!(
        r"(甲方|乙方)(?:是|为|系|作为)[^。；，\n]{0,30}?(服务提供者|服务提供方|提供者|提供方|服务商|供应商|运营者|受托方|受托人|客户|用户|委托方|委托人|个人信息处理者)"
    ) {
        for c in r.captures_iter(head) {
            let provider = matches!(
                &c[2],
                "服务提供者"
                    | "服务提供方"
                    | "提供者"
                    | "提供方"
                    | "服务商"
                    | "供应商"
                    | "运营者"
                    | "受托方"
                    | "受托人"
            );
            votes[at(&c[1])] += if provider { 1 } else { -1 };
        }
    }
    if let Some(r) = static_re!(
        r"(甲方|乙方)[^。；，\n]{0,12}?向(甲方|乙方)提供[^。；，\n]{0,20}?(?:服务|平台|系统|软件|产品)"
    ) {
        for c in r.captures_iter(head).filter(|c| c[1] != c[2]) {
            votes[at(&c[1])] += 1;
            votes[at(&c[2])] -= 1;
        }
    }
    // 乙方拟使用甲方提供的… / 乙方因…需要，向甲方租用…资源
    if let Some(r) = static_re!(
        r"(甲方|乙方)(?:拟|同意|需要|希望)?(?:使用|采购|购买|订购|租用)(甲方|乙方)提供|(甲方|乙方)[^。；\n]{0,24}?向(甲方|乙方)(?:租用|采购|购买|订购|申请使用)[^。；，\n]{0,30}?(?:资源|服务|平台|系统|软件|产品|算力)"
    ) {
        for c in r.captures_iter(head) {
            let (Some(user), Some(giver)) = (c.get(1).or(c.get(3)), c.get(2).or(c.get(4))) else {
                continue;
            };
            if user.as_str() != giver.as_str() {
                votes[at(user.as_str())] -= 1;
                votes[at(giver.as_str())] += 1;
            }
        }
    }
    votes.map(|v| match v.signum() {
        1 => Some(Role::Provider),
        -1 => Some(Role::Customer),
        _ => None,
    })
}

/// A term defined for someone the text itself says is not a party: a third party named just
/// before the bracket, "which is not a party" right after it, or "The Hyperscaler is not a
/// party" / "X非本协议一方" anywhere in the head.
fn not_a_party(before: &str, after: &str, head: &str, aliases: &[&str]) -> bool {
    let said = aliases.iter().any(|a| {
        [" is not a party", "不是本", "并非本", "非本"]
            .iter()
            .any(|w| head.contains(&format!("{a}{w}")))
    });
    let tail_from = before
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| before.len() - i <= 60)
        .unwrap_or(before.len());
    let tail = &before[tail_from..];
    // (A party's parent or affiliate: "The Contractor is a wholly owned subsidiary of Halvorsen
    // Compute Inc. … (hereinafter "the Parent Company")".)
    let group = aliases.iter().any(|a| {
        static_re!(r"(?i)^(?:the\s+)?(?:ultimate\s+)?(?:parent|holding)(?:\s+company)?$|^(?:the\s+)?(?:affiliate|subsidiary)$")
            .is_some_and(|r| r.is_match(a))
    }) || static_re!(r"(?i)\b(?:subsidiary|affiliate)\s+of\b")
        .is_some_and(|r| r.is_match(tail));
    // ("指由第三方审核服务商上海某某科技有限公司（以下简称“某某”或者“审核服务商”）": the company a
    // definition says is a third party.)
    let zh_tail: String = {
        let mut t: Vec<char> = before.chars().rev().take(30).collect();
        t.reverse();
        t.into_iter().collect()
    };
    said || group
        || static_re!(r"(?i)\b(?:a|an|any|its|the)\s+third[- ]party\s+[\w -]{0,30}$")
            .is_some_and(|r| r.is_match(tail))
        || static_re!(r"第三方[^。；，、\n（(]{0,26}$").is_some_and(|r| r.is_match(&zh_tail))
        // ("(d) "Backup Software" means the software that Customer licenses from Corvina LLC (the
        // "Backup Vendor")": a company named inside another term's definition.)
        || static_re!(r#"(?i)^\W{0,8}(?:\([a-z0-9]{1,4}\)\s*)?\**["“][^"”]{1,40}["”]\**\s+(?:means|refers to|shall mean)\b"#)
            .is_some_and(|r| r.is_match(before))
        // ("乙方是北京某某云计算技术有限公司（以下简称“运营方”）授权的…代理商": a company a party's
        // description names, not a party.)
        // (Only where the company qualifies what follows, "…授权的", "…的全资子公司": "甲方为北京某某
        // 有限公司（以下简称“某某”）" names the party itself.)
        // (Or later in the description: "…的企业，…，并系上海某某云计算有限公司（以下简称“某某云”）的
        // 授权经销商".)
        || static_re!(r"(?:(?:甲方|乙方|丙方|我们|本公司)(?:是|系|为|作为)|[，,]\s*(?:并|且|亦|同时)系)[^。；，、\n（(]{0,30}$")
            .is_some_and(|r| r.is_match(&zh_tail))
            && static_re!(r"^[^。；，\n]{0,6}?(?:授权|委托|指定|控股|全资|投资|旗下|下属|关联|合作|许可)")
                .is_some_and(|r| r.is_match(after))
        || static_re!(r"(?i)^[*\s]*[,，]?\s*(?:which|who)\s+(?:is|are)\s+not\s+(?:a\s+)?part(?:y|ies)\b|^[*\s]*[，,]?\s*(?:并)?非本(?:协议|合同)(?:的)?(?:一方|当事方|当事人)")
            .is_some_and(|r| r.is_match(after))
}

/// Who provides to whom, for parties known only by their names (`names[k]`: party k's names
/// and aliases): "A provides B with …", "A will provide … to B", "B wishes to use … from A"
/// (English recitals). `None` for a party the text gives no single role.
fn provision_roles(head: &str, names: &[Vec<String>]) -> Vec<Option<Role>> {
    let text = head.replace(['*', '_'], "");
    let alt = |k: usize| {
        let list: Vec<String> = names[k]
            .iter()
            .map(|n| n.trim_matches(['*', '"', '“', '”', ' ']))
            .filter(|n| n.chars().count() >= 2)
            .map(regex::escape)
            .collect();
        (!list.is_empty()).then(|| format!("(?:{})", list.join("|")))
    };
    // What a party hands over may be the customer's data, not a service ("the Personal
    // Information that Party A provides to Party B").
    let data = static_re!(r"(?i)\b(?:personal|information|data|instructions)\b");
    let mut votes = vec![0i32; names.len()];
    for a in 0..names.len() {
        for b in (0..names.len()).filter(|&b| b != a) {
            let (Some(pa), Some(pb)) = (alt(a), alt(b)) else {
                continue;
            };
            let patterns = [
                // a provides b (with …) / a provides … to b
                format!(
                    r"\b{pa}\b[^.;\n]{{0,40}}?\b(?:provides?|supplies|offers?|makes available|will provide|shall provide|agrees to provide)\s+(?:the\s+)?{pb}\b"
                ),
                format!(
                    r"\b{pa}\b[^.;\n]{{0,40}}?\b(?:provides?|supplies|offers?|makes available|will provide|shall provide|agrees to provide)\b[^.;\n]{{0,120}}?\bto\s+(?:the\s+)?{pb}\b"
                ),
                // b uses / subscribes to what a provides
                format!(
                    r"\b{pb}\b[^.;\n]{{0,40}}?\b(?:wishes|wants|intends|agrees|has agreed)\s+to\s+(?:use|obtain|procure|purchase|subscribe|receive|relocate|move|host|buy|rent|lease|hire)\b[^.;\n]{{0,200}}?\b(?:from\s+{pa}\b|{pa}['’]s\b)"
                ),
                // b subscribes to a product named after a ("Hartwell represents clients in
                // litigation … and wishes to subscribe to Sablecrest Review")
                format!(
                    r"\b{pb}\b[^.;\n]{{0,120}}?\b(?:wishes|wants|intends|agrees|has agreed)\s+to\s+(?:use|license|licence|subscribe\s+to|procure|purchase|buy)\s+(?:the\s+)?{pa}\b"
                ),
                // b moves to what a hosts ("BlueKestrel wishes to … move those applications to
                // a private cloud hosted by Ironbark")
                format!(
                    r"\b{pb}\b[^.;\n]{{0,40}}?\b(?:wishes|wants|intends|plans|has decided)\s+to\b[^.;\n]{{0,160}}?\b(?:hosted|provided|supplied|operated|managed)\s+by\s+{pa}\b"
                ),
                // a grants b a right / licence / subscription to use
                format!(
                    r"\b{pa}\s+(?:hereby\s+)?grants\s+(?:to\s+)?{pb}\b[^.;\n]{{0,60}}?\b(?:right|licen[cs]e|subscription)\b"
                ),
                // b pays a's fees
                format!(
                    r"\b{pb}\s+(?:shall|will|must|agrees to)\s+pay\s+(?:(?:to\s+)?{pa}\s+)?(?:the|all|any)?\s*(?:fees|charges|subscription fees)\b"
                ),
                // b entrusts a with the handling of its data / a handles it on b's behalf
                format!(
                    r"\b{pb}\s+(?:hereby\s+|has\s+)?(?:entrusts|engage[sd]|appoint(?:s|ed)|instruct(?:s|ed)|retain(?:s|ed)|selected)\s+(?:to\s+)?(?:the\s+)?{pa}\b|\b{pa}\b[^.;\n]{{0,80}}?\bon behalf of\s+(?:the\s+)?{pb}\b|\bentrusted to it by\s+{pb}\b[^.;\n]{{0,120}}?\b{pa}\b|\b{pa}\s+is\s+the\s+(?:entrustee|processor|service provider)\b"
                ),
            ];
            let hit = patterns.iter().any(|p| {
                Regex::new(p).is_ok_and(|r| {
                    r.find_iter(&text).any(|m| {
                        let s = m.as_str();
                        let provides = ["provide", "suppl", "offer"].iter().any(|w| s.contains(w));
                        // (Or named before it: "the Personal Information … that A provides to B".)
                        let before = text[..m.start()].trim_end();
                        let mut from = before.len().saturating_sub(120);
                        while !before.is_char_boundary(from) {
                            from += 1;
                        }
                        let object = if before.ends_with("that") || before.ends_with("which") {
                            &before[from..]
                        } else {
                            s
                        };
                        !provides || !data.is_some_and(|d| d.is_match(object) || d.is_match(s))
                    })
                })
            });
            if hit {
                votes[a] += 1;
                votes[b] -= 1;
            }
        }
        // The data defined by a party's name is the customer's ("\"Consortium Data\" means all
        // data submitted to … the Service", "Bank Personal Data").
        let Some(pa) = alt(a) else { continue };
        let owned = format!(
            r#"["“]{pa}(?:['’]s)?\s+(?:Personal\s+)?(?:Data|Content)["”]\s+(?:means|shall mean|refers to|has the meaning)\b"#
        );
        if Regex::new(&owned).is_ok_and(|r| r.is_match(&text)) {
            votes[a] -= 1;
        }
    }
    votes
        .into_iter()
        .map(|v| match v.signum() {
            1 => Some(Role::Provider),
            -1 => Some(Role::Customer),
            _ => None,
        })
        .collect()
}

/// The rest of an alias list: `, "Y" or "Z")` → [Y, Z]; each must follow a comma, 、, 或, "or" or
/// "and" (a quoted term after the bracket closes belongs to someone else).
fn more_aliases(mut rest: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(next) = static_re!(
        r#"^\s*(?:(?:,|，|、|或者|或|以及|及|和)\s*)?(?:(?:or|and)\b\s*)?(?:,?\s*in\s+[^,"“\n]{1,60},\s*)?(?:(?:together|collectively)\s+)?(?:the\s+)?["“「]\**([^"”」*\n]{1,30})\**["”」]"#
    ) else {
        return out;
    };
    while let Some(c) = next.captures(rest) {
        out.push(c[1].trim().to_string());
        rest = c.get(0).map_or("", |m| &rest[m.end()..]);
        if out.len() >= 4 {
            break;
        }
    }
    out
}

/// The role of a line that opens with a role label: "**受托方**：…", "Customer: …".
fn opening_label_role(line: &str, words: &PartyWords) -> Option<Role> {
    let opening = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let (label, _) = opening.split_once(['：', ':'])?;
    let label = label.trim_end_matches(['*', ' ']);
    (label.chars().count() <= 8)
        .then(|| role_of(label, words))
        .flatten()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) if w.is_ascii() => f.to_uppercase().collect::<String>() + c.as_str(),
        _ => w.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::Rules;
    use crate::templates::TemplateFiles;

    fn parties(text: &str) -> Parties {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        resolve(text, &rules.parties).0
    }

    #[test]
    fn a_supplier_of_one_thing_is_not_the_service_provider() {
        assert!(preceded_by_user_qualifier(
            "由该云基础设施服务商",
            "由该云基础设施".len()
        ));
        assert!(preceded_by_user_qualifier("短信服务商", "短信".len()));
        assert!(preceded_by_user_qualifier(
            "电子签约服务商",
            "电子签约".len()
        ));
        assert!(!preceded_by_user_qualifier("由服务商负责", "由".len()));
        assert!(!preceded_by_user_qualifier(
            "本合同项下的服务商",
            "本合同项下的".len()
        ));
    }

    #[test]
    fn a_public_body_on_a_party_line_is_a_party() {
        let p = parties("BETWEEN:\n\nHIS MAJESTY THE KING IN RIGHT OF THE PROVINCE OF ALDERMERE, as represented by the Minister of Digital Government (the \"Province\")\n\nAND:\n\nBOREALIS STACK INC., a corporation (the \"Contractor\")\n");
        assert!(p.customer.iter().any(|a| a == "Province"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "Contractor"), "{p:?}");
    }

    #[test]
    fn terms_defined_in_brackets_without_quotes_on_one_line_name_both_sides() {
        // Australian drafting: bold terms without quotes (the bold is gone with the markup), a
        // public body first and the company second on the same line.
        let p = parties("This Contract is made between the Commonwealth of Australia as represented by the Inland Waterways Regulator (ABN 00 000 000 000) of (address withheld), Canberra ACT (the Agency) and Ironbark Records Cloud Pty Ltd (ACN 000 000 000) of (address withheld), Sydney NSW (the Supplier).\n");
        assert!(p.customer.iter().any(|a| a == "Agency"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "Supplier"), "{p:?}");
        assert!(
            p.provider
                .iter()
                .any(|a| a == "Ironbark Records Cloud Pty Ltd"),
            "the name after the first party's bracket: {p:?}"
        );
        // A regulator is a public body; the line's opening words are not its name.
        let p = parties("This Contract is made between the Inland Waterways Regulator (the \"Agency\") and Ironbark Records Cloud Pty Ltd (the \"Supplier\").\n");
        assert!(p.customer.iter().any(|a| a == "Agency"), "{p:?}");
        assert!(
            !p.customer.iter().any(|a| a.contains("made between")),
            "{p:?}"
        );
    }

    #[test]
    fn a_third_label_with_both_sides_taken_is_a_third_party() {
        // 甲方 is the cloud's supervising body here: 乙方 and 丙方 state the two sides.
        let p = parties("**甲方（政务云管理单位）**：澜州市数据资源管理局（以下简称\"甲方\"或\"管理单位\"）\n\n**乙方（使用单位）**：澜州市人力资源和社会保障局（以下简称\"乙方\"或\"使用单位\"）\n\n**丙方（云服务商）**：澜州云泰信息技术有限公司（以下简称\"丙方\"或\"云服务商\"）\n\n1.1 甲方负责资源审批。\n");
        assert!(p.customer.iter().any(|a| a == "乙方"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "丙方"), "{p:?}");
        assert!(
            !p.customer.iter().chain(&p.provider).any(|a| a == "甲方"),
            "{p:?}"
        );
    }

    #[test]
    fn popia_roles_name_the_sides() {
        let p = parties("between\n\nSABLE RIDGE AGRI-FOODS (PTY) LTD\nRegistration number 0000/000000/07, a private company\n(the \"Responsible Party\")\n\nand\n\nKLOOFNEK PAYROLL SYSTEMS (PTY) LTD\nRegistration number 0000/000000/07, a private company\n(the \"Operator\")\n");
        assert!(p.customer.iter().any(|a| a == "Responsible Party"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "Operator"), "{p:?}");
    }

    #[test]
    fn a_bare_term_for_words_that_name_a_role_takes_that_role() {
        let p = parties("This Addendum forms part of the Agreement between Pixelmoor Analytics, Inc., a Texas corporation (\"Pixelmoor\"), and the customer identified in the Agreement (\"Business\").\n");
        assert!(p.customer.iter().any(|a| a == "Business"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "Pixelmoor"), "{p:?}");
    }

    #[test]
    fn a_brand_introduced_beside_the_customer_is_the_provider() {
        let p = parties("This DPA forms part of the agreement\nbetween 37signals LLC (“37signals”) and the customer (“Customer”) identified in such agreement.\nThe Processor (“Processor”) shall …");
        assert!(p.provider.contains(&"37signals".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Customer".to_string()), "{p:?}");
    }

    #[test]
    fn every_alias_in_a_list_counts_and_a_defined_thing_is_not_a_party() {
        let p = parties(
            "This Agreement is made between **ACME HOSTING PTY LTD** of Sydney (the \"**Operator**\", \"**Acmevault**\" or \"**we**\"), and **RIDGE HEALTH PTY LTD** of Parramatta (the \"**Subscriber**\" or \"**you**\").\n\n\"**Tenancy**\" means the virtual data centre allocated to the Subscriber, including its virtual machines (\"**VMs**\"). \"**Security Incident**\" means unauthorised access.\n",
        );
        for name in ["Operator", "Acmevault", "we"] {
            assert!(p.provider.contains(&name.to_string()), "{name}: {p:?}");
        }
        assert!(p.customer.contains(&"Subscriber".to_string()), "{p:?}");
        assert!(
            !p.provider.contains(&"VMs".to_string()) && !p.customer.contains(&"VMs".to_string()),
            "{p:?}"
        );
    }

    #[test]
    fn a_product_or_a_thing_a_company_runs_is_no_party() {
        let p = parties("甲方：常州恒钧精密机械有限公司\n乙方：苏州云栈数据科技有限公司（以下简称“云栈”）\n11.1 本服务上海可用区部署于上海华东数港信息科技有限公司运营的数据中心（以下简称“数港机房”）。\n1. 甲方是经批准设立的证券公司，建设了基于乙方“云枢HCS虚拟化平台软件”（以下简称“HCS软件”）的私有云平台。\n");
        assert!(p.provider.contains(&"云栈".to_string()), "{p:?}");
        for not in ["数港机房", "HCS软件"] {
            assert!(
                !p.provider.contains(&not.to_string()) && !p.customer.contains(&not.to_string()),
                "{not}: {p:?}"
            );
        }
        // A school or body named before its bracket stays a party.
        let p = parties("本协议由杭州知学云教育科技有限公司（以下简称“知学云”或“我们”）与开通学校账户的中小学校及其他教育机构（以下简称“学校”或“贵校”）订立。\n");
        assert!(p.customer.contains(&"贵校".to_string()), "{p:?}");
    }

    #[test]
    fn english_party_lines_with_registration_details_and_affiliates() {
        let p = parties("(1) NORTHWIND DATA CENTRES LIMITED, a company registered in England and Wales (no. 01234567) (\"Northwind\" or the \"Supplier\"); and\n(2) ELMSTEAD MUTUAL LIMITED (\"Elmstead\" or the \"Customer\").\n");
        assert!(p.provider.contains(&"Northwind".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Elmstead".to_string()), "{p:?}");
        // A Markdown list number before the bold name is no part of the name.
        let p = parties("1. **Feldmark Outdoor GmbH**, of Auenring 12, Leipzig (the \"**Customer**\"); and\n2. **Corella Insights Pty Ltd**, of Melbourne, trading as \"**Corella**\" (the \"**Supplier**\").\n");
        assert!(
            p.customer.contains(&"Feldmark Outdoor GmbH".to_string()),
            "{p:?}"
        );
        assert!(
            p.provider.contains(&"Corella Insights Pty Ltd".to_string()),
            "{p:?}"
        );
        let p = parties("This Agreement is entered into between Ravel Compute, Inc., a Washington corporation (together with its Affiliates, \"Ravel\" or the \"Platform Provider\"), and the customer identified in the Order Form (\"Customer\").\n");
        assert!(p.provider.contains(&"Ravel".to_string()), "{p:?}");
        let p = parties("These Terms (\"Terms\") are between Quarry Systems, Inc., doing business as Hirewell (\"Hirewell,\" \"we,\" \"us,\" or \"our\"), and the company on whose behalf you accept them (\"Customer\" or \"you\").\n");
        assert!(p.provider.contains(&"Hirewell".to_string()), "{p:?}");
        // A defined document on a party line is not a party.
        let p = parties("This Data Processing Addendum (\"DPA\") forms part of the Subscription Agreement (the \"Main Agreement\") between Lumen Data, Inc., a Delaware corporation (\"Lumen\"), and Garden B.V. (\"Customer\").\n");
        assert!(p.provider.contains(&"Lumen".to_string()), "{p:?}");
        for not in ["DPA", "Main Agreement"] {
            assert!(
                !p.provider.contains(&not.to_string()) && !p.customer.contains(&not.to_string()),
                "{not}: {p:?}"
            );
        }
    }

    #[test]
    fn a_role_in_brackets_after_the_name_decides_the_label() {
        // 甲方 is the provider here, against the convention, and says so after its name.
        let p =
            parties("甲方：北辰云数科技有限公司（云服务提供者）\n乙方：某某律师事务所（客户）\n");
        for name in ["甲方", "北辰云数科技有限公司"] {
            assert!(p.provider.contains(&name.to_string()), "{name}: {p:?}");
        }
        for name in ["乙方", "某某律师事务所"] {
            assert!(p.customer.contains(&name.to_string()), "{name}: {p:?}");
        }
        // An alias in the brackets is no role: the convention stands.
        let p = parties("甲方：北辰云数科技有限公司（以下简称“北辰”）\n乙方：某某律师事务所\n");
        assert!(p.customer.contains(&"甲方".to_string()), "{p:?}");
    }

    #[test]
    fn a_role_label_opening_the_line_names_the_party_and_its_alias() {
        let p = parties(
            "**委托方**：上海某某用品有限公司\n住所：上海市闵行区\n\n**受托方**：深圳青木云智软件有限公司（以下简称\"青木\"）\n",
        );
        assert!(p.provider.contains(&"青木".to_string()), "{p:?}");
        assert!(
            p.provider.contains(&"深圳青木云智软件有限公司".to_string()),
            "{p:?}"
        );
        assert!(
            p.customer.contains(&"上海某某用品有限公司".to_string()),
            "{p:?}"
        );
    }

    #[test]
    fn the_name_is_the_company_not_the_sentence_that_introduces_it() {
        let p = parties(
            "本条款是您与杭州某犀数据技术有限公司（以下简称\"某犀云\"或\"我们\"）之间就数据库服务订立的协议。\"您\"指注册账号的企业。\n",
        );
        assert!(
            p.provider.contains(&"杭州某犀数据技术有限公司".to_string()),
            "{p:?}"
        );
        assert!(p.provider.contains(&"某犀云".to_string()), "{p:?}");
        assert!(!p.provider.iter().any(|n| n.starts_with("本条款")), "{p:?}");
    }

    #[test]
    fn a_third_party_acting_for_one_side_stands_on_that_side() {
        let head = "甲方：某某汽车有限公司\n乙方：某某数据科技有限公司\n丙方：某某系统集成有限公司（以下简称“丙方”）\n\n1. 丙方受甲方委托，在本合同项下代表甲方开展数据应用的开发和运维工作。\n";
        let p = parties(head);
        assert!(p.customer.contains(&"丙方".to_string()), "{p:?}");
        let other = parties(&head.replace("1. 丙方受甲方委托，在本合同项下代表甲方", "1. 丙方"));
        assert!(!other.customer.contains(&"丙方".to_string()), "{other:?}");
    }

    #[test]
    fn brands_take_roles_from_a_grant_and_a_fee_and_a_non_party_is_dropped() {
        let head = "This Order Form is issued between **Tradewind Logistics Technologies Pte. Ltd.**, Singapore (\"**Tradewind**\"), and **Kalani Distribution Pte. Ltd.**, Singapore (\"**Kalani**\").\n\n2.1 Tradewind grants Kalani a non-exclusive right to use the Platform.\n\n3.1 Kalani shall pay the Fees within 30 days of invoice.\n";
        let p = parties(head);
        assert!(p.provider.contains(&"Tradewind".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Kalani".to_string()), "{p:?}");
        let platform = "This Agreement is between **Ledgerline Technologies, Inc.**, a Delaware corporation (\"**Ledgerline**\" or the \"**Platform**\"), and **Pennywise Labs, Inc.**, a Delaware corporation (the \"**Program Manager**\").\n\nHarbor Plains Bank (the \"**Partner Bank**\"), which is not a party, has engaged the Program Manager.\n\n2.1 The Platform shall provide the Platform Services to the Program Manager.\n\n4.1 The Platform hosts the Platform Services with a third-party cloud provider (the \"**Hosting Provider**\").\n";
        let p = parties(platform);
        assert!(p.provider.contains(&"Ledgerline".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Program Manager".to_string()), "{p:?}");
        assert!(
            !p.provider.contains(&"Hosting Provider".to_string()),
            "{p:?}"
        );
        assert!(!p.customer.contains(&"Partner Bank".to_string()), "{p:?}");
    }

    #[test]
    fn a_role_word_defined_for_someone_a_party_chooses_or_a_third_party_is_not_the_party() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let text = "甲方：安徽某某大药房连锁有限公司\n乙方：杭州某某数字医药科技有限公司\n\n1.7 \"云服务商\"：指乙方为部署和运行本系统而自行选定的公有云服务提供者。\n（四）\"设备供应商\"：指东莞某某智能设备有限公司。\n（十三）内容审核服务：指由第三方审核服务商上海某某智能科技有限公司（以下简称\"某鉴\"或者\"审核服务商\"）提供审核引擎的增值功能。\n";
        let (_, m) = resolve(text, &rules.parties);
        let roles = |t: &str| m.find(t).into_iter().map(|x| x.2).collect::<Vec<_>>();
        assert_eq!(roles("云服务商负责其数据中心的物理安全。"), vec![]);
        assert_eq!(roles("设备供应商负责固件的升级。"), vec![]);
        assert_eq!(roles("审核服务商负责审核模型的准确性。"), vec![]);
        assert_eq!(roles("某鉴负责审核系统的安全运行。"), vec![]);
        assert_eq!(roles("乙方负责本系统的安全。"), vec![Role::Provider]);
    }

    #[test]
    fn companies_named_inside_a_partys_description_or_a_definition_are_not_parties() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let zh = "甲方：宁波某某进出口有限公司\n乙方：杭州某某信息技术有限公司\n\n鉴于：\n\n1. 乙方是北京某某云计算技术有限公司（以下简称\"运营方\"）授权的云产品渠道代理商。\n";
        let (p, m) = resolve(zh, &rules.parties);
        assert!(
            !p.provider.iter().any(|a| a == "运营方"),
            "{:?}",
            p.provider
        );
        assert!(m.find("运营方负责数据中心的物理安全。").is_empty());
        let en = "**BETWEEN: CENTRE DE SERVICES SCOLAIRE DES BERGES**, a school service centre established under the Education Act (the \"**Centre**\")\n\n**AND: LARCHMERE SYSTEMS INC.**, a corporation (the \"**Vendor**\")\n\n(each a \"**Party**\")\n\n1.1 Definitions.\n\n(d) \"**Backup Software**\" means the software that the Centre licenses from Corvina Data Systems, LLC (the \"**Backup Vendor**\");\n";
        let (p, m) = resolve(en, &rules.parties);
        assert!(p.customer.iter().any(|a| a == "Centre"), "{:?}", p.customer);
        assert!(p
            .customer
            .iter()
            .any(|a| a == "CENTRE DE SERVICES SCOLAIRE DES BERGES"));
        assert!(
            !p.customer.iter().chain(&p.provider).any(|a| a == "Party"),
            "{:?} {:?}",
            p.customer,
            p.provider
        );
        assert!(m.find("The Backup Vendor patches its software.").is_empty());
    }

    #[test]
    fn a_recital_that_names_a_partys_own_company_keeps_its_alias() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let zh = "甲方：某某进出口有限公司\n乙方：杭州某某信息技术有限公司\n\n鉴于：\n\n1. 乙方为杭州某某信息技术有限公司（以下简称\"某某信息\"），依法提供云服务。\n";
        let (p, _) = resolve(zh, &rules.parties);
        assert!(
            p.provider.iter().any(|a| a == "某某信息"),
            "{:?}",
            p.provider
        );
    }

    #[test]
    fn a_term_defined_for_a_third_party_is_no_mention_of_the_party_word_inside_it() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let text = "甲方（云服务商）：某某物联科技有限公司\n乙方（客户）：某某制造有限公司\n\n1.6 \"基础云服务商\"：指为平台提供计算、存储及网络资源的第三方云计算服务商。\n";
        let (_, m) = resolve(text, &rules.parties);
        let roles = |t: &str| m.find(t).into_iter().map(|x| x.2).collect::<Vec<_>>();
        assert_eq!(roles("基础云服务商负责其数据中心的物理安全。"), vec![]);
        assert_eq!(roles("云服务商负责平台的安全。"), vec![Role::Provider]);
        let en = "ACME LTD (\"Provider\") and BETA LTD (\"Customer\").\n\n\"Hosting Provider\" means a third-party data centre operator.\n";
        let (_, m) = resolve(en, &rules.parties);
        assert_eq!(
            m.find("The Hosting Provider secures its facilities.").len(),
            0
        );
        assert_eq!(m.find("The Provider secures the platform.").len(), 1);
    }

    #[test]
    fn someone_else_of_a_kind_is_not_the_party() {
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let (_, m) = resolve(
            "ACME LTD (\"Company\") and BETA LTD (\"Customer\"). The Platform is hosted by a third-party infrastructure provider.",
            &rules.parties,
        );
        let roles = |t: &str| m.find(t).into_iter().map(|x| x.2).collect::<Vec<_>>();
        assert_eq!(
            roles("Physical security is that provider's responsibility."),
            vec![]
        );
        assert_eq!(roles("It is isolated from other customers."), vec![]);
        assert_eq!(roles("The Customer shall patch."), vec![Role::Customer]);
    }

    #[test]
    fn brand_party_lines_take_their_roles_from_who_provides_to_whom() {
        let head = "(1) **Payvela Limited**, a company incorporated in Ireland (\"**Payvela**\"); and\n\n(2) **Halvard Compute, Inc.**, a Delaware corporation (\"**Halvard**\").\n\nBACKGROUND\n\n(A) Under a hosting agreement, Halvard provides Payvela with virtual machines and storage.\n";
        let p = parties(head);
        assert!(p.provider.contains(&"Halvard".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Payvela".to_string()), "{p:?}");
        // No recital: no role is guessed.
        let bare = parties(&head.replace("Halvard provides Payvela with", "there are"));
        assert!(!bare.provider.contains(&"Halvard".to_string()), "{bare:?}");
        let used = parties(&head.replace(
            "Halvard provides Payvela with virtual machines",
            "Payvela wishes to use virtual machines from Halvard",
        ));
        assert!(used.provider.contains(&"Halvard".to_string()), "{used:?}");
    }

    #[test]
    fn the_party_that_entrusts_its_data_is_the_customer() {
        let head = "Sakura Research Co., Ltd. (hereinafter \"**Party A**\") and Kumo Labelling Inc. (hereinafter \"**Party B**\") enter into this Agreement.\n\n1. \"Entrusted Personal Information\" means the Personal Information that Party A provides to Party B.\n\n3.1 Party A entrusts to Party B the handling of the Entrusted Personal Information.\n";
        let p = parties(head);
        assert!(p.provider.contains(&"Party B".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Party A".to_string()), "{p:?}");
        // Handing over data alone says nothing of who provides the service.
        let data_only = parties(&head.replace(
            "3.1 Party A entrusts to Party B the handling of the Entrusted Personal Information.",
            "",
        ));
        assert!(
            !data_only.provider.contains(&"Party A".to_string()),
            "{data_only:?}"
        );
        let behalf = parties(&head.replace(
            "Party A entrusts to Party B the handling of",
            "Party B handles solely on behalf of Party A",
        ));
        assert!(
            behalf.provider.contains(&"Party B".to_string()),
            "{behalf:?}"
        );
    }

    #[test]
    fn the_recitals_say_who_provides_when_the_party_lines_do_not() {
        let p = parties(
            "**甲方**：浙江某峰云计算有限公司（以下简称\"某峰云\"）\n住所：杭州市\n\n**乙方**：成都某程文旅发展股份有限公司\n\n鉴于：\n1. 甲方是依法取得经营许可的云服务提供者；\n2. 乙方拟使用甲方提供的云服务器。\n",
        );
        for name in ["甲方", "某峰云", "浙江某峰云计算有限公司"] {
            assert!(p.provider.contains(&name.to_string()), "{name}: {p:?}");
        }
        assert!(p.customer.contains(&"乙方".to_string()), "{p:?}");
    }

    #[test]
    fn providing_information_is_not_providing_the_service() {
        let p = parties(
            "委托方（甲方）：成都某物网络科技有限公司\n\n受托方（乙方）：武汉某仓供应链科技有限公司\n\n\
             1.2 \"委托处理的个人信息\"：指甲方为履行主协议向乙方提供的其他个人信息。\n\
             3.1 甲方应当确保其向乙方提供收件人信息具有合法性基础。\n",
        );
        assert!(p.customer.contains(&"甲方".to_string()), "{p:?}");
        assert!(p.provider.contains(&"乙方".to_string()), "{p:?}");
    }

    #[test]
    fn a_processor_engaging_a_sub_processor_is_its_customer() {
        let p = parties(
            "(1) GREYHAVEN HOSTING LIMITED, incorporated in England and Wales (the \"Sub-processor\"); and\n\n\
             (2) QUILLFEATHER ANALYTICS LTD, incorporated in England and Wales (the \"Processor\").\n",
        );
        assert!(p.provider.contains(&"Sub-processor".to_string()), "{p:?}");
        assert!(p.customer.contains(&"Processor".to_string()), "{p:?}");
        assert!(!p.provider.contains(&"Processor".to_string()), "{p:?}");
    }

    #[test]
    fn jia_is_not_always_the_customer() {
        let p = parties(
            "甲方（服务提供方）：深圳某某科技有限公司\n乙方（客户）：成都某某集团有限公司\n",
        );
        assert!(
            p.provider.contains(&"甲方".to_string()) && p.customer.contains(&"乙方".to_string()),
            "{p:?}"
        );
        assert!(
            p.provider.contains(&"深圳某某科技有限公司".to_string()),
            "{p:?}"
        );
    }

    #[test]
    fn a_name_declared_to_stand_for_a_party_joins_it() {
        let p = parties("**甲方**：苏州某某精密机械股份有限公司（以下简称\"甲方\"）\n\n**乙方**：杭州某某数智科技有限公司（以下简称\"乙方\"。乙方以\"筑码云\"品牌运营本协议项下的平台，本协议及其附件中所称\"筑码云\"均指乙方）\n\n“客户数据”指甲方上传的数据。\n");
        assert!(p.provider.contains(&"筑码云".to_string()), "{p:?}");
        // A definition that merely mentions a party does not make its term an alias.
        assert!(!p.customer.contains(&"客户数据".to_string()), "{p:?}");
    }

    #[test]
    fn an_address_in_the_bracket_and_a_second_party_on_the_line_keep_their_own_names() {
        let p = parties(
            "本协议由深圳某某智能科技有限公司（住所：广东省深圳市南山区（略），以下简称“瞰途”或者“我们”）与注册账号的单位或者个人（以下简称“您”）订立。\n",
        );
        assert!(p.provider.iter().any(|a| a == "瞰途"), "{p:?}");
        assert!(
            p.provider.iter().any(|a| a == "深圳某某智能科技有限公司"),
            "{p:?}"
        );
        assert!(!p.customer.iter().any(|a| a.contains("公司")), "{p:?}");
        // Each keeps its own places: the provider's seat is not the customer's too.
        assert!(p.provider_places.contains(&"深圳".to_string()), "{p:?}");
        assert!(p.customer_places.is_empty(), "{p:?}");
    }

    #[test]
    fn where_a_company_is_registered_is_not_where_it_is_based() {
        let p = parties(
            "(1) ACME HEALTH LIMITED, incorporated and registered in England and Wales, whose registered office is at (address withheld), Leeds (the \"Supplier\"); and\n(2) DR A B AND DR C D, practising in partnership as TANNER'S LANE PRACTICE, of (address withheld), Harrogate (the \"Practice\").\n",
        );
        assert!(p.customer.iter().any(|a| a == "Practice"), "{p:?}");
        assert!(p.provider_places.contains(&"Leeds".to_string()), "{p:?}");
        assert!(!p.provider_places.contains(&"England".to_string()), "{p:?}");
    }

    #[test]
    fn a_brand_whose_role_words_a_later_definition_gives_it_is_the_other_side() {
        let p = parties(
            "**JACARANDA VAREJO S.A.**, with its head office in the City of Sao Paulo (\"**Jacaranda**\" or the \"**Controller**\"); and\n\n\
            **QUILLON TECNOLOGIA LTDA.**, with its head office in the City of Florianopolis (\"**Quillon**\").\n\n\
            **1.2 Terminology.** Quillon acts as operator (the \"**Operator**\") under the LGPD and as processor (the \"**Processor**\") under the GDPR.\n",
        );
        assert!(p.provider.iter().any(|a| a == "Quillon"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Jacaranda"), "{p:?}");
    }

    #[test]
    fn terms_defined_together_name_the_same_party() {
        let p = parties(
            "本协议是您与苏州某某信息科技有限公司（以下简称\"本平台运营方\"或者\"我们\"）之间订立的协议。\n\n\
            1.3 开发者、您：指按照本协议注册本平台账号并利用本平台搭建应用的自然人、法人或者非法人组织。\n\n\
            1.5 最终用户：指经开发者授权访问开发者应用的人员。\n",
        );
        assert!(p.customer.iter().any(|a| a == "开发者"), "{p:?}");
        assert!(!p.customer.iter().any(|a| a == "最终用户"), "{p:?}");
    }

    #[test]
    fn the_address_line_of_a_party_block_gives_its_place() {
        let p = parties(
            "**甲方（采购人）**：某某县人民医院\n\n统一社会信用代码：（略）\n\n住所：江西省某某县城南大道（略）\n\n\
            **乙方（供应商）**：某某云医疗科技有限公司\n\n统一社会信用代码：（略）\n\n住所：浙江省杭州市滨江区（略）\n\n鉴于：\n",
        );
        assert!(p.provider_places.contains(&"杭州".to_string()), "{p:?}");
        assert!(!p.customer_places.contains(&"杭州".to_string()), "{p:?}");
        assert!(p.customer_places.contains(&"江西".to_string()), "{p:?}");
    }

    #[test]
    fn a_name_the_contract_uses_for_a_party_and_a_unit_of_its_own_join_that_party() {
        let p = parties(
            "甲方（采购人）：某某区教育局\n乙方（供应商）：苏州某某教育科技有限公司\n\n鉴于：\n\n\
            2. 为便于表述，除本协议首部外，本协议以“知远课堂”指称乙方；\n\n\
            （二）使用学校：指附件一所列的甲方所属中小学校。\n\n（三）学生：指在使用学校就读的学生。\n",
        );
        assert!(p.provider.iter().any(|a| a == "知远课堂"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "使用学校"), "{p:?}");
        assert!(!p.customer.iter().any(|a| a == "学生"), "{p:?}");
    }

    #[test]
    fn a_recital_naming_a_third_party_beside_a_label_word_is_no_party_line() {
        let p = parties(
            "**委托方（申办者）**：苏州某某生物医药有限公司（以下简称\"委托方\"）\n\n**受托方**：上海某某医药科技有限公司（以下简称\"受托方\"或\"澄研\"）\n\n鉴于：\n\n\
            4. 试验数据包含受试者的健康信息。委托方的控股股东Halcyra Therapeutics AG（注册于瑞士，以下简称\"境外总部\"）需要接收部分数据。\n",
        );
        assert!(!p.customer.iter().any(|a| a.contains("境外总部")), "{p:?}");
        assert!(!p.provider.iter().any(|a| a.contains("境外总部")), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "澄研"), "{p:?}");
    }

    #[test]
    fn a_party_word_inside_a_things_name_is_not_the_party() {
        assert!(super::names_a_thing(" Portal actions and keeps those logs"));
        assert!(super::names_a_thing(" Data in transit"));
        assert!(!super::names_a_thing(" shall keep the logs"));
    }

    /// "乙方应当指定专人…，不得以第三方不配合为由拖延": 指定 is not the 指 of a definition, so
    /// "乙方应当" is no term for a third party and 乙方's duties stay the provider's.
    #[test]
    fn appointing_someone_near_a_third_party_defines_no_third_party_term() {
        assert!(super::third_party_terms(
            "乙方应当指定专人负责技术对接，不得以第三方不配合为由拖延其自身工作。"
        )
        .is_empty());
        assert_eq!(
            super::third_party_terms(
                "1.6 “基础云服务商”：指为平台提供计算资源的第三方云计算服务商。"
            ),
            vec!["基础云服务商".to_string()]
        );
    }

    #[test]
    fn a_glossary_entry_that_defines_a_role_word_as_a_company_names_that_party() {
        let p = parties("## Article 1 – Definitions\n\n- **Hosting Company**: Bolderik Hosting B.V., a private limited company with its registered office in Amsterdam. In these Terms the Hosting Company is also referred to as \"we\" or \"us\".\n- **Client**: the natural or legal person that has entered into an Agreement with the Hosting Company.\n");
        assert!(p.provider.iter().any(|a| a == "Hosting Company"), "{p:?}");
        assert!(
            p.provider.iter().any(|a| a == "Bolderik Hosting B.V."),
            "{p:?}"
        );
        assert!(p.customer.iter().any(|a| a == "Client"), "{p:?}");
    }

    #[test]
    fn singapore_roles_name_the_sides() {
        let p = parties("**BETWEEN**\n\n(1) **MERIDIAN HEALTHCARE GROUP PTE. LTD.** (UEN 200912345K), a company incorporated in Singapore (the \"**Organisation**\"); and\n\n(2) **CADENZA CARE SYSTEMS PTE. LTD.** (UEN 201733771W), a company incorporated in Singapore (the \"**Data Intermediary**\" or \"**Cadenza**\"),\n");
        assert!(p.provider.iter().any(|a| a == "Data Intermediary"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Organisation"), "{p:?}");
    }

    #[test]
    fn a_capacity_in_the_bracket_and_who_engages_whom_give_the_roles() {
        // Brands with no role word; the bracket says in what capacity each acts.
        let p = parties("This Agreement is made by and between:\n\nKALINAW SAVINGS BANK, INC., a thrift bank, represented by Ms. C. Villaruel (the \"Bank\" or \"Kalinaw Bank\", and, in its capacity as personal information controller, the \"PIC\");\n\nTAWAGPRO SOLUTIONS, INC., a corporation, represented by Mr. R. Esguerra (\"TawagPro\", and, in its capacity as personal information processor, the \"PIP\").\n");
        assert!(p.customer.iter().any(|a| a == "Bank"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "PIC"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "TawagPro"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "PIP"), "{p:?}");
        // No role word anywhere: the recital says who engaged whom.
        let p = parties("This Agreement is between Kalinaw Bank, Inc. (the \"Bank\") and TawagPro Solutions, Inc. (\"TawagPro\").\n\nC. The Bank has engaged TawagPro to perform collection services.\n");
        assert!(p.customer.iter().any(|a| a == "Bank"), "{p:?}");
        assert!(p.provider.iter().any(|a| a == "TawagPro"), "{p:?}");
    }

    #[test]
    fn the_data_named_after_a_party_and_those_it_acts_for_are_the_customers() {
        let p = parties("This Agreement is entered into between:\n\nShelfWise Library Systems, Inc., a Delaware corporation (\"ShelfWise\"); and\n\nTri-County Library Consortium, a regional library system (the \"Consortium\"), acting on its own behalf and as agent for the public libraries listed in Section 3.1 (each a \"Member Library\" and together the \"Member Libraries\").\n\n\"Consortium Data\" means all data submitted to the Service by the Consortium.\n");
        assert!(p.provider.iter().any(|a| a == "ShelfWise"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Consortium"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Member Library"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Member Libraries"), "{p:?}");
        // A party acting for a part of itself is still a party ("on behalf of its School").
        let p = parties("This Agreement is entered into by the Board of Trustees of Calder State University, an Oregon public university, on behalf of its School of Medicine (\"Institution\"), and Lumenwell Analytics, Inc., a Delaware corporation (\"Vendor\").\n");
        assert!(p.customer.iter().any(|a| a == "Institution"), "{p:?}");
    }

    #[test]
    fn an_operator_the_other_side_provides_to_is_the_customer() {
        // "Operator" is a provider's word on most platforms; here the satellite operator buys.
        let p = parties("This Agreement is made between:\n\n(1) CORVANE GROUND SYSTEMS, LLC, a Colorado limited liability company (\"Corvane\"); and\n\n(2) TESSELLATE ORBITAL, INC., a Delaware corporation (\"Tessellate\" or \"Operator\").\n\nC. Operator wishes to relocate its mission-control workloads from its own premises into a dedicated, access-controlled enclave in Corvane's data centre, and Corvane is willing to provide those services.\n");
        assert!(p.provider.iter().any(|a| a == "Corvane"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "Operator"), "{p:?}");
        // Without such a recital the word keeps its usual side.
        let p = parties("This Agreement is made between:\n\n(1) CORVANE GROUND SYSTEMS, LLC, a Colorado limited liability company (\"Corvane\"); and\n\n(2) TESSELLATE ORBITAL, INC., a Delaware corporation (\"Tessellate\" or \"Operator\").\n");
        assert!(p.provider.iter().any(|a| a == "Operator"), "{p:?}");
    }

    #[test]
    fn names_given_later_a_body_corporate_and_a_numbered_party_line_name_the_parties() {
        // "本协议中，X以下简称“甲方”或“梯讯”" and a table note "本表中“安衡维保”指乙方".
        let p = parties("**甲方（服务提供方）**：浙江梯讯物联科技有限公司\n\n**乙方（服务使用方）**：南京安衡电梯维保服务有限公司\n\n鉴于：\n\n1. 本协议中，浙江梯讯物联科技有限公司以下简称“甲方”或“梯讯”。\n\n## 附件二\n\n说明：本表中“梯讯”指甲方，“安衡维保”指乙方。\n");
        assert!(p.provider.iter().any(|a| a == "梯讯"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "安衡维保"), "{p:?}");
        // "… a body corporate … (the "Trustees")", selected by it in the recitals.
        let p = parties("(1) **STRATAVAULT CLOUD SERVICES LIMITED**, a company incorporated in England (\"**Stratavault**\" or the \"**Provider**\"); and\n\n(2) **THE BOARD OF TRUSTEES OF THE KINGSGATE MUSEUM**, a body corporate established by statute, whose principal office is at Kingsgate House, London WC1B 3QT (the \"**Trustees**\").\n\n(B) The Trustees have selected Stratavault to provide infrastructure-as-a-service.\n");
        assert!(p.customer.iter().any(|a| a == "Trustees"), "{p:?}");
        // A numbered party line may call a body "the Service".
        let p = parties("(1) **VANTLOW HEALTH SYSTEMS LIMITED**, a company incorporated in Scotland (the \"**Supplier**\"); and\n\n(2) **SEVERN MARCHES REGIONAL BLOOD SERVICE**, a body corporate established by statute whose principal office is at 1 Abbey Foregate, Shrewsbury, England (the \"**Service**\").\n\n(C) The Service has selected the Supplier to replace its legacy donor system.\n");
        assert!(p.customer.iter().any(|a| a == "Service"), "{p:?}");
        // An identity provider is no Provider.
        let rules = Rules::load(&TemplateFiles::builtin()).expect("rules");
        let (_, m) = resolve(
            "ACME LTD (\"Provider\") and BETA LTD (\"Customer\").\n",
            &rules.parties,
        );
        let found = m.find("through the Customer's identity provider");
        assert!(found.iter().all(|x| x.2 == Role::Customer), "{found:?}");
        assert!(!m.find("the Provider shall").is_empty());
    }

    #[test]
    fn a_party_moving_to_what_the_other_hosts_is_its_customer() {
        // Brand names only: "BlueKestrel wishes to … move those applications to a private cloud
        // hosted by Ironbark".
        let p = parties("## PARTIES\n\n(1) **IRONBARK DATA CENTRES LIMITED**, a company incorporated in England (\"**Ironbark**\"); and\n\n(2) **KESTREL FREIGHT LOGISTICS B.V.**, a private limited company incorporated in the Netherlands (\"**BlueKestrel**\").\n\n## BACKGROUND\n\n(A) Ironbark owns and operates data centres in Amsterdam.\n\n(B) BlueKestrel wishes to close its computer room and to move those applications to a private cloud hosted by Ironbark.\n\n## 1. DEFINITIONS\n");
        assert!(p.provider.iter().any(|a| a == "Ironbark"), "{p:?}");
        assert!(p.customer.iter().any(|a| a == "BlueKestrel"), "{p:?}");
    }

    #[test]
    fn a_party_subscribing_to_or_renting_from_the_other_is_its_customer() {
        // "Hartwell … wishes to subscribe to Sablecrest Review" (a product named after Sablecrest);
        // "Lanternfish wishes to rent dedicated GPU servers from KestrelForge".
        for (text, provider, customer) in [
            ("This Master Subscription Agreement is entered into between:\n\n**SABLECREST TECHNOLOGIES, INC.**, a Delaware corporation (\"**Sablecrest**\"); and\n\n**HARTWELL, PRYCE & ODUYA LLP**, a New York limited liability partnership (\"**Hartwell**\" or the \"**Firm**\").\n\n## RECITALS\n\nA. Sablecrest operates Sablecrest Review, a cloud-hosted platform.\n\nB. Hartwell represents clients in litigation, arbitration and government investigations and wishes to subscribe to Sablecrest Review for matters it designates.\n\n## 1. DEFINITIONS\n", "Sablecrest", "Hartwell"),
            ("This Agreement is entered into between:\n\n**Kestrel Forge Compute, Inc.**, a Delaware corporation (\"**KestrelForge**\"); and\n\n**Lanternfish Animation Studios Ltd.**, a British Columbia company (\"**Lanternfish**\" or the \"**Studio**\").\n\n## RECITALS\n\nA. KestrelForge operates dedicated bare-metal servers and rents them to businesses.\n\nB. Lanternfish wishes to rent dedicated GPU servers from KestrelForge on which it will install its own operating system images.\n\n## 1. DEFINITIONS\n", "KestrelForge", "Lanternfish"),
        ] {
            let p = parties(text);
            assert!(p.provider.iter().any(|n| n == provider), "{:?}", p.provider);
            assert!(p.customer.iter().any(|n| n == customer), "{:?}", p.customer);
        }
    }

    #[test]
    fn the_vendor_a_party_resells_for_is_not_a_party() {
        // "…的企业，…，并系上海某某云计算有限公司（以下简称“某某云”）的授权经销商".
        let p = parties("**甲方（服务商）**：杭州某某数智科技有限公司\n\n**乙方（客户）**：宁波某某精密机械股份有限公司\n\n## 鉴于\n\n1. 乙方（以下简称\"恒锐\"或\"客户\"）是一家制造企业。\n\n2. 甲方（以下简称\"澜舟\"或\"服务商\"）是一家从事云计算咨询和IT托管运维服务的企业，以\"澜舟云管家\"品牌对外提供托管运维服务，并系上海穹顶云计算有限公司（以下简称\"穹顶云\"）的授权经销商。\n\n## 第一条 定义\n");
        assert!(
            !p.customer.iter().any(|n| n.contains("穹顶云")),
            "{:?}",
            p.customer
        );
        assert!(
            !p.provider.iter().any(|n| n.contains("穹顶云")),
            "{:?}",
            p.provider
        );
        assert!(p.customer.iter().any(|n| n == "恒锐"), "{:?}", p.customer);
    }
}
