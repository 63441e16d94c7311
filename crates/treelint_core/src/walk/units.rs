//! Cutting a code block into the commands a walk shows, copies and runs: one unit per
//! command **as the author wrote it**, lines and all.
//!
//! The rule: a code block is cut at a line end only where the shell itself would end a
//! command there, that is outside quotes (`'…'`, `"…"`, `$'…'`, `` `…` ``), outside a
//! here-document's body, not after a `\` continuation or a trailing `|`, `&&` or `||`, and
//! outside every `( … )`, `$( … )`, `{ … }`, `${ … }` group and every `if … fi`,
//! `case … esac` and `for`/`while`/`until`/`select … done` compound. Blank lines and comment
//! lines between units are dropped; everything inside a unit is kept byte for byte (so a
//! multi-line `psql -c "…"` stays one command, with its line breaks).
//!
//! This is a small lexer, not a shell parser: it only needs to know where commands end,
//! and when it cannot tell (an unterminated quote, a here-document with no end) the rest of
//! the block is one unit, so text is never split inside something it does not understand.
//! A full parser (`brush-parser`, `yash-syntax`) would weigh more than the walk does and
//! still hand back the same cut.

/// What the lexer is inside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Single,
    Double,
    /// `$'…'`: like single quotes, but `\'` does not end it.
    Ansi,
    Backtick,
    /// `( … )` or `$( … )`.
    Paren,
    /// `$(( … ))`: `<<` there is a shift, not a here-document.
    Arith,
    /// `{ … }` as a command group: closed by a `}` in command position.
    Group,
    /// `${ … }`: closed by any `}`.
    Param,
}

/// The commands of one code block, in order: see the module documentation for the rule.
pub fn command_units(code: &str) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut lexer = Lexer::default();
    let mut unit: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if unit.is_empty() && lexer.is_clear() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
        }
        unit.push(line);
        lexer.line(line);
        // Here-document bodies follow the line that opened them, in order.
        for (delim, strip_tabs) in std::mem::take(&mut lexer.heredocs) {
            while i < lines.len() {
                let body = lines[i];
                i += 1;
                unit.push(body);
                let end = if strip_tabs { body.trim_start_matches('\t') } else { body };
                if end == delim {
                    break;
                }
            }
        }
        if lexer.is_clear() && !lexer.continued {
            out.push(finish(&unit));
            unit.clear();
        }
    }
    if !unit.is_empty() {
        let text = finish(&unit);
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    out
}

fn finish(lines: &[&str]) -> String {
    lines.join("\n").trim_end().to_string()
}

#[derive(Debug, Default)]
struct Lexer {
    stack: Vec<Ctx>,
    /// Open `if`/`case`/loops.
    compound: usize,
    /// The last line asks for the next one (`\`, `|`, `&&`, `||`).
    continued: bool,
    /// Here-documents opened on the last line: delimiter, and whether `<<-` strips tabs.
    heredocs: Vec<(String, bool)>,
}

impl Lexer {
    fn is_clear(&self) -> bool {
        self.stack.is_empty() && self.compound == 0
    }

    fn in_quote(&self) -> bool {
        matches!(self.stack.last(), Some(Ctx::Single | Ctx::Double | Ctx::Ansi | Ctx::Backtick))
    }

