//! Start-up. The window comes first: the library (migrations, seeding, the sample draft on the
//! first start) is opened on a thread of its own while the window and its page load. Until it is
//! open, the commands that need it answer `Error::Starting`, and the page waits for `app_ready`
//! and asks again. Then the analyzer's rules are compiled on another thread (at once on the first
//! start, where the sample draft needs them); analyses wait for them on a blocking worker.
//! Nothing here ever blocks the main thread.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Condvar, Mutex, Once, OnceLock, PoisonError};

use cloudclause_engine::analysis::{topics, Rules};
use cloudclause_engine::library::{Library, SeedReport};
use cloudclause_engine::model::DeploymentModel;
use cloudclause_engine::templates::{TemplateFiles, TemplateSet};
use cloudclause_engine::{db, ingest, Error};

use crate::memory::WarmRules;

/// The sample contract the app opens on: an original SaaS agreement written for CloudClause's
/// tests (CC0), with brand-name parties, a RACI table and cross-references.
pub const SAMPLE_NAME: &str = "sample-saas-contact-center-zh.md";
pub const SAMPLE: &str =
    include_str!("../../tests/fixtures/contracts/zh-saas-huilian-contact-center.md");

type Res<T> = Result<T, Error>;

/// A value that a start-up thread sets once; readers either look (`get`) or wait for it.
pub struct Pending<T> {
    value: OnceLock<T>,
    lock: Mutex<()>,
    ready: Condvar,
}

impl<T> Default for Pending<T> {
    fn default() -> Self {
        Pending {
            value: OnceLock::new(),
            lock: Mutex::new(()),
            ready: Condvar::new(),
        }
    }
}

impl<T: Send + Sync + 'static> Pending<T> {
    fn set(&self, value: T) {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        // Set once only: a second value (there is none) would be dropped.
        let _ = self.value.set(value);
        self.ready.notify_all();
    }

    /// The value, if it has been set.
    pub fn get(&self) -> Option<&T> {
        self.value.get()
    }

    /// Blocks the calling thread until the value is set (never called on the main thread).
    fn wait(&self) -> &T {
        let mut guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(v) = self.value.get() {
                return v;
            }
            guard = self
                .ready
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Waits for the value on a blocking worker, so that no async worker (and never the main
    /// thread) sleeps; returns at once when it is already set.
    pub async fn ready(self: &Arc<Self>) -> &T {
        if let Some(v) = self.value.get() {
            return v;
        }
        let me = Arc::clone(self);
        let _ = tauri::async_runtime::spawn_blocking(move || {
            me.wait();
        })
        .await;
        self.wait()
    }
}

/// The open library and what the app shows about its opening.
pub struct Opened {
    pub library: Mutex<Library>,
    /// The library's templates, for analyses that run without holding the library's lock.
    pub templates: Arc<TemplateSet>,
    pub seed: SeedReport,
    pub database: String,
}

pub type OpenedCell = Pending<Res<Opened>>;

/// The analyzer's rules, loaded once on their own thread when first needed (their regexes are
/// built as the analyses need them).
pub struct RulesCell {
    rules: Arc<Pending<Res<Arc<Rules>>>>,
    /// What the analyses use: copies of the compiled rules whose caches go when idle.
    warm: Arc<WarmRules>,
    started: Once,
}

impl Default for RulesCell {
    fn default() -> Self {
        RulesCell {
            rules: Arc::default(),
            warm: Arc::default(),
            started: Once::new(),
        }
    }
}

impl RulesCell {
    /// Starts compiling the rules, unless that has begun already.
    pub fn start(&self) {
        self.started.call_once(|| {
            self.warm.watch();
            on_thread("cloudclause-rules", &self.rules, || {
                let rules = Rules::load(&TemplateFiles::builtin()).map(Arc::new);
                crate::memory::release_free();
                rules
            });
        });
    }

    /// The rules, once compiled (started if need be; waits off the main thread).
    pub async fn ready(&self) -> Res<Arc<Rules>> {
        self.start();
        let base = self.rules.ready().await.clone()?;
        Ok(self.warm.hand_out(&base))
    }

    /// Blocks the calling thread (a start-up thread) until the rules are compiled.
    fn wait(&self) -> &Res<Arc<Rules>> {
        self.start();
        self.rules.wait()
    }
}

/// Starts opening the library, then compiling the rules. The library waits for the rules only
/// on the first start, to read the sample's deployment model; otherwise they compile while the
/// page draws its first screen, for the analysis that follows.
pub fn start(opened: &Arc<OpenedCell>, rules: &Arc<RulesCell>) {
    let rules = Arc::clone(rules);
    on_thread("cloudclause-open", opened, move || {
        let result = open(&rules);
        rules.start();
        result
    });
}

/// Runs `work` on a named thread and stores its result in `cell`; a thread that cannot start,
/// or work that stops unexpectedly, stores an error instead (the page shows it).
fn on_thread<T: Send + Sync + 'static>(
    name: &str,
    cell: &Arc<Pending<Res<T>>>,
    work: impl FnOnce() -> Res<T> + Send + 'static,
) {
    let stopped = |what: String| Error::Database {
        message: format!("{what}; restart the app"),
    };
    let target = Arc::clone(cell);
    let spawned = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let result = std::panic::catch_unwind(AssertUnwindSafe(work))
                .unwrap_or_else(|_| Err(stopped("the start-up stopped unexpectedly".into())));
            if let Err(e) = &result {
                eprintln!("cloudclause-app: {e}");
            }
            target.set(result);
        });
    if let Err(e) = spawned {
        cell.set(Err(stopped(format!("the start-up could not begin ({e})"))));
    }
}

fn open(rules: &RulesCell) -> Res<Opened> {
    let path = db::default_path()?;
    let (mut lib, seed) = Library::open(&path, &TemplateFiles::builtin())?;
    // A failure here is reported and otherwise ignored: the app works without the sample.
    if let Err(e) = lib.draft_sample_once(SAMPLE_NAME, SAMPLE.as_bytes(), || {
        sample_model(rules.wait())
    }) {
        eprintln!("cloudclause-app: the sample draft could not be made: {e}");
    }
    Ok(Opened {
        templates: lib.shared_templates(),
        library: Mutex::new(lib),
        seed,
        database: path.display().to_string(),
    })
}

/// The deployment model the analyzer detects in the sample (what its full analysis would say,
/// from the deployment-model cues alone).
fn sample_model(rules: &Res<Arc<Rules>>) -> Option<DeploymentModel> {
    let rules = rules.as_ref().ok()?;
    let doc = ingest::read(SAMPLE_NAME, SAMPLE.as_bytes()).ok()?;
    // (A copy, so that the app's rules hold no handles of their own: letting the built regexes
    // go when idle then frees them.)
    Some(topics::detect_model(&topics::model_scores(
        &doc.text,
        &rules.fresh(),
    )))
}
