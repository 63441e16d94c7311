//! Drawing the full-screen walk. Fits 80×24 (and smaller: panes shrink, text wraps and
//! scrolls); every piece of document text is sanitised before it reaches a cell.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use treelint_core::walk::{Block as Piece, End, OutcomeView, QuestionView, Step};

use super::app::{App, Mode};
use crate::render::{sanitize, sanitize_line};

/// Document text for one cell row: no control characters, tabs as spaces.
fn clean(s: &str) -> String {
    sanitize_line(s)
}

/// Document text over several rows.
fn clean_lines(s: &str) -> Vec<String> {
    sanitize(s).replace('\t', "    ").lines().map(str::to_string).collect()
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let [header, crumbs, main, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)])
            .areas(frame.area());
    draw_header(frame, app, header);
    draw_crumbs(frame, app, crumbs);
    let step = app.walk.current();
    match &step {
        Step::Question(q) => draw_question(frame, app, q, main),
        Step::Outcome(o) => draw_outcome(frame, app, o, main),
    }
    draw_footer(frame, app, &step, footer);
    match &app.mode {
        Mode::Normal => {}
        Mode::Help => popup(frame, " Keys ", help_text(app), 76, 16),
        Mode::Note(text) => {
            let body = vec![
                Line::from("Type a note for the record; Enter adds it, Esc cancels."),
                Line::from(""),
                Line::from(format!("> {}▏", clean(text))),
            ];
            popup(frame, " Note ", body, 70, 6);
        }
        Mode::ConfirmRun { command, scroll } => {
            // Exactly what will run, every line of it.
            let all = clean_lines(command);
            let room = usize::from(frame.area().height.saturating_sub(10)).max(3);
            let from = usize::from(*scroll).min(all.len().saturating_sub(1));
            let shown: Vec<&String> = all.iter().skip(from).take(room).collect();
            let mut body = vec![Line::from("Run this command now? Its output goes into the record."), Line::from("")];
            if from > 0 {
                body.push(Line::from(format!("  ↑ {from} more line(s) above")).fg(Color::DarkGray));
            }
            let inner = usize::from(frame.area().width.min(78).saturating_sub(4));
            for (i, l) in shown.iter().enumerate() {
                let lead = if from + i == 0 { "$" } else { " " };
                for (j, row) in wrap_code(l, inner).into_iter().enumerate() {
                    // `$ ` marks where the command begins; wrapped rows keep their indent.
                    let row = if j == 0 { format!("{lead}{}", &row[1..]) } else { row };
                    body.push(Line::from(row).fg(Color::Cyan));
                }
            }
            let below = all.len().saturating_sub(from + shown.len());
            if below > 0 {
                body.push(Line::from(format!("  ↓ {below} more line(s) below (↓ to read them)")).fg(Color::Yellow));
            }
            body.push(Line::from(""));
            body.push(Line::from(vec![
                Span::from("y").bold(),
                Span::from(" run · ↑↓ scroll · any other key: do not run"),
            ]));
            popup(frame, " Run command ", body, 78, 8);
        }
        Mode::Running { command } => {
            let body = vec![
                Line::from(format!("$ {}", first_line(command))).fg(Color::Cyan),
                Line::from(""),
                Line::from("Running… Esc or Ctrl-C stops it (and everything it started)."),
            ];
            popup(frame, " Running ", body, 76, 6);
        }
        Mode::Output(run) => {
            let status = match run.exit_code {
                _ if run.stopped => "stopped".to_string(),
                Some(c) => format!("exit status {c}"),
                None => "no exit status".to_string(),
            };
            let mut body = vec![Line::from(format!("$ {}", first_line(&run.command))).fg(Color::Cyan)];
            let lines = clean_lines(&run.output);
            let keep = lines.len().saturating_sub(12);
            body.extend(lines[keep..].iter().map(|l| Line::from(l.clone())));
            body.push(Line::from(""));
            body.push(
                Line::from(format!(
                    "{status} after {:.1} s · recorded · any key to go on",
                    run.duration_ms as f64 / 1000.0
                ))
                .bold(),
            );
            popup(frame, " Output ", body, 78, 18);
        }
        Mode::Quit { path, error } => {
            let mut body = vec![
                Line::from("Keep the record of this walk (Markdown)?"),
                Line::from(""),
                Line::from(format!("File: {}▏", clean(path))),
                Line::from(""),
                Line::from(vec![
                    Span::from("Enter").bold(),
                    Span::from(" keep it and quit · "),
                    Span::from("Ctrl-D").bold(),
                    Span::from(" quit without it · "),
                    Span::from("Esc").bold(),
                    Span::from(" back to the walk"),
                ]),
            ];
            if let Some(e) = error {
                body.push(Line::from(clean(e)).fg(Color::Red));
            }
            popup(frame, " Quit ", body, 76, 9);
        }
    }
}

