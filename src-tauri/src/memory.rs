//! What the app holds while the user does nothing.
//!
//! - The analyzer's regexes learn lazy-DFA states as they read: some 25 MB after one Chinese
//!   contract, half the app's heap (heaptrack, release build at idle). They make the next
//!   analysis of the same draft fast (3.9 ms against 17 ms for a 3,575-character contract,
//!   `benches/analyze.rs`), which matters while the user types, not after. The analyses get
//!   their rules through [`WarmRules`]: after `IDLE` without one, its copy of the rules (with the
//!   caches) is dropped and the next analysis starts from a fresh one.
//! - glibc (Linux) gives each thread that allocates its own malloc arena, up to eight per core,
//!   and keeps what an arena frees for later: the start-up threads, Tauri's async workers and the
//!   analyses on blocking workers each kept pages that were used once (about 10 MB at idle).
//!   Two arenas are enough for an app whose work is one analysis or one write at a time; and
//!   what is freed is returned to the system.
//!
//! The only unsafe code of the workspace: two calls into glibc, neither of which takes a pointer.
#![allow(unsafe_code)]

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use cloudclause_engine::analysis::Rules;

/// How long without an analysis before the regexes' caches are let go.
const IDLE: Duration = Duration::from_secs(10);
/// How often the idle watcher looks.
const CHECK: Duration = Duration::from_secs(2);

/// The rules the analyses use, with their caches, while the user works.
#[derive(Default)]
pub struct WarmRules {
    state: Mutex<Warm>,
}

#[derive(Default)]
struct Warm {
    /// `None` until the first analysis, and again after an idle spell.
    rules: Option<Arc<Rules>>,
    last_use: Option<Instant>,
}

impl WarmRules {
    /// The rules for an analysis: the warm copy, or a fresh copy of the compiled `base` (which
    /// itself never serves an analysis, so that its caches stay empty).
    pub fn hand_out(&self, base: &Rules) -> Arc<Rules> {
        let mut warm = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        warm.last_use = Some(Instant::now());
        Arc::clone(warm.rules.get_or_insert_with(|| Arc::new(base.fresh())))
    }

    /// Drops the warm copy when no analysis has asked for it for `IDLE` and none still holds
    /// it; says whether it did.
    fn release_if_idle(&self) -> bool {
        let mut warm = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let idle = warm.last_use.is_some_and(|t| t.elapsed() >= IDLE);
        let unused = warm
            .rules
            .as_ref()
            .is_some_and(|r| Arc::strong_count(r) == 1);
        if idle && unused {
            warm.rules = None;
            warm.last_use = None;
        }
        idle && unused
    }

    /// Starts the thread that lets the caches go when the app is idle.
    pub fn watch(self: &Arc<Self>) {
        let me = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("cloudclause-idle".into())
            .spawn(move || loop {
                std::thread::sleep(CHECK);
                if me.release_if_idle() {
                    release_free();
                }
            });
        // Without the watcher the app works as before, holding the caches.
        if let Err(e) = spawned {
            eprintln!("cloudclause-app: the idle watcher could not start ({e})");
        }
    }
}

/// Called first thing in `main`, before any thread of the app starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets glibc's tuning parameter; it is called before other threads run.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns the heap's free pages to the system (after the start-up work, and when the caches
/// have been let go).
pub fn release_free() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim walks glibc's own arenas under their locks; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}
