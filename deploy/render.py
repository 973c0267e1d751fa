#!/usr/bin/env python3
"""Render the nginx configuration of vpcep-console for one deployment.

  deploy/render.py console --root /srv/vpcep-console --upstream https://vpcep.cn-north-4.myhuaweicloud.com \
      --server-name console.example.com --tls-cert /etc/ssl/console.pem --tls-key /etc/ssl/console.key
  deploy/render.py cors-proxy --console-origin https://console.example.com \
      --upstream https://vpcep.cn-north-4.myhuaweicloud.com --server-name vpcep-proxy.example.com \
      --tls-cert ... --tls-key ...

With `--iam-upstream https://iam.cn-north-4.myhuaweicloud.com` either also forwards the
console's sign-in, exactly `POST /iam/v3/auth/tokens`, to the region's IAM.

With `--location /tools/vpcep/` (default `/`) `console` serves everything under that path: the
console's files and config.json, the API proxy at /tools/vpcep/vpcep/ and the sign-in at
/tools/vpcep/iam/, beside index.html, where the console looks for them.

It prints an nginx `server` block (plus `map`s for the CORS proxy) to include in the `http`
block of nginx.conf. `console` reads ROOT/index.html for the hash of trunk's inline loader
script, which the Content-Security-Policy allows: render again after every build.
"""
import argparse
import base64
import hashlib
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent


def origin(value, what):
    """scheme://host[:port], as a browser writes an Origin: lower case, no default port."""
    m = re.fullmatch(r"(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?/?", value)
    if not m:
        sys.exit(f"render.py: {what} must be scheme://host[:port] with no path, not {value!r}")
    scheme, host, port = m.group(1).lower(), m.group(2).lower(), m.group(3)
    if port and (scheme, port) in (("https", "443"), ("http", "80")):
        port = None
    return f"{scheme}://{host}" + (f":{port}" if port else "")


def checked(value, pattern, what):
    """Operator input goes into nginx syntax: refuse anything that could end a directive."""
    if not re.fullmatch(pattern, value):
        sys.exit(f"render.py: {what} {value!r} is not allowed (it must match {pattern})")
    return value


PATH = r"/[A-Za-z0-9._/+-]*"