/// The first line of a command, with `…` when more follows: for one-line places.
fn first_line(command: &str) -> String {
    let lines = clean_lines(command);
    match lines.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, ..] => format!("{first} …"),
    }
}

/// At most `width` characters, the last one `…` when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Rows `lines` take when wrapped at `width` (an estimate by characters, as the panes wrap).
fn rows(lines: &[Line], width: u16) -> usize {
    let w = usize::from(width).max(1);
    lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum()
}

/// The bottom title of a pane that holds more than it shows.
fn more_below(lines: &[Line], area: Rect, scroll: u16) -> Option<Line<'static>> {
    // Borders and the padding of one column each side.
    let (width, height) = (area.width.saturating_sub(4), usize::from(area.height.saturating_sub(2)));
    let total = rows(lines, width);
    let past = usize::from(scroll) + height;
    (total > past).then(|| Line::from(format!(" ↓ {} more (PgDn) ", total - past)).fg(Color::Yellow).right_aligned())
}

fn draw_header(frame: &mut Frame, app: &App, area: Rect) {
    let style = Style::new().add_modifier(Modifier::REVERSED);
    // The tree the walk is in now: a jump may have led into another.
    let tree = clean(&app.current_tree());
    frame.render_widget(Paragraph::new(format!(" treelint walk · {tree}")).style(style), area);
    let secs = app.elapsed.as_secs();
    let clock = format!("⏱ {:02}:{:02}:{:02} ", secs / 3600, secs / 60 % 60, secs % 60);
    frame.render_widget(Paragraph::new(clock).style(style).alignment(Alignment::Right), area);
}

/// The path so far; when it does not fit, its start gives way.
fn draw_crumbs(frame: &mut Frame, app: &App, area: Rect) {
    let crumbs = app.walk.breadcrumbs();
    let mut line = if crumbs.is_empty() {
        clean(&app.walk.start_text())
    } else {
        crumbs.iter().map(|c| clean(&c.short())).collect::<Vec<_>>().join(" › ")
    };
    let width = area.width as usize;
    let count = line.chars().count();
    if count > width && width > 1 {
        line = format!("…{}", line.chars().skip(count - (width - 1)).collect::<String>());
    }
    frame.render_widget(Paragraph::new(line).fg(Color::DarkGray), area);
}

