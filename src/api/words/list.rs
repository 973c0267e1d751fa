//! The words of the list area, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The list area's words.
    List {
        // toolbar
        filter_name: "Name contains" / "名称包含" / "Name enthält",
        filter_status: "Status" / "状态" / "Status",
        any_status: "Any status" / "所有状态" / "Jeder Status",
        filter_order: "Order" / "排序" / "Reihenfolge",
        order_newest: "Newest first" / "最新创建优先" / "Neueste zuerst",
        order_oldest: "Oldest first" / "最早创建优先" / "Älteste zuerst",
        order_recently_updated: "Recently updated" / "最近更新优先" / "Zuletzt aktualisiert",
        order_least_recently_updated: "Least recently updated" / "最久未更新优先" / "Am längsten nicht aktualisiert",
        open_id_label: "Service ID" / "服务ID" / "Dienst-ID",
        open_id_button: "Open" / "打开" / "Öffnen",
        // row
        no_name: "(no name)" / "（无名称）" / "(kein Name)",
        // pager
        pages_label: "Pages" / "分页" / "Seiten",
        // table
        col_name: "Name" / "名称" / "Name",
        col_status: "Status" / "状态" / "Status",
        col_backend_type: "Backend type" / "后端类型" / "Backend-Typ",
        col_edition: "Edition" / "版本" / "Edition",
        col_ports: "Ports" / "端口" / "Ports",
        col_approval: "Approval" / "审批" / "Genehmigung",
        col_updated: "Updated" / "更新时间" / "Aktualisiert",
        // empty
        no_match_title: "No service matches" / "没有匹配的服务" / "Kein Dienst passt",
        no_match_text: "No endpoint service in this project matches the name and status filters." / "此项目中没有与名称和状态筛选条件匹配的终端节点服务。" / "Kein Endpunktdienst in diesem Projekt passt zu den Filtern für Name und Status.",
        clear_filters: "Clear filters" / "清除筛选" / "Filter zurücksetzen",
        none_title: "No endpoint services in this project" / "此项目中没有终端节点服务" / "Keine Endpunktdienste in diesem Projekt",
        /// `{0}` is the project ID, drawn in code font.
        none_text: "Project {0} has none. Create one in the cloud's console, or check the project ID in the settings." / "项目 {0} 中没有终端节点服务。请在云控制台中创建，或在设置中检查项目ID。" / "Projekt {0} hat keine. Erstellen Sie einen in der Konsole der Cloud oder prüfen Sie die Projekt-ID in den Einstellungen.",
        // page
        needs_settings_title: "Complete the settings to see your services" / "完成设置后即可查看您的服务" / "Vervollständigen Sie die Einstellungen, um Ihre Dienste zu sehen",
        needs_settings_text: "The console lists the project's endpoint services once the proxy URL, project ID and token are set above." / "在上方设置API代理地址、项目ID和令牌后，控制台将列出该项目的终端节点服务。" / "Die Konsole listet die Endpunktdienste des Projekts auf, sobald oben Proxy-URL, Projekt-ID und Token gesetzt sind.",
        loading_services: "Loading the services…" / "正在加载服务…" / "Dienste werden geladen…",
        try_again: "Try again" / "重试" / "Erneut versuchen",
        loading: "Loading" / "加载中" / "Wird geladen",
    }
);
