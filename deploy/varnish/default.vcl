vcl 4.1;
# The edge cache in front of the site (gunicorn on loopback): Varnish 7.1 + vmod_xkey.
#
# Started by run-varnish.sh, which writes the deployment's values into `edge-settings.vcl` in
# Varnish's private working directory and puts that directory first in vcl_path:
#   backend default { ... }             the Django backend (host, port, optional probe)
#   acl edge_purgers { ... }            who may send PURGE (loopback by default)
#   sub edge_classify { ... }           sets req.http.X-Edge-Pass for never-cached prefixes
#                                       (DJANGO_ADMIN_PATH, /healthz) and
#                                       req.http.X-Edge-Localized for /en/, /ru/, /az/ addresses
#   sub edge_check_purge_token { ... }  sets req.http.X-Edge-Token-Ok when X-Purge-Token matches
# This file itself holds no deployment values, so it is the same on every machine.
#
# What is cached: anonymous GET/HEAD only (no Authorization, no sessionid/csrftoken/messages
# cookie, not under the admin), and only responses the backend explicitly marks as fresh
# (Cache-Control max-age/s-maxage, Expires, or Surrogate-Control max-age) with no Set-Cookie and
# no private/no-store/no-cache. Responses carry their cache tags in the `xkey` header
# (space- or comma-separated); `PURGE` with `xkey-purge: tag tag…` invalidates them.

import std;
import cookie;
import xkey;

include "edge-settings.vcl";

# Internal request headers (X-Edge-*) carry flags between subroutines. None may come from a
# client, and none is sent to the backend (vcl_backend_fetch) or to the client (vcl_deliver).
sub edge_reset_internal {
    unset req.http.X-Edge-Pass;
    unset req.http.X-Edge-Localized;
    unset req.http.X-Edge-Token-Ok;
    unset req.http.X-Edge-Purged;
    unset req.http.X-Edge-Purge-Mode;
    unset req.http.X-Edge-Cache;
}

sub vcl_recv {
    call edge_reset_internal;

    # One id per request, the client's if it is well formed: the backend logs it on a miss, and
    # the client gets the id of its own request even on a hit (a stored X-Request-ID is replaced).
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9._:-]{1,128}$") {
        set req.http.X-Request-ID = "edge-" + server.identity + "-" + req.xid;
    }

    if (req.method == "PURGE") {
        call edge_purge;
    }

    # From the builtin VCL: Host is required in HTTP/1.1 and is compared lower-case.
    if (req.http.host ~ "[[:upper:]]") {
        set req.http.host = req.http.host.lower();
    }
    if (!req.http.host && req.esi_level == 0 && req.proto == "HTTP/1.1") {
        return (synth(400, "Bad Request"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
            req.method == "DELETE" || req.method == "OPTIONS") {
            return (pass);
        }
        # BAN, PRI, CONNECT, TRACE, WebDAV…: not ours to forward (the builtin VCL would pipe them).
        return (synth(405, "Method Not Allowed"));
    }

    call edge_classify;

    # Requests that belong to one person are never looked up nor stored: they reach the backend
    # with all their headers and cookies untouched.
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        # Django's session (staff), CSRF (a page with a form was seen) and messages cookies.
        if (cookie.isset("sessionid") || cookie.isset("csrftoken") || cookie.isset("messages")) {
            return (pass);
        }
    }
    if (req.http.X-Edge-Pass) {
        return (pass);
    }

    # Anonymous and cacheable: other cookies (analytics…) would only fragment the cache
    # (the backend sends Vary: Cookie). On /en/, /ru/, /az/ addresses the language is in the
    # address, so no cookie is kept; elsewhere (/, /api/…) Django's language cookie chooses the
    # language, so it alone is kept and the backend's Vary: Cookie keys on it.
    if (req.http.Cookie) {
        if (req.http.X-Edge-Localized) {
            unset req.http.Cookie;
        } else {
            cookie.keep("django_language");
            set req.http.Cookie = regsub(cookie.get_string(), ";\s*$", "");
            if (req.http.Cookie == "") {
                unset req.http.Cookie;
            }
        }
    }

    # Short grace while the backend is healthy: after a soft purge or on expiry, one visitor's
    # request starts a background refresh and everybody meanwhile gets the stale copy. When a
    # probe is configured and the backend is sick, stale copies are served for their full grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub edge_purge {
    # Two checks: the address (client.ip: the real client when a PROXY-protocol terminator is in
    # front) and a shared secret. The secret matters most when something on this machine (a TLS
    # terminator) forwards public traffic to Varnish from loopback.
    if (client.ip !~ edge_purgers) {
        return (synth(403, "Forbidden"));
    }
    call edge_check_purge_token;
    if (!req.http.X-Edge-Token-Ok) {
        return (synth(403, "Forbidden"));
    }
    unset req.http.X-Purge-Token;
    if (req.http.xkey-purge) {
        # Soft by default: the objects expire now but stay for grace (a stale copy is served
        # while one background fetch refreshes it) and for conditional revalidation.
        # `xkey-purge-mode: hard` removes them at once (the next request waits for the backend).
        if (req.http.xkey-purge-mode == "hard") {
            set req.http.X-Edge-Purge-Mode = "hard";
            set req.http.X-Edge-Purged = xkey.purge(req.http.xkey-purge);
        } else {
            set req.http.X-Edge-Purge-Mode = "soft";
            set req.http.X-Edge-Purged = xkey.softpurge(req.http.xkey-purge);
        }
        return (synth(200, "Purged"));
    }
    # No tags: the object at this address, every variant of it.
    return (purge);
}

