//! Clause-number recognition: what counts as a number at the start of a block (第X条, 一、,
//! （一）, 1. / 1.1, (a) / (i) / (A), a. / iv., Article/Section/Clause N, Schedule/Annex/Appendix/
//! Exhibit/附件 N) and what it is worth (family, value, printed label). False positives such as
//! "1.5 times", "Section 7.3 applies", "2025.1.1", "99.9%" or "第5条约定的" are refused here; the
//! nesting and composition of numbers is `split`'s job.

use super::numbering::roman;

/// Character class of a list counter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Lower,
    Upper,
    Roman,
    UpperRoman,
    Digit,
    Zh,
}

/// Numbering family: items of one family at one place are siblings.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Fam {
    /// Schedule, Annex, Appendix, Exhibit, Attachment, 附件.
    Appendix(u8),
    /// Part, Chapter, Article, Section, Clause (with their rank).
    Keyword(u8),
    ZhChapter,
    ZhSection,
    ZhArticle,
    /// 一、
    ZhEnum,
    /// (a) (i) (1) （一）
    Paren(Kind),
    /// a. i. A.
    Dot(Kind),
    /// 1. 1、 1) at a list depth.
    Dec1(u32),
    /// 1.1, 1.1.1, 12.3(a)
    DecN,
    /// An unnumbered heading.
    Plain,
}

/// Strong families close everything below their rank; lower is stronger.
pub(crate) fn rank(f: Fam) -> Option<u8> {
    match f {
        Fam::Appendix(_) => Some(0),
        Fam::Keyword(r) => Some(r),
        Fam::ZhChapter => Some(2),
        Fam::ZhSection => Some(3),
        Fam::ZhArticle => Some(4),
        Fam::ZhEnum => Some(5),
        _ => None,
    }
}

pub(crate) const KEYWORDS: [(&str, Fam, &str); 10] = [
    ("schedule", Fam::Appendix(0), "Schedule"),
    ("annex", Fam::Appendix(1), "Annex"),
    ("appendix", Fam::Appendix(2), "Appendix"),
    ("exhibit", Fam::Appendix(3), "Exhibit"),
    ("attachment", Fam::Appendix(4), "Attachment"),
    ("part", Fam::Keyword(1), "Part"),
    ("chapter", Fam::Keyword(2), "Chapter"),
    ("article", Fam::Keyword(3), "Article"),
    ("section", Fam::Keyword(4), "Section"),
    ("clause", Fam::Keyword(4), "Clause"),
];

/// A clause number found at the start of a block.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    pub(crate) fam: Fam,
    pub(crate) value: u32,
    /// For a single letter that is also a Roman numeral ("i", "v", "x"): its Roman value.
    pub(crate) alt_roman: Option<u32>,
    /// The number's own printed form: "第1条", "一", "(a)", "a", "1", "1.1", "Schedule 1".
    pub(crate) label: String,
    pub(crate) parts: Option<Vec<u32>>,
    /// Chars of the block taken by the marker, and where the text after it starts.
    pub(crate) end: usize,
    pub(crate) rest: usize,
}

/// Whether a clause number is a lettered annex's own paragraph, as `parse_marker` labels them
/// ("B3.1", "B.5.5", a "### B.6" heading): its number does not repeat the annex's ("Exhibit B").
pub(crate) fn is_lettered_paragraph(label: &str) -> bool {
    let mut chars = label.chars();
    chars.next().is_some_and(|x| x.is_ascii_uppercase())
        && chars.next().is_some_and(|x| x == '.' || x.is_ascii_digit())
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

pub(crate) fn decimal_parts(s: &str) -> Option<Vec<u32>> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    s.split('.').map(|p| p.parse().ok()).collect()
}

pub(crate) fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral (一 … 九千九百九十九) at the start of `c`: value and length.
pub(crate) fn parse_zh(c: &[char]) -> Option<(u32, usize)> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut n = 0;
    for &ch in c.iter().take(8) {
        if let Some(d) = zh_digit(ch) {
            digit = Some(d);
        } else {
            let unit = match ch {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => break,
            };
            total += digit.unwrap_or(1) * unit;
            digit = None;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    total += digit.unwrap_or(0);
    (total > 0).then_some((total, n))
}

pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let upper = s.to_ascii_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in upper.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (roman(total) == upper && total <= 50).then_some(total)
}

/// ASCII digits at the start (at most `max` of them, and not followed by another digit).
pub(crate) fn digits(c: &[char], max: usize) -> Option<(u32, usize)> {
    let n = c.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > max {
        return None;
    }
    let v = c[..n]
        .iter()
        .fold(0u32, |a, d| a * 10 + d.to_digit(10).unwrap_or(0));
    Some((v, n))
}

