import json
from copy import deepcopy

DEFAULTS = {
    "server": {"host": "0.0.0.0", "port": 8080, "tls": {"enabled": False, "cert": None}},
    "logging": {"level": "INFO", "handlers": ["console"]},
    "features": {"beta": False, "max_upload_mb": 10},
}

USER = json.loads("""
{
  "server": {"port": 9090, "tls": {"enabled": true, "cert": "/etc/cert.pem"}},
  "logging": {"handlers": ["console", "file"]},
  "features": {"max_upload_mb": 25.5, "experimental": ["a", "b"]}
}
""")


def deep_merge(base, override):
    result = deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def flatten(d, prefix=""):
    for k, v in d.items():
        path = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            yield from flatten(v, path)
        else:
            yield path, v


def validate(cfg):
    errors = []
    port = cfg["server"]["port"]
    if not (0 < port < 65536):
        errors.append(f"bad port {port}")
    if cfg["logging"]["level"] not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        errors.append("bad level")
    if cfg["server"]["tls"]["enabled"] and not cfg["server"]["tls"]["cert"]:
        errors.append("tls without cert")
    return errors


merged = deep_merge(DEFAULTS, USER)
print(json.dumps(merged, indent=2))
print(json.dumps(merged, sort_keys=True, separators=(",", ":")))
for path, value in flatten(merged):
    print(f"{path:<28} = {value!r}")
print("errors:", validate(merged))
merged["server"]["port"] = 70000
merged["logging"]["level"] = "LOUD"
print("errors:", validate(merged))
print(DEFAULTS["server"]["port"], DEFAULTS["logging"]["handlers"])
print(json.dumps({"nan": float("inf") > 1, "x": None, "u": "caf\u00e9"}, ensure_ascii=False))
print(json.dumps(["caf\u00e9", 1e20, 1.0, -0.0, 10**20]))
