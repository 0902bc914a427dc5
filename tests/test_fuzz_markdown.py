"""Fuzzing the guide reader (issue 14 §11): any text is read by the report and the window
without an exception, and the report's HTML holds only the tags it makes itself. Short by
default; STANDING_FUZZ_EXAMPLES=20000 runs it long."""
import re

from hypothesis import given
from hypothesis import strategies as st

from fuzzutil import fuzz
from game.report.markdown import markdown_to_html

OWN_TAGS = re.compile(r"</?(h[1-6]|p|ul|ol|li|blockquote|hr|table|thead|tbody|tr|th|td|"
                      r"strong|em|code)>")
MARKUP = ["# ", "## ", "- ", "* ", "1. ", "> ", "---", "| a | b |", "|---|:-:|", "**", "*", "__",
          "_", "`", "[", "](", ")", "\n", "\n\n", "  ", "x", "<script>", "&", "\t", "\x00"]
guides = st.text(max_size=300) | st.lists(st.sampled_from(MARKUP), max_size=150).map("".join)


@fuzz(200)
@given(guides)
def test_any_guide_reads_and_the_report_makes_only_its_own_tags(md):
    from game.ui.screens.guide import parse
    html = markdown_to_html(md)
    assert "<" not in OWN_TAGS.sub("", html)
    parse(md)
