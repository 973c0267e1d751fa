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
    }
);
