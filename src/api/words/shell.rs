//! The words of the header, the language switch, the settings and the first run's
//! checklist, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The header and the settings.
    Shell {
        // header, language switch, parts still downloading
        product: "VPC Endpoint console" / "VPC终端节点控制台" / "VPC-Endpunkt-Konsole",
        language_label: "Language" / "语言" / "Sprache",
        language_missing: "That language did not download. Check the connection, then choose it again: nothing you typed is lost." / "该语言未能下载。请检查网络连接后重新选择：您输入的内容不会丢失。" / "Diese Sprache wurde nicht geladen. Prüfen Sie die Verbindung und wählen Sie sie erneut: Nichts Eingegebenes geht verloren.",
        loading: "Loading…" / "加载中…" / "Wird geladen…",
        part_missing: "This part of the console did not download. Check the connection, then try again: nothing you typed is lost." / "控制台的这一部分未能下载。请检查网络连接后重试：您输入的内容不会丢失。" / "Dieser Teil der Konsole wurde nicht geladen. Prüfen Sie die Verbindung und versuchen Sie es erneut: Nichts Eingegebenes geht verloren.",
        try_again: "Try again" / "重试" / "Erneut versuchen",
        // app
        settings_loading: "Loading the settings…" / "正在加载设置…" / "Einstellungen werden geladen…",
        config_timeout: "config.json did not arrive within {0} s: the console uses its built-in defaults." / "config.json 未在 {0} 秒内送达：控制台将使用内置默认值。" / "config.json ist nicht innerhalb von {0} s eingetroffen: Die Konsole verwendet ihre eingebauten Standardwerte.",
        // config.json
        config_unreadable: "config.json could not be read (HTTP {0}): the console uses its built-in defaults." / "无法读取 config.json（HTTP {0}）：控制台将使用内置默认值。" / "config.json konnte nicht gelesen werden (HTTP {0}): Die Konsole verwendet ihre eingebauten Standardwerte.",
        config_html: "config.json is an HTML page, not JSON: the console uses its built-in defaults." / "config.json 是HTML页面，不是JSON：控制台将使用内置默认值。" / "config.json ist eine HTML-Seite, kein JSON: Die Konsole verwendet ihre eingebauten Standardwerte.",
        /// {0}: the parser's own words (serde's, in English), with line and column.
        config_invalid: "config.json is not valid: {0}: the console uses its built-in defaults." / "config.json 无效（{0}）：控制台将使用内置默认值。" / "config.json ist ungültig ({0}): Die Konsole verwendet ihre eingebauten Standardwerte.",
        config_bad_proxy: "config.json has an unusable {0} ({1}): the console uses its built-in defaults." / "config.json 中的 {0} 不可用（{1}）：控制台将使用内置默认值。" / "config.json enthält eine unbrauchbare {0} ({1}): Die Konsole verwendet ihre eingebauten Standardwerte.",
        config_locked_without_url: "config.json locks the proxy URL (allow_proxy_change: false) but sets no api_proxy_url: the console uses its built-in defaults." / "config.json 锁定了代理地址（allow_proxy_change: false），但未设置 api_proxy_url：控制台将使用内置默认值。" / "config.json sperrt die Proxy-URL (allow_proxy_change: false), setzt aber keine api_proxy_url: Die Konsole verwendet ihre eingebauten Standardwerte.",
        // SettingsPanel
        settings: "Settings" / "设置" / "Einstellungen",
        proxy_url: "API proxy URL" / "API代理地址" / "API-Proxy-URL",
        proxy_locked_help: "Set by this deployment: requests and the token go only there." / "由本部署设定：请求和令牌只发送到这里。" / "Von dieser Bereitstellung festgelegt: Anfragen und das Token gehen nur dorthin.",
        proxy_help: "The proxy that forwards /v1 and /v2 to the VPCEP API (the API itself answers no browser)." / "将 /v1 和 /v2 转发到 VPCEP API 的代理（API本身不响应浏览器）。" / "Der Proxy, der /v1 und /v2 an die VPCEP-API weiterleitet (die API selbst antwortet keinem Browser).",
        /// {0}: the host, in code font.
        proxy_host: "Requests and the token go to {0}" / "请求和令牌将发送至 {0}" / "Anfragen und das Token gehen an {0}",
        project_id: "Project ID" / "项目ID" / "Projekt-ID",
        project_id_missing: "Enter the project ID the token is scoped to." / "请输入令牌所属的项目ID。" / "Geben Sie die Projekt-ID ein, für die das Token gilt.",
        region: "Region" / "区域" / "Region",
        region_help: "Informational: the proxy decides where requests go. Empty: taken from the service." / "仅供参考：请求发往何处由代理决定。留空：从服务中获取。" / "Nur zur Information: Der Proxy entscheidet, wohin Anfragen gehen. Leer: aus dem Dienst übernommen.",
        cloud: "Cloud" / "云平台" / "Cloud",
        dialect_help: "Which edition of the API the proxy reaches. Huawei Cloud: TCP only, backend IP. Open Telekom Cloud: TCP and UDP, virtual IP port." / "代理所连接的API版本。Huawei Cloud：仅TCP，后端IP。Open Telekom Cloud：TCP和UDP，虚拟IP端口。" / "Welche Ausführung der API der Proxy erreicht. Huawei Cloud: nur TCP, Backend-IP. Open Telekom Cloud: TCP und UDP, Port der virtuellen IP.",
        // TokenField
        token: "IAM token" / "IAM令牌" / "IAM-Token",
        token_help: "Kept in this tab only (sessionStorage) and sent only as X-Auth-Token." / "仅保存在此标签页中（sessionStorage），且仅作为 X-Auth-Token 发送。" / "Nur in diesem Tab gespeichert (sessionStorage) und nur als X-Auth-Token gesendet.",
        token_none: "No token set." / "未设置令牌。" / "Kein Token gesetzt.",
        /// {0}: the token, masked.
        token_set: "Token set: {0}" / "已设置令牌：{0}" / "Token gesetzt: {0}",
        clear_token: "Clear token" / "清除令牌" / "Token löschen",
        token_how: "How do I get a token?" / "如何获取令牌？" / "Wie erhalte ich ein Token?",
        /// {0}: `X-Subject-Token`, in code font.
        token_how_answer: "Ask IAM for a project-scoped token: the token is the {0} header of the answer, and it lives 24 hours." / "向 IAM 申请项目级令牌：令牌即响应中的 {0} 头，有效期为24小时。" / "Fordern Sie bei IAM ein projektbezogenes Token an: Das Token ist der Header {0} der Antwort und gilt 24 Stunden.",
        // SettingsSummary (the parts are joined by " · ")
        summary_no_project: "no project" / "未设置项目" / "kein Projekt",
        summary_project: "Project {0}" / "项目 {0}" / "Projekt {0}",
        summary_token_by_proxy: "token added by the proxy" / "令牌由代理添加" / "Token vom Proxy hinzugefügt",
        summary_no_token: "no token" / "未设置令牌" / "kein Token",
        summary_token_rejected: "token rejected (401)" / "令牌被拒绝（401）" / "Token abgelehnt (401)",
        summary_token_ok: "token ✓" / "令牌 ✓" / "Token ✓",
        replace_token: "Replace token" / "更换令牌" / "Token ersetzen",
        hide_settings: "Hide settings" / "隐藏设置" / "Einstellungen ausblenden",
        // FirstRunChecklist
        get_started: "Get started" / "开始使用" / "Erste Schritte",
        checklist_intro: "Three settings and the console lists your endpoint services." / "完成三项设置，控制台即可列出您的终端节点服务。" / "Drei Einstellungen, und die Konsole listet Ihre Endpunktdienste auf.",
        /// After a step's name, for screen readers.
        step_done: ": done" / "：已完成" / ": erledigt",
        /// After a step's name, for screen readers.
        step_to_do: ": to do" / "：待完成" / ": offen",
    }
);
