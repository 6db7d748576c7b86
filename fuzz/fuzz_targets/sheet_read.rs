//! A spreadsheet a clerk sends back (`import csv|xlsx`): any bytes are read or refused, never a
//! panic.
#![no_main]

use duban::import::sheet::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = read(bytes, Format::Csv, "fuzz.csv");
    let _ = read(bytes, Format::Xlsx, "fuzz.xlsx");
});
