//! Realistic decision-tree documents from templates, shaped like the canonical example
//! (FORMAT.md): metadata under the H1, a fenced outline of `[Check N]` questions whose
//! answers end in terminals or nested questions, Node Details with bash blocks, Terminal
//! Actions, Edge Cases and Cross-References to other generated trees and runbooks.
//!
//! Invariants: output depends only on [`Params`] and the seed; check IDs are numbered in
//! outline order; every generated jump leads to a check whose subtree has no jump (so jumps
//! never form cycles); every action title is unique in its file. Without defects a tree is
//! clean; `defect_rate` adds the slips authors make (missing details, unmarked leaves,
//! wrong last-child glyphs, unknown terminals, missing related trees).
//! Every traversal is iterative, so very deep trees can be generated.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use crate::rng::Rng;

/// The shape of the generated documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Questions (`[Check N]`) per tree.
    pub checks: usize,
    /// Deepest question nesting (the first question is at depth 1).
    pub depth: usize,
    /// Approximate bytes per file: Edge Cases are added until it is reached.
    pub size: usize,
    /// Probability, per check, of one authoring slip.
    pub defect_rate: f64,
}

impl Default for Params {
    /// Seed-sized trees: about 9.3 KB and 10 checks on average, like the canonical example.
    fn default() -> Self {
        Params { checks: 10, depth: 5, size: 8_500, defect_rate: 0.05 }
    }
}

const COMPONENTS: &[&str] = &[
    "checkout service",
    "payment gateway",
    "API gateway",
    "auth service",
    "search indexer",
    "order queue",
    "session cache",
    "primary database",
    "read replica",
    "CDN edge",
    "ingest pipeline",
    "billing worker",
    "notification service",
    "feature-flag service",
    "load balancer",
    "DNS resolver",
    "object store",
    "metrics pipeline",
    "scheduler",
    "message broker",
];
const QUESTIONS: &[&str] = &[
    "Is the {c} returning errors for more than 5% of requests?",
    "Did the {c} change in the last deployment?",
    "Is the {c} saturated (CPU, memory or connections)?",
    "Can traffic to the {c} be shifted to another region?",
    "Is the {c} healthy in the other availability zones?",
    "Has the {c} lost quorum or leadership?",
    "Is there a known issue open for the {c}?",
    "Does restarting one {c} instance clear the symptom?",
    "Is the {c} backlog still growing?",
    "Are clients of the {c} retrying aggressively?",
    "Is the {c} certificate close to expiry?",
    "Did a config change to the {c} ship recently?",
];
const ANSWER_PAIRS: &[(&str, &str)] = &[
    ("YES", "NO"),
    ("YES (confirmed on the dashboard)", "NO (metrics look normal)"),
    ("Yes, clearly", "No or unsure"),
    ("YES (within the last hour)", "NO (older than an hour)"),
];
const ANSWER_TRIPLES: &[(&str, &str, &str)] = &[
    ("< 5 minutes", "5 – 30 minutes", "> 30 minutes"),
    ("Single instance", "One zone", "Every zone"),
    ("Low (< 1% of users)", "Medium", "High (revenue impact)"),
];
const VERBS: &[&str] = &[
    "Roll Back",
    "Restart",
    "Scale Out",
    "Fail Over",
    "Drain",
    "Throttle",
    "Disable",
    "Rebuild",
    "Flush",
    "Re-run",
    "Pin",
    "Quarantine",
    "Patch",
    "Rotate",
    "Page the Owner of",
];
const ESCALATIONS: &[&str] = &[
    "Escalate to the Incident Commander",
    "Declare a Major Incident",
    "Page the Database On-Call",
    "Freeze All Deployments",
    "Open a Vendor Ticket",
    "Hand Over to the Security Team",
];
const COMMANDS: &[&str] = &[
    "kubectl get pods -n {n} -o wide",
    "kubectl logs -l app={n} --since=10m | grep -c ERROR",
    "kubectl rollout status deployment/{n} --timeout=5m",
    "kubectl top pods -n {n} --sort-by=cpu | head -20",
    "curl -s -o /dev/null -w '%{http_code}\\n' https://{n}.internal/health",
    "promtool query instant http://prometheus:9090 'rate(http_requests_total{job=\"{n}\",status=~\"5..\"}[5m])'",
    "aws cloudwatch get-metric-statistics --namespace {n} --metric-name Errors --period 60 --statistics Sum",
    "psql -h db.internal -c \"SELECT state, count(*) FROM pg_stat_activity GROUP BY state;\"",
    "redis-cli -h cache.internal info stats | grep -E 'hits|misses'",
    "dig +short {n}.internal @10.0.0.2",
    "journalctl -u {n} --since '15 min ago' --no-pager | tail -50",
    "helm history {n} --max 5",
    "gh run list --workflow deploy.yml --limit 5",
];
const EDGE_CASES: &[&str] = &[
    "**Partial outage across regions:** if only one region is affected, prefer shifting traffic away before any change to the {c}; a global change widens the blast radius.",
    "**Alert fatigue:** a flapping alert on the {c} may hide a slow, real degradation. Look at the 24-hour trend before closing the page.",
    "**Shared dependencies:** the {c} may fail because of a dependency that several services share; check the dependency's own dashboard first.",
    "**Maintenance windows:** a scheduled maintenance of the {c} can look like an incident; check the change calendar.",
    "**Stale runbooks:** commands for the {c} change with each migration; if a command fails, note it in the incident channel and continue with the next check.",
    "**Multi-tenant impact:** a single noisy tenant on the {c} can degrade every other tenant; per-tenant rate limits may be a faster fix than a rollback.",
];
const CATEGORIES: &[&str] = &["Operational Decisions", "Incident Response", "Capacity", "Data Safety", "Security"];
const TEAMS: &[&str] = &["platform", "payments", "search", "identity", "data", "edge", "growth", "infra"];