pub(crate) fn leading_number(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches(['.', '、', ')']);
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// Whether the text after a marker lets it be a clause start: end, space, CJK text or "、：".
pub(crate) fn good_follow(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                // ("（二）"甲方数据"：指…": a definition's ASCII quote.)
                || c == '"'
                || (!c.is_ascii() && !matches!(c, '%' | '％' | '）' | '”' | '’' | '，' | '。'))
        }
    }
}

pub(crate) fn skip_separators(c: &[char], mut i: usize) -> usize {
    while i < c.len()
        && (c[i].is_whitespace()
            || matches!(c[i], ':' | '：' | '.' | '．' | '-' | '–' | '—' | '、' | '|'))
    {
        i += 1;
    }
    i
}

pub(crate) fn marker(
    fam: Fam,
    value: u32,
    label: String,
    parts: Option<Vec<u32>>,
    c: &[char],
    end: usize,
) -> Marker {
    Marker {
        fam,
        value,
        alt_roman: None,
        label,
        parts,
        end,
        rest: skip_separators(c, end),
    }
}

/// Recognises a clause number at the start of a block (`c` starts at a non-space char).
pub(crate) fn parse_marker(c: &[char], heading: bool) -> Option<Marker> {
    let first = *c.first()?;
    let text_len = c.len();
    let short_title = |from: usize| {
        let rest = &c[from.min(text_len)..];
        rest.len() <= 30
            && !rest
                .iter()
                .any(|&x| matches!(x, '，' | '。' | '；' | ',' | ';'))
    };
    // 第X条 / 第X章 / 第X节
    if first == '第' {
        let (value, n) = parse_zh(&c[1..]).or_else(|| digits(&c[1..], 3))?;
        let unit = *c.get(1 + n)?;
        let fam = match unit {
            // (第1问 of rules written as questions and answers stands where an article would.)
            '条' | '问' => Fam::ZhArticle,
            '章' => Fam::ZhChapter,
            '节' => Fam::ZhSection,
            _ => return None,
        };
        let end = 2 + n;
        let next = c.get(end).copied();
        let ok = heading
            || next
                .is_none_or(|x| x.is_whitespace() || matches!(x, '、' | '：' | ':' | '．' | '.'))
            || (next.is_some_and(is_cjk) && short_title(end));
        if !ok {
            return None;
        }
        return Some(marker(fam, value, c[..end].iter().collect(), None, c, end));
    }
    // 附件 / 附件一 / 附件1 (and 附表二, 附录A's Chinese kin 附录一)
    if first == '附' && matches!(c.get(1), Some(&'件' | &'表' | &'录')) {
        let (value, n) = parse_zh(&c[2..])
            .or_else(|| digits(&c[2..], 3))
            .unwrap_or((0, 0));
        let end = 2 + n;
        let next = c.get(end).copied();
        let ok = heading
            || next.is_none_or(|x| {
                x.is_whitespace()
                    || matches!(
                        x,
                        '：' | ':' | '、' | '—' | '-' | '《' | '（' | '(' | '.' | '．'
                    )
            })
            || (n > 0 && next.is_some_and(is_cjk) && short_title(end));
        if !ok {
            return None;
        }
        return Some(marker(
            Fam::Appendix(5),
            value,
            c[..end].iter().collect(),
            None,
            c,
            end,
        ));
    }
    // Schedule 1, Annex II, Article 5, Section 7.3 …
    if first.is_ascii_uppercase() {
        let w = c.iter().take_while(|x| x.is_ascii_alphabetic()).count();
        let word: String = c[..w].iter().collect::<String>().to_ascii_lowercase();
        if let Some(&(_, fam, canon)) = KEYWORDS.iter().find(|(k, _, _)| *k == word) {
            let mut i = w;
            while i < text_len && c[i] == ' ' {
                i += 1;
            }
            if i > w {
                if let Some(m) = keyword_marker(c, i, fam, canon, heading) {
                    return Some(m);
                }
            }
        }
    }
    // § 5 (German, Austrian and Swiss contracts number their sections so; "(1)" under it is § 5(1))
    if first == '§' {
        let mut i = 1;
        while i < text_len && c[i].is_whitespace() {
            i += 1;
        }
        // ("§1 Hosting. The Service is hosted …": a short title run in before the text.)
        let digits: String = c[i..].iter().take_while(|x| x.is_ascii_digit()).collect();
        let titled = {
            let rest: String = c[(i + digits.len()).min(text_len)..]
                .iter()
                .take(60)
                .collect();
            let rest = rest.trim_start();
            !digits.is_empty()
                && rest.starts_with(|x: char| x.is_ascii_uppercase())
                && rest.find(". ").is_some_and(|k| {
                    let title = &rest[..k];
                    title.split_whitespace().count() <= 6 && !title.contains([',', ';', ':'])
                })
        };
        // (Such a paragraph numbers the items of its schedule or part, as "1." does: "§1" under
        // "Schedule 3" is "Schedule 3 §1", and under "Part B" one of Part B's items.)
        if titled && !heading {
            if let Ok(v) = digits.parse::<u32>() {
                return Some(marker(
                    Fam::Dec1(0),
                    v,
                    v.to_string(),
                    Some(vec![v]),
                    c,
                    i + digits.len(),
                ));
            }
        }
        let m = keyword_marker(c, i, Fam::Keyword(4), "§", heading)?;
        return m.parts.is_some().then_some(m);
    }
    // 一、
    if let Some((value, n)) = parse_zh(c) {
        if matches!(c.get(n), Some('、' | '．')) {
            return Some(marker(
                Fam::ZhEnum,
                value,
                c[..n].iter().collect(),
                None,
                c,
                n + 1,
            ));
        }
        return None;
    }
    // (a) (i) (1) （一）
    if first == '(' || first == '（' {
        let (kind, value, alt, len) = paren_item(c)?;
        if !good_follow(c.get(len).copied()) {
            return None;
        }
        let mut m = marker(
            Fam::Paren(kind),
            value,
            c[..len].iter().collect(),
            None,
            c,
            len,
        );
        m.alt_roman = alt;
        return Some(m);
    }
    // 1. 1、 1.1 1.1.1 12.3(a)
    if first.is_ascii_digit() {
        let (v, n) = digits(c, 3)?;
        let next = c.get(n).copied();
        if matches!(next, Some('.' | '．')) && c.get(n + 1).is_some_and(char::is_ascii_digit) {
            let mut parts = vec![v];
            let mut i = n;
            while parts.len() < 6
                && matches!(c.get(i), Some('.' | '．'))
                && c.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                let (p, pn) = digits(&c[i + 1..], 3)?;
                parts.push(p);
                i += 1 + pn;
            }
            let mut label = parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            if matches!(c.get(i), Some('.' | '．')) {
                i += 1;
            }
            // "12.3(a)" prints its sub-item with it.
            while c.get(i) == Some(&'(') {
                let Some((_, _, _, len)) = paren_item(&c[i..]) else {
                    break;
                };
                label.extend(&c[i..i + len]);
                i += len;
            }
            let next = c.get(i).copied();
            if !good_follow(next) {
                return None;
            }
            let after = c.get(skip_separators(c, i)).copied();
            if !heading && after.is_some_and(|x| x.is_ascii_lowercase()) {
                return None; // "1.5 times the fees"
            }
            return Some(marker(
                Fam::DecN,
                parts.last().copied().unwrap_or(0),
                label,
                Some(parts),
                c,
                i,
            ));
        }
        let dec1 = match next {
            Some('.' | '．' | '、' | ')') => good_follow(c.get(n + 1).copied()),
            Some(x) if heading && x.is_whitespace() => true,
            _ => false,
        };
        if dec1 {
            let end = if next.is_some_and(char::is_whitespace) {
                n
            } else {
                n + 1
            };
            return Some(marker(
                Fam::Dec1(0),
                v,
                v.to_string(),
                Some(vec![v]),
                c,
                end,
            ));
        }
        return None;
    }
    // B3.1: the paragraphs of a lettered annex ("Exhibit B" numbers its own "B1.1", "B3.2").
    // (A single level, "A1.", "A2.", is a list within its clause, like "a.", "b.".)
    if first.is_ascii_uppercase() && c.get(1).is_some_and(char::is_ascii_digit) {
        let m = parse_marker(&c[1..], heading)?;
        return match m.fam {
            Fam::DecN => Some(Marker {
                label: format!("{first}{}", m.label),
                end: m.end + 1,
                rest: m.rest + 1,
                ..m
            }),
            _ => None,
        };
    }
    // B.5.5: the same with a point after the letter ("Exhibit B" numbers its own "B.5.5 Data at
    // Rest"); a single level, "B.6", only as a heading ("### B.6 Account Administration").
    if first.is_ascii_uppercase()
        && matches!(c.get(1), Some('.'))
        && c.get(2).is_some_and(char::is_ascii_digit)
    {
        let m = parse_marker(&c[2..], heading)?;
        // (A decimal number either way: its label already names the annex.)
        return match m.fam {
            Fam::DecN | Fam::Dec1(_) if m.fam == Fam::DecN || heading => Some(Marker {
                fam: Fam::DecN,
                label: format!("{first}.{}", m.label),
                end: m.end + 2,
                rest: m.rest + 2,
                ..m
            }),
            _ => None,
        };
    }
    // a. A. iv. b)
    if first.is_ascii_alphabetic() {
        let n = c
            .iter()
            .take(8)
            .take_while(|x| x.is_ascii_alphabetic())
            .count();
        if n == 0
            || n > 6
            || !matches!(c.get(n), Some('.' | ')'))
            || !c.get(n + 1).is_none_or(|x| x.is_whitespace())
        {
            return None;
        }
        let word: String = c[..n].iter().collect();
        let upper = first.is_ascii_uppercase();
        let roman =
            roman_value(&word).filter(|_| word.chars().all(|x| x.is_ascii_uppercase() == upper));
        let (fam, value, alt) = if n == 1 {
            let v = u32::from(first.to_ascii_lowercase()) - u32::from('a') + 1;
            (
                Fam::Dot(if upper { Kind::Upper } else { Kind::Lower }),
                v,
                roman,
            )
        } else {
            (
                Fam::Dot(if upper { Kind::UpperRoman } else { Kind::Roman }),
                roman?,
                None,
            )
        };
        let mut m = marker(fam, value, word, None, c, n + 1);
        m.alt_roman = alt;
        return Some(m);
    }
    None
}

