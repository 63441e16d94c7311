//! The full-screen walk drawn into ratatui's TestBackend: snapshots at 80×24, keys, and
//! hostile document text.

use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use treelint_core::walk::{Step, Tree, Walk};
use treelint_core::{Config, Document};

use super::app::{App, Effect, Mode};
use super::draw::draw;

fn canonical_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/rollback-or-fix-forward.md");
    std::fs::read_to_string(path).expect("the canonical example beside the repository")
}

fn app_for(text: &str, exec: bool) -> App {
    let doc = Arc::new(Document::parse(text, &Config::default()));
    let walk = Walk::new(Tree::new("rollback-or-fix-forward.md", doc)).unwrap();
    let mut app = App::new(walk, exec, None, "walk.md".into());
    app.elapsed = Duration::from_secs(83);
    app
}

fn canonical_app() -> App {
    app_for(&canonical_text(), false)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, app)).unwrap();
    terminal.backend().to_string()
}

fn press(app: &mut App, code: KeyCode) -> Effect {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn first_question_with_its_details_and_answers() {
    insta::assert_snapshot!(screen(&canonical_app(), 80, 24));
}

#[test]
fn outcome_with_the_resolved_action() {
    let mut app = canonical_app();
    keys(&mut app, "11");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn unmarked_leaf_warns_and_offers_the_parallel_check() {
    let mut app = canonical_app();
    keys(&mut app, "221");
    let s = screen(&app, 80, 24);
    assert!(s.contains("NOT A TERMINAL ACTION"), "{s}");
    assert!(s.contains("Also check"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn help_overlay() {
    let mut app = canonical_app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode, Mode::Help);
    insta::assert_snapshot!(screen(&app, 80, 24));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.mode, Mode::Normal, "any key closes the help");
}

#[test]
fn arrows_and_enter_choose_and_back_returns() {
    let mut app = canonical_app();
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected, 1);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected, 0, "the cursor wraps");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    let Step::Question(q) = app.walk.current() else { panic!() };
    assert_eq!(q.check.as_deref(), Some("6"));
    press(&mut app, KeyCode::Left);
    let Step::Question(q) = app.walk.current() else { panic!() };
    assert_eq!(q.check.as_deref(), Some("1"));
    press(&mut app, KeyCode::Char('b'));
    assert!(app.flash.as_deref().unwrap_or("").contains("first question"));
}

#[test]
fn enter_at_an_offer_continues_and_f_finishes() {
    let mut app = canonical_app();
    keys(&mut app, "221");
    press(&mut app, KeyCode::Enter);
    let Step::Question(q) = app.walk.current() else { panic!() };
    assert_eq!(q.check.as_deref(), Some("10"));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('f'));
    assert!(app.walk.is_finished());
}

#[test]
fn a_note_is_typed_and_recorded() {
    let mut app = canonical_app();
    press(&mut app, KeyCode::Char('n'));
    keys(&mut app, "pager at 3am");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.walk.transcript().contains("Note: pager at 3a\n"));
}

#[test]
fn c_copies_the_shown_command_and_tab_moves_to_the_next() {
    let mut app = canonical_app();
    // As written: the `\` continuation is kept, so what is copied is what the tree says.
    assert_eq!(press(&mut app, KeyCode::Char('c')), Effect::Copy("kubectl exec -it prometheus-pod -- promtool query instant \\\n  'rate(http_requests_total{status=~\"5..\"}[5m]) / rate(http_requests_total[5m])'".into()));
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        press(&mut app, KeyCode::Char('c')),
        Effect::Copy("curl -o /dev/null -sw \"%{http_code}\\n\" https://service.example.com/health".into())
    );
}

#[test]
fn commands_run_only_with_exec_and_after_y() {
    let mut app = canonical_app();
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::None);
    assert_eq!(app.mode, Mode::Normal, "without --exec, x does nothing");
    let mut app = app_for(&canonical_text(), true);
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.mode, Mode::ConfirmRun { .. }));
    insta::assert_snapshot!(screen(&app, 80, 24));
    assert_eq!(press(&mut app, KeyCode::Char('n')), Effect::None, "anything but y declines");
    press(&mut app, KeyCode::Char('x'));
    assert!(matches!(press(&mut app, KeyCode::Char('y')), Effect::Run(_)));
}

#[test]
fn quitting_offers_to_keep_the_record_esc_goes_back_and_ctrl_c_interrupts() {
    let mut app = canonical_app();
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert!(matches!(app.mode, Mode::Quit { .. }));
    insta::assert_snapshot!(screen(&app, 80, 24));
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert_eq!(app.mode, Mode::Normal, "Esc cancels the quit: back to the walk");
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save("walk.md".into()));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)), Effect::Discard);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut app = canonical_app();
    assert_eq!(app.key(ctrl_c), Effect::Interrupt);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.key(ctrl_c), Effect::Interrupt, "also from the quit dialog");
    let mut app = canonical_app();
    app.transcript = Some("t.md".into());
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit, "--transcript keeps it without asking");
}

