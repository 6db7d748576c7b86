//! A walk of the tasks in two stages side by side: the reading thread steps SQLite and fills each
//! task's row (half of a circular's walk at a million tasks, and of an export), a second thread
//! does the rest with it (the circular's replay and sums, the export's cells). Rows pass a batch
//! at a time, and come back to be filled again, so a task's texts are not allocated anew.

use std::sync::mpsc;

use crate::store::{Result, StoreError};

/// Rows per message between the stages.
const BATCH: usize = 256;

/// What the reading is handed: it calls it with each task's row, in order.
pub type Each<'a, T> = &'a mut dyn FnMut(&mut T) -> Result<()>;

/// `read` hands every task's row, in order, to the closure it is given; `take` sees each of them
/// in the same order on a thread of its own. The first failure stops both: `take`'s comes back
/// as it was (the reading then only says it stopped), else the reading's.
///
/// The row handed over is taken, a spare (`T::default()` or one `take` is done with) left in
/// its place: the reading must set every field of the next row. An owned value passes as
/// `Option<V>`, which `take` takes out.
pub fn walk<T: Default + Send, E: Send + From<StoreError>>(
    read: impl FnOnce(Each<'_, T>) -> Result<()>,
    mut take: impl FnMut(&mut T) -> std::result::Result<(), E> + Send,
) -> std::result::Result<(), E> {
    std::thread::scope(|s| {
        // A few batches in flight: the reader runs ahead while the taker is busy.
        let (full, rows) = mpsc::sync_channel::<Vec<T>>(4);
        let (spent, back) = mpsc::channel::<Vec<T>>();
        let taker = std::thread::Builder::new()
            .name("circular-sums".into())
            .spawn_scoped(s, move || -> std::result::Result<(), E> {
                for mut batch in rows {
                    for row in &mut batch {
                        take(row)?;
                    }
                    // The reader may have finished: its rows are then dropped here.
                    let _ = spent.send(batch);
                }
                Ok(())
            })
            .map_err(|e| E::from(StoreError::Refused(e.to_string())))?;
        let stopped = || StoreError::Refused("the circular's sums stopped".into());
        let mut batch: Vec<T> = Vec::with_capacity(BATCH);
        let mut spare: Vec<T> = Vec::new();
        let mut hand = |row: &mut T| -> Result<()> {
            if spare.is_empty()
                && let Ok(mut returned) = back.try_recv()
            {
                spare.append(&mut returned);
            }
            // The row read goes on; the reader fills a spare one (every field) for the next task.
            let mut next = spare.pop().unwrap_or_default();
            std::mem::swap(row, &mut next);
            batch.push(next);
            if batch.len() == BATCH {
                let ready = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                full.send(ready).map_err(|_| stopped())?;
            }
            Ok(())
        };
        let read = read(&mut hand).and_then(|()| {
            if batch.is_empty() {
                return Ok(());
            }
            full.send(std::mem::take(&mut batch)).map_err(|_| stopped())
        });
        drop(full);
        match taker.join() {
            Ok(taken) => taken?,
            Err(panic) => std::panic::resume_unwind(panic),
        }
        read.map_err(E::from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TaskRow;

    fn row(id: i64) -> TaskRow {
        TaskRow {
            id,
            title: format!("task {id}"),
            ..TaskRow::default()
        }
    }

    /// Reads `n` rows the way the store does: one buffer, every field set for each task.
    fn reader(n: i64) -> impl FnOnce(Each<'_, TaskRow>) -> Result<()> {
        move |each| {
            let mut buffer = TaskRow::default();
            for id in 1..=n {
                buffer.id = id;
                buffer.title.clear();
                buffer.title.push_str(&format!("task {id}"));
                each(&mut buffer)?;
            }
            Ok(())
        }
    }

    #[test]
    fn every_row_arrives_once_in_order_across_batches() {
        let mut seen = Vec::new();
        walk::<_, StoreError>(reader(1000), |r: &mut TaskRow| {
            assert_eq!(r.title, row(r.id).title);
            seen.push(r.id);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, (1..=1000).collect::<Vec<_>>());
    }

    #[test]
    fn the_takers_failure_comes_back_and_stops_the_reading() {
        let mut read = 0;
        let out = walk::<_, StoreError>(
            |each| {
                let mut buffer = TaskRow::default();
                for id in 1..=100_000 {
                    buffer.id = id;
                    read += 1;
                    each(&mut buffer)?;
                }
                Ok(())
            },
            |r: &mut TaskRow| match r.id {
                300 => Err(StoreError::Refused("disk full".into())),
                _ => Ok(()),
            },
        );
        assert!(matches!(out, Err(StoreError::Refused(m)) if m == "disk full"));
        assert!(
            read < 100_000,
            "the reading went on after the failure: {read}"
        );
    }

    #[test]
    fn the_readings_failure_comes_back() {
        let out = walk::<_, StoreError>(
            |each| {
                let mut buffer = TaskRow::default();
                each(&mut buffer)?;
                Err(StoreError::Refused("bad row".into()))
            },
            |_: &mut TaskRow| Ok(()),
        );
        assert!(matches!(out, Err(StoreError::Refused(m)) if m == "bad row"));
    }
}
