//! The results of a batch as CSV and JSON, for download. Both are built from the rows'
//! results and tries only: the runner holds no token and no header, so none can appear.

use super::job::{Job, StepKind};
use super::runner::{Progress, RowState, RowStatus, Runner, TryRecord};
use crate::api::json::{Json, ObjWriter};

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

fn ms(v: f64) -> Json {
    Json::from(v.max(0.0).round() as u64)
}

fn progress_json(p: &Progress) -> Json {
    let n = |v: usize| Json::from(v as u64);
    ObjWriter::new()
        .put("total", n(p.total))
        .put("done", n(p.done))
        .put("failed", n(p.failed))
        .put("skipped", n(p.skipped))
        .put("changed", n(p.changed))
        .put("unconfirmed", n(p.unconfirmed))
        .put("not_started", n(p.not_started))
        .put("aborted", n(p.aborted))
        .put("remaining", n(p.remaining))
        .put("elapsed_ms", ms(p.elapsed_ms))
        .build()
}

fn try_json(t: &TryRecord) -> Json {
    ObjWriter::new()
        .put("run", u64::from(t.run))
        .put("step", t.step.as_str())
        .put("attempt", u64::from(t.attempt))
        .put("operation", t.operation)
        .put("method", t.method.as_str())
        .put("path", t.path.as_str())
        .put("body", t.body.as_deref())
        .put("status", t.status.map(u64::from))
        .put("error_code", t.error_code.as_deref())
        .put("error_msg", t.message.as_deref())
        .put("request_id", t.request_id.as_deref())
        .put("duration_ms", t.duration_ms().map(ms))
        .put("retry_in_ms", t.retry_in_ms.map(ms))
        .build()
}

/// The results as pretty JSON: a summary, then each row with its result and every try
/// (method, path, body, status, error_code, message, request id, retry delay).
pub fn export_json<J: Job>(runner: &Runner<J>, now_ms: f64) -> String {
    let rows: Vec<Json> = runner
        .rows()
        .iter()
        .map(|row| {
            let changes = match &row.status {
                RowStatus::Changed { changes, .. } => Json::Array(
                    changes
                        .iter()
                        .map(|c| {
                            ObjWriter::new()
                                .put("field", c.field)
                                .put("before", c.before.as_str())
                                .put("after", c.after.as_str())
                                .build()
                        })
                        .collect(),
                ),
                _ => Json::Array(Vec::new()),
            };
            ObjWriter::new()
                .put("service_id", row.job.subject_id())
                .put("service_name", row.job.subject_name())
                .put("action", row.job.action_title().as_str())
                .put("result", row.status.label())
                .put("detail", row.status.detail().as_str())
                .put("sent", sent(row))
                .put("changed_on_server", changes)
                .put(
                    "tries",
                    Json::Array(row.tries.iter().map(try_json).collect()),
                )
                .build()
        })
        .collect();
    ObjWriter::new()
        .put("summary", progress_json(&runner.progress(now_ms)))
        .put("rows", Json::Array(rows))
        .build()
        .to_pretty()
}
