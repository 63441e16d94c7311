//! Typed answers to choices: `2` (1-based), or the start of an answer's label, compared
//! case-insensitively (`no` → `NO (partial degradation…)`, `30 min` → `30 min – 2 hours ago`).
//! An answer equal to one label wins over labels it only begins; anything else that fits
//! several answers, or none, is refused with the list of answers.

use super::view::Choice;

/// Why a typed answer picks no single choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    /// It fits none; the labels of the choices.
    Unknown { answer: String, choices: Vec<String> },
    /// It fits several; the labels it fits.
    Ambiguous { answer: String, matches: Vec<String> },
}

impl std::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[String]| {
            v.iter().enumerate().map(|(i, l)| format!("  {}. {l}", i + 1)).collect::<Vec<_>>().join("\n")
        };
        match self {
            ChoiceError::Unknown { answer, choices } => {
                write!(f, "\"{answer}\" is not one of the answers:\n{}", list(choices))
            }
            ChoiceError::Ambiguous { answer, matches } => {
                write!(f, "\"{answer}\" fits several answers:\n{}", list(matches))
            }
        }
    }
}

impl std::error::Error for ChoiceError {}

/// The 0-based index of the choice `answer` names.
pub fn match_choice(choices: &[Choice], answer: &str) -> Result<usize, ChoiceError> {
    let typed = answer.trim();
    let labels: Vec<String> = choices.iter().map(|c| c.label.clone()).collect();
    if !typed.is_empty() && typed.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = typed.parse::<usize>() {
            if (1..=choices.len()).contains(&n) {
                return Ok(n - 1);
            }
        }
        return Err(ChoiceError::Unknown { answer: typed.to_string(), choices: labels });
    }
    let want = fold(typed);
    if want.is_empty() {
        return Err(ChoiceError::Unknown { answer: typed.to_string(), choices: labels });
    }
    let folded: Vec<String> = labels.iter().map(|l| fold(l)).collect();
    let exact: Vec<usize> = (0..folded.len()).filter(|&i| folded[i] == want).collect();
    if let [one] = exact.as_slice() {
        return Ok(*one);
    }
    let prefix: Vec<usize> = (0..folded.len()).filter(|&i| folded[i].starts_with(&want)).collect();
    match prefix.as_slice() {
        [one] => Ok(*one),
        [] => Err(ChoiceError::Unknown { answer: typed.to_string(), choices: labels }),
        many => Err(ChoiceError::Ambiguous {
            answer: typed.to_string(),
            matches: many.iter().map(|&i| labels[i].clone()).collect(),
        }),
    }
}

/// Lower case with runs of white space made one space, and Markdown emphasis and code
/// marks dropped: `**NO**`, `_No_` and `` `No` `` are all the answer `no` (the marks are how
/// the label is drawn, not part of it). `_` inside a word (`snake_case`) stays.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let w: String = w.chars().filter(|c| !matches!(c, '*' | '`')).collect();
            w.trim_matches('_').to_string()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(labels: &[&str]) -> Vec<Choice> {
        labels.iter().enumerate().map(|(i, l)| Choice { node: i, label: l.to_string(), outcome: None }).collect()
    }

    #[test]
    fn numbers_are_one_based_and_prefixes_ignore_case() {
        let c = choices(&["< 30 minutes ago", "30 min – 2 hours ago", "> 2 hours ago"]);
        assert_eq!(match_choice(&c, "2"), Ok(1));
        assert_eq!(match_choice(&c, "30 MIN"), Ok(1));
        assert_eq!(match_choice(&c, " <  30"), Ok(0));
        assert!(matches!(match_choice(&c, "4"), Err(ChoiceError::Unknown { .. })));
        assert!(matches!(match_choice(&c, "0"), Err(ChoiceError::Unknown { .. })));
    }

    #[test]
    fn an_exact_label_beats_a_longer_one_and_a_shared_prefix_is_ambiguous() {
        let c = choices(&["YES", "YES + hotfix", "NO"]);
        assert_eq!(match_choice(&c, "yes"), Ok(0));
        let err = match_choice(&c, "y").unwrap_err();
        assert_eq!(
            err,
            ChoiceError::Ambiguous { answer: "y".into(), matches: vec!["YES".into(), "YES + hotfix".into()] }
        );
        let err = match_choice(&c, "maybe").unwrap_err().to_string();
        assert!(err.contains("1. YES") && err.contains("3. NO"), "{err}");
    }

    #[test]
    fn emphasis_and_code_marks_are_not_part_of_a_label() {
        let c = choices(&["**YES**", "`No` (partial)", "_maybe_later_"]);
        assert_eq!(match_choice(&c, "NO"), Ok(1));
        assert_eq!(match_choice(&c, "yes"), Ok(0));
        assert_eq!(match_choice(&c, "**yes**"), Ok(0));
        assert_eq!(match_choice(&c, "maybe_later"), Ok(2));
        assert_eq!(match_choice(&c, "no (partial)"), Ok(1));
    }
}
