# Read an INI configuration with configparser.
import configparser
text = """
[DEFAULT]
timeout = 30

[server]
host = example.org
port = 8080
debug = yes

[client]
retries = 5
"""
cp = configparser.ConfigParser()
cp.read_string(text)
print(cp.sections())
print(cp["server"]["host"], cp.getint("server", "port"), cp.getboolean("server", "debug"))
print(cp.getint("client", "timeout"), cp.get("client", "retries"))
print(dict(cp["client"]))
print("server" in cp, cp.has_option("client", "host"))
print(cp.get("client", "missing", fallback="none"))