/// "Schedule 1", "ANNEX II - …", "Section 7.3:" — `i` is where the id starts.
pub(crate) fn keyword_marker(
    c: &[char],
    i: usize,
    fam: Fam,
    canon: &str,
    heading: bool,
) -> Option<Marker> {
    let id_len = c[i..]
        .iter()
        .take_while(|x| x.is_ascii_alphanumeric() || **x == '.')
        .count();
    let mut id: String = c[i..i + id_len].iter().collect();
    while id.ends_with('.') {
        id.pop();
    }
    if id.is_empty() {
        return None;
    }
    let id_end = i + id.chars().count();
    let numeric = id.chars().all(|x| x.is_ascii_digit() || x == '.');
    let valid = numeric && !id.starts_with('.') && id.len() <= 8
        || roman_value(&id).is_some() && id.chars().all(|x| x.is_ascii_uppercase())
        || id.len() == 1 && id.chars().all(|x| x.is_ascii_uppercase());
    if !valid {
        return None;
    }
    let next = c.get(id_end).copied();
    let after_space = c[id_end..]
        .iter()
        .position(|x| !x.is_whitespace())
        .map(|p| id_end + p);
    let ok = heading
        || match next {
            None => true,
            Some(':' | '：' | '–' | '—' | '-' | '、') => true,
            Some('.') => {
                c.get(id_end + 1).is_some_and(|x| x.is_whitespace())
                    && after_space.is_some_and(|p| p > id_end + 1)
            }
            Some(x) if x.is_whitespace() => match after_space.and_then(|p| c.get(p)) {
                None => true,
                Some(&y) => {
                    matches!(y, '–' | '—' | '-' | ':')
                        || ((y.is_ascii_uppercase() || is_cjk(y))
                            && c.len() <= 100
                            && !c.last().is_some_and(|&l| l == '.' || l == '。'))
                }
            },
            _ => false,
        };
    if !ok {
        return None;
    }
    let parts = if numeric { decimal_parts(&id) } else { None };
    let value = parts
        .as_ref()
        .and_then(|p| p.last().copied())
        .or_else(|| roman_value(&id))
        .unwrap_or(0);
    Some(marker(
        fam,
        value,
        format!("{canon} {id}"),
        parts,
        c,
        id_end,
    ))
}

