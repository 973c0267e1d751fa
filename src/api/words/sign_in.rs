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
        // the form
        title: "Sign in with an IAM user" / "使用IAM用户登录" / "Mit einem IAM-Benutzer anmelden",
        intro: "The console asks IAM for a token scoped to the project above. The password is sent once, to the IAM proxy, and never stored." / "控制台向IAM申请作用于上方项目的令牌。密码只发送一次（发往IAM代理），从不保存。" / "Die Konsole holt bei IAM einen Token für das Projekt oben. Das Passwort wird einmal an den IAM-Proxy gesendet und nie gespeichert.",
        user_label: "IAM user name" / "IAM用户名" / "IAM-Benutzername",
        password_label: "Password" / "密码" / "Passwort",
        account_label: "Account name" / "账号名" / "Kontoname",
        account_help: "The account (domain) the IAM user belongs to." / "IAM用户所属的账号（domain）。" / "Das Konto (Domain), zu dem der IAM-Benutzer gehört.",
        mfa_label: "This user signs in with virtual MFA" / "该用户通过虚拟MFA登录" / "Dieser Benutzer meldet sich mit virtueller MFA an",
        user_id_label: "IAM user ID" / "IAM用户ID" / "IAM-Benutzer-ID",
        user_id_help: "IAM asks for the user's ID with the passcode; it is on the My Credentials page." / "IAM要求随验证码提供用户ID，可在“我的凭证”页面找到。" / "IAM verlangt mit dem Code die Benutzer-ID; sie steht auf der Seite „Meine Zugangsdaten“.",
        passcode_label: "MFA passcode" / "MFA验证码" / "MFA-Code",
        enter_user_id: "Enter the IAM user ID: IAM asks for it with the passcode." / "请输入IAM用户ID：IAM要求随验证码一起提供。" / "Geben Sie die IAM-Benutzer-ID ein: IAM verlangt sie mit dem Code.",
        iam_proxy_label: "IAM proxy URL" / "IAM代理URL" / "IAM-Proxy-URL",
        iam_proxy_help: "The proxy that forwards the sign-in (POST /v3/auth/tokens) to the region's IAM." / "将登录请求（POST /v3/auth/tokens）转发到所在区域IAM的代理。" / "Der Proxy, der die Anmeldung (POST /v3/auth/tokens) an das IAM der Region weiterleitet.",
        iam_proxy_locked_help: "Set by this deployment: the password goes only there." / "由本部署设定：密码只发送到这里。" / "Von dieser Bereitstellung festgelegt: Das Passwort geht nur dorthin.",
        submit: "Sign in" / "登录" / "Anmelden",
        signing_in: "Signing in…" / "正在登录…" / "Anmeldung läuft…",
        or_paste: "Or paste a token you already have:" / "或粘贴已有的令牌：" / "Oder fügen Sie einen vorhandenen Token ein:",
        signed_in_as: "Signed in as {0} (account {1})." / "已登录：{0}（账号 {1}）。" / "Angemeldet als {0} (Konto {1}).",
        sign_out: "Sign out" / "退出登录" / "Abmelden",
        sign_in_again: "Sign in again" / "重新登录" / "Erneut anmelden",
        failed: "Sign-in failed" / "登录失败" / "Anmeldung fehlgeschlagen",
        iam_answered: "IAM answered:" / "IAM的响应：" / "Antwort von IAM:",
        unreachable: "IAM could not be reached at {0}: the IAM proxy is down, refuses this page (CORS), or the URL is wrong. Check the IAM proxy URL." / "无法通过 {0} 访问IAM：IAM代理未运行、拒绝本页面（CORS），或URL有误。请检查IAM代理URL。" / "IAM war unter {0} nicht erreichbar: Der IAM-Proxy läuft nicht, lehnt diese Seite ab (CORS) oder die URL ist falsch. Prüfen Sie die IAM-Proxy-URL.",
        timed_out: "IAM did not answer within {0} s. Try again; if it keeps happening, check the IAM proxy." / "IAM在 {0} 秒内未响应。请重试；如果持续出现，请检查IAM代理。" / "IAM hat nicht innerhalb von {0} s geantwortet. Versuchen Sie es erneut; wenn es wieder passiert, prüfen Sie den IAM-Proxy.",
        mfa_wrong: "IAM did not accept the passcode: enter the code the MFA app shows now, and check the user ID." / "IAM未接受该验证码：请输入MFA应用当前显示的验证码，并检查用户ID。" / "IAM hat den Code nicht akzeptiert: Geben Sie den Code ein, den die MFA-App gerade zeigt, und prüfen Sie die Benutzer-ID.",
        // the header
        expires_in: "token expires in {0} min" / "令牌将在 {0} 分钟后过期" / "Token läuft in {0} Min. ab",
        summary_expired: "token expired" / "令牌已过期" / "Token abgelaufen",
        step_sign_in: "Sign in" / "登录" / "Anmelden",
        step_sign_in_or_token: "Sign in (or an IAM token)" / "登录（或IAM令牌）" / "Anmelden (oder IAM-Token)",
        // the token's lifetime, for the header
        left_minutes: "token valid for {0} min" / "令牌剩余 {0} 分钟" / "Token noch {0} Min. gültig",
        left_hours: "token valid for {0} h {1} min" / "令牌剩余 {0} 小时 {1} 分钟" / "Token noch {0} Std. {1} Min. gültig",
        expired: "The token has expired: sign in again. Your drafts are kept." / "令牌已过期：请重新登录。您的草稿会保留。" / "Der Token ist abgelaufen: Melden Sie sich erneut an. Ihre Entwürfe bleiben erhalten.",
    }
);
