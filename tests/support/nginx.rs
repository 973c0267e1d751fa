//! nginx as the tests run it: from a prefix folder of its own (its logs, pid and temporary
//! files there), in the foreground, with a site included in its http block; stopped on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's nginx (bash .ci/test installs it).
pub const NGINX: &str = "/usr/sbin/nginx";
/// Debian's brotli_static module, loaded when it is installed.
pub const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Writes `prefix/nginx.conf`: one worker in the foreground, everything it writes under
/// `prefix`, and `include` (a file or a glob) in its http block.
pub fn write_main_conf(prefix: &Path, include: &str) {
    let p = prefix.display();
    let load = if Path::new(BROTLI_MODULE).exists() {
        format!("load_module {BROTLI_MODULE};\n")
    } else {
        String::new()
    };
    // As root the workers would be nobody, who may not read the test's folders.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false);
    let user = if root { "user root;\n" } else { "" };
    let conf = format!(
        "{load}{user}worker_processes 1;\ndaemon off;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log {p}/access.log;\n\
         client_body_temp_path {p}/body; proxy_temp_path {p}/proxy; fastcgi_temp_path {p}/fastcgi;\n\
         uwsgi_temp_path {p}/uwsgi; scgi_temp_path {p}/scgi;\n  include {include};\n}}\n"
    );
    std::fs::write(prefix.join("nginx.conf"), conf).unwrap();
}

/// `nginx -p prefix -c prefix/nginx.conf` followed by `args`.
pub fn command(prefix: &Path) -> Command {
    let mut c = Command::new(NGINX);
    c.arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"));
    c
}

/// A running nginx of [`write_main_conf`]'s prefix; SIGTERM on drop.
pub struct Running {
    child: Child,
    prefix: PathBuf,
}

impl Running {
    pub fn start(prefix: &Path) -> Running {
        let child = command(prefix)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx is not installed: bash .ci/test installs it");
        Running {
            child,
            prefix: prefix.to_owned(),
        }
    }

    /// Fails with nginx's error log if it has exited.
    pub fn assert_running(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("nginx exited ({status}): {}", self.error_log());
        }
    }

    pub fn prefix(&self) -> &Path {
        &self.prefix
    }

    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default()
    }

    pub fn access_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("access.log")).unwrap_or_default()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // SIGTERM: the master stops its workers too (SIGKILL would orphan them).
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
