//! The words of the errors area, in English / Chinese / German (see [`super::table`]):
//! the hints for API errors, answers that are not the API's, requests that cannot be
//! built, and the checks of the edit form's fields.

use super::area::area;

area!(
    /// The errors area's words.
    Errors {
        // hints by error code (error::hint_for)
        hint_busy: "The service is busy (for example still `creating` after an edit). Wait until it is `available`, then send again." / "服务正忙（例如编辑后仍为 `creating`）。请等到它变为 `available` 后再发送。" / "Der Dienst ist beschäftigt (zum Beispiel nach einer Änderung noch `creating`). Warten Sie, bis er `available` ist, und senden Sie dann erneut.",
        hint_port_conflict: "A port mapping conflicts with another endpoint service that uses the same backend port ID: pick other ports." / "端口映射与使用相同后端端口ID的另一个终端节点服务冲突：请选择其他端口。" / "Eine Port-Zuordnung kollidiert mit einem anderen Endpunktdienst, der dieselbe Backend-Port-ID nutzt: Wählen Sie andere Ports.",
        hint_too_many_mappings: "Too many port mappings: at most 200 are allowed." / "端口映射过多：最多允许200个。" / "Zu viele Port-Zuordnungen: Höchstens 200 sind erlaubt.",
        hint_protocol: "This cloud does not accept that protocol: check the API dialect in the settings." / "此云不接受该协议：请在设置中检查API方言。" / "Diese Cloud akzeptiert dieses Protokoll nicht: Prüfen Sie den API-Dialekt in den Einstellungen.",
        hint_port_refused: "A port ID or port number was refused: check the backend port ID and the port mappings." / "端口ID或端口号被拒绝：请检查后端端口ID和端口映射。" / "Eine Port-ID oder Portnummer wurde abgelehnt: Prüfen Sie die Backend-Port-ID und die Port-Zuordnungen.",
        hint_name_refused: "The service name was refused: use at most 16 letters, digits, _ and -, the short name only." / "服务名称被拒绝：最多使用16个字母、数字、_ 和 -，只填短名称。" / "Der Dienstname wurde abgelehnt: Verwenden Sie höchstens 16 Buchstaben, Ziffern, _ und -, nur den Kurznamen.",
        hint_ip_and_port_id: "The backend IP and port ID cannot change together: change one, save, then the other." / "后端IP和端口ID不能同时修改：先修改其中一个并保存，再修改另一个。" / "Backend-IP und Port-ID können nicht zusammen geändert werden: Ändern Sie eines, speichern Sie, dann das andere.",
        hint_project_invalid: "The project ID is not valid: check it in the settings." / "项目ID无效：请在设置中检查。" / "Die Projekt-ID ist ungültig: Prüfen Sie sie in den Einstellungen.",
        hint_too_many_requests: "Too many requests: wait a moment and try again." / "请求过多：请稍候重试。" / "Zu viele Anfragen: Warten Sie einen Moment und versuchen Sie es erneut.",
        hint_no_service: "That endpoint service does not exist: check the service ID and the project." / "该终端节点服务不存在：请检查服务ID和项目。" / "Dieser Endpunktdienst existiert nicht: Prüfen Sie die Dienst-ID und das Projekt.",
        hint_internal: "The service had an internal error: try again in a moment." / "服务发生内部错误：请稍后重试。" / "Der Dienst hatte einen internen Fehler: Versuchen Sie es gleich erneut.",

        // hints by HTTP status (error::hint_for)
        hint_401: "The token is missing, expired (tokens live 24 hours) or for another project: get a new token for this project." / "令牌缺失、已过期（令牌有效期为24小时）或属于其他项目：请为此项目获取新令牌。" / "Das Token fehlt, ist abgelaufen (Tokens gelten 24 Stunden) oder gehört zu einem anderen Projekt: Holen Sie ein neues Token für dieses Projekt.",
        hint_403: "The token's user lacks permission for this action on VPC Endpoint: ask for the VPCEP permission." / "令牌所属用户没有对VPC终端节点执行此操作的权限：请申请VPCEP权限。" / "Dem Benutzer des Tokens fehlt die Berechtigung für diese Aktion auf VPC Endpoint: Beantragen Sie die VPCEP-Berechtigung.",
        hint_404: "Not found: check the service ID and the project ID, and that the proxy forwards /v1 and /v2." / "未找到：请检查服务ID和项目ID，并确认代理转发 /v1 和 /v2。" / "Nicht gefunden: Prüfen Sie die Dienst-ID und die Projekt-ID und ob der Proxy /v1 und /v2 weiterleitet.",
        hint_400: "The request was refused: read the message above and correct the field it names." / "请求被拒绝：请阅读上方的消息，并修正其中指出的字段。" / "Die Anfrage wurde abgelehnt: Lesen Sie die Meldung oben und korrigieren Sie das Feld, das sie nennt.",
        hint_gateway: "The API proxy could not reach the VPCEP API or timed out: check the proxy's upstream." / "API代理无法访问VPCEP API或已超时：请检查代理的上游。" / "Der API-Proxy hat die VPCEP-API nicht erreicht oder das Zeitlimit überschritten: Prüfen Sie das Upstream des Proxys.",
        hint_server: "The server had an error: try again in a moment." / "服务器出错：请稍后重试。" / "Der Server hatte einen Fehler: Versuchen Sie es gleich erneut.",
        hint_other: "The request failed: see the details." / "请求失败：请查看详细信息。" / "Die Anfrage ist fehlgeschlagen: Siehe Details.",

        // hints of the connections and whitelist codes (error::access_hint)
        hint_one_endpoint: "Only one endpoint can be accepted or rejected per request: send it again for each endpoint on its own." / "每个请求只能接受或拒绝一个终端节点：请为每个终端节点单独重新发送。" / "Pro Anfrage kann nur ein Endpunkt angenommen oder abgelehnt werden: Senden Sie sie für jeden Endpunkt einzeln erneut.",
        hint_not_connecting: "This endpoint is not connecting to this endpoint service: reload the connections." / "此终端节点未连接到此终端节点服务：请重新加载连接。" / "Dieser Endpunkt verbindet sich nicht mit diesem Endpunktdienst: Laden Sie die Verbindungen neu.",
        hint_already_connected: "This endpoint is already connected: reload the connections to see its state." / "此终端节点已连接：请重新加载连接以查看其状态。" / "Dieser Endpunkt ist bereits verbunden: Laden Sie die Verbindungen neu, um seinen Status zu sehen.",
        hint_no_endpoint: "This endpoint does not exist (any more): reload the connections." / "此终端节点不存在（或已不存在）：请重新加载连接。" / "Dieser Endpunkt existiert nicht (mehr): Laden Sie die Verbindungen neu.",
        hint_endpoint_id_refused: "The endpoint ID was refused: reload the connections and pick the endpoint again." / "终端节点ID被拒绝：请重新加载连接，然后重新选择该终端节点。" / "Die Endpunkt-ID wurde abgelehnt: Laden Sie die Verbindungen neu und wählen Sie den Endpunkt erneut.",
        hint_endpoint_deleting: "This endpoint is being deleted: it can no longer be accepted or rejected." / "此终端节点正在删除：已无法接受或拒绝。" / "Dieser Endpunkt wird gelöscht: Er kann nicht mehr angenommen oder abgelehnt werden.",
        hint_endpoint_creating: "This endpoint is still being created: wait until it waits for approval, then try again." / "此终端节点仍在创建中：请等到它变为待接受后重试。" / "Dieser Endpunkt wird noch erstellt: Warten Sie, bis er auf Annahme wartet, und versuchen Sie es dann erneut.",
        hint_connection_action: "The API refused the action: accepting is sent as `receive` and rejecting as `reject`. Check the API dialect in the settings." / "API拒绝了该操作：接受以 `receive` 发送，拒绝以 `reject` 发送。请在设置中检查API方言。" / "Die API hat die Aktion abgelehnt: Annehmen wird als `receive` gesendet, Ablehnen als `reject`. Prüfen Sie den API-Dialekt in den Einstellungen.",
        hint_entry_refused: "The whitelist entry was refused: an account ID has 1–64 letters, digits or *, and is sent as iam:domain::<account ID>." / "白名单条目被拒绝：账号ID由1–64个字母、数字或 * 组成，以 iam:domain::<账号ID> 的形式发送。" / "Der Whitelist-Eintrag wurde abgelehnt: Eine Konto-ID hat 1–64 Buchstaben, Ziffern oder * und wird als iam:domain::<Konto-ID> gesendet.",
        hint_entries_refused: "An entry was refused: enter account IDs (1–64 letters, digits or *), or on Huawei Cloud organization paths." / "有条目被拒绝：请输入账号ID（1–64个字母、数字或 *），在Huawei Cloud上也可输入组织路径。" / "Ein Eintrag wurde abgelehnt: Geben Sie Konto-IDs ein (1–64 Buchstaben, Ziffern oder *), auf Huawei Cloud auch Organisationspfade.",
        hint_no_accounts: "No accounts were sent: enter at least one account ID." / "未发送任何账号：请至少输入一个账号ID。" / "Es wurden keine Konten gesendet: Geben Sie mindestens eine Konto-ID ein.",
        hint_whitelist_action: "The API refused the action: the console sends `add` or `remove`. Check the API dialect in the settings." / "API拒绝了该操作：控制台发送的是 `add` 或 `remove`。请在设置中检查API方言。" / "Die API hat die Aktion abgelehnt: Die Konsole sendet `add` oder `remove`. Prüfen Sie den API-Dialekt in den Einstellungen.",
        hint_too_many_entries: "Too many entries at once: add or remove fewer in one go." / "一次的条目过多：请每次少添加或少删除一些。" / "Zu viele Einträge auf einmal: Fügen Sie auf einmal weniger hinzu oder entfernen Sie weniger.",
        hint_whitelist_full: "The whitelist is full: remove accounts that no longer need access, then add again." / "白名单已满：请删除不再需要访问的账号，然后再添加。" / "Die Whitelist ist voll: Entfernen Sie Konten, die keinen Zugriff mehr brauchen, und fügen Sie dann erneut hinzu.",
        hint_page_size: "The page size was refused: connections show at most 1000 a page, the whitelist at most 500." / "每页条数被拒绝：连接每页最多显示1000个，白名单最多500个。" / "Die Seitengröße wurde abgelehnt: Verbindungen zeigen höchstens 1000 pro Seite, die Whitelist höchstens 500.",
        hint_no_page: "That page does not exist (any more): go back to the first page." / "该页不存在（或已不存在）：请返回第一页。" / "Diese Seite existiert nicht (mehr): Gehen Sie zurück zur ersten Seite.",
        hint_sort_key: "The sort order was refused: check the API dialect in the settings (Huawei Cloud sorts by create_at, Open Telekom Cloud by created_at)." / "排序方式被拒绝：请在设置中检查API方言（Huawei Cloud 按 create_at 排序，Open Telekom Cloud 按 created_at 排序）。" / "Die Sortierung wurde abgelehnt: Prüfen Sie den API-Dialekt in den Einstellungen (Huawei Cloud sortiert nach create_at, Open Telekom Cloud nach created_at).",
        hint_sort_dir: "The sort direction was refused: choose newest or oldest first." / "排序方向被拒绝：请选择最新优先或最早优先。" / "Die Sortierrichtung wurde abgelehnt: Wählen Sie „Neueste zuerst“ oder „Älteste zuerst“.",
        hint_status_filter: "The status filter was refused: choose waiting for approval, accepted, rejected or failed." / "状态筛选条件被拒绝：请选择待接受、已接受、已拒绝或失败。" / "Der Statusfilter wurde abgelehnt: Wählen Sie „Wartet auf Annahme“, „Angenommen“, „Abgelehnt“ oder „Fehlgeschlagen“.",
        hint_marker_id: "The marker ID was refused: a marker ID is a whole number, as the list shows it." / "标记ID被拒绝：标记ID是整数，与列表中显示的一致。" / "Die Marker-ID wurde abgelehnt: Eine Marker-ID ist eine ganze Zahl, wie die Liste sie zeigt.",

        // answers that are not the API's (error::classify, unreadable_success)
        /// {0}: the hint for the status.
        no_body: "The answer had no body. Something between the console and the API (the proxy?) answered instead of the API. {0}" / "响应没有正文。控制台与API之间的某个环节（代理？）代替API作了应答。{0}" / "Die Antwort hatte keinen Body. Etwas zwischen der Konsole und der API (der Proxy?) hat anstelle der API geantwortet. {0}",
        html_page: "An HTML page came back instead of the API's JSON: the API proxy answered itself. {0}" / "返回的是HTML页面，而不是API的JSON：API代理自行作了应答。{0}" / "Statt des JSON der API kam eine HTML-Seite zurück: Der API-Proxy hat selbst geantwortet. {0}",
        not_json: "The answer is not valid JSON, so it did not come from the API as sent: check the API proxy. {0}" / "响应不是有效的JSON，因此并非API原样发出：请检查API代理。{0}" / "Die Antwort ist kein gültiges JSON, kam also nicht so von der API: Prüfen Sie den API-Proxy. {0}",
        json_not_error: "The answer is JSON but not an API error. {0}" / "响应是JSON，但不是API错误。{0}" / "Die Antwort ist JSON, aber kein API-Fehler. {0}",
        /// {0}: the HTTP status, {1}: what was expected (one of the `what_` keys).
        success_empty: "HTTP {0} came with an empty body instead of {1}: the API proxy may have cut the answer." / "HTTP {0} 返回了空正文，而不是{1}：API代理可能截断了响应。" / "HTTP {0} kam mit leerem Body (erwartet: {1}): Der API-Proxy hat die Antwort womöglich abgeschnitten.",
        success_unreadable: "HTTP {0} came, but the body is not {1}: the API proxy may have changed or cut the answer." / "HTTP {0} 已返回，但正文不是{1}：API代理可能修改或截断了响应。" / "HTTP {0} kam, aber der Body ist nicht das Erwartete ({1}): Der API-Proxy hat die Antwort womöglich verändert oder abgeschnitten.",
        /// A hint and, in brackets, why the answer could not be read (as the reader wrote it).
        with_reason: "{0} ({1})" / "{0}（{1}）" / "{0} ({1})",
        what_service: "an endpoint service" / "终端节点服务" / "ein Endpunktdienst",
        what_service_list: "a list of endpoint services" / "终端节点服务列表" / "eine Liste der Endpunktdienste",
        what_upgrade_answer: "the empty answer (204) of an upgrade" / "升级的空响应（204）" / "die leere Antwort (204) eines Upgrades",
        what_connection_list: "a list of connections" / "连接列表" / "eine Liste der Verbindungen",
        what_connections_changed: "the connections that were accepted or rejected" / "已接受或已拒绝的连接" / "die angenommenen oder abgelehnten Verbindungen",
        what_whitelist_list: "a list of whitelist entries" / "白名单条目列表" / "eine Liste der Whitelist-Einträge",
        what_whitelist_changed: "the whitelist entries that were changed" / "已变更的白名单条目" / "die geänderten Whitelist-Einträge",

        // no answer (error::network_error, timeout_error, too_large_error)
        network: "No answer from the API proxy at {0}. It is unreachable, or it refused this page's cross-origin request (CORS): the VPCEP hosts send no CORS headers, so point the console at a proxy that does, or serve it from the proxy's origin." / "位于 {0} 的API代理没有响应。它无法访问，或拒绝了此页面的跨域请求（CORS）：VPCEP主机不发送CORS头，因此请让控制台使用会发送CORS头的代理，或从代理的源提供控制台。" / "Keine Antwort vom API-Proxy unter {0}. Er ist nicht erreichbar oder hat die Cross-Origin-Anfrage dieser Seite (CORS) abgelehnt: Die VPCEP-Hosts senden keine CORS-Header, richten Sie die Konsole daher auf einen Proxy, der das tut, oder liefern Sie sie vom Origin des Proxys aus.",
        timeout: "No answer within {0} s: the request was cancelled. The change may still have been applied: reload the service before sending again." / "{0} 秒内无响应：请求已取消。变更可能仍已生效：请先重新加载服务，再重新发送。" / "Keine Antwort innerhalb von {0} s: Die Anfrage wurde abgebrochen. Die Änderung wurde womöglich trotzdem übernommen: Laden Sie den Dienst neu, bevor Sie erneut senden.",
        too_large: "The answer was larger than {0} MB, so the console stopped reading it: the API never sends that much, so something in between answered. Check the API proxy URL." / "响应超过 {0} MB，控制台已停止读取：API从不发送这么多数据，说明是中间的某个环节作了应答。请检查API代理地址。" / "Die Antwort war größer als {0} MB, daher hat die Konsole aufgehört, sie zu lesen: So viel sendet die API nie, also hat etwas dazwischen geantwortet. Prüfen Sie die API-Proxy-URL.",

        // the edit form's fields (validate, ports)
        name_full: "This looks like a full name (region.name.id): enter only the name part." / "这看起来是完整名称（region.name.id）：只需输入名称部分。" / "Das sieht nach einem vollständigen Namen aus (region.name.id): Geben Sie nur den Namensteil ein.",
        name_space: "A space is not allowed: use letters, digits, underscores (_) and hyphens (-)." / "不允许使用空格：请使用字母、数字、下划线（_）和连字符（-）。" / "Ein Leerzeichen ist nicht erlaubt: Verwenden Sie Buchstaben, Ziffern, Unterstriche (_) und Bindestriche (-).",
        /// {0}: the character.
        name_char: "“{0}” is not allowed: use letters, digits, underscores (_) and hyphens (-)." / "不允许使用“{0}”：请使用字母、数字、下划线（_）和连字符（-）。" / "„{0}“ ist nicht erlaubt: Verwenden Sie Buchstaben, Ziffern, Unterstriche (_) und Bindestriche (-).",
        /// {0}: the length typed, {1}: the most allowed.
        too_long: "{0} characters is too long: use at most {1}." / "{0} 个字符过长：最多 {1} 个。" / "{0} Zeichen sind zu lang: Verwenden Sie höchstens {1}.",
        description_brackets: "“<” and “>” are not allowed in a description." / "描述中不允许使用“<”和“>”。" / "„<“ und „>“ sind in einer Beschreibung nicht erlaubt.",
        /// {0}: the value, {1}: the cloud, {2}: the values it takes.
        tcp_proxy_unavailable: "“{0}” is not available on {1}: choose one of {2}." / "“{0}”在{1}上不可用：请从 {2} 中选择。" / "„{0}“ ist auf {1} nicht verfügbar: Wählen Sie einen von {2}.",
        port_id_kept: "The backend port ID cannot be removed, only replaced: enter a UUID." / "后端端口ID不能删除，只能替换：请输入UUID。" / "Die Backend-Port-ID kann nicht entfernt, nur ersetzt werden: Geben Sie eine UUID ein.",
        port_id_uuid: "Enter the backend port ID as a UUID, like 4189d3c2-8882-4871-a3c2-d380272eed88." / "请以UUID格式输入后端端口ID，例如 4189d3c2-8882-4871-a3c2-d380272eed88。" / "Geben Sie die Backend-Port-ID als UUID ein, etwa 4189d3c2-8882-4871-a3c2-d380272eed88.",
        vip_port_id_kept: "The virtual IP port ID cannot be removed, only replaced: enter a UUID." / "虚拟IP端口ID不能删除，只能替换：请输入UUID。" / "Die Port-ID der virtuellen IP kann nicht entfernt, nur ersetzt werden: Geben Sie eine UUID ein.",
        vip_port_id_uuid: "Enter the virtual IP port ID as a UUID, like 4189d3c2-8882-4871-a3c2-d380272eed88." / "请以UUID格式输入虚拟IP端口ID，例如 4189d3c2-8882-4871-a3c2-d380272eed88。" / "Geben Sie die Port-ID der virtuellen IP als UUID ein, etwa 4189d3c2-8882-4871-a3c2-d380272eed88.",
        ip_kept: "The backend IP cannot be removed, only replaced." / "后端IP不能删除，只能替换。" / "Die Backend-IP kann nicht entfernt, nur ersetzt werden.",
        ip_spaces: "Remove the spaces around the address." / "请删除地址前后的空格。" / "Entfernen Sie die Leerzeichen um die Adresse.",
        /// {0}: what was typed.
        ip_invalid: "“{0}” is neither an IPv4 address nor a domain name." / "“{0}”既不是IPv4地址，也不是域名。" / "„{0}“ ist weder eine IPv4-Adresse noch ein Domainname.",
        ip_and_port_id: "The backend IP and port ID cannot change in one request: save one, then the other." / "后端IP和端口ID不能在同一个请求中修改：请先保存其中一个，再保存另一个。" / "Backend-IP und Port-ID können nicht in einer Anfrage geändert werden: Speichern Sie erst das eine, dann das andere.",
        port_required: "Required: a port from 1 to 65535." / "必填：1到65535之间的端口。" / "Erforderlich: ein Port von 1 bis 65535.",
        /// {0}: what was typed.
        port_invalid: "“{0}” is not a port: enter a whole number from 1 to 65535." / "“{0}”不是端口：请输入1到65535之间的整数。" / "„{0}“ ist kein Port: Geben Sie eine ganze Zahl von 1 bis 65535 ein.",
        ports_none: "Add at least one port mapping: the list replaces the service's current one." / "请至少添加一个端口映射：此列表将替换服务当前的列表。" / "Fügen Sie mindestens eine Port-Zuordnung hinzu: Die Liste ersetzt die aktuelle des Dienstes.",
        /// {0}: how many rows, {1}: the most allowed.
        ports_too_many: "{0} mappings is too many: at most {1} are allowed." / "{0} 个映射过多：最多允许 {1} 个。" / "{0} Zuordnungen sind zu viele: Höchstens {1} sind erlaubt.",
        protocol_choose: "Choose a protocol." / "请选择协议。" / "Wählen Sie ein Protokoll.",
        /// {0}: the protocol, {1}: the cloud, {2}: the protocols it takes.
        protocol_unavailable: "{0} is not available on {1}: use {2}." / "{0} 在{1}上不可用：请使用 {2}。" / "{0} ist auf {1} nicht verfügbar: Verwenden Sie {2}.",
        /// Between the last two protocols of a choice ("TCP or UDP").
        or_separator: " or " / " 或 " / " oder ",
        /// {0}: the other row's number.
        same_mapping: "Same mapping as row {0}: remove one of them." / "与第 {0} 行的映射相同：请删除其中一个。" / "Gleiche Zuordnung wie in Zeile {0}: Entfernen Sie eine davon.",
        /// {0}: the client port, {1}: the protocol, {2}: the other row's number.
        client_port_taken: "Client port {0}/{1} is already mapped in row {2}: each client port can forward to one server port." / "客户端口 {0}/{1} 已在第 {2} 行映射：每个客户端口只能转发到一个服务端口。" / "Client-Port {0}/{1} ist bereits in Zeile {2} zugeordnet: Jeder Client-Port kann nur an einen Server-Port weiterleiten.",

        // requests that cannot be built (request)
        proxy_enter: "Enter the API proxy URL, e.g. https://console.example.com/vpcep." / "请输入API代理地址，例如 https://console.example.com/vpcep。" / "Geben Sie die API-Proxy-URL ein, z. B. https://console.example.com/vpcep.",
        proxy_scheme: "The API proxy URL must start with http:// or https://." / "API代理地址必须以 http:// 或 https:// 开头。" / "Die API-Proxy-URL muss mit http:// oder https:// beginnen.",
        proxy_query: "The API proxy URL cannot have a query (?) or fragment (#)." / "API代理地址不能包含查询（?）或片段（#）。" / "Die API-Proxy-URL darf keine Query (?) und kein Fragment (#) haben.",
        proxy_spaces: "The API proxy URL cannot contain spaces." / "API代理地址不能包含空格。" / "Die API-Proxy-URL darf keine Leerzeichen enthalten.",
        proxy_backslash: "The API proxy URL cannot contain a backslash (\\): write / for a path." / "API代理地址不能包含反斜杠（\\）：路径请使用 /。" / "Die API-Proxy-URL darf keinen Backslash (\\) enthalten: Schreiben Sie / für einen Pfad.",
        proxy_credentials: "Put no user name or password in the API proxy URL." / "API代理地址中不要包含用户名或密码。" / "Schreiben Sie keinen Benutzernamen und kein Passwort in die API-Proxy-URL.",
        proxy_percent: "The API proxy URL's host name cannot contain % escapes." / "API代理地址的主机名不能包含 % 转义。" / "Der Hostname der API-Proxy-URL darf keine %-Escapes enthalten.",
        proxy_no_host: "The API proxy URL has no host name." / "API代理地址没有主机名。" / "Die API-Proxy-URL hat keinen Hostnamen.",
        proxy_bad_port: "The API proxy URL has an invalid port." / "API代理地址的端口无效。" / "Die API-Proxy-URL hat einen ungültigen Port.",
        proxy_plain_http: "Plain http: the token would cross the network unencrypted. Use https:// unless the proxy is on this machine." / "明文 http：令牌将以未加密的方式在网络中传输。除非代理在本机上，否则请使用 https://。" / "Unverschlüsseltes http: Das Token würde unverschlüsselt durch das Netz gehen. Verwenden Sie https://, außer der Proxy läuft auf diesem Rechner.",
        token_paste: "Paste an IAM token (X-Subject-Token) for the project." / "请粘贴该项目的IAM令牌（X-Subject-Token）。" / "Fügen Sie ein IAM-Token (X-Subject-Token) für das Projekt ein.",
        token_bad_chars: "The token has characters no HTTP header can carry: paste it again." / "令牌包含HTTP头无法携带的字符：请重新粘贴。" / "Das Token enthält Zeichen, die kein HTTP-Header tragen kann: Fügen Sie es erneut ein.",
        /// A masked token when there is none.
        token_none: "(none)" / "（无）" / "(keins)",
        /// {0}: the token's first characters (or nothing), {1}: its length.
        token_masked: "{0}•••• ({1} chars)" / "{0}••••（{1} 个字符）" / "{0}•••• ({1} Zeichen)",
        /// {0}: one of the ID nouns below.
        id_enter: "Enter the {0}." / "请输入{0}。" / "Geben Sie die {0} ein.",
        /// {0}: one of the ID nouns below.
        id_token: "This looks like a token, not a {0}: paste the token into IAM token." / "这看起来是令牌，而不是{0}：请将令牌粘贴到“IAM令牌”中。" / "Das sieht nach einem Token aus, nicht nach einer {0}: Fügen Sie das Token unter „IAM-Token“ ein.",
        /// {0}: the start of what was typed, {1}: one of the ID nouns below.
        id_chars: "“{0}” is not a {1}: use letters, digits and hyphens only." / "“{0}”不是有效的{1}：只能使用字母、数字和连字符。" / "„{0}“ ist keine gültige {1}: Verwenden Sie nur Buchstaben, Ziffern und Bindestriche.",
        project_id: "project ID" / "项目ID" / "Projekt-ID",
        service_id: "service ID" / "服务ID" / "Dienst-ID",
        endpoint_service_id: "endpoint service ID" / "终端节点服务ID" / "Endpunktdienst-ID",
        endpoint_id: "endpoint ID" / "终端节点ID" / "Endpunkt-ID",

        // the upgrade's confirmation (upgrade)
        /// {0}: the regions.
        region_caveat: "The API references disagree about regions {0}: one edition says services there are advanced already and need no upgrade, a later one says the upgrade works only there. The server's answer below is what counts." / "API参考文档对区域 {0} 的说法不一致：一个版本称这些区域的服务已是专业型、无需升级，较新的版本则称升级只在这些区域可用。以下方服务器的响应为准。" / "Die API-Referenzen widersprechen sich bei den Regionen {0}: Eine Ausgabe sagt, Dienste dort seien bereits erweitert und bräuchten kein Upgrade, eine spätere sagt, das Upgrade funktioniere nur dort. Maßgeblich ist die Antwort des Servers unten.",

        // a page of a list (paging)
        /// {0}–{1}: the rows shown, {2}: how many there are.
        range: "{0}–{1} of {2}" / "第 {0}–{1} 条，共 {2} 条" / "{0}–{1} von {2}",
        /// {0}: how many there are (none shown).
        range_none: "0 of {0}" / "0 条，共 {0} 条" / "0 von {0}",
    }
);
