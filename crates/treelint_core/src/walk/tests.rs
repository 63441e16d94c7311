//! The walk state machine on its own: the canonical example and small inline trees.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::config::Config;

fn tree(name: &str, text: &str) -> Tree {
    Tree::new(name, Arc::new(Document::parse(text, &Config::default())))
}

fn canonical() -> Tree {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");
    let text = std::fs::read_to_string(path).expect("the canonical example beside the repository");
    tree("rollback-or-fix-forward.md", &text)
}

/// A clock that ticks one second per reading.
struct Ticks(AtomicUsize);

impl Clock for Ticks {
    fn now(&self) -> String {
        let s = self.0.fetch_add(1, Ordering::Relaxed);
        format!("2026-01-02T03:04:{s:02}Z")
    }
}

fn ticking() -> Setup {
    Setup { loader: None, clock: Box::new(Ticks(AtomicUsize::new(0))) }
}

fn question(walk: &Walk) -> QuestionView {
    match walk.current() {
        Step::Question(q) => q,
        Step::Outcome(o) => panic!("expected a question, at outcome {:?}", o.text),
    }
}

fn outcome(walk: &Walk) -> OutcomeView {
    match walk.current() {
        Step::Outcome(o) => o,
        Step::Question(q) => panic!("expected an outcome, at question {:?}", q.text),
    }
}

/// Answers by typed labels, as the scripted mode does.
fn answer(walk: &mut Walk, answers: &[&str]) {
    for a in answers {
        let q = question(walk);
        let i = match_choice(&q.choices, a).unwrap_or_else(|e| panic!("{e}"));
        walk.choose(i).unwrap();
    }
}

#[test]
fn the_roots_only_child_is_passed_through_to_check_1() {
    let walk = Walk::new(canonical()).unwrap();
    let q = question(&walk);
    assert_eq!(q.check.as_deref(), Some("1"));
    assert_eq!(q.choices.len(), 2);
    assert!(q.choices[0].label.starts_with("YES"));
    let d = q.details.expect("Check 1 has details");
    assert_eq!(d.title, "Assess production impact severity");
    assert_eq!(commands(&d.blocks).len(), 1);
    assert!(walk.breadcrumbs().is_empty());
}

#[test]
fn yes_yes_rolls_back_immediately_with_the_actions_do_steps() {
    let mut walk = Walk::new(canonical()).unwrap();
    answer(&mut walk, &["YES", "YES"]);
    let o = outcome(&walk);
    assert_eq!(o.text, "✅ ROLL BACK IMMEDIATELY");
    assert_eq!(o.answer.as_deref(), Some("YES"));
    assert_eq!(o.notes, vec!["kubectl rollout undo / helm rollback / revert pipeline"]);
    let End::Terminal { marker, meaning, action: Some(action), unresolved: None } = &o.end else {
        panic!("{:?}", o.end)
    };
    assert_eq!((marker.as_str(), meaning.as_str()), ("✅", "action"));
    assert_eq!(action.title, "Roll Back Immediately");
    assert!(commands(&action.blocks)[0].contains("kubectl rollout undo deployment/myapp"));
    assert!(o.also.is_none());
    assert!(walk.is_finished());
    let crumbs: Vec<String> = walk.breadcrumbs().iter().map(Crumb::short).collect();
    assert_eq!(crumbs, vec!["Check 1: YES", "Check 2: YES"]);
}