sub vcl_hash {
    # The scheme, when a TLS terminator in front says it: a page (or an https redirect) stored
    # for http must never be served for https.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    # The builtin hash (URL and Host) follows. Vary (Cookie, Accept, Accept-Language, Origin,
    # Accept-Encoding) is honoured by Varnish itself, on top of the hash.
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        # In grace: this copy is stale, and a background fetch is refreshing it.
        set req.http.X-Edge-Cache = "STALE";
    } else {
        set req.http.X-Edge-Cache = "HIT";
    }
}

sub vcl_miss {
    if (req.is_hitmiss) {
        set req.http.X-Edge-Cache = "MISS-UNCACHEABLE";
    } else {
        set req.http.X-Edge-Cache = "MISS";
    }
}

sub vcl_pass {
    set req.http.X-Edge-Cache = "PASS";
}

sub vcl_purge {
    set req.http.X-Edge-Purge-Mode = "url";
    return (synth(200, "Purged"));
}

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Pass;
    unset bereq.http.X-Edge-Localized;
    unset bereq.http.X-Edge-Token-Ok;
    unset bereq.http.X-Edge-Purged;
    unset bereq.http.X-Edge-Purge-Mode;
    unset bereq.http.X-Edge-Cache;
}

sub edge_uncacheable {
    # Hit-for-miss for two minutes (as the builtin VCL): requests for this address go straight to
    # the backend without queueing behind each other, and a later cacheable response is stored.
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
}

sub vcl_backend_response {
    unset beresp.http.X-Edge-Surrogate-Ttl;
    # Fastly's name for the same tags: a site that sends Surrogate-Key (for a CDN) is purgeable
    # here too. vmod_xkey reads only `xkey`.
    if (beresp.http.Surrogate-Key && !beresp.http.xkey) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    if (bereq.uncacheable) {
        # A pass: nothing is stored.
        return (deliver);
    }
    # A background refresh that failed keeps the stale copy rather than storing the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Stricter than the builtin VCL, which ignores Cache-Control when Surrogate-Control is
    # present: a private page is never stored, whatever else the backend says.
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Surrogate-Control ~ "(?i)no-store" ||
        beresp.http.Vary == "*") {
        call edge_uncacheable;
    }
    # The edge TTL: Surrogate-Control max-age (for Varnish only, stripped before delivery) over
    # Cache-Control s-maxage over max-age over Expires (the last three computed by Varnish core).
    # The backend must say: responses without any of them (default_ttl would give them 120s:
    # redirects, 404s, error pages) are not stored.
    if (beresp.http.Surrogate-Control ~ "(?i)(^|[\s,;])max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "(?i)^(.*[\s,;])?max-age=([0-9]+).*$", "\2") + "s",
            0s);
        set beresp.http.X-Edge-Surrogate-Ttl = "1";
    } else if (beresp.http.Cache-Control !~ "(?i)max-age=" && !beresp.http.Expires) {
        call edge_uncacheable;
    }
    if (beresp.ttl <= 0s) {
        call edge_uncacheable;
    }
    # Stale copies are kept for up to 6 hours for when a probe says the backend is down; while it
    # is up, vcl_recv limits grace to 10s. Cache-Control stale-while-revalidate, if longer, wins.
    if (beresp.grace < 6h) {
        set beresp.grace = 6h;
    }
    return (deliver);
}

sub vcl_deliver {
    if (req.http.X-Edge-Cache) {
        set resp.http.X-Cache = req.http.X-Edge-Cache;
    } else {
        set resp.http.X-Cache = "MISS";
    }
    set resp.http.X-Cache-Hits = obj.hits;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    # A copy kept longer at the edge than browsers may keep it: its age at the edge says nothing
    # about its freshness for a browser, which gets the Cache-Control max-age from now.
    if (resp.http.X-Edge-Surrogate-Ttl) {
        set resp.http.Age = "0";
    }
    # The cache tags and the edge-only directives stay here.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Edge-Surrogate-Ttl;
}

sub vcl_synth {
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.Content-Type = "application/json";
        if (req.http.X-Edge-Purge-Mode == "url") {
            set resp.body = {"{"mode": "url", "purged": true}"} + {"
"};
        } else {
            set resp.http.X-Purged = req.http.X-Edge-Purged;
            set resp.body = {"{"mode": ""} + req.http.X-Edge-Purge-Mode + {"", "purged": "} +
                req.http.X-Edge-Purged + {"}
"};
        }
        return (deliver);
    }
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    if (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    }
    set resp.body = "" + resp.status + " " + resp.reason + {"
"};
    return (deliver);
}