def inline_script_hash(index_html):
    html = index_html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    if len(scripts) != 1:
        sys.exit(f"render.py: expected one inline script in {index_html}, found {len(scripts)}")
    digest = hashlib.sha256(scripts[0].encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode()


def tls_lines(args):
    if bool(args.tls_cert) != bool(args.tls_key):
        sys.exit("render.py: give both --tls-cert and --tls-key, or neither")
    if not args.tls_cert:
        return ""
    cert = checked(args.tls_cert, PATH, "--tls-cert")
    key = checked(args.tls_key, PATH, "--tls-key")
    return (
        f"    ssl_certificate {cert};\n"
        f"    ssl_certificate_key {key};\n"
        "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        + HSTS
    )


HSTS = '    add_header Strict-Transport-Security "max-age=31536000" always;\n'

# What every forwarded call shares (the API's and the sign-in's): the region's host over
# verified TLS, and nothing of the client's own passed on as given.
UPSTREAM = """\
        proxy_ssl_server_name on;
        # The token and the password go to the cloud only over a verified TLS connection.
        proxy_ssl_verify on;
        proxy_ssl_verify_depth 4;
        proxy_ssl_trusted_certificate @CA_FILE@;
        proxy_set_header Host $proxy_host;
        # Nothing the client claims about itself is passed on as given; no cookies either way.
        proxy_set_header Cookie "";
        proxy_set_header Authorization "";
        proxy_set_header X-Forwarded-Host "";
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_hide_header Set-Cookie;
        # The default access log format records no request header and no body, so neither the
        # token nor the password is ever logged.
        proxy_connect_timeout 10s;
        proxy_send_timeout 20s;
        # Below the console's own 30 s: the user sees the proxy's 504, not their own abort.
        proxy_read_timeout 25s;
"""

# How each allowed API call is forwarded (both variants): to the region's host, with the
# client's X-Auth-Token and Content-Type and nothing else of its own.
PROXY = """\
        # A variable, so nginx resolves the host as it goes (see `resolver`), not once at start.
        set $vpcep_upstream @VPCEP_UPSTREAM@;
        rewrite ^@API_RE@(.*)$ /$1 break;
        proxy_pass $vpcep_upstream;
""" + UPSTREAM + """\
        client_max_body_size 1m;
"""


# The sign-in (both variants, with --iam-upstream): exactly IAM's POST /v3/auth/tokens, the
# query (`nocatalog=true`) kept, with the API location's TLS and header hygiene.
# The body holds the user's password: nothing here logs it. nginx's default access log format
# has no body, and no `$request_body` may appear in this configuration (a test checks).
IAM_PROXY = """\
        set $vpcep_iam_upstream @IAM_UPSTREAM@;
        # With a variable, the URI is taken as written: IAM's path and the client's query only.
        proxy_pass $vpcep_iam_upstream/v3/auth/tokens$is_args$args;
""" + UPSTREAM + """\
        # A sign-in carries no token: none is passed on to IAM.
        proxy_set_header X-Auth-Token "";
        # A sign-in's body is well under 1 KB.
        client_max_body_size 16k;
"""

# The same-origin variant: the sign-in under /iam/ on the console's origin (the console's
# default IAM proxy), POST only; nothing else under /iam/ is served or forwarded.
IAM_CONSOLE = """\
    # IAM's sign-in, exactly POST /iam/v3/auth/tokens: no other IAM API is reachable here.
    location = @IAM_PATH@v3/auth/tokens {
        if ($request_method != POST) { return 405; }
@IAM_PROXY@    }
    location @IAM_PATH@ {
        return 404;
    }
"""

# The CORS variant: the same, with preflights from the console's origin answered here and the
# token's header readable by the page.
IAM_CORS = """\
    # IAM's sign-in, exactly POST /iam/v3/auth/tokens (and its preflight): no other IAM API.
    location = @IAM_PATH@v3/auth/tokens {
        if ($vpcep_origin_refused_@ID@) {
            return 403;
        }
        if ($request_method !~ ^(POST|OPTIONS)$) {
            return 405;
        }
        if ($vpcep_preflight_@ID@) {
            add_header Access-Control-Allow-Origin $vpcep_cors_origin_@ID@ always;
            add_header Access-Control-Allow-Methods "POST" always;
            add_header Access-Control-Allow-Headers "Content-Type" always;
            add_header Access-Control-Max-Age 600 always;
            add_header Vary Origin always;
            return 204;
        }
        # An OPTIONS that is no preflight of the console's is not IAM's business.
        if ($request_method = OPTIONS) {
            return 405;
        }
        add_header Access-Control-Allow-Origin $vpcep_cors_origin_@ID@ always;
        # The page reads the token from X-Subject-Token: exposed, or the browser hides it.
        add_header Access-Control-Expose-Headers "X-Subject-Token, X-Request-Id" always;
        add_header Vary Origin always;
        add_header X-Content-Type-Options "nosniff" always;
@HSTS@        proxy_hide_header Access-Control-Allow-Origin;
        proxy_hide_header Access-Control-Expose-Headers;
        proxy_hide_header Vary;
@IAM_PROXY@    }
    location @IAM_PATH@ {
        return 404;
    }
"""


# The console's own files at the root of the server: index.html, config.json (the operator's,
# else the deployment's default) and trunk's hashed assets.
CONSOLE_FILES_AT_ROOT = """\
    # index.html and config.json: always revalidate, so a new build or config is seen at once.
    location / {
        try_files $uri $uri/ =404;
        expires -1;
    }

    # Without a config.json of its own, the console is told where this proxy is (an operator's
    # config.json beside index.html wins): a path on the page's own origin, so it is right
    # behind a TLS load balancer too, and no Host header is copied into it.
    location = /config.json {
        try_files /config.json @vpcep_default_config;
        expires -1;
    }
    location @vpcep_default_config {
        default_type application/json;
        expires -1;
        return 200 '{"api_proxy_url":"/vpcep"}';
    }

    # trunk's content-hashed assets never change under their name. The hash is a 64-bit
    # number in hex without leading zeros, so it can be shorter than 16 digits.
    location ~* "-[0-9a-f]{10,16}(_bg)?\\.(js|wasm|css|svg)$" {
        try_files $uri =404;
        expires 1y;
    }

"""

# The same under a --location prefix, served from --root with `alias`; nothing outside the
# prefix is served (the bundle is not also at the root).
CONSOLE_FILES_UNDER = """\
    # Only the console under @LOCATION@: nothing else of this server is served.
    location / {
        return 404;
    }
    location = @LOCATION_BARE@ {
        return 301 @LOCATION@;
    }

    # index.html and config.json: always revalidate, so a new build or config is seen at once.
    location @LOCATION@ {
        alias @CONSOLE_ROOT@/;
        try_files $uri $uri/ =404;
        expires -1;
    }

    # Without a config.json of its own, the console is told where this proxy is (an operator's
    # config.json beside index.html wins): a path on the page's own origin, so it is right
    # behind a TLS load balancer too, and no Host header is copied into it.
    location = @LOCATION@config.json {
        alias @CONSOLE_ROOT@/config.json;
        try_files $uri @vpcep_default_config;
        expires -1;
    }
    location @vpcep_default_config {
        default_type application/json;
        expires -1;
        return 200 '{"api_proxy_url":"@API_BARE@"}';
    }

    # trunk's content-hashed assets never change under their name. The hash is a 64-bit
    # number in hex without leading zeros, so it can be shorter than 16 digits.
    location ~* "^@LOCATION_RE@([^/]+-[0-9a-f]{10,16}(_bg)?\\.(js|wasm|css|svg))$" {
        alias @CONSOLE_ROOT@/$1;
        expires 1y;
    }

"""


def location_of(value):
    """The --location prefix: /, or /a/b/ of letters, digits, `.`, `_` and `-`, no `.` or `..`
    segment (it goes into nginx locations and a regex)."""
    segments = value.split("/")
    ok = (
        value.startswith("/")
        and value.endswith("/")
        and all(re.fullmatch(r"[A-Za-z0-9._-]+", s) for s in segments[1:-1])
        and ".." not in value
        and "." not in segments
    )
    if not ok:
        sys.exit(
            f"render.py: --location must be / or a path such as /tools/vpcep/: starting and ending "
            f"with /, of letters, digits, '.', '_' and '-' (no '..', spaces, quotes, ';' or braces), not {value!r}"
        )
    return value


def upstream_of(value, what, secret, insecure):
    """An upstream origin: https://, or http:// with --insecure-upstream."""
    url = origin(value, what)
    if url.startswith("http://") and not insecure:
        sys.exit(f"render.py: {what} must be https:// ({secret} goes there); --insecure-upstream allows http:// for a local stand-in")
    return url


def resolver_lines(args):
    """The DNS servers nginx asks for the upstream's address, again every 30 s, so a change of
    the region host's address is followed without a reload."""
    servers = args.resolver
    if not servers:
        try:
            text = pathlib.Path("/etc/resolv.conf").read_text(encoding="utf-8")
        except OSError:
            text = ""
        servers = re.findall(r"^\s*nameserver\s+(\S+)", text, flags=re.M)
        if not servers:
            sys.exit("render.py: no nameserver in /etc/resolv.conf: give --resolver ADDR")
    shown = []
    for s in servers:
        checked(s, r"[0-9A-Za-z.:\[\]-]+", "--resolver")
        # nginx wants an IPv6 address in brackets.
        shown.append(f"[{s}]" if s.count(":") > 1 and not s.startswith("[") else s)
    return f"    resolver {' '.join(shown)} valid=30s ipv6=off;\n    resolver_timeout 5s;\n"


def fill(template, values):
    text = (HERE / "nginx" / template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        sys.exit(f"render.py: unfilled placeholders {sorted(set(left))}")
    return text


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="kind", required=True)
    for name in ("console", "cors-proxy"):
        s = sub.add_parser(name)
        s.add_argument("--upstream", required=True, help="the region's VPCEP host, e.g. https://vpcep.cn-north-4.myhuaweicloud.com")
        s.add_argument("--listen", help="nginx listen value (default: '443 ssl' with TLS, else '80')")
        s.add_argument("--server-name", default="_")
        s.add_argument("--tls-cert")
        s.add_argument("--tls-key")
        s.add_argument("--ca-file", default="/etc/ssl/certs/ca-certificates.crt", help="CAs that verify the upstream's certificate")
        s.add_argument("--resolver", action="append", default=[], help="a DNS server for the upstream's name, ADDR[:PORT] (default: the nameservers of /etc/resolv.conf)")
        s.add_argument("--iam-upstream", help="the region's IAM host, e.g. https://iam.cn-north-4.myhuaweicloud.com: also forward the console's sign-in, POST /iam/v3/auth/tokens, to it (default: no sign-in location)")
        s.add_argument("--insecure-upstream", action="store_true", help="allow an http:// upstream and IAM upstream (tests, a local stand-in): the token and the password then travel unencrypted")
        if name == "console":
            s.add_argument("--root", required=True, help="the folder holding trunk's dist/ files")
            s.add_argument("--connect-src", action="append", default=[], help="another origin the console may call (a CORS proxy)")
            s.add_argument("--brotli", action="store_true", help="serve the .br files of deploy/precompress (needs Debian's libnginx-mod-http-brotli-static)")
            s.add_argument("--location", default="/", help="the path the console is served under, e.g. /tools/vpcep/ (default /): its files, config.json, the API proxy (LOCATION/vpcep/) and the sign-in (LOCATION/iam/) all go under it")
        else:
            s.add_argument("--console-origin", required=True, help="the console's origin, the only one answered with CORS")
    args = p.parse_args()

    tls = tls_lines(args)
    listen = checked(args.listen or ("443 ssl" if tls else "80"), r"[A-Za-z0-9.:\[\]]+( [a-z0-9_]+)*", "--listen")
    upstream = upstream_of(args.upstream, "--upstream", "the token", args.insecure_upstream)
    iam = args.iam_upstream and upstream_of(
        args.iam_upstream, "--iam-upstream", "the password", args.insecure_upstream
    )
    location = location_of(args.location) if args.kind == "console" else "/"
    values = {
        # First: their own placeholders are filled by the ones below.
        "IAM": (IAM_CONSOLE if args.kind == "console" else IAM_CORS) if iam else "",
        "IAM_PROXY": IAM_PROXY,
        "IAM_UPSTREAM": iam or "",
        "PROXY": PROXY,
        "CONSOLE_FILES": CONSOLE_FILES_AT_ROOT if location == "/" else CONSOLE_FILES_UNDER,
        # Where the console's API and sign-in calls arrive: beside index.html.
        "API": location + "vpcep/",
        "API_BARE": location + "vpcep",
        "API_RE": location.replace(".", r"\.") + "vpcep/",
        "IAM_PATH": location + "iam/",
        "LOCATION": location,
        "LOCATION_BARE": location.rstrip("/"),
        "LOCATION_RE": location.replace(".", r"\."),
        "LISTEN": listen,
        "SERVER_NAME": checked(args.server_name, r"[A-Za-z0-9.*_-]+( [A-Za-z0-9.*_-]+)*", "--server-name"),
        "TLS": tls,
        "RESOLVER": resolver_lines(args),
        "VPCEP_UPSTREAM": upstream,
        "CA_FILE": checked(args.ca_file, PATH, "--ca-file"),
    }
    if args.kind == "console":
        root = pathlib.Path(args.root).resolve()
        values["CONSOLE_ROOT"] = checked(str(root), PATH, "--root")
        values["SCRIPT_HASH"] = inline_script_hash(root / "index.html")
        values["BROTLI"] = "    brotli_static on;\n" if args.brotli else ""
        values["CONNECT_SRC"] = "".join(" " + origin(o, "--connect-src") for o in args.connect_src)
        sys.stdout.write(fill("vpcep-console.conf.in", values))
    else:
        values["CONSOLE_ORIGIN"] = origin(args.console_origin, "--console-origin")
        # nginx's `map` variables are global to the `http` block: each proxy names its own.
        values["ID"] = hashlib.sha256(
            f"{listen}|{values['SERVER_NAME']}|{values['CONSOLE_ORIGIN']}".encode()
        ).hexdigest()[:10]
        values["HSTS"] = HSTS if tls else ""
        sys.stdout.write(fill("vpcep-proxy-cors.conf.in", values))


if __name__ == "__main__":
    main()
