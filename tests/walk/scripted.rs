//! `treelint walk --answers …` end to end through the binary, on the canonical example.

use assert_cmd::Command;
use serde_json::Value;

const CANONICAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");

fn walk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_treelint"));
    cmd.arg("walk");
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = walk().arg(CANONICAL).args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn yes_yes_ends_at_roll_back_immediately() {
    let v = json(&["--answers", "YES,YES"]);
    assert_eq!(v["complete"], true);
    assert_eq!(v["outcome"]["text"], "✅ ROLL BACK IMMEDIATELY");
    assert_eq!(v["outcome"]["kind"], "terminal");
    assert_eq!(v["outcome"]["terminal"], true);
    assert_eq!(v["outcome"]["action"]["title"], "Roll Back Immediately");
    let path: Vec<&str> = v["path"].as_array().unwrap().iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(path, vec!["1", "2"]);
}

#[test]
fn no_30_min_minimal_ends_at_an_unmarked_leaf_that_is_not_a_terminal_action() {
    let v = json(&["--answers", "NO,30 min,Minimal"]);
    assert_eq!(v["outcome"]["text"], "rollback still viable with caution");
    assert_eq!(v["outcome"]["kind"], "unmarked_leaf");
    assert_eq!(v["outcome"]["terminal"], false);
    assert_eq!(v["outcome"]["warning"], "unmarked leaf: not a terminal action");
    assert_eq!(v["unchecked"][0]["check"], "10");

    let out =
        walk().arg(CANONICAL).args(["--answers", "NO,30 min,Minimal"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!(text);
}

#[test]
fn numbers_and_prefixes_mix_and_an_answer_at_an_offer_takes_it_up() {
    // Check 1 NO, Check 6 "< 30", Check 7 NO → roll back; then Check 10 (parallel) YES.
    let v = json(&["--answers", "2,< 30,no,yes"]);
    let outcomes: Vec<&str> = v["outcomes"].as_array().unwrap().iter().map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(outcomes, vec!["✅ ROLL BACK (low-risk, recent, clean)", "✅ FIX FORWARD via hotfix pipeline"]);
    assert_eq!(v["unchecked"].as_array().unwrap().len(), 0);
}

#[test]
fn from_starts_at_a_check() {
    let v = json(&["--from", "Check 6", "--answers", "> 2,NO"]);
    assert_eq!(v["path"][0]["check"], "6");
    assert_eq!(v["outcome"]["text"], "✅ PARTIAL ROLLBACK with traffic split");
}

#[test]
fn too_few_answers_stop_at_the_question() {
    let v = json(&["--answers", "NO"]);
    assert_eq!(v["complete"], false);
    assert_eq!(v["outcome"], Value::Null);
    assert_eq!(v["question"]["check"], "6");
}

#[test]
fn an_unknown_answer_is_a_usage_error_listing_the_choices() {
    let out = walk().arg(CANONICAL).args(["--answers", "NO,maybe"]).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("\"maybe\" is not one of the answers"), "{err}");
    assert!(err.contains("1. < 30 minutes ago") && err.contains("3. > 2 hours ago"), "{err}");
}

#[test]
fn an_ambiguous_answer_is_a_usage_error() {
    // "YES" and "YES (additive…)": at Check 7, "y" fits only YES; at the root's Check 1 both
    // answers start differently, so use a tree where two labels share a start.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.md");
    std::fs::write(
        &file,
        "```tree\nStart\n└── [Check 1] Which?\n    ├── restart pods → ✅ A\n    └── restore backup → ✅ B\n```\n",
    )
    .unwrap();
    let out = walk().arg(&file).args(["--answers", "rest"]).assert().code(2).get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("fits several answers") && err.contains("restart pods") && err.contains("restore backup"),
        "{err}"
    );
}

#[test]
fn extra_answers_and_unknown_checks_are_usage_errors() {
    let out = walk().arg(CANONICAL).args(["--answers", "YES,YES,NO"]).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("one too many"));
    let out = walk().arg(CANONICAL).args(["--from", "Check 42"]).assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("no check 42; its checks: Check 1, Check 2"));
}

