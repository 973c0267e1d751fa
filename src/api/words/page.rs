//! The words of the page area, in English / Chinese / German (see [`super::table`]): the
//! service page's card, editor, preview, action bar, upgrade, outcome and history, the
//! pager the access tabs share, and the dialog before leaving unsaved edits.

use super::area::area;

area!(
    /// The page area's words.
    Page {
        // shared
        /// Between two sentences of one message.
        sentence_gap: " " / "" / " ",
        request: "Request" / "请求" / "Anfrage",
        cancel: "Cancel" / "取消" / "Abbrechen",
        nothing_sent_yet: "Nothing can be sent yet: {0}" / "尚无法发送：{0}" / "Noch kann nichts gesendet werden: {0}",

        // upgrade dialog
        upgrade_title: "Upgrade {0} to {1}?" / "将 {0} 升级为{1}？" / "{0} auf {1} upgraden?",
        upgrade_what: "The advanced edition lets professional VPC endpoints connect to this service. The upgrade cannot be undone from here; the service keeps its name, ports and backend." / "专业型版本允许专业型VPC终端节点连接到此服务。升级无法在此撤销；服务保留其名称、端口和后端。" / "Mit der erweiterten Edition können sich professionelle VPC-Endpunkte mit diesem Dienst verbinden. Das Upgrade lässt sich hier nicht rückgängig machen; der Dienst behält Namen, Ports und Backend.",
        upgrade_editions_unreported: "Editions now: {0}. The server did not say which editions it supports." / "当前版本：{0}。服务器未说明其支持哪些版本。" / "Editionen jetzt: {0}. Der Server hat nicht gesagt, welche Editionen er unterstützt.",
        upgrade_editions_basic_only: "Editions now: {0}. This service is Basic only." / "当前版本：{0}。此服务仅为基础型。" / "Editionen jetzt: {0}. Dieser Dienst ist nur Basis.",
        upgrade_region_named: "This service's region, {0}, is one of them." / "此服务的区域 {0} 即是其中之一。" / "Die Region dieses Dienstes, {0}, ist eine davon.",
        upgrading: "Upgrading…" / "升级中…" / "Wird upgegradet…",
        upgrade: "Upgrade" / "升级" / "Upgraden",

        // card
        upgrade_unavailable: "Upgrade to {0}: Open Telekom Cloud's API reference documents no upgrade, so the console sends none." / "升级为{0}：Open Telekom Cloud 的API参考中没有升级操作，因此控制台不发送升级请求。" / "Upgrade auf {0}: Die API-Referenz von Open Telekom Cloud dokumentiert kein Upgrade, daher sendet die Konsole keines.",
        upgrade_done: "Already {0}: nothing to upgrade." / "已是{0}：无需升级。" / "Bereits {0}: Es gibt nichts zu upgraden.",
        upgrade_to: "Upgrade to {0}…" / "升级为{0}…" / "Auf {0} upgraden…",
        more_actions: "More actions" / "更多操作" / "Weitere Aktionen",
        no_name: "(no name)" / "（无名称）" / "(kein Name)",
        /// A fault the service reports: its code and message.
        code_message: "{0}: {1}" / "{0}：{1}" / "{0}: {1}",
        id: "ID" / "ID" / "ID",
        backend_type: "Backend type" / "后端类型" / "Backend-Typ",
        editions: "Editions" / "版本" / "Editionen",
        created: "Created" / "创建时间" / "Erstellt",
        updated: "Updated" / "更新时间" / "Aktualisiert",
        tags: "Tags" / "标签" / "Tags",

        // editor
        group_service: "Service" / "服务" / "Dienst",
        group_backend: "Backend" / "后端" / "Backend",
        approval_help: "When on, a new VPC endpoint waits until you accept it." / "开启后，新的VPC终端节点需等待您接受。" / "Wenn aktiviert, wartet ein neuer VPC-Endpunkt, bis Sie ihn annehmen.",
        name_help: "The short name: 0–16 letters, digits, _ and -. The cloud adds the region and ID around it." / "短名称：0–16 个字母、数字、_ 或 -。云会在其前后加上区域和ID。" / "Der Kurzname: 0–16 Buchstaben, Ziffern, _ und -. Die Cloud ergänzt Region und ID darum herum.",
        description_help: "At most 128 characters, no < or >. Empty clears it." / "最多 128 个字符，不能含 < 或 >。留空即清除。" / "Höchstens 128 Zeichen, kein < oder >. Leer löscht sie.",
        tcp_proxy_help: "How the backend learns the client's address." / "后端获知客户端地址的方式。" / "Wie das Backend die Adresse des Clients erfährt.",
        /// The `tcp_proxy` option shown while the service has no value.
        tcp_proxy_not_set: "(not set: leave as it is)" / "（未设置：保持不变）" / "(nicht gesetzt: bleibt, wie es ist)",
        /// A value the selected cloud does not offer.
        not_available: "{0} (not available)" / "{0}（不可用）" / "{0} (nicht verfügbar)",
        port_id_help: "UUID of the load balancer's VIP port or the server's NIC." / "负载均衡器VIP端口或服务器网卡的UUID。" / "UUID des VIP-Ports des Load Balancers oder der Netzwerkkarte des Servers.",
        ip_help: "IPv4 address or domain name. It cannot change in the same request as the port ID." / "IPv4地址或域名。不能与端口ID在同一请求中修改。" / "IPv4-Adresse oder Domainname. Sie kann nicht in derselben Anfrage wie die Port-ID geändert werden.",
        vip_port_id_help: "UUID of the NIC the virtual IP address is bound to." / "虚拟IP地址所绑定网卡的UUID。" / "UUID der Netzwerkkarte, an die die virtuelle IP-Adresse gebunden ist.",
        /// {0}: the most rows a service may have, {1}: the rows now.
        ports_note: "The API replaces the whole list: after saving, the service has exactly these mappings. 1 to {0} rows; {1} now." / "API会替换整个列表：保存后，服务的端口映射即为这些。可有 1 到 {0} 行；当前 {1} 行。" / "Die API ersetzt die ganze Liste: Nach dem Speichern hat der Dienst genau diese Zuordnungen. 1 bis {0} Zeilen; jetzt {1}.",
        row_client_port: "Row {0} client (terminal) port" / "第 {0} 行客户端口（终端端口）" / "Zeile {0}: Client-Port (Terminal)",
        row_server_port: "Row {0} server (service) port" / "第 {0} 行服务端口" / "Zeile {0}: Server-Port (Dienst)",
        row_protocol: "Row {0} protocol" / "第 {0} 行协议" / "Zeile {0}: Protokoll",
        duplicate_mapping: "Duplicate this mapping" / "复制此映射" / "Diese Zuordnung duplizieren",
        copy_row: "Copy row {0}" / "复制第 {0} 行" / "Zeile {0} kopieren",
        copy: "Copy" / "复制" / "Kopieren",
        remove_mapping: "Remove this mapping" / "删除此映射" / "Diese Zuordnung entfernen",
        remove_row: "Remove row {0}" / "删除第 {0} 行" / "Zeile {0} entfernen",
        remove: "Remove" / "删除" / "Entfernen",
        add_mapping: "+ Add mapping" / "+ 添加映射" / "+ Zuordnung hinzufügen",

        // preview
        preview: "Preview" / "预览" / "Vorschau",
        preview_problems_one: "{0} problem to fix before anything can be saved." / "有 {0} 个问题需修正后才能保存。" / "{0} Problem ist zu beheben, bevor etwas gespeichert werden kann.",
        preview_problems_many: "{0} problems to fix before anything can be saved." / "有 {0} 个问题需修正后才能保存。" / "{0} Probleme sind zu beheben, bevor etwas gespeichert werden kann.",
        no_changes_yet: "No changes yet: edit a field and the preview shows what a save would change." / "尚无变更：编辑字段后，预览会显示保存将变更的内容。" / "Noch keine Änderungen: Bearbeiten Sie ein Feld, und die Vorschau zeigt, was ein Speichern ändern würde.",
        no_request: "No request: nothing to save." / "无请求：没有要保存的内容。" / "Keine Anfrage: nichts zu speichern.",
        /// Between a field's label and its change.
        label_sep: ": " / "：" / ": ",
        /// After "Port mappings": {0} added, {1} removed, {2} mappings after the save.
        ports_change: ": {0} added, {1} removed; the service will have these {2}: " / "：新增 {0} 个，删除 {1} 个；服务将拥有以下 {2} 个：" / ": {0} hinzugefügt, {1} entfernt; der Dienst wird diese {2} haben: ",
        col_change: "Change" / "变更" / "Änderung",
        added: "Added" / "新增" / "Hinzugefügt",
        removed: "Removed" / "删除" / "Entfernt",

        // the exact request
        json_body: "JSON body (as sent, indented)" / "JSON 请求体（按发送内容，已缩进）" / "JSON-Body (wie gesendet, eingerückt)",
        no_body: "No body." / "无请求体。" / "Kein Body.",
        copy_curl: "Copy as curl" / "复制为 curl 命令" / "Als curl kopieren",
        curl_command: "curl command" / "curl 命令" / "curl-Befehl",
        copying: "Copying…" / "复制中…" / "Wird kopiert…",
        copied: "Copied: the token is $TOKEN in the command." / "已复制：命令中的令牌写作 $TOKEN。" / "Kopiert: Das Token steht im Befehl als $TOKEN.",
        clipboard_refused: "The browser refused the clipboard: select the command below." / "浏览器拒绝访问剪贴板：请选中下方的命令。" / "Der Browser hat die Zwischenablage verweigert: Markieren Sie den Befehl unten.",

        // action bar
        save_region: "Save" / "保存" / "Speichern",
        changes_none: "No changes" / "无变更" / "Keine Änderungen",
        changes_one: "{0} change" / "{0} 项变更" / "{0} Änderung",
        changes_many: "{0} changes" / "{0} 项变更" / "{0} Änderungen",
        problems_one: "{0} problem to fix" / "{0} 个问题待修正" / "{0} Problem zu beheben",
        problems_many: "{0} problems to fix" / "{0} 个问题待修正" / "{0} Probleme zu beheben",
        discard: "Discard" / "放弃" / "Verwerfen",
        saving: "Saving…" / "保存中…" / "Wird gespeichert…",
        save_changes: "Save changes" / "保存变更" / "Änderungen speichern",
        /// Before the request ID of a saved change, after its summary.
        request_id_inline: " Request ID " / " 请求ID " / " Request-ID ",
        edits_kept: "Your edits are still in the form: fix them and save again." / "您的编辑仍在表单中：请修正后再次保存。" / "Ihre Bearbeitungen sind noch im Formular: Beheben Sie die Fehler und speichern Sie erneut.",

        // conflict
        conflict_changed: "{0} changed on the server since you opened it." / "自您打开以来，{0} 已在服务器上被修改。" / "{0} wurde auf dem Server geändert, seit Sie es geöffnet haben.",
        /// After the headline, in the same paragraph.
        conflict_replace: " Saving your form as it is would replace these changes:" / "按原样保存您的表单将覆盖以下变更：" / " Wenn Sie Ihr Formular so speichern, werden diese Änderungen ersetzt:",
        /// A field someone else changed: label, before, after.
        label_change: "{0}: {1} → {2}" / "{0}：{1} → {2}" / "{0}: {1} → {2}",
        ports_added: "Port mappings added: {0}" / "新增的端口映射：{0}" / "Hinzugefügte Port-Zuordnungen: {0}",
        ports_removed: "Port mappings removed: {0}" / "删除的端口映射：{0}" / "Entfernte Port-Zuordnungen: {0}",
        conflict_nothing: "Nothing this form edits; it was saved all the same." / "此表单编辑的内容均未改变；但服务仍被保存过。" / "Nichts, was dieses Formular bearbeitet; gespeichert wurde trotzdem.",
        conflict_take: "Take their changes, keep my edits" / "采用对方的变更，保留我的编辑" / "Deren Änderungen übernehmen, meine Bearbeitungen behalten",
        conflict_send: "Save mine anyway" / "仍然保存我的" / "Meine trotzdem speichern",

        // service page
        breadcrumb: "Breadcrumb" / "导航路径" / "Navigationspfad",
        all_services: "← All services" / "← 全部服务" / "← Alle Dienste",
        /// {0}: the service's status as the API writes it, {1} of {2} checks.
        poll_waiting: "The service is {0}: waiting until it is available (check {1} of {2})…" / "服务状态为 {0}：正在等待其变为可用（第 {1} 次检查，共 {2} 次）…" / "Der Dienst hat den Status {0}: Es wird gewartet, bis er verfügbar ist (Prüfung {1} von {2})…",
        poll_available: "The service is available again." / "服务已恢复可用。" / "Der Dienst ist wieder verfügbar.",
        poll_stopped: "Stopped waiting: the service is {0}. Reload it later before editing again." / "已停止等待：服务状态为 {0}。请稍后重新加载，再继续编辑。" / "Warten beendet: Der Dienst hat den Status {0}. Laden Sie ihn später neu, bevor Sie weiter bearbeiten.",
        /// The status of a service that reported none, in the waiting line.
        status_unknown: "unknown" / "未知" / "unbekannt",
        needs_settings_title: "Complete the settings to open this service" / "请完成设置以打开此服务" / "Vervollständigen Sie die Einstellungen, um diesen Dienst zu öffnen",
        needs_settings_text: "The console reads the service once the proxy URL, project ID and token are set above." / "在上方设置代理地址、项目ID和令牌后，控制台即会读取该服务。" / "Die Konsole liest den Dienst, sobald oben Proxy-URL, Projekt-ID und Token gesetzt sind.",
        loading_service: "Loading the service…" / "正在加载服务…" / "Dienst wird geladen…",
        loading: "Loading…" / "加载中…" / "Wird geladen…",
        try_again: "Try again" / "重试" / "Erneut versuchen",
        restored: "Restored unsaved changes from earlier in this tab." / "已恢复此标签页中先前未保存的变更。" / "Nicht gespeicherte Änderungen von vorhin in diesem Tab wiederhergestellt.",
        discard_them: "Discard them" / "放弃这些变更" / "Verwerfen",
        edit: "Edit" / "编辑" / "Bearbeiten",

        // outcome of a save or an upgrade
        saved_one: "Saved {0}: {1} change." / "已保存 {0}：{1} 项变更。" / "{0} gespeichert: {1} Änderung.",
        saved_many: "Saved {0}: {1} changes." / "已保存 {0}：{1} 项变更。" / "{0} gespeichert: {1} Änderungen.",
        upgrade_accepted: "Upgrade of {0} to {1} accepted." / "{0} 升级为{1}的请求已被接受。" / "Upgrade von {0} auf {1} angenommen.",
        /// Stands for the error code in a field's message when the server gave none.
        server: "Server" / "服务器" / "Server",

        // error banner
        check_settings: "Check the settings: " / "请检查设置：" / "Prüfen Sie die Einstellungen: ",
        no_answer: "No answer" / "无响应" / "Keine Antwort",
        body_as_text: "What came back, as text" / "返回的内容（文本）" / "Was zurückkam, als Text",
        request_id_meta: " · Request ID: " / " · 请求ID：" / " · Request-ID: ",

        // history
        history_title: "Requests this session ({0})" / "本次会话的请求（{0}）" / "Anfragen dieser Sitzung ({0})",
        history_note: "Time, request, status, duration and request ID of each call; never the token." / "每次调用的时间、请求、状态、耗时和请求ID；从不包含令牌。" / "Zeit, Anfrage, Status, Dauer und Request-ID jedes Aufrufs; nie das Token.",
        export_json: "Export JSON" / "导出 JSON" / "JSON exportieren",
        no_requests: "No requests yet." / "暂无请求。" / "Noch keine Anfragen.",
        col_time: "Time" / "时间" / "Zeit",
        col_status: "Status" / "状态" / "Status",
        col_request_id: "Request ID / error" / "请求ID / 错误" / "Request-ID / Fehler",

        // pager (Connections and Who may connect)
        first: "First" / "首页" / "Erste",
        previous: "Previous" / "上一页" / "Vorherige",
        page_of: "Page {0} of {1}" / "第 {0} 页，共 {1} 页" / "Seite {0} von {1}",
        next: "Next" / "下一页" / "Nächste",
        last: "Last" / "末页" / "Letzte",
        per_page: "Per page" / "每页" / "Pro Seite",

        // leaving with unsaved changes
        leave_title: "Leave {0} with unsaved changes?" / "{0} 有未保存的变更，确定离开吗？" / "{0} mit nicht gespeicherten Änderungen verlassen?",
        leave_what: "Keep them as a draft in this tab (they come back when you open the service again), or discard them." / "可将其作为草稿保留在此标签页中（再次打开该服务时会恢复），或放弃这些变更。" / "Behalten Sie sie als Entwurf in diesem Tab (sie kommen zurück, wenn Sie den Dienst wieder öffnen), oder verwerfen Sie sie.",
        leave_stay: "Stay" / "留在此页" / "Bleiben",
        leave_discard: "Discard changes" / "放弃变更" / "Änderungen verwerfen",
        leave_keep: "Keep draft and leave" / "保留草稿并离开" / "Entwurf behalten und verlassen",
    }
);