fn draw_question(frame: &mut Frame, app: &App, q: &QuestionView, area: Rect) {
    let commands = app.commands();
    let answers_height =
        (q.choices.len() as u16 + 2 + u16::from(!commands.is_empty())).min(area.height.saturating_sub(3).max(3));
    let [top, bottom] = Layout::vertical([Constraint::Min(3), Constraint::Length(answers_height)]).areas(area);

    let title = match &q.check {
        Some(id) => format!(" Check {} ", clean(id)),
        None => " Question ".to_string(),
    };
    let mut lines: Vec<Line> = vec![Line::from(clean(&q.text)).bold()];
    if q.revisit {
        lines.push(Line::from("⟲ You answered this before on this path: the jumps went round.").fg(Color::Yellow));
    }
    for n in &q.notes {
        lines.push(Line::from(clean(n)).italic());
    }
    match &q.details {
        Some(d) => {
            lines.push(Line::from(""));
            lines.push(Line::from(format!("Check {}: {}", clean(&d.id), clean(&d.title))).underlined());
            lines.extend(pieces(&d.blocks, top.width.saturating_sub(4)));
        }
        None if q.check.is_some() => {
            lines.push(Line::from(""));
            lines.push(Line::from("(no Node Details for this check)").fg(Color::DarkGray));
        }
        None => {}
    }
    let max_scroll = lines.len().saturating_sub(1) as u16;
    let scroll = app.scroll.min(max_scroll);
    let mut block = Block::bordered().title(title).padding(Padding::horizontal(1));
    if let Some(more) = more_below(&lines, top, scroll) {
        block = block.title_bottom(more);
    }
    let details = Paragraph::new(Text::from(lines)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0));
    frame.render_widget(details, top);

    let mut rows: Vec<Line> = q
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = if i == app.selected { "▶ " } else { "  " };
            let mut spans =
                vec![Span::from(mark), Span::from(format!("{}. ", i + 1)).bold(), Span::from(clean(&c.label))];
            if let Some(o) = &c.outcome {
                spans.push(Span::from(format!(" → {}", clean(o))).fg(Color::DarkGray));
            }
            let line = Line::from(spans);
            if i == app.selected { line.add_modifier(Modifier::REVERSED) } else { line }
        })
        .collect();
    if let Some(cmd) = commands.get(app.command) {
        rows.push(command_line(app, cmd, commands.len(), bottom.width.saturating_sub(2)));
    }
    // Parallel questions waiting for this path's outcome, so the reader knows more is coming.
    let title = match app.walk.unchecked().first() {
        Some(next) => format!(
            " Answers · then also {} ",
            next.check.as_ref().map_or_else(|| clean(&next.text), |id| format!("Check {}", clean(id)))
        ),
        None => " Answers ".to_string(),
    };
    frame.render_widget(Paragraph::new(Text::from(rows)).block(Block::bordered().title(title)), bottom);
}

/// `⧉ [1/5] kubectl …` under the answers: the command `c` copies (and `x` runs), its first
/// line, cut with `…` to fit `width` (the whole of it is copied, and shown before it runs).
fn command_line<'a>(app: &App, cmd: &str, n: usize, width: u16) -> Line<'a> {
    let runnable = app.exec && matches!(app.walk.current(), Step::Question(_));
    let hint = if runnable { "  (c copy · x run · Tab next)" } else { "  (c copy · Tab next)" };
    let lead = format!(" ⧉ [{}/{n}] ", app.command + 1);
    let room = usize::from(width).saturating_sub(lead.chars().count() + hint.chars().count()).max(12);
    Line::from(vec![
        Span::from(lead).fg(Color::DarkGray),
        Span::from(fit(&first_line(cmd), room)).fg(Color::Cyan),
        Span::from(hint).fg(Color::DarkGray),
    ])
}

