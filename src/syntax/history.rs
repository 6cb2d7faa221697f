//! The model's undo history, one for both views of the model: the text
//! editor (Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y) and the diagram editor (its Undo
//! and Redo buttons) step through the same [`Snapshot`]s — the model text
//! and the constructs named in the drawing that have no item yet (so not
//! in the text: `pending`), since every drawing action is an edit of one or
//! the other. Typing is grouped: changes less than [`GROUP_MS`] apart are
//! one step; each drawing action is its own step.

/// Typing pauses shorter than this (ms) join one undo step.
pub const GROUP_MS: f64 = 1000.0;
/// The oldest steps are forgotten past this many.
const LIMIT: usize = 200;

/// What one step of the history restores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The model text.
    pub text: String,
    /// Latent variables named in the drawing without an item yet.
    pub pending: Vec<String>,
}

/// The snapshots before (`past`) and after (`future`) the current one.
#[derive(Debug, Clone, Default)]
pub struct History {
    past: Vec<Snapshot>,
    future: Vec<Snapshot>,
    /// When the last change was recorded and whether it was typing.
    last: f64,
    last_typed: bool,
}

impl History {
    /// Records a change away from `before` at `now` (ms). `step`: a drawing
    /// action (or another whole edit), never joined with typing.
    pub fn record(&mut self, before: Snapshot, step: bool, now: f64) {
        let joins = !step && self.last_typed && !self.past.is_empty() && now - self.last < GROUP_MS;
        if !joins {
            self.past.push(before);
            if self.past.len() > LIMIT {
                self.past.remove(0);
            }
        }
        self.future.clear();
        self.last = now;
        self.last_typed = !step;
    }

    /// The snapshot before `current`, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let t = self.past.pop()?;
        self.future.push(current);
        self.last_typed = false;
        Some(t)
    }

    /// The snapshot undone last, if any; `current` becomes undoable.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let t = self.future.pop()?;
        self.past.push(current);
        self.last_typed = false;
        Some(t)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
