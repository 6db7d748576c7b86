//! Rows handed to a thread of their own as the tasks are read (the circular's task lists: kept
//! on disk, measured, or made into Markdown there), so that the other core does that work while
//! the reading thread reads. They go a batch at a time: one message per task woke the keeper
//! 100,000 times, a sixth of the reading thread's time in futex calls at 100,000 tasks.

use std::io;
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::JoinHandle;

/// Rows per message to the keeper.
const BATCH: usize = 256;

pub struct Keeper<T: Send + 'static, R: Send + 'static> {
    batch: Vec<T>,
    rows: Option<SyncSender<Vec<T>>>,
    keeper: Option<JoinHandle<io::Result<R>>>,
}

impl<T: Send + 'static, R: Send + 'static> Keeper<T, R> {
    /// A thread named `name` running `keep` over every row pushed, in order, until `finish`.
    pub fn new(
        name: &str,
        keep: impl FnOnce(&mut dyn Iterator<Item = T>) -> io::Result<R> + Send + 'static,
    ) -> io::Result<Keeper<T, R>> {
        let (rows, seen) = std::sync::mpsc::sync_channel::<Vec<T>>(4);
        let keeper = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || keep(&mut rows_of(seen)))?;
        Ok(Keeper {
            batch: Vec::with_capacity(BATCH),
            rows: Some(rows),
            keeper: Some(keeper),
        })
    }

    pub fn push(&mut self, row: T) -> io::Result<()> {
        self.batch.push(row);
        if self.batch.len() < BATCH || self.send() {
            return Ok(());
        }
        // The keeper stopped on a failure (a full disk): that is the error to show.
        match self.finish() {
            Err(e) => Err(e),
            Ok(_) => Err(io::Error::other("the keeper of the rows has stopped")),
        }
    }

    /// Hands the batch to the keeper; false when the keeper has stopped.
    fn send(&mut self) -> bool {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.rows.as_ref().is_some_and(|r| r.send(batch).is_ok())
    }

    /// What the keeper made, once it has every row.
    pub fn finish(&mut self) -> io::Result<R> {
        if !self.batch.is_empty() && !self.send() {
            // The keeper stopped on a failure: joining it below says which.
            self.batch.clear();
        }
        drop(self.rows.take());
        match self.keeper.take() {
            Some(keeper) => keeper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => Err(io::Error::other("the keeper of the rows has stopped")),
        }
    }
}

/// The rows of every batch, in order, until the sender is gone.
fn rows_of<T>(seen: Receiver<Vec<T>>) -> impl Iterator<Item = T> {
    seen.into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reaches_the_keeper_in_order_and_its_failure_is_the_error() {
        let mut k = Keeper::new("test", |rows| Ok(rows.collect::<Vec<u32>>())).unwrap();
        for i in 0..1000 {
            k.push(i).unwrap();
        }
        assert_eq!(k.finish().unwrap(), (0..1000).collect::<Vec<_>>());

        let mut k = Keeper::new("test", |rows| {
            rows.next();
            Err::<(), _>(io::Error::other("disk full"))
        })
        .unwrap();
        let failed = (0..10_000).map(|i| k.push(i)).find_map(Result::err);
        let e = failed.or_else(|| k.finish().err()).unwrap();
        assert_eq!(e.to_string(), "disk full");
    }
}
