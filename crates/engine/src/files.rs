//! Reading and writing the user's files, the same way for the CLI and the desktop app:
//! reads are bounded (the size is checked before anything is loaded), writes are atomic
//! (a temporary file beside the target, flushed, then renamed over it).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Reads a file of at most `limit` bytes; a larger one is refused by `too_large(size)` before it
/// is loaded.
pub fn read_limited(
    path: &Path,
    limit: u64,
    too_large: impl FnOnce(u64) -> Error,
) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path).map_err(|e| io(path, e))?.len();
    if size > limit {
        return Err(too_large(size));
    }
    std::fs::read(path).map_err(|e| io(path, e))
}

/// Writes `bytes` to `path` atomically: a reader never sees a half-written file, and a failed
/// write leaves the old file as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_and_reads_within_the_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("pack.json");
        write_atomic(&p, b"old").expect("write");
        write_atomic(&p, b"new content").expect("overwrite");
        assert_eq!(std::fs::read(&p).expect("read"), b"new content");
        let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
        assert_eq!(
            read_limited(&p, 100, |_| Error::EmptyQuery).expect("read"),
            b"new content"
        );
        assert!(matches!(
            read_limited(&p, 3, |n| Error::InvalidInput {
                message: n.to_string()
            }),
            Err(Error::InvalidInput { .. })
        ));
    }
}
