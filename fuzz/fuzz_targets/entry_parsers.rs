//! What clerks type: deadlines (2021年底前, 到2023年, 6月底前…), percents (60, 60%, ６０％,
//! +10) and three-part notes. Any text must parse or be refused, never panic.
#![no_main]

use duban::domain::{Deadline, Percent, deadline, note::ReportNote};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for year in [1, 2024, 9999] {
        let _ = Deadline::parse(text, year);
        let _ = deadline::scan(text, year);
    }
    let _ = Percent::parse(text, Percent::ZERO);
    if let Ok(current) = Percent::parse("55", Percent::ZERO) {
        let _ = Percent::parse(text, current);
    }
    let note = ReportNote::parse(text);
    let _ = ReportNote::parse(&note.to_text());
});
