//! The demo build (cargo feature `demo`): what the page's own simulation of the API needs to
//! know that is not the simulation itself: which part of a request's URL it answers, the
//! faults a visitor can ask for, and the banner's words in each language.
//!
//! Pure, so it is tested natively; the release build never reaches it (only `ui::demo`, which
//! exists with the feature alone, does), so its bytes stay out of the release bundle.

use super::words::Lang;

/// The part of `url` the simulation answers, as `(path, query)`: from the API's own path on
/// (`/v1/…`, `/v2/…`, `/v3/auth/tokens`), whatever proxy path comes before it (`/vpcep`,
/// `/tools/vpcep/iam`). A URL that is no API call keeps its whole path, which the simulation
/// answers with the gateway's 404, as a proxy that knows no such path would.
pub fn sim_target(url: &str) -> (String, String) {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let path = path.split('#').next().unwrap_or(path);
    let start = ["/v1/", "/v2/", "/v3/"]
        .iter()
        .filter_map(|m| path.find(m))
        .min();
    let path = start.map_or(path, |at| &path[at..]);
    (path.to_owned(), query.to_owned())
}

/// A fault the visitor asks the demo for: it answers the next request it applies to (a
/// change for [`Fault::Busy`], any API call for the others) instead of the simulation, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 `APIGW.0308`: the gateway's rate limit.
    Throttled,
    /// 401 `EndPoint.0003`: the token ran out (the simulation's own answer to a token it
    /// does not know).
    Unauthorized,
    /// 400 `EndPoint.3045`: the service is busy (not `available`), on the next PUT or POST.
    Busy,
    /// 502 with the proxy's HTML page instead of JSON.
    BadGateway,
}

impl Fault {
    pub const ALL: [Fault; 4] = [
        Fault::Throttled,
        Fault::Unauthorized,
        Fault::Busy,
        Fault::BadGateway,
    ];

    /// Its value in the menu (and in tests).
    pub fn key(self) -> &'static str {
        match self {
            Fault::Throttled => "throttled",
            Fault::Unauthorized => "unauthorized",
            Fault::Busy => "busy",
            Fault::BadGateway => "bad-gateway",
        }
    }

    pub fn from_key(key: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Whether it answers a request with `method`: a busy service refuses a change only.
    pub fn applies_to(self, method: &str) -> bool {
        match self {
            Fault::Busy => {
                method.eq_ignore_ascii_case("PUT") || method.eq_ignore_ascii_case("POST")
            }
            _ => true,
        }
    }
}

/// The demo banner's words in one language.
#[derive(Debug)]
pub struct DemoWords {
    pub badge: &'static str,
    pub what: &'static str,
    pub sign_in: &'static str,
    pub reset: &'static str,
    pub fault_label: &'static str,
    pub fault_none: &'static str,
    /// In the order of [`Fault::ALL`].
    pub faults: [&'static str; 4],
    /// `{0}`: the fault's name; shown while it waits for its request.
    pub armed: &'static str,
}

const EN: DemoWords = DemoWords {
    badge: "Demo",
    what: "This page answers every request itself, from sample services: nothing leaves your browser, and your changes last until you close the tab.",
    sign_in: "To try the sign-in, sign out and sign in as demo-user, password demo-password-1, account demo-account.",
    reset: "Reset the demo",
    fault_label: "Simulate a fault",
    fault_none: "None",
    faults: [
        "Throttled (429 APIGW.0308)",
        "Token expired (401 EndPoint.0003)",
        "Service busy, on the next change (400 EndPoint.3045)",
        "Proxy error page (502)",
    ],
    armed: "The next request gets: {0}",
};

const ZH: DemoWords = DemoWords {
    badge: "演示",
    what: "本页面自行应答每个请求，使用示例服务：不会有任何内容离开您的浏览器，您的更改保留到关闭此标签页为止。",
    sign_in: "如需试用登录，请先退出，再以 demo-user 登录，密码 demo-password-1，账号 demo-account。",
    reset: "重置演示",
    fault_label: "模拟故障",
    fault_none: "无",
    faults: [
        "流控 (429 APIGW.0308)",
        "令牌已过期 (401 EndPoint.0003)",
        "服务忙，下一次更改时 (400 EndPoint.3045)",
        "代理错误页 (502)",
    ],
    armed: "下一个请求将得到：{0}",
};

const DE: DemoWords = DemoWords {
    badge: "Demo",
    what: "Diese Seite beantwortet jede Anfrage selbst, mit Beispieldiensten: nichts verlässt Ihren Browser, und Ihre Änderungen bleiben, bis Sie den Tab schließen.",
    sign_in: "Um die Anmeldung auszuprobieren, melden Sie sich ab und als demo-user an, Passwort demo-password-1, Konto demo-account.",
    reset: "Demo zurücksetzen",
    fault_label: "Fehler simulieren",
    fault_none: "Keiner",
    faults: [
        "Gedrosselt (429 APIGW.0308)",
        "Token abgelaufen (401 EndPoint.0003)",
        "Dienst beschäftigt, bei der nächsten Änderung (400 EndPoint.3045)",
        "Fehlerseite des Proxys (502)",
    ],
    armed: "Die nächste Anfrage erhält: {0}",
};

/// The banner's words in `lang`.
pub fn demo_words(lang: Lang) -> &'static DemoWords {
    match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH,
        Lang::De => &DE,
    }
}
