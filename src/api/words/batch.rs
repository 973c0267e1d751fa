//! The words of the batch area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The batch area's words.
    Batch {
        // shared
        /// A field and its value: "Connections need approval: Yes".
        field_value: "{0}: {1}" / "{0}：{1}" / "{0}: {1}",
        /// A field as it changes: "Description: old → new".
        change_line: "{0}: {1} → {2}" / "{0}：{1} → {2}" / "{0}: {1} → {2}",
        /// Between the items of a list of reasons.
        item_separator: "; " / "；" / "; ",
        upgrade_to: "Upgrade to {0}" / "升级到{0}" / "Auf {0} upgraden",
        clear_description: "Clear the description" / "清空描述" / "Beschreibung leeren",
        // selection
        selecting: "Selecting…" / "正在选择…" / "Wird ausgewählt…",
        selecting_page: "Selecting: page {0} of {1}…" / "正在选择：第 {0} 页，共 {1} 页…" / "Wird ausgewählt: Seite {0} von {1}…",
        selecting_stopped: "Selecting stopped at page {0} of {1}: {2}; the services of the pages read before it are selected." / "选择在第 {0} 页（共 {1} 页）停止：{2}；之前已读取页面中的服务已被选中。" / "Die Auswahl hat bei Seite {0} von {1} angehalten: {2}; die Dienste der zuvor gelesenen Seiten sind ausgewählt.",
        pick_page: "Select every service on this page" / "选择本页所有服务" / "Alle Dienste auf dieser Seite auswählen",
        /// `{0}` is the service's name.
        pick_row: "Select {0}" / "选择{0}" / "{0} auswählen",
        need_selection: "Select at least one service first." / "请先选择至少一个服务。" / "Wählen Sie zuerst mindestens einen Dienst aus.",
        need_action: "Choose what to change in the selected services." / "请选择要在所选服务中更改的内容。" / "Wählen Sie, was in den ausgewählten Diensten geändert werden soll.",
        bar_label: "Change many services" / "批量更改服务" / "Viele Dienste ändern",
        none_selected: "None selected" / "未选择" / "Nichts ausgewählt",
        selected_count: "{0} selected" / "已选择 {0} 个" / "{0} ausgewählt",
        select_matching: "Select all {0} matching" / "选择全部 {0} 个匹配项" / "Alle {0} passenden auswählen",
        clear_selection: "Clear selection" / "清除选择" / "Auswahl aufheben",
        change_label: "Change the selected" / "更改所选服务" / "Ausgewählte ändern",
        choose_change: "Choose a change…" / "选择更改…" / "Änderung wählen…",
        option_tcp_proxy: "Client address to the backend…" / "客户端地址传递至后端…" / "Client-Adresse ans Backend…",
        option_description: "Description…" / "描述…" / "Beschreibung…",
        client_address: "Client address" / "客户端地址" / "Client-Adresse",
        new_description: "New description" / "新描述" / "Neue Beschreibung",
        review: "Review the change" / "检查变更" / "Änderung prüfen",
        too_many: "{0} services match: a batch takes at most {1}. Narrow the filter by name or status." / "有 {0} 个服务匹配：一次批量操作最多 {1} 个。请按名称或状态缩小筛选范围。" / "{0} Dienste passen: Eine Sammelaktion umfasst höchstens {1}. Grenzen Sie den Filter nach Name oder Status ein.",
        // plan
        upgrade_not_here: "Upgrading to {0} is a Huawei Cloud call (POST /v2/…/upgrade); {1} has no such API, so nothing can be upgraded here." / "升级到{0}是 Huawei Cloud 的接口（POST /v2/…/upgrade）；{1} 没有此接口，因此这里无法升级。" / "Das Upgrade auf {0} ist ein Aufruf von Huawei Cloud (POST /v2/…/upgrade); {1} hat keine solche API, daher kann hier nichts upgegradet werden.",
        tcp_proxy_not_here: "“{0}” is not available on {1}: choose one of {2}." / "“{0}”在 {1} 上不可用：请从 {2} 中选择。" / "„{0}“ ist auf {1} nicht verfügbar: Wählen Sie einen von {2}.",
        description_title: "{0}: “{1}”" / "{0}：“{1}”" / "{0}: „{1}“",
        already_edition: "Already {0}" / "已是{0}" / "Bereits {0}",
        already_value: "{0} is already {1}" / "{0}已为“{1}”" / "{0}: bereits {1}",
        description_already_empty: "Description is already empty" / "描述已为空" / "Die Beschreibung ist bereits leer",
        description_already_this: "Description is already this text" / "描述已是此文本" / "Die Beschreibung hat bereits diesen Text",
        form_refuses: "Not sent: the form would refuse this service ({0})" / "未发送：表单会拒绝此服务（{0}）" / "Nicht gesendet: Das Formular würde diesen Dienst ablehnen ({0})",
        other_fields: "Not sent: saving this service would change other fields too; edit it on its own page" / "未发送：保存此服务还会更改其他字段；请在它自己的页面上编辑" / "Nicht gesendet: Beim Speichern dieses Dienstes würden sich auch andere Felder ändern; bearbeiten Sie ihn auf seiner eigenen Seite",
        // review
        review_title: "{0}: {1} to change, {2} skipped" / "{0}：{1} 个待更改，{2} 个跳过" / "{0}: {1} zu ändern, {2} übersprungen",
        will_change: "Will change" / "将更改" / "Wird geändert",
        will_upgrade: "Will upgrade" / "将升级" / "Wird upgegradet",
        to_edition: "To {0}" / "目标：{0}" / "Auf {0}",
        review_note: "Nothing has been sent yet. Each change is one request, built as a single Save would build it; before each PUT the console reads the service again and leaves it alone if it changed since you selected it." / "尚未发送任何内容。每项更改是一个请求，构造方式与单次保存相同；每次 PUT 之前，控制台会重新读取该服务，如果它在您选择之后发生了变更，则不会改动它。" / "Es wurde noch nichts gesendet. Jede Änderung ist eine Anfrage, gebaut wie bei einem einzelnen Speichern; vor jedem PUT liest die Konsole den Dienst erneut und lässt ihn unverändert, wenn er sich seit Ihrer Auswahl geändert hat.",
        requests_at_once: "Requests at once" / "并发请求数" / "Gleichzeitige Anfragen",
        concurrency_help: "1 to {0}. At most {1} requests start each second (config.json batch_rate_per_second); throttled requests are retried after a pause." / "1 到 {0}。每秒最多发起 {1} 个请求（config.json batch_rate_per_second）；被限流的请求会在暂停后重试。" / "1 bis {0}. Pro Sekunde starten höchstens {1} Anfragen (config.json batch_rate_per_second); gedrosselte Anfragen werden nach einer Pause erneut versucht.",
        concurrency_range: "Enter a whole number from 1 to {0}." / "请输入 1 到 {0} 之间的整数。" / "Geben Sie eine ganze Zahl von 1 bis {0} ein.",
        sample_summary: "The request for each service" / "每个服务的请求" / "Die Anfrage für jeden Dienst",
        send_requests_one: "Send {0} request" / "发送 {0} 个请求" / "{0} Anfrage senden",
        send_requests_many: "Send {0} requests" / "发送 {0} 个请求" / "{0} Anfragen senden",
        back: "Back to the selection" / "返回选择" / "Zurück zur Auswahl",
        // run
        /// Before the tenths of a second: "1.5 s".
        decimal_separator: "." / "." / ",",
        progress_label: "Batch progress" / "批量操作进度" / "Fortschritt der Sammelaktion",
        percent: "{0} %" / "{0}%" / "{0} %",
        seconds: "{0} s" / "{0} 秒" / "{0} s",
        minutes_seconds: "{0} min {1} s" / "{0} 分 {1} 秒" / "{0} min {1} s",
        /// Between the counts of the progress line.
        count_separator: " · " / " · " / " · ",
        n_done: "{0} done" / "{0} 个完成" / "{0} erledigt",
        n_failed: "{0} failed" / "{0} 个失败" / "{0} fehlgeschlagen",
        n_skipped: "{0} skipped" / "{0} 个跳过" / "{0} übersprungen",
        n_changed: "{0} changed on the server" / "{0} 个在服务器上已变更" / "{0} auf dem Server geändert",
        n_unconfirmed: "{0} not confirmed" / "{0} 个未确认" / "{0} nicht bestätigt",
        n_not_started: "{0} not started" / "{0} 个未开始" / "{0} nicht gestartet",
        n_aborted: "{0} aborted" / "{0} 个已中止" / "{0} abgebrochen",
        n_remaining: "{0} remaining" / "剩余 {0} 个" / "{0} verbleibend",
        /// `{0}` is the counts, `{1}` the time since the start.
        elapsed: "{0} — {1} elapsed" / "{0} — 已用时 {1}" / "{0} — {1} vergangen",
        time_left: "{0}, about {1} left" / "{0}，约剩 {1}" / "{0}, noch etwa {1}",
        time_left_unknown: "{0}, time left not known yet" / "{0}，剩余时间尚不可知" / "{0}, verbleibende Zeit noch unbekannt",
        cancel_rest: "Cancel the rest" / "取消其余请求" / "Rest abbrechen",
        retry_failed: "Retry failed ({0})" / "重试失败项（{0}）" / "Fehlgeschlagene erneut versuchen ({0})",
        export_csv: "Export CSV" / "导出 CSV" / "Als CSV exportieren",
        export_json: "Export JSON" / "导出 JSON" / "Als JSON exportieren",
        close: "Close" / "关闭" / "Schließen",
        retrying: "Retrying: try {0}" / "正在重试：第 {0} 次尝试" / "Erneuter Versuch: Versuch {0}",
        throttled: "Throttled: try {0} in {1} s" / "已限流：{1} 秒后进行第 {0} 次尝试" / "Gedrosselt: Versuch {0} in {1} s",
        step_check: "Checking that nobody changed it" / "正在检查是否有人更改过" / "Es wird geprüft, ob niemand ihn geändert hat",
        step_send: "Sending" / "正在发送" / "Wird gesendet",
        step_watch: "Waiting until it is available" / "正在等待其变为可用" / "Warten, bis er verfügbar ist",
        // table
        table_label: "Services in this batch" / "本次批量操作中的服务" / "Dienste dieser Sammelaktion",
        col_service: "Service" / "服务" / "Dienst",
        col_result: "Result" / "结果" / "Ergebnis",
        col_detail: "Detail" / "详情" / "Details",
        col_tries: "Tries" / "尝试次数" / "Versuche",
        col_error_code: "Error code" / "错误码" / "Fehlercode",
        col_request_id: "Request ID" / "请求ID" / "Anfrage-ID",
        // row results
        status_waiting: "Waiting" / "等待中" / "Wartet",
        status_running: "Running" / "运行中" / "Läuft",
        status_done: "Done" / "完成" / "Erledigt",
        status_skipped: "Skipped" / "已跳过" / "Übersprungen",
        status_changed: "Changed on the server, not sent" / "服务器上已变更，未发送" / "Auf dem Server geändert, nicht gesendet",
        status_unconfirmed: "Sent, not confirmed" / "已发送，未确认" / "Gesendet, nicht bestätigt",
        status_failed: "Failed" / "失败" / "Fehlgeschlagen",
        status_not_started: "Not started" / "未开始" / "Nicht gestartet",
        status_aborted: "Aborted" / "已中止" / "Abgebrochen",
        /// A reason with the fields that changed: "Changed on the server… (ports: … → …)".
        reason_with_changes: "{0} ({1})" / "{0}（{1}）" / "{0} ({1})",
        /// An error with its hint.
        error_with_hint: "{0}. {1}" / "{0}。{1}" / "{0}. {1}",
        not_started_detail: "Cancelled before the change was sent" / "在发送更改之前已取消" / "Abgebrochen, bevor die Änderung gesendet wurde",
        aborted_detail: "Cancelled while the change was being sent: it may or may not have been applied; reload the service to see" / "在发送更改时取消：更改可能已生效，也可能未生效；请重新加载该服务查看" / "Abgebrochen, während die Änderung gesendet wurde: Sie wurde möglicherweise übernommen oder nicht; laden Sie den Dienst neu, um es zu sehen",
        // job
        nothing_sent: "{0} on the server: nothing sent" / "服务器上{0}：未发送任何内容" / "{0} auf dem Server: nichts gesendet",
        changed_since: "Changed on the server since it was selected (updated {0}): not sent" / "选择之后服务器上已变更（更新于 {0}）：未发送" / "Seit der Auswahl auf dem Server geändert (aktualisiert {0}): nicht gesendet",
        unknown_time: "at an unknown time" / "时间未知" / "zu unbekannter Zeit",
        saved_status: "Saved; {0}" / "已保存；{0}" / "Gespeichert; {0}",
        saved_available_after: "Saved; Available after {0} status checks" / "已保存；经过 {0} 次状态检查后可用" / "Gespeichert; verfügbar nach {0} Statusprüfungen",
        saved_but_status: "Saved, but the service is {0} after {1} status checks: see its page" / "已保存，但经过 {1} 次状态检查后服务仍为{0}：请查看其页面" / "Gespeichert, aber der Status des Dienstes ist nach {1} Statusprüfungen „{0}“: siehe seine Seite",
        upgrade_accepted: "Upgrade accepted" / "升级已受理" / "Upgrade angenommen",
        unexpected_answer: "The answer was not the one expected: see the service's page" / "响应与预期不符：请查看该服务的页面" / "Die Antwort war nicht die erwartete: siehe die Seite des Dienstes",
        // runner
        not_sent: "Not sent: {0}" / "未发送：{0}" / "Nicht gesendet: {0}",
        request_aborted: "The request was aborted before an answer came." / "请求在收到响应之前被中止。" / "Die Anfrage wurde abgebrochen, bevor eine Antwort kam.",
        saved_read_failed: "Saved, but reading its status failed ({0}): see the service's page" / "已保存，但读取其状态失败（{0}）：请查看该服务的页面" / "Gespeichert, aber das Lesen des Status ist fehlgeschlagen ({0}): siehe die Seite des Dienstes",
        saved_cancelled: "Saved; the run was cancelled before the service was seen available" / "已保存；在确认服务可用之前运行已被取消" / "Gespeichert; der Lauf wurde abgebrochen, bevor der Dienst als verfügbar gesehen wurde",
    }
);
