//! The results of a batch as CSV and JSON, for download. Both are built from the rows'
//! results and tries only: the runner holds no token and no header, so none can appear.
//! They are written in English whatever language the screen shows ([`InEnglish`]).

use serde::Serialize;

use super::job::{Job, StepKind};
use super::run_state::{Progress, RowState, RowStatus, TryRecord};
use super::runner::Runner;
use crate::api::words::{set_words, w, Words, EN};

/// Exports stay English whatever the screen shows: the words shown are set back when the
/// export is written (also if writing it panics).
struct InEnglish(&'static Words);

impl InEnglish {
    fn start() -> Self {
        let shown = w();
        set_words(&EN);
        InEnglish(shown)
    }
}

impl Drop for InEnglish {
    fn drop(&mut self) {
        set_words(self.0);
    }
}

const CSV_COLUMNS: [&str; 11] = [
    "service_id",
    "service_name",
    "action",
    "result",
    "detail",
    "tries",
    "http_status",
    "error_code",
    "error_message",
    "request_id",
    "sent",
];

/// One CSV cell (RFC 4180): quoted when it holds a comma, a quote, a line break or
/// surrounding spaces, with quotes doubled. A cell starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading apostrophe, so that a spreadsheet shows server text
/// (an error message, a description) as text instead of running it as a formula.
pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    let quote = guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if quote {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The last try that got an answer or an error: what the row's columns show.
fn last_answered<J>(row: &RowState<J>) -> Option<&TryRecord> {
    row.tries.iter().rev().find(|t| t.finished_ms.is_some())
}

/// Whether the row's change reached the server: `yes` when a write was answered with
/// success, `maybe` when one got no answer (timed out, aborted: it may have been applied),
/// `no` otherwise (never sent, or refused).
fn sent<J>(row: &RowState<J>) -> &'static str {
    let writes = || row.tries.iter().filter(|t| t.step == StepKind::Send);
    if writes().any(|t| t.status.is_some_and(|s| (200..300).contains(&s))) {
        "yes"
    } else if writes().any(|t| t.status.is_none()) {
        "maybe"
    } else {
        "no"
    }
}

/// The results, one line per row, CRLF line ends, a header line first.
pub fn export_csv<J: Job>(runner: &Runner<J>) -> String {
    let _english = InEnglish::start();
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for row in runner.rows() {
        let last = last_answered(row);
        let error_message = match &row.status {
            RowStatus::Failed { error } => error.error_msg.clone().or(Some(error.hint.clone())),
            _ => last.and_then(|t| t.message.clone()),
        };
        let cells = [
            row.job.subject_id().to_owned(),
            row.job.subject_name().to_owned(),
            row.job.action_title(),
            row.status.label().to_owned(),
            row.status.detail(),
            row.tries.len().to_string(),
            last.and_then(|t| t.status)
                .map(|s| s.to_string())
                .unwrap_or_default(),
            last.and_then(|t| t.error_code.clone()).unwrap_or_default(),
            error_message.unwrap_or_default(),
            last.and_then(|t| t.request_id.clone()).unwrap_or_default(),
            sent(row).to_owned(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Milliseconds, whole.
fn ms(v: f64) -> u64 {
    v.max(0.0).round() as u64
}

/// The JSON export, written in the order of the fields; an unset value is `null`.
#[derive(Serialize)]
struct Export<'a> {
    summary: Summary,
    rows: Vec<RowOut<'a>>,
}

#[derive(Serialize)]
struct Summary {
    total: usize,
    done: usize,
    failed: usize,
    skipped: usize,
    changed: usize,
    unconfirmed: usize,
    not_started: usize,
    aborted: usize,
    remaining: usize,
    elapsed_ms: u64,
}

impl Summary {
    fn of(p: &Progress) -> Summary {
        Summary {
            total: p.total,
            done: p.done,
            failed: p.failed,
            skipped: p.skipped,
            changed: p.changed,
            unconfirmed: p.unconfirmed,
            not_started: p.not_started,
            aborted: p.aborted,
            remaining: p.remaining,
            elapsed_ms: ms(p.elapsed_ms),
        }
    }
}

#[derive(Serialize)]
struct RowOut<'a> {
    service_id: &'a str,
    service_name: &'a str,
    action: String,
    result: &'static str,
    detail: String,
    sent: &'static str,
    changed_on_server: Vec<ChangeOut<'a>>,
    tries: Vec<TryOut<'a>>,
}

#[derive(Serialize)]
struct ChangeOut<'a> {
    field: &'static str,
    before: &'a str,
    after: &'a str,
}

#[derive(Serialize)]
struct TryOut<'a> {
    run: u32,
    step: &'static str,
    attempt: u32,
    operation: &'static str,
    method: &'static str,
    path: &'a str,
    body: Option<&'a str>,
    status: Option<u16>,
    error_code: Option<&'a str>,
    error_msg: Option<&'a str>,
    request_id: Option<&'a str>,
    duration_ms: Option<u64>,
    retry_in_ms: Option<u64>,
}

impl<'a> TryOut<'a> {
    fn of(t: &'a TryRecord) -> TryOut<'a> {
        TryOut {
            run: t.run,
            step: t.step.as_str(),
            attempt: t.attempt,
            operation: t.operation,
            method: t.method.as_str(),
            path: &t.path,
            body: t.body.as_deref(),
            status: t.status,
            error_code: t.error_code.as_deref(),
            error_msg: t.message.as_deref(),
            request_id: t.request_id.as_deref(),
            duration_ms: t.duration_ms().map(ms),
            retry_in_ms: t.retry_in_ms.map(ms),
        }
    }
}

/// The results as pretty JSON: a summary, then each row with its result and every try
/// (method, path, body, status, error_code, message, request id, retry delay).
pub fn export_json<J: Job>(runner: &Runner<J>, now_ms: f64) -> String {
    let _english = InEnglish::start();
    let rows = runner
        .rows()
        .iter()
        .map(|row| RowOut {
            service_id: row.job.subject_id(),
            service_name: row.job.subject_name(),
            action: row.job.action_title(),
            result: row.status.label(),
            detail: row.status.detail(),
            sent: sent(row),
            changed_on_server: match &row.status {
                RowStatus::Changed { changes, .. } => changes
                    .iter()
                    .map(|c| ChangeOut {
                        field: c.field,
                        before: &c.before,
                        after: &c.after,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            tries: row.tries.iter().map(TryOut::of).collect(),
        })
        .collect();
    let export = Export {
        summary: Summary::of(&runner.progress(now_ms)),
        rows,
    };
    serde_json::to_string_pretty(&export).expect("the results always serialize")
}
