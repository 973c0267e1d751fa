//! The words of the change as code (curl, Python, Go, Terraform), in English / Chinese /
//! German (see [`super::table`]). The code itself is not translated.

use super::area::area;

area!(
    /// The preview's Request tabs: what each snippet needs, and what it cannot say.
    Code {
        tabs_label: "The request as code" / "以代码表示的请求" / "Die Anfrage als Code",
        copy: "Copy" / "复制" / "Kopieren",
        copied: "Copied" / "已复制" / "Kopiert",
        // what each needs
        needs_curl: "Needs the token in $TOKEN (export TOKEN=…): the console never shows it." / "需要将令牌放在 $TOKEN 中（export TOKEN=…）：控制台从不显示令牌。" / "Braucht den Token in $TOKEN (export TOKEN=…): Die Konsole zeigt ihn nie.",
        needs_python: "Needs pip install huaweicloudsdkvpcep, and an access key in CLOUD_SDK_AK and CLOUD_SDK_SK." / "需要 pip install huaweicloudsdkvpcep，并在 CLOUD_SDK_AK 和 CLOUD_SDK_SK 中提供访问密钥。" / "Braucht pip install huaweicloudsdkvpcep und einen Zugriffsschlüssel in CLOUD_SDK_AK und CLOUD_SDK_SK.",
        needs_go: "Needs go get github.com/huaweicloud/huaweicloud-sdk-go-v3, and an access key in CLOUD_SDK_AK and CLOUD_SDK_SK." / "需要 go get github.com/huaweicloud/huaweicloud-sdk-go-v3，并在 CLOUD_SDK_AK 和 CLOUD_SDK_SK 中提供访问密钥。" / "Braucht go get github.com/huaweicloud/huaweicloud-sdk-go-v3 und einen Zugriffsschlüssel in CLOUD_SDK_AK und CLOUD_SDK_SK.",
        needs_terraform_huawei: "Needs the huaweicloud provider with its credentials, and Terraform 1.5 or later for the import block." / "需要配置好凭证的 huaweicloud provider，import 块需要 Terraform 1.5 或更高版本。" / "Braucht den Provider huaweicloud mit seinen Zugangsdaten und für den import-Block Terraform 1.5 oder neuer.",
        needs_terraform_otc: "Needs the opentelekomcloud provider with its credentials, and Terraform 1.5 or later for the import block." / "需要配置好凭证的 opentelekomcloud provider，import 块需要 Terraform 1.5 或更高版本。" / "Braucht den Provider opentelekomcloud mit seinen Zugangsdaten und für den import-Block Terraform 1.5 oder neuer.",
        // what a snippet cannot say, or says differently
        no_vip_port_id: "Neither SDK models vip_port_id: this snippet leaves it out. Send it with curl." / "两个SDK都没有 vip_port_id 字段：此代码片段未包含它。请用 curl 发送。" / "Keines der SDKs kennt vip_port_id: Dieses Snippet lässt es weg. Senden Sie es mit curl.",
        no_region: "The settings name no region: replace REGION_ID." / "设置中未指定区域：请替换 REGION_ID。" / "Die Einstellungen nennen keine Region: Ersetzen Sie REGION_ID.",
        sdk_endpoint: "The SDK's region list has no {0}: the client is given the endpoint {1}." / "SDK的区域列表中没有 {0}：客户端直接使用终端节点地址 {1}。" / "Die Regionsliste des SDK kennt {0} nicht: Der Client bekommt den Endpunkt {1}.",
        go_udp: "The Go SDK has no constant for UDP: the snippet reads it from JSON." / "Go SDK没有UDP常量：代码片段从JSON中读取它。" / "Das Go-SDK hat keine Konstante für UDP: Das Snippet liest sie aus JSON.",
        tf_whole_state: "Terraform holds the whole service: this shows every value it will have, not only the changed ones." / "Terraform管理整个服务：这里显示它的全部取值，而不只是修改的部分。" / "Terraform verwaltet den ganzen Dienst: Hier steht jeder Wert, den er haben wird, nicht nur die geänderten.",
        tf_approval: "approval is written out: Terraform's default is false, the API's is true." / "approval 已明确写出：Terraform的默认值为 false，而API的默认值为 true。" / "approval steht ausdrücklich da: Der Standard von Terraform ist false, der der API true.",
        tf_import: "The import block adopts the existing service instead of creating a new one." / "import 块接管现有服务，而不是创建新服务。" / "Der import-Block übernimmt den bestehenden Dienst, statt einen neuen anzulegen.",
        tf_force_new: "On Open Telekom Cloud, changing tcp_proxy or tags replaces the service: Terraform deletes it and creates a new one." / "在Open Telekom Cloud上，修改 tcp_proxy 或 tags 会替换服务：Terraform会删除它并新建一个。" / "Auf der Open Telekom Cloud ersetzt eine Änderung von tcp_proxy oder tags den Dienst: Terraform löscht ihn und legt einen neuen an.",
        tf_changes_tcp_proxy: "This change sets tcp_proxy: with Terraform on Open Telekom Cloud it would replace the service. Send it with curl or an SDK." / "此修改会设置 tcp_proxy：在Open Telekom Cloud上用Terraform会替换该服务。请用 curl 或SDK发送。" / "Diese Änderung setzt tcp_proxy: Mit Terraform würde das auf der Open Telekom Cloud den Dienst ersetzen. Senden Sie sie mit curl oder einem SDK.",
        tf_no_state: "The service is not loaded: Terraform needs its whole state." / "服务尚未加载：Terraform需要它的完整状态。" / "Der Dienst ist nicht geladen: Terraform braucht seinen ganzen Zustand.",
        tf_no_upgrade: "The opentelekomcloud provider has no upgrade resource." / "opentelekomcloud provider 没有升级资源。" / "Der Provider opentelekomcloud hat keine Ressource für das Upgrade.",
        tf_reject: "Terraform has no single reject: an endpoint is rejected when it leaves the endpoints of the approval resource, or when that resource is destroyed." / "Terraform没有单独的拒绝操作：终端节点从审批资源的 endpoints 中移除，或该资源被销毁时，即被拒绝。" / "Terraform kennt kein einzelnes Ablehnen: Ein Endpunkt wird abgelehnt, wenn er die endpoints der Genehmigungsressource verlässt oder diese Ressource gelöscht wird.",
        tf_whitelist: "Terraform holds the whole whitelist: these entries go into the service's list beside the ones it has." / "Terraform管理整个白名单：这些条目与已有条目一起写入该服务的列表。" / "Terraform verwaltet die ganze Whitelist: Diese Einträge kommen zu den vorhandenen in die Liste des Dienstes.",
        tf_permissions: "The whitelist is not written here: list its entries in the resource, or Terraform empties it." / "此处未写出白名单：请在资源中列出其条目，否则Terraform会将其清空。" / "Die Whitelist steht hier nicht: Führen Sie ihre Einträge in der Ressource auf, sonst leert Terraform sie.",
        tf_whitelist_remove: "Terraform holds the whole whitelist: to remove these entries, delete them from the service's list." / "Terraform管理整个白名单：要移除这些条目，请从该服务的列表中删除它们。" / "Terraform verwaltet die ganze Whitelist: Um diese Einträge zu entfernen, löschen Sie sie aus der Liste des Dienstes.",
    }
);