/// What an answer leads to.
#[derive(Debug, Clone)]
enum Next {
    Question(usize),
    /// An index into the document's actions.
    Terminal(usize),
    /// A question index (its check number is known only after numbering).
    Jump(usize),
    /// Another generated tree, entered at its Check 2.
    FileJump(String),
    /// A slip: the answer ends without an outcome.
    Unmarked,
}

#[derive(Debug, Clone)]
struct Answer {
    label: String,
    next: Next,
}

#[derive(Debug, Clone)]
struct Question {
    text: String,
    component: &'static str,
    depth: usize,
    parent: Option<usize>,
    answers: Vec<Answer>,
    /// Its subtree holds a jump (then nothing may jump to it: no cycles).
    has_jump: bool,
}

#[derive(Debug, Clone)]
struct Action {
    warning: bool,
    title: String,
    component: &'static str,
}

/// One generated tree.
#[derive(Debug, Clone)]
pub struct TreeDoc {
    /// Path relative to the corpus root, `/`-separated (`team-payments-03/tree-00042.md`).
    pub path: String,
    pub text: String,
}

/// Generates document `index` of a corpus of `files` (the others it may link to), with
/// `seed`. The same arguments always give the same bytes.
pub fn tree(params: &Params, seed: u64, index: usize, files: usize) -> TreeDoc {
    let mut rng = Rng::fork(seed, index as u64);
    let path = tree_path(index);
    let mut g = Gen { rng: &mut rng, params, questions: Vec::new(), actions: Vec::new() };
    g.grow();
    if files > 1 && g.rng.chance(0.1) {
        let other = (index + 1 + g.rng.below(files - 1)) % files;
        g.file_jump(tree_path(other));
    }
    g.add_jumps();
    let related: Vec<String> = if files > 1 {
        (0..2).map(|_| tree_path((index + 1 + g.rng.below(files - 1)) % files)).collect()
    } else {
        Vec::new()
    };
    let text = g.render(&related);
    TreeDoc { path, text }
}

