//! `duban import plan FILE`: read a plan document into the database (or preview it).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{CmdResult, Ctx, Failure};
use crate::i18n::{self, Msg};
use crate::identity::os_login;
use crate::import::units::match_existing;
use crate::import::{self, ImportError, Options, mapping, plan_units};
use crate::report::import::{preview_json, render_preview, saved_json};
use crate::store::{Db, StoreError};

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    what: ImportWhat,
}

#[derive(Subcommand, Debug)]
enum ImportWhat {
    /// Import a plan from its text (UTF-8 or GB18030), as copied from a web page or a .docx:
    /// sections, numbered tasks, responsible units (* = lead), deadlines, indicator tables
    #[command(
        long_about = "Import a plan (行动计划) from its plain text, as copied from a web page or a \
                      .docx (UTF-8 or GB18030).\n\nReads 一、/(一)/1. numbering, responsibility notes \
                      ((责任单位:*A、B), 牵头单位:/配合单位:, A牵头,B配合), deadlines in the text \
                      (2021年底前, 到2023年, 每年), and tables (targets per year or per unit, key \
                      projects). Everything is saved in one transaction. Unit names are matched \
                      against existing departments and aliases; new ones are created and listed, \
                      with any close existing names.\n\nUse --dry-run first to see what would be \
                      created."
    )]
    Plan(PlanArgs),
    /// Read back the task spreadsheet (as `duban export xlsx` writes it, or an office's own):
    /// new tasks, changed units and deadlines, new progress, in one transaction
    Xlsx(super::import_sheet::SheetArgs),
    /// The same from a CSV (UTF-8 with or without BOM, or GB18030)
    Csv(super::import_sheet::SheetArgs),
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The plan's text file
    file: PathBuf,
    /// Print what would be created (sections, tasks with units and deadlines, indicators, new
    /// departments, lines to check) and save nothing
    #[arg(long)]
    dry_run: bool,
    /// Treat a unit name of the document as another unit: an existing department (name or alias)
    /// or another unit of the document; the name is kept as an alias. Repeatable:
    /// --map 经信局=区经济和信息化局
    #[arg(long = "map", value_name = "NAME=UNIT")]
    maps: Vec<String>,
    /// Print JSON: the preview with --dry-run, else what was saved
    #[arg(long)]
    json: bool,
}

/// Files above this size get a progress line on a terminal.
const SLOW_BYTES: u64 = 4 * 1024 * 1024;

pub fn run(ctx: &Ctx, args: ImportArgs) -> CmdResult {
    match args.what {
        ImportWhat::Plan(a) => plan(ctx, a),
        ImportWhat::Xlsx(a) => super::import_sheet::run(ctx, a, import::sheet::Format::Xlsx),
        ImportWhat::Csv(a) => super::import_sheet::run(ctx, a, import::sheet::Format::Csv),
    }
}

fn plan(ctx: &Ctx, args: PlanArgs) -> CmdResult {
    let shown = args.file.display().to_string();
    let opts = Options {
        fallback_title: args
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.clone()),
        fallback_year: ctx.clock.year(),
    };
    let fail = |e: ImportError| Failure::User(i18n::import_error(ctx.lang, &shown, &e));
    let size = import::file::check(&args.file).map_err(fail)?;
    if size > SLOW_BYTES && std::io::stderr().is_terminal() {
        eprintln!("{}", i18n::msg(ctx.lang, Msg::ImportReading(&shown)));
    }
    let mut draft = import::file::read_plan_file(&args.file, &opts).map_err(fail)?;

    // The departments the names meet: the database's, or none when a dry run has no file yet.
    let path = ctx.db_path()?;
    let existing = match Db::open(&path) {
        Ok(db) => db.department_names().map_err(ctx.store_err_at(&path))?,
        Err(StoreError::Missing(_)) if args.dry_run => {
            eprintln!(
                "{}",
                i18n::msg(ctx.lang, Msg::ImportNoDatabase(&path.display().to_string()))
            );
            Vec::new()
        }
        Err(e) => return Err(ctx.store_err_at(&path)(e)),
    };
    for arg in &args.maps {
        mapping::parse(arg)
            .and_then(|(from, to)| mapping::map_unit(&mut draft, &from, &to, &existing))
            .map_err(|e| Failure::User(i18n::map_error(ctx.lang, &e)))?;
    }

    if args.dry_run {
        let units = plan_units(&draft.unit_names(), &existing);
        if args.json {
            ctx.out(&format!("{}\n", preview_json(&draft, &units)))?;
        } else {
            let mut text = render_preview(&draft, &units, ctx.lang);
            text.push('\n');
            text.push_str(i18n::import_labels(ctx.lang).dry_run);
            text.push('\n');
            ctx.out(&text)?;
        }
        // The import rehearsed and rolled back, so that a dry run that passes means the real one
        // passes (the permission, every name's text); the preview above is shown either way.
        if path.exists() {
            let mut db = ctx.open()?;
            db.rehearse_draft(&draft, match_existing, &os_login(), ctx.clock.now())
                .map_err(ctx.store_err_at(&path))?;
        }
        return Ok(());
    }

    let mut db = ctx.open()?;
    let db_path = db.path().to_path_buf();
    let saved = db
        .save_draft(&draft, match_existing, &os_login(), ctx.clock.now())
        .map_err(ctx.store_err_at(&db_path))?;
    if args.json {
        return ctx.out(&format!("{}\n", saved_json(&draft, &saved)));
    }
    let summary = i18n::msg(
        ctx.lang,
        Msg::ImportSaved {
            title: &draft.title,
            tasks: saved.tasks,
            sections: saved.sections,
            indicators: saved.indicators,
            new_units: saved.new_departments.len(),
            existing_units: saved.existing_departments.len(),
            doubts: draft.doubts.len(),
        },
    );
    // The lines to check go with the summary: nothing is lost silently.
    let mut text = summary;
    text.push('\n');
    if saved.projects + saved.milestones > 0 {
        text.push_str(&format!(
            "{}\n",
            i18n::preview::saved_projects(ctx.lang, saved.projects, saved.milestones)
        ));
    }
    for (alias, dept) in &saved.new_aliases {
        text.push_str(&format!(
            "  {}\n",
            i18n::msg(ctx.lang, Msg::ImportAliasAdded { alias, dept })
        ));
    }
    for d in &draft.doubts {
        text.push_str(&format!(
            "  {} {}: {}: {}\n",
            i18n::import_labels(ctx.lang).line,
            d.line,
            i18n::doubt(ctx.lang, d.kind),
            d.text
        ));
    }
    ctx.out(&text)
}
