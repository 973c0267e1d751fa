//! Many services at once: the plan the user confirms, the runner's bounds (concurrency,
//! rate, retries), cancel and retry, the stale-state check, the watch after `creating`,
//! progress, and the exports. A simulated API answers the runner's requests on a virtual
//! clock, so every test is native and takes milliseconds.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::{json, Value};
use vpcep_console::api::batch::{
    csv_cell, export_csv, export_json, is_throttled, plan, select_all_queries, Answer, BatchAction,
    Decision, PageTick, PlannedRow, RowStatus, RunOptions, Runner, Selection, StepKind, Work,
    WorkId, FETCH_PAGE_SIZE, MAX_SELECTED,
};
use vpcep_console::api::error::classify;
use vpcep_console::api::list::ListView;
use vpcep_console::api::poll::PollPolicy;
use vpcep_console::api::{
    build_request, plan_update, ApiRequest, Dialect, EndpointService, Method, Operation,
    ServiceDraft, Settings,
};

const TOKEN: &str = "MIIEXAMPLE-secret-token-value-0123456789";
const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";

fn settings(dialect: Dialect) -> Settings {
    Settings {
        proxy_url: "https://console.example.com/vpcep".into(),
        project_id: PROJECT.into(),
        region: "eu-west-101".into(),
        dialect,
        token: TOKEN.into(),
        token_by_proxy: false,
        token_expired: false,
    }
}

fn id(n: usize) -> String {
    format!("4189d3c2-8882-4871-a3c2-{n:012}")
}

/// A basic, available service as the list shows it.
fn service(n: usize) -> EndpointService {
    EndpointService {
        id: id(n),
        service_name: Some(format!("eu-west-101.svc-{n}.{}", id(n))),
        status: Some("available".into()),
        approval_enabled: Some(false),
        description: Some(format!("Tier {n}")),
        tcp_proxy: Some("close".into()),
        port_id: Some("5f6c3a1e-0b1d-4c9e-8f7a-2d3b4c5d6e7f".into()),
        updated_at: Some("2025-01-20T10:00:00Z".into()),
        supported_editions: vec!["basic".into()],
        ..Default::default()
    }
}

fn services(n: usize) -> Vec<EndpointService> {
    (0..n).map(service).collect()
}

fn no_wait() -> RunOptions {
    RunOptions {
        concurrency: 8,
        rate_per_second: 50.0,
        ..RunOptions::default()
    }
}

fn poll() -> PollPolicy {
    PollPolicy {
        interval_ms: 1000,
        max_attempts: 5,
    }
}

/// A service as the API sends it.
fn to_json(s: &EndpointService) -> Value {
    json!({
        "id": s.id,
        "service_name": s.service_name,
        "status": s.status,
        "approval_enabled": s.approval_enabled,
        "description": s.description,
        "tcp_proxy": s.tcp_proxy,
        "port_id": s.port_id,
        "updated_at": s.updated_at,
        "supported_editions": s.supported_editions,
        "ports": [],
        "some_field_added_later": 1,
    })
}

/// Which request the server is answering: method and service id.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    at: f64,
    method: Method,
    service: String,
    body: Option<String>,
}

type Fault = Box<dyn FnMut(&ApiRequest, usize) -> Option<Answer>>;

/// The VPCEP API, in memory. `fault` may answer a request instead (the number is how many
/// requests for that service and method came before).
struct FakeApi {
    services: HashMap<String, Value>,
    /// After a PUT, a service stays `creating` for this many GETs.
    creating_gets: u32,
    creating_left: HashMap<String, u32>,
    seen: Vec<Seen>,
    counts: HashMap<(&'static str, String), usize>,
    fault: Fault,
    /// PUTs applied, per service.
    applied: HashMap<String, usize>,
    /// The first PUT of these services is applied, but its answer never comes.
    lose_first_answer: Vec<String>,
    version: u32,
}

impl FakeApi {
    fn new(list: &[EndpointService]) -> Self {
        FakeApi {
            services: list.iter().map(|s| (s.id.clone(), to_json(s))).collect(),
            creating_gets: 0,
            creating_left: HashMap::new(),
            seen: Vec::new(),
            counts: HashMap::new(),
            fault: Box::new(|_, _| None),
            applied: HashMap::new(),
            lose_first_answer: Vec::new(),
            version: 0,
        }
    }

    fn service_of(req: &ApiRequest) -> String {
        let parts: Vec<&str> = req.path.split('/').collect();
        // /v1/{project}/vpc-endpoint-services/{id}[/upgrade]
        parts[4].to_owned()
    }

    /// Applies a PUT as the API would; the answer is the service.
    fn apply(&mut self, sid: &str, body: &str) -> Value {
        self.version += 1;
        let body: Value = serde_json::from_str(body).unwrap();
        let s = self.services.get_mut(sid).unwrap();
        for (k, v) in body.as_object().unwrap() {
            s[k] = v.clone();
        }
        s["updated_at"] = json!(format!("2025-01-21T00:00:{:02}Z", self.version % 60));
        if self.creating_gets > 0 {
            s["status"] = json!("creating");
            self.creating_left
                .insert(sid.to_owned(), self.creating_gets);
        }
        *self.applied.entry(sid.to_owned()).or_default() += 1;
        s.clone()
    }

    fn answer(&mut self, req: &ApiRequest, now: f64) -> Answer {
        assert_eq!(req.header("X-Auth-Token"), Some(TOKEN));
        let sid = Self::service_of(req);
        self.seen.push(Seen {
            at: now,
            method: req.method,
            service: sid.clone(),
            body: req.body.clone(),
        });
        let n = self
            .counts
            .entry((req.method.as_str(), sid.clone()))
            .or_default();
        let before = *n;
        *n += 1;
        if let Some(a) = (self.fault)(req, before) {
            return a;
        }
        let rid = format!("req-{}", self.seen.len());
        match req.method {
            Method::Get => {
                if let Some(left) = self.creating_left.get_mut(&sid) {
                    if *left == 0 {
                        self.services.get_mut(&sid).unwrap()["status"] = json!("available");
                        self.creating_left.remove(&sid);
                    } else {
                        *left -= 1;
                    }
                }
                Answer::http(200, &self.services[&sid].to_string(), Some(&rid))
            }
            Method::Put => {
                let s = self.apply(&sid, req.body.as_deref().unwrap());
                if before == 0 && self.lose_first_answer.contains(&sid) {
                    return Answer::TimedOut { seconds: 30 };
                }
                Answer::http(200, &s.to_string(), Some(&rid))
            }
            Method::Post => {
                let s = self.services.get_mut(&sid).unwrap();
                s["supported_editions"] = json!(["basic", "profession"]);
                Answer::Http {
                    status: 204,
                    headers: vec![("X-Request-Id".into(), rid)],
                    body: String::new(),
                }
            }
        }
    }

