//! The API's terms, shared by every part of the console: one word per concept, in
//! English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// Editions, ports, fields, values, states and tabs.
    Core {
        /// Between thousands in a count (never in a port or an ID).
        group_separator: "," / "," / ".",
        endpoint_service: "Endpoint service" / "终端节点服务" / "Endpunktdienst",
        endpoint_services: "Endpoint services" / "终端节点服务" / "Endpunktdienste",
        endpoint: "Endpoint" / "终端节点" / "Endpunkt",
        advanced: "Advanced (profession)" / "专业型（profession）" / "Erweitert (profession)",
        basic: "Basic" / "基础型" / "Basis",
        client_port: "Client (terminal) port" / "客户端口（终端端口）" / "Client-Port (Terminal)",
        server_port: "Server (service) port" / "服务端口" / "Server-Port (Dienst)",
        protocol: "Protocol" / "协议" / "Protokoll",
        field_approval_enabled: "Connections need approval" / "连接需要审批" / "Verbindungen brauchen Genehmigung",
        field_service_name: "Service name" / "服务名称" / "Dienstname",
        field_description: "Description" / "描述" / "Beschreibung",
        field_tcp_proxy: "Client address to the backend" / "客户端地址传递至后端" / "Client-Adresse ans Backend",
        field_port_id: "Backend port ID" / "后端端口ID" / "Backend-Port-ID",
        field_vip_port_id: "Virtual IP port ID" / "虚拟IP端口ID" / "Port-ID der virtuellen IP",
        field_ip: "Backend IP or domain" / "后端IP或域名" / "Backend-IP oder Domain",
        field_ports: "Port mappings" / "端口映射" / "Port-Zuordnungen",
        field_other: "Field" / "字段" / "Feld",
        yes: "Yes" / "是" / "Ja",
        no: "No" / "否" / "Nein",
        not_reported: "not reported" / "未返回" / "nicht gemeldet",
        unknown: "Unknown" / "未知" / "Unbekannt",
        not_set: "(not set)" / "（未设置）" / "(nicht gesetzt)",
        empty_value: "(empty)" / "（空）" / "(leer)",
        list_separator: ", " / "、" / ", ",
        status_available: "Available" / "可用" / "Verfügbar",
        status_creating: "Creating" / "创建中" / "Wird erstellt",
        status_failed: "Failed" / "失败" / "Fehlgeschlagen",
        status_deleting: "Deleting" / "删除中" / "Wird gelöscht",
        server_vm: "Cloud server" / "云服务器" / "Cloud-Server",
        server_vip: "Virtual IP" / "虚拟IP" / "Virtuelle IP",
        server_lb: "Load balancer" / "负载均衡器" / "Load Balancer",
        tcp_proxy_close: "Off: pass no client address" / "关闭：不传递客户端地址" / "Aus: keine Client-Adresse weitergeben",
        tcp_proxy_toa_open: "TCP TOA: client address in a TCP option" / "TCP TOA：客户端地址在TCP选项中" / "TCP TOA: Client-Adresse in einer TCP-Option",
        tcp_proxy_proxy_open: "Proxy Protocol: client address in the payload" / "Proxy Protocol：客户端地址在数据中" / "Proxy Protocol: Client-Adresse in den Nutzdaten",
        tcp_proxy_open: "Both TOA and Proxy Protocol" / "TOA 与 Proxy Protocol 同时开启" / "TOA und Proxy Protocol zugleich",
        tcp_proxy_proxy_vni: "Proxy Protocol with VNI" / "Proxy Protocol（含VNI）" / "Proxy Protocol mit VNI",
        tcp_proxy_unknown: "Unknown value" / "未知取值" / "Unbekannter Wert",
        /// The service page's tab bar (its label, the first tab, the Connections tab
        /// with its pending count).
        service_tabs_label: "Service" / "服务" / "Dienst",
        settings_tab: "Settings" / "设置" / "Einstellungen",
        connections_tab_pending: "Connections ({0} pending)" / "连接管理（{0}个待接受）" / "Verbindungen ({0} ausstehend)",
        connections_tab: "Connections" / "连接管理" / "Verbindungen",
        whitelist_tab: "Who may connect" / "白名单" / "Wer verbinden darf",
        whitelist_api_name: "whitelist · permissions" / "白名单 · permissions" / "Whitelist · permissions",
        owner_always_allowed: "Your own account may always connect: it is on the whitelist by default." / "您自己的账号始终可以连接：它默认在白名单中。" / "Ihr eigenes Konto darf immer verbinden: Es steht standardmäßig auf der Whitelist.",
    }
);
