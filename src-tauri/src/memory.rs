//! What the app holds while the user does nothing.
//!
//! - The analyzer's regexes learn lazy-DFA states as they read: some 25 MB after one Chinese
//!   contract, half the app's heap (heaptrack, release build at idle). They make the next
//!   analysis of the same draft fast (3.9 ms against 17 ms for a 3,575-character contract,
//!   `benches/analyze.rs`), which matters while the user types, not after. The analyses get
//!   their rules through [`WarmRules`]: after `IDLE` without one, its copy of the rules (with the
//!   caches) is dropped and the next analysis starts from a fresh one.
//! - The regexes themselves are built on first use: some 50 MB for the lists one Chinese contract
//!   uses. After `LONG_IDLE` without an analysis they go too, and the next analysis builds them
//!   again (93 ms against 9 ms for that contract, once). Until then a pause costs nothing.
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
/// How long without an analysis before the built regexes are let go.
const LONG_IDLE: Duration = Duration::from_secs(60);
/// How often the idle watcher looks.
const CHECK: Duration = Duration::from_secs(2);

/// The rules the analyses use, with their caches, while the user works.
#[derive(Default)]
pub struct WarmRules {
    state: Mutex<Warm>,
}

#[derive(Default)]
struct Warm {
    /// The app's rules, whose lists hold the regexes the analyses build (the copies take their
    /// handles from them); kept from the first analysis on.
    base: Option<Arc<Rules>>,
    /// The copy the analyses use, with its own caches. `None` until the first analysis and
    /// after an idle spell.
    rules: Option<Arc<Rules>>,
    last_use: Option<Instant>,
}

/// What an idle spell let go.
#[derive(Debug, PartialEq, Eq)]
enum Released {
    Nothing,
    Caches,
    Regexes,
}

impl WarmRules {
    /// The rules for an analysis: the warm copy, or a fresh copy of the app's `base`.
    pub fn hand_out(&self, base: &Arc<Rules>) -> Arc<Rules> {
        let mut warm = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        warm.last_use = Some(Instant::now());
        warm.base = Some(Arc::clone(base));
        Arc::clone(warm.rules.get_or_insert_with(|| Arc::new(base.fresh())))
    }

    /// Drops the caches after `IDLE` and lets the built regexes go after `LONG_IDLE` without an
    /// analysis, if no analysis still holds them; says what it let go.
    fn release_if_idle(&self, now: Instant) -> Released {
        let mut warm = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(last) = warm.last_use else {
            return Released::Nothing;
        };
        let idle = now.saturating_duration_since(last);
        if let Some(rules) = &warm.rules {
            if idle < IDLE || Arc::strong_count(rules) > 1 {
                return Released::Nothing;
            }
            warm.rules = None;
            return Released::Caches;
        }
        match &warm.base {
            Some(base) if idle >= LONG_IDLE => {
                base.forget_built();
                warm.last_use = None;
                Released::Regexes
            }
            _ => Released::Nothing,
        }
    }

    /// Starts the thread that lets the caches and regexes go when the app is idle.
    pub fn watch(self: &Arc<Self>) {
        let me = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("cloudclause-idle".into())
            .spawn(move || loop {
                std::thread::sleep(CHECK);
                if me.release_if_idle(Instant::now()) != Released::Nothing {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, clippy::unwrap_used)]
    use super::*;
    use cloudclause_engine::templates::TemplateFiles;

    fn base() -> Arc<Rules> {
        Arc::new(Rules::load(&TemplateFiles::builtin()).expect("rules"))
    }

    #[test]
    fn caches_go_after_a_short_idle_and_regexes_after_a_long_one() {
        let base = base();
        let warm = WarmRules::default();
        let t0 = Instant::now();
        assert_eq!(warm.release_if_idle(t0 + LONG_IDLE), Released::Nothing);
        let first = warm.hand_out(&base);
        // While an analysis holds the copy, nothing goes.
        assert_eq!(warm.release_if_idle(t0 + LONG_IDLE * 2), Released::Nothing);
        // A second analysis soon after gets the same copy (its caches).
        let again = warm.hand_out(&base);
        assert!(Arc::ptr_eq(&first, &again));
        drop((first, again));
        let used = Instant::now();
        assert_eq!(warm.release_if_idle(used + IDLE / 2), Released::Nothing);
        assert_eq!(warm.release_if_idle(used + IDLE), Released::Caches);
        assert_eq!(warm.release_if_idle(used + IDLE), Released::Nothing);
        assert_eq!(warm.release_if_idle(used + LONG_IDLE), Released::Regexes);
        assert_eq!(
            warm.release_if_idle(used + LONG_IDLE * 2),
            Released::Nothing
        );
        // After both, an analysis gets new rules that work.
        let next = warm.hand_out(&base);
        assert!(next.items.len() == base.items.len() && !next.items.is_empty());
    }

    #[test]
    fn an_analysis_in_between_keeps_the_regexes() {
        let base = base();
        let warm = WarmRules::default();
        drop(warm.hand_out(&base));
        let used = Instant::now();
        assert_eq!(warm.release_if_idle(used + IDLE), Released::Caches);
        // The next analysis comes before the long idle: the built copy is kept and used.
        drop(warm.hand_out(&base));
        let used = Instant::now();
        assert_eq!(warm.release_if_idle(used + LONG_IDLE / 2), Released::Caches);
        assert_eq!(
            warm.release_if_idle(used + LONG_IDLE / 2),
            Released::Nothing
        );
        assert_eq!(warm.release_if_idle(used + LONG_IDLE), Released::Regexes);
    }
}