#[test]
fn an_unmarked_leaf_is_an_outcome_of_its_own_kind_and_offers_the_parallel_check() {
    let mut walk = Walk::new(canonical()).unwrap();
    answer(&mut walk, &["NO", "30 min", "Minimal"]);
    let o = outcome(&walk);
    assert_eq!(o.text, "rollback still viable with caution");
    assert_eq!(o.end, End::UnmarkedLeaf);
    let also = o.also.expect("Check 10 waits");
    assert_eq!(also.check.as_deref(), Some("10"));
    assert!(!walk.is_finished());

    walk.continue_also().unwrap();
    let q = question(&walk);
    assert_eq!(q.check.as_deref(), Some("10"));
    answer(&mut walk, &["YES"]);
    let outcomes = walk.outcomes();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[1].text, "✅ FIX FORWARD via hotfix pipeline");
    assert!(walk.is_finished());
    let crumbs: Vec<String> = walk.breadcrumbs().iter().map(Crumb::short).collect();
    assert_eq!(
        crumbs,
        vec![
            "Check 1: NO",
            "Check 6: 30 min – 2 hours ago",
            "Check 8: Minimal drift",
            "⊙ rollback still viable w…",
            "also Check 10",
            "Check 10: YES"
        ]
    );
}

#[test]
fn finish_declines_the_offer() {
    let mut walk = Walk::new(canonical()).unwrap();
    answer(&mut walk, &["NO", "30 min", "Minimal"]);
    walk.finish();
    assert!(walk.is_finished());
    assert!(outcome(&walk).also.is_none());
    assert_eq!(walk.unchecked().iter().map(|o| o.check.as_deref()).collect::<Vec<_>>(), vec![Some("10")]);
    assert_eq!(walk.continue_also(), Err(WalkError::NothingToContinue));
    assert!(walk.back());
    assert!(outcome(&walk).also.is_some());
}

#[test]
fn nested_parallel_questions_are_asked_innermost_first() {
    let mut walk = Walk::new(canonical()).unwrap();
    // Check 2 NO has Check 3 and Check 5; Check 1 YES has only Check 2.
    answer(&mut walk, &["YES", "NO"]);
    assert_eq!(question(&walk).check.as_deref(), Some("3"));
    answer(&mut walk, &["NO", "NO"]);
    let o = outcome(&walk);
    assert_eq!(o.text, "⚠️ ESCALATE — neither path is safe alone");
    let End::Terminal { action: Some(a), .. } = &o.end else { panic!("{:?}", o.end) };
    assert_eq!(a.kind, "Warning");
    let keys: Vec<&str> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Field { key, .. } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(keys, vec!["When", "Risk", "Mitigation"]);
    assert_eq!(o.also.unwrap().check.as_deref(), Some("5"));
    walk.continue_also().unwrap();
    answer(&mut walk, &["YES"]);
    let o = outcome(&walk);
    let End::Terminal { action: None, unresolved: Some(why), .. } = &o.end else { panic!("{:?}", o.end) };
    assert!(why.contains("no Terminal Actions section"));
    assert!(o.also.is_none(), "nothing else waits on this path");
}

#[test]
fn back_undoes_one_decision_and_restart_returns_to_the_start() {
    let mut walk = Walk::new(canonical()).unwrap();
    assert!(!walk.back(), "nothing to undo at the start");
    answer(&mut walk, &["NO", "< 30"]);
    assert_eq!(question(&walk).check.as_deref(), Some("7"));
    assert!(walk.back());
    assert_eq!(question(&walk).check.as_deref(), Some("6"));
    assert_eq!(walk.breadcrumbs().len(), 1);
    walk.restart();
    assert_eq!(question(&walk).check.as_deref(), Some("1"));
    assert!(walk.breadcrumbs().is_empty());
    assert!(walk.back(), "a restart can be undone");
    assert_eq!(question(&walk).check.as_deref(), Some("6"));
}

#[test]
fn an_unlabeled_question_is_asked_like_a_check() {
    let mut walk = Walk::new(canonical()).unwrap();
    answer(&mut walk, &["NO", "< 30", "YES"]);
    let q = question(&walk);
    assert_eq!(q.check, None);
    assert!(q.text.starts_with("Is migration purely additive"));
    assert!(q.details.is_none());
    answer(&mut walk, &["NO"]);
    let o = outcome(&walk);
    assert_eq!((o.text.as_str(), &o.end), ("fix forward only", &End::UnmarkedLeaf));
}

