//! The only terminal I/O: stdout, stderr, prompts, and the end-of-run warnings block.

use std::io::{self, BufRead, IsTerminal, Read, Write};

use keystore::Password;

/// Output streams, prompt input and queued warnings.
pub(crate) struct Ui {
    stdin_is_terminal: bool,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Ui {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ui")
            .field("warnings", &self.warnings.len())
            .finish_non_exhaustive()
    }
}

impl Ui {
    pub(crate) fn new() -> Self {
        Self {
            stdin_is_terminal: io::stdin().is_terminal(),
            warnings: Vec::new(),
        }
    }

    /// Writes to stdout (errors such as a closed pipe are reported by the caller's flush).
    pub(crate) fn out(&mut self, text: &str) {
        self.out_bytes(text.as_bytes());
    }

    pub(crate) fn out_bytes(&mut self, bytes: &[u8]) {
        let mut out = io::stdout().lock();
        let _ = out.write_all(bytes);
        let _ = out.flush();
    }

    /// Writes to stderr.
    pub(crate) fn err(&mut self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    }

    /// Queues a warning for the end-of-run block.
    pub(crate) fn warn(&mut self, warning: String) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// Prints the queued warnings (stderr): an empty line, `Warning:`, one line each.
    pub(crate) fn finish(&mut self, nowarn: bool) {
        if nowarn || self.warnings.is_empty() {
            return;
        }
        let mut block = String::from("\nWarning:\n");
        for w in self.warnings.drain(..) {
            block.push_str(&w);
            block.push('\n');
        }
        self.err(&block);
    }

    /// Prints the queued warnings before a yes/no question, as keytool does.
    pub(crate) fn flush_warnings_before_question(&mut self) {
        if self.warnings.is_empty() {
            return;
        }
        let mut block = String::from("\nWarning:\n");
        for w in self.warnings.drain(..) {
            block.push_str(&w);
            block.push('\n');
        }
        block.push('\n');
        self.err(&block);
    }

    /// Runs `work`; when `show` and stderr is a terminal, prints a dot every half second meanwhile
    /// (large RSA keys take seconds to generate). Nothing is printed otherwise, so scripted output
    /// stays keytool's.
    pub(crate) fn with_progress<T>(&mut self, show: bool, work: impl FnOnce() -> T) -> T {
        if !show || !io::stderr().is_terminal() {
            return work();
        }
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&done);
        let ticker = std::thread::spawn(move || {
            let mut printed = false;
            let mut ticks = 0u32;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(50));
                ticks += 1;
                if ticks.is_multiple_of(10) && !flag.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = io::stderr().write_all(b".");
                    printed = true;
                }
            }
            if printed {
                let _ = io::stderr().write_all(b"\n");
            }
        });
        let result = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = ticker.join();
        result
    }

    /// Reads a password after `prompt` (no echo on a terminal). `None` at end of input.
    pub(crate) fn password(&mut self, prompt: &str) -> Option<Password> {
        self.err(prompt);
        if self.stdin_is_terminal {
            let line = read_terminal_password().ok()?;
            return Some(Password::new(line));
        }
        let line = read_line_unbuffered()?;
        Some(Password::new(line))
    }

    /// A secret typed twice on a terminal (`prompt`, then `again`); from a non-terminal stdin one
    /// line is read without any prompt, and end of input gives an empty secret (keytool
    /// `-importpass`).
    pub(crate) fn secret_line(
        &mut self,
        prompt: &str,
        again: &str,
    ) -> Result<zeroize::Zeroizing<String>, crate::error::KtError> {
        if !self.stdin_is_terminal {
            return Ok(zeroize::Zeroizing::new(
                read_line_unbuffered().unwrap_or_default(),
            ));
        }
        for _ in 0..3 {
            self.err(prompt);
            let first = zeroize::Zeroizing::new(read_terminal_password().unwrap_or_default());
            self.err(again);
            let second = zeroize::Zeroizing::new(read_terminal_password().unwrap_or_default());
            if first == second {
                return Ok(first);
            }
            self.err("They don't match. Try again\n");
        }
        Err(crate::error::KtError::exception(
            "Too many failures - try later",
        ))
    }

    /// Reads one line after `prompt` without consuming anything past it (DN and alias prompts).
    pub(crate) fn line(&mut self, prompt: &str) -> Option<String> {
        self.err(prompt);
        if self.stdin_is_terminal {
            let mut s = String::new();
            match io::stdin().lock().read_line(&mut s) {
                Ok(0) | Err(_) => None,
                Ok(_) => Some(s.trim_end_matches(['\n', '\r']).to_owned()),
            }
        } else {
            read_line_unbuffered()
        }
    }

    /// Asks a yes/no question. Like keytool, a non-terminal stdin is read through a fresh
    /// buffer for each question, so input beyond the first line that is already available is
    /// consumed and lost. `None` at end of input.
    pub(crate) fn question(&mut self, prompt: &str) -> Option<String> {
        self.err(prompt);
        if self.stdin_is_terminal {
            let mut s = String::new();
            return match io::stdin().lock().read_line(&mut s) {
                Ok(0) | Err(_) => None,
                Ok(_) => Some(s.trim_end_matches(['\n', '\r']).to_owned()),
            };
        }
        let mut buf = [0u8; 8192];
        let n = io::stdin().lock().read(&mut buf).ok().filter(|&n| n > 0)?;
        let chunk = buf.get(..n)?;
        let line = chunk.split(|&b| b == b'\n').next().unwrap_or_default();
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        Some(String::from_utf8_lossy(line).into_owned())
    }
}

/// One line from stdin, byte by byte, so nothing after it is consumed.
fn read_line_unbuffered() -> Option<String> {
    let mut stdin = io::stdin().lock();
    let mut line = zeroize::Zeroizing::new(Vec::new());
    let mut byte = [0u8; 1];
    loop {
        match stdin.read(&mut byte) {
            Ok(0) | Err(_) if line.is_empty() => return None,
            Ok(0) | Err(_) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => line.push(byte[0]),
        }
    }
    let text = line.strip_suffix(b"\r").unwrap_or(&line);
    Some(String::from_utf8_lossy(text).into_owned())
}

fn read_terminal_password() -> io::Result<String> {
    rpassword::read_password()
}
