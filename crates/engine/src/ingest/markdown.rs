//! Markdown, read line by line into readable plain text: YAML front matter skipped, heading
//! markers, emphasis and link syntax removed (link text kept), HTML kept as literal text
//! (contract text is data, never markup to interpret), tables as one line per row with cells
//! joined by " | " (the `|---|` separator row dropped). Ordered list items keep their printed
//! number and record their nesting depth for the clause splitter.

use super::{Builder, Hint, Plain};

/// Longest look-ahead for a link's closing bracket, to keep the scan linear.
const LINK_LOOKAHEAD: usize = 500;

pub(crate) fn read(src: &str) -> Plain {
    let (body, fm_title) = strip_front_matter(src);
    let lines: Vec<&str> = body.split('\n').collect();
    let mut b = Builder::default();
    let mut fence: Option<&str> = None;
    let mut list_indents: Vec<usize> = Vec::new();
    let mut table_index = 0u32;
    let mut prev_blank = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        i += 1;
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            } else if trimmed.is_empty() {
                b.blank();
            } else {
                b.line(line, Hint::Paragraph, None);
            }
            continue;
        }
        if trimmed.is_empty() {
            b.blank();
            table_index = 0;
            prev_blank = true;
            continue;
        }
        let was_blank = prev_blank;
        prev_blank = false;
        let indent = indent_width(line);
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        if indent < 4 && is_thematic_break(trimmed) {
            b.blank();
            continue;
        }
        if indent < 4 {
            if let Some((level, content)) = atx_heading(trimmed) {
                list_indents.clear();
                let (text, bold) = inline(content);
                b.line(&text, Hint::Heading(level), bold);
                continue;
            }
        }
        if trimmed.starts_with('|') {
            if is_table_separator(trimmed) {
                continue;
            }
            let header = lines
                .get(i)
                .is_some_and(|next| is_table_separator(next.trim()));
            let cells: Vec<String> = split_cells(trimmed)
                .iter()
                .map(|c| inline(c.trim()).0)
                .collect();
            let first_cell = cells.first().cloned().unwrap_or_default();
            if !header {
                table_index += 1;
            }
            let row = cells.join(" | ");
            b.line(
                &row,
                Hint::TableRow {
                    header,
                    first_cell,
                    index: table_index,
                },
                None,
            );
            continue;
        }
        table_index = 0;
        // Setext heading: a paragraph line after a blank line, underlined with === or ---.
        if indent < 4 && was_blank {
            if let Some(next) = lines.get(i) {
                let n = next.trim();
                if !n.is_empty()
                    && (n.chars().all(|c| c == '=')
                        || (n.len() >= 2 && n.chars().all(|c| c == '-')))
                {
                    let level = if n.starts_with('=') { 1 } else { 2 };
                    let (text, bold) = inline(trimmed);
                    b.line(&text, Hint::Heading(level), bold);
                    i += 1;
                    continue;
                }
            }
        }
        let mut content = trimmed;
        while let Some(rest) = content.strip_prefix('>') {
            content = rest.trim_start();
        }
        if content.is_empty() {
            b.blank();
            continue;
        }
        if let Some((marker, rest, ordered)) = list_marker(content) {
            while list_indents.last().is_some_and(|&top| top > indent) {
                list_indents.pop();
            }
            if list_indents.last() != Some(&indent) {
                list_indents.push(indent);
            }
            let depth = u32::try_from(list_indents.len().saturating_sub(1)).unwrap_or(u32::MAX);
            let (text, bold) = inline(rest);
            let prefix = if ordered {
                format!("{marker} ")
            } else {
                "• ".to_string()
            };
            let plen = prefix.chars().count();
            let hint = if ordered {
                Hint::ListItem(depth)
            } else {
                Hint::Paragraph
            };
            b.line(
                &format!("{prefix}{text}"),
                hint,
                bold.map(|(s, e)| (s + plen, e + plen)),
            );
            continue;
        }
        if indent == 0 {
            list_indents.clear();
        }
        let (text, bold) = inline(content);
        b.line(&text, Hint::Paragraph, bold);
    }
    let mut plain = b.finish();
    if plain.title.is_none() {
        plain.title = fm_title;
    }
    plain
}

/// Splits off YAML front matter (`---` … `---` or `...` at the very start); returns the body
/// and the front matter's `title`, if any.
fn strip_front_matter(src: &str) -> (&str, Option<String>) {
    let Some(rest) = src.strip_prefix("---\n") else {
        return (src, None);
    };
    let mut offset = 0;
    let mut title = None;
    for line in rest.split('\n') {
        let next = offset + line.len() + 1;
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return (rest.get(next.min(rest.len())..).unwrap_or(""), title);
        }
        if let Some(v) = t.strip_prefix("title:") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            if !v.is_empty() {
                title = Some(v.to_string());
            }
        }
        offset = next;
    }
    (src, None)
}