#[test]
fn a_walk_can_start_at_a_check() {
    let walk = Walk::from_check(canonical(), "Check 6").unwrap();
    assert_eq!(question(&walk).check.as_deref(), Some("6"));
    assert_eq!(walk.start_text(), "How long ago was the deployment?");
    let walk = Walk::from_check(canonical(), "[check 8]").unwrap();
    assert_eq!(question(&walk).check.as_deref(), Some("8"));
    assert_eq!(Walk::from_check(canonical(), "Check 42").unwrap_err(), WalkError::UnknownCheck("42".into()));
}

#[test]
fn a_wrong_choice_is_refused_without_moving() {
    let mut walk = Walk::new(canonical()).unwrap();
    assert_eq!(walk.choose(2), Err(WalkError::NoSuchChoice { index: 2, choices: 2 }));
    answer(&mut walk, &["YES", "YES"]);
    assert!(walk.choose(0).is_err());
}

const JUMPS: &str = "\
```tree
Start?
├── [Check 1] First?
│   ├── A → go to [Check 2]
│   ├── B → go to [Check 3]
│   ├── C → go to [Check 9]
│   └── D → other.md
└── [Check 2] Second?
    ├── again → go to [Check 1]
    ├── loop → go to [Check 4]
    └── done → ✅ DONE
```

Loops:

```tree
Elsewhere
├── [Check 3] Looping → go to [Check 4]
└── [Check 4] Looping back → go to [Check 3]
```
";

#[test]
fn jumps_to_checks_are_followed_and_shown_in_the_breadcrumbs() {
    let mut walk = Walk::new(tree("j.md", JUMPS)).unwrap();
    // The root has two question children: parallel, Check 1 first.
    assert_eq!(question(&walk).check.as_deref(), Some("1"));
    walk.choose(0).unwrap();
    let q = question(&walk);
    assert_eq!(q.check.as_deref(), Some("2"));
    assert!(!q.revisit);
    let crumbs: Vec<String> = walk.breadcrumbs().iter().map(Crumb::short).collect();
    assert_eq!(crumbs, vec!["Check 1: A", "→ go to [Check 2]"]);
    walk.choose(0).unwrap();
    assert!(question(&walk).revisit, "Check 1 was answered before on this path");
}

#[test]
fn a_loop_of_jumps_is_noticed_not_followed() {
    let mut walk = Walk::new(tree("j.md", JUMPS)).unwrap();
    walk.choose(1).unwrap();
    let o = outcome(&walk);
    let End::Loop { chain } = &o.end else { panic!("{:?}", o.end) };
    assert_eq!(
        chain,
        &[
            "j.md: B → go to [Check 3]",
            "j.md: [Check 3] Looping → go to [Check 4]",
            "j.md: [Check 4] Looping back → go to [Check 3]"
        ]
    );
    walk.back();
    walk.choose(2).unwrap();
    let End::JumpOut { reason, .. } = outcome(&walk).end else { panic!() };
    assert_eq!(reason, "the tree has no check 9");
}

#[test]
fn the_jump_input_moves_to_a_check_and_can_be_undone() {
    let mut walk = Walk::new(tree("j.md", JUMPS)).unwrap();
    walk.jump("Check 2").unwrap();
    assert_eq!(question(&walk).check.as_deref(), Some("2"));
    assert!(walk.jump("Check 77").is_err());
    walk.back();
    assert_eq!(question(&walk).check.as_deref(), Some("1"));
}

struct Files(HashMap<&'static str, &'static str>);

impl Loader for Files {
    fn load(&mut self, _from: &Tree, target: &str) -> Result<Tree, String> {
        let text = self.0.get(target).ok_or_else(|| format!("{target} does not exist"))?;
        Ok(tree(target, text))
    }
}

#[test]
fn jumps_into_other_trees_go_through_the_loader() {
    let other = "```tree\nOther tree\n└── [Check 1] Other?\n    ├── yes → ✅ OK\n    └── back → j.md#check-2\n```\n";
    let files = Files(HashMap::from([("other.md", other), ("j.md", JUMPS)]));
    let setup = Setup { loader: Some(Box::new(files)), clock: Box::new(NoClock) };
    let mut walk = Walk::with_setup(tree("j.md", JUMPS), None, setup).unwrap();
    walk.choose(3).unwrap();
    let q = question(&walk);
    assert_eq!((q.tree.as_str(), q.text.as_str()), ("other.md", "Other?"));
    assert_eq!(walk.breadcrumbs()[1].short(), "→ other.md");
    walk.choose(1).unwrap();
    let q = question(&walk);
    assert_eq!((q.tree.as_str(), q.check.as_deref()), ("j.md", Some("2")));
    assert_eq!(walk.trees().len(), 2, "j.md is known by its id, not loaded twice");
    assert_eq!(walk.breadcrumbs()[3].short(), "→ j.md#check-2");
}

