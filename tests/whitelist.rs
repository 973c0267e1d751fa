//! The "Who may connect" tab's core: what a person may type, what the server receives for
//! the list and for add and remove, what the console reads back, and what it says.
#![cfg(not(target_arch = "wasm32"))]

use vpcep_console::api::access::RequestError;
use vpcep_console::api::error::{classify, hint_for};
use vpcep_console::api::list::SortDir;
use vpcep_console::api::whitelist::{
    account_id_problem, list_permissions_request, parse_entry, permission_action_request, plan_add,
    read_permission_action, read_permission_list, remove_actions, split_entries, whitelist_input,
    Grantee, PermissionAction, PermissionEntry, PermissionList, PermissionQuery, PermissionType,
    WhitelistAction, WhitelistInput, WhitelistView,
};
use vpcep_console::api::words::w;
use vpcep_console::api::{Dialect, ErrorKind, Method, Settings};

const PROJECT: &str = "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a";
const SID: &str = "4189d3c2-8882-4871-a3c2-d380272eed83";
const TOKEN: &str = "MIIEXAMPLEtoken-0123456789abcdef";
const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";

fn settings(dialect: Dialect) -> Settings {
    Settings {
        proxy_url: "http://127.0.0.1:8080".into(),
        project_id: PROJECT.into(),
        region: String::new(),
        dialect,
        token: TOKEN.into(),
        token_by_proxy: false,
        token_expired: false,
    }
}

fn base() -> String {
    format!("http://127.0.0.1:8080/v1/{PROJECT}/vpc-endpoint-services/{SID}")
}

fn entry(permission: &str) -> PermissionEntry {
    PermissionEntry {
        id: "9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111".into(),
        permission: permission.into(),
        permission_type: Some("domainId".into()),
        description: None,
        created_at: None,
    }
}

fn one_action(text: &str, listed: &[PermissionEntry], dialect: Dialect) -> PermissionAction {
    let plan = plan_add(text, listed, dialect);
    assert!(plan.is_ready(), "{plan:?}");
    let mut actions = plan.actions(dialect);
    assert_eq!(actions.len(), 1, "{actions:?}");
    actions.remove(0)
}

fn body(action: &PermissionAction, dialect: Dialect) -> String {
    permission_action_request(&settings(dialect), SID, action)
        .unwrap()
        .body
        .unwrap()
}

// ---- List: the exact request ----

#[test]
fn the_first_page_of_the_whitelist_sends_no_offset_and_the_dialects_sort_key() {
    let url = |d| {
        list_permissions_request(&settings(d), SID, &WhitelistView::default().query())
            .unwrap()
            .url
    };
    assert_eq!(
        url(Dialect::OpenTelekom),
        format!(
            "{}/permissions?sort_key=created_at&sort_dir=desc&limit=20",
            base()
        )
    );
    assert_eq!(
        url(Dialect::Huawei),
        format!(
            "{}/permissions?sort_key=create_at&sort_dir=desc&limit=20",
            base()
        )
    );
}

#[test]
fn the_filter_is_sent_encoded_and_later_pages_send_an_offset() {
    let view = WhitelistView {
        page: 2,
        page_size: 50,
        filter: format!(" iam:domain::{} ", &ACCOUNT[..8]),
        dir: SortDir::Asc,
    };
    let req =
        list_permissions_request(&settings(Dialect::OpenTelekom), SID, &view.query()).unwrap();
    assert_eq!(req.method, Method::Get);
    assert_eq!(
        req.url,
        format!("{}/permissions?permission=iam%3Adomain%3A%3A01234567&sort_key=created_at&sort_dir=asc&limit=50&offset=50", base())
    );
    assert!(view.is_filtered());
    assert_eq!(view.first_page().page, 1);
    assert_eq!(view.page_count(101), 3);
}

#[test]
fn the_whitelist_limit_is_0_to_500() {
    for (limit, ok) in [(0, true), (500, true), (501, false)] {
        let q = PermissionQuery {
            limit: Some(limit),
            offset: Some(0),
            ..PermissionQuery::default()
        };
        let r = list_permissions_request(&settings(Dialect::Huawei), SID, &q);
        assert_eq!(r.is_ok(), ok, "{limit}");
        if ok {
            assert_eq!(
                r.unwrap().url,
                format!("{}/permissions?limit={limit}", base())
            );
        }
    }
    let view = WhitelistView {
        page_size: 1000,
        ..WhitelistView::default()
    };
    assert_eq!(view.query().limit, Some(500));
}