fn indent_width(line: &str) -> usize {
    let mut w = 0;
    for c in line.chars() {
        match c {
            ' ' => w += 1,
            '\t' => w += 4 - w % 4,
            _ => break,
        }
    }
    w
}

fn is_thematic_break(t: &str) -> bool {
    let mut chars = t.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_') {
        return false;
    }
    let mut n = 1;
    for c in chars {
        if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3
}

fn atx_heading(t: &str) -> Option<(u8, &str)> {
    let hashes = t.bytes().take_while(|&c| c == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let mut content = rest.trim();
    // A closing sequence of #s preceded by a space is not part of the heading.
    let stripped = content.trim_end_matches('#');
    if stripped.len() != content.len() && (stripped.is_empty() || stripped.ends_with([' ', '\t'])) {
        content = stripped.trim_end();
    }
    Some((u8::try_from(hashes).unwrap_or(6), content))
}

fn is_table_separator(t: &str) -> bool {
    t.starts_with('|')
        && t.contains('-')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Cells of a `| a | b |` row; `\|` is a literal bar.
fn split_cells(t: &str) -> Vec<String> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") {
        &inner[..inner.len() - 1]
    } else {
        inner
    };
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            if c != '|' {
                if let Some(cell) = cells.last_mut() {
                    cell.push('\\');
                }
            }
            if let Some(cell) = cells.last_mut() {
                cell.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            cells.push(String::new());
        } else if let Some(cell) = cells.last_mut() {
            cell.push(c);
        }
    }
    cells
}

/// An ordered (`12.` / `12)`) or bullet (`-`, `*`, `+`) list marker followed by a space.
fn list_marker(t: &str) -> Option<(&str, &str, bool)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &t[digits..];
        if after.starts_with(['.', ')']) {
            let rest = &after[1..];
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                return Some((&t[..digits + 1], rest.trim_start(), true));
            }
        }
        return None;
    }
    if t.starts_with(['-', '*', '+']) {
        let rest = &t[1..];
        if rest.starts_with([' ', '\t']) {
            return Some((&t[..1], rest.trim_start(), false));
        }
    }
    None
}

/// Removes inline Markdown syntax (emphasis, links, code spans, escapes); HTML stays literal.
/// Returns the text and the char range of a bold run that starts the text, if any.
pub(crate) fn inline(s: &str) -> (String, Option<(usize, usize)>) {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut n = 0usize; // chars in out
    let mut bold_open: Option<usize> = None;
    let mut lead_bold: Option<(usize, usize)> = None;
    let mut lead_done = false;
    // Positions (in `c`) of link-text closers: at `]`, skip to the given index.
    let mut link_skips: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let push = |out: &mut String, n: &mut usize, ch: char| {
        out.push(ch);
        *n += 1;
    };
    while i < c.len() {
        let ch = c[i];
        if let Some(&(at, to)) = link_skips.last() {
            if i == at {
                link_skips.pop();
                i = to;
                continue;
            }
        }
        match ch {
            '\\' if i + 1 < c.len() && c[i + 1].is_ascii_punctuation() => {
                push(&mut out, &mut n, c[i + 1]);
                i += 2;
                continue;
            }
            '*' | '_' => {
                let run = c[i..].iter().take_while(|&&x| x == ch).count();
                let prev = if i > 0 { Some(c[i - 1]) } else { None };
                let next = c.get(i + run).copied();
                let emphasis = if ch == '*' {
                    run <= 3
                        && !(prev.is_none_or(char::is_whitespace)
                            && next.is_none_or(char::is_whitespace))
                } else {
                    run <= 3
                        && ((!prev.is_some_and(char::is_alphanumeric)
                            && next.is_some_and(|x| !x.is_whitespace()))
                            || (prev.is_some_and(|x| !x.is_whitespace())
                                && !next.is_some_and(char::is_alphanumeric)))
                };
                if emphasis {
                    if run >= 2 {
                        match bold_open.take() {
                            Some(start) => {
                                if !lead_done {
                                    lead_bold = Some((start, n));
                                    lead_done = true;
                                }
                            }
                            None => bold_open = Some(n),
                        }
                    }
                    i += run;
                    continue;
                }
                for _ in 0..run {
                    push(&mut out, &mut n, ch);
                }
                i += run;
                continue;
            }
            '`' => {
                i += 1;
                continue;
            }
            '!' if c.get(i + 1) == Some(&'[') => {
                i += 1;
                continue;
            }
            '[' => {
                if let Some((close, to)) = link_end(&c, i) {
                    link_skips.push((close, to));
                    i += 1;
                    continue;
                }
            }
            '<' => {
                if let Some(end) = autolink_end(&c, i) {
                    for &x in &c[i + 1..end] {
                        push(&mut out, &mut n, x);
                    }
                    i = end + 1;
                    continue;
                }
            }
            _ => {}
        }
        if !lead_done && bold_open.is_none() && !ch.is_whitespace() && n > 12 {
            lead_done = true;
        }
        push(&mut out, &mut n, ch);
        i += 1;
    }
    let trimmed = out.trim_end();
    let len = trimmed.chars().count();
    let out = trimmed.to_string();
    let lead_bold = lead_bold.filter(|&(s, e)| s < e && e <= len);
    (out, lead_bold)
}