#[test]
fn a_loop_across_files_ends_the_walk() {
    let a = "```tree\nA\n└── → b.md\n```\n";
    let b = "```tree\nB\n└── → a.md\n```\n";
    let setup =
        Setup { loader: Some(Box::new(Files(HashMap::from([("a.md", a), ("b.md", b)])))), clock: Box::new(NoClock) };
    let walk = Walk::with_setup(tree("a.md", a), None, setup).unwrap();
    let End::Loop { chain } = outcome(&walk).end else { panic!() };
    assert_eq!(chain, vec!["a.md: → b.md", "b.md: → a.md"]);
}

#[test]
fn without_a_loader_a_file_jump_ends_the_walk() {
    let mut walk = Walk::new(tree("j.md", JUMPS)).unwrap();
    walk.choose(3).unwrap();
    let o = outcome(&walk);
    assert_eq!(o.end, End::JumpOut { target: "other.md".into(), reason: "other trees are not loaded here".into() });
}

#[test]
fn a_node_with_several_plain_children_is_a_choice_and_an_empty_tree_ends_at_once() {
    let walk = Walk::new(tree("c.md", "```tree\nPick a path\n├── left\n└── right\n```\n")).unwrap();
    let q = question(&walk);
    assert_eq!(q.text, "Pick a path");
    assert_eq!(q.choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), vec!["left", "right"]);
    let walk = Walk::new(tree("e.md", "```tree\nNothing here\n```\n")).unwrap();
    assert_eq!(outcome(&walk).end, End::UnmarkedLeaf);
    assert_eq!(Walk::new(tree("n.md", "# Not a tree\n")).unwrap_err(), WalkError::NotATree);
}

#[test]
fn the_transcript_records_answers_notes_runs_and_outcomes_with_timestamps() {
    let mut walk = Walk::with_setup(canonical(), None, ticking()).unwrap();
    answer(&mut walk, &["YES"]);
    walk.note("pager fired at 03:00\nerror rate 60%");
    walk.record_run(RunRecord {
        command: "kubectl get job -n myapp | grep migrate".into(),
        exit_code: Some(1),
        duration_ms: 1234,
        output: "```\nno jobs\n".into(),
        stopped: false,
    });
    answer(&mut walk, &["NO"]);
    walk.back();
    answer(&mut walk, &["YES"]);
    insta::assert_snapshot!(walk.transcript());
}

#[test]
fn steps_serialise_with_stable_tags() {
    let mut walk = Walk::new(canonical()).unwrap();
    answer(&mut walk, &["YES", "YES"]);
    let v = toml::Value::try_from(walk.current()).expect("serialisable");
    assert_eq!(v["step"].as_str(), Some("outcome"));
    assert_eq!(v["kind"].as_str(), Some("terminal"));
    assert_eq!(v["action"]["title"].as_str(), Some("Roll Back Immediately"));
}

mod never_panics {
    use proptest::prelude::*;

    use super::*;

