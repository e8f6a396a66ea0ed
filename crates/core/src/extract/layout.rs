//! Paragraphs and tables in lines of text, as plain text files and PDF text
//! layers give them: paragraphs end at blank lines; a table is rows of
//! tab-separated cells, or a header naming group sizes (`Control (n = 25)`)
//! over rows of a label and numbers (`Anxiety 3.45 (1.20) 3.10 (0.95)`).

/// A paragraph's raw lines, or a table's rows (a caption before a table is
/// a paragraph here; the document builder makes it the table's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Paragraph(String),
    Table(Vec<Vec<String>>),
}

/// The blocks of one page of text, in order. Page numbers alone on the
/// first or last line are dropped.
pub(super) fn blocks(page: &str) -> Vec<Block> {
    let lines: Vec<&str> = trim_page_numbers(page.lines().collect());
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((rows, used)) = table_at(&lines, i) {
            flush(&mut paragraph, &mut out);
            out.push(Block::Table(rows));
            i += used;
            continue;
        }
        let line = lines[i];
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
        i += 1;
    }
    flush(&mut paragraph, &mut out);
    out
}

fn flush(paragraph: &mut Vec<&str>, out: &mut Vec<Block>) {
    if !paragraph.is_empty() {
        out.push(Block::Paragraph(paragraph.join("\n")));
        paragraph.clear();
    }
}

fn trim_page_numbers(mut lines: Vec<&str>) -> Vec<&str> {
    let is_number = |line: &str| {
        let line = line.trim();
        let line = line
            .strip_prefix("Page ")
            .or_else(|| line.strip_prefix("page "))
            .unwrap_or(line);
        !line.is_empty()
            && line
                .chars()
                .all(|c| c.is_ascii_digit() || " of/".contains(c))
    };
    while lines
        .last()
        .is_some_and(|l| l.trim().is_empty() || is_number(l))
    {
        lines.pop();
    }
    let start = lines
        .iter()
        .position(|l| !(l.trim().is_empty() || is_number(l)))
        .unwrap_or(lines.len());
    lines.split_off(start)
}

/// A table starting at line `i`: its rows and how many lines it used.
fn table_at(lines: &[&str], i: usize) -> Option<(Vec<Vec<String>>, usize)> {
    tab_table(lines, i).or_else(|| group_table(lines, i))
}

/// Two or more consecutive lines of tab-separated cells.
fn tab_table(lines: &[&str], i: usize) -> Option<(Vec<Vec<String>>, usize)> {
    let rows: Vec<Vec<String>> = lines[i..]
        .iter()
        .take_while(|l| l.contains('\t'))
        .map(|l| l.split('\t').map(|c| c.trim().to_owned()).collect())
        .collect();
    (rows.len() >= 2).then(|| (rows.clone(), rows.len()))
}

/// A header line naming group sizes, then rows of a label and one number
/// or `M (SD)` pair per group (two numbers per group are read as M and
/// SD). Blank lines between rows are skipped.
fn group_table(lines: &[&str], i: usize) -> Option<(Vec<Vec<String>>, usize)> {
    let (header, header_lines) = group_header(lines[i]).map(|h| (h, 1)).or_else(|| {
        let next = lines.get(i + 1)?;
        group_header(&format!("{} {next}", lines[i])).map(|h| (h, 2))
    })?;
    let groups = header.len() - 1;
    let mut rows = vec![header];
    let mut used = header_lines;
    let mut j = i + header_lines;
    while j < lines.len() {
        let line = lines[j].trim();
        if line.is_empty() {
            j += 1;
            continue;
        }
        match data_row(line, groups) {
            Some(row) => {
                rows.push(row);
                j += 1;
                used = j - i;
            }
            None => break,
        }
    }
    (rows.len() >= 2).then_some((rows, used))
}

/// `Measure Control (n = 25) Treatment (n = 27)` → `["Measure", "Control
/// (n = 25)", "Treatment (n = 27)"]`: each group is the word before its
/// `(n = …)`.
fn group_header(line: &str) -> Option<Vec<String>> {
    let mut cells = Vec::new();
    let mut rest = line.trim();
    let mut label = None;
    while let Some(open) = find_group_size(rest) {
        let close = open + rest[open..].find(')')?;
        let before = rest[..open].trim_end();
        let name_start = before.rfind(' ').map_or(0, |s| s + 1);
        if label.is_none() {
            label = Some(before[..name_start].trim().to_owned());
        } else if !before[..name_start].trim().is_empty() {
            return None;
        }
        cells.push(format!("{} {}", &before[name_start..], &rest[open..=close]));
        rest = rest[close + 1..].trim_start();
    }
    if cells.is_empty() || !rest.is_empty() || line.split_whitespace().count() > 16 {
        return None;
    }
    cells.insert(0, label.unwrap_or_default());
    Some(cells)
}

