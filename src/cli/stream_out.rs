//! Stdout for an output written while it is read (`tasks`, `cycle`, `remind`): buffered, every
//! control character of stored text shown as `Ctx::out` shows it (`Visible`), and a reader that
//! goes away (`duban tasks | head`) an end, not an error.

use std::io::{BufWriter, StdoutLock, Write};

use super::{CmdResult, Ctx, Failure};
use crate::report::text::Visible;
use crate::store::{Db, StoreError};

pub type Stdout = BufWriter<Visible<StdoutLock<'static>>>;

pub fn stdout() -> Stdout {
    BufWriter::with_capacity(1 << 16, Visible::new(std::io::stdout().lock()))
}

/// Why a streamed output stopped: the file, or the writing.
pub enum Stop {
    Store(StoreError),
    Io(std::io::Error),
}

impl From<StoreError> for Stop {
    fn from(e: StoreError) -> Stop {
        Stop::Store(e)
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        Stop::Io(e)
    }
}

impl Ctx {
    /// The end of a streamed output: what is left written out; a closed pipe is the reader's
    /// choice, a store error is said as every command says it.
    pub fn finish(&self, db: &Db, mut out: Stdout, written: Result<(), Stop>) -> CmdResult {
        match written.and_then(|()| Ok(out.flush()?)) {
            Ok(()) => Ok(()),
            Err(Stop::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(Stop::Io(e)) => Err(Failure::Internal(color_eyre::Report::new(e))),
            Err(Stop::Store(e)) => Err(self.store_err_at(db.path())(e)),
        }
    }
}