/// For `[text](url)` or `[text][ref]` starting at `open`: the index of the `]` and the index
/// just after the link's destination.
fn link_end(c: &[char], open: usize) -> Option<(usize, usize)> {
    let limit = (open + LINK_LOOKAHEAD).min(c.len());
    let mut depth = 0usize;
    let mut close = None;
    for (j, &x) in c.iter().enumerate().take(limit).skip(open + 1) {
        match x {
            '[' => depth += 1,
            ']' if depth == 0 => {
                close = Some(j);
                break;
            }
            ']' => depth -= 1,
            _ => {}
        }
    }
    let close = close?;
    let (opener, closer) = match c.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let _ = opener;
    let end = c
        .iter()
        .enumerate()
        .take(limit)
        .skip(close + 2)
        .find(|&(_, &x)| x == closer)
        .map(|(j, _)| j)?;
    Some((close, end + 1))
}

/// `<https://…>` or `<mailto:…>`: the index of the closing `>`.
fn autolink_end(c: &[char], open: usize) -> Option<usize> {
    let rest: String = c.iter().skip(open + 1).take(8).collect();
    if !(rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("mailto:"))
    {
        return None;
    }
    c.iter()
        .enumerate()
        .skip(open + 1)
        .take(LINK_LOOKAHEAD)
        .find(|&(_, &x)| x == '>' || x.is_whitespace())
        .and_then(|(j, &x)| (x == '>').then_some(j))
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::inline;
    use crate::ingest::{read, SourceFormat};

    #[test]
    fn inline_syntax_is_removed_but_html_kept() {
        assert_eq!(
            inline("**Bold** and *em* and __strong__").0,
            "Bold and em and strong"
        );
        assert_eq!(
            inline("see [the DPA](https://x.example/dpa) and ![logo](l.png)").0,
            "see the DPA and logo"
        );
        assert_eq!(
            inline("<b>kept</b> &amp; <script>x</script>").0,
            "<b>kept</b> &amp; <script>x</script>"
        );
        assert_eq!(inline("<https://example.com>").0, "https://example.com");
        assert_eq!(
            inline(r"a \*literal\* star, snake_case_name, 3 * 4").0,
            "a *literal* star, snake_case_name, 3 * 4"
        );
        assert_eq!(inline("`code` span").0, "code span");
        assert_eq!(inline("**Force majeure.** Neither party").1, Some((0, 14)));
        // Pathological brackets stay linear and literal.
        let many = "[".repeat(50_000);
        assert_eq!(inline(&many).0.len(), 50_000);
    }

    #[test]
    fn blocks_front_matter_and_tables() {
        let src = "---\ntitle: \"Front Title\"\nlicense: x\n---\n\nIntro with <u>html</u>.\n\n## 2. **Fees**\n\n| Item | Price |\n|:---|---:|\n| Hosting | 10 \\| 12 |\n\n```\n# not a heading\n```\n- bullet\n> quoted **text**\n";
        let doc = read("c.md", src.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.format, SourceFormat::Markdown);
        assert_eq!(doc.title.as_deref(), Some("Front Title"));
        assert!(!doc.text.contains("license"));
        assert!(doc.text.contains("Intro with <u>html</u>."));
        assert!(doc.text.contains("\n2. Fees\n"));
        assert!(doc.text.contains("Item | Price\nHosting | 10 | 12"));
        assert!(!doc.text.contains("---"));
        assert!(doc.text.contains("# not a heading"));
        assert!(doc.text.contains("• bullet\nquoted text"));
        let fees = doc
            .clauses
            .iter()
            .find(|c| c.number == "2")
            .map(|c| c.heading.clone());
        assert_eq!(fees, Some(Some("Fees".to_string())));
        assert!(doc.clauses.iter().any(|c| c.number == "2 row 1"));
    }

    #[test]
    fn bold_wrapped_markers() {
        let doc = read(
            "s.md",
            "**第1条 服务内容**\n\n1. 提供存储。\n\n**5.1.** Use of Customer Data.\n".as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let numbers: Vec<&str> = doc.clauses.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, ["第1条", "第1条1", "5.1"]);
        assert!(doc.text.starts_with("第1条 服务内容\n\n1. 提供存储。"));
    }
}