/// Where `(n = 25)` or `(N = 25)` starts.
fn find_group_size(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = text[from..].find('(') {
        let open = from + k;
        let inner = text[open + 1..].trim_start();
        if let Some(after) = inner.strip_prefix(['n', 'N'])
            && let Some(value) = after.trim_start().strip_prefix('=')
            && value.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(open);
        }
        from = open + 1;
    }
    None
}

/// `Anxiety 3.45 (1.20) 3.10 (0.95)` with 2 groups → `["Anxiety", "3.45
/// (1.20)", "3.10 (0.95)"]`; so is `Anxiety 3.45 1.20 3.10 0.95`.
fn data_row(line: &str, groups: usize) -> Option<Vec<String>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let first = tokens.iter().position(|t| is_number(t))?;
    let label = tokens[..first].join(" ");
    let mut cells: Vec<String> = Vec::new();
    let mut k = first;
    while k < tokens.len() {
        let token = tokens[k];
        if !is_number(token) {
            return None;
        }
        match tokens.get(k + 1).and_then(|t| parenthesised(t)) {
            Some(sd) => {
                cells.push(format!("{token} ({sd})"));
                k += 2;
            }
            None => {
                cells.push(token.to_owned());
                k += 1;
            }
        }
    }
    let cells = if cells.len() == 2 * groups && cells.iter().all(|c| !c.contains('(')) {
        cells
            .chunks_exact(2)
            .map(|pair| format!("{} ({})", pair[0], pair[1]))
            .collect()
    } else {
        cells
    };
    (cells.len() == groups && !label.is_empty()).then(|| {
        let mut row = vec![label];
        row.extend(cells);
        row
    })
}

fn is_number(token: &str) -> bool {
    let token = token.strip_prefix(['-', '−']).unwrap_or(token);
    let token = token.strip_suffix(['*', '†']).unwrap_or(token);
    !token.is_empty()
        && token.chars().any(|c| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_digit() || c == '.')
        && token.matches('.').count() <= 1
}

fn parenthesised(token: &str) -> Option<&str> {
    let inner = token.strip_prefix('(')?.strip_suffix(')')?;
    is_number(inner).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Block {
        Block::Table(
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        )
    }

    #[test]
    fn paragraphs_end_at_blank_lines_and_page_numbers_go() {
        let page = "12\n\nFirst line\nsecond line.\n\n\nNext paragraph.\n\nPage 3\n";
        assert_eq!(
            blocks(page),
            [
                Block::Paragraph("First line\nsecond line.".into()),
                Block::Paragraph("Next paragraph.".into())
            ]
        );
    }

    #[test]
    fn group_tables_are_read_from_their_layout() {
        let page = "Text before.\nTable 1. Means (SD)\nMeasure Younger (n = 23) Older (n\n= 22)\n\n\
                    Anxiety 2.48 (0.85) 3.59 (1.05)\n Self-efficacy 3.78 (1.04) 2.23 (0.87)\n\n\
                    Trust 3.1 0.9 2.5 1.0\nThe effect was large.";
        assert_eq!(
            blocks(page),
            [
                Block::Paragraph("Text before.\nTable 1. Means (SD)".into()),
                table(&[
                    &["Measure", "Younger (n = 23)", "Older (n = 22)"],
                    &["Anxiety", "2.48 (0.85)", "3.59 (1.05)"],
                    &["Self-efficacy", "3.78 (1.04)", "2.23 (0.87)"],
                    &["Trust", "3.1 (0.9)", "2.5 (1.0)"],
                ]),
                Block::Paragraph("The effect was large.".into()),
            ]
        );
    }

    #[test]
    fn tab_separated_lines_are_a_table() {
        let page = "Table 2. Counts\n\nGroup\tn\nA\t40\nB\t38\n\nAfter.";
        assert_eq!(
            blocks(page),
            [
                Block::Paragraph("Table 2. Counts".into()),
                table(&[&["Group", "n"], &["A", "40"], &["B", "38"]]),
                Block::Paragraph("After.".into())
            ]
        );
    }

    #[test]
    fn sentences_naming_a_group_size_are_not_headers() {
        let page = "In the control group (n = 19), self-efficacy was rated highly by most of the \
                    people who took part in the study.\nAnxiety 2.48 (0.85)";
        assert!(matches!(blocks(page)[0], Block::Paragraph(_)));
    }
}