/// A bracketed counter at the start of `c`: kind, value, Roman alternative, length in chars.
pub(crate) fn paren_item(c: &[char]) -> Option<(Kind, u32, Option<u32>, usize)> {
    let open = *c.first()?;
    if open != '(' && open != '（' {
        return None;
    }
    let close = c.iter().take(9).position(|&x| x == ')' || x == '）')?;
    let inner = &c[1..close];
    if inner.is_empty() {
        return None;
    }
    let len = close + 1;
    if let Some((v, n)) = digits(inner, 3) {
        return (n == inner.len()).then_some((Kind::Digit, v, None, len));
    }
    if let Some((v, n)) = parse_zh(inner) {
        return (n == inner.len()).then_some((Kind::Zh, v, None, len));
    }
    if !inner.iter().all(char::is_ascii_alphabetic) {
        return None;
    }
    let word: String = inner.iter().collect();
    let upper = inner[0].is_ascii_uppercase();
    if inner.iter().any(|x| x.is_ascii_uppercase() != upper) {
        return None;
    }
    let roman = roman_value(&word);
    if inner.len() == 1 {
        let v = u32::from(inner[0].to_ascii_lowercase()) - u32::from('a') + 1;
        return Some((if upper { Kind::Upper } else { Kind::Lower }, v, roman, len));
    }
    let r = roman?;
    Some((
        if upper { Kind::UpperRoman } else { Kind::Roman },
        r,
        None,
        len,
    ))
}
