"""The report's inline stylesheet: calm, high contrast, printed on A4. `css(form)` is the
shared sheet plus the handout's or the teacher's record's own rules."""

BASE = """
:root { --ink: #1b1d21; --muted: #565b64; --line: #d5d8de; --soft: #f3f4f6;
        --accent: #1a56a8; --down: #a4262c; --up: #1e6b3f; --other: #b4591b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 54rem; padding: 2rem 1.75rem 3rem; color: var(--ink);
       background: #fff; font: 15px/1.5 "Atkinson Hyperlegible", "Segoe UI", "Helvetica Neue",
       Arial, sans-serif; overflow-wrap: anywhere; }
/* Chinese pages: a CJK face first, so quotation marks and punctuation take their full-width
   Chinese forms rather than a Latin font's. */
html:lang(zh) body, html:lang(zh) .chart text {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
               "Atkinson Hyperlegible", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .1rem 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .7rem; padding-bottom: .25rem;
     border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.02rem; margin: 1.3rem 0 .4rem; }
h4, h5, h6 { font-size: .95rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0 .7rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: var(--muted);
          margin: 0; }
.sub { color: var(--muted); margin: 0 0 1.1rem; }
.muted { color: var(--muted); }
.small { font-size: .84rem; }
.summary { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card .label { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em;
               color: var(--muted); }
.card .big { font-size: 1.55rem; font-weight: 700; line-height: 1.25;
             font-variant-numeric: tabular-nums; }
.card .title { font-size: 1.1rem; font-weight: 700; line-height: 1.3; margin: .15rem 0; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin: .3rem 0 .8rem;
        table-layout: fixed; }
/* Fixed layout: the narrow columns get these widths and the text columns share the rest, so
   no word, however long, can push a table off the page (cells break it instead). */
table.choices th:nth-child(1), table.records th:nth-child(1), table.differ th:nth-child(1)
  { width: 3.4rem; }
table.choices th:nth-child(3), table.choices th:nth-child(4),
table.records:not(.brief) th:nth-child(5), table.records th:nth-child(6) { width: 5rem; }
table.records.brief th:nth-child(4) { width: 5rem; }
.category { font-weight: 700; }
table.choices th:nth-child(5) { width: 7.5rem; }
table.choices.brief th:nth-child(3), table.choices.brief th:nth-child(4) { width: 5.2rem; }
table.records:not(.brief) th:nth-child(2), table.tiers th:nth-child(1) { width: 8.5rem; }
table.tiers th:nth-child(2) { width: 5rem; }
th, td { text-align: left; vertical-align: top; padding: .38rem .5rem;
         border-bottom: 1px solid var(--line); }
thead th { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em;
           color: var(--muted); border-bottom: 1.5px solid var(--ink);
           overflow-wrap: break-word; }
thead th.num { white-space: normal; }
/* A heading longer than its column (a translation) wraps, and breaks inside a word only
   when the word alone is wider, so it never runs into the next column. */
table.compact { width: 32rem; max-width: 100%; }
table.compact .num { width: 9rem; }
tr.episode th { background: var(--soft); font-size: .85rem; padding: .3rem .5rem; }
tr.continue td { color: var(--muted); }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.up { color: var(--up); } .down { color: var(--down); }
ul.options { list-style: none; margin: .25rem 0 0; padding: 0; font-size: .84rem; }
ul.options li { margin: .1rem 0; padding-left: 1.1rem; text-indent: -1.1rem; color: var(--muted); }
ul.options li::before { content: "\\25CB\\00A0\\00A0"; }
.choice { font-weight: 600; } tr.continue .choice { font-weight: 400; }
ul.options li.locked::before { content: "\\2715\\00A0\\00A0"; }
.votes { font-weight: 600; color: var(--accent); }
.events { font-size: .82rem; color: var(--muted); margin-top: .2rem; }
.badge { display: inline-block; font-size: .68rem; font-weight: 700; letter-spacing: .06em;
         text-transform: uppercase; border: 1px solid currentColor; border-radius: 3px;
         padding: 0 .3rem; margin-right: .35rem; vertical-align: .08em; white-space: nowrap; }
.badge.fact { color: var(--up); } .badge.fiction { color: var(--accent); }
.badge.myth { color: var(--down); } .badge.disputed { color: var(--other); }
.facts li { margin: .5rem 0; }
.facts .source { display: block; font-size: .8rem; color: var(--muted); }
.chart { display: block; margin: .3rem 0 .2rem; }
.chart .plot { fill: #fafbfc; stroke: var(--line); }
.chart .tier { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 5 4; opacity: .7; }
.chart .grid { stroke: #e6e8ec; stroke-width: 1; }
.chart .episode { stroke: var(--muted); stroke-width: 1; }
.chart text { font-size: 11px; fill: var(--muted);
              font-family: "Atkinson Hyperlegible", "Segoe UI", Arial, sans-serif; }
.chart .ylabel { text-anchor: end; } .chart .xlabel { text-anchor: middle; }
.chart .tierlabel { fill: var(--ink); }
.chart polyline { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
.chart polyline.run { stroke: var(--accent); } .chart circle.run { fill: var(--accent); }
.chart polyline.other { stroke: var(--other); stroke-dasharray: 7 4; }
.chart circle.other { fill: var(--other); }
.legend { font-size: .82rem; color: var(--muted); margin: 0 0 .6rem; }
.ending { border-left: 4px solid var(--ink); padding: .1rem 0 .1rem 1rem; margin: 1rem 0 1.4rem; }
.ending .tone { font-size: .8rem; color: var(--muted); }
ol.prompts li { margin: .45rem 0; }
.notes { background: var(--soft); border-radius: 6px; padding: .6rem .8rem; font-size: .9rem; }
.guide { font-size: .92rem; }
/* A guide's tables have any number of columns: sized by their text, breaking only between
   words (a fixed layout would give a one-word column as much room as a paragraph). */
.guide table { table-layout: auto; }
.guide th, .guide td { overflow-wrap: break-word; }
blockquote { margin: .6rem 0; padding-left: .8rem; border-left: 3px solid var(--line);
             color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em;
       background: var(--soft); padding: 0 .2rem; border-radius: 3px; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid var(--line);
         font-size: .78rem; color: var(--muted); }
@media (max-width: 40rem) { .summary { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 14mm 14mm 16mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  tr, .card, .ending, .facts li, table.compact, .chart { break-inside: avoid;
    page-break-inside: avoid; }
  thead { display: table-header-group; }
  .chart .plot { fill: none; }
  a { color: inherit; text-decoration: none; }
}
"""

