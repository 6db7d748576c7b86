use super::*;

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn contract_keys_map_to_their_commands() {
    let m = Mode::Normal;
    let v = View::Departments;
    let cases = [
        (press(KeyCode::Char('j')), C::Down),
        (press(KeyCode::Down), C::Down),
        (press(KeyCode::Char('k')), C::Up),
        (press(KeyCode::Up), C::Up),
        (press(KeyCode::PageDown), C::PageDown),
        (press(KeyCode::PageUp), C::PageUp),
        (press(KeyCode::Char('g')), C::First),
        (
            KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
            C::Last,
        ),
        (press(KeyCode::Tab), C::NextPane),
        (press(KeyCode::BackTab), C::PrevPane),
        (press(KeyCode::Enter), C::Open),
        (press(KeyCode::Char('1')), C::View(View::Departments)),
        (press(KeyCode::Char('2')), C::View(View::Tasks)),
        (press(KeyCode::Char('3')), C::View(View::Deadlines)),
        (press(KeyCode::Char('/')), C::Filter),
        (press(KeyCode::Char('s')), C::Sort),
        (press(KeyCode::Char('r')), C::Reload),
        (press(KeyCode::Char('?')), C::Help),
        (press(KeyCode::Char('q')), C::Quit),
        (
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            C::Quit,
        ),
    ];
    for (event, want) in cases {
        assert_eq!(lookup(&event, Place::new(m, v)), Some(want), "{event:?}");
    }
}

#[test]
fn reserved_keys_do_nothing_yet() {
    for c in ['x', 'z'] {
        let event = press(KeyCode::Char(c));
        assert_eq!(
            lookup(&event, Place::new(Mode::Normal, View::Departments)),
            None
        );
    }
}

#[test]
fn the_form_takes_letters_as_text_and_ctrl_c_cancels() {
    for c in ['e', 'q', 'j', 'y', '?', '1'] {
        let event = press(KeyCode::Char(c));
        assert_eq!(
            lookup(&event, Place::new(Mode::Form, View::Departments)),
            None,
            "{c}"
        );
    }
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        lookup(&ctrl_c, Place::new(Mode::Form, View::Tasks)),
        Some(C::Cancel)
    );
    assert_eq!(
        lookup(&ctrl_c, Place::new(Mode::ConfirmDiscard, View::Tasks)),
        Some(C::No)
    );
    let shift_e = KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT);
    assert_eq!(
        lookup(&shift_e, Place::new(Mode::Normal, View::Tasks)),
        Some(C::EditTask)
    );
    assert_eq!(
        lookup(
            &press(KeyCode::Char('n')),
            Place::new(Mode::Normal, View::Tasks)
        ),
        Some(C::NewTask)
    );
    assert_eq!(
        lookup(&shift_e, Place::new(Mode::Editor, View::Tasks)),
        None,
        "typed in the editor"
    );
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        lookup(&ctrl_s, Place::new(Mode::Form, View::Tasks)),
        Some(C::Save)
    );
    assert_eq!(
        lookup(
            &press(KeyCode::BackTab),
            Place::new(Mode::Form, View::Tasks)
        ),
        Some(C::PrevField)
    );
    assert_eq!(
        lookup(
            &press(KeyCode::Char('e')),
            Place::new(Mode::Detail, View::Tasks)
        ),
        Some(C::Report)
    );
}

#[test]
fn sort_only_where_there_is_something_to_sort() {
    let s = press(KeyCode::Char('s'));
    assert_eq!(lookup(&s, Place::new(Mode::Normal, View::Tasks)), None);
    assert_eq!(
        lookup(&s, Place::new(Mode::Detail, View::Departments)),
        None
    );
}