    fn puts(&self) -> Vec<&Seen> {
        self.seen
            .iter()
            .filter(|s| s.method == Method::Put)
            .collect()
    }
}

/// Drives a runner as the browser shell would, on a virtual clock: every request takes
/// `latency_ms`; the shell calls `next_work` after each answer and at `wake_at`.
struct Sim {
    runner: Runner,
    api: FakeApi,
    settings: Settings,
    clock: f64,
    latency_ms: f64,
    pending: Vec<(f64, Work)>,
    starts: Vec<f64>,
    max_in_flight: usize,
}

impl Sim {
    fn new(rows: &[PlannedRow], api: FakeApi, options: RunOptions) -> Self {
        Sim {
            runner: Runner::from_plan(rows, poll(), options),
            api,
            settings: settings(Dialect::Huawei),
            clock: 0.0,
            latency_ms: 100.0,
            pending: Vec::new(),
            starts: Vec::new(),
            max_in_flight: 0,
        }
    }

    /// Runs until the runner is finished or the clock passes `until`.
    fn run_until(&mut self, until: f64) {
        loop {
            for w in self.runner.next_work(self.clock, &self.settings) {
                self.starts.push(self.clock);
                self.pending.push((self.clock + self.latency_ms, w));
            }
            self.max_in_flight = self.max_in_flight.max(self.pending.len());
            assert_eq!(self.pending.len(), self.runner.in_flight());
            if self.runner.is_finished() && self.pending.is_empty() {
                return;
            }
            let next_answer = self.pending.iter().map(|(t, _)| *t).min_by(f64::total_cmp);
            let next = match (next_answer, self.runner.wake_at()) {
                (Some(a), Some(w)) => a.min(w),
                (Some(a), None) => a,
                (None, Some(w)) => w,
                (None, None) => panic!("stuck: nothing in flight and nothing due"),
            };
            assert!(next >= self.clock, "time goes forward");
            if next > until {
                self.clock = until;
                return;
            }
            self.clock = next;
            let (due, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
                .into_iter()
                .partition(|(t, _)| *t <= self.clock);
            self.pending = rest;
            for (_, w) in due {
                let answer = self.api.answer(&w.request, self.clock);
                assert_eq!(self.runner.complete(w.id, answer, self.clock), Some(w.row));
            }
        }
    }

    fn run(&mut self) {
        self.run_until(f64::INFINITY);
    }

    fn statuses(&self) -> Vec<&'static str> {
        self.runner
            .rows()
            .iter()
            .map(|r| r.status.label())
            .collect()
    }
}

fn planned(action: BatchAction, list: &[EndpointService]) -> Vec<PlannedRow> {
    plan(&action, list, Dialect::Huawei).expect("a plan")
}

fn reason(row: &PlannedRow) -> &str {
    match &row.decision {
        Decision::Skip { reason } => reason,
        Decision::Send { .. } => panic!("{} is sent", row.name),
    }
}

fn throttled(status: u16, code: &str) -> Answer {
    Answer::http(
        status,
        &json!({"error_code": code, "error_msg": "Too many requests"}).to_string(),
        Some("throttle-rid"),
    )
}

// ---------------------------------------------------------------- the plan

#[test]
fn upgrade_skips_services_already_advanced() {
    let mut list = services(3);
    list[1].supported_editions = vec!["basic".into(), "profession".into()];
    let rows = planned(BatchAction::Upgrade, &list);
    assert!(rows[0].is_sent() && rows[2].is_sent());
    assert_eq!(reason(&rows[1]), "Already Advanced (profession)");
    assert_eq!(rows[1].name, "svc-1");
}

#[test]
fn services_already_at_the_target_are_skipped_and_send_nothing() {
    let mut list = services(4);
    list[0].approval_enabled = Some(true);
    list[1].approval_enabled = None; // the API's default is true
    let rows = planned(BatchAction::SetApproval(true), &list);
    assert_eq!(reason(&rows[0]), "Connections need approval is already Yes");
    assert_eq!(reason(&rows[1]), "Connections need approval is already Yes");
    assert!(rows[2].is_sent() && rows[3].is_sent());

    let rows = planned(BatchAction::SetTcpProxy("close".into()), &list);
    assert!(rows.iter().all(|r| !r.is_sent()));
    assert_eq!(
        reason(&rows[0]),
        "Client address to the backend is already Off"
    );

    list[2].description = None;
    list[3].description = Some(String::new());
    let rows = planned(BatchAction::SetDescription(String::new()), &list);
    assert!(rows[0].is_sent() && rows[1].is_sent());
    assert_eq!(reason(&rows[2]), "Description is already empty");
    assert_eq!(reason(&rows[3]), "Description is already empty");

    // A plan of skips only runs without a single request.
    let mut sim = Sim::new(&rows[2..], FakeApi::new(&list), no_wait());
    sim.run();
    assert!(sim.api.seen.is_empty());
    assert_eq!(sim.runner.progress(0.0).skipped, 2);
}

/// What the user would do in the single-service form for the same change.
type FormEdit = Box<dyn Fn(&mut ServiceDraft)>;

#[test]
fn each_put_body_is_the_one_field_a_single_save_would_send() {
    let list = services(2);
    let s = settings(Dialect::Huawei);
    let cases: Vec<(BatchAction, &str, FormEdit)> = vec![
        (
            BatchAction::SetApproval(true),
            "approval_enabled",
            Box::new(|d| d.approval_enabled = true),
        ),
        (
            BatchAction::SetTcpProxy("proxy_vni".into()),
            "tcp_proxy",
            Box::new(|d| d.tcp_proxy = "proxy_vni".into()),
        ),
        (
            BatchAction::SetDescription("Batch, \"quoted\"".into()),
            "description",
            Box::new(|d| d.description = "Batch, \"quoted\"".into()),
        ),
        (
            BatchAction::SetDescription(String::new()),
            "description",
            Box::new(|d| d.description.clear()),
        ),
    ];
    for (action, field, edit) in cases {
        let rows = planned(action.clone(), &list);
        let mut sim = Sim::new(&rows, FakeApi::new(&list), no_wait());
        sim.run();
        assert_eq!(sim.statuses(), ["Done", "Done"], "{action:?}");
        let puts = sim.api.puts();
        assert_eq!(puts.len(), 2);
        for (put, base) in puts.iter().zip(&list) {
            let body: Value = serde_json::from_str(put.body.as_deref().unwrap()).unwrap();
            let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
            assert_eq!(keys, [field], "{action:?}");
            // The single-service path: the form with that one field changed, planned and built.
            let mut draft = ServiceDraft::from_service(base);
            edit(&mut draft);
            let single = plan_update(base, &draft, Dialect::Huawei).unwrap();
            let want = build_request(
                &s,
                &Operation::UpdateService {
                    id: base.id.clone(),
                    body: single.body,
                },
            )
            .unwrap();
            assert_eq!(put.body, want.body, "{action:?}");
            let sent = sim
                .runner
                .rows()
                .iter()
                .flat_map(|r| &r.tries)
                .find(|t| t.step == StepKind::Send && t.path == want.path)
                .expect("the PUT is among the tries");
            assert_eq!(sent.method, want.method);
        }
    }
}

#[test]
fn the_work_handed_out_is_exactly_the_single_path_request() {
    let list = services(1);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut runner = Runner::from_plan(&rows, poll(), no_wait());
    let s = settings(Dialect::Huawei);
    let check = runner.next_work(0.0, &s).remove(0);
    let get = build_request(&s, &Operation::GetService { id: id(0) }).unwrap();
    assert_eq!(check.request, get);
    assert_eq!(check.step, StepKind::Check);
    runner.complete(
        check.id,
        Answer::http(200, &to_json(&list[0]).to_string(), None),
        10.0,
    );
    let put = runner.next_work(1000.0, &s).remove(0);
    let mut draft = ServiceDraft::from_service(&list[0]);
    draft.approval_enabled = true;
    let body = plan_update(&list[0], &draft, Dialect::Huawei).unwrap().body;
    let want = build_request(&s, &Operation::UpdateService { id: id(0), body }).unwrap();
    assert_eq!(put.request, want);
    assert_eq!(
        put.request.body.as_deref(),
        Some(r#"{"approval_enabled":true}"#)
    );
}

#[test]
fn upgrade_is_refused_on_open_telekom_cloud_with_the_reason() {
    let err = plan(&BatchAction::Upgrade, &services(2), Dialect::OpenTelekom).unwrap_err();
    assert!(err.0.contains("Huawei Cloud"), "{err}");
    assert!(
        err.0.contains("Open Telekom Cloud has no such API"),
        "{err}"
    );
    assert!(plan(&BatchAction::Upgrade, &services(2), Dialect::Huawei).is_ok());
}

#[test]
fn values_the_dialect_lacks_or_the_form_refuses_stop_the_whole_batch() {
    let err = plan(
        &BatchAction::SetTcpProxy("proxy_vni".into()),
        &services(1),
        Dialect::OpenTelekom,
    )
    .unwrap_err();
    assert!(
        err.0.contains("not available on Open Telekom Cloud"),
        "{err}"
    );
    let err = plan(
        &BatchAction::SetDescription("<b>".into()),
        &services(1),
        Dialect::Huawei,
    )
    .unwrap_err();
    assert!(err.0.contains("not allowed"), "{err}");
}

#[test]
fn a_service_the_form_would_refuse_is_skipped_with_the_fields_reason() {
    let mut list = services(2);
    list[0].port_id = Some("not-a-uuid".into());
    let rows = planned(BatchAction::SetApproval(true), &list);
    let why = reason(&rows[0]);
    assert!(why.starts_with("Not sent"), "{why}");
    assert!(why.contains("Backend port ID"), "{why}");
    assert!(rows[1].is_sent());
}

#[test]
fn a_service_selected_twice_is_planned_once() {
    let list = vec![service(1), service(1), service(2)];
    assert_eq!(planned(BatchAction::SetApproval(true), &list).len(), 2);
}

#[test]
fn upgrade_is_one_post_without_a_body_and_no_check() {
    let list = services(2);
    let rows = planned(BatchAction::Upgrade, &list);
    let mut sim = Sim::new(&rows, FakeApi::new(&list), no_wait());
    sim.run();
    assert_eq!(sim.statuses(), ["Done", "Done"]);
    assert_eq!(sim.api.seen.len(), 2);
    assert!(sim
        .api
        .seen
        .iter()
        .all(|s| s.method == Method::Post && s.body.is_none()));
    let t = &sim.runner.rows()[0].tries[0];
    assert!(t.path.ends_with("/upgrade") && t.path.starts_with("/v2/"));
    assert_eq!(t.status, Some(204));
    assert_eq!(sim.runner.rows()[0].status.detail(), "Upgrade accepted");
}

// ---------------------------------------------------------------- bounds

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn concurrency_never_exceeds_its_bound(
        concurrency in 0u32..12,
        n in 1usize..25,
        latency in 1u32..2000,
        rate in 1u32..40,
    ) {
        let list = services(n);
        let rows = planned(BatchAction::SetApproval(true), &list);
        let options = RunOptions { concurrency, rate_per_second: f64::from(rate), ..RunOptions::default() };
        let mut sim = Sim::new(&rows, FakeApi::new(&list), options);
        sim.latency_ms = f64::from(latency);
        sim.run();
        let bound = concurrency.clamp(1, 8) as usize;
        prop_assert!(sim.max_in_flight <= bound, "{} in flight, bound {}", sim.max_in_flight, bound);
        prop_assert_eq!(sim.runner.progress(sim.clock).done, n);
    }

    #[test]
    fn no_second_sees_more_starts_than_the_rate(
        rate in 1u32..10,
        n in 2usize..20,
        latency in 1u32..300,
    ) {
        let list = services(n);
        let rows = planned(BatchAction::SetDescription("x".into()), &list);
        let options = RunOptions { concurrency: 8, rate_per_second: f64::from(rate), ..RunOptions::default() };
        let mut sim = Sim::new(&rows, FakeApi::new(&list), options);
        sim.latency_ms = f64::from(latency);
        sim.run();
        prop_assert_eq!(sim.starts.len(), 2 * n); // a check and a PUT per row
        for (i, &t) in sim.starts.iter().enumerate() {
            let in_window = sim.starts[i..].iter().take_while(|&&u| u < t + 1000.0).count();
            prop_assert!(in_window <= rate as usize, "{} starts in [{}, {}+1000)", in_window, t, t);
        }
    }
}

#[test]
fn the_default_rate_spaces_requests_half_a_second_apart() {
    let list = services(4);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut sim = Sim::new(&rows, FakeApi::new(&list), RunOptions::default());
    sim.latency_ms = 10.0;
    sim.run();
    let want: Vec<f64> = (0..8).map(|i| f64::from(i) * 500.0).collect();
    assert_eq!(sim.starts, want);
}

#[test]
fn wake_at_is_when_the_next_request_may_start() {
    let list = services(3);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut runner = Runner::from_plan(&rows, poll(), RunOptions::default());
    let s = settings(Dialect::Huawei);
    assert_eq!(runner.next_work(100.0, &s).len(), 1, "one start per 500 ms");
    assert_eq!(runner.wake_at(), Some(600.0));
    assert!(runner.next_work(599.0, &s).is_empty());
    assert_eq!(runner.next_work(600.0, &s).len(), 1);
    // Both slots busy: the next answer, not a timer, frees one.
    assert_eq!(runner.wake_at(), None);
}

#[test]
fn throttled_answers_are_retried_with_growing_jittered_delays_each_visible() {
    let list = services(1);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut api = FakeApi::new(&list);
    api.fault = Box::new(|req, n| match (req.method, n) {
        (Method::Put, 0) => Some(throttled(400, "EndPoint.0022")),
        (Method::Put, 1) => Some(throttled(429, "APIGW.0308")),
        (Method::Put, 2) => Some(throttled(429, "")),
        _ => None,
    });
    let options = RunOptions {
        base_delay_ms: 1000.0,
        max_delay_ms: 60_000.0,
        seed: 7,
        ..no_wait()
    };
    let mut sim = Sim::new(&rows, api, options);
    sim.run();
    let row = &sim.runner.rows()[0];
    assert_eq!(row.status.label(), "Done");
    assert_eq!(row.retries(), 3);
    let sends: Vec<_> = row
        .tries
        .iter()
        .filter(|t| t.step == StepKind::Send)
        .collect();
    assert_eq!(sends.len(), 4);
    assert_eq!(
        sends.iter().map(|t| t.attempt).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(sends[0].error_code.as_deref(), Some("EndPoint.0022"));
    assert_eq!(sends[0].status, Some(400));
    assert_eq!(sends[0].request_id.as_deref(), Some("throttle-rid"));
    assert_eq!(sends[1].error_code.as_deref(), Some("APIGW.0308"));
    assert_eq!(sends[2].status, Some(429));
    let delays: Vec<f64> = sends[..3].iter().map(|t| t.retry_in_ms.unwrap()).collect();
    for (k, d) in delays.iter().enumerate() {
        let cap = 1000.0 * 2f64.powi(k as i32);
        assert!(
            (cap / 2.0..=cap).contains(d),
            "retry {k}: {d} not in [{}, {cap}]",
            cap / 2.0
        );
    }
    assert!(delays[0] < delays[1] && delays[1] < delays[2], "{delays:?}");
    // Each retry waited at least its delay.
    for w in sends.windows(2) {
        assert!(w[1].started_ms >= w[0].finished_ms.unwrap() + w[0].retry_in_ms.unwrap());
    }
    assert_eq!(sim.api.applied[&id(0)], 1);
    assert!(sends[3].retry_in_ms.is_none());
}

#[test]
fn jitter_spreads_retries_of_different_rows_within_bounds() {
    let n = 20;
    let list = services(n);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut api = FakeApi::new(&list);
    api.fault =
        Box::new(|req, k| (req.method == Method::Put && k == 0).then(|| throttled(429, "")));
    let mut sim = Sim::new(
        &rows,
        api,
        RunOptions {
            seed: 42,
            ..no_wait()
        },
    );
    sim.run();
    let delays: Vec<f64> = sim
        .runner
        .rows()
        .iter()
        .filter_map(|r| r.tries.iter().find_map(|t| t.retry_in_ms))
        .collect();
    assert_eq!(delays.len(), n);
    assert!(
        delays.iter().all(|d| (500.0..=1000.0).contains(d)),
        "{delays:?}"
    );
    let mut distinct = delays.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert!(distinct.len() > n / 2, "jitter spreads them: {delays:?}");
}

#[test]
fn throttling_gives_up_after_max_tries_and_fails_the_row() {
    let list = services(1);
    let rows = planned(BatchAction::SetTcpProxy("toa_open".into()), &list);
    let mut api = FakeApi::new(&list);
    api.fault =
        Box::new(|req, _| (req.method == Method::Put).then(|| throttled(429, "APIGW.0308")));
    let mut sim = Sim::new(
        &rows,
        api,
        RunOptions {
            max_tries: 3,
            ..no_wait()
        },
    );
    sim.run();
    let row = &sim.runner.rows()[0];
    assert_eq!(row.status.label(), "Failed");
    let sends: Vec<_> = row
        .tries
        .iter()
        .filter(|t| t.step == StepKind::Send)
        .collect();
    assert_eq!(sends.len(), 3);
    assert!(sends[..2].iter().all(|t| t.retry_in_ms.is_some()));
    assert!(
        sends[2].retry_in_ms.is_none(),
        "no retry is announced that will not come"
    );
    assert!(sim.api.applied.is_empty());
}

#[test]
fn only_throttling_is_retried() {
    let err = |status, code: &str| {
        classify(
            status,
            &[],
            &json!({"error_code": code, "error_msg": "m"}).to_string(),
        )
    };
    assert!(is_throttled(&err(400, "EndPoint.0022")));
    assert!(is_throttled(&err(429, "APIGW.0308")));
    assert!(is_throttled(&err(403, "APIGW.0308")));
    assert!(is_throttled(&err(429, "anything")));
    assert!(!is_throttled(&err(400, "EndPoint.0002")));
    assert!(!is_throttled(&err(500, "EndPoint.0001")));
    assert!(!is_throttled(&err(400, "EndPoint.3045")));
}

#[test]
fn other_errors_fail_the_row_with_status_code_message_and_request_id() {
    let list = services(2);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut api = FakeApi::new(&list);
    let bad = id(0);
    api.fault = Box::new(move |req, _| {
        (req.method == Method::Put && req.path.ends_with(&bad)).then(|| {
            Answer::http(
                400,
                r#"{"error_code":"EndPoint.3045","error_msg":"Other properties cannot be modified in the current state."}"#,
                Some("rid-3045"),
            )
        })
    });
    let mut sim = Sim::new(&rows, api, no_wait());
    sim.run();
    assert_eq!(sim.statuses(), ["Failed", "Done"]);
    let RowStatus::Failed { error } = &sim.runner.rows()[0].status else {
        unreachable!()
    };
    assert_eq!(error.status, Some(400));
    assert_eq!(error.error_code.as_deref(), Some("EndPoint.3045"));
    assert_eq!(error.request_id.as_deref(), Some("rid-3045"));
    let detail = sim.runner.rows()[0].status.detail();
    assert!(
        detail.contains("HTTP 400 EndPoint.3045: Other properties cannot be modified"),
        "{detail}"
    );
    assert_eq!(
        sim.runner.rows()[0].tries.len(),
        2,
        "a check, one PUT, no retry"
    );
}

#[test]
fn settings_that_build_no_request_fail_the_rows_and_send_nothing() {
    let list = services(2);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut runner = Runner::from_plan(&rows, poll(), no_wait());
    let mut s = settings(Dialect::Huawei);
    s.token.clear();
    assert!(runner.next_work(0.0, &s).is_empty());
    assert!(runner.is_finished());
    assert_eq!(runner.progress(0.0).failed, 2);
    assert!(runner.rows()[0]
        .status
        .detail()
        .contains("Paste an IAM token"));
}

// ---------------------------------------------------------------- retry and cancel

#[test]
fn a_run_with_ten_percent_failures_then_retry_failed_sends_each_change_once() {
    let n = 30;
    let list = services(n);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut api = FakeApi::new(&list);
    // Services 3 and 13: the first PUT fails with a system error. Service 23: the first
    // PUT is applied, but its answer is lost (the page times out).
    api.fault = Box::new(|req, k| {
        let sid = FakeApi::service_of(req);
        let n: usize = sid[24..].parse().unwrap();
        (req.method == Method::Put && k == 0 && (n == 3 || n == 13)).then(|| {
            Answer::http(
                500,
                r#"{"error_code":"EndPoint.0001","error_msg":"System error."}"#,
                None,
            )
        })
    });
    api.lose_first_answer.push(id(23));
    let options = RunOptions {
        concurrency: 4,
        rate_per_second: 10.0,
        ..RunOptions::default()
    };
    let mut sim = Sim::new(&rows, api, options);
    sim.run();
    let p = sim.runner.progress(sim.clock);
    assert_eq!((p.done, p.failed), (n - 3, 3));
    assert_eq!(sim.runner.retry_failed(sim.clock), 3);
    assert_eq!(sim.runner.run_number(), 2);
    sim.run();
    let p = sim.runner.progress(sim.clock);
    assert_eq!((p.done, p.skipped, p.failed, p.remaining), (n - 1, 1, 0, 0));
    assert!(sim.runner.rows()[23]
        .status
        .detail()
        .contains("on the server: nothing sent"));
    // Every service got its change exactly once.
    assert_eq!(sim.api.applied.len(), n);
    assert!(
        sim.api.applied.values().all(|&k| k == 1),
        "{:?}",
        sim.api.applied
    );
    let ok_puts = sim
        .runner
        .rows()
        .iter()
        .flat_map(|r| &r.tries)
        .filter(|t| t.step == StepKind::Send && t.status == Some(200))
        .count();
    assert_eq!(ok_puts, n - 1, "the lost answer is the only one missing");
    // The retry ran only the failed rows: the others have no try in run 2.
    let in_run_2: Vec<usize> = (0..n)
        .filter(|&i| sim.runner.rows()[i].tries.iter().any(|t| t.run == 2))
        .collect();
    assert_eq!(in_run_2, [3, 13, 23]);
}

#[test]
fn a_change_that_landed_before_its_answer_was_lost_is_not_sent_again() {
    let list = services(1);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut runner = Runner::from_plan(&rows, poll(), no_wait());
    let mut api = FakeApi::new(&list);
    let s = settings(Dialect::Huawei);
    let check = runner.next_work(0.0, &s).remove(0);
    let a = api.answer(&check.request, 100.0);
    runner.complete(check.id, a, 100.0);
    let put = runner.next_work(100.0, &s).remove(0);
    let _applied = api.answer(&put.request, 200.0); // the server applied it...
    runner.complete(put.id, Answer::TimedOut { seconds: 30 }, 31_000.0); // ...the page gave up
    assert_eq!(runner.rows()[0].status.label(), "Failed");
    assert!(
        export_csv(&runner).contains(",maybe\r\n"),
        "{}",
        export_csv(&runner)
    );
    runner.retry_failed(40_000.0);
    let check = runner.next_work(40_000.0, &s).remove(0);
    assert_eq!(check.step, StepKind::Check);
    let a = api.answer(&check.request, 40_001.0);
    runner.complete(check.id, a, 40_001.0);
    assert!(runner.next_work(50_000.0, &s).is_empty());
    let st = &runner.rows()[0].status;
    assert_eq!(st.label(), "Skipped");
    assert!(
        st.detail().contains("already Yes on the server"),
        "{}",
        st.detail()
    );
    assert_eq!(api.applied[&id(0)], 1);
}

#[test]
fn cancel_marks_what_was_in_flight_and_issues_nothing_more() {
    let list = services(10);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut sim = Sim::new(
        &rows,
        FakeApi::new(&list),
        RunOptions {
            concurrency: 2,
            rate_per_second: 4.0,
            ..RunOptions::default()
        },
    );
    sim.latency_ms = 300.0;
    sim.run_until(1600.0);
    let in_flight: Vec<(WorkId, StepKind)> =
        sim.pending.iter().map(|(_, w)| (w.id, w.step)).collect();
    assert!(!in_flight.is_empty());
    let before = sim.api.seen.len();
    let mut aborted = sim.runner.cancel(sim.clock);
    aborted.sort();
    let mut want: Vec<WorkId> = in_flight.iter().map(|(id, _)| *id).collect();
    want.sort();
    assert_eq!(
        aborted, want,
        "the shell is told to abort exactly what is in flight"
    );
    assert!(sim.runner.is_cancelled() && sim.runner.is_finished());
    assert!(sim
        .runner
        .next_work(sim.clock + 10_000.0, &sim.settings)
        .is_empty());
    assert_eq!(sim.runner.wake_at(), None);
    // The aborted requests' late answers find no row.
    for (_, w) in std::mem::take(&mut sim.pending) {
        assert_eq!(
            sim.runner.complete(w.id, Answer::Aborted, sim.clock + 5.0),
            None
        );
    }
    assert_eq!(sim.api.seen.len(), before);
    let marked = sim
        .runner
        .rows()
        .iter()
        .filter(|r| {
            r.tries.last().and_then(|t| t.message.as_deref())
                == Some("Aborted: the run was cancelled")
        })
        .count();
    assert_eq!(
        marked,
        in_flight.len(),
        "each aborted request is marked in its row"
    );
    let p = sim.runner.progress(sim.clock);
    assert_eq!(p.remaining, 0);
    assert_eq!(p.in_flight, 0);
    assert_eq!(p.done + p.aborted + p.not_started, 10);
    assert!(p.done >= 1 && p.not_started >= 1, "{p:?}");
    // A PUT in flight is aborted (it may have landed); a check in flight is not started.
    for row in sim.runner.rows() {
        let last = row.tries.last();
        match &row.status {
            RowStatus::Aborted => assert_eq!(last.unwrap().step, StepKind::Send),
            RowStatus::NotStarted => {
                assert!(last.is_none_or(|t| t.step == StepKind::Check || t.status.is_some()))
            }
            RowStatus::Done { .. } => {}
            other => panic!("{other:?}"),
        }
    }
    // Resume picks up where the cancel left off; every service is then changed once.
    sim.runner.resume(sim.clock);
    sim.run();
    assert_eq!(
        sim.runner.progress(sim.clock).done + sim.runner.progress(sim.clock).skipped,
        10
    );
    assert!(sim.api.applied.values().all(|&k| k == 1));
}

// ---------------------------------------------------------------- check and watch

#[test]
fn a_service_changed_on_the_server_since_selected_is_not_sent() {
    let list = services(3);
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut api = FakeApi::new(&list);
    // Someone else edited service 1 after it was selected.
    let other = api.services.get_mut(&id(1)).unwrap();
    other["description"] = json!("Edited by someone else");
    other["updated_at"] = json!("2025-01-20T11:00:00Z");
    let mut sim = Sim::new(&rows, api, no_wait());
    sim.run();
    assert_eq!(
        sim.statuses(),
        ["Done", "Changed on the server, not sent", "Done"]
    );
    assert!(sim.api.puts().iter().all(|p| p.service != id(1)));
    let RowStatus::Changed { changes, reason } = &sim.runner.rows()[1].status else {
        unreachable!()
    };
    assert!(reason.contains("2025-01-20T11:00:00Z"), "{reason}");
    assert_eq!(changes[0].field, "description");
    assert_eq!(changes[0].after, "Edited by someone else");
    assert_eq!(sim.runner.progress(sim.clock).changed, 1);
}

#[test]
fn a_service_creating_after_its_put_is_watched_until_available() {
    let list = services(1);
    let rows = planned(BatchAction::SetTcpProxy("toa_open".into()), &list);
    let mut api = FakeApi::new(&list);
    api.creating_gets = 2;
    let mut sim = Sim::new(&rows, api, no_wait());
    sim.run();
    let row = &sim.runner.rows()[0];
    assert_eq!(row.status.label(), "Done");
    let watches: Vec<_> = row
        .tries
        .iter()
        .filter(|t| t.step == StepKind::Watch)
        .collect();
    assert_eq!(watches.len(), 3, "creating, creating, available");
    // Polled at the policy's interval, not faster.
    let mut prev = row
        .tries
        .iter()
        .find(|t| t.step == StepKind::Send)
        .unwrap()
        .finished_ms
        .unwrap();
    for w in &watches {
        assert!(w.started_ms >= prev + 1000.0);
        prev = w.finished_ms.unwrap();
    }
    assert!(row
        .status
        .detail()
        .contains("Available after 3 status checks"));
}

#[test]
fn the_watch_is_bounded_and_ends_unconfirmed_not_failed() {
    let list = services(1);
    let rows = planned(BatchAction::SetTcpProxy("toa_open".into()), &list);
    let mut api = FakeApi::new(&list);
    api.creating_gets = 1000;
    let mut sim = Sim::new(&rows, api, no_wait());
    sim.run();
    let row = &sim.runner.rows()[0];
    assert_eq!(row.status.label(), "Sent, not confirmed");
    let watches = row
        .tries
        .iter()
        .filter(|t| t.step == StepKind::Watch)
        .count();
    assert_eq!(watches, poll().max_attempts as usize);
    assert!(
        row.status
            .detail()
            .contains("Creating after 5 status checks"),
        "{}",
        row.status.detail()
    );
    // Retry failed leaves it alone: it was sent.
    assert_eq!(sim.runner.retry_failed(sim.clock), 0);
}

// ---------------------------------------------------------------- progress

#[test]
fn progress_counts_every_row_once_and_estimates_the_time_left() {
    let mut list = services(6);
    list[5].approval_enabled = Some(true); // skipped in the plan
    let rows = planned(BatchAction::SetApproval(true), &list);
    let mut runner = Runner::from_plan(
        &rows,
        poll(),
        RunOptions {
            concurrency: 1,
            rate_per_second: 50.0,
            ..RunOptions::default()
        },
    );
    let p = runner.progress(0.0);
    assert_eq!(
        (p.total, p.skipped, p.remaining, p.elapsed_ms, p.eta_ms),
        (6, 1, 5, 0.0, None)
    );
    let s = settings(Dialect::Huawei);
    let mut api = FakeApi::new(&list);
    let mut now = 1000.0;
    // Row by row: check then PUT, 500 ms each: one row per second.
    for _ in 0..4 {
        let w = runner.next_work(now, &s).remove(0);
        now += 500.0;
        let a = api.answer(&w.request, now);
        runner.complete(w.id, a, now);
    }
    let p = runner.progress(now);
    assert_eq!((p.done, p.remaining, p.in_flight), (2, 3, 0));
    assert_eq!(p.elapsed_ms, 2000.0);
    // Two rows in 2 s: 3 more take about 3 s.
    assert_eq!(p.eta_ms, Some(3000.0));
    assert_eq!(p.finished(), 3);
    let w = runner.next_work(now, &s);
    assert_eq!(runner.progress(now).in_flight, 1);
    let a = api.answer(&w[0].request, now + 100.0);
    runner.complete(w[0].id, a, now + 100.0);
    // The estimate never promises more than the rate allows.
    let slow = Runner::from_plan(
        &rows,
        poll(),
        RunOptions {
            rate_per_second: 0.1,
            ..RunOptions::default()
        },
    );
    let mut slow = slow;
    let w = slow.next_work(0.0, &s).remove(0);
    slow.complete(
        w.id,
        Answer::http(
            500,
            r#"{"error_code":"EndPoint.0001","error_msg":"x"}"#,
            None,
        ),
        10.0,
    );
    let p = slow.progress(10.0);
    assert_eq!(p.failed, 1);
    assert_eq!(p.eta_ms, Some(4.0 * 10_000.0));
    // Once everything is over, the clock stops and nothing is left.
    let mut sim = Sim::new(&rows, FakeApi::new(&list), no_wait());
    sim.run();
    let end = sim.clock;
    let p = sim.runner.progress(end + 60_000.0);
    assert_eq!(p.elapsed_ms, end);
    assert_eq!(p.eta_ms, Some(0.0));
    assert_eq!((p.done, p.skipped), (5, 1));
}

// ---------------------------------------------------------------- exports and history

#[test]
fn csv_cells_are_quoted_and_formulas_defused() {
    assert_eq!(csv_cell("plain"), "plain");
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_cell("+1"), "'+1");
    assert_eq!(csv_cell("-2"), "'-2");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell(" padded"), "\" padded\"");
    assert_eq!(csv_cell(""), "");
}

