//! Evidence files (佐证材料) from the progress form, in-process: Tab completes a path in the
//! 佐证材料 field, Tab again lists the candidates, an empty field moves on; on Ctrl-S the report
//! is saved and then each file attached with the report as its owner; a file that cannot be
//! attached is named with why, and the report stays saved.

#[path = "support/ui.rs"]
mod support;

use duban::domain::attachment::Owner;
use duban::i18n::Lang;
use duban::store::AttachmentQuery;
use duban::tui::action::{Action, Command};
use duban::tui::field::Edit;
use duban::tui::form::Field;
use duban::tui::state::Mode;
use support::{Ui, demo, session};

impl Ui<'_> {
    fn type_form(&mut self, text: &str) {
        self.send(text.chars().map(|c| Action::FormEdit(Edit::Insert(c))));
    }

    fn files_text(&self) -> String {
        self.state.form.as_ref().unwrap().files.text().to_string()
    }

    fn focus(&self) -> Field {
        self.state.form.as_ref().unwrap().focus
    }
}

#[test]
fn tab_completes_the_path_and_the_files_go_with_the_saved_report() {
    let files = tempfile::tempdir().unwrap();
    let d = files.path();
    std::fs::write(d.join("验收报告.pdf"), b"report").unwrap();
    std::fs::write(d.join("现场照片1.jpg"), b"photo 1").unwrap();
    std::fs::write(d.join("现场照片2.jpg"), b"photo 2").unwrap();
    let (_dir, mut db) = demo();
    let s = session(Lang::Zh);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    assert_eq!(ui.state.mode, Mode::Form);
    let (task, dept) = {
        let f = ui.state.form.as_ref().unwrap();
        (f.data.task_id, f.data.department_id)
    };
    ui.type_form("95");
    // Tab through the note to the evidence field; there, empty, Tab moves on (to the percent).
    ui.cmd(&[
        Command::NextField,
        Command::NextField,
        Command::NextField,
        Command::NextField,
    ]);
    assert_eq!(ui.focus(), Field::Files);
    assert!(ui.screen().contains("佐证材料"), "{}", ui.screen());
    ui.cmd(&[Command::NextField]);
    assert_eq!(ui.focus(), Field::Percent, "an empty field moves on");
    ui.cmd(&[Command::PrevField]);
    assert_eq!(ui.focus(), Field::Files);
    let dir = d.display().to_string();
    ui.type_form(&format!("{dir}/现"));
    ui.cmd(&[Command::NextField]);
    assert_eq!(ui.files_text(), format!("{dir}/现场照片"));
    // Nothing more to add: the second Tab lists the two under the field.
    ui.cmd(&[Command::NextField]);
    assert_eq!(ui.focus(), Field::Files);
    let screen = ui.screen();
    assert!(
        screen.contains("现场照片1.jpg  现场照片2.jpg"),
        "the candidates under the field: {screen}"
    );
    ui.type_form("2.jpg; ");
    ui.type_form(&format!("{dir}/验"));
    ui.cmd(&[Command::NextField]);
    assert_eq!(
        ui.files_text(),
        format!("{dir}/现场照片2.jpg; {dir}/验收报告.pdf")
    );
    // A complete name: Tab goes on.
    ui.cmd(&[Command::NextField]);
    assert_eq!(ui.focus(), Field::Percent);
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal, "saved and closed");
    let notice = ui.state.notice.as_ref().map(|n| n.text.clone()).unwrap();
    assert!(notice.contains("附佐证材料 2 个"), "{notice}");
    let report = ui.runner.db.history(task, dept).unwrap().last().unwrap().id;
    let kept = ui
        .runner
        .db
        .attachments(&AttachmentQuery {
            owner: Some(Owner::Progress(report)),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<_> = kept.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["现场照片2.jpg", "验收报告.pdf"]);
    assert!(kept.iter().all(|a| a.task_id == task && a.by == "sunhui"));
    let mut bytes = Vec::new();
    ui.runner
        .db
        .read_attachment(kept[0].id, &mut bytes)
        .unwrap();
    assert_eq!(bytes, b"photo 2");
}

#[test]
fn a_file_that_cannot_be_attached_is_named_and_the_report_stays() {
    let files = tempfile::tempdir().unwrap();
    let good = files.path().join("ok.pdf");
    std::fs::write(&good, b"ok").unwrap();
    let (_dir, mut db) = demo();
    let s = session(Lang::En);
    let mut ui = Ui::new(&mut db, &s, 80, 24);
    ui.cmd(&[Command::NextPane, Command::Report]);
    let (task, dept) = {
        let f = ui.state.form.as_ref().unwrap();
        (f.data.task_id, f.data.department_id)
    };
    let before = ui.runner.db.history(task, dept).unwrap().len();
    ui.type_form("95");
    ui.cmd(&[Command::PrevField]);
    assert_eq!(ui.focus(), Field::Files);
    ui.type_form(&format!(
        "{}; /dev/zero; {}",
        good.display(),
        good.display()
    ));
    ui.cmd(&[Command::Save]);
    assert_eq!(ui.state.mode, Mode::Normal);
    assert_eq!(ui.runner.db.history(task, dept).unwrap().len(), before + 1);
    let notice = ui.state.notice.as_ref().unwrap();
    assert!(notice.alert);
    assert!(
        notice.text.contains("1 kept") && notice.text.contains("/dev/zero: not a regular file"),
        "{}",
        notice.text
    );
    let kept = ui
        .runner
        .db
        .attachments(&AttachmentQuery {
            task_id: Some(task),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        kept.len(),
        1,
        "the files after the one refused are not tried"
    );
}