fn draw_outcome(frame: &mut Frame, app: &App, o: &OutcomeView, area: Rect) {
    let (color, heading) = match &o.end {
        End::Terminal { meaning, .. } => match meaning.as_str() {
            "action" => (Color::Green, " Outcome: action "),
            "warning" => (Color::Yellow, " Outcome: warning "),
            _ => (Color::Red, " Outcome: stop "),
        },
        End::UnmarkedLeaf => (Color::Yellow, " Outcome: unmarked leaf "),
        End::JumpOut { .. } => (Color::Red, " Outcome: jump not followed "),
        End::Loop { .. } => (Color::Red, " Outcome: loop "),
    };
    let commands = app.commands();
    let also_height = if o.also.is_some() { 4 } else { 0 };
    let cmd_height = if commands.is_empty() { 0 } else { 1 };
    let [top, cmd_row, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(cmd_height), Constraint::Length(also_height)])
            .areas(area);

    let mut lines: Vec<Line> = vec![Line::from(clean(&o.text)).bold().fg(color)];
    if let Some(a) = &o.answer {
        lines.push(Line::from(format!("(answer: {})", clean(a))).fg(Color::DarkGray));
    }
    for n in &o.notes {
        lines.push(Line::from(clean(n)).italic());
    }
    lines.push(Line::from(""));
    match &o.end {
        End::Terminal { action: Some(a), .. } => {
            lines.push(Line::from(format!("{}: {}", clean(&a.kind), clean(&a.title))).underlined());
            lines.extend(pieces(&a.blocks, top.width.saturating_sub(4)));
        }
        End::Terminal { unresolved, .. } => {
            lines.push(
                Line::from(format!(
                    "No details for this outcome: {}.",
                    clean(unresolved.as_deref().unwrap_or("unresolved"))
                ))
                .fg(Color::Yellow),
            );
        }
        End::UnmarkedLeaf => {
            lines.push(Line::from("⚠ NOT A TERMINAL ACTION").bold().fg(Color::Yellow));
            lines.push(Line::from("This leaf has no marker (✅, ⚠️, …): the tree does not say what to do here. Decide with care and note why.").fg(Color::Yellow));
        }
        End::JumpOut { target, reason } => {
            lines.push(
                Line::from(format!("⚠ The jump {} could not be followed: {}.", clean(target), clean(reason)))
                    .fg(Color::Red),
            );
        }
        End::Loop { chain } => {
            lines.push(Line::from("⚠ These jumps lead back where they started; the walk stopped:").fg(Color::Red));
            lines.extend(chain.iter().map(|c| Line::from(format!("  {}", clean(c)))));
        }
    }
    let max_scroll = lines.len().saturating_sub(1) as u16;
    let scroll = app.scroll.min(max_scroll);
    let mut block =
        Block::bordered().title(heading).border_style(Style::new().fg(color)).padding(Padding::horizontal(1));
    if let Some(more) = more_below(&lines, top, scroll) {
        block = block.title_bottom(more);
    }
    let body = Paragraph::new(Text::from(lines)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0));
    frame.render_widget(body, top);
    if let Some(cmd) = commands.get(app.command) {
        frame.render_widget(Paragraph::new(command_line(app, cmd, commands.len(), cmd_row.width)), cmd_row);
    }
    if let Some(also) = &o.also {
        let id = also.check.as_ref().map(|id| format!("[Check {}] ", clean(id))).unwrap_or_default();
        let text = vec![
            Line::from(format!("{id}{}", clean(&also.text))).bold(),
            Line::from(vec![
                Span::from("Enter").bold(),
                Span::from(" continue · "),
                Span::from("f").bold(),
                Span::from(" finish here"),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .block(Block::bordered().title(" Also check ").padding(Padding::horizontal(1)))
                .wrap(Wrap { trim: true }),
            bottom,
        );
    }
}

/// Details or action pieces as lines: fields with their key in bold, code in colour, wrapped
/// here at `width` so that a long code line goes on under its own indentation.
fn pieces(blocks: &[Piece], width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        // Paragraphs are apart in the document; a code block stays under its field.
        if i > 0 && !matches!(b, Piece::Code { .. }) {
            lines.push(Line::from(""));
        }
        match b {
            Piece::Field { key, text } => {
                let mut first = true;
                let body = clean_lines(text);
                if body.is_empty() {
                    lines.push(Line::from(Span::from(format!("{}:", clean(key))).bold()));
                }
                for l in body {
                    if first {
                        lines.push(Line::from(vec![Span::from(format!("{}: ", clean(key))).bold(), Span::from(l)]));
                        first = false;
                    } else {
                        lines.push(Line::from(format!("  {l}")));
                    }
                }
            }
            Piece::Text { text } => lines.extend(clean_lines(text).into_iter().map(Line::from)),
            Piece::Code { code, .. } => {
                for l in clean_lines(code) {
                    lines.extend(wrap_code(&l, usize::from(width)).into_iter().map(|r| Line::from(r).fg(Color::Cyan)));
                }
            }
        }
    }
    lines
}

