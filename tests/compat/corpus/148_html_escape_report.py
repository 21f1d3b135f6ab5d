# Build a small HTML report safely.
import html
rows = [("<script>", 3, 1.5), ("Tom & Jerry", 12, 0.25), ('"quoted"', 1, 100.0)]
out = ["<table>", "  <tr><th>Name</th><th>Qty</th><th>Price</th></tr>"]
for name, qty, price in rows:
    out.append(f"  <tr><td>{html.escape(name)}</td><td>{qty}</td><td>{price:,.2f}</td></tr>")
out.append("</table>")
print("\n".join(out))
print(html.unescape("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; &copy;"))
print(html.escape("it's", quote=False), html.escape("it's"))
