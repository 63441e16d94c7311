//! Plain mode driven through pipes: prompts on stdout, one answer per line on stdin.

use assert_cmd::Command;

const CANONICAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");

fn walk(stdin: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_treelint")).arg("walk").args(args).write_stdin(stdin).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code())
}

#[test]
fn a_pipe_gets_numbered_prompts_and_reaches_the_outcome() {
    let (out, _, code) = walk("1\nyes\n", &[CANONICAL]);
    assert_eq!(code, Some(0));
    assert!(out.contains("[Check 1] Is the service completely down or are users actively impacted?"));
    assert!(out.contains("  1) YES (production down, revenue impact, error rate > 50%)\n  2) NO (partial"));
    assert!(out.contains("Path: Check 1: YES › Check 2: YES"));
    assert!(out.contains("Outcome: ✅ ROLL BACK IMMEDIATELY"));
    assert!(out.contains("kubectl rollout undo deployment/myapp"));
}

#[test]
fn back_restart_notes_and_the_also_offer() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("t.md");
    let script = "2\nb\nr\n2\nn rollback window closing\n2\nm\nc\nno\n";
    let (out, _, code) = walk(script, &[CANONICAL, "--plain", "--transcript", t.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Noted."));
    assert!(
        out.contains(
            "Outcome: rollback still viable with caution\n  WARNING: this is an unmarked leaf, not a terminal action"
        ),
        "{out}"
    );
    assert!(
        out.contains("Also check [Check 10] Do you have a hotfix deployment path < 15 min?  (c continue · f finish)")
    );
    assert!(out.contains("Outcome: evaluate rollback cost vs waiting for full deploy cycle"));
    let record = std::fs::read_to_string(&t).unwrap();
    for want in [
        "Went back one step",
        "Restarted from the beginning",
        "Note: rollback window closing",
        "Also checking: **[Check 10]**",
    ] {
        assert!(record.contains(want), "{want} missing from:\n{record}");
    }
}

#[test]
fn a_wrong_answer_is_explained_and_asked_again() {
    let (out, _, code) = walk("maybe\n9\n1\n1\n", &[CANONICAL]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"maybe\" is not one of the answers:\n  1. YES"));
    assert!(out.contains("\"9\" is not one of the answers"));
    assert!(out.contains("ROLL BACK IMMEDIATELY"));
}

#[test]
fn the_end_of_input_quits_and_json_goes_to_stdout_with_prompts_on_stderr() {
    let (out, err, code) = walk("2\n", &[CANONICAL, "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["complete"], false);
    assert_eq!(v["question"]["check"], "6");
    assert!(err.contains("[Check 6] How long ago was the deployment?"));
}

#[test]
fn with_no_file_the_trees_of_the_folder_are_listed_to_pick_from() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(CANONICAL, dir.path().join("rollback.md")).unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Just notes\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_treelint"))
        .current_dir(dir.path())
        .arg("walk")
        .write_stdin("1\n1\n1\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert!(
        text.contains(
            "  1) rollback.md\n      Something broke after a deployment — should I roll back or fix forward?"
        ),
        "{text}"
    );
    assert!(!text.contains("notes.md"));
    assert!(text.contains("ROLL BACK IMMEDIATELY"));
}