/// Where document `index` lives: 100 trees per team folder.
pub fn tree_path(index: usize) -> String {
    let team = TEAMS[(index / 100) % TEAMS.len()];
    format!("{team}-{:03}/tree-{index:05}.md", index / 100)
}

/// The runbooks every corpus has, under `runbooks/` at its root.
pub const RUNBOOKS: usize = 24;

/// Writes a corpus of `files` trees under `dir`: a `treelint.toml` (the workspace root),
/// the runbooks and the trees. Returns the number of bytes of Markdown written.
pub fn write(dir: &Path, files: usize, params: &Params, seed: u64) -> io::Result<u64> {
    std::fs::create_dir_all(dir.join("runbooks"))?;
    std::fs::write(dir.join("treelint.toml"), "# Generated by gen-corpus: marks the workspace root.\n")?;
    let mut bytes = 0u64;
    for i in 0..RUNBOOKS {
        let text = format!(
            "# Runbook: {}\n\nSteps for the on-call engineer.\n\n1. Confirm the alert.\n2. Follow the tree that sent you here.\n",
            runbook_name(i)
        );
        bytes += text.len() as u64;
        std::fs::write(dir.join("runbooks").join(runbook_name(i)), text)?;
    }
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    for i in 0..files {
        let doc = tree(params, seed, i, files);
        let path = dir.join(&doc.path);
        if let Some(parent) = path.parent() {
            if made.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent)?;
            }
        }
        bytes += doc.text.len() as u64;
        std::fs::write(path, doc.text)?;
    }
    Ok(bytes)
}

fn runbook_name(i: usize) -> String {
    let c = COMPONENTS[i % COMPONENTS.len()].replace(' ', "-").to_lowercase();
    format!("{c}-{}.md", if i < COMPONENTS.len() { "recovery" } else { "triage" })
}

struct Gen<'a> {
    rng: &'a mut Rng,
    params: &'a Params,
    questions: Vec<Question>,
    actions: Vec<Action>,
}

