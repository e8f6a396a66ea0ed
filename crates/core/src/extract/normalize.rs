//! Text as extracted from a document, made ready for matching.

/// One paragraph's raw text made ready for matching: ligatures spelled
/// out, hyphenation at line ends undone, publisher glyph substitutions
/// undone, all whitespace (line breaks, non-breaking and thin spaces) one
/// space, zero-width characters and soft hyphens dropped.
///
/// Glyph substitutions are the ones some publishers' PDF fonts leave in
/// the text layer: `b` for `<` and `N` for `>` between a `p` and a number,
/// `¼` for `=`, and `Ϫ` or `À` for a minus before a digit.
///
/// ```
/// use ferrox::extract::normalize;
/// assert_eq!(normalize("the e\u{FB00}ect was signifi-\n  cant"), "the effect was significant");
/// assert_eq!(normalize("t(28)\u{A0}=\u{2009}2.20,\np b .05"), "t(28) = 2.20, p < .05");
/// assert_eq!(normalize("F(1, 30) ¼ 4.1, p N .05"), "F(1, 30) = 4.1, p > .05");
/// ```
pub fn normalize(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '¼' => out.push('='),
            'Ϫ' | 'À' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => out.push('-'),
            '-' | '\u{2010}' if line_end_hyphen(&chars, i, &out) => {
                i = next_non_space(&chars, i + 1);
                continue;
            }
            'b' | 'N' if glyph_comparison(&chars, i, &out) => {
                out.push(if c == 'b' { '<' } else { '>' })
            }
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// A hyphen that ends a line between two lowercase letters: a word split
/// by typesetting, joined again.
fn line_end_hyphen(chars: &[char], i: usize, out: &str) -> bool {
    let before = out.chars().next_back().is_some_and(char::is_lowercase);
    let mut j = i + 1;
    while j < chars.len() && matches!(chars[j], ' ' | '\t' | '\r') {
        j += 1;
    }
    if !before || chars.get(j) != Some(&'\n') {
        return false;
    }
    chars
        .get(next_non_space(chars, j))
        .is_some_and(|c| c.is_lowercase())
}

fn next_non_space(chars: &[char], mut j: usize) -> usize {
    while j < chars.len() && chars[j].is_whitespace() {
        j += 1;
    }
    j
}

/// `b` or `N` standing alone between `p` and a number: a `<` or `>` that a
/// publisher's font turned into a letter.
fn glyph_comparison(chars: &[char], i: usize, out: &str) -> bool {
    let alone_before = i > 0 && chars[i - 1].is_whitespace();
    let p_before = out.trim_end().ends_with('p') && {
        let trimmed = out.trim_end();
        let before_p = trimmed[..trimmed.len() - 1].chars().next_back();
        before_p.is_none_or(|c| !c.is_alphanumeric())
    };
    let after = next_non_space(chars, i + 1);
    let number_after =
        matches!(chars.get(after), Some(c) if c.is_ascii_digit() || *c == '.') && after > i + 1;
    alone_before && p_before && number_after
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn letters_stay_letters_outside_comparisons() {
        assert_eq!(normalize("a b c N = 40"), "a b c N = 40");
        assert_eq!(normalize("group b .5"), "group b .5");
        assert_eq!(normalize("top b .05"), "top b .05");
        assert_eq!(normalize("(p b 0.001)"), "(p < 0.001)");
    }

    #[test]
    fn hyphens_between_words_on_one_line_stay() {
        assert_eq!(normalize("self-report"), "self-report");
        assert_eq!(normalize("self-\nReport"), "self- Report");
        assert_eq!(normalize("t(28) = -\n2.2"), "t(28) = - 2.2");
        assert_eq!(normalize("À0.35 and Ϫ1.2"), "-0.35 and -1.2");
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(normalize("  a \r\n\t b\u{2009}\u{202F}c  "), "a b c");
        assert_eq!(normalize("\u{AD}\u{200B}"), "");
    }
}