    /// Outline lines made of the pieces that matter to a walk: depth, checks, questions,
    /// terminals, jumps to checks (present or not) and to files.
    fn line() -> impl Strategy<Value = String> {
        let text = prop_oneof![
            Just("[Check 1] Q?".to_string()),
            Just("[Check 2] R?".to_string()),
            Just("Plain?".to_string()),
            Just("YES".to_string()),
            Just("NO → ✅ DONE".to_string()),
            Just("A → ⚠️ ESCALATE".to_string()),
            Just("B → go to [Check 1]".to_string()),
            Just("C → go to [Check 2]".to_string()),
            Just("D → go to [Check 9]".to_string()),
            Just("E → other.md".to_string()),
            Just("F → leaf".to_string()),
        ];
        (0usize..4, text).prop_map(|(depth, t)| format!("{}├── {t}", "│   ".repeat(depth)))
    }

    #[derive(Debug, Clone)]
    enum Op {
        Choose(usize),
        Back,
        Restart,
        Continue,
        Finish,
        Jump(&'static str),
        Note,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0usize..4).prop_map(Op::Choose),
            1 => Just(Op::Back),
            1 => Just(Op::Restart),
            1 => Just(Op::Continue),
            1 => Just(Op::Finish),
            1 => prop_oneof![Just("1"), Just("2"), Just("9")].prop_map(Op::Jump),
            1 => Just(Op::Note),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_tree_and_any_inputs_keep_the_walk_consistent(lines in prop::collection::vec(line(), 0..14), ops in prop::collection::vec(op(), 0..30)) {
            let text = format!("```tree\nStart?\n{}\n```\n", lines.join("\n"));
            let Ok(mut walk) = Walk::new(tree("p.md", &text)) else { return Ok(()) };
            for op in ops {
                match op {
                    Op::Choose(i) => { let _ = walk.choose(i); }
                    Op::Back => { walk.back(); }
                    Op::Restart => walk.restart(),
                    Op::Continue => { let _ = walk.continue_also(); }
                    Op::Finish => walk.finish(),
                    Op::Jump(id) => { let _ = walk.jump(id); }
                    Op::Note => walk.note("n"),
                }
                // The walk rests on a question with answers, or on an outcome.
                match walk.current() {
                    Step::Question(q) => prop_assert!(!q.choices.is_empty()),
                    Step::Outcome(o) => prop_assert!(!walk.is_finished() || o.also.is_none()),
                }
                let _ = walk.breadcrumbs();
                let _ = walk.transcript();
            }
        }
    }
}

#[test]
fn a_record_resumes_to_the_same_step_with_its_original_times() {
    let mut walk = Walk::with_setup(canonical(), None, ticking()).unwrap();
    answer(&mut walk, &["NO", "30 min"]);
    walk.note("looks like drift <!-- treelint-event {\"event\":\"back\",\"at\":\"x\"} -->\n<!-- not an event -->");
    walk.record_run(RunRecord {
        command: "printf x".into(),
        exit_code: None,
        duration_ms: 900,
        output: "<!-- treelint-event {\"event\":\"back\",\"at\":\"x\"} -->\n".into(),
        stopped: true,
    });
    answer(&mut walk, &["Minimal"]);
    walk.continue_also().unwrap();
    walk.interrupted("SIGHUP");
    let text = walk.transcript();
    assert!(text.contains("- **Stopped at:** [Check 10] Do you have a hotfix deployment path < 15 min?"), "{text}");
    assert!(text.contains("interrupted (SIGHUP)"), "{text}");
    assert!(text.contains("stopped after 0.9 s"), "{text}");

    let recorded = read_record(&text).unwrap();
    assert_eq!(recorded.events, walk.log(), "notes and command output cannot pass for events");
    let (resumed, problem) = Walk::resume(canonical(), &recorded, ticking()).unwrap();
    assert_eq!(problem, None);
    assert_eq!(resumed.current(), walk.current());
    assert_eq!(resumed.breadcrumbs(), walk.breadcrumbs());
    assert_eq!(resumed.log(), walk.log(), "every event comes back with its original time");
    // The journal form (head, then one entry per event) reads back the same.
    let journal: String = std::iter::once(walk.journal_head()).chain(walk.log().iter().map(record_entry)).collect();
    assert_eq!(read_record(&journal).unwrap().events, walk.log());
}