impl Gen<'_> {
    /// Grows the outline breadth first until the check budget or the depth is used up.
    fn grow(&mut self) {
        let budget = self.params.checks.max(1);
        let first = self.question(1, None);
        let mut queue = std::collections::VecDeque::from([first]);
        while let Some(q) = queue.pop_front() {
            let labels: Vec<String> = if self.rng.chance(0.25) {
                let (a, b, c) = *self.rng.pick(ANSWER_TRIPLES);
                vec![a.into(), b.into(), c.into()]
            } else {
                let (a, b) = *self.rng.pick(ANSWER_PAIRS);
                vec![a.into(), b.into()]
            };
            let depth = self.questions[q].depth;
            for label in labels {
                // Keep growing while the budget lasts; a tree of at least two checks so that
                // cross-file jumps to Check 2 always land.
                let open = queue.len();
                let want_more = self.questions.len() < budget
                    && depth < self.params.depth.max(1)
                    && (self.questions.len() < 2 || self.questions.len() + open < budget || self.rng.chance(0.5));
                let next = if want_more {
                    let child = self.question(depth + 1, Some(q));
                    queue.push_back(child);
                    Next::Question(child)
                } else if self.rng.chance(self.params.defect_rate) {
                    Next::Unmarked
                } else {
                    Next::Terminal(self.action(q))
                };
                self.questions[q].answers.push(Answer { label, next });
            }
        }
    }

    fn question(&mut self, depth: usize, parent: Option<usize>) -> usize {
        let component = *self.rng.pick(COMPONENTS);
        let text = self.rng.pick(QUESTIONS).replace("{c}", component);
        self.questions.push(Question { text, component, depth, parent, answers: Vec::new(), has_jump: false });
        self.questions.len() - 1
    }

    /// A new action for question `q`'s component, or (sometimes) one already used.
    fn action(&mut self, q: usize) -> usize {
        if !self.actions.is_empty() && self.rng.chance(0.2) {
            return self.rng.below(self.actions.len());
        }
        let component = self.questions[q].component;
        let warning = self.rng.chance(0.2);
        for attempt in 0.. {
            let base = if warning {
                self.rng.pick(ESCALATIONS).to_string()
            } else {
                format!("{} the {}", self.rng.pick(VERBS), component_title(component))
            };
            // Not a parenthetical: matching ignores trailing ones, which would make every
            // terminal of a large tree match its plans equally (all ambiguous).
            let title = if attempt < 3 { base } else { format!("{base}, Plan {attempt}") };
            if !self.actions.iter().any(|a| a.title == title) {
                self.actions.push(Action { warning, title, component });
                break;
            }
        }
        self.actions.len() - 1
    }

    /// Turns one terminal into a jump to another tree.
    fn file_jump(&mut self, path: String) {
        let slots = self.terminal_slots();
        if let Some(&(q, a)) = slots.last() {
            self.questions[q].answers[a].next = Next::FileJump(path);
        }
    }

    /// Turns a few terminals into jumps to checks that are neither their ancestors nor
    /// hold a jump below them, so that jumps never close a cycle.
    fn add_jumps(&mut self) {
        for (q, a) in self.terminal_slots() {
            if !self.rng.chance(0.08) {
                continue;
            }
            let target = self.rng.below(self.questions.len());
            if self.questions[target].has_jump || self.is_ancestor(target, q) {
                continue;
            }
            self.questions[q].answers[a].next = Next::Jump(target);
            let mut at = Some(q);
            while let Some(n) = at {
                self.questions[n].has_jump = true;
                at = self.questions[n].parent;
            }
        }
    }

    fn terminal_slots(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (q, question) in self.questions.iter().enumerate() {
            for (a, answer) in question.answers.iter().enumerate() {
                if matches!(answer.next, Next::Terminal(_)) {
                    out.push((q, a));
                }
            }
        }
        out
    }

    fn is_ancestor(&self, maybe: usize, mut of: usize) -> bool {
        loop {
            if maybe == of {
                return true;
            }
            match self.questions[of].parent {
                Some(p) => of = p,
                None => return false,
            }
        }
    }

    /// Check numbers in outline (pre-order) order, iteratively.
    fn numbering(&self) -> Vec<usize> {
        let mut number = vec![0; self.questions.len()];
        let mut next = 1;
        let mut stack = vec![0];
        while let Some(q) = stack.pop() {
            number[q] = next;
            next += 1;
            for a in self.questions[q].answers.iter().rev() {
                if let Next::Question(c) = a.next {
                    stack.push(c);
                }
            }
        }
        number
    }

    fn render(&mut self, related: &[String]) -> String {
        let number = self.numbering();
        let first = self.questions[0].clone();
        let title = format!(
            "{} {}?",
            self.rng.pick(&["Is the", "Should I act on the", "How do I recover the"]),
            first.component
        );
        let mut out = String::with_capacity(self.params.size + 1024);
        let _ = writeln!(out, "# Decision Tree: {}\n", capitalize(&title));
        let _ = writeln!(out, "**Category:** {}", self.rng.pick(CATEGORIES));
        let _ = writeln!(
            out,
            "**Starting Question:** \"Something is wrong with the {} — what do I do first?\"",
            first.component
        );
        let _ = writeln!(out, "**Estimated traversal:** {}-{} minutes", 1 + self.rng.below(3), 4 + self.rng.below(6));
        let _ = writeln!(out, "**Domains:** {}, incident-response, SRE\n", first.component.replace(' ', "-"));
        out.push_str("## The Tree\n\n```\n");
        let _ = writeln!(out, "Something is wrong with the {} — where do I start?\n│", first.component);
        let mut missing = vec![false; self.questions.len()];
        self.render_outline(&mut out, &number, &mut missing);
        out.push_str("```\n\n## Node Details\n\n");
        let mut order: Vec<usize> = (0..self.questions.len()).collect();
        order.sort_by_key(|&q| number[q]);
        for &q in &order {
            if missing[q] {
                continue;
            }
            let c = self.questions[q].component;
            let _ = writeln!(out, "### Check {}: {}\n", number[q], strip_question(&self.questions[q].text));
            out.push_str("**Command/method:**\n\n```bash\n");
            for _ in 0..2 + self.rng.below(2) {
                let _ = writeln!(
                    out,
                    "# {}",
                    self.rng.pick(&[
                        "Look at the error rate",
                        "Confirm the scope",
                        "Compare with yesterday",
                        "Find the last change"
                    ])
                );
                let _ = writeln!(out, "{}", self.rng.pick(COMMANDS).replace("{n}", &c.replace(' ', "-")));
            }
            out.push_str("```\n\n");
            if self.rng.chance(0.5) {
                let _ = writeln!(
                    out,
                    "**What you're looking for:** a clear change in the {c} at the time the alert fired, not a slow drift.\n"
                );
            }
        }
        out.push_str("## Terminal Actions\n\n");
        for a in 0..self.actions.len() {
            let action = &self.actions[a];
            let n = action.component.replace(' ', "-");
            if action.warning {
                let _ = writeln!(out, "### ⚠️ Warning: {}\n", action.title);
                let _ = writeln!(out, "**When:** the {} is degraded and no safe change is known.\n", action.component);
                out.push_str("**Risk:** acting alone can make the outage longer or lose data.\n\n");
                out.push_str("**Mitigation:**\n\n1. Stop all automated changes\n2. Page the owning team\n3. Record every step in the incident channel\n\n");
            } else {
                let _ = writeln!(out, "### ✅ Action: {}\n", action.title);
                out.push_str("**Do:**\n\n```bash\n");
                for _ in 0..2 + self.rng.below(2) {
                    let _ = writeln!(out, "{}", self.rng.pick(COMMANDS).replace("{n}", &n));
                }
                out.push_str("```\n\n");
            }
        }
        out.push_str("## Edge Cases\n\n");
        // Pad to the requested size with edge cases, as long documents have many.
        let tail = 400;
        loop {
            let c = self.rng.pick(COMPONENTS);
            let _ = writeln!(out, "- {}", self.rng.pick(EDGE_CASES).replace("{c}", c));
            if out.len() + tail >= self.params.size {
                break;
            }
        }
        out.push_str("\n## Cross-References\n\n");
        let _ = writeln!(out, "- **Topic Packs:** {}, incident-response", first.component);
        let rb: Vec<String> = (0..2).map(|_| runbook_name(self.rng.below(RUNBOOKS))).collect();
        let _ = writeln!(out, "- **Runbooks:** {}", rb.join(", "));
        if !related.is_empty() {
            let mut names: Vec<String> = related.to_vec();
            if self.rng.chance(self.params.defect_rate) {
                names.push("retired-tree.md".into());
            }
            let _ = writeln!(out, "- **Related trees:** {}", names.join(", "));
        }
        out
    }

    /// The outline, drawn iteratively: a stack of (question, is-last) frames, and the
    /// prefix of bars grown and shrunk as the walk goes down and up.
    fn render_outline(&mut self, out: &mut String, number: &[usize], missing: &mut [bool]) {
        enum Item {
            Question { q: usize, last: bool, level: usize },
            Answer { q: usize, a: usize, last: bool, level: usize },
        }
        // `bars[l]` is true when level `l` still has siblings below (draw `│`).
        let mut bars: Vec<bool> = Vec::new();
        let mut stack = vec![Item::Question { q: 0, last: true, level: 0 }];
        while let Some(item) = stack.pop() {
            let (level, last) = match item {
                Item::Question { level, last, .. } | Item::Answer { level, last, .. } => (level, last),
            };
            bars.truncate(level);
            let mut line = String::new();
            for &bar in &bars {
                line.push_str(if bar { "│   " } else { "    " });
            }
            // A slip: an only or last child drawn with the middle glyph.
            let wrong = last && self.rng.chance(self.params.defect_rate / 2.0);
            line.push_str(if last && !wrong { "└── " } else { "├── " });
            match item {
                Item::Question { q, .. } => {
                    if self.rng.chance(self.params.defect_rate) && q != 0 {
                        missing[q] = true;
                    }
                    let _ = write!(line, "[Check {}] {}", number[q], self.questions[q].text);
                    let count = self.questions[q].answers.len();
                    for a in (0..count).rev() {
                        stack.push(Item::Answer { q, a, last: a + 1 == count, level: level + 1 });
                    }
                }
                Item::Answer { q, a, .. } => {
                    let answer = &self.questions[q].answers[a];
                    line.push_str(&answer.label);
                    match &answer.next {
                        Next::Question(c) => stack.push(Item::Question { q: *c, last: true, level: level + 1 }),
                        Next::Terminal(i) => {
                            let action = &self.actions[*i];
                            let marker = if action.warning { "⚠️" } else { "✅" };
                            if self.rng.chance(self.params.defect_rate / 2.0) {
                                let _ = write!(
                                    line,
                                    " → {marker} IMPROVISE SOMETHING FOR THE {}",
                                    action.component.to_uppercase()
                                );
                            } else {
                                let _ = write!(line, " → {marker} {}", action.title.to_uppercase());
                            }
                        }
                        Next::Jump(target) => {
                            let _ = write!(line, " → go to [Check {}]", number[*target]);
                        }
                        Next::FileJump(path) => {
                            let _ = write!(line, " → {path}#check-2");
                        }
                        Next::Unmarked => line.push_str(" → take a closer look"),
                    }
                }
            }
            bars.push(!last);
            out.push_str(&line);
            out.push('\n');
        }
    }
}