// ---- Add and remove: the exact request ----

#[test]
fn adding_accounts_posts_them_prefixed_to_permissions_action() {
    for dialect in Dialect::ALL {
        let action = one_action(ACCOUNT, &[], dialect);
        let req = permission_action_request(&settings(dialect), SID, &action).unwrap();
        assert_eq!(req.method, Method::Post);
        // Not the `…/iam:domain::<id>/action` of an old example.
        assert_eq!(req.url, format!("{}/permissions/action", base()));
        assert_eq!(req.header("Content-Type"), Some("application/json"));
        assert_eq!(
            req.body.as_deref(),
            Some(
                r#"{"action":"add","permissions":["iam:domain::0123456789abcdef0123456789abcdef"]}"#
            )
        );
    }
}

#[test]
fn removing_rows_sends_remove_and_everyone_as_iam_domain_star() {
    let rows = [entry(&format!("iam:domain::{ACCOUNT}")), entry("*")];
    let actions = remove_actions(&rows, Dialect::OpenTelekom);
    assert_eq!(actions.len(), 1);
    assert_eq!(
        body(&actions[0], Dialect::OpenTelekom),
        format!(r#"{{"action":"remove","permissions":["iam:domain::{ACCOUNT}","iam:domain::*"]}}"#)
    );
}

#[test]
fn huawei_org_paths_go_in_a_request_of_their_own_with_their_type() {
    let path = "o-3j59d1231uprgk9yuvlidra7zbzfi578/r-rldbu1vmxdw5ahdkknxnvd5rgag77m2z/ou-7tuddd8nh99rebxltawsm6qct5z7rklv/*";
    let plan = plan_add(
        &format!("{ACCOUNT}\norganizations:orgPath::{path}"),
        &[],
        Dialect::Huawei,
    );
    assert!(plan.is_ready(), "{plan:?}");
    let actions = plan.actions(Dialect::Huawei);
    assert_eq!(actions.len(), 2);
    assert_eq!(
        body(&actions[0], Dialect::Huawei),
        format!(r#"{{"action":"add","permissions":["iam:domain::{ACCOUNT}"]}}"#)
    );
    assert_eq!(
        body(&actions[1], Dialect::Huawei),
        format!(
            r#"{{"action":"add","permissions":["organizations:orgPath::{path}"],"permission_type":"orgPath"}}"#
        )
    );
}

#[test]
fn open_telekom_takes_account_ids_only() {
    let plan = plan_add(
        "organizations:orgPath::o-abc/r-def",
        &[],
        Dialect::OpenTelekom,
    );
    assert!(!plan.is_ready());
    assert!(
        plan.problems[0]
            .message
            .contains("Open Telekom Cloud whitelists account IDs only"),
        "{plan:?}"
    );
    let typed = PermissionAction {
        action: WhitelistAction::Add,
        permissions: vec![format!("iam:domain::{ACCOUNT}")],
        permission_type: Some(PermissionType::DomainId),
    };
    let err = permission_action_request(&settings(Dialect::OpenTelekom), SID, &typed).unwrap_err();
    assert!(err.message().contains("no permission type"), "{err}");
}

#[test]
fn a_request_is_refused_when_empty_or_not_written_as_the_api_takes_it() {
    let empty = PermissionAction {
        action: WhitelistAction::Add,
        permissions: vec![],
        permission_type: None,
    };
    assert!(matches!(
        permission_action_request(&settings(Dialect::Huawei), SID, &empty),
        Err(RequestError::Input(_))
    ));
    let bare = PermissionAction {
        permissions: vec![ACCOUNT.into()],
        ..empty.clone()
    };
    let err = permission_action_request(&settings(Dialect::Huawei), SID, &bare).unwrap_err();
    assert!(
        err.message()
            .contains(&format!("send iam:domain::{ACCOUNT}")),
        "{err}"
    );
    let bad = PermissionAction {
        permissions: vec!["iam:domain::ab$c".into()],
        ..empty
    };
    let err = permission_action_request(&settings(Dialect::Huawei), SID, &bad).unwrap_err();
    assert!(err.message().contains("“ab$c”"), "{err}");
}

#[test]
fn the_shown_whitelist_request_never_carries_the_token() {
    let req = permission_action_request(
        &settings(Dialect::Huawei),
        SID,
        &one_action("*", &[], Dialect::Huawei),
    )
    .unwrap();
    let curl = req.to_curl();
    assert!(!curl.contains(TOKEN), "{curl}");
    assert!(curl.contains("-H \"X-Auth-Token: $TOKEN\""), "{curl}");
    assert!(
        curl.contains(r#"--data-raw '{"action":"add","permissions":["iam:domain::*"]}'"#),
        "{curl}"
    );
    assert!(req.masked_headers().iter().all(|(_, v)| !v.contains(TOKEN)));
    assert_eq!(req.header("X-Auth-Token"), Some(TOKEN));
}

// ---- What a person may type ----

#[test]
fn account_ids_are_1_to_64_letters_digits_or_star_not_only_32_hex() {
    let id31 = "0123456789abcdef0123456789abcde";
    let id33 = "0123456789abcdef0123456789abcdef0";
    assert_eq!(id31.len(), 31);
    assert_eq!(id33.len(), 33);
    for ok in [id31, id33, "a", "ABCxyz", &"z".repeat(64), "ab*"] {
        assert_eq!(account_id_problem(ok), None, "{ok}");
    }
    let long = "a".repeat(65);
    let m = account_id_problem(&long).unwrap();
    assert!(
        m.contains("65 characters") && m.contains("at most 64"),
        "{m}"
    );
    assert!(m.contains("aaaaaaaaaaaa…"), "{m}");
    for (bad, ch) in [
        ("abc-def", '-'),
        ("abc_def", '_'),
        ("ab.cd", '.'),
        ("ümlaut", 'ü'),
    ] {
        let m = account_id_problem(bad).unwrap();
        assert!(m.contains(&format!("“{bad}”")), "{m}");
        assert!(m.contains(&format!("“{ch}”")), "{m}");
    }
    assert!(account_id_problem("")
        .unwrap()
        .contains("Enter an account ID"));
}

#[test]
fn several_ids_are_split_on_commas_spaces_and_new_lines() {
    assert_eq!(
        split_entries(" a, b\nc\t d;e,,\r\n f "),
        ["a", "b", "c", "d", "e", "f"]
    );
    let plan = plan_add("a1, b2\nc3 d4", &[], Dialect::OpenTelekom);
    assert_eq!(
        plan.entries,
        ["a1", "b2", "c3", "d4"].map(|s| Grantee::Account(s.into()))
    );
}

#[test]
fn duplicates_are_removed_and_the_prefix_is_accepted_in_any_case() {
    let plan = plan_add(
        &format!("{ACCOUNT} iam:domain::{ACCOUNT}, IAM:Domain::{ACCOUNT}\nb2 b2"),
        &[],
        Dialect::Huawei,
    );
    assert_eq!(
        plan.entries,
        [
            Grantee::Account(ACCOUNT.into()),
            Grantee::Account("b2".into())
        ]
    );
    assert!(plan.problems.is_empty());
}

#[test]
fn every_bad_id_is_named_and_nothing_is_sent() {
    let plan = plan_add(
        &format!("{ACCOUNT}, bad-id, iam:domain::, {}", "x".repeat(65)),
        &[],
        Dialect::OpenTelekom,
    );
    assert!(!plan.is_ready());
    assert_eq!(plan.problems.len(), 3, "{plan:?}");
    assert_eq!(plan.problems[0].entry, "bad-id");
    assert!(plan.problems[0].message.contains("“bad-id”"));
    assert_eq!(plan.problems[1].entry, "iam:domain::");
    assert!(plan.problems[1].message.contains("Enter an account ID"));
    assert!(plan.problems[2].message.contains("65 characters"));
    // The good one is still planned, for when the others are fixed.
    assert_eq!(plan.entries, [Grantee::Account(ACCOUNT.into())]);
}

#[test]
fn an_empty_box_is_a_problem_not_an_empty_request() {
    for text in ["", "  \n , "] {
        let plan = plan_add(text, &[], Dialect::Huawei);
        assert!(!plan.is_ready());
        assert!(plan.problems[0]
            .message
            .contains("Enter one or more account IDs"));
    }
}

#[test]
fn a_pasted_token_is_not_echoed() {
    let token = format!("MIIE{}", "x".repeat(300));
    let plan = plan_add(&token, &[], Dialect::Huawei);
    let p = &plan.problems[0];
    assert!(p.message.contains("looks like a token"), "{p:?}");
    assert!(!p.message.contains(&token[..20]));
    assert!(p.entry.chars().count() <= 13, "{p:?}");
}

#[test]
fn star_and_iam_domain_star_both_mean_everyone_and_need_confirmation() {
    for typed in ["*", "iam:domain::*", "IAM:DOMAIN::*"] {
        assert_eq!(
            parse_entry(typed, Dialect::OpenTelekom),
            Ok(Grantee::Everyone)
        );
        let plan = plan_add(&format!("{ACCOUNT} {typed}"), &[], Dialect::OpenTelekom);
        assert!(plan.grants_everyone, "{typed}");
        assert!(plan.is_ready());
    }
    let plan = plan_add("* iam:domain::*", &[], Dialect::Huawei);
    assert_eq!(plan.entries, [Grantee::Everyone], "one entry, not two");
    assert!(!plan_add(ACCOUNT, &[], Dialect::Huawei).grants_everyone);
    // A star inside an ID is allowed by the rule, but is not "everyone".
    assert_eq!(
        parse_entry("ab*", Dialect::Huawei),
        Ok(Grantee::Account("ab*".into()))
    );
}

#[test]
fn entries_already_listed_are_skipped_and_said_so() {
    let listed = [entry(&format!("iam:domain::{ACCOUNT}")), entry("*")];
    let plan = plan_add(
        &format!("{ACCOUNT}, iam:domain::*, newone"),
        &listed,
        Dialect::OpenTelekom,
    );
    assert_eq!(plan.entries, [Grantee::Account("newone".into())]);
    assert_eq!(
        plan.already_listed,
        [Grantee::Account(ACCOUNT.into()), Grantee::Everyone]
    );
    // Everyone is already allowed: this plan grants nothing new to everyone.
    assert!(!plan.grants_everyone);
    assert_eq!(
        plan.skipped_text().unwrap(),
        format!("2 already on the list, skipped: Account {ACCOUNT}, Every account (*).")
    );
    let all_listed = plan_add(ACCOUNT, &listed, Dialect::OpenTelekom);
    assert!(!all_listed.is_ready(), "nothing left to send");
    assert!(all_listed.problems.is_empty());
}

#[test]
fn org_paths_are_checked_on_huawei_cloud() {
    assert_eq!(
        parse_entry("organizations:orgPath::o-1/r-2/ou-3/*?", Dialect::Huawei),
        Ok(Grantee::OrgPath("o-1/r-2/ou-3/*?".into()))
    );
    let long = format!("organizations:orgPath::{}", "a".repeat(1025));
    assert!(parse_entry(&long, Dialect::Huawei)
        .unwrap_err()
        .contains("at most 1024"));
    assert!(parse_entry(
        &format!("organizations:orgPath::{}", "a".repeat(1024)),
        Dialect::Huawei
    )
    .is_ok());
    let err = parse_entry("organizations:orgPath::o_1", Dialect::Huawei).unwrap_err();
    assert!(err.contains("“o_1”") && err.contains("“_”"), "{err}");
}

// ---- Reading the answers ----

const SAMPLE_LIST: &str = r#"{"permissions":[{"id":"9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111","permission":"iam:domain::0123456789abcdef0123456789abcdef",
 "permission_type":"domainId","description":"partner","created_at":"2024-05-06T08:09:10Z"}],"total_count":1}"#;