TEACHER = """
.run-title { margin-top: 2.6rem; padding: .35rem .6rem; background: var(--ink); color: #fff;
             border: 0; border-radius: 4px; }
table.differ td { width: 45%; }
@media print {
  .whatif { break-before: page; page-break-before: always; }
  .run-title { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

HANDOUT = """
body.handout { max-width: 50rem; }
.fill { float: right; margin: 0; font-size: .85rem; color: var(--muted); }
.handout h1 { clear: both; }
.fill span { display: inline-block; width: 10rem; margin: 0 .7rem 0 .3rem;
             border-bottom: 1px solid var(--ink); }
.fill span.short { width: 5rem; }
.handout h2 { margin: 1.5rem 0 .5rem; }
.handout table { font-size: .86rem; }
.handout th, .handout td { padding: .22rem .45rem; }
ol.choice-columns { list-style: none; margin: .3rem 0 .5rem; padding: 0; columns: 2;
                    column-gap: 1.6rem; font-size: .86rem; }
ol.choice-columns li { display: grid; grid-template-columns: 1.7rem 1fr 3.6rem;
                       column-gap: .4rem; padding: .14rem 0; border-bottom: 1px solid var(--line);
                       break-inside: avoid; page-break-inside: avoid; }
ol.choice-columns .step { text-align: right; color: var(--muted);
                          font-variant-numeric: tabular-nums; }
ol.choice-columns li.episode { display: block; font-weight: 700; background: var(--soft);
                               padding: .12rem .4rem; border-bottom: 0; break-after: avoid;
                               page-break-after: avoid; }
.crossed { font-size: .78rem; line-height: 1; font-weight: 700; color: var(--accent);
           white-space: nowrap; }
.handout .talk h3 { margin: .7rem 0 .1rem; }
.handout ol.prompts { margin: 0; padding: 0; list-style: none; counter-reset: prompt; }
.handout ol.prompts li { counter-increment: prompt; margin: .4rem 0 .5rem; padding-left: 1.5rem;
                         position: relative; }
.handout ol.prompts li::before { content: counter(prompt) "."; position: absolute; left: 0;
                                 font-weight: 700; }
.two-columns ol.prompts { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.6rem; }
.two-columns ol.prompts li { font-size: .92rem; }
.talk.earlier { color: var(--muted); }
.talk.earlier ol.prompts li { margin: .1rem 0; font-size: .92rem; }
.handout .talk.earlier h3 { margin: .45rem 0 .05rem; font-size: .95rem; }
.ruled { display: block; }
.ruled span { display: block; height: 2.1em; border-bottom: 1px solid #8d939c; }
@media print {
  @page { size: A4; margin: 10mm 12mm 10mm; }
  body.handout { font-size: 9.6pt; line-height: 1.33; }
  .handout table, ol.choice-columns { font-size: 9pt; margin: .2rem 0 .4rem; }
  .handout th, .handout td { padding: .16rem .4rem; }
  .handout .sub { margin-bottom: .6rem; }
  .handout .legend { margin-bottom: .2rem; }
  .ruled span { height: 1.9em; }
  .handout tr.episode th { padding: .1rem .4rem; font-size: 8.6pt; }
  .handout h1 { font-size: 1.55rem; }
  .handout h2 { margin: .7rem 0 .3rem; font-size: 1.08rem; }
  .handout .summary { gap: .5rem; }
  .handout .card { padding: .2rem .6rem; line-height: 1.25; }
  .handout .card .big { font-size: 1.2rem; display: inline; margin-right: .4rem; }
  .handout .card .big + div, .handout .card .title + div { display: inline; }
  .handout .card .title { display: inline; margin-right: .4rem; }
  .handout ol.prompts li { break-inside: avoid; page-break-inside: avoid; }
  /* nothing after the last lines: a trailing margin alone would start a blank page */
  .handout .discussion-part, .handout .talk:last-child, .handout .talk:last-child ol,
  .handout .talk:last-child li { margin-bottom: 0; }
  .handout footer { margin-top: .5rem; padding-top: .3rem; }
  .handout .talk h3 { margin-top: .5rem; }
}
"""


def css(form: str) -> str:
    """The stylesheet for "handout" or "teacher"."""
    return BASE + (HANDOUT if form == "handout" else TEACHER)
