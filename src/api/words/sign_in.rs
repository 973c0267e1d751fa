//! The words of signing in with an IAM user and of the token's lifetime, in English /
//! Chinese / German (see [`super::table`]).

use super::area::area;

area!(
    /// Signing in (IAM `POST /v3/auth/tokens`) and the token's expiry.
    SignIn {
        // what the form needs before it sends
        enter_user: "Enter the IAM user name." / "请输入IAM用户名。" / "Geben Sie den IAM-Benutzernamen ein.",
        enter_password: "Enter the password." / "请输入密码。" / "Geben Sie das Passwort ein.",
        enter_account: "Enter the account (domain) name the IAM user belongs to." / "请输入IAM用户所属的账号名。" / "Geben Sie den Kontonamen (Domain) ein, zu dem der IAM-Benutzer gehört.",
        enter_project: "Enter the project ID in the settings first: the token is scoped to it." / "请先在设置中填写项目ID：令牌的作用范围是该项目。" / "Geben Sie zuerst in den Einstellungen die Projekt-ID ein: Der Token gilt für dieses Projekt.",
        passcode_digits: "The passcode is the 6 digits your MFA app shows now." / "验证码是您的MFA应用当前显示的6位数字。" / "Der Code sind die 6 Ziffern, die Ihre MFA-App gerade anzeigt.",
        // what IAM's answer means
        no_token_header: "IAM answered without an `X-Subject-Token` header: the IAM proxy must expose it (Access-Control-Expose-Headers)." / "IAM的响应中没有 `X-Subject-Token` 头：IAM代理必须暴露该头（Access-Control-Expose-Headers）。" / "IAM hat ohne `X-Subject-Token`-Header geantwortet: Der IAM-Proxy muss ihn freigeben (Access-Control-Expose-Headers).",
        no_expiry: "IAM's answer has no `token.expires_at`: the console cannot tell when the token runs out." / "IAM的响应中没有 `token.expires_at`：控制台无法得知令牌何时过期。" / "IAMs Antwort enthält kein `token.expires_at`: Die Konsole kann nicht sagen, wann der Token abläuft.",
        wrong_password: "The user name, password or account name is wrong. Check all three; after too many tries IAM locks the user for a while." / "用户名、密码或账号名错误。请检查这三项；尝试次数过多时IAM会暂时锁定该用户。" / "Benutzername, Passwort oder Kontoname ist falsch. Prüfen Sie alle drei; nach zu vielen Versuchen sperrt IAM den Benutzer eine Zeit lang.",
        mfa_needed: "This user signs in with virtual MFA: enter the passcode from the MFA app." / "该用户需通过虚拟MFA登录：请输入MFA应用中的验证码。" / "Dieser Benutzer meldet sich mit virtueller MFA an: Geben Sie den Code aus der MFA-App ein.",
        locked: "IAM has locked this user for now (too many wrong tries or an administrator's choice): wait, or ask the account's administrator." / "IAM已暂时锁定该用户（错误尝试过多或管理员设置）：请稍候，或联系账号管理员。" / "IAM hat diesen Benutzer vorerst gesperrt (zu viele Fehlversuche oder eine Entscheidung des Administrators): Warten Sie oder fragen Sie den Administrator des Kontos.",
        no_project_access: "The user may not use this project: check the project ID in the settings, or the user's permissions." / "该用户无权使用此项目：请检查设置中的项目ID或该用户的权限。" / "Der Benutzer darf dieses Projekt nicht nutzen: Prüfen Sie die Projekt-ID in den Einstellungen oder die Rechte des Benutzers.",
        refused: "IAM refused the sign-in (HTTP {0})." / "IAM拒绝了登录（HTTP {0}）。" / "IAM hat die Anmeldung abgelehnt (HTTP {0}).",
        // the token's lifetime, for the header
        left_minutes: "token valid for {0} min" / "令牌剩余 {0} 分钟" / "Token noch {0} Min. gültig",
        left_hours: "token valid for {0} h {1} min" / "令牌剩余 {0} 小时 {1} 分钟" / "Token noch {0} Std. {1} Min. gültig",
        expired: "The token has expired: sign in again. Your drafts are kept." / "令牌已过期：请重新登录。您的草稿会保留。" / "Der Token ist abgelaufen: Melden Sie sich erneut an. Ihre Entwürfe bleiben erhalten.",
    }
);