/// One code line as rows of at most `width` characters: indented by two, and its
/// continuation rows by two more than the line's own indentation.
fn wrap_code(line: &str, width: usize) -> Vec<String> {
    let own: String = line.chars().take_while(|c| *c == ' ').collect();
    let first = format!("  {line}");
    if width < 16 || first.chars().count() <= width {
        return vec![first];
    }
    let (lead, more) = (format!("  {own}"), format!("  {own}  "));
    let options = textwrap::Options::new(width).initial_indent(&lead).subsequent_indent(&more);
    textwrap::wrap(line.trim_start_matches(' '), options).into_iter().map(|r| r.into_owned()).collect()
}

fn draw_footer(frame: &mut Frame, app: &App, step: &Step, area: Rect) {
    let text = if let Some(flash) = &app.flash {
        Line::from(clean(flash)).bold()
    } else {
        let keys = match step {
            Step::Question(_) => "↑↓/1-9 Enter choose · b back · r restart · n note · c copy · ? help · q quit",
            Step::Outcome(o) if o.also.is_some() => {
                "Enter continue · f finish · b back · r restart · n note · ? help · q quit"
            }
            Step::Outcome(_) => "b back · r restart · n note · c copy · PgDn scroll · ? help · q quit",
        };
        Line::from(keys).fg(Color::DarkGray)
    };
    let _ = app;
    frame.render_widget(Paragraph::new(text), area);
}

fn help_text(app: &App) -> Vec<Line<'static>> {
    let mut rows = vec![
        ("↑ ↓  k j", "move between answers"),
        ("1–9", "choose that answer"),
        ("Enter", "choose the highlighted answer; at an outcome, also check the next"),
        ("f", "finish at this outcome"),
        ("b ← Backspace", "go back one step"),
        ("r", "restart (b undoes it)"),
        ("n", "add a note to the record"),
        ("c / Tab", "copy the command shown (OSC 52) / show the next"),
        ("PgUp PgDn", "scroll the details"),
        ("q", "quit: keep the record, or not; Esc goes back"),
        ("Ctrl-C", "interrupt: the record says so, exit status 130"),
    ];
    if app.exec {
        rows.insert(8, ("x", "run the command shown, after y"));
    }
    let mut lines: Vec<Line> =
        rows.into_iter().map(|(k, v)| Line::from(vec![Span::from(format!("{k:<14}")).bold(), Span::from(v)])).collect();
    lines.push(Line::from(""));
    lines.push(Line::from("Any key closes this help.").fg(Color::DarkGray));
    lines
}

/// A box centred over the screen, as tall as its wrapped text (within the screen).
fn popup(frame: &mut Frame, title: &str, body: Vec<Line>, width: u16, height: u16) {
    let area = frame.area();
    let w = width.min(area.width);
    // Borders and padding take 4 columns; count the rows each line wraps to.
    let inner = usize::from(w.saturating_sub(4)).max(1);
    // Word wrapping breaks early: a wrapped line gets one row of slack.
    let rows: usize = body.iter().map(|l| if l.width() <= inner { 1 } else { l.width().div_ceil(inner) + 1 }).sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX).max(height.min(3)).min(area.height);
    let rect = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(title.to_string()).padding(Padding::horizontal(1));
    frame.render_widget(Paragraph::new(Text::from(body)).block(block).wrap(Wrap { trim: false }), rect);
}
