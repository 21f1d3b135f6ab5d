# Merge a JSON configuration with defaults and print the result.
import json

DEFAULTS = {
    "server": {"host": "127.0.0.1", "port": 8080, "workers": 4},
    "logging": {"level": "INFO", "file": None},
    "features": ["search"],
    "debug": False,
}

USER = '''
{
  "server": {"port": 9000, "workers": 8},
  "logging": {"level": "DEBUG"},
  "features": ["search", "export"],
  "timeout": 30.5
}
'''

def merge(base, override):
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result

config = merge(DEFAULTS, json.loads(USER))
print(json.dumps(config, indent=2, sort_keys=True))

def flatten(d, prefix=""):
    items = []
    for k, v in d.items():
        name = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            items.extend(flatten(v, name))
        else:
            items.append((name, v))
    return items

for name, value in sorted(flatten(config)):
    print(f"{name:<16} = {json.dumps(value)}")

try:
    json.loads('{"port": 80,}')
except ValueError as e:
    print("Invalid JSON rejected:", type(e).__name__)
