//! The words of the access area, in English / Chinese / German (see [`super::table`]):
//! the service page's tabs, the Connections tab and the "Who may connect" tab.

use super::area::area;

area!(
    /// The access area's words.
    Access {
        // shared by both tabs
        loading: "Loading" / "加载中" / "Wird geladen",
        none_selected: "None selected" / "未选择" / "Nichts ausgewählt",
        n_selected: "{0} selected" / "已选择 {0} 项" / "{0} ausgewählt",
        cancel: "Cancel" / "取消" / "Abbrechen",
        request: "Request" / "请求" / "Anfrage",
        status: "Status" / "状态" / "Status",
        /// An error's code (or what stands for it) and its words.
        label_detail: "{0}: {1}" / "{0}：{1}" / "{0}: {1}",
        /// Between two sentences of one message.
        sentence_gap: " " / "" / " ",
        error: "Error" / "错误" / "Fehler",
        no_answer: "No answer" / "无响应" / "Keine Antwort",

        // tabs
        /// The list's badge of connections waiting for approval.
        pending_badge: "{0} pending" / "{0}个待接受" / "{0} ausstehend",

        // connection statuses and actions
        status_pending: "Waiting for approval" / "待接受" / "Wartet auf Annahme",
        status_connecting: "Connecting" / "连接中" / "Wird verbunden",
        status_accepted: "Accepted" / "已接受" / "Angenommen",
        status_rejected: "Rejected" / "已拒绝" / "Abgelehnt",
        accept: "Accept" / "接受" / "Annehmen",
        reject: "Reject" / "拒绝" / "Ablehnen",
        accepted_one: "Accepted {0} connection." / "已接受 {0} 个连接。" / "{0} Verbindung angenommen.",
        accepted_many: "Accepted {0} connections." / "已接受 {0} 个连接。" / "{0} Verbindungen angenommen.",
        accepted_some_one: "Accepted {0} of {1} connection; {2} failed." / "已接受 {1} 个连接中的 {0} 个；{2} 个失败。" / "{0} von {1} Verbindung angenommen; {2} fehlgeschlagen.",
        accepted_some_many: "Accepted {0} of {1} connections; {2} failed." / "已接受 {1} 个连接中的 {0} 个；{2} 个失败。" / "{0} von {1} Verbindungen angenommen; {2} fehlgeschlagen.",
        rejected_one: "Rejected {0} connection." / "已拒绝 {0} 个连接。" / "{0} Verbindung abgelehnt.",
        rejected_many: "Rejected {0} connections." / "已拒绝 {0} 个连接。" / "{0} Verbindungen abgelehnt.",
        rejected_some_one: "Rejected {0} of {1} connection; {2} failed." / "已拒绝 {1} 个连接中的 {0} 个；{2} 个失败。" / "{0} von {1} Verbindung abgelehnt; {2} fehlgeschlagen.",
        rejected_some_many: "Rejected {0} of {1} connections; {2} failed." / "已拒绝 {1} 个连接中的 {0} 个；{2} 个失败。" / "{0} von {1} Verbindungen abgelehnt; {2} fehlgeschlagen.",

        // connection requests and filters
        marker_id_not_number: "A marker ID is a whole number, as the list shows it." / "标记ID是整数，与列表中显示的一致。" / "Eine Marker-ID ist eine ganze Zahl, wie die Liste sie zeigt.",
        status_not_filterable: "The list cannot be filtered by “{0}”: choose waiting for approval, accepted, rejected or failed." / "列表不能按“{0}”筛选：请选择待接受、已接受、已拒绝或失败。" / "Die Liste lässt sich nicht nach „{0}“ filtern: Wählen Sie „Wartet auf Annahme“, „Angenommen“, „Abgelehnt“ oder „Fehlgeschlagen“.",
        choose_filterable: "Choose waiting for approval, accepted, rejected or failed." / "请选择待接受、已接受、已拒绝或失败。" / "Wählen Sie „Wartet auf Annahme“, „Angenommen“, „Abgelehnt“ oder „Fehlgeschlagen“.",
        too_many_connections: "{0} connections a page is too many: at most {1}." / "每页 {0} 个连接过多：最多 {1} 个。" / "{0} Verbindungen pro Seite sind zu viele: höchstens {1}.",
        select_to_accept: "Select at least one endpoint to accept." / "请至少选择一个要接受的终端节点。" / "Wählen Sie mindestens einen Endpunkt zum Annehmen aus.",
        select_to_reject: "Select at least one endpoint to reject." / "请至少选择一个要拒绝的终端节点。" / "Wählen Sie mindestens einen Endpunkt zum Ablehnen aus.",

        // a connection's run (its row note)
        accept_sent_unlisted: "Accept sent, but the endpoint is not listed any more: reload the connections" / "已发送接受请求，但该终端节点已不在列表中：请重新加载连接" / "Annahme gesendet, aber der Endpunkt ist nicht mehr aufgeführt: Laden Sie die Verbindungen neu",
        reject_sent_unlisted: "Reject sent, but the endpoint is not listed any more: reload the connections" / "已发送拒绝请求，但该终端节点已不在列表中：请重新加载连接" / "Ablehnung gesendet, aber der Endpunkt ist nicht mehr aufgeführt: Laden Sie die Verbindungen neu",
        accept_sent_still: "Accept sent; still {0} after {1} status checks: reload the connections later" / "已发送接受请求；{1} 次状态检查后仍为{0}：请稍后重新加载连接" / "Annahme gesendet; nach {1} Statusprüfungen noch „{0}“: Laden Sie die Verbindungen später neu",
        reject_sent_still: "Reject sent; still {0} after {1} status checks: reload the connections later" / "已发送拒绝请求；{1} 次状态检查后仍为{0}：请稍后重新加载连接" / "Ablehnung gesendet; nach {1} Statusprüfungen noch „{0}“: Laden Sie die Verbindungen später neu",
        unexpected_answer: "The answer was not the one expected: reload the connections" / "响应与预期不符：请重新加载连接" / "Die Antwort war nicht die erwartete: Laden Sie die Verbindungen neu",
        row_waiting: "Waiting to be sent" / "等待发送" / "Wartet auf das Senden",
        row_throttled: "Throttled by the API: trying again…" / "API 限流：正在重试…" / "Von der API gedrosselt: neuer Versuch…",
        row_checking: "{0}: checking until it settles…" / "{0}：正在检查，直到状态稳定…" / "{0}: wird geprüft, bis der Status feststeht…",
        row_sent: "Sent" / "已发送" / "Gesendet",
        row_sending: "Sending…" / "发送中…" / "Wird gesendet…",
        not_confirmed: "{0} not confirmed yet." / "{0} 个尚未确认。" / "{0} noch nicht bestätigt.",
        not_sent_cancelled: "{0} not sent (cancelled)." / "{0} 个未发送（已取消）。" / "{0} nicht gesendet (abgebrochen).",

        // connections panel
        conn_intro: "The VPC endpoints of other accounts that connect to this service. Accept sends the action {0}, Reject sends {1}, one request per endpoint." / "连接到此服务的其他账号的VPC终端节点。接受发送操作 {0}，拒绝发送 {1}，每个终端节点一个请求。" / "Die VPC-Endpunkte anderer Konten, die sich mit diesem Dienst verbinden. Annehmen sendet die Aktion {0}, Ablehnen sendet {1}, eine Anfrage pro Endpunkt.",
        conn_none_match: "No connection matches this filter." / "没有符合此筛选条件的连接。" / "Keine Verbindung entspricht diesem Filter.",
        conn_none_yet: "No endpoint connects to this service yet." / "尚无终端节点连接到此服务。" / "Noch verbindet sich kein Endpunkt mit diesem Dienst.",
        conn_pages: "Pages of connections" / "连接分页" / "Seiten der Verbindungen",
        any_status: "Any status" / "任意状态" / "Jeder Status",
        reload: "Reload" / "重新加载" / "Neu laden",

        // connections actions
        accept_example_note: "Nothing selected: this is the request for the first endpoint that can be accepted." / "未选择任何项：这是第一个可接受的终端节点的请求。" / "Nichts ausgewählt: Dies ist die Anfrage für den ersten Endpunkt, der angenommen werden kann.",
        accept_requests_note: "One request per selected endpoint: the API takes exactly one endpoint per request." / "每个所选终端节点一个请求：API 每个请求只接受一个终端节点。" / "Eine Anfrage pro ausgewähltem Endpunkt: Die API nimmt genau einen Endpunkt pro Anfrage an.",
        accept_selected: "Accept selected" / "接受所选" / "Ausgewählte annehmen",
        accept_n_selected: "Accept {0} selected" / "接受所选 {0} 项" / "{0} ausgewählte annehmen",
        reject_selected: "Reject selected…" / "拒绝所选…" / "Ausgewählte ablehnen…",
        reject_n_selected: "Reject {0} selected…" / "拒绝所选 {0} 项…" / "{0} ausgewählte ablehnen…",
        conn_act_label: "Act on the selected endpoints" / "对所选终端节点操作" / "Aktionen für die ausgewählten Endpunkte",
        cancel_rest: "Cancel the rest" / "取消其余请求" / "Den Rest abbrechen",
        conn_working: "Working: one request per endpoint…" / "处理中：每个终端节点一个请求…" / "In Arbeit: eine Anfrage pro Endpunkt…",
        accept_request_summary: "Request for Accept" / "接受的请求" / "Anfrage für Annehmen",

        // reject dialog
        reject_title_one: "Reject 1 endpoint?" / "拒绝 1 个终端节点？" / "1 Endpunkt ablehnen?",
        reject_title_many: "Reject {0} endpoints?" / "拒绝 {0} 个终端节点？" / "{0} Endpunkte ablehnen?",
        reject_what_one: "The endpoint loses its connection to this service: its account can no longer reach the service through it until it is accepted again." / "该终端节点将失去与此服务的连接：在再次被接受之前，其账号无法再通过它访问此服务。" / "Der Endpunkt verliert seine Verbindung zu diesem Dienst: Sein Konto kann den Dienst darüber nicht mehr erreichen, bis er wieder angenommen wird.",
        reject_what_many: "Each endpoint loses its connection to this service: its account can no longer reach the service through it until it is accepted again." / "每个终端节点都将失去与此服务的连接：在再次被接受之前，其账号无法再通过它访问此服务。" / "Jeder Endpunkt verliert seine Verbindung zu diesem Dienst: Sein Konto kann den Dienst darüber nicht mehr erreichen, bis er wieder angenommen wird.",
        reject_requests: "Requests ({0}, one per endpoint)" / "请求（{0} 个，每个终端节点一个）" / "Anfragen ({0}, eine pro Endpunkt)",
        reject_n: "Reject {0}" / "拒绝 {0} 个" / "{0} ablehnen",

        // connections table
        conn_caption: "Connections to this service" / "此服务的连接" / "Verbindungen zu diesem Dienst",
        conn_pick_page: "Select every endpoint on this page" / "选择本页所有终端节点" / "Alle Endpunkte dieser Seite auswählen",
        conn_col_endpoint: "Endpoint ID · account" / "终端节点ID · 账号" / "Endpunkt-ID · Konto",
        conn_col_marker: "Marker ID" / "标记ID" / "Marker-ID",
        conn_col_times: "Created · updated" / "创建时间 · 更新时间" / "Erstellt · aktualisiert",
        conn_col_actions: "Actions" / "操作" / "Aktionen",
        conn_pick_row: "Select endpoint {0}" / "选择终端节点 {0}" / "Endpunkt {0} auswählen",
        /// Before the account's ID, in code font.
        conn_account: "Account {0}" / "账号 {0}" / "Konto {0}",
        reject_ellipsis: "Reject…" / "拒绝…" / "Ablehnen…",
        /// After Accept or Reject… on a row, for screen readers only.
        row_button_endpoint: " endpoint {0}" / "终端节点 {0}" / " (Endpunkt {0})",

        // whitelist panel
        wl_everyone_listed: "Every account may connect endpoints to this service: the whitelist has “*”." / "所有账号都可以将终端节点连接到此服务：白名单中有“*”。" / "Jedes Konto darf Endpunkte mit diesem Dienst verbinden: Die Whitelist enthält „*“.",
        wl_empty: "No account is on the whitelist: only your own account may connect." / "白名单中没有账号：只有您自己的账号可以连接。" / "Kein Konto steht auf der Whitelist: Nur Ihr eigenes Konto darf verbinden.",
        wl_pages: "Pages of the whitelist" / "白名单分页" / "Seiten der Whitelist",
        add_note_ready: "Exactly what Add sends: all the accounts in one request." / "添加将发送的内容：所有账号在一个请求中。" / "Genau das sendet Hinzufügen: alle Konten in einer Anfrage.",
        add_note_empty: "Nothing to send yet: type account IDs above." / "尚无可发送的内容：请在上方输入账号ID。" / "Noch nichts zu senden: Geben Sie oben Konto-IDs ein.",
        add_help_huawei: "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines; or organization paths as organizations:orgPath::<path>. The console sends each as iam:domain::<account ID>. * lets every account connect." / "一个或多个账号ID（1–64 个字母、数字或 *），以逗号、空格或换行分隔；或以 organizations:orgPath::<path> 形式输入组织路径。控制台以 iam:domain::<account ID> 形式发送每个账号。* 允许所有账号连接。" / "Eine oder mehrere Konto-IDs (1–64 Buchstaben, Ziffern oder *), getrennt durch Kommas, Leerzeichen oder Zeilenumbrüche; oder Organisationspfade als organizations:orgPath::<path>. Die Konsole sendet jede als iam:domain::<account ID>. * lässt jedes Konto verbinden.",
        add_help_otc: "One or several account IDs (1–64 letters, digits or *), separated by commas, spaces or new lines. The console sends each as iam:domain::<account ID>. * lets every account connect." / "一个或多个账号ID（1–64 个字母、数字或 *），以逗号、空格或换行分隔。控制台以 iam:domain::<account ID> 形式发送每个账号。* 允许所有账号连接。" / "Eine oder mehrere Konto-IDs (1–64 Buchstaben, Ziffern oder *), getrennt durch Kommas, Leerzeichen oder Zeilenumbrüche. Die Konsole sendet jede als iam:domain::<account ID>. * lässt jedes Konto verbinden.",
        add_accounts: "Add accounts" / "添加账号" / "Konten hinzufügen",
        add: "Add" / "添加" / "Hinzufügen",
        remove: "Remove" / "移除" / "Entfernen",
        /// {0} is `action: add` in code font.
        add_one_request: "Each add is one request, {0}." / "每次添加为一个请求（{0}）。" / "Jedes Hinzufügen ist eine Anfrage mit {0}.",
        add_request_summary: "Request for Add" / "添加的请求" / "Anfrage für Hinzufügen",

        // whitelist actions
        remove_note_empty: "Select entries in the list to see the request that removes them." / "在列表中选择条目，即可查看移除它们的请求。" / "Wählen Sie Einträge in der Liste aus, um die Anfrage zu sehen, die sie entfernt.",
        remove_note_ready: "Exactly what Remove sends: the selected entries in one request." / "移除将发送的内容：所选条目在一个请求中。" / "Genau das sendet Entfernen: die ausgewählten Einträge in einer Anfrage.",
        wl_act_label: "Act on the selected entries" / "对所选条目操作" / "Aktionen für die ausgewählten Einträge",
        remove_selected: "Remove selected" / "移除所选" / "Ausgewählte entfernen",
        remove_n_selected: "Remove {0} selected" / "移除所选 {0} 项" / "{0} ausgewählte entfernen",
        remove_request_summary: "Request for Remove" / "移除的请求" / "Anfrage für Entfernen",
        added: "Added {0}." / "已添加{0}。" / "Hinzugefügt: {0}.",
        removed: "Removed {0}." / "已移除{0}。" / "Entfernt: {0}.",

        // everyone dialog
        everyone_title: "Let every account connect?" / "允许所有账号连接？" / "Jedes Konto verbinden lassen?",
        everyone_warning: "“*” lets every account connect endpoints to this service. If connections need approval, each still waits for it." / "“*”允许所有账号将终端节点连接到此服务。如果连接需要审批，每个连接仍需等待审批。" / "„*“ lässt jedes Konto Endpunkte mit diesem Dienst verbinden. Brauchen Verbindungen Genehmigung, wartet jede weiterhin darauf.",
        also_added: "Also added: {0}." / "同时添加：{0}。" / "Außerdem hinzugefügt: {0}.",
        everyone_confirm: "Let every account connect" / "允许所有账号连接" / "Jedes Konto verbinden lassen",

        // whitelist table
        wl_caption: "Accounts that may connect" / "可以连接的账号" / "Konten, die verbinden dürfen",
        wl_pick_page: "Select every entry on this page" / "选择本页所有条目" / "Alle Einträge dieser Seite auswählen",
        wl_col_who: "Who" / "对象" / "Wer",
        wl_col_type: "Type" / "类型" / "Typ",
        wl_col_added: "Added" / "添加时间" / "Hinzugefügt",
        wl_pick_row: "Select entry {0}" / "选择条目 {0}" / "Eintrag {0} auswählen",
        kind_everyone: "Every account" / "所有账号" / "Jedes Konto",
        kind_org_path: "Organization path" / "组织路径" / "Organisationspfad",
        kind_account: "Account" / "账号" / "Konto",

        // whitelist entries as named in messages
        grantee_everyone: "Every account (*)" / "所有账号（*）" / "Jedes Konto (*)",
        grantee_account: "Account {0}" / "账号 {0}" / "Konto {0}",
        grantee_org_path: "Organization path {0}" / "组织路径 {0}" / "Organisationspfad {0}",
        skipped: "{0} already on the list, skipped: {1}." / "{0} 项已在列表中，已跳过：{1}。" / "{0} bereits auf der Liste, übersprungen: {1}.",

        // whitelist requests and typed entries
        enter_account: "Enter at least one account ID." / "请至少输入一个账号ID。" / "Geben Sie mindestens eine Konto-ID ein.",
        no_permission_type: "{0} takes no permission type: account IDs only." / "{0} 不支持权限类型：只接受账号ID。" / "{0} nimmt keinen Berechtigungstyp an: nur Konto-IDs.",
        not_as_api_takes: "“{0}” is not written as the API takes it: send {1}." / "“{0}”的写法不符合 API 要求：请发送 {1}。" / "„{0}“ ist nicht so geschrieben, wie die API es annimmt: Senden Sie {1}.",
        not_of_type: "“{0}” is not of the type {1}: send it in a request of its own." / "“{0}”不属于类型 {1}：请在单独的请求中发送。" / "„{0}“ ist nicht vom Typ {1}: Senden Sie es in einer eigenen Anfrage.",
        too_many_entries: "{0} entries a page is too many: at most {1}." / "每页 {0} 个条目过多：最多 {1} 个。" / "{0} Einträge pro Seite sind zu viele: höchstens {1}.",
        enter_account_after_prefix: "Enter an account ID after “iam:domain::”." / "请在“iam:domain::”之后输入账号ID。" / "Geben Sie nach „iam:domain::“ eine Konto-ID ein.",
        looks_like_token: "This looks like a token, not an account ID: enter account IDs only." / "这看起来是令牌，而不是账号ID：请只输入账号ID。" / "Das sieht wie ein Token aus, nicht wie eine Konto-ID: Geben Sie nur Konto-IDs ein.",
        account_too_long: "“{0}” has {1} characters: an account ID has at most {2}." / "“{0}”有 {1} 个字符：账号ID最多 {2} 个字符。" / "„{0}“ hat {1} Zeichen: Eine Konto-ID hat höchstens {2}.",
        account_bad_char: "“{0}” is not an account ID: it has “{1}”; use letters, digits or * only." / "“{0}”不是账号ID：它包含“{1}”；只能使用字母、数字或 *。" / "„{0}“ ist keine Konto-ID: Sie enthält „{1}“; verwenden Sie nur Buchstaben, Ziffern oder *.",
        enter_org_path: "Enter an organization path after “organizations:orgPath::”." / "请在“organizations:orgPath::”之后输入组织路径。" / "Geben Sie nach „organizations:orgPath::“ einen Organisationspfad ein.",
        org_path_too_long: "“{0}” has {1} characters: an organization path has at most {2}." / "“{0}”有 {1} 个字符：组织路径最多 {2} 个字符。" / "„{0}“ hat {1} Zeichen: Ein Organisationspfad hat höchstens {2}.",
        org_path_bad_char: "“{0}” is not an organization path: it has “{1}”; use letters, digits, /, -, * or ? only." / "“{0}”不是组织路径：它包含“{1}”；只能使用字母、数字、/、-、* 或 ?。" / "„{0}“ ist kein Organisationspfad: Er enthält „{1}“; verwenden Sie nur Buchstaben, Ziffern, /, -, * oder ?.",
        accounts_only: "“{0}”: {1} whitelists account IDs only, not organization paths." / "“{0}”：{1} 的白名单只接受账号ID，不接受组织路径。" / "„{0}“: {1} nimmt nur Konto-IDs in die Whitelist auf, keine Organisationspfade.",
        enter_accounts: "Enter one or more account IDs, separated by commas, spaces or new lines." / "请输入一个或多个账号ID，以逗号、空格或换行分隔。" / "Geben Sie eine oder mehrere Konto-IDs ein, getrennt durch Kommas, Leerzeichen oder Zeilenumbrüche.",
    }
);
