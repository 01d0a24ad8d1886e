//! What a "word" is in the playbook's patterns: ASCII letters, digits and `_`.
//!
//! The cue patterns read English words in texts that mix English and Chinese. Their word
//! boundaries are ASCII ones (`ascii_boundaries`: "的DDoS防护" has a boundary between "S" and
//! "防"), and so are their word classes: `\w` stands for `[0-9A-Za-z_]`, so that
//! `\bre-?entrust\w*` stops at the Chinese character after "re-entrusted". The Unicode `\w` also
//! costs memory: the automata of its hundreds of ranges, forward and reverse, come to about
//! 0.7 MB in a pattern that uses it. With ASCII word classes the regexes built for one Chinese
//! contract hold 51 MB instead of 59 (glibc's count of the heap in use, measured once).
//!
//! A negated class keeps its Unicode meaning: `[^\w]` and `\W` still exclude Chinese characters
//! (an ASCII `\W` cannot be written in a pattern that must match valid UTF-8 only).

use regex_syntax::ast::{self, Ast, ClassPerlKind, ClassSetItem, Visitor};

/// Word boundaries are ASCII ones: a Latin term next to Chinese characters ("的DDoS防护") still
/// has a boundary, while "expressly" does not contain the word "SSL".
pub(super) fn ascii_boundaries(p: &str) -> String {
    format!("(?:{})", p.replace(r"\b", r"(?-u:\b)"))
}

/// The pattern with each `\w` that is not inside a negated class made an ASCII word class; the
/// pattern unchanged if it cannot be read (its error is reported when it is compiled).
pub(super) fn ascii_words(p: &str) -> String {
    let Ok(parsed) = ast::parse::Parser::new().parse(p) else {
        return p.to_string();
    };
    let Ok(mut found) = ast::visit(&parsed, WordClasses::default()) else {
        return p.to_string();
    };
    // Replaced from the end, so that the earlier spans stay right.
    found.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut out = p.to_string();
    for (at, in_brackets) in found {
        let by = if in_brackets { "[:word:]" } else { r"(?-u:\w)" };
        out.replace_range(at..at + 2, by);
    }
    out
}

/// Collects where each `\w` is (its byte offset) and whether it is inside brackets.
#[derive(Default)]
struct WordClasses {
    found: Vec<(usize, bool)>,
    /// For each bracketed class we are in: whether it is negated.
    brackets: Vec<bool>,
}

impl Visitor for WordClasses {
    type Output = Vec<(usize, bool)>;
    type Err = ();

    fn finish(self) -> Result<Self::Output, ()> {
        Ok(self.found)
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
        match ast {
            Ast::ClassPerl(c) => self.perl(c),
            Ast::ClassBracketed(b) => self.brackets.push(b.negated),
            _ => {}
        }
        Ok(())
    }

    fn visit_post(&mut self, ast: &Ast) -> Result<(), ()> {
        if let Ast::ClassBracketed(_) = ast {
            self.brackets.pop();
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        match item {
            ClassSetItem::Perl(c) => self.perl(c),
            ClassSetItem::Bracketed(b) => self.brackets.push(b.negated),
            _ => {}
        }
        Ok(())
    }

    fn visit_class_set_item_post(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        if let ClassSetItem::Bracketed(_) = item {
            self.brackets.pop();
        }
        Ok(())
    }
}

impl WordClasses {
    fn perl(&mut self, c: &ast::ClassPerl) {
        let plain_w = c.kind == ClassPerlKind::Word && !c.negated;
        let under_negation = self.brackets.iter().any(|&negated| negated);
        // `\w` is two bytes: anything else (a span that is not) is left alone.
        if plain_w && !under_negation && c.span.end.offset == c.span.start.offset + 2 {
            self.found
                .push((c.span.start.offset, !self.brackets.is_empty()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(p: &str, hay: &str) -> Option<String> {
        let re = regex::Regex::new(&ascii_words(p)).expect("builds");
        re.find(hay).map(|m| m.as_str().to_string())
    }

    #[test]
    fn a_word_class_stops_at_chinese_characters() {
        assert_eq!(ascii_words(r"\bre-?entrust\w*"), r"\bre-?entrust(?-u:\w)*");
        assert_eq!(
            finds(r"re-?entrust\w*", "may re-entrusted给分包商").as_deref(),
            Some("re-entrusted")
        );
        assert_eq!(
            finds(r"the [\w-]+ service", "the 云-backup service").as_deref(),
            None
        );
        assert_eq!(
            finds(r"the [\w-]+ service", "the cold-backup service").as_deref(),
            Some("the cold-backup service")
        );
    }

    #[test]
    fn negated_classes_and_escapes_keep_their_meaning() {
        // Inside a negated class, `\W`, and an escaped backslash before a "w" are left alone.
        for p in [r"[^\w\s]+", r"\W+", r"a\\w", r"[^[\w]]"] {
            assert_eq!(ascii_words(p), p);
        }
        assert_eq!(finds(r"[^\w\s]+", "。云").as_deref(), Some("。"));
        // Both `\w` of a pattern are replaced, whatever the other escapes around them.
        assert_eq!(
            ascii_words(r"\(\w+\)\s[\w.]{1,3}"),
            r"\((?-u:\w)+\)\s[[:word:].]{1,3}"
        );
    }

    #[test]
    fn an_unreadable_pattern_is_left_for_the_compiler_to_refuse() {
        assert_eq!(ascii_words(r"(\w"), r"(\w");
    }

    #[test]
    fn ascii_word_classes_make_smaller_regexes() {
        // What the module is for: the Unicode class costs hundreds of kilobytes per pattern.
        let size = |p: &str| {
            let mut b = regex::RegexBuilder::new(p);
            b.case_insensitive(true);
            // A regex over the limit fails to build: the smallest limit that builds it.
            let mut limit = 1usize << 10;
            while b.size_limit(limit).build().is_err() {
                limit *= 2;
            }
            limit
        };
        let p = r"\b(creat|add|remov)\w* users\b";
        assert!(size(&ascii_words(p)) * 8 <= size(p));
    }
}