#[test]
fn the_transcript_is_written_and_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("incident.md");
    walk().arg(CANONICAL).args(["--answers", "YES,YES", "--transcript"]).arg(&t).assert().success();
    let record = std::fs::read_to_string(&t).unwrap();
    assert!(record.starts_with("# Walk: Roll Back or Fix Forward?"), "{record}");
    assert!(record.contains("**[Check 2]** Is rollback safe? (no DB migration ran, stateless service) → **YES**"));
    assert!(record.contains("kubectl rollout undo deployment/myapp"), "the outcome's commands are in the record");
    // Every event carries a UTC ISO 8601 timestamp.
    let stamps: Vec<&str> = record.lines().filter_map(|l| l.strip_prefix("- `")?.split('`').next()).collect();
    assert!(stamps.len() >= 4, "{record}");
    for s in stamps {
        assert!(s.len() == 20 && s.ends_with('Z') && s.parse::<jiff::Timestamp>().is_ok(), "{s} is not UTC ISO 8601");
    }

    std::fs::write(&t, "keep me").unwrap();
    let out = walk()
        .arg(CANONICAL)
        .args(["--answers", "YES,YES", "--transcript"])
        .arg(&t)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("already exists (use --force"));
    assert_eq!(std::fs::read_to_string(&t).unwrap(), "keep me");
    walk().arg(CANONICAL).args(["--answers", "YES,YES", "--force", "--transcript"]).arg(&t).assert().success();
    assert!(std::fs::read_to_string(&t).unwrap().starts_with("# Walk"));
}

#[test]
fn jumps_continue_into_other_trees_and_loops_are_noticed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.md"),
        "```tree\nStart\n└── [Check 1] Config change?\n    ├── YES → config.md\n    └── NO → loop.md\n```\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("config.md"),
        "```tree\nConfig tree\n└── [Check 1] Revert it?\n    ├── YES → ✅ REVERT\n    └── NO → main.md#check-1\n```\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("loop.md"), "```tree\nLoop\n└── → loop2.md\n```\n").unwrap();
    std::fs::write(dir.path().join("loop2.md"), "```tree\nLoop 2\n└── → loop.md\n```\n").unwrap();
    let main = dir.path().join("main.md");

    let out = walk()
        .arg(&main)
        .args(["--answers", "YES,YES", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["path"][1]["kind"], "jump");
    assert_eq!(v["path"][1]["to_tree"], "config.md");
    assert_eq!(v["outcome"]["tree"], "config.md");
    assert_eq!(v["outcome"]["text"], "✅ REVERT");

    let out = walk().arg(&main).args(["--answers", "YES"]).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&out).starts_with("Path: Check 1: YES › → config.md\n"));

    let out =
        walk().arg(&main).args(["--answers", "NO", "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["outcome"]["kind"], "loop");
    assert_eq!(v["outcome"]["chain"].as_array().unwrap().len(), 3);
}

#[test]
fn escape_sequences_in_a_tree_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.md");
    std::fs::write(&file, "```tree\nStart \x1b[2J\n└── [Check 1] Evil \x1b]0;pwned\x07?\n    ├── YES → ✅ OK \x1b[31mred\n    └── NO\n```\n").unwrap();
    let out = walk().arg(&file).args(["--answers", "YES"]).assert().success().get_output().clone();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07), "{:?}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("✅ OK ?[31mred"));
    let t = dir.path().join("t.md");
    walk().arg(&file).args(["--answers", "YES", "--transcript"]).arg(&t).assert().success();
    assert!(!std::fs::read(&t).unwrap().contains(&0x1b), "the record is sanitised too");
}

#[test]
fn exec_without_yes_runs_nothing_in_scripted_mode_and_with_yes_records_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.md");
    let marker = dir.path().join("ran");
    let text = format!(
        "```tree\nStart\n└── [Check 1] Touched?\n    ├── YES → ✅ DONE\n    └── NO → ✅ DONE\n```\n\n## Node Details\n\n### Check 1: Touch\n\n```bash\ntouch {}\necho hello\n```\n",
        marker.display()
    );
    std::fs::write(&file, text).unwrap();
    let out = walk().arg(&file).args(["--answers", "YES", "--exec"]).assert().success().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("not run in plain or scripted mode without --exec --yes"));
    assert!(!marker.exists());

    let t = dir.path().join("record.md");
    let out = walk()
        .arg(&file)
        .args(["--answers", "YES", "--exec", "--yes", "--format", "json", "--transcript"])
        .arg(&t)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(marker.exists());
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["runs"][1]["command"], "echo hello");
    assert_eq!(v["runs"][1]["output"], "hello\n");
    assert_eq!(v["runs"][1]["exit_code"], 0);
    let record = std::fs::read_to_string(&t).unwrap();
    assert!(record.contains("Ran at [Check 1] Touched?: exit status 0") && record.contains("hello"), "{record}");
}

