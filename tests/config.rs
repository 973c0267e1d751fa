//! config.json and the precedence of settings: query > saved > config.json > defaults,
//! with a locked proxy URL winning.

use vpcep_console::api::config::{
    absolute_proxy_url, read_config, resolve, BaseSettings, ConfigLoad, QuerySettings,
    RuntimeConfig, SavedSettings,
};
use vpcep_console::api::Dialect;

const ORIGIN: &str = "https://console.example.com";

fn config(json: &str) -> RuntimeConfig {
    match read_config(200, json) {
        ConfigLoad::Loaded(c) => c,
        other => panic!("{json}: {other:?}"),
    }
}

#[test]
fn a_missing_config_json_is_normal() {
    assert_eq!(
        read_config(404, "<html>not found</html>"),
        ConfigLoad::Missing
    );
}

#[test]
fn every_field_of_config_json_is_read() {
    let c = config(
        r#"{"api_proxy_url":"https://console.example.com/vpcep","default_region":"eu-de",
            "default_project_id":"p1","dialect":"open_telekom","allow_proxy_change":false}"#,
    );
    assert_eq!(
        c.api_proxy_url.as_deref(),
        Some("https://console.example.com/vpcep")
    );
    assert_eq!(c.default_region.as_deref(), Some("eu-de"));
    assert_eq!(c.default_project_id.as_deref(), Some("p1"));
    assert_eq!(c.dialect, Some(Dialect::OpenTelekom));
    assert!(c.proxy_locked());
    assert_eq!(
        config(r#"{"dialect":"otc"}"#).dialect,
        Some(Dialect::OpenTelekom)
    );
    assert!(!config("{}").proxy_locked());
}