    /// Scans one line, carrying quotes and groups over to the next.
    fn line(&mut self, line: &str) {
        let chars: Vec<char> = line.chars().collect();
        // Whether the next word is in command position (where `if`, `{`, `}` are keywords);
        // a continued line goes on with the words of the last.
        let mut command_position = !self.in_quote() && !self.continued;
        self.continued = false;
        // The operator that ended the line so far, if nothing followed it.
        let mut trailing_op = false;
        let mut word = String::new();
        let mut word_at_command = command_position;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match self.stack.last().copied() {
                Some(Ctx::Single) => {
                    if c == '\'' {
                        self.stack.pop();
                    }
                    i += 1;
                    continue;
                }
                Some(Ctx::Ansi) => {
                    match c {
                        '\\' => i += 1,
                        '\'' => {
                            self.stack.pop();
                        }
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                Some(Ctx::Double) => {
                    match c {
                        '\\' if next.is_none() => self.continued = true,
                        '\\' => i += 1,
                        '"' => {
                            self.stack.pop();
                        }
                        '$' if next == Some('(') => {
                            self.stack.push(Ctx::Paren);
                            i += 1;
                        }
                        '$' if next == Some('{') => {
                            self.stack.push(Ctx::Param);
                            i += 1;
                        }
                        '`' => self.stack.push(Ctx::Backtick),
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                Some(Ctx::Backtick) => {
                    match c {
                        '\\' => i += 1,
                        '`' => {
                            self.stack.pop();
                        }
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Unquoted (at the top level or inside a group).
            let is_word_char = !c.is_whitespace() && !matches!(c, ';' | '&' | '|' | '(' | ')' | '<' | '>');
            if !is_word_char {
                // A word ends: keywords only count in command position.
                if !word.is_empty() {
                    self.keyword(&word, word_at_command);
                    command_position =
                        matches!(word.as_str(), "then" | "do" | "else" | "elif" | "if" | "while" | "until" | "!" | "{");
                    word.clear();
                }
            }
            match c {
                '#' if word.is_empty() => break,
                '\\' => {
                    trailing_op = false;
                    if next.is_none() {
                        self.continued = true;
                    }
                    word.push('\\');
                    i += 2;
                    continue;
                }
                '\'' => {
                    trailing_op = false;
                    let ansi = word.ends_with('$');
                    self.stack.push(if ansi { Ctx::Ansi } else { Ctx::Single });
                    word.push('\'');
                }
                '"' => {
                    trailing_op = false;
                    self.stack.push(Ctx::Double);
                    word.push('"');
                }
                '`' => {
                    trailing_op = false;
                    self.stack.push(Ctx::Backtick);
                    word.push('`');
                }
                '$' if next == Some('(') && chars.get(i + 2) == Some(&'(') => {
                    trailing_op = false;
                    self.stack.push(Ctx::Arith);
                    word.push('$');
                    i += 3;
                    continue;
                }
                '$' if next == Some('(') => {
                    trailing_op = false;
                    self.stack.push(Ctx::Paren);
                    word.push('$');
                    i += 2;
                    command_position = true;
                    word_at_command = true;
                    continue;
                }
                '$' if next == Some('{') => {
                    trailing_op = false;
                    self.stack.push(Ctx::Param);
                    word.push('$');
                    i += 2;
                    continue;
                }
                '}' if self.stack.last() == Some(&Ctx::Param) => {
                    self.stack.pop();
                    word.push('}');
                }
                '(' => {
                    trailing_op = false;
                    self.stack.push(Ctx::Paren);
                    command_position = true;
                }
                ')' => {
                    trailing_op = false;
                    match self.stack.last() {
                        Some(Ctx::Arith) if next == Some(')') => {
                            self.stack.pop();
                            i += 1;
                        }
                        Some(Ctx::Paren) => {
                            self.stack.pop();
                        }
                        // A `case` pattern's `)`.
                        _ => {}
                    }
                    command_position = true;
                }
                '<' if next == Some('<') && chars.get(i + 2) != Some(&'<') => {
                    trailing_op = false;
                    if self.stack.last() != Some(&Ctx::Arith) {
                        let (delim, strip, used) = heredoc_delimiter(&chars[i + 2..]);
                        if !delim.is_empty() {
                            self.heredocs.push((delim, strip));
                        }
                        i += 2 + used;
                        continue;
                    }
                    i += 2;
                    continue;
                }
                ';' | '&' | '|' => {
                    trailing_op = matches!(c, '|') || (c == '&' && next == Some('&'));
                    if matches!((c, next), ('&', Some('&')) | ('|', Some('|')) | ('|', Some('&')) | (';', Some(';'))) {
                        i += 1;
                    }
                    command_position = true;
                }
                c if c.is_whitespace() => {}
                c => {
                    trailing_op = false;
                    if word.is_empty() {
                        word_at_command = command_position;
                    }
                    word.push(c);
                }
            }
            i += 1;
        }
        if !word.is_empty() && !self.in_quote() {
            self.keyword(&word, word_at_command);
        }
        if trailing_op {
            self.continued = true;
        }
    }

    fn keyword(&mut self, word: &str, at_command: bool) {
        if !at_command {
            return;
        }
        match word {
            "if" | "case" | "for" | "while" | "until" | "select" => self.compound += 1,
            "fi" | "esac" | "done" => self.compound = self.compound.saturating_sub(1),
            "{" => self.stack.push(Ctx::Group),
            "}" if self.stack.last() == Some(&Ctx::Group) => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// After `<<`: the here-document's delimiter (quotes removed), whether it was `<<-`, and how
/// many characters the operator's operand took.
fn heredoc_delimiter(rest: &[char]) -> (String, bool, usize) {
    let mut i = 0;
    let strip = rest.first() == Some(&'-');
    if strip {
        i += 1;
    }
    while rest.get(i).is_some_and(|c| *c == ' ' || *c == '\t') {
        i += 1;
    }
    let mut delim = String::new();
    let mut quote: Option<char> = None;
    while let Some(&c) = rest.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => delim.push(c),
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '\\' => {}
            None if c.is_whitespace() || matches!(c, ';' | '&' | '|' | '(' | ')' | '<' | '>') => break,
            None => delim.push(c),
        }
        i += 1;
    }
    (delim, strip, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_quoted_argument_is_one_command() {
        let code = "# Row counts\nkubectl exec -it db-pod -- psql -c \"SELECT table_name,\n  n_tup_ins\nFROM pg_stat_user_tables;\"\nkubectl get pods";
        assert_eq!(
            command_units(code),
            vec![
                "kubectl exec -it db-pod -- psql -c \"SELECT table_name,\n  n_tup_ins\nFROM pg_stat_user_tables;\"",
                "kubectl get pods"
            ]
        );
    }

    #[test]
    fn continuations_and_trailing_operators_join_lines_as_written() {
        let code = "promtool query \\\n  'rate(x[5m])'\n\nkubectl logs p |\n  grep ERROR &&\n  echo done\ncurl -s x";
        assert_eq!(
            command_units(code),
            vec!["promtool query \\\n  'rate(x[5m])'", "kubectl logs p |\n  grep ERROR &&\n  echo done", "curl -s x"]
        );
    }

    #[test]
    fn a_here_document_is_one_command_and_what_follows_is_not() {
        let code = "kubectl apply -f - <<YAML\nkind: X\n# not a comment\nYAML\n# Monitor\nkubectl logs a\ncat <<-'EOF' | wc -l\n\tx \"unbalanced\n\tEOF\necho after";
        assert_eq!(
            command_units(code),
            vec![
                "kubectl apply -f - <<YAML\nkind: X\n# not a comment\nYAML",
                "kubectl logs a",
                "cat <<-'EOF' | wc -l\n\tx \"unbalanced\n\tEOF",
                "echo after"
            ]
        );
    }

    #[test]
    fn groups_and_compounds_stay_whole() {
        let code = "(\n  cd /tmp\n  ls\n)\n{ echo a\n  echo b; }\nif true; then\n  echo yes\nfi\nfor i in 1 2; do\n  echo $i\ndone\ncase $x in\n  a) echo a;;\n  *) echo other;;\nesac\nx=$(\n  date\n)\necho ${HOME}";
        assert_eq!(
            command_units(code),
            vec![
                "(\n  cd /tmp\n  ls\n)",
                "{ echo a\n  echo b; }",
                "if true; then\n  echo yes\nfi",
                "for i in 1 2; do\n  echo $i\ndone",
                "case $x in\n  a) echo a;;\n  *) echo other;;\nesac",
                "x=$(\n  date\n)",
                "echo ${HOME}",
            ]
        );
    }

    #[test]
    fn words_that_look_like_syntax_do_not_open_anything() {
        let code = "echo if done {a,b} it's\"\nwatch -n5 'kubectl logs | grep -c ERROR'\necho $((1<<2)) # shift\nkubectl get deployment -o jsonpath='{.spec}'\necho 'x' # a # comment \"\necho end";
        let units = command_units(code);
        // The first line opens a quote (`it's"` leaves `'s"` open): the rest is one unit.
        assert_eq!(units.len(), 1, "{units:?}");
        let code = "echo if done {a,b}\nwatch -n5 'kubectl logs | grep -c ERROR'\necho $((1<<2)) # shift\nkubectl get deployment -o jsonpath='{.spec}'\necho 'x' # a # comment \"\necho $'it\\'s'\necho end";
        assert_eq!(command_units(code).len(), 7, "{:?}", command_units(code));
    }

    #[test]
    fn comments_and_blank_lines_between_commands_are_dropped() {
        assert_eq!(command_units("# a\n\n  # b\nls\n\n# c\n"), vec!["ls"]);
        assert!(command_units("# only a comment\n\n").is_empty());
        assert_eq!(command_units("ls\r\npwd\r\n"), vec!["ls", "pwd"]);
    }

    proptest::proptest! {
        #[test]
        fn units_are_runs_of_the_blocks_lines_and_never_panic(code in "[a-z \\\\'\"`$(){}|&;#<>\\n-]{0,120}") {
            let lines: Vec<&str> = code.lines().collect();
            let mut at = 0;
            for unit in command_units(&code) {
                let first = unit.lines().next().unwrap_or("");
                // Each unit starts at a later line than the last and is those lines verbatim.
                let start = (at..lines.len()).find(|&i| lines[i].starts_with(first));
                proptest::prop_assert!(start.is_some(), "{unit:?} not found in {code:?}");
                let start = start.unwrap();
                let n = unit.lines().count();
                let joined = lines[start..start + n].join("\n");
                proptest::prop_assert_eq!(joined.trim_end(), unit.as_str());
                at = start + n;
            }
        }
    }
}