#[test]
fn the_tree_can_come_from_standard_input_within_the_size_limit() {
    let text = std::fs::read_to_string(CANONICAL).unwrap();
    let out =
        walk().args(["-", "--answers", "YES,YES", "--format", "json"]).write_stdin(text.clone()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tree"], "<stdin>");
    assert_eq!(v["outcome"]["text"], "✅ ROLL BACK IMMEDIATELY");

    let out = walk()
        .args(["-", "--answers", "YES"])
        .env("TREELINT_MAX_FILE_SIZE", "1000")
        .write_stdin(text)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("larger than the size limit of 1000 bytes"));
    let out = walk()
        .arg(CANONICAL)
        .args(["--answers", "YES"])
        .env("TREELINT_MAX_FILE_SIZE", "1000")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("larger than the size limit of 1000 bytes"));
}

#[test]
fn config_and_isolated_are_taken_like_every_other_command() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "not-a-key = 1\n").unwrap();
    let out = walk().arg(CANONICAL).args(["--answers", "YES", "--config"]).arg(&bad).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("not-a-key"));
    walk().arg(CANONICAL).args(["--answers", "YES,YES", "--isolated"]).assert().success();
    walk().arg(CANONICAL).args(["--isolated", "--config"]).arg(&bad).assert().code(2);
}

/// The settings `--config` names are the ones the walk reads the tree with: a marker the
/// default configuration does not know ends the walk at an action only with that file, and
/// `--isolated` ignores the `treelint.toml` beside the tree.
#[test]
fn the_walk_reads_the_tree_with_the_configuration_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("t.md");
    std::fs::write(&tree, "# Decision Tree: Up\n\n```tree\nIs it up?\n├── YES → 🟢 DONE\n└── NO → ✅ RESTART\n```\n")
        .unwrap();
    let green = dir.path().join("green.toml");
    std::fs::write(&green, "[markers]\n\"🟢\" = \"action\"\n").unwrap();
    let kind = |args: &[&str]| -> Value {
        let out = walk().arg(&tree).args(["--answers", "YES", "--format", "json"]).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["outcome"]["kind"].clone()
    };
    assert_eq!(kind(&[]), "unmarked_leaf");
    assert_eq!(kind(&["--config", green.to_str().unwrap()]), "terminal");
    std::fs::copy(&green, dir.path().join("treelint.toml")).unwrap();
    assert_eq!(kind(&[]), "terminal", "the workspace's treelint.toml is read");
    assert_eq!(kind(&["--isolated"]), "unmarked_leaf", "--isolated ignores it");
}

#[test]
fn resume_says_which_step_no_longer_exists_and_goes_on_from_the_last_that_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.md");
    let text = "```tree\nStart\n└── [Check 1] Up?\n    ├── YES\n    │   └── [Check 2] Fast?\n    │       ├── YES → ✅ FINE\n    │       └── NO → ✅ SLOW\n    └── NO → ✅ DOWN\n```\n";
    std::fs::write(&file, text).unwrap();
    let t = dir.path().join("record.md");
    walk().arg(&file).args(["--answers", "YES,NO", "--transcript"]).arg(&t).assert().success();

    // The same record on the same tree: every step comes back, the walk is at its outcome.
    let out = walk().args(["--resume"]).arg(&t).args(["--format", "json", "--answers", ""]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["outcome"]["text"], "✅ SLOW");

    std::fs::write(&file, text.replace("[Check 2] Fast?", "[Check 3] Slow?")).unwrap();
    let out = walk().args(["--resume"]).arg(&t).args(["--answers", "YES"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("the tree changed since the record was written: the record answers [Check 2] next, but the tree now asks [Check 3]"),
        "{err}"
    );
    let record = std::fs::read_to_string(&t).unwrap();
    assert!(record.contains("Resumed from this record; the record answers [Check 2] next"), "{record}");
    assert!(record.contains("**[Check 2]** Fast? → **NO**"), "the old step stays in the record: {record}");
    assert!(record.contains("**[Check 3]** Slow? → **YES**"), "{record}");
    assert!(record.contains("- **Outcome:** ✅ FINE"), "{record}");

    let out = walk().args(["--resume"]).arg(&file).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("not the record of a walk"));
}