#[test]
fn a_multi_line_command_is_shown_whole_before_it_runs_and_cut_with_an_ellipsis_elsewhere() {
    let text = "```tree\nStart\n└── [Check 1] Drift?\n    ├── YES → ✅ A\n    └── NO → ✅ B\n```\n\n## Node Details\n\n### Check 1: Drift\n\n```bash\n# Row counts\nkubectl exec -it db-pod -- psql -c \"SELECT table_name, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup\n  FROM pg_stat_user_tables\n  ORDER BY n_tup_ins DESC;\"\nkubectl get pods\n```\n";
    let mut app = app_for(text, true);
    assert_eq!(app.commands().len(), 2, "{:?}", app.commands());
    let s = screen(&app, 80, 24);
    assert!(s.contains("⧉ [1/2] kubectl exec -it db-pod -- psql -c \"SEL…  (c copy · x run · Tab next)│"), "{s}");
    // The details keep the wrapped line under its indentation.
    assert!(s.contains("│   kubectl exec -it db-pod -- psql -c \"SELECT table_name, n_tup_ins,"), "{s}");
    assert!(s.contains("│     n_tup_upd, n_tup_del, n_live_tup, n_dead_tup"), "{s}");
    press(&mut app, KeyCode::Char('x'));
    let s = screen(&app, 80, 24);
    for want in
        ["$ kubectl exec -it db-pod -- psql -c \"SELECT", "  FROM pg_stat_user_tables", "  ORDER BY n_tup_ins DESC;\""]
    {
        assert!(s.contains(want), "{want} missing:\n{s}");
    }
    let Effect::Run(cmd) = press(&mut app, KeyCode::Char('y')) else { panic!() };
    assert!(cmd.starts_with("kubectl exec") && cmd.ends_with("DESC;\""), "{cmd}");
    let Effect::Copy(copied) = ({
        app.mode = Mode::Normal;
        press(&mut app, KeyCode::Char('c'))
    }) else {
        panic!()
    };
    assert_eq!(copied, cmd, "copy copies what runs");
}

#[test]
fn the_header_names_the_tree_the_walk_is_in_and_a_long_pane_says_there_is_more() {
    let mut app = canonical_app();
    let s = screen(&app, 80, 16);
    assert!(s.contains("↓ 6 more (PgDn)"), "{s}");
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    let s = screen(&app, 80, 16);
    assert!(!s.contains("more (PgDn)"), "scrolled to the end: {s}");
}

#[test]
fn escape_sequences_in_the_tree_never_reach_the_screen() {
    let text = "```tree\nStart \x1b[2J\n└── [Check 1] Evil \x1b]52;c;AAAA\x07?\n    ├── YES \x1b[31m → ✅ OK \x1b[0m\n    └── NO\n```\n\n## Node Details\n\n### Check 1: Title \x1b[5m\n\n```bash\nrm -rf / \x1b[8m\n```\n";
    let mut app = app_for(text, false);
    let s = screen(&app, 80, 24);
    assert!(!s.contains('\x1b') && !s.contains('\x07'), "{s:?}");
    assert!(s.contains("Evil ?]52;c;AAAA??"), "{s}");
    keys(&mut app, "1");
    let s = screen(&app, 80, 24);
    assert!(!s.contains('\x1b'), "{s:?}");
}

#[test]
fn small_and_odd_sizes_draw_without_panicking() {
    let mut app = canonical_app();
    for (w, h) in [(20, 5), (1, 1), (80, 8), (200, 60), (40, 12)] {
        screen(&app, w, h);
    }
    keys(&mut app, "11");
    press(&mut app, KeyCode::Char('?'));
    for (w, h) in [(20, 5), (1, 1), (40, 12)] {
        screen(&app, w, h);
    }
}

#[test]
fn a_jump_into_another_tree_shows_in_the_breadcrumbs() {
    struct One(&'static str);
    impl treelint_core::walk::Loader for One {
        fn load(&mut self, _from: &Tree, target: &str) -> Result<Tree, String> {
            Ok(Tree::new(target, Arc::new(Document::parse(self.0, &Config::default()))))
        }
    }
    let main = "```tree\nStart\n└── [Check 1] Config?\n    ├── YES → config-change.md\n    └── NO → ✅ DONE\n```\n";
    let other =
        "```tree\nConfig change\n└── [Check 1] Revert it?\n    ├── YES → ✅ REVERT\n    └── NO → ⚠️ ESCALATE\n```\n";
    let setup = treelint_core::walk::Setup {
        loader: Some(Box::new(One(other))),
        clock: Box::new(treelint_core::walk::NoClock),
    };
    let doc = Arc::new(Document::parse(main, &Config::default()));
    let walk = Walk::with_setup(Tree::new("main.md", doc), None, setup).unwrap();
    let mut app = App::new(walk, false, None, "walk.md".into());
    keys(&mut app, "1");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Check 1: YES › → config-change.md"), "{s}");
    assert!(s.contains("treelint walk · config-change.md"), "the header follows the jump: {s}");
    assert!(s.contains("Revert it?"), "{s}");
    keys(&mut app, "2");
    let s = screen(&app, 80, 24);
    assert!(s.contains("No details for this outcome: no Terminal Actions section matches it."), "{s}");
}

#[test]
fn a_question_with_parallel_questions_waiting_says_so() {
    let mut app = canonical_app();
    keys(&mut app, "12");
    insta::assert_snapshot!(screen(&app, 80, 24));
}
