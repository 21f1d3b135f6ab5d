import json
from datetime import datetime, timezone, timedelta
from statistics import mean

PAYLOAD = """
{"city": "Oslo", "units": "metric", "hourly": [
  {"ts": 1717225200, "temp": 11.2, "wind": 3.4, "cond": "cloudy"},
  {"ts": 1717236000, "temp": 14.8, "wind": 5.1, "cond": "sunny"},
  {"ts": 1717246800, "temp": 17.3, "wind": 6.0, "cond": "sunny"},
  {"ts": 1717257600, "temp": 15.1, "wind": 7.9, "cond": "rain"},
  {"ts": 1717268400, "temp": 12.6, "wind": 4.2, "cond": "rain"},
  {"ts": 1717279200, "temp": 10.0, "wind": null, "cond": "cloudy"}
]}
"""

data = json.loads(PAYLOAD)
tz = timezone(timedelta(hours=2), "CEST")
print(f"Weather for {data['city']} ({data['units']})")
for h in data["hourly"]:
    when = datetime.fromtimestamp(h["ts"], tz)
    wind = f"{h['wind']:.1f} m/s" if h["wind"] is not None else "n/a"
    print(f"  {when:%a %H:%M %Z}  {h['temp']:5.1f}\u00b0C  {wind:>8}  {h['cond']}")

temps = [h["temp"] for h in data["hourly"]]
winds = [h["wind"] for h in data["hourly"] if h["wind"] is not None]
print(f"avg temp {mean(temps):.2f}, max wind {max(winds)}")
conds = {}
for h in data["hourly"]:
    conds[h["cond"]] = conds.get(h["cond"], 0) + 1
print(conds)
utc = datetime.fromtimestamp(data["hourly"][0]["ts"], timezone.utc)
print(utc, utc.isoformat(), utc.astimezone(tz).isoformat())
print(utc.timestamp(), utc.tzinfo, tz.utcoffset(None), datetime(2024, 6, 1, tzinfo=timezone.utc) == utc)
summary = {"city": data["city"], "min": min(temps), "max": max(temps), "rainy_hours": conds.get("rain", 0) * 3}
print(json.dumps(summary, indent=2))
print(datetime.strptime("2024-06-01 14:05", "%Y-%m-%d %H:%M").replace(tzinfo=tz).strftime("%Y-%m-%dT%H:%M%z"))
