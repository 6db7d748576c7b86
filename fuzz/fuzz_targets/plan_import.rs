//! The plan importer on any bytes: decoding (UTF-8, UTF-16, GB18030, binary), the numbering and
//! note parser, tables, and the unit planning that follows. It may refuse; it must not panic or
//! hang.
#![no_main]

use duban::import::{Options, plan_units, read_plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        fallback_title: "fuzz".into(),
        fallback_year: 2024,
    };
    if let Ok((draft, _)) = read_plan(data, &opts) {
        // What the preview and the save do next with a draft.
        let _ = plan_units(&draft.unit_names(), &[]);
        for t in &draft.tasks {
            let _ = t.section.map(|i| draft.section_path(i));
        }
    }
});
