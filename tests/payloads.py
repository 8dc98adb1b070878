"""Hostile text, as an attacker types it into any field: markup, script, breakouts from the formats the
site writes (HTML, XML, JSON in a <script>, iCalendar, CSV) and template syntax.

tests/site/test_escaping.py puts each of them where every format that leaves the site takes its text
and checks that it comes out as the same text, never as markup, a property or a formula.
"""

# One line each: they go into titles as well as into longer text.
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg/onload=alert(1)>',
    "'><iframe src=javascript:alert(1)></iframe>",
    "</script><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "]]><x onclick=alert(1)>",
    "&lt;b&gt;already escaped&lt;/b&gt; &amp; &#60;i&#62;",
    '=HYPERLINK("https://example.org","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    'Semicolon; comma, backslash \\ colon: quote "',
    "{{ 7|add:7 }} {% now 'Y' %} %(name)s {0}",
    "Line\u2028separator\u2029and paragraph",
    "javascript:alert(1)",
]

# Longer text may hold line breaks: these try to start a property or a component of their own.
MULTILINE_PAYLOADS = [
    "First line\nBEGIN:VEVENT\nSUMMARY:Injected\nEND:VEVENT",
    "First line\r\nATTENDEE:mailto:attacker@example.org\r\nX-INJECTED:1",
]