#[test]
fn a_malformed_config_json_says_why_and_falls_back() {
    for (status, body, why) in [
        (200, r#"{"api_proxy_url": "#, "is not valid"),
        (
            200,
            r#"{"api_proxy_url":"ftp://x"}"#,
            "unusable api_proxy_url",
        ),
        (200, r#"{"proxy":"https://x"}"#, "unknown field `proxy`"),
        (200, r#"{"dialect":"aws"}"#, "is not valid"),
        (
            200,
            r#"{"allow_proxy_change":false}"#,
            "sets no api_proxy_url",
        ),
        (200, "<!DOCTYPE html><html></html>", "HTML page"),
        (500, "oops", "HTTP 500"),
    ] {
        match read_config(status, body) {
            ConfigLoad::Malformed(m) => {
                assert!(m.contains(why), "{body}: {m}");
                assert!(m.contains("built-in defaults"), "{m}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    assert_eq!(
        ConfigLoad::Malformed("x".into()).config(),
        RuntimeConfig::default()
    );
}

fn base(proxy: &str, project: &str, region: &str, dialect: Dialect) -> BaseSettings {
    BaseSettings {
        proxy_url: proxy.into(),
        // Unless config.json says otherwise: `/iam` on the page's own origin.
        iam_proxy_url: format!("{ORIGIN}/iam"),
        project_id: project.into(),
        region: region.into(),
        dialect,
    }
}

#[test]
fn with_nothing_set_the_proxy_is_the_page_origin() {
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &RuntimeConfig::default(),
        ORIGIN,
    );
    assert_eq!(r.settings, base(ORIGIN, "", "", Dialect::Huawei));
    assert!(!r.proxy_locked);
}

#[test]
fn query_beats_saved_beats_config() {
    let c = config(
        r#"{"api_proxy_url":"https://p.example/vpcep","default_region":"eu-de","default_project_id":"from-config","dialect":"open_telekom"}"#,
    );
    let saved = SavedSettings {
        proxy_url: Some("https://mine.example".into()),
        iam_proxy_url: None,
        project_id: Some("from-saved".into()),
        region: Some("eu-nl".into()),
        dialect: None,
    };
    let query = QuerySettings {
        project_id: Some("from-query".into()),
        ..Default::default()
    };
    let r = resolve(&query, &saved, &c, ORIGIN);
    assert_eq!(
        r.settings,
        base(
            "https://mine.example",
            "from-query",
            "eu-nl",
            Dialect::OpenTelekom
        )
    );
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &c,
        ORIGIN,
    );
    assert_eq!(
        r.settings,
        base(
            "https://p.example/vpcep",
            "from-config",
            "eu-de",
            Dialect::OpenTelekom
        )
    );
}

#[test]
fn a_locked_proxy_url_wins_over_saved_settings() {
    let c = config(r#"{"api_proxy_url":"https://p.example/vpcep","allow_proxy_change":false}"#);
    let saved = SavedSettings {
        proxy_url: Some("https://attacker.example".into()),
        ..Default::default()
    };
    let r = resolve(&QuerySettings::default(), &saved, &c, ORIGIN);
    assert_eq!(r.settings.proxy_url, "https://p.example/vpcep");
    assert!(r.proxy_locked);
}

#[test]
fn only_what_the_user_changed_is_saved() {
    let deployed = base("https://p.example", "p1", "eu-de", Dialect::Huawei);
    let mut current = deployed.clone();
    assert_eq!(
        SavedSettings::changes(&current, &deployed),
        SavedSettings::default()
    );
    current.region = "eu-nl".into();
    let saved = SavedSettings::changes(&current, &deployed);
    assert_eq!(saved.to_json(), r#"{"region":"eu-nl"}"#);
    // A later config.json with another proxy still reaches this user.
    let c = config(r#"{"api_proxy_url":"https://new.example"}"#);
    let r = resolve(&QuerySettings::default(), &saved, &c, ORIGIN);
    assert_eq!(r.settings.proxy_url, "https://new.example");
    assert_eq!(r.settings.region, "eu-nl");
}

#[test]
fn a_link_does_not_rewrite_the_saved_settings() {
    let saved = SavedSettings {
        project_id: Some("mine".into()),
        ..Default::default()
    };
    let query = QuerySettings {
        project_id: Some("from-link".into()),
        region: Some("eu-de".into()),
        ..Default::default()
    };
    let r = resolve(&query, &saved, &RuntimeConfig::default(), ORIGIN);
    assert_eq!(r.settings.project_id, "from-link");
    // Untouched: what was saved stays saved, the link's values are not.
    assert_eq!(r.to_save(&r.settings), saved);
    // Edited: the user's value is saved.
    let mut current = r.settings.clone();
    current.project_id = "typed".into();
    assert_eq!(r.to_save(&current).project_id.as_deref(), Some("typed"));
}

#[test]
fn config_json_can_say_that_the_proxy_adds_the_token() {
    assert!(config(r#"{"auth": "proxy"}"#).token_by_proxy());
    assert!(!config(r#"{"auth": "token"}"#).token_by_proxy());
    assert!(!config("{}").token_by_proxy());
    assert!(matches!(
        read_config(200, r#"{"auth": "basic"}"#),
        ConfigLoad::Malformed(_)
    ));
}

#[test]
fn a_relative_proxy_url_in_config_json_is_on_the_pages_own_origin() {
    let c = config(r#"{"api_proxy_url": "/vpcep", "allow_proxy_change": false}"#);
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &c,
        "https://console.example.com",
    );
    assert_eq!(r.settings.proxy_url, "https://console.example.com/vpcep");
    // Behind a TLS load balancer the page is https: so is the proxy URL.
    assert_eq!(
        absolute_proxy_url("/vpcep", "https://lb.example"),
        "https://lb.example/vpcep"
    );
    // A scheme-relative URL is another host: it stays as it is (and is refused).
    assert!(matches!(
        read_config(200, r#"{"api_proxy_url": "//evil.example/vpcep"}"#),
        ConfigLoad::Malformed(_)
    ));
    assert_eq!(
        absolute_proxy_url("https://proxy.example/x", "https://console.example.com"),
        "https://proxy.example/x"
    );
}

#[test]
fn an_invalid_project_id_is_never_saved() {
    let deployed = base("https://console.example.com", "", "", Dialect::Huawei);
    let token = format!("MII{}", "x".repeat(80));
    for bad in [token.as_str(), "not/a/project"] {
        let current = base("https://console.example.com", bad, "", Dialect::Huawei);
        assert_eq!(
            SavedSettings::changes(&current, &deployed).project_id,
            None,
            "{bad}"
        );
    }
    let current = base(
        "https://console.example.com",
        "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a",
        "",
        Dialect::Huawei,
    );
    assert_eq!(
        SavedSettings::changes(&current, &deployed)
            .project_id
            .as_deref(),
        Some("2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a")
    );
}

#[test]
fn a_config_json_of_the_wrong_shape_names_the_field_and_the_problem() {
    for (body, said) in [
        (
            r#"{"default_region": 5}"#,
            ["`default_region`", "must be a string"],
        ),
        (r#"{"dialect": "aws"}"#, ["`dialect`", "`aws`"]),
        (r#"{"dialect": true}"#, ["`dialect`", "not a boolean"]),
        (
            r#"{"allow_proxy_change": "no"}"#,
            ["`allow_proxy_change`", "true or false"],
        ),
        (r#"{"auth": "basic"}"#, ["`auth`", "`basic`"]),
        (
            r#"{"proxy": 1}"#,
            ["unknown field `proxy`", "`api_proxy_url`"],
        ),
        (
            r#"{"dialect": "huawei", "dialect": "otc"}"#,
            ["duplicate field `dialect`", "is not valid"],
        ),
        ("[]", ["expected an object", "an array"]),
        (
            "{\n  \"dialect\": \"huawei\",\n}",
            ["trailing comma", "line 3 column 1"],
        ),
    ] {
        match read_config(200, body) {
            ConfigLoad::Malformed(m) => {
                for s in said {
                    assert!(m.contains(s), "{body}: {m}");
                }
                assert!(m.starts_with("config.json is not valid: "), "{m}");
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    // null is an unset field.
    assert_eq!(
        config(r#"{"dialect": null, "api_proxy_url": null}"#),
        RuntimeConfig::default()
    );
}

#[test]
fn saved_settings_read_back_and_tolerate_what_they_do_not_know() {
    let saved = SavedSettings {
        proxy_url: Some("https://p.example".into()),
        iam_proxy_url: None,
        project_id: None,
        region: Some("eu-de".into()),
        dialect: Some(Dialect::OpenTelekom),
    };
    let text = saved.to_json();
    assert_eq!(
        text,
        r#"{"proxy_url":"https://p.example","region":"eu-de","dialect":"open_telekom"}"#
    );
    assert_eq!(SavedSettings::from_json(&text).unwrap(), saved);
    assert_eq!(SavedSettings::default().to_json(), "{}");
    let old = SavedSettings::from_json(r#"{"dialect":"otc","region":null,"later":[1]}"#).unwrap();
    assert_eq!(old.dialect, Some(Dialect::OpenTelekom));
    assert_eq!(old.region, None);
    assert!(SavedSettings::from_json(r#"{"region":5}"#).is_err());
    assert!(SavedSettings::from_json("[]").is_err());
}

#[test]
fn config_json_sets_the_request_timeout_and_the_polling_within_bounds() {
    let c = config(r#"{"request_timeout_seconds": 3, "poll_max_attempts": 5}"#);
    assert_eq!(c.request_timeout(), 3);
    assert_eq!(c.poll_policy().max_attempts, 5);
    // Unset: 30 s and a minute of polling, once a second.
    let d = config("{}");
    assert_eq!(d.request_timeout(), 30);
    assert_eq!(d.poll_policy().max_attempts, 60);
    assert_eq!(d.poll_policy().interval_ms, 1000);
    for (body, says) in [
        (
            r#"{"request_timeout_seconds": 0}"#,
            "`request_timeout_seconds` must be from 1 to 300, not 0",
        ),
        (r#"{"request_timeout_seconds": 301}"#, "from 1 to 300"),
        (
            r#"{"request_timeout_seconds": "10"}"#,
            "request_timeout_seconds",
        ),
        (
            r#"{"request_timeout_seconds": 2.5}"#,
            "request_timeout_seconds",
        ),
        (
            r#"{"request_timeout_seconds": 1e1}"#,
            "`request_timeout_seconds` must be a non-negative integer, not a number",
        ),
        (
            r#"{"request_timeout_seconds": -5}"#,
            "`request_timeout_seconds` must be a non-negative integer, not a number",
        ),
        (
            r#"{"batch_concurrency": "4"}"#,
            "`batch_concurrency` must be a non-negative integer, not a string",
        ),
        (
            r#"{"poll_max_attempts": 601}"#,
            "`poll_max_attempts` must be from 1 to 600",
        ),
    ] {
        match read_config(200, body) {
            ConfigLoad::Malformed(m) => assert!(m.contains(says), "{body}: {m}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn config_json_sets_how_batches_run_within_bounds() {
    let c = config(r#"{"batch_concurrency": 4, "batch_rate_per_second": 10}"#);
    let o = c.batch_options();
    assert_eq!(o.concurrency, 4);
    assert_eq!(o.rate_per_second, 10.0);
    // Unset: two at a time, two a second.
    let d = config("{}").batch_options();
    assert_eq!((d.concurrency, d.rate_per_second), (2, 2.0));
    for (body, says) in [
        (
            r#"{"batch_concurrency": 9}"#,
            "`batch_concurrency` must be from 1 to 8, not 9",
        ),
        (r#"{"batch_concurrency": 0}"#, "from 1 to 8"),
        (
            r#"{"batch_rate_per_second": 0}"#,
            "`batch_rate_per_second` must be from 1 to 50, not 0",
        ),
        (r#"{"batch_rate_per_second": 51}"#, "from 1 to 50"),
    ] {
        match read_config(200, body) {
            ConfigLoad::Malformed(m) => assert!(m.contains(says), "{body}: {m}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn the_sign_in_goes_to_the_iam_proxy_which_config_json_sets_and_locks() {
    // Default: `/iam` on the page's own origin, as deploy/render.py's nginx serves it.
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &RuntimeConfig::default(),
        ORIGIN,
    );
    assert_eq!(r.settings.iam_proxy_url, "https://console.example.com/iam");
    // config.json names it, as a path or a URL; the user may change it, and the change is
    // what is saved.
    let c = config(r#"{"iam_proxy_url": "https://proxy.example.com/iam"}"#);
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &c,
        ORIGIN,
    );
    assert_eq!(r.settings.iam_proxy_url, "https://proxy.example.com/iam");
    let mut mine = r.settings.clone();
    mine.iam_proxy_url = "https://mine.example/iam".into();
    assert_eq!(
        r.to_save(&mine).iam_proxy_url.as_deref(),
        Some("https://mine.example/iam")
    );
    assert_eq!(r.to_save(&r.settings).iam_proxy_url, None);
    // Locked with the API proxy: a saved one is not taken.
    let locked = config(
        r#"{"api_proxy_url": "/vpcep", "iam_proxy_url": "/sign-in", "allow_proxy_change": false}"#,
    );
    let saved = SavedSettings {
        iam_proxy_url: Some("https://evil.example/iam".into()),
        ..Default::default()
    };
    let r = resolve(&QuerySettings::default(), &saved, &locked, ORIGIN);
    assert_eq!(
        r.settings.iam_proxy_url,
        "https://console.example.com/sign-in"
    );
    // An unusable one is refused by name.
    match read_config(200, r#"{"iam_proxy_url": "ftp://x"}"#) {
        ConfigLoad::Malformed(m) => assert!(m.contains("iam_proxy_url"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn config_json_can_offer_the_sign_in_only() {
    let c = config(r#"{"auth": "sign-in"}"#);
    assert!(c.sign_in_only() && !c.token_by_proxy());
    assert!(!config(r#"{"auth": "token"}"#).sign_in_only());
    match read_config(200, r#"{"auth": "signin"}"#) {
        ConfigLoad::Malformed(m) => assert!(m.contains("`sign-in`"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_proxy_url_without_a_slash_first_is_beside_index_html() {
    // A console under /tools/vpcep/ finds the proxies its deployment serves there.
    let page = "https://portal.example.com/tools/vpcep/?project_id=x#top";
    assert_eq!(
        absolute_proxy_url("iam", page),
        "https://portal.example.com/tools/vpcep/iam"
    );
    assert_eq!(
        absolute_proxy_url("./vpcep/", page),
        "https://portal.example.com/tools/vpcep/vpcep/"
    );
    assert_eq!(
        absolute_proxy_url("../api", page),
        "https://portal.example.com/tools/api"
    );
    assert_eq!(
        absolute_proxy_url("../../../x", page),
        "https://portal.example.com/x"
    );
    // A page named by its file: its folder.
    assert_eq!(
        absolute_proxy_url("iam", "https://h.example/a/index.html"),
        "https://h.example/a/iam"
    );
    // At the root, relative and absolute paths are the same place.
    assert_eq!(
        absolute_proxy_url("iam", "https://h.example"),
        "https://h.example/iam"
    );
    assert_eq!(
        absolute_proxy_url("/iam", page),
        "https://portal.example.com/iam"
    );
    // The defaults under a path: the API proxy is the page's origin, the sign-in beside it.
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &RuntimeConfig::default(),
        page,
    );
    assert_eq!(r.settings.proxy_url, "https://portal.example.com");
    assert_eq!(
        r.settings.iam_proxy_url,
        "https://portal.example.com/tools/vpcep/iam"
    );
    let c = config(r#"{"api_proxy_url": "vpcep"}"#);
    let r = resolve(
        &QuerySettings::default(),
        &SavedSettings::default(),
        &c,
        page,
    );
    assert_eq!(
        r.settings.proxy_url,
        "https://portal.example.com/tools/vpcep/vpcep"
    );
}