#[test]
fn views_5_and_6_and_the_settings_screen_have_their_own_keys() {
    let report = Place::new(Mode::Normal, View::Report);
    let settings = Place {
        settings: true,
        ..report
    };
    let six = Place::new(Mode::Normal, View::Indicators);
    let enter = press(KeyCode::Enter);
    assert_eq!(lookup(&enter, report), Some(C::Open));
    assert_eq!(lookup(&enter, settings), Some(C::Open));
    assert_eq!(lookup(&enter, six), Some(C::Report));
    assert_eq!(lookup(&press(KeyCode::Char('e')), six), Some(C::Report));
    assert_eq!(lookup(&press(KeyCode::Char('[')), six), Some(C::PrevPeriod));
    assert_eq!(lookup(&press(KeyCode::Char(']')), six), Some(C::NextPeriod));
    assert_eq!(lookup(&press(KeyCode::Char('o')), settings), Some(C::Close));
    assert_eq!(lookup(&press(KeyCode::Char('[')), settings), None);
    assert_eq!(lookup(&press(KeyCode::Char('G')), six), Some(C::Last));
    // The settings screen lists its own keys, not the ranking's.
    let labels = |p: Place| -> Vec<&str> { visible(p).map(|b| b.describe(Lang::Zh)).collect() };
    assert!(labels(settings).contains(&"修改"));
    assert!(!labels(settings).contains(&"得分明细"));
    assert!(!labels(report).contains(&"修改"));
    let viewer = Place {
        admin: false,
        ..settings
    };
    assert!(!labels(viewer).contains(&"修改"));
    assert!(!labels(viewer).contains(&"红黄灯预设"));
    // Plan editing is for the task views only.
    assert!(!labels(six).contains(&"修改任务"));
    assert!(labels(Place::new(Mode::Detail, View::Tasks)).contains(&"修改任务"));
}

#[test]
fn the_figure_entry_takes_letters_as_text() {
    let figure = Place::new(Mode::Figure, View::Indicators);
    for c in ['e', 'q', 'j', '?', '1', '['] {
        assert_eq!(lookup(&press(KeyCode::Char(c)), figure), None, "{c}");
    }
    assert_eq!(lookup(&press(KeyCode::Enter), figure), Some(C::Save));
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(lookup(&ctrl('s'), figure), Some(C::Save));
    assert_eq!(lookup(&ctrl('c'), figure), Some(C::Cancel));
    assert_eq!(lookup(&press(KeyCode::BackTab), figure), Some(C::PrevField));
}

#[test]
fn p_switches_plans_and_the_switcher_has_its_keys() {
    let shift_p = KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT);
    for view in [
        View::Departments,
        View::Tasks,
        View::Report,
        View::Indicators,
    ] {
        assert_eq!(
            lookup(&shift_p, Place::new(Mode::Normal, view)),
            Some(C::Plans)
        );
    }
    let plans = Place::new(Mode::Plans, View::Tasks);
    assert_eq!(lookup(&press(KeyCode::Enter), plans), Some(C::Pick));
    assert_eq!(lookup(&press(KeyCode::Esc), plans), Some(C::Cancel));
    assert_eq!(lookup(&shift_p, plans), Some(C::Cancel));
    assert_eq!(lookup(&press(KeyCode::Char('k')), plans), Some(C::Up));
    assert_eq!(lookup(&press(KeyCode::Char('g')), plans), Some(C::First));
    assert_eq!(lookup(&press(KeyCode::Char('e')), plans), None);
}

#[test]
fn help_closes_on_its_own_key() {
    let event = press(KeyCode::Char('?'));
    assert_eq!(
        lookup(&event, Place::new(Mode::Help, View::Tasks)),
        Some(C::Close)
    );
}

/// The parts after the list screens' apply only in a mode of their own, so their place in the
/// table cannot change which key wins or what the footer shows on a list screen.
#[test]
fn the_parts_for_forms_and_dialogs_never_apply_on_a_list_screen() {
    let views = [
        View::Departments,
        View::Tasks,
        View::Deadlines,
        View::People,
        View::Report,
        View::Indicators,
    ];
    for part in [
        super::import::IMPORT,
        super::form::FORM,
        super::editor::EDITOR,
        super::batch::BATCH,
        super::plans::PLANS,
    ] {
        for b in part {
            for view in views {
                for mode in [Mode::Normal, Mode::Detail] {
                    let mut place = Place::new(mode, view);
                    for settings in [false, true] {
                        place.settings = settings;
                        assert!(!applies(b.when, place), "{} in {mode:?} {view:?}", b.label);
                    }
                }
            }
        }
    }
}
