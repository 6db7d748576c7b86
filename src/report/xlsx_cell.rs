//! Text cut to what an Excel cell holds. Excel refuses a cell of more than 32,767 characters (and
//! `rust_xlsxwriter` with it); the journal is append-only, so a note that long, written by an older
//! duban or around it, stays in the file forever and must not make every later export fail. The
//! cell is cut with a visible marker, and the command says on stderr how many cells it cut.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Every workbook's table headings: bold, wrapped, centred, light blue, with thin borders, so the
/// circular, the export and their extra sheets look alike.
pub fn heading_format() -> rust_xlsxwriter::Format {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// Excel's limit on a cell's text, in characters.
pub const MAX_CHARS: usize = 32_767;

/// What ends a cut cell, so a reader of the sheet knows the text goes on in the record.
pub const MARKER: &str = "…(超出Excel单元格上限,已截断)";

/// Cells cut since the last `take_cut`. Process-wide rather than passed down: the workbooks are
/// written on worker threads from spooled rows, and one command writes one workbook, so a counter
/// read once at the end says what that command cut.
static CUT: AtomicUsize = AtomicUsize::new(0);

/// `text`, or its first characters and `MARKER` when it is longer than a cell holds.
pub fn fit(text: &str) -> Cow<'_, str> {
    // Bytes bound characters from above: most cells are decided without counting.
    if text.len() <= MAX_CHARS || text.chars().count() <= MAX_CHARS {
        return text.into();
    }
    CUT.fetch_add(1, Ordering::Relaxed);
    let keep = MAX_CHARS - MARKER.chars().count();
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let mut cut = String::with_capacity(end + MARKER.len());
    cut.push_str(&text[..end]);
    cut.push_str(MARKER);
    cut.into()
}

/// How many cells were cut since the last call, and starts counting again.
pub fn take_cut() -> usize {
    CUT.swap(0, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_over_excels_limit_is_cut_with_a_marker() {
        assert_eq!(fit("短"), "短");
        let exact = "字".repeat(MAX_CHARS);
        assert_eq!(fit(&exact), exact.as_str());
        let long = "字".repeat(MAX_CHARS + 5);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), MAX_CHARS);
        assert!(cut.ends_with(MARKER));
        assert!(take_cut() >= 1);
    }
}