#[test]
fn the_reference_sample_whitelist_is_read() {
    let list = read_permission_list(200, &[], SAMPLE_LIST).unwrap();
    assert_eq!(list.total_count, 1);
    let e = &list.permissions[0];
    assert_eq!(e.id, "9f8e7d6c-aaaa-4bbb-8ccc-dddd00001111");
    assert_eq!(e.permission, format!("iam:domain::{ACCOUNT}"));
    assert_eq!(e.account_id(), Some(ACCOUNT));
    assert_eq!(e.grantee(), Grantee::Account(ACCOUNT.into()));
    assert_eq!(e.permission_type.as_deref(), Some("domainId"));
    assert_eq!(e.description.as_deref(), Some("partner"));
    assert_eq!(e.created_at.as_deref(), Some("2024-05-06T08:09:10Z"));
    assert!(!list.grants_everyone());
}

#[test]
fn a_listed_bare_star_is_everyone() {
    let list = PermissionList::from_json(
        r#"{"permissions":[{"id":"x","permission":"*","created_at":"2024-05-06T08:09:10Z"}],"total_count":1}"#,
    )
    .unwrap();
    assert!(list.grants_everyone());
    assert_eq!(list.permissions[0].account_id(), None);
    assert_eq!(list.permissions[0].grantee().label(), "Every account (*)");
}

