import configparser

INI = """
[DEFAULT]
timeout = 30
retries = 3

[database]
host = db.internal
port = 5432
user = app
password = s3cr3t
pool_size = 10

[cache]
host = cache.internal
port = 6379
enabled = yes
ttl = 2.5

[paths]
root = /srv/app
logs = %(root)s/logs
data = %(root)s/data
"""

cfg = configparser.ConfigParser()
cfg.read_string(INI)
print(cfg.sections())
for section in cfg.sections():
    print(f"[{section}]")
    for key, value in cfg[section].items():
        shown = "*" * len(value) if "password" in key else value
        print(f"  {key:<10} = {shown}")
print(cfg.getint("database", "port") + 1, cfg.getboolean("cache", "enabled"), cfg.getfloat("cache", "ttl"))
print(cfg["database"].getint("timeout"), cfg.get("cache", "missing", fallback="n/a"))
print(cfg.has_option("paths", "logs"), cfg.has_section("web"), "cache" in cfg)
try:
    cfg.getint("database", "host")
except ValueError as e:
    print("ValueError:", e)
try:
    cfg["web"]
except KeyError as e:
    print("KeyError:", e)
try:
    cfg.get("database", "nope")
except configparser.NoOptionError as e:
    print("NoOptionError:", e)
cfg["web"] = {"port": "8080", "debug": "off"}
print(cfg.getboolean("web", "debug"), dict(cfg["web"]))
