//! Word list numbering (`word/numbering.xml`): abstract numbering levels with their format and
//! level text, running counters per list, and rendering of a counter in Word's number formats
//! (decimal, letters, Roman, 一二三, 甲乙丙, 壹贰叁, ①…), so that automatic numbers appear in the
//! plain text as printed ("1.", "1.1", "(a)", "第一条").

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::docx::{attr, local};

/// Longest rendered list number ("1.2.3.4." or "第十二条" are far shorter).
const MAX_LABEL_BYTES: usize = 64;

#[derive(Debug, Default, Clone)]
pub(crate) struct Level {
    fmt: String,
    text: String,
    start: u32,
    legal: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, HashMap<u32, Level>>,
    /// numId → (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
}

pub(crate) fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    let mut reader = Reader::from_str(xml);
    let mut abs: Option<(String, HashMap<u32, Level>)> = None;
    let mut lvl: Option<(u32, Level)> = None;
    let mut num: Option<(String, String, HashMap<u32, u32>)> = None;
    let mut override_lvl: Option<u32> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "abstractNum" => abs = attr(&e, "abstractNumId").map(|id| (id, HashMap::new())),
                "lvl" => {
                    let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    lvl = Some((
                        ilvl,
                        Level {
                            fmt: "decimal".into(),
                            text: String::new(),
                            start: 1,
                            legal: false,
                        },
                    ));
                }
                "start" => {
                    if let (Some((_, l)), Some(v)) =
                        (lvl.as_mut(), attr(&e, "val").and_then(|v| v.parse().ok()))
                    {
                        l.start = v;
                    }
                }
                "numFmt" => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, "val")) {
                        l.fmt = v;
                    }
                }
                "lvlText" => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(&e, "val")) {
                        l.text = v;
                    }
                }
                "isLgl" => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.legal = attr(&e, "val").is_none_or(|v| v != "0" && v != "false");
                    }
                }
                "num" => num = attr(&e, "numId").map(|id| (id, String::new(), HashMap::new())),
                "abstractNumId" => {
                    if let (Some((_, a, _)), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                        *a = v;
                    }
                }
                "lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some((_, _, o)), Some(l), Some(v)) = (
                        num.as_mut(),
                        override_lvl,
                        attr(&e, "val").and_then(|v| v.parse().ok()),
                    ) {
                        o.insert(l, v);
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "lvl" => {
                    if let (Some((_, levels)), Some((i, l))) = (abs.as_mut(), lvl.take()) {
                        levels.insert(i, l);
                    }
                }
                "abstractNum" => {
                    if let Some((id, levels)) = abs.take() {
                        n.abstracts.insert(id, levels);
                    }
                }
                "num" => {
                    if let Some((id, a, o)) = num.take() {
                        n.nums.insert(id, (a, o));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    n
}

/// Running list counters, per abstract numbering (as Word continues lists sharing one).
#[derive(Default)]
pub(crate) struct Counters {
    values: HashMap<String, [Option<u32>; 9]>,
}

impl Counters {
    /// Advances the counter of (numId, ilvl) and renders the level text, e.g. "1.2." or "（三）".
    pub(crate) fn label(
        &mut self,
        numbering: &Numbering,
        num_id: &str,
        ilvl: u32,
    ) -> Option<String> {
        let (abs_id, overrides) = numbering.nums.get(num_id)?;
        let levels = numbering.abstracts.get(abs_id)?;
        let ilvl = ilvl.min(8) as usize;
        let level = levels.get(&(ilvl as u32))?;
        let key = format!("{abs_id}/{num_id}");
        let counters = self.values.entry(key).or_insert([None; 9]);
        let start = |i: usize| {
            overrides
                .get(&(i as u32))
                .copied()
                .or_else(|| levels.get(&(i as u32)).map(|l| l.start))
                .unwrap_or(1)
        };
        counters[ilvl] = Some(match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start(ilvl),
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if level.fmt == "none" {
            return None;
        }
        if level.fmt == "bullet" {
            return Some("•".to_string());
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if out.len() > MAX_LABEL_BYTES {
                break; // a hostile level text such as "%1%1%1…"
            }
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let i = (d as usize).saturating_sub(1).min(8);
                    let value = counters[i].unwrap_or_else(|| start(i));
                    let fmt = levels
                        .get(&(i as u32))
                        .map(|l| l.fmt.as_str())
                        .unwrap_or("decimal");
                    let fmt = if level.legal { "decimal" } else { fmt };
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(ch);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// Renders a list counter in a Word number format (an approximation for rare formats).
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "koreanCounting"
        | "ideographDigital" => zh_numeral(n),
        "chineseLegalSimplified" => zh_numeral(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                other => other,
            })
            .collect(),
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS
                .get((n.max(1) as usize - 1) % 10)
                .map(|c| c.to_string())
                .unwrap_or_default()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(|c| c.to_string())
                .unwrap_or_else(|| n.to_string())
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

pub(crate) fn letters(n: u32, upper: bool) -> String {
    if n > 26 * 20 {
        return n.to_string();
    }
    let n = n.max(1) - 1;
    let base = if upper { b'A' } else { b'a' };
    let ch = char::from(base + (n % 26) as u8);
    std::iter::repeat_n(ch, (n / 26) as usize + 1).collect()
}

pub(crate) fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Renders 1 … 9999 as a Chinese numeral (十二, 二十, 一百零五).
pub(crate) fn zh_numeral(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ['千', '百', '十', ' '];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            if !out.is_empty() {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push(D[d as usize]);
        }
        if units[i] != ' ' {
            out.push(units[i]);
        }
    }
    out
}

/// The number `zh_numeral` renders as `s`, if any (without building a string per candidate).
pub(crate) fn zh_numeral_value(s: &str) -> Option<u32> {
    const D: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let value = s.parse::<u32>().ok().or_else(|| {
        let (mut total, mut digit) = (0u32, None);
        for c in s.chars() {
            let unit = match c {
                '零' => continue,
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => {
                    let d = D.iter().position(|&x| x == c)?;
                    digit = Some(u32::try_from(d).ok()? + 1);
                    continue;
                }
            };
            total = total.saturating_add(digit.take().unwrap_or(1).saturating_mul(unit));
        }
        Some(total.saturating_add(digit.unwrap_or(0)))
    })?;
    // Only the numeral as `zh_numeral` writes it ("十二", not "一十二" or "12").
    (zh_numeral(value) == s).then_some(value)
}

#[cfg(test)]
mod tests {
    #[test]
    fn number_formats() {
        use super::format_number as f;
        assert_eq!(
            [
                f(1, "decimal"),
                f(3, "lowerLetter"),
                f(28, "upperLetter"),
                f(4, "lowerRoman"),
                f(9, "upperRoman")
            ],
            ["1", "c", "BB", "iv", "IX"]
        );
        assert_eq!(
            [
                f(12, "chineseCounting"),
                f(3, "ideographTraditional"),
                f(2, "chineseLegalSimplified"),
                f(1, "decimalEnclosedCircle")
            ],
            ["十二", "丙", "贰", "①"]
        );
    }

    #[test]
    fn chinese_numerals() {
        use super::zh_numeral as z;
        assert_eq!(
            [z(1), z(10), z(12), z(20), z(105), z(1000)],
            ["一", "十", "十二", "二十", "一百零五", "一千"]
        );
    }

    #[test]
    fn chinese_numerals_read_back() {
        use super::{zh_numeral, zh_numeral_value as v};
        for n in (0..=20_000).chain([99_999, u32::MAX]) {
            assert_eq!(v(&zh_numeral(n)), Some(n), "{n}");
        }
        for other in [
            "",
            "一十二",
            "十十",
            "两",
            "零",
            "一百五",
            "+5",
            "12a",
            "第六",
            "千千千千千千千千千千千千",
        ] {
            assert_eq!(v(other), None, "{other}");
        }
    }
}