#[test]
fn an_entry_without_a_permission_is_named() {
    let e = read_permission_list(200, &[], r#"{"permissions":[{"id":"x"}],"total_count":1}"#)
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Proxy);
    assert!(
        e.hint
            .contains("permissions[0]: missing field `permission`"),
        "{}",
        e.hint
    );
}

#[test]
fn the_action_answer_is_read_partial_or_full() {
    let r = read_permission_action(
        200,
        &[],
        &format!(r#"{{"permissions":["iam:domain::{ACCOUNT}","*"]}}"#),
    )
    .unwrap();
    assert_eq!(
        r.permissions,
        [format!("iam:domain::{ACCOUNT}"), "*".into()]
    );
    assert_eq!(r.permission_type, None);
    let hwc = read_permission_action(
        200,
        &[],
        r#"{"permissions":["organizations:orgPath::o-1/*"],"permission_type":"orgPath"}"#,
    )
    .unwrap();
    assert_eq!(hwc.permission_type.as_deref(), Some("orgPath"));
    let e = read_permission_action(200, &[], r#"{"permissions":[1]}"#).unwrap_err();
    assert!(e.hint.contains("permissions[0]"), "{}", e.hint);
}

// ---- Errors: words, any case, and where they belong ----

#[test]
fn every_whitelist_code_has_its_own_words_in_any_case() {
    let generic = hint_for(400, None);
    for code in [
        "2044", "3002", "3036", "3035", "0016", "2045", "3049", "0006", "0010", "0017", "0018",
        "2003",
    ] {
        let hint = hint_for(400, Some(&format!("EndPoint.{code}")));
        assert_ne!(hint, generic, "{code}");
        assert_eq!(
            hint,
            hint_for(400, Some(&format!("endpoint.{code}"))),
            "{code}"
        );
    }
    assert!(hint_for(400, Some("Endpoint.3049")).contains("whitelist is full"));
    assert!(hint_for(400, Some("EndPoint.3036")).contains("at least one account ID"));
}

#[test]
fn an_error_naming_an_entry_points_at_it() {
    let sent = one_action(&format!("{ACCOUNT} b2"), &[], Dialect::Huawei);
    let e = classify(
        400,
        &[],
        &format!(r#"{{"error_code":"Endpoint.2044","error_msg":"Invalid whitelist: {ACCOUNT}"}}"#),
    );
    assert_eq!(
        whitelist_input(&e, Some(&sent)),
        Some(WhitelistInput::Entry(format!("iam:domain::{ACCOUNT}")))
    );
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.3002","error_msg":"Invalid permission."}"#,
    );
    assert_eq!(
        whitelist_input(&e, Some(&sent)),
        Some(WhitelistInput::AddBox)
    );
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.3049","error_msg":"full"}"#,
    );
    assert_eq!(
        whitelist_input(&e, Some(&sent)),
        Some(WhitelistInput::AddBox)
    );
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.0010","error_msg":"m"}"#,
    );
    assert_eq!(whitelist_input(&e, None), Some(WhitelistInput::Page));
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.2003","error_msg":"m"}"#,
    );
    assert_eq!(whitelist_input(&e, None), Some(WhitelistInput::Service));
    // Removing one row: its error belongs to that row.
    let removal = remove_actions(&[entry("*")], Dialect::Huawei).remove(0);
    let e = classify(
        400,
        &[],
        r#"{"error_code":"EndPoint.3002","error_msg":"Invalid permission."}"#,
    );
    assert_eq!(
        whitelist_input(&e, Some(&removal)),
        Some(WhitelistInput::Entry("iam:domain::*".into()))
    );
    assert_eq!(WhitelistInput::AddBox.dom_id(), "wl-add");
    assert_eq!(
        WhitelistInput::Entry("iam:domain::*".into()).dom_id(),
        "wl-entry-iam%3Adomain%3A%3A%2A"
    );
}

#[test]
fn the_tab_has_one_name_and_the_actions_theirs() {
    assert_eq!(w().core.whitelist_tab, "Who may connect");
    assert_eq!(WhitelistAction::Add.api_name(), "add");
    assert_eq!(WhitelistAction::Remove.api_name(), "remove");
    assert_eq!(WhitelistAction::Add.label(), "Add");
}