/// A small RFC 4180 reader, to read the export back as a spreadsheet would.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

fn mixed_run() -> Sim {
    let mut list = services(4);
    list[3].description = Some("=cmd|' /C calc'!A0, \"quoted\"\nnext line".into());
    let rows = planned(BatchAction::SetDescription("=1+1, \"new\"".into()), &list);
    let mut api = FakeApi::new(&list);
    let failing = id(1);
    api.fault = Box::new(move |req, _| {
        (req.method == Method::Put && req.path.ends_with(&failing)).then(|| {
            Answer::http(
                400,
                r#"{"error_code":"EndPoint.0002","error_msg":"Parameter error: description, \"bad\"."}"#,
                Some("rid-0002"),
            )
        })
    });
    let changed = api.services.get_mut(&id(2)).unwrap();
    changed["updated_at"] = json!("2025-01-20T12:00:00Z");
    changed["tcp_proxy"] = json!("open");
    let mut sim = Sim::new(&rows, api, no_wait());
    sim.run();
    sim
}

#[test]
fn the_csv_export_has_one_line_per_service_with_its_result() {
    let sim = mixed_run();
    let csv = export_csv(&sim.runner);
    let table = read_csv(&csv);
    assert_eq!(
        table[0],
        [
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
            "sent"
        ]
    );
    assert_eq!(table.len(), 5);
    assert_eq!(table[1][0], id(0));
    assert_eq!(table[1][1], "svc-0");
    assert_eq!(table[1][2], "Description: “=1+1, \"new\"”");
    assert_eq!(table[1][3], "Done");
    assert_eq!(table[1][10], "yes");
    assert_eq!(table[2][3], "Failed");
    assert_eq!(table[2][6], "400");
    assert_eq!(table[2][7], "EndPoint.0002");
    assert_eq!(table[2][8], "Parameter error: description, \"bad\".");
    assert_eq!(table[2][9], "rid-0002");
    assert_eq!(table[2][10], "no");
    assert_eq!(table[3][3], "Changed on the server, not sent");
    assert!(
        table[3][4].contains("tcp_proxy: close → open"),
        "{}",
        table[3][4]
    );
    assert_eq!(table[3][10], "no");
    assert!(csv.ends_with("\r\n"));
    // No cell a spreadsheet would run.
    for row in &table {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}

#[test]
fn the_json_export_has_the_summary_and_every_try() {
    let sim = mixed_run();
    let v: Value = serde_json::from_str(&export_json(&sim.runner, sim.clock)).unwrap();
    assert_eq!(v["summary"]["total"], 4);
    assert_eq!(v["summary"]["done"], 2);
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(v["summary"]["changed"], 1);
    let failed = &v["rows"][1];
    assert_eq!(failed["result"], "Failed");
    let tries = failed["tries"].as_array().unwrap();
    assert_eq!(tries.len(), 2);
    assert_eq!(tries[0]["step"], "check");
    assert_eq!(tries[0]["method"], "GET");
    assert_eq!(tries[1]["step"], "send");
    assert_eq!(tries[1]["method"], "PUT");
    assert_eq!(tries[1]["status"], 400);
    assert_eq!(tries[1]["error_code"], "EndPoint.0002");
    assert_eq!(tries[1]["request_id"], "rid-0002");
    assert_eq!(
        tries[1]["body"]
            .as_str()
            .map(|b| serde_json::from_str::<Value>(b).unwrap()),
        Some(json!({"description": "=1+1, \"new\""}))
    );
    assert_eq!(v["rows"][2]["changed_on_server"][0]["field"], "tcp_proxy");
}

#[test]
fn no_export_history_or_debug_output_holds_the_token() {
    let sim = mixed_run();
    let history = sim.runner.history(|ms| format!("t+{ms}"));
    let history_json = vpcep_console::api::history::export_json(&history);
    for text in [
        export_csv(&sim.runner),
        export_json(&sim.runner, sim.clock),
        history_json,
        format!("{:?}", sim.runner),
    ] {
        assert!(!text.contains(TOKEN), "the token leaked");
        assert!(!text.contains("X-Auth-Token"), "a header leaked");
        assert!(!text.contains("MIIE"), "part of the token leaked");
    }
}

#[test]
fn every_finished_request_goes_into_the_history() {
    let sim = mixed_run();
    let history = sim.runner.history(|ms| format!("t+{ms}"));
    assert_eq!(history.len(), sim.api.seen.len());
    let put = history
        .iter()
        .find(|h| h.error_code.as_deref() == Some("EndPoint.0002"))
        .unwrap();
    assert_eq!(put.operation, "update_service");
    assert_eq!(put.method, "PUT");
    assert_eq!(put.status, Some(400));
    assert_eq!(put.request_id.as_deref(), Some("rid-0002"));
    assert_eq!(put.duration_ms, 100);
    assert!(put
        .path
        .starts_with(&format!("/v1/{PROJECT}/vpc-endpoint-services/")));
    let ok = history.iter().find(|h| h.status == Some(200)).unwrap();
    assert!(ok
        .request_id
        .as_deref()
        .is_some_and(|r| r.starts_with("req-")));
}

// ---------------------------------------------------------------- selection

#[test]
fn the_selection_survives_paging_and_keeps_the_first_snapshot() {
    let all = services(45);
    let view = ListView::default(); // 20 a page
    let page = |n: usize| &all[(n - 1) * 20..(n * 20).min(45)];
    let mut sel = Selection::new();
    assert!(sel.toggle(&all[0]));
    assert!(sel.toggle(&all[1]));
    assert!(!sel.toggle(&all[1]));
    assert_eq!(sel.page_tick(page(1)), PageTick::Some);
    sel.toggle_page(page(2));
    assert_eq!(sel.page_tick(page(2)), PageTick::All);
    assert_eq!(sel.count(), 21);
    assert_eq!(sel.count_text(), "21 selected");
    // Back on page 1, the first pick is still there, with the snapshot it had.
    let mut newer = all[0].clone();
    newer.updated_at = Some("2025-02-01T00:00:00Z".into());
    assert!(!sel.select(&newer));
    assert_eq!(sel.get(&id(0)).unwrap().updated_at, all[0].updated_at);
    assert_eq!(sel.page_tick(page(3)), PageTick::None);
    sel.toggle_page(page(2));
    assert_eq!(sel.count(), 1);
    sel.clear();
    assert!(sel.is_empty());
    let _ = view;
}

#[test]
fn select_all_matching_fetches_every_page_of_the_filter() {
    let view = ListView {
        page: 3,
        page_size: 20,
        name: "web".into(),
        status: "available".into(),
        ..ListView::default()
    };
    let queries = select_all_queries(&view, Dialect::Huawei, 253).unwrap();
    assert_eq!(queries.len(), 3);
    assert_eq!(queries[0].offset, None, "the first page sends no offset");
    assert_eq!(queries[1].offset, Some(FETCH_PAGE_SIZE));
    assert_eq!(queries[2].offset, Some(2 * FETCH_PAGE_SIZE));
    for q in &queries {
        assert_eq!(q.limit, Some(FETCH_PAGE_SIZE));
        assert_eq!(q.endpoint_service_name, "web");
        assert_eq!(q.status, "available");
        assert_eq!(q.sort_key, "create_at");
    }
    assert!(select_all_queries(&view, Dialect::Huawei, 0)
        .unwrap()
        .is_empty());
    let err = select_all_queries(&view, Dialect::Huawei, MAX_SELECTED + 1).unwrap_err();
    assert!(err.to_string().contains("at most 1000"), "{err}");
    // The fetched pages fill the selection, each service once.
    let all = services(253);
    let mut sel = Selection::new();
    sel.toggle(&all[7]);
    let added: usize = all
        .chunks(FETCH_PAGE_SIZE as usize)
        .map(|p| sel.select_all(p))
        .sum();
    assert_eq!(added, 252);
    assert_eq!(sel.count(), 253);
    let rows = plan(
        &BatchAction::SetApproval(true),
        sel.snapshots(),
        Dialect::Huawei,
    )
    .unwrap();
    assert_eq!(rows.len(), 253);
    assert_eq!(rows[0].service_id, id(7), "in the order selected");
}

#[test]
fn options_are_kept_within_bounds() {
    let o = RunOptions {
        concurrency: 99,
        rate_per_second: f64::NAN,
        max_tries: 0,
        ..RunOptions::default()
    }
    .clamped();
    assert_eq!(o.concurrency, 8);
    assert_eq!(o.rate_per_second, 2.0);
    assert_eq!(o.max_tries, 1);
    assert_eq!(
        RunOptions {
            concurrency: 0,
            ..RunOptions::default()
        }
        .clamped()
        .concurrency,
        1
    );
    assert_eq!(RunOptions::default().spacing_ms(), 500.0);
}

// ---------------------------------------------------------------- other jobs

/// A job of another kind (as accepting an endpoint connection will be): one write, no check.
#[derive(Debug, Clone, PartialEq)]
struct Touch {
    id: String,
}

impl vpcep_console::api::batch::Job for Touch {
    fn start(&mut self) -> vpcep_console::api::batch::Next {
        vpcep_console::api::batch::Next::Step(vpcep_console::api::batch::Step {
            kind: StepKind::Send,
            operation: Operation::UpgradeService {
                id: self.id.clone(),
            },
            delay_ms: 0.0,
        })
    }

    fn advance(&mut self, _: vpcep_console::api::Outcome) -> vpcep_console::api::batch::Next {
        vpcep_console::api::batch::Next::Finish(vpcep_console::api::batch::Finish::Done {
            note: "touched".into(),
        })
    }

    fn subject_id(&self) -> &str {
        &self.id
    }

    fn subject_name(&self) -> &str {
        "a connection"
    }

    fn action_title(&self) -> String {
        "Touch".into()
    }
}

#[test]
fn a_job_of_another_kind_runs_with_the_same_bounds_and_exports() {
    let jobs: Vec<Touch> = (0..5).map(|n| Touch { id: id(n) }).collect();
    let mut runner = Runner::new(jobs, RunOptions::default());
    let s = settings(Dialect::Huawei);
    let mut now = 0.0;
    let mut throttled_once = false;
    while !runner.is_finished() {
        for w in runner.next_work(now, &s) {
            assert!(runner.in_flight() <= 2);
            let answer = if !throttled_once {
                throttled_once = true;
                throttled(429, "APIGW.0308")
            } else {
                Answer::Http {
                    status: 204,
                    headers: vec![],
                    body: String::new(),
                }
            };
            runner.complete(w.id, answer, now + 50.0);
        }
        now = runner.wake_at().unwrap_or(now + 50.0).max(now + 1.0);
    }
    assert_eq!(runner.progress(now).done, 5);
    assert_eq!(runner.rows()[0].retries(), 1);
    let csv = export_csv(&runner);
    assert!(csv.contains("a connection,Touch,Done,touched"), "{csv}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever fails and however (a refusal, a system error, a lost answer after the change
    /// was applied, throttling beyond the tries), retrying the failed rows until none fail
    /// gets every service its change exactly once.
    #[test]
    fn retry_failed_until_none_fail_changes_each_service_exactly_once(
        faults in proptest::collection::vec(0u8..5, 1..20),
        seed in any::<u64>(),
    ) {
        let n = faults.len();
        let list = services(n);
        let rows = planned(BatchAction::SetDescription("batch".into()), &list);
        let mut api = FakeApi::new(&list);
        let kinds = faults.clone();
        api.fault = Box::new(move |req, k| {
            let sid = FakeApi::service_of(req);
            let i: usize = sid[24..].parse().unwrap();
            if req.method != Method::Put || k > 0 {
                return None;
            }
            match kinds[i] {
                1 => Some(Answer::http(500, r#"{"error_code":"EndPoint.0001","error_msg":"x"}"#, None)),
                2 => Some(Answer::NoAnswer),
                3 => Some(throttled(400, "EndPoint.0022")),
                _ => None,
            }
        });
        api.lose_first_answer = (0..n).filter(|&i| faults[i] == 4).map(id).collect();
        let options = RunOptions { max_tries: 1, seed, ..no_wait() };
        let mut sim = Sim::new(&rows, api, options);
        sim.run();
        let mut rounds = 0;
        while sim.runner.retry_failed(sim.clock) > 0 {
            rounds += 1;
            prop_assert!(rounds < 3);
            sim.run();
        }
        let p = sim.runner.progress(sim.clock);
        prop_assert_eq!(p.done + p.skipped, n);
        prop_assert_eq!(p.failed, 0);
        prop_assert_eq!(sim.api.applied.len(), n);
        prop_assert!(sim.api.applied.values().all(|&k| k == 1), "{:?}", sim.api.applied);
    }
}