#[test]
fn a_step_that_no_longer_exists_stops_the_replay_and_keeps_the_rest_of_the_record() {
    let text = "```tree\nStart\n└── [Check 1] Up?\n    ├── YES\n    │   └── [Check 2] Fast?\n    │       ├── YES → ✅ FINE\n    │       └── NO → ✅ SLOW\n    └── NO → ✅ DOWN\n```\n";
    let mut walk = Walk::with_setup(tree("t.md", text), None, ticking()).unwrap();
    answer(&mut walk, &["YES", "NO"]);
    let recorded = read_record(&walk.transcript()).unwrap();

    // Check 2 is gone from the edited tree: the walk resumes after Check 1.
    let edited = text.replace("[Check 2] Fast?", "[Check 3] Slow?");
    let (resumed, problem) = Walk::resume(tree("t.md", &edited), &recorded, ticking()).unwrap();
    assert_eq!(problem.as_deref(), Some("the record answers [Check 2] next, but the tree now asks [Check 3]"));
    assert_eq!(question(&resumed).check.as_deref(), Some("3"));
    assert!(resumed.log().iter().any(|e| matches!(e, Event::Answered { check: Some(c), .. } if c == "2")));

    // An answer renamed: the replay stops at its question.
    let renamed = text.replace("NO → ✅ SLOW", "MAYBE → ✅ SLOW");
    let (resumed, problem) = Walk::resume(tree("t.md", &renamed), &recorded, ticking()).unwrap();
    assert_eq!(problem.as_deref(), Some("[Check 2] no longer has the answer \"NO\""));
    assert_eq!(question(&resumed).check.as_deref(), Some("2"));
    assert!(read_record("# Just notes\n").is_err());
}

#[test]
fn an_also_checked_question_is_one_step_of_the_path() {
    let mut walk = Walk::with_setup(canonical(), None, ticking()).unwrap();
    answer(&mut walk, &["NO", "30 min", "Minimal"]);
    walk.continue_also().unwrap();
    answer(&mut walk, &["YES"]);
    walk.end();
    let text = walk.transcript();
    let path = &text[text.find("## Path").unwrap()..text.find("## Record").unwrap()];
    assert!(
        path.contains("5. Also checked: **[Check 10]** Do you have a hotfix deployment path < 15 min? → **YES**\n"),
        "{path}"
    );
    assert_eq!(path.matches("[Check 10]").count(), 1, "{path}");
    assert!(text.contains("- **Ended:** 2026-01-02T03:04:06Z, after 6 s\n"), "{text}");
}

proptest::proptest! {
    /// Whatever a note or a command's output says, the record reads back the same events.
    #[test]
    fn any_note_or_output_reads_back_from_the_record(
        note in "(\\PC|[\\n`<>!-]|-->|<!--|```){0,40}",
        output in "(\\PC|[\\n`<>!-]|-->|<!-- treelint-event |```){0,40}",
    ) {
        let mut walk = Walk::with_setup(canonical(), None, ticking()).unwrap();
        walk.note(note.clone());
        walk.record_run(RunRecord { command: note, exit_code: Some(0), duration_ms: 1, output, stopped: false });
        answer(&mut walk, &["YES"]);
        let recorded = read_record(&walk.transcript()).unwrap();
        proptest::prop_assert_eq!(&recorded.events, &walk.log().to_vec());
        let journal: String = std::iter::once(walk.journal_head()).chain(walk.log().iter().map(record_entry)).collect();
        proptest::prop_assert_eq!(&read_record(&journal).unwrap().events, &walk.log().to_vec());
    }

    #[test]
    fn reading_any_text_as_a_record_never_panics(text in "(\\PC|\\n|<!-- treelint-(walk|event) |\\{|\\}|-->|```){0,60}") {
        let _ = read_record(&text);
    }
}
