//! The words of the header, the language switch, the settings and the first run's
//! checklist, in English / Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// The header and the settings.
    Shell {
        product: "VPC Endpoint console" / "VPC终端节点控制台" / "VPC-Endpunkt-Konsole",
        language_label: "Language" / "语言" / "Sprache",
        language_missing: "That language did not download. Check the connection, then choose it again: nothing you typed is lost." / "该语言未能下载。请检查网络连接后重新选择：您输入的内容不会丢失。" / "Diese Sprache wurde nicht geladen. Prüfen Sie die Verbindung und wählen Sie sie erneut: Nichts Eingegebenes geht verloren.",
        loading: "Loading…" / "加载中…" / "Wird geladen…",
        part_missing: "This part of the console did not download. Check the connection, then try again: nothing you typed is lost." / "控制台的这一部分未能下载。请检查网络连接后重试：您输入的内容不会丢失。" / "Dieser Teil der Konsole wurde nicht geladen. Prüfen Sie die Verbindung und versuchen Sie es erneut: Nichts Eingegebenes geht verloren.",
        try_again: "Try again" / "重试" / "Erneut versuchen",
    }
);