fn component_title(c: &str) -> String {
    c.split(' ').map(capitalize).collect::<Vec<_>>().join(" ")
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn strip_question(s: &str) -> &str {
    s.trim_end_matches('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_tree() {
        let p = Params::default();
        assert_eq!(tree(&p, 1, 3, 10).text, tree(&p, 1, 3, 10).text);
        assert_ne!(tree(&p, 1, 3, 10).text, tree(&p, 2, 3, 10).text);
    }

    #[test]
    fn default_trees_are_seed_sized() {
        let p = Params::default();
        for i in 0..20 {
            let len = tree(&p, 9, i, 100).text.len();
            assert!((8_000..14_000).contains(&len), "tree {i} has {len} bytes");
        }
    }

    #[test]
    fn large_trees_have_the_requested_checks() {
        let p = Params { checks: 2_000, depth: 14, size: 0, defect_rate: 0.0 };
        let text = tree(&p, 5, 0, 1).text;
        assert!(text.contains("[Check 2000]"), "2,000 checks");
        assert!(!text.contains("[Check 2001]"));
    }

    #[test]
    fn without_defects_every_terminal_of_a_large_tree_resolves() {
        // Titles of a large tree repeat; what tells them apart must count for matching.
        let p = Params { checks: 2_000, depth: 14, size: 0, defect_rate: 0.0 };
        let doc = treelint_core::Document::parse(tree(&p, 5, 0, 1).text, &treelint_core::Config::default());
        let unresolved =
            doc.terminals.values().filter(|r| !matches!(r, treelint_core::model::Resolution::Action { .. })).count();
        assert!(doc.terminals.len() > 1_000, "{} terminals", doc.terminals.len());
        assert_eq!(unresolved, 0, "of {} terminals", doc.terminals.len());
    }
}
