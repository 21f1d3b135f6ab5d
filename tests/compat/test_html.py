# html: escape and unescape (named, legacy without ';', numeric with HTML5's
# replacements), html.entities tables.
import html
from html.entities import name2codepoint, codepoint2name, entitydefs, html5

print(html.escape('<a href="x">Tom & Jerry\'s</a>'), html.escape('<b>"q"</b>', quote=False))
cases = ['&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; &copy; &apos;', '&amp &lt &gt &copy2024 &COPY &ampx',
         '&#65;&#x42;&#X43; &#0; &#128; &#x80; &#x9f; &#55296; &#x110000; &#1; &#x7f; &#xfdd0; &#xfffe;',
         '&nosuch; &; &# &#x; &#xZZ; & plain', '&eacute;t&eacute; &Eacute &euro; &hellip; &rarr; &alpha;',
         'no entities here', '&amp;amp; &&amp;', '&notit; &notin; &not', '&#65 &#x42x']
for c in cases:
    print('[%s]' % html.unescape(c), [hex(ord(ch)) for ch in html.unescape(c) if ord(ch) > 126])
print(len(name2codepoint), name2codepoint['eacute'], codepoint2name[8364], entitydefs['nbsp'] == '\xa0')
print(html5['amp;'], html5['lt'], 'apos;' in html5)
